"""The report pages: the reports page with its pickers, each report as a page in Thai and in English, as a
PDF and as an Excel workbook; the member's own statement; links from the fund's and the member's pages;
another fund's treasurer gets nothing."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from kongthun.access.domain import Role
from kongthun.ledger.actions import entry_post
from kongthun.ledger.domain import credit, debit
from kongthun.welfare.contributions.actions import PaymentLine, collection_record, plan_set
from kongthun.welfare.reports.excel import XLSX
from tests.conftest import PASSWORD, SYSTEM
from tests.integration.test_web_pages import compile_translations

YEAR = "2568"


@pytest.fixture(autouse=True, scope="module")
def _translations():
    compile_translations()


@pytest.fixture
def books(fund_a, make_member):
    plan_set(organization=fund_a, effective_from=date(2024, 1, 1), actor=SYSTEM, why="มติที่ประชุม")
    member = make_member(fund_a, first="มาลี", last="ทดสอบ", joined=date(2024, 10, 1))
    collection_record(organization=fund_a, collected_on=date(2024, 11, 1), actor=SYSTEM, idempotency_key="k",
                      payments=[PaymentLine(member.pk, periods=2)])
    entry_post(organization=fund_a, date=date(2025, 2, 1), actor=SYSTEM, memo="พอช. สมทบ",
               lines=[debit("1102", 60_00), credit("4201", 60_00)])
    return member


def login(client, user):
    client.logout()
    assert client.login(username=user.username, password=PASSWORD)
    return client


def body(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def test_reports_page_lists_the_reports_and_is_linked_from_the_fund(client, treasurer_a, fund_a, books):
    login(client, treasurer_a)
    page = body(client.get(reverse("web:report_list", args=[fund_a.pk])))
    for text in ("รายงาน", "งบการเงินประจำปี", "รายงานประจำปีตามแบบ พอช.", "สมุดเงินสด", f'value="{YEAR}"'):
        assert text in page
    assert reverse("web:report_list", args=[fund_a.pk]) in body(client.get(reverse("web:org_detail",
                                                                                   args=[fund_a.pk])))


def test_each_report_in_thai_and_english(client, treasurer_a, fund_a, books):
    login(client, treasurer_a)
    urls = {reverse("web:report_annual", args=[fund_a.pk]) + f"?year={YEAR}": ("งบรายรับ-รายจ่าย", "120.00"),
            reverse("web:report_codi", args=[fund_a.pk]) + f"?year={YEAR}": ("รัฐบาลผ่าน พอช.", "50.00"),
            reverse("web:report_cashbook", args=[fund_a.pk]) + "?from=2024-10-01&to=2025-09-30":
                ("ยอดยกมา", "120.00")}
    for url, (thai, figure) in urls.items():
        page = body(client.get(url))
        assert thai in page and figure in page and "ดาวน์โหลด PDF" in page
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    page = body(client.get(reverse("web:report_annual", args=[fund_a.pk]) + f"?year={YEAR}"))
    assert 'lang="en"' in page and "Income and expenditure" in page and "Download Excel" in page
    page = body(client.get(reverse("web:report_codi", args=[fund_a.pk]) + f"?year={YEAR}"))
    assert "Government via CODI" in page and "not recorded" in page


def test_downloads_have_the_right_content_type(client, treasurer_a, fund_a, books):
    login(client, treasurer_a)
    for name, query in (("web:report_annual", f"year={YEAR}"), ("web:report_codi", f"year={YEAR}"),
                        ("web:report_cashbook", "from=2024-10-01&to=2025-09-30")):
        url = reverse(name, args=[fund_a.pk]) + "?" + query
        pdf = client.get(url + "&format=pdf")
        assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF-")
        xlsx = client.get(url + "&format=xlsx")
        assert xlsx["Content-Type"] == XLSX and xlsx.content.startswith(b"PK")
        assert ".xlsx" in xlsx["Content-Disposition"]
    assert client.get(reverse("web:report_annual", args=[fund_a.pk]) + "?format=doc").status_code == 422


def test_the_member_sees_their_own_statement_only(client, make_user, fund_a, make_member, books):
    other = make_member(fund_a, first="บุญมี", joined=date(2024, 10, 1))
    me = make_user("malee", Role.MEMBER, fund_a, person=books.person)
    login(client, me)
    detail = body(client.get(reverse("web:member_detail", args=[fund_a.pk, books.pk])))
    url = reverse("web:report_statement", args=[fund_a.pk, books.pk])
    assert url in detail
    page = body(client.get(url + "?on=2025-09-30"))
    assert "ใบแจ้งยอดสมาชิก" in page and books.member_no in page and "60.00" in page
    pdf = client.get(url + "?on=2025-09-30&format=pdf")
    assert pdf["Content-Type"] == "application/pdf"
    assert client.get(reverse("web:report_statement", args=[fund_a.pk, other.pk])).status_code in (403, 404)
    assert client.get(reverse("web:report_list", args=[fund_a.pk])).status_code in (403, 404)


def test_another_funds_treasurer_gets_nothing(client, treasurer_b, fund_a, books):
    login(client, treasurer_b)
    for url in (reverse("web:report_list", args=[fund_a.pk]),
                reverse("web:report_annual", args=[fund_a.pk]) + f"?year={YEAR}&format=xlsx",
                reverse("web:report_statement", args=[fund_a.pk, books.pk])):
        assert client.get(url).status_code in (403, 404)
