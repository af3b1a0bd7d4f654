"""Reads about organizations: lookups and aggregates, always through a Scope.

Aggregates (member counts, cash) carry no personal data; they are what area roles
(network coordinator, CODI staff) may see of the organizations in their area.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, QuerySet, Sum

from kongthun.access.domain import Permission
from kongthun.access.scope import Scope
from kongthun.errors import DomainError
from kongthun.ledger.charts import CASH_ACCOUNTS
from kongthun.ledger.models import Account
from kongthun.orgs.models import Organization
from kongthun.people.models import Membership, MembershipStatus


def organization_list(*, scope: Scope, perm: Permission = Permission.VIEW_AGGREGATES) -> QuerySet:
    return scope.organizations(perm).select_related("tambon", "tambon__district", "province").order_by("code")


def organization_get(*, scope: Scope, organization_id: int, perm: Permission) -> Organization:
    """The organization if the user holds `perm` in it.

    Outside everything the user may see it is 'not found' (its existence is not
    leaked); seen only as aggregates, asking for more is 'forbidden'."""
    org = organization_list(scope=scope, perm=perm).filter(pk=organization_id).first()
    if org is not None:
        return org
    if scope.organizations(Permission.VIEW_AGGREGATES).filter(pk=organization_id).exists():
        scope.require(perm, organization_id)
    raise DomainError(
        "not_found.organization",
        "ไม่พบองค์กรนี้",
        "Organization not found",
        f"organization {organization_id}",
    )


def member_counts(*, scope: Scope, organization_ids) -> dict[int, dict[str, int]]:
    """organization id -> {status: number of memberships} (counts only)."""
    rows = (
        scope.filter(Membership.objects.all(), Permission.VIEW_AGGREGATES)
        .filter(organization_id__in=list(organization_ids))
        .values_list("organization_id", "status")
        .annotate(n=Count("id"))
    )
    out: dict[int, dict[str, int]] = defaultdict(dict)
    for org_id, status, n in rows:
        out[org_id][status] = n
    return out


def cash_balances(*, scope: Scope, organization_ids) -> dict[int, int]:
    """organization id -> cash and bank in satang."""
    rows = (
        scope.filter(Account.objects.filter(code__in=CASH_ACCOUNTS), Permission.VIEW_AGGREGATES)
        .filter(organization_id__in=list(organization_ids))
        .values_list("organization_id")
        .annotate(s=Sum("balance"))
    )
    return {org_id: total or 0 for org_id, total in rows}


@dataclass(frozen=True)
class OrgSummary:
    org: Organization
    members_by_status: dict[str, int]
    cash: int  # satang

    @property
    def active_members(self) -> int:
        return self.members_by_status.get(MembershipStatus.ACTIVE, 0)

    @property
    def members(self) -> int:
        return sum(self.members_by_status.values())


def organization_summaries(*, scope: Scope, organizations) -> list[OrgSummary]:
    """Aggregates for a page of organizations, in three queries whatever their number."""
    orgs = list(organizations)
    ids = [o.pk for o in orgs]
    counts = member_counts(scope=scope, organization_ids=ids)
    cash = cash_balances(scope=scope, organization_ids=ids)
    return [OrgSummary(o, dict(counts.get(o.pk, {})), cash.get(o.pk, 0)) for o in orgs]


@dataclass
class AreaRow:
    """One province or district of the network page: counts and sums only."""

    key: str
    name_th: str
    name_en: str
    by_kind: dict[str, int] = field(default_factory=dict)
    organizations: int = 0
    active_members: int = 0
    cash: int = 0

    def add(self, s: OrgSummary) -> None:
        self.by_kind[s.org.kind] = self.by_kind.get(s.org.kind, 0) + 1
        self.organizations += 1
        self.active_members += s.active_members
        self.cash += s.cash


@dataclass
class ProvinceBlock:
    total: AreaRow
    districts: list[AreaRow]


def network_aggregates(*, scope: Scope) -> list[ProvinceBlock]:
    """Organizations in the user's view, rolled up by province and district."""
    summaries = organization_summaries(scope=scope, organizations=organization_list(scope=scope))
    provinces: dict[str, AreaRow] = {}
    districts: dict[str, dict[str, AreaRow]] = defaultdict(dict)
    for s in summaries:
        p = s.org.province
        provinces.setdefault(p.code, AreaRow(p.code, p.name_th, p.name_en)).add(s)
        d = s.org.tambon.district if s.org.tambon else None
        key, th, en = (d.code, d.name_th, d.name_en) if d else ("", "(ระดับจังหวัด)", "(province level)")
        districts[p.code].setdefault(key, AreaRow(key, th, en)).add(s)
    return [
        ProvinceBlock(provinces[code], sorted(districts[code].values(), key=lambda r: r.key or "9999"))
        for code in sorted(provinces)
    ]


def audit_events(*, scope: Scope, organization_id: int) -> QuerySet:
    """The audit trail of one organization (บันทึกการตรวจสอบ), newest first."""
    from kongthun.audit.models import AuditEvent

    scope.require(Permission.VIEW_AUDIT, organization_id)
    return (
        scope.filter(AuditEvent.objects.all(), Permission.VIEW_AUDIT, org_field="organization_id")
        .filter(organization_id=organization_id)
        .order_by("-seq")
    )
