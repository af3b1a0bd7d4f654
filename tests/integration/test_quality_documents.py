"""Every printed document, downloaded as a treasurer would from the web app: the receipt (A4 and the 80 mm
roll), the payment voucher, the member statement, the loan schedule and the annual report. Each is a PDF
whose text (pdftotext, with sara am and the marks folded, see test_documents.normalize) carries the fund's
name, a Buddhist Era date, and, where the document has an amount to pay or received, that amount in Thai
words. Also: Django admin is for system administrators only."""

from __future__ import annotations

import re
import subprocess

import pytest

from kongthun.access.domain import Role
from tests.browser.quality_scene import COMMITTEE_USER, FUND_USER, GROUP_USER, PASSWORD, build_world
from tests.integration.test_documents import normalize, tool
from tests.integration.test_web_pages import compile_translations

pytestmark = pytest.mark.django_db
MONTHS = ("ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.",
          "มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน", "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม",
          "พฤศจิกายน", "ธันวาคม")
BE_DATE = re.compile(r"\b\d{1,2}\s*(?:" + "|".join(map(re.escape, MONTHS)) + r")\s*25\d\d\b")


@pytest.fixture
def world():
    compile_translations()
    return build_world(members=6)


def page_width_mm(client, username: str, url: str) -> float:
    assert client.login(username=username, password=PASSWORD)
    info = subprocess.run([tool("pdfinfo"), "-"], input=client.get(url).content, capture_output=True, check=True)
    match = re.search(r"Page size:\s+([\d.]+) x", info.stdout.decode())
    assert match, info.stdout
    return float(match[1]) / 72 * 25.4


def pdf_text(client, username: str, url: str) -> str:
    assert client.login(username=username, password=PASSWORD)
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    assert response["Content-Type"] == "application/pdf", url
    pdf = b"".join(response.streaming_content) if response.streaming else response.content
    assert pdf.startswith(b"%PDF-"), url
    out = subprocess.run([tool("pdftotext"), "-layout", "-", "-"], input=pdf, capture_output=True, check=True)
    return out.stdout.decode()


def reads(text: str, *expected: str) -> None:
    folded = normalize(text)
    for item in expected:
        assert normalize(item) in folded, f"{item!r} not in the PDF text:\n{text[:3000]}"


def has_be_date(text: str) -> None:
    assert BE_DATE.search(text.replace("\u0e33", "\u0e32")), f"no Buddhist Era date in:\n{text[:2000]}"


def words_of(satang: int) -> str:
    from kongthun.money import baht_words

    return baht_words(satang)


def test_receipt_on_a4_and_on_the_80mm_roll(client, world):
    from kongthun.welfare.contributions.models import Receipt

    receipt = Receipt.objects.get(pk=world.receipt_id)
    for paper, width in (("a4", 210), ("80mm", 80)):
        url = f"/orgs/{world.fund_id}/receipts/{receipt.pk}/pdf/?paper={paper}"
        text = pdf_text(client, FUND_USER, url)
        reads(text, world.fund_name, receipt.number, receipt.membership.person.full_name_th,
              words_of(receipt.total))
        has_be_date(text)
        assert abs(page_width_mm(client, FUND_USER, url) - width) < 1, paper


def test_payment_voucher(client, world):
    from kongthun.welfare.claims.models import Claim

    claim = Claim.objects.get(pk=world.claim_id)
    text = pdf_text(client, COMMITTEE_USER, f"/orgs/{world.fund_id}/claims/{claim.pk}/voucher.pdf")
    reads(text, world.fund_name, words_of(claim.amount))
    has_be_date(text)


def test_member_statement(client, world):
    text = pdf_text(client, FUND_USER, f"/orgs/{world.fund_id}/members/{world.member_id}/statement/?format=pdf")
    reads(text, world.fund_name)
    has_be_date(text)


def test_loan_schedule(client, world):
    from kongthun.savings.loans.models import Loan
    from kongthun.savings.loans.reports import schedule_doc

    loan = Loan.objects.get(pk=world.loan_id)
    to_repay = schedule_doc(loan).tables[0].totals[4]  # principal + interest of every instalment
    assert to_repay > loan.amount == 1_000_000
    text = pdf_text(client, GROUP_USER, f"/orgs/{world.group_id}/loans/{loan.pk}/schedule.pdf")
    reads(text, loan.organization.name_th, loan.number, words_of(to_repay))
    has_be_date(text)


def test_annual_report(client, world):
    text = pdf_text(client, FUND_USER, f"/orgs/{world.fund_id}/reports/annual/?year={world.year}&format=pdf")
    reads(text, world.fund_name, "2568")
    has_be_date(text)


@pytest.mark.parametrize("role", [Role.TREASURER, Role.COMMITTEE, Role.AUDITOR])
def test_admin_is_refused_to_everyone_but_system_admins(client, make_user, fund_a, role):
    from django.contrib.auth import get_user_model

    user = make_user(f"not_admin_{role}", role, fund_a)
    get_user_model().objects.filter(pk=user.pk).update(is_staff=True)  # staff by mistake, still not an admin
    assert client.login(username=user.username, password=PASSWORD)
    for url in ("/admin/", "/admin/ledger/account/", "/admin/auth/user/"):
        response = client.get(url)
        assert response.status_code in (302, 403), (url, response.status_code)
        if response.status_code == 302:
            assert "/admin/login/" in response["Location"]
    admin = make_user("sysadmin", is_superuser=True)
    assert client.login(username=admin.username, password=PASSWORD)
    assert client.get("/admin/").status_code == 200
