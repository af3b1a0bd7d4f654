"""Reading disasters, always through the reader's Scope.

The affected fund's treasurer and committee see the members living in the area and the batch's claims;
another fund of the network sees only an event's public summary (what, when, where, how many households,
how much paid), never a member."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Q, QuerySet, Sum

from kongthun.access.domain import Permission
from kongthun.access.scope import Scope
from kongthun.errors import DomainError
from kongthun.people.models import Membership, MembershipStatus
from kongthun.places.models import Tambon
from kongthun.welfare.claims.domain import ClaimStatus
from kongthun.welfare.claims.models import Claim
from kongthun.welfare.disasters import domain
from kongthun.welfare.disasters.models import DisasterEvent, DisasterRelief


def _area_q(area: Sequence[domain.AreaItem]) -> Q:
    """A first cut in the database (the tambons); the village check is domain.Resident.lives_in."""
    tambons = sorted({x.tambon for x in area})
    return Q(person__tambon_id__in=tambons) | Q(person__household__tambon_id__in=tambons)


def _resident(m: Membership) -> domain.Resident:
    p, h = m.person, m.person.household
    return domain.Resident(m.pk, m.member_no, h.code if h else "", p.tambon_id, p.village,
                           h.tambon_id if h else None, h.village if h else "")


def _members_in_area(organization_id: int, area: Sequence[domain.AreaItem]) -> list[Membership]:
    if not area:
        return []
    qs = (Membership.objects.filter(_area_q(area), organization_id=organization_id, status=MembershipStatus.ACTIVE,
                                    person__deceased_on__isnull=True)
          .select_related("person__household").order_by("member_no"))
    return [m for m in qs if _resident(m).lives_in(area)]


def residents_in_area(organization_id: int, area: Sequence[domain.AreaItem]) -> list[domain.Resident]:
    """The fund's active, living members whose person or household lives in the area (for the actions)."""
    return [_resident(m) for m in _members_in_area(organization_id, area)]


@dataclass(frozen=True)
class HouseholdRow:
    """One household hit, as the treasurer confirms it: the member who claims and who else lives there."""

    membership: Membership
    household: str
    village: str
    house_no: str
    masked_id: str
    members: int
    others: tuple[str, ...]


def disaster_members(*, scope: Scope, event: DisasterEvent) -> list[HouseholdRow]:
    """สมาชิกที่อาศัยในพื้นที่ประสบภัย: one row per household, the member who claims first by member number,
    with village, house number and a masked ID."""
    scope.require(Permission.VIEW_PEOPLE, event.organization_id)
    members = _members_in_area(event.organization_id, event.area_items)
    by_id = {m.pk: m for m in members}
    names: dict[str, list[str]] = {}
    for m in members:
        names.setdefault(m.person.household.code if m.person.household else f"member:{m.pk}", []).append(
            f"{m.member_no} {m.person.full_name_th}")
    rows = []
    for r, size in domain.one_per_household([_resident(m) for m in members]):
        m = by_id[r.membership_id]
        p, h = m.person, m.person.household
        key = r.household or f"member:{m.pk}"
        rows.append(HouseholdRow(m, r.household, p.village or (h.village if h else ""),
                                 p.house_no or (h.house_no if h else ""), p.masked_id, size,
                                 tuple(n for n in names[key] if not n.startswith(f"{m.member_no} "))))
    return rows


def _with_totals(qs: QuerySet[DisasterEvent]) -> QuerySet[DisasterEvent]:
    """Households claiming (claims not rejected) and the amount paid, per event."""
    status = "claim_links__claim__status"
    return qs.annotate(n_claims=Count("claim_links", filter=~Q(**{status: ClaimStatus.REJECTED})),
                       paid_total=Sum("claim_links__claim__amount", filter=Q(**{status: ClaimStatus.PAID})))


def disaster_list(*, scope: Scope, organization_id: int) -> QuerySet[DisasterEvent]:
    """A fund's events, newest first, with how many claims and how much paid (the fund's own view)."""
    scope.require(Permission.VIEW_BOOKS, organization_id)
    return _with_totals(DisasterEvent.objects.filter(organization_id=organization_id)).order_by(
        "-started_on", "-number")


def disaster_get(*, scope: Scope, organization_id: int, event_id: int) -> DisasterEvent:
    scope.require(Permission.VIEW_BOOKS, organization_id)
    event = DisasterEvent.objects.filter(organization_id=organization_id, pk=event_id).select_related(
        "organization").first()
    if event is None:
        raise DomainError("not_found.disaster", "ไม่พบเหตุการณ์นี้", "No such disaster event", "event")
    return event


def batch_claims(*, scope: Scope, event: DisasterEvent) -> list[Claim]:
    scope.require(Permission.VIEW_PEOPLE, event.organization_id)
    return list(Claim.objects.filter(disaster_link__event=event).select_related("membership__person")
                .order_by("number"))


@dataclass(frozen=True)
class EventSummary:
    """What another fund of the network sees of a disaster: no member, no name, no amount per household."""

    id: int
    fund: str
    fund_en: str
    kind: str
    name: str
    started_on: date
    ended_on: date | None
    area: tuple[str, ...]
    households: int
    paid: int


def area_labels(area: Sequence[domain.AreaItem]) -> tuple[str, ...]:
    names = dict(Tambon.objects.filter(code__in={x.tambon for x in area}).values_list("code", "name_th"))
    return tuple(f"ต.{names.get(x.tambon, x.tambon)}" + (f" {x.village}" if x.village else "") for x in area)


def network_events(*, scope: Scope, organization_id: int, sender) -> list[EventSummary]:
    """Events of the other funds of the sender's network, newest first, as public summaries."""
    scope.require(Permission.POST_ENTRIES, organization_id)
    if sender.parent_id is None:
        return []
    rows = _with_totals(DisasterEvent.objects.filter(organization__parent_id=sender.parent_id)
                        .exclude(organization_id=sender.pk).select_related("organization")
                        ).order_by("-started_on", "-number")
    return [EventSummary(e.pk, e.organization.name_th, e.organization.name_en, e.kind, e.name, e.started_on,
                         e.ended_on, area_labels(e.area_items), e.n_claims, e.paid_total or 0) for e in rows]


def network_event_get(*, scope: Scope, sender, event_id: int) -> DisasterEvent:
    """The event another fund of the network sends relief to (the action re-checks the network)."""
    if not any(s.id == event_id for s in network_events(scope=scope, organization_id=sender.pk, sender=sender)):
        raise DomainError("not_found.disaster", "ไม่พบเหตุการณ์นี้ในเครือข่าย", "No such event in the network", "event")
    return DisasterEvent.objects.select_related("organization").get(pk=event_id)


def relief_received(*, scope: Scope, event: DisasterEvent) -> QuerySet[DisasterRelief]:
    scope.require(Permission.VIEW_BOOKS, event.organization_id)
    return (DisasterRelief.objects.filter(event=event).select_related("sender", "received_entry")
            .order_by("sent_on", "id"))


def relief_sent(*, scope: Scope, organization_id: int) -> QuerySet[DisasterRelief]:
    scope.require(Permission.VIEW_BOOKS, organization_id)
    return (DisasterRelief.objects.filter(sender_id=organization_id).select_related("event", "receiver", "sent_entry")
            .order_by("-sent_on", "-id"))


def relief_get(*, scope: Scope, organization_id: int, relief_id: int) -> DisasterRelief:
    """A relief the fund received (for confirming it came)."""
    scope.require(Permission.VIEW_BOOKS, organization_id)
    r = DisasterRelief.objects.filter(receiver_id=organization_id, pk=relief_id).first()
    if r is None:
        raise DomainError("not_found.relief", "ไม่พบรายการความช่วยเหลือนี้", "No such relief", "relief")
    return r
