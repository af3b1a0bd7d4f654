"""Organizations (องค์กร): their kinds, registration steps and accounting years."""

from __future__ import annotations

from enum import StrEnum

from kongthun.clock import AccountingYear
from kongthun.errors import DomainError, choice


class OrgKind(StrEnum):
    WELFARE_FUND = "welfare_fund"  # กองทุนสวัสดิการชุมชน
    SAVINGS_GROUP = "savings_group"  # กลุ่มออมทรัพย์เพื่อการผลิต / กลุ่มสัจจะสะสมทรัพย์
    OTHER_FINANCE = "other_finance"  # องค์กรการเงินชุมชนอื่น (กองทุนหมู่บ้าน, บ้านมั่นคง)
    COUNCIL = "council"  # สภาองค์กรชุมชนตำบล
    NETWORK = "network"  # เครือข่าย


ORG_KIND_LABELS = {
    OrgKind.WELFARE_FUND: ("กองทุนสวัสดิการชุมชน", "Community welfare fund"),
    OrgKind.SAVINGS_GROUP: ("กลุ่มออมทรัพย์", "Savings group"),
    OrgKind.OTHER_FINANCE: ("องค์กรการเงินชุมชนอื่น", "Other community financial organization"),
    OrgKind.COUNCIL: ("สภาองค์กรชุมชนตำบล", "Tambon community-organization council"),
    OrgKind.NETWORK: ("เครือข่าย", "Network"),
}

# Kinds that keep members and books of their own.
KINDS_WITH_MEMBERS = {OrgKind.WELFARE_FUND, OrgKind.SAVINGS_GROUP, OrgKind.OTHER_FINANCE}


class Registration(StrEnum):
    """Registration status (สถานะการจดทะเบียน). Certification moves through steps."""

    NONE = "none"  # ยังไม่จดแจ้ง
    NOTIFIED = "notified"  # จดแจ้งแล้ว
    CERT_RECEIVED = "cert_received"  # รับเรื่องขอรับรอง
    CERT_SUBCOMMITTEE = "cert_subcommittee"  # อนุกรรมการรับรองแล้ว
    CERT_SENT = "cert_sent"  # ส่งเอกสารแล้ว
    CERT_GAZETTED = "cert_gazetted"  # ประกาศในราชกิจจานุเบกษาแล้ว
    CERT_REJECTED = "cert_rejected"  # ไม่รับรอง


REGISTRATION_LABELS = {
    Registration.NONE: ("ยังไม่จดแจ้ง", "Not registered"),
    Registration.NOTIFIED: ("จดแจ้งแล้ว", "Notified"),
    Registration.CERT_RECEIVED: ("รับเรื่องขอรับรอง", "Certification received"),
    Registration.CERT_SUBCOMMITTEE: ("อนุกรรมการรับรองแล้ว", "Certified by sub-committee"),
    Registration.CERT_SENT: ("ส่งเอกสารแล้ว", "Document sent"),
    Registration.CERT_GAZETTED: ("ประกาศราชกิจจานุเบกษาแล้ว", "Gazetted"),
    Registration.CERT_REJECTED: ("ไม่รับรอง", "Rejected"),
}

# Which registration step may follow which.
_NEXT = {
    Registration.NONE: {Registration.NOTIFIED, Registration.CERT_RECEIVED},
    Registration.NOTIFIED: {Registration.CERT_RECEIVED},
    Registration.CERT_RECEIVED: {Registration.CERT_SUBCOMMITTEE, Registration.CERT_REJECTED},
    Registration.CERT_SUBCOMMITTEE: {Registration.CERT_SENT, Registration.CERT_REJECTED},
    Registration.CERT_SENT: {Registration.CERT_GAZETTED, Registration.CERT_REJECTED},
    Registration.CERT_GAZETTED: set(),
    Registration.CERT_REJECTED: {Registration.CERT_RECEIVED},
}


def check_registration_step(current: str, new: str) -> None:
    if choice(Registration, new, where="registration") not in _NEXT[Registration(current)]:
        raise DomainError(
            "conflict.registration_step",
            f"เปลี่ยนสถานะจาก '{REGISTRATION_LABELS[Registration(current)][0]}' "
            f"เป็น '{REGISTRATION_LABELS[Registration(new)][0]}' ไม่ได้",
            f"Cannot move registration from {current} to {new}",
            "registration",
        )


class YearKind(StrEnum):
    FISCAL = "fiscal"  # ปีงบประมาณ 1 ต.ค. - 30 ก.ย.
    CALENDAR = "calendar"  # ปีปฏิทิน
    CUSTOM = "custom"  # ปีบัญชีของกองทุนเอง


def accounting_year(kind: str, start_month: int = 10, start_day: int = 1) -> AccountingYear:
    kind = choice(YearKind, kind, where="year_kind")
    if kind is YearKind.FISCAL:
        return AccountingYear(10, 1)
    if kind is YearKind.CALENDAR:
        return AccountingYear(1, 1)
    if not (1 <= start_month <= 12 and 1 <= start_day <= 28):
        raise DomainError(
            "invalid.year_start",
            "วันเริ่มปีบัญชีต้องเป็นเดือน 1-12 และวันที่ 1-28",
            "An accounting year must start on month 1-12, day 1-28",
            "year_start",
        )
    return AccountingYear(start_month, start_day)
