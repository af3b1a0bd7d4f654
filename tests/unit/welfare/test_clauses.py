"""One or more tests per clause kind, and the engine that runs them in order."""

from __future__ import annotations

from datetime import date

from kongthun.welfare.rules import Context, Outcome, Paid, evaluate, evaluate_all
from kongthun.welfare.rules.registry import clause_kinds

from .helpers import claim, regulation

HOSPITAL = {"type": "per_night", "per_night": 200, "max_per_stay": 600, "max_per_year": 1000,
            "max_nights_per_year": 10}
DEATH_TABLE = {"type": "membership_table", "bands": [
    {"from_years": 1, "to_years": 3, "amount": 3000}, {"from_years": 3, "to_years": 5, "amount": 5000},
    {"from_years": 5, "to_years": 10, "amount": 10000}, {"from_years": 15, "amount": 20000}]}


def stay(nights: int, day: date, amount: int) -> Paid:
    return Paid("M1", "hospital", day, amount, "H1", nights)


def test_every_built_in_kind_is_registered():
    assert set(clause_kinds()) == {
        "fixed", "per_night", "membership_table", "fact_table", "claimed_up_to", "fund_share_cap", "year_cap",
        "waiting_period", "paid_up", "age", "membership_years", "limit", "recipient", "evidence"}


def test_fixed_pays_the_amount_and_cites_the_clause():
    d = evaluate(regulation({"type": "fixed", "amount": "1,000"}), claim())
    assert (d.outcome, d.amount) == (Outcome.PAY, 100_000)
    assert d.lines[-1].th == "อัตราคงที่ -> 1,000 บาท ตามระเบียบฉบับ 2566 ข้อ 1"
    assert d.decided_by.no == "1" and d.decided_by.type == "fixed"


def test_per_night_within_caps():
    d = evaluate(regulation(HOSPITAL), claim(nights=2))
    assert (d.outcome, d.amount, d.nights) == (Outcome.PAY, 40_000, 2)


def test_per_night_cap_per_stay_reduces():
    d = evaluate(regulation(HOSPITAL), claim(nights=4))
    assert (d.outcome, d.amount) == (Outcome.REDUCE, 60_000)
    assert "เพดานต่อครั้ง 600 บาท" in d.lines[-1].th


def test_per_night_cap_per_year_counts_this_years_stays_only():
    history = [stay(3, date(2024, 1, 10), 60_000), stay(1, date(2023, 5, 1), 20_000)]  # 2023-05 is last fiscal year
    d = evaluate(regulation(HOSPITAL), claim(nights=3), history)
    assert (d.outcome, d.amount) == (Outcome.REDUCE, 40_000)
    assert "เหลือสิทธิ์ 400 บาท" in d.lines[-1].th


def test_per_night_max_nights_per_year_then_refused_when_none_left():
    history = [stay(8, date(2024, 1, 10), 0)]
    d = evaluate(regulation(HOSPITAL), claim(nights=5), history)
    assert (d.amount, d.nights) == (40_000, 2)
    d = evaluate(regulation(HOSPITAL), claim(nights=5), [stay(10, date(2024, 1, 10), 0)])
    assert d.refused and "เหลือ 0 คืน" in d.lines[-1].th


def test_per_night_refuses_a_claim_without_nights():
    assert evaluate(regulation(HOSPITAL), claim(nights=0)).refused


def test_membership_table_reads_like_the_regulation():
    reg = regulation(*([{"type": "fixed", "amount": 1}] * 0), DEATH_TABLE, kinds=("death",))
    d = evaluate(reg, claim(kind="death", joined_on=date(2017, 1, 1)))
    assert d.amount == 1_000_000
    assert d.lines[-1].th == "เป็นสมาชิก 7 ปี -> 10,000 บาท ตามระเบียบฉบับ 2566 ข้อ 1"
    assert d.lines[-1].en == "member for 7 years -> 10,000 baht (regulation of 2566, clause 1)"


def test_membership_table_band_boundaries_and_gaps():
    reg = regulation(DEATH_TABLE, kinds=("death",))
    assert evaluate(reg, claim(kind="death", joined_on=date(2021, 6, 1))).amount == 500_000  # exactly 3 years
    assert evaluate(reg, claim(kind="death", joined_on=date(2021, 6, 2))).amount == 300_000  # a day short
    assert evaluate(reg, claim(kind="death", joined_on=date(2000, 1, 1))).amount == 2_000_000  # open-ended
    gap = evaluate(reg, claim(kind="death", joined_on=date(2012, 1, 1)))  # 12 years: no band
    assert gap.refused and "ไม่อยู่ในตารางอัตรา" in gap.lines[-1].th
    assert evaluate(reg, claim(kind="death", joined_on=None)).refused


def test_fact_table_by_gpa():
    reg = regulation({"type": "fact_table", "fact": "gpa", "fact_th": "เกรดเฉลี่ย",
                      "rows": [{"min": "3.5", "amount": 500}, {"min": 3, "max": "3.5", "amount": 300}]},
                     kinds=("scholarship",))
    assert evaluate(reg, claim(kind="scholarship", facts={"gpa": "3.50"})).amount == 50_000
    assert evaluate(reg, claim(kind="scholarship", facts={"gpa": "3.49"})).amount == 30_000
    low = evaluate(reg, claim(kind="scholarship", facts={"gpa": "2.9"}))
    assert low.refused and "เกรดเฉลี่ย 2.9 ไม่ตรงเกณฑ์" in low.lines[-1].th
    assert evaluate(reg, claim(kind="scholarship", facts={})).refused
    assert evaluate(reg, claim(kind="scholarship", facts={"gpa": "A"})).refused


def test_fact_table_by_school_level():
    reg = regulation({"type": "fact_table", "fact": "school_level", "rows": [
        {"value": "primary", "amount": 500}, {"value": "secondary", "amount": 1000}]}, kinds=("scholarship",))
    assert evaluate(reg, claim(kind="scholarship", facts={"school_level": "secondary"})).amount == 100_000
    assert evaluate(reg, claim(kind="scholarship", facts={"school_level": "university"})).refused


def test_claimed_up_to_pays_the_claim_up_to_the_cap():
    reg = regulation({"type": "claimed_up_to", "max": 2000}, kinds=("disaster",))
    assert evaluate(reg, claim(kind="disaster", claimed=150_000)).amount == 150_000
    d = evaluate(reg, claim(kind="disaster", claimed=500_000))
    assert (d.outcome, d.amount) == (Outcome.REDUCE, 200_000)
    assert evaluate(reg, claim(kind="disaster")).refused


def test_fund_share_cap_reduces_and_names_itself():
    reg = regulation({"type": "fixed", "amount": 20000}, {"type": "fund_share_cap", "share": "0.05"},
                     kinds=("death",))
    d = evaluate(reg, claim(kind="death"), context=Context(fund_balance=30_000_000))
    assert (d.outcome, d.amount) == (Outcome.REDUCE, 1_500_000)
    assert d.decided_by.type == "fund_share_cap" and d.decided_by.no == "2"
    assert "5% ของเงินกองทุน 300,000 บาท = 15,000 บาท" in d.lines[-1].th
    rich = evaluate(reg, claim(kind="death"), context=Context(fund_balance=100_000_000))
    assert (rich.outcome, rich.amount) == (Outcome.PAY, 2_000_000)
    unknown = evaluate(reg, claim(kind="death"))
    assert unknown.amount == 2_000_000 and "ไม่ทราบยอดเงินกองทุน" in unknown.lines[-1].th


def test_year_cap_per_household():
    reg = regulation({"type": "fixed", "amount": 300}, {"type": "year_cap", "amount": 500, "per": "household"},
                     kinds=("sickness_home",))
    other_member = Paid("M2", "sickness_home", date(2024, 3, 1), 30_000, "H1")
    d = evaluate(reg, claim(kind="sickness_home"), [other_member])
    assert (d.outcome, d.amount) == (Outcome.REDUCE, 20_000)


def test_waiting_period():
    reg = regulation({"type": "waiting_period", "days": 180}, {"type": "fixed", "amount": 100})
    early = evaluate(reg, claim(joined_on=date(2023, 12, 5)))  # 179 days
    assert early.refused and early.decided_by.type == "waiting_period"
    assert "ยังไม่ครบระยะรอสิทธิ์ 180 วัน" in early.lines[-1].th
    assert evaluate(reg, claim(joined_on=date(2023, 12, 4))).amount == 10_000  # 180 days


def test_paid_up_with_grace_days():
    reg = regulation({"type": "paid_up", "grace_days": 30}, {"type": "fixed", "amount": 100})
    assert evaluate(reg, claim(paid_up_to=date(2024, 5, 2))).amount == 10_000
    late = evaluate(reg, claim(paid_up_to=date(2024, 5, 1)))
    assert late.refused and "ค้างชำระ" in late.lines[-1].th
    assert evaluate(reg, claim(paid_up_to=None)).refused


def test_age_bounds():
    reg = regulation({"type": "age", "min": 60, "max": 80}, {"type": "fixed", "amount": 200}, kinds=("elderly",))
    assert evaluate(reg, claim(kind="elderly", birth_date=date(1964, 6, 1))).amount == 20_000  # 60 today
    assert evaluate(reg, claim(kind="elderly", birth_date=date(1964, 6, 2))).refused
    assert evaluate(reg, claim(kind="elderly", birth_date=date(1943, 6, 1))).refused  # 81
    assert evaluate(reg, claim(kind="elderly", birth_date=None)).refused


def test_membership_years_minimum():
    reg = regulation({"type": "membership_years", "min": 3}, {"type": "fixed", "amount": 200}, kinds=("elderly",))
    assert evaluate(reg, claim(kind="elderly", joined_on=date(2021, 6, 1))).amount == 20_000
    short = evaluate(reg, claim(kind="elderly", joined_on=date(2021, 6, 2)))
    assert short.refused and "ยังไม่ครบ 3 ปี" in short.lines[-1].th


def test_limit_per_person_per_year():
    reg = regulation({"type": "limit", "count": 1}, {"type": "fixed", "amount": 200}, kinds=("elderly",))
    last_year = Paid("M1", "elderly", date(2023, 6, 1), 20_000)
    this_year = Paid("M1", "elderly", date(2023, 11, 1), 20_000)
    assert evaluate(reg, claim(kind="elderly"), [last_year]).amount == 20_000
    assert evaluate(reg, claim(kind="elderly"), [this_year]).refused


def test_limit_per_household_per_event_and_ever():
    reg = regulation({"type": "limit", "count": 1, "per": "household", "within": "event"},
                     {"type": "claimed_up_to", "max": 2000}, kinds=("disaster",))
    flood = Paid("M2", "disaster", date(2024, 6, 1), 200_000, "H1", event_id="FLOOD")
    assert evaluate(reg, claim(kind="disaster", claimed=100_000, event_id="FLOOD"), [flood]).refused
    assert evaluate(reg, claim(kind="disaster", claimed=100_000, event_id="FIRE"), [flood]).amount == 100_000
    assert evaluate(reg, claim(kind="disaster", claimed=100_000), [flood]).refused  # no event given
    ever = regulation({"type": "limit", "count": 2, "within": "ever", "kinds": ["death", "wreath"]},
                      {"type": "fixed", "amount": 500}, kinds=("wreath", "death"))
    old = [Paid("M1", "death", date(2001, 1, 1), 1), Paid("M1", "wreath", date(2010, 1, 1), 1)]
    assert evaluate(ever, claim(kind="wreath"), old).refused


def test_recipient():
    reg = regulation({"type": "recipient", "allowed": ["beneficiary", "household"]},
                     {"type": "fixed", "amount": 3000}, kinds=("death",))
    assert evaluate(reg, claim(kind="death", recipient="beneficiary")).amount == 300_000
    member = evaluate(reg, claim(kind="death", recipient="member"))
    assert member.refused and "ผู้มีสิทธิ์รับคือ ผู้รับประโยชน์, ครัวเรือน" in member.lines[-1].th


def test_evidence():
    reg = regulation({"type": "evidence", "documents": ["สำเนาสูติบัตร", "สำเนาทะเบียนบ้าน"]},
                     {"type": "fixed", "amount": 1000}, kinds=("childbirth",))
    d = evaluate(reg, claim(kind="childbirth", documents=frozenset({"สำเนาทะเบียนบ้าน"})))
    assert d.refused and d.lines[-1].th.startswith("ขาดเอกสาร: สำเนาสูติบัตร")
    ok = evaluate(reg, claim(kind="childbirth", documents=frozenset({"สำเนาสูติบัตร", "สำเนาทะเบียนบ้าน"})))
    assert ok.amount == 100_000


def test_conditions_run_before_the_amount_whatever_the_file_order():
    reg = regulation({"type": "fixed", "amount": 100}, {"type": "waiting_period", "days": 180})
    d = evaluate(reg, claim(joined_on=date(2024, 5, 1)))
    assert d.refused and d.decided_by.no == "2" and len(d.lines) == 2  # header, the refusal


def test_claims_outside_the_regulation_are_refused_with_a_reason():
    reg = regulation({"type": "fixed", "amount": 100}, effective="2024-10-01")
    assert "ไม่มีระเบียบที่ใช้บังคับ" in evaluate(reg, claim()).lines[-1].th
    assert "ไม่มีสวัสดิการประเภท" in evaluate(reg, claim(kind="wedding", event_date=date(2025, 1, 1))).lines[-1].th


def test_a_kind_not_offered_in_a_version_is_refused():
    reg = regulation({"type": "fixed", "amount": 100}, kinds=("hospital", "death"))
    d = evaluate(reg, claim(kind="death"))
    assert d.refused and "ไม่มีสวัสดิการสวัสดิการ death" in d.lines[-1].th


def test_evaluate_all_applies_yearly_caps_in_date_order_and_keeps_input_order():
    reg = regulation(HOSPITAL)
    later, earlier = claim(claim_id="b", nights=3, event_date=date(2024, 9, 1)), claim(claim_id="a", nights=4)
    first, second = evaluate_all(reg, [later, earlier])
    assert (second.amount, first.amount) == (60_000, 40_000)  # 600 for the earlier stay, 400 left of 1,000
