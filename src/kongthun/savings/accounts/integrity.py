"""Checks that members' savings and shares agree with the ledger, for `kongthun check`.

For every group that keeps members' savings here (it has a savings policy): the sum of the members'
savings movements equals account 2101 and the sum of their shares equals 3201; each voucher's lines to
2101 and 3201 equal the movements it carries; and no member's savings or shares are below zero.
"""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Sum

from kongthun.integrity import Problem
from kongthun.ledger.models import Account, JournalLine
from kongthun.savings.accounts.models import SavingsMovement, SavingsPolicy, SavingsVoucher, ShareTransaction

SAVINGS, SHARES = "2101", "3201"


def _sum_by(model, field: str, org_ids) -> dict[int, int]:
    return dict(model.objects.filter(**{f"{field}__in": org_ids}).values(field).annotate(s=Sum("amount"))
                .values_list(field, "s"))


def _totals_match(org_ids: list[int]) -> list[Problem]:
    ledger = {(o, c): -b for o, c, b in Account.objects.filter(organization_id__in=org_ids, code__in=[SAVINGS, SHARES])
              .values_list("organization_id", "code", "balance")}
    codes = dict(Account.objects.filter(organization_id__in=org_ids).values_list("organization_id",
                                                                                  "organization__code"))
    out = []
    for code, model, th, en in ((SAVINGS, SavingsMovement, "เงินฝากสัจจะสมาชิก", "members' savings"),
                                (SHARES, ShareTransaction, "หุ้นของสมาชิก", "members' shares")):
        members = _sum_by(model, "organization_id", org_ids)
        lines = dict(JournalLine.objects.filter(organization_id__in=org_ids, account__code=code)
                     .values("organization_id").annotate(s=Sum("amount")).values_list("organization_id", "s"))
        for org in org_ids:
            got, books, cached = members.get(org, 0), -lines.get(org, 0), ledger.get((org, code), 0)
            if not got == books == cached:
                out.append(Problem("savings", f"{codes.get(org, org)} {th} รวม {got} สตางค์ ไม่เท่ากับบัญชี {code} "
                                              f"({books} ตามรายการ, {cached} ยอดคงเหลือ)",
                                   f"{codes.get(org, org)} {en} total {got} satang; account {code} has {books} "
                                   f"in its lines and a balance of {cached}"))
    return out


def _vouchers_match(org_ids: list[int]) -> list[Problem]:
    lines: dict[tuple[int, str], int] = defaultdict(int)
    rows = (JournalLine.objects.filter(organization_id__in=org_ids, account__code__in=[SAVINGS, SHARES],
                                       entry__savings_voucher__isnull=False)
            .values_list("entry_id", "account__code").annotate(s=Sum("amount")))
    for entry_id, code, s in rows:
        lines[(entry_id, code)] = -s
    moved: dict[tuple[int, str], int] = defaultdict(int)
    for model, code in ((SavingsMovement, SAVINGS), (ShareTransaction, SHARES)):
        for entry_id, s in (model.objects.filter(organization_id__in=org_ids).values("voucher__entry_id")
                            .annotate(s=Sum("amount")).values_list("voucher__entry_id", "s")):
            moved[(entry_id, code)] = s
    out = []
    vouchers = dict(SavingsVoucher.objects.filter(organization_id__in=org_ids).values_list("entry_id", "entry__number"))
    for key in set(lines) | set(moved):
        if lines.get(key, 0) != moved.get(key, 0):
            entry_id, code = key
            number = vouchers.get(entry_id, entry_id)
            out.append(Problem("savings", f"รายการ JV{number:06d} บัญชี {code} ไม่เท่ากับยอดของสมาชิก "
                                          f"({lines.get(key, 0)} กับ {moved.get(key, 0)} สตางค์)",
                               f"Entry JV{number:06d} account {code} does not equal its members' movements "
                               f"({lines.get(key, 0)} vs {moved.get(key, 0)} satang)"))
    return out


def _none_negative(org_ids: list[int]) -> list[Problem]:
    out = []
    for model, th, en in ((SavingsMovement, "เงินฝากสัจจะ", "savings"), (ShareTransaction, "หุ้น", "shares")):
        rows = (model.objects.filter(organization_id__in=org_ids).values("membership_id", "membership__member_no")
                .annotate(s=Sum("amount")).filter(s__lt=0))
        out += [Problem("savings", f"สมาชิกเลขที่ {r['membership__member_no']} มี{th}ติดลบ ({r['s']} สตางค์)",
                        f"Member {r['membership__member_no']} has negative {en} ({r['s']} satang)") for r in rows]
    return out


def check_savings() -> list[Problem]:
    org_ids = sorted(set(SavingsPolicy.objects.values_list("organization_id", flat=True)))
    if not org_ids:
        return []
    return _totals_match(org_ids) + _vouchers_match(org_ids) + _none_negative(org_ids)
