"""Reads behind the year-end (สิ้นปีบัญชี) of a savings group: the rule in force, each member's shares and
loan interest of the year (from the accounts and loans apps' selectors), the preview of the allocation and
the allocations posted. Always through the reader's Scope."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from kongthun.access.domain import Permission
from kongthun.access.scope import Scope
from kongthun.errors import DomainError
from kongthun.ledger.models import YearClose
from kongthun.orgs.models import Organization
from kongthun.people.models import Membership
from kongthun.savings.domain import dividends
from kongthun.savings.domain.dividends import Bucket, DividendBasis, MemberYear, YearEndSplit
from kongthun.savings.yearend.models import MemberDividend, ProfitRule, YearEndAllocation


def year_bounds(organization: Organization, year_name: int) -> tuple[date, date]:
    ay = organization.accounting_year
    end = ay.end_of_named(year_name)
    return ay.start_of(end), end


def rule_in_force(organization_id: int, on: date) -> ProfitRule | None:
    """The newest version of the group's profit rule effective on or before `on`."""
    return (ProfitRule.objects.filter(organization_id=organization_id, effective_from__lte=on)
            .order_by("-effective_from", "-id").first())


def rule_list(*, scope: Scope, organization_id: int):
    scope.require(Permission.VIEW_BOOKS, organization_id)
    return ProfitRule.objects.filter(organization_id=organization_id).order_by("-effective_from", "-id")


def as_domain(rule: ProfitRule) -> dividends.ProfitRule:
    return dividends.ProfitRule(
        {Bucket(k): Decimal(v) for k, v in rule.percents.items()}, reserve_min_percent=rule.reserve_min_percent,
        max_dividend_rate=rule.max_dividend_rate, dividend_basis=DividendBasis(rule.dividend_basis),
        excess_to=Bucket(rule.excess_to))


def member_years(organization_id: int, start: date, end: date, basis: DividendBasis) -> list[MemberYear]:
    """Each member's shares the dividend is paid on and loan interest paid in [start, end], from the accounts
    app (shares) and the loans app (interest). Members with neither are left out."""
    from kongthun.savings.accounts.selectors import share_balance, share_movements
    from kongthun.savings.loans.selectors import interest_paid_by_member

    moves: dict[int, list[tuple[date, int]]] = {}
    for mv in share_movements(organization_id, start, end):
        moves.setdefault(mv.membership_id, []).append((mv.on, mv.amount))
    interest = interest_paid_by_member(organization_id, start, end)
    out = []
    ids = Membership.objects.filter(organization_id=organization_id, joined_on__lte=end).order_by("member_no", "pk") \
        .values_list("pk", flat=True)
    for pk in ids:
        opening = share_balance(pk, start - timedelta(days=1))
        shares = dividends.share_basis(opening, moves.get(pk, []), start, end, basis)
        paid = interest.get(pk, 0)
        if shares or paid:
            out.append(MemberYear(pk, shares, paid))
    return out


@dataclass(frozen=True)
class YearEndPreview:
    """What the committee sees before posting (ตัวอย่างการจัดสรร): the closed year's net profit, the rule, the
    split by bucket and member, or why it cannot be allocated yet; or the allocation already posted."""

    year_name: int
    year_start: date
    year_end: date
    closed: YearClose | None
    rule: ProfitRule | None
    split: YearEndSplit | None
    allocation: YearEndAllocation | None
    refusal: DomainError | None
    members: dict[int, Membership]


def split_for(organization: Organization, year_name: int) -> tuple[YearClose, ProfitRule, YearEndSplit]:
    """The allocation the rules give for a closed year; a refusal saying what is missing otherwise."""
    start, end = year_bounds(organization, year_name)
    closed = YearClose.objects.filter(organization=organization, year_name=year_name).first()
    if closed is None:
        raise DomainError("conflict.year_not_closed",
                          f"ปีบัญชี {year_name} ยังไม่ได้ปิดบัญชี ปิดบัญชีสิ้นปีก่อนจึงจัดสรรกำไรได้",
                          f"Accounting year {year_name} is not closed; close the year before allocating its profit",
                          "year")
    rule = rule_in_force(organization.pk, end)
    if rule is None:
        raise DomainError("conflict.no_profit_rule", "กลุ่มยังไม่ได้กำหนดระเบียบการจัดสรรกำไรสุทธิ",
                          "The group has no profit-allocation rule yet", "rule")
    members = member_years(organization.pk, start, end, DividendBasis(rule.dividend_basis))
    return closed, rule, dividends.allocate(closed.surplus, as_domain(rule), members)


def yearend_preview(*, scope: Scope, organization: Organization, year_name: int) -> YearEndPreview:
    scope.require(Permission.VIEW_BOOKS, organization.pk)
    start, end = year_bounds(organization, year_name)
    allocation = allocation_get(scope=scope, organization=organization, year_name=year_name)
    closed = YearClose.objects.filter(organization=organization, year_name=year_name).first()
    rule, split, refusal = rule_in_force(organization.pk, end), None, None
    if allocation is None:
        try:
            closed, rule, split = split_for(organization, year_name)
        except DomainError as exc:
            refusal = exc
    ids = [m.membership_id for m in split.members] if split else \
        [x.membership_id for x in allocation.lines.all()] if allocation else []
    members = Membership.objects.select_related("person").in_bulk(ids)
    return YearEndPreview(year_name, start, end, closed, allocation.rule if allocation else rule, split, allocation,
                          refusal, members)


def allocation_get(*, scope: Scope, organization: Organization, year_name: int) -> YearEndAllocation | None:
    scope.require(Permission.VIEW_BOOKS, organization.pk)
    return (YearEndAllocation.objects.filter(organization=organization, year_name=year_name)
            .select_related("entry", "rule").first())


def allocation_list(*, scope: Scope, organization_id: int):
    scope.require(Permission.VIEW_BOOKS, organization_id)
    return YearEndAllocation.objects.filter(organization_id=organization_id).order_by("-year_name")


def dividend_lines(*, scope: Scope, allocation: YearEndAllocation):
    """The members' dividend and patronage lines (personal amounts: the group's people readers only)."""
    scope.require(Permission.VIEW_PEOPLE, allocation.organization_id)
    return MemberDividend.objects.filter(allocation=allocation).select_related("membership__person") \
        .order_by("membership__member_no", "pk")


def member_dividends(*, scope: Scope, membership: Membership):
    """A member's dividend lines of every year (for the passbook); the caller fetched the membership under
    the reader's scope (membership_get), so the member themself may read their own."""
    return MemberDividend.objects.filter(membership=membership).select_related("allocation") \
        .order_by("-allocation__year_name")
