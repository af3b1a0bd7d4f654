"""The clause kinds a regulation may use, registered by name (plugin shape).

A clause kind is one module with a `read(fields) -> params` that checks its part of
the regulation file, and a `decide(params, claim, history, context) -> Decision`.
Conditions run first, then the one amount clause, then caps, whatever the file's order.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import IntEnum

from kongthun.welfare.rules.fields import Fields
from kongthun.welfare.rules.model import Claim, Context, Decision, Paid


class Stage(IntEnum):
    CONDITION = 0  # เงื่อนไข: pass or refuse
    AMOUNT = 1  # จำนวนเงิน: sets the amount
    CAP = 2  # เพดาน: may lower the amount


Decide = Callable[[object, Claim, Sequence[Paid], Context], Decision]


@dataclass(frozen=True)
class ClauseKind:
    name: str
    stage: Stage
    read: Callable[[Fields], object]
    decide: Decide


REGISTRY: dict[str, ClauseKind] = {}


def register(name: str, stage: Stage, read: Callable[[Fields], object], decide: Decide) -> ClauseKind:
    kind = ClauseKind(name, stage, read, decide)
    REGISTRY[name] = kind
    return kind


def clause_kinds() -> dict[str, ClauseKind]:
    from kongthun.welfare.rules import clauses  # noqa: F401  (importing registers the built-in kinds)

    return REGISTRY
