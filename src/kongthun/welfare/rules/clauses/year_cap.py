"""year_cap (เพดานต่อปี): at most so much of this benefit per person (or household) per year."""

from __future__ import annotations

from dataclasses import dataclass

from kongthun.money import Satang
from kongthun.welfare.rules.history import PER, received
from kongthun.welfare.rules.model import capped
from kongthun.welfare.rules.registry import Stage, register
from kongthun.welfare.rules.text import baht_en, baht_th


@dataclass(frozen=True)
class YearCap:
    amount: Satang
    per: str


def read(f):
    params = YearCap(f.money("amount"), f.choice("per", PER, default="person"))
    return params if f.ok else None


def decide(p: YearCap, claim, history, ctx):
    used = sum(x.amount for x in received(history, claim, ctx, per=p.per))
    left = max(p.amount - used, 0)
    who_th = "ต่อครัวเรือน" if p.per == "household" else "ต่อคน"
    return capped(ctx, left, f"เพดาน {baht_th(p.amount)} {who_th}ต่อปี ได้รับแล้ว {baht_th(used)}",
                  f"cap {baht_en(p.amount)} per {p.per} per year, {baht_en(used)} already received")


KIND = register("year_cap", Stage.CAP, read, decide)
