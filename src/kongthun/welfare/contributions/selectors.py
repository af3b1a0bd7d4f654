"""Reads of contributions, always through a Scope: a member's standing (paid up to, arrears), the
fund's arrears list, receipts of a day or period, and the matching request fed from receipts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import QuerySet, Sum

from kongthun.access.domain import Permission
from kongthun.access.scope import Scope
from kongthun.errors import DomainError
from kongthun.orgs.models import Organization
from kongthun.people.models import Membership, MembershipStatus
from kongthun.welfare.contributions import domain
from kongthun.welfare.contributions.actions import plan_in_force
from kongthun.welfare.contributions.models import ContributionPlan, Receipt, days_covered


def _require_member_view(scope: Scope, membership: Membership) -> None:
    """A member sees their own standing; the fund's committee, treasurer and auditor see everyone's."""
    if scope.self_person.get(membership.organization_id) == membership.person_id and scope.can(
            Permission.VIEW_SELF, membership.organization_id):
        return
    scope.require(Permission.VIEW_PEOPLE, membership.organization_id)


def plan_list(*, scope: Scope, organization_id: int) -> QuerySet:
    scope.require(Permission.VIEW_BOOKS, organization_id)
    return ContributionPlan.objects.filter(organization_id=organization_id).order_by("effective_from")


def member_standing(*, scope: Scope, membership: Membership, on: date) -> domain.Standing:
    """Paid up to, arrears and lapse of one member on a business date (void receipts do not count)."""
    _require_member_view(scope, membership)
    plan = plan_in_force(membership.organization_id, on)
    days = days_covered([membership.pk]).get(membership.pk, 0)
    return domain.standing(plan, membership.joined_on, [days], on)


@dataclass(frozen=True)
class ArrearsRow:
    membership: Membership
    standing: domain.Standing


def arrears_list(*, scope: Scope, organization_id: int, on: date, include_grace: bool = False) -> list[ArrearsRow]:
    """Members behind with their contributions on a date (ลูกหนี้เงินสมทบค้างส่ง), most behind first.
    Members in their grace days are left out unless asked for; resigned and deceased members are left out."""
    scope.require(Permission.VIEW_PEOPLE, organization_id)
    plan = plan_in_force(organization_id, on)
    members = list(
        Membership.objects.filter(organization_id=organization_id, joined_on__lte=on,
                                  status__in=[MembershipStatus.ACTIVE, MembershipStatus.LAPSED])
        .select_related("person")
    )
    covered = days_covered([m.pk for m in members])
    rows = []
    for m in members:
        s = domain.standing(plan, m.joined_on, [covered.get(m.pk, 0)], on)
        if s.arrears_days and (include_grace or not s.in_grace):
            rows.append(ArrearsRow(m, s))
    rows.sort(key=lambda r: (-r.standing.arrears_days, r.membership.member_no))
    return rows


def standing_list(*, scope: Scope, organization_id: int, on: date) -> list[ArrearsRow]:
    """Every active or lapsed member's standing on a date (paid up to, arrears), by member number."""
    scope.require(Permission.VIEW_PEOPLE, organization_id)
    plan = plan_in_force(organization_id, on)
    members = list(
        Membership.objects.filter(organization_id=organization_id, joined_on__lte=on,
                                  status__in=[MembershipStatus.ACTIVE, MembershipStatus.LAPSED])
        .select_related("person").order_by("member_no")
    )
    covered = days_covered([m.pk for m in members])
    return [ArrearsRow(m, domain.standing(plan, m.joined_on, [covered.get(m.pk, 0)], on)) for m in members]


def receipt_get(*, scope: Scope, organization_id: int, number: str, year_name: int | None = None) -> Receipt:
    """A receipt by its number: "2568/000123", or its running number with the BE year ("123", 2568)."""
    scope.require(Permission.VIEW_BOOKS, organization_id)
    number = number.strip()
    rows = Receipt.objects.filter(organization_id=organization_id).select_related("membership", "organization")
    if "/" in number:
        year, _, seq = number.partition("/")
        found = rows.filter(year_name=int(year), seq=int(seq)).first() if year.isdigit() and seq.isdigit() else None
    elif number.isdigit() and year_name is not None:
        found = rows.filter(year_name=year_name, seq=int(number)).first()
    else:
        raise DomainError("invalid.receipt_number", f"เลขที่ใบเสร็จ '{number}' ไม่ถูกต้อง (เช่น 2568/000123)",
                          f"'{number}' is not a receipt number (e.g. 2568/000123)", "receipt")
    if found is None:
        raise DomainError("not_found.receipt", f"ไม่พบใบเสร็จเลขที่ {number}", f"No receipt no. {number}", "receipt")
    return found


def receipt_list(*, scope: Scope, organization_id: int, date_from: date, date_to: date | None = None,
                 include_void: bool = True) -> QuerySet:
    """Receipts issued on a day (date_to omitted) or over a period, in number order."""
    scope.require(Permission.VIEW_BOOKS, organization_id)
    qs = Receipt.objects.filter(organization_id=organization_id, issued_on__gte=date_from,
                                issued_on__lte=date_to or date_from)
    if not include_void:
        qs = qs.filter(voided_at__isnull=True)
    return qs.select_related("membership__person", "entry", "void_entry").order_by("year_name", "seq")


def member_receipts(*, scope: Scope, membership: Membership) -> QuerySet:
    _require_member_view(scope, membership)
    return Receipt.objects.filter(membership=membership).order_by("year_name", "seq")


def matching_request_for(*, scope: Scope, organization: Organization, on: date,
                         terms: domain.MatchingTerms | None = None) -> domain.MatchingRequest:
    """What the fund may request for the accounting year containing `on`, from receipts issued in that
    year (void ones excluded). A member who resigned within or before the year is not counted."""
    scope.require(Permission.VIEW_BOOKS, organization.pk)
    year = organization.accounting_year
    start, end = year.start_of(on), year.end_of(on)
    paid = dict(
        Receipt.objects.filter(organization=organization, issued_on__gte=start, issued_on__lte=end,
                               voided_at__isnull=True)
        .values("membership_id").annotate(s=Sum("amount")).values_list("membership_id", "s")
    )
    members = []
    for m in Membership.objects.filter(pk__in=paid).order_by("member_no"):
        resigned = m.status == MembershipStatus.RESIGNED and m.status_on <= end
        members.append(domain.MemberPaid(
            m.pk, m.member_no, paid[m.pk], eligible=not resigned,
            why_not_th="ลาออกแล้ว" if resigned else "", why_not_en="resigned" if resigned else ""))
    return domain.matching_request(year.name_of(on), members, terms or domain.MatchingTerms())


def reinstatement_due_for(*, scope: Scope, membership: Membership, on: date) -> domain.ReinstatementDue:
    """What a lapsed member pays to come back on a date, by the plan in force then."""
    scope.require(Permission.VIEW_PEOPLE, membership.organization_id)
    return domain.reinstatement_due(plan_in_force(membership.organization_id, on),
                                    member_standing(scope=scope, membership=membership, on=on))
