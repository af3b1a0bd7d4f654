"""evidence (เอกสารหลักฐาน): the documents a claim must carry (e.g. สูติบัตร, ใบรับรองแพทย์)."""

from __future__ import annotations

from dataclasses import dataclass

from kongthun.welfare.rules.model import passed, refuse
from kongthun.welfare.rules.registry import Stage, register


@dataclass(frozen=True)
class Evidence:
    documents: tuple[str, ...]


def read(f):
    documents = f.texts("documents")
    return Evidence(documents) if documents else None


def decide(p: Evidence, claim, history, ctx):
    missing = [d for d in p.documents if d not in claim.documents]
    if missing:
        return refuse(f"ขาดเอกสาร: {', '.join(missing)}", f"missing documents: {', '.join(missing)}")
    return passed(ctx, f"เอกสารครบ: {', '.join(p.documents)}", f"documents complete: {', '.join(p.documents)}")


KIND = register("evidence", Stage.CONDITION, read, decide)
