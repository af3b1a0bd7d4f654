"""`run_checks()` (behind `kongthun check`): silent on sound books, and it names the problem after
someone edits the database behind kongthun's back. The tampering goes around the database's own
walls (drops or disables the guard triggers), as a person with direct database access could."""

from __future__ import annotations

import importlib
from contextlib import contextmanager
from datetime import date, timedelta

import pytest
from django.db import connection

from kongthun.audit.models import AuditEvent
from kongthun.integrity import CHECKS, run_checks
from kongthun.ledger.actions import entry_post, entry_reverse, period_lock
from kongthun.ledger.domain import credit, debit
from kongthun.ledger.models import Account, JournalEntry, JournalLine

LEDGER_GUARDS = importlib.import_module("kongthun.ledger.migrations.0002_guards")
SQLITE_AUDIT_GUARD = """CREATE TRIGGER audit_event_immutable BEFORE UPDATE ON audit_auditevent
    BEGIN SELECT RAISE(ABORT, 'kongthun: the audit trail is append-only'); END"""


@contextmanager
def guards_off(table: str):
    """Run raw SQL on `table` with its guard triggers out of the way, then put them back."""
    with connection.cursor() as cur:
        if connection.vendor == "postgresql":
            cur.execute("SET CONSTRAINTS ALL IMMEDIATE")  # ALTER TABLE refuses pending deferred events
            cur.execute(f"ALTER TABLE {table} DISABLE TRIGGER USER")
            try:
                yield cur
            finally:
                cur.execute(f"ALTER TABLE {table} ENABLE TRIGGER USER")
        else:
            sqlite_guards = {
                "ledger_journalline": ("ledger_line_immutable", LEDGER_GUARDS.SQLITE_FORWARD[0]),
                "ledger_journalentry": ("ledger_entry_immutable", LEDGER_GUARDS.SQLITE_FORWARD[1]),
                "audit_auditevent": ("audit_event_immutable", SQLITE_AUDIT_GUARD),
            }
            name, create = sqlite_guards[table]
            cur.execute(f"DROP TRIGGER {name}")
            try:
                yield cur
            finally:
                cur.execute(create)


@pytest.fixture
def books(fund_a, fund_b, system_actor):
    """Two funds with a few months of entries, a reversal and a closed period."""
    out = []
    for org in (fund_a, fund_b):
        for month in (1, 2, 3):
            amount = 30000 * month
            out.append(entry_post(organization=org, date=date(2025, month, 5), memo=f"เงินสมทบ {month}",
                                  actor=system_actor, lines=[debit("1101", amount), credit("4101", amount)]))
        out.append(entry_post(organization=org, date=date(2025, 3, 20), memo="สวัสดิการเสียชีวิต", actor=system_actor,
                              lines=[debit("5103", 500000), credit("1102", 500000)]))
        out.append(entry_reverse(entry=out[-1], date=date(2025, 3, 21), actor=system_actor, why="ผิดบัญชี"))
        period_lock(organization=org, through=date(2025, 2, 28), actor=system_actor, why="ปิดงวด")
    return out


def checks_failing(problems) -> set[str]:
    for p in problems:
        assert p.message_th and p.message_en
    return {p.check for p in problems}


def test_clean_books_pass(books):
    steps: list[str] = []
    assert run_checks(on_step=steps.append) == []
    assert steps == [name for name, _ in CHECKS]


def test_a_tampered_line_amount_is_found(books):
    e = books[1]
    line = e.lines.get(account__code="1101")
    with guards_off("ledger_journalline") as cur:
        cur.execute("UPDATE ledger_journalline SET amount = %s WHERE id = %s", [line.amount + 100, line.pk])
    problems = run_checks()
    assert checks_failing(problems) == {"balanced", "balances", "audit"}
    text = " ".join(p.message_en for p in problems)
    assert f"FUND-A JV{e.number:06d}" in text  # the entry is named
    assert "account 1101" in text  # and so is the account whose balance no longer matches
    assert "FUND-B" not in text


def test_a_line_moved_to_another_account_is_found(books):
    """Still balanced, so only the balances and the audit record give it away."""
    line = books[0].lines.get(account__code="1101")
    bank = Account.objects.get(organization=books[0].organization, code="1102")
    with guards_off("ledger_journalline") as cur:
        cur.execute("UPDATE ledger_journalline SET account_id = %s WHERE id = %s", [bank.pk, line.pk])
    assert checks_failing(run_checks()) == {"balances", "audit"}


def test_a_line_moved_to_another_organization_is_found(books, fund_b):
    line = books[0].lines.get(account__code="1101")
    with guards_off("ledger_journalline") as cur:
        cur.execute("UPDATE ledger_journalline SET organization_id = %s WHERE id = %s", [fund_b.pk, line.pk])
    assert "tenancy" in checks_failing(run_checks())


def test_a_tampered_reversal_is_found(books):
    reversal = books[4]
    assert reversal.reverses_id == books[3].pk
    line = reversal.lines.get(account__code="1102")
    other = reversal.lines.get(account__code="5103")
    with guards_off("ledger_journalline") as cur:  # both lines changed: the entry still balances
        cur.execute("UPDATE ledger_journalline SET amount = amount - 1 WHERE id = %s", [line.pk])
        cur.execute("UPDATE ledger_journalline SET amount = amount + 1 WHERE id = %s", [other.pk])
    assert checks_failing(run_checks()) == {"balances", "audit", "reversal"}


def test_a_renumbered_entry_is_found(books):
    with guards_off("ledger_journalentry") as cur:
        cur.execute("UPDATE ledger_journalentry SET number = 99 WHERE id = %s", [books[2].pk])
    assert checks_failing(run_checks()) == {"numbering", "audit"}


def test_a_backdated_entry_is_found(books):
    """Moved into the closed period after the books were closed."""
    with guards_off("ledger_journalentry") as cur:
        cur.execute("UPDATE ledger_journalentry SET date = %s WHERE id = %s", [date(2025, 1, 31), books[2].pk])
    assert checks_failing(run_checks()) == {"audit"}


def test_an_entry_posted_after_the_books_closed_is_found(books):
    e = books[1]
    with guards_off("ledger_journalentry") as cur:
        cur.execute("UPDATE ledger_journalentry SET recorded_at = %s WHERE id = %s",
                    [e.organization.locks.get().locked_at + timedelta(minutes=1), e.pk])
    assert checks_failing(run_checks()) == {"locks"}


def test_an_edited_account_balance_is_found(books, fund_b):
    Account.objects.filter(organization=fund_b, code="4101").update(balance=-1)
    problems = run_checks()
    assert checks_failing(problems) == {"balances"}
    assert len(problems) == 1 and "FUND-B account 4101" in problems[0].message_en


def test_an_edited_audit_event_breaks_the_hash_chain(books):
    ev = AuditEvent.objects.filter(action="period_lock").first()
    with guards_off("audit_auditevent") as cur:
        cur.execute("UPDATE audit_auditevent SET why = %s WHERE id = %s", ["nothing happened", ev.pk])
    problems = run_checks()
    assert checks_failing(problems) == {"audit_chain"}
    assert any(f"#{ev.seq}" in p.message_en and "hash" in p.message_en for p in problems)


def test_an_edited_audit_record_of_an_entry_is_found(books):
    """Rewriting what the audit says an entry held breaks the chain as well as the comparison."""
    e = books[0]
    ev = AuditEvent.objects.get(object_type="journal_entry", object_id=str(e.pk))
    after = {**ev.after, "memo": "changed"}
    with guards_off("audit_auditevent"):
        AuditEvent.objects.filter(pk=ev.pk).update(after=after)
    assert checks_failing(run_checks()) == {"audit", "audit_chain"}


def test_a_deleted_audit_event_is_found(books):
    e = books[2]
    ev = AuditEvent.objects.get(object_type="journal_entry", object_id=str(e.pk))
    with guards_off("audit_auditevent") as cur:
        cur.execute("DELETE FROM audit_auditevent WHERE id = %s", [ev.pk])
    problems = run_checks()
    assert checks_failing(problems) == {"audit", "audit_chain"}
    text = " ".join(p.message_en for p in problems)
    assert "no audit record" in text and "missing" in text


def test_a_deleted_journal_line_is_found(books):
    line = books[1].lines.get(account__code="4101")
    with guards_off("ledger_journalline") as cur:
        cur.execute("DELETE FROM ledger_journalline WHERE id = %s", [line.pk])
    assert checks_failing(run_checks()) == {"balanced", "balances", "audit"}


def test_the_guards_are_back_after_tampering(books):
    line = JournalLine.objects.filter(entry=books[0]).first()
    with guards_off("ledger_journalline"):
        pass
    from django.db import DatabaseError, transaction

    with pytest.raises(DatabaseError), transaction.atomic():
        JournalLine.objects.filter(pk=line.pk).update(amount=1)
    assert JournalEntry.objects.count() == len(books)
