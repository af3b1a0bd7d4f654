"""Fixtures for disasters: the claims fund (CLAIM-A, tambon 350101) with households in two villages and
contributions paid up, a flood registered over one village, and the network's sibling fund (CLAIM-C).
Reuses claims_support's fixtures; imported by test_disasters.py and test_web_disasters.py."""

from __future__ import annotations

from datetime import date

import pytest

from kongthun.people.actions import household_create, person_create
from kongthun.welfare.contributions.actions import PaymentLine, collection_record, plan_set
from tests.integration.claims_support import *  # noqa: F403  (the fixtures)
from tests.integration.claims_support import SYSTEM, enrol, national_id

__all__ = ["checker", "checker2", "flood", "fund", "homes", "network", "refused",  # noqa: F405
           "sibling", "sibling_treasurer", "treasurer"]

FLOOD_DAY = date(2025, 10, 12)
VILLAGE, OTHER_VILLAGE = "หมู่ 4 บ้านนาเจริญ", "หมู่ 7 บ้านหัวนา"
THAI = {"red": "แดง", "black": "ดำ", "white": "ขาว", "far": "ไกล"}


def paid_up(fund, members, key: str) -> None:
    """Contributions paid from 2017 on, so the regulation's paid-up clause passes."""
    from kongthun.welfare.contributions.models import ContributionPlan

    if not ContributionPlan.objects.filter(organization=fund).exists():
        plan_set(organization=fund, effective_from=date(2017, 1, 1), actor=SYSTEM, why="มติที่ประชุม")
    collection_record(organization=fund, collected_on=date(2025, 1, 5), actor=SYSTEM, idempotency_key=key,
                      payments=[PaymentLine(m.pk, periods=110) for m in members])


@pytest.fixture
def homes(fund):
    """Three households in VILLAGE (the second with two members), one in OTHER_VILLAGE, and one member
    whose own address (not a household) is in VILLAGE. Returns {name: membership}."""
    out = {}
    for i, (name, village) in enumerate([("red", VILLAGE), ("black", VILLAGE), ("white", VILLAGE),
                                          ("far", OTHER_VILLAGE)]):
        home = household_create(organization=fund, code=f"HH-D{i}", tambon_code=fund.tambon_id, actor=SYSTEM,
                                village=village, house_no=f"{10 + i}/1")
        out[name] = enrol(fund, THAI[name], household=home)
    out["black2"] = enrol(fund, "ดำสอง", household=out["black"].person.household)
    alone = person_create(organization=fund, first_name_th="เดี่ยว", last_name_th="ใจงาม", sex="M", actor=SYSTEM,
                          business_date=date(2025, 1, 1), national_id=national_id(), birth_date=date(1966, 1, 1),
                          tambon_code=fund.tambon_id, village=f" {VILLAGE} ", house_no="99")
    out["alone"] = enrol(fund, "เดี่ยว", person=alone)
    paid_up(fund, list(out.values()), key="disaster-homes")
    return out


@pytest.fixture
def flood(fund, treasurer, homes):
    from kongthun.welfare.disasters.actions import disaster_register

    return disaster_register(organization=fund, kind="flood", name="น้ำท่วมบ้านนาเจริญ ต.ค. 2568",
                             started_on=FLOOD_DAY, ended_on=date(2025, 10, 20), actor=treasurer,
                             area=[(fund.tambon_id, VILLAGE)])
