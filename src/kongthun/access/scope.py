"""The one scoping mechanism: what a user may see and do, and the filter that enforces it.

Every view, API endpoint and action asks a `Scope`. Organization roles give their
permissions inside one organization; area roles (network coordinator, CODI staff)
give aggregates over the organizations of their area, never personal records.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Q, QuerySet

from kongthun.access.domain import AREA_ROLES, Permission, Role, permissions_of
from kongthun.errors import DomainError


@dataclass(frozen=True)
class Scope:
    user_id: int | None
    username: str
    is_admin: bool = False
    org_permissions: dict[int, frozenset[Permission]] = field(default_factory=dict)
    areas: tuple[tuple[str, str], ...] = ()  # (level, code) for area roles
    self_person: dict[int, int] = field(default_factory=dict)  # org id -> the member's own person id
    roles: frozenset[Role] = frozenset()

    def can(self, perm: Permission, org_id: int | None) -> bool:
        if self.is_admin:
            return True
        if org_id is not None and perm in self.org_permissions.get(org_id, ()):
            return True
        return False

    def require(self, perm: Permission, org_id: int | None) -> None:
        if not self.can(perm, org_id):
            raise DomainError(
                "forbidden.scope",
                "คุณไม่มีสิทธิ์ทำรายการนี้กับข้อมูลขององค์กรนี้",
                "You may not do this with this organization's data",
                f"organization {org_id}",
            )

    def organizations(self, perm: Permission) -> QuerySet:
        """Organizations where the user holds `perm` (aggregates include the user's areas)."""
        from kongthun.orgs.models import Organization

        if self.is_admin:
            return Organization.objects.all()
        ids = [org for org, perms in self.org_permissions.items() if perm in perms]
        q = Q(pk__in=ids)
        if perm is Permission.VIEW_AGGREGATES:
            for level, code in self.areas:
                q |= area_filter(level, code)
        return Organization.objects.filter(q)

    def filter(self, qs: QuerySet, perm: Permission, org_field: str = "organization") -> QuerySet:
        """The one filter every tenant-owned query goes through."""
        if self.is_admin:
            return qs
        return qs.filter(**{f"{org_field}__in": self.organizations(perm)})


def area_filter(level: str, code: str) -> Q:
    return {
        "nation": Q(pk__isnull=False),  # Q() would vanish when OR-ed with the org-role ids
        "region": Q(province__region_id=code),
        "province": Q(province_id=code),
        "district": Q(tambon__district_id=code),
        "tambon": Q(tambon_id=code),
    }[level]


SYSTEM = Scope(user_id=None, username="system", is_admin=True, roles=frozenset({Role.ADMIN}))


def scope_for(user) -> Scope:
    if user is None or not user.is_authenticated:
        return Scope(user_id=None, username="anonymous")
    grants = list(user.grants.all())
    roles = frozenset(Role(g.role) for g in grants)
    if user.is_superuser:
        roles |= {Role.ADMIN}
    org_permissions: dict[int, set[Permission]] = {}
    areas: list[tuple[str, str]] = []
    self_person: dict[int, int] = {}
    for g in grants:
        role = Role(g.role)
        if role in AREA_ROLES:
            areas.append((g.area_level, g.area_code))
        elif g.organization_id is not None:
            org_permissions.setdefault(g.organization_id, set()).update(permissions_of({role}))
            if role is Role.MEMBER and g.person_id:
                self_person[g.organization_id] = g.person_id
    return Scope(
        user_id=user.pk,
        username=user.get_username(),
        is_admin=Role.ADMIN in roles,
        org_permissions={k: frozenset(v) for k, v in org_permissions.items()},
        areas=tuple(areas),
        self_person=self_person,
        roles=roles,
    )
