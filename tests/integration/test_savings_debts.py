"""Debt relief (แก้หนี้): a member's debt survey, the household burden, and a refinancing plan that applies
for a group loan; personal data seen only by the group's people readers or the member."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from kongthun.access.domain import Role
from kongthun.audit.actions import Actor
from kongthun.errors import DomainError
from kongthun.savings.debts import selectors
from kongthun.savings.debts.actions import debt_survey_record, refinance_plan_make
from kongthun.savings.debts.models import DebtSurvey
from kongthun.savings.domain.debt import CreditorKind, Debt


@pytest.fixture
def group(make_org):
    return make_org("SG-D", kind="savings_group", year_kind="calendar")


@pytest.fixture
def world(group, make_user, make_member, make_org):
    t = Actor.for_user(make_user("sg_t", Role.TREASURER, group), "test")
    c = Actor.for_user(make_user("sg_c", Role.COMMITTEE, group), "test")
    m = make_member(group, joined=date(2024, 1, 1))
    other = make_org("SG-E", kind="savings_group")
    outsider = Actor.for_user(make_user("t_e", Role.TREASURER, other), "test")
    coordinator = Actor.for_user(make_user("coord", Role.COORDINATOR, area=("province", "35")), "test")
    return t, c, m, outsider, coordinator


DEBTS = [Debt(CreditorKind.INFORMAL, 3_000_000, Decimal(120), 300_000, "นายทุนในหมู่บ้าน"),
         Debt(CreditorKind.BAAC, 8_000_000, Decimal(7), 200_000),
         Debt(CreditorKind.INFORMAL, 1_000_000, Decimal(60), 100_000)]


def test_survey_burden_and_plan_with_loan(group, world):
    from kongthun.savings.loans.actions import loan_product_set
    from kongthun.savings.loans.models import Loan

    t, c, m, outsider, coordinator = world
    s = debt_survey_record(membership=m, surveyed_on=date(2025, 3, 1), debts=DEBTS, monthly_income=1_500_000,
                           actor=t, idempotency_key="survey-1")
    assert debt_survey_record(membership=m, surveyed_on=date(2025, 3, 1), debts=DEBTS, monthly_income=1_500_000,
                              actor=t, idempotency_key="survey-1") == s
    burden = selectors.burden_of(s)
    assert burden.total == 12_000_000 and burden.informal == 4_000_000 and burden.monthly_payments == 600_000
    assert burden.payment_to_income == Decimal("40.00") and not burden.high
    product = loan_product_set(organization=group, code="REF", name_th="เงินกู้แก้หนี้นอกระบบ", purpose="refinance",
                               method="declining", annual_rate=Decimal(12), max_term_months=36, frequency="monthly",
                               actor=c)
    plan = refinance_plan_make(survey=s, made_on=date(2025, 3, 5), actor=t, months=24, product=product)
    assert plan.moved == [1, 3] and plan.amount == 4_000_000 and plan.annual_rate == Decimal(12)
    # Blended lenders' rate: (30,000 x 120% + 10,000 x 60%) / 40,000 = 105% a year on the same balance.
    assert plan.interest_old > 8 * plan.interest_new and plan.interest_saved == plan.interest_old - plan.interest_new
    loan = Loan.objects.get(pk=plan.loan_id)
    assert loan.amount == 4_000_000 and loan.membership_id == m.pk and loan.term_months == 24
    assert "นายทุนในหมู่บ้าน" in loan.refinances


def test_survey_is_personal(group, world):
    t, c, m, outsider, coordinator = world
    s = debt_survey_record(membership=m, surveyed_on=date(2025, 3, 1), debts=DEBTS, actor=t, idempotency_key="k")
    assert selectors.survey_get(scope=c.scope, organization_id=group.pk, survey_id=s.pk) == s
    for who in (outsider, coordinator):
        with pytest.raises(DomainError):
            selectors.survey_get(scope=who.scope, organization_id=group.pk, survey_id=s.pk)
        with pytest.raises(DomainError):
            selectors.survey_list(scope=who.scope, organization_id=group.pk)


def test_bad_surveys_refused(group, world, unchanged):
    t, c, m, outsider, coordinator = world
    with unchanged("invalid.no_debts"):
        debt_survey_record(membership=m, surveyed_on=date(2025, 3, 1), debts=[], actor=t, idempotency_key="a")
    with unchanged():
        debt_survey_record(membership=m, surveyed_on=date(2025, 3, 1), debts=DEBTS, actor=outsider,
                           idempotency_key="b")
    s = debt_survey_record(membership=m, surveyed_on=date(2025, 3, 1), debts=DEBTS[1:2], actor=t, idempotency_key="c")
    with unchanged("invalid.nothing_to_refinance"):
        refinance_plan_make(survey=s, made_on=date(2025, 3, 2), actor=t, annual_rate=Decimal(12))
    assert DebtSurvey.objects.count() == 1
