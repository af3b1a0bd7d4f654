"""Two treasurers posting at the same moment: entry numbers stay unique and gap-free, balances
stay equal to their lines, and the audit chain does not fork. Two committee members approving the
same claim at once approve it once, and it is paid once; a collection day sent twice at once is
recorded once. PostgreSQL only: SQLite takes one
writer at a time by design (IMMEDIATE transactions), so there is no race to test there."""

from __future__ import annotations

import threading
from datetime import date

import pytest
from django.db import connection, connections

from kongthun.integrity import run_checks
from kongthun.ledger.actions import entry_post
from kongthun.ledger.domain import credit, debit
from kongthun.ledger.models import Account, JournalEntry
from tests.integration.claims_support import *  # noqa: F403  (the claims fixtures)
from tests.integration.claims_support import enrol

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite serializes writers itself")


@pytest.mark.django_db(transaction=True)
def test_concurrent_postings_keep_numbers_balances_and_chain(fund_a, system_actor):
    errors: list[BaseException] = []
    per_thread, threads = 15, 4

    def worker(k: int) -> None:
        try:
            for i in range(per_thread):
                amount = 100 * (k + 1) + i
                entry_post(organization=fund_a, date=date(2025, 1, 1 + i), actor=system_actor, memo=f"t{k}-{i}",
                           lines=[debit("1101", amount), credit("4101", amount)])
        except BaseException as exc:  # noqa: BLE001 - reported by the assertion below
            errors.append(exc)
        finally:
            connections.close_all()

    pool = [threading.Thread(target=worker, args=(k,)) for k in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()

    assert errors == []
    numbers = sorted(JournalEntry.objects.filter(organization=fund_a).values_list("number", flat=True))
    assert numbers == list(range(1, per_thread * threads + 1))
    expected = sum(100 * (k + 1) + i for k in range(threads) for i in range(per_thread))
    assert Account.objects.get(organization=fund_a, code="1101").balance == expected
    assert Account.objects.get(organization=fund_a, code="4101").balance == -expected
    assert run_checks() == []


@pytest.mark.django_db
def test_places_are_back_after_a_transactional_test(fund_b):
    """The flush after the test above empties the places table; fixtures load it again."""
    assert fund_b.tambon.code == "350102"


@pytest.mark.django_db(transaction=True)
def test_two_reversals_at_once_give_one_entry_and_one_clear_refusal(fund_a, system_actor):
    from kongthun.errors import DomainError
    from kongthun.ledger.actions import entry_reverse

    original = entry_post(organization=fund_a, date=date(2025, 2, 1), actor=system_actor, memo="to reverse",
                          lines=[debit("1101", 5000), credit("4101", 5000)])
    barrier = threading.Barrier(2)
    outcomes: list[object] = []

    def worker() -> None:
        try:
            barrier.wait()
            outcomes.append(entry_reverse(entry=original, date=date(2025, 2, 2), actor=system_actor, why="ซ้ำ"))
        except DomainError as exc:
            outcomes.append(exc.code)
        finally:
            connections.close_all()

    pool = [threading.Thread(target=worker) for _ in range(2)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    assert sorted(o if isinstance(o, str) else "entry" for o in outcomes) == ["conflict.already_reversed", "entry"]
    assert JournalEntry.objects.filter(reverses=original).count() == 1
    assert run_checks() == []


# --- welfare: two committee members, two treasurers at the same moment ---------------------------------

CLAIM_DAY = date(2025, 3, 1)  # under the 2567 version of the example regulation


def _race(*calls) -> tuple[list, list[BaseException]]:
    """Run the calls in threads (each its own database connection) released together by a barrier."""
    results, errors = [], []
    barrier = threading.Barrier(len(calls))

    def run(call):
        try:
            barrier.wait()
            results.append(call())
        except BaseException as exc:  # noqa: BLE001 - inspected by the test
            errors.append(exc)
        finally:
            connections.close_all()

    pool = [threading.Thread(target=run, args=(c,)) for c in calls]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    return results, errors


@pytest.mark.django_db(transaction=True)
def test_two_committee_members_approving_at_once_approve_once_and_it_is_paid_once(
        fund, treasurer, checker, checker2, make_user):
    from kongthun.access.domain import Role
    from kongthun.audit.actions import Actor
    from kongthun.audit.models import AuditEvent
    from kongthun.welfare.claims.actions import claim_approve, claim_pay, claim_submit

    c = claim_submit(organization=fund, membership=enrol(fund, "แข่งกัน", born=date(1950, 1, 1)), kind="elderly",
                     event_date=CLAIM_DAY, on=CLAIM_DAY, paid_up_to=CLAIM_DAY, actor=treasurer)
    results, errors = _race(lambda: claim_approve(claim=c, on=CLAIM_DAY, actor=checker),
                            lambda: claim_approve(claim=c, on=CLAIM_DAY, actor=checker2))
    assert len(results) == 1 and [e.code for e in errors] == ["conflict.claim_status"]
    assert AuditEvent.objects.filter(action="claim_approve", object_id=str(c.pk)).count() == 1

    treasurer2 = Actor.for_user(make_user("claims_treasurer_2", Role.TREASURER, fund), "test")
    cash_before = Account.objects.get(organization=fund, code="1101").balance
    results, errors = _race(lambda: claim_pay(claim=c, paid_on=CLAIM_DAY, actor=treasurer),
                            lambda: claim_pay(claim=c, paid_on=CLAIM_DAY, actor=treasurer2))
    assert errors == [] and len(results) == 2 and len({r.paid_entry_id for r in results}) == 1
    assert JournalEntry.objects.filter(organization=fund, source="claim_pay").count() == 1
    assert AuditEvent.objects.filter(action="claim_pay", object_id=str(c.pk)).count() == 1
    assert Account.objects.get(organization=fund, code="5104").balance == 200_00
    assert Account.objects.get(organization=fund, code="1101").balance == cash_before - 200_00
    assert run_checks() == []


@pytest.mark.django_db(transaction=True)
def test_two_payments_at_once_cannot_spend_the_same_baht(make_org, make_user, network, treasurer):
    """Cash for one allowance only: two treasurers paying two claims at once pay one, refuse the other."""
    from kongthun.access.domain import Role
    from kongthun.audit.actions import Actor
    from kongthun.welfare.claims.actions import claim_approve, claim_pay, claim_submit, regulation_adopt
    from tests.integration.claims_support import REGULATION, SYSTEM, fund_cash

    poor = make_org("RACE-POOR", tambon_code="350101", parent=network)
    regulation_adopt(organization=poor, text=REGULATION.read_text(encoding="utf-8"), actor=SYSTEM, why="มติ")
    fund_cash(poor, 300)  # 300 baht: one 200-baht allowance, not two
    committee = Actor.for_user(make_user("race_committee", Role.COMMITTEE, poor), "test")
    payers = [Actor.for_user(make_user(f"race_treasurer_{i}", Role.TREASURER, poor), "test") for i in (1, 2)]
    claims = []
    for name in ("ยายหนึ่ง", "ยายสอง"):
        c = claim_submit(organization=poor, membership=enrol(poor, name, born=date(1950, 1, 1)), kind="elderly",
                         event_date=CLAIM_DAY, on=CLAIM_DAY, paid_up_to=CLAIM_DAY, actor=SYSTEM)
        claims.append(claim_approve(claim=c, on=CLAIM_DAY, actor=committee))
    results, errors = _race(*(lambda c=c, p=p: claim_pay(claim=c, paid_on=CLAIM_DAY, actor=p)
                              for c, p in zip(claims, payers, strict=True)))
    assert len(results) == 1 and [e.code for e in errors] == ["conflict.insufficient_cash"]
    assert Account.objects.get(organization=poor, code="1101").balance == 100_00
    assert run_checks() == []


@pytest.mark.django_db(transaction=True)
def test_the_same_collection_day_sent_twice_at_once_is_recorded_once(fund_a, make_member, system_actor):
    from kongthun.welfare.contributions.actions import PaymentLine, collection_record, plan_set
    from kongthun.welfare.contributions.models import Collection, Receipt

    plan_set(organization=fund_a, effective_from=date(2024, 1, 1), actor=system_actor, why="มติ")
    members = [make_member(fund_a, first=f"คนที่{i}", joined=date(2024, 10, 1)) for i in range(3)]
    payments = [PaymentLine(m.pk, periods=2) for m in members]

    def send():
        return collection_record(organization=fund_a, collected_on=date(2025, 1, 5), payments=payments,
                                 actor=system_actor, idempotency_key="same-day")

    results, errors = _race(send, send)
    assert errors == [] and len({r.pk for r in results}) == 1
    assert Collection.objects.filter(organization=fund_a).count() == 1
    assert sorted(Receipt.objects.filter(organization=fund_a).values_list("seq", flat=True)) == [1, 2, 3]
    assert Account.objects.get(organization=fund_a, code="1101").balance == 3 * 2 * 3000
    assert run_checks() == []
