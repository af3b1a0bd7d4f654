"""limit (จำกัดจำนวนครั้ง): at most `count` benefits of this kind (or of `kinds`) per person
or household (`per`), within a year, one event, or ever (`within`)."""

from __future__ import annotations

from dataclasses import dataclass

from kongthun.welfare.rules.history import PER, WITHIN, received
from kongthun.welfare.rules.model import passed, refuse
from kongthun.welfare.rules.registry import Stage, register

_PER_TH = {"person": "ต่อคน", "household": "ต่อครัวเรือน"}
_WITHIN_TH = {"year": "ต่อปี", "event": "ต่อเหตุการณ์", "ever": "ตลอดการเป็นสมาชิก"}
_WITHIN_EN = {"year": "a year", "event": "per event", "ever": "ever"}


@dataclass(frozen=True)
class Limit:
    count: int
    per: str
    within: str
    kinds: tuple[str, ...]


def read(f):
    params = Limit(f.integer("count", minimum=1), f.choice("per", PER, default="person"),
                   f.choice("within", WITHIN, default="year"), f.texts("kinds", required=False))
    return params if f.ok else None


def decide(p: Limit, claim, history, ctx):
    if p.within == "event" and not claim.event_id:
        return refuse("ไม่ได้ระบุเหตุการณ์ (event_id)", "no event given (event_id)")
    used = len(received(history, claim, ctx, per=p.per, within=p.within, kinds=p.kinds))
    rule_th = f"ไม่เกิน {p.count} ครั้ง{_PER_TH[p.per]}{_WITHIN_TH[p.within]}"
    rule_en = f"at most {p.count} per {p.per} {_WITHIN_EN[p.within]}"
    if used >= p.count:
        return refuse(f"ได้รับแล้ว {used} ครั้ง ({rule_th})", f"already received {used} times ({rule_en})")
    return passed(ctx, f"ได้รับแล้ว {used} ครั้ง ({rule_th})", f"received {used} times so far ({rule_en})")


KIND = register("limit", Stage.CONDITION, read, decide)
