"""Loan repayment schedules (ตารางผ่อนชำระ). Pure: no Django, dates passed in.

An interest method is one module with one signature (`loans_interest_*.py`), registered by name in
`METHODS`: `(principal, rate per period, periods) -> [(principal, interest)]`, in satang. Each instalment's
interest is rounded once, to the satang, with `money.round_satang`; the last instalment absorbs
whatever rounding left over, so the principal always sums exactly to the amount lent.

- flat (ดอกเบี้ยคงที่): interest on the amount lent for every period, e.g. 1% a month on 10,000 baht is
  100 baht each month whatever has been repaid; principal in equal parts.
- declining (ลดต้นลดดอก): equal payments (annuity); each period's interest is the rate on what is still
  owed, the rest of the payment repays principal.

Rates are yearly percentages (12 = 12% a year = 1% a month); a period's rate is the yearly rate over
the number of periods in a year.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from enum import StrEnum

from kongthun.errors import DomainError
from kongthun.money import Satang
from kongthun.savings.domain import loans_interest_declining, loans_interest_flat


class Method(StrEnum):
    FLAT = "flat"  # ดอกเบี้ยคงที่ (คิดจากเงินต้นเต็มจำนวน)
    DECLINING = "declining"  # ลดต้นลดดอก


class Frequency(StrEnum):
    MONTHLY = "monthly"  # รายเดือน
    WEEKLY = "weekly"  # รายสัปดาห์
    MATURITY = "maturity"  # ชำระครั้งเดียวเมื่อครบกำหนด (เช่น หลังเก็บเกี่ยว)


METHOD_LABELS = {Method.FLAT: ("ดอกเบี้ยคงที่", "Flat"), Method.DECLINING: ("ลดต้นลดดอก", "Declining balance")}
FREQUENCY_LABELS = {Frequency.MONTHLY: ("รายเดือน", "Monthly"), Frequency.WEEKLY: ("รายสัปดาห์", "Weekly"),
                    Frequency.MATURITY: ("ครั้งเดียวเมื่อครบกำหนด", "Once, at maturity")}


@dataclass(frozen=True)
class Terms:
    """What a schedule is computed from: the amount lent, the yearly rate in percent, the method, the term
    in months, how often instalments fall due, and the date the money was lent (counting starts there)."""

    principal: Satang
    annual_rate: Decimal
    method: Method
    term_months: int
    frequency: Frequency
    start: date


@dataclass(frozen=True)
class Instalment:
    """One line of the schedule (งวด): due date, principal, interest, and what is still owed after it."""

    n: int
    due: date
    principal: Satang
    interest: Satang
    balance_after: Satang

    @property
    def total(self) -> Satang:
        return self.principal + self.interest


def add_months(d: date, months: int) -> date:
    """d plus whole months, the day clamped to the month's end (31 Jan + 1 month = 28/29 Feb)."""
    month0 = d.month - 1 + months
    year, month = d.year + month0 // 12, month0 % 12 + 1
    return date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


def instalment_count(term_months: int, frequency: Frequency) -> int:
    if frequency is Frequency.MONTHLY:
        return term_months
    if frequency is Frequency.WEEKLY:
        return max(1, (term_months * 52 + 6) // 12)  # 12 months = 52 weeks, 3 months = 13
    return 1


def periods_per_year(frequency: Frequency) -> Decimal:
    return {Frequency.MONTHLY: Decimal(12), Frequency.WEEKLY: Decimal(52)}.get(frequency, Decimal(12))


def due_dates(terms: Terms) -> list[date]:
    """Each instalment's due date, counted from the start (never chained, so month ends do not drift)."""
    n = instalment_count(terms.term_months, terms.frequency)
    if terms.frequency is Frequency.WEEKLY:
        return [terms.start + timedelta(weeks=i) for i in range(1, n + 1)]
    if terms.frequency is Frequency.MATURITY:
        return [add_months(terms.start, terms.term_months)]
    return [add_months(terms.start, i) for i in range(1, n + 1)]


def period_rate(terms: Terms) -> Decimal:
    """The rate for one period as a fraction; at maturity, the rate for the whole term."""
    if terms.frequency is Frequency.MATURITY:
        return terms.annual_rate / 100 * terms.term_months / 12
    return terms.annual_rate / 100 / periods_per_year(terms.frequency)


# An interest method is one module with one signature, registered here by its name:
# `instalments(principal, rate per period, number of periods) -> [(principal, interest), ...]`.
METHODS: dict[str, Callable[[Satang, Decimal, int], list[tuple[Satang, Satang]]]] = {
    m.NAME: m.instalments for m in (loans_interest_flat, loans_interest_declining)
}
annuity_payment = loans_interest_declining.annuity_payment


def check_terms(terms: Terms) -> None:
    if terms.principal <= 0:
        raise DomainError("invalid.loan_amount", "จำนวนเงินกู้ต้องมากกว่าศูนย์", "The loan amount must be above zero",
                          "amount")
    if not 1 <= terms.term_months <= 360:
        raise DomainError("invalid.loan_term", "ระยะเวลากู้ต้องอยู่ระหว่าง 1 ถึง 360 เดือน",
                          "The term must be between 1 and 360 months", "term_months")
    if not Decimal(0) <= terms.annual_rate <= Decimal(100):
        raise DomainError("invalid.loan_rate", "อัตราดอกเบี้ยต้องอยู่ระหว่างร้อยละ 0 ถึง 100 ต่อปี",
                          "The interest rate must be between 0% and 100% a year", "annual_rate")
    if terms.method not in METHODS:
        raise DomainError("invalid.loan_method", f"ไม่รู้จักวิธีคิดดอกเบี้ย '{terms.method}'",
                          f"Unknown interest method '{terms.method}'", "method")


def schedule(terms: Terms) -> list[Instalment]:
    """The full schedule for these terms (ตารางผ่อนชำระ)."""
    check_terms(terms)
    parts = METHODS[terms.method](terms.principal, period_rate(terms),
                                  instalment_count(terms.term_months, terms.frequency))
    owed, out = terms.principal, []
    for n, (due, (principal, interest)) in enumerate(zip(due_dates(terms), parts, strict=True), start=1):
        owed -= principal
        out.append(Instalment(n=n, due=due, principal=principal, interest=interest, balance_after=owed))
    return out
