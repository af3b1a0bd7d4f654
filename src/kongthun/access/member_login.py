"""Member login by phone number and PIN (เข้าระบบด้วยเบอร์โทรและรหัส PIN).

The treasurer issues (or re-issues) a member's PIN; the member then logs in with the phone number on
their record and that PIN. The PIN is hashed; wrong tries are counted and, after PIN_MAX_TRIES, the
login is locked until the treasurer issues a new PIN. A member sees only their own records (the
member role grant names their person).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import check_password, make_password
from django.db import transaction

from kongthun.access.domain import (
    PIN_LENGTHS,
    PIN_MAX_TRIES,
    Permission,
    Role,
    phone_digits,
    phone_ok,
    pin_after_wrong,
    pin_ok,
)
from kongthun.access.models import MemberPin, RoleGrant
from kongthun.audit.actions import Actor, audit_record
from kongthun.clock import utc_now
from kongthun.errors import DomainError

# Checked against when no PIN matches the phone, so a wrong phone costs the same time as a wrong PIN.
_DUMMY_HASH = make_password("000000")


@dataclass(frozen=True)
class PinCheck:
    """The answer to one login try: the user on success; otherwise tries left and whether locked."""

    user: object | None
    tries_left: int
    locked: bool = False


def _username(person_id: int) -> str:
    return f"member-{person_id}"


@transaction.atomic
def member_pin_issue(*, membership, pin: str, actor: Actor) -> MemberPin:
    """ออกรหัส PIN ให้สมาชิก: issue or re-issue a member's PIN (unlocks a locked login)."""
    actor.scope.require(Permission.WRITE_PEOPLE, membership.organization_id)
    person = membership.person
    phone = phone_digits(person.phone or "")
    if not phone_ok(phone):
        raise DomainError("invalid.phone", "สมาชิกยังไม่มีเบอร์โทรศัพท์ที่ถูกต้องในทะเบียน แก้ไขเบอร์โทรก่อน",
                          "The member has no valid phone number on record; correct it first", "phone")
    if not pin_ok(pin):
        raise DomainError("invalid.pin", f"รหัส PIN ต้องเป็นตัวเลข {PIN_LENGTHS[0]}-{PIN_LENGTHS[1]} หลัก",
                          f"The PIN must be {PIN_LENGTHS[0]}-{PIN_LENGTHS[1]} digits", "pin")
    taken = MemberPin.objects.filter(phone=phone).exclude(person=person).exists()
    if taken:
        raise DomainError("conflict.phone", "เบอร์โทรนี้ใช้เข้าระบบของสมาชิกคนอื่นอยู่แล้ว",
                          "This phone number already logs in another member", "phone")
    user, _ = get_user_model().objects.get_or_create(username=_username(person.pk),
                                                     defaults={"first_name": person.full_name_th[:150]})
    if user.has_usable_password():
        user.set_unusable_password()
        user.save(update_fields=["password"])
    RoleGrant.objects.get_or_create(user=user, role=Role.MEMBER, organization_id=membership.organization_id,
                                    area_level="", area_code="", defaults={"person": person})
    existing = MemberPin.objects.select_for_update().filter(person=person).first()
    before = {"phone": existing.phone, "locked": existing.locked} if existing else None
    row, _ = MemberPin.objects.update_or_create(person=person, defaults={
        "user": user, "phone": phone, "pin_hash": make_password(pin), "failed_tries": 0, "locked": False,
        "issued_at": utc_now()})
    audit_record(actor=actor, action="member_pin_issue", obj_type="member_pin", obj_id=row.pk,
                 organization_id=membership.organization_id, before=before,
                 after={"member_no": membership.member_no, "phone": phone[:3] + "xxxx" + phone[-3:]})
    return row


@transaction.atomic
def member_pin_login(*, phone: str, pin: str, source: str) -> PinCheck:
    """One login try by phone and PIN. A wrong PIN is counted (and audited); the try that reaches the
    limit locks the login. The answer never says whether the phone number is known."""
    row = MemberPin.objects.select_for_update().select_related("user").filter(phone=phone_digits(phone)).first()
    if row is None:
        check_password(pin, _DUMMY_HASH)
        return PinCheck(user=None, tries_left=PIN_MAX_TRIES)
    if row.locked:
        return PinCheck(user=None, tries_left=0, locked=True)
    system = Actor.system(source=source)
    if not check_password(pin, row.pin_hash):
        row.failed_tries, row.locked = pin_after_wrong(row.failed_tries)
        row.save(update_fields=["failed_tries", "locked"])
        audit_record(actor=system, action="member_pin_wrong", obj_type="member_pin", obj_id=row.pk,
                     organization_id=None, before=None,
                     after={"failed_tries": row.failed_tries, "locked": row.locked})
        return PinCheck(user=None, tries_left=PIN_MAX_TRIES - row.failed_tries, locked=row.locked)
    row.failed_tries = 0
    row.last_login_at = utc_now()
    row.save(update_fields=["failed_tries", "last_login_at"])
    return PinCheck(user=row.user, tries_left=PIN_MAX_TRIES)


def demo_member_phone() -> str:
    """The phone number of the demo member's PIN login (shown on the login page in demo mode only)."""
    row = MemberPin.objects.filter(person__in=RoleGrant.objects.filter(user__username="member", role=Role.MEMBER)
                                   .values("person")).first()
    return row.phone if row else ""
