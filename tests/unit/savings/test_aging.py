"""Aging buckets, PAR30 and provisioning by a table (default after WOCCU PEARLS)."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kongthun.errors import DomainError
from kongthun.savings.domain.aging import (
    LoanRisk,
    ProvisionRow,
    bucket_of,
    portfolio_risk,
    provision_for,
    validate_table,
)


@pytest.mark.parametrize("days,key", [(0, "current"), (1, "1-30"), (30, "1-30"), (31, "31-90"), (90, "31-90"),
                                      (91, "91-365"), (365, "91-365"), (366, ">365"), (4000, ">365")])
def test_buckets(days, key):
    assert bucket_of(days) == key


def test_default_provision_is_35_percent_for_1_to_12_months_and_100_beyond():
    assert provision_for(1_000_000, 30) == 0
    assert provision_for(1_000_000, 31) == 350_000
    assert provision_for(1_000_000, 365) == 350_000
    assert provision_for(1_000_000, 366) == 1_000_000
    assert provision_for(333, 40) == 117  # 116.55 satang, rounded once


def test_portfolio_par30_and_buckets():
    risk = portfolio_risk([LoanRisk(1, 600_000, 0), LoanRisk(2, 300_000, 45), LoanRisk(3, 100_000, 400),
                           LoanRisk(4, 50_000, 10)])
    assert risk.outstanding == 1_050_000 and risk.count == 4
    assert risk.at_risk_30 == 400_000
    assert risk.par30 == Decimal("38.10")  # 400,000 / 1,050,000
    assert risk.provision_required == 105_000 + 100_000
    assert {b.key: b.count for b in risk.buckets} == {"current": 1, "1-30": 1, "31-90": 1, "91-365": 0, ">365": 1}
    assert portfolio_risk([]).par30 == Decimal("0.00")


def test_table_must_start_at_zero_and_never_fall():
    with pytest.raises(DomainError):
        validate_table([ProvisionRow(30, Decimal(10))])
    with pytest.raises(DomainError):
        validate_table([ProvisionRow(0, Decimal(0)), ProvisionRow(90, Decimal(50)), ProvisionRow(180, Decimal(20))])
    with pytest.raises(DomainError):
        validate_table([ProvisionRow(0, Decimal(0)), ProvisionRow(90, Decimal(150))])


@given(st.lists(st.tuples(st.integers(1, 10**8), st.integers(0, 2000)), max_size=30))
def test_buckets_add_up_to_the_portfolio(loans):
    risk = portfolio_risk([LoanRisk(i, o, d) for i, (o, d) in enumerate(loans)])
    assert sum(b.outstanding for b in risk.buckets) == sum(o for o, _ in loans) == risk.outstanding
    assert 0 <= risk.provision_required <= risk.outstanding
    assert 0 <= risk.at_risk_30 <= risk.outstanding
