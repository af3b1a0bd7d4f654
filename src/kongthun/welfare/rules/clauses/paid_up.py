"""paid_up (ชำระเงินสมทบครบ): contributions paid up to the event date, with optional grace days."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from kongthun.clock import format_be
from kongthun.welfare.rules.model import passed, refuse
from kongthun.welfare.rules.registry import Stage, register


@dataclass(frozen=True)
class PaidUp:
    grace_days: int


def read(f):
    grace = f.integer("grace_days", required=False)
    return PaidUp(grace or 0) if f.ok else None


def decide(p: PaidUp, claim, history, ctx):
    if claim.paid_up_to is None:
        return refuse("ไม่ทราบว่าชำระเงินสมทบถึงวันที่ใด", "unknown how far contributions are paid")
    th_date, en_date = format_be(claim.paid_up_to), format_be(claim.paid_up_to, language="en")
    if claim.paid_up_to + timedelta(days=p.grace_days) < claim.event_date:
        return refuse(f"ชำระเงินสมทบถึง {th_date} ค้างชำระเกิน {p.grace_days} วัน ณ วันเกิดเหตุ",
                      f"contributions paid up to {en_date}: more than {p.grace_days} days in arrears on the event date")
    return passed(ctx, f"ชำระเงินสมทบถึง {th_date}", f"contributions paid up to {en_date}")


KIND = register("paid_up", Stage.CONDITION, read, decide)
