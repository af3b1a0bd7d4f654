"""The annual report in the shape CODI asks of every welfare fund (รายงานประจำปีตามแบบ พอช.): members by
group at the year's end, who joined and left, money in by source (baht and %), benefits paid by kind
(claims, people, baht), people who have ever received a benefit, and the money in the fund.

Members are counted by their status at the year's end, read from their status history; a member is in
an age group by their age on the last day of the year. Funds do not record who is disadvantaged
(ผู้ด้อยโอกาส): that group is reported as not recorded, never guessed."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from kongthun.ledger.charts import CASH_ACCOUNTS
from kongthun.money import Satang
from kongthun.people.domain import age_on
from kongthun.welfare.reports.domain.common import benefit_label, check_range, percent_text, shares
from kongthun.welfare.reports.domain.statements import AccountTotals, IncomeStatement, annual_statements

CHILD_UNDER = 18  # เด็กและเยาวชน: under 18
ELDERLY_FROM = 60  # ผู้สูงอายุ: 60 and over


class AgeGroup(StrEnum):
    CHILD = "child"  # เด็กและเยาวชน (ต่ำกว่า 18 ปี)
    WORKING = "working"  # วัยทำงาน (18-59 ปี)
    ELDERLY = "elderly"  # ผู้สูงอายุ (60 ปีขึ้นไป)
    UNKNOWN = "unknown"  # ไม่ได้บันทึกวันเกิด


def age_group(birth_date: date | None, on: date) -> AgeGroup:
    if birth_date is None:
        return AgeGroup.UNKNOWN
    age = age_on(birth_date, on)
    if age < CHILD_UNDER:
        return AgeGroup.CHILD
    return AgeGroup.ELDERLY if age >= ELDERLY_FROM else AgeGroup.WORKING


@dataclass(frozen=True)
class MemberRecord:
    """A membership as the report needs it: when it began, the person's birth date, its status history
    as (date, status) in the order recorded, and a disadvantaged flag where a fund records one."""

    person_id: int
    joined_on: date
    birth_date: date | None
    history: tuple[tuple[date, str], ...] = ()
    disadvantaged: bool | None = None


def status_at(m: MemberRecord, day: date) -> str | None:
    """The membership's status at the end of `day` (people.models.MembershipStatus values); None before it began."""
    if m.joined_on > day:
        return None
    status = "active"
    for on, s in sorted(m.history, key=lambda h: h[0]):  # stable: same-day events keep their order
        if on <= day:
            status = s
    return status


@dataclass(frozen=True)
class MembersByGroup:
    """Active members at the year's end by group (สมาชิกคงอยู่ จำแนกตามกลุ่ม)."""

    children: int
    working_age: int
    elderly: int
    age_not_recorded: int
    disadvantaged: int | None  # None: the fund's data does not say

    @property
    def total(self) -> int:
        return self.children + self.working_age + self.elderly + self.age_not_recorded


@dataclass(frozen=True)
class MemberMovement:
    """Who joined and left in the year (ความเคลื่อนไหวของสมาชิก), and the lapsed still on the register."""

    joined: int
    lapsed: int
    resigned: int
    deceased: int
    lapsed_at_end: int


def members_by_group(members: Iterable[MemberRecord], day: date) -> MembersByGroup:
    active = [m for m in members if status_at(m, day) == "active"]
    groups = [age_group(m.birth_date, day) for m in active]
    flags = [m.disadvantaged for m in active]
    disadvantaged = None if any(f is None for f in flags) else sum(1 for f in flags if f)
    return MembersByGroup(groups.count(AgeGroup.CHILD), groups.count(AgeGroup.WORKING),
                          groups.count(AgeGroup.ELDERLY), groups.count(AgeGroup.UNKNOWN), disadvantaged)


def member_movement(members: Iterable[MemberRecord], date_from: date, date_to: date) -> MemberMovement:
    members = list(members)

    def changed_to(status: str) -> int:
        return sum(1 for m in members if any(s == status and date_from <= on <= date_to for on, s in m.history))

    return MemberMovement(
        joined=sum(1 for m in members if date_from <= m.joined_on <= date_to),
        lapsed=changed_to("lapsed"), resigned=changed_to("resigned"), deceased=changed_to("deceased"),
        lapsed_at_end=sum(1 for m in members if status_at(m, date_to) == "lapsed"),
    )


# --- money in by source ------------------------------------------------------------------------------


class Source(StrEnum):
    MEMBERS = "members"  # เงินสมทบจากสมาชิก
    LOCAL_GOVERNMENT = "local_government"  # องค์กรปกครองส่วนท้องถิ่น
    CODI = "codi"  # รัฐบาลผ่าน พอช.
    OTHER = "other"  # แหล่งอื่น


SOURCE_LABELS = {
    Source.MEMBERS: ("สมาชิก", "Members"),
    Source.LOCAL_GOVERNMENT: ("องค์กรปกครองส่วนท้องถิ่น", "Local government"),
    Source.CODI: ("รัฐบาลผ่าน พอช.", "Government via CODI"),
    Source.OTHER: ("แหล่งอื่น", "Other"),
}
SOURCE_ACCOUNTS = {Source.MEMBERS: ("4101", "4102"), Source.LOCAL_GOVERNMENT: ("4202",), Source.CODI: ("4201",)}


def source_of(account_code: str) -> Source:
    for source, codes in SOURCE_ACCOUNTS.items():
        if account_code in codes:
            return source
    return Source.OTHER


@dataclass(frozen=True)
class SourceLine:
    source: Source
    label_th: str
    label_en: str
    amount: Satang
    share: int | None  # basis points of the year's income; None when there is nothing to share

    @property
    def percent(self) -> str:
        return percent_text(self.share)


def money_in(income: IncomeStatement) -> tuple[SourceLine, ...]:
    """The year's income (closing entries left out) by where it came from, with shares summing to 100.00%."""
    amounts = dict.fromkeys(Source, 0)
    for line in income.income:
        amounts[source_of(line.code)] += line.amount
    parts = shares(list(amounts.values())) or (None,) * len(amounts)
    return tuple(SourceLine(s, *SOURCE_LABELS[s], amounts[s], p) for s, p in zip(Source, parts, strict=True))


# --- benefits paid by kind ---------------------------------------------------------------------------


@dataclass(frozen=True)
class PaidClaim:
    number: int
    person_id: int
    kind: str
    paid_on: date
    amount: Satang


@dataclass(frozen=True)
class BenefitKindLine:
    kind: str
    label_th: str
    label_en: str
    claims: int
    people: int
    amount: Satang


def benefits_by_kind(claims: Iterable[PaidClaim], date_from: date, date_to: date,
                     labels: dict[str, tuple[str, str]] | None = None) -> tuple[BenefitKindLine, ...]:
    """Claims paid in the period by kind: how many, to how many people, how much; biggest first."""
    by_kind: dict[str, list[PaidClaim]] = {}
    for c in claims:
        if date_from <= c.paid_on <= date_to:
            by_kind.setdefault(c.kind, []).append(c)
    lines = [BenefitKindLine(kind, *benefit_label(kind, labels), len(cs), len({c.person_id for c in cs}),
                             sum(c.amount for c in cs)) for kind, cs in by_kind.items()]
    return tuple(sorted(lines, key=lambda x: (-x.amount, x.kind)))


# --- the report ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CodiReport:
    """รายงานประจำปีตามแบบ พอช. of one accounting year."""

    year_name: int
    date_from: date
    date_to: date
    members: MembersByGroup
    movement: MemberMovement
    money_in: tuple[SourceLine, ...]
    benefits: tuple[BenefitKindLine, ...]
    people_helped_in_year: int
    people_ever_helped: int
    fund_balance: Satang  # เงินกองทุน: assets less liabilities at the year's end
    cash: Satang  # เงินสดและเงินฝาก at the year's end

    @property
    def total_money_in(self) -> Satang:
        return sum(x.amount for x in self.money_in)

    @property
    def benefit_claims(self) -> int:
        return sum(x.claims for x in self.benefits)

    @property
    def benefits_paid(self) -> Satang:
        return sum(x.amount for x in self.benefits)


def codi_report(year_name: int, date_from: date, date_to: date, totals: Iterable[AccountTotals],
                members: Iterable[MemberRecord], paid_claims: Iterable[PaidClaim],
                labels: dict[str, tuple[str, str]] | None = None) -> CodiReport:
    """The report from the year's account totals, the fund's memberships and its paid claims (those paid
    after the year's end are left out)."""
    check_range(date_from, date_to)
    totals, members = list(totals), list(members)
    paid = [c for c in paid_claims if c.paid_on <= date_to]
    statements = annual_statements(year_name, date_from, date_to, totals)
    return CodiReport(
        year_name, date_from, date_to,
        members=members_by_group(members, date_to),
        movement=member_movement(members, date_from, date_to),
        money_in=money_in(statements.income),
        benefits=benefits_by_kind(paid, date_from, date_to, labels),
        people_helped_in_year=len({c.person_id for c in paid if c.paid_on >= date_from}),
        people_ever_helped=len({c.person_id for c in paid}),
        fund_balance=statements.position.total_fund,
        cash=sum(t.at_end for t in totals if t.account.code in CASH_ACCOUNTS),
    )
