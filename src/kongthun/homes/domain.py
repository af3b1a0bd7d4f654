"""Alerts on the network coordinator's and CODI staff's home (การแจ้งเตือน): pure rules, no Django.

An organization is flagged when last year's books are not closed (so its annual report cannot be filed),
when the number of members in arrears is rising, or when its cash would pay less than a few months of
what it paid out on average over the last year (fund running low).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

LOW_FUND_MONTHS = 3  # cash below this many months of the average monthly payout is "running low"
ARREARS_RISE_MIN = 2  # at least this many more members in arrears than a month ago ...
ARREARS_RISE_PERCENT = 10  # ... and at least this share more, before "arrears rising" is flagged


class AlertKind(StrEnum):
    YEAR_NOT_CLOSED = "year_not_closed"
    ARREARS_RISING = "arrears_rising"
    FUND_LOW = "fund_low"


ALERT_LABELS = {
    AlertKind.YEAR_NOT_CLOSED: ("ยังไม่ปิดบัญชีปีที่แล้ว (ยังส่งรายงานประจำปีไม่ได้)",
                                "Last year's books not closed (no annual report filed)"),
    AlertKind.ARREARS_RISING: ("สมาชิกค้างส่งเพิ่มขึ้น", "Members in arrears rising"),
    AlertKind.FUND_LOW: ("เงินกองทุนเหลือน้อย", "Fund running low"),
}


@dataclass(frozen=True)
class OrgFigures:
    """What the alerts look at for one organization (counts and sums only, satang)."""

    cash: int
    paid_out_last_year: int  # cash paid out over the last 12 months
    arrears_now: int  # members in arrears today
    arrears_month_ago: int
    last_year_closed: bool
    last_year_due: bool = True  # False for an organization founded during the current year


@dataclass(frozen=True)
class Alert:
    kind: AlertKind
    detail_th: str
    detail_en: str

    @property
    def label(self) -> tuple[str, str]:
        return ALERT_LABELS[self.kind]


def arrears_rising(now: int, before: int) -> bool:
    rise = now - before
    return rise >= ARREARS_RISE_MIN and rise * 100 >= before * ARREARS_RISE_PERCENT


def months_of_cash(cash: int, paid_out_last_year: int) -> float | None:
    """How many months of the average payout the cash would cover (None when nothing was paid out)."""
    if paid_out_last_year <= 0:
        return None
    return cash * 12 / paid_out_last_year


def fund_low(cash: int, paid_out_last_year: int) -> bool:
    if cash <= 0:
        return paid_out_last_year > 0 or cash < 0
    months = months_of_cash(cash, paid_out_last_year)
    return months is not None and months < LOW_FUND_MONTHS


def alerts_for(f: OrgFigures) -> list[Alert]:
    out: list[Alert] = []
    if f.last_year_due and not f.last_year_closed:
        out.append(Alert(AlertKind.YEAR_NOT_CLOSED, "", ""))
    if arrears_rising(f.arrears_now, f.arrears_month_ago):
        out.append(Alert(AlertKind.ARREARS_RISING, f"{f.arrears_month_ago} → {f.arrears_now} คน",
                         f"{f.arrears_month_ago} → {f.arrears_now} members"))
    if fund_low(f.cash, f.paid_out_last_year):
        months = months_of_cash(max(f.cash, 0), f.paid_out_last_year) or 0.0
        out.append(Alert(AlertKind.FUND_LOW, f"พอจ่ายได้ประมาณ {months:.1f} เดือน",
                         f"covers about {months:.1f} months of payouts"))
    return out
