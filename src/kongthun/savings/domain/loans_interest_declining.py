"""Declining balance (ลดต้นลดดอก): equal payments (an annuity); each period's interest is the rate on what is
still owed, rounded once to the satang, the rest of the payment repays principal; the last payment repays
what is left. An interest method: `instalments(principal, rate, n)`."""

from __future__ import annotations

from decimal import Decimal

from kongthun.money import Satang, round_satang

NAME = "declining"


def annuity_payment(principal: Satang, rate: Decimal, n: int) -> Satang:
    """The equal payment that repays `principal` in n periods at `rate` per period, to the satang."""
    if rate == 0:
        return round_satang(Decimal(principal) / n)
    return round_satang(Decimal(principal) * rate / (1 - (1 + rate) ** -n))


def instalments(principal: Satang, rate: Decimal, n: int) -> list[tuple[Satang, Satang]]:
    """(principal, interest) for each of n periods at `rate` a period."""
    payment = annuity_payment(principal, rate, n)
    owed, out = principal, []
    for i in range(1, n + 1):
        interest = round_satang(Decimal(owed) * rate)
        part = owed if i == n else max(0, min(owed, payment - interest))
        out.append((part, interest))
        owed -= part
    return out
