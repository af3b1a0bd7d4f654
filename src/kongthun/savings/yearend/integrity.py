"""Checks for `kongthun check`: every year-end allocation equals its entry and splits exactly.

The allocation entry debits 3901 by the net profit and credits each bucket's account by the bucket's amount;
the buckets sum to the net profit; the members' dividends and patronage refunds sum to their buckets; no
member line is paid more than once.
"""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Sum

from kongthun.integrity import Problem
from kongthun.ledger.models import JournalLine
from kongthun.savings.domain.dividends import Bucket
from kongthun.savings.yearend.models import MemberDividend, YearEndAllocation


def _entry_sums(entry_ids) -> dict[int, dict[str, int]]:
    out: dict[int, dict[str, int]] = defaultdict(dict)
    for entry_id, code, total in (JournalLine.objects.filter(entry_id__in=entry_ids)
                                  .values_list("entry_id", "account__code").annotate(s=Sum("amount"))):
        out[entry_id][code] = total
    return out


def _member_sums(ids) -> dict[int, tuple[int, int]]:
    rows = (MemberDividend.objects.filter(allocation_id__in=ids).values("allocation_id")
            .annotate(d=Sum("dividend"), p=Sum("patronage")).values_list("allocation_id", "d", "p"))
    return {a: (d or 0, p or 0) for a, d, p in rows}


def check_allocations() -> list[Problem]:
    allocations = list(YearEndAllocation.objects.select_related("organization"))
    sums = _entry_sums([a.entry_id for a in allocations])
    members = _member_sums([a.pk for a in allocations])
    out = []
    for a in allocations:
        name = f"{a.organization.code} {a.year_name}"
        expected: dict[str, int] = defaultdict(int)
        expected["3901"] += a.net_profit
        for b in a.buckets:
            expected[b["account"]] -= b["amount"]
        got = {k: v for k, v in sums.get(a.entry_id, {}).items() if v}
        if got != {k: v for k, v in expected.items() if v}:
            out.append(Problem("yearend", f"การจัดสรรกำไรปี {name} ไม่ตรงกับรายการบัญชี",
                               f"The {name} allocation does not match its ledger entry"))
        if sum(b["amount"] for b in a.buckets) != a.net_profit:
            out.append(Problem("yearend", f"การจัดสรรกำไรปี {name} รวมไม่เท่ากับกำไรสุทธิ",
                               f"The {name} allocation does not add up to the net profit"))
        div, pat = members.get(a.pk, (0, 0))
        if (div, pat) != (a.amount(Bucket.DIVIDEND), a.amount(Bucket.PATRONAGE)):
            out.append(Problem("yearend", f"เงินปันผลและเงินเฉลี่ยคืนรายสมาชิกปี {name} รวมไม่เท่ากับยอดจัดสรร",
                               f"The {name} member dividends and refunds do not add up to their buckets"))
    return out
