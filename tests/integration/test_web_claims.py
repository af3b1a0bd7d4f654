"""The claims pages: the treasurer submits through the form and sees the explanation with its
clause; a refusal shows the clause and writes nothing; the submitter is not offered the decision
(and is refused with the reason if they send it anyway); another
committee member approves; the treasurer pays once; the voucher is a PDF; area roles see none of it.

Event dates fall under the 2565 version of the example regulation (no paid-up clause), since
these funds keep no contributions in kongthun."""

from __future__ import annotations

from datetime import date, timedelta
from html import escape

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from kongthun.access.actions import role_grant
from kongthun.access.domain import Role
from kongthun.ledger.models import JournalEntry
from kongthun.welfare.claims.models import Claim
from tests.conftest import PASSWORD
from tests.integration.claims_support import *  # noqa: F403  (the fixtures)
from tests.integration.claims_support import SYSTEM, claims_state, enrol
from tests.integration.test_web_pages import compile_translations


@pytest.fixture(autouse=True, scope="module")
def _translations():
    compile_translations()


def user_of(actor):
    return get_user_model().objects.get(pk=actor.user_id)


def as_user(client, actor):
    client.logout()
    assert client.login(username=user_of(actor).username, password=PASSWORD)
    return client


def text(response) -> str:
    return response.content.decode()


@pytest.fixture
def member(fund):
    return enrol(fund, "มาลี", joined=date(2017, 1, 1))


def submit(client, fund, member, **data):
    data.setdefault("member_no", member.member_no)
    return client.post(reverse("web:claim_new", args=[fund.pk]), data)


def test_childbirth_through_the_form_shows_the_explanation(client, fund, member, treasurer):
    as_user(client, treasurer)
    for page in (reverse("web:home"), reverse("web:org_detail", args=[fund.pk])):
        body = text(client.get(page))
        assert reverse("web:claim_list", args=[fund.pk]) in body
        assert reverse("web:claim_regulation", args=[fund.pk]) in body
    form = text(client.get(reverse("web:claim_new", args=[fund.pk])))
    assert "คลอดบุตร" in form and "สำเนาสูติบัตร" in form and "ใบรับรองแพทย์" in form
    response = submit(client, fund, member, kind="childbirth", event_date="2024-03-01")
    assert response.status_code == 302
    claim = Claim.objects.get(organization=fund)
    assert response["Location"] == reverse("web:claim_detail", args=[fund.pk, claim.pk])
    body = text(client.get(response["Location"]))
    assert "คำขอเลขที่ 1" in body and "รอพิจารณา" in body and "500.00 บาท" in body
    assert "ระเบียบฉบับ 2565 ข้อ 5" in body
    for line in claim.explanation:
        assert escape(line["th"]) in body
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    body = text(client.get(response["Location"]))
    assert escape(claim.explanation[-1]["en"]) in body and "Submitted" in body


def test_hospital_stay_through_the_form(client, fund, member, treasurer):
    as_user(client, treasurer)
    response = submit(client, fund, member, kind="hospital", admitted_on="2024-05-01", discharged_on="2024-05-04",
                      evidence=["ใบรับรองแพทย์"])
    assert response.status_code == 302
    claim = Claim.objects.get(organization=fund)
    assert (claim.nights, claim.amount, claim.event_date) == (3, 30000, date(2024, 5, 1))
    body = text(client.get(response["Location"]))
    assert "300.00 บาท" in body and "ข้อ 6" in body and "3 คืน" in body


def test_a_refused_claim_shows_the_clause_and_writes_nothing(client, fund, treasurer):
    newcomer = enrol(fund, "ใหม่", joined=date(2024, 1, 1))
    as_user(client, treasurer)
    before, entries = claims_state(), JournalEntry.objects.count()
    response = submit(client, fund, newcomer, kind="childbirth", event_date="2024-03-01")
    assert response.status_code == 422
    body = text(response)
    assert "ไม่มีสิทธิ์ได้รับ" in body and "ข้อ 4" in body and "180" in body
    assert 'value="2024-03-01"' in body  # the form keeps what was typed
    assert claims_state() == before and JournalEntry.objects.count() == entries
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    body = text(submit(client, fund, newcomer, kind="childbirth", event_date="2024-03-01"))
    assert "Not entitled" in body
    body = text(submit(client, fund, newcomer, member_no="99999", kind="childbirth", event_date="2024-03-01"))
    assert "Choose a member" in body
    assert claims_state() == before


def test_maker_checker_then_approve_then_pay_once_and_the_voucher(client, fund, member, treasurer, checker,
                                                                   checker2):
    # The first committee member is the treasurer too (small funds): they submit, so they may not approve.
    role_grant(user=user_of(checker), role=Role.TREASURER, actor=SYSTEM, organization=fund)
    as_user(client, checker)
    assert submit(client, fund, member, kind="childbirth", event_date="2024-03-01").status_code == 302
    claim = Claim.objects.get(organization=fund)
    assert claim.submitted_on == timezone.localdate()  # the business date in Bangkok
    detail = reverse("web:claim_detail", args=[fund.pk, claim.pk])
    body = text(client.get(detail))
    assert "คุณเป็นผู้ยื่นคำขอนี้ จึงพิจารณาเองไม่ได้" in body  # the page offers no decision to the submitter
    assert reverse("web:claim_approve", args=[fund.pk, claim.pk]) not in body

    response = client.post(reverse("web:claim_approve", args=[fund.pk, claim.pk]))
    assert response.status_code == 403  # sent anyway: refused with the reason
    assert "คุณเป็นผู้ยื่นคำขอเลขที่ 1 จึงพิจารณาคำขอนี้เองไม่ได้" in text(response)
    assert Claim.objects.get(pk=claim.pk).status == "submitted"

    as_user(client, checker2)
    assert client.get(reverse("web:claim_list", args=[fund.pk])).status_code == 200
    assert reverse("web:claim_approve", args=[fund.pk, claim.pk]) in text(client.get(detail))
    body = text(client.post(reverse("web:claim_reject", args=[fund.pk, claim.pk]), {"reason": " "}, follow=True))
    assert "กรุณาระบุเหตุผลที่ไม่อนุมัติ" in body
    body = text(client.post(reverse("web:claim_approve", args=[fund.pk, claim.pk]), {"reason": "ครบถ้วน"},
                            follow=True))
    assert "อนุมัติแล้ว" in body and "claims_committee_2" in body
    assert client.post(reverse("web:claim_pay", args=[fund.pk, claim.pk])).status_code == 403  # committee

    as_user(client, treasurer)
    pay = reverse("web:claim_pay", args=[fund.pk, claim.pk])
    assert client.get(pay).status_code == 405
    entries = JournalEntry.objects.count()
    today = timezone.localdate()
    assert Claim.objects.get(pk=claim.pk).decided_on == today
    body = text(client.post(pay, {"date": (today - timedelta(days=1)).isoformat()}, follow=True))
    assert "อยู่ก่อนวันที่อนุมัติคำขอเลขที่ 1" in body  # not paid before it was approved
    assert JournalEntry.objects.count() == entries
    body = text(client.post(pay, {"date": today.isoformat()}, follow=True))
    assert "จ่ายแล้ว" in body and "JV" in body
    assert JournalEntry.objects.count() == entries + 1
    body = text(client.post(pay, {"date": (today + timedelta(days=1)).isoformat()}, follow=True))
    assert "จ่ายไปแล้ว" in body
    assert JournalEntry.objects.count() == entries + 1
    paid = Claim.objects.get(pk=claim.pk)
    assert (paid.status, paid.paid_on) == ("paid", today)

    response = client.get(reverse("web:claim_voucher", args=[fund.pk, claim.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_list_puts_waiting_claims_first_for_the_committee_and_filters(client, fund, treasurer, checker):
    first, second = enrol(fund, "หนึ่ง"), enrol(fund, "สอง")
    as_user(client, treasurer)
    submit(client, fund, first, kind="childbirth", event_date="2024-03-01")
    submit(client, fund, second, kind="childbirth", event_date="2024-03-02")
    one = Claim.objects.get(organization=fund, number=1)
    as_user(client, checker)
    client.post(reverse("web:claim_approve", args=[fund.pk, Claim.objects.get(number=2, organization=fund).pk]))
    url = reverse("web:claim_list", args=[fund.pk])
    body = text(client.get(url))
    assert body.index("หนึ่ง") < body.index("สอง")  # number 1 waits; number 2 is decided
    filtered = text(client.get(url, {"status": "approved"}))
    assert "สอง" in filtered and "หนึ่ง" not in filtered
    assert reverse("web:claim_detail", args=[fund.pk, one.pk]) in body
    assert "ยื่นคำขอ" not in body or reverse("web:claim_new", args=[fund.pk]) not in body  # committee cannot submit
    assert client.get(reverse("web:claim_new", args=[fund.pk])).status_code == 403


def test_regulation_page_shows_the_versions(client, fund, checker):
    as_user(client, checker)
    body = text(client.get(reverse("web:claim_regulation", args=[fund.pk])))
    assert "ระเบียบฉบับ 2567" in body and "ระเบียบฉบับ 2565" in body and "ใช้บังคับอยู่" in body
    assert "คลอดบุตร" in body and "1 ต.ค. 2567" in body


def test_auditor_reads_but_cannot_act(client, fund, member, treasurer, make_user):
    as_user(client, treasurer)
    submit(client, fund, member, kind="childbirth", event_date="2024-03-01")
    claim = Claim.objects.get(organization=fund)
    auditor = make_user("claims_auditor", Role.AUDITOR, fund)
    client.logout()
    client.login(username=auditor.username, password=PASSWORD)
    assert client.get(reverse("web:claim_detail", args=[fund.pk, claim.pk])).status_code == 200
    assert client.post(reverse("web:claim_approve", args=[fund.pk, claim.pk])).status_code == 403
    assert client.get(reverse("web:claim_new", args=[fund.pk])).status_code == 403


def test_coordinator_sees_no_claims(client, fund, member, treasurer, make_user):
    as_user(client, treasurer)
    submit(client, fund, member, kind="childbirth", event_date="2024-03-01")
    claim = Claim.objects.get(organization=fund)
    coordinator = make_user("claims_coordinator", Role.COORDINATOR, area=("province", fund.province_id))
    client.logout()
    client.login(username=coordinator.username, password=PASSWORD)
    for name, args in (("claim_list", [fund.pk]), ("claim_new", [fund.pk]), ("claim_detail", [fund.pk, claim.pk]),
                       ("claim_voucher", [fund.pk, claim.pk])):
        response = client.get(reverse(f"web:{name}", args=args))
        assert response.status_code in (403, 404), name
        assert "มาลี" not in text(response)
    for name in ("claim_approve", "claim_reject", "claim_pay"):
        response = client.post(reverse(f"web:{name}", args=[fund.pk, claim.pk]), {"reason": "x"})
        assert response.status_code in (403, 404), name
    assert Claim.objects.get(pk=claim.pk).status == "submitted"
    assert client.get(reverse("web:claim_regulation", args=[fund.pk])).status_code == 200  # the public rulebook
