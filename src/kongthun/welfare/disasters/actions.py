"""The only writer of disaster events, their claim batches and relief between funds (ภัยพิบัติ).

Register the event and its area (treasurer) -> submit the households hit in one batch (treasurer, through
the claims' `disaster_claims_submit`) -> approve the batch (a committee member who did not submit it,
through `claim_approve` per claim) -> pay the batch (treasurer, through `claim_pay`). Each is all or
nothing. A fund of the same network may send relief: money posted in its own books when sent and in the
affected fund's books when that fund confirms it came; goods recorded only.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from django.db import transaction
from django.db.models import Max

from kongthun.access.domain import Permission
from kongthun.audit.actions import Actor, audit_record
from kongthun.clock import utc_now
from kongthun.errors import DomainError, choice
from kongthun.ledger.charts import CASH_ACCOUNTS
from kongthun.ledger.models import Account
from kongthun.money import format_baht
from kongthun.orgs.actions import organization_locked
from kongthun.orgs.domain import OrgKind
from kongthun.orgs.models import Organization
from kongthun.people.models import Membership
from kongthun.places.models import Tambon
from kongthun.welfare.claims.actions import DisasterLine, claim_approve, claim_pay, disaster_claims_submit
from kongthun.welfare.claims.domain import ClaimStatus
from kongthun.welfare.claims.models import Claim
from kongthun.welfare.disasters import domain
from kongthun.welfare.disasters.models import DisasterClaim, DisasterEvent
from kongthun.welfare.disasters.relief import relief_receive, relief_send
from kongthun.welfare.disasters.selectors import residents_in_area

__all__ = ["DisasterLine", "disaster_batch_submit", "disaster_claims_approve", "disaster_claims_pay",
           "disaster_register", "relief_receive", "relief_send"]

RECORD = Permission.POST_ENTRIES  # the treasurer registers the event, submits and pays the batch
DECIDE = Permission.DECIDE_CLAIMS  # the committee approves


def _fund(organization: Organization) -> Organization:
    return organization_locked(organization, {OrgKind.WELFARE_FUND}, "เหตุภัยพิบัติบันทึกได้เฉพาะกองทุนสวัสดิการชุมชน",
                               "Disaster events belong to a community welfare fund")


def event_snapshot(e: DisasterEvent) -> dict:
    return {"number": e.number, "ref": e.ref, "kind": e.kind, "name": e.name,
            "started_on": e.started_on.isoformat(), "ended_on": e.ended_on.isoformat() if e.ended_on else None,
            "area": e.area, "outside_why": e.outside_why}


@transaction.atomic
def disaster_register(
    *,
    organization: Organization,
    kind: str,
    name: str,
    started_on: date,
    area: Iterable[domain.AreaItem | dict | tuple],
    actor: Actor,
    ended_on: date | None = None,
    outside_why: str = "",
) -> DisasterEvent:
    """Register a disaster (บันทึกเหตุภัยพิบัติ): its kind, name, dates and the tambons or villages hit.
    An area outside the fund's own tambon needs the reason. The same event again returns the one registered."""
    actor.scope.require(RECORD, organization.pk)
    org = _fund(organization)
    k = choice(domain.DisasterKind, kind, where="kind")
    items = domain.area_of(area)
    tambons = {x.tambon for x in items}
    known = frozenset(Tambon.objects.filter(code__in=tambons).values_list("code", flat=True))
    domain.check_event(name=name, started_on=started_on, ended_on=ended_on, area=items, known_tambons=known,
                       fund_tambons=frozenset({org.tambon_id} - {None}), outside_why=outside_why)
    prior = DisasterEvent.objects.filter(organization=org, name=name.strip(), started_on=started_on).first()
    if prior is not None:  # the same event sent again (a double click, a retry): registered once
        if (prior.kind, prior.ended_on, prior.area) == (k.value, ended_on, [x.as_dict() for x in items]):
            return prior
        raise DomainError("conflict.event_exists", f"มีเหตุการณ์ '{prior.name}' วันเดียวกันบันทึกไว้แล้ว (เลขที่ {prior.number})",
                          f"An event '{prior.name}' on the same day is already registered (no. {prior.number})",
                          "name")
    number = (DisasterEvent.objects.filter(organization=org).aggregate(n=Max("number"))["n"] or 0) + 1
    event = DisasterEvent.objects.create(
        organization=org, number=number, ref=f"ภัยพิบัติ {number}: {name.strip()}"[:100], kind=k.value,
        name=name.strip(), started_on=started_on, ended_on=ended_on, area=[x.as_dict() for x in items],
        outside_why=outside_why.strip()[:300], recorded_by_id=actor.user_id, recorded_at=utc_now())
    audit_record(actor=actor, action="disaster_register", obj_type="disaster_event", obj_id=event.pk,
                 organization_id=org.pk, before=None, after=event_snapshot(event), why=outside_why)
    return event


def _locked_event(event: DisasterEvent) -> DisasterEvent:
    return DisasterEvent.objects.select_for_update().select_related("organization").get(pk=event.pk)


def event_claims(event: DisasterEvent) -> list[Claim]:
    """The event's claims, in claim-number order (the batch as it was submitted)."""
    return list(Claim.objects.filter(disaster_link__event=event).select_related("membership", "organization")
                .order_by("number"))


@transaction.atomic
def disaster_batch_submit(
    *,
    event: DisasterEvent,
    lines: Sequence[DisasterLine],
    on: date,
    actor: Actor,
    evidence: Iterable[str] = (),
) -> list[Claim]:
    """Submit the claims of the households the treasurer confirmed were hit (ยื่นคำขอภัยพิบัติทั้งชุด), all
    or nothing. Each member must be an active member living in the event's area; each line is judged by
    the regulation; a refusal names the line and the member. The same batch again returns its claims."""
    actor.scope.require(RECORD, event.organization_id)
    e = _locked_event(event)
    lines = tuple(lines)
    living = {r.membership_id: r for r in residents_in_area(e.organization_id, e.area_items)}
    for i, line in enumerate(lines, start=1):
        if line.membership_id not in living:
            m = Membership.objects.filter(pk=line.membership_id, organization_id=e.organization_id).first()
            who = m.member_no if m else str(line.membership_id)
            raise DomainError("invalid.not_in_area",
                              f"บรรทัดที่ {i} (สมาชิกเลขที่ {who}): ไม่ใช่สมาชิกที่ยังเป็นสมาชิกอยู่และอาศัยในพื้นที่ประสบภัย",
                              f"Line {i} (member {who}): not an active member living in the area hit", f"lines[{i}]")
    claims = disaster_claims_submit(organization=e.organization, event_ref=e.ref, event_date=e.started_on,
                                    lines=lines, actor=actor, evidence=evidence, on=on)
    new = [DisasterClaim(event=e, claim=c) for c in claims if not DisasterClaim.objects.filter(claim=c).exists()]
    if new:
        DisasterClaim.objects.bulk_create(new)
        audit_record(actor=actor, action="disaster_batch_submit", obj_type="disaster_event", obj_id=e.pk,
                     organization_id=e.organization_id, before=None,
                     after={"ref": e.ref, "claims": [c.number for c in claims],
                            "amount": sum(c.amount for c in claims), "on": on.isoformat()})
    return claims


def _batch_error(c: Claim, exc: DomainError) -> DomainError:
    who_th, who_en = f"คำขอเลขที่ {c.number} (สมาชิกเลขที่ {c.membership.member_no})", \
        f"claim no. {c.number} (member {c.membership.member_no})"
    return DomainError(exc.code, f"{who_th}: {exc.message_th} ทั้งชุดจึงยังไม่ถูกบันทึก",
                       f"{who_en}: {exc.message_en}; nothing in the batch was recorded", exc.where, exc.details)


@transaction.atomic
def disaster_claims_approve(*, event: DisasterEvent, on: date, actor: Actor, reason: str = "") -> list[Claim]:
    """Approve every claim of the batch still waiting (อนุมัติทั้งชุด), all or nothing: a committee member
    who submitted none of them. Claims already approved, paid or rejected stay as they are."""
    actor.scope.require(DECIDE, event.organization_id)
    e = _locked_event(event)
    claims = event_claims(e)
    waiting = [c for c in claims if c.status == ClaimStatus.SUBMITTED]
    if not claims:
        raise DomainError("conflict.no_claims", "เหตุการณ์นี้ยังไม่มีคำขอ", "The event has no claims yet", "event")
    for c in waiting:
        try:
            claim_approve(claim=c, on=on, actor=actor, reason=reason)
        except DomainError as exc:
            raise _batch_error(c, exc) from exc
    if waiting:
        audit_record(actor=actor, action="disaster_claims_approve", obj_type="disaster_event", obj_id=e.pk,
                     organization_id=e.organization_id, before=None, why=reason,
                     after={"ref": e.ref, "approved": [c.number for c in waiting], "on": on.isoformat()})
    return event_claims(e)


@transaction.atomic
def disaster_claims_pay(*, event: DisasterEvent, paid_on: date, actor: Actor,
                        cash_account: str = "1101") -> list[Claim]:
    """Pay the batch (จ่ายสวัสดิการภัยพิบัติทั้งชุด), all or nothing: every approved claim is paid through
    `claim_pay`, each its own entry. Refused while a claim still waits for approval, or when the cash
    account holds less than the batch. Paying again pays nothing twice."""
    actor.scope.require(RECORD, event.organization_id)
    e = _locked_event(event)
    claims = event_claims(e)
    if not claims:
        raise DomainError("conflict.no_claims", "เหตุการณ์นี้ยังไม่มีคำขอ", "The event has no claims yet", "event")
    waiting = [c.number for c in claims if c.status == ClaimStatus.SUBMITTED]
    if waiting:
        listed = ", ".join(str(n) for n in waiting)
        raise DomainError("conflict.batch_not_approved",
                          f"คำขอเลขที่ {listed} ยังรอการอนุมัติ ให้กรรมการอนุมัติทั้งชุดก่อนจ่าย",
                          f"Claims {listed} still wait for approval: a committee member approves the batch first",
                          "status", {"claims": waiting})
    due = [c for c in claims if c.status == ClaimStatus.APPROVED]
    if cash_account not in CASH_ACCOUNTS:
        raise DomainError("invalid.cash_account", f"จ่ายได้จากบัญชี {', '.join(CASH_ACCOUNTS)} เท่านั้น",
                          f"Pay from one of the accounts {', '.join(CASH_ACCOUNTS)}", "cash_account")
    total = sum(c.amount for c in due)
    Organization.objects.select_for_update().get(pk=e.organization_id)
    cash = Account.objects.filter(organization_id=e.organization_id, code=cash_account).values_list(
        "balance", flat=True).first() or 0
    if cash < total:
        raise DomainError("conflict.insufficient_cash",
                          f"เงินในบัญชี {cash_account} มี {format_baht(cash)} ไม่พอจ่ายทั้งชุด {format_baht(total)}",
                          f"Account {cash_account} holds {format_baht(cash, unit='baht')}, not enough for the "
                          f"batch of {format_baht(total, unit='baht')}", "cash_account")
    for c in due:
        try:
            claim_pay(claim=c, paid_on=paid_on, actor=actor, cash_account=cash_account)
        except DomainError as exc:
            raise _batch_error(c, exc) from exc
    if due:
        audit_record(actor=actor, action="disaster_claims_pay", obj_type="disaster_event", obj_id=e.pk,
                     organization_id=e.organization_id, before=None,
                     after={"ref": e.ref, "paid": [c.number for c in due], "amount": total,
                            "paid_on": paid_on.isoformat(), "cash_account": cash_account})
    return event_claims(e)
