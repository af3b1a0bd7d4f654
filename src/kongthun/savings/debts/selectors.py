"""Reads of members' debt surveys (personal data): the group's people readers (committee, treasurer,
auditor) or the member themself; nobody else, not even those who see the group's aggregates."""

from __future__ import annotations

from django.db.models import QuerySet

from kongthun.access.domain import Permission
from kongthun.access.scope import Scope
from kongthun.errors import DomainError
from kongthun.people.selectors import membership_get
from kongthun.savings.debts.models import DebtSurvey, RefinancePlan
from kongthun.savings.domain.debt import CreditorKind, Debt, DebtBurden, debt_burden


def survey_list(*, scope: Scope, organization_id: int) -> QuerySet[DebtSurvey]:
    scope.require(Permission.VIEW_PEOPLE, organization_id)
    return (DebtSurvey.objects.filter(organization_id=organization_id)
            .select_related("membership__person").prefetch_related("debts", "plans")
            .order_by("-surveyed_on", "-id"))


def survey_get(*, scope: Scope, organization_id: int, survey_id: int) -> DebtSurvey:
    """One survey, if the reader may see its member (membership_get: people readers or the member)."""
    survey = (DebtSurvey.objects.filter(organization_id=organization_id, pk=survey_id)
              .select_related("membership__person", "organization").first())
    if survey is not None:
        membership_get(scope=scope, organization_id=organization_id, membership_id=survey.membership_id)
        return survey
    raise DomainError("not_found.debt_survey", "ไม่พบแบบสำรวจหนี้นี้", "Debt survey not found", f"survey {survey_id}")


def debts_of(survey: DebtSurvey) -> list[Debt]:
    return [Debt(CreditorKind(x.creditor_kind), x.balance, x.annual_rate, x.monthly_payment, x.creditor)
            for x in survey.debts.order_by("position")]


def burden_of(survey: DebtSurvey) -> DebtBurden:
    return debt_burden(debts_of(survey), survey.monthly_income)


def plans_of(survey: DebtSurvey) -> QuerySet[RefinancePlan]:
    return survey.plans.order_by("-made_on", "-id")
