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
from kongthun.people.domain import search_key, search_matches, search_terms
from kongthun.people.models import Membership

SEARCH_LIMIT = 5000  # matches kept by one search; beyond this the words say too little


def membership_list(*, scope: Scope, organization_id: int, q: str = "") -> QuerySet:
    """Members of one organization, found by a forgiving search (ค้นหาสมาชิก): every word of `q` must be
    part of the member number or a Thai or English name, or the whole national ID; spacing, tone marks,
    Thai digits and dashes in an ID do not matter (people.domain.normalize_search)."""
    scope.require(Permission.VIEW_PEOPLE, organization_id)
    qs = (
        scope.filter(Membership.objects.all(), Permission.VIEW_PEOPLE)
        .filter(organization_id=organization_id)
        .select_related("person")
        .order_by("member_no")
    )
    terms = search_terms(q)
    if not terms:
        return qs
    # Tone marks cannot be dropped in SQL on both databases: the fund's members are compared in Python,
    # a few thousand short rows at most.
    rows = qs.values_list("pk", "member_no", "person__prefix_th", "person__first_name_th", "person__last_name_th",
                          "person__first_name_en", "person__last_name_en", "person__national_id")
    found = [pk for pk, no, *names, nid in rows.iterator(chunk_size=2000)
             if search_matches(terms, search_key(no, names, nid))]
    return qs.filter(pk__in=found[:SEARCH_LIMIT])


def membership_by_number(*, scope: Scope, organization_id: int, number: str) -> Membership | None:
    """A member by the number typed on a form (เลขสมาชิก): Thai digits and spaces forgiven; None if the
    fund has no such number."""
    wanted = "".join(thai_digits_to_arabic(number).split())
    if not wanted:
        return None
    rows = membership_list(scope=scope, organization_id=organization_id)
    return rows.filter(member_no=wanted).first() or rows.filter(member_no__iexact=wanted).first()


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
