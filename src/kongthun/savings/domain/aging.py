"""Arrears aging, portfolio at risk and loan-loss provisioning (อายุหนี้ค้างชำระ, หนี้เสี่ยง, ค่าเผื่อหนี้สงสัยจะสูญ).

Pure. Buckets: current, 1-30, 31-90, 91-365 and more than 365 days overdue. PAR30 is the share of the
outstanding principal on loans more than 30 days overdue. The provision is a table of (from days
overdue, percent of the outstanding principal); the default follows WOCCU PEARLS: 35% for loans 1 to
12 months overdue, 100% beyond 12 months.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from kongthun.errors import DomainError
from kongthun.money import Satang, round_satang

# (key, from day, to day or None, Thai, English)
BUCKETS = (
    ("current", 0, 0, "ปกติ", "Current"),
    ("1-30", 1, 30, "1-30 วัน", "1-30 days"),
    ("31-90", 31, 90, "31-90 วัน", "31-90 days"),
    ("91-365", 91, 365, "91-365 วัน", "91-365 days"),
    (">365", 366, None, "เกิน 365 วัน", "Over 365 days"),
)


@dataclass(frozen=True)
class ProvisionRow:
    from_days: int  # this rate applies from this many days overdue
    percent: Decimal


DEFAULT_PROVISION = (ProvisionRow(0, Decimal(0)), ProvisionRow(31, Decimal(35)), ProvisionRow(366, Decimal(100)))


@dataclass(frozen=True)
class LoanRisk:
    loan_id: int
    outstanding: Satang
    days_overdue: int


@dataclass(frozen=True)
class Bucket:
    key: str
    label_th: str
    label_en: str
    count: int
    outstanding: Satang
    provision: Satang


@dataclass(frozen=True)
class PortfolioRisk:
    outstanding: Satang
    count: int
    buckets: tuple[Bucket, ...]
    at_risk_30: Satang
    provision_required: Satang

    @property
    def par30(self) -> Decimal:
        """PAR30 in percent, two decimals."""
        if not self.outstanding:
            return Decimal("0.00")
        return (Decimal(self.at_risk_30) * 100 / self.outstanding).quantize(Decimal("0.01"))


def bucket_of(days: int) -> str:
    for key, low, high, _th, _en in BUCKETS:
        if days >= low and (high is None or days <= high):
            return key
    return "current"


def bucket_label(key: str, language: str = "th") -> str:
    for k, _low, _high, th, en in BUCKETS:
        if k == key:
            return en if language.startswith("en") else th
    return key


def validate_table(rows: Sequence[ProvisionRow]) -> tuple[ProvisionRow, ...]:
    """A provisioning table: starts at 0 days, days strictly rising, percents 0-100 and never falling."""
    rows = tuple(sorted(rows, key=lambda r: r.from_days))
    if not rows or rows[0].from_days != 0:
        raise DomainError("invalid.provision_table", "ตารางค่าเผื่อหนี้ต้องเริ่มที่ 0 วัน",
                          "The provisioning table must start at 0 days", "provision_table")
    for i, row in enumerate(rows):
        where = f"provision_table[{i + 1}]"
        if not Decimal(0) <= row.percent <= Decimal(100):
            raise DomainError("invalid.provision_percent", "อัตราค่าเผื่อหนี้ต้องอยู่ระหว่างร้อยละ 0 ถึง 100",
                              "A provisioning rate must be between 0% and 100%", where)
        if i and (row.from_days == rows[i - 1].from_days or row.percent < rows[i - 1].percent):
            raise DomainError("invalid.provision_order", "จำนวนวันซ้ำกัน หรืออัตราลดลงเมื่อค้างนานขึ้น",
                              "Days repeat, or the rate falls as arrears grow older", where)
    return rows


def provision_percent(days: int, table: Sequence[ProvisionRow] = DEFAULT_PROVISION) -> Decimal:
    rate = Decimal(0)
    for row in sorted(table, key=lambda r: r.from_days):
        if days >= row.from_days:
            rate = row.percent
    return rate


def provision_for(outstanding: Satang, days: int, table: Sequence[ProvisionRow] = DEFAULT_PROVISION) -> Satang:
    return round_satang(Decimal(outstanding) * provision_percent(days, table) / 100)


def portfolio_risk(loans: Sequence[LoanRisk], table: Sequence[ProvisionRow] = DEFAULT_PROVISION) -> PortfolioRisk:
    """Aging buckets, PAR30 and the provision required over a group's loans on one date."""
    per = {key: [0, 0, 0] for key, *_ in BUCKETS}
    for loan in loans:
        acc = per[bucket_of(loan.days_overdue)]
        acc[0] += 1
        acc[1] += loan.outstanding
        acc[2] += provision_for(loan.outstanding, loan.days_overdue, table)
    buckets = tuple(Bucket(key, th, en, *per[key]) for key, _low, _high, th, en in BUCKETS)
    return PortfolioRisk(
        outstanding=sum(b.outstanding for b in buckets), count=sum(b.count for b in buckets), buckets=buckets,
        at_risk_30=sum(x.outstanding for x in loans if x.days_overdue > 30),
        provision_required=sum(b.provision for b in buckets),
    )
