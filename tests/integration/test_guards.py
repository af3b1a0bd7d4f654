"""The database's own walls around the books, behind the actions: raw SQL cannot edit posted
lines, entries or audit events; on PostgreSQL it cannot delete them either, and an entry whose
lines do not sum to zero is refused when the transaction commits."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import DatabaseError, IntegrityError, connection, transaction

from kongthun.audit.models import AuditEvent
from kongthun.ledger.actions import entry_post
from kongthun.ledger.domain import credit, debit
from kongthun.ledger.models import Account, JournalEntry, JournalLine

pg_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite keeps only the update walls: deletes are left to `kongthun check` (Django's test flush "
           "deletes rows there), and SQLite has no deferred constraint triggers",
)


@pytest.fixture
def posted(fund_a, system_actor) -> JournalEntry:
    return entry_post(organization=fund_a, date=date(2025, 1, 5), memo="เงินสมทบ", actor=system_actor,
                      lines=[debit("1101", 3000), credit("4101", 3000)])


def refused(sql: str, params=()) -> None:
    """The statement must fail, and leave the surrounding transaction usable."""
    with pytest.raises(DatabaseError) as err, transaction.atomic(), connection.cursor() as cur:
        cur.execute(sql, params)
    assert "kongthun" in str(err.value)


def test_update_of_a_journal_line_is_refused(posted):
    line = posted.lines.first()
    refused("UPDATE ledger_journalline SET amount = amount + 100 WHERE id = %s", [line.pk])
    refused("UPDATE ledger_journalline SET memo = 'edited' WHERE id = %s", [line.pk])
    line.refresh_from_db()
    assert (line.amount, line.memo) == (3000, "")


def test_update_of_a_journal_entry_is_refused(posted):
    refused("UPDATE ledger_journalentry SET date = '2024-01-01' WHERE id = %s", [posted.pk])
    posted.refresh_from_db()
    assert posted.date == date(2025, 1, 5)


def test_orm_update_is_refused_too(posted):
    with pytest.raises(DatabaseError), transaction.atomic():
        JournalLine.objects.filter(entry=posted).update(amount=1)
    assert sorted(JournalLine.objects.filter(entry=posted).values_list("amount", flat=True)) == [-3000, 3000]


def test_update_of_an_audit_event_is_refused(posted):
    ev = AuditEvent.objects.get(object_type="journal_entry", object_id=str(posted.pk))
    refused("UPDATE audit_auditevent SET why = 'nothing to see' WHERE id = %s", [ev.pk])
    ev.refresh_from_db()
    assert ev.why == ""


def test_account_balances_may_change(posted):
    """The wall is around posted lines, not the cached balance (which the posting action keeps and
    `kongthun check` verifies): a guard there would stop every posting."""
    assert Account.objects.filter(organization=posted.organization, code="1101").update(balance=3000) == 1


@pg_only
def test_delete_of_lines_entries_and_audit_events_is_refused(posted):
    ev = AuditEvent.objects.get(object_type="journal_entry", object_id=str(posted.pk))
    refused("DELETE FROM ledger_journalline WHERE entry_id = %s", [posted.pk])
    refused("DELETE FROM ledger_journalentry WHERE id = %s", [posted.pk])
    refused("DELETE FROM audit_auditevent WHERE id = %s", [ev.pk])
    assert JournalLine.objects.filter(entry=posted).count() == 2
    assert AuditEvent.objects.filter(pk=ev.pk).exists()


def insert_line(entry: JournalEntry, code: str, amount: int) -> None:
    account = Account.objects.get(organization=entry.organization, code=code)
    with connection.cursor() as cur:
        cur.execute("INSERT INTO ledger_journalline (organization_id, entry_id, account_id, amount, memo) "
                    "VALUES (%s, %s, %s, %s, '')", [entry.organization_id, entry.pk, account.pk, amount])


def check_deferred_now() -> None:
    """Run the deferred constraint triggers now, as COMMIT would."""
    with connection.cursor() as cur:
        cur.execute("SET CONSTRAINTS ALL IMMEDIATE")


@pg_only
def test_unbalanced_raw_insert_is_refused_at_commit_time(posted):
    with pytest.raises(IntegrityError) as err, transaction.atomic():
        insert_line(posted, "1101", 500)  # accepted for now: the check is deferred
        check_deferred_now()
    assert "unbalanced" in str(err.value)
    assert JournalLine.objects.filter(entry=posted).count() == 2


@pg_only
def test_balanced_raw_insert_passes_the_deferred_check(posted):
    """The trigger refuses imbalance, not every insert (so the refusal above means something)."""
    with transaction.atomic():
        insert_line(posted, "1102", 700)
        insert_line(posted, "4201", -700)
        check_deferred_now()
    assert JournalLine.objects.filter(entry=posted).count() == 4


@pg_only
@pytest.mark.django_db(transaction=True)
def test_unbalanced_entry_fails_a_real_commit(fund_a, system_actor):
    entry = entry_post(organization=fund_a, date=date(2025, 1, 5), memo="x", actor=system_actor,
                       lines=[debit("1101", 100), credit("4101", 100)])
    with pytest.raises(IntegrityError), transaction.atomic():  # the outermost block: its exit is COMMIT
        insert_line(entry, "1101", 1)
    assert JournalLine.objects.filter(entry=entry).count() == 2
