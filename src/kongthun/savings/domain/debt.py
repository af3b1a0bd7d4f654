"""A member household's debts and a plan to refinance informal debt (แก้ปัญหาหนี้สิน). Pure: no Django.

A debt survey (สำรวจหนี้สินครัวเรือน) lists each debt: who it is owed to (bank, BAAC, village fund,
cooperative, informal lender), the balance, the yearly rate and the monthly payment. The burden is the total
owed and the monthly payments against the household's income when it is known. The refinancing plan moves the
informal debts (หนี้นอกระบบ) into one group loan and shows, in baht, the interest saved over the loan's term:
the same balance paid down month by month on the same path, at the lenders' rates and at the group's rate.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

from kongthun.errors import DomainError
from kongthun.money import Satang, format_baht, round_satang
from kongthun.savings.domain.schedule import Frequency, Method, Terms
from kongthun.savings.domain.schedule import schedule as loan_schedule

HIGH_BURDEN_PERCENT = Decimal(40)  # payments above 40% of income: a household in trouble (a common DSR line)


class CreditorKind(StrEnum):
    BANK = "bank"  # ธนาคารพาณิชย์
    BAAC = "baac"  # ธ.ก.ส.
    VILLAGE_FUND = "village_fund"  # กองทุนหมู่บ้าน
    COOPERATIVE = "cooperative"  # สหกรณ์
    GROUP = "group"  # กลุ่มออมทรัพย์
    INFORMAL = "informal"  # หนี้นอกระบบ
    OTHER = "other"


CREDITOR_LABELS = {
    CreditorKind.BANK: ("ธนาคารพาณิชย์", "Bank"),
    CreditorKind.BAAC: ("ธ.ก.ส.", "BAAC"),
    CreditorKind.VILLAGE_FUND: ("กองทุนหมู่บ้าน", "Village fund"),
    CreditorKind.COOPERATIVE: ("สหกรณ์", "Cooperative"),
    CreditorKind.GROUP: ("กลุ่มออมทรัพย์", "Savings group"),
    CreditorKind.INFORMAL: ("หนี้นอกระบบ", "Informal lender"),
    CreditorKind.OTHER: ("อื่น ๆ", "Other"),
}


# The group loan's interest methods are the loans' own (ลดต้นลดดอก, คงที่).
InterestMethod = Method


@dataclass(frozen=True)
class Debt:
    """One debt of the household (หนี้หนึ่งรายการ); `annual_rate` in percent a year (informal lenders' 10% a
    month is 120)."""

    creditor_kind: CreditorKind
    balance: Satang
    annual_rate: Decimal
    monthly_payment: Satang = 0
    creditor: str = ""

    def __post_init__(self) -> None:
        if self.balance < 0 or self.monthly_payment < 0:
            raise DomainError("invalid.debt_amount", "ยอดหนี้และค่างวดต้องไม่ติดลบ",
                              "A debt's balance and monthly payment cannot be negative", "balance")
        if self.annual_rate < 0 or self.annual_rate > 1000:
            raise DomainError("invalid.debt_rate", f"อัตราดอกเบี้ย {self.annual_rate}% ต่อปี ไม่ถูกต้อง",
                              f"An interest rate of {self.annual_rate}% a year is not valid", "annual_rate")

    @property
    def informal(self) -> bool:
        return self.creditor_kind == CreditorKind.INFORMAL


@dataclass(frozen=True)
class DebtBurden:
    """ภาระหนี้ครัวเรือน: the total owed, per kind of creditor, and the monthly payments against income."""

    total: Satang
    monthly_payments: Satang
    by_kind: tuple[tuple[CreditorKind, Satang], ...]
    informal: Satang
    monthly_income: Satang | None
    payment_to_income: Decimal | None  # percent, 2 decimals
    high: bool


def debt_burden(debts: Sequence[Debt], monthly_income: Satang | None = None) -> DebtBurden:
    total = sum(d.balance for d in debts)
    payments = sum(d.monthly_payment for d in debts)
    by_kind = tuple((k, sum(d.balance for d in debts if d.creditor_kind == k)) for k in CreditorKind
                    if any(d.creditor_kind == k for d in debts))
    ratio = None
    if monthly_income:
        ratio = (Decimal(payments) * 100 / Decimal(monthly_income)).quantize(Decimal("0.01"))
    return DebtBurden(total, payments, by_kind, sum(d.balance for d in debts if d.informal), monthly_income or None,
                      ratio, ratio is not None and ratio > HIGH_BURDEN_PERCENT)


# --- a loan's schedule ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Installment:
    number: int
    payment: Satang
    interest: Satang
    principal: Satang
    balance_after: Satang


def schedule(principal: Satang, annual_rate: Decimal, months: int, method: InterestMethod,
             start: date = date(2000, 1, 1)) -> list[Installment]:
    """The group loan's monthly installments, by the loans' own schedule (savings/domain/schedule.py): each
    month's interest rounded to the satang, the last payment absorbing what is left."""
    rows = loan_schedule(Terms(principal, Decimal(annual_rate), Method(method), months, Frequency.MONTHLY, start))
    return [Installment(r.n, r.total, r.interest, r.principal, r.balance_after) for r in rows]


# --- the refinancing plan -------------------------------------------------------------------------------


@dataclass(frozen=True)
class RefinancePlan:
    """ข้อเสนอรวมหนี้นอกระบบเป็นเงินกู้กลุ่ม: what moves, the new loan, and what the household saves."""

    moved: tuple[int, ...]  # indexes of the surveyed debts that move into the group loan
    amount: Satang
    annual_rate: Decimal
    months: int
    method: InterestMethod
    installments: tuple[Installment, ...]
    interest_new: Satang
    interest_old: Satang
    monthly_payment_old: Satang

    @property
    def interest_saved(self) -> Satang:
        return self.interest_old - self.interest_new

    @property
    def monthly_payment_new(self) -> Satang:
        return self.installments[0].payment if self.installments else 0

    def explanation(self, language: str = "th") -> str:
        unit = "baht" if language.startswith("en") else "บาท"
        if language.startswith("en"):
            return (f"{len(self.moved)} informal debt(s) of {format_baht(self.amount, unit=unit)} move into a group "
                    f"loan at {self.annual_rate}% a year over {self.months} months: interest "
                    f"{format_baht(self.interest_new, unit=unit)} instead of "
                    f"{format_baht(self.interest_old, unit=unit)} on the same repayments; "
                    f"saved {format_baht(self.interest_saved, unit=unit)}")
        return (f"ย้ายหนี้นอกระบบ {len(self.moved)} รายการ รวม {format_baht(self.amount)} เป็นเงินกู้กลุ่ม "
                f"ดอกเบี้ย {self.annual_rate}% ต่อปี {self.months} งวด: เสียดอกเบี้ย {format_baht(self.interest_new)} "
                f"แทน {format_baht(self.interest_old)} เมื่อผ่อนเงินต้นเท่ากัน ประหยัด {format_baht(self.interest_saved)}")


def refinance_plan(debts: Sequence[Debt], *, annual_rate: Decimal, months: int,
                   method: InterestMethod = InterestMethod.DECLINING, moved: Sequence[int] | None = None,
                   start: date = date(2000, 1, 1)) -> RefinancePlan:
    """Move the informal debts (or the debts named by index) into one group loan. The old cost is each moved
    debt's own rate on its share of the same declining balance, month by month, rounded once a month."""
    chosen = tuple(moved) if moved is not None else tuple(i for i, d in enumerate(debts) if d.informal)
    for i in chosen:
        if not 0 <= i < len(debts):
            raise DomainError("invalid.debt_index", f"ไม่มีหนี้รายการที่ {i + 1}", f"There is no debt {i + 1}",
                              "moved")
    amount = sum(debts[i].balance for i in chosen)
    if amount <= 0:
        raise DomainError("invalid.nothing_to_refinance", "ไม่มีหนี้นอกระบบที่จะรวมเป็นเงินกู้กลุ่ม",
                          "There is no informal debt to move into a group loan", "moved")
    plan = schedule(amount, annual_rate, months, method, start)
    # The lenders' blended yearly rate, weighted by balance, on the balance outstanding each month.
    weighted = sum(Decimal(debts[i].balance) * Decimal(debts[i].annual_rate) for i in chosen)
    outstanding = [amount] + [x.balance_after for x in plan[:-1]]
    old = sum(round_satang(Decimal(b) * weighted / Decimal(amount) / 1200) for b in outstanding)
    return RefinancePlan(chosen, amount, Decimal(annual_rate), months, method, tuple(plan),
                         sum(x.interest for x in plan), old, sum(debts[i].monthly_payment for i in chosen))
