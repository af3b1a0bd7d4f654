"""waiting_period (ระยะเวลารอสิทธิ์): no benefit until so many days after joining."""

from __future__ import annotations

from dataclasses import dataclass

from kongthun.welfare.rules.model import passed, refuse
from kongthun.welfare.rules.registry import Stage, register


@dataclass(frozen=True)
class WaitingPeriod:
    days: int


def read(f):
    days = f.integer("days")
    return WaitingPeriod(days) if days is not None else None


def decide(p: WaitingPeriod, claim, history, ctx):
    if claim.joined_on is None:
        return refuse("ไม่ทราบวันที่เข้าเป็นสมาชิก", "the date of joining is unknown")
    days = (claim.event_date - claim.joined_on).days
    if days < p.days:
        return refuse(f"เป็นสมาชิก {days} วัน ยังไม่ครบระยะรอสิทธิ์ {p.days} วัน",
                      f"member for {days} days, within the waiting period of {p.days} days")
    return passed(ctx, f"เป็นสมาชิก {days} วัน ครบระยะรอสิทธิ์ {p.days} วัน",
                  f"member for {days} days, past the waiting period of {p.days} days")


KIND = register("waiting_period", Stage.CONDITION, read, decide)
