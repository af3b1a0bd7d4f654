"""The offline collection day's server side: the sync endpoint records one queued payment per request,
once per Idempotency-Key (a retry gets the same receipt and writes nothing; the same key with another
body is refused with 422); bad input and another fund's treasurer are refused in JSON, Thai and English,
with nothing written; CSRF applies. The manifest, the icons and /sw.js are served with the right types
and the service worker's root scope; the collection screen carries what its queue needs."""

from __future__ import annotations

import json
from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from kongthun.access.domain import Role
from kongthun.ledger.models import JournalLine
from kongthun.welfare.contributions.actions import plan_set
from kongthun.welfare.contributions.models import Receipt
from tests.conftest import PASSWORD, SYSTEM
from tests.integration.test_web_contributions import written
from tests.integration.test_web_pages import compile_translations

DAY = "2025-01-10"


@pytest.fixture(autouse=True, scope="module")
def _translations():
    compile_translations()


@pytest.fixture
def fund(fund_a):
    plan_set(organization=fund_a, effective_from=date(2024, 1, 1), actor=SYSTEM, why="มติที่ประชุม")  # 30 baht/month
    return fund_a


@pytest.fixture
def member(fund, make_member):
    return make_member(fund, first="มาลี", last="ทดสอบ", joined=date(2025, 1, 1))


@pytest.fixture
def treasurer(client, treasurer_a):
    assert client.login(username=treasurer_a.username, password=PASSWORD)
    return client


def send(client, org, body, key="offline-k1", **extra):
    headers = {"HTTP_IDEMPOTENCY_KEY": key} if key is not None else {}
    return client.post(reverse("web:collection_sync", args=[org.pk]), data=json.dumps(body),
                       content_type="application/json", **headers, **extra)


def cash_lines(org) -> list[tuple[str, int]]:
    """Cash and contributions lines of the fund's books, in entry order (+ debit, - credit)."""
    return list(JournalLine.objects.filter(entry__organization=org, account__code__in=("1101", "4101"))
                .order_by("entry__number", "account__code").values_list("account__code", "amount"))


def test_first_call_records_one_receipt_and_one_balanced_entry(treasurer, fund, member):
    before = written()
    response = send(treasurer, fund, {"date": DAY, "membership_id": member.pk, "periods": 2})
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["ok"] and not data["replayed"]
    receipt = Receipt.objects.get(pk=data["receipt"]["id"])
    assert data["receipt"]["number"] == receipt.number == "2568/000001"
    assert receipt.membership == member and receipt.amount == 6000 and receipt.issued_on == date(2025, 1, 10)
    assert data["receipt"]["amount_text"] == "60.00 บาท" and data["receipt"]["member_no"] == member.member_no
    after = written()
    assert after["receipts"] == before["receipts"] + 1 and after["entries"] == before["entries"] + 1
    assert cash_lines(fund) == [("1101", 6000), ("4101", -6000)]
    assert member.member_no in receipt.entry.memo


def test_a_retry_with_the_same_key_returns_the_same_receipt_and_writes_nothing(treasurer, fund, member):
    body = {"date": DAY, "membership_id": member.pk, "periods": 1}
    first = send(treasurer, fund, body)
    assert first.status_code == 201
    after = written()
    again = send(treasurer, fund, body)
    assert again.status_code == 200
    assert again.json()["replayed"] is True
    assert again.json()["receipt"] == first.json()["receipt"]
    assert written() == after and cash_lines(fund) == [("1101", 3000), ("4101", -3000)]
    other = send(treasurer, fund, body, key="offline-k2")  # another key is another payment
    assert other.status_code == 201 and other.json()["receipt"]["number"] == "2568/000002"


def test_the_same_key_with_another_body_is_refused_with_422(treasurer, fund, member):
    assert send(treasurer, fund, {"date": DAY, "membership_id": member.pk, "periods": 1}).status_code == 201
    after = written()
    response = send(treasurer, fund, {"date": DAY, "membership_id": member.pk, "periods": 3})
    assert response.status_code == 422
    data = response.json()
    assert data["code"] == "conflict.idempotency_mismatch" and not data["ok"]
    assert "รหัสป้องกันการส่งซ้ำ" in data["message_th"] and "idempotency key" in data["message_en"]
    assert written() == after


@pytest.mark.parametrize("body, code, thai, english", [
    ({"amount": "45.00"}, "invalid.amount_not_whole_periods", "ไม่เต็มงวด", "not a whole number"),
    ({"amount": "สิบบาท"}, "invalid.amount", "จำนวนเงิน", "amount"),
    ({"periods": 0}, "invalid.periods", "จำนวนงวดต้องเป็นจำนวนเต็มที่มากกว่าศูนย์", "above zero"),
    ({"periods": "สอง"}, "invalid.periods", "จำนวนงวดต้องเป็นจำนวนเต็ม", "whole number"),
    ({"periods": 1, "amount": "30"}, "invalid.payment", "อย่างใดอย่างหนึ่ง", "either"),
])
def test_a_bad_amount_is_refused_with_its_message_and_writes_nothing(treasurer, fund, member, body, code, thai,
                                                                     english):
    before = written()
    response = send(treasurer, fund, {"date": DAY, "membership_id": member.pk, **body})
    assert response.status_code == 422, response.content
    data = response.json()
    assert data["code"] == code and not data["ok"]
    assert thai in data["message_th"] and english in data["message_en"]
    assert written() == before


def test_an_amount_in_baht_that_is_whole_periods_is_recorded(treasurer, fund, member):
    response = send(treasurer, fund, {"date": DAY, "membership_id": member.pk, "amount": "๙๐.00"})
    assert response.status_code == 201
    assert response.json()["receipt"]["periods"] == 3 and response.json()["receipt"]["amount"] == 9000


def test_no_key_bad_json_and_a_dead_member_are_refused(treasurer, fund, member):
    from kongthun.people.actions import membership_status_change

    before = written()
    response = send(treasurer, fund, {"date": DAY, "membership_id": member.pk, "periods": 1}, key=None)
    assert response.status_code == 422 and response.json()["code"] == "invalid.idempotency_key"
    response = treasurer.post(reverse("web:collection_sync", args=[fund.pk]), data="{not json",
                              content_type="application/json", HTTP_IDEMPOTENCY_KEY="offline-j")
    assert response.status_code == 422 and response.json()["code"] == "invalid.json"
    assert send(treasurer, fund, {"date": "10/01/2025", "membership_id": member.pk, "periods": 1}).status_code == 422
    assert written() == before
    membership_status_change(membership=member, status="deceased", on=date(2025, 1, 5), actor=SYSTEM, why="เสียชีวิต")
    before = written()
    response = send(treasurer, fund, {"date": DAY, "membership_id": member.pk, "periods": 1}, key="offline-d")
    assert response.status_code == 409
    assert f"สมาชิกเลขที่ {member.member_no} มีสถานะเสียชีวิต" in response.json()["message_th"]
    assert "deceased" in response.json()["message_en"]
    assert written() == before


def test_another_funds_treasurer_is_refused_and_nothing_is_written(client, fund, member, fund_b, make_user,
                                                                   make_member):
    other = make_user("treasurer_other", Role.TREASURER, fund_b)
    plan_set(organization=fund_b, effective_from=date(2024, 1, 1), actor=SYSTEM, why="มติที่ประชุม")
    assert client.login(username=other.username, password=PASSWORD)
    before = written()
    response = send(client, fund, {"date": DAY, "membership_id": member.pk, "periods": 1})
    assert response.status_code in (403, 404)
    assert response.json()["code"].startswith(("not_found", "forbidden"))
    # fund A's member sent to the other treasurer's own fund: not found there
    response = send(client, fund_b, {"date": DAY, "membership_id": member.pk, "periods": 1})
    assert response.status_code == 404 and response.json()["code"] == "not_found.membership"
    assert written() == before


def test_the_committee_and_a_stranger_cannot_sync(client, committee_a, fund, member):
    from django.contrib.auth import get_user_model

    before = written()
    response = send(client, fund, {"date": DAY, "membership_id": member.pk, "periods": 1})
    assert response.status_code == 401 and response.json()["code"] == "forbidden.login"  # JSON, no redirect
    assert client.login(username=get_user_model().objects.get(pk=committee_a.user_id).username, password=PASSWORD)
    response = send(client, fund, {"date": DAY, "membership_id": member.pk, "periods": 1})
    assert response.status_code == 403 and response.json()["code"].startswith("forbidden")
    assert written() == before


def test_csrf_is_required_and_the_pages_token_is_accepted(treasurer_a, fund, member):
    client = Client(enforce_csrf_checks=True)
    assert client.login(username=treasurer_a.username, password=PASSWORD)
    before = written()
    body = {"date": DAY, "membership_id": member.pk, "periods": 1}
    assert send(client, fund, body).status_code == 403  # no token: Django's CSRF refusal
    assert written() == before
    page = client.get(reverse("web:collection_new", args=[fund.pk])).content.decode()
    token = page.split('name="csrfmiddlewaretoken" value="', 1)[1].split('"', 1)[0]
    response = send(client, fund, body, HTTP_X_CSRFTOKEN=token)
    assert response.status_code == 201


def test_get_is_not_allowed_but_only_after_the_scope(treasurer, fund, fund_b):
    assert treasurer.get(reverse("web:collection_sync", args=[fund.pk])).status_code == 405
    assert treasurer.get(reverse("web:collection_sync", args=[fund_b.pk])).status_code == 404


# --- the installable app ------------------------------------------------------------------------------


def test_the_manifest_is_thai_first_with_icons(client):
    response = client.get("/manifest.webmanifest")
    assert response.status_code == 200 and response["Content-Type"] == "application/manifest+json"
    data = json.loads(response.content)
    assert data["short_name"] == "กองทุน" and data["lang"] == "th" and data["start_url"] == "/"
    assert data["scope"] == "/" and data["display"] == "standalone"
    sizes = {i["sizes"]: i for i in data["icons"]}
    assert {"192x192", "512x512", "any"} <= set(sizes)
    for size in (192, 512):
        png = client.get(sizes[f"{size}x{size}"]["src"])
        assert png.status_code == 200 and png["Content-Type"] == "image/png"
        from io import BytesIO

        from PIL import Image

        assert Image.open(BytesIO(png.content)).size == (size, size)
    assert client.post("/manifest.webmanifest").status_code == 405


def test_the_service_worker_is_served_from_the_root_with_its_scope(client):
    response = client.get("/sw.js")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    assert response["Service-Worker-Allowed"] == "/" and "no-cache" in response["Cache-Control"]
    body = response.content.decode()
    assert "/static/web/collection-queue.js" in body and "/static/vendor/pico/pico.min.css" in body
    assert "{{" not in body and "{%" not in body
    assert client.post("/sw.js").status_code == 405


def test_every_page_links_the_manifest_and_the_collection_screen_carries_its_queue(treasurer, fund, member):
    body = treasurer.get(reverse("web:collection_new", args=[fund.pk])).content.decode()
    assert 'rel="manifest" href="/manifest.webmanifest"' in body and "/static/web/offline.js" in body
    assert f'data-sync="{reverse("web:collection_sync", args=[fund.pk])}"' in body
    assert f'data-member="{member.pk}" data-no="{member.member_no}"' in body
    assert "รายการรับเงินที่เก็บไว้ในเครื่องนี้" in body and "/static/web/collection-queue.js" in body
    assert "ไม่มีสัญญาณ" in body  # the offline banner, hidden until the connection drops
