"""Reads of outside money, always through a Scope: agreements, requests (requested against received),
money received (reversed money shown but not counted), and how much of the administration cap a year has
used."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Q, QuerySet, Sum

from kongthun.access.domain import Permission
from kongthun.access.scope import Scope
from kongthun.errors import DomainError
from kongthun.money import Satang
from kongthun.orgs.models import Organization
from kongthun.welfare.funding import domain
from kongthun.welfare.funding.actions import cap_base_of, cap_check_on
from kongthun.welfare.funding.models import AllocationSetting, FundingAgreement, FundingRequest, FundsReceived

COUNTED = Q(received__reversal_entry__isnull=True)  # reversed money is shown, never counted


def agreement_list(*, scope: Scope, organization_id: int) -> QuerySet:
    scope.require(Permission.VIEW_BOOKS, organization_id)
    return (FundingAgreement.objects.filter(organization_id=organization_id)
            .annotate(received_total=Sum("received__amount", filter=COUNTED)).order_by("kind", "id"))


def agreement_get(*, scope: Scope, organization_id: int, agreement_id: int) -> FundingAgreement:
    row = agreement_list(scope=scope, organization_id=organization_id).filter(pk=agreement_id).first()
    if row is None:
        raise DomainError("not_found.agreement", "ไม่พบแหล่งเงินนี้ในกองทุน", "No such source in this fund",
                          "agreement")
    return row


def request_list(*, scope: Scope, organization_id: int) -> QuerySet:
    scope.require(Permission.VIEW_BOOKS, organization_id)
    return (FundingRequest.objects.filter(organization_id=organization_id).select_related("agreement")
            .annotate(received_total=Sum("received__amount", filter=COUNTED))
            .order_by("-year_name", "agreement_id"))


def request_get(*, scope: Scope, organization_id: int, request_id: int) -> FundingRequest:
    row = request_list(scope=scope, organization_id=organization_id).filter(pk=request_id).first()
    if row is None:
        raise DomainError("not_found.request", "ไม่พบคำขอนี้ในกองทุน", "No such request in this fund", "request")
    return row


def received_list(*, scope: Scope, organization_id: int) -> QuerySet:
    scope.require(Permission.VIEW_BOOKS, organization_id)
    return (FundsReceived.objects.filter(organization_id=organization_id)
            .select_related("agreement", "request", "entry", "reversal_entry").order_by("-received_on", "-id"))


def received_get(*, scope: Scope, organization_id: int, received_id: int) -> FundsReceived:
    row = received_list(scope=scope, organization_id=organization_id).filter(pk=received_id).first()
    if row is None:
        raise DomainError("not_found.funds_received", "ไม่พบรายการรับเงินนี้ในกองทุน",
                          "No such money received in this fund", "receipt")
    return row


def admin_cap_status(*, scope: Scope, organization: Organization, on: date) -> domain.CapCheck:
    """Administration spent in the accounting year containing `on` against the fund's cap."""
    scope.require(Permission.VIEW_BOOKS, organization.pk)
    return cap_check_on(organization, on)


def allocation_get(*, scope: Scope, organization_id: int) -> tuple[domain.CapBase, AllocationSetting | None]:
    """The fund's allocation rule: its cap base and the setting row (None: the defaults)."""
    scope.require(Permission.VIEW_BOOKS, organization_id)
    return cap_base_of(organization_id), AllocationSetting.objects.filter(organization_id=organization_id).first()


@dataclass(frozen=True)
class SourceTotal:
    kind: str
    label: tuple[str, str]
    account: str
    received: Satang


def received_by_source(*, scope: Scope, organization_id: int, date_from: date, date_to: date) -> list[SourceTotal]:
    """Money received from outside in a period, by kind of source."""
    rows = (received_list(scope=scope, organization_id=organization_id)
            .filter(received_on__gte=date_from, received_on__lte=date_to)
            .exclude(reversed_on__lte=date_to)
            .values("agreement__kind", "agreement__income_account").annotate(s=Sum("amount"))
            .order_by("agreement__income_account"))
    return [SourceTotal(r["agreement__kind"], domain.source_label(r["agreement__kind"]),
                        r["agreement__income_account"], r["s"]) for r in rows]
