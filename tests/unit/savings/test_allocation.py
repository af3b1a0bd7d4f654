"""What is owed on a date and how a repayment is split: fine -> interest -> principal."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kongthun.errors import DomainError
from kongthun.savings.domain.allocation import Allocation, FineRule, Paid, allocate, due_on
from kongthun.savings.domain.schedule import Frequency, Method, Terms, schedule

START = date(2025, 1, 15)
LOAN = schedule(Terms(1_000_000, Decimal(12), Method.DECLINING, 12, Frequency.MONTHLY, START))
RULE = FineRule(amount=5000, grace_days=5)


def due(on, paid=(), rule=RULE, lines=LOAN):
    return due_on(instalments=lines, principal=1_000_000, start=START, paid=list(paid), rule=rule, on=on)


def test_on_the_first_due_date_the_first_instalment_is_owed():
    d = due(date(2025, 2, 15))
    assert (d.fine, d.interest, d.principal_due, d.overdue) == (0, 10000, 78849, 88849)
    assert d.days_overdue == 0 and d.payoff == 1_010_000


def test_interest_to_date_counts_the_days_of_the_current_period():
    # 1 Feb: 17 of the 31 days of the first period have passed; 100 baht x 17 / 31 = 54.84 baht.
    assert due(date(2025, 2, 1)).interest == 5484
    assert due(START).interest == 0


def test_a_late_instalment_after_the_grace_period_carries_one_fine():
    assert due(date(2025, 2, 20)).fine == 0  # 5 days of grace
    d = due(date(2025, 2, 21))
    assert d.fine == 5000 and d.days_overdue == 6 and d.oldest_unpaid_due == date(2025, 2, 15)
    # Paid within the grace period: no fine, even later.
    paid = [Paid(date(2025, 2, 19), 0, 10000, 78849)]
    assert due(date(2025, 3, 1), paid).fine == 0
    # Two instalments missed by mid-April: two fines, a fine paid counts.
    assert due(date(2025, 4, 1)).fine == 10000
    assert due(date(2025, 4, 1), [Paid(date(2025, 3, 30), 5000, 0, 0)]).fine == 5000


def test_allocation_order_fine_interest_principal():
    d = due(date(2025, 2, 21))
    assert allocate(3000, d) == Allocation(3000, 0, 0)
    assert allocate(10000, d) == Allocation(5000, 5000, 0)
    got = allocate(88849 + 5000, d)
    assert got.fine == 5000 and got.interest == d.interest and got.principal == 88849 - d.interest


def test_overpayment_and_nothing_are_refused():
    d = due(date(2025, 2, 15))
    with pytest.raises(DomainError) as err:
        allocate(d.payoff + 1, d)
    assert err.value.code == "invalid.overpayment" and err.value.details["payoff"] == d.payoff
    with pytest.raises(DomainError):
        allocate(0, d)
    assert allocate(d.payoff, d).principal == 1_000_000


@st.composite
def payments(draw):
    out, on = [], START
    for _ in range(draw(st.integers(0, 8))):
        on += timedelta(days=draw(st.integers(0, 60)))
        out.append((on, draw(st.integers(1, 200_000))))
    return out


@given(payments(), st.integers(0, 10_000), st.integers(0, 30))
def test_allocations_sum_exactly_and_never_leave_negative_parts(pays, fine, grace):
    rule, paid = FineRule(fine, grace), []
    for on, amount in pays:
        d = due(on, paid, rule)
        assert min(d.fine, d.interest, d.principal_due, d.outstanding, d.overdue, d.days_overdue) >= 0
        if d.payoff == 0:
            break
        amount = min(amount, d.payoff)
        a = allocate(amount, d)
        assert a.total == amount
        assert min(a.fine, a.interest, a.principal) >= 0
        assert a.fine <= d.fine and a.interest <= d.interest and a.principal <= d.outstanding
        paid.append(Paid(on, a.fine, a.interest, a.principal))
    assert sum(p.principal for p in paid) <= 1_000_000
    # Whatever came before, paying off the rest later repays exactly the amount lent.
    last = (paid[-1].on if paid else START) + timedelta(days=400)
    d = due(last, paid, rule)
    if d.payoff:
        a = allocate(d.payoff, d)
        paid.append(Paid(last, a.fine, a.interest, a.principal))
    assert sum(p.principal for p in paid) == 1_000_000
    assert due(last, paid, rule).payoff == 0


def test_whole_period_rule_charges_the_current_period_in_full():
    whole = FineRule(amount=5000, grace_days=5, whole_period=True)
    assert due(START, rule=whole).interest == 0  # the day the money was lent
    assert due(date(2025, 1, 16), rule=whole).interest == 10000  # the first period has begun
    d = due(date(2025, 2, 16), rule=whole)  # February's instalment due, March's period begun
    assert d.interest == 10000 + 9212 and d.payoff == 1_000_000 + 19212
