"""Proving a report against the ledger (กระทบยอดรายงานกับบัญชี): every total a report prints must equal
what the ledger says, read another way. Mismatches are collected and returned, not raised."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

from kongthun.ledger.charts import CASH_ACCOUNTS
from kongthun.ledger.domain import AccountType
from kongthun.money import Satang, format_baht
from kongthun.welfare.reports.domain.cash_book import CashBook
from kongthun.welfare.reports.domain.codi import CodiReport, Source, source_of
from kongthun.welfare.reports.domain.statements import AnnualStatements, StatementLine


@dataclass(frozen=True)
class LedgerFigures:
    """The ledger's own figures for a period, debit-positive satang: each account's balance at the end
    (its stored balance less later lines), its movement in the period (closing entries left out), and
    what claim payments debited to the benefit accounts in the period."""

    date_from: date
    date_to: date
    types: Mapping[str, AccountType]
    balances_at_end: Mapping[str, Satang]
    movements: Mapping[str, Satang] = field(default_factory=dict)
    claim_payments: Satang = 0

    def natural_end(self, *types: AccountType) -> Satang:
        return sum(b * t.normal_sign for c, b in self.balances_at_end.items() if (t := self.types[c]) in types)

    def natural_movement(self, *types: AccountType) -> Satang:
        return sum(m * t.normal_sign for c, m in self.movements.items() if (t := self.types[c]) in types)


@dataclass(frozen=True)
class Mismatch:
    what: str
    report: Satang
    ledger: Satang

    @property
    def message_th(self) -> str:
        return f"{self.what}: รายงาน {format_baht(self.report)} แต่บัญชี {format_baht(self.ledger)}"

    @property
    def message_en(self) -> str:
        return (f"{self.what}: the report says {format_baht(self.report, unit='baht')}, "
                f"the ledger {format_baht(self.ledger, unit='baht')}")


def _compare(pairs: Iterable[tuple[str, Satang, Satang]]) -> list[Mismatch]:
    return [Mismatch(what, report, ledger) for what, report, ledger in pairs if report != ledger]


def _lines(what: str, lines: Iterable[StatementLine], ledger: Mapping[str, Satang],
           figures: LedgerFigures, *types: AccountType) -> list[tuple[str, Satang, Satang]]:
    shown = {x.code: x.amount for x in lines if x.code}
    codes = set(shown) | {c for c, v in ledger.items() if v and figures.types[c] in types}
    return [(f"{what} {c}", shown.get(c, 0), ledger.get(c, 0) * figures.types[c].normal_sign) for c in sorted(codes)]


def check_annual(report: AnnualStatements, ledger: LedgerFigures) -> list[Mismatch]:
    inc, pos = report.income, report.position
    a, li, e, i, x = (AccountType.ASSET, AccountType.LIABILITY, AccountType.EQUITY, AccountType.INCOME,
                      AccountType.EXPENSE)
    fund_at_end = ledger.natural_end(e) + ledger.natural_end(i) - ledger.natural_end(x)
    return _compare([
        *_lines("income", inc.income, ledger.movements, ledger, i),
        *_lines("expense", inc.expenses, ledger.movements, ledger, x),
        ("total income", inc.total_income, ledger.natural_movement(i)),
        ("total expenses", inc.total_expenses, ledger.natural_movement(x)),
        *_lines("asset", pos.assets, ledger.balances_at_end, ledger, a),
        *_lines("liability", pos.liabilities, ledger.balances_at_end, ledger, li),
        ("total assets", pos.total_assets, ledger.natural_end(a)),
        ("total liabilities", pos.total_liabilities, ledger.natural_end(li)),
        ("total fund", pos.total_fund, fund_at_end),
        ("assets less liabilities", pos.total_assets - pos.total_liabilities, fund_at_end),
        ("surplus in the position", pos.surplus, inc.surplus),
        ("opening fund + surplus + other movements", pos.opening_fund + pos.surplus + pos.other_fund_movements,
         pos.total_fund),
    ])


def check_cash_book(report: CashBook, ledger: LedgerFigures) -> list[Mismatch]:
    closing = dict(report.closing_by_account)
    opening = dict(report.opening_by_account)
    pairs = []
    for code in CASH_ACCOUNTS:
        end = ledger.balances_at_end.get(code, 0)
        pairs += [(f"closing {code}", closing.get(code, 0), end),
                  (f"opening {code}", opening.get(code, 0), end - ledger.movements.get(code, 0))]
    cash = sum(ledger.balances_at_end.get(c, 0) for c in CASH_ACCOUNTS)
    pairs.append(("closing cash and bank", report.closing, cash))
    last = report.rows[-1].balance if report.rows else report.opening
    pairs.append(("running balance at the end", last, report.closing))
    return _compare(pairs)


def check_codi(report: CodiReport, ledger: LedgerFigures) -> list[Mismatch]:
    a, li, e, i, x = (AccountType.ASSET, AccountType.LIABILITY, AccountType.EQUITY, AccountType.INCOME,
                      AccountType.EXPENSE)
    by_source = dict.fromkeys(Source, 0)
    for code, m in ledger.movements.items():
        if ledger.types[code] is i:
            by_source[source_of(code)] -= m
    shares = [s.share for s in report.money_in]
    pairs = [(f"money in from {s.source.value}", s.amount, by_source[s.source]) for s in report.money_in]
    pairs += [
        ("money in", report.total_money_in, ledger.natural_movement(i)),
        ("benefits paid", report.benefits_paid, ledger.claim_payments),
        ("money in the fund", report.fund_balance, ledger.natural_end(a) - ledger.natural_end(li)),
        ("fund accounts", report.fund_balance,
         ledger.natural_end(e) + ledger.natural_end(i) - ledger.natural_end(x)),
        ("cash and bank", report.cash, sum(ledger.balances_at_end.get(c, 0) for c in CASH_ACCOUNTS)),
    ]
    if all(s is not None for s in shares):
        pairs.append(("shares of money in (basis points)", sum(shares), 10_000))
    return _compare(pairs)


def check_against_ledger(report, ledger: LedgerFigures) -> list[Mismatch]:
    """Every total of the report against the ledger; an empty list when they agree."""
    if isinstance(report, AnnualStatements):
        return check_annual(report, ledger)
    if isinstance(report, CashBook):
        return check_cash_book(report, ledger)
    if isinstance(report, CodiReport):
        return check_codi(report, ledger)
    raise TypeError(f"no ledger check for {type(report).__name__}")
