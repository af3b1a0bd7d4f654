"""Template filters for Thai presentation: baht amounts and Buddhist Era dates."""

from datetime import date, datetime

from django import template
from django.utils import timezone, translation

from kongthun.clock import format_be
from kongthun.money import baht_words, format_baht

register = template.Library()


def _lang() -> str:
    return translation.get_language() or "th"


@register.filter
def baht(satang) -> str:
    """12345 -> '123.45 บาท' (Thai) or '123.45 baht' (English)."""
    if satang in (None, ""):
        return ""
    return format_baht(int(satang), unit="baht" if _lang().startswith("en") else "บาท")


@register.filter
def baht_in_words(satang) -> str:
    return baht_words(int(satang))


@register.filter
def be(value) -> str:
    """A date (or aware datetime, shown in Asia/Bangkok) in the Buddhist Era."""
    if value in (None, ""):
        return ""
    if isinstance(value, datetime):
        local = timezone.localtime(value)
        return f"{format_be(local.date(), language=_lang())} {local:%H:%M}"
    if isinstance(value, date):
        return format_be(value, language=_lang())
    return str(value)


@register.filter
def bilingual(pair) -> str:
    """('ไทย', 'English') -> the one for the current language."""
    th, en = pair
    return en if _lang().startswith("en") else th


@register.filter
def local_name(obj) -> str:
    """A place's or organization's name in the current language (Thai when no English name)."""
    if obj is None:
        return ""
    if _lang().startswith("en") and getattr(obj, "name_en", ""):
        return obj.name_en
    return getattr(obj, "name_th", str(obj))


@register.filter
def label(code, kind: str) -> str:
    """{{ m.status|label:"status" }} -> 'ปกติ' / 'Active'."""
    from kongthun.interfaces.web.labels import LABELS

    pair = LABELS.get(kind, {}).get(str(code))
    return bilingual(pair) if pair else str(code)


@register.filter
def jv(number) -> str:
    """Journal entry number as treasurers write it: 12 -> 'JV000012'."""
    return f"JV{int(number):06d}"


@register.filter
def get_item(mapping, key):
    return mapping.get(key, 0) if mapping else 0


@register.filter
def debit_total(entry) -> int:
    """An entry's size: the sum of its debit lines (uses prefetched lines)."""
    return sum(line.amount for line in entry.lines.all() if line.amount > 0)
