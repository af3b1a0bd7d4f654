"""Replay last year's claims under a proposed regulation (ทดลองใช้ระเบียบใหม่กับคำขอปีที่แล้ว):
what it would have paid against what was paid, per claim and per benefit kind."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

from kongthun.money import Satang
from kongthun.welfare.rules.claims_csv import ClaimRow
from kongthun.welfare.rules.engine import evaluate_all
from kongthun.welfare.rules.model import Context, Decision
from kongthun.welfare.rules.regulation import Regulation


@dataclass(frozen=True)
class Replayed:
    row: ClaimRow
    decision: Decision

    @property
    def paid(self) -> Satang:
        return self.row.paid or 0

    @property
    def difference(self) -> Satang:
        """Proposed minus paid: positive when the proposal pays more."""
        return self.decision.amount - self.paid


@dataclass(frozen=True)
class KindTotal:
    kind: str
    label_th: str
    label_en: str
    claims: int
    paid: Satang
    proposed: Satang

    @property
    def difference(self) -> Satang:
        return self.proposed - self.paid


def as_proposed(regulation: Regulation) -> Regulation:
    """The regulation's latest version, as if it had always been in force: a proposal is
    judged on last year's claims although it takes effect later."""
    latest = regulation.versions[-1]
    return replace(regulation, versions=(replace(latest, effective_from=date.min),))


def replay(regulation: Regulation, rows: Sequence[ClaimRow], context: Context | None = None) -> list[Replayed]:
    decisions = evaluate_all(as_proposed(regulation), [r.claim for r in rows], context=context)
    return [Replayed(row, decision) for row, decision in zip(rows, decisions, strict=True)]


def totals_by_kind(regulation: Regulation, replayed: Sequence[Replayed]) -> list[KindTotal]:
    """One total per benefit kind, in the regulation's order, then any kinds it does not know."""
    order = list(regulation.benefits) + sorted({r.row.claim.kind for r in replayed} - set(regulation.benefits))
    out = []
    for kind in order:
        mine = [r for r in replayed if r.row.claim.kind == kind]
        if not mine:
            continue
        benefit = regulation.benefits.get(kind)
        out.append(KindTotal(kind, benefit.label_th if benefit else kind, benefit.label_en if benefit else kind,
                             len(mine), sum(r.paid for r in mine), sum(r.decision.amount for r in mine)))
    return out
