"""End to end through the installed `kongthun` command: the demo loads, `check` passes on it,
and `check` fails with a message after a ledger line is tampered with by raw SQL.

Runs against a database of its own: a SQLite file in a temp dir, or (when the suite runs on
PostgreSQL) a fresh database on the same server.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.db import connection

KONGTHUN = str(Path(sys.executable).with_name("kongthun"))


@pytest.fixture
def cli_db(tmp_path):
    """Environment for the CLI, and a function that runs raw SQL on its database."""
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["KONGTHUN_DATA"] = str(tmp_path)
    env["COLUMNS"] = "200"  # rich wraps table cells to the terminal width
    if connection.vendor == "sqlite":
        path = tmp_path / "kongthun.sqlite3"

        def raw(*statements):
            with sqlite3.connect(path) as c:
                for s in statements:
                    c.execute(s)

        yield env, raw
        return
    import psycopg

    base = os.environ["DATABASE_URL"].rsplit("/", 1)[0]
    name = f"kongthun_cli_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(f"{base}/postgres", autocommit=True) as c:
        c.execute(f'CREATE DATABASE "{name}"')
    env["DATABASE_URL"] = f"{base}/{name}"

    def raw(*statements):
        with psycopg.connect(env["DATABASE_URL"], autocommit=True) as c:
            for s in statements:
                c.execute(s)

    yield env, raw
    with psycopg.connect(f"{base}/postgres", autocommit=True) as c:
        c.execute(f'DROP DATABASE "{name}" WITH (FORCE)')


def run(env, *args):
    return subprocess.run([KONGTHUN, *args], env=env, capture_output=True, text=True, timeout=600)


@pytest.mark.django_db
def test_demo_then_check_then_tamper(cli_db):
    env, raw = cli_db
    loaded = run(env, "demo")
    assert loaded.returncode == 0, loaded.stdout + loaded.stderr
    assert "treasurer" in loaded.stdout and "kongthun" in loaded.stdout  # the logins are printed

    again = run(env, "demo")  # loading twice adds nothing
    assert again.returncode == 0 and "already" in again.stdout

    ok = run(env, "check")
    assert ok.returncode == 0, ok.stdout
    assert "OK" in ok.stdout
    closed = run(env, "books", "years", "--org", "WF-350102")  # the demo's fund closed its past years
    assert closed.returncode == 0 and "2567" in closed.stdout and "2568" in closed.stdout, closed.stdout

    if connection.vendor == "sqlite":
        raw("DROP TRIGGER ledger_line_immutable",
            "UPDATE ledger_journalline SET amount = amount + 100 WHERE id = (SELECT MIN(id) FROM ledger_journalline)")
    else:
        raw("ALTER TABLE ledger_journalline DISABLE TRIGGER USER",
            "UPDATE ledger_journalline SET amount = amount + 100 WHERE id = (SELECT MIN(id) FROM ledger_journalline)",
            "ALTER TABLE ledger_journalline ENABLE TRIGGER USER")
    bad = run(env, "check")
    assert bad.returncode == 6
    assert "unbalanced" in bad.stdout and "ไม่สมดุล" in bad.stdout
    assert "differs from its audit record" in bad.stdout


DIGEST_SQL = [
    "SELECT national_id, other_id, first_name_th, last_name_th, sex, birth_date, village "
    "FROM people_person ORDER BY id",
    "SELECT o.code, m.member_no, m.joined_on, m.status FROM people_membership m "
    "JOIN orgs_organization o ON o.id = m.organization_id ORDER BY o.code, m.member_no",
    "SELECT o.code, e.number, e.date, e.memo, l.amount FROM ledger_journalline l JOIN ledger_journalentry e "
    "ON e.id = l.entry_id JOIN orgs_organization o ON o.id = e.organization_id ORDER BY o.code, e.number, l.id",
    "SELECT o.code, r.number, r.issued_on, m.member_no, r.amount, r.entry_fee, r.covered_from, r.covered_to, "
    "r.voided_on FROM contributions_receipt r JOIN people_membership m ON m.id = r.membership_id "
    "JOIN orgs_organization o ON o.id = r.organization_id ORDER BY o.code, r.year_name, r.seq",
    "SELECT o.code, c.number, m.member_no, c.kind, c.event_date, c.nights, c.amount, c.status, c.paid_on "
    "FROM claims_claim c JOIN people_membership m ON m.id = c.membership_id "
    "JOIN orgs_organization o ON o.id = c.organization_id ORDER BY o.code, c.number",
]


def demo_digest(path: Path) -> list:
    with sqlite3.connect(path) as c:
        return [c.execute(q).fetchall() for q in DIGEST_SQL]


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the demo's determinism does not depend on the database")
def test_demo_is_deterministic_from_its_seed(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    digests = []
    for run_no, seed in enumerate(["2567", "2567", "11"]):
        data = tmp_path / f"run{run_no}"
        assert run({**env, "KONGTHUN_DATA": str(data)}, "demo", "--seed", seed).returncode == 0
        digests.append(demo_digest(data / "kongthun.sqlite3"))
    assert digests[0] == digests[1]  # same seed, same province, names and books
    assert digests[0][0] != digests[2][0]  # another seed, other people
    persons, memberships, lines, receipts, claims = digests[0]
    assert len(persons) > 300 and len(memberships) > 300 and len(lines) > 2000
    # The welfare funds keep their money through the welfare apps: receipts on collection days, claims.
    assert len(receipts) > 10000 and any(r[-1] for r in receipts)  # one void, at least
    statuses = {c[7] for c in claims}
    assert {"submitted", "approved", "paid"} <= statuses
    assert {c[3] for c in claims} >= {"hospital", "childbirth", "death", "elderly", "scholarship", "disaster"}
    statuses_of_fund = {(c[0], c[7]) for c in claims}
    assert ("WF-350102", "submitted") in statuses_of_fund  # the demo committee has claims waiting
