"""A savings group's policy (ระเบียบกลุ่มออมทรัพย์), pure Python: shares, the monthly savings promise
(สัจจะ), fines for missed months, withdrawal rules, interest on savings and the refund on leaving.

Savings (เงินฝากสัจจะ) are the member's own money, a liability of the group (2101); shares (หุ้น) are
the member's capital in it (3201). Both are paid back when the member leaves, by the group's rules.
A policy is versioned by its effective date. Money is integer satang; interest is computed in Decimal
and rounded once, with `round_satang`. No Django here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

from kongthun.errors import DomainError
from kongthun.money import Satang, format_baht, round_satang


class WithdrawalRule(StrEnum):
    """When a member may take savings out (การถอนเงินฝากสัจจะ)."""

    ON_LEAVING_ONLY = "on_leaving_only"  # ถอนได้เมื่อลาออกเท่านั้น
    UP_TO_PERCENT = "up_to_percent"  # ถอนได้ไม่เกินร้อยละของยอดเงินฝาก
    FREE = "free"  # ถอนได้ตามต้องการ (คงยอดขั้นต่ำ)


WITHDRAWAL_RULE_LABELS = {
    WithdrawalRule.ON_LEAVING_ONLY: ("ถอนได้เมื่อลาออกเท่านั้น", "only on leaving"),
    WithdrawalRule.UP_TO_PERCENT: ("ถอนได้ไม่เกินร้อยละของยอดเงินฝาก", "up to a percentage of the balance"),
    WithdrawalRule.FREE: ("ถอนได้ตามต้องการ", "any time"),
}


class InterestBasis(StrEnum):
    """What savings interest is computed on (ฐานการคิดดอกเบี้ยเงินฝาก)."""

    MIN_MONTHLY_BALANCE = "min_monthly_balance"  # ยอดเงินฝากต่ำสุดของแต่ละเดือน
    MONTH_END_BALANCE = "month_end_balance"  # ยอดเงินฝากสิ้นเดือน


@dataclass(frozen=True)
class Policy:
    """A group's savings and share policy from `effective_from` on. `max_shares` 0 means no limit;
    `withdrawal_percent` is used by UP_TO_PERCENT; `interest_rate` is percent a year (0: none)."""

    effective_from: date
    share_price: Satang = 10_000
    min_shares: int = 1
    max_shares: int = 0
    monthly_promise: Satang = 10_000
    missed_month_fine: Satang = 0
    withdrawal_rule: WithdrawalRule = WithdrawalRule.ON_LEAVING_ONLY
    withdrawal_percent: int = 0
    min_balance: Satang = 0
    interest_rate: Decimal = Decimal(0)
    interest_basis: InterestBasis = InterestBasis.MIN_MONTHLY_BALANCE


def _is_satang(x) -> bool:
    return isinstance(x, int) and not isinstance(x, bool)


def validate_policy(p: Policy) -> Policy:
    """Refuse a policy that cannot work; each refusal names its field."""
    checks = (
        (_is_satang(p.share_price) and p.share_price > 0, "share_price", "ราคาหุ้นต้องมากกว่าศูนย์",
         "The share price must be more than zero"),
        (isinstance(p.min_shares, int) and p.min_shares >= 0, "min_shares", "จำนวนหุ้นขั้นต่ำต้องไม่ติดลบ",
         "The minimum number of shares may not be negative"),
        (isinstance(p.max_shares, int) and (p.max_shares == 0 or p.max_shares >= max(p.min_shares, 1)), "max_shares",
         "จำนวนหุ้นสูงสุดต้องไม่น้อยกว่าขั้นต่ำ (0 = ไม่จำกัด)",
         "The maximum number of shares must be at least the minimum (0 = no limit)"),
        (_is_satang(p.monthly_promise) and p.monthly_promise >= 0, "monthly_promise",
         "เงินสัจจะรายเดือนต้องไม่ติดลบ", "The monthly promise may not be negative"),
        (_is_satang(p.missed_month_fine) and p.missed_month_fine >= 0, "missed_month_fine",
         "ค่าปรับขาดส่งต้องไม่ติดลบ", "The missed-month fine may not be negative"),
        (isinstance(p.withdrawal_percent, int) and 0 <= p.withdrawal_percent <= 100
         and (p.withdrawal_rule != WithdrawalRule.UP_TO_PERCENT or p.withdrawal_percent > 0), "withdrawal_percent",
         "ร้อยละที่ถอนได้ต้องอยู่ระหว่าง 1 ถึง 100", "The withdrawal percentage must be between 1 and 100"),
        (_is_satang(p.min_balance) and p.min_balance >= 0, "min_balance", "ยอดคงเหลือขั้นต่ำต้องไม่ติดลบ",
         "The minimum balance may not be negative"),
        (isinstance(p.interest_rate, Decimal) and p.interest_rate.is_finite() and 0 <= p.interest_rate <= 100,
         "interest_rate", "อัตราดอกเบี้ยเงินฝากต้องอยู่ระหว่าง 0 ถึง 100 ต่อปี",
         "The savings interest rate must be between 0 and 100 percent a year"),
    )
    for ok, where, th, en in checks:
        if not ok:
            raise DomainError("invalid.savings_policy", th, en, where)
    return p


def policy_on(policies: Iterable[Policy], on: date) -> Policy:
    """The policy in force on a date: the one with the latest effective date not after it."""
    in_force = [p for p in policies if p.effective_from <= on]
    if not in_force:
        raise DomainError("conflict.no_savings_policy", f"กลุ่มยังไม่มีระเบียบเงินฝากที่ใช้ ณ วันที่ {on.isoformat()}",
                          f"The group has no savings policy in force on {on.isoformat()}", "on")
    return max(in_force, key=lambda p: p.effective_from)


# --- months, promises and fines -------------------------------------------------------------------


def month_of(d: date) -> date:
    """The month a date falls in, as its first day."""
    return d.replace(day=1)


def add_months(month: date, n: int) -> date:
    index = month.year * 12 + month.month - 1 + n
    return date(index // 12, index % 12 + 1, 1)


def months_between(first: date, last: date) -> list[date]:
    """Every month from `first` to `last`, both included (empty if last is before first)."""
    out, m = [], month_of(first)
    while m <= month_of(last):
        out.append(m)
        m = add_months(m, 1)
    return out


@dataclass(frozen=True)
class MonthDue:
    """One month of a member's promise (สัจจะ): what was promised, what was deposited for it."""

    month: date
    promise: Satang
    paid: Satang

    @property
    def missed(self) -> bool:
        return self.paid < self.promise


def months_due(promise_of: Mapping[date, Satang], paid_by_month: Mapping[date, Satang], first: date,
               last: date) -> list[MonthDue]:
    """Each month from `first` to `last` with its promise and the deposits made for it."""
    return [MonthDue(m, promise_of.get(m, 0), paid_by_month.get(m, 0)) for m in months_between(first, last)]


def missed_months(months: Sequence[MonthDue]) -> list[date]:
    """Months in which the member deposited less than promised (ขาดส่งสัจจะ)."""
    return [m.month for m in months if m.missed]


def fines_due(missed: Sequence[date], fine_of: Mapping[date, Satang], already_fined: Iterable[date]) -> Satang:
    """The fines (ค่าปรับขาดส่ง) for missed months not yet fined, each month at the fine of the policy in
    force that month. Never negative: a month is fined once."""
    done = set(already_fined)
    return sum(max(fine_of.get(m, 0), 0) for m in set(missed) - done)


# --- withdrawal -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class WithdrawalDecision:
    """Whether a withdrawal may be made, the most that may be taken, and why (in Thai and English)."""

    allowed: bool
    most: Satang
    reason_th: str
    reason_en: str

    def refusal(self, where: str = "amount") -> DomainError:
        return DomainError("conflict.withdrawal_rule", self.reason_th, self.reason_en, where,
                           details={"most": self.most})


def withdrawal_limit(policy: Policy, balance: Satang, *, leaving: bool = False) -> Satang:
    """The most a member may take out of a balance by the rule (never more than the balance)."""
    balance = max(balance, 0)
    if leaving:
        return balance
    keep = min(policy.min_balance, balance)
    if policy.withdrawal_rule == WithdrawalRule.ON_LEAVING_ONLY:
        return 0
    if policy.withdrawal_rule == WithdrawalRule.UP_TO_PERCENT:
        return min(balance * policy.withdrawal_percent // 100, balance - keep)
    return balance - keep


def withdrawal_check(policy: Policy, balance: Satang, amount: Satang, *, leaving: bool = False) -> WithdrawalDecision:
    """Judge a withdrawal of `amount` from `balance` by the group's rule, with the reason."""
    most = withdrawal_limit(policy, balance, leaving=leaving)
    have = f"ยอดเงินฝาก {format_baht(balance)}"
    have_en = f"balance {format_baht(balance, unit='baht')}"
    if amount <= 0:
        return WithdrawalDecision(False, most, "จำนวนเงินที่ถอนต้องมากกว่าศูนย์", "The amount must be more than zero")
    if amount <= most:
        return WithdrawalDecision(True, most, f"ถอนได้ไม่เกิน {format_baht(most)} ({have})",
                                  f"Up to {format_baht(most, unit='baht')} may be withdrawn ({have_en})")
    if policy.withdrawal_rule == WithdrawalRule.ON_LEAVING_ONLY and not leaving:
        return WithdrawalDecision(False, most, "ระเบียบกลุ่มให้ถอนเงินฝากสัจจะได้เมื่อลาออกเท่านั้น",
                                  "The group's rules allow savings to be withdrawn only on leaving")
    if amount > balance:
        return WithdrawalDecision(False, most, f"ถอน {format_baht(amount)} เกินยอดเงินฝาก ({have})",
                                  f"{format_baht(amount, unit='baht')} is more than the {have_en}")
    if policy.withdrawal_rule == WithdrawalRule.UP_TO_PERCENT:
        th = f"ระเบียบกลุ่มให้ถอนได้ไม่เกินร้อยละ {policy.withdrawal_percent} ของยอดเงินฝาก"
        en = f"The group's rules allow at most {policy.withdrawal_percent}% of the balance"
    else:
        th, en = "ต้องคงเงินฝากไว้ไม่น้อยกว่ายอดขั้นต่ำ", "The minimum balance must stay in the account"
    if policy.min_balance:
        th += f" และคงยอดขั้นต่ำ {format_baht(policy.min_balance)}"
        en += f" and keep {format_baht(policy.min_balance, unit='baht')}"
    return WithdrawalDecision(False, most, f"{th}: ถอนได้ไม่เกิน {format_baht(most)} ({have})",
                              f"{en}: at most {format_baht(most, unit='baht')} ({have_en})")


# --- shares ---------------------------------------------------------------------------------------


def shares_check(policy: Policy, held_units: int, amount: Satang, where: str = "shares") -> int:
    """The number of shares an amount buys, refusing an amount that is not whole shares or a holding
    above the maximum. Returns the number of units."""
    units, rest = divmod(amount, policy.share_price)
    if amount <= 0 or rest:
        raise DomainError("invalid.share_amount",
                          f"ค่าหุ้น {format_baht(amount)} ต้องเป็นจำนวนเต็มหุ้น หุ้นละ {format_baht(policy.share_price)}",
                          f"{format_baht(amount, unit='baht')} is not a whole number of shares at "
                          f"{format_baht(policy.share_price, unit='baht')} each", where)
    if policy.max_shares and held_units + units > policy.max_shares:
        raise DomainError("conflict.share_limit",
                          f"ถือหุ้นได้ไม่เกิน {policy.max_shares} หุ้น (ถืออยู่ {held_units} หุ้น ซื้อเพิ่ม {units} หุ้น)",
                          f"At most {policy.max_shares} shares may be held ({held_units} held, {units} more asked)",
                          where)
    return units


@dataclass(frozen=True)
class ShareMovement:
    """A change in a member's shares (การซื้อ/ถอนหุ้น): + bought, - redeemed, in satang."""

    membership_id: int
    on: date
    amount: Satang


# --- interest on savings --------------------------------------------------------------------------


def monthly_balances(opening: Satang, movements: Iterable[tuple[date, Satang]], months: Sequence[date],
                     basis: InterestBasis) -> list[Satang]:
    """Each month's balance on the basis: its lowest (the opening and after every movement of the month)
    or its closing balance. `movements` are (date, signed satang) within the months, in any order."""
    by_month: dict[date, list[tuple[date, Satang]]] = {}
    for on, amount in sorted(movements):
        by_month.setdefault(month_of(on), []).append((on, amount))
    out, balance = [], opening
    for m in months:
        lowest = balance
        for _, amount in by_month.get(m, []):
            balance += amount
            lowest = min(lowest, balance)
        out.append(max(lowest if basis == InterestBasis.MIN_MONTHLY_BALANCE else balance, 0))
    return out


def savings_interest(rate_percent_year: Decimal, balances: Sequence[Satang]) -> Satang:
    """Interest for months of balances (ดอกเบี้ยเงินฝาก): sum of balances x rate / 12, rounded once."""
    if rate_percent_year <= 0:
        return 0
    return round_satang(Decimal(sum(max(b, 0) for b in balances)) * rate_percent_year / Decimal(1200))


def year_interest(policy: Policy, opening: Satang, movements: Iterable[tuple[date, Satang]], start: date,
                  end: date) -> Satang:
    """A member's savings interest for the accounting year `start`..`end` by the policy's rate and basis."""
    months = months_between(start, end)
    return savings_interest(policy.interest_rate, monthly_balances(opening, movements, months, policy.interest_basis))


# --- leaving --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Refund:
    """What a leaving member is paid back (เงินคืนเมื่อลาออก): savings and shares, less fines owed."""

    savings: Satang
    shares: Satang
    fines: Satang

    @property
    def total(self) -> Satang:
        return self.savings + self.shares - self.fines


def leaving_refund(savings: Satang, shares: Satang, fines_owed: Satang = 0) -> Refund:
    """Savings and shares paid back; fines still owed are kept from the savings (never more than them)."""
    if savings < 0 or shares < 0:
        raise DomainError("integrity.negative_balance", "ยอดเงินฝากหรือหุ้นติดลบ", "Savings or shares are negative",
                          "membership")
    return Refund(savings, shares, min(max(fines_owed, 0), savings))
