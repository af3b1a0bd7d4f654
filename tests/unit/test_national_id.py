"""The 13-digit Thai national ID (เลขประจำตัวประชาชน) and its check digit."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kongthun.errors import DomainError
from kongthun.people.domain import (
    is_valid_national_id,
    mask_national_id,
    national_id_check_digit,
    normalize_national_id,
    validate_national_id,
)

stdnum_pin = pytest.importorskip("stdnum.th.pin")

ARABIC_TO_THAI = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")


def residue(first12: str) -> int:
    """DOMAIN.md: the weighted sum, weights 13 down to 2, modulo 11."""
    return sum(int(d) * w for d, w in zip(first12, range(13, 1, -1), strict=True)) % 11


def check_digit_by_hand(first12: str) -> int:
    return (11 - residue(first12)) % 10


# Worked by hand: 3100600445635 -> 3*13 + 1*12 + 0*11 + 0*10 + 6*9 + 0*8 + 0*7 + 4*6 + 4*5 + 5*4 + 6*3 + 3*2
#   = 39 + 12 + 54 + 24 + 20 + 20 + 18 + 6 = 193; 193 mod 11 = 6; (11 - 6) mod 10 = 5.
# 1101700203450: sum 144, 144 mod 11 = 1, check 0.  1000000000301: 13 + 3*3 = 22, mod 11 = 0, check 1.
KNOWN_VALID = ["3100600445635", "1234545678781", "1101700203450", "5100199000018", "1000000000301"]


@pytest.mark.parametrize("nid", KNOWN_VALID)
def test_known_valid_ids(nid):
    assert national_id_check_digit(nid[:12]) == int(nid[12]) == check_digit_by_hand(nid[:12])
    assert is_valid_national_id(nid)
    assert validate_national_id(nid) == nid
    assert stdnum_pin.is_valid(nid)


def test_the_worked_example():
    assert national_id_check_digit("310060044563") == 5


@pytest.mark.parametrize(
    "text",
    ["3-1006-00445-63-5", "3 1006 00445 63 5", " 3100600445635 ", "๓๑๐๐๖๐๐๔๔๕๖๓๕", "๓-๑๐๐๖-๐๐๔๔๕-๖๓-๕",
     "3-1006 ๐๐๔๔๕-63-5"],
)
def test_formatting_is_normalized(text):
    assert normalize_national_id(text) == "3100600445635"
    assert validate_national_id(text) == "3100600445635"


@pytest.mark.parametrize("text", ["", "310060044563", "31006004456351", "31006004456A5", "abc", "²" * 13, "١" * 13])
def test_wrong_length_or_not_digits_is_refused(text):
    assert not is_valid_national_id(text)
    with pytest.raises(DomainError) as err:
        validate_national_id(text)
    assert err.value.code == "invalid.national_id_length"
    assert err.value.where == "national_id"
    assert "13 หลัก" in err.value.message_th and "13 digits" in err.value.message_en


def test_wrong_check_digit_is_refused_with_a_clear_message():
    with pytest.raises(DomainError) as err:
        validate_national_id("3-1006-00445-63-4", where="id")
    assert err.value.code == "invalid.national_id_check_digit"
    assert err.value.where == "id"
    assert "หลักตรวจสอบ" in err.value.message_th and "check digit" in err.value.message_en


def test_mask_shows_only_the_last_digits():
    assert mask_national_id("3100600445635") == "x-xxxx-xxxxx-63-5"
    assert "310060044" not in mask_national_id("3100600445635")
    assert mask_national_id("123") == "•••"


first12s = st.text(alphabet="0123456789", min_size=12, max_size=12)


@given(first12s)
def test_the_computed_check_digit_validates_and_every_other_fails(first12):
    good = national_id_check_digit(first12)
    assert good == check_digit_by_hand(first12)
    assert 0 <= good <= 9
    for last in range(10):
        nid = first12 + str(last)
        assert is_valid_national_id(nid) == (last == good)
        assert stdnum_pin.calc_check_digit(nid) == str(good)
        if last != good:
            with pytest.raises(DomainError):
                validate_national_id(nid)


@given(first12s)
def test_thai_digits_and_dashes_validate_the_same(first12):
    nid = first12 + str(national_id_check_digit(first12))
    dashed = f"{nid[0]}-{nid[1:5]}-{nid[5:10]}-{nid[10:12]}-{nid[12]}"
    assert validate_national_id(dashed.translate(ARABIC_TO_THAI)) == nid
    assert validate_national_id(" ".join(nid)) == nid


@given(first12s, st.integers(0, 12), st.integers(1, 9))
def test_single_digit_changes(first12, position, shift):
    """A changed digit is caught, with the two blind spots the formula has by construction:
    the third digit weighs 11 (a multiple of the modulus), and residues 0 and 10 both give
    check digit 1. The test states those limits instead of pretending they are not there."""
    nid = first12 + str(national_id_check_digit(first12))
    changed = nid[:position] + str((int(nid[position]) + shift) % 10) + nid[position + 1 :]
    if position == 12:
        caught = True
    elif position == 2:
        caught = False
    else:
        caught = {residue(nid[:12]), residue(changed[:12])} != {0, 10}
    assert is_valid_national_id(changed) == (not caught)
    assert stdnum_pin.is_valid(changed) == (not caught) or changed[0] in "09"


def test_the_third_digit_blind_spot_is_real():
    assert is_valid_national_id("3150600445635")  # 3100600445635 with its third digit changed
