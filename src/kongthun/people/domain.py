"""People (บุคคล): identity documents and the checks on them. No Django here."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from kongthun.errors import DomainError
from kongthun.money import thai_digits_to_arabic


class IdKind(StrEnum):
    """Which identity document a person has. Only NATIONAL is checked by its digit."""

    NATIONAL = "national"  # บัตรประจำตัวประชาชน 13 หลัก
    MIGRANT = "migrant"  # แรงงานข้ามชาติ
    STATELESS = "stateless"  # บุคคลไร้สัญชาติ / ไม่มีสถานะทางทะเบียน
    NONE = "none"  # ไม่มีเอกสาร


class Sex(StrEnum):
    FEMALE = "F"
    MALE = "M"
    OTHER = "X"


def normalize_national_id(text: str) -> str:
    """'1-2345-67890-12-1', '๑๒๓...' -> 13 plain digits (not yet checked)."""
    return "".join(ch for ch in thai_digits_to_arabic(text) if ch.isdigit() or ch.isalpha())


def _plain_digits(text: str) -> bool:
    # str.isdigit() is also true of '²' and other scripts' digits, which int() may refuse.
    return text.isascii() and text.isdigit()


def national_id_check_digit(first12: str) -> int:
    """(11 - sum(d_i * (13 - i)) mod 11) mod 10, over the first 12 digits."""
    total = sum(int(d) * (13 - i) for i, d in enumerate(first12))
    return (11 - total % 11) % 10


def is_valid_national_id(text: str) -> bool:
    digits = normalize_national_id(text)
    return len(digits) == 13 and _plain_digits(digits) and int(digits[12]) == national_id_check_digit(digits[:12])


def validate_national_id(text: str, *, where: str = "national_id") -> str:
    digits = normalize_national_id(text)
    if len(digits) != 13 or not _plain_digits(digits):
        raise DomainError(
            "invalid.national_id_length",
            f"เลขประจำตัวประชาชน '{text}' ต้องเป็นตัวเลข 13 หลัก",
            f"National ID '{text}' must be 13 digits",
            where,
        )
    if int(digits[12]) != national_id_check_digit(digits[:12]):
        raise DomainError(
            "invalid.national_id_check_digit",
            f"เลขประจำตัวประชาชน '{text}' หลักตรวจสอบไม่ถูกต้อง",
            f"National ID '{text}' fails its check digit",
            where,
        )
    return digits


def mask_national_id(digits: str) -> str:
    """Show only the last 4 digits: 'x-xxxx-xxxxx-12-1'."""
    if len(digits) != 13:
        return "•" * len(digits)
    return f"x-xxxx-xxxxx-{digits[10:12]}-{digits[12]}"


def mask_phone(phone: str) -> str:
    digits = "".join(ch for ch in phone if ch.isdigit())
    return ("x" * max(len(digits) - 4, 0)) + digits[-4:] if digits else ""


def age_on(birth: date, on: date) -> int:
    years = on.year - birth.year
    return years - ((on.month, on.day) < (birth.month, birth.day))


def check_birth_date(birth: date, today: date, *, where: str = "birth_date") -> date:
    if birth > today:
        raise DomainError(
            "invalid.birth_date_future",
            "วันเกิดอยู่ในอนาคต",
            "Birth date is in the future",
            where,
        )
    if age_on(birth, today) > 120:
        raise DomainError(
            "invalid.birth_date_too_old",
            "อายุเกิน 120 ปี กรุณาตรวจสอบปี (พ.ศ./ค.ศ.)",
            "Age over 120 years; check the year (BE/CE)",
            where,
        )
    return birth


# --- forgiving member search (ค้นหาสมาชิก) -------------------------------------------------------------

# Tone marks and the marks people leave out or type twice (ไม้เอก โท ตรี จัตวา, ไม้ไต่คู้, การันต์), and
# zero-width characters that Thai keyboards and copied text carry.
_DROPPED = dict.fromkeys(map(ord, "\u0e47\u0e48\u0e49\u0e4a\u0e4b\u0e4c\u200b\u200c\u200d\ufeff"), None)
_DIGIT_SEPARATOR = re.compile(r"(?<=\d)[-\s./]+(?=\d)")
MAX_TERMS = 5


def normalize_search(text: str) -> str:
    """A name, member number or ID as the search compares it: Thai digits as 0-9, tone marks dropped,
    case folded, dashes and spaces inside a run of digits removed ('1-2345-67890-12-1' -> 13 digits),
    other spaces collapsed. Normalising twice gives the same text."""
    t = unicodedata.normalize("NFKC", text).translate(_DROPPED)
    t = unicodedata.normalize("NFKC", thai_digits_to_arabic(t).casefold()).translate(_DROPPED)
    t = " ".join(t.split())
    return _DIGIT_SEPARATOR.sub("", t)


def search_terms(query: str) -> tuple[str, ...]:
    """The words of a search, normalised; at most five count."""
    return tuple(normalize_search(query).split()[:MAX_TERMS])


@dataclass(frozen=True)
class SearchKey:
    """What a member is found by: member number and names (normalised), and the national ID's digits."""

    text: str
    national_id: str = ""


def search_key(member_no: str, names: Sequence[str], national_id: str | None = None) -> SearchKey:
    return SearchKey(normalize_search(" ".join([member_no, *names])), normalize_search(national_id or ""))


def search_matches(terms: Sequence[str], key: SearchKey) -> bool:
    """Every word is part of the member number or a name, or is the whole national ID (a part of an ID
    finds no one: IDs are not browsed digit by digit)."""
    return all(term in key.text or (key.national_id and term == key.national_id) for term in terms)
