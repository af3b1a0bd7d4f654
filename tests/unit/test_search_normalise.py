"""The forgiving member search's normaliser (people.domain): pure, so properties over any text."""

from hypothesis import given
from hypothesis import strategies as st

from kongthun.people.domain import (
    national_id_check_digit,
    normalize_search,
    search_key,
    search_matches,
    search_terms,
)

TONE_MARKS = "\u0e48\u0e49\u0e4a\u0e4b"
THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙"
thai_letters = st.characters(min_codepoint=0x0E01, max_codepoint=0x0E4E)
thai_words = st.text(thai_letters, min_size=1, max_size=12).filter(lambda w: normalize_search(w))


def to_thai_digits(text: str) -> str:
    return "".join(THAI_DIGITS[int(c)] if c.isascii() and c.isdigit() else c for c in text)


def national_id(first12: str) -> str:
    return first12 + str(national_id_check_digit(first12))


@given(st.text())
def test_normalising_is_idempotent(text):
    once = normalize_search(text)
    assert normalize_search(once) == once


@given(st.text())
def test_normalised_text_has_no_tone_marks_thai_digits_or_double_spaces(text):
    out = normalize_search(text)
    assert not set(out) & set(TONE_MARKS + THAI_DIGITS)
    assert "  " not in out and out == out.strip()


@given(thai_words, thai_words, st.data())
def test_a_name_without_tone_marks_or_with_extra_spaces_still_finds_the_member(first, last, data):
    key = search_key("17", [first, last])
    stripped = first.translate(dict.fromkeys(map(ord, TONE_MARKS), None))
    spaces = data.draw(st.sampled_from(["  ", " \t ", "\u00a0", "\u200b "]))
    assert search_matches(search_terms(f"{spaces}{stripped}{spaces}"), key)
    assert search_matches(search_terms(f"{first}{spaces}{last}"), key)


@given(st.integers(min_value=1, max_value=99999))
def test_a_member_number_typed_in_thai_digits_finds_the_member(n):
    key = search_key(f"{n:05d}", ["สมชาย", "ใจดี"])
    assert search_matches(search_terms(to_thai_digits(str(n))), key)
    assert search_matches(search_terms(f"{to_thai_digits(str(n))} สมชาย"), key)


@given(st.text("0123456789", min_size=12, max_size=12), st.sampled_from(["-", " ", "", " - "]), st.booleans())
def test_a_national_id_with_dashes_spaces_or_thai_digits_finds_the_member(first12, sep, thai):
    nid = national_id(first12)
    key = search_key("1", ["สมชาย", "ใจดี"], nid)
    typed = sep.join([nid[0], nid[1:5], nid[5:10], nid[10:12], nid[12]])
    assert search_matches(search_terms(to_thai_digits(typed) if thai else typed), key)


@given(st.text("0123456789", min_size=12, max_size=12), st.integers(min_value=4, max_value=12))
def test_part_of_a_national_id_finds_no_one(first12, length):
    nid = national_id(first12)
    key = search_key("ก1", ["สมชาย"], nid)
    assert not search_matches(search_terms(nid[:length]), key)


def test_every_word_must_match():
    key = search_key("0042", ["นาง", "สมศรี", "มีสุข"])
    assert search_matches(search_terms("สมศรี มีสุข"), key)
    assert search_matches(search_terms("ส้มศรี ๔๒"), key)  # a tone mark too many, Thai digits
    assert not search_matches(search_terms("สมศรี ใจดี"), key)
    assert search_matches(search_terms(""), key)  # no words: everyone


def test_at_most_five_words_count():
    assert search_terms("ก ข ค ง จ ฉ ช") == ("ก", "ข", "ค", "ง", "จ")
