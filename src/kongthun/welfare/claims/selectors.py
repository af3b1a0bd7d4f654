"""Reading claims and regulations, always through the reader's Scope.

Claims carry personal and health data: only those who may see the fund's people read them."""

from __future__ import annotations

from django.db.models import QuerySet

from kongthun.access.domain import Permission
from kongthun.access.scope import Scope
from kongthun.errors import DomainError
from kongthun.welfare.claims.models import Claim, FundRegulation


def claim_list(*, scope: Scope, organization_id: int | None = None, status: str | None = None) -> QuerySet[Claim]:
    qs = scope.filter(Claim.objects.select_related("membership__person", "organization"), Permission.VIEW_PEOPLE)
    if organization_id is not None:
        qs = qs.filter(organization_id=organization_id)
    if status is not None:
        qs = qs.filter(status=status)
    return qs.order_by("organization_id", "number")


def claim_get(*, scope: Scope, claim_id: int) -> Claim:
    claim = claim_list(scope=scope).filter(pk=claim_id).first()
    if claim is None:
        raise DomainError("not_found.claim", "ไม่พบคำขอนี้", "No such claim", "claim")
    return claim


def regulation_list(*, scope: Scope, organization_id: int) -> QuerySet[FundRegulation]:
    """A fund's adopted regulations, newest first. The regulation is the fund's public rulebook:
    anyone who may see the fund's aggregates may read it."""
    qs = scope.filter(FundRegulation.objects.all(), Permission.VIEW_AGGREGATES)
    return qs.filter(organization_id=organization_id).order_by("-uploaded_at", "-id")


def claim_by_number(*, scope: Scope, organization_id: int, number: int) -> Claim:
    """A fund's claim by its number (เลขที่คำขอ), as the treasurer and the committee call it."""
    claim = claim_list(scope=scope, organization_id=organization_id).filter(number=number).first()
    if claim is None:
        raise DomainError("not_found.claim", f"ไม่พบคำขอเลขที่ {number}", f"No claim no. {number}", "claim")
    return claim
