"""Writes about people: persons, households, memberships, beneficiaries, consent."""

from __future__ import annotations

from datetime import date

from django.db import transaction

from kongthun.access.domain import Permission
from kongthun.audit.actions import Actor, audit_record
from kongthun.errors import DomainError, choice
from kongthun.orgs.domain import KINDS_WITH_MEMBERS
from kongthun.orgs.models import Organization
from kongthun.people import domain
from kongthun.people.domain import IdKind
from kongthun.people.models import (
    Beneficiary,
    Consent,
    Household,
    Membership,
    MembershipEvent,
    MembershipStatus,
    Person,
)
from kongthun.places.models import Tambon


def _person_snapshot(p: Person) -> dict:
    # National ID and phone are kept out of the audit trail in the clear: masked.
    return {
        "id_kind": p.id_kind, "national_id": p.masked_id, "name": p.full_name_th, "sex": p.sex,
        "birth_date": p.birth_date.isoformat() if p.birth_date else None, "tambon": p.tambon_id,
        "village": p.village, "household": p.household_id,
    }


@transaction.atomic
def person_create(
    *,
    organization: Organization,
    first_name_th: str,
    last_name_th: str,
    sex: str,
    actor: Actor,
    business_date: date,
    id_kind: str = IdKind.NATIONAL,
    national_id: str = "",
    other_id: str = "",
    prefix_th: str = "",
    first_name_en: str = "",
    last_name_en: str = "",
    birth_date: date | None = None,
    phone: str = "",
    tambon_code: str | None = None,
    village: str = "",
    house_no: str = "",
    household: Household | None = None,
) -> Person:
    """Record a person for an organization. A national ID already known is refused as a
    duplicate: use `person_find` and add a membership instead."""
    actor.scope.require(Permission.WRITE_PEOPLE, organization.pk)
    id_kind = choice(IdKind, id_kind, where="id_kind")
    nid = None
    if id_kind is IdKind.NATIONAL:
        nid = domain.validate_national_id(national_id)
        if Person.objects.filter(national_id=nid).exists():
            raise DomainError(
                "conflict.person_duplicate",
                f"มีบุคคลเลขประจำตัว {domain.mask_national_id(nid)} ในระบบแล้ว",
                f"A person with national ID {domain.mask_national_id(nid)} already exists",
                "national_id",
            )
    if not first_name_th.strip() or not last_name_th.strip():
        raise DomainError("invalid.name_required", "กรุณากรอกชื่อและนามสกุล", "First and last name are required", "name")
    sex = choice(domain.Sex, sex, where="sex").value
    if birth_date is not None:
        domain.check_birth_date(birth_date, business_date)
    if tambon_code and not Tambon.objects.filter(code=tambon_code).exists():
        raise DomainError("invalid.tambon", f"ไม่พบตำบลรหัส {tambon_code}", f"No tambon {tambon_code}", "tambon")
    person = Person.objects.create(
        id_kind=id_kind, national_id=nid, other_id=other_id, prefix_th=prefix_th,
        first_name_th=first_name_th.strip(), last_name_th=last_name_th.strip(), first_name_en=first_name_en,
        last_name_en=last_name_en, sex=sex, birth_date=birth_date, phone=phone, tambon_id=tambon_code,
        village=village, house_no=house_no, household=household,
    )
    audit_record(
        actor=actor, action="person_create", obj_type="person", obj_id=person.pk,
        organization_id=organization.pk, before=None, after=_person_snapshot(person),
    )
    return person


def person_find(*, national_id: str) -> Person | None:
    """The duplicate check: the person already recorded with this national ID, if any."""
    return Person.objects.filter(national_id=domain.validate_national_id(national_id)).first()


@transaction.atomic
def household_create(*, organization: Organization, code: str, tambon_code: str, actor: Actor,
                     village: str = "", house_no: str = "") -> Household:
    actor.scope.require(Permission.WRITE_PEOPLE, organization.pk)
    household = Household.objects.create(code=code, tambon_id=tambon_code, village=village, house_no=house_no)
    audit_record(
        actor=actor, action="household_create", obj_type="household", obj_id=household.pk,
        organization_id=organization.pk, before=None,
        after={"code": code, "tambon": tambon_code, "village": village},
    )
    return household


def _membership_snapshot(m: Membership) -> dict:
    return {"person": m.person_id, "member_no": m.member_no, "joined_on": m.joined_on.isoformat(),
            "status": m.status, "status_on": m.status_on.isoformat()}


@transaction.atomic
def membership_create(
    *, organization: Organization, person: Person, joined_on: date, actor: Actor, member_no: str | None = None
) -> Membership:
    """Enrol a person in an organization (สมัครสมาชิก) with the next member number."""
    actor.scope.require(Permission.WRITE_PEOPLE, organization.pk)
    org = Organization.objects.select_for_update().get(pk=organization.pk)
    if org.kind not in KINDS_WITH_MEMBERS:
        raise DomainError("invalid.org_without_members", "องค์กรประเภทนี้ไม่มีสมาชิกรายบุคคล",
                          "This kind of organization has no individual members", "organization")
    if Membership.objects.filter(organization=org, person=person).exists():
        raise DomainError("conflict.already_member", f"{person.full_name_th} เป็นสมาชิกอยู่แล้ว",
                          f"{person.full_name_th} is already a member", "person")
    if person.birth_date and joined_on < person.birth_date:
        raise DomainError("invalid.joined_before_birth", "วันที่สมัครอยู่ก่อนวันเกิด",
                          "Joining date is before the birth date", "joined_on")
    if member_no is None:
        member_no = _next_member_no(org)
    elif Membership.objects.filter(organization=org, member_no=member_no).exists():
        raise DomainError("conflict.member_no", f"เลขสมาชิก {member_no} ถูกใช้แล้ว",
                          f"Member number {member_no} is already used", "member_no")
    m = Membership.objects.create(organization=org, person=person, member_no=member_no, joined_on=joined_on,
                                  status=MembershipStatus.ACTIVE, status_on=joined_on)
    MembershipEvent.objects.create(organization=org, membership=m, status=m.status, on=joined_on, why="joined")
    audit_record(actor=actor, action="membership_create", obj_type="membership", obj_id=m.pk,
                 organization_id=org.pk, before=None, after=_membership_snapshot(m))
    return m


def _next_member_no(org: Organization) -> str:
    numbers = Membership.objects.filter(organization=org).values_list("member_no", flat=True)
    top = max((int(n) for n in numbers if n.isdigit()), default=0)
    return f"{top + 1:05d}"


_ALLOWED = {
    MembershipStatus.ACTIVE: {MembershipStatus.LAPSED, MembershipStatus.RESIGNED, MembershipStatus.DECEASED},
    MembershipStatus.LAPSED: {MembershipStatus.ACTIVE, MembershipStatus.RESIGNED, MembershipStatus.DECEASED},
    MembershipStatus.RESIGNED: {MembershipStatus.ACTIVE},
    MembershipStatus.DECEASED: set(),
}


@transaction.atomic
def membership_status_change(*, membership: Membership, status: str, on: date, actor: Actor, why: str) -> Membership:
    """Lapse, reinstate, resign or record a death, with the date and the reason."""
    actor.scope.require(Permission.WRITE_PEOPLE, membership.organization_id)
    m = Membership.objects.select_for_update().get(pk=membership.pk)
    new = choice(MembershipStatus, status, where="status")
    if new not in _ALLOWED[MembershipStatus(m.status)]:
        raise DomainError("conflict.membership_status", f"เปลี่ยนสถานะจาก {m.get_status_display()} เป็น {new.label} ไม่ได้",
                          f"Cannot change membership from {m.status} to {new.value}", "status")
    if on < m.status_on:
        raise DomainError("invalid.status_date", "วันที่เปลี่ยนสถานะอยู่ก่อนสถานะปัจจุบัน",
                          "The change is dated before the current status", "on")
    before = _membership_snapshot(m)
    m.status, m.status_on = new, on
    m.save(update_fields=["status", "status_on"])
    MembershipEvent.objects.create(organization_id=m.organization_id, membership=m, status=new, on=on, why=why)
    if new is MembershipStatus.DECEASED and m.person.deceased_on is None:
        Person.objects.filter(pk=m.person_id).update(deceased_on=on)
    audit_record(actor=actor, action="membership_status_change", obj_type="membership", obj_id=m.pk,
                 organization_id=m.organization_id, before=before, after=_membership_snapshot(m), why=why)
    return m


@transaction.atomic
def beneficiary_add(*, membership: Membership, name_th: str, relation: str, actor: Actor,
                    share_percent: int = 100, person: Person | None = None) -> Beneficiary:
    """Name a beneficiary (ผู้รับผลประโยชน์); shares of one member may not exceed 100%."""
    actor.scope.require(Permission.WRITE_PEOPLE, membership.organization_id)
    taken = sum(b.share_percent for b in membership.beneficiaries.all())
    if not 1 <= share_percent <= 100 or taken + share_percent > 100:
        raise DomainError("invalid.beneficiary_share", f"สัดส่วนผู้รับผลประโยชน์รวมเกิน 100% (มีแล้ว {taken}%)",
                          f"Beneficiary shares would exceed 100% ({taken}% already named)", "share_percent")
    b = Beneficiary.objects.create(organization_id=membership.organization_id, membership=membership,
                                   name_th=name_th, relation=relation, share_percent=share_percent, person=person)
    audit_record(actor=actor, action="beneficiary_add", obj_type="beneficiary", obj_id=b.pk,
                 organization_id=membership.organization_id, before=None,
                 after={"membership": membership.pk, "name": name_th, "relation": relation, "share": share_percent})
    return b


@transaction.atomic
def consent_record(*, organization: Organization, person: Person, purpose: str, given_on: date, actor: Actor,
                   evidence: str = "") -> Consent:
    """Record PDPA consent (ความยินยอมตาม พ.ร.บ.คุ้มครองข้อมูลส่วนบุคคล) for one purpose."""
    actor.scope.require(Permission.WRITE_PEOPLE, organization.pk)
    c = Consent.objects.create(organization=organization, person=person, purpose=purpose, given_on=given_on,
                               evidence=evidence)
    audit_record(actor=actor, action="consent_record", obj_type="consent", obj_id=c.pk,
                 organization_id=organization.pk, before=None,
                 after={"person": person.pk, "purpose": purpose, "given_on": given_on.isoformat()})
    return c
