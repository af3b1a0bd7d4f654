"""Disasters, the pure part: the area (tambons and villages), who lives in it, one claimant a household,
a batch read from CSV, what relief must say."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kongthun.errors import DomainError
from kongthun.welfare.disasters.domain import (
    AreaItem,
    ReliefKind,
    ReliefTerms,
    Resident,
    area_of,
    check_event,
    check_relief,
    one_per_household,
    parse_area,
    parse_batch_csv,
)

T1, T2 = "350201", "350202"
DAY = date(2025, 9, 12)


def refused(code: str):
    return pytest.raises(DomainError, match=code.replace(".", r"\."))


def test_area_is_sorted_merged_and_a_whole_tambon_swallows_its_villages():
    assert area_of([(T1, " หมู่ 5  บ้านดอนแดง "), (T1, "หมู่ 5 บ้านดอนแดง"), {"tambon": T2, "village": "หมู่ 1"}]) == (
        AreaItem(T1, "หมู่ 5 บ้านดอนแดง"), AreaItem(T2, "หมู่ 1"))
    assert area_of([(T1, "หมู่ 5"), (T1, ""), (T2, "หมู่ 1")]) == (AreaItem(T1), AreaItem(T2, "หมู่ 1"))


def test_parse_area_lines():
    text = f"{T1}\n{T2}: หมู่ 3 บ้านโนน; หมู่ 7 บ้านหัวนา\n\n"
    assert parse_area(text, default_tambon=T2) == (AreaItem(T1), AreaItem(T2, "หมู่ 3 บ้านโนน"),
                                                   AreaItem(T2, "หมู่ 7 บ้านหัวนา"))
    with refused("invalid.area"):
        parse_area("หมู่ 7")  # a village needs its tambon


def test_covers_whole_tambon_or_one_village():
    area = (AreaItem(T1, "หมู่ 5 บ้านดอนแดง"), AreaItem(T2))
    home = Resident(1, "001", "H1", T1, "หมู่ 5  บ้านดอนแดง")
    assert home.lives_in(area)
    assert not Resident(2, "002", "H2", T1, "หมู่ 6").lives_in(area)
    assert Resident(3, "003", "H3", T2, "หมู่ 9").lives_in(area)
    by_household = Resident(4, "004", "H4", T1, "", household_tambon=T1, household_village="หมู่ 5 บ้านดอนแดง")
    assert by_household.lives_in(area)
    assert not Resident(5, "005", "", None, "").lives_in(area)


def _event(**kw):
    args = {"name": "น้ำท่วม", "started_on": DAY, "ended_on": None, "area": (AreaItem(T1),),
            "known_tambons": frozenset({T1, T2}), "fund_tambons": frozenset({T1}), "outside_why": ""}
    check_event(**{**args, **kw})


def test_event_checks():
    _event()
    _event(ended_on=DAY, area=(AreaItem(T2),), outside_why="สมาชิกอยู่ตำบลข้างเคียง")
    for code, kw in [("invalid.name", {"name": " "}), ("invalid.name", {"name": "x" * 201}),
                     ("invalid.dates", {"ended_on": date(2025, 9, 11)}), ("invalid.area_empty", {"area": ()}),
                     ("invalid.tambon", {"area": (AreaItem("999999"),)}),
                     ("invalid.area_outside", {"area": (AreaItem(T1), AreaItem(T2, "หมู่ 1"))})]:
        with refused(code) as err:
            _event(**kw)
        assert err.value.message_th and err.value.message_en
    with refused("invalid.area_outside") as err:
        _event(area=(AreaItem(T2),))
    assert T2 in err.value.message_th and T2 in err.value.message_en


def test_one_claimant_per_household_first_by_member_number():
    people = [Resident(1, "10", "H1", T1, ""), Resident(2, "9", "H1", T1, ""), Resident(3, "11", "", T1, ""),
              Resident(4, "2", "H2", T1, ""), Resident(5, "12", "", T1, "")]
    assert [(r.membership_id, n) for r, n in one_per_household(people)] == [(4, 1), (2, 2), (3, 1), (5, 1)]


@given(st.lists(st.tuples(st.integers(1, 500), st.sampled_from(["", "A", "B", "C"])), unique_by=lambda x: x[0]))
def test_every_member_counted_once_in_one_household(rows):
    people = [Resident(i, str(i), h, T1, "") for i, h in rows]
    picked = one_per_household(people)
    assert sum(n for _, n in picked) == len(people)
    households = [r.household or f"m{r.membership_id}" for r, _ in picked]
    assert len(households) == len(set(households))


def test_batch_csv():
    text = "\ufeffmember_no,claimed_baht,damage\n00012,1500,หลังคาพัง\n00013,\"2,000.50\",\"ยุ้งข้าว, ไก่\"\n\n"
    lines = parse_batch_csv(text)
    assert [(x.line, x.member_no, x.claimed, x.damage) for x in lines] == [
        (2, "00012", 150000, "หลังคาพัง"), (3, "00013", 200050, "ยุ้งข้าว, ไก่")]
    assert parse_batch_csv("7,๘๐๐\n")[0].claimed == 80000  # Thai digits
    for code, text in [("invalid.csv", "00012\n"), ("invalid.csv", "1,100\n1,200\n"),
                       ("invalid.amount", "1,0\n"), ("invalid.no_lines", "member_no,claimed_baht\n")]:
        with refused(code):
            parse_batch_csv(text)
    with pytest.raises(DomainError) as err:
        parse_batch_csv("1,100\n2,abc\n")
    assert err.value.where == "line 2"


def test_relief_terms():
    money = check_relief(ReliefTerms(ReliefKind.MONEY, 500000, " โอนผ่านธนาคาร "))
    assert (money.amount, money.description, money.estimated_value) == (500000, "โอนผ่านธนาคาร", 0)
    goods = check_relief(ReliefTerms(ReliefKind.GOODS, 999, " ข้าวสาร ", " 20 กระสอบ ", 1600000))
    assert (goods.amount, goods.description, goods.quantity) == (0, "ข้าวสาร", "20 กระสอบ")
    for code, terms in [("invalid.amount", ReliefTerms(ReliefKind.MONEY, 0)),
                        ("invalid.amount", ReliefTerms(ReliefKind.MONEY, True)),
                        ("invalid.description", ReliefTerms(ReliefKind.GOODS, quantity="3")),
                        ("invalid.quantity", ReliefTerms(ReliefKind.GOODS, description="ข้าว")),
                        ("invalid.amount", ReliefTerms(ReliefKind.GOODS, 0, "ข้าว", "3", -1))]:
        with refused(code):
            check_relief(terms)
