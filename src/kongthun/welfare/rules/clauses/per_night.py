"""per_night (รายคืน): so much a night, with optional caps per stay, per year and on
nights per year (e.g. hospital: 200 a night, 600 a stay, 1,000 and 10 nights a year)."""

from __future__ import annotations

from dataclasses import dataclass

from kongthun.money import Satang
from kongthun.welfare.rules.history import received
from kongthun.welfare.rules.model import Decision, Explanation, Outcome, refuse
from kongthun.welfare.rules.registry import Stage, register
from kongthun.welfare.rules.text import baht_en, baht_th


@dataclass(frozen=True)
class PerNight:
    per_night: Satang
    max_per_stay: Satang | None = None
    max_per_year: Satang | None = None
    max_nights_per_year: int | None = None


def read(f):
    params = PerNight(f.money("per_night"), f.money("max_per_stay", required=False),
                      f.money("max_per_year", required=False),
                      f.integer("max_nights_per_year", required=False, minimum=1))
    return params if f.ok else None


def decide(p: PerNight, claim, history, ctx):
    if claim.nights <= 0:
        return refuse("ไม่ได้ระบุจำนวนคืน", "no number of nights given")
    before = received(history, claim, ctx)
    nights, lines = _nights(p, claim.nights, sum(x.nights for x in before))
    if nights == 0:
        return Decision(Outcome.REFUSE, 0, tuple(lines))
    amount = nights * p.per_night
    lines.append(Explanation(f"{nights} คืน x {baht_th(p.per_night)} = {baht_th(amount)}",
                             f"{nights} nights x {baht_en(p.per_night)} = {baht_en(amount)}"))
    reduced = nights < claim.nights
    if p.max_per_stay is not None and amount > p.max_per_stay:
        amount, reduced = p.max_per_stay, True
        lines.append(Explanation(f"เพดานต่อครั้ง {baht_th(amount)} -> {baht_th(amount)}",
                                 f"cap per stay {baht_en(amount)} -> {baht_en(amount)}"))
    if p.max_per_year is not None:
        left = max(p.max_per_year - sum(x.amount for x in before), 0)
        if amount > left:
            amount, reduced = left, True
            lines.append(Explanation(f"เพดานต่อปี {baht_th(p.max_per_year)} เหลือสิทธิ์ {baht_th(left)}",
                                     f"cap per year {baht_en(p.max_per_year)}, {baht_en(left)} left"))
    outcome = Outcome.REFUSE if amount == 0 else Outcome.REDUCE if reduced else Outcome.PAY
    return Decision(outcome, amount, tuple(lines), nights=nights)


def _nights(p: PerNight, asked: int, used: int) -> tuple[int, list[Explanation]]:
    if p.max_nights_per_year is None:
        return asked, []
    left = max(p.max_nights_per_year - used, 0)
    if asked <= left:
        return asked, []
    th = f"ไม่เกิน {p.max_nights_per_year} คืนต่อปี ใช้ไปแล้ว {used} คืน เหลือ {left} คืน"
    en = f"at most {p.max_nights_per_year} nights a year, {used} used, {left} left"
    return left, [Explanation(th, en)]


KIND = register("per_night", Stage.AMOUNT, read, decide)
