"""Year-end allocation (การจัดสรรกำไรสุทธิ): splits that sum exactly, caps, refusals."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kongthun.errors import DomainError
from kongthun.savings.domain.dividends import (
    Bucket,
    DividendBasis,
    MemberYear,
    ProfitRule,
    allocate,
    largest_remainder,
    month_ends,
    rule_check,
    share_basis,
)

RULE = ProfitRule({Bucket.RESERVE: Decimal("10.35"), Bucket.DIVIDEND: Decimal("70.85"),
                   Bucket.PATRONAGE: Decimal("11.72"), Bucket.COMMITTEE: Decimal("2.85"),
                   Bucket.WELFARE: Decimal("3.54"), Bucket.OTHER: Decimal("0.69")},
                  max_dividend_rate=Decimal(100))


@given(st.integers(0, 10**12), st.lists(st.integers(0, 10**9), min_size=1, max_size=40))
def test_largest_remainder_sums_exactly_and_never_negative(total, weights):
    if sum(weights) == 0 and total:
        with pytest.raises(DomainError):
            largest_remainder(total, weights)
        return
    parts = largest_remainder(total, weights)
    assert sum(parts) == total
    assert all(p >= 0 for p in parts)
    whole = sum(weights)
    for p, w in zip(parts, weights, strict=True):  # each part within one satang of its exact share
        assert abs(Fraction(p) - Fraction(total * w, whole or 1)) < 1


def test_largest_remainder_worked_example():
    # 100 satang over three equal shares: 33.33... each, the one left over to the first.
    assert largest_remainder(100, [1, 1, 1]) == [34, 33, 33]
    # 10 over 1:2:7 with remainders: 1, 2, 7 exactly.
    assert largest_remainder(10, [1, 2, 7]) == [1, 2, 7]
    # 7 over 0.5:0.5 (Decimals): 3.5 each, the tie to the earlier part.
    assert largest_remainder(7, [Decimal("0.5"), Decimal("0.5")]) == [4, 3]


@st.composite
def rules(draw):
    cuts = sorted(draw(st.lists(st.integers(0, 10000), min_size=7, max_size=7)))
    bounds = [0, *cuts, 10000]
    pcts = {b: Decimal(bounds[i + 1] - bounds[i]) / 100 for i, b in enumerate(Bucket)}
    return ProfitRule(pcts, reserve_min_percent=Decimal(0), max_dividend_rate=Decimal(draw(st.integers(0, 30))))


members_st = st.lists(st.builds(MemberYear, st.integers(1, 10**6), st.fractions(0, 10**9), st.integers(0, 10**7)),
                      max_size=30)


@given(st.integers(1, 10**11), rules(), members_st)
def test_allocation_sums_exactly(net, rule, members):
    split = allocate(net, rule, members)
    assert split.total == net
    assert all(b.amount >= 0 for b in split.buckets)
    assert sum(m.dividend for m in split.members) == split.amount(Bucket.DIVIDEND) or not members
    assert sum(m.patronage for m in split.members) == split.amount(Bucket.PATRONAGE) or not members
    assert all(m.dividend >= 0 and m.patronage >= 0 for m in split.members)
    shares = sum((m.shares for m in members), Fraction(0))
    assert split.amount(Bucket.DIVIDEND) <= shares * Fraction(rule.max_dividend_rate) / 100


def test_real_cooperative_split_with_no_cap():
    members = [MemberYear(1, Fraction(10**8), 60000), MemberYear(2, Fraction(3 * 10**8), 20000)]
    split = allocate(10_000_000, RULE, members)
    assert [b.amount for b in split.buckets] == [1_035_000, 7_085_000, 1_172_000, 285_000, 354_000, 0, 0, 69_000]
    assert [(m.dividend, m.patronage) for m in split.members] == [(1_771_250, 879_000), (5_313_750, 293_000)]
    assert split.dividend_rate == Decimal("1.77")


def test_dividend_capped_at_the_maximum_rate_excess_to_reserve():
    rule = ProfitRule({Bucket.RESERVE: Decimal(20), Bucket.DIVIDEND: Decimal(80)}, max_dividend_rate=Decimal(6))
    # 100,000 baht of shares, 6% a year at most = 6,000 baht; the bucket would be 8,000 baht.
    split = allocate(1_000_000, rule, [MemberYear(1, Fraction(10_000_000), 0)])
    assert split.amount(Bucket.DIVIDEND) == 600_000
    assert split.amount(Bucket.RESERVE) == 400_000
    assert split.dividend_rate == Decimal("6.00")
    dividend = next(b for b in split.buckets if b.bucket == Bucket.DIVIDEND)
    assert any("6.00%" in e.en for e in dividend.explanation)
    # Nobody paid interest: the patronage bucket goes to the reserve too, explained.
    rule2 = ProfitRule({Bucket.RESERVE: Decimal(50), Bucket.PATRONAGE: Decimal(50)})
    split2 = allocate(1001, rule2, [MemberYear(1, Fraction(0), 0)])
    assert split2.amount(Bucket.RESERVE) == 1001 and split2.amount(Bucket.PATRONAGE) == 0


def test_allocation_over_100_percent_refused_with_reason():
    rule = ProfitRule({Bucket.RESERVE: Decimal(15), Bucket.DIVIDEND: Decimal(80), Bucket.WELFARE: Decimal(10)})
    with pytest.raises(DomainError) as e:
        allocate(1_000_000, rule, [])
    assert e.value.code == "invalid.allocation_over_100"
    assert "105" in e.value.message_en and "105" in e.value.message_th
    with pytest.raises(DomainError) as e:
        rule_check(ProfitRule({Bucket.RESERVE: Decimal(10), Bucket.DIVIDEND: Decimal(80)}))
    assert e.value.code == "invalid.allocation_under_100"
    with pytest.raises(DomainError) as e:
        rule_check(ProfitRule({Bucket.RESERVE: Decimal(5), Bucket.DIVIDEND: Decimal(95)},
                              reserve_min_percent=Decimal(10)))
    assert e.value.code == "invalid.reserve_below_minimum"
    with pytest.raises(DomainError) as e:
        rule_check(ProfitRule({Bucket.RESERVE: Decimal(110), Bucket.DIVIDEND: Decimal(-10)}))
    assert e.value.code == "invalid.allocation_negative"


def test_no_profit_refused():
    with pytest.raises(DomainError) as e:
        allocate(0, RULE, [])
    assert e.value.code == "conflict.no_profit"


def test_share_basis_average_monthly_and_year_end():
    start, end = date(2025, 1, 1), date(2025, 12, 31)
    assert len(month_ends(start, end)) == 12 and month_ends(start, end)[1] == date(2025, 2, 28)
    # 1,200 baht held all year, 1,200 more bought on 15 July: month ends July..Dec hold 2,400 (6 months).
    moves = [(date(2025, 7, 15), 120_000)]
    assert share_basis(120_000, moves, start, end, DividendBasis.AVERAGE_MONTHLY) == Fraction(180_000)
    assert share_basis(120_000, moves, start, end, DividendBasis.YEAR_END) == Fraction(240_000)
    # Redeemed on 31 December: nothing held at the year end, 11/12 of the year on average.
    assert share_basis(120_000, [(end, -120_000)], start, end, DividendBasis.AVERAGE_MONTHLY) == Fraction(110_000)
