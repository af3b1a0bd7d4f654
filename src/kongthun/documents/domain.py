"""What a printed document says (เอกสารพิมพ์), as small frozen records: no Django, no layout.

Money is satang and dates are business dates passed in by the caller; the renderer
formats them (baht with 2 decimals, the amount in Thai words, Buddhist Era dates).
A record refuses what would print a wrong document: a void receipt without a reason,
a receipt without lines, a table row that does not fit its columns.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from kongthun.errors import DomainError
from kongthun.money import Satang

BANGKOK = "กรุงเทพมหานคร"
ColumnKind = Literal["text", "money", "number", "date"]
Cell = str | int | date | None


def _refuse(code: str, message_th: str, message_en: str, where: str) -> DomainError:
    return DomainError(f"invalid.{code}", message_th, message_en, where)


@dataclass(frozen=True)
class OrgHeader:
    """The fund's name and address printed at the top of every document."""

    name_th: str
    address_lines: tuple[str, ...] = ()
    tambon: str = ""
    district: str = ""
    province: str = ""
    name_en: str = ""
    phone: str = ""

    def place_line(self) -> str:
        """'ตำบลสามง่าม อำเภอดอนตูม จังหวัดนครปฐม'; Bangkok says แขวง and เขต instead."""
        bangkok = self.province == BANGKOK
        parts = []
        if self.tambon:
            parts.append(("แขวง" if bangkok else "ตำบล") + self.tambon)
        if self.district:
            parts.append(("เขต" if bangkok else "อำเภอ") + self.district)
        if self.province:
            parts.append(self.province if bangkok else "จังหวัด" + self.province)
        return " ".join(parts)


@dataclass(frozen=True)
class ReceiptLine:
    description: str
    amount: Satang


@dataclass(frozen=True)
class ReceiptDoc:
    """A receipt (ใบเสร็จรับเงิน). The total is the sum of its lines, so the two never disagree."""

    number: str
    date: date
    member_name: str
    member_number: str
    lines: tuple[ReceiptLine, ...]
    received_by: str
    void: bool = False
    void_reason: str = ""

    def __post_init__(self) -> None:
        if not self.lines:
            raise _refuse("receipt_empty", "ใบเสร็จต้องมีรายการอย่างน้อยหนึ่งรายการ",
                          "A receipt needs at least one line", f"receipt {self.number}")
        if any(line.amount < 0 for line in self.lines):
            raise _refuse("amount_negative", "รายการในใบเสร็จต้องไม่ติดลบ",
                          "Receipt lines cannot be negative", f"receipt {self.number}")
        if self.void and not self.void_reason.strip():
            raise _refuse("void_reason_missing", "ใบเสร็จที่ยกเลิกต้องระบุเหตุผล",
                          "A void receipt needs a reason", f"receipt {self.number}")

    @property
    def total(self) -> Satang:
        return sum(line.amount for line in self.lines)


@dataclass(frozen=True)
class PaymentVoucherDoc:
    """A payment voucher (ใบสำคัญจ่าย) with a line for the recipient to sign."""

    number: str
    date: date
    payee: str
    purpose_lines: tuple[str, ...]
    amount: Satang
    approved_by: str
    paid_by: str = ""
    recipient_signature_label: str = "ผู้รับเงิน / Recipient"

    def __post_init__(self) -> None:
        if self.amount <= 0:
            raise _refuse("amount_not_positive", "จำนวนเงินที่จ่ายต้องมากกว่าศูนย์",
                          "A payment must be more than zero", f"voucher {self.number}")
        if not self.purpose_lines:
            raise _refuse("voucher_purpose_missing", "ใบสำคัญจ่ายต้องระบุรายการที่จ่าย",
                          "A voucher needs its purpose", f"voucher {self.number}")


@dataclass(frozen=True)
class Column:
    label: str
    kind: ColumnKind = "text"


@dataclass(frozen=True)
class TableDoc:
    """Any statement or report that is a titled table: member statement, cash book, annual report."""

    title: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[Cell, ...], ...]
    totals: tuple[Cell, ...] | None = None
    subtitle_lines: tuple[str, ...] = ()
    as_of: date | None = None
    notes: tuple[str, ...] = field(default=())

    def __post_init__(self) -> None:
        width = len(self.columns)
        for i, row in enumerate(self.rows, start=1):
            if len(row) != width:
                raise _refuse("table_row_width", f"แถวที่ {i} มี {len(row)} ช่อง แต่ตารางมี {width} คอลัมน์",
                              f"Row {i} has {len(row)} cells; the table has {width} columns", self.title)
        if self.totals is not None and len(self.totals) != width:
            raise _refuse("table_row_width", f"แถวรวมมี {len(self.totals)} ช่อง แต่ตารางมี {width} คอลัมน์",
                          f"The totals row has {len(self.totals)} cells; the table has {width} columns", self.title)


@dataclass(frozen=True)
class RequestLine:
    """One member's line of a matching request: contributions paid in the year, the part counted
    (capped), and the amount asked for that member."""

    member_number: str
    member_name: str
    paid: Satang
    counted: Satang
    amount: Satang
    note: str = ""


@dataclass(frozen=True)
class FundingRequestDoc:
    """A request for matching money or a grant (หนังสือขอรับเงินสมทบ) to CODI, local government or
    another source. The total is the sum of the member lines when there are lines, so they never disagree."""

    date: date
    year_name: int
    source_name: str
    agreement_name: str
    legal_basis: str
    document_ref: str
    terms_line: str
    lines: tuple[RequestLine, ...]
    amount: Satang
    prepared_by: str = ""
    approved_by: str = ""

    def __post_init__(self) -> None:
        if self.amount < 0 or any(x.amount < 0 or x.paid < 0 or x.counted < 0 for x in self.lines):
            raise _refuse("amount_negative", "คำขอต้องไม่มียอดติดลบ", "A request cannot have negative amounts",
                          f"request {self.year_name}")
        if self.lines and sum(x.amount for x in self.lines) != self.amount:
            raise _refuse("request_total", "ยอดขอรวมไม่เท่ากับผลรวมรายสมาชิก",
                          "The amount requested is not the sum of the member lines", f"request {self.year_name}")

    @property
    def paid(self) -> Satang:
        return sum(x.paid for x in self.lines)

    @property
    def counted(self) -> Satang:
        return sum(x.counted for x in self.lines)
