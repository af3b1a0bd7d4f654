"""Income and expenditure (งบรายรับ-รายจ่าย) and the fund's position (งบแสดงฐานะการเงิน) of an accounting
year, from each account's totals.

Year-end closing entries (source "year_close", and their reversals) carry the year's income and
expenses to retained surplus 3901. The income statement leaves them out, so it reads the same before
and after the close; the position shows whatever surplus is not yet closed on a line of its own, so
it is right either way."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from kongthun.ledger.domain import AccountType
from kongthun.money import Satang
from kongthun.welfare.reports.domain.common import check_range


@dataclass(frozen=True)
class AccountInfo:
    code: str
    name_th: str
    name_en: str
    type: AccountType


@dataclass(frozen=True)
class AccountTotals:
    """One account over a period, debit-positive satang: lines dated before it, lines in it (closing
    entries excluded), and the closing entries' lines in it."""

    account: AccountInfo
    before: Satang = 0
    during: Satang = 0
    closing: Satang = 0

    @property
    def at_end(self) -> Satang:
        return self.before + self.during + self.closing


@dataclass(frozen=True)
class StatementLine:
    code: str
    name_th: str
    name_en: str
    amount: Satang  # on the account's normal side: income and liabilities positive as credits


def _line(t: AccountTotals, amount_debit_positive: Satang) -> StatementLine:
    a = t.account
    return StatementLine(a.code, a.name_th, a.name_en, amount_debit_positive * AccountType(a.type).normal_sign)


def _of_type(totals: Iterable[AccountTotals], *types: AccountType) -> list[AccountTotals]:
    return sorted((t for t in totals if AccountType(t.account.type) in types), key=lambda t: t.account.code)


@dataclass(frozen=True)
class IncomeStatement:
    """งบรายรับ-รายจ่าย (income and expenditure) of an accounting year, closing entries left out."""

    year_name: int
    date_from: date
    date_to: date
    income: tuple[StatementLine, ...]
    expenses: tuple[StatementLine, ...]

    @property
    def total_income(self) -> Satang:
        return sum(x.amount for x in self.income)

    @property
    def total_expenses(self) -> Satang:
        return sum(x.amount for x in self.expenses)

    @property
    def surplus(self) -> Satang:
        """รายรับสูง(ต่ำ)กว่ารายจ่าย: negative for a deficit."""
        return self.total_income - self.total_expenses


def income_statement(year_name: int, date_from: date, date_to: date,
                     totals: Iterable[AccountTotals]) -> IncomeStatement:
    totals = list(totals)
    income = [_line(t, t.during) for t in _of_type(totals, AccountType.INCOME) if t.during]
    expenses = [_line(t, t.during) for t in _of_type(totals, AccountType.EXPENSE) if t.during]
    return IncomeStatement(year_name, date_from, date_to, tuple(income), tuple(expenses))


UNCLOSED = ("", "รายรับสูง(ต่ำ)กว่ารายจ่ายที่ยังไม่ปิดบัญชี", "Surplus (deficit) not yet closed")


@dataclass(frozen=True)
class FinancialPosition:
    """งบแสดงฐานะการเงิน at the year's end: assets = liabilities + fund, and the fund explained as
    opening fund + the year's surplus + anything posted straight to the fund accounts."""

    year_name: int
    as_of: date
    assets: tuple[StatementLine, ...]
    liabilities: tuple[StatementLine, ...]
    fund: tuple[StatementLine, ...]
    opening_fund: Satang
    surplus: Satang
    other_fund_movements: Satang

    @property
    def total_assets(self) -> Satang:
        return sum(x.amount for x in self.assets)

    @property
    def total_liabilities(self) -> Satang:
        return sum(x.amount for x in self.liabilities)

    @property
    def total_fund(self) -> Satang:
        return sum(x.amount for x in self.fund)

    @property
    def balanced(self) -> bool:
        return self.total_assets == self.total_liabilities + self.total_fund

    @property
    def fund_reconciles(self) -> bool:
        return self.opening_fund + self.surplus + self.other_fund_movements == self.total_fund


def financial_position(year_name: int, as_of: date, totals: Iterable[AccountTotals]) -> FinancialPosition:
    totals = list(totals)
    results = _of_type(totals, AccountType.INCOME, AccountType.EXPENSE)
    equity = _of_type(totals, AccountType.EQUITY)
    fund = [_line(t, t.at_end) for t in equity if t.at_end]
    unclosed = -sum(t.at_end for t in results)
    if unclosed:
        fund.append(StatementLine(*UNCLOSED, unclosed))
    return FinancialPosition(
        year_name, as_of,
        assets=tuple(_line(t, t.at_end) for t in _of_type(totals, AccountType.ASSET) if t.at_end),
        liabilities=tuple(_line(t, t.at_end) for t in _of_type(totals, AccountType.LIABILITY) if t.at_end),
        fund=tuple(fund),
        opening_fund=-sum(t.before for t in equity + results),
        surplus=-sum(t.during for t in results),
        other_fund_movements=-sum(t.during for t in equity),
    )


@dataclass(frozen=True)
class AnnualStatements:
    """งบการเงินประจำปี: the two statements of one accounting year."""

    income: IncomeStatement
    position: FinancialPosition


def annual_statements(year_name: int, date_from: date, date_to: date,
                      totals: Iterable[AccountTotals]) -> AnnualStatements:
    check_range(date_from, date_to)
    totals = list(totals)
    return AnnualStatements(income_statement(year_name, date_from, date_to, totals),
                            financial_position(year_name, date_to, totals))
