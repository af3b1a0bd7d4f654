"""fixed (จำนวนเงินคงที่): the same amount for every claim that meets the conditions."""

from __future__ import annotations

from dataclasses import dataclass

from kongthun.money import Satang
from kongthun.welfare.rules.model import pay
from kongthun.welfare.rules.registry import Stage, register
from kongthun.welfare.rules.text import baht_en, baht_th


@dataclass(frozen=True)
class Fixed:
    amount: Satang


def read(f):
    amount = f.money("amount")
    return Fixed(amount) if amount is not None else None


def decide(p: Fixed, claim, history, ctx):
    return pay(p.amount, f"อัตราคงที่ -> {baht_th(p.amount)}", f"fixed rate -> {baht_en(p.amount)}")


KIND = register("fixed", Stage.AMOUNT, read, decide)
