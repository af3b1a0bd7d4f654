"""claimed_up_to (ตามจริงไม่เกิน): pays the cost or damage claimed, at most `max`
(e.g. disaster: up to 2,000 baht)."""

from __future__ import annotations

from dataclasses import dataclass

from kongthun.money import Satang
from kongthun.welfare.rules.model import Decision, Explanation, Outcome, pay, refuse
from kongthun.welfare.rules.registry import Stage, register
from kongthun.welfare.rules.text import baht_en, baht_th


@dataclass(frozen=True)
class UpTo:
    max: Satang


def read(f):
    top = f.money("max")
    return UpTo(top) if top is not None else None


def decide(p: UpTo, claim, history, ctx):
    if claimed := claim.claimed:
        if claimed <= p.max:
            return pay(claimed, f"ตามที่ขอ {baht_th(claimed)} (ไม่เกิน {baht_th(p.max)}) -> {baht_th(claimed)}",
                       f"as claimed {baht_en(claimed)} (at most {baht_en(p.max)}) -> {baht_en(claimed)}")
        line = Explanation(f"ขอ {baht_th(claimed)} เกินเพดาน {baht_th(p.max)} -> {baht_th(p.max)}",
                           f"claimed {baht_en(claimed)} is over the cap of {baht_en(p.max)} -> {baht_en(p.max)}")
        return Decision(Outcome.REDUCE, p.max, (line,))
    return refuse("ไม่ได้ระบุจำนวนเงินที่ขอ (ค่าใช้จ่ายหรือความเสียหาย)", "no amount claimed (cost or damage)")


KIND = register("claimed_up_to", Stage.AMOUNT, read, decide)
