"""The claims workflow on both databases: a fund adopts the example regulation; the treasurer
submits claims of every kind, another committee member approves them, the treasurer pays them;
the books balance and `kongthun check` is clean. Every refusal changes nothing."""

from __future__ import annotations

from datetime import date

import pytest

from kongthun.access.actions import role_grant
from kongthun.errors import DomainError
from kongthun.integrity import run_checks
from kongthun.ledger.models import Account, JournalEntry
from kongthun.people.actions import beneficiary_add, membership_status_change
from kongthun.welfare.claims.actions import claim_approve, claim_pay, claim_reject, claim_submit, regulation_adopt
from kongthun.welfare.claims.models import Claim, FundRegulation
from kongthun.welfare.claims.selectors import claim_get, claim_list, regulation_list
from tests.integration.claims_support import *  # noqa: F403  (the fixtures)
from tests.integration.claims_support import REGULATION, SYSTEM, enrol

DAY = date(2025, 3, 1)  # under the 2567 regulation (in force from 1 Oct 2024)


def balance(org, code: str) -> int:
    return Account.objects.get(organization=org, code=code).balance


def submit(org, membership, kind, actor, **kw):
    kw.setdefault("event_date", DAY)
    kw.setdefault("paid_up_to", kw["event_date"])
    kw.setdefault("on", kw["event_date"])
    return claim_submit(organization=org, membership=membership, kind=kind, actor=actor, **kw)


def explanation_th(claim) -> str:
    return "\n".join(line["th"] for line in claim.explanation)


# --- regulation ---------------------------------------------------------------------------------

def test_a_fund_adopts_the_example_regulation(fund):
    reg = FundRegulation.objects.get(organization=fund)
    assert reg.version_label == "ระเบียบฉบับ 2567"
    assert reg.effective_from == date(2024, 10, 1)
    assert reg.text == REGULATION.read_text(encoding="utf-8")


def test_an_invalid_regulation_is_refused_with_path_and_line(fund, checker, refused):
    text = REGULATION.read_text(encoding="utf-8").replace("amount: 1000}", "amount: -1000}")
    with refused("invalid.regulation") as err:
        regulation_adopt(organization=fund, text=text, actor=checker, why="แก้ไข")
    issue = err.value.details["issues"][0]
    assert issue["line"] and "versions[1].clauses[2]" in issue["path"]
    assert "line" in err.value.message_en and "line" in err.value.message_th
    with refused("invalid.regulation"):
        regulation_adopt(organization=fund, text="benefits: [unclosed", actor=checker, why="x")


def test_a_treasurer_of_another_fund_may_not_adopt(fund, sibling_treasurer, refused):
    with refused("forbidden.scope"):
        regulation_adopt(organization=fund, text=REGULATION.read_text(encoding="utf-8"), actor=sibling_treasurer,
                         why="x")


def test_the_version_in_force_on_the_event_date_decides(fund, treasurer):
    m = enrol(fund, "สมใจ", joined=date(2020, 1, 1))
    old = submit(fund, m, "childbirth", treasurer, event_date=date(2023, 5, 1))  # 2565: 500 baht, no evidence
    new = submit(fund, m, "childbirth", treasurer, event_date=DAY, evidence=["สำเนาสูติบัตร"])
    assert (old.amount, new.amount) == (500_00, 1_000_00)
    assert "ระเบียบฉบับ 2565 ข้อ 5" in explanation_th(old)
    assert "ระเบียบฉบับ 2567 ข้อ 5" in explanation_th(new)


# --- the whole flow ---------------------------------------------------------------------------------

def test_claims_of_every_kind_are_submitted_approved_paid_and_the_books_balance(fund, treasurer, checker):
    mother = enrol(fund, "แม่")
    patient = enrol(fund, "ป่วย")
    elder = enrol(fund, "ยาย", born=date(1955, 1, 1))
    disabled = enrol(fund, "พิการ")
    parent = enrol(fund, "พ่อ")
    deceased = enrol(fund, "ผู้ล่วงลับ", joined=date(2017, 6, 1))
    beneficiary_add(membership=deceased, name_th="ลูกสาว ทดสอบ", relation="บุตร", actor=SYSTEM)
    claims = [
        submit(fund, mother, "childbirth", treasurer, evidence=["สำเนาสูติบัตร"]),
        submit(fund, patient, "hospital", treasurer, admitted_on=DAY, discharged_on=date(2025, 3, 3),
               evidence=["ใบรับรองแพทย์"]),
        submit(fund, elder, "elderly", treasurer),
        submit(fund, disabled, "disability", treasurer, evidence=["สำเนาบัตรประจำตัวคนพิการ"]),
        submit(fund, parent, "scholarship", treasurer, facts={"gpa": "3.80"}, subject_birth_date=date(2010, 2, 2)),
        submit(fund, parent, "disaster", treasurer, claimed=1_500_00, event_ref="flood-2568"),
        submit(fund, deceased, "death", treasurer, recipient="beneficiary", evidence=["สำเนาใบมรณบัตร"]),
    ]
    expected = {"childbirth": ("5101", 1_000_00), "hospital": ("5102", 400_00), "elderly": ("5104", 200_00),
                "disability": ("5107", 500_00), "scholarship": ("5106", 500_00), "disaster": ("5105", 1_500_00),
                "death": ("5103", 10_000_00)}
    assert {c.kind: c.amount for c in claims} == {k: v[1] for k, v in expected.items()}
    cash_before = balance(fund, "1101")
    for c in claims:
        assert c.status == "submitted"
        claim_approve(claim=c, on=c.submitted_on, actor=checker, reason="เอกสารครบ")
        paid = claim_pay(claim=c, paid_on=date(2025, 3, 10), actor=treasurer)
        assert paid.status == "paid" and paid.paid_entry is not None
    for kind, (code, amount) in expected.items():
        assert balance(fund, code) == amount, kind
    assert balance(fund, "1101") == cash_before - sum(a for _, a in expected.values())
    assert run_checks() == []

    death = Claim.objects.get(kind="death")
    assert "เป็นสมาชิก 7 ปี -> 10,000 บาท ตามระเบียบฉบับ 2567 ข้อ 9" in explanation_th(death)
    assert any("(regulation of 2567 BE, clause 9)" in line["en"] for line in death.explanation)
    assert death.payees == [{"name": "ลูกสาว ทดสอบ", "relation": "บุตร", "share_percent": 100,
                             "amount": 10_000_00}]
    deceased.refresh_from_db()
    assert deceased.status == "deceased" and deceased.status_on == DAY
    assert deceased.person.deceased_on == DAY
    assert claim_list(scope=checker.scope, organization_id=fund.pk).count() == 7
    assert claim_get(scope=checker.scope, claim_id=death.pk).decided_by_id == checker.user_id


def test_a_cap_reduces_the_claim_and_names_the_clause(fund, treasurer):
    m = enrol(fund, "นอนนาน")
    c = submit(fund, m, "hospital", treasurer, admitted_on=DAY, discharged_on=date(2025, 3, 6),
               evidence=["ใบรับรองแพทย์"])
    assert (c.nights, c.amount, c.outcome) == (5, 600_00, "reduce")
    assert c.decided_clause == "ระเบียบฉบับ 2567 ข้อ 6"
    assert "เพดานต่อครั้ง 600 บาท -> 600 บาท ตามระเบียบฉบับ 2567 ข้อ 6" in explanation_th(c)


def test_the_yearly_cap_counts_earlier_claims_of_the_member(fund, treasurer):
    m = enrol(fund, "เข้าบ่อย")
    stays = [(date(2025, 1, 5), date(2025, 1, 8)), (date(2025, 2, 5), date(2025, 2, 8))]
    first, second = (submit(fund, m, "hospital", treasurer, event_date=a, admitted_on=a, discharged_on=d,
                            evidence=["ใบรับรองแพทย์"]) for a, d in stays)
    assert (first.amount, second.amount) == (600_00, 400_00)
    assert "เพดานต่อปี 1,000 บาท เหลือสิทธิ์ 400 บาท" in explanation_th(second)


def test_a_rejected_claim_keeps_its_reason_and_is_never_paid(fund, treasurer, checker, refused):
    c = submit(fund, enrol(fund, "ปฏิเสธ"), "elderly", treasurer, event_date=DAY, subject_birth_date=date(1950, 1, 1))
    with refused("invalid.reason_required"):
        claim_reject(claim=c, on=c.submitted_on, actor=checker, reason="  ")
    claim_reject(claim=c, on=c.submitted_on, actor=checker, reason="ไม่ได้มาแสดงตน")
    c.refresh_from_db()
    assert (c.status, c.decision_reason, c.decided_by_id) == ("rejected", "ไม่ได้มาแสดงตน", checker.user_id)
    with refused("conflict.claim_status"):
        claim_pay(claim=c, paid_on=DAY, actor=treasurer)


# --- refusals ---------------------------------------------------------------------------------------

def test_refused_before_the_waiting_period(fund, treasurer, refused):
    m = enrol(fund, "ใหม่", joined=date(2025, 1, 1))
    with refused("conflict.claim_refused") as err:
        submit(fund, m, "childbirth", treasurer, evidence=["สำเนาสูติบัตร"])
    assert "ยังไม่ครบระยะรอสิทธิ์ 180 วัน ตามระเบียบฉบับ 2567 ข้อ 4" in err.value.message_th
    assert "waiting period" in err.value.message_en


def test_refused_when_the_regulation_refuses(fund, treasurer, refused):
    m = enrol(fund, "ขาดเอกสาร")
    with refused("conflict.claim_refused") as err:
        submit(fund, m, "childbirth", treasurer)
    assert "ขาดเอกสาร: สำเนาสูติบัตร" in err.value.message_th
    with refused("conflict.claim_refused"):
        submit(fund, m, "childbirth", treasurer, evidence=["สำเนาสูติบัตร"], paid_up_to=date(2024, 1, 1))


def test_refused_for_a_lapsed_or_deceased_member(fund, treasurer, refused):
    lapsed = enrol(fund, "ขาดส่ง")
    membership_status_change(membership=lapsed, status="lapsed", on=date(2025, 1, 1), actor=SYSTEM, why="ค้างชำระ")
    with refused("conflict.member_lapsed"):
        submit(fund, lapsed, "elderly", treasurer)
    dead = enrol(fund, "เสียแล้ว")
    membership_status_change(membership=dead, status="deceased", on=date(2025, 2, 1), actor=SYSTEM, why="แจ้งตาย")
    with refused("conflict.member_deceased") as err:
        submit(fund, dead, "hospital", treasurer, admitted_on=DAY, discharged_on=date(2025, 3, 2))
    assert "เสียชีวิตแล้ว" in err.value.message_th


def test_a_second_death_claim_and_allowances_after_death_are_refused(fund, treasurer, refused):
    m = enrol(fund, "ยายทวด", born=date(1940, 1, 1))
    beneficiary_add(membership=m, name_th="หลาน", relation="หลาน", actor=SYSTEM)
    submit(fund, m, "death", treasurer, recipient="beneficiary", evidence=["สำเนาใบมรณบัตร"])
    with refused("conflict.claim_duplicate"):
        submit(fund, m, "death", treasurer, recipient="beneficiary", evidence=["สำเนาใบมรณบัตร"])
    with refused("conflict.member_deceased"):
        submit(fund, m, "elderly", treasurer, event_date=date(2025, 6, 1))


def test_a_death_claim_needs_a_named_beneficiary(fund, treasurer, refused):
    m = enrol(fund, "ไม่มีผู้รับ")
    with refused("conflict.no_beneficiary"):
        submit(fund, m, "death", treasurer, recipient="beneficiary", evidence=["สำเนาใบมรณบัตร"])
    with refused("conflict.claim_refused") as err:
        submit(fund, m, "death", treasurer, recipient="member", evidence=["สำเนาใบมรณบัตร"])
    assert "ข้อ 9" in err.value.message_th


def test_duplicates_within_the_fund_name_the_claim(fund, treasurer, refused):
    m = enrol(fund, "ซ้ำ")
    first = submit(fund, m, "hospital", treasurer, admitted_on=DAY, discharged_on=date(2025, 3, 4),
                   evidence=["ใบรับรองแพทย์"])
    with refused("conflict.claim_duplicate") as err:
        submit(fund, m, "hospital", treasurer, event_date=date(2025, 3, 3), admitted_on=date(2025, 3, 3),
               discharged_on=date(2025, 3, 5), evidence=["ใบรับรองแพทย์"])
    assert f"คำขอเลขที่ {first.number}" in err.value.message_th and m.member_no in err.value.message_th
    c = submit(fund, m, "disability", treasurer, evidence=["สำเนาบัตรประจำตัวคนพิการ"])
    with refused("conflict.claim_duplicate"):
        submit(fund, m, "disability", treasurer, evidence=["สำเนาบัตรประจำตัวคนพิการ"])
    # A stay that starts the day the other ends shares no night; a rejected claim is no duplicate.
    submit(fund, m, "hospital", treasurer, event_date=date(2025, 3, 4), admitted_on=date(2025, 3, 4),
           discharged_on=date(2025, 3, 5), evidence=["ใบรับรองแพทย์"])
    assert c.status == "submitted"


def test_duplicates_across_the_network_are_masked(fund, sibling, treasurer, sibling_treasurer, refused):
    m = enrol(fund, "สองกองทุน")
    enrol(sibling, "", person=m.person)
    other = m.person.memberships.get(organization=sibling)
    submit(fund, m, "hospital", treasurer, admitted_on=DAY, discharged_on=date(2025, 3, 4),
           evidence=["ใบรับรองแพทย์"])
    with refused("conflict.claim_duplicate_network") as err:
        submit(sibling, other, "hospital", sibling_treasurer, event_date=date(2025, 3, 2),
               admitted_on=date(2025, 3, 2), discharged_on=date(2025, 3, 3), evidence=["ใบรับรองแพทย์"])
    message = err.value.message_th + err.value.message_en + str(err.value.details)
    assert fund.name_th in message and "1 มี.ค. 2568" in message
    for private in (m.member_no, m.person.first_name_th, m.person.last_name_th, m.person.national_id, "เลขที่"):
        assert private not in message


def test_a_treasurer_may_not_claim_for_another_funds_member(fund, sibling, sibling_treasurer, treasurer, refused):
    theirs = enrol(sibling, "ต่างกองทุน")
    with refused("not_found.membership"):
        submit(fund, theirs, "elderly", treasurer)
    ours = enrol(fund, "ของเรา", born=date(1950, 1, 1))
    with refused("forbidden.scope"):
        submit(fund, ours, "elderly", sibling_treasurer)


def test_only_the_committee_decides_and_only_the_treasurer_pays(fund, sibling_treasurer, treasurer, checker,
                                                                refused):
    c = submit(fund, enrol(fund, "สิทธิ์", born=date(1950, 1, 1)), "elderly", treasurer)
    with refused("forbidden.scope"):
        claim_approve(claim=c, on=c.submitted_on, actor=sibling_treasurer)
    with refused("conflict.claim_status"):
        claim_pay(claim=c, paid_on=DAY, actor=treasurer)
    claim_approve(claim=c, on=c.submitted_on, actor=checker)
    with refused("forbidden.scope"):
        claim_pay(claim=c, paid_on=DAY, actor=checker)
    with refused("forbidden.scope"):
        claim_pay(claim=c, paid_on=DAY, actor=sibling_treasurer)


def test_maker_checker_the_submitter_may_not_approve(fund, make_user, checker, refused):
    from kongthun.access.domain import Role
    from kongthun.audit.actions import Actor

    user = make_user("both_roles", Role.TREASURER, fund)
    role_grant(user=user, role=Role.COMMITTEE, actor=SYSTEM, organization=fund)
    both = Actor.for_user(user, "test")
    c = submit(fund, enrol(fund, "ผู้ยื่น", born=date(1950, 1, 1)), "elderly", both)
    with refused("forbidden.maker_checker") as err:
        claim_approve(claim=c, on=c.submitted_on, actor=both)
    assert "ต้องให้กรรมการคนอื่นพิจารณา" in err.value.message_th
    with refused("forbidden.maker_checker"):
        claim_reject(claim=c, on=c.submitted_on, actor=both, reason="ลองเอง")
    assert claim_approve(claim=c, on=c.submitted_on, actor=checker).status == "approved"


def test_an_approved_claim_is_not_approved_again(fund, treasurer, checker, checker2, refused):
    c = submit(fund, enrol(fund, "ครั้งเดียว", born=date(1950, 1, 1)), "elderly", treasurer)
    claim_approve(claim=c, on=c.submitted_on, actor=checker)
    with refused("conflict.claim_status") as err:
        claim_approve(claim=c, on=c.submitted_on, actor=checker2)
    assert "อนุมัติแล้ว" in err.value.message_th


def test_paying_twice_pays_once(fund, treasurer, checker):
    c = submit(fund, enrol(fund, "จ่ายครั้งเดียว", born=date(1950, 1, 1)), "elderly", treasurer)
    claim_approve(claim=c, on=c.submitted_on, actor=checker)
    first = claim_pay(claim=c, paid_on=DAY, actor=treasurer)
    entries = JournalEntry.objects.filter(organization=fund).count()
    again = claim_pay(claim=c, paid_on=date(2025, 3, 9), actor=treasurer)
    assert again.paid_entry_id == first.paid_entry_id and again.paid_on == DAY
    assert JournalEntry.objects.filter(organization=fund).count() == entries
    assert balance(fund, "5104") == 200_00
    assert run_checks() == []


def test_no_regulation_in_force_and_no_cash_are_refused(make_org, make_user, network, refused):
    from kongthun.access.domain import Role
    from kongthun.audit.actions import Actor

    poor = make_org("POOR", tambon_code="350101", parent=network)
    regulation_adopt(organization=poor, text=REGULATION.read_text(encoding="utf-8"), actor=SYSTEM, why="มติ")
    member = enrol(poor, "จน", born=date(1950, 1, 1))
    with refused("conflict.no_regulation"):
        submit(poor, member, "elderly", SYSTEM, event_date=date(2022, 9, 30))
    c = submit(poor, member, "elderly", SYSTEM)
    claim_approve(claim=c, on=c.submitted_on,
                  actor=Actor.for_user(make_user("poor_committee", Role.COMMITTEE, poor), "test"))
    with refused("conflict.insufficient_cash") as err:
        claim_pay(claim=c, paid_on=DAY, actor=SYSTEM)
    assert "ไม่พอจ่าย 200.00 บาท" in err.value.message_th


def test_the_selectors_keep_to_the_readers_scope(fund, sibling, treasurer, sibling_treasurer):
    c = submit(fund, enrol(fund, "เฉพาะกองทุน", born=date(1950, 1, 1)), "elderly", treasurer)
    assert list(claim_list(scope=sibling_treasurer.scope)) == []
    with pytest.raises(DomainError) as err:
        claim_get(scope=sibling_treasurer.scope, claim_id=c.pk)
    assert err.value.code == "not_found.claim"
    assert regulation_list(scope=treasurer.scope, organization_id=fund.pk).count() == 1


# --- households and the fund's own kinds ----------------------------------------------------------------

def test_a_household_limit_counts_every_member_of_the_household(fund, treasurer, checker, refused):
    from kongthun.people.actions import household_create

    home = household_create(organization=fund, code="HH-FLOOD-1", tambon_code=fund.tambon_id, actor=SYSTEM)
    wife, husband = enrol(fund, "ภรรยา", household=home), enrol(fund, "สามี", household=home)
    first = submit(fund, wife, "disaster", treasurer, claimed=3_000_00, event_ref="flood-2568", recipient="household")
    assert (first.amount, first.outcome, first.household_code) == (2_000_00, "reduce", "HH-FLOOD-1")
    assert first.payees[0]["name"] == "ครัวเรือน HH-FLOOD-1"
    with refused("conflict.claim_refused") as err:
        submit(fund, husband, "disaster", treasurer, claimed=1_000_00, event_ref="flood-2568")
    assert "ครั้งต่อครัวเรือนต่อเหตุการณ์) ตามระเบียบฉบับ 2567 ข้อ 8" in err.value.message_th
    wreath = submit(fund, husband, "wreath", treasurer, recipient="household")
    claim_approve(claim=wreath, on=wreath.submitted_on, actor=checker)
    claim_pay(claim=wreath, paid_on=DAY, actor=treasurer)
    assert balance(fund, "5107") == 500_00  # a fund's own kind is paid from "other" support
    homeless = enrol(fund, "ไม่มีบ้าน")
    with refused("conflict.no_household"):
        submit(fund, homeless, "wreath", treasurer, recipient="household")


# --- the pure rules (no database) -----------------------------------------------------------------------

def test_beneficiary_shares_always_add_up_and_are_never_negative():
    from hypothesis import given
    from hypothesis import strategies as st

    from kongthun.welfare.claims.domain import split_by_shares

    @given(st.integers(0, 10**9), st.lists(st.integers(1, 100), min_size=1, max_size=6))
    def check(amount, shares):
        parts = split_by_shares(amount, [(f"p{i}", "บุตร", s) for i, s in enumerate(shares)])
        assert sum(p.amount for p in parts) == amount
        assert all(p.amount >= 0 for p in parts)

    check()
    assert [p.amount for p in split_by_shares(10_000_00, [("ก", "บุตร", 60), ("ข", "บุตร", 40)])] == [6_000_00,
                                                                                                    4_000_00]


def test_stays_that_share_a_night_are_duplicates_and_back_to_back_stays_are_not():
    from kongthun.welfare.claims.domain import NewClaim, PriorClaim, duplicate_of, stay_nights

    prior = [PriorClaim(1, 1, "กองทุน", "00001", "hospital", date(2025, 3, 1), date(2025, 3, 1), date(2025, 3, 4))]

    def new(a, d):
        return NewClaim(1, "hospital", a, a, d)

    assert duplicate_of(new(date(2025, 3, 3), date(2025, 3, 6)), prior) == prior[0]
    assert duplicate_of(new(date(2025, 2, 27), date(2025, 3, 2)), prior) == prior[0]
    assert duplicate_of(new(date(2025, 3, 4), date(2025, 3, 6)), prior) is None
    assert duplicate_of(new(date(2025, 2, 27), date(2025, 3, 1)), prior) is None
    assert stay_nights(date(2025, 3, 1), date(2025, 3, 4), None) == 3
    with pytest.raises(DomainError):
        stay_nights(date(2025, 3, 1), date(2025, 3, 4), 5)
    with pytest.raises(DomainError):
        stay_nights(date(2025, 3, 4), date(2025, 3, 4), None)


# --- contributions decide "paid up" -------------------------------------------------------------------

def test_paid_up_comes_from_the_funds_receipts_when_it_keeps_contributions(fund, treasurer, refused):
    """With a contribution plan in kongthun, claim_submit reads how far each member has paid from the
    receipts (void receipts do not count) and the regulation's paid-up clause (90 days' grace) decides."""
    from kongthun.welfare.contributions.actions import PaymentLine, collection_record, plan_set

    plan_set(organization=fund, effective_from=date(2017, 1, 1), actor=SYSTEM, why="มติที่ประชุม")
    paid, behind = enrol(fund, "จ่ายครบ"), enrol(fund, "ค้างส่ง")
    # "paid" covers 2017-01 .. 2025-02 (98 months); "behind" stops 2024-06 (90 months).
    collection_record(organization=fund, collected_on=date(2024, 12, 1), actor=treasurer, idempotency_key="k1",
                      payments=[PaymentLine(paid.pk, periods=98), PaymentLine(behind.pk, periods=90)])
    ok = claim_submit(organization=fund, membership=paid, kind="childbirth", actor=treasurer, event_date=DAY, on=DAY,
                      evidence=["สำเนาสูติบัตร"])
    assert ok.amount == 1_000_00
    with refused("conflict.claim_refused") as err:
        claim_submit(organization=fund, membership=behind, kind="childbirth", actor=treasurer, event_date=DAY, on=DAY,
                     evidence=["สำเนาสูติบัตร"])
    assert "ข้อ 4" in err.value.message_th


# --- business dates -------------------------------------------------------------------------------------

def test_business_dates_no_decision_before_submission_no_payment_before_approval(fund, treasurer, checker, refused):
    from kongthun.audit.models import AuditEvent

    c = submit(fund, enrol(fund, "วันที่", born=date(1950, 1, 1)), "elderly", treasurer, on=date(2025, 3, 5))
    assert (c.submitted_on, c.decided_on) == (date(2025, 3, 5), None) and c.submitted_at is not None
    with refused("invalid.decided_before_submitted") as err:
        claim_approve(claim=c, on=date(2025, 3, 4), actor=checker)
    assert "อยู่ก่อนวันที่ยื่นคำขอเลขที่" in err.value.message_th and "before claim no." in err.value.message_en
    with refused("invalid.decided_before_submitted"):
        claim_reject(claim=c, on=date(2025, 3, 1), actor=checker, reason="ไม่ครบ")
    c = claim_approve(claim=c, on=date(2025, 3, 8), actor=checker)
    assert c.decided_on == date(2025, 3, 8) and c.decided_at is not None
    with refused("invalid.paid_before_approved") as err:
        claim_pay(claim=c, paid_on=date(2025, 3, 7), actor=treasurer)
    assert "อยู่ก่อนวันที่อนุมัติ" in err.value.message_th
    assert claim_pay(claim=c, paid_on=date(2025, 3, 8), actor=treasurer).status == "paid"
    after = AuditEvent.objects.filter(action="claim_approve", object_id=str(c.pk)).get().after
    assert (after["submitted_on"], after["decided_on"]) == ("2025-03-05", "2025-03-08")


def test_the_migration_dates_old_claims_by_their_recorded_times(fund, treasurer, checker):
    import importlib
    from datetime import UTC, datetime

    from django.apps import apps

    migration = importlib.import_module("kongthun.welfare.claims.migrations.0002_claim_business_dates")
    c = claim_approve(claim=submit(fund, enrol(fund, "เก่า", born=date(1950, 1, 1)), "elderly", treasurer),
                      on=DAY, actor=checker)
    claim_pay(claim=c, paid_on=date(2025, 3, 3), actor=treasurer)
    # Recorded at 20:00 UTC on 1 March = 03:00 on 2 March in Bangkok; decided (recorded) long after it was paid.
    Claim.objects.filter(pk=c.pk).update(submitted_at=datetime(2025, 3, 1, 20, 0, tzinfo=UTC),
                                         decided_at=datetime(2025, 6, 1, 3, 0, tzinfo=UTC),
                                         submitted_on=date(2000, 1, 1), decided_on=None)
    migration.backfill(apps, None)
    c.refresh_from_db()
    assert (c.submitted_on, c.decided_on) == (date(2025, 3, 2), date(2025, 3, 3))


# --- a death stops recurring allowances --------------------------------------------------------------------

def test_a_death_claim_rejects_pending_allowances_after_the_death(fund, treasurer, checker):
    from kongthun.audit.models import AuditEvent

    m = enrol(fund, "ยายแก้ว", born=date(1950, 1, 1))
    other = enrol(fund, "ยายทอง", born=date(1950, 1, 1))
    beneficiary_add(membership=m, name_th="ลูกสาว", relation="บุตร", actor=SYSTEM)
    asked = date(2025, 4, 1)
    before_death = claim_approve(claim=submit(fund, m, "elderly", treasurer, event_date=date(2024, 11, 1), on=asked),
                                 on=asked, actor=checker)
    elderly_after = submit(fund, m, "elderly", treasurer, event_date=date(2025, 10, 5), on=asked)
    disability_after = claim_approve(
        claim=submit(fund, m, "disability", treasurer, event_date=date(2025, 5, 1), on=asked,
                     evidence=["สำเนาบัตรประจำตัวคนพิการ"]), on=asked, actor=checker)
    sick_after = submit(fund, m, "sickness_home", treasurer, event_date=date(2025, 4, 20), on=asked)
    others = submit(fund, other, "elderly", treasurer, event_date=date(2025, 10, 5), on=asked)

    death = submit(fund, m, "death", treasurer, event_date=date(2025, 4, 10), on=date(2025, 4, 11),
                   recipient="beneficiary", evidence=["สำเนาใบมรณบัตร"])
    assert death.payees[0]["name"] == "ลูกสาว"
    status = dict(Claim.objects.filter(organization=fund).values_list("pk", "status"))
    assert status[elderly_after.pk] == status[disability_after.pk] == "rejected"
    assert status[before_death.pk] == "approved"  # owed for a day she was alive
    assert status[sick_after.pk] == "submitted"  # not an allowance: the committee decides it
    assert status[others.pk] == "submitted" and status[death.pk] == "submitted"
    for c in (elderly_after, disability_after):
        c.refresh_from_db()
        assert (c.decision_reason, c.decided_on, c.decided_by_id) == (
            "สมาชิกเสียชีวิต / member died", date(2025, 4, 11), treasurer.user_id)
    events = AuditEvent.objects.filter(action="claim_reject_on_death").order_by("id")
    assert [e.object_id for e in events] == [str(elderly_after.pk), str(disability_after.pk)]
    assert all("สมาชิกเสียชีวิต / member died" in e.why and e.after["status"] == "rejected" for e in events)
    assert events[1].before["status"] == "approved"
    with pytest.raises(DomainError) as err:
        claim_pay(claim=disability_after, paid_on=date(2025, 5, 2), actor=treasurer)
    assert err.value.code == "conflict.claim_status"
    assert run_checks() == []


def test_a_refused_death_claim_stops_nothing(fund, treasurer, refused):
    m = enrol(fund, "ยังไม่มีผู้รับ", born=date(1950, 1, 1))
    pending = submit(fund, m, "elderly", treasurer, event_date=date(2025, 6, 1))
    with refused("conflict.no_beneficiary"):
        submit(fund, m, "death", treasurer, event_date=date(2025, 4, 10), recipient="beneficiary",
               evidence=["สำเนาใบมรณบัตร"])
    pending.refresh_from_db()
    assert pending.status == "submitted"


def test_no_allowance_is_submitted_after_a_death_recorded_by_a_death_claim(fund, treasurer, refused):
    m = enrol(fund, "ตาเพิ่ม", born=date(1950, 1, 1))
    beneficiary_add(membership=m, name_th="ภรรยา", relation="คู่สมรส", actor=SYSTEM)
    submit(fund, m, "death", treasurer, event_date=date(2025, 2, 1), recipient="beneficiary",
           evidence=["สำเนาใบมรณบัตร"])
    for kind, extra in (("elderly", {}), ("disability", {"evidence": ["สำเนาบัตรประจำตัวคนพิการ"]})):
        with refused("conflict.member_deceased") as err:
            submit(fund, m, kind, treasurer, event_date=date(2025, 3, 1), **extra)
        assert "เสียชีวิตแล้วเมื่อ 1 ก.พ. 2568" in err.value.message_th


# --- a paid-up clause without a contribution plan ----------------------------------------------------------

def test_a_paid_up_clause_without_a_contribution_plan_is_refused_clearly(fund, treasurer, refused):
    from kongthun.welfare.contributions.actions import plan_set

    m = enrol(fund, "ไม่มีแผน")
    with refused("conflict.no_contribution_plan") as err:
        claim_submit(organization=fund, membership=m, kind="childbirth", actor=treasurer, event_date=DAY, on=DAY,
                     evidence=["สำเนาสูติบัตร"])
    th, en = err.value.message_th, err.value.message_en
    assert "ข้อ 4" in th and "ยังไม่ได้กำหนดข้อกำหนดการส่งเงินสมทบ" in th and "แก้ระเบียบตัดข้อ 4 ออก" in th
    assert "no contribution plan" in en and "set up the contribution plan" in en and "remove clause 4" in en
    # The 2565 version has no paid-up clause: a claim under it needs no plan.
    old = claim_submit(organization=fund, membership=m, kind="childbirth", actor=treasurer,
                       event_date=date(2024, 3, 1), on=date(2024, 3, 2))
    assert old.amount == 500_00
    # With a plan, the receipts decide (none yet: in arrears since joining, so the clause refuses).
    plan_set(organization=fund, effective_from=date(2017, 1, 1), actor=SYSTEM, why="มติที่ประชุม")
    with refused("conflict.claim_refused") as err:
        claim_submit(organization=fund, membership=m, kind="childbirth", actor=treasurer, event_date=DAY, on=DAY,
                     evidence=["สำเนาสูติบัตร"])
    assert "ค้างชำระ" in err.value.message_th


def test_kongthun_check_finds_claims_out_of_step_with_the_ledger_or_their_dates(fund, treasurer, checker):
    c = claim_approve(claim=submit(fund, enrol(fund, "ตรวจ", born=date(1950, 1, 1)), "elderly", treasurer),
                      on=DAY, actor=checker)
    claim_pay(claim=c, paid_on=DAY, actor=treasurer)
    assert run_checks() == []
    Claim.objects.filter(pk=c.pk).update(amount=300_00)  # tampered: the entry paid 200
    assert [p.check for p in run_checks()] == ["claims"]
    Claim.objects.filter(pk=c.pk).update(amount=200_00, decided_on=date(2025, 2, 1))  # decided before submitted
    problems = run_checks()
    assert [p.check for p in problems] == ["claims"] and "out of order" in problems[0].message_en
