"""A monthly collection as a treasurer writes it down (แผ่นบันทึกการเก็บเงินสัจจะ): a CSV of member number,
savings (sajja) and shares in baht ("200", "1,000.00", Thai digits too), and optionally whether the member
pays the fines due (pay_fines: yes/no, default yes). A row with no money is a member who pays nothing this
month, unless pay_fines says yes (fines only). Pure: every bad cell is reported with its row and
column in Thai and English, and the caller writes nothing while any problem remains."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from kongthun.errors import DomainError
from kongthun.money import Satang, parse_baht, thai_digits_to_arabic

COLUMNS = ("member_no", "sajja_baht")
OPTIONAL = ("shares_baht", "pay_fines")
ALIASES = {"เลขที่สมาชิก": "member_no", "เลขสมาชิก": "member_no", "เงินสัจจะ": "sajja_baht", "สัจจะ": "sajja_baht",
           "ค่าหุ้น": "shares_baht", "หุ้น": "shares_baht", "ชำระค่าปรับ": "pay_fines"}
YES = {"", "1", "y", "yes", "true", "ใช่", "x", "✓"}
NO = {"0", "n", "no", "false", "ไม่"}


@dataclass(frozen=True)
class SavingsRow:
    row: int
    member_no: str
    sajja: Satang
    shares: Satang = 0
    pay_fines: bool = True


@dataclass(frozen=True)
class SheetProblem:
    row: int
    column: str
    message_th: str
    message_en: str


def _reader(text: str, aliases: dict[str, str], needed, need_th: str = "", need_en: str = ""):
    """A reader over the sheet with its header read through `aliases` (Thai column names), or, when a
    needed column is missing, that problem (row 1)."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    header = [aliases.get((h or "").strip(), (h or "").strip().lower()) for h in reader.fieldnames or []]
    missing = [c for c in needed if c not in header]
    if missing:
        return None, SheetProblem(1, ", ".join(missing), f"ไม่มีคอลัมน์ {', '.join(missing)}{need_th}",
                                  f"Missing column(s) {', '.join(missing)}{need_en}")
    reader.fieldnames = header
    return reader, None


def _records(reader):
    """(line number, stripped cells) of each row that is not blank."""
    for record in reader:
        cells = {k: (v or "").strip() for k, v in record.items() if k}
        if any(cells.values()):
            yield reader.line_num, cells


def read_savings_csv(text: str) -> tuple[list[SavingsRow], list[SheetProblem]]:
    """The rows of a savings collection sheet and every problem in it (row 1 is the header)."""
    reader, missing = _reader(text, ALIASES, COLUMNS, " (ต้องมี member_no, sajja_baht)",
                              " (member_no and sajja_baht are needed)")
    if missing is not None:
        return [], [missing]
    rows: list[SavingsRow] = []
    problems: list[SheetProblem] = []
    seen: dict[str, int] = {}
    for n, cells in _records(reader):
        number = thai_digits_to_arabic(cells.get("member_no", ""))
        if number in seen:
            problems.append(SheetProblem(n, "member_no", f"สมาชิกเลขที่ {number} ซ้ำกับแถวที่ {seen[number]}",
                                         f"Member {number} is also on row {seen[number]}"))
            continue
        if number:
            seen[number] = n
        row = _row(n, cells, problems)
        if row is not None:
            rows.append(row)
    if not rows and not problems:
        problems.append(SheetProblem(2, "member_no", "ไม่มีรายการในไฟล์", "The file has no rows"))
    return rows, problems


def _row(n: int, cells: dict[str, str], problems: list[SheetProblem]) -> SavingsRow | None:
    member_no = thai_digits_to_arabic(cells.get("member_no", ""))
    ok = True
    if not member_no:
        problems.append(SheetProblem(n, "member_no", "ไม่มีเลขสมาชิก", "The member number is missing"))
        ok = False
    amounts = {}
    for column in ("sajja_baht", "shares_baht"):
        try:
            amounts[column] = parse_baht(cells[column], where=column) if cells.get(column) else 0
        except DomainError as exc:
            problems.append(SheetProblem(n, column, exc.message_th, exc.message_en))
            ok = False
    flag = cells.get("pay_fines", "").lower()
    if flag not in YES | NO:
        problems.append(SheetProblem(n, "pay_fines", f"'{flag}' ต้องเป็น yes หรือ no", f"'{flag}' must be yes or no"))
        ok = False
    if ok and not amounts["sajja_baht"] and not amounts["shares_baht"] and flag in NO | {""}:
        return None  # a member who pays nothing this month (a row left blank), unless they pay fines only
    return SavingsRow(n, member_no, amounts["sajja_baht"], amounts["shares_baht"], flag not in NO) if ok else None


# --- balances brought forward (ยอดยกมา) ----------------------------------------------------------------

OPENING_ALIASES = {"เลขที่สมาชิก": "member_no", "เลขสมาชิก": "member_no", "เงินฝาก": "savings_baht",
                   "เงินฝากสัจจะ": "savings_baht", "ค่าหุ้น": "shares_baht", "หุ้น": "shares_baht"}


@dataclass(frozen=True)
class OpeningRow:
    row: int
    member_no: str
    savings: Satang
    shares: Satang


def read_opening_csv(text: str) -> tuple[list[OpeningRow], list[SheetProblem]]:
    """Members' savings and shares brought forward: member_no, savings_baht, shares_baht; each bad cell named."""
    reader, missing = _reader(text, OPENING_ALIASES, ("member_no", "savings_baht", "shares_baht"))
    if missing is not None:
        return [], [missing]
    rows: list[OpeningRow] = []
    problems: list[SheetProblem] = []
    seen: set[str] = set()
    for n, cells in _records(reader):
        number = thai_digits_to_arabic(cells.get("member_no", ""))
        bad = len(problems)
        if not number or number in seen:
            problems.append(SheetProblem(n, "member_no", f"เลขสมาชิก '{number}' ว่างหรือซ้ำ",
                                         f"Member number '{number}' is missing or repeated"))
        seen.add(number)
        amounts = {}
        for column in ("savings_baht", "shares_baht"):
            try:
                amounts[column] = parse_baht(cells[column], where=column) if cells.get(column) else 0
            except DomainError as exc:
                problems.append(SheetProblem(n, column, exc.message_th, exc.message_en))
        if len(problems) == bad and (amounts["savings_baht"] or amounts["shares_baht"]):
            rows.append(OpeningRow(n, number, amounts["savings_baht"], amounts["shares_baht"]))
    if not rows and not problems:
        problems.append(SheetProblem(2, "member_no", "ไม่มีรายการในไฟล์", "The file has no rows"))
    return rows, problems
