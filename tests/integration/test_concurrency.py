"""Two treasurers posting at the same moment: entry numbers stay unique and gap-free, balances
stay equal to their lines, and the audit chain does not fork. PostgreSQL only: SQLite takes one
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
