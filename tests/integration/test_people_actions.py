"""Persons, memberships and beneficiaries through their actions, on both databases."""

from __future__ import annotations

from datetime import date

import pytest

from kongthun.audit.models import AuditEvent
from kongthun.errors import DomainError
from kongthun.people.actions import (
    beneficiary_add,
    membership_create,
    membership_status_change,
    person_create,
    person_find,
)
from kongthun.people.domain import national_id_check_digit
from kongthun.people.models import MembershipEvent, Person
from tests.conftest import SYSTEM

TODAY = date(2025, 6, 1)


def nid(n: int) -> str:
    base = f"3{n:011d}"
    return base + str(national_id_check_digit(base))


def create(org, actor=SYSTEM, **kw):
    args = dict(organization=org, first_name_th="สมศรี", last_name_th="มีสุข", sex="F", actor=actor,
                business_date=TODAY, national_id=nid(1), birth_date=date(1960, 2, 1), tambon_code="350101")
    args.update(kw)
    return person_create(**args)


# --- persons ---------------------------------------------------------------------------------------


def test_person_create_records_and_audits(fund_a, actor_a):
    p = create(fund_a, actor_a, national_id="3-0000-00000-01-" + nid(1)[-1], phone="081-234-5678")
    assert p.national_id == nid(1)
    assert (p.full_name_th, p.sex, p.id_kind, p.id_flagged) == ("สมศรี มีสุข", "F", "national", False)
    assert p.masked_phone == "xxxxxx5678"
    ev = AuditEvent.objects.get(object_type="person", object_id=str(p.pk))
    assert (ev.action, ev.organization_id, ev.actor_name) == ("person_create", fund_a.pk, "treasurer_a")
    assert ev.after["national_id"] == p.masked_id and nid(1) not in str(ev.after)  # PDPA: masked in the trail
    assert person_find(national_id=nid(1)) == p


@pytest.mark.parametrize(
    ("kw", "code"),
    [
        ({"national_id": nid(1)[:-1] + str((int(nid(1)[-1]) + 1) % 10)}, "invalid.national_id_check_digit"),
        ({"national_id": "12345"}, "invalid.national_id_length"),
        ({"national_id": ""}, "invalid.national_id_length"),
        ({"birth_date": date(2025, 6, 2)}, "invalid.birth_date_future"),
        ({"birth_date": date(1900, 1, 1)}, "invalid.birth_date_too_old"),
        ({"first_name_th": "  "}, "invalid.name_required"),
        ({"last_name_th": ""}, "invalid.name_required"),
        ({"sex": "Q"}, "invalid.choice"),
        ({"id_kind": "passport"}, "invalid.choice"),
        ({"tambon_code": "999999"}, "invalid.tambon"),
    ],
)
def test_bad_person_is_refused_and_changes_nothing(fund_a, actor_a, unchanged, kw, code):
    with unchanged(code):
        create(fund_a, actor_a, **kw)


def test_birth_date_is_checked_against_the_business_date(fund_a):
    """Born after the business date is in the future, whatever today's clock says."""
    with pytest.raises(DomainError) as err:
        create(fund_a, business_date=date(2000, 1, 1), birth_date=date(2000, 1, 2))
    assert err.value.code == "invalid.birth_date_future"
    assert create(fund_a, business_date=date(2000, 1, 2), birth_date=date(2000, 1, 2)).birth_date == date(2000, 1, 2)


def test_duplicate_national_id_is_refused_in_any_spelling(fund_a, fund_b, actor_b, unchanged):
    create(fund_a)
    n = nid(1)
    thai = n.translate(str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙"))
    for spelling in (n, f"{n[0]}-{n[1:5]}-{n[5:10]}-{n[10:12]}-{n[12]}", thai):
        with unchanged("conflict.person_duplicate") as err:
            create(fund_b, actor_b, national_id=spelling, first_name_th="อื่น")
        assert n not in err.value.message_th and n not in err.value.message_en  # the full ID is not echoed


@pytest.mark.parametrize("kind", ["migrant", "stateless", "none"])
def test_people_without_a_thai_id_are_allowed_and_flagged(fund_a, actor_a, kind):
    p = create(fund_a, actor_a, id_kind=kind, national_id="", other_id="MW-0012345" if kind == "migrant" else "")
    assert p.national_id is None and p.id_flagged
    assert p.masked_id == ("…2345" if kind == "migrant" else "")
    q = create(fund_a, actor_a, id_kind=kind, national_id="")  # no ID is not a duplicate of no ID
    assert q.pk != p.pk and Person.objects.filter(id_kind=kind).count() == 2


def test_only_the_organizations_own_treasurer_may_record_people(fund_a, actor_b, unchanged):
    with unchanged("forbidden.scope"):
        create(fund_a, actor_b)


# --- memberships -----------------------------------------------------------------------------------


def test_member_numbers_are_per_organization(fund_a, fund_b):
    people = [create(fund_a, national_id=nid(i)) for i in range(1, 4)]
    a = [membership_create(organization=fund_a, person=p, joined_on=TODAY, actor=SYSTEM).member_no for p in people]
    b = [membership_create(organization=fund_b, person=p, joined_on=TODAY, actor=SYSTEM).member_no
         for p in people[:2]]
    assert a == ["00001", "00002", "00003"]
    assert b == ["00001", "00002"]


def test_next_number_follows_the_highest_number(fund_a):
    p1, p2, p3 = (create(fund_a, national_id=nid(i)) for i in range(1, 4))
    membership_create(organization=fund_a, person=p1, joined_on=TODAY, actor=SYSTEM, member_no="00041")
    membership_create(organization=fund_a, person=p2, joined_on=TODAY, actor=SYSTEM, member_no="พิเศษ-1")
    assert membership_create(organization=fund_a, person=p3, joined_on=TODAY, actor=SYSTEM).member_no == "00042"


def test_one_person_in_two_organizations(fund_a, fund_b, actor_a, actor_b):
    p = create(fund_a, actor_a)
    ma = membership_create(organization=fund_a, person=p, joined_on=date(2020, 1, 1), actor=actor_a)
    found = person_find(national_id=p.national_id)
    mb = membership_create(organization=fund_b, person=found, joined_on=date(2024, 5, 1), actor=actor_b)
    assert {m.organization_id for m in p.memberships.all()} == {fund_a.pk, fund_b.pk}
    assert (ma.joined_on, mb.joined_on) == (date(2020, 1, 1), date(2024, 5, 1))
    ev = AuditEvent.objects.get(object_type="membership", object_id=str(mb.pk))
    assert (ev.action, ev.organization_id, ev.after["member_no"]) == ("membership_create", fund_b.pk, mb.member_no)
    assert MembershipEvent.objects.get(membership=mb).status == "active"


def test_membership_refusals(fund_a, unchanged, make_org):
    p, q = create(fund_a), create(fund_a, national_id=nid(2), birth_date=date(2000, 1, 1))
    membership_create(organization=fund_a, person=p, joined_on=TODAY, actor=SYSTEM, member_no="00007")
    with unchanged("conflict.already_member"):
        membership_create(organization=fund_a, person=p, joined_on=TODAY, actor=SYSTEM)
    with unchanged("conflict.member_no"):
        membership_create(organization=fund_a, person=q, joined_on=TODAY, actor=SYSTEM, member_no="00007")
    with unchanged("invalid.joined_before_birth"):
        membership_create(organization=fund_a, person=q, joined_on=date(1999, 12, 31), actor=SYSTEM)
    council = make_org("COUNCIL-1", kind="council")
    with unchanged("invalid.org_without_members"):
        membership_create(organization=council, person=q, joined_on=TODAY, actor=SYSTEM)


def test_enrolling_into_another_fund_is_refused(fund_b, actor_a, unchanged):
    p = create(fund_b)
    with unchanged("forbidden.scope"):
        membership_create(organization=fund_b, person=p, joined_on=TODAY, actor=actor_a)


def test_status_transitions_and_history(fund_a, actor_a):
    m = membership_create(organization=fund_a, person=create(fund_a), joined_on=date(2020, 1, 1), actor=actor_a)
    steps = [("lapsed", date(2021, 1, 1)), ("active", date(2021, 3, 1)), ("resigned", date(2022, 1, 1)),
             ("active", date(2023, 1, 1)), ("deceased", date(2024, 7, 9))]
    for status, on in steps:
        m = membership_status_change(membership=m, status=status, on=on, actor=actor_a, why=f"to {status}")
        assert (m.status, m.status_on) == (status, on)
    history = list(MembershipEvent.objects.filter(membership=m).order_by("on", "id").values_list("status", "on"))
    assert history == [("active", date(2020, 1, 1)), *steps]
    assert Person.objects.get(pk=m.person_id).deceased_on == date(2024, 7, 9)
    events = AuditEvent.objects.filter(object_type="membership", object_id=str(m.pk),
                                       action="membership_status_change").order_by("seq")
    assert [(e.before["status"], e.after["status"]) for e in events] == list(
        zip(["active"] + [s for s, _ in steps[:-1]], [s for s, _ in steps], strict=True))


@pytest.mark.parametrize("status", ["active", "lapsed", "resigned", "deceased"])
def test_deceased_is_final(fund_a, unchanged, status):
    m = membership_create(organization=fund_a, person=create(fund_a), joined_on=date(2020, 1, 1), actor=SYSTEM)
    m = membership_status_change(membership=m, status="deceased", on=date(2024, 1, 1), actor=SYSTEM, why="ถึงแก่กรรม")
    with unchanged("conflict.membership_status"):
        membership_status_change(membership=m, status=status, on=date(2024, 2, 1), actor=SYSTEM, why="x")


def test_status_refusals(fund_a, actor_b, unchanged):
    m = membership_create(organization=fund_a, person=create(fund_a), joined_on=date(2020, 1, 1), actor=SYSTEM)
    with unchanged("conflict.membership_status"):
        membership_status_change(membership=m, status="active", on=date(2021, 1, 1), actor=SYSTEM, why="x")
    with unchanged("invalid.status_date"):
        membership_status_change(membership=m, status="lapsed", on=date(2019, 12, 31), actor=SYSTEM, why="x")
    with unchanged("invalid.choice"):
        membership_status_change(membership=m, status="expelled", on=date(2021, 1, 1), actor=SYSTEM, why="x")
    with unchanged("forbidden.scope"):
        membership_status_change(membership=m, status="lapsed", on=date(2021, 1, 1), actor=actor_b, why="x")


# --- beneficiaries ---------------------------------------------------------------------------------


def test_beneficiary_shares_are_capped_at_100_percent(fund_a, actor_a, unchanged):
    m = membership_create(organization=fund_a, person=create(fund_a), joined_on=date(2020, 1, 1), actor=actor_a)
    beneficiary_add(membership=m, name_th="ลูกสาว", relation="บุตร", share_percent=60, actor=actor_a)
    with unchanged("invalid.beneficiary_share") as err:
        beneficiary_add(membership=m, name_th="ลูกชาย", relation="บุตร", share_percent=41, actor=actor_a)
    assert "60%" in err.value.message_th and "60%" in err.value.message_en
    b = beneficiary_add(membership=m, name_th="ลูกชาย", relation="บุตร", share_percent=40, actor=actor_a)
    assert sum(x.share_percent for x in m.beneficiaries.all()) == 100
    assert AuditEvent.objects.get(object_type="beneficiary", object_id=str(b.pk)).after["share"] == 40
    with unchanged("invalid.beneficiary_share"):
        beneficiary_add(membership=m, name_th="หลาน", relation="หลาน", share_percent=1, actor=actor_a)


@pytest.mark.parametrize("share", [0, -5, 101])
def test_beneficiary_share_must_be_a_percentage(fund_a, unchanged, share):
    m = membership_create(organization=fund_a, person=create(fund_a), joined_on=date(2020, 1, 1), actor=SYSTEM)
    with unchanged("invalid.beneficiary_share"):
        beneficiary_add(membership=m, name_th="ภรรยา", relation="คู่สมรส", share_percent=share, actor=SYSTEM)


def test_beneficiaries_of_another_fund_are_out_of_reach(fund_b, actor_a, unchanged):
    m = membership_create(organization=fund_b, person=create(fund_b), joined_on=date(2020, 1, 1), actor=SYSTEM)
    with unchanged("forbidden.scope"):
        beneficiary_add(membership=m, name_th="x", relation="y", share_percent=10, actor=actor_a)
