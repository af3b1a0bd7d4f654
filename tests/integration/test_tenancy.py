"""Tenancy: the treasurer of fund A, asking for every page of the project with fund B's ids,
gets 403 or 404 and never a byte of fund B's data; posting to any URL with fund B's ids
changes nothing.

The URL list is walked from Django's resolver, so a new page is covered the day it is
added; a page whose URL takes an argument this test does not know how to fill fails
the test until someone teaches it (see `ids_of`)."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.db.models import Sum
from django.urls import URLPattern, URLResolver, get_resolver

from kongthun.audit.models import AuditEvent
from kongthun.ledger.actions import entry_post
from kongthun.ledger.domain import credit, debit
from kongthun.ledger.models import Account, JournalEntry, JournalLine, PeriodLock
from kongthun.people.models import Beneficiary, Membership, MembershipEvent, Person
from kongthun.welfare.claims.models import Claim, FundRegulation
from kongthun.welfare.contributions.models import ContributionPlan, Receipt
from tests.conftest import PASSWORD, SYSTEM
from tests.integration.test_web_pages import compile_translations

EXCLUDED_PREFIXES = ("admin/", "i18n/", "static/", "login/", "logout/", "icons/",  # icons: PNG, no data
                     "api/")  # the REST API takes tokens, not sessions: its tenancy is tests/integration/test_api.py
ROUTE_ARG = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>\w+)>")


def url_routes() -> list[str]:
    """Every route in the project as a path() string, e.g. 'orgs/<int:org_id>/members/'."""
    out: list[str] = []

    def walk(patterns, prefix: str) -> None:
        for p in patterns:
            if (prefix + str(p.pattern)).startswith(EXCLUDED_PREFIXES):
                continue
            route = getattr(p.pattern, "_route", None)
            if route is None:
                pytest.fail(f"{prefix}{p.pattern}: a regex URL pattern; teach test_tenancy to fill it")
            if isinstance(p, URLResolver):
                walk(p.url_patterns, prefix + route)
            else:
                assert isinstance(p, URLPattern)
                out.append(prefix + route)

    walk(get_resolver().url_patterns, "")
    return out


def fill(route: str, ids: dict[str, int | str]) -> str:
    def one(match: re.Match) -> str:
        name = match.group("name")
        if name not in ids:
            pytest.fail(f"URL '{route}' takes <{name}>, which test_tenancy cannot fill yet: add it to ids_of()")
        return str(ids[name])

    return "/" + ROUTE_ARG.sub(one, route)


@pytest.fixture
def world(fund_a, fund_b, treasurer_a, actor_a, make_member):
    """Two funds with members, beneficiaries and books; fund B's data is easy to spot."""
    from kongthun.people.actions import beneficiary_add

    member_a = make_member(fund_a, first="สมชาย", last="ใจดี")
    entry_post(organization=fund_a, date=date(2025, 1, 5), lines=[debit("1101", 10000), credit("4101", 10000)],
               memo="เงินสมทบกองทุนเอ", actor=actor_a)
    member_b = make_member(fund_b, first="ประภาสบี", last="วงศ์บีบี", phone="0899999999")
    beneficiary_add(membership=member_b, name_th="ผู้รับบีบี", relation="บุตร", actor=SYSTEM)
    for day in (1, 2):  # fund B's entry numbers go past fund A's, so B's number is no A entry
        entry_post(organization=fund_b, date=date(2025, 2, day), lines=[debit("1101", 500), credit("4101", 500)],
                   memo="เงินสมทบกองทุนบีบี", actor=SYSTEM)
    entry_b = entry_post(organization=fund_b, date=date(2025, 2, 7),
                         lines=[debit("1101", 987654), credit("4101", 987654)], memo="เงินสมทบกองทุนบีบี", actor=SYSTEM)
    debt_survey_of_fund_b(member_b)
    receipt_b, claim_b = welfare_of_fund_b(fund_b, member_b)
    return {"fund_a": fund_a, "fund_b": fund_b, "member_a": member_a, "member_b": member_b, "entry_b": entry_b,
            "receipt_b": receipt_b, "claim_b": claim_b, "request_b": funding_of_fund_b(fund_b),
            **disasters_of_fund_b(fund_b), "loan_b": loan_of_group_b()}


def loan_of_group_b():
    """A savings group outside fund A lends to its member (วงศ์บีบี): an approved, disbursed loan."""
    from decimal import Decimal

    from kongthun.access.actions import role_grant, user_create
    from kongthun.audit.actions import Actor
    from kongthun.orgs.actions import organization_create
    from kongthun.people.actions import membership_create, person_create
    from kongthun.savings.loans.actions import loan_apply, loan_approve, loan_disburse, loan_product_set

    group = organization_create(code="GRP-TB", name_th="กลุ่มออมทรัพย์บีบี", kind="savings_group",
                                tambon_code="350102", actor=SYSTEM)
    entry_post(organization=group, date=date(2025, 1, 2), lines=[debit("1101", 900000), credit("3101", 900000)],
               memo="ทุนกลุ่มบีบี", actor=SYSTEM)
    person = person_create(organization=group, first_name_th="สมหญิงบี", last_name_th="วงศ์บีบี", sex="F",
                           actor=SYSTEM, business_date=date(2025, 1, 1), id_kind="none", tambon_code="350102")
    member = membership_create(organization=group, person=person, joined_on=date(2024, 1, 1), actor=SYSTEM)
    product = loan_product_set(organization=group, code="B1", name_th="เงินกู้บีบี", purpose="emergency",
                               method="flat", annual_rate=Decimal(12), max_term_months=12, frequency="monthly",
                               actor=SYSTEM)
    loan = loan_apply(organization=group, membership=member, product=product, amount=500000, term_months=6,
                      purpose="emergency", guarantor_ids=[], applied_on=date(2025, 2, 1), actor=SYSTEM)
    committee = user_create(username="committee_tb", password="x-tenancy-pw", actor=SYSTEM)
    role_grant(user=committee, role="committee", organization=group, actor=SYSTEM)
    loan_approve(loan=loan, actor=Actor.for_user(committee, "test"), on=date(2025, 2, 1))
    return loan_disburse(loan=loan, on=date(2025, 2, 2), actor=SYSTEM)


def disasters_of_fund_b(fund_b):
    """Fund B registers a storm; in another network (fund B has none), a fund sends relief to a sibling's
    storm: neither the event nor the relief is fund A's."""
    from kongthun.orgs.actions import organization_create
    from kongthun.welfare.disasters.actions import disaster_register, relief_send

    event = disaster_register(organization=fund_b, kind="storm", name="พายุบีบี", started_on=date(2025, 5, 1),
                              area=[(fund_b.tambon_id, "")], actor=SYSTEM)
    net = organization_create(code="NET-T", name_th="เครือข่ายบีบี", kind="network", tambon_code="350102",
                              actor=SYSTEM)
    hit, helper = (organization_create(code=code, name_th=f"กองทุน {code}", kind="welfare_fund", parent=net,
                                       tambon_code="350102", actor=SYSTEM) for code in ("FUND-N1", "FUND-N2"))
    storm = disaster_register(organization=hit, kind="storm", name="พายุเครือข่าย", started_on=date(2025, 5, 1),
                              area=[(hit.tambon_id, "")], actor=SYSTEM)
    relief = relief_send(sender=helper, event=storm, kind="goods", description="ข้าวสาร", quantity="5 กระสอบ",
                         sent_on=date(2025, 5, 2), actor=SYSTEM, idempotency_key="tenancy-relief")
    return {"event_b": event, "relief_b": relief}


def funding_of_fund_b(fund_b):
    """Fund B asks CODI for matching money on its year's contributions."""
    from kongthun.welfare.funding.actions import agreement_record, request_prepare

    codi = agreement_record(organization=fund_b, kind="codi", name="พอช. สมทบบีบี", actor=SYSTEM,
                            legal_basis="มติ ครม.", document_no="บีบี 1/2568", matching_ratio="1",
                            cap_per_member=36500)
    return request_prepare(agreement=codi, year_name=2568, prepared_on=date(2025, 3, 1), actor=SYSTEM)


def welfare_of_fund_b(fund_b, member_b):
    """Fund B keeps contributions and claims in kongthun too: a receipt and a submitted claim."""
    from pathlib import Path

    from kongthun.welfare.claims.actions import claim_submit, regulation_adopt
    from kongthun.welfare.contributions.actions import PaymentLine, collection_record, plan_set

    plan_set(organization=fund_b, effective_from=date(2020, 1, 1), actor=SYSTEM, why="มติที่ประชุม")
    collection = collection_record(organization=fund_b, collected_on=date(2025, 2, 10), actor=SYSTEM,
                                   idempotency_key="tenancy-b", payments=[PaymentLine(member_b.pk, periods=40)])
    regulation = Path(__file__).resolve().parents[2] / "docs" / "examples" / "welfare-regulation.yaml"
    regulation_adopt(organization=fund_b, text=regulation.read_text(encoding="utf-8"), actor=SYSTEM, why="มติ")
    claim = claim_submit(organization=fund_b, membership=member_b, kind="childbirth", actor=SYSTEM,
                         event_date=date(2025, 3, 1), on=date(2025, 3, 2), evidence=["สำเนาสูติบัตร"],
                         paid_up_to=date(2025, 3, 1))
    return collection.receipts.get(), claim


def ids_of(world, org) -> dict[str, int | str]:
    """Fund B's id for every URL argument the project's routes take (org id possibly overridden)."""
    return {
        "org_id": org.pk,
        "membership_id": world["member_b"].pk,
        "number": world["entry_b"].number,
        "receipt_id": world["receipt_b"].pk,
        "claim_id": world["claim_b"].pk,
        "request_id": world["request_b"].pk,
        "survey_id": debt_survey_of_fund_b(world["member_b"]).pk,
        "event_id": world["event_b"].pk,
        "relief_id": world["relief_b"].pk,
        "loan_id": world["loan_b"].pk,
    }


def debt_survey_of_fund_b(member_b):
    """Fund B's member's household debts (personal data): the same survey however often it is asked for."""
    from decimal import Decimal

    from kongthun.savings.debts.actions import debt_survey_record
    from kongthun.savings.domain.debt import CreditorKind, Debt

    return debt_survey_record(membership=member_b, surveyed_on=date(2025, 3, 1), actor=SYSTEM,
                              debts=[Debt(CreditorKind.INFORMAL, 987654, Decimal(120), 50000, "นายทุนบีบี")],
                              idempotency_key="tenancy-debts-b")

def b_markers(world) -> list[str]:
    b = world["fund_b"]
    person = world["member_b"].person
    return [b.name_th, b.code, person.first_name_th, person.last_name_th, person.masked_id, "ผู้รับบีบี",
            "เงินสมทบกองทุนบีบี", "9,876.54", "xxxxxx9999"]


def assert_no_b(body: str, url: str, world) -> None:
    for marker in b_markers(world):
        assert marker not in body, f"{url} shows fund B's data: {marker!r}"


def counts() -> dict[str, object]:
    return {
        "entries": JournalEntry.objects.count(),
        "lines": JournalLine.objects.count(),
        "audit": AuditEvent.objects.count(),
        "members": Membership.objects.count(),
        "statuses": list(Membership.objects.order_by("pk").values_list("status", flat=True)),
        "membership_events": MembershipEvent.objects.count(),
        "persons": Person.objects.count(),
        "beneficiaries": Beneficiary.objects.count(),
        "locks": PeriodLock.objects.count(),
        "balances": list(Account.objects.order_by("pk").values_list("balance", flat=True)),
        "total": Account.objects.aggregate(s=Sum("balance"))["s"],
        "receipts": list(Receipt.objects.order_by("pk").values_list("pk", "voided_at")),
        "claims": list(Claim.objects.order_by("pk").values_list("pk", "status", "amount")),
        "plans": ContributionPlan.objects.count(),
        "regulations": FundRegulation.objects.count(),
    }


@pytest.fixture
def client_a(client, treasurer_a):
    compile_translations()
    assert client.login(username=treasurer_a.username, password=PASSWORD)
    return client


def test_the_walk_finds_the_organization_pages():
    routes = url_routes()
    assert "orgs/<int:org_id>/members/" in routes
    assert "orgs/<int:org_id>/entries/<int:number>/reverse/" in routes
    assert not any(r.startswith("admin/") for r in routes)


def test_every_page_with_fund_b_ids_is_refused(client_a, world):
    checked = 0
    for route in url_routes():
        url = fill(route, ids_of(world, world["fund_b"]))
        response = client_a.get(url)
        if ROUTE_ARG.search(route):
            assert response.status_code in (403, 404), f"{url} -> {response.status_code}"
        else:
            assert response.status_code in (200, 302), f"{url} -> {response.status_code}"
        assert_no_b(response.content.decode(), url, world)
        checked += 1
    assert checked >= 10


def test_fund_b_objects_under_fund_a_are_not_found(client_a, world):
    """Fund A's id in the URL with fund B's member/entry ids: never fund B's records."""
    for route in url_routes():
        if "org_id" not in route or not ROUTE_ARG.search(route.replace("<int:org_id>", "")):
            continue
        url = fill(route, ids_of(world, world["fund_a"]))
        response = client_a.get(url)
        assert_no_b(response.content.decode(), url, world)
    member_url = fill("orgs/<int:org_id>/members/<int:membership_id>/", ids_of(world, world["fund_a"]))
    assert client_a.get(member_url).status_code == 404


def test_search_in_fund_a_does_not_find_fund_b_members(client_a, world):
    url = fill("orgs/<int:org_id>/members/", ids_of(world, world["fund_a"]))
    for q in ("ประภาสบี", "วงศ์บีบี", world["member_b"].member_no):
        response = client_a.get(url, {"q": q}, HTTP_HX_REQUEST="true")
        assert response.status_code == 200
        assert_no_b(response.content.decode(), f"{url}?q={q}", world)


@pytest.mark.parametrize("org_key", ["fund_b", "fund_a"])
def test_posts_with_fund_b_ids_change_nothing(client_a, world, org_key):
    before = counts()
    for route in url_routes():
        url = fill(route, ids_of(world, world[org_key]))
        if org_key == "fund_a" and not ROUTE_ARG.search(route.replace("<int:org_id>", "")):
            continue  # fund A's own pages with no fund B id in them are not a tenancy question
        for data in ({"why": "tenancy test", "date": "2025-03-01"}, {}):
            response = client_a.post(url, data)
            assert response.status_code in (403, 404, 405), f"POST {url} -> {response.status_code}"
            assert_no_b(response.content.decode(), url, world)
    assert counts() == before
    assert not JournalEntry.objects.filter(reverses=world["entry_b"]).exists()
