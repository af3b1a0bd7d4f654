"""The only writer of outside money (เงินสมทบและเงินสนับสนุนจากภายนอก) and the allocation setting.

Agreements and the allocation rule are the committee's decisions; requests are prepared by the treasurer
or the committee; money received and administration expenses are posted by the treasurer through the
ledger's `entry_post`. Each action is atomic, checks the actor's scope and writes its audit event.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import transaction
from django.db.models import Q, Sum

from kongthun.access.domain import Permission
from kongthun.access.scope import Scope
from kongthun.audit.actions import Actor, audit_record
from kongthun.clock import utc_now
from kongthun.errors import DomainError, choice, require_idempotency_key
from kongthun.ledger.actions import entry_post
from kongthun.ledger.charts import CASH_ACCOUNTS
from kongthun.ledger.domain import AccountType, credit, debit
from kongthun.ledger.models import Account, JournalEntry, JournalLine
from kongthun.money import Satang, format_baht
from kongthun.orgs.domain import OrgKind
from kongthun.orgs.models import Organization
from kongthun.welfare.contributions.domain import MatchingTerms
from kongthun.welfare.contributions.selectors import matching_request_for
from kongthun.welfare.funding import domain
from kongthun.welfare.funding.models import (
    AllocationSetting,
    FundingAgreement,
    FundingRequest,
    FundsReceived,
    RequestStatus,
)

ADMIN_EXPENSES = "5901"
CLOSING_SOURCE = "year_close"  # the year-end closing entry empties income into 3901: not income of the year
# Agreements and the allocation rule are the committee's decisions (as setting the plan is); posting is the
# treasurer's.
DECIDE = Permission.LOCK_PERIOD
COLLECT = Permission.POST_ENTRIES


def _require_any(scope: Scope, org_id: int, *perms: Permission) -> None:
    if not any(scope.can(p, org_id) for p in perms):
        scope.require(perms[0], org_id)


def _welfare_fund(organization: Organization) -> Organization:
    """The fund's row, locked: one writer at a time."""
    org = Organization.objects.select_for_update().get(pk=organization.pk)
    if org.kind != OrgKind.WELFARE_FUND:
        raise DomainError("invalid.org_kind", "เงินสมทบจากภายนอกใช้ได้กับกองทุนสวัสดิการชุมชนเท่านั้น",
                          "Outside money is recorded for a community welfare fund", "organization")
    return org


def _key(idempotency_key: str) -> str:
    require_idempotency_key(idempotency_key)
    return idempotency_key.strip()[:80]


def _positive(amount, where: str = "amount") -> Satang:
    if not isinstance(amount, int) or isinstance(amount, bool) or amount <= 0:
        raise DomainError("invalid.amount", "จำนวนเงินต้องเป็นจำนวนเต็มสตางค์ที่มากกว่าศูนย์",
                          "The amount must be a whole number of satang above zero", where)
    return amount


def _cash_account(account: str) -> str:
    if account not in CASH_ACCOUNTS:
        raise DomainError("invalid.cash_account", f"บัญชี '{account}' ต้องเป็น 1101 เงินสด หรือ 1102 เงินฝากธนาคาร",
                          f"'{account}' must be 1101 cash or 1102 bank", "account")
    return account


# --- agreements -----------------------------------------------------------------------------------------


def _agreement_snapshot(a: FundingAgreement) -> dict:
    return {"kind": a.kind, "name": a.name, "legal_basis": a.legal_basis, "document_no": a.document_no,
            "document_date": a.document_date.isoformat() if a.document_date else None,
            "income_account": a.income_account, "amount": a.amount, "project_size": a.project_size,
            "matching_ratio": str(a.matching_ratio) if a.matching_ratio is not None else None,
            "cap_per_member": a.cap_per_member}


@transaction.atomic
def agreement_record(
    *,
    organization: Organization,
    kind: str,
    name: str,
    actor: Actor,
    legal_basis: str = "",
    document_no: str = "",
    document_date: date | None = None,
    amount: Satang | None = None,
    matching_ratio: Decimal | str | None = None,
    cap_per_member: Satang | None = None,
    income_account: str = "",
) -> FundingAgreement:
    """Record a source of outside money with its legal basis and document (บันทึกแหล่งเงินและหลักฐาน).
    The same source and document number twice is refused: one document, one agreement."""
    actor.scope.require(DECIDE, organization.pk)
    org = _welfare_fund(organization)
    k = choice(domain.SourceKind, kind, where="kind")
    ratio = None if matching_ratio in (None, "") else domain.parse_ratio(matching_ratio)
    if not domain.SOURCES[k].matches:
        ratio, cap_per_member = None, None
    terms = domain.validate_agreement(domain.AgreementTerms(
        kind=k, name=name.strip(), legal_basis=legal_basis.strip(), document_no=document_no.strip(),
        document_date=document_date, amount=amount, matching_ratio=ratio, cap_per_member=cap_per_member))
    incomes = frozenset(Account.objects.filter(organization=org, type=AccountType.INCOME)
                        .values_list("code", flat=True))
    account = domain.income_account(k, income_account.strip(), income_accounts=incomes)
    if terms.document_no and FundingAgreement.objects.filter(organization=org, kind=k,
                                                             document_no=terms.document_no).exists():
        raise DomainError("conflict.agreement_exists", f"บันทึกหนังสือเลขที่ {terms.document_no} ของแหล่งเงินนี้ไว้แล้ว",
                          f"Document {terms.document_no} of this source is already recorded", "document_no")
    row = FundingAgreement.objects.create(
        organization=org, kind=k.value, name=terms.name, legal_basis=terms.legal_basis,
        document_no=terms.document_no, document_date=document_date, income_account=account, amount=amount,
        project_size=domain.project_size(amount).value if k is domain.SourceKind.SWPF else "",
        matching_ratio=ratio, cap_per_member=cap_per_member, recorded_by_id=actor.user_id, recorded_at=utc_now())
    audit_record(actor=actor, action="funding_agreement_record", obj_type="funding_agreement", obj_id=row.pk,
                 organization_id=org.pk, before=None, after=_agreement_snapshot(row))
    return row


# --- requests -------------------------------------------------------------------------------------------


def matching_terms(agreement: FundingAgreement) -> MatchingTerms:
    """The agreement's terms in the contributions' matching calculation: its ratio on the CODI side or
    the local-government side, the other side zero."""
    ratio, zero = Decimal(agreement.matching_ratio), Decimal(0)
    local = agreement.kind == domain.SourceKind.LOCAL_GOV
    return MatchingTerms(codi_ratio=zero if local else ratio, local_ratio=ratio if local else zero,
                         cap_per_member=agreement.cap_per_member)


def _matching_lines(scope: Scope, org: Organization, agreement: FundingAgreement, end: date) -> tuple[list, dict]:
    computed = matching_request_for(scope=scope, organization=org, on=end, terms=matching_terms(agreement))
    local = agreement.kind == domain.SourceKind.LOCAL_GOV
    lines = [{"membership_id": x.membership_id, "member_no": x.member_no, "paid": x.paid, "counted": x.counted,
              "amount": x.local if local else x.codi, "note_th": x.note_th, "note_en": x.note_en}
             for x in computed.lines]
    totals = {"paid": computed.paid, "counted": computed.counted, "members_counted": computed.members_counted,
              "amount": sum(x["amount"] for x in lines)}
    return lines, totals


def _request_snapshot(r: FundingRequest) -> dict:
    return {"agreement": r.agreement_id, "year_name": r.year_name, "amount": r.amount, "paid": r.paid,
            "counted": r.counted, "members_counted": r.members_counted, "lines": len(r.lines)}


@transaction.atomic
def request_prepare(
    *,
    agreement: FundingAgreement,
    year_name: int,
    prepared_on: date,
    actor: Actor,
    amount: Satang | None = None,
) -> FundingRequest:
    """Prepare what the fund asks a source for an accounting year (จัดทำคำขอรับเงินสมทบ).

    A matching source: computed member by member from the year's receipts (void ones excluded),
    counted up to the agreement's cap, times its ratio. Another source (a project grant): the amount
    asked. Preparing the same year again recomputes it while no money has come for it; the same figures
    return the request already prepared."""
    _require_any(actor.scope, agreement.organization_id, COLLECT, DECIDE)
    org = _welfare_fund(agreement.organization)
    agreement = FundingAgreement.objects.get(pk=agreement.pk)
    start, end = domain.year_bounds(org.accounting_year, year_name)
    if start > prepared_on:
        raise DomainError("invalid.year_not_started", f"ปีบัญชี {year_name} ยังไม่เริ่ม",
                          f"Accounting year {year_name} has not begun", "year")
    if agreement.matches:
        lines, totals = _matching_lines(actor.scope, org, agreement, end)
    else:
        asked = _positive(amount)
        if agreement.kind == domain.SourceKind.SWPF:
            domain.project_size(asked)
        if agreement.amount is not None and asked > agreement.amount:
            raise DomainError("conflict.over_agreement",
                              f"ขอ {format_baht(asked)} เกินวงเงินที่ได้รับอนุมัติ {format_baht(agreement.amount)}",
                              f"{format_baht(asked, unit='baht')} is more than the approved "
                              f"{format_baht(agreement.amount, unit='baht')}", "amount")
        lines, totals = [], {"paid": 0, "counted": 0, "members_counted": 0, "amount": asked}
    prior = FundingRequest.objects.select_for_update().filter(agreement=agreement, year_name=year_name).first()
    if prior is not None and prior.amount == totals["amount"] and prior.lines == lines:
        return prior
    if prior is not None and prior.received.exists():
        raise DomainError("conflict.request_received",
                          f"คำขอปี {year_name} ได้รับเงินแล้ว จะจัดทำใหม่ไม่ได้",
                          f"Money has been received for the {year_name} request; it cannot be prepared again",
                          "year")
    before = _request_snapshot(prior) if prior else None
    row = prior or FundingRequest(organization=org, agreement=agreement, year_name=year_name)
    row.amount, row.paid, row.counted = totals["amount"], totals["paid"], totals["counted"]
    row.members_counted, row.lines, row.prepared_on = totals["members_counted"], lines, prepared_on
    row.status, row.recorded_by_id, row.recorded_at = RequestStatus.PREPARED, actor.user_id, utc_now()
    row.save()
    audit_record(actor=actor, action="funding_request_prepare", obj_type="funding_request", obj_id=row.pk,
                 organization_id=org.pk, before=before, after=_request_snapshot(row))
    return row


# --- money received -------------------------------------------------------------------------------------


def _same_receipt(prior: FundsReceived, agreement, request, amount, received_on, account, memo) -> bool:
    return (prior.agreement_id, prior.request_id, prior.amount, prior.received_on, prior.account, prior.memo) == (
        agreement.pk, request.pk if request else None, amount, received_on, account, memo)


def _check_limits(agreement: FundingAgreement, request: FundingRequest | None, amount: Satang) -> None:
    if request is not None:
        if request.agreement_id != agreement.pk:
            raise DomainError("invalid.request_agreement", "คำขอนี้เป็นของแหล่งเงินอื่น",
                              "The request belongs to another source", "request")
        got = request.received.aggregate(s=Sum("amount"))["s"] or 0
        if got + amount > request.amount:
            raise DomainError("conflict.over_request",
                              f"รับเงินรวม {format_baht(got + amount)} เกินยอดที่ขอ {format_baht(request.amount)}",
                              f"{format_baht(got + amount, unit='baht')} received in all is more than the "
                              f"{format_baht(request.amount, unit='baht')} requested", "amount")
    if agreement.amount is not None:
        got = agreement.received.aggregate(s=Sum("amount"))["s"] or 0
        if got + amount > agreement.amount:
            raise DomainError("conflict.over_agreement",
                              f"รับเงินรวม {format_baht(got + amount)} เกินวงเงิน {format_baht(agreement.amount)}",
                              f"{format_baht(got + amount, unit='baht')} received in all is more than the "
                              f"approved {format_baht(agreement.amount, unit='baht')}", "amount")


@transaction.atomic
def funds_receive(
    *,
    agreement: FundingAgreement,
    amount: Satang,
    received_on: date,
    actor: Actor,
    idempotency_key: str,
    account: str = "1102",
    request: FundingRequest | None = None,
    memo: str = "",
) -> FundsReceived:
    """Record money received from a source (รับเงินสมทบ/เงินสนับสนุน): one entry debiting cash or bank
    and crediting the source's income account. The same key and content returns what was recorded."""
    actor.scope.require(COLLECT, agreement.organization_id)
    org = _welfare_fund(agreement.organization)
    key = _key(idempotency_key)
    prior = FundsReceived.objects.filter(organization=org, idempotency_key=key).first()
    if prior is not None:
        if _same_receipt(prior, agreement, request, amount, received_on, account, memo):
            return prior
        raise DomainError("conflict.idempotency_mismatch", "รหัสป้องกันการส่งซ้ำนี้ถูกใช้กับการรับเงินอื่นแล้ว",
                          "This idempotency key was already used for other money received", "idempotency_key")
    _positive(amount)
    _cash_account(account)
    if request is not None:
        request = FundingRequest.objects.select_for_update().get(pk=request.pk)
    _check_limits(agreement, request, amount)
    th = domain.SOURCES[domain.SourceKind(agreement.kind)].label_th
    text = memo or f"รับเงินจาก{th}: {agreement.name}" + (f" ปี {request.year_name}" if request else "")
    entry = entry_post(organization=org, date=received_on, actor=actor, source="funds_received",
                       lines=[debit(account, amount), credit(agreement.income_account, amount)],
                       memo=text[:300], idempotency_key=f"funds_received:{key}")
    row = FundsReceived.objects.create(
        organization=org, agreement=agreement, request=request, amount=amount, received_on=received_on,
        account=account, entry=entry, memo=memo, idempotency_key=key, recorded_by_id=actor.user_id,
        recorded_at=utc_now())
    if request is not None:
        got = request.received.aggregate(s=Sum("amount"))["s"] or 0
        request.status = RequestStatus.RECEIVED if got >= request.amount else RequestStatus.PART_RECEIVED
        request.save(update_fields=["status"])
    audit_record(actor=actor, action="funds_receive", obj_type="funds_received", obj_id=row.pk,
                 organization_id=org.pk, before=None,
                 after={"agreement": agreement.pk, "request": request.pk if request else None, "amount": amount,
                        "received_on": received_on.isoformat(), "account": account, "entry": entry.number,
                        "idempotency_key": key})
    return row


# --- the administration cap -----------------------------------------------------------------------------


def cap_percent_of(organization_id: int) -> Decimal:
    row = AllocationSetting.objects.filter(organization_id=organization_id).first()
    return row.cap if row else domain.DEFAULT_ADMIN_CAP_PERCENT


def year_figures(organization: Organization, on: date) -> tuple[Satang, Satang]:
    """(income, administration spent) of the accounting year containing `on`, as recorded so far;
    the year-end closing entry is left out. Unscoped: callers check the scope."""
    year = organization.accounting_year
    lines = (JournalLine.objects.filter(organization=organization, entry__date__gte=year.start_of(on),
                                        entry__date__lte=year.end_of(on))
             .exclude(entry__source=CLOSING_SOURCE))
    sums = lines.aggregate(income=Sum("amount", filter=Q(account__type=AccountType.INCOME)),
                           admin=Sum("amount", filter=Q(account__code=ADMIN_EXPENSES)))
    return -(sums["income"] or 0), sums["admin"] or 0


def cap_check_on(organization: Organization, on: date, amount: Satang = 0) -> domain.CapCheck:
    income, spent = year_figures(organization, on)
    return domain.admin_cap_check(income=income, spent=spent, amount=amount,
                                  cap_percent=cap_percent_of(organization.pk))


@dataclass(frozen=True)
class AdminExpense:
    """An administration expense posted, with the cap check it passed (a warning when close)."""

    entry: JournalEntry
    check: domain.CapCheck
    repeated: bool = False


@transaction.atomic
def admin_expense_record(
    *,
    organization: Organization,
    amount: Satang,
    spent_on: date,
    description: str,
    actor: Actor,
    idempotency_key: str,
    account: str = "1101",
) -> AdminExpense:
    """Pay an administration expense (จ่ายค่าบริหารจัดการ): debit 5901, credit cash or bank. Refused,
    with the figures, when the year's administration would pass the fund's cap; allowed with a warning
    from 80% of it. A retry with the same key returns the entry already posted."""
    actor.scope.require(COLLECT, organization.pk)
    org = _welfare_fund(organization)
    key = f"admin_expense:{_key(idempotency_key)}"
    _positive(amount)
    _cash_account(account)
    if not description.strip():
        raise DomainError("invalid.description_required", "กรุณาระบุรายการค่าใช้จ่าย", "Say what the expense is for",
                          "description")
    lines = [debit(ADMIN_EXPENSES, amount), credit(account, amount)]
    memo = f"ค่าบริหารจัดการ: {description.strip()}"[:300]
    if JournalEntry.objects.filter(organization=org, idempotency_key=key).exists():
        entry = entry_post(organization=org, date=spent_on, lines=lines, memo=memo, actor=actor,
                           source="admin_expense", idempotency_key=key)
        return AdminExpense(entry, cap_check_on(org, spent_on), repeated=True)
    check = cap_check_on(org, spent_on, amount)
    if check.level is domain.CapLevel.REFUSED:
        raise domain.refusal(check)
    entry = entry_post(organization=org, date=spent_on, lines=lines, memo=memo, actor=actor, source="admin_expense",
                       idempotency_key=key)
    audit_record(actor=actor, action="admin_expense_record", obj_type="admin_expense", obj_id=entry.pk,
                 organization_id=org.pk, before=None,
                 after={"entry": entry.number, "amount": amount, "date": spent_on.isoformat(), "account": account,
                        "cap": check.level.value, "limit": check.limit, "spent_after": check.spent_after,
                        "income": check.income, "cap_percent": str(check.cap_percent)})
    return AdminExpense(entry, check)


@transaction.atomic
def allocation_set(*, organization: Organization, admin_cap_percent: Decimal, actor: Actor,
                   why: str = "") -> AllocationSetting:
    """Set the fund's income allocation rule (กำหนดสัดส่วนค่าบริหารจัดการ): administration at most this
    percent of the year's income. A committee decision."""
    actor.scope.require(DECIDE, organization.pk)
    org = _welfare_fund(organization)
    pct = domain.check_cap_percent(admin_cap_percent).quantize(Decimal("0.01"))
    row = AllocationSetting.objects.select_for_update().filter(organization=org).first()
    before = {"admin_cap_percent": str(row.admin_cap_percent)} if row else None
    row = row or AllocationSetting(organization=org)
    row.admin_cap_percent, row.why, row.recorded_by_id, row.recorded_at = pct, why[:300], actor.user_id, utc_now()
    row.save()
    audit_record(actor=actor, action="allocation_set", obj_type="allocation_setting", obj_id=row.pk,
                 organization_id=org.pk, before=before, after={"admin_cap_percent": str(pct)}, why=why)
    return row
