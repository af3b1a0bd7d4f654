"""Judge a claim by the regulation in force on its event date (พิจารณาคำขอรับสวัสดิการ).

Every clause that applies adds its explanation, cited by regulation and clause number;
the first failed condition refuses the claim, and a cap that bites names itself.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from kongthun.clock import format_be
from kongthun.money import Satang
from kongthun.welfare.rules.model import Claim, ClauseRef, Context, Decision, Explanation, Outcome, Paid, refuse
from kongthun.welfare.rules.registry import Stage
from kongthun.welfare.rules.regulation import Clause, Regulation, Version


def evaluate(regulation: Regulation, claim: Claim, history: Sequence[Paid] = (),
             context: Context | None = None) -> Decision:
    benefit = regulation.benefits.get(claim.kind)
    if benefit is None:
        return refuse(f"ระเบียบไม่มีสวัสดิการประเภท '{claim.kind}'", f"The regulation has no benefit '{claim.kind}'")
    version = regulation.version_on(claim.event_date)
    if version is None:
        return refuse(f"ไม่มีระเบียบที่ใช้บังคับ ณ วันที่ {format_be(claim.event_date)}",
                      f"No regulation in force on {format_be(claim.event_date, language='en')}")
    if not version.offers(claim.kind):
        return refuse(f"{version.title_th} ไม่มีสวัสดิการ{benefit.label_th}",
                      f"The {version.title_en} offers no {benefit.label_en} benefit")
    ctx = replace(context or Context(), year=regulation.year, amount=0)
    head = Explanation(f"{benefit.label_th}: {version.title_th}", f"{benefit.label_en}: {version.title_en}")
    return _run(version, version.clauses_for(claim.kind), claim, history, ctx, head)


def _run(version: Version, clauses: list[Clause], claim: Claim, history: Sequence[Paid], ctx: Context,
         head: Explanation) -> Decision:
    lines, decided_by, reduced, nights = [head], None, False, 0
    for clause in clauses:
        step = clause.kind.decide(clause.params, claim, history, ctx)
        ref = ClauseRef(version.title_th, version.title_en, clause.no, clause.kind.name)
        lines.extend(_cite(line, ref) for line in step.lines)
        if step.outcome is Outcome.REFUSE:
            return Decision(Outcome.REFUSE, 0, tuple(lines), ref)
        amount = _checked(step.amount, clause, ctx.amount)
        if clause.kind.stage is Stage.AMOUNT:
            decided_by, reduced, nights = ref, step.outcome is Outcome.REDUCE, step.nights
        elif amount < ctx.amount:
            decided_by, reduced = ref, True
        ctx = replace(ctx, amount=amount)
    outcome = Outcome.REDUCE if reduced else Outcome.PAY
    return Decision(outcome, ctx.amount, tuple(lines), decided_by, nights)


def _checked(amount: Satang, clause: Clause, before: Satang) -> Satang:
    """A clause may not pay a negative amount, and a condition or cap may never raise one."""
    amount = max(int(amount), 0)
    return amount if clause.kind.stage is Stage.AMOUNT else min(amount, before)


def _cite(line: Explanation, ref: ClauseRef) -> Explanation:
    return Explanation(f"{line.th} ตาม{ref.version_th} ข้อ {ref.no}", f"{line.en} ({ref.version_en}, clause {ref.no})")


def evaluate_all(regulation: Regulation, claims: Sequence[Claim], *, history: Sequence[Paid] = (),
                 context: Context | None = None) -> list[Decision]:
    """Judge claims in event-date order, each seeing what the earlier ones were granted
    (so yearly caps and limits apply across them); results come back in input order."""
    seen = list(history)
    out: dict[int, Decision] = {}
    for i in sorted(range(len(claims)), key=lambda i: claims[i].event_date):
        decision = evaluate(regulation, claims[i], seen, context)
        if decision.amount > 0:
            seen.append(Paid.of(claims[i], decision.amount, decision.nights))
        out[i] = decision
    return [out[i] for i in range(len(claims))]
