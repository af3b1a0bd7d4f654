"""Contributions (เงินสมทบ / ออมบุญ), pure Python: the plan, what a payment covers, arrears, lapse,
reinstatement, and what a fund may ask CODI and local government to match. No Django here.

A member pays 1 baht a day from the day they join. Payments are counted in days covered: a payment
of N periods covers N x (days in a period) days, in order from the joining date, so a member's
paid-up-to date is `joined_on + (days covered) - 1`. A month is 30 days and a year 365, as the
plan's "30 baht a month, 365 a year" says. Contributions are a gift to the fund, never refunded.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from enum import StrEnum

from kongthun.errors import DomainError
from kongthun.money import Satang, format_baht, round_satang

DAYS_PER_MONTH = 30


class Frequency(StrEnum):
    """How often members pay (งวดการส่ง); the value of each is the number of days one period covers."""

    DAILY = "daily"  # รายวัน
    WEEKLY = "weekly"  # รายสัปดาห์
    MONTHLY = "monthly"  # รายเดือน (30 วัน)
    YEARLY = "yearly"  # รายปี (365 วัน)

    @property
    def days(self) -> int:
        return {"daily": 1, "weekly": 7, "monthly": DAYS_PER_MONTH, "yearly": 365}[self.value]


FREQUENCY_LABELS = {
    Frequency.DAILY: ("รายวัน", "daily"),
    Frequency.WEEKLY: ("รายสัปดาห์", "weekly"),
    Frequency.MONTHLY: ("รายเดือน", "monthly"),
    Frequency.YEARLY: ("รายปี", "yearly"),
}


class Reinstatement(StrEnum):
    """How a lapsed member comes back (การกลับเข้าเป็นสมาชิก)."""

    PAY_ARREARS = "pay_arrears"  # ชำระเงินสมทบที่ค้างทั้งหมด
    REJOIN_FEE = "rejoin_fee"  # ชำระค่าสมัครใหม่


@dataclass(frozen=True)
class Plan:
    """A fund's contribution plan (ข้อกำหนดการส่งเงินสมทบ) from `effective_from` on."""

    effective_from: date
    daily_rate: Satang = 100
    frequency: Frequency = Frequency.MONTHLY
    entry_fee: Satang = 2000
    grace_days: int = 30
    lapse_after_months: int = 6
    reinstatement: Reinstatement = Reinstatement.PAY_ARREARS
    rejoin_fee: Satang = 0

    @property
    def period_days(self) -> int:
        return Frequency(self.frequency).days

    @property
    def period_amount(self) -> Satang:
        """What one period costs: 1 baht a day -> 30 baht a month, 365 baht a year."""
        return self.daily_rate * self.period_days


def validate_plan(plan: Plan) -> Plan:
    """Refuse a plan that cannot work: no rate, negative fees, days or months."""
    checks = (
        (_is_satang(plan.daily_rate) and plan.daily_rate > 0, "daily_rate", "อัตราเงินสมทบต่อวันต้องมากกว่าศูนย์",
         "The daily rate must be more than zero"),
        (_is_satang(plan.entry_fee) and plan.entry_fee >= 0, "entry_fee", "ค่าสมัครต้องไม่ติดลบ",
         "The entry fee cannot be negative"),
        (_is_satang(plan.rejoin_fee) and plan.rejoin_fee >= 0, "rejoin_fee", "ค่าสมัครใหม่ต้องไม่ติดลบ",
         "The re-join fee cannot be negative"),
        (_is_count(plan.grace_days), "grace_days", "ระยะผ่อนผันต้องเป็นจำนวนวันไม่ติดลบ",
         "Grace days must be a whole number, not negative"),
        (_is_count(plan.lapse_after_months) and plan.lapse_after_months > 0, "lapse_after_months",
         "จำนวนเดือนที่ขาดส่งก่อนพ้นสภาพต้องมากกว่าศูนย์", "Months before lapse must be more than zero"),
    )
    for ok, where, th, en in checks:
        if not ok:
            raise DomainError("invalid.plan", th, en, where)
    return plan


def _is_satang(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_count(value) -> bool:
    return _is_satang(value) and value >= 0


def plan_on(plans: Iterable[Plan], on: date) -> Plan:
    """The plan in force on a date: the one with the latest effective date not after it."""
    in_force = [p for p in plans if p.effective_from <= on]
    if not in_force:
        raise DomainError("conflict.no_plan", f"กองทุนยังไม่มีข้อกำหนดการส่งเงินสมทบที่ใช้ ณ วันที่ {on.isoformat()}",
                          f"The fund has no contribution plan in force on {on.isoformat()}", "collected_on")
    return max(in_force, key=lambda p: p.effective_from)


# --- one payment ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Payment:
    """A payment read against the plan: contribution satang, periods and days it covers."""

    amount: Satang
    periods: int
    days: int


def payment_of(plan: Plan, *, amount: Satang | None = None, periods: int | None = None, where: str = "") -> Payment:
    """Turn what the treasurer typed (an amount or a number of periods) into what it covers.

    Refuses both or neither, zero or negative values, and an amount that is not a whole number of
    the plan's periods (30 baht a month: 45 baht is refused, 60 baht is two months)."""
    if (amount is None) == (periods is None):
        raise DomainError("invalid.payment", "ระบุจำนวนเงินหรือจำนวนงวดอย่างใดอย่างหนึ่ง",
                          "Give either an amount or a number of periods", where)
    if periods is not None:
        if not _is_satang(periods) or periods <= 0:
            raise DomainError("invalid.periods", "จำนวนงวดต้องเป็นจำนวนเต็มที่มากกว่าศูนย์",
                              "The number of periods must be a whole number above zero", where)
        return Payment(periods * plan.period_amount, periods, periods * plan.period_days)
    if not _is_satang(amount) or amount <= 0:
        raise DomainError("invalid.amount", "จำนวนเงินต้องเป็นจำนวนเต็มสตางค์ที่มากกว่าศูนย์",
                          "The amount must be a whole number of satang above zero", where)
    count, rest = divmod(amount, plan.period_amount)
    if rest:
        label_th, label_en = FREQUENCY_LABELS[Frequency(plan.frequency)]
        raise DomainError(
            "invalid.amount_not_whole_periods",
            f"จำนวนเงิน {format_baht(amount)} ไม่เต็มงวด (ส่ง{label_th} งวดละ {format_baht(plan.period_amount)})",
            f"{format_baht(amount, unit='baht')} is not a whole number of {label_en} periods of "
            f"{format_baht(plan.period_amount, unit='baht')}",
            where,
        )
    return Payment(amount, count, count * plan.period_days)


def coverage(joined_on: date, days_before: int, days: int) -> tuple[date, date]:
    """The days a payment covers (from, to), after `days_before` days already paid since joining."""
    start = joined_on + timedelta(days=days_before)
    return start, start + timedelta(days=days - 1)


# --- standing: paid up to, arrears, lapse ----------------------------------------------------------


def paid_up_to(joined_on: date, days_covered: Iterable[int]) -> date:
    """The last day a member's contributions cover (ส่งถึงวันที่); the day before joining if none."""
    return joined_on + timedelta(days=sum(days_covered) - 1)


@dataclass(frozen=True)
class Standing:
    """A member's contributions on a business date (สถานะการส่งเงินสมทบ)."""

    on: date
    paid_up_to: date
    arrears_days: int  # days since paid_up_to, up to `on`; never negative
    arrears_satang: Satang  # what those days cost at the plan's rate
    months_in_arrears: int  # whole 30-day months unpaid
    in_grace: bool  # behind, but within the grace days
    should_lapse: bool  # behind by the plan's number of months or more

    @property
    def up_to_date(self) -> bool:
        """Paid up, or behind by no more than the grace days (ถือว่าส่งครบ)."""
        return self.arrears_days == 0 or self.in_grace


def standing(plan: Plan, joined_on: date, days_covered: Iterable[int], on: date) -> Standing:
    up_to = paid_up_to(joined_on, days_covered)
    behind = max((on - up_to).days, 0)
    months = behind // DAYS_PER_MONTH
    return Standing(
        on=on,
        paid_up_to=up_to,
        arrears_days=behind,
        arrears_satang=behind * plan.daily_rate,
        months_in_arrears=months,
        in_grace=0 < behind <= plan.grace_days,
        should_lapse=months >= plan.lapse_after_months and behind > plan.grace_days,
    )


@dataclass(frozen=True)
class ReinstatementDue:
    kind: Reinstatement
    amount: Satang
    message_th: str
    message_en: str


def reinstatement_due(plan: Plan, s: Standing) -> ReinstatementDue:
    """What a lapsed member pays to come back, by the plan's terms."""
    if Reinstatement(plan.reinstatement) is Reinstatement.REJOIN_FEE:
        return ReinstatementDue(Reinstatement.REJOIN_FEE, plan.rejoin_fee,
                                f"ชำระค่าสมัครใหม่ {format_baht(plan.rejoin_fee)}",
                                f"Pay the re-join fee of {format_baht(plan.rejoin_fee, unit='baht')}")
    # Arrears are paid in whole periods: round the days owed up to the plan's period.
    periods = -(-s.arrears_days // plan.period_days)
    amount = periods * plan.period_amount
    return ReinstatementDue(Reinstatement.PAY_ARREARS, amount,
                            f"ชำระเงินสมทบที่ค้าง {periods} งวด รวม {format_baht(amount)}",
                            f"Pay {periods} periods in arrears, {format_baht(amount, unit='baht')}")


# --- matching request (item 2) ----------------------------------------------------------------------


@dataclass(frozen=True)
class MatchingTerms:
    """How outside money matches members' contributions (เงินสมทบจากรัฐ/อปท.).

    CODI matches `codi_ratio` of each eligible member's contributions in the accounting year, counting at
    most `cap_per_member` of them; local government matches `local_ratio` of the same capped base."""

    codi_ratio: Decimal = Decimal(1)
    cap_per_member: Satang = 36500
    local_ratio: Decimal = Decimal(1)


@dataclass(frozen=True)
class MemberPaid:
    membership_id: int
    member_no: str
    paid: Satang  # contributions actually paid in the year (void receipts excluded)
    eligible: bool = True
    why_not_th: str = ""
    why_not_en: str = ""


@dataclass(frozen=True)
class MatchingLine:
    membership_id: int
    member_no: str
    paid: Satang
    counted: Satang  # the part of `paid` that is matched: capped, zero if not eligible
    codi: Satang
    local: Satang
    note_th: str
    note_en: str


@dataclass(frozen=True)
class MatchingRequest:
    year_name: int
    lines: tuple[MatchingLine, ...] = field(default=())

    @property
    def paid(self) -> Satang:
        return sum(x.paid for x in self.lines)

    @property
    def counted(self) -> Satang:
        return sum(x.counted for x in self.lines)

    @property
    def codi(self) -> Satang:
        return sum(x.codi for x in self.lines)

    @property
    def local(self) -> Satang:
        return sum(x.local for x in self.lines)

    @property
    def members_counted(self) -> int:
        return sum(1 for x in self.lines if x.counted)


def matching_request(year_name: int, members: Iterable[MemberPaid], terms: MatchingTerms) -> MatchingRequest:
    """What a fund may request for a year, member by member (คำนวณเงินสมทบที่ขอได้).

    Each member's amount is rounded once, half up, so the totals are the sums of the lines."""
    if terms.cap_per_member < 0 or terms.codi_ratio < 0 or terms.local_ratio < 0:
        raise DomainError("invalid.matching_terms", "เพดานและอัตราสมทบต้องไม่ติดลบ",
                          "Caps and matching ratios cannot be negative", "terms")
    lines = []
    for m in sorted(members, key=lambda x: (x.member_no, x.membership_id)):
        if not m.eligible:
            counted, th, en = 0, m.why_not_th or "ไม่มีสิทธิ์", m.why_not_en or "not eligible"
        elif m.paid > terms.cap_per_member:
            counted = terms.cap_per_member
            th = f"ส่ง {format_baht(m.paid)} นับได้ไม่เกินเพดาน {format_baht(terms.cap_per_member)}"
            en = f"paid {format_baht(m.paid, unit='baht')}, counted up to the cap of " \
                 f"{format_baht(terms.cap_per_member, unit='baht')}"
        else:
            counted, th, en = m.paid, f"ส่ง {format_baht(m.paid)}", f"paid {format_baht(m.paid, unit='baht')}"
        lines.append(MatchingLine(
            m.membership_id, m.member_no, m.paid, counted,
            round_satang(Decimal(counted) * terms.codi_ratio), round_satang(Decimal(counted) * terms.local_ratio),
            th, en,
        ))
    return MatchingRequest(year_name, tuple(lines))
