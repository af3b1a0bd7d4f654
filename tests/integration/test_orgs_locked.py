"""An organization's row locked for a writer, refused unless it is the kind the books belong to: a savings
group keeps no disaster events or contribution plan, a welfare fund lends nothing."""

from __future__ import annotations

from datetime import date

import pytest

from kongthun.errors import DomainError
from kongthun.orgs.actions import organization_locked
from kongthun.orgs.domain import OrgKind
from kongthun.orgs.models import Organization
from kongthun.savings.loans.actions import savings_group_locked
from kongthun.welfare.contributions.actions import plan_set
from kongthun.welfare.disasters.actions import disaster_register
from tests.conftest import SYSTEM

pytestmark = pytest.mark.django_db


def test_the_wrong_kind_is_refused_with_the_callers_words(fund_a, make_org):
    group = make_org("SG-LOCK", kind="savings_group")
    assert organization_locked(fund_a, {OrgKind.WELFARE_FUND}, "th", "en") == fund_a
    with pytest.raises(DomainError) as refused:
        organization_locked(group, {OrgKind.WELFARE_FUND}, "เฉพาะกองทุน", "Funds only")
    assert (refused.value.code, refused.value.message_th, refused.value.message_en, refused.value.where) == (
        "invalid.org_kind", "เฉพาะกองทุน", "Funds only", "organization")
    with pytest.raises(DomainError, match="Disaster events belong to a community welfare fund"):
        disaster_register(organization=group, kind="flood", name="น้ำท่วม", started_on=date(2025, 10, 1),
                          actor=SYSTEM, area=[(group.tambon_id, "")])
    with pytest.raises(DomainError, match="A contribution plan belongs to a community welfare fund"):
        plan_set(organization=group, effective_from=date(2025, 1, 1), actor=SYSTEM, why="x")
    with pytest.raises(DomainError, match="Loans belong to a savings group"):
        savings_group_locked(fund_a)
    assert Organization.objects.get(pk=group.pk).kind == OrgKind.SAVINGS_GROUP
