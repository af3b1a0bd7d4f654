"""The REST API: token auth, scoping like the web app, pagination, Idempotency-Key, batches all or
nothing, and refusals as problem+json in Thai and English."""

from __future__ import annotations

import json
import re
from datetime import date

import pytest

from kongthun.access.models import ApiIdempotency, ApiToken
from kongthun.access.tokens import token_issue, token_revoke
from kongthun.welfare.contributions.actions import plan_set
from kongthun.welfare.contributions.models import Collection, Receipt
from tests.conftest import SYSTEM
from tests.integration.claims_support import *  # noqa: F403  (the fixtures)
from tests.integration.claims_support import enrol
from tests.integration.loans_support import group as group  # the fixture
from tests.integration.loans_support import running

DAY = date(2025, 1, 5)


@pytest.fixture
def token_a(treasurer_a):
    return token_issue(user=treasurer_a, name="test", actor=SYSTEM)[1]


@pytest.fixture
def api(client, token_a):
    def call(method, path, body=None, key=None, token=token_a):
        headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}
        if key:
            headers["HTTP_IDEMPOTENCY_KEY"] = key
        data = json.dumps(body) if body is not None else None
        kwargs = {"data": data, "content_type": "application/json"} if data is not None else {}
        return getattr(client, method)(f"/api{path}", **kwargs, **headers)

    return call


@pytest.fixture
def planned(fund_a):
    plan_set(organization=fund_a, effective_from=date(2017, 1, 1), actor=SYSTEM, why="มติที่ประชุม")
    return fund_a


def problem_of(response, status: int, code: str | None = None) -> dict:
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    for name in ("type", "title", "status", "detail", "code", "message_th", "message_en", "where"):
        assert name in body, name
    assert body["status"] == status
    assert any("\u0e00" <= ch <= "\u0e7f" for ch in body["message_th"]), body  # Thai script
    if code:
        assert body["code"] == code, body
    return body


def test_no_token_and_a_wrong_token_are_refused(api, fund_a):
    problem_of(api("get", "/organizations", token=None), 401, "unauthorized.token")
    problem_of(api("get", "/organizations", token="kt_nope"), 401)


def test_a_revoked_token_is_refused(api, token_a, fund_a):
    assert api("get", "/organizations").status_code == 200
    row = ApiToken.objects.get()
    assert row.last_used_at is not None and row.token_hash != token_a
    token_revoke(token=row, actor=SYSTEM, why="lost")
    problem_of(api("get", "/organizations"), 401)


def test_organizations_are_scoped_and_another_orgs_ids_are_not_found(api, fund_a, fund_b, make_member):
    body = api("get", "/organizations").json()
    assert [o["code"] for o in body["items"]] == ["FUND-A"] and body["count"] == 1
    assert api("get", f"/organizations/{fund_a.pk}").json()["code"] == "FUND-A"
    member_b = make_member(fund_b)
    problem_of(api("get", f"/organizations/{fund_b.pk}"), 404, "not_found.organization")
    problem_of(api("get", f"/organizations/{fund_b.pk}/members"), 404)
    problem_of(api("get", f"/organizations/{fund_a.pk}/members/{member_b.pk}"), 404, "not_found.membership")
    problem_of(api("get", f"/organizations/{fund_b.pk}/members/{member_b.pk}"), 404)


def test_members_are_paginated_searched_filtered_and_masked(api, fund_a, make_member):
    for i in range(53):
        make_member(fund_a, first=f"ชื่อ{i:02d}")
    first = api("get", f"/organizations/{fund_a.pk}/members").json()
    second = api("get", f"/organizations/{fund_a.pk}/members?page=2").json()
    assert first["count"] == 53 and len(first["items"]) == 50 and len(second["items"]) == 3
    assert {m["id"] for m in first["items"]}.isdisjoint({m["id"] for m in second["items"]})
    one = first["items"][0]
    assert "national_id" not in one and "x" in one["national_id_masked"].lower()
    found = api("get", f"/organizations/{fund_a.pk}/members?q=ชื่อ07").json()
    assert [m["name_th"] for m in found["items"]] == ["ชื่อ07 ใจดี"]
    assert api("get", f"/organizations/{fund_a.pk}/members?status=lapsed").json()["count"] == 0
    problem_of(api("get", f"/organizations/{fund_a.pk}/members?status=gone"), 422, "invalid.choice")
    assert api("get", f"/organizations/{fund_a.pk}/members/{one['id']}").json() == one


def _counts():
    return Collection.objects.count(), Receipt.objects.count(), ApiIdempotency.objects.count()


def test_a_contribution_replayed_with_the_same_key_is_written_once(api, planned, make_member):
    m = make_member(planned)
    body = {"collected_on": DAY.isoformat(), "membership_id": m.pk, "amount_satang": 3000}
    first = api("post", f"/organizations/{planned.pk}/contributions", body, key="k-1")
    assert first.status_code == 201, first.content
    assert first.json()["receipts"][0]["amount_satang"] == 3000
    again = api("post", f"/organizations/{planned.pk}/contributions", body, key="k-1")
    assert again.status_code == 201 and again.json() == first.json() and again["Idempotent-Replayed"] == "true"
    assert _counts() == (1, 1, 1)
    other = api("post", f"/organizations/{planned.pk}/contributions", {**body, "amount_satang": 6000}, key="k-1")
    problem_of(other, 422, "invalid.idempotency_key_reused")
    assert _counts() == (1, 1, 1)
    problem_of(api("post", f"/organizations/{planned.pk}/contributions", body), 422, "invalid.idempotency_key")


def test_a_batch_of_1001_is_refused_and_writes_nothing(api, planned, make_member):
    m = make_member(planned)
    payments = [{"membership_id": m.pk, "amount_satang": 3000}] * 1001
    response = api("post", f"/organizations/{planned.pk}/contributions/batch",
                   {"collected_on": DAY.isoformat(), "payments": payments}, key="big")
    assert "1,000" in problem_of(response, 422, "invalid.batch_too_large")["message_en"]
    assert _counts() == (0, 0, 0)


def test_a_batch_with_one_bad_item_writes_nothing_and_names_it(api, planned, fund_b, make_member):
    good = [make_member(planned) for _ in range(3)]
    stranger = make_member(fund_b)
    payments = [{"membership_id": g.pk, "amount_satang": 3000} for g in good]
    payments.insert(2, {"membership_id": stranger.pk, "amount_satang": 3000})
    url = f"/organizations/{planned.pk}/contributions/batch"
    bad = api("post", url, {"collected_on": DAY.isoformat(), "payments": payments}, key="day-1")
    assert problem_of(bad, 404, "not_found.membership")["where"] == "payments[3]"
    assert _counts() == (0, 0, 0)
    del payments[2]
    ok = api("post", url, {"collected_on": DAY.isoformat(), "payments": payments}, key="day-1")
    assert ok.status_code == 201, ok.content
    assert ok.json()["contributions_satang"] == 9000 and _counts() == (1, 3, 1)
    receipts = api("get", f"/organizations/{planned.pk}/receipts?date_from={DAY.isoformat()}").json()
    assert receipts["count"] == 3 and {r["membership_id"] for r in receipts["items"]} == {g.pk for g in good}


def test_another_orgs_contributions_are_refused(api, fund_b, make_member):
    m = make_member(fund_b)
    body = {"collected_on": DAY.isoformat(), "membership_id": m.pk, "amount_satang": 3000}
    problem_of(api("post", f"/organizations/{fund_b.pk}/contributions", body, key="x"), 404)
    problem_of(api("get", f"/organizations/{fund_b.pk}/receipts?date_from=2025-01-01"), 404)
    assert _counts() == (0, 0, 0)


def test_a_bad_body_is_problem_json_naming_the_field(api, planned):
    response = api("post", f"/organizations/{planned.pk}/contributions/batch", {"payments": []}, key="v")
    body = problem_of(response, 422, "invalid.request")
    assert "collected_on" in body["where"]


def test_the_openapi_schema_lists_the_endpoints_and_the_docs_load(client):
    schema = client.get("/api/openapi.json").json()
    assert schema["openapi"].startswith("3.")
    for path in ("/api/organizations", "/api/organizations/{org_id}/members",
                 "/api/organizations/{org_id}/members/{membership_id}",
                 "/api/organizations/{org_id}/contributions/batch", "/api/organizations/{org_id}/receipts",
                 "/api/organizations/{org_id}/claims/{claim_id}/pay",
                 "/api/organizations/{org_id}/loans/repayments/batch",
                 "/api/organizations/{org_id}/savings/collections", "/api/organizations/{org_id}/reports/codi"):
        assert path in schema["paths"], path
    docs = client.get("/api/docs")
    assert docs.status_code == 200
    assert b"cdn" not in docs.content.lower() and b"swagger-ui-bundle.js" in docs.content
    assets = re.findall(r'(?:src|href)="([^"]+)"', docs.content.decode())
    assert assets and all(a.startswith("/static/") for a in assets), assets  # nothing from another site
    for asset in assets:
        assert client.get(asset).status_code == 200, asset


def _token(actor_) -> str:
    from django.contrib.auth import get_user_model

    return token_issue(user=get_user_model().objects.get(pk=actor_.user_id), name="t", actor=SYSTEM)[1]


def test_a_claim_is_submitted_approved_and_paid_through_the_api(api, fund, treasurer, checker, sibling_treasurer,
                                                                 sibling):
    m = enrol(fund, "มานี")
    maker, check = _token(treasurer), _token(checker)
    day = "2025-03-01"
    body = {"membership_id": m.pk, "kind": "childbirth", "event_date": day, "on": day, "paid_up_to": day,
            "evidence": ["สำเนาสูติบัตร"]}
    url = f"/organizations/{fund.pk}/claims"
    submitted = api("post", url, body, key="c-1", token=maker)
    assert submitted.status_code == 201, submitted.content
    claim = submitted.json()
    assert claim["amount_satang"] == 1_000_00 and claim["status"] == "submitted"
    assert api("post", url, body, key="c-1", token=maker).json() == claim  # replayed, not a second claim
    listed = api("get", f"{url}?status=submitted", token=check).json()
    assert [c["id"] for c in listed["items"]] == [claim["id"]]
    own = api("post", f"{url}/{claim['id']}/approve", {"on": day}, token=maker)
    assert problem_of(own, 403)["code"].startswith("forbidden.")
    approved = api("post", f"{url}/{claim['id']}/approve", {"on": day, "reason": "เอกสารครบ"}, token=check)
    assert approved.status_code == 200 and approved.json()["status"] == "approved"
    paid = api("post", f"{url}/{claim['id']}/pay", {"paid_on": "2025-03-10"}, token=maker)
    assert paid.json()["status"] == "paid" and paid.json()["paid_on"] == "2025-03-10"
    other = _token(sibling_treasurer)
    problem_of(api("get", f"{url}/{claim['id']}", token=other), 404)
    problem_of(api("get", f"/organizations/{sibling.pk}/claims/{claim['id']}", token=other), 404)


def test_loans_are_listed_repaid_and_a_bad_batch_writes_nothing(api, group, fund_b):
    from kongthun.savings.loans.models import LoanEvent

    first, second = running(group, member=0, guarantors=(2,)), running(group, member=1, guarantors=(3,))
    token = _token(group.treasurer)
    base = f"/organizations/{group.org.pk}/loans"
    listed = api("get", f"{base}?status=active", token=token).json()
    assert {loan["id"] for loan in listed["items"]} == {first.pk, second.pk}
    one = api("post", f"{base}/{first.pk}/repayments", {"amount_satang": 100_000, "on": "2025-02-15"},
              key="r-1", token=token)
    assert one.status_code == 201, one.content
    paid = one.json()
    assert paid["interest_satang"] + paid["principal_satang"] == 100_000
    assert paid["outstanding_satang"] == 1_000_000 - paid["principal_satang"]
    events = LoanEvent.objects.filter(kind="repay").count()
    batch = {"repayments": [{"loan_id": second.pk, "amount_satang": 50_000, "on": "2025-02-15"},
                            {"loan_id": first.pk, "amount_satang": 99_000_000, "on": "2025-02-15"}]}
    bad = api("post", f"{base}/repayments/batch", batch, key="b-1", token=token)
    assert problem_of(bad, 422)["where"].startswith("repayments[2]")
    assert LoanEvent.objects.filter(kind="repay").count() == events
    batch["repayments"][1]["amount_satang"] = 50_000
    ok = api("post", f"{base}/repayments/batch", batch, key="b-2", token=token)
    assert ok.status_code == 201 and len(ok.json()) == 2
    assert LoanEvent.objects.filter(kind="repay").count() == events + 2
    too_many = {"repayments": [batch["repayments"][0]] * 1001}
    problem_of(api("post", f"{base}/repayments/batch", too_many, key="b-3", token=token), 422,
               "invalid.batch_too_large")
    problem_of(api("get", f"/organizations/{fund_b.pk}/loans", token=token), 404)
    problem_of(api("get", f"{base}/{first.pk}"), 404)  # fund A's treasurer: not this group's books


def test_reports_as_json_count_what_was_collected(api, planned, make_member, fund_b):
    members = [make_member(planned) for _ in range(2)]
    payments = [{"membership_id": m.pk, "amount_satang": 3000} for m in members]
    assert api("post", f"/organizations/{planned.pk}/contributions/batch",
               {"collected_on": DAY.isoformat(), "payments": payments}, key="d").status_code == 201
    year = planned.accounting_year.name_of(DAY)
    annual = api("get", f"/organizations/{planned.pk}/reports/annual?year={year}")
    assert annual.status_code == 200, annual.content
    income = annual.json()["income"]
    assert income["year_name"] == year and sum(line["amount"] for line in income["income"]) == 6000
    codi = api("get", f"/organizations/{planned.pk}/reports/codi?year={year}").json()
    assert codi["year_name"] == year and codi["fund_balance"] == 6000
    problem_of(api("get", f"/organizations/{fund_b.pk}/reports/codi?year={year}"), 404)


def test_savings_collection_and_a_members_balance(api, make_org, make_user, make_member):
    from decimal import Decimal

    from kongthun.access.domain import Role
    from kongthun.audit.actions import Actor
    from kongthun.savings.accounts.actions import policy_set

    grp = make_org("GROUP-A", kind="savings_group", tambon_code="350101", year_kind="calendar")
    policy_set(organization=grp, effective_from=date(2025, 1, 1), actor=SYSTEM, why="ระเบียบกลุ่ม",
               share_price=10_000, max_shares=50, monthly_promise=20_000, missed_month_fine=1_000,
               withdrawal_rule="up_to_percent", withdrawal_percent=50, min_balance=10_000, interest_rate=Decimal(3))
    token = _token(Actor.for_user(make_user("sav_t", Role.TREASURER, grp), "test"))
    m0, m1 = (make_member(grp, joined=date(2024, 12, 1)) for _ in range(2))
    url = f"/organizations/{grp.pk}/savings/collections"
    lines = [{"membership_id": m0.pk, "sajja_satang": 20_000, "shares_satang": 10_000},
             {"membership_id": m1.pk, "sajja_satang": 0, "shares_satang": 0, "pay_fines": False}]
    bad = api("post", url, {"collected_on": "2025-01-05", "lines": lines}, key="s-1", token=token)
    assert problem_of(bad, 422)["where"].startswith("lines[2]")
    lines[1]["sajja_satang"] = 20_000
    ok = api("post", url, {"collected_on": "2025-01-05", "lines": lines}, key="s-1", token=token)
    assert ok.status_code == 201, ok.content
    assert ok.json()["total_satang"] == 50_000
    got = api("get", f"/organizations/{grp.pk}/members/{m0.pk}/savings?on=2025-01-31", token=token).json()
    assert (got["savings_satang"], got["shares_satang"], got["share_units"]) == (20_000, 10_000, 1)
    problem_of(api("get", f"/organizations/{grp.pk}/members/{m0.pk}/savings?on=2025-01-31"), 404)


def test_tokens_from_the_cli_are_audited_and_work_until_revoked(client, treasurer_a, fund_a):
    from typer.testing import CliRunner

    from kongthun.audit.models import AuditEvent
    from kongthun.interfaces.cli.main import app

    issued = CliRunner().invoke(app, ["token", "issue", "--user", "treasurer_a", "--name", "เครือข่าย"])
    assert issued.exit_code == 0, issued.output
    secret = issued.output.strip().splitlines()[-1]
    assert secret.startswith("kt_") and not ApiToken.objects.filter(token_hash=secret).exists()
    ok = client.get("/api/organizations", HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert ok.status_code == 200
    listed = CliRunner().invoke(app, ["token", "list", "--user", "treasurer_a"], env={"COLUMNS": "200"})
    row = ApiToken.objects.get()
    assert row.prefix in listed.output and secret not in listed.output
    assert CliRunner().invoke(app, ["token", "revoke", str(row.pk), "--why", "หาย"]).exit_code == 0
    assert client.get("/api/organizations", HTTP_AUTHORIZATION=f"Bearer {secret}").status_code == 401
    again = CliRunner().invoke(app, ["token", "revoke", str(row.pk)])
    assert again.exit_code == 5 and "already revoked" in again.output
    assert list(AuditEvent.objects.filter(object_type="api_token").values_list("action", flat=True)
                .order_by("id")) == ["token_issue", "token_revoke"]


def test_a_user_manages_only_their_own_tokens(treasurer_a, make_user, fund_b):
    from kongthun.access.domain import Role
    from kongthun.audit.actions import Actor
    from kongthun.errors import DomainError

    other = make_user("treasurer_b", Role.TREASURER, fund_b)
    row, _ = token_issue(user=treasurer_a, name="mine", actor=Actor.for_user(treasurer_a, "test"))
    with pytest.raises(DomainError) as err:
        token_revoke(token=row, actor=Actor.for_user(other, "test"))
    assert err.value.code == "forbidden.token_owner"
    with pytest.raises(DomainError):
        token_issue(user=treasurer_a, name="theirs", actor=Actor.for_user(other, "test"))
    assert ApiToken.objects.get().revoked_at is None


def test_idempotency_keys_older_than_a_day_are_forgotten(api, planned, make_member):
    from datetime import timedelta

    from django.utils import timezone

    from kongthun.access.tokens import idempotency_purge

    m = make_member(planned)
    body = {"collected_on": DAY.isoformat(), "membership_id": m.pk, "amount_satang": 3000}
    assert api("post", f"/organizations/{planned.pk}/contributions", body, key="old").status_code == 201
    assert idempotency_purge() == 0
    ApiIdempotency.objects.update(created_at=timezone.now() - timedelta(hours=25))
    assert idempotency_purge() == 1 and not ApiIdempotency.objects.exists()
