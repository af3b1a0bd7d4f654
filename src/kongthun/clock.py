"""Business dates and the calendars treasurers use (ปฏิทิน, ปีงบประมาณ).

Economic time is a `date` passed in by the caller (the business date); recorded
time is UTC-aware. Users see Buddhist Era dates (CE + 543).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from kongthun.errors import DomainError

BE_OFFSET = 543
THAI_MONTHS_SHORT = (
    "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.",
    "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.",
)
THAI_MONTHS_LONG = (
    "มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน",
    "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม",
)
EN_MONTHS_SHORT = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def utc_now() -> datetime:
    return datetime.now(UTC)


def be_year(d: date) -> int:
    return d.year + BE_OFFSET


def format_be(d: date, *, language: str = "th", long: bool = False) -> str:
    """date(2024, 3, 15) -> '15 มี.ค. 2567' (Thai) or '15 Mar 2567 BE' (English)."""
    if language.startswith("en"):
        return f"{d.day} {EN_MONTHS_SHORT[d.month - 1]} {be_year(d)} BE"
    months = THAI_MONTHS_LONG if long else THAI_MONTHS_SHORT
    return f"{d.day} {months[d.month - 1]} {be_year(d)}"


def make_date(year: int, month: int, day: int, *, where: str = "") -> date:
    """A date that must exist; refuses 30 February and years typed in BE as CE."""
    if year > 2400:
        raise DomainError(
            "invalid.date_be_year",
            f"ปี {year} ดูเหมือนเป็นปี พ.ศ. กรุณาระบุปี ค.ศ. หรือระบุว่าเป็น พ.ศ.",
            f"Year {year} looks like a Buddhist Era year; give the CE year",
            where,
        )
    try:
        return date(year, month, day)
    except ValueError as exc:
        raise DomainError(
            "invalid.date",
            f"ไม่มีวันที่ {day}/{month}/{year + BE_OFFSET} ในปฏิทิน",
            f"{year:04d}-{month:02d}-{day:02d} is not a date",
            where,
        ) from exc


def parse_iso_date(text: str, *, where: str = "") -> date:
    parts = text.strip().split("-")
    if len(parts) != 3 or not all(p.isdigit() for p in parts):
        raise DomainError(
            "invalid.date", f"'{text}' ไม่ใช่วันที่ (ปปปป-ดด-วว)", f"'{text}' is not a date (YYYY-MM-DD)", where
        )
    return make_date(int(parts[0]), int(parts[1]), int(parts[2]), where=where)


@dataclass(frozen=True)
class AccountingYear:
    """A fund's accounting year (ปีบัญชี): it starts on (start_month, start_day).

    Fiscal (ปีงบประมาณ) is 1 October; calendar is 1 January. A year is named by
    the BE year in which it ends, as Thai fiscal years are.
    """

    start_month: int = 10
    start_day: int = 1

    def start_of(self, d: date) -> date:
        start = date(d.year, self.start_month, self.start_day)
        return start if d >= start else date(d.year - 1, self.start_month, self.start_day)

    def end_of(self, d: date) -> date:
        start = self.start_of(d)
        next_start = date(start.year + 1, self.start_month, self.start_day)
        return date.fromordinal(next_start.toordinal() - 1)

    def name_of(self, d: date) -> int:
        """The BE year in which the accounting year containing d ends."""
        return be_year(self.end_of(d))

    def end_of_named(self, name: int) -> date:
        """The last day of the accounting year named `name` (the BE year in which it ends)."""
        ce = name - 543
        end = date(ce + 1, self.start_month, self.start_day) - timedelta(days=1)
        return end if end.year == ce else date(ce, self.start_month, self.start_day) - timedelta(days=1)


FISCAL = AccountingYear(10, 1)
CALENDAR = AccountingYear(1, 1)
