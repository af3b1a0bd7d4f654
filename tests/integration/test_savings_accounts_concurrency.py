"""Two treasurers paying out the same member's savings at the same moment: each withdrawal alone is within
the rule, both together are not; exactly one is paid and the other is refused with the rule's reason. The
same collection sent twice at once is recorded once. PostgreSQL only: SQLite serializes writers itself."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection

from kongthun.integrity import run_checks
from kongthun.savings.accounts import selectors
from kongthun.savings.accounts.actions import OpeningLine, opening_balances_record, policy_set, savings_withdraw
from kongthun.savings.accounts.collection import CollectionLine, savings_collection_record
from kongthun.savings.accounts.models import SavingsVoucher
from tests.conftest import SYSTEM
from tests.integration.race_support import race

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite serializes writers itself")


@pytest.fixture
def saver(make_org, make_member):
    group = make_org("GROUP-RACE", kind="savings_group", tambon_code="350101")
    policy_set(organization=group, effective_from=date(2025, 1, 1), actor=SYSTEM, withdrawal_rule="free",
               min_balance=50_000)
    m = make_member(group, joined=date(2024, 1, 1))
    opening_balances_record(organization=group, on=date(2025, 1, 1), actor=SYSTEM, idempotency_key="o",
                            lines=[OpeningLine(m.pk, 100_000)])
    return group, m


@pytest.mark.django_db(transaction=True)
def test_two_withdrawals_at_once_cannot_overdraw_the_rule(saver):
    group, m = saver
    outcomes = race(*(lambda k=k: savings_withdraw(membership=m, amount=40_000, on=date(2025, 2, 1), actor=SYSTEM,
                                                    idempotency_key=f"w{k}") for k in range(2)))
    assert sorted(o if isinstance(o, str) else "paid" for o in outcomes) == ["conflict.withdrawal_rule", "paid"]
    assert selectors.savings_balance(m.pk, date.max) == 60_000
    assert run_checks() == []


@pytest.mark.django_db(transaction=True)
def test_one_collection_sent_twice_at_once_is_recorded_once(saver):
    group, m = saver
    lines = [CollectionLine(m.pk, 20_000)]
    outcomes = race(*(lambda: savings_collection_record(organization=group, collected_on=date(2025, 2, 5),
                                                        lines=lines, actor=SYSTEM, idempotency_key="same")
                      for _ in range(2)))
    assert all(isinstance(o, SavingsVoucher) for o in outcomes) and outcomes[0].pk == outcomes[1].pk
    assert selectors.savings_balance(m.pk, date.max) == 120_000
    assert run_checks() == []
