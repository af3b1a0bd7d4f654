"""What a member (or household) has already received: the history limits and yearly caps read."""

from __future__ import annotations

from collections.abc import Sequence

from kongthun.welfare.rules.model import Claim, Context, Paid

PER = ("person", "household")  # ต่อคน, ต่อครัวเรือน
WITHIN = ("year", "event", "ever")  # ต่อปี, ต่อเหตุการณ์, ตลอดการเป็นสมาชิก


def same_payee(paid: Paid, claim: Claim, per: str) -> bool:
    if per == "household" and claim.household:
        return paid.household == claim.household
    return paid.member_no == claim.member_no


def received(history: Sequence[Paid], claim: Claim, ctx: Context, *, per: str = "person",
             within: str = "year", kinds: tuple[str, ...] = ()) -> list[Paid]:
    """Benefits of the same kind(s) already paid to the same person or household in the window."""
    kinds = kinds or (claim.kind,)
    out = []
    for paid in history:
        if paid.kind not in kinds or not same_payee(paid, claim, per):
            continue
        if within == "year" and not ctx.same_year(paid.event_date, claim.event_date):
            continue
        if within == "event" and paid.event_id != claim.event_id:
            continue
        out.append(paid)
    return out
