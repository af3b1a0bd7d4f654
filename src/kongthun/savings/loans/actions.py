"""The only writer of loan products and loans (สินเชื่อ): set a product, apply, approve or reject,
disburse, repay. Restructuring, write-off, provisioning and arrears follow-up are in `changes.py`.

Every movement of money is one balanced entry: disbursement debits 1201 and credits cash; a repayment
debits cash and credits 4402 fines, 4401 interest and 1201 principal. A loan's `outstanding` always
equals the sum of its entries' lines on 1201 (`kongthun check` verifies it).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from django.db import models, transaction
from django.db.models import Max, Sum

from kongthun.access.domain import Permission
from kongthun.access.models import RoleGrant
from kongthun.audit.actions import Actor, audit_record
from kongthun.clock import format_be, utc_now
from kongthun.errors import DomainError, require_idempotency_key
from kongthun.ledger.actions import accounts_seed, entry_post
from kongthun.ledger.charts import CASH_ACCOUNTS
from kongthun.ledger.domain import credit, debit
from kongthun.ledger.models import Account
from kongthun.money import Satang, format_baht, round_satang
from kongthun.orgs.actions import organization_locked
from kongthun.orgs.domain import OrgKind
from kongthun.orgs.models import Organization
from kongthun.people.models import Membership, MembershipStatus
from kongthun.savings.domain.allocation import allocate
from kongthun.savings.domain.schedule import Frequency, Method, Terms, check_terms, schedule
from kongthun.savings.loans.models import (
    OPEN_STATUSES,
    EventKind,
    Guarantee,
    Instalment,
    Loan,
    LoanEvent,
    LoanProduct,
    LoanStatus,
    Purpose,
    ScheduleVersion,
)
from kongthun.savings.loans.state import last_money_date, loan_due

LOANS, CASH, INTEREST, FINES = "1201", "1101", "4401", "4402"
RECORD = Permission.POST_ENTRIES  # the treasurer records applications, disbursements, repayments
DECIDE = Permission.APPROVE_LOANS  # the committee decides


def _err(code: str, th: str, en: str, where: str = "", **details) -> DomainError:
    return DomainError(code, th, en, where, details)


def savings_group_locked(organization: Organization) -> Organization:
    org = organization_locked(organization, (OrgKind.SAVINGS_GROUP, OrgKind.OTHER_FINANCE),
                              "เงินกู้ใช้ได้กับกลุ่มออมทรัพย์หรือองค์กรการเงินชุมชนเท่านั้น",
                              "Loans belong to a savings group or another community finance organization")
    accounts_seed(organization=org)
    return org


def event_add(loan: Loan, kind: str, on: date, actor: Actor, **fields) -> LoanEvent:
    return LoanEvent.objects.create(organization_id=loan.organization_id, loan=loan, kind=kind, on=on,
                                    version=loan.version, recorded_by_id=actor.user_id, recorded_at=utc_now(),
                                    **fields)


def snapshot(loan: Loan) -> dict:
    return {"number": loan.number, "member_no": loan.membership.member_no, "status": loan.status,
            "amount": loan.amount, "outstanding": loan.outstanding, "version": loan.version,
            "rate": str(loan.annual_rate), "method": loan.method, "term_months": loan.term_months}


# --- application ------------------------------------------------------------------------------------


def loan_limit(product: LoanProduct, membership: Membership, on: date) -> tuple[Satang | None, list[list[str]]]:
    """The most this member may borrow under the product, with the explanation the committee reads."""
    limits, why = [], []
    if product.max_amount:
        limits.append(product.max_amount)
        why.append([f"วงเงินสูงสุดของประเภทเงินกู้ {format_baht(product.max_amount)}",
                    f"The product's maximum is {format_baht(product.max_amount, unit='baht')}"])
    if product.savings_multiple is not None:
        from kongthun.savings.accounts.selectors import savings_balance

        saved = savings_balance(membership.pk, on)
        cap = round_satang(Decimal(saved) * product.savings_multiple)
        limits.append(cap)
        why.append([f"{product.savings_multiple} เท่าของเงินออม {format_baht(saved)} = {format_baht(cap)}",
                    f"{product.savings_multiple} times savings of {format_baht(saved, unit='baht')} = "
                    f"{format_baht(cap, unit='baht')}"])
    return (min(limits) if limits else None), why


def _member(org: Organization, membership_id: int, where: str, on: date) -> Membership:
    m = Membership.objects.filter(organization=org, pk=membership_id).select_related("person").first()
    if m is None:
        raise _err("not_found.membership", f"ไม่พบสมาชิกรหัส {membership_id} ในกลุ่มนี้",
                   f"No member {membership_id} in this group", where)
    if m.status != MembershipStatus.ACTIVE or m.person.deceased_on is not None or m.joined_on > on:
        raise _err("conflict.member_inactive", f"สมาชิกเลขที่ {m.member_no} ไม่ได้เป็นสมาชิกอยู่ ณ วันที่ยื่น",
                   f"Member {m.member_no} is not an active member on that date", where)
    return m


def _shares(amount: Satang, n: int) -> list[Satang]:
    each, rest = divmod(amount, n)
    return [each + (1 if i < rest else 0) for i in range(n)]


def guarantor_exposure(membership: Membership) -> Satang:
    """What a member stands guarantee for now (ภาระค้ำประกัน): the full amount on applications and approved
    loans; on a running loan, their share of the principal still owed (never more than they signed for)."""
    total = 0
    for amount, status, owed, lent in Guarantee.objects.filter(
            membership=membership, loan__status__in=OPEN_STATUSES).values_list(
            "amount", "loan__status", "loan__outstanding", "loan__amount"):
        total += min(amount, amount * owed // lent) if status == LoanStatus.ACTIVE else amount
    return total


def _check_guarantors(org: Organization, product: LoanProduct, borrower: Membership, ids: Sequence[int],
                      amount: Satang, on: date) -> list[tuple[Membership, Satang]]:
    if len(ids) < product.guarantors_required:
        raise _err("invalid.guarantors_missing",
                   f"ประเภทเงินกู้นี้ต้องมีผู้ค้ำประกัน {product.guarantors_required} คน (มี {len(ids)} คน)",
                   f"This product needs {product.guarantors_required} guarantor(s); {len(ids)} given", "guarantor_ids")
    if len(set(ids)) != len(ids):
        raise _err("invalid.guarantor_duplicate", "ระบุผู้ค้ำประกันคนเดียวกันซ้ำ", "A guarantor is named twice",
                   "guarantor_ids")
    out = []
    for i, (gid, share) in enumerate(zip(ids, _shares(amount, len(ids)) if ids else [], strict=True), start=1):
        where = f"guarantor_ids[{i}]"
        g = _member(org, gid, where, on)
        if g.pk == borrower.pk:
            raise _err("invalid.guarantor_is_borrower", "ผู้กู้ค้ำประกันเงินกู้ของตนเองไม่ได้",
                       "A borrower cannot guarantee their own loan", where)
        held = guarantor_exposure(g)
        if product.guarantor_limit and held + share > product.guarantor_limit:
            raise _err("conflict.guarantor_exposure",
                       f"สมาชิกเลขที่ {g.member_no} ค้ำประกันอยู่แล้ว {format_baht(held)} เมื่อรวม {format_baht(share)} "
                       f"จะเกินวงเงินค้ำประกัน {format_baht(product.guarantor_limit)}",
                       f"Member {g.member_no} already guarantees {format_baht(held, unit='baht')}; another "
                       f"{format_baht(share, unit='baht')} would exceed the limit of "
                       f"{format_baht(product.guarantor_limit, unit='baht')}", where,
                       held=held, share=share, limit=product.guarantor_limit)
        out.append((g, share))
    return out


@transaction.atomic
def loan_apply(*, organization: Organization, membership: Membership, product: LoanProduct, amount: Satang,
               term_months: int, purpose: str, guarantor_ids: Sequence[int], applied_on: date, actor: Actor,
               idempotency_key: str | None = None, refinances: str = "") -> Loan:
    """Record a loan application (คำขอกู้เงิน), checked against the product's limits and the guarantors'
    exposure; it waits for the committee. The same idempotency key returns the application already made."""
    actor.scope.require(RECORD, organization.pk)
    org = savings_group_locked(organization)
    if idempotency_key:
        prior = Loan.objects.filter(organization=org, idempotency_key=idempotency_key).first()
        if prior is not None:
            if (prior.membership_id, prior.amount, prior.term_months, prior.applied_on) == (
                    membership.pk, amount, term_months, applied_on):
                return prior
            raise _err("conflict.idempotency_mismatch", "รหัสป้องกันการส่งซ้ำนี้ถูกใช้กับคำขออื่นแล้ว",
                       "This idempotency key was already used for another application", "idempotency_key")
    if product.organization_id != org.pk or not product.active:
        raise _err("not_found.loan_product", "ไม่พบประเภทเงินกู้นี้ในกลุ่ม (หรือเลิกใช้แล้ว)",
                   "No such loan product in this group (or it is no longer offered)", "product")
    borrower = _member(org, membership.pk, "membership", applied_on)
    purpose_value = purpose if purpose in Purpose.values else product.purpose
    if term_months > product.max_term_months:
        raise _err("invalid.loan_term_too_long", f"ระยะเวลากู้ {term_months} เดือน เกินที่กำหนด "
                   f"{product.max_term_months} เดือน", f"A term of {term_months} months is longer than the "
                   f"product's {product.max_term_months}", "term_months")
    check_terms(Terms(amount, product.annual_rate, Method(product.method), term_months, Frequency(product.frequency),
                      applied_on))
    limit, why = loan_limit(product, borrower, applied_on)
    if limit is not None and amount > limit:
        raise _err("invalid.loan_above_limit", f"ขอกู้ {format_baht(amount)} เกินวงเงินที่กู้ได้ {format_baht(limit)} "
                   f"({'; '.join(w[0] for w in why)})", f"{format_baht(amount, unit='baht')} is above the limit of "
                   f"{format_baht(limit, unit='baht')} ({'; '.join(w[1] for w in why)})", "amount", limit=limit)
    guarantors = _check_guarantors(org, product, borrower, list(guarantor_ids), amount, applied_on)
    why = why + _committee_notes(borrower, guarantors)
    year_name = org.accounting_year.name_of(applied_on)
    seq = (Loan.objects.filter(organization=org, year_name=year_name).aggregate(m=Max("seq"))["m"] or 0) + 1
    loan = Loan.objects.create(
        organization=org, year_name=year_name, seq=seq, number=f"{year_name}/{seq:04d}", membership=borrower,
        product=product, purpose=purpose_value, purpose_note=purpose if purpose not in Purpose.values else "",
        refinances=refinances[:300], amount=amount, annual_rate=product.annual_rate, method=product.method,
        frequency=product.frequency, term_months=term_months, fine_amount=product.fine_amount,
        grace_days=product.grace_days, whole_period_interest=product.whole_period_interest,
        applied_on=applied_on, limit=limit if limit is not None else amount,
        explanation=why, recorded_by_id=actor.user_id, recorded_at=utc_now(), idempotency_key=idempotency_key or None)
    Guarantee.objects.bulk_create(Guarantee(organization=org, loan=loan, membership=g, amount=share)
                                  for g, share in guarantors)
    event_add(loan, EventKind.APPLY, applied_on, actor, note=refinances[:300])
    audit_record(actor=actor, action="loan_apply", obj_type="loan", obj_id=loan.pk, organization_id=org.pk,
                 before=None, after={**snapshot(loan), "guarantors": [[g.member_no, s] for g, s in guarantors]})
    return loan


def _committee_notes(borrower: Membership, guarantors: list[tuple[Membership, Satang]]) -> list[list[str]]:
    """What else the committee should see: the borrower's loans still open, each guarantor's total."""
    notes = []
    owed = Loan.objects.filter(membership=borrower, status__in=OPEN_STATUSES).aggregate(
        n=models.Count("id"), s=Sum("outstanding"))
    if owed["n"]:
        notes.append([f"ผู้กู้มีสัญญาที่ยังไม่ปิด {owed['n']} สัญญา เงินต้นคงเหลือ {format_baht(owed['s'] or 0)}",
                      f"The borrower has {owed['n']} open loan(s), {format_baht(owed['s'] or 0, unit='baht')} owed"])
    for g, share in guarantors:
        held = guarantor_exposure(g)
        notes.append([f"ผู้ค้ำ {g.member_no} ค้ำสัญญานี้ {format_baht(share)} รวมทั้งหมด {format_baht(held + share)}",
                      f"Guarantor {g.member_no} guarantees {format_baht(share, unit='baht')} of it, "
                      f"{format_baht(held + share, unit='baht')} in all"])
    return notes


# --- committee decision -----------------------------------------------------------------------------


def locked(loan: Loan) -> Loan:
    return Loan.objects.select_for_update().select_related("membership", "organization", "product").get(pk=loan.pk)


def check_checker(loan: Loan, actor: Actor, recorded_by_id: int | None, what_th: str, what_en: str) -> None:
    """Maker-checker (ผู้บันทึกกับผู้อนุมัติต้องเป็นคนละคน): not the person who recorded it, not the borrower,
    not a guarantor."""
    if actor.user_id is None:
        raise _err("forbidden.decider_unnamed", f"การอนุมัติ{what_th}ต้องทำโดยกรรมการที่ระบุตัวได้",
                   f"A {what_en} is decided by a named committee member", "actor")
    if actor.user_id == recorded_by_id:
        raise _err("forbidden.maker_checker", f"คุณเป็นผู้บันทึก{what_th}ของสัญญา {loan.number} จึงพิจารณาเองไม่ได้",
                   f"You recorded the {what_en} of loan {loan.number}, so another committee member must decide it",
                   "actor")
    persons = set(RoleGrant.objects.filter(user_id=actor.user_id, person__isnull=False)
                  .values_list("person_id", flat=True))
    if loan.membership.person_id in persons:
        raise _err("forbidden.maker_checker", f"คุณเป็นผู้กู้ของสัญญา {loan.number} จึงพิจารณาเองไม่ได้",
                   f"You are the borrower of loan {loan.number}, so you may not decide it", "actor")
    if Guarantee.objects.filter(loan=loan, membership__person_id__in=persons).exists():
        raise _err("forbidden.maker_checker", f"คุณเป็นผู้ค้ำประกันสัญญา {loan.number} จึงพิจารณาเองไม่ได้",
                   f"You guarantee loan {loan.number}, so you may not decide it", "actor")


def require_status(loan: Loan, *wanted: str) -> None:
    if loan.status not in wanted:
        label = LoanStatus(loan.status).label
        raise _err("conflict.loan_status", f"สัญญา {loan.number} อยู่ในสถานะ '{label.split(' / ')[0]}'",
                   f"Loan {loan.number} is {label.split(' / ')[-1].lower()}", "status", status=loan.status)


def _decide(loan: Loan, actor: Actor, status: LoanStatus, on: date, reason: str, kind: str) -> Loan:
    actor.scope.require(DECIDE, loan.organization_id)
    loan = locked(loan)
    require_status(loan, LoanStatus.APPLIED)
    check_checker(loan, actor, loan.recorded_by_id, "คำขอกู้", "loan application")
    if on < loan.applied_on:
        raise _err("invalid.decided_before_applied", "วันที่พิจารณาก่อนวันที่ยื่นคำขอ",
                   "The decision date is before the application date", "on")
    before = snapshot(loan)
    loan.status, loan.decided_by_id, loan.decided_on, loan.decision_reason = status, actor.user_id, on, reason[:300]
    loan.save(update_fields=["status", "decided_by", "decided_on", "decision_reason"])
    event_add(loan, kind, on, actor, note=reason[:300])
    audit_record(actor=actor, action=f"loan_{kind}", obj_type="loan", obj_id=loan.pk,
                 organization_id=loan.organization_id, before=before, after=snapshot(loan), why=reason)
    return loan


@transaction.atomic
def loan_approve(*, loan: Loan, actor: Actor, on: date, reason: str = "") -> Loan:
    """Approve (อนุมัติ) an application: a committee member who is not the recorder, borrower or a guarantor."""
    return _decide(loan, actor, LoanStatus.APPROVED, on, reason, EventKind.APPROVE)


@transaction.atomic
def loan_reject(*, loan: Loan, actor: Actor, on: date, reason: str) -> Loan:
    """Reject (ไม่อนุมัติ) an application, with the reason; its guarantees no longer count."""
    if not reason.strip():
        raise _err("invalid.reason_required", "กรุณาระบุเหตุผลที่ไม่อนุมัติ", "Give the reason for rejecting", "reason")
    return _decide(loan, actor, LoanStatus.REJECTED, on, reason, EventKind.REJECT)


# --- money ------------------------------------------------------------------------------------------


def _cash_account(org: Organization, code: str) -> str:
    if code not in CASH_ACCOUNTS:
        raise _err("invalid.cash_account", f"ใช้ได้เฉพาะบัญชี {', '.join(CASH_ACCOUNTS)}",
                   f"Use one of the accounts {', '.join(CASH_ACCOUNTS)}", "cash_account")
    return code


def write_schedule(loan: Loan, terms: Terms, version: int, reason: str) -> None:
    ScheduleVersion.objects.create(organization_id=loan.organization_id, loan=loan, version=version,
                                   starts_on=terms.start, principal=terms.principal, annual_rate=terms.annual_rate,
                                   method=terms.method.value, frequency=terms.frequency.value,
                                   term_months=terms.term_months, reason=reason[:300])
    Instalment.objects.bulk_create(
        Instalment(organization_id=loan.organization_id, loan=loan, version=version, n=i.n, due_on=i.due,
                   principal=i.principal, interest=i.interest, balance_after=i.balance_after)
        for i in schedule(terms))


@transaction.atomic
def loan_disburse(*, loan: Loan, on: date, actor: Actor, cash_account: str = CASH) -> Loan:
    """Pay out an approved loan (จ่ายเงินกู้): debit 1201, credit cash; the schedule starts on this date.
    Disbursing a loan already disbursed returns it unchanged."""
    actor.scope.require(RECORD, loan.organization_id)
    org = savings_group_locked(loan.organization)
    loan = locked(loan)
    if loan.status == LoanStatus.ACTIVE and loan.disbursed_on is not None:
        return loan
    require_status(loan, LoanStatus.APPROVED)
    if on < loan.decided_on:
        raise _err("invalid.disbursed_before_approval", "วันที่จ่ายเงินกู้ก่อนวันที่อนุมัติ",
                   "The disbursement date is before the approval", "on")
    cash_account = _cash_account(org, cash_account)
    cash = Account.objects.filter(organization=org, code=cash_account).values_list("balance", flat=True).first() or 0
    if cash < loan.amount:
        raise _err("conflict.insufficient_cash", f"เงินในบัญชี {cash_account} มี {format_baht(cash)} ไม่พอจ่าย "
                   f"{format_baht(loan.amount)}", f"Account {cash_account} holds {format_baht(cash, unit='baht')}, "
                   f"not enough to lend {format_baht(loan.amount, unit='baht')}", "cash_account")
    before = snapshot(loan)
    entry = entry_post(organization=org, date=on, actor=actor, source="loan_disburse",
                       lines=[debit(LOANS, loan.amount), credit(cash_account, loan.amount)],
                       memo=f"จ่ายเงินกู้สัญญา {loan.number} สมาชิกเลขที่ {loan.membership.member_no}"[:300],
                       idempotency_key=f"loan-disburse-{loan.pk}")
    terms = Terms(principal=loan.amount, annual_rate=loan.annual_rate, method=Method(loan.method),
                  term_months=loan.term_months, frequency=Frequency(loan.frequency), start=on)
    loan.version, loan.status, loan.disbursed_on, loan.outstanding = 1, LoanStatus.ACTIVE, on, loan.amount
    loan.save(update_fields=["version", "status", "disbursed_on", "outstanding"])
    write_schedule(loan, terms, 1, "")
    event_add(loan, EventKind.DISBURSE, on, actor, amount=loan.amount, principal=loan.amount, entry=entry)
    audit_record(actor=actor, action="loan_disburse", obj_type="loan", obj_id=loan.pk,
                 organization_id=loan.organization_id, before=before, after={**snapshot(loan), "entry": entry.number})
    return loan


def _closed_refusal(loan: Loan) -> DomainError:
    when = format_be(loan.closed_on) if loan.closed_on else ""
    return _err("conflict.loan_closed", f"สัญญา {loan.number} ปิดบัญชีแล้ว {when} รับชำระไม่ได้".strip(),
                f"Loan {loan.number} is already closed; no repayment can be taken", "loan")


@transaction.atomic
def loan_repay(*, loan: Loan, amount: Satang, on: date, actor: Actor, idempotency_key: str,
               cash_account: str = CASH, memo: str = "") -> LoanEvent:
    """Take a repayment (รับชำระเงินกู้), split fine -> interest to date -> principal, as one entry. Paying
    everything owed closes the loan early with interest to date only. More than that is refused."""
    actor.scope.require(RECORD, loan.organization_id)
    require_idempotency_key(idempotency_key)
    org = savings_group_locked(loan.organization)
    loan = locked(loan)
    prior = LoanEvent.objects.filter(organization=org, idempotency_key=idempotency_key).first()
    if prior is not None:
        if (prior.loan_id, prior.amount, prior.on) == (loan.pk, amount, on):
            return prior
        raise _err("conflict.idempotency_mismatch", "รหัสป้องกันการส่งซ้ำนี้ถูกใช้กับการชำระอื่นแล้ว",
                   "This idempotency key was already used for another repayment", "idempotency_key")
    if loan.status == LoanStatus.CLOSED:
        raise _closed_refusal(loan)
    require_status(loan, LoanStatus.ACTIVE)
    last = last_money_date(loan)
    if last is not None and on < last:
        raise _err("invalid.repayment_backdated", f"วันที่ชำระก่อนรายการล่าสุดของสัญญา ({format_be(last)})",
                   f"The repayment is dated before the loan's last entry ({last.isoformat()})", "on")
    cash_account = _cash_account(org, cash_account)
    due = loan_due(loan, on)
    parts = allocate(amount, due)
    lines = [debit(cash_account, amount)]
    lines += [credit(code, part) for code, part in ((FINES, parts.fine), (INTEREST, parts.interest),
                                                    (LOANS, parts.principal)) if part]
    before = snapshot(loan)
    entry = entry_post(organization=org, date=on, actor=actor, source="loan_repay", lines=lines,
                       memo=(memo or f"รับชำระเงินกู้สัญญา {loan.number}")[:300],
                       idempotency_key=f"loan-repay:{idempotency_key}"[:100])
    event = event_add(loan, EventKind.REPAY, on, actor, amount=amount, fine=parts.fine, interest=parts.interest,
                   principal=-parts.principal, entry=entry, idempotency_key=idempotency_key, note=memo[:300])
    loan.outstanding -= parts.principal
    if loan.outstanding == 0:
        loan.status, loan.closed_on = LoanStatus.CLOSED, on
    loan.save(update_fields=["outstanding", "status", "closed_on"])
    audit_record(actor=actor, action="loan_repay", obj_type="loan", obj_id=loan.pk,
                 organization_id=loan.organization_id, before=before,
                 after={**snapshot(loan), "entry": entry.number, "paid": amount, "fine": parts.fine,
                        "interest": parts.interest, "principal": parts.principal})
    return event


from kongthun.savings.loans.products import loan_product_set  # noqa: E402,F401  (one place to import actions from)
