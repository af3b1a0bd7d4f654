"""recipient (ผู้มีสิทธิ์รับ): who may receive the benefit: the member, a beneficiary,
the household."""

from __future__ import annotations

from dataclasses import dataclass

from kongthun.welfare.rules.model import RECIPIENTS, passed, refuse
from kongthun.welfare.rules.registry import Stage, register

_TH = {"member": "สมาชิก", "beneficiary": "ผู้รับประโยชน์", "household": "ครัวเรือน"}


@dataclass(frozen=True)
class Recipient:
    allowed: tuple[str, ...]


def read(f):
    allowed = f.texts("allowed")
    for who in allowed:
        if who not in RECIPIENTS:
            f.issue(("allowed",), "invalid.choice", f"ไม่รู้จักผู้รับ '{who}' (ใช้ {', '.join(RECIPIENTS)})",
                    f"Unknown recipient '{who}' (use {', '.join(RECIPIENTS)})")
    return Recipient(allowed) if f.ok else None


def decide(p: Recipient, claim, history, ctx):
    allowed_th = ", ".join(_TH[x] for x in p.allowed)
    who_th = _TH.get(claim.recipient, claim.recipient)
    if claim.recipient not in p.allowed:
        return refuse(f"ผู้รับคือ{who_th} แต่ผู้มีสิทธิ์รับคือ {allowed_th}",
                      f"paid to the {claim.recipient}, but only to: {', '.join(p.allowed)}")
    return passed(ctx, f"ผู้รับคือ{who_th}", f"paid to the {claim.recipient}")


KIND = register("recipient", Stage.CONDITION, read, decide)
