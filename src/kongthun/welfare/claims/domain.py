"""Claims (คำขอรับสวัสดิการ): the pure rules around a claim that the regulation does not state.

Which expense account a benefit kind is paid from, whether a membership may claim at all,
which earlier claim a new one duplicates, how many nights a stay is, and how a benefit is
split among named beneficiaries. No Django here; money is integer satang.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from kongthun.clock import format_be
from kongthun.errors import DomainError
from kongthun.money import Satang


class ClaimStatus(StrEnum):
    SUBMITTED = "submitted"  # ยื่นคำขอแล้ว รอพิจารณา
    APPROVED = "approved"  # อนุมัติ
    REJECTED = "rejected"  # ไม่อนุมัติ
    PAID = "paid"  # จ่ายแล้ว


STATUS_LABELS = {
    ClaimStatus.SUBMITTED: ("รอพิจารณา", "Submitted"),
    ClaimStatus.APPROVED: ("อนุมัติแล้ว", "Approved"),
    ClaimStatus.REJECTED: ("ไม่อนุมัติ", "Rejected"),
    ClaimStatus.PAID: ("จ่ายแล้ว", "Paid"),
}

# Benefit expense accounts of the welfare-fund chart (ledger/charts.py). Sickness at home is a
# sickness benefit like a hospital stay; a fund's own (custom) kinds go to "other" (5107).
EXPENSE_ACCOUNTS = {
    "childbirth": "5101",
    "hospital": "5102",
    "sickness_home": "5102",
    "death": "5103",
    "elderly": "5104",
    "disaster": "5105",
    "scholarship": "5106",
    "disability": "5107",
}
OTHER_EXPENSE_ACCOUNT = "5107"


def expense_account(kind: str) -> str:
    return EXPENSE_ACCOUNTS.get(kind, OTHER_EXPENSE_ACCOUNT)


# Recurring allowances (เบี้ยยังชีพ): paid for months of a life, so a death stops those still pending after it.
# The regulation has no notion of an allowance; these are the two kinds the example regulation pays monthly.
ALLOWANCE_KINDS = frozenset({"elderly", "disability"})
DIED_REASON = "สมาชิกเสียชีวิต / member died"


def is_stopped_by_death(kind: str, event_date: date, died_on: date) -> bool:
    """An allowance for a day after the member died is not owed (the death benefit is paid instead)."""
    return kind in ALLOWANCE_KINDS and event_date > died_on


def check_decided_on(number: int, submitted_on: date, decided_on: date) -> None:
    """A claim is decided on or after the day it was submitted."""
    if decided_on < submitted_on:
        raise DomainError(
            "invalid.decided_before_submitted",
            f"วันที่พิจารณา {format_be(decided_on)} อยู่ก่อนวันที่ยื่นคำขอเลขที่ {number} ({format_be(submitted_on)})",
            f"The decision date {format_be(decided_on, language='en')} is before claim no. {number} was submitted "
            f"({format_be(submitted_on, language='en')})", "on")


def check_paid_on(number: int, decided_on: date | None, paid_on: date) -> None:
    """A claim is paid on or after the day it was approved."""
    if decided_on is not None and paid_on < decided_on:
        raise DomainError(
            "invalid.paid_before_approved",
            f"วันที่จ่าย {format_be(paid_on)} อยู่ก่อนวันที่อนุมัติคำขอเลขที่ {number} ({format_be(decided_on)})",
            f"The payment date {format_be(paid_on, language='en')} is before claim no. {number} was approved "
            f"({format_be(decided_on, language='en')})", "paid_on")


def no_contribution_plan(clause_no: str) -> DomainError:
    """The regulation asks for contributions paid up, but the fund keeps no contribution plan in kongthun:
    nobody can tell how far a member has paid, so no claim can pass that clause."""
    return DomainError(
        "conflict.no_contribution_plan",
        f"ระเบียบข้อ {clause_no} กำหนดให้สมาชิกส่งเงินสมทบครบ แต่กองทุนยังไม่ได้กำหนดข้อกำหนดการส่งเงินสมทบในระบบ "
        "จึงตรวจไม่ได้ว่าสมาชิกส่งเงินสมทบถึงวันใด: ให้คณะกรรมการกำหนดอัตราและงวดการส่งเงินสมทบ (หน้าเงินสมทบ) "
        f"หรือแก้ระเบียบตัดข้อ {clause_no} ออก",
        f"Clause {clause_no} of the regulation requires contributions paid up, but the fund has no contribution "
        "plan in kongthun, so how far a member has paid cannot be checked: have the committee set up the "
        f"contribution plan (Contributions page), or amend the regulation to remove clause {clause_no}",
        "paid_up_to", {"clause": clause_no})


def check_membership(status: str, status_on: date, kind: str, event_date: date) -> None:
    """A lapsed or resigned member may not claim; a deceased member only the death benefit
    (and only for the death itself). Status values are those of people.models.MembershipStatus."""
    if status in ("lapsed", "resigned"):
        th = "ขาดส่งเงินสมทบ" if status == "lapsed" else "ลาออกแล้ว"
        raise DomainError(
            f"conflict.member_{status}",
            f"สมาชิก{th}ตั้งแต่ {format_be(status_on)} จึงไม่มีสิทธิ์ยื่นคำขอ",
            f"The member is {status} since {format_be(status_on, language='en')} and may not claim",
            "membership",
        )
    if status == "deceased" and (kind != "death" or event_date != status_on):
        raise DomainError(
            "conflict.member_deceased",
            f"สมาชิกเสียชีวิตแล้วเมื่อ {format_be(status_on)} ยื่นได้เฉพาะค่าทำศพ",
            f"The member died on {format_be(status_on, language='en')}; only the death benefit may be claimed",
            "membership",
        )


def stay_nights(admitted_on: date | None, discharged_on: date | None, nights: int | None) -> int:
    """Nights of a hospital stay from its dates; a number of nights given too must agree."""
    if admitted_on is None or discharged_on is None:
        if nights is None or nights <= 0:
            raise DomainError("invalid.stay_dates", "กรุณาระบุวันที่เข้าและออกจากโรงพยาบาล",
                              "Give the admission and discharge dates", "admitted_on")
        return nights
    if discharged_on <= admitted_on:
        raise DomainError("invalid.stay_dates", "วันที่ออกจากโรงพยาบาลต้องหลังวันที่เข้า",
                          "The discharge date must be after the admission date", "discharged_on")
    counted = (discharged_on - admitted_on).days
    if nights is not None and nights != counted:
        raise DomainError("invalid.stay_nights", f"จำนวนคืน {nights} ไม่ตรงกับวันที่เข้า-ออก ({counted} คืน)",
                          f"{nights} nights does not match the dates ({counted} nights)", "nights")
    return counted


@dataclass(frozen=True)
class PriorClaim:
    """An earlier claim of the same person, as the duplicate check sees it."""

    number: int
    fund_id: int
    fund_name: str
    member_no: str
    kind: str
    event_date: date
    admitted_on: date | None = None
    discharged_on: date | None = None


@dataclass(frozen=True)
class NewClaim:
    fund_id: int
    kind: str
    event_date: date
    admitted_on: date | None = None
    discharged_on: date | None = None


def duplicate_of(new: NewClaim, prior: Iterable[PriorClaim]) -> PriorClaim | None:
    """The earlier claim this one duplicates: the same kind on the same date, a second death,
    or a hospital stay overlapping another (nights [admitted, discharged) share a night)."""
    for p in prior:
        if p.kind != new.kind:
            continue
        if p.event_date == new.event_date or new.kind == "death":
            return p
        if new.kind == "hospital" and _overlap(new.admitted_on, new.discharged_on, p.admitted_on, p.discharged_on):
            return p
    return None


def _overlap(a1: date | None, d1: date | None, a2: date | None, d2: date | None) -> bool:
    if None in (a1, d1, a2, d2):
        return False
    return a1 < d2 and a2 < d1  # type: ignore[operator]


def duplicate_error(new: NewClaim, dup: PriorClaim) -> DomainError:
    """Within the fund, name the claim; in another fund of the network, only that fund and the date."""
    th_date, en_date = format_be(dup.event_date), format_be(dup.event_date, language="en")
    if dup.fund_id == new.fund_id:
        return DomainError(
            "conflict.claim_duplicate",
            f"ซ้ำกับคำขอเลขที่ {dup.number} ของสมาชิกเลขที่ {dup.member_no} วันที่เกิดเหตุ {th_date}",
            f"Duplicates claim no. {dup.number} of member {dup.member_no}, event date {en_date}",
            "event_date", {"claim": dup.number},
        )
    return DomainError(
        "conflict.claim_duplicate_network",
        f"ซ้ำกับคำขอที่ยื่นต่อ{dup.fund_name} วันที่เกิดเหตุ {th_date}",
        f"Duplicates a claim made to {dup.fund_name}, event date {en_date}",
        "event_date", {"fund": dup.fund_name, "event_date": dup.event_date.isoformat()},
    )


@dataclass(frozen=True)
class Payee:
    name: str
    relation: str
    share_percent: int
    amount: Satang


def split_by_shares(amount: Satang, shares: Sequence[tuple[str, str, int]]) -> list[Payee]:
    """Split a benefit among beneficiaries (name, relation, share %) in proportion to their
    shares (shares under 100% in total are scaled up); each part is rounded down and the last
    payee takes the rest, so the parts are never negative and always add up to the amount."""
    if not shares:
        raise DomainError("conflict.no_beneficiary", "สมาชิกยังไม่ได้ระบุผู้รับผลประโยชน์",
                          "The member has named no beneficiary", "recipient")
    total = sum(s for _, _, s in shares)
    out, given = [], 0
    for i, (name, relation, share) in enumerate(shares):
        part = amount - given if i == len(shares) - 1 else amount * share // total
        given += part
        out.append(Payee(name, relation, share, part))
    return out
