"""Money received from outside (รับเงินจากแหล่งภายนอก), posted as one balanced entry, and its reversal when it
was recorded by mistake (กลับรายการรับเงิน): the receipt stays, marked reversed with the reason, and its
entry is undone by the ledger's `entry_reverse`; nothing is edited or deleted."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.db.models import Sum

from kongthun.audit.actions import Actor, audit_record
from kongthun.clock import format_be, utc_now
from kongthun.errors import DomainError
from kongthun.ledger.actions import entry_post, entry_reverse, locked_through
from kongthun.ledger.domain import credit, debit
from kongthun.money import Satang, format_baht
from kongthun.welfare.funding import domain
from kongthun.welfare.funding.actions.common import COLLECT, cash_account, clean_key, positive, welfare_fund
from kongthun.welfare.funding.models import FundingAgreement, FundingRequest, FundsReceived, RequestStatus


def received_on_request(request: FundingRequest) -> Satang:
    """What has come for a request, reversed money left out."""
    return request.received.filter(reversal_entry__isnull=True).aggregate(s=Sum("amount"))["s"] or 0


def _refresh_status(request: FundingRequest) -> None:
    got = received_on_request(request)
    if got >= request.amount:
        status = RequestStatus.RECEIVED
    elif got > 0:
        status = RequestStatus.PART_RECEIVED
    else:
        status = RequestStatus.SENT if request.sent_on else RequestStatus.PREPARED
    if request.status != status:
        request.status = status
        request.save(update_fields=["status"])


def _same_receipt(prior: FundsReceived, agreement, request, amount, received_on, account, memo) -> bool:
    return (prior.agreement_id, prior.request_id, prior.amount, prior.received_on, prior.account, prior.memo) == (
        agreement.pk, request.pk if request else None, amount, received_on, account, memo)


def _check_limits(agreement: FundingAgreement, request: FundingRequest | None, amount: Satang) -> None:
    if request is not None:
        if request.agreement_id != agreement.pk:
            raise DomainError("invalid.request_agreement", "คำขอนี้เป็นของแหล่งเงินอื่น",
                              "The request belongs to another source", "request")
        got = received_on_request(request)
        if got + amount > request.amount:
            raise DomainError("conflict.over_request",
                              f"รับเงินรวม {format_baht(got + amount)} เกินยอดที่ขอ {format_baht(request.amount)}",
                              f"{format_baht(got + amount, unit='baht')} received in all is more than the "
                              f"{format_baht(request.amount, unit='baht')} requested", "amount")
    if agreement.amount is not None:
        got = (agreement.received.filter(reversal_entry__isnull=True).aggregate(s=Sum("amount"))["s"] or 0)
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
    org = welfare_fund(agreement.organization)
    key = clean_key(idempotency_key)
    prior = FundsReceived.objects.filter(organization=org, idempotency_key=key).first()
    if prior is not None:
        if _same_receipt(prior, agreement, request, amount, received_on, account, memo):
            return prior
        raise DomainError("conflict.idempotency_mismatch", "รหัสป้องกันการส่งซ้ำนี้ถูกใช้กับการรับเงินอื่นแล้ว",
                          "This idempotency key was already used for other money received", "idempotency_key")
    positive(amount)
    cash_account(account)
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
        _refresh_status(request)
    audit_record(actor=actor, action="funds_receive", obj_type="funds_received", obj_id=row.pk,
                 organization_id=org.pk, before=None,
                 after={"agreement": agreement.pk, "request": request.pk if request else None, "amount": amount,
                        "received_on": received_on.isoformat(), "account": account, "entry": entry.number,
                        "idempotency_key": key})
    return row




def _check_reversible(r: FundsReceived, on: date, why: str) -> None:
    if r.is_reversed:
        raise DomainError("conflict.funds_reversed",
                          f"การรับเงินรายการนี้ (JV{r.entry.number:06d}) กลับรายการไปแล้วเมื่อ {format_be(r.reversed_on)}",
                          f"This money received (JV{r.entry.number:06d}) was already reversed on "
                          f"{r.reversed_on.isoformat()}", "receipt")
    if not why.strip():
        raise DomainError("invalid.why_required", "กรุณาระบุเหตุผลในการกลับรายการรับเงิน",
                          "Give the reason the money received is reversed", "why")
    if on < r.received_on:
        raise DomainError("invalid.reverse_before_receipt",
                          f"วันที่กลับรายการ {format_be(on)} อยู่ก่อนวันที่รับเงิน {format_be(r.received_on)}",
                          f"The reversal ({on.isoformat()}) cannot be dated before the money was received "
                          f"({r.received_on.isoformat()})", "on")
    through = locked_through(r.organization_id)
    if through is not None and (r.received_on <= through or on <= through):
        when = r.received_on if r.received_on <= through else on
        raise DomainError("conflict.period_locked",
                          f"ปิดบัญชีถึงวันที่ {format_be(through)} แล้ว วันที่ {format_be(when)} อยู่ในงวดที่ปิด "
                          "จึงกลับรายการรับเงินนี้ไม่ได้ (บันทึกรายการปรับปรุงในงวดที่เปิดอยู่แทน)",
                          f"The books are closed through {through.isoformat()}; {when.isoformat()} is in the closed "
                          "period, so this money received cannot be reversed (post an adjusting entry in the open "
                          "period instead)", "on")


@transaction.atomic
def funds_receipt_reverse(*, receipt: FundsReceived, on: date, why: str, actor: Actor) -> FundsReceived:
    """Reverse money received recorded by mistake (กลับรายการรับเงินที่บันทึกผิด): its entry is undone by
    the ledger's reversing entry dated `on`; the receipt stays, marked reversed with the reason, and its
    request counts it no more. Refused once reversed, without a reason, or in a closed period."""
    actor.scope.require(COLLECT, receipt.organization_id)
    welfare_fund(receipt.organization)
    r = FundsReceived.objects.select_for_update().select_related("entry", "agreement").get(pk=receipt.pk)
    why = (why or "").strip()[:300]
    _check_reversible(r, on, why)
    reversal = entry_reverse(entry=r.entry, date=on, actor=actor, why=why, by_owner=True)
    r.reversed_on, r.reversal_entry, r.reversed_why = on, reversal, why
    r.reversed_by_id, r.reversed_at = actor.user_id, utc_now()
    r.save(update_fields=["reversed_on", "reversal_entry", "reversed_why", "reversed_by", "reversed_at"])
    if r.request_id is not None:
        _refresh_status(FundingRequest.objects.select_for_update().get(pk=r.request_id))
    audit_record(actor=actor, action="funds_receipt_reverse", obj_type="funds_received", obj_id=r.pk,
                 organization_id=r.organization_id, why=why,
                 before={"amount": r.amount, "entry": r.entry.number, "reversed": False},
                 after={"amount": r.amount, "entry": r.entry.number, "reversed": True, "reversed_on": on.isoformat(),
                        "reversal_entry": reversal.number})
    return r
