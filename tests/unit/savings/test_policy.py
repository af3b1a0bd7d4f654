"""The savings policy in pure Python: missed months and fines, the withdrawal rule with its reason,
interest on the lowest (or closing) balance of each month rounded once, the refund on leaving.
Figures are worked by hand; hypothesis checks the invariants."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kongthun.errors import DomainError
from kongthun.savings.domain.policy import (
    InterestBasis,
    MonthDue,
    Policy,
    WithdrawalRule,
    add_months,
    fines_due,
    leaving_refund,
    missed_months,
    monthly_balances,
    months_between,
    months_due,
    policy_on,
    savings_interest,
    shares_check,
    validate_policy,
    withdrawal_check,
    withdrawal_limit,
    year_interest,
)

JAN = date(2025, 1, 1)
P = Policy(effective_from=JAN, share_price=10_000, max_shares=10, monthly_promise=20_000, missed_month_fine=1_000,
           withdrawal_rule=WithdrawalRule.UP_TO_PERCENT, withdrawal_percent=50, min_balance=10_000,
           interest_rate=Decimal("3"))


def test_months_run_across_the_year_end():
    assert months_between(date(2024, 11, 15), date(2025, 2, 3)) == [
        date(2024, 11, 1), date(2024, 12, 1), date(2025, 1, 1), date(2025, 2, 1)]
    assert add_months(date(2025, 12, 1), 1) == date(2026, 1, 1) and add_months(JAN, -1) == date(2024, 12, 1)
    assert months_between(date(2025, 3, 1), date(2025, 2, 1)) == []


def test_missed_months_and_their_fines():
    promise = {m: 20_000 for m in months_between(JAN, date(2025, 4, 1))}
    paid = {JAN: 20_000, date(2025, 2, 1): 15_000, date(2025, 4, 1): 40_000}
    months = months_due(promise, paid, JAN, date(2025, 4, 1))
    assert missed_months(months) == [date(2025, 2, 1), date(2025, 3, 1)]  # paying double later does not un-miss
    fine = {m: 1_000 for m in promise}
    assert fines_due(missed_months(months), fine, []) == 2_000
    assert fines_due(missed_months(months), fine, [date(2025, 2, 1)]) == 1_000


def test_a_zero_promise_is_never_missed():
    assert not MonthDue(JAN, 0, 0).missed and MonthDue(JAN, 1, 0).missed


@pytest.mark.parametrize(("rule", "percent", "balance", "most"), [
    (WithdrawalRule.ON_LEAVING_ONLY, 0, 100_000, 0),
    (WithdrawalRule.UP_TO_PERCENT, 50, 100_000, 50_000),
    (WithdrawalRule.UP_TO_PERCENT, 50, 15_000, 5_000),  # the minimum balance stays
    (WithdrawalRule.FREE, 0, 100_000, 90_000),
    (WithdrawalRule.FREE, 0, 5_000, 0),
])
def test_withdrawal_limits(rule, percent, balance, most):
    p = Policy(effective_from=JAN, withdrawal_rule=rule, withdrawal_percent=percent, min_balance=10_000)
    assert withdrawal_limit(p, balance) == most
    assert withdrawal_limit(p, balance, leaving=True) == balance


def test_a_refused_withdrawal_says_why_in_thai_and_english():
    d = withdrawal_check(P, 100_000, 60_000)
    assert not d.allowed and d.most == 50_000
    assert "50%" in d.reason_en and "500.00" in d.reason_en and "ร้อยละ 50" in d.reason_th
    assert withdrawal_check(P, 100_000, 50_000).allowed
    only = Policy(effective_from=JAN)
    d = withdrawal_check(only, 100_000, 1)
    assert not d.allowed and "only on leaving" in d.reason_en
    assert withdrawal_check(only, 100_000, 100_000, leaving=True).allowed
    assert not withdrawal_check(P, 100_000, 0).allowed
    err = withdrawal_check(P, 100_000, 200_000).refusal()
    assert err.code == "conflict.withdrawal_rule" and err.details == {"most": 50_000}


def test_interest_on_the_lowest_balance_of_each_month():
    # 1,200 baht all year, 500 taken out on 15 June and 100 put back on 20 June: June's lowest is 700.
    moves = [(date(2025, 6, 15), -50_000), (date(2025, 6, 20), 10_000)]
    months = months_between(JAN, date(2025, 12, 31))
    lows = monthly_balances(120_000, moves, months, InterestBasis.MIN_MONTHLY_BALANCE)
    assert lows == [120_000] * 5 + [70_000] + [80_000] * 6
    ends = monthly_balances(120_000, moves, months, InterestBasis.MONTH_END_BALANCE)
    assert ends == [120_000] * 5 + [80_000] * 7
    # (5 x 1,200 + 700 + 6 x 800) x 3% / 12 = 11,500 x 0.25% = 28.75 baht
    assert year_interest(P, 120_000, moves, JAN, date(2025, 12, 31)) == 2_875
    # Rounded once, half up: 1 satang for a month at 3% is 0.0025 satang -> 0; 200 satang-months -> 0.5 -> 1.
    assert savings_interest(Decimal(3), [1]) == 0 and savings_interest(Decimal(3), [200]) == 1
    assert savings_interest(Decimal(0), [100_000]) == 0


def test_shares_are_whole_and_capped():
    assert shares_check(P, 0, 30_000) == 3
    with pytest.raises(DomainError) as err:
        shares_check(P, 0, 25_000)
    assert err.value.code == "invalid.share_amount"
    with pytest.raises(DomainError) as err:
        shares_check(P, 8, 30_000)
    assert err.value.code == "conflict.share_limit" and "10" in err.value.message_en


def test_refund_on_leaving_keeps_fines_from_savings_only():
    r = leaving_refund(30_000, 20_000, 1_000)
    assert (r.savings, r.shares, r.fines, r.total) == (30_000, 20_000, 1_000, 49_000)
    assert leaving_refund(500, 20_000, 1_000).fines == 500


def test_policy_versions_and_validation():
    later = Policy(effective_from=date(2025, 7, 1), monthly_promise=30_000)
    assert policy_on([P, later], date(2025, 6, 30)) is P and policy_on([P, later], date(2025, 7, 1)) is later
    with pytest.raises(DomainError):
        policy_on([P], date(2024, 12, 31))
    for bad in (dict(share_price=0), dict(withdrawal_rule=WithdrawalRule.UP_TO_PERCENT, withdrawal_percent=0),
                dict(withdrawal_percent=101), dict(interest_rate=Decimal(-1)), dict(min_shares=5, max_shares=2),
                dict(missed_month_fine=-1)):
        with pytest.raises(DomainError) as err:
            validate_policy(Policy(effective_from=JAN, **bad))
        assert err.value.where and err.value.message_th


# --- invariants -----------------------------------------------------------------------------------

amounts = st.integers(min_value=0, max_value=10**9)
policies = st.builds(Policy, effective_from=st.just(JAN), withdrawal_rule=st.sampled_from(list(WithdrawalRule)),
                     withdrawal_percent=st.integers(1, 100), min_balance=st.integers(0, 10**7),
                     interest_rate=st.decimals(0, 20, places=2), missed_month_fine=st.integers(0, 10**5))


@given(policies, amounts, st.booleans())
def test_allowed_withdrawal_never_exceeds_the_balance(p, balance, leaving):
    most = withdrawal_limit(p, balance, leaving=leaving)
    assert 0 <= most <= balance
    assert withdrawal_check(p, balance, most + 1, leaving=leaving).allowed is False
    if most:
        assert withdrawal_check(p, balance, most, leaving=leaving).allowed


@given(st.lists(st.tuples(amounts, amounts), max_size=24), st.integers(0, 10**5),
       st.lists(st.integers(0, 23), max_size=5))
def test_fines_are_never_negative_and_never_more_than_the_missed_months(rows, fine, fined_idx):
    months = [add_months(JAN, i) for i in range(len(rows))]
    promise = {m: r[0] for m, r in zip(months, rows, strict=True)}
    paid = {m: r[1] for m, r in zip(months, rows, strict=True)}
    due = months_due(promise, paid, JAN, add_months(JAN, len(rows) - 1))
    missed = missed_months(due)
    got = fines_due(missed, {m: fine for m in months}, [add_months(JAN, i) for i in fined_idx])
    assert 0 <= got <= fine * len(missed)


@given(st.decimals(0, 50, places=4), st.lists(amounts, min_size=1, max_size=12), st.integers(0, 10**6),
       st.integers(0, 11))
def test_interest_is_monotone_in_the_balance(rate, balances, extra, month):
    more = list(balances)
    more[month % len(more)] += extra
    assert 0 <= savings_interest(rate, balances) <= savings_interest(rate, more)


@given(amounts, st.lists(st.tuples(st.integers(0, 364), st.integers(-10**6, 10**6)), max_size=30))
def test_the_lowest_balance_is_never_above_the_closing_one(opening, moves):
    dated = [(date.fromordinal(JAN.toordinal() + d), a) for d, a in moves]
    months = months_between(JAN, date(2025, 12, 31))
    lows = monthly_balances(opening, dated, months, InterestBasis.MIN_MONTHLY_BALANCE)
    ends = monthly_balances(opening, dated, months, InterestBasis.MONTH_END_BALANCE)
    assert all(lo <= end for lo, end in zip(lows, ends, strict=True)) and all(x >= 0 for x in lows)
