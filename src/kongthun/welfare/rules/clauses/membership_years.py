"""membership_years (อายุการเป็นสมาชิก): at least `min` completed years of membership
(e.g. elderly allowance after 3 years)."""

from __future__ import annotations

from dataclasses import dataclass

from kongthun.welfare.rules.model import passed, refuse
from kongthun.welfare.rules.registry import Stage, register


@dataclass(frozen=True)
class MembershipYears:
    min: int


def read(f):
    low = f.integer("min")
    return MembershipYears(low) if low is not None else None


def decide(p: MembershipYears, claim, history, ctx):
    years = claim.membership_years()
    if years is None:
        return refuse("ไม่ทราบวันที่เข้าเป็นสมาชิก", "the date of joining is unknown")
    if years < p.min:
        return refuse(f"เป็นสมาชิก {years} ปี ยังไม่ครบ {p.min} ปี", f"member for {years} years, less than {p.min}")
    return passed(ctx, f"เป็นสมาชิก {years} ปี ครบ {p.min} ปี", f"member for {years} years, at least {p.min}")


KIND = register("membership_years", Stage.CONDITION, read, decide)
