"""Checks that receipts and the ledger agree, for `kongthun check` to call (it returns the same `Problem`s).

Each collection entry's credits to 4101 and 4102 equal the receipts written with it (void or not: a
void does not change the day's entry); each void receipt's correcting entry debits exactly its amounts;
receipt numbers run 1, 2, 3 ... per fund and accounting year without gaps.
"""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Count, Max, Sum

from kongthun.integrity import Problem
from kongthun.ledger.models import JournalLine
from kongthun.welfare.contributions.models import Receipt

CONTRIBUTIONS, ENTRY_FEES = "4101", "4102"


def _credits_by_entry(entry_ids) -> dict[tuple[int, str], int]:
    out: dict[tuple[int, str], int] = defaultdict(int)
    rows = (JournalLine.objects.filter(entry_id__in=entry_ids, account__code__in=[CONTRIBUTIONS, ENTRY_FEES])
            .values_list("entry_id", "account__code").annotate(s=Sum("amount")))
    for entry_id, code, total in rows:
        out[(entry_id, code)] = total
    return out


def _collections_match() -> list[Problem]:
    receipts = Receipt.objects.values("entry_id", "entry__number", "organization__code").annotate(
        amount=Sum("amount"), fee=Sum("entry_fee"))
    ledger = _credits_by_entry([r["entry_id"] for r in receipts])
    out = []
    for r in receipts:
        got = (-ledger.get((r["entry_id"], CONTRIBUTIONS), 0), -ledger.get((r["entry_id"], ENTRY_FEES), 0))
        if got != (r["amount"], r["fee"]):
            name = f"{r['organization__code']} JV{r['entry__number']:06d}"
            out.append(Problem("receipts", f"ใบเสร็จของรายการ {name} รวม {r['amount']}+{r['fee']} สตางค์ "
                                           f"ไม่เท่ากับยอดในบัญชี {got[0]}+{got[1]} สตางค์",
                               f"Receipts of entry {name} total {r['amount']}+{r['fee']} satang; "
                               f"the entry credits {got[0]}+{got[1]}"))
    return out


def _voids_match() -> list[Problem]:
    voids = list(Receipt.objects.filter(voided_at__isnull=False).values_list(
        "number", "organization__code", "void_entry_id", "amount", "entry_fee"))
    ledger = _credits_by_entry([v[2] for v in voids])
    out = []
    for number, org, entry_id, amount, fee in voids:
        if entry_id is None or (ledger.get((entry_id, CONTRIBUTIONS), 0), ledger.get((entry_id, ENTRY_FEES), 0)) != (
                amount, fee):
            out.append(Problem("receipts", f"ใบเสร็จ {org} {number} ถูกยกเลิกแต่รายการกลับยอดไม่ตรง",
                               f"Void receipt {org} {number} is not reversed by exactly its amounts"))
    return out


def _numbers_contiguous() -> list[Problem]:
    rows = Receipt.objects.values("organization__code", "year_name").annotate(n=Count("id"), top=Max("seq"))
    return [Problem("receipts", f"เลขใบเสร็จ {r['organization__code']} ปี {r['year_name']} ขาดช่วง",
                    f"Receipt numbers of {r['organization__code']} year {r['year_name']} have gaps")
            for r in rows if r["n"] != r["top"]]


def check_receipts() -> list[Problem]:
    return _collections_match() + _voids_match() + _numbers_contiguous()
