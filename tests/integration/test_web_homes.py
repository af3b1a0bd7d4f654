"""Each role's home page (หน้าแรกตามบทบาท): the right items, nothing from another organization; network
and CODI users see aggregates and alerts only; members log in with phone + PIN (wrong PINs counted,
locked after PIN_MAX_TRIES) and see only their own records."""

from __future__ import annotations

from datetime import date

import pytest
from django.contrib.auth.hashers import check_password
from django.urls import reverse

from kongthun.access.domain import PIN_MAX_TRIES, Role
from kongthun.access.member_login import member_pin_issue
from kongthun.access.models import MemberPin
from kongthun.audit.models import AuditEvent
from kongthun.errors import DomainError
from kongthun.welfare.claims.actions import claim_approve, claim_pay, claim_submit
from tests.conftest import PASSWORD
from tests.integration.claims_support import *  # noqa: F403  (the fixtures)
from tests.integration.claims_support import enrol
from tests.integration.test_web_pages import compile_translations

DAY = date(2025, 3, 1)


@pytest.fixture(autouse=True, scope="module")
def _translations():
    compile_translations()


def as_user(client, user):
    assert client.login(username=user.username, password=PASSWORD)
    return client


def text(response) -> str:
    return response.content.decode()


def submit(org, membership, actor):
    return claim_submit(organization=org, membership=membership, kind="childbirth", actor=actor, event_date=DAY,
                        paid_up_to=DAY, on=DAY, evidence=["สำเนาสูติบัตร"])


@pytest.fixture
def world(fund, sibling, treasurer, sibling_treasurer):
    """Fund A with two members (one with a waiting claim, one paid), and sibling fund C with its own."""
    from kongthun.people.models import Person

    mine = enrol(fund, "มาลี")
    Person.objects.filter(pk=mine.person_id).update(phone="081-234-5678")
    mine.person.refresh_from_db()
    other = enrol(fund, "ประไพ")
    theirs = enrol(sibling, "บุญมี")
    return {"mine": mine, "other": other, "theirs": theirs,
            "waiting": submit(fund, other, treasurer), "sibling_claim": submit(sibling, theirs, sibling_treasurer)}


def user_of(actor):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(pk=actor.user_id)


# --- staff homes ----------------------------------------------------------------------------------------

def test_treasurer_sees_todays_work_of_own_fund_only(client, fund, sibling, treasurer, world):
    body = text(as_user(client, user_of(treasurer)).get(reverse("web:home")))
    assert "งานวันนี้" in body and "เงินสดและเงินฝาก" in body and "300,000.00 บาท" in body
    assert reverse("web:claim_detail", args=[fund.pk, world["waiting"].pk]) in body
    assert "ประไพ" in body  # the claimant of the waiting claim
    assert sibling.name_th not in body and "บุญมี" not in body and "100,000.00" not in body
    assert reverse("web:claim_detail", args=[sibling.pk, world["sibling_claim"].pk]) not in body


def test_committee_sees_claims_waiting_with_the_rules_explanation(client, fund, sibling, checker, world):
    body = text(as_user(client, user_of(checker)).get(reverse("web:home")))
    assert "รอกรรมการพิจารณา (1)" in body
    assert world["waiting"].explanation[0]["th"] in body  # the rules engine's explanation, line by line
    assert "บุญมี" not in body and sibling.name_th not in body
    claim_approve(claim=world["waiting"], on=DAY, actor=checker)
    body = text(client.get(reverse("web:home")))
    assert "รอกรรมการพิจารณา (0)" in body and "ไม่มีรายการรอพิจารณา" in body


def test_auditor_sees_journal_audit_trail_and_checks_of_own_fund(client, make_user, fund, sibling, world):
    auditor = make_user("auditor_home", Role.AUDITOR, fund)
    body = text(as_user(client, auditor).get(reverse("web:home")))
    assert "งบทดลอง: เดบิตเท่ากับเครดิต" in body and "บันทึกการตรวจสอบ" in body and "JV000001" in body
    assert "claim_submit" in body  # the audit trail's latest events
    assert "งานวันนี้" not in body and sibling.name_th not in body and "บุญมี" not in body


# --- network / CODI: aggregates only ---------------------------------------------------------------------

@pytest.mark.parametrize("role,area", [(Role.COORDINATOR, ("province", "35")), (Role.CODI, ("nation", "TH"))])
def test_area_users_see_figures_and_alerts_but_no_personal_data(client, make_user, make_org, fund, sibling,
                                                                world, role, area):
    old = make_org("OLD-1", tambon_code="350101", founded_on=date(2015, 1, 1))
    user = make_user(f"area_home_{role}", role, area=area)
    body = text(as_user(client, user).get(reverse("web:home")))
    assert fund.name_th in body and sibling.name_th in body and old.name_th in body
    assert "300,000.00 บาท" in body and "100,000.00 บาท" in body
    assert "ยังไม่ปิดบัญชีปีที่แล้ว" in body  # the old organization has never closed a year
    for m in (world["mine"], world["other"], world["theirs"]):
        assert m.person.first_name_th not in body and m.member_no not in body
    assert reverse("web:claim_detail", args=[fund.pk, world["waiting"].pk]) not in body
    assert "งานวันนี้" not in body and "รอกรรมการพิจารณา" not in body


# --- members: phone + PIN ---------------------------------------------------------------------------------

def test_only_the_treasurer_issues_a_pin_and_it_is_stored_hashed(client, fund, sibling_treasurer, treasurer,
                                                                  checker, world):
    mine = world["mine"]
    for who in (sibling_treasurer, checker):
        with pytest.raises(DomainError) as err:
            member_pin_issue(membership=mine, pin="4321", actor=who)
        assert err.value.code == "forbidden.scope"
    with pytest.raises(DomainError) as err:
        member_pin_issue(membership=mine, pin="12", actor=treasurer)
    assert err.value.code == "invalid.pin"
    with pytest.raises(DomainError) as err:
        member_pin_issue(membership=world["other"], pin="4321", actor=treasurer)
    assert err.value.code == "invalid.phone"  # no phone on record
    assert not MemberPin.objects.exists()

    as_user(client, user_of(treasurer))
    url = reverse("web:member_pin", args=[fund.pk, mine.pk])
    assert url in text(client.get(reverse("web:member_detail", args=[fund.pk, mine.pk])))
    assert client.post(url, {"pin": "4321"}).status_code == 302
    row = MemberPin.objects.get()
    assert row.phone == "0812345678" and row.pin_hash != "4321" and "$" in row.pin_hash  # hashed
    assert check_password("4321", row.pin_hash) and not check_password("4322", row.pin_hash)
    assert AuditEvent.objects.filter(action="member_pin_issue", organization_id=fund.pk).exists()
    assert client.get(reverse("web:member_pin", args=[world["theirs"].organization_id,
                                                     world["theirs"].pk])).status_code == 404


def test_member_logs_in_with_phone_and_pin_and_sees_only_their_own(client, fund, sibling, treasurer, checker,
                                                                   world):
    mine, other = world["mine"], world["other"]
    paid = submit(fund, mine, treasurer)
    claim_approve(claim=paid, on=DAY, actor=checker)
    claim_pay(claim=paid, paid_on=DAY, actor=treasurer)
    member_pin_issue(membership=mine, pin="246810", actor=treasurer)
    login = reverse("web:member_login")
    assert "เบอร์โทรศัพท์" in text(client.get(login))
    response = client.post(login, {"phone": "๐๘๑ ๒๓๔ ๕๖๗๘", "pin": "246810"})  # Thai digits, spaces
    assert response.status_code == 302 and response["Location"] == reverse("web:home")
    body = text(client.get(reverse("web:home")))
    assert "การเป็นสมาชิกของฉัน" in body and "มาลี" in body and mine.member_no in body
    assert "สวัสดิการที่ได้รับ" in body and "1,000.00 บาท" in body  # the paid childbirth benefit
    assert reverse("web:report_statement", args=[fund.pk, mine.pk]) in body
    assert "ประไพ" not in body and sibling.name_th not in body and "300,000.00" not in body
    statement = client.get(reverse("web:report_statement", args=[fund.pk, mine.pk]))
    assert statement.status_code == 200 and "มาลี" in text(statement)
    for url in (reverse("web:report_statement", args=[fund.pk, other.pk]),
                reverse("web:member_detail", args=[fund.pk, other.pk]),
                reverse("web:claim_detail", args=[fund.pk, world["waiting"].pk]),
                reverse("web:member_list", args=[fund.pk]), reverse("web:entry_list", args=[fund.pk])):
        response = client.get(url)
        assert response.status_code in (403, 404), url
        assert "ประไพ" not in text(response)


def test_wrong_pins_are_refused_counted_and_lock_the_login(client, fund, treasurer, world):
    member_pin_issue(membership=world["mine"], pin="1357", actor=treasurer)
    login = reverse("web:member_login")
    for n in range(1, PIN_MAX_TRIES):
        response = client.post(login, {"phone": "0812345678", "pin": "9999"})
        assert response.status_code == 403 and "เบอร์โทรศัพท์หรือรหัส PIN ไม่ถูกต้อง" in text(response)
        assert MemberPin.objects.get().failed_tries == n and not MemberPin.objects.get().locked
    response = client.post(login, {"phone": "0812345678", "pin": "9999"})
    assert MemberPin.objects.get().locked
    assert AuditEvent.objects.filter(action="member_pin_wrong").count() == PIN_MAX_TRIES
    response = client.post(login, {"phone": "0812345678", "pin": "1357"})  # the right PIN, but locked
    assert response.status_code == 403 and "ถูกล็อก" in text(response)
    assert "_auth_user_id" not in client.session
    member_pin_issue(membership=world["mine"], pin="2468", actor=treasurer)  # a new PIN unlocks
    assert client.post(login, {"phone": "0812345678", "pin": "2468"}).status_code == 302
    assert MemberPin.objects.get().failed_tries == 0


def test_unknown_phone_gets_the_same_answer_and_counts_nothing(client, fund, treasurer, world):
    member_pin_issue(membership=world["mine"], pin="1357", actor=treasurer)
    response = client.post(reverse("web:member_login"), {"phone": "0899999999", "pin": "1357"})
    assert response.status_code == 403 and "เบอร์โทรศัพท์หรือรหัส PIN ไม่ถูกต้อง" in text(response)
    assert MemberPin.objects.get().failed_tries == 0


def test_help_in_thai_then_english(client, treasurer):
    as_user(client, user_of(treasurer))
    home = text(client.get(reverse("web:home")))
    assert reverse("web:help") in home and "วิธีใช้" in home
    body = text(client.get(reverse("web:help")))
    for topic in ("เก็บเงินสมทบ", "ยื่นคำขอรับสวัสดิการ", "อนุมัติ", "พิมพ์เอกสาร", "ปิดบัญชีสิ้นปี", "รหัส PIN"):
        assert topic in body, topic
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    body = text(client.get(reverse("web:help")))
    assert "Collect contributions" in body and "Close the year" in body and "เก็บเงินสมทบ" not in body


def test_demo_member_login_hint_only_in_demo_mode(client, settings, make_user, fund, treasurer, world):
    mine = world["mine"]
    make_user("member", Role.MEMBER, fund, person=mine.person)
    member_pin_issue(membership=mine, pin="2567", actor=treasurer)
    settings.DEBUG, settings.KONGTHUN_DEMO = False, False
    assert "0812345678" not in text(client.get(reverse("web:member_login")))
    settings.KONGTHUN_DEMO = True
    body = text(client.get(reverse("web:member_login")))
    assert "บัญชีทดลองใช้" in body and "<code>0812345678</code>" in body and "<code>2567</code>" in body


def test_area_home_flags_a_fund_running_low(client, make_user, make_org, system_actor):
    from django.utils import timezone

    from kongthun.ledger.actions import entry_post
    from kongthun.ledger.domain import credit, debit

    today = timezone.localdate()
    low = make_org("LOW-1", tambon_code="350101")
    entry_post(organization=low, date=today, lines=[debit("1101", 10_000_00), credit("4101", 10_000_00)],
               memo="เงินสมทบ", actor=system_actor)
    entry_post(organization=low, date=today, lines=[debit("5101", 9_000_00), credit("1101", 9_000_00)],
               memo="จ่ายสวัสดิการ", actor=system_actor)
    user = make_user("codi_low", Role.CODI, area=("nation", "TH"))
    body = text(as_user(client, user).get(reverse("web:home")))
    assert "เงินกองทุนเหลือน้อย" in body and "พอจ่ายได้ประมาณ 1.3 เดือน" in body and "1,000.00 บาท" in body
