"""What every report shares: accounting-year bounds, shares of 100%, benefit labels."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from kongthun.clock import AccountingYear
from kongthun.errors import DomainError
from kongthun.money import Satang
from kongthun.welfare.claims.domain import EXPENSE_ACCOUNTS, OTHER_EXPENSE_ACCOUNT

CLOSING_SOURCE = "year_close"  # the year-end closing entries (รายการปิดบัญชีสิ้นปี)
BENEFIT_ACCOUNTS = frozenset(EXPENSE_ACCOUNTS.values()) | {OTHER_EXPENSE_ACCOUNT}
FULL_SHARE = 10_000  # basis points: 10000 = 100.00%

BENEFIT_LABELS: dict[str, tuple[str, str]] = {
    "childbirth": ("คลอดบุตร", "Childbirth"),
    "hospital": ("นอนโรงพยาบาล", "Hospital stay"),
    "sickness_home": ("เจ็บป่วยพักรักษาตัวที่บ้าน", "Sickness at home"),
    "disaster": ("ภัยพิบัติ", "Disaster"),
    "death": ("เสียชีวิต", "Death"),
    "elderly": ("ผู้สูงอายุ", "Elderly"),
    "disability": ("ผู้พิการ", "Disability"),
    "scholarship": ("ทุนการศึกษา", "Scholarship"),
}


def benefit_label(kind: str, labels: dict[str, tuple[str, str]] | None = None) -> tuple[str, str]:
    """(Thai, English) for a benefit kind: the fund's regulation's label first, then the standard one."""
    return (labels or {}).get(kind) or BENEFIT_LABELS.get(kind, (kind, kind))


def year_bounds(year: AccountingYear, year_name: int) -> tuple[date, date]:
    """First and last day of the accounting year named by the BE year in which it ends (ปีบัญชี 2569)."""
    if not 2400 <= year_name <= 2800:
        raise DomainError("invalid.year_name", f"ปีบัญชี {year_name} ไม่ถูกต้อง (ระบุเป็นปี พ.ศ. เช่น 2569)",
                          f"Accounting year {year_name} is not valid (give the BE year, e.g. 2569)", "year")
    end = year.end_of_named(year_name)
    return year.start_of(end), end


def check_range(date_from: date, date_to: date) -> None:
    if date_to < date_from:
        raise DomainError("invalid.date_range", "วันที่สิ้นสุดอยู่ก่อนวันที่เริ่มต้น",
                          "The end date is before the start date", "to")


def shares(amounts: Sequence[Satang]) -> tuple[int, ...] | None:
    """Each amount's share of their total in basis points (6500 = 65.00%), summing to exactly 10000:
    rounded down, then the points left go to the largest remainders (ties to the earlier amount).
    None when there is nothing to share, or an amount is negative."""
    total = sum(amounts)
    if total <= 0 or any(a < 0 for a in amounts):
        return None
    floors = [a * FULL_SHARE // total for a in amounts]
    left = FULL_SHARE - sum(floors)
    by_remainder = sorted(range(len(amounts)), key=lambda i: (-(amounts[i] * FULL_SHARE % total), i))
    for i in by_remainder[:left]:
        floors[i] += 1
    return tuple(floors)


def percent_text(basis_points: int | None) -> str:
    """6500 -> '65.00'; None -> '—'."""
    if basis_points is None:
        return "—"
    whole, part = divmod(basis_points, 100)
    return f"{whole}.{part:02d}"
