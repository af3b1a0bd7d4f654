"""The cash book (สมุดเงินสด / บัญชีเงินสดและเงินฝาก): every line on cash 1101 and bank 1102."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from kongthun.errors import DomainError
from kongthun.ledger.charts import CASH_ACCOUNTS
from kongthun.money import Satang
from kongthun.welfare.reports.domain.common import check_range


@dataclass(frozen=True)
class CashLine:
    """A ledger line on cash (1101) or bank (1102), debit-positive."""

    date: date
    entry_number: int
    account: str
    amount: Satang
    memo: str = ""


@dataclass(frozen=True)
class CashBookRow:
    date: date
    entry_number: int
    account: str
    memo: str
    received: Satang  # รับ
    paid: Satang  # จ่าย
    balance: Satang  # คงเหลือ: cash and bank together, after this line


@dataclass(frozen=True)
class CashBook:
    """สมุดเงินสด (บัญชีเงินสดและเงินฝาก) for a date range: opening, every line in and out with the
    running balance, closing."""

    date_from: date
    date_to: date
    opening_by_account: tuple[tuple[str, Satang], ...]
    rows: tuple[CashBookRow, ...]

    @property
    def opening(self) -> Satang:
        return sum(a for _, a in self.opening_by_account)

    @property
    def received(self) -> Satang:
        return sum(r.received for r in self.rows)

    @property
    def paid(self) -> Satang:
        return sum(r.paid for r in self.rows)

    @property
    def closing(self) -> Satang:
        return self.opening + self.received - self.paid

    @property
    def closing_by_account(self) -> tuple[tuple[str, Satang], ...]:
        out = dict(self.opening_by_account)
        for r in self.rows:
            out[r.account] = out.get(r.account, 0) + r.received - r.paid
        return tuple(sorted(out.items()))


def cash_book(date_from: date, date_to: date, opening_by_account: Mapping[str, Satang],
              lines: Iterable[CashLine]) -> CashBook:
    check_range(date_from, date_to)
    opening = {code: opening_by_account.get(code, 0) for code in CASH_ACCOUNTS}
    running = sum(opening.values())
    rows = []
    for x in sorted(lines, key=lambda x: (x.date, x.entry_number, x.account)):
        if not date_from <= x.date <= date_to or x.account not in CASH_ACCOUNTS:
            raise DomainError("invalid.cash_line", "รายการนี้ไม่ใช่รายการเงินสดหรือเงินฝากในช่วงวันที่ของสมุดเงินสด",
                              "This line is not a cash or bank line within the cash book's dates",
                              f"JV{x.entry_number:06d}")
        running += x.amount
        rows.append(CashBookRow(x.date, x.entry_number, x.account, x.memo, max(x.amount, 0), max(-x.amount, 0),
                                running))
    return CashBook(date_from, date_to, tuple(sorted(opening.items())), tuple(rows))
