"""Year-end, dividend report, passbook and debt pages of a savings group: the committee previews and posts the
allocation, the treasurer pays it; the report and passbook come as page, PDF and Excel; a refusal comes back
as a message; debt surveys are recorded and planned on their pages."""

from __future__ import annotations

from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from kongthun.savings.debts.models import DebtSurvey, RefinancePlan
from kongthun.savings.yearend.actions import yearend_rule_set
from kongthun.savings.yearend.models import MemberDividend, ProfitRule, YearEndAllocation
from tests.integration.test_web_contributions import login, text
from tests.integration.test_web_pages import compile_translations
from tests.integration.yearend_support import *  # noqa: F403  (the fixtures)
from tests.integration.yearend_support import PERCENTS

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True, scope="module")
def _translations():
    compile_translations()


def user_of(actor):
    return get_user_model().objects.get(pk=actor.user_id)


def test_committee_previews_posts_and_treasurer_pays(client, group, officers, year_2568):
    t, c = officers
    url = reverse("web:yearend", args=[group.pk]) + "?year=2568"
    login(client, user_of(c))
    html = client.get(url).content.decode()
    assert '<option value="2568" selected>2568</option>' in html  # the year picker shows the year asked for
    page = text(client.get(url))
    assert "ยังไม่ได้กำหนดระเบียบ" in page  # no rule yet: the reason is shown
    bad = {f"pct_{k}": v for k, v in PERCENTS.items()} | {"pct_welfare": "10", "effective_from": "2025-01-01"}
    client.post(reverse("web:yearend_rule", args=[group.pk]), bad)
    assert not ProfitRule.objects.exists()
    assert "เกิน 100%" in text(client.get(url))
    good = {f"pct_{k}": v for k, v in PERCENTS.items()} | {"effective_from": "2025-01-01", "max_dividend_rate": "6"}
    client.post(reverse("web:yearend_rule", args=[group.pk]), good)
    assert ProfitRule.objects.count() == 1
    page = text(client.get(url))
    assert "ทุนสำรอง" in page and "หนึ่ง" in page and "บันทึกการจัดสรรกำไรปี" in page
    client.post(url, {"year": "2568", "action": "allocate", "on": "2026-01-15", "why": "มติที่ประชุมใหญ่"})
    alloc = YearEndAllocation.objects.get()
    assert sum(b["amount"] for b in alloc.buckets) == year_2568["closed"].surplus
    login(client, user_of(t))
    client.post(url, {"year": "2568", "action": "allocate", "on": "2026-01-15", "why": "x"})  # not the committee
    assert YearEndAllocation.objects.count() == 1
    client.post(url, {"year": "2568", "action": "pay", "on": "2026-01-20", "method": "savings"})
    assert not MemberDividend.objects.filter(paid_on__isnull=True, dividend__gt=0).exists()


def test_dividend_report_and_passbook_formats(client, group, officers, year_2568):
    from kongthun.savings.yearend.actions import yearend_allocate

    t, c = officers
    yearend_rule_set(organization=group, percents=PERCENTS, effective_from=date(2025, 1, 1), actor=c)
    yearend_allocate(organization=group, year_name=2568, on=date(2026, 1, 15), actor=c)
    login(client, user_of(t))
    report = reverse("web:yearend_dividends", args=[group.pk]) + "?year=2568"
    page = text(client.get(report))
    assert "รายงานการจัดสรรกำไรสุทธิและเงินปันผล" in page and "เงินเฉลี่ยคืน" in page
    pdf = client.get(report + "&format=pdf")
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    xlsx = client.get(report + "&format=xlsx")
    assert xlsx.content[:2] == b"PK"
    m1 = year_2568["m"][0]
    book = reverse("web:passbook", args=[group.pk, m1.pk]) + "?on=2026-02-01"
    page = text(client.get(book))
    assert "สมุดคู่บัญชีสมาชิก" in page and "12,000.00" in page  # shares held
    assert client.get(book + "&format=pdf").content.startswith(b"%PDF")
    assert client.get(book + "&format=xlsx").content[:2] == b"PK"


def test_debt_survey_and_plan_pages(client, group, officers, year_2568):
    t, c = officers
    m = year_2568["m"][1]
    login(client, user_of(t))
    url = reverse("web:debt_list", args=[group.pk])
    assert "บันทึกแบบสำรวจหนี้สิน" in text(client.get(url))
    bad = client.post(url, {"member_no": m.member_no, "surveyed_on": "2026-02-01", "idempotency_key": "w1",
                            "kind_1": "informal", "balance_1": "abc", "rate_1": "120"}, follow=True)
    assert "ไม่ถูกต้อง" in text(bad) and not DebtSurvey.objects.exists()
    client.post(url, {"member_no": m.member_no, "surveyed_on": "2026-02-01", "idempotency_key": "w1",
                      "monthly_income": "10000", "kind_1": "informal", "creditor_1": "นายทุน", "balance_1": "20000",
                      "rate_1": "120", "payment_1": "2000", "kind_2": "baac", "balance_2": "50000", "rate_2": "7",
                      "payment_2": "1500"})
    survey = DebtSurvey.objects.get()
    detail = reverse("web:debt_detail", args=[group.pk, survey.pk])
    page = text(client.get(detail))
    assert "70,000.00" in page and "35.00%" in page
    client.post(detail, {"annual_rate": "12", "months": "24", "product": ""})
    plan = RefinancePlan.objects.get()
    assert plan.amount == 2_000_000 and plan.interest_saved > 0
    assert "ประหยัดดอกเบี้ย" in text(client.get(detail))
