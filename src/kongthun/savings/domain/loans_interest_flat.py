"""Flat interest (ดอกเบี้ยคงที่): every period's interest is the rate on the amount lent, whatever has been
repaid (1% a month on 10,000 baht is 100 baht each month); principal in equal parts, each cut down to the
satang, the last taking what was cut. An interest method: `instalments(principal, rate, n)`."""

from __future__ import annotations

from decimal import Decimal

from kongthun.money import Satang, round_satang

NAME = "flat"


def instalments(principal: Satang, rate: Decimal, n: int) -> list[tuple[Satang, Satang]]:
    """(principal, interest) for each of n periods at `rate` a period."""
    each = principal // n
    parts = [each] * (n - 1) + [principal - each * (n - 1)]
    interest = round_satang(Decimal(principal) * rate)
    return [(p, interest) for p in parts]
