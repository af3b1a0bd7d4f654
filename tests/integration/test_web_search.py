"""The forgiving member search on the member list (htmx live results) and the collection sheets' picker:
names without tone marks or with extra spaces, Thai digits, national IDs with dashes; always within the
reader's own fund, IDs masked."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from kongthun.access.domain import Role
from kongthun.people.selectors import membership_list
from tests.integration.claims_support import *  # noqa: F403  (the fixtures)
from tests.integration.test_web_pages import login


@pytest.fixture
def people(fund_a, fund_b, make_member):
    return {
        "somsri": make_member(fund_a, first="สมศรี", last="น้ำใจดี"),
        "somchai": make_member(fund_a, first="สมชาย", last="ใจดี"),
        "other": make_member(fund_a, first="มานี", last="มีนา"),
        "b_somsri": make_member(fund_b, first="สมศรี", last="น้ำใจดี"),
    }


def dashed(nid: str) -> str:
    return f"{nid[0]}-{nid[1:5]}-{nid[5:10]}-{nid[10:12]}-{nid[12]}"


def thai(text: str) -> str:
    return "".join("๐๑๒๓๔๕๖๗๘๙"[int(c)] if c.isdigit() else c for c in text)


def found(client, org, q: str, *, htmx: bool = True) -> str:
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    response = client.get(reverse("web:member_list", args=[org.pk]), {"q": q}, **headers)
    assert response.status_code == 200
    return response.content.decode()


def test_selector_forgives_tone_marks_spaces_thai_digits_and_dashes(fund_a, actor_a, people):
    scope = actor_a.scope

    def pks(q):
        return {m.pk for m in membership_list(scope=scope, organization_id=fund_a.pk, q=q)}

    somsri, somchai = people["somsri"], people["somchai"]
    assert pks("นำใจดี") == {somsri.pk}  # น้ำ typed without its tone mark
    assert pks("  สมศรี    น้ำใจดี ") == {somsri.pk}
    assert pks("ใจดี") == {somsri.pk, somchai.pk}
    assert pks(thai(somchai.member_no)) >= {somchai.pk}
    assert pks(dashed(somsri.person.national_id)) == {somsri.pk}
    assert pks(thai(dashed(somchai.person.national_id))) == {somchai.pk}
    assert pks(somsri.person.national_id[:8]) == set()  # part of an ID finds no one
    assert pks("สมศรี มีนา") == set()  # every word must match


def test_live_results_are_the_table_only_and_ids_are_masked(client, treasurer_a, fund_a, people):
    login(client, treasurer_a)
    somsri = people["somsri"]
    html = found(client, fund_a, dashed(somsri.person.national_id))
    assert "<html" not in html  # htmx swaps the table, not the page
    assert "สมศรี" in html and "สมชาย" not in html
    nid = somsri.person.national_id
    assert nid not in html and dashed(nid) not in html
    assert somsri.person.masked_id in html
    page = found(client, fund_a, "นำใจ", htmx=False)
    assert "<html" in page and 'hx-get="' in page and 'value="นำใจ"' in page  # works without JS too


def test_a_treasurer_never_finds_another_funds_member(client, treasurer_a, fund_a, fund_b, people):
    login(client, treasurer_a)
    b_member = people["b_somsri"]
    html = found(client, fund_a, "สมศรี")
    assert f"/members/{b_member.pk}/" not in html
    assert "/members/" not in found(client, fund_a, dashed(b_member.person.national_id))
    for url in (reverse("web:member_list", args=[fund_b.pk]), reverse("web:member_pick", args=[fund_b.pk])):
        assert client.get(url, {"q": "สมศรี"}).status_code in (403, 404)


def test_a_member_or_coordinator_cannot_search(client, make_user, fund_a, people):
    coordinator = make_user("coord", Role.COORDINATOR, area=("province", "35"))
    login(client, coordinator)
    assert client.get(reverse("web:member_pick", args=[fund_a.pk]), {"q": "สม"}).status_code in (403, 404)
    assert client.get(reverse("web:member_list", args=[fund_a.pk]), {"q": "สม"}).status_code in (403, 404)


def test_the_picker_points_at_the_members_box_on_the_sheet(client, treasurer_a, fund_a, people):
    login(client, treasurer_a)
    url = reverse("web:member_pick", args=[fund_a.pk])
    html = client.get(url, {"q": "สมชาย ใจด", "target": "s"}).content.decode()
    assert re.findall(r'<label for="(s\d+)"', html) == [f"s{people['somchai'].pk}"]
    html = client.get(url, {"q": "ใจดี", "target": "<script>"}).content.decode()
    assert sorted(re.findall(r'<label for="(p\d+)"', html)) == sorted(
        f"p{people[k].pk}" for k in ("somsri", "somchai"))
    assert "<script>" not in html
    assert "<label" not in client.get(url, {"q": ""}).content.decode()
    assert "<label" not in client.get(url, {"q": "ไม่มีใคร"}).content.decode()


def test_the_collection_sheet_carries_the_picker(client, treasurer_a, fund_a, people):
    login(client, treasurer_a)
    html = client.get(reverse("web:collection_new", args=[fund_a.pk])).content.decode()
    assert 'id="pick-q"' in html and reverse("web:member_pick", args=[fund_a.pk]) in html
    # each member found has a box with the id the picker's labels point at
    assert f'id="p{people["somsri"].pk}"' in html


def test_inline_member_number_check_on_the_claim_and_loan_forms(client, treasurer_a, fund_a, fund_b, people):
    login(client, treasurer_a)
    url = reverse("web:member_check", args=[fund_a.pk])
    somchai = people["somchai"]
    html = client.get(url, {"member_no": f" {thai(somchai.member_no)} "}).content.decode()
    assert "✓" in html and "สมชาย ใจดี" in html and somchai.member_no in html
    html = client.get(url, {"member_no": "99999"}).content.decode()
    assert 'role="alert"' in html and "99999" in html and "✓" not in html
    assert client.get(url, {"member_no": ""}).content.decode().strip() == ""
    # fund B's member 00001 exists, but a search in fund A answers with fund A's own 00001 only
    html = client.get(url, {"member_no": people["b_somsri"].member_no}).content.decode()
    assert "สมศรี" in html and people["somsri"].member_no == people["b_somsri"].member_no
    assert client.get(reverse("web:member_check", args=[fund_b.pk]), {"member_no": "1"}).status_code in (403, 404)


def test_the_claim_form_checks_the_number_as_it_is_typed(client, fund, treasurer):
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(username="claims_treasurer"))
    html = client.get(reverse("web:claim_new", args=[fund.pk])).content.decode()
    assert reverse("web:member_check", args=[fund.pk]) in html and 'id="member_no-check"' in html
