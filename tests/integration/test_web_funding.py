"""The outside-money pages: the funding page in Thai and in English with the administration cap's bar; the
committee records a source (refused without its legal basis, nothing written); a request for a year shows
its member lines and prints as PDF; the treasurer records money received (once, on a re-post) and pays
administration expenses, a warning when close to the cap and a refusal with the figures above it; another
fund's treasurer gets nothing."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from kongthun.audit.models import AuditEvent
from kongthun.ledger.models import JournalEntry
from kongthun.welfare.contributions.actions import PaymentLine, collection_record, plan_set
from kongthun.welfare.funding.actions import agreement_record, funds_receive
from kongthun.welfare.funding.models import FundingAgreement, FundingRequest, FundsReceived
from tests.conftest import SYSTEM
from tests.integration.test_web_contributions import login, text
from tests.integration.test_web_pages import compile_translations

BAHT = 100


@pytest.fixture(autouse=True, scope="module")
def _translations():
    compile_translations()


def written() -> dict[str, int]:
    return {"agreements": FundingAgreement.objects.count(), "requests": FundingRequest.objects.count(),
            "received": FundsReceived.objects.count(), "entries": JournalEntry.objects.count(),
            "audit": AuditEvent.objects.count()}


@pytest.fixture
def codi(fund_a):
    return agreement_record(organization=fund_a, kind="codi", name="เงินสมทบรัฐบาลผ่าน พอช.", actor=SYSTEM,
                            legal_basis="ระเบียบ พอช. ว่าด้วยการสนับสนุนกองทุนสวัสดิการชุมชน",
                            document_no="พอช. 77/2568", matching_ratio="1:1", cap_per_member=365 * BAHT)


@pytest.fixture
def paid(fund_a, make_member):
    plan_set(organization=fund_a, effective_from=date(2024, 1, 1), actor=SYSTEM, why="มติ")
    members = [make_member(fund_a, first=n, last="ทดสอบ", joined=date(2024, 10, 1)) for n in ("มาลี", "บุญมี")]
    collection_record(organization=fund_a, collected_on=date(2025, 1, 10), actor=SYSTEM, idempotency_key="k",
                      payments=[PaymentLine(members[0].pk, periods=13), PaymentLine(members[1].pk, periods=2)])
    return members


def url(name: str, fund, *args) -> str:
    return reverse(f"web:{name}", args=[fund.pk, *args])


def donate(fund, baht: int):
    gift = agreement_record(organization=fund, kind="donation", name="ผ้าป่าสามัคคี", actor=SYSTEM)
    today = timezone.localdate()
    funds_receive(agreement=gift, amount=baht * BAHT, received_on=today, actor=SYSTEM, idempotency_key="gift",
                  account="1101")


def test_the_funding_page_in_thai_and_english(client, treasurer_a, fund_a, codi):
    login(client, treasurer_a)
    body = text(client.get(url("funding", fund_a)))
    assert "เงินสมทบจากภายนอก" in body and "ค่าบริหารจัดการ" in body and "<progress" in body
    assert "รัฐบาลผ่าน พอช." in body and "พอช. 77/2568" in body and "ระเบียบ พอช." in body
    assert "บันทึกการรับเงิน" in body and "Record a source" not in body  # the treasurer posts, does not decide
    org_page = text(client.get(reverse("web:org_detail", args=[fund_a.pk])))
    assert url("funding", fund_a) in org_page
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    body = text(client.get(url("funding", fund_a)))
    assert 'lang="en"' in body and "Outside money" in body and "Government via CODI" in body
    assert "Spent 0.00 baht of a cap of" in body


def test_the_committee_records_a_source_and_a_missing_legal_basis_is_refused(client, make_user, fund_a):
    from kongthun.access.domain import Role

    login(client, make_user("committee_w", Role.COMMITTEE, fund_a))
    assert "ฐานทางกฎหมาย" in text(client.get(url("funding_agreement_new", fund_a)))
    before = written()
    response = client.post(url("funding_agreement_new", fund_a), {
        "kind": "local_gov", "name": "อบต.ทดสอบ", "legal_basis": "", "document_no": "ยส 1/2568",
        "matching_ratio": "1:1", "cap_per_member": "365"})
    assert response.status_code == 422 and "ต้องระบุฐานทางกฎหมาย" in text(response)
    assert 'value="อบต.ทดสอบ"' in text(response) and written() == before
    response = client.post(url("funding_agreement_new", fund_a), {
        "kind": "local_gov", "name": "อบต.ทดสอบ", "legal_basis": "ข้อบัญญัติงบประมาณ 2568",
        "document_no": "ยส 1/2568", "document_date": "2025-02-01", "matching_ratio": "1:2",
        "cap_per_member": "365"})
    assert response.status_code == 302
    a = FundingAgreement.objects.get(organization=fund_a)
    assert (a.kind, a.income_account, str(a.matching_ratio), a.cap_per_member) == ("local_gov", "4202", "0.5000",
                                                                                  36500)


def test_a_request_shows_member_lines_and_prints(client, treasurer_a, fund_a, codi, paid):
    login(client, treasurer_a)
    form = text(client.get(url("funding_request_new", fund_a)))
    assert "จัดทำคำขอ" in form and codi.name in form
    response = client.post(url("funding_request_new", fund_a), {"agreement": codi.pk, "year": "๒๕๖๘"})
    r = FundingRequest.objects.get()
    assert response.status_code == 302 and response["Location"] == url("funding_request", fund_a, r.pk)
    body = text(client.get(url("funding_request", fund_a, r.pk)))
    assert "มาลี ทดสอบ" in body and "390.00 บาท" in body and "365.00 บาท" in body and "425.00 บาท" in body
    assert "สี่ร้อยยี่สิบห้าบาทถ้วน" in body
    pdf = client.get(url("funding_request_pdf", fund_a, r.pk))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF-")
    before = written()
    response = client.post(url("funding_request_new", fund_a), {"agreement": codi.pk, "year": "2025"})
    assert response.status_code == 422 and "ต้องเป็นปี พ.ศ." in text(response) and written() == before


def test_money_received_is_recorded_once(client, treasurer_a, fund_a, codi):
    login(client, treasurer_a)
    page = text(client.get(url("funding_receive", fund_a)))
    key = page.split('name="key" value="')[1].split('"')[0]
    data = {"key": key, "agreement": codi.pk, "amount": "1,500.50", "received_on": "2025-12-01", "account": "1102"}
    assert client.post(url("funding_receive", fund_a), data).status_code == 302
    assert client.post(url("funding_receive", fund_a), data).status_code == 302  # a re-post writes nothing twice
    got = FundsReceived.objects.get()
    assert (got.amount, got.account, got.entry.source) == (150050, "1102", "funds_received")
    before = written()
    response = client.post(url("funding_receive", fund_a), {**data, "key": "other", "amount": "-5"})
    assert response.status_code == 422 and "ติดลบ" in text(response) and written() == before


def test_administration_expense_warning_and_refusal_on_the_page(client, treasurer_a, fund_a):
    donate(fund_a, 10_000)  # this year's income: 10,000 baht; the cap 2,000 baht
    login(client, treasurer_a)
    form_url = url("funding_admin_expense", fund_a)
    today = timezone.localdate().isoformat()
    response = client.post(form_url, {"key": "e1", "description": "ค่าประชุม", "amount": "1700",
                                      "spent_on": today, "account": "1101"}, follow=True)
    body = text(response)
    assert "ใกล้เพดานค่าบริหารจัดการ" in body and "1,700.00 บาท" in body and "2,000.00 บาท" in body
    before = written()
    response = client.post(form_url, {"key": "e2", "description": "ค่าเดินทาง", "amount": "300.01",
                                      "spent_on": today, "account": "1101"})
    body = text(response)
    assert response.status_code == 422 and "เกินเพดานค่าบริหารจัดการ 0.01 บาท" in body and "2,000.01 บาท" in body
    assert written() == before
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    response = client.post(form_url, {"key": "e3", "description": "travel", "amount": "400",
                                      "spent_on": today, "account": "1101"})
    assert response.status_code == 422 and "Over the administration cap by 100.00 baht" in text(response)
    assert written() == before


def test_another_funds_treasurer_gets_nothing(client, treasurer_b, fund_a, codi):
    login(client, treasurer_b)
    before = written()
    for name in ("funding", "funding_receive", "funding_admin_expense", "funding_agreement_new"):
        assert client.get(url(name, fund_a)).status_code in (403, 404)
    assert client.post(url("funding_receive", fund_a), {"key": "x", "agreement": codi.pk, "amount": "1"}
                       ).status_code in (403, 404)
    assert client.post(url("funding_allocation", fund_a), {"cap_percent": "50"}).status_code in (403, 404)
    assert written() == before


def test_the_cap_base_is_shown_and_the_committee_changes_it(client, make_user, treasurer_a, fund_a):
    from kongthun.access.domain import Role
    from kongthun.welfare.funding.models import AllocationSetting

    login(client, treasurer_a)
    body = text(client.get(url("funding", fund_a)))  # no income this year: last year's is the base
    assert "รายได้ของปีก่อน (ปีนี้ยังไม่มีรายได้) 0.00 บาท" in body and 'name="cap_base"' not in body
    login(client, make_user("committee_cap", Role.COMMITTEE, fund_a))
    response = client.post(url("funding_allocation", fund_a), {"cap_percent": "15", "cap_base": "fund_balance",
                                                               "why": "มติที่ประชุมใหญ่"}, follow=True)
    body = text(response)
    assert (AllocationSetting.objects.get(organization=fund_a).cap_base, "ยอดเงินกองทุนต้นปีรวมรายได้ของปีนี้") == (
        "fund_balance", "ยอดเงินกองทุนต้นปีรวมรายได้ของปีนี้") and "ยอดเงินกองทุนต้นปีรวมรายได้ของปีนี้" in body
    assert '<option value="fund_balance" selected>' in body
    before = written()
    response = client.post(url("funding_allocation", fund_a), {"cap_percent": "15", "cap_base": "assets"},
                           follow=True)
    assert "assets" in text(response) and written() == before


def test_a_request_is_marked_sent_on_its_page_and_shows_what_came(client, treasurer_a, fund_a, codi, paid):
    from kongthun.welfare.funding.actions import request_prepare

    r = request_prepare(agreement=codi, year_name=2568, prepared_on=date(2025, 10, 10), actor=SYSTEM)
    login(client, treasurer_a)
    page = text(client.get(url("funding_request", fund_a, r.pk)))
    assert 'id="send-request"' in page and "ยังไม่ได้รับ" in page
    before = written()
    response = client.post(url("funding_request_send", fund_a, r.pk), {"document_no": " ", "sent_on": "2025-10-12"},
                           follow=True)
    assert "เลขที่หนังสือนำส่ง" in text(response) and written() == before
    response = client.post(url("funding_request_send", fund_a, r.pk),
                           {"document_no": "กสช. 9/2568", "sent_on": "2025-10-12"}, follow=True)
    body = text(response)
    r.refresh_from_db()
    assert (r.status, r.sent_document_no) == ("sent", "กสช. 9/2568") and "ส่งแล้ว" in body and "กสช. 9/2568" in body
    assert 'id="send-request"' not in body
    funds_receive(agreement=codi, request=r, amount=100 * BAHT, received_on=date(2025, 11, 1), actor=SYSTEM,
                  idempotency_key="part")
    body = text(client.get(url("funding_request", fund_a, r.pk)))
    assert "ได้รับบางส่วน" in body and "100.00 บาท" in body and "325.00 บาท" in body  # 425 asked, 100 came
    assert "กสช. 9/2568" in text(client.get(url("funding", fund_a)))


def test_the_treasurer_reverses_money_received_by_mistake(client, make_user, treasurer_a, fund_a, codi):
    from kongthun.access.domain import Role
    from kongthun.integrity import run_checks

    got = funds_receive(agreement=codi, amount=1_500 * BAHT, received_on=timezone.localdate(), actor=SYSTEM,
                        idempotency_key="wrong")
    login(client, make_user("committee_rev", Role.COMMITTEE, fund_a))
    assert "กลับรายการรับเงินนี้" not in text(client.get(url("funding", fund_a)))
    before = written()
    assert client.post(url("funding_reverse", fund_a), {"received": got.pk, "why": "x"}).status_code == 403
    login(client, treasurer_a)
    assert "กลับรายการรับเงินนี้" in text(client.get(url("funding", fund_a)))
    response = client.post(url("funding_reverse", fund_a), {"received": got.pk, "why": " "}, follow=True)
    assert "กรุณาระบุเหตุผล" in text(response) and written() == before
    response = client.post(url("funding_reverse", fund_a), {"received": got.pk, "why": "โอนเข้าผิดบัญชี"},
                           follow=True)
    got.refresh_from_db()
    body = text(response)
    assert got.is_reversed and "กลับรายการแล้ว" in body and "โอนเข้าผิดบัญชี" in body
    assert f"JV{got.reversal_entry.number:06d}" in body and run_checks() == []
    assert client.get(url("funding_reverse", fund_a)).status_code == 405
    response = client.post(url("funding_reverse", fund_a), {"received": got.pk, "why": "อีก"}, follow=True)
    assert "กลับรายการไปแล้ว" in text(response)


def test_another_fund_cannot_send_or_reverse(client, treasurer_b, fund_a, codi, paid):
    from kongthun.welfare.funding.actions import request_prepare

    r = request_prepare(agreement=codi, year_name=2568, prepared_on=date(2025, 10, 10), actor=SYSTEM)
    got = funds_receive(agreement=codi, amount=100, received_on=date(2025, 11, 1), actor=SYSTEM,
                        idempotency_key="x")
    login(client, treasurer_b)
    before = written()
    assert client.post(url("funding_request_send", fund_a, r.pk), {"document_no": "x"}).status_code in (403, 404)
    assert client.post(url("funding_reverse", fund_a), {"received": got.pk, "why": "x"}).status_code in (403, 404)
    assert written() == before
