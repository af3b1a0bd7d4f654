"""Disaster pages through the Django client: register an event by ticking villages, tick the households
hit and submit, approve all (committee), pay all (treasurer), a sibling fund sends relief from the
network's list and the affected fund confirms it; the sibling never sees a member."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from kongthun.ledger.models import Account
from kongthun.welfare.claims.models import Claim
from kongthun.welfare.disasters.models import DisasterEvent, DisasterRelief
from tests.conftest import PASSWORD
from tests.integration.disaster_support import *  # noqa: F403  (the fixtures)
from tests.integration.disaster_support import VILLAGE
from tests.integration.test_web_pages import compile_translations

pytestmark = pytest.mark.django_db


@pytest.fixture
def login(client):
    compile_translations()

    def as_(actor):
        client.logout()
        assert client.login(username=get_user_model().objects.get(pk=actor.user_id).username, password=PASSWORD)
        return client

    return as_


def page(response) -> str:
    return response.content.decode()


def balance(org, code: str) -> int:
    return Account.objects.filter(organization=org, code=code).values_list("balance", flat=True).first() or 0


def test_register_tick_submit_approve_pay(login, fund, homes, treasurer, checker):
    client = login(treasurer)
    listing = page(client.get(reverse("web:disaster_list", args=[fund.pk])))
    assert "ภัยพิบัติ" in listing and "บันทึกเหตุภัยพิบัติ" in listing
    form = page(client.get(reverse("web:disaster_new", args=[fund.pk])))
    assert VILLAGE in form and "อุทกภัย (น้ำท่วม)" in form  # the fund's villages to tick, kinds in Thai
    bad = client.post(reverse("web:disaster_new", args=[fund.pk]), {"kind": "flood", "name": "น้ำท่วม",
                                                                     "started_on": "2025-10-12"})
    assert bad.status_code == 422 and "พื้นที่" in page(bad) and DisasterEvent.objects.count() == 0
    done = client.post(reverse("web:disaster_new", args=[fund.pk]), {
        "kind": "flood", "name": "น้ำท่วมบ้านนาเจริญ", "started_on": "2025-10-12", "ended_on": "2025-10-20",
        "village": [VILLAGE]})
    event = DisasterEvent.objects.get()
    assert done.status_code == 302 and done["Location"] == reverse("web:disaster_detail", args=[fund.pk, event.pk])
    detail = page(client.get(done["Location"]))
    assert homes["red"].member_no in detail and homes["far"].member_no not in detail
    assert homes["red"].person.masked_id in detail and homes["red"].person.national_id not in detail
    submit = reverse("web:disaster_submit", args=[fund.pk, event.pk])
    red, black = homes["red"].pk, homes["black"].pk
    refused = client.post(submit, {f"hit-{red}": "1", f"claimed-{red}": "-5", f"hit-{black}": "1",
                                   f"claimed-{black}": "900", "on": "2025-10-21"})
    assert refused.status_code == 422 and Claim.objects.count() == 0
    assert 'value="900"' in page(refused)  # what was typed comes back
    ok = client.post(submit, {f"hit-{red}": "1", f"claimed-{red}": "1,500", f"damage-{red}": "หลังคา",
                              f"hit-{black}": "1", f"claimed-{black}": "๙๐๐", f"claimed-{homes['white'].pk}": "700",
                              "on": "2025-10-21"}, follow=True)
    assert sorted(Claim.objects.values_list("membership_id", "amount")) == [(red, 150000), (black, 90000)]
    assert "ยื่นคำขอภัยพิบัติแล้ว 2 ราย" in page(ok)
    approve = reverse("web:disaster_approve", args=[fund.pk, event.pk])
    assert client.post(approve, {"on": "2025-10-22"}).status_code == 403  # the treasurer does not decide
    client = login(checker)
    assert "อนุมัติคำขอที่รอทั้งหมด" in page(client.get(reverse("web:disaster_detail", args=[fund.pk, event.pk])))
    assert client.post(approve, {"on": "2025-10-22", "reason": "มติกรรมการ"}).status_code == 302
    assert set(Claim.objects.values_list("status", flat=True)) == {"approved"}
    client = login(treasurer)
    pay = reverse("web:disaster_pay", args=[fund.pk, event.pk])
    paid = client.post(pay, {"on": "2025-10-23", "account": "1101"}, follow=True)
    assert set(Claim.objects.values_list("status", flat=True)) == {"paid"} and balance(fund, "5105") == 240000
    assert "จ่ายทั้งชุดแล้ว 2 ราย" in page(paid)
    assert client.post(pay, {"on": "2025-10-23", "account": "1101"}).status_code == 302
    assert balance(fund, "5105") == 240000  # paying twice pays once


def test_a_sibling_sends_relief_and_the_fund_confirms(login, fund, homes, flood, treasurer, sibling,
                                                      sibling_treasurer):
    client = login(sibling_treasurer)
    send = reverse("web:relief_send", args=[sibling.pk])
    form = page(client.get(send))
    assert flood.name in form and fund.name_th in form
    assert not any(m.person.first_name_th in form or m.member_no in form for m in homes.values())
    assert client.get(reverse("web:disaster_detail", args=[fund.pk, flood.pk])).status_code in (403, 404)
    bad = client.post(send, {"event": flood.pk, "kind": "money", "amount": "", "sent_on": "2025-10-15", "key": "w1"})
    assert bad.status_code == 422 and DisasterRelief.objects.count() == 0
    money = client.post(send, {"event": flood.pk, "kind": "money", "amount": "2,500", "account": "1101",
                               "sent_on": "2025-10-15", "key": "w2"})
    assert money.status_code == 302 and balance(sibling, "5108") == 250000
    again = client.post(send, {"event": flood.pk, "kind": "money", "amount": "2,500", "account": "1101",
                               "sent_on": "2025-10-15", "key": "w2"})
    assert again.status_code == 302 and DisasterRelief.objects.count() == 1  # a double click records once
    goods = client.post(send, {"event": flood.pk, "kind": "goods", "description": "ถุงยังชีพ", "quantity": "30 ถุง",
                               "estimated_value": "9,000", "sent_on": "2025-10-15", "key": "w3"})
    assert goods.status_code == 302
    sent_list = page(client.get(reverse("web:disaster_list", args=[sibling.pk])))
    assert "ถุงยังชีพ" in sent_list and "2,500.00" in sent_list
    client = login(treasurer)
    detail = page(client.get(reverse("web:disaster_detail", args=[fund.pk, flood.pk])))
    assert sibling.name_th in detail and "ยืนยันว่าได้รับแล้ว" in detail
    relief = DisasterRelief.objects.get(kind="money")
    got = client.post(reverse("web:relief_receive", args=[fund.pk, relief.pk]), {"on": "2025-10-16",
                                                                                 "account": "1101"})
    assert got.status_code == 302 and balance(fund, "4302") == -250000
    other = reverse("web:relief_receive", args=[sibling.pk, relief.pk])
    assert client.post(other, {"on": "2025-10-16"}).status_code in (403, 404)
