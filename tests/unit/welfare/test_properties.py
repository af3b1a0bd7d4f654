"""Properties of the rules engine, whatever the numbers: caps hold, caps are monotone,
decisions are deterministic, and the version in force on the event date decides."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from kongthun.welfare.rules import Context, Paid, check_data, evaluate, load_text
from kongthun.welfare.rules.model import Claim

from .helpers import EXAMPLES, claim, regulation

baht = st.integers(min_value=0, max_value=50_000)
DAY = date(2024, 6, 1)
stays = st.lists(st.tuples(st.integers(0, 12), st.integers(0, 200_000), st.integers(0, 400)), max_size=5)


def hospital(per_night, stay_cap, year_cap, max_nights):
    rule = {"type": "per_night", "per_night": per_night}
    for key, value in (("max_per_stay", stay_cap), ("max_per_year", year_cap), ("max_nights_per_year", max_nights)):
        if value is not None:
            rule[key] = value
    return regulation(rule)


def history(items):
    return [Paid("M1", "hospital", DAY - timedelta(days=d), amount, "H1", n) for n, amount, d in items]


caps = st.tuples(st.integers(1, 1_000), st.none() | baht, st.none() | baht, st.none() | st.integers(1, 30))


@settings(max_examples=150, deadline=None)
@given(caps, st.integers(1, 40), stays)
def test_a_hospital_entitlement_never_exceeds_any_cap(cap, nights, past):
    per_night, stay_cap, year_cap, max_nights = cap
    before = [p for p in history(past) if p.event_date >= date(2023, 10, 1)]
    d = evaluate(hospital(*cap), claim(nights=nights), history(past))
    assert 0 <= d.amount <= nights * per_night * 100
    if stay_cap is not None:
        assert d.amount <= stay_cap * 100
    if year_cap is not None:
        assert d.amount + sum(p.amount for p in before) <= max(year_cap * 100, sum(p.amount for p in before))
    if max_nights is not None:
        assert d.nights <= max(max_nights - sum(p.nights for p in before), 0)


@settings(max_examples=150, deadline=None)
@given(caps, st.integers(1, 40), stays, st.integers(0, 5), st.integers(0, 5_000))
def test_raising_a_hospital_cap_never_lowers_the_entitlement(cap, nights, past, which, more):
    raised = list(cap)
    index = 1 + which % 3
    if raised[index] is not None:
        raised[index] += more if index < 3 else more % 10
    low = evaluate(hospital(*cap), claim(nights=nights), history(past))
    high = evaluate(hospital(*raised), claim(nights=nights), history(past))
    assert high.amount >= low.amount


@settings(max_examples=100, deadline=None)
@given(baht, baht, st.integers(0, 10_000_000), st.integers(0, 100), st.integers(0, 100))
def test_fund_share_and_claimed_caps_hold_and_are_monotone(up_to, asked, balance, share, more):
    def pays(cap: int, percent: int) -> int:
        reg = regulation({"type": "claimed_up_to", "max": cap},
                         {"type": "fund_share_cap", "share": f"{min(percent, 100) / 100:.2f}"}, kinds=("disaster",))
        return evaluate(reg, claim(kind="disaster", claimed=asked * 100), context=Context(fund_balance=balance)).amount

    amount = pays(up_to, share)
    assert amount <= up_to * 100 and amount <= asked * 100
    assert amount <= balance * share // 100 + 1  # round half up of balance x share
    assert pays(up_to + more, share) >= amount
    assert pays(up_to, share + more) >= amount


EXAMPLE = load_text((EXAMPLES / "welfare-regulation.yaml").read_text(encoding="utf-8"))
kinds = st.sampled_from(sorted(EXAMPLE.benefits))
days = st.dates(min_value=date(2020, 1, 1), max_value=date(2027, 12, 31))


@st.composite
def claims(draw) -> Claim:
    event = draw(days)
    return Claim(
        claim_id="x", member_no=draw(st.sampled_from(["M1", "M2"])), kind=draw(kinds), event_date=event,
        joined_on=event - timedelta(days=draw(st.integers(0, 9000))),
        birth_date=event - timedelta(days=draw(st.integers(0, 36000))),
        paid_up_to=event + timedelta(days=draw(st.integers(-400, 400))), household=draw(st.sampled_from(["H1", "H2"])),
        recipient=draw(st.sampled_from(["member", "beneficiary", "household"])), nights=draw(st.integers(0, 15)),
        event_id=draw(st.sampled_from(["", "E1"])), claimed=draw(st.none() | st.integers(0, 1_000_000)),
        documents=frozenset(draw(st.lists(st.sampled_from(["สำเนาสูติบัตร", "ใบรับรองแพทย์", "สำเนาใบมรณบัตร"])))),
        facts={"gpa": draw(st.sampled_from(["", "2.5", "3.5", "4.0"]))},
    )


@settings(max_examples=200, deadline=None)
@given(claims(), st.none() | st.integers(0, 100_000_000))
def test_the_same_inputs_always_give_the_same_decision(c, balance):
    first = evaluate(EXAMPLE, c, context=Context(fund_balance=balance))
    again = evaluate(EXAMPLE, c, context=Context(fund_balance=balance))
    assert first == again
    assert first.amount >= 0 and isinstance(first.amount, int)
    assert (first.amount == 0) if first.refused else first.decided_by is not None


@settings(max_examples=100, deadline=None)
@given(st.lists(days, min_size=1, max_size=5, unique=True), days)
def test_the_version_in_force_on_the_event_date_decides(starts, event):
    starts = sorted(starts)
    data = {"benefits": {"childbirth": {"label_th": "คลอดบุตร"}}, "versions": [
        {"effective_from": d.isoformat(), "clauses": [{"no": "5", "benefit": "childbirth", "type": "fixed",
                                                       "amount": 100 * (i + 1)}]} for i, d in enumerate(starts)]}
    reg, issues = check_data(data)
    assert not issues
    in_force = [i for i, d in enumerate(starts) if d <= event]
    decision = evaluate(reg, claim(kind="childbirth", event_date=event))
    if in_force:
        assert decision.amount == 100 * (in_force[-1] + 1) * 100
        assert decision.decided_by.version_th == f"ระเบียบฉบับ {starts[in_force[-1]].year + 543}"
    else:
        assert decision.refused
