"""Claims from a CSV file (one claim a row), for trying and replaying a regulation.

Columns (header row; order free; Thai or Arabic digits):
  member_no*, kind*, event_date* (YYYY-MM-DD, CE), claim_id, joined_on, birth_date,
  paid_up_to, household, recipient (member|beneficiary|household), nights, event_id,
  claimed (baht), documents (separated by ';'), paid (baht, for replay).
Any other column is a fact for fact_table clauses (e.g. gpa, school_level).
Problems are collected with the line and column, not raised one at a time.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from kongthun.clock import parse_iso_date
from kongthun.errors import DomainError
from kongthun.money import Satang, parse_baht, thai_digits_to_arabic
from kongthun.welfare.rules.model import RECIPIENTS, Claim
from kongthun.welfare.rules.source import Issue

REQUIRED = ("member_no", "kind", "event_date")
KNOWN = (*REQUIRED, "claim_id", "joined_on", "birth_date", "paid_up_to", "household", "recipient", "nights",
         "event_id", "claimed", "documents", "paid")


@dataclass(frozen=True)
class ClaimRow:
    claim: Claim
    paid: Satang | None  # what was actually paid (the `paid` column), for replay
    line: int


def read_claims(text: str) -> tuple[list[ClaimRow], list[Issue]]:
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    issues: list[Issue] = []
    missing = [c for c in REQUIRED if c not in (reader.fieldnames or [])]
    if missing:
        return [], [Issue("invalid.csv_columns", f"ไม่มีคอลัมน์ {', '.join(missing)}",
                          f"Missing columns: {', '.join(missing)}", "header", 1)]
    rows = []
    for n, record in enumerate(reader, start=2):
        cells = {k.strip(): (v or "").strip() for k, v in record.items() if k}
        row = _row(cells, n, issues)
        if row is not None:
            rows.append(row)
    return rows, issues


def _row(cells: dict[str, str], line: int, issues: list[Issue]) -> ClaimRow | None:
    start = len(issues)

    def bad(column: str, exc: DomainError) -> None:
        issues.append(Issue(exc.code, exc.message_th, exc.message_en, column, line))

    def get_date(column: str, required: bool = False):
        if not cells.get(column):
            if required:
                bad(column, DomainError("invalid.missing", f"ไม่มี {column}", f"{column} is empty"))
            return None
        try:
            return parse_iso_date(thai_digits_to_arabic(cells[column]), where=column)
        except DomainError as exc:
            bad(column, exc)
            return None

    def get_money(column: str) -> Satang | None:
        try:
            return parse_baht(cells[column], where=column) if cells.get(column) else None
        except DomainError as exc:
            bad(column, exc)
            return None

    for column in ("member_no", "kind"):
        if not cells.get(column):
            bad(column, DomainError("invalid.missing", f"ไม่มี {column}", f"{column} is empty"))
    event_date = get_date("event_date", required=True)
    nights = thai_digits_to_arabic(cells.get("nights") or "0")
    if not nights.isdigit():
        bad("nights", DomainError("invalid.integer", "จำนวนคืนต้องเป็นจำนวนเต็ม", "nights must be a whole number"))
    recipient = cells.get("recipient") or "member"
    if recipient not in RECIPIENTS:
        bad("recipient", DomainError("invalid.choice", f"ผู้รับต้องเป็น {', '.join(RECIPIENTS)}",
                                     f"recipient must be one of {', '.join(RECIPIENTS)}"))
    claim = Claim(
        claim_id=cells.get("claim_id") or str(line - 1), member_no=cells.get("member_no", ""),
        kind=cells.get("kind", ""), event_date=event_date, joined_on=get_date("joined_on"),
        birth_date=get_date("birth_date"), paid_up_to=get_date("paid_up_to"), household=cells.get("household", ""),
        recipient=recipient, nights=int(nights) if nights.isdigit() else 0, event_id=cells.get("event_id", ""),
        claimed=get_money("claimed"),
        documents=frozenset(d.strip() for d in cells.get("documents", "").split(";") if d.strip()),
        facts={k: v for k, v in cells.items() if k not in KNOWN and v},
    )
    paid = get_money("paid")
    return ClaimRow(claim, paid, line) if len(issues) == start else None
