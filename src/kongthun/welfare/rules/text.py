"""Amounts as a committee reads them in an explanation: '10,000 บาท', '200.50 baht'."""

from __future__ import annotations

from kongthun.money import Satang, format_baht


def baht_th(satang: Satang) -> str:
    return _short(format_baht(satang, unit="")) + " บาท"


def baht_en(satang: Satang) -> str:
    return _short(format_baht(satang, unit="")) + " baht"


def _short(text: str) -> str:
    return text.removesuffix(".00")
