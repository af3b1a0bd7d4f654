"""The member statement (ใบแจ้งยอดสมาชิก): a member's receipts, standing and benefits received."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from kongthun.money import Satang
from kongthun.welfare.contributions.domain import Standing
from kongthun.welfare.reports.domain.common import benefit_label


@dataclass(frozen=True)
class ReceiptRow:
    number: str
    issued_on: date
    contribution: Satang  # เงินสมทบ (4101)
    entry_fee: Satang  # ค่าสมัคร (4102)
    periods: int
    covered_from: date
    covered_to: date
    void: bool = False
    void_reason: str = ""

    @property
    def total(self) -> Satang:
        return self.contribution + self.entry_fee


@dataclass(frozen=True)
class BenefitRow:
    claim_number: int
    kind: str
    event_date: date
    paid_on: date
    amount: Satang
    label_th: str = ""
    label_en: str = ""


@dataclass(frozen=True)
class MemberInfo:
    member_no: str
    name: str
    joined_on: date
    status: str
    status_on: date


@dataclass(frozen=True)
class MemberStatement:
    """ใบแจ้งยอดสมาชิก on a date: receipts (void ones marked, not counted), where the member stands,
    and the benefits paid to them."""

    member: MemberInfo
    on: date
    standing: Standing | None  # None when the fund has no contribution plan yet
    receipts: tuple[ReceiptRow, ...]
    benefits: tuple[BenefitRow, ...]

    @property
    def contributions(self) -> Satang:
        return sum(r.contribution for r in self.receipts if not r.void)

    @property
    def entry_fees(self) -> Satang:
        return sum(r.entry_fee for r in self.receipts if not r.void)

    @property
    def paid(self) -> Satang:
        return self.contributions + self.entry_fees

    @property
    def voided(self) -> Satang:
        return sum(r.total for r in self.receipts if r.void)

    @property
    def benefits_received(self) -> Satang:
        return sum(b.amount for b in self.benefits)


def member_statement(member: MemberInfo, on: date, standing: Standing | None, receipts: Iterable[ReceiptRow],
                     benefits: Iterable[BenefitRow]) -> MemberStatement:
    kept = sorted((r for r in receipts if r.issued_on <= on), key=lambda r: (r.issued_on, r.number))
    paid = sorted((b for b in benefits if b.paid_on <= on), key=lambda b: (b.paid_on, b.claim_number))
    return MemberStatement(member, on, standing, tuple(kept), tuple(_labelled(b) for b in paid))


def _labelled(b: BenefitRow) -> BenefitRow:
    if b.label_th:
        return b
    th, en = benefit_label(b.kind)
    return BenefitRow(b.claim_number, b.kind, b.event_date, b.paid_on, b.amount, th, en)
