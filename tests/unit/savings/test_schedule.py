"""Loan schedules against figures computed here independently (closed-form annuity in Decimal, the issue's
literal figures), and properties that must hold for any loan."""

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kongthun.errors import DomainError
from kongthun.savings.domain.schedule import Frequency, Method, Terms, add_months, schedule

START = date(2025, 1, 15)


def terms(principal=1_000_000, rate="12", method=Method.DECLINING, months=12, freq=Frequency.MONTHLY, start=START):
    return Terms(principal, Decimal(rate), method, months, freq, start)


def test_declining_balance_figures_of_the_issue():
    rows = schedule(terms())
    # Independently: the annuity formula A = P r / (1 - (1 + r)^-n), r = 1% a month, in baht.
    r, p, n = Decimal("0.01"), Decimal(10000), 12
    annuity = (p * r / (1 - (1 + r) ** -n)).quantize(Decimal("0.01"), ROUND_HALF_UP)
    assert annuity == Decimal("888.49")
    assert all(x.total == 88849 for x in rows[:-1])  # equal payments of 888.49 baht
    assert sum(x.interest for x in rows) == 66186  # 661.86 baht of interest in all
    assert sum(x.principal for x in rows) == 1_000_000
    assert rows[0].interest == 10000  # 1% of 10,000 baht in the first month
    # The last payment absorbs the remainder: 10,000 + 661.86 - 11 x 888.49.
    assert rows[-1].total == 1_000_000 + 66186 - 11 * 88849
    assert rows[-1].balance_after == 0


def test_declining_each_month_interest_is_rounded_on_what_is_still_owed():
    owed = Decimal(1_000_000)
    for row in schedule(terms()):
        assert row.interest == int((owed / 100).quantize(Decimal(1), ROUND_HALF_UP))
        owed -= row.principal


def test_flat_one_percent_a_month_is_100_baht_each_month():
    rows = schedule(terms(method=Method.FLAT))
    assert [x.interest for x in rows] == [10000] * 12
    assert sum(x.principal for x in rows) == 1_000_000
    assert rows[0].principal == 83333 and rows[-1].principal == 1_000_000 - 11 * 83333


def test_due_dates_are_counted_from_the_start_and_clamped_to_month_end():
    rows = schedule(terms(start=date(2025, 1, 31)))
    assert [r.due for r in rows[:3]] == [date(2025, 2, 28), date(2025, 3, 31), date(2025, 4, 30)]
    assert add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)


def test_weekly_and_maturity():
    weekly = schedule(terms(freq=Frequency.WEEKLY, months=3))
    assert len(weekly) == 13 and weekly[0].due == date(2025, 1, 22)
    once = schedule(terms(method=Method.FLAT, freq=Frequency.MATURITY, months=6))
    # 12% a year for half a year on 10,000 baht: 600 baht, all at the end of the term.
    assert [(x.due, x.principal, x.interest) for x in once] == [(date(2025, 7, 15), 1_000_000, 60000)]


def test_zero_rate_repays_only_principal():
    rows = schedule(terms(rate="0", principal=1000, months=3))
    assert [x.principal for x in rows] == [333, 333, 334] and all(x.interest == 0 for x in rows)


@pytest.mark.parametrize("bad", [dict(principal=0), dict(months=0), dict(rate="-1"), dict(rate="101")])
def test_bad_terms_are_refused(bad):
    with pytest.raises(DomainError):
        schedule(terms(**bad))


@given(principal=st.integers(1, 10**9), rate=st.decimals("0", "60", places=2), months=st.integers(1, 120),
       method=st.sampled_from(list(Method)), freq=st.sampled_from(list(Frequency)))
def test_principal_repaid_always_sums_to_the_amount_lent(principal, rate, months, method, freq):
    rows = schedule(Terms(principal, rate, method, months, freq, START))
    assert sum(x.principal for x in rows) == principal
    assert all(x.principal >= 0 and x.interest >= 0 for x in rows)
    assert rows[-1].balance_after == 0
    assert [x.due for x in rows] == sorted({x.due for x in rows})
