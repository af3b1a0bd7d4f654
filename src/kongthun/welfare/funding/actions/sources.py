"""Sources of outside money and the requests made to them (แหล่งเงินและคำขอรับเงินสมทบ): the committee records
an agreement with its legal basis; the treasurer or the committee prepares a year's request and records
the day it was sent."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.db import transaction

from kongthun.access.scope import Scope
from kongthun.audit.actions import Actor, audit_record
from kongthun.clock import utc_now
from kongthun.errors import DomainError, choice
from kongthun.ledger.domain import AccountType
from kongthun.ledger.models import Account
from kongthun.money import Satang, format_baht
from kongthun.orgs.models import Organization
from kongthun.welfare.contributions.domain import MatchingTerms
from kongthun.welfare.contributions.selectors import matching_request_for
from kongthun.welfare.funding import domain
from kongthun.welfare.funding.actions.common import COLLECT, DECIDE, positive, require_any, welfare_fund
from kongthun.welfare.funding.models import FundingAgreement, FundingRequest, RequestStatus

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
    org = welfare_fund(organization)
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
            "counted": r.counted, "members_counted": r.members_counted, "lines": len(r.lines), "status": r.status,
            "sent_on": r.sent_on.isoformat() if r.sent_on else None, "sent_document_no": r.sent_document_no}


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
    require_any(actor.scope, agreement.organization_id, COLLECT, DECIDE)
    org = welfare_fund(agreement.organization)
    agreement = FundingAgreement.objects.get(pk=agreement.pk)
    start, end = domain.year_bounds(org.accounting_year, year_name)
    if start > prepared_on:
        raise DomainError("invalid.year_not_started", f"ปีบัญชี {year_name} ยังไม่เริ่ม",
                          f"Accounting year {year_name} has not begun", "year")
    if agreement.matches:
        lines, totals = _matching_lines(actor.scope, org, agreement, end)
    else:
        asked = positive(amount)
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
    if prior is not None and prior.sent_on is not None:
        raise DomainError("conflict.request_sent",
                          f"คำขอปี {year_name} ส่งไปแล้วเมื่อ {prior.sent_on.isoformat()} จะจัดทำใหม่ไม่ได้",
                          f"The {year_name} request was sent on {prior.sent_on.isoformat()}; it cannot be prepared "
                          "again", "year")
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




@transaction.atomic
def request_send(*, request: FundingRequest, sent_on: date, document_no: str, actor: Actor) -> FundingRequest:
    """Record that a prepared request went to its source (ส่งคำขอ), with the letter it went with. Only a
    prepared request, once: the same day and letter again returns it unchanged (a retry); anything else
    is refused. A sent request is no longer recomputed."""
    require_any(actor.scope, request.organization_id, COLLECT, DECIDE)
    welfare_fund(request.organization)
    row = FundingRequest.objects.select_for_update().select_related("agreement").get(pk=request.pk)
    document_no = (document_no or "").strip()[:100]
    label_th, label_en = f"คำขอปี {row.year_name} ({row.agreement.name})", f"The {row.year_name} request"
    if row.sent_on is not None:
        if (row.sent_on, row.sent_document_no) == (sent_on, document_no):
            return row
        raise DomainError("conflict.request_sent",
                          f"{label_th} ส่งไปแล้วเมื่อ {row.sent_on.isoformat()} หนังสือเลขที่ {row.sent_document_no}",
                          f"{label_en} was already sent on {row.sent_on.isoformat()} with letter "
                          f"{row.sent_document_no}", "request")
    if row.status != RequestStatus.PREPARED:
        raise DomainError("conflict.request_not_prepared",
                          f"{label_th} ได้รับเงินแล้ว ส่งได้เฉพาะคำขอที่จัดทำแล้วและยังไม่ได้รับเงิน",
                          f"{label_en} has money received already; only a prepared request can be sent", "request")
    if not document_no:
        raise DomainError("invalid.document_required", "กรุณาระบุเลขที่หนังสือนำส่งคำขอ",
                          "Give the number of the letter the request went with", "document_no")
    if sent_on < row.prepared_on:
        raise DomainError("invalid.sent_before_prepared",
                          f"วันที่ส่ง {sent_on.isoformat()} อยู่ก่อนวันที่จัดทำคำขอ {row.prepared_on.isoformat()}",
                          f"The request cannot be sent ({sent_on.isoformat()}) before it was prepared "
                          f"({row.prepared_on.isoformat()})", "sent_on")
    before = _request_snapshot(row)
    row.sent_on, row.sent_document_no, row.status = sent_on, document_no, RequestStatus.SENT
    row.save(update_fields=["sent_on", "sent_document_no", "status"])
    audit_record(actor=actor, action="funding_request_send", obj_type="funding_request", obj_id=row.pk,
                 organization_id=row.organization_id, before=before, after=_request_snapshot(row))
    return row
