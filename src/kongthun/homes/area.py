"""The network coordinator's and CODI staff's home (หน้าแรกเครือข่าย / พอช.): the area's organizations,
their latest figures and alerts. Counts and sums only: no names, no member numbers, no ID numbers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Sum

from kongthun.access.domain import Permission
from kongthun.access.scope import Scope
from kongthun.errors import DomainError
from kongthun.homes.domain import Alert, OrgFigures, alerts_for
from kongthun.homes.selectors import SAVINGS_KINDS
from kongthun.ledger.charts import CASH_ACCOUNTS
from kongthun.ledger.models import JournalLine, YearClose
from kongthun.orgs.domain import OrgKind
from kongthun.orgs.models import Organization
from kongthun.orgs.selectors import OrgSummary, organization_list, organization_summaries
from kongthun.people.models import Membership, MembershipStatus

AREA_ROWS = 50  # organizations on the home page; the rest are on the organizations list


@dataclass(frozen=True)
class AreaRow:
    summary: OrgSummary
    figures: OrgFigures
    alerts: list[Alert]


def _welfare_arrears(org_id: int, on: date) -> int:
    """How many members are behind with their contributions (a count, beyond their grace days)."""
    from kongthun.welfare.contributions import domain
    from kongthun.welfare.contributions.actions import plan_in_force
    from kongthun.welfare.contributions.models import days_covered

    try:
        plan = plan_in_force(org_id, on)
    except DomainError:
        return 0
    members = list(Membership.objects.filter(organization_id=org_id, joined_on__lte=on,
                                             status__in=[MembershipStatus.ACTIVE, MembershipStatus.LAPSED])
                   .values_list("pk", "joined_on"))
    covered = days_covered([pk for pk, _ in members])
    n = 0
    for pk, joined in members:
        s = domain.standing(plan, joined, [covered.get(pk, 0)], on)
        n += bool(s.arrears_days and not s.in_grace)
    return n


def _loans_overdue(org_id: int, on: date) -> int:
    from kongthun.savings.loans.selectors import portfolio

    return sum(1 for p in portfolio(org_id, on).positions if p.days_overdue > 0)


def _arrears(org: Organization, on: date) -> int:
    if org.kind == OrgKind.WELFARE_FUND:
        return _welfare_arrears(org.pk, on)
    if org.kind in SAVINGS_KINDS:
        return _loans_overdue(org.pk, on)
    return 0


def _paid_out(org_id: int, on: date) -> int:
    """Cash paid out over the 12 months to `on` (credits to cash and bank), satang."""
    total = (JournalLine.objects.filter(organization_id=org_id, account__code__in=CASH_ACCOUNTS, amount__lt=0,
                                        entry__date__gt=on - timedelta(days=365), entry__date__lte=on)
             .aggregate(s=Sum("amount"))["s"])
    return -(total or 0)


def org_figures(org: Organization, cash: int, on: date) -> OrgFigures:
    year = org.accounting_year
    last_year_end = year.start_of(on) - timedelta(days=1)
    started = org.founded_on or org.created_at.date()
    return OrgFigures(
        cash=cash,
        paid_out_last_year=_paid_out(org.pk, on),
        arrears_now=_arrears(org, on),
        arrears_month_ago=_arrears(org, on - timedelta(days=30)),
        last_year_closed=YearClose.objects.filter(organization_id=org.pk, year_end=last_year_end).exists(),
        last_year_due=started <= last_year_end,
    )


def area_home(*, scope: Scope, on: date) -> tuple[list[AreaRow], int]:
    """The organizations the user sees as aggregates, each with its figures and alerts, those with
    alerts first; and how many organizations there are in all."""
    orgs = organization_list(scope=scope, perm=Permission.VIEW_AGGREGATES)
    rows = []
    for s in organization_summaries(scope=scope, organizations=orgs[:AREA_ROWS]):
        figures = org_figures(s.org, s.cash, on)
        rows.append(AreaRow(s, figures, alerts_for(figures)))
    rows.sort(key=lambda r: (not r.alerts, r.summary.org.code))
    return rows, orgs.count()
