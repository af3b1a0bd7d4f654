"""fact_table (ตามข้อเท็จจริงอื่น): the amount by another fact of the claim, e.g. a
scholarship by school level (`value: primary`) or by GPA (`min: 3.5`, `max` exclusive).
The first row that matches decides; numeric rows must not overlap."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from kongthun.money import Satang
from kongthun.welfare.rules.bands import check_ranges, in_range
from kongthun.welfare.rules.model import pay, refuse
from kongthun.welfare.rules.registry import Stage, register
from kongthun.welfare.rules.text import baht_en, baht_th


@dataclass(frozen=True)
class Row:
    amount: Satang
    value: str | None = None
    low: Decimal | None = None
    high: Decimal | None = None


@dataclass(frozen=True)
class FactTable:
    fact: str
    fact_th: str
    rows: tuple[Row, ...]


def read(f):
    fact = f.text("fact")
    fact_th = f.text("fact_th", required=False, default=fact)
    rows, numeric = [], []
    for item in f.items("rows"):
        row = Row(item.money("amount"), item.text("value", required=False),
                  item.decimal("min", required=False), item.decimal("max", required=False))
        if row.value is not None and (row.low is not None or row.high is not None):
            item.issue(("value",), "invalid.row_mixed", "แถวหนึ่งใช้ได้ทั้ง value หรือ min/max อย่างใดอย่างหนึ่ง",
                       "A row has either a value or min/max, not both")
        elif row.value is None and row.low is None and row.high is None:
            item.issue((), "invalid.row_empty", "แถวต้องมี value หรือ min/max", "A row needs a value or min/max")
        elif row.value is None:
            numeric.append((row.low, row.high, item))
        item.finish()
        rows.append(row)
    check_ranges(numeric, "min", "max")
    return FactTable(fact, fact_th, tuple(rows)) if f.ok else None


def decide(p: FactTable, claim, history, ctx):
    given = claim.facts.get(p.fact, "").strip()
    if not given:
        return refuse(f"ไม่ได้ระบุ{p.fact_th}", f"no {p.fact} given")
    for row in p.rows:
        if _matches(row, given):
            return pay(row.amount, f"{p.fact_th} {given} -> {baht_th(row.amount)}",
                       f"{p.fact} {given} -> {baht_en(row.amount)}")
    return refuse(f"{p.fact_th} {given} ไม่ตรงเกณฑ์ในตาราง", f"{p.fact} {given} meets no row of the table")


def _matches(row: Row, given: str) -> bool:
    if row.value is not None:
        return given == row.value
    try:
        return in_range(Decimal(given), row.low, row.high)
    except InvalidOperation:
        return False


KIND = register("fact_table", Stage.AMOUNT, read, decide)
