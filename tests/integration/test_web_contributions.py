"""The contribution pages: the treasurer records a collection day through the form (one entry, one
receipt per payment, nothing twice on a re-post); a bad line shows its message and writes nothing;
receipts show their amount in Thai words, print as PDF and void with a reason; the arrears page
lists who is behind; the committee reads but cannot post; area roles see none of it."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from kongthun.access.domain import Role
from kongthun.audit.models import AuditEvent
from kongthun.ledger.models import JournalEntry
from kongthun.people.actions import membership_status_change
from kongthun.welfare.contributions.actions import PaymentLine, collection_record, plan_set
from kongthun.welfare.contributions.models import Collection, Receipt
from tests.conftest import PASSWORD, SYSTEM
from tests.integration.test_web_pages import compile_translations

DAY = date(2025, 1, 10)


@pytest.fixture(autouse=True, scope="module")
def _translations():
    compile_translations()


@pytest.fixture
def fund(fund_a):
    plan_set(organization=fund_a, effective_from=date(2024, 1, 1), actor=SYSTEM, why="มติที่ประชุม")  # 30 baht/month
    return fund_a


@pytest.fixture
def members(fund, make_member):
    return [make_member(fund, first=first, last="ทดสอบ", joined=date(2025, 1, 1))
            for first in ("มาลี", "บุญมี", "สมศรี")]


def login(client, user):
    client.logout()
    assert client.login(username=user.username, password=PASSWORD)
    return client


def text(response) -> str:
    return response.content.decode()


def written() -> dict[str, int]:
    return {"receipts": Receipt.objects.count(), "collections": Collection.objects.count(),
            "entries": JournalEntry.objects.count(), "audit": AuditEvent.objects.count()}


def form_url(fund) -> str:
    return reverse("web:collection_new", args=[fund.pk])


def key_of(body: str) -> str:
    return re.search(r'name="key" value="([0-9a-f]{32})"', body).group(1)


def collect(fund, members, periods=(1, 2, 3), key="k1"):
    return collection_record(organization=fund, collected_on=DAY, actor=SYSTEM, idempotency_key=key,
                             payments=[PaymentLine(m.pk, periods=n) for m, n in zip(members, periods, strict=True)])


def test_collection_screen_renders_in_thai_with_members(client, treasurer_a, fund, members):
    body = text(login(client, treasurer_a).get(form_url(fund), {"date": "2025-01-10"}))
    assert "บันทึกการเก็บเงินสมทบ" in body and "วันที่เก็บเงิน" in body and "ส่งถึงวันที่" in body
    assert "งวดละ 30.00 บาท (ส่งรายเดือน)" in body
    for m in members:
        assert m.person.full_name_th in body and m.member_no in body
        assert f'name="periods_{m.pk}"' in body
    assert body.count('inputmode="numeric"') == 3
    assert key_of(body) != key_of(text(client.get(form_url(fund))))  # a fresh key per rendering
    assert 'value="2025-01-10"' in body and "9 ม.ค. 2568" not in body


def test_posting_three_members_makes_three_receipts_and_one_entry_once(client, treasurer_a, fund, members):
    login(client, treasurer_a)
    key = key_of(text(client.get(form_url(fund))))
    before = written()
    data = {"date": "2025-01-10", "key": key, f"periods_{members[0].pk}": "1", f"periods_{members[1].pk}": "2",
            f"periods_{members[2].pk}": "๓"}  # Thai digits are read too
    response = client.post(form_url(fund), data)
    assert response.status_code == 302
    assert response["Location"] == reverse("web:receipt_list", args=[fund.pk]) + "?date=2025-01-10"
    after = written()
    assert after["receipts"] == before["receipts"] + 3
    assert after["collections"] == before["collections"] + 1 and after["entries"] == before["entries"] + 1
    body = text(client.get(response["Location"]))
    assert "ออกใบเสร็จ 3 ฉบับ รวม 180.00 บาท" in body
    assert "2568/000001" in body and "2568/000003" in body and "180.00 บาท" in body

    again = client.post(form_url(fund), data)  # the same form, sent again
    assert again.status_code == 302 and written() == after
    assert "บันทึกไว้แล้ว ไม่ได้บันทึกซ้ำ" in text(client.get(again["Location"]))


def test_nobody_paying_shows_a_message_and_writes_nothing(client, treasurer_a, fund, members):
    login(client, treasurer_a)
    before = written()
    data = {"date": "2025-01-10", "key": "k-empty", f"periods_{members[0].pk}": "0",
            f"periods_{members[1].pk}": "", f"periods_{members[2].pk}": "0"}
    response = client.post(form_url(fund), data)
    assert response.status_code == 422
    assert "ไม่มีรายการรับเงิน" in text(response) and 'value="k-empty"' in text(response)
    assert written() == before


def test_a_deceased_member_refuses_the_whole_day_keeping_what_was_typed(client, treasurer_a, fund, members):
    login(client, treasurer_a)
    key = key_of(text(client.get(form_url(fund))))
    membership_status_change(membership=members[2], status="deceased", on=date(2025, 1, 5), actor=SYSTEM,
                             why="เสียชีวิต")
    before = written()
    data = {"date": "2025-01-10", "key": key, f"periods_{members[0].pk}": "4", f"periods_{members[1].pk}": "2",
            f"periods_{members[2].pk}": "1"}
    response = client.post(form_url(fund), data)
    body = text(response)
    assert response.status_code == 422
    assert f"สมาชิกเลขที่ {members[2].member_no} มีสถานะเสียชีวิต" in body
    assert f'name="periods_{members[0].pk}" value="4"' in body and f'value="{key}"' in body
    assert "180.00 บาท" in body  # the running total of what was typed (4 + 2 periods)
    assert written() == before


def test_a_word_for_a_number_is_refused_with_the_member_number(client, treasurer_a, fund, members):
    login(client, treasurer_a)
    before = written()
    response = client.post(form_url(fund), {"date": "2025-01-10", "key": "k-abc",
                                            f"periods_{members[1].pk}": "สอง"})
    assert response.status_code == 422
    assert f"จำนวนงวดของสมาชิกเลขที่ {members[1].member_no} ต้องเป็นจำนวนเต็ม" in text(response)
    assert written() == before


def test_receipt_detail_shows_words_and_the_pdf_renders(client, treasurer_a, fund, members):
    collection = collect(fund, members)
    receipt = collection.receipts.get(membership=members[1])
    login(client, treasurer_a)
    body = text(client.get(reverse("web:receipt_detail", args=[fund.pk, receipt.pk])))
    for needle in ("ใบเสร็จรับเงิน 2568/000002", members[1].person.full_name_th, "60.00 บาท", "หกสิบบาทถ้วน",
                   "รายเดือน", "1 ม.ค. 2568", "ใช้ได้", "ยกเลิกใบเสร็จนี้"):
        assert needle in body, needle
    for paper in ("a4", "80mm"):
        response = client.get(reverse("web:receipt_pdf", args=[fund.pk, receipt.pk]), {"paper": paper})
        assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
        assert response.content.startswith(b"%PDF")
    assert client.get(reverse("web:receipt_pdf", args=[fund.pk, receipt.pk]), {"paper": "a3"}).status_code == 422


def test_void_needs_a_reason_then_keeps_the_receipt_marked_void(client, treasurer_a, fund, members):
    receipt = collect(fund, members).receipts.get(membership=members[0])
    login(client, treasurer_a)
    url = reverse("web:receipt_void", args=[fund.pk, receipt.pk])
    detail = reverse("web:receipt_detail", args=[fund.pk, receipt.pk])
    assert client.get(url).status_code == 405
    before = written()
    response = client.post(url, {"why": "  "}, follow=True)
    assert "กรุณาระบุเหตุผลในการยกเลิกใบเสร็จ" in text(response)
    assert written() == before and not Receipt.objects.get(pk=receipt.pk).is_void

    response = client.post(url, {"why": "เก็บเงินผิดคน"})
    assert response.status_code == 302 and response["Location"] == detail
    receipt.refresh_from_db()
    assert receipt.is_void and receipt.void_reason == "เก็บเงินผิดคน"
    body = text(client.get(detail))
    assert "ยกเลิกแล้ว" in body and "เก็บเงินผิดคน" in body and "ยกเลิกใบเสร็จนี้" not in body
    listing = text(client.get(reverse("web:receipt_list", args=[fund.pk]), {"date": "2025-01-10"}))
    assert "รวมใบเสร็จที่ใช้ได้ 2 ฉบับ" in listing and "150.00 บาท" in listing
    pdf = client.get(reverse("web:receipt_pdf", args=[fund.pk, receipt.pk]), {"paper": "80mm"})
    assert pdf.content.startswith(b"%PDF")


def test_arrears_page_lists_the_member_behind(client, treasurer_a, fund, members, make_member):
    collect(fund, members, periods=(6, 6, 6))  # paid into June 2025
    behind = make_member(fund, first="ค้างนาน", last="ส่งช้า", joined=date(2024, 6, 1))
    login(client, treasurer_a)
    body = text(client.get(reverse("web:arrears_list", args=[fund.pk]), {"date": "2025-06-01"}))
    assert "สมาชิกค้างส่งเงินสมทบ" in body and behind.person.full_name_th in body
    assert "ถึงเกณฑ์พ้นสภาพ" in body  # a year behind, the plan lapses after 6 months
    assert all(m.person.full_name_th not in body for m in members)


def test_the_committee_reads_but_cannot_post_a_collection(client, committee_a, fund, members):
    receipt = collect(fund, members).receipts.first()
    user = get_user_model().objects.get(pk=committee_a.user_id)
    login(client, user)
    before = written()
    assert client.get(form_url(fund)).status_code == 403
    data = {"date": "2025-01-10", "key": "k-committee", f"periods_{members[0].pk}": "1"}
    assert client.post(form_url(fund), data).status_code == 403
    assert client.post(reverse("web:receipt_void", args=[fund.pk, receipt.pk]), {"why": "x"}).status_code == 403
    assert written() == before and not Receipt.objects.get(pk=receipt.pk).is_void
    assert client.get(reverse("web:receipt_list", args=[fund.pk]), {"date": "2025-01-10"}).status_code == 200
    assert client.get(reverse("web:arrears_list", args=[fund.pk])).status_code == 200
    body = text(client.get(reverse("web:receipt_detail", args=[fund.pk, receipt.pk])))
    assert receipt.number in body and "ยกเลิกใบเสร็จนี้" not in body
    assert form_url(fund) not in text(client.get(reverse("web:org_detail", args=[fund.pk])))


def test_the_treasurer_finds_the_pages_from_home(client, treasurer_a, fund):
    body = text(login(client, treasurer_a).get(reverse("web:home")))
    for name in ("collection_new", "receipt_list", "arrears_list"):
        assert reverse(f"web:{name}", args=[fund.pk]) in body


def test_a_coordinator_sees_no_receipts_or_members(client, make_user, fund, members):
    receipt = collect(fund, members).receipts.first()
    coordinator = make_user("coordinator", Role.COORDINATOR, area=("province", "35"))
    login(client, coordinator)
    before = written()
    pages = [form_url(fund), reverse("web:receipt_list", args=[fund.pk]), reverse("web:arrears_list", args=[fund.pk]),
             reverse("web:receipt_detail", args=[fund.pk, receipt.pk]),
             reverse("web:receipt_pdf", args=[fund.pk, receipt.pk])]
    for url in pages:
        response = client.get(url)
        assert response.status_code in (403, 404), url
        assert members[0].person.full_name_th not in text(response)
    assert client.post(form_url(fund), {"key": "k", f"periods_{members[0].pk}": "1"}).status_code in (403, 404)
    assert client.post(reverse("web:receipt_void", args=[fund.pk, receipt.pk]), {"why": "x"}).status_code in (403, 404)
    assert written() == before


def test_the_refusal_speaks_english_when_english_was_chosen(client, treasurer_a, fund, members):
    login(client, treasurer_a)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    before = written()
    response = client.post(form_url(fund), {"date": "2025-01-10", "key": "k-en", f"periods_{members[0].pk}": ""})
    body = text(response)
    assert response.status_code == 422 and 'lang="en"' in body
    assert "The collection has no payments" in body and "Record a collection day" in body
    assert written() == before
