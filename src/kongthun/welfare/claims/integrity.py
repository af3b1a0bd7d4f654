"""Checks that claims and the ledger agree, for `kongthun check` (the same `Problem`s).

A paid claim's entry debits the benefit's expense account with exactly the claim's amount; a paid
claim has its entry and an unpaid one none; business dates run in order: submitted, then decided,
then paid (วันที่ยื่น <= วันที่พิจารณา <= วันที่จ่าย).
"""

from __future__ import annotations

from django.db.models import F, Q, Sum

from kongthun.integrity import Problem
from kongthun.ledger.models import JournalLine
from kongthun.welfare.claims import domain
from kongthun.welfare.claims.domain import ClaimStatus
from kongthun.welfare.claims.models import Claim


def _name(c: Claim) -> tuple[str, str]:
    return f"คำขอ {c.organization.code} เลขที่ {c.number}", f"Claim {c.organization.code} no. {c.number}"


def _payments_match() -> list[Problem]:
    out = []
    paid = Claim.objects.filter(Q(status=ClaimStatus.PAID) | Q(paid_entry__isnull=False)).select_related(
        "organization")
    debits = {(e, code): s for e, code, s in JournalLine.objects.filter(
        entry_id__in=paid.values("paid_entry_id"), amount__gt=0).values_list("entry_id", "account__code")
        .annotate(s=Sum("amount"))}
    for c in paid:
        th, en = _name(c)
        if c.status != ClaimStatus.PAID or c.paid_entry_id is None:
            out.append(Problem("claims", f"{th} สถานะไม่ตรงกับการจ่าย", f"{en}: status and payment disagree"))
        elif debits.get((c.paid_entry_id, domain.expense_account(c.kind)), 0) != c.amount:
            out.append(Problem("claims", f"{th} จ่าย {c.amount} สตางค์ แต่รายการบัญชีไม่ตรง",
                               f"{en} pays {c.amount} satang but its entry does not debit exactly that"))
    return out


def _dates_in_order() -> list[Problem]:
    bad = Claim.objects.filter(
        Q(decided_on__lt=F("submitted_on")) | Q(paid_on__lt=F("decided_on"))
        | Q(decided_on__isnull=True, status__in=[ClaimStatus.APPROVED, ClaimStatus.REJECTED, ClaimStatus.PAID])
    ).select_related("organization")
    return [Problem("claims", f"{_name(c)[0]} วันที่ยื่น พิจารณา และจ่าย ไม่เรียงลำดับ",
                    f"{_name(c)[1]}: submitted, decided and paid dates are out of order") for c in bad]


def check_claims() -> list[Problem]:
    return _payments_match() + _dates_in_order()
