"""Roles and what they may do (บทบาทและสิทธิ์). No Django here."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    TREASURER = "treasurer"  # เหรัญญิก
    COMMITTEE = "committee"  # กรรมการ
    AUDITOR = "auditor"  # ผู้ตรวจสอบ
    MEMBER = "member"  # สมาชิก (ดูข้อมูลของตนเอง)
    COORDINATOR = "coordinator"  # ผู้ประสานงานเครือข่าย
    CODI = "codi"  # เจ้าหน้าที่ พอช.
    ADMIN = "admin"  # ผู้ดูแลระบบ


ROLE_LABELS = {
    Role.TREASURER: ("เหรัญญิก", "Treasurer"),
    Role.COMMITTEE: ("กรรมการ", "Committee member"),
    Role.AUDITOR: ("ผู้ตรวจสอบ", "Auditor"),
    Role.MEMBER: ("สมาชิก", "Member"),
    Role.COORDINATOR: ("ผู้ประสานงานเครือข่าย", "Network coordinator"),
    Role.CODI: ("เจ้าหน้าที่ พอช.", "CODI staff"),
    Role.ADMIN: ("ผู้ดูแลระบบ", "System administrator"),
}

# Roles held within one organization, and those held over an area.
ORG_ROLES = {Role.TREASURER, Role.COMMITTEE, Role.AUDITOR, Role.MEMBER}
AREA_ROLES = {Role.COORDINATOR, Role.CODI}


class Permission(StrEnum):
    VIEW_PEOPLE = "view_people"  # see members' personal records
    VIEW_BOOKS = "view_books"  # see the ledger
    VIEW_AUDIT = "view_audit"
    WRITE_PEOPLE = "write_people"
    POST_ENTRIES = "post_entries"
    LOCK_PERIOD = "lock_period"
    DECIDE_CLAIMS = "decide_claims"  # approve or reject claims, adopt a regulation (committee)
    VIEW_AGGREGATES = "view_aggregates"
    VIEW_SELF = "view_self"
    APPROVE_LOANS = "approve_loans"  # approve loans, restructurings and write-offs (committee)


ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.TREASURER: frozenset(
        {Permission.VIEW_PEOPLE, Permission.VIEW_BOOKS, Permission.WRITE_PEOPLE, Permission.POST_ENTRIES,
         Permission.VIEW_AGGREGATES}
    ),
    Role.COMMITTEE: frozenset(
        {Permission.VIEW_PEOPLE, Permission.VIEW_BOOKS, Permission.LOCK_PERIOD, Permission.DECIDE_CLAIMS,
         Permission.VIEW_AGGREGATES, Permission.APPROVE_LOANS}
    ),
    Role.AUDITOR: frozenset(
        {Permission.VIEW_PEOPLE, Permission.VIEW_BOOKS, Permission.VIEW_AUDIT, Permission.VIEW_AGGREGATES}
    ),
    Role.MEMBER: frozenset({Permission.VIEW_SELF}),
    Role.COORDINATOR: frozenset({Permission.VIEW_AGGREGATES}),
    Role.CODI: frozenset({Permission.VIEW_AGGREGATES}),
    Role.ADMIN: frozenset(set(Permission)),
}


def permissions_of(roles: set[Role]) -> frozenset[Permission]:
    out: set[Permission] = set()
    for role in roles:
        out |= ROLE_PERMISSIONS[role]
    return frozenset(out)


# --- member login by phone number and PIN (เข้าระบบด้วยเบอร์โทรและรหัส PIN) --------------------------------

PIN_MAX_TRIES = 5  # wrong PINs in a row before the login is locked until the treasurer issues a new PIN
PIN_LENGTHS = (4, 6)  # shortest and longest PIN, digits only


def phone_digits(phone: str) -> str:
    """A Thai mobile number as its 10 digits: spaces, dashes, Thai digits and +66 do not matter."""
    thai = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
    digits = "".join(c for c in phone.translate(thai) if c.isdigit())
    if digits.startswith("66") and len(digits) == 11:
        digits = "0" + digits[2:]
    return digits


def phone_ok(digits: str) -> bool:
    return len(digits) in (9, 10) and digits.startswith("0")


def pin_ok(pin: str) -> bool:
    return pin.isascii() and pin.isdigit() and PIN_LENGTHS[0] <= len(pin) <= PIN_LENGTHS[1]


def pin_after_wrong(tries: int) -> tuple[int, bool]:
    """Failed tries after one more wrong PIN, and whether the login is now locked."""
    tries += 1
    return tries, tries >= PIN_MAX_TRIES
