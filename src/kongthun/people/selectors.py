"""Reads about people: members of an organization, always through a Scope.

Personal records need VIEW_PEOPLE in the member's organization; a member may also
see their own membership (VIEW_SELF with the person named on their role grant).
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from kongthun.access.domain import Permission
from kongthun.access.scope import Scope
from kongthun.errors import DomainError
from kongthun.money import thai_digits_to_arabic
from kongthun.people.models import Membership


def membership_list(*, scope: Scope, organization_id: int, q: str = "") -> QuerySet:
    """Members of one organization, searchable by Thai name or member number.

    Every word of `q` must match the member number, first name or last name."""
    scope.require(Permission.VIEW_PEOPLE, organization_id)
    qs = (
        scope.filter(Membership.objects.all(), Permission.VIEW_PEOPLE)
        .filter(organization_id=organization_id)
        .select_related("person")
        .order_by("member_no")
    )
    for word in thai_digits_to_arabic(q).split()[:5]:
        qs = qs.filter(
            Q(member_no__icontains=word)
            | Q(person__first_name_th__icontains=word)
            | Q(person__last_name_th__icontains=word)
        )
    return qs


def membership_get(*, scope: Scope, organization_id: int, membership_id: int) -> Membership:
    """One membership with its person, history and beneficiaries; not found if out of scope."""
    base = Membership.objects.select_related("person", "organization").prefetch_related("events", "beneficiaries")
    m = (
        scope.filter(base, Permission.VIEW_PEOPLE)
        .filter(organization_id=organization_id, pk=membership_id)
        .first()
    )
    if m is None:
        own = scope.self_person.get(organization_id)
        if own is not None:
            m = (
                scope.filter(base, Permission.VIEW_SELF)
                .filter(organization_id=organization_id, pk=membership_id, person_id=own)
                .first()
            )
    if m is None:
        raise DomainError("not_found.membership", "ไม่พบสมาชิกนี้", "Member not found", f"membership {membership_id}")
    return m


def memberships_of_self(*, scope: Scope) -> list[Membership]:
    """The memberships of the person a member's role grants name (self-service)."""
    if not scope.self_person:
        return []
    mine = Q(pk__in=[])
    for org_id, person_id in scope.self_person.items():
        mine |= Q(organization_id=org_id, person_id=person_id)
    return list(
        scope.filter(Membership.objects.all(), Permission.VIEW_SELF)
        .filter(mine)
        .select_related("organization", "person")
        .order_by("organization__code")
    )
