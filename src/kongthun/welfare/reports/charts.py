"""Reads behind the charts (แผนภูมิ), through the reader's Scope. Each chart is built from the figure the
reports already compute (welfare.reports.domain.charts); these selectors only gather the rows."""

from __future__ import annotations

from datetime import date

from django.db.models import Sum
from django.db.models.functions import TruncMonth

from kongthun.access.domain import Permission
from kongthun.access.scope import Scope
from kongthun.ledger.models import JournalLine
from kongthun.orgs.models import Organization
from kongthun.welfare.reports import selectors
from kongthun.welfare.reports.domain import CodiReport
from kongthun.welfare.reports.domain import charts as domain
from kongthun.welfare.reports.domain.charts import Chart


def fund_balance_chart(*, scope: Scope, organization_id: int, through: date, lang: str,
                       months: int = 12) -> Chart:
    """เงินกองทุน at each of the last `months` month ends (the last point: `through`), in two grouped
    queries. A total, like the cash on the organization page: VIEW_AGGREGATES is enough."""
    if not scope.organizations(Permission.VIEW_AGGREGATES).filter(pk=organization_id).exists():
        scope.require(Permission.VIEW_AGGREGATES, organization_id)  # refuses, in the one wording
    ends = domain.month_ends(through, months)
    lines = scope.filter(JournalLine.objects.all(), Permission.VIEW_AGGREGATES).filter(
        organization_id=organization_id, entry__date__lte=through)
    first = dict(lines.filter(entry__date__lte=ends[0]).values("account_id").annotate(s=Sum("amount"))
                 .values_list("account_id", "s"))
    later = (lines.filter(entry__date__gt=ends[0]).annotate(month=TruncMonth("entry__date"))
             .values("account_id", "month").annotate(s=Sum("amount")).values_list("account_id", "month", "s"))
    balances = domain.fund_balances(ends, selectors.accounts_of(organization_id), first, later)
    return domain.fund_balance_chart(ends, balances, lang)


def codi_charts(*, scope: Scope, organization: Organization, report: CodiReport, lang: str) -> list[Chart]:
    """The CODI report's figures as charts: money in by source, benefits by kind and by month, members
    by age group."""
    scope.require(Permission.VIEW_BOOKS, organization.pk)
    months = domain.benefits_by_month(selectors.paid_claims(organization.pk, report.date_to), report.date_from,
                                      report.date_to)
    return [domain.money_in_chart(report.money_in, lang), domain.benefits_kind_chart(report.benefits, lang),
            domain.benefits_month_chart(months, lang), domain.age_group_chart(report.members, lang)]
