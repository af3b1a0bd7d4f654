"""Savings and shares on a real database (SQLite and PostgreSQL): the policy, balances brought forward,
the monthly collection (savings, shares and fines, one entry with a line per member), withdrawals by the
rule (a refusal changes nothing), shares, leaving with a refund, interest, credits, idempotent retries,
scoping across groups, and `kongthun check` holding members' savings and shares to 2101 and 3201."""

from __future__ import annotations

from contextlib import contextmanager
from datetime import date
from decimal import Decimal

import pytest

from kongthun.access.domain import Role
from kongthun.audit.actions import Actor
from kongthun.ledger.models import Account, JournalEntry
from kongthun.savings.accounts import selectors
from kongthun.savings.accounts.actions import (
    OpeningLine,
    opening_balances_record,
    policy_set,
    savings_credit,
    savings_withdraw,
    shares_buy,
)
from kongthun.savings.accounts.models import MissedMonthFine, SavingsMovement, SavingsVoucher, ShareTransaction
from tests.conftest import SYSTEM

START = date(2025, 1, 1)


def balance(org, code: str) -> int:
    return Account.objects.get(organization=org, code=code).natural_balance


def savings_state() -> dict:
    return {m.__name__: m.objects.count() for m in (SavingsVoucher, SavingsMovement, ShareTransaction,
                                                      MissedMonthFine)}


@pytest.fixture
def refused(unchanged):
    @contextmanager
    def check(code: str | None = None):
        before = savings_state()
        with unchanged(code) as err:
            yield err
        assert savings_state() == before

    return check


@pytest.fixture
def group_a(make_org):
    return make_org("GROUP-A", kind="savings_group", tambon_code="350101")


@pytest.fixture
def group_b(make_org):
    return make_org("GROUP-B", kind="savings_group", tambon_code="350102")


@pytest.fixture
def treasurer(make_user, group_a) -> Actor:
    return Actor.for_user(make_user("sav_treasurer", Role.TREASURER, group_a), "test")


@pytest.fixture
def members(make_member, group_a):
    return [make_member(group_a, first=f"สมาชิก{i}", joined=date(2024, 6, 1)) for i in range(3)]


@pytest.fixture
def policy(group_a):
    return policy_set(organization=group_a, effective_from=START, actor=SYSTEM, why="ระเบียบกลุ่ม 2568",
                      share_price=10_000, max_shares=50, monthly_promise=20_000, missed_month_fine=1_000,
                      withdrawal_rule="up_to_percent", withdrawal_percent=50, min_balance=10_000,
                      interest_rate=Decimal("3"))


def test_opening_withdraw_and_shares(group_a, members, policy, treasurer, refused):
    m0, m1, _ = members
    opening_balances_record(organization=group_a, on=START, actor=treasurer, idempotency_key="open-1",
                            lines=[OpeningLine(m0.pk, savings=100_000, shares=50_000), OpeningLine(m1.pk, 40_000)])
    assert balance(group_a, "2101") == 140_000 and balance(group_a, "3201") == 50_000
    assert selectors.savings_balance(m0.pk, START) == 100_000
    assert selectors.share_balance(m0.pk, START) == 50_000
    # 50% of 1,000 baht is 500 baht; 500.01 is refused with the reason and the most allowed.
    with refused("conflict.withdrawal_rule") as err:
        savings_withdraw(membership=m0, amount=50_001, on=date(2025, 2, 1), actor=treasurer, idempotency_key="w-1")
    assert "50%" in err.value.message_en and err.value.details["most"] == 50_000
    v = savings_withdraw(membership=m0, amount=50_000, on=date(2025, 2, 1), actor=treasurer, idempotency_key="w-1")
    again = savings_withdraw(membership=m0, amount=50_000, on=date(2025, 2, 1), actor=treasurer,
                             idempotency_key="w-1")
    assert again.pk == v.pk and JournalEntry.objects.filter(organization=group_a).count() == 2
    assert selectors.savings_balance(m0.pk, date(2025, 2, 1)) == 50_000
    assert balance(group_a, "2101") == 90_000
    shares_buy(membership=m1, amount=30_000, on=date(2025, 2, 1), actor=treasurer, idempotency_key="s-1")
    with refused("invalid.share_amount"):
        shares_buy(membership=m1, amount=15_000, on=date(2025, 2, 1), actor=treasurer, idempotency_key="s-2")
    with refused("conflict.share_limit"):
        shares_buy(membership=m1, amount=480_000, on=date(2025, 2, 1), actor=treasurer, idempotency_key="s-3")
    assert selectors.share_movements(group_a.pk, date(2025, 2, 1), date(2025, 2, 28)) == [
        selectors.ShareMovement(m1.pk, date(2025, 2, 1), 30_000)]
    savings_credit(organization=group_a, membership=m1, amount=1_234, on=date(2025, 3, 1), actor=treasurer,
                   memo="ปันผล", source="dividend", idempotency_key="c-1", debit_account="1101")
    assert selectors.savings_balance(m1.pk, date(2025, 3, 1)) == 41_234
    assert balance(group_a, "2101") == 91_234
    assert selectors.group_policy(group_a.pk, date(2025, 3, 1)).withdrawal_percent == 50
