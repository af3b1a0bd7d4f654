"""age (อายุ): the person the benefit is about is at least `min` and at most `max` years
old on the event date (e.g. elderly allowance from 60)."""

from __future__ import annotations

from dataclasses import dataclass

from kongthun.welfare.rules.model import passed, refuse
from kongthun.welfare.rules.registry import Stage, register


@dataclass(frozen=True)
class Age:
    min: int | None
    max: int | None


def read(f):
    params = Age(f.integer("min", required=False), f.integer("max", required=False))
    if params.min is None and params.max is None and f.ok:
        f.issue((), "invalid.missing", "ต้องระบุ 'min' หรือ 'max'", "'min' or 'max' is required")
    elif params.min is not None and params.max is not None and params.max < params.min:
        f.issue(("max",), "invalid.range", "'max' ต้องไม่น้อยกว่า 'min'", "'max' must not be less than 'min'")
    return params if f.ok else None


def decide(p: Age, claim, history, ctx):
    age = claim.age()
    if age is None:
        return refuse("ไม่ทราบวันเกิด", "the birth date is unknown")
    span_th = f"{p.min if p.min is not None else 0}-{p.max if p.max is not None else ''} ปี"
    span_en = f"{p.min if p.min is not None else 0}-{p.max if p.max is not None else ''} years"
    if (p.min is not None and age < p.min) or (p.max is not None and age > p.max):
        return refuse(f"อายุ {age} ปี ไม่อยู่ในเกณฑ์ {span_th}", f"aged {age}, outside {span_en}")
    return passed(ctx, f"อายุ {age} ปี อยู่ในเกณฑ์ {span_th}", f"aged {age}, within {span_en}")


KIND = register("age", Stage.CONDITION, read, decide)
