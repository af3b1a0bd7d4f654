"""fund_share_cap (ไม่เกินสัดส่วนของเงินกองทุน): the amount may not exceed a share of
the fund's balance on the day of decision (the fund must be able to afford it)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from kongthun.money import round_satang
from kongthun.welfare.rules.model import capped, passed
from kongthun.welfare.rules.registry import Stage, register
from kongthun.welfare.rules.text import baht_en, baht_th


@dataclass(frozen=True)
class FundShareCap:
    share: Decimal


def read(f):
    share = f.decimal("share", low=Decimal(0), high=Decimal(1))
    return FundShareCap(share) if share is not None else None


def decide(p: FundShareCap, claim, history, ctx):
    percent = f"{(p.share * 100).normalize():f}%"
    if ctx.fund_balance is None:
        return passed(ctx, f"ไม่ทราบยอดเงินกองทุน ยังไม่ได้ตรวจเพดาน {percent} ของกองทุน",
                      f"fund balance unknown: the cap of {percent} of the fund was not checked")
    cap = max(round_satang(Decimal(ctx.fund_balance) * p.share), 0)
    return capped(ctx, cap, f"ไม่เกิน {percent} ของเงินกองทุน {baht_th(ctx.fund_balance)} = {baht_th(cap)}",
                  f"at most {percent} of the fund's {baht_en(ctx.fund_balance)} = {baht_en(cap)}")


KIND = register("fund_share_cap", Stage.CAP, read, decide)
