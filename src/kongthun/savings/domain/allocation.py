"""What a borrower owes on a business date, and how a repayment is split (การตัดชำระ). Pure.

A repayment pays, in this order: fines (ค่าปรับ), then interest to date (ดอกเบี้ย), then principal
(เงินต้น). Interest to date is the interest of every instalment already due plus the current period's
interest for the days already elapsed; so a loan repaid early pays interest only to the day it is
repaid. A payment beyond what would close the loan is refused, not kept.

A late-payment fine (ค่าปรับชำระล่าช้า) is a fixed amount for each instalment not covered within the
grace period after its due date. A product may instead charge the whole current period's interest once the
period has begun (`FineRule.whole_period`). Everything is counted from the schedule in force and the payments
made since it took effect, all as of the business date.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from kongthun.errors import DomainError
from kongthun.money import Satang, format_baht, round_satang
from kongthun.savings.domain.schedule import Instalment


@dataclass(frozen=True)
class Paid:
    """A repayment already recorded, as it was split."""

    on: date
    fine: Satang
    interest: Satang
    principal: Satang


@dataclass(frozen=True)
class FineRule:
    """The product's rules for what is owed between due dates: the late fine, its grace period, and how the
    current period's interest counts (by the day elapsed, or the whole period once it has begun)."""

    amount: Satang = 0  # per late instalment
    grace_days: int = 0
    whole_period: bool = False


@dataclass(frozen=True)
class Due:
    """What is owed on a date (ยอดที่ต้องชำระ)."""

    on: date
    fine: Satang  # fines assessed and not paid
    interest: Satang  # interest to date not paid (due instalments + the current period so far)
    principal_due: Satang  # principal of instalments already due, not paid
    outstanding: Satang  # all principal still owed (เงินต้นคงเหลือ)
    overdue: Satang  # instalment money (principal + interest) due and not paid
    days_overdue: int  # since the oldest instalment not covered fell due
    oldest_unpaid_due: date | None

    @property
    def payoff(self) -> Satang:
        """What closes the loan today (ยอดปิดบัญชี)."""
        return self.fine + self.interest + self.outstanding

    @property
    def minimum(self) -> Satang:
        """What brings the loan up to date (fines, interest to date, principal fallen due)."""
        return self.fine + self.interest + self.principal_due


@dataclass(frozen=True)
class Allocation:
    fine: Satang
    interest: Satang
    principal: Satang

    @property
    def total(self) -> Satang:
        return self.fine + self.interest + self.principal


def _accrued(instalments: Sequence[Instalment], start: date, on: date, whole_period: bool = False) -> Satang:
    """The current period's interest for the days already elapsed in it (0 on a due date itself); under the
    whole-period rule, all of it from the period's first day."""
    previous = start
    for inst in instalments:
        if inst.due > on:
            days = (inst.due - previous).days
            elapsed = (on - previous).days
            if days <= 0 or elapsed <= 0:
                return 0
            if whole_period:
                return inst.interest
            return round_satang(Decimal(inst.interest) * elapsed / days)
        previous = inst.due
    return 0


def _covered(paid: Sequence[Paid], through: date) -> Satang:
    return sum(p.interest + p.principal for p in paid if p.on <= through)


def late_instalments(instalments: Sequence[Instalment], paid: Sequence[Paid], rule: FineRule, on: date) -> int:
    """How many instalments were not covered within the grace period after they fell due."""
    late, cumulative = 0, 0
    for inst in instalments:
        cumulative += inst.total
        deadline = inst.due + timedelta(days=rule.grace_days)
        if deadline < on and _covered(paid, deadline) < cumulative:
            late += 1
    return late


def due_on(*, instalments: Sequence[Instalment], principal: Satang, start: date, paid: Sequence[Paid],
           rule: FineRule, on: date) -> Due:
    """What is owed on `on` under a schedule that started on `start` for `principal`."""
    paid = [p for p in paid if p.on <= on]
    fines_paid = sum(p.fine for p in paid)
    interest_paid = sum(p.interest for p in paid)
    principal_paid = sum(p.principal for p in paid)
    fallen = [i for i in instalments if i.due <= on]
    interest_to_date = sum(i.interest for i in fallen) + _accrued(instalments, start, on, rule.whole_period)
    outstanding = principal - principal_paid
    fine = max(0, late_instalments(instalments, paid, rule, on) * rule.amount - fines_paid)
    covered = interest_paid + principal_paid
    overdue = max(0, sum(i.total for i in fallen) - covered)
    oldest, cumulative = None, 0
    for inst in fallen:
        cumulative += inst.total
        if cumulative > covered:
            oldest = inst.due
            break
    return Due(on=on, fine=fine, interest=max(0, interest_to_date - interest_paid),
               principal_due=min(outstanding, max(0, sum(i.principal for i in fallen) - principal_paid)),
               outstanding=outstanding, overdue=overdue,
               days_overdue=(on - oldest).days if oldest else 0, oldest_unpaid_due=oldest)


def allocate(amount: Satang, due: Due) -> Allocation:
    """Split a repayment: fines, then interest to date, then principal. Refuses nothing to pay and
    anything beyond the amount that closes the loan."""
    if amount <= 0:
        raise DomainError("invalid.repayment_amount", "จำนวนเงินชำระต้องมากกว่าศูนย์",
                          "The repayment must be above zero", "amount")
    if amount > due.payoff:
        raise DomainError("invalid.overpayment",
                          f"ชำระ {format_baht(amount)} เกินยอดปิดบัญชี {format_baht(due.payoff)}",
                          f"{format_baht(amount, unit='baht')} is more than the "
                          f"{format_baht(due.payoff, unit='baht')} that closes the loan", "amount",
                          {"payoff": due.payoff})
    fine = min(amount, due.fine)
    interest = min(amount - fine, due.interest)
    return Allocation(fine=fine, interest=interest, principal=amount - fine - interest)
