"""A disaster's claims in one batch (ภัยพิบัติ): every household's claim judged by the regulation, all or
nothing; a refused line names its line and member; the same batch again returns the same claims."""

from __future__ import annotations

from datetime import date

import pytest

from kongthun.people.actions import household_create
from kongthun.welfare.claims.actions import DisasterLine, disaster_claims_submit
from kongthun.welfare.claims.models import Claim
from kongthun.welfare.contributions.actions import PaymentLine, collection_record, plan_set
from kongthun.welfare.contributions.models import ContributionPlan
from tests.integration.claims_support import *  # noqa: F403  (the fixtures)
from tests.integration.claims_support import SYSTEM, enrol

pytestmark = pytest.mark.django_db
FLOOD = date(2025, 10, 12)


def _paid_up(fund, members) -> None:
    """Contributions paid from joining (2017) to the end of 2025, so the paid-up clause passes."""
    if not ContributionPlan.objects.filter(organization=fund).exists():
        plan_set(organization=fund, effective_from=date(2017, 1, 1), actor=SYSTEM, why="มติที่ประชุม")
    collection_record(organization=fund, collected_on=date(2025, 1, 5), actor=SYSTEM,
                      idempotency_key=f"paid-{members[0].pk}", payments=[PaymentLine(m.pk, periods=110)
                                                                         for m in members])


def _households(fund, n: int):
    out = []
    for i in range(n):
        home = household_create(organization=fund, code=f"HH-{i}", tambon_code=fund.tambon_id, actor=SYSTEM)
        out.append(enrol(fund, f"บ้าน{i}", household=home))
    _paid_up(fund, out)
    return out


def test_a_flood_batch_is_judged_line_by_line(fund, treasurer):
    members = _households(fund, 3)
    lines = [DisasterLine(members[0].pk, 150000, "บ้านน้ำท่วม"), DisasterLine(members[1].pk, 350000, "ยุ้งข้าว"),
             DisasterLine(members[2].pk, 80000)]
    claims = disaster_claims_submit(organization=fund, event_ref="น้ำท่วม ต.ค. 2568", event_date=FLOOD,
                                    lines=lines, actor=treasurer, evidence=["ภาพถ่ายความเสียหาย"])
    assert [c.amount for c in claims] == [150000, 200000, 80000]  # the second is reduced to the 2,000 cap
    assert [c.outcome for c in claims] == ["pay", "reduce", "pay"]
    assert all(c.status == "submitted" and c.event_ref == "น้ำท่วม ต.ค. 2568" for c in claims)
    assert claims[0].facts == {"damage": "บ้านน้ำท่วม"}
    again = disaster_claims_submit(organization=fund, event_ref="น้ำท่วม ต.ค. 2568", event_date=FLOOD,
                                   lines=lines, actor=treasurer)
    assert [c.pk for c in again] == [c.pk for c in claims] and Claim.objects.count() == 3


def test_one_bad_line_refuses_the_batch_with_its_line(fund, treasurer, refused):
    members = _households(fund, 2)
    same_home = enrol(fund, "ภรรยา", household=members[0].person.household)
    _paid_up(fund, [same_home])
    with refused() as err:
        disaster_claims_submit(organization=fund, event_ref="ไฟไหม้", event_date=FLOOD, actor=treasurer,
                               lines=[DisasterLine(members[0].pk, 100000), DisasterLine(members[1].pk, 100000),
                                      DisasterLine(same_home.pk, 100000)])
    assert err.value.message_th.startswith("บรรทัดที่ 3") and same_home.member_no in err.value.message_th
    assert err.value.message_en.startswith("Line 3") and err.value.where == "lines[3]"
    with refused("invalid.event_ref"):
        disaster_claims_submit(organization=fund, event_ref=" ", event_date=FLOOD, actor=treasurer,
                               lines=[DisasterLine(members[0].pk, 100000)])


def test_another_funds_treasurer_cannot_submit(fund, sibling_treasurer, refused):
    members = _households(fund, 1)
    with refused("forbidden.scope"):
        disaster_claims_submit(organization=fund, event_ref="พายุ", event_date=FLOOD, actor=sibling_treasurer,
                               lines=[DisasterLine(members[0].pk, 100000)])


def test_the_treasurer_submits_a_village_batch_from_the_web(client, fund, treasurer, make_user):
    from django.contrib.auth import get_user_model
    from django.urls import reverse

    from kongthun.people.models import Person
    from tests.conftest import PASSWORD
    from tests.integration.test_web_contributions import text
    from tests.integration.test_web_pages import compile_translations

    compile_translations()
    members = _households(fund, 3)
    Person.objects.filter(pk__in=[m.person_id for m in members]).update(village="หมู่ 4")
    user = get_user_model().objects.get(pk=treasurer.user_id)
    assert client.login(username=user.username, password=PASSWORD)
    url = reverse("web:claim_disaster", args=[fund.pk])
    page = text(client.get(url, {"village": "หมู่ 4"}))
    assert all(m.member_no in page for m in members) and "หนึ่งคนต่อครัวเรือน" in page
    bad = client.post(url, {"village": "หมู่ 4", "event_ref": "น้ำท่วม", "event_date": "2025-10-12",
                            f"claimed-{members[0].pk}": "-5"})
    assert bad.status_code == 422 and Claim.objects.count() == 0
    done = client.post(url, {"village": "หมู่ 4", "event_ref": "น้ำท่วม", "event_date": "2025-10-12",
                             f"claimed-{members[0].pk}": "1,500", f"claimed-{members[2].pk}": "๘๐๐",
                             f"damage-{members[0].pk}": "หลังคา"}, follow=True)
    assert sorted(Claim.objects.values_list("membership_id", "amount")) == [(members[0].pk, 150000),
                                                                            (members[2].pk, 80000)]
    assert "ยื่นคำขอภัยพิบัติแล้ว 2 ราย" in text(done)
