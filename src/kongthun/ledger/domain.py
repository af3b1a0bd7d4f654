"""The ledger's rules (บัญชีคู่), pure Python: entries, lines, balance, reversal.

A line's amount is signed satang: positive is a debit (เดบิต), negative a credit
(เครดิต). An entry is balanced when its lines sum to zero.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from kongthun.errors import DomainError
from kongthun.money import format_baht


class AccountType(StrEnum):
    ASSET = "asset"  # สินทรัพย์
    LIABILITY = "liability"  # หนี้สิน
    EQUITY = "equity"  # ทุน / กองทุน
    INCOME = "income"  # รายได้
    EXPENSE = "expense"  # ค่าใช้จ่าย

    @property
    def normal_sign(self) -> int:
        """+1 where a debit raises the balance (assets, expenses), else -1."""
        return 1 if self in (AccountType.ASSET, AccountType.EXPENSE) else -1


@dataclass(frozen=True)
class Line:
    account: str  # account code within the organization
    amount: int  # signed satang: + debit, - credit
    memo: str = ""


@dataclass(frozen=True)
class Entry:
    date: date
    lines: tuple[Line, ...]
    memo: str = ""


def debit(account: str, satang: int, memo: str = "") -> Line:
    return Line(account, satang, memo)


def credit(account: str, satang: int, memo: str = "") -> Line:
    return Line(account, -satang, memo)


def validate_lines(lines: Sequence[Line], *, known_accounts: Iterable[str] | None = None) -> None:
    """Refuse an entry that cannot be posted: too few lines, a zero or non-integer line,
    an unknown account, or debits that do not equal credits."""
    if len(lines) < 2:
        raise DomainError(
            "invalid.entry_too_few_lines",
            "รายการบัญชีต้องมีอย่างน้อย 2 บรรทัด",
            "A journal entry needs at least two lines",
        )
    known = set(known_accounts) if known_accounts is not None else None
    for i, line in enumerate(lines, start=1):
        if not isinstance(line.amount, int) or isinstance(line.amount, bool):
            raise DomainError(
                "invalid.amount_not_satang",
                f"บรรทัดที่ {i}: จำนวนเงินต้องเป็นจำนวนเต็มสตางค์",
                f"Line {i}: the amount must be a whole number of satang",
                f"line {i}",
            )
        if line.amount == 0:
            raise DomainError(
                "invalid.zero_line", f"บรรทัดที่ {i}: จำนวนเงินเป็นศูนย์", f"Line {i}: amount is zero", f"line {i}"
            )
        if known is not None and line.account not in known:
            raise DomainError(
                "invalid.unknown_account",
                f"บรรทัดที่ {i}: ไม่พบบัญชีรหัส {line.account}",
                f"Line {i}: no account with code {line.account}",
                f"line {i}",
            )
    total = sum(line.amount for line in lines)
    if total != 0:
        debits = sum(x.amount for x in lines if x.amount > 0)
        credits = -sum(x.amount for x in lines if x.amount < 0)
        raise DomainError(
            "invalid.unbalanced_entry",
            f"รายการไม่สมดุล: เดบิต {format_baht(debits)} ไม่เท่ากับเครดิต {format_baht(credits)}",
            f"Unbalanced entry: debits {format_baht(debits, unit='baht')} "
            f"do not equal credits {format_baht(credits, unit='baht')}",
            details={"debits": debits, "credits": credits},
        )


# Entries posted by hand (the general journal, the CLI, an import, the demo's bookkeeping): the only ones
# the general ledger may reverse. Others belong to a sub-ledger (a receipt, a claim, a loan, a member's
# savings) that keeps its own rows beside the entry; it undoes them through its own action.
GENERAL_SOURCES = frozenset({"manual", "cli", "demo", "demo_bank", "opening", "import", "reversal"})


def reversible_by_hand(source: str) -> bool:
    return source in GENERAL_SOURCES or not source


def reversal_lines(lines: Sequence[Line]) -> tuple[Line, ...]:
    """The lines that undo an entry (กลับรายการ): every amount negated."""
    return tuple(Line(x.account, -x.amount, x.memo) for x in lines)


def check_period_open(entry_date: date, locked_through: date | None) -> None:
    if locked_through is not None and entry_date <= locked_through:
        raise DomainError(
            "conflict.period_locked",
            f"งวดบัญชีถึงวันที่ {locked_through.isoformat()} ปิดแล้ว ไม่สามารถลงรายการวันที่ {entry_date.isoformat()}",
            f"The books are closed through {locked_through.isoformat()}; cannot post on {entry_date.isoformat()}",
            "date",
        )


def balances(lines: Iterable[Line]) -> dict[str, int]:
    """Debit-positive balance of each account over the given lines."""
    out: dict[str, int] = {}
    for line in lines:
        out[line.account] = out.get(line.account, 0) + line.amount
    return out


def debit_credit_totals(lines: Iterable[Line]) -> tuple[int, int]:
    d = c = 0
    for line in lines:
        if line.amount > 0:
            d += line.amount
        else:
            c -= line.amount
    return d, c


def closing_lines(balances: dict[str, int], *, surplus_account: str, memo: str = "") -> tuple[Line, ...]:
    """The year-end closing entry (รายการปิดบัญชีสิ้นปี): every income and expense account brought to
    zero, the difference (the year's surplus, or deficit) carried to the surplus account.

    `balances` holds the debit-positive balance of each income and expense account at the year's end."""
    lines = [Line(code, -amount, memo) for code, amount in sorted(balances.items()) if amount]
    carried = sum(x.amount for x in lines)
    if carried:
        lines.append(Line(surplus_account, -carried, memo))
    return tuple(lines)


def surplus_of(balances: dict[str, int]) -> int:
    """The year's surplus (ส่วนเกินรายได้สูงกว่าค่าใช้จ่าย; negative for a deficit) from the debit-positive
    balances of the income and expense accounts: income is credit, so the surplus is minus their sum."""
    return -sum(balances.values())
