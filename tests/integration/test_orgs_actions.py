"""Organizations through their actions: creation with a chart of accounts by kind, registration
steps, accounting years, and who may do it."""

from __future__ import annotations

from datetime import date

import pytest

from kongthun.audit.models import AuditEvent
from kongthun.clock import AccountingYear
from kongthun.ledger.domain import AccountType
from kongthun.ledger.models import Account
from kongthun.orgs.actions import organization_create, organization_registration_step
from kongthun.orgs.models import Organization, RegistrationStep
from tests.conftest import SYSTEM


def create(code="ORG-1", kind="welfare_fund", actor=SYSTEM, **kw):
    kw.setdefault("tambon_code", "350101")
    return organization_create(code=code, name_th=f"องค์กร {code}", kind=kind, actor=actor, **kw)


def chart(org) -> dict[str, tuple[str, int]]:
    return {a.code: (a.type, a.balance) for a in Account.objects.filter(organization=org)}


# --- creation and its chart of accounts ------------------------------------------------------------


def test_welfare_fund_gets_the_welfare_chart(db):
    org = create()
    accounts = chart(org)
    expected = {"1101": "asset", "1102": "asset", "4101": "income", "4201": "income", "4202": "income",
                "5101": "expense", "5102": "expense", "5103": "expense", "3101": "equity", "2190": "liability"}
    assert {code: accounts[code][0] for code in expected} == expected
    assert not {"1201", "2101", "4401"} & set(accounts)  # no loan or savings accounts in a welfare fund
    assert all(balance == 0 for _, balance in accounts.values())
    a4101 = Account.objects.get(organization=org, code="4101")
    assert "ออมบุญ" in a4101.name_th and a4101.name_en == "Member contributions"


def test_savings_group_gets_the_savings_chart(db):
    accounts = chart(create(kind="savings_group"))
    assert {"1201", "2101", "3201", "4401", "4402", "1101"} <= set(accounts)
    assert accounts["2101"][0] == AccountType.LIABILITY and accounts["1201"][0] == AccountType.ASSET
    assert not {"4101", "5103"} & set(accounts)


def test_council_gets_the_network_chart(db):
    accounts = chart(create(kind="council"))
    assert {"4501", "5301", "1101"} <= set(accounts)
    assert not {"4101", "1201"} & set(accounts)


def test_each_organization_has_its_own_accounts(db):
    a, b = create("ORG-A"), create("ORG-B")
    ids_a = set(Account.objects.filter(organization=a).values_list("pk", flat=True))
    ids_b = set(Account.objects.filter(organization=b).values_list("pk", flat=True))
    assert ids_a and ids_b and not ids_a & ids_b
    assert len(ids_a) == len(ids_b)


def test_create_places_and_audits(db):
    org = create(name_en="Test fund", village="หมู่ 3", founded_on=date(2010, 5, 1))
    assert (org.tambon_id, org.province_id, org.registration) == ("350101", "35", "none")
    ev = AuditEvent.objects.get(object_type="organization", object_id=str(org.pk))
    assert (ev.action, ev.organization_id, ev.before) == ("organization_create", org.pk, None)
    assert ev.after["code"] == "ORG-1" and ev.after["founded_on"] == "2010-05-01"


def test_a_province_level_organization_needs_no_tambon(db):
    org = create("NET-35", kind="network", tambon_code=None, province_code="35")
    assert (org.tambon_id, org.province_id) == (None, "35")


@pytest.mark.parametrize(
    ("kw", "code"),
    [
        ({"tambon_code": "999999"}, "invalid.tambon"),
        ({"tambon_code": None}, "invalid.province"),
        ({"tambon_code": None, "province_code": "99"}, "invalid.province"),
        ({"kind": "bank"}, "invalid.choice"),
        ({"year_kind": "lunar"}, "invalid.choice"),
        ({"year_kind": "custom", "year_start_month": 2, "year_start_day": 29}, "invalid.year_start"),
        ({"year_kind": "custom", "year_start_month": 13, "year_start_day": 1}, "invalid.year_start"),
    ],
)
def test_bad_organization_is_refused_and_changes_nothing(db, unchanged, kw, code):
    with unchanged(code):
        create(**kw)


def test_duplicate_code_is_refused(db, unchanged):
    create("ORG-1")
    with unchanged("conflict.org_code"):
        create("ORG-1", tambon_code="350102")


def test_only_an_administrator_creates_organizations(fund_a, actor_a, unchanged):
    with unchanged("forbidden.admin_only") as err:
        create("ORG-X", actor=actor_a)
    assert "ผู้ดูแลระบบ" in err.value.message_th and "administrator" in err.value.message_en
    assert not Organization.objects.filter(code="ORG-X").exists()


# --- accounting years ------------------------------------------------------------------------------


def test_accounting_years(db):
    fiscal = create("Y-F")
    calendar = create("Y-C", year_kind="calendar")
    custom = create("Y-X", year_kind="custom", year_start_month=4, year_start_day=1)
    assert fiscal.accounting_year == AccountingYear(10, 1)
    assert calendar.accounting_year == AccountingYear(1, 1)
    assert custom.accounting_year == AccountingYear(4, 1)
    day = date(2025, 3, 31)
    assert [o.accounting_year.name_of(day) for o in (fiscal, calendar, custom)] == [2568, 2568, 2568]
    day = date(2025, 4, 1)
    assert [o.accounting_year.name_of(day) for o in (fiscal, calendar, custom)] == [2568, 2568, 2569]
    stored = Organization.objects.get(pk=custom.pk)
    assert (stored.year_kind, stored.year_start_month, stored.year_start_day) == ("custom", 4, 1)


def test_named_year_kinds_store_their_own_start(db):
    org = create(year_kind="calendar", year_start_month=7, year_start_day=15)
    org.refresh_from_db()
    assert (org.year_start_month, org.year_start_day) == (1, 1)


# --- registration ----------------------------------------------------------------------------------


def step(org, status, on=date(2025, 1, 1), actor=SYSTEM, document=""):
    return organization_registration_step(organization=org, status=status, on=on, actor=actor, document=document)


def test_certification_moves_forward_to_the_gazette(fund_a):
    path = ["notified", "cert_received", "cert_subcommittee", "cert_sent", "cert_gazetted"]
    for i, status in enumerate(path):
        org = step(fund_a, status, on=date(2025, 1, 1 + i), document=f"doc {i}")
        assert Organization.objects.get(pk=fund_a.pk).registration == status == org.registration
    history = list(RegistrationStep.objects.filter(organization=fund_a).values_list("status", "on", "document"))
    assert history == [(s, date(2025, 1, 1 + i), f"doc {i}") for i, s in enumerate(path)]
    events = AuditEvent.objects.filter(action="organization_registration_step", organization_id=fund_a.pk)
    assert [(e.before["registration"], e.after["registration"]) for e in events.order_by("seq")] == list(
        zip(["none", *path[:-1]], path, strict=True))


@pytest.mark.parametrize(
    ("done", "refused"),
    [
        ([], "cert_gazetted"),  # no skipping to the end
        ([], "cert_subcommittee"),
        (["notified"], "none"),  # never backwards
        (["notified", "cert_received"], "notified"),
        (["notified", "cert_received"], "cert_received"),  # not the same step twice
        (["cert_received", "cert_subcommittee", "cert_sent", "cert_gazetted"], "cert_rejected"),  # gazetted is final
        (["cert_received", "cert_rejected"], "cert_gazetted"),
    ],
)
def test_registration_steps_that_are_refused(fund_a, unchanged, done, refused):
    for status in done:
        step(fund_a, status)
    with unchanged("conflict.registration_step"):
        step(fund_a, refused)


def test_a_rejected_organization_may_apply_again(fund_a):
    for status in ("cert_received", "cert_rejected", "cert_received", "cert_subcommittee"):
        step(fund_a, status)
    assert Organization.objects.get(pk=fund_a.pk).registration == "cert_subcommittee"


def test_registration_refusals_by_kind_of_input_and_actor(fund_a, actor_a, unchanged):
    with unchanged("invalid.choice"):
        step(fund_a, "approved")
    with unchanged("forbidden.admin_only"):
        step(fund_a, "notified", actor=actor_a)
