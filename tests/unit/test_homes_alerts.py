"""The network home's alerts (การแจ้งเตือน) and the member PIN rules: pure functions, no database."""

from __future__ import annotations

import pytest

from kongthun.access.domain import PIN_MAX_TRIES, phone_digits, phone_ok, pin_after_wrong, pin_ok
from kongthun.homes.domain import (
    LOW_FUND_MONTHS,
    AlertKind,
    OrgFigures,
    alerts_for,
    arrears_rising,
    fund_low,
    months_of_cash,
)


def figures(**kw) -> OrgFigures:
    base = {"cash": 1_000_000_00, "paid_out_last_year": 120_000_00, "arrears_now": 3, "arrears_month_ago": 3,
            "last_year_closed": True}
    return OrgFigures(**(base | kw))


def kinds(f: OrgFigures) -> set[AlertKind]:
    return {a.kind for a in alerts_for(f)}


def test_a_healthy_organization_has_no_alerts():
    assert alerts_for(figures()) == []


@pytest.mark.parametrize("now,before,rising", [
    (3, 1, True), (2, 0, True), (1, 0, False),  # at least two more members
    (110, 100, True), (109, 100, False),  # and at least 10% more
    (5, 6, False), (6, 6, False),
])
def test_arrears_rising_needs_two_more_and_ten_percent(now, before, rising):
    assert arrears_rising(now, before) is rising
    assert (AlertKind.ARREARS_RISING in kinds(figures(arrears_now=now, arrears_month_ago=before))) is rising


def test_fund_low_below_three_months_of_payouts():
    paid = 120_000_00  # 10,000 baht a month
    assert months_of_cash(30_000_00, paid) == LOW_FUND_MONTHS
    assert not fund_low(30_000_00, paid)
    assert fund_low(29_999_99, paid)
    assert not fund_low(1_00, 0)  # nothing paid out: no basis to say it runs low
    assert fund_low(0, paid) and fund_low(-5_00, 0)  # empty while paying out; overdrawn always
    alert = next(a for a in alerts_for(figures(cash=15_000_00, paid_out_last_year=paid))
                 if a.kind is AlertKind.FUND_LOW)
    assert "1.5" in alert.detail_th and "1.5 months" in alert.detail_en
    assert alert.label[0] == "เงินกองทุนเหลือน้อย"


def test_year_not_closed_only_when_last_year_was_due():
    assert AlertKind.YEAR_NOT_CLOSED in kinds(figures(last_year_closed=False))
    assert AlertKind.YEAR_NOT_CLOSED not in kinds(figures(last_year_closed=False, last_year_due=False))


@pytest.mark.parametrize("typed,digits", [
    ("081-234-5678", "0812345678"), ("๐๘๑ ๒๓๔ ๕๖๗๘", "0812345678"), ("+66 81 234 5678", "0812345678"),
    ("02 123 4567", "021234567"),
])
def test_phone_numbers_are_read_forgivingly(typed, digits):
    assert phone_digits(typed) == digits and phone_ok(digits)


def test_bad_phones_and_pins_are_refused():
    assert not phone_ok(phone_digits("12345")) and not phone_ok(phone_digits("8123456789"))
    assert pin_ok("1234") and pin_ok("123456")
    for bad in ("123", "1234567", "12a4", "๑๒๓๔", ""):
        assert not pin_ok(bad), bad


def test_the_login_locks_on_the_last_allowed_wrong_pin():
    tries, locked = 0, False
    for n in range(1, PIN_MAX_TRIES):
        tries, locked = pin_after_wrong(tries)
        assert (tries, locked) == (n, False)
    assert pin_after_wrong(tries) == (PIN_MAX_TRIES, True)
