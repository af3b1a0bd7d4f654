"""Relief between funds of a network (ความช่วยเหลือจากกองทุนอื่น), written only through these two actions
(re-exported by kongthun.welfare.disasters.actions).

The sender records what it sends to another fund's disaster: money is posted in the SENDER's books
(debit 5108, credit cash); goods are recorded only. The affected fund confirms the money came: posted
in the RECEIVER's books (debit cash, credit 4302). Each fund writes only its own books, and the sender
never reads the affected fund's members.
"""

from __future__ import annotations

from datetime import date

from django.db import transaction

from kongthun.access.domain import Permission
from kongthun.audit.actions import Actor, audit_record
from kongthun.clock import format_be, utc_now
from kongthun.errors import DomainError, choice, require_idempotency_key
from kongthun.ledger.actions import accounts_seed, entry_post
from kongthun.ledger.charts import CASH_ACCOUNTS
from kongthun.ledger.domain import credit, debit
from kongthun.ledger.models import Account
from kongthun.money import Satang, format_baht
from kongthun.orgs.domain import OrgKind
from kongthun.orgs.models import Organization
from kongthun.welfare.disasters import domain
from kongthun.welfare.disasters.models import DisasterEvent, DisasterRelief

RELIEF_SENT, RELIEF_RECEIVED = "5108", "4302"
POST = Permission.POST_ENTRIES


def _cash_account(code: str) -> str:
    if code not in CASH_ACCOUNTS:
        raise DomainError("invalid.cash_account", f"บัญชี '{code}' ต้องเป็น 1101 เงินสด หรือ 1102 เงินฝากธนาคาร",
                          f"'{code}' must be 1101 cash or 1102 bank", "cash_account")
    return code


def _siblings(sender: Organization, event: DisasterEvent) -> None:
    """Relief goes between welfare funds of one network (the same parent), never to oneself."""
    receiver = event.organization
    if sender.kind != OrgKind.WELFARE_FUND:
        raise DomainError("invalid.org_kind", "ส่งความช่วยเหลือได้เฉพาะกองทุนสวัสดิการชุมชน",
                          "Relief is sent by a community welfare fund", "organization")
    if sender.pk == receiver.pk:
        raise DomainError("invalid.own_event", "เหตุการณ์นี้เป็นของกองทุนเอง ไม่ใช่ของกองทุนอื่น",
                          "This is the fund's own event, not another fund's", "event")
    if sender.parent_id is None or sender.parent_id != receiver.parent_id:
        raise DomainError("forbidden.not_network", "กองทุนที่ประสบภัยไม่ได้อยู่ในเครือข่ายเดียวกับกองทุนนี้",
                          "The affected fund is not in this fund's network", "event")


def relief_snapshot(r: DisasterRelief) -> dict:
    return {"event": r.event_id, "sender": r.sender_id, "receiver": r.receiver_id, "kind": r.kind,
            "amount": r.amount, "description": r.description, "quantity": r.quantity,
            "estimated_value": r.estimated_value, "sent_on": r.sent_on.isoformat(), "sent_account": r.sent_account,
            "sent_entry": r.sent_entry_id, "received_on": r.received_on.isoformat() if r.received_on else None,
            "received_account": r.received_account, "received_entry": r.received_entry_id}


def _same(r: DisasterRelief, event: DisasterEvent, terms: domain.ReliefTerms, sent_on: date, account: str) -> bool:
    return (r.event_id, r.kind, r.amount, r.description, r.quantity, r.estimated_value, r.sent_on,
            r.sent_account) == (event.pk, terms.kind.value, terms.amount, terms.description, terms.quantity,
                                terms.estimated_value, sent_on, account)


@transaction.atomic
def relief_send(
    *,
    sender: Organization,
    event: DisasterEvent,
    kind: str,
    sent_on: date,
    actor: Actor,
    idempotency_key: str,
    amount: Satang = 0,
    description: str = "",
    quantity: str = "",
    estimated_value: Satang = 0,
    cash_account: str = "1102",
) -> DisasterRelief:
    """Record relief sent to a fund of the network that a disaster hit (ส่งความช่วยเหลือกองทุนที่ประสบภัย).
    Money: posted in the sender's books, debit 5108 and credit the cash or bank account, refused when that
    account holds less. Goods: what, how many and their estimated value, recorded only. The same key and
    the same relief again returns the relief already recorded."""
    actor.scope.require(POST, sender.pk)
    require_idempotency_key(idempotency_key)
    key = idempotency_key.strip()[:80]
    org = Organization.objects.select_for_update().get(pk=sender.pk)
    event = DisasterEvent.objects.select_related("organization").get(pk=event.pk)
    _siblings(org, event)
    terms = domain.check_relief(domain.ReliefTerms(choice(domain.ReliefKind, kind, where="kind"), amount,
                                                   description, quantity, estimated_value))
    money = terms.kind is domain.ReliefKind.MONEY
    account = _cash_account(cash_account) if money else ""
    if sent_on < event.started_on:
        raise DomainError("invalid.sent_on", f"วันที่ส่งต้องไม่ก่อนวันเกิดเหตุ ({format_be(event.started_on)})",
                          f"The date sent must not be before the event ({format_be(event.started_on, language='en')})",
                          "sent_on")
    prior = DisasterRelief.objects.filter(sender=org, idempotency_key=key).first()
    if prior is not None:
        if _same(prior, event, terms, sent_on, account):
            return prior
        raise DomainError("conflict.idempotency_key", "รหัสป้องกันการส่งซ้ำนี้ใช้กับรายการอื่นไปแล้ว",
                          "This idempotency key was used for another relief", "idempotency_key")
    entry = _post_sent(org, event, terms.amount, sent_on, account, actor, key) if money else None
    relief = DisasterRelief.objects.create(
        event=event, sender=org, receiver=event.organization, kind=terms.kind.value, amount=terms.amount,
        description=terms.description, quantity=terms.quantity, estimated_value=terms.estimated_value,
        sent_on=sent_on, sent_account=account, sent_entry=entry, idempotency_key=key, sent_by_id=actor.user_id,
        sent_at=utc_now())
    audit_record(actor=actor, action="relief_send", obj_type="disaster_relief", obj_id=relief.pk,
                 organization_id=org.pk, before=None, after=relief_snapshot(relief))
    return relief


def _post_sent(org: Organization, event: DisasterEvent, amount: Satang, sent_on: date, account: str,
               actor: Actor, key: str):
    accounts_seed(organization=org)  # funds created before 5108 existed get it now
    cash = Account.objects.filter(organization=org, code=account).values_list("balance", flat=True).first() or 0
    if cash < amount:
        raise DomainError("conflict.insufficient_cash",
                          f"เงินในบัญชี {account} มี {format_baht(cash)} ไม่พอส่ง {format_baht(amount)}",
                          f"Account {account} holds {format_baht(cash, unit='baht')}, not enough to send "
                          f"{format_baht(amount, unit='baht')}", "cash_account")
    return entry_post(organization=org, date=sent_on, actor=actor, source="relief_send",
                      lines=[debit(RELIEF_SENT, amount), credit(account, amount)],
                      memo=f"เงินช่วยเหลือ{event.organization.name_th} ประสบภัย: {event.name}"[:300],
                      idempotency_key=f"relief-send-{key}")


@transaction.atomic
def relief_receive(*, relief: DisasterRelief, received_on: date, actor: Actor,
                   cash_account: str = "1102") -> DisasterRelief:
    """The affected fund confirms relief came (ยืนยันการรับความช่วยเหลือ). Money is posted in its own books,
    debit the cash or bank account and credit 4302; goods are marked received only. Confirming twice
    returns the relief as it is."""
    actor.scope.require(POST, relief.receiver_id)
    r = DisasterRelief.objects.select_for_update().select_related("sender", "event").get(pk=relief.pk)
    if r.received_on is not None:
        return r
    if received_on < r.sent_on:
        raise DomainError("invalid.received_on", f"วันที่รับต้องไม่ก่อนวันที่ส่ง ({format_be(r.sent_on)})",
                          f"The date received must not be before the date sent ({format_be(r.sent_on, language='en')})",
                          "received_on")
    before = relief_snapshot(r)
    if r.kind == domain.ReliefKind.MONEY:
        account = _cash_account(cash_account)
        receiver = Organization.objects.select_for_update().get(pk=r.receiver_id)
        accounts_seed(organization=receiver)  # funds created before 4302 existed get it now
        r.received_entry = entry_post(
            organization=receiver, date=received_on, actor=actor, source="relief_receive",
            lines=[debit(account, r.amount), credit(RELIEF_RECEIVED, r.amount)],
            memo=f"รับเงินช่วยเหลือจาก{r.sender.name_th} เหตุ: {r.event.name}"[:300],
            idempotency_key=f"relief-receive-{r.pk}")
        r.received_account = account
    r.received_on, r.received_by_id, r.received_at = received_on, actor.user_id, utc_now()
    r.save(update_fields=["received_on", "received_account", "received_entry", "received_by", "received_at"])
    audit_record(actor=actor, action="relief_receive", obj_type="disaster_relief", obj_id=r.pk,
                 organization_id=r.receiver_id, before=before, after=relief_snapshot(r))
    return r
