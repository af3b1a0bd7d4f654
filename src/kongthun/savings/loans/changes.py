"""Restructuring and write-off (ปรับโครงสร้างหนี้, ตัดหนี้สูญ), provisioning (ตั้งค่าเผื่อหนี้สงสัยจะสูญ) and arrears
follow-up (ติดตามหนี้, แจ้งผู้ค้ำ).

A restructuring or a write-off is asked for (`loan_change_request`), decided by a committee member who
is not the asker, the borrower or a guarantor (`loan_change_approve` / `loan_change_reject`), then
carried out by the treasurer (`loan_restructure`, `loan_write_off`), which posts the entry. A
restructuring keeps the old schedule and starts a new version; unpaid interest and fines are added to
the principal (debit 1201, credit 4401 and 4402). A write-off credits 1201 and debits the allowance 1209
as far as it goes, the rest 5202.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation

from django.db import transaction

from kongthun.audit.actions import Actor, audit_record
from kongthun.clock import utc_now
from kongthun.errors import DomainError, choice
from kongthun.ledger.actions import entry_post
from kongthun.ledger.domain import credit, debit
from kongthun.money import Satang, format_baht
from kongthun.orgs.models import Organization
from kongthun.savings.domain.aging import ProvisionRow, validate_table
from kongthun.savings.domain.schedule import Frequency, Method, Terms, check_terms
from kongthun.savings.loans.actions import (
    DECIDE,
    FINES,
    INTEREST,
    LOANS,
    RECORD,
    check_checker,
    event_add,
    locked,
    require_status,
    savings_group_locked,
    snapshot,
    write_schedule,
)
from kongthun.savings.loans.models import (
    ChangeKind,
    ChangeStatus,
    EventKind,
    Guarantee,
    GuarantorNotice,
    Loan,
    LoanChange,
    LoanStatus,
    ProvisionTable,
)
from kongthun.savings.loans.selectors import ALLOWANCE, allowance_held, portfolio, positions
from kongthun.savings.loans.state import last_money_date, loan_due

LOSS = "5202"


def _err(code: str, th: str, en: str, where: str = "") -> DomainError:
    return DomainError(code, th, en, where)


def _change_snapshot(c: LoanChange) -> dict:
    return {"loan": c.loan.number, "kind": c.kind, "status": c.status, "terms": c.terms, "reason": c.reason}


def _new_terms(loan: Loan, terms: dict) -> dict:
    """Check the new terms of a restructuring: rate, method, frequency, months (defaults: the loan's)."""
    try:
        rate = Decimal(str(terms.get("annual_rate", loan.annual_rate)))
    except InvalidOperation:
        raise _err("invalid.loan_rate", "อัตราดอกเบี้ยไม่ถูกต้อง", "The interest rate is not a number",
                   "annual_rate") from None
    method = choice(Method, terms.get("method", loan.method), where="method")
    frequency = choice(Frequency, terms.get("frequency", loan.frequency), where="frequency")
    months = int(terms.get("term_months", loan.term_months))
    check_terms(Terms(max(loan.outstanding, 1), rate, method, months, frequency, date(2000, 1, 1)))
    return {"annual_rate": str(rate), "method": method.value, "frequency": frequency.value, "term_months": months}


@transaction.atomic
def loan_change_request(*, loan: Loan, kind: str, on: date, reason: str, actor: Actor,
                        terms: dict | None = None) -> LoanChange:
    """Ask the committee to restructure (new terms) or write off a running loan, with the reason."""
    actor.scope.require(RECORD, loan.organization_id)
    loan = locked(loan)
    kind = choice(ChangeKind, kind, where="kind").value
    require_status(loan, LoanStatus.ACTIVE)
    if not reason.strip():
        raise _err("invalid.reason_required", "กรุณาระบุเหตุผล", "Give the reason", "reason")
    if LoanChange.objects.filter(loan=loan, status__in=[ChangeStatus.REQUESTED, ChangeStatus.APPROVED]).exists():
        raise _err("conflict.change_pending", f"สัญญา {loan.number} มีคำขอที่ยังไม่เสร็จอยู่แล้ว",
                   f"Loan {loan.number} already has a request in progress", "loan")
    clean = _new_terms(loan, terms or {}) if kind == ChangeKind.RESTRUCTURE else {}
    change = LoanChange.objects.create(organization_id=loan.organization_id, loan=loan, kind=kind, terms=clean,
                                       reason=reason.strip()[:300], requested_on=on, requested_by_id=actor.user_id)
    audit_record(actor=actor, action="loan_change_request", obj_type="loan_change", obj_id=change.pk,
                 organization_id=loan.organization_id, before=None, after=_change_snapshot(change), why=reason)
    return change


def _locked_change(change: LoanChange) -> LoanChange:
    return LoanChange.objects.select_for_update().select_related("loan__membership").get(pk=change.pk)


def _decide_change(change: LoanChange, actor: Actor, status: str, on: date, reason: str) -> LoanChange:
    actor.scope.require(DECIDE, change.organization_id)
    c = _locked_change(change)
    if c.status != ChangeStatus.REQUESTED:
        raise _err("conflict.change_status", "คำขอนี้ได้รับการพิจารณาแล้ว", "This request has already been decided",
                   "status")
    check_checker(c.loan, actor, c.requested_by_id, "คำขอ", "request")
    before = _change_snapshot(c)
    c.status, c.decided_by_id, c.decided_on, c.decision_reason = status, actor.user_id, on, reason[:300]
    c.save(update_fields=["status", "decided_by", "decided_on", "decision_reason"])
    audit_record(actor=actor, action=f"loan_change_{status}", obj_type="loan_change", obj_id=c.pk,
                 organization_id=c.organization_id, before=before, after=_change_snapshot(c), why=reason)
    return c


@transaction.atomic
def loan_change_approve(*, change: LoanChange, actor: Actor, on: date, reason: str = "") -> LoanChange:
    """The committee approves a restructuring or write-off (maker-checker)."""
    return _decide_change(change, actor, ChangeStatus.APPROVED, on, reason)


@transaction.atomic
def loan_change_reject(*, change: LoanChange, actor: Actor, on: date, reason: str) -> LoanChange:
    if not reason.strip():
        raise _err("invalid.reason_required", "กรุณาระบุเหตุผลที่ไม่อนุมัติ", "Give the reason for rejecting", "reason")
    return _decide_change(change, actor, ChangeStatus.REJECTED, on, reason)


def _approved(change: LoanChange, kind: str, on: date) -> LoanChange:
    c = _locked_change(change)
    if c.kind != kind or c.status != ChangeStatus.APPROVED:
        raise _err("conflict.change_not_approved", "คำขอนี้ยังไม่ได้รับอนุมัติจากกรรมการ (หรือดำเนินการไปแล้ว)",
                   "This request has not been approved by the committee (or was already carried out)", "change")
    if on < c.decided_on:
        raise _err("invalid.before_approval", "วันที่ดำเนินการก่อนวันที่อนุมัติ", "The date is before the approval",
                   "on")
    return c


def _check_date(loan: Loan, on: date) -> None:
    last = last_money_date(loan)
    if last is not None and on < last:
        raise _err("invalid.backdated", "วันที่ก่อนรายการล่าสุดของสัญญา", "The date is before the loan's last entry",
                   "on")


def _carry_out(change: LoanChange, kind: str, on: date, actor: Actor) -> tuple[Organization, LoanChange, Loan]:
    """What carrying out an approved change starts with: the recorder's scope, the group, the change and
    the active loan locked, and `on` a date the loan allows."""
    actor.scope.require(RECORD, change.organization_id)
    org = savings_group_locked(change.loan.organization)
    c = _approved(change, kind, on)
    loan = locked(c.loan)
    require_status(loan, LoanStatus.ACTIVE)
    _check_date(loan, on)
    return org, c, loan


@transaction.atomic
def loan_restructure(*, change: LoanChange, on: date, actor: Actor) -> Loan:
    """Carry out an approved restructuring (ปรับโครงสร้างหนี้): unpaid interest and fines to date are added to
    the principal by one entry, and a new schedule version starts on `on`; the old one is kept."""
    org, c, loan = _carry_out(change, ChangeKind.RESTRUCTURE, on, actor)
    due = loan_due(loan, on)
    before = snapshot(loan)
    entry = None
    added = due.fine + due.interest
    if added:
        lines = [debit(LOANS, added)] + [credit(code, part) for code, part in ((INTEREST, due.interest),
                                                                              (FINES, due.fine)) if part]
        entry = entry_post(organization=org, date=on, lines=lines, actor=actor, source="loan_restructure",
                           memo=f"ปรับโครงสร้างหนี้สัญญา {loan.number}: รวมดอกเบี้ยและค่าปรับค้างเข้าเงินต้น"[:300],
                           idempotency_key=f"loan-restructure-{c.pk}")
    t = c.terms
    loan.version += 1
    loan.outstanding += added
    loan.annual_rate, loan.method, loan.frequency, loan.term_months = (Decimal(t["annual_rate"]), t["method"],
                                                                       t["frequency"], t["term_months"])
    loan.save(update_fields=["version", "outstanding", "annual_rate", "method", "frequency", "term_months"])
    write_schedule(loan, Terms(loan.outstanding, loan.annual_rate, Method(loan.method), loan.term_months,
                               Frequency(loan.frequency), on), loan.version, c.reason)
    event = event_add(loan, EventKind.RESTRUCTURE, on, actor, fine=due.fine, interest=due.interest, principal=added,
                   entry=entry, note=c.reason)
    c.status, c.event = ChangeStatus.DONE, event
    c.save(update_fields=["status", "event"])
    audit_record(actor=actor, action="loan_restructure", obj_type="loan", obj_id=loan.pk,
                 organization_id=loan.organization_id, before=before,
                 after={**snapshot(loan), "capitalised": added, "entry": entry.number if entry else None})
    return loan


@transaction.atomic
def loan_write_off(*, change: LoanChange, on: date, actor: Actor) -> Loan:
    """Carry out an approved write-off (ตัดหนี้สูญ): credit 1201 with the principal owed; debit the allowance
    1209 as far as it goes, the rest to 5202. The loan stays on record, written off."""
    org, c, loan = _carry_out(change, ChangeKind.WRITE_OFF, on, actor)
    before = snapshot(loan)
    owed = loan.outstanding
    from_allowance = min(owed, max(0, allowance_held(org.pk)))
    lines = [debit(code, part) for code, part in ((ALLOWANCE, from_allowance), (LOSS, owed - from_allowance)) if part]
    entry = entry_post(organization=org, date=on, lines=lines + [credit(LOANS, owed)], actor=actor,
                       source="loan_write_off", memo=f"ตัดหนี้สูญสัญญา {loan.number}: {c.reason}"[:300],
                       idempotency_key=f"loan-write-off-{c.pk}")
    loan.outstanding, loan.status, loan.closed_on = 0, LoanStatus.WRITTEN_OFF, on
    loan.save(update_fields=["outstanding", "status", "closed_on"])
    event = event_add(loan, EventKind.WRITE_OFF, on, actor, principal=-owed, entry=entry, note=c.reason)
    c.status, c.event = ChangeStatus.DONE, event
    c.save(update_fields=["status", "event"])
    audit_record(actor=actor, action="loan_write_off", obj_type="loan", obj_id=loan.pk,
                 organization_id=loan.organization_id, before=before,
                 after={**snapshot(loan), "written_off": owed, "from_allowance": from_allowance,
                        "entry": entry.number})
    return loan


# --- provisioning -----------------------------------------------------------------------------------


def parse_table(text: str) -> list[tuple[int, Decimal]]:
    """'0:0, 31:35, 366:100' -> [(0, 0), (31, 35), (366, 100)]: from days overdue, percent."""
    rows = []
    for i, part in enumerate(p for p in text.replace(";", ",").split(",") if p.strip()):
        days, _, percent = part.partition(":")
        try:
            rows.append((int(days.strip()), Decimal(percent.strip())))
        except (ValueError, InvalidOperation):
            raise _err("invalid.provision_table", f"'{part.strip()}' ต้องเขียนเป็น วัน:ร้อยละ เช่น 31:35",
                       f"'{part.strip()}' should read days:percent, e.g. 31:35", f"provision_table[{i + 1}]") from None
    return rows


@transaction.atomic
def loan_provision_table_set(*, organization: Organization, rows: list[tuple[int, Decimal]], actor: Actor,
                             why: str = "") -> ProvisionTable:
    """Set the group's provisioning table (committee): [(from days overdue, percent), ...]."""
    actor.scope.require(DECIDE, organization.pk)
    org = savings_group_locked(organization)
    table = validate_table([ProvisionRow(int(d), Decimal(str(p))) for d, p in rows])
    data = [[r.from_days, str(r.percent)] for r in table]
    row, _ = ProvisionTable.objects.update_or_create(
        organization=org, defaults={"rows": data, "recorded_by_id": actor.user_id, "recorded_at": utc_now()})
    audit_record(actor=actor, action="loan_provision_table_set", obj_type="provision_table", obj_id=row.pk,
                 organization_id=org.pk, before=None, after={"rows": data}, why=why)
    return row


@transaction.atomic
def loan_provision_post(*, organization: Organization, on: date, actor: Actor) -> Satang:
    """Bring the loan-loss allowance (1209) to the provision the table requires on `on`: debit 5202 credit
    1209 to raise it, the reverse to release it. Returns the change (0: nothing to post)."""
    actor.scope.require(RECORD, organization.pk)
    org = savings_group_locked(organization)
    required = portfolio(org.pk, on).provision_required
    held = allowance_held(org.pk)
    delta = required - held
    if delta:
        lines = [debit(LOSS, delta), credit(ALLOWANCE, delta)] if delta > 0 else [
            debit(ALLOWANCE, -delta), credit(LOSS, -delta)]
        entry_post(organization=org, date=on, lines=lines, actor=actor, source="loan_provision",
                   memo=f"ปรับค่าเผื่อหนี้สงสัยจะสูญเป็น {format_baht(required)}"[:300])
    audit_record(actor=actor, action="loan_provision_post", obj_type="organization", obj_id=org.pk,
                 organization_id=org.pk, before={"allowance": held},
                 after={"allowance": required, "on": on.isoformat()})
    return delta


# --- arrears follow-up ------------------------------------------------------------------------------


@transaction.atomic
def loan_guarantors_notify(*, organization: Organization, on: date, actor: Actor, min_days: int = 1) -> int:
    """Record a notice to each guarantor of each loan overdue at least `min_days` (แจ้งผู้ค้ำประกัน), once per
    spell of arrears. Returns how many notices were written."""
    actor.scope.require(RECORD, organization.pk)
    org = savings_group_locked(organization)
    running = Loan.objects.filter(organization=org, status=LoanStatus.ACTIVE).select_related("membership")
    written = 0
    for p in positions(running, on):
        if p.due is None or p.days_overdue < min_days:
            continue
        told = []
        for g in Guarantee.objects.filter(loan=p.loan).select_related("membership"):
            _, made = GuarantorNotice.objects.get_or_create(
                loan=p.loan, membership_id=g.membership_id, overdue_since=p.due.oldest_unpaid_due,
                defaults={"organization": org, "notified_on": on, "days_overdue": p.days_overdue,
                          "overdue": p.due.overdue, "recorded_by_id": actor.user_id})
            if made:
                told.append(g.membership.member_no)
        if told:  # the loan's history says so too
            event_add(p.loan, EventKind.NOTICE, on, actor, note=f"{', '.join(told)} ({p.days_overdue} วัน/days)")
            written += len(told)
    audit_record(actor=actor, action="loan_guarantors_notify", obj_type="organization", obj_id=org.pk,
                 organization_id=org.pk, before=None, after={"on": on.isoformat(), "notices": written})
    return written


@transaction.atomic
def loan_follow_up(*, loan: Loan, on: date, note: str, actor: Actor) -> None:
    """Record what the committee did about a loan in arrears (บันทึกการติดตามหนี้)."""
    if not actor.scope.can(DECIDE, loan.organization_id):
        actor.scope.require(RECORD, loan.organization_id)
    if not note.strip():
        raise _err("invalid.note_required", "กรุณาบันทึกสิ่งที่ทำ", "Write down what was done", "note")
    loan = locked(loan)
    event_add(loan, EventKind.FOLLOW_UP, on, actor, note=note.strip()[:300])
    audit_record(actor=actor, action="loan_follow_up", obj_type="loan", obj_id=loan.pk,
                 organization_id=loan.organization_id, before=None, after={"on": on.isoformat(), "note": note})
