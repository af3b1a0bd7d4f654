"""Checks for `kongthun check`: relief money and the ledger agree; an event's claims are its fund's.

Money sent: the sender's entry, on the date sent, debits 5108 and credits the account it was sent from by
exactly the amount, and nothing else; money received likewise in the receiver's books (debit the account,
credit 4302). Goods post nothing. Every claim linked to an event belongs to the event's fund and carries
the event's reference.
"""

from __future__ import annotations

from collections import defaultdict

from kongthun.integrity import Problem
from kongthun.ledger.models import JournalLine
from kongthun.welfare.disasters.models import DisasterClaim, DisasterRelief
from kongthun.welfare.disasters.relief import RELIEF_RECEIVED, RELIEF_SENT


def _lines_by_entry(entry_ids) -> dict[int, list[tuple[str, int]]]:
    out: dict[int, list[tuple[str, int]]] = defaultdict(list)
    for entry_id, code, amount in (JournalLine.objects.filter(entry_id__in=entry_ids)
                                   .values_list("entry_id", "account__code", "amount")):
        out[entry_id].append((code, amount))
    return out


def _entry_ok(entry, org_id: int, on, lines: list[tuple[str, int]], expected: list[tuple[str, int]]) -> bool:
    return entry is not None and entry.organization_id == org_id and entry.date == on and sorted(lines) == sorted(
        expected)


def _relief_matches() -> list[Problem]:
    rows = list(DisasterRelief.objects.select_related("sent_entry", "received_entry", "sender", "receiver"))
    ids = [e for r in rows for e in (r.sent_entry_id, r.received_entry_id) if e]
    lines = _lines_by_entry(ids)
    out = []
    for r in rows:
        if r.kind != "money":
            if r.sent_entry_id or r.received_entry_id:
                out.append(Problem("relief", f"ความช่วยเหลือที่เป็นสิ่งของรายการที่ {r.pk} มีรายการบัญชี",
                                   f"Goods relief #{r.pk} has a ledger entry"))
            continue
        sent = [(RELIEF_SENT, r.amount), (r.sent_account, -r.amount)]
        if not _entry_ok(r.sent_entry, r.sender_id, r.sent_on, lines.get(r.sent_entry_id, []), sent):
            out.append(Problem("relief", f"เงินช่วยเหลือที่ {r.sender.code} ส่ง รายการที่ {r.pk} ({r.amount} สตางค์) "
                                         "ไม่ตรงกับรายการบัญชีของผู้ส่ง",
                               f"Relief #{r.pk} sent by {r.sender.code} ({r.amount} satang) does not match the "
                               "sender's entry"))
        if r.received_on is not None:
            got = [(r.received_account, r.amount), (RELIEF_RECEIVED, -r.amount)]
            if not _entry_ok(r.received_entry, r.receiver_id, r.received_on, lines.get(r.received_entry_id, []), got):
                out.append(Problem("relief", f"เงินช่วยเหลือที่ {r.receiver.code} รับ รายการที่ {r.pk} "
                                             f"({r.amount} สตางค์) ไม่ตรงกับรายการบัญชีของผู้รับ",
                                   f"Relief #{r.pk} received by {r.receiver.code} ({r.amount} satang) does not "
                                   "match the receiver's entry"))
    return out


def _claims_of_their_fund() -> list[Problem]:
    out = []
    for link in DisasterClaim.objects.select_related("event__organization", "claim"):
        e, c = link.event, link.claim
        if c.organization_id != e.organization_id or c.event_ref != e.ref:
            out.append(Problem("disaster_claims",
                               f"คำขอรหัส {c.pk} ผูกกับเหตุการณ์ {e.organization.code} '{e.name}' แต่ไม่ใช่คำขอของกองทุนนั้น"
                               "หรือของเหตุการณ์นั้น",
                               f"Claim id {c.pk} is linked to {e.organization.code} event '{e.name}' but is not "
                               "that fund's claim for that event"))
    return out


def check_disasters() -> list[Problem]:
    return _relief_matches() + _claims_of_their_fund()
