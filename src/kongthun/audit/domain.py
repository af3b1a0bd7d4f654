"""The audit trail's hash chain (บันทึกการตรวจสอบ), pure Python.

Each event's hash covers its content and the previous event's hash, so changing,
inserting or deleting any event breaks every hash after it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass

GENESIS = "0" * 64


def canonical(payload: dict) -> str:
    return json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)


def event_hash(prev_hash: str, payload: dict) -> str:
    return hashlib.sha256((prev_hash + canonical(payload)).encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class ChainedEvent:
    seq: int
    payload: dict
    prev_hash: str
    hash: str


def verify_chain(events: Iterable[ChainedEvent]) -> list[str]:
    """Problems found along the chain, in order; an empty list means intact."""
    problems: list[str] = []
    prev = GENESIS
    expected_seq = 1
    for ev in events:
        if ev.seq != expected_seq:
            problems.append(f"audit #{ev.seq}: expected sequence {expected_seq} (an event is missing)")
            expected_seq = ev.seq
        if ev.prev_hash != prev:
            problems.append(f"audit #{ev.seq}: previous-hash link broken")
        if event_hash(ev.prev_hash, ev.payload) != ev.hash:
            problems.append(f"audit #{ev.seq}: content does not match its hash (changed after writing)")
        prev = ev.hash
        expected_seq += 1
    return problems
