"""Fixtures for the claims workflow: a fund that adopted the example regulation and has money,
a treasurer and two committee members, members of known ages and years, a sibling fund in the
same network. Imported by test_claims.py; conftest.py's fixtures are reused, not changed."""

from __future__ import annotations

from contextlib import contextmanager
from datetime import date
from itertools import count
from pathlib import Path

import pytest

from kongthun.access.domain import Role
from kongthun.audit.actions import Actor

REGULATION = Path(__file__).resolve().parents[2] / "docs" / "examples" / "welfare-regulation.yaml"
SYSTEM = Actor.system("test")
_ids = count(1)

__all__ = ["checker", "checker2", "fund", "network", "refused", "sibling", "sibling_treasurer", "treasurer"]


def national_id() -> str:
    from kongthun.people.domain import national_id_check_digit

    base = f"3200{next(_ids):08d}"
    return base + str(national_id_check_digit(base))


def fund_cash(org, baht: int, on: date = date(2024, 10, 1)) -> None:
    """Put money in a fund (contributions collected), so it can pay and share-of-fund caps hold."""
    from kongthun.ledger.actions import entry_post
    from kongthun.ledger.domain import credit, debit

    entry_post(organization=org, date=on, actor=SYSTEM, memo="เงินสมทบสะสม",
               lines=[debit("1101", baht * 100), credit("4101", baht * 100)])


def enrol(org, first: str, *, born: date = date(1970, 5, 1), joined: date = date(2017, 1, 1), person=None,
          household=None):
    """A person (new, or one already known) enrolled in a fund."""
    from kongthun.people.actions import membership_create, person_create

    if person is None:
        person = person_create(organization=org, first_name_th=first, last_name_th="ใจงาม", sex="F", actor=SYSTEM,
                               business_date=date(2025, 1, 1), national_id=national_id(), birth_date=born,
                               tambon_code=org.tambon_id, household=household)
    return membership_create(organization=org, person=person, joined_on=joined, actor=SYSTEM)


def claims_state() -> dict:
    from kongthun.welfare.claims.models import Claim, FundRegulation

    return {"claims": sorted(Claim.objects.values_list("pk", "status", "amount", "paid_entry_id")),
            "regulations": FundRegulation.objects.count()}


@pytest.fixture
def refused(unchanged):
    """`with refused(code) as err:` the action raises that DomainError and changes nothing: not the
    books, the people, the audit chain (conftest's `unchanged`), nor any claim or regulation."""

    @contextmanager
    def check(code: str | None = None):
        before = claims_state()
        with unchanged(code) as err:
            yield err
        assert claims_state() == before

    return check


@pytest.fixture
def network(make_org):
    return make_org("NET-1", kind="network", tambon_code="350101")


@pytest.fixture
def fund(make_org, network):
    """Fund A of the network, with the example regulation adopted and 300,000 baht in cash."""
    from kongthun.welfare.claims.actions import regulation_adopt

    org = make_org("CLAIM-A", tambon_code="350101", parent=network)
    regulation_adopt(organization=org, text=REGULATION.read_text(encoding="utf-8"), actor=SYSTEM,
                     why="มติที่ประชุมใหญ่ 2567")
    fund_cash(org, 300_000)
    return org


@pytest.fixture
def sibling(make_org, network):
    """Fund C: another fund of the same network, same regulation, money of its own."""
    from kongthun.welfare.claims.actions import regulation_adopt

    org = make_org("CLAIM-C", tambon_code="350102", parent=network)
    regulation_adopt(organization=org, text=REGULATION.read_text(encoding="utf-8"), actor=SYSTEM, why="มติ")
    fund_cash(org, 100_000)
    return org


def _actor(make_user, name: str, role: Role, org) -> Actor:
    return Actor.for_user(make_user(name, role, org), "test")


@pytest.fixture
def treasurer(make_user, fund) -> Actor:
    return _actor(make_user, "claims_treasurer", Role.TREASURER, fund)


@pytest.fixture
def checker(make_user, fund) -> Actor:
    return _actor(make_user, "claims_committee_1", Role.COMMITTEE, fund)


@pytest.fixture
def checker2(make_user, fund) -> Actor:
    return _actor(make_user, "claims_committee_2", Role.COMMITTEE, fund)


@pytest.fixture
def sibling_treasurer(make_user, sibling) -> Actor:
    return _actor(make_user, "sibling_treasurer", Role.TREASURER, sibling)
