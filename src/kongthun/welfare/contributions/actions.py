"""The only writer of contribution plans, collection days and receipts (เงินสมทบ, ใบเสร็จรับเงิน).

A collection day posts one balanced entry for the day's cash (debit 1101; credit 4101 contributions and
4102 entry fees) and writes one receipt per payment, numbered per fund and accounting year. A void
receipt stays, marked void, and its money is reversed by a correcting entry for that receipt alone.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.db.models import Max

from kongthun.access.domain import Permission
from kongthun.audit.actions import Actor, audit_record
from kongthun.clock import utc_now
from kongthun.errors import DomainError, choice, require_idempotency_key
from kongthun.ledger import domain as ledger_domain
from kongthun.ledger.actions import entry_post, locked_through
from kongthun.ledger.domain import credit, debit
from kongthun.money import Satang, format_baht
from kongthun.orgs.actions import organization_locked
from kongthun.orgs.domain import OrgKind
from kongthun.orgs.models import Organization
from kongthun.people.actions import membership_status_change
from kongthun.people.models import Membership, MembershipStatus
from kongthun.welfare.contributions import domain
from kongthun.welfare.contributions.models import (
    Collection,
    ContributionPlan,
    MemberReinstatement,
    Receipt,
    days_covered,
)

CASH, CONTRIBUTIONS, ENTRY_FEES = "1101", "4101", "4102"
# Setting the plan is the committee's decision (as adopting a regulation is); collecting is the treasurer's.
DECIDE = Permission.LOCK_PERIOD
COLLECT = Permission.POST_ENTRIES


@dataclass(frozen=True)
class PaymentLine:
    """One member's payment on a collection day: an amount or a number of periods, and the entry fee
    (ค่าสมัคร) if the member pays it now."""

    membership_id: int
    amount_satang: Satang | None = None
    periods: int | None = None
    entry_fee: bool = False


def _plan_snapshot(p: ContributionPlan) -> dict:
    return {"effective_from": p.effective_from.isoformat(), "daily_rate": p.daily_rate, "frequency": p.frequency,
            "entry_fee": p.entry_fee, "grace_days": p.grace_days, "lapse_after_months": p.lapse_after_months,
            "reinstatement": p.reinstatement, "rejoin_fee": p.rejoin_fee}


@transaction.atomic
def plan_set(
    *,
    organization: Organization,
    effective_from: date,
    actor: Actor,
    why: str,
    daily_rate: Satang = 100,
    frequency: str = domain.Frequency.MONTHLY,
    entry_fee: Satang = 0,
    grace_days: int = 30,
    lapse_after_months: int = 6,
    reinstatement: str = domain.Reinstatement.PAY_ARREARS,
    rejoin_fee: Satang = 0,
) -> ContributionPlan:
    """Adopt a contribution plan from a date (กำหนดอัตราและงวดการส่งเงินสมทบ). A plan already in force
    for a day that has receipts cannot be rewritten: a change takes a new effective date."""
    actor.scope.require(DECIDE, organization.pk)
    org = organization_locked(organization, {OrgKind.WELFARE_FUND},
                              "ข้อกำหนดเงินสมทบใช้ได้กับกองทุนสวัสดิการชุมชนเท่านั้น",
                              "A contribution plan belongs to a community welfare fund")
    plan = domain.validate_plan(domain.Plan(
        effective_from=effective_from, daily_rate=daily_rate, frequency=choice(domain.Frequency, frequency,
                                                                                where="frequency"),
        entry_fee=entry_fee, grace_days=grace_days, lapse_after_months=lapse_after_months,
        reinstatement=choice(domain.Reinstatement, reinstatement, where="reinstatement"), rejoin_fee=rejoin_fee,
    ))
    if ContributionPlan.objects.filter(organization=org, effective_from=effective_from).exists():
        raise DomainError("conflict.plan_exists", f"มีข้อกำหนดที่เริ่มใช้วันที่ {effective_from.isoformat()} แล้ว",
                          f"A plan effective from {effective_from.isoformat()} already exists", "effective_from")
    if Receipt.objects.filter(organization=org, issued_on__gte=effective_from).exists():
        raise DomainError("conflict.plan_after_receipts",
                          "มีใบเสร็จออกแล้วหลังวันเริ่มใช้ จะกำหนดอัตราย้อนหลังไม่ได้",
                          "Receipts were already issued on or after that date; a plan cannot apply backwards",
                          "effective_from")
    row = ContributionPlan.objects.create(
        organization=org, effective_from=plan.effective_from, daily_rate=plan.daily_rate,
        frequency=plan.frequency.value, entry_fee=plan.entry_fee, grace_days=plan.grace_days,
        lapse_after_months=plan.lapse_after_months, reinstatement=plan.reinstatement.value,
        rejoin_fee=plan.rejoin_fee, why=why, recorded_by_id=actor.user_id, recorded_at=utc_now(),
    )
    audit_record(actor=actor, action="contribution_plan_set", obj_type="contribution_plan", obj_id=row.pk,
                 organization_id=org.pk, before=None, after=_plan_snapshot(row), why=why)
    return row


def plan_in_force(organization_id: int, on: date) -> domain.Plan:
    return domain.plan_on([p.as_plan() for p in ContributionPlan.objects.filter(organization_id=organization_id)], on)


# --- collection day ---------------------------------------------------------------------------------


def _fingerprint(collected_on: date, payments: Sequence[PaymentLine], memo: str) -> str:
    data = [collected_on.isoformat(), memo,
            [[p.membership_id, p.amount_satang, p.periods, bool(p.entry_fee)] for p in payments]]
    return hashlib.sha256(json.dumps(data, separators=(",", ":")).encode()).hexdigest()


@dataclass(frozen=True)
class _Checked:
    membership: Membership
    payment: domain.Payment
    entry_fee: Satang
    covered_from: date
    covered_to: date


@transaction.atomic
def collection_record(
    *,
    organization: Organization,
    collected_on: date,
    payments: Sequence[PaymentLine],
    actor: Actor,
    idempotency_key: str,
    memo: str = "",
) -> Collection:
    """Record a collection day (บันทึกการเก็บเงินสมทบ): one balanced entry for the day's cash and one
    receipt per payment. The same key with the same payments returns the day already recorded; the
    same key with other payments is refused. Any bad line refuses the whole day, and nothing is written."""
    actor.scope.require(COLLECT, organization.pk)
    # One writer per fund: receipt numbers and coverage are assigned in order.
    org = Organization.objects.select_for_update().get(pk=organization.pk)
    payments = tuple(payments)
    require_idempotency_key(idempotency_key)
    fingerprint = _fingerprint(collected_on, payments, memo)
    prior = Collection.objects.filter(organization=org, idempotency_key=idempotency_key).first()
    if prior is not None:
        if prior.fingerprint == fingerprint:
            return prior
        raise DomainError("conflict.idempotency_mismatch", "รหัสป้องกันการส่งซ้ำนี้ถูกใช้กับการเก็บเงินอื่นแล้ว",
                          "This idempotency key was already used for a different collection", "idempotency_key")
    if not payments:
        raise DomainError("invalid.no_payments", "ไม่มีรายการรับเงิน", "The collection has no payments", "payments")
    ledger_domain.check_period_open(collected_on, locked_through(org.pk))
    plan = plan_in_force(org.pk, collected_on)
    checked = _check_lines(org, plan, collected_on, payments)

    contributions = sum(c.payment.amount for c in checked)
    fees = sum(c.entry_fee for c in checked)
    lines = [debit(CASH, contributions + fees), credit(CONTRIBUTIONS, contributions)]
    if fees:
        lines.append(credit(ENTRY_FEES, fees))
    entry = entry_post(organization=org, date=collected_on, lines=lines, actor=actor, source="collection",
                       memo=(memo or f"เก็บเงินสมทบ {len(checked)} ราย")[:300],
                       idempotency_key=f"collection:{idempotency_key}"[:100])
    collection = Collection.objects.create(
        organization=org, collected_on=collected_on, entry=entry, contributions=contributions, entry_fees=fees,
        idempotency_key=idempotency_key, fingerprint=fingerprint, recorded_by_id=actor.user_id,
        recorded_at=utc_now(),
    )
    year_name = org.accounting_year.name_of(collected_on)
    top = Receipt.objects.filter(organization=org, year_name=year_name).aggregate(m=Max("seq"))["m"] or 0
    receipts = Receipt.objects.bulk_create(
        Receipt(organization=org, year_name=year_name, seq=top + i, number=f"{year_name}/{top + i:06d}",
                collection=collection, entry=entry, membership=c.membership, issued_on=collected_on,
                amount=c.payment.amount, entry_fee=c.entry_fee, periods=c.payment.periods,
                frequency=plan.frequency.value, days_covered=c.payment.days, covered_from=c.covered_from,
                covered_to=c.covered_to)
        for i, c in enumerate(checked, start=1)
    )
    audit_record(actor=actor, action="collection_record", obj_type="collection", obj_id=collection.pk,
                 organization_id=org.pk, before=None,
                 after={"date": collected_on.isoformat(), "entry": entry.number, "contributions": contributions,
                        "entry_fees": fees, "idempotency_key": idempotency_key,
                        "receipts": [[r.number, r.membership_id, r.amount, r.entry_fee, r.covered_from.isoformat(),
                                      r.covered_to.isoformat()] for r in receipts]})
    return collection


def _check_lines(org: Organization, plan: domain.Plan, on: date, payments: Sequence[PaymentLine]) -> list[_Checked]:
    ids = [p.membership_id for p in payments]
    members = {m.pk: m for m in Membership.objects.filter(organization=org, pk__in=ids).select_related("person")}
    covered = days_covered(members)
    fee_paid = set(Receipt.objects.filter(membership_id__in=members, voided_at__isnull=True, entry_fee__gt=0)
                   .values_list("membership_id", flat=True))
    seen: set[int] = set()
    out = []
    for i, p in enumerate(payments, start=1):
        where = f"payments[{i}]"
        m = members.get(p.membership_id)
        _check_member(m, p.membership_id, on, where, seen)
        payment = domain.payment_of(plan, amount=p.amount_satang, periods=p.periods, where=where)
        fee = 0
        if p.entry_fee:
            if plan.entry_fee == 0:
                raise DomainError("invalid.no_entry_fee", "กองทุนไม่เก็บค่าสมัคร", "The fund charges no entry fee",
                                  where)
            if m.pk in fee_paid:
                raise DomainError("conflict.entry_fee_paid", f"สมาชิกเลขที่ {m.member_no} ชำระค่าสมัครแล้ว",
                                  f"Member {m.member_no} has already paid the entry fee", where)
            fee = plan.entry_fee
        start, end = domain.coverage(m.joined_on, covered.get(m.pk, 0), payment.days)
        out.append(_Checked(m, payment, fee, start, end))
    return out


def _check_member(m: Membership | None, membership_id: int, on: date, where: str, seen: set[int]) -> None:
    if m is None:  # unknown, or another fund's member: the same answer, so nothing leaks
        raise DomainError("not_found.membership", f"ไม่พบสมาชิกรหัส {membership_id} ในกองทุนนี้",
                          f"No member {membership_id} in this fund", where)
    if m.pk in seen:
        raise DomainError("invalid.duplicate_payment", f"สมาชิกเลขที่ {m.member_no} มีมากกว่าหนึ่งรายการในวันเดียวกัน",
                          f"Member {m.member_no} appears more than once in the collection", where)
    seen.add(m.pk)
    if m.status in (MembershipStatus.DECEASED, MembershipStatus.RESIGNED) or m.person.deceased_on is not None:
        status = MembershipStatus.DECEASED if m.person.deceased_on is not None else MembershipStatus(m.status)
        raise DomainError("conflict.member_inactive",
                          f"สมาชิกเลขที่ {m.member_no} มีสถานะ{status.label} รับเงินสมทบไม่ได้",
                          f"Member {m.member_no} is {status.value}; no contribution can be received", where)
    if on < m.joined_on:
        raise DomainError("invalid.before_joining", f"สมาชิกเลขที่ {m.member_no} ยังไม่ได้สมัคร ณ วันที่เก็บเงิน",
                          f"Member {m.member_no} had not joined on the collection date", where)


# --- void -------------------------------------------------------------------------------------------


@transaction.atomic
def receipt_void(*, receipt: Receipt, actor: Actor, why: str, on: date | None = None) -> Receipt:
    """Void a receipt (ยกเลิกใบเสร็จ): it stays, marked void with the reason, who and when, and its money
    is reversed by a correcting entry dated `on` (the receipt's own date unless given)."""
    if not why.strip():
        raise DomainError("invalid.why_required", "กรุณาระบุเหตุผลในการยกเลิกใบเสร็จ", "Give a reason for voiding",
                          "why")
    actor.scope.require(COLLECT, receipt.organization_id)
    Organization.objects.select_for_update().get(pk=receipt.organization_id)
    r = Receipt.objects.select_for_update().select_related("organization").get(pk=receipt.pk)
    if r.is_void:
        raise DomainError("conflict.receipt_void", f"ใบเสร็จ {r.number} ถูกยกเลิกไปแล้ว",
                          f"Receipt {r.number} is already void", "receipt")
    on = on or r.issued_on
    if on < r.issued_on:
        raise DomainError("invalid.void_before_issue", "วันที่ยกเลิกอยู่ก่อนวันที่ออกใบเสร็จ",
                          "The void is dated before the receipt was issued", "on")
    lines = [debit(CONTRIBUTIONS, r.amount)]
    if r.entry_fee:
        lines.append(debit(ENTRY_FEES, r.entry_fee))
    lines.append(credit(CASH, r.total))
    entry = entry_post(organization=r.organization, date=on, lines=lines, actor=actor, why=why,
                       source="receipt_void",
                       memo=f"ยกเลิกใบเสร็จ {r.number} ({format_baht(r.total)}): {why}"[:300])
    before = {"number": r.number, "void": False}
    r.voided_on, r.voided_at, r.voided_by_id, r.void_reason, r.void_entry = on, utc_now(), actor.user_id, why, entry
    r.save(update_fields=["voided_on", "voided_at", "voided_by", "void_reason", "void_entry"])
    audit_record(actor=actor, action="receipt_void", obj_type="receipt", obj_id=r.pk,
                 organization_id=r.organization_id, before=before, why=why,
                 after={"number": r.number, "void": True, "voided_on": on.isoformat(), "entry": entry.number,
                        "amount": r.amount, "entry_fee": r.entry_fee})
    return r


# --- lapse ------------------------------------------------------------------------------------------


@transaction.atomic
def lapses_apply(*, organization: Organization, on: date, actor: Actor) -> list[Membership]:
    """Lapse every active member the plan says should lapse on a business date (พ้นสภาพเพราะขาดส่ง),
    each through the membership's own status change, with the months unpaid as the reason."""
    actor.scope.require(Permission.WRITE_PEOPLE, organization.pk)
    org = Organization.objects.select_for_update().get(pk=organization.pk)
    plan = plan_in_force(org.pk, on)
    members = list(Membership.objects.filter(organization=org, status=MembershipStatus.ACTIVE, joined_on__lte=on,
                                             status_on__lte=on))
    covered = days_covered([m.pk for m in members])
    lapsed = []
    for m in members:
        s = domain.standing(plan, m.joined_on, [covered.get(m.pk, 0)], on)
        if s.should_lapse:
            why = f"ขาดส่งเงินสมทบ {s.months_in_arrears} เดือน (ส่งถึง {s.paid_up_to.isoformat()})"
            lapsed.append(membership_status_change(membership=m, status=MembershipStatus.LAPSED, on=on, actor=actor,
                                                   why=why))
    audit_record(actor=actor, action="lapses_apply", obj_type="organization", obj_id=org.pk, organization_id=org.pk,
                 before=None, after={"on": on.isoformat(), "lapsed": [m.member_no for m in lapsed]})
    return lapsed


# --- reinstatement ----------------------------------------------------------------------------------


@transaction.atomic
def member_reinstate(*, membership: Membership, on: date, actor: Actor, idempotency_key: str,
                     why: str = "") -> MemberReinstatement:
    """Bring a lapsed member back (กลับเข้าเป็นสมาชิก) on the plan's terms: pay the periods in arrears
    (receipts on a collection of their own), or pay the re-join fee (its own entry; the lapsed days are
    forgiven and count as covered up to the day before). The same key returns the same reinstatement."""
    actor.scope.require(COLLECT, membership.organization_id)
    actor.scope.require(Permission.WRITE_PEOPLE, membership.organization_id)
    org = Organization.objects.select_for_update().get(pk=membership.organization_id)
    require_idempotency_key(idempotency_key)
    prior = MemberReinstatement.objects.filter(organization=org, idempotency_key=idempotency_key).first()
    if prior is not None:
        if prior.membership_id == membership.pk and prior.reinstated_on == on:
            return prior
        raise DomainError("conflict.idempotency_mismatch", "รหัสป้องกันการส่งซ้ำนี้ถูกใช้กับรายการอื่นแล้ว",
                          "This idempotency key was already used for another reinstatement", "idempotency_key")
    m = Membership.objects.select_related("person").get(pk=membership.pk)
    if m.status != MembershipStatus.LAPSED:
        raise DomainError("conflict.not_lapsed", f"สมาชิกเลขที่ {m.member_no} ไม่ได้พ้นสภาพเพราะขาดส่ง",
                          f"Member {m.member_no} has not lapsed", "membership")
    plan = plan_in_force(org.pk, on)
    standing = domain.standing(plan, m.joined_on, [days_covered([m.pk]).get(m.pk, 0)], on)
    due = domain.reinstatement_due(plan, standing)
    reason = why.strip() or due.message_th
    membership_status_change(membership=m, status=MembershipStatus.ACTIVE, on=on, actor=actor,
                             why=f"กลับเข้าเป็นสมาชิก: {reason}"[:300])
    collection = entry = None
    waived = 0
    if due.kind is domain.Reinstatement.PAY_ARREARS and due.amount:
        periods = due.amount // plan.period_amount
        collection = collection_record(organization=org, collected_on=on, actor=actor,
                                       payments=[PaymentLine(m.pk, periods=periods)],
                                       idempotency_key=f"reinstate:{idempotency_key}"[:100],
                                       memo=f"ชำระเงินสมทบค้าง {periods} งวด กลับเข้าเป็นสมาชิก {m.member_no}")
    elif due.kind is domain.Reinstatement.REJOIN_FEE:
        waived = max(standing.arrears_days - 1, 0)
        if due.amount:
            entry = entry_post(organization=org, date=on, actor=actor, source="rejoin_fee",
                               lines=[debit(CASH, due.amount), credit(ENTRY_FEES, due.amount)],
                               memo=f"ค่าสมัครใหม่ กลับเข้าเป็นสมาชิก {m.member_no}",
                               idempotency_key=f"rejoin:{idempotency_key}"[:100])
    row = MemberReinstatement.objects.create(
        organization=org, membership=m, reinstated_on=on, kind=due.kind.value, amount=due.amount,
        days_waived=waived, collection=collection, entry=entry, idempotency_key=idempotency_key, why=reason[:300],
        recorded_by_id=actor.user_id, recorded_at=utc_now(),
    )
    audit_record(actor=actor, action="member_reinstate", obj_type="membership", obj_id=m.pk, organization_id=org.pk,
                 before={"status": MembershipStatus.LAPSED.value, "paid_up_to": standing.paid_up_to.isoformat()},
                 after={"status": MembershipStatus.ACTIVE.value, "kind": due.kind.value, "amount": due.amount,
                        "days_waived": waived, "collection": collection.pk if collection else None,
                        "entry": entry.number if entry else None}, why=reason)
    return row
