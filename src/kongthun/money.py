"""Money as an integer number of satang (สตางค์): 100 satang = 1 baht.

Parsing and formatting happen only at the edges, here. Nothing in kongthun holds
money in a float.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from kongthun.errors import DomainError

Satang = int

_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
_AMOUNT = re.compile(r"^-?\d+(\.\d+)?$")


def thai_digits_to_arabic(text: str) -> str:
    return text.translate(_THAI_DIGITS)


def parse_baht(text: str | int | Decimal, *, where: str = "", allow_negative: bool = False) -> Satang:
    """'1,234.50 บาท', '๑๒๓', Decimal('5.25') -> satang.

    Refuses fractions of a satang, and negative amounts unless the caller allows them
    (money typed by a user is a positive amount; direction comes from debit or credit)."""
    if isinstance(text, bool | float):  # a float near money is a bug; True is not 1 baht
        raise _bad_amount(str(text), where)
    if isinstance(text, int):
        value = Decimal(text)
    elif isinstance(text, Decimal):
        if not text.is_finite():
            raise _bad_amount(str(text), where)
        value = text
    else:
        cleaned = thai_digits_to_arabic(str(text)).replace(",", "").replace("บาท", "").strip()
        if not _AMOUNT.match(cleaned):
            raise _bad_amount(str(text), where)
        try:
            value = Decimal(cleaned)
        except InvalidOperation as exc:  # pragma: no cover - the regex already guards
            raise _bad_amount(str(text), where) from exc
    satang = value * 100
    if satang < 0 and not allow_negative:
        raise DomainError(
            "invalid.amount_negative",
            f"จำนวนเงิน {text} ติดลบ กรุณากรอกจำนวนที่มากกว่าศูนย์",
            f"Amount {text} is negative; enter a positive amount",
            where,
        )
    if satang != satang.to_integral_value():
        raise DomainError(
            "invalid.amount_fraction",
            f"จำนวนเงิน {text} มีเศษต่ำกว่า 1 สตางค์",
            f"Amount {text} has a fraction of a satang",
            where,
        )
    return int(satang)


def _bad_amount(text: str, where: str) -> DomainError:
    return DomainError(
        "invalid.amount",
        f"จำนวนเงิน '{text}' ไม่ถูกต้อง",
        f"'{text}' is not an amount of money",
        where,
    )


def to_decimal(satang: Satang) -> Decimal:
    return (Decimal(satang) / 100).quantize(Decimal("0.01"))


def round_satang(value: Decimal) -> Satang:
    """The one rounding point: a Decimal number of satang to a whole satang, half up."""
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def format_baht(satang: Satang, *, unit: str = "บาท") -> str:
    """12345 -> '123.45 บาท'; -50 -> '-0.50 บาท'."""
    sign = "-" if satang < 0 else ""
    whole, part = divmod(abs(satang), 100)
    text = f"{sign}{whole:,}.{part:02d}"
    return f"{text} {unit}" if unit else text


def baht_words(satang: Satang) -> str:
    """Amount in Thai words for receipts: 12075 -> 'หนึ่งร้อยยี่สิบบาทเจ็ดสิบห้าสตางค์'.

    pythainlp's bahttext takes a float; we pass it baht and satang separately so
    no binary fraction ever meets a satang.
    """
    from pythainlp.util import bahttext

    if satang < 0:
        return "ลบ" + baht_words(-satang)
    whole, part = divmod(satang, 100)
    if whole == 0 and part == 0:
        return "ศูนย์บาทถ้วน"
    words = bahttext(whole) if whole else ""
    if part == 0:
        return words
    # bahttext(whole) ends with "บาทถ้วน"; the satang replace "ถ้วน".
    satang_words = bahttext(part).removesuffix("บาทถ้วน") + "สตางค์"
    return (words.removesuffix("ถ้วน") if whole else "") + satang_words
