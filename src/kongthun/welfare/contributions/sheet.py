"""A collection day as a treasurer writes it down (แผ่นบันทึกการเก็บเงินสมทบ): a CSV of member number and
amount in baht ("30", "1,095.00", Thai digits too), with an optional payment method and entry fee; or the
same as `MEMBER_NO=AMOUNT` pairs. Pure: every bad cell is reported with its row and column, in Thai and
English, and the caller writes nothing while any problem remains."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass

from kongthun.errors import DomainError
from kongthun.money import Satang, parse_baht, thai_digits_to_arabic

COLUMNS = ("member_no", "amount")
OPTIONAL = ("method", "entry_fee")
ALIASES = {"เลขที่สมาชิก": "member_no", "เลขสมาชิก": "member_no", "จำนวนเงิน": "amount", "วิธีชำระ": "method",
           "ค่าสมัคร": "entry_fee"}
# The collection day posts its money to cash (1101): other methods are refused rather than misfiled.
CASH_WORDS = {"", "cash", "เงินสด", "สด"}
YES = {"1", "y", "yes", "true", "ใช่", "x", "✓"}
NO = {"", "0", "n", "no", "false", "ไม่"}


@dataclass(frozen=True)
class SheetRow:
    """One payment: the row it came from (CSV line, or the option's position)."""

    row: int
    member_no: str
    amount: Satang
    entry_fee: bool = False


@dataclass(frozen=True)
class SheetProblem:
    row: int
    column: str
    message_th: str
    message_en: str

    def where(self, *, language: str = "th") -> str:
        return f"row {self.row}, column {self.column}" if language == "en" else f"แถวที่ {self.row} คอลัมน์ {self.column}"


def read_csv(text: str) -> tuple[list[SheetRow], list[SheetProblem]]:
    """The rows of a collection sheet, and every problem found in it (row 1 is the header)."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    header = [ALIASES.get((h or "").strip(), (h or "").strip().lower()) for h in reader.fieldnames or []]
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        return [], [SheetProblem(1, ", ".join(missing), f"ไม่มีคอลัมน์ {', '.join(missing)} (ต้องมี member_no, amount)",
                                 f"Missing column(s) {', '.join(missing)} (member_no and amount are needed)")]
    reader.fieldnames = header
    rows: list[SheetRow] = []
    problems: list[SheetProblem] = []
    numbers: list[tuple[int, str]] = []
    for record in reader:
        n = reader.line_num  # the file's line: blank lines are skipped but still counted
        cells = {k: (v or "").strip() for k, v in record.items() if k}
        if not any(cells.values()):
            continue  # a blank line
        numbers.append((n, thai_digits_to_arabic(cells.get("member_no", ""))))
        row = _row(n, cells, problems)
        if row is not None:
            rows.append(row)
    rows = _without_duplicates(rows, numbers, problems)
    if not rows and not problems:
        problems.append(SheetProblem(2, "member_no", "ไม่มีรายการรับเงินในไฟล์", "The file has no payments"))
    return rows, problems


def read_pairs(pairs: Iterable[str]) -> tuple[list[SheetRow], list[SheetProblem]]:
    """`--pay 0012=30 --pay 0013=1,095.00`: the n-th option is row n."""
    rows: list[SheetRow] = []
    problems: list[SheetProblem] = []
    numbers: list[tuple[int, str]] = []
    for n, pair in enumerate(pairs, start=1):
        member_no, sep, amount = pair.partition("=")
        if not sep:
            problems.append(SheetProblem(n, "--pay", f"'{pair}' ต้องเป็น เลขสมาชิก=จำนวนเงิน เช่น 0012=30",
                                         f"'{pair}' must be MEMBER_NO=AMOUNT, e.g. 0012=30"))
            continue
        numbers.append((n, thai_digits_to_arabic(member_no.strip())))
        row = _row(n, {"member_no": member_no.strip(), "amount": amount.strip()}, problems)
        if row is not None:
            rows.append(row)
    return _without_duplicates(rows, numbers, problems), problems


def _row(n: int, cells: dict[str, str], problems: list[SheetProblem]) -> SheetRow | None:
    start = len(problems)
    member_no = thai_digits_to_arabic(cells.get("member_no", ""))
    if not member_no:
        problems.append(SheetProblem(n, "member_no", "ไม่มีเลขสมาชิก", "The member number is empty"))
    amount = 0
    try:
        amount = parse_baht(cells.get("amount", ""), where="amount")
        if amount <= 0:
            raise DomainError("invalid.amount", "จำนวนเงินต้องมากกว่าศูนย์", "The amount must be more than zero")
    except DomainError as exc:
        shown = cells.get("amount", "")
        problems.append(SheetProblem(n, "amount", f"{exc.message_th} ('{shown}')", f"{exc.message_en} ('{shown}')"))
    method = cells.get("method", "").lower()
    if method not in CASH_WORDS:
        problems.append(SheetProblem(
            n, "method", f"วิธีชำระ '{cells['method']}' ยังบันทึกไม่ได้: วันเก็บเงินรับเป็นเงินสด (บัญชี 1101) เท่านั้น",
            f"Payment method '{cells['method']}' cannot be recorded: a collection day takes cash (account 1101) only"))
    fee = cells.get("entry_fee", "").lower()
    if fee not in YES | NO:
        problems.append(SheetProblem(n, "entry_fee", f"ค่าสมัคร '{cells['entry_fee']}' ต้องเป็น ใช่/yes หรือเว้นว่าง",
                                     f"entry_fee '{cells['entry_fee']}' must be yes or empty"))
    if len(problems) > start:
        return None
    return SheetRow(n, member_no, amount, fee in YES)


def _without_duplicates(rows: list[SheetRow], numbers: list[tuple[int, str]],
                        problems: list[SheetProblem]) -> list[SheetRow]:
    """One line per member on a collection day: a second line of the same member is a problem of its row."""
    first: dict[str, int] = {}
    repeated = set()
    for row, member_no in numbers:
        if member_no and member_no in first:
            repeated.add(row)
            problems.append(SheetProblem(row, "member_no", f"สมาชิกเลขที่ {member_no} ซ้ำกับแถวที่ {first[member_no]}",
                                         f"Member {member_no} already appears in row {first[member_no]}"))
        first.setdefault(member_no, row)
    return [r for r in rows if r.row not in repeated]
