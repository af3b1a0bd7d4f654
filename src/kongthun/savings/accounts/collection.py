"""The monthly collection day (วันเก็บเงินสัจจะประจำเดือน): many members in one go.

One balanced entry for the day: debit cash with everything received, and per member a credit line to
2101 (the sajja deposit), 3201 (shares bought) and 4402 (fines for earlier missed months), each line
naming the member, so every member's movement is traceable to its entry and line. Any bad line refuses
the whole day and nothing is written; the same key and lines return the day already recorded.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from django.db import transaction

from kongthun.audit.actions import Actor, audit_record
from kongthun.errors import DomainError
from kongthun.ledger.domain import credit, debit
from kongthun.money import Satang, format_baht
from kongthun.orgs.models import Organization
from kongthun.people.models import Membership
from kongthun.savings.accounts import selectors
from kongthun.savings.accounts.actions import (
    CASH,
    FINES,
    RECORD,
    SAVINGS,
    SHARES,
    fingerprint,
    members_of,
    replay,
    savings_org,
    voucher_post,
)
from kongthun.savings.accounts.models import (
    MissedMonthFine,
    MovementKind,
    SavingsMovement,
    SavingsVoucher,
    ShareKind,
    ShareTransaction,
    VoucherKind,
)
from kongthun.savings.domain import policy as domain


@dataclass(frozen=True)
class CollectionLine:
    """One member on a collection day: the sajja deposit, shares bought (satang), and whether the fines
    due for earlier missed months are paid now (ค่าปรับขาดส่ง)."""

    membership_id: int
    sajja: Satang = 0
    shares: Satang = 0
    pay_fines: bool = True


@dataclass(frozen=True)
class _Checked:
    membership: Membership
    sajja: Satang
    shares: Satang
    units: int
    fines: dict[date, Satang]

    @property
    def fine_total(self) -> Satang:
        return sum(self.fines.values())

    @property
    def total(self) -> Satang:
        return self.sajja + self.shares + self.fine_total


@transaction.atomic
def savings_collection_record(*, organization: Organization, collected_on: date, lines: Sequence[CollectionLine],
                              actor: Actor, idempotency_key: str, month: date | None = None,
                              memo: str = "") -> SavingsVoucher:
    """Record a monthly collection (บันทึกการเก็บเงินสัจจะ): deposits count for `month` (the month of the
    day unless given). Fines due for missed months before it are charged to those who pay them."""
    actor.scope.require(RECORD, organization.pk)
    org = savings_org(organization)
    lines = tuple(lines)
    month = domain.month_of(month or collected_on)
    fp = fingerprint("collection", collected_on, month, memo,
                     [[x.membership_id, x.sajja, x.shares, bool(x.pay_fines)] for x in lines])
    if (prior := replay(org, idempotency_key, fp)) is not None:
        return prior
    if not lines:
        raise DomainError("invalid.no_payments", "ไม่มีรายการรับเงิน", "The collection has no payments", "lines")
    policy = selectors.group_policy(org.pk, collected_on)
    checked = _check_lines(org, policy, collected_on, month, lines)
    entry_lines = [debit(CASH, sum(c.total for c in checked))]
    for c in checked:
        no = c.membership.member_no
        if c.sajja:
            entry_lines.append(credit(SAVINGS, c.sajja, f"{no} สัจจะ {month:%Y-%m}"))
        if c.shares:
            entry_lines.append(credit(SHARES, c.shares, f"{no} หุ้น {c.units}"))
        if c.fine_total:
            entry_lines.append(credit(FINES, c.fine_total, f"{no} ค่าปรับ {len(c.fines)} เดือน"))
    v = voucher_post(org=org, kind=VoucherKind.COLLECTION, on=collected_on, month=month, lines=entry_lines,
                     actor=actor, key=idempotency_key, fp=fp,
                     memo=memo or f"เก็บเงินสัจจะประจำเดือน {month:%Y-%m} {len(checked)} ราย")
    _write_rows(org, v, collected_on, month, checked)
    audit_record(actor=actor, action="savings_collection_record", obj_type="savings_voucher", obj_id=v.pk,
                 organization_id=org.pk, before=None,
                 after={"date": collected_on.isoformat(), "month": month.isoformat(), "entry": v.entry.number,
                        "lines": [[c.membership.member_no, c.sajja, c.shares, c.fine_total] for c in checked]})
    return v


def _check_lines(org: Organization, policy: domain.Policy, on: date, month: date,
                 lines: Sequence[CollectionLine]) -> list[_Checked]:
    members = members_of(org, [(x.membership_id, f"lines[{i}]") for i, x in enumerate(lines, start=1)], on)
    dues = {d.membership.pk: d for d in selectors.dues_of(org.pk, members, month)}
    held = selectors.units_held([m.pk for m in members])
    fine_of = selectors.fine_of(org.pk, [x for d in dues.values() for x in d.unfined])
    seen: set[int] = set()
    out = []
    for i, (x, m) in enumerate(zip(lines, members, strict=True), start=1):
        where = f"lines[{i}]"
        if m.pk in seen:
            raise DomainError("invalid.duplicate_payment", f"สมาชิกเลขที่ {m.member_no} มีมากกว่าหนึ่งรายการ",
                              f"Member {m.member_no} appears more than once in the collection", where)
        seen.add(m.pk)
        for amount, field in ((x.sajja, "sajja"), (x.shares, "shares")):
            if not isinstance(amount, int) or isinstance(amount, bool) or amount < 0:
                raise DomainError("invalid.amount", f"จำนวนเงินของสมาชิกเลขที่ {m.member_no} ไม่ถูกต้อง",
                                  f"The amount for member {m.member_no} is not valid", f"{where}.{field}")
        units = domain.shares_check(policy, held[m.pk], x.shares, f"{where}.shares") if x.shares else 0
        fines = {mo: fine_of[mo] for mo in dues[m.pk].unfined} if x.pay_fines else {}
        c = _Checked(m, x.sajja, x.shares, units, fines)
        if c.total == 0:
            raise DomainError("invalid.empty_line", f"สมาชิกเลขที่ {m.member_no} ไม่มีเงินที่รับ",
                              f"Nothing is received from member {m.member_no}", where)
        out.append(c)
    return out


def _write_rows(org: Organization, v: SavingsVoucher, on: date, month: date, checked: list[_Checked]) -> None:
    SavingsMovement.objects.bulk_create(
        SavingsMovement(organization=org, membership=c.membership, voucher=v, on=on, kind=MovementKind.DEPOSIT,
                        amount=c.sajja, for_month=month) for c in checked if c.sajja)
    ShareTransaction.objects.bulk_create(
        ShareTransaction(organization=org, membership=c.membership, voucher=v, on=on, kind=ShareKind.BUY,
                         units=c.units, amount=c.shares) for c in checked if c.shares)
    MissedMonthFine.objects.bulk_create(
        MissedMonthFine(organization=org, membership=c.membership, voucher=v, month=mo, amount=amount)
        for c in checked for mo, amount in c.fines.items())


@transaction.atomic
def savings_deposit(*, membership: Membership, amount: Satang, on: date, actor: Actor, idempotency_key: str,
                    shares: Satang = 0, pay_fines: bool = True) -> SavingsVoucher:
    """One member's deposit outside the collection day (ฝากเงินสัจจะ): a collection of one line."""
    if amount < 0 or (amount == 0 and not shares):
        raise DomainError("invalid.amount", f"จำนวนเงินฝาก {format_baht(amount)} ไม่ถูกต้อง",
                          "The deposit must be more than zero", "amount")
    return savings_collection_record(organization=membership.organization, collected_on=on, actor=actor,
                                     idempotency_key=idempotency_key,
                                     lines=[CollectionLine(membership.pk, amount, shares, pay_fines)],
                                     memo=f"ฝากเงินสัจจะ {membership.member_no}")
