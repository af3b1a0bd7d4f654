"""Debt survey and refinancing (แก้หนี้): burden, schedules, interest saved."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kongthun.errors import DomainError
from kongthun.savings.domain.debt import (
    CreditorKind,
    Debt,
    InterestMethod,
    debt_burden,
    refinance_plan,
    schedule,
)

INFORMAL = Debt(CreditorKind.INFORMAL, 3_000_000, Decimal(120), 300_000, "นายทุน")
BAAC = Debt(CreditorKind.BAAC, 10_000_000, Decimal(7), 250_000)


def test_schedule_figures_checked_independently():
    # 10,000 baht, 12 months, 12% a year on the declining balance: 888.49 a month, interest 661.86.
    plan = schedule(1_000_000, Decimal(12), 12, InterestMethod.DECLINING)
    assert [x.payment for x in plan[:11]] == [88_849] * 11
    assert sum(x.interest for x in plan) == 66_186
    assert plan[0].interest == 10_000 and plan[-1].balance_after == 0
    flat = schedule(1_000_000, Decimal(12), 12, InterestMethod.FLAT)  # flat 1% a month: 100 baht a month
    assert {x.interest for x in flat} == {10_000} and sum(x.principal for x in flat) == 1_000_000


@given(st.integers(1, 10**9), st.integers(0, 60), st.integers(1, 120), st.sampled_from(list(InterestMethod)))
def test_principal_repaid_sums_to_amount_lent(amount, rate, months, method):
    plan = schedule(amount, Decimal(rate), months, method)
    assert sum(x.principal for x in plan) == amount
    assert all(x.principal >= 0 and x.interest >= 0 for x in plan)
    assert plan[-1].balance_after == 0


def test_burden_totals_and_income_ratio():
    b = debt_burden([INFORMAL, BAAC], monthly_income=1_000_000)
    assert b.total == 13_000_000 and b.monthly_payments == 550_000 and b.informal == 3_000_000
    assert dict(b.by_kind) == {CreditorKind.INFORMAL: 3_000_000, CreditorKind.BAAC: 10_000_000}
    assert b.payment_to_income == Decimal("55.00") and b.high
    assert debt_burden([BAAC]).payment_to_income is None


def test_refinance_moves_informal_debt_and_saves_interest():
    plan = refinance_plan([INFORMAL, BAAC], annual_rate=Decimal(12), months=24)
    assert plan.moved == (0,) and plan.amount == 3_000_000
    assert plan.interest_new == sum(x.interest for x in plan.installments)
    # Same declining balance at 10% a month instead of 1%: ten times the interest, to within rounding.
    assert abs(plan.interest_old - 10 * plan.interest_new) <= 24 * 10
    assert plan.interest_saved == plan.interest_old - plan.interest_new > 3_000_000
    assert plan.monthly_payment_old == 300_000
    assert "ประหยัด" in plan.explanation() and "saved" in plan.explanation("en")


def test_refinance_refuses_nothing_to_move_and_bad_debts():
    with pytest.raises(DomainError) as e:
        refinance_plan([BAAC], annual_rate=Decimal(12), months=12)
    assert e.value.code == "invalid.nothing_to_refinance"
    with pytest.raises(DomainError):
        Debt(CreditorKind.BANK, -1, Decimal(5))
    with pytest.raises(DomainError):
        refinance_plan([BAAC], annual_rate=Decimal(12), months=12, moved=[3])
