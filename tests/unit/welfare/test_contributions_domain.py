"""Contributions' pure rules: what a payment covers, paid-up-to, arrears, lapse, reinstatement, and
the matching request. Properties with hypothesis; worked examples a treasurer could check by hand."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kongthun.errors import DomainError
from kongthun.welfare.contributions.domain import (
    Frequency,
    MatchingTerms,
    MemberPaid,
    Plan,
    Reinstatement,
    coverage,
    matching_request,
    paid_up_to,
    payment_of,
    plan_on,
    reinstatement_due,
    standing,
    validate_plan,
)

JOINED = date(2024, 1, 1)
MONTHLY = Plan(effective_from=date(2020, 1, 1))  # 1 baht a day, 30 baht a month, 20 baht entry fee

dates = st.dates(min_value=date(2000, 1, 1), max_value=date(2060, 12, 31))
frequencies = st.sampled_from(list(Frequency))
plans = st.builds(
    Plan, effective_from=st.just(date(2000, 1, 1)), daily_rate=st.integers(1, 1000), frequency=frequencies,
    grace_days=st.integers(0, 90), lapse_after_months=st.integers(1, 24),
)
day_lists = st.lists(st.integers(1, 800), max_size=20)


# --- worked examples --------------------------------------------------------------------------------


def test_period_amounts_follow_one_baht_a_day():
    assert [Plan(date(2020, 1, 1), frequency=f).period_amount for f in Frequency] == [100, 700, 3000, 36500]


def test_payment_by_amount_or_periods():
    assert payment_of(MONTHLY, amount=9000) == payment_of(MONTHLY, periods=3)
    p = payment_of(MONTHLY, periods=3)
    assert (p.amount, p.periods, p.days) == (9000, 3, 90)


@pytest.mark.parametrize("kw, code", [
    ({"amount": 4500}, "invalid.amount_not_whole_periods"),
    ({"amount": 0}, "invalid.amount"),
    ({"amount": -3000}, "invalid.amount"),
    ({"periods": 0}, "invalid.periods"),
    ({"periods": -1}, "invalid.periods"),
    ({"periods": True}, "invalid.periods"),
    ({"amount": 3000, "periods": 1}, "invalid.payment"),
    ({}, "invalid.payment"),
])
def test_bad_payments_are_refused_in_thai_and_english(kw, code):
    with pytest.raises(DomainError) as err:
        payment_of(MONTHLY, **kw)
    assert err.value.code == code and err.value.message_th and err.value.message_en


def test_a_float_amount_is_refused():
    with pytest.raises(DomainError):
        payment_of(MONTHLY, amount=30.0)


def test_paid_up_to_and_coverage():
    assert paid_up_to(JOINED, []) == date(2023, 12, 31)
    assert paid_up_to(JOINED, [30, 30]) == date(2024, 2, 29)
    assert coverage(JOINED, 30, 30) == (date(2024, 1, 31), date(2024, 2, 29))


def test_standing_in_grace_behind_and_lapsed():
    paid = [30] * 3  # through 2024-03-30
    s = standing(MONTHLY, JOINED, paid, date(2024, 3, 30))
    assert (s.paid_up_to, s.arrears_days, s.months_in_arrears, s.in_grace, s.up_to_date) == (
        date(2024, 3, 30), 0, 0, False, True)
    s = standing(MONTHLY, JOINED, paid, date(2024, 4, 20))
    assert (s.arrears_days, s.arrears_satang, s.in_grace, s.up_to_date, s.should_lapse) == (21, 2100, True, True, False)
    s = standing(MONTHLY, JOINED, paid, date(2024, 6, 1))
    assert (s.months_in_arrears, s.in_grace, s.up_to_date, s.should_lapse) == (2, False, False, False)
    s = standing(MONTHLY, JOINED, paid, date(2024, 3, 30) + timedelta(days=180))
    assert (s.months_in_arrears, s.should_lapse) == (6, True)


def test_reinstatement_terms():
    s = standing(MONTHLY, JOINED, [30], date(2024, 3, 5))  # 35 days behind -> 2 periods
    due = reinstatement_due(MONTHLY, s)
    assert (due.kind, due.amount) == (Reinstatement.PAY_ARREARS, 6000)
    rejoin = Plan(date(2020, 1, 1), reinstatement=Reinstatement.REJOIN_FEE, rejoin_fee=5000)
    assert reinstatement_due(rejoin, s).amount == 5000 and "ค่าสมัครใหม่" in reinstatement_due(rejoin, s).message_th


def test_plan_versions_by_effective_date():
    old, new = Plan(date(2020, 1, 1)), Plan(date(2024, 10, 1), daily_rate=200)
    assert plan_on([new, old], date(2024, 9, 30)) is old
    assert plan_on([new, old], date(2024, 10, 1)) is new
    with pytest.raises(DomainError) as err:
        plan_on([new, old], date(2019, 12, 31))
    assert err.value.code == "conflict.no_plan"


@pytest.mark.parametrize("kw", [{"daily_rate": 0}, {"entry_fee": -1}, {"grace_days": -1}, {"lapse_after_months": 0},
                                {"daily_rate": 1.0}, {"rejoin_fee": -5}])
def test_bad_plans_are_refused(kw):
    with pytest.raises(DomainError) as err:
        validate_plan(Plan(date(2020, 1, 1), **kw))
    assert err.value.code == "invalid.plan"


def test_matching_request_caps_and_breakdown():
    members = [MemberPaid(1, "00001", 36500), MemberPaid(2, "00002", 50000), MemberPaid(3, "00003", 9000),
               MemberPaid(4, "00004", 9000, eligible=False, why_not_th="ลาออก", why_not_en="resigned")]
    r = matching_request(2568, members, MatchingTerms(local_ratio=Decimal("0.5")))
    assert [(x.counted, x.codi, x.local) for x in r.lines] == [
        (36500, 36500, 18250), (36500, 36500, 18250), (9000, 9000, 4500), (0, 0, 0)]
    assert (r.paid, r.counted, r.codi, r.local, r.members_counted) == (104500, 82000, 82000, 41000, 3)
    assert "เพดาน" in r.lines[1].note_th and r.lines[3].note_en == "resigned"


def test_matching_rounds_each_member_once_half_up():
    r = matching_request(2568, [MemberPaid(1, "1", 101), MemberPaid(2, "2", 103)],
                         MatchingTerms(local_ratio=Decimal("0.5")))
    assert [x.local for x in r.lines] == [51, 52] and r.local == 103


# --- properties -------------------------------------------------------------------------------------


@given(plans, st.integers(1, 60), day_lists, dates)
def test_paying_n_more_periods_moves_paid_up_to_by_exactly_n_periods(plan, n, before, joined):
    p = payment_of(plan, periods=n)
    assert paid_up_to(joined, before + [p.days]) - paid_up_to(joined, before) == timedelta(days=n * plan.period_days)


@given(st.integers(1, 60), day_lists, dates)
def test_paying_n_more_months_moves_paid_up_to_by_n_months_of_30_days(n, before, joined):
    p = payment_of(MONTHLY, amount=n * 3000)
    assert (p.periods, p.days) == (n, 30 * n)
    assert (paid_up_to(joined, before + [p.days]) - paid_up_to(joined, before)).days == 30 * n


@given(plans, day_lists, dates, dates)
def test_arrears_are_never_negative_and_agree(plan, days, joined, on):
    s = standing(plan, joined, days, on)
    assert s.arrears_days >= 0 and s.arrears_satang >= 0 and s.months_in_arrears >= 0
    assert s.arrears_satang == s.arrears_days * plan.daily_rate
    assert s.months_in_arrears == s.arrears_days // 30
    assert (s.arrears_days == 0) == (s.paid_up_to >= on)
    assert not (s.should_lapse and s.up_to_date)


@given(plans, day_lists, dates, dates, st.integers(1, 400))
def test_paying_more_never_raises_arrears(plan, days, joined, on, extra):
    before, after = standing(plan, joined, days, on), standing(plan, joined, days + [extra], on)
    assert after.arrears_days <= before.arrears_days
    assert after.should_lapse <= before.should_lapse


@given(plans, day_lists, dates, st.integers(0, 2000))
def test_later_business_dates_never_lower_arrears(plan, days, joined, step):
    on = joined + timedelta(days=step)
    today, tomorrow = standing(plan, joined, days, on), standing(plan, joined, days, on + timedelta(days=1))
    assert tomorrow.arrears_days >= today.arrears_days


@given(plans, st.integers(1, 10**7))
def test_an_amount_is_accepted_exactly_when_it_is_whole_periods(plan, amount):
    whole = amount % plan.period_amount == 0
    try:
        p = payment_of(plan, amount=amount)
    except DomainError as err:
        assert not whole and err.code == "invalid.amount_not_whole_periods"
    else:
        assert whole and p.amount == amount and p.days == p.periods * plan.period_days


@given(st.lists(st.tuples(st.integers(0, 10**6), st.booleans()), max_size=30), st.integers(0, 10**5),
       st.decimals(0, 3, places=2), st.decimals(0, 3, places=2))
def test_matching_never_exceeds_cap_times_ratio_and_totals_add_up(rows, cap, codi_ratio, local_ratio):
    members = [MemberPaid(i, f"{i:05d}", paid, eligible) for i, (paid, eligible) in enumerate(rows)]
    r = matching_request(2568, members, MatchingTerms(codi_ratio, cap, local_ratio))
    for line, m in zip(r.lines, members, strict=True):
        assert 0 <= line.counted <= min(m.paid, cap)
        assert line.counted == (min(m.paid, cap) if m.eligible else 0)
        assert line.codi <= cap * codi_ratio + Decimal("0.5")
    assert r.codi == sum(x.codi for x in r.lines) and r.counted <= r.paid
