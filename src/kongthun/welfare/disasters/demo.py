"""The demo's disasters (ภัยพิบัติ), through the actions like a fund would: a batch in which a line the
regulation refuses is left out (the treasurer checks first), and relief a fund of the network sends to
another's disaster, money and goods, the money confirmed by the fund that received it."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from django.db import transaction

from kongthun.audit.actions import Actor
from kongthun.errors import DomainError
from kongthun.orgs.models import Organization
from kongthun.welfare.claims.actions import DisasterLine
from kongthun.welfare.claims.models import Claim
from kongthun.welfare.disasters.actions import disaster_batch_submit, relief_receive, relief_send
from kongthun.welfare.disasters.models import DisasterEvent

BAHT = 100


def demo_batch(event: DisasterEvent, lines: Sequence[DisasterLine], *, on: date, actor: Actor) -> list[Claim]:
    """Submit the households hit, leaving out each line the regulation refuses (not paid up, a household
    already claimed), as a treasurer would after checking."""
    lines = list(lines)
    while lines:
        try:
            return disaster_batch_submit(event=event, lines=lines, on=on, actor=actor,
                                         evidence=["ภาพถ่ายความเสียหาย"])
        except DomainError as exc:
            if exc.code != "conflict.claim_refused" or not exc.where.startswith("lines["):
                raise
            del lines[int(exc.where[len("lines["):-1]) - 1]
    return []


class _Trial(Exception):
    """Raised to roll a trial batch back."""


def demo_accepted(event: DisasterEvent, membership_ids: Sequence[int], *, on: date, actor: Actor) -> set[int]:
    """The members whose claim the regulation accepts (what the treasurer checks before the real batch),
    found by a trial batch that is rolled back: nothing is written."""
    accepted: set[int] = set()
    try:
        with transaction.atomic():
            claims = demo_batch(event, [DisasterLine(pk, 1000 * BAHT) for pk in membership_ids], on=on, actor=actor)
            accepted = {c.membership_id for c in claims}
            raise _Trial
    except _Trial:
        pass
    return accepted


def demo_relief(*, sender: Organization, sender_treasurer: Actor, affected: Organization,
                affected_treasurer: Actor) -> int:
    """The sender helps the affected fund's first disaster: 5,000 baht by bank transfer, confirmed a few days
    later, and 20 sacks of rice. Returns how many reliefs were recorded."""
    event = DisasterEvent.objects.filter(organization=affected).order_by("number").first()
    if event is None:
        return 0
    money = relief_send(sender=sender, event=event, kind="money", amount=5000 * BAHT, actor=sender_treasurer,
                        sent_on=event.started_on + timedelta(days=4), cash_account="1102",
                        idempotency_key=f"demo-relief-{event.pk}-money")
    relief_send(sender=sender, event=event, kind="goods", description="ข้าวสารหอมมะลิ ถุงละ 5 กิโลกรัม",
                quantity="20 ถุง", estimated_value=20 * 180 * BAHT, sent_on=event.started_on + timedelta(days=2),
                actor=sender_treasurer, idempotency_key=f"demo-relief-{event.pk}-goods")
    relief_receive(relief=money, received_on=event.started_on + timedelta(days=6), actor=affected_treasurer,
                   cash_account="1102")
    return 2
