"""Checks that money received from outside and the ledger agree, for `kongthun check` to call.

Each receipt of outside money equals its journal entry: the same fund, the same date, a debit of
exactly its amount to its cash or bank account and a credit of exactly its amount to the source's
income account, and nothing else. Money reversed has a reversing entry of the same fund, dated the day
of the reversal, that reverses exactly that entry with the opposite lines.
"""

from __future__ import annotations

from collections import defaultdict

from kongthun.integrity import Problem
from kongthun.ledger.models import JournalLine
from kongthun.welfare.funding.models import FundsReceived


def _lines_by_entry(entry_ids) -> dict[int, list[tuple[str, int]]]:
    out: dict[int, list[tuple[str, int]]] = defaultdict(list)
    for entry_id, code, amount in (JournalLine.objects.filter(entry_id__in=entry_ids).order_by("id")
                                   .values_list("entry_id", "account__code", "amount")):
        out[entry_id].append((code, amount))
    return out


def check_funds_received() -> list[Problem]:
    rows = list(FundsReceived.objects.values_list(
        "pk", "organization_id", "organization__code", "amount", "received_on", "account", "agreement__income_account",
        "entry_id", "entry__organization_id", "entry__date", "entry__number"))
    lines = _lines_by_entry([r[7] for r in rows])
    out = []
    for pk, org_id, code, amount, on, account, income, entry_id, entry_org, entry_date, number in rows:
        expected = sorted([(account, amount), (income, -amount)])
        if entry_org != org_id or entry_date != on or sorted(lines.get(entry_id, [])) != expected:
            name = f"{code} JV{number:06d}"
            out.append(Problem("funds_received",
                               f"การรับเงินภายนอกรายการที่ {pk} ({amount} สตางค์) ไม่ตรงกับรายการบัญชี {name}",
                               f"Outside money received #{pk} ({amount} satang) does not match entry {name}"))
    return out + _check_reversals()


def _check_reversals() -> list[Problem]:
    rows = list(FundsReceived.objects.filter(reversal_entry__isnull=False).values_list(
        "pk", "organization_id", "organization__code", "amount", "reversed_on", "account", "agreement__income_account",
        "entry_id", "reversal_entry_id", "reversal_entry__organization_id", "reversal_entry__date",
        "reversal_entry__reverses_id", "reversal_entry__number"))
    lines = _lines_by_entry([r[8] for r in rows])
    out = []
    for pk, org_id, code, amount, on, account, income, entry_id, rev_id, rev_org, rev_date, reverses, number in rows:
        expected = sorted([(account, -amount), (income, amount)])
        if rev_org != org_id or rev_date != on or reverses != entry_id or sorted(lines.get(rev_id, [])) != expected:
            name = f"{code} JV{number:06d}"
            out.append(Problem("funds_received",
                               f"การกลับรายการรับเงินภายนอกรายการที่ {pk} ({amount} สตางค์) ไม่ตรงกับรายการบัญชี {name}",
                               f"The reversal of outside money received #{pk} ({amount} satang) does not match "
                               f"entry {name}"))
    return out
