"""membership_table (ตามอายุการเป็นสมาชิก): the amount by completed years of membership,
in bands [from_years, to_years) that must not overlap; the last band may be open-ended
(e.g. death: 1-3 years 3,000 ... 15 years and more 20,000)."""

from __future__ import annotations

from dataclasses import dataclass

from kongthun.money import Satang
from kongthun.welfare.rules.bands import check_ranges, in_range
from kongthun.welfare.rules.model import pay, refuse
from kongthun.welfare.rules.registry import Stage, register
from kongthun.welfare.rules.text import baht_en, baht_th


@dataclass(frozen=True)
class Band:
    from_years: int
    to_years: int | None
    amount: Satang


@dataclass(frozen=True)
class MembershipTable:
    bands: tuple[Band, ...]


def read(f):
    bands, rows = [], []
    for item in f.items("bands"):
        band = Band(item.integer("from_years"), item.integer("to_years", required=False, minimum=1),
                    item.money("amount"))
        item.finish()
        rows.append((band.from_years, band.to_years, item))
        bands.append(band)
    check_ranges(rows, "from_years", "to_years")
    return MembershipTable(tuple(bands)) if f.ok else None


def decide(p: MembershipTable, claim, history, ctx):
    years = claim.membership_years()
    if years is None:
        return refuse("ไม่ทราบวันที่เข้าเป็นสมาชิก", "the date of joining is unknown")
    for band in p.bands:
        if in_range(years, band.from_years, band.to_years):
            return pay(band.amount, f"เป็นสมาชิก {years} ปี -> {baht_th(band.amount)}",
                       f"member for {years} years -> {baht_en(band.amount)}")
    return refuse(f"เป็นสมาชิก {years} ปี ไม่อยู่ในตารางอัตรา", f"member for {years} years: not in the rate table")


KIND = register("membership_table", Stage.AMOUNT, read, decide)
