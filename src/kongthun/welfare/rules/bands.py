"""Half-open ranges [low, high) for rate tables; a missing high is open-ended."""

from __future__ import annotations

from decimal import Decimal

from kongthun.welfare.rules.fields import Fields

Number = int | Decimal


def check_ranges(rows: list[tuple[Number | None, Number | None, Fields]], low_key: str, high_key: str) -> None:
    """Report a band whose high is not above its low, and bands that overlap."""
    usable = []
    for low, high, fields in rows:
        if low is not None and high is not None and high <= low:
            fields.issue((high_key,), "invalid.band_empty", f"'{high_key}' ต้องมากกว่า '{low_key}'",
                         f"'{high_key}' must be greater than '{low_key}'")
        else:
            usable.append((low, high, fields))
    usable.sort(key=lambda r: (r[0] is not None, r[0] or 0))
    for (lo1, hi1, _), (lo2, _hi2, fields2) in zip(usable, usable[1:], strict=False):
        if hi1 is None or (lo2 if lo2 is not None else Decimal("-Infinity")) < hi1:
            span = f"{lo1 if lo1 is not None else ''}-{hi1 if hi1 is not None else ''}"
            fields2.issue((low_key,), "invalid.band_overlap", f"ช่วงนี้ซ้อนทับกับช่วง {span}",
                          f"This band overlaps the band {span}")


def in_range(value: Number, low: Number | None, high: Number | None) -> bool:
    return (low is None or value >= low) and (high is None or value < high)
