"""Money at the edges: parsing what a treasurer types, formatting, amounts in Thai words."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kongthun.errors import DomainError
from kongthun.money import baht_words, format_baht, parse_baht, round_satang, to_decimal

# --- parse_baht -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "satang"),
    [
        ("1,234.50 บาท", 123450),
        ("1234.5", 123450),
        ("  30 ", 3000),
        ("0.01", 1),
        ("0", 0),
        ("๑๒๓", 12300),
        ("๑,๒๓๔.๕๐ บาท", 123450),
        ("12.10บาท", 1210),
        (7, 700),
        (Decimal("5.25"), 525),
        (Decimal("1.230"), 123),  # trailing zeros are not a fraction of a satang
    ],
)
def test_parse_baht_accepts(text, satang):
    assert parse_baht(text) == satang


@pytest.mark.parametrize("text", ["-5", "-0.50", Decimal("-1"), -3])
def test_parse_baht_refuses_negative_unless_allowed(text):
    with pytest.raises(DomainError) as err:
        parse_baht(text, where="amount")
    assert err.value.code == "invalid.amount_negative"
    assert err.value.where == "amount"
    assert "ติดลบ" in err.value.message_th and "negative" in err.value.message_en


def test_parse_baht_negative_when_allowed():
    assert parse_baht("-5", allow_negative=True) == -500
    assert parse_baht("-1,000.25 บาท", allow_negative=True) == -100025
    assert parse_baht(-3, allow_negative=True) == -300


@pytest.mark.parametrize("text", ["1.005", "0.001", Decimal("2.345"), "๐.๐๐๕"])
def test_parse_baht_refuses_fraction_of_a_satang(text):
    with pytest.raises(DomainError) as err:
        parse_baht(text)
    assert err.value.code == "invalid.amount_fraction"
    assert "สตางค์" in err.value.message_th and "satang" in err.value.message_en


@pytest.mark.parametrize(
    "text", ["", "   ", "abc", "1.2.3", "1e5", "12 34", "--5", "+5", ".5", "5.", "บาท", "หนึ่งร้อย", True, False]
)
def test_parse_baht_refuses_garbage(text):
    with pytest.raises(DomainError) as err:
        parse_baht(text, where="amount")
    assert err.value.code == "invalid.amount"
    assert "ไม่ถูกต้อง" in err.value.message_th and "not an amount" in err.value.message_en


@pytest.mark.parametrize("value", [Decimal("NaN"), Decimal("Infinity"), Decimal("-Infinity"), Decimal("sNaN")])
def test_parse_baht_refuses_non_finite_decimals(value):
    with pytest.raises(DomainError) as err:
        parse_baht(value, allow_negative=True)
    assert err.value.code == "invalid.amount"


@pytest.mark.parametrize("value", [1.5, 0.1 + 0.2])
def test_parse_baht_refuses_floats(value):
    """A float near money is a bug: the caller must pass text, an int or a Decimal."""
    with pytest.raises(DomainError) as err:
        parse_baht(value)
    assert err.value.code == "invalid.amount"


# --- formatting -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("satang", "text"),
    [
        (0, "0.00 บาท"),
        (1, "0.01 บาท"),
        (12345, "123.45 บาท"),
        (123456789, "1,234,567.89 บาท"),
        (-50, "-0.50 บาท"),
        (-100000, "-1,000.00 บาท"),
    ],
)
def test_format_baht(satang, text):
    assert format_baht(satang) == text


def test_format_baht_unit():
    assert format_baht(12345, unit="") == "123.45"
    assert format_baht(12345, unit="baht") == "123.45 baht"


def test_to_decimal_and_round_satang():
    assert to_decimal(12345) == Decimal("123.45")
    assert to_decimal(-5) == Decimal("-0.05")
    assert round_satang(Decimal("2.5")) == 3
    assert round_satang(Decimal("2.4999")) == 2
    assert round_satang(Decimal("-2.5")) == -3  # half away from zero, both signs alike


@given(st.integers(min_value=-(10**15), max_value=10**15))
def test_format_then_parse_round_trips(satang):
    assert parse_baht(format_baht(satang), allow_negative=True) == satang
    assert parse_baht(format_baht(satang, unit=""), allow_negative=True) == satang


@given(st.integers(min_value=0, max_value=10**15))
def test_decimal_round_trips(satang):
    assert parse_baht(to_decimal(satang)) == satang


# --- amount in words --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("satang", "words"),
    [
        (0, "ศูนย์บาทถ้วน"),
        (75, "เจ็ดสิบห้าสตางค์"),
        (12075, "หนึ่งร้อยยี่สิบบาทเจ็ดสิบห้าสตางค์"),
        (100, "หนึ่งบาทถ้วน"),
        (2100000, "สองหมื่นหนึ่งพันบาทถ้วน"),
        (1, "หนึ่งสตางค์"),
        (101, "หนึ่งบาทหนึ่งสตางค์"),
        (1100, "สิบเอ็ดบาทถ้วน"),
        (2101, "ยี่สิบเอ็ดบาทหนึ่งสตางค์"),
        (36500, "สามร้อยหกสิบห้าบาทถ้วน"),
        (100000000, "หนึ่งล้านบาทถ้วน"),
        (-12075, "ลบหนึ่งร้อยยี่สิบบาทเจ็ดสิบห้าสตางค์"),
    ],
)
def test_baht_words(satang, words):
    assert baht_words(satang) == words


_DIGITS = {"ศูนย์": 0, "หนึ่ง": 1, "เอ็ด": 1, "สอง": 2, "ยี่": 2, "สาม": 3, "สี่": 4, "ห้า": 5, "หก": 6,
           "เจ็ด": 7, "แปด": 8, "เก้า": 9}
_PLACES = {"สิบ": 10, "ร้อย": 100, "พัน": 1000, "หมื่น": 10_000, "แสน": 100_000}


def _read_thai_number(text: str) -> int:
    """An independent reader of Thai number words, for amounts below a million million."""
    if "ล้าน" in text:
        high, _, low = text.rpartition("ล้าน")
        return _read_thai_number(high) * 1_000_000 + (_read_thai_number(low) if low else 0)
    total, digit = 0, None
    while text:
        for word, value in (*_DIGITS.items(), *_PLACES.items()):
            if text.startswith(word):
                text = text[len(word):]
                if word in _PLACES:
                    total += (1 if digit is None else digit) * value
                    digit = None
                else:
                    digit = value
                break
        else:
            raise AssertionError(f"cannot read {text!r}")
    return total + (digit or 0)


def _read_baht_words(words: str) -> int:
    if words == "ศูนย์บาทถ้วน":
        return 0
    baht, satang = 0, 0
    if "บาท" in words:
        head, _, words = words.partition("บาท")
        baht = _read_thai_number(head)
    if words == "ถ้วน":
        return baht * 100
    assert words.endswith("สตางค์"), words
    satang = _read_thai_number(words.removesuffix("สตางค์"))
    assert 0 < satang < 100
    return baht * 100 + satang


@given(st.integers(min_value=0, max_value=10**13))
def test_baht_words_reads_back_to_the_same_amount(satang):
    words = baht_words(satang)
    assert _read_baht_words(words) == satang
    assert words.endswith("ถ้วน") == (satang % 100 == 0)
