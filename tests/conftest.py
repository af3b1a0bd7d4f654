"""Shared fixtures. Integration tests run on whichever database DATABASE_URL names
(SQLite by default; `make test` runs the suite a second time on PostgreSQL)."""

from __future__ import annotations

from datetime import date

import pytest

from kongthun.access.domain import Role
from kongthun.audit.actions import Actor

SYSTEM = Actor.system("test")
PASSWORD = "pw-for-tests"


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the official places once per test session (they are reference data)."""
    from kongthun.places.actions import places_load

    with django_db_blocker.unblock():
        places_load(actor=SYSTEM)
    yield


@pytest.fixture
def system_actor() -> Actor:
    return SYSTEM


def ensure_places() -> None:
    """Transactional tests (live server, threads) flush every table afterwards, places included."""
    from kongthun.places.actions import places_load
    from kongthun.places.models import Tambon

    if not Tambon.objects.exists():
        places_load(actor=SYSTEM)


@pytest.fixture
def make_org(db):
    from kongthun.orgs.actions import organization_create

    ensure_places()

    def make(code: str, kind: str = "welfare_fund", tambon_code: str = "350101", **kw):
        return organization_create(code=code, name_th=f"กองทุนทดสอบ {code}", kind=kind, tambon_code=tambon_code,
                                   actor=SYSTEM, **kw)

    return make


@pytest.fixture
def fund_a(make_org):
    return make_org("FUND-A", tambon_code="350101")


@pytest.fixture
def fund_b(make_org):
    return make_org("FUND-B", tambon_code="350102")


@pytest.fixture
def make_user(db):
    from kongthun.access.actions import role_grant, user_create

    def make(username: str, role: str | None = None, organization=None, area=("", ""), person=None, **kw):
        user = user_create(username=username, password=PASSWORD, actor=SYSTEM, **kw)
        if role:
            role_grant(user=user, role=role, actor=SYSTEM, organization=organization, area_level=area[0],
                       area_code=area[1], person=person)
        return user

    return make


@pytest.fixture
def treasurer_a(make_user, fund_a):
    return make_user("treasurer_a", Role.TREASURER, fund_a)


@pytest.fixture
def actor_a(treasurer_a) -> Actor:
    return Actor.for_user(treasurer_a, "test")


@pytest.fixture
def make_member(db):
    """A person enrolled in an organization, with a valid generated national ID."""
    from kongthun.people.actions import membership_create, person_create
    from kongthun.people.domain import national_id_check_digit

    counter = {"n": 0}

    def make(org, first="สมชาย", last="ใจดี", joined=date(2023, 1, 1), actor=SYSTEM, **kw):
        counter["n"] += 1
        base = f"31001{org.pk:03d}{counter['n']:04d}"[:12]
        nid = base + str(national_id_check_digit(base))
        person = person_create(organization=org, first_name_th=first, last_name_th=last, sex="M", actor=actor,
                               business_date=date(2025, 1, 1), national_id=nid, birth_date=date(1970, 5, 1),
                               tambon_code=org.tambon_id, **kw)
        return membership_create(organization=org, person=person, joined_on=joined, actor=actor)

    return make


@pytest.fixture
def treasurer_b(make_user, fund_b):
    return make_user("treasurer_b", Role.TREASURER, fund_b)


@pytest.fixture
def actor_b(treasurer_b) -> Actor:
    return Actor.for_user(treasurer_b, "test")


@pytest.fixture
def committee_a(make_user, fund_a) -> Actor:
    """A committee member of fund A, as an actor: may close the books, may not post."""
    return Actor.for_user(make_user("committee_a", Role.COMMITTEE, fund_a), "test")


def books_state() -> dict:
    """Everything a refused action must leave untouched: row counts of every table an action
    writes, each account's cached balance, the audit chain's head, and each organization's locks."""
    from kongthun.audit.models import AuditEvent, AuditHead
    from kongthun.ledger.models import Account, JournalEntry, JournalLine, PeriodLock, YearClose
    from kongthun.orgs.models import Organization, RegistrationStep
    from kongthun.people.models import Beneficiary, Membership, MembershipEvent, Person

    return {
        "counts": {m.__name__: m.objects.count() for m in (
            JournalEntry, JournalLine, PeriodLock, YearClose, AuditEvent, Organization, RegistrationStep, Person,
            Membership, MembershipEvent, Beneficiary, Account)},
        "balances": dict(Account.objects.values_list("pk", "balance")),
        "audit_head": tuple(AuditHead.objects.values_list("seq", "hash").get(pk=1)),
        "locks": sorted(PeriodLock.objects.values_list("organization_id", "locked_through")),
        "registration": dict(Organization.objects.values_list("pk", "registration")),
        "statuses": dict(Membership.objects.values_list("pk", "status")),
    }


@pytest.fixture
def unchanged(db):
    """`with unchanged(): action(...)`: the action must raise a DomainError and change nothing.
    Yields the pytest.raises info so the test can check the error's code and messages."""
    from contextlib import contextmanager

    from kongthun.errors import DomainError

    @contextmanager
    def check(code: str | None = None):
        before = books_state()
        with pytest.raises(DomainError) as err:
            yield err
        if code is not None:
            assert err.value.code == code, err.value
        assert err.value.message_th and err.value.message_en
        assert books_state() == before

    return check


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Tests create many users; the production hasher is slow on purpose, tests need not be."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
