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
