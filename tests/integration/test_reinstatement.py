"""A lapsed member comes back (กลับเข้าเป็นสมาชิก) on the plan's terms: paying the arrears (receipts on a
collection of their own) or a re-join fee (its own entry; the lapsed days forgiven). Active again, paid up,
once per idempotency key; refusals change nothing; scoped."""

from __future__ import annotations

from datetime import date

import pytest

from kongthun.audit.models import AuditEvent
from kongthun.integrity import run_checks
from kongthun.ledger.models import Account
from kongthun.people.models import MembershipStatus
from kongthun.welfare.contributions import selectors
from kongthun.welfare.contributions.actions import (
    PaymentLine,
    collection_record,
    lapses_apply,
    member_reinstate,
    plan_set,
)
from kongthun.welfare.contributions.models import MemberReinstatement, Receipt
from tests.conftest import SYSTEM

pytestmark = pytest.mark.django_db
JOINED = date(2024, 1, 1)
LAPSED_ON = date(2024, 9, 1)
BACK_ON = date(2024, 9, 10)


def _lapsed_member(org, make_member, actor, **plan):
    plan_set(organization=org, effective_from=date(2023, 1, 1), actor=SYSTEM, why="มติที่ประชุม", **plan)
    m = make_member(org, joined=JOINED)
    collection_record(organization=org, collected_on=date(2024, 1, 5), actor=actor, idempotency_key="jan",
                      payments=[PaymentLine(m.pk, periods=1)])  # paid up to 30 Jan 2024
    assert [x.pk for x in lapses_apply(organization=org, on=LAPSED_ON, actor=actor)] == [m.pk]
    m.refresh_from_db()
    assert m.status == MembershipStatus.LAPSED
    return m


def test_paying_the_arrears_makes_the_member_active_and_paid_up(fund_a, make_member, actor_a):
    m = _lapsed_member(fund_a, make_member, actor_a)
    cash = Account.objects.get(organization=fund_a, code="1101").balance

    back = member_reinstate(membership=m, on=BACK_ON, actor=actor_a, idempotency_key="r1")

    m.refresh_from_db()
    assert m.status == MembershipStatus.ACTIVE and m.status_on == BACK_ON
    assert back.kind == "pay_arrears" and back.amount == 8 * 3000  # 224 days behind: 8 periods of 30 baht
    receipt = Receipt.objects.get(collection=back.collection)
    assert (receipt.periods, receipt.covered_from) == (8, date(2024, 1, 31))
    assert Account.objects.get(organization=fund_a, code="1101").balance == cash + 24000
    standing = selectors.member_standing(scope=actor_a.scope, membership=m, on=BACK_ON)
    assert standing.up_to_date and standing.paid_up_to >= BACK_ON
    assert member_reinstate(membership=m, on=BACK_ON, actor=actor_a, idempotency_key="r1") == back  # a retry
    assert MemberReinstatement.objects.count() == 1 and Receipt.objects.count() == 2
    assert AuditEvent.objects.filter(action="member_reinstate").count() == 1
    assert run_checks() == []


def test_a_rejoin_fee_forgives_the_lapsed_days(fund_a, make_member, actor_a):
    m = _lapsed_member(fund_a, make_member, actor_a, reinstatement="rejoin_fee", rejoin_fee=5000)
    fees = Account.objects.get(organization=fund_a, code="4102").balance

    back = member_reinstate(membership=m, on=BACK_ON, actor=actor_a, idempotency_key="r2", why="มติกรรมการ")

    assert (back.kind, back.amount, back.entry.source) == ("rejoin_fee", 5000, "rejoin_fee")
    assert Account.objects.get(organization=fund_a, code="4102").balance == fees - 5000
    standing = selectors.member_standing(scope=actor_a.scope, membership=m, on=BACK_ON)
    assert standing.paid_up_to == date(2024, 9, 9) and standing.up_to_date
    # The next contribution covers from the day the member came back.
    day = collection_record(organization=fund_a, collected_on=BACK_ON, actor=actor_a, idempotency_key="sep",
                            payments=[PaymentLine(m.pk, periods=1)])
    assert Receipt.objects.get(collection=day).covered_from == BACK_ON
    assert run_checks() == []


def test_only_a_lapsed_member_of_ones_own_fund_is_reinstated(fund_a, make_member, actor_a, actor_b, unchanged):
    m = _lapsed_member(fund_a, make_member, actor_a)
    with unchanged("forbidden.scope"):
        member_reinstate(membership=m, on=BACK_ON, actor=actor_b, idempotency_key="x")
    member_reinstate(membership=m, on=BACK_ON, actor=actor_a, idempotency_key="r3")
    with unchanged("conflict.not_lapsed") as err:
        member_reinstate(membership=m, on=BACK_ON, actor=actor_a, idempotency_key="r4")
    assert m.member_no in err.value.message_th
    other = make_member(fund_a)
    with unchanged("conflict.idempotency_mismatch"):
        member_reinstate(membership=other, on=BACK_ON, actor=actor_a, idempotency_key="r3")


def test_the_treasurer_reinstates_from_the_member_page(client, fund_a, make_member, actor_a, treasurer_a):
    from django.urls import reverse

    from tests.integration.test_web_contributions import login, text
    from tests.integration.test_web_pages import compile_translations

    compile_translations()
    m = _lapsed_member(fund_a, make_member, actor_a)
    login(client, treasurer_a)
    detail = text(client.get(reverse("web:member_detail", args=[fund_a.pk, m.pk])))
    url = reverse("web:member_reinstate", args=[fund_a.pk, m.pk])
    assert url in detail
    page = text(client.get(url))
    assert "ชำระเงินสมทบที่ค้าง" in page and 'name="key"' in page  # what the plan asks, in Thai
    key = page.split('name="key" value="')[1].split('"')[0]
    done = client.post(url, {"key": key, "why": ""}, follow=True)
    m.refresh_from_db()
    assert m.status == MembershipStatus.ACTIVE and "กลับเข้าเป็นสมาชิกแล้ว" in text(done)
    client.post(url, {"key": key})  # a double tap: the member is active, nothing more is written
    assert MemberReinstatement.objects.count() == 1
