"""Business dates: Buddhist Era display, dates that must exist, accounting years."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kongthun.clock import CALENDAR, FISCAL, AccountingYear, be_year, format_be, make_date, parse_iso_date, utc_now
from kongthun.errors import DomainError
from kongthun.orgs.domain import accounting_year


def test_be_year_and_format():
    d = date(2024, 3, 15)
    assert be_year(d) == 2567
    assert format_be(d) == "15 มี.ค. 2567"
    assert format_be(d, long=True) == "15 มีนาคม 2567"
    assert format_be(d, language="en") == "15 Mar 2567 BE"
    assert format_be(date(2025, 12, 31)) == "31 ธ.ค. 2568"
    assert format_be(date(2025, 1, 1), language="en-GB") == "1 Jan 2568 BE"


def test_utc_now_is_aware():
    now = utc_now()
    assert now.tzinfo is not None and now.utcoffset() == timedelta(0)


def test_make_date_accepts_real_dates():
    assert make_date(2024, 2, 29) == date(2024, 2, 29)
    assert make_date(2400, 1, 1) == date(2400, 1, 1)


@pytest.mark.parametrize(("y", "m", "d"), [(2023, 2, 29), (2024, 2, 30), (2024, 4, 31), (2024, 13, 1), (2024, 0, 1),
                                           (2024, 1, 0), (0, 1, 1)])
def test_make_date_refuses_impossible_dates(y, m, d):
    with pytest.raises(DomainError) as err:
        make_date(y, m, d, where="date")
    assert err.value.code == "invalid.date"
    assert err.value.where == "date"
    assert "ไม่มีวันที่" in err.value.message_th and "is not a date" in err.value.message_en


def test_make_date_says_the_be_year_in_thai():
    with pytest.raises(DomainError) as err:
        make_date(2024, 2, 30)
    assert "30/2/2567" in err.value.message_th


@pytest.mark.parametrize("year", [2567, 2568, 2401, 3000])
def test_make_date_refuses_be_year_given_as_ce(year):
    with pytest.raises(DomainError) as err:
        make_date(year, 1, 15)
    assert err.value.code == "invalid.date_be_year"
    assert "พ.ศ." in err.value.message_th and "Buddhist Era" in err.value.message_en


def test_parse_iso_date():
    assert parse_iso_date(" 2024-10-01 ") == date(2024, 10, 1)
    for bad, code in [("2024-02-30", "invalid.date"), ("2567-01-01", "invalid.date_be_year"),
                      ("1/2/2024", "invalid.date"), ("", "invalid.date"), ("2024-xx-01", "invalid.date")]:
        with pytest.raises(DomainError) as err:
            parse_iso_date(bad)
        assert err.value.code == code, bad


# --- accounting years -----------------------------------------------------------------------


def test_fiscal_year_is_named_by_the_be_year_it_ends_in():
    assert FISCAL.start_of(date(2024, 10, 1)) == date(2024, 10, 1)
    assert FISCAL.end_of(date(2024, 10, 1)) == date(2025, 9, 30)
    assert FISCAL.name_of(date(2024, 10, 1)) == 2568
    assert FISCAL.start_of(date(2024, 9, 30)) == date(2023, 10, 1)
    assert FISCAL.name_of(date(2024, 9, 30)) == 2567
    assert FISCAL.name_of(date(2025, 1, 15)) == 2568


def test_calendar_year():
    assert CALENDAR.start_of(date(2024, 6, 1)) == date(2024, 1, 1)
    assert CALENDAR.end_of(date(2024, 6, 1)) == date(2024, 12, 31)
    assert CALENDAR.name_of(date(2024, 1, 1)) == 2567
    assert CALENDAR.name_of(date(2024, 12, 31)) == 2567


def test_custom_year_from_april():
    year = AccountingYear(4, 1)
    assert year.start_of(date(2024, 3, 31)) == date(2023, 4, 1)
    assert year.end_of(date(2024, 3, 31)) == date(2024, 3, 31)
    assert year.name_of(date(2024, 3, 31)) == 2567
    assert year.start_of(date(2024, 4, 1)) == date(2024, 4, 1)
    assert year.name_of(date(2024, 4, 1)) == 2568


def test_custom_year_starting_mid_month():
    year = AccountingYear(3, 16)
    assert year.end_of(date(2024, 3, 15)) == date(2024, 3, 15)
    assert year.start_of(date(2024, 3, 16)) == date(2024, 3, 16)
    assert year.end_of(date(2024, 3, 16)) == date(2025, 3, 15)


def test_accounting_year_setting():
    assert accounting_year("fiscal") == FISCAL
    assert accounting_year("calendar", 7, 7) == CALENDAR  # the start is fixed for named kinds
    assert accounting_year("custom", 4, 1) == AccountingYear(4, 1)
    for month, day in [(0, 1), (13, 1), (2, 29), (1, 31), (1, 0)]:
        with pytest.raises(DomainError) as err:
            accounting_year("custom", month, day)
        assert err.value.code == "invalid.year_start"
    with pytest.raises(DomainError) as err:
        accounting_year("lunar")
    assert err.value.code == "invalid.choice" and "fiscal" in err.value.message_en


years = st.one_of(
    st.just(FISCAL),
    st.just(CALENDAR),
    st.builds(AccountingYear, st.integers(1, 12), st.integers(1, 28)),
)
dates = st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31))


@given(years, dates)
def test_every_date_lies_within_its_year(year, d):
    start, end = year.start_of(d), year.end_of(d)
    assert start <= d <= end
    assert (start.month, start.day) == (year.start_month, year.start_day)
    assert (end - start).days + 1 in (365, 366)
    # the next year starts the day after this one ends, and the years do not overlap
    following = end + timedelta(days=1)
    assert year.start_of(following) == following
    assert year.start_of(start) == start and year.end_of(end) == end
    assert year.name_of(d) == end.year + 543


@given(years, dates)
def test_year_length_is_366_exactly_when_it_holds_29_february(year, d):
    start, end = year.start_of(d), year.end_of(d)
    has_leap_day = any(
        start <= date(y, 2, 29) <= end for y in (start.year, end.year) if y % 4 == 0 and (y % 100 or y % 400 == 0)
    )
    assert ((end - start).days + 1 == 366) == has_leap_day


@given(years, dates, st.integers(min_value=0, max_value=400))
def test_dates_in_the_same_year_share_its_name(year, d, offset):
    other = d + timedelta(days=offset)
    same = other <= year.end_of(d)
    assert (year.name_of(other) == year.name_of(d)) == same


@given(st.dates(date(1950, 1, 1), date(2200, 12, 31)), st.integers(1, 12), st.integers(1, 28))
def test_the_year_named_by_its_end_is_the_year_that_ends_then(d, month, day):
    year = AccountingYear(month, day)
    assert year.end_of_named(year.name_of(d)) == year.end_of(d)


def test_year_ends_by_name():
    assert FISCAL.end_of_named(2569) == date(2026, 9, 30)
    assert CALENDAR.end_of_named(2569) == date(2026, 12, 31)
    assert AccountingYear(4, 1).end_of_named(2569) == date(2026, 3, 31)
