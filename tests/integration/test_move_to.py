"""`kongthun move-to postgresql://...`: an SQLite installation filled by the real actions is copied into a
fresh PostgreSQL database on the test server; every table's rows, every balance and `kongthun check` match.
Needs a PostgreSQL server: under scripts/run_tests.py (DATABASE_URL) it runs in both passes."""

from __future__ import annotations

import os
import uuid

import pytest

from tests.integration.backup_support import TABLES, installation, run, seed, snapshot, sql

PG = os.environ.get("DATABASE_URL") or os.environ.get("KONGTHUN_TEST_PG", "")
pytestmark = pytest.mark.skipif(not PG.startswith("postgres"),
                                reason="move-to needs a PostgreSQL server (run under scripts/run_tests.py)")


@pytest.fixture
def target():
    import psycopg

    base = PG.rsplit("/", 1)[0]
    name = f"kongthun_move_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(f"{base}/postgres", autocommit=True) as c:
        c.execute(f'CREATE DATABASE "{name}"')
    yield f"{base}/{name}"
    with psycopg.connect(f"{base}/postgres", autocommit=True) as c:
        c.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_move_to_copies_every_row_and_balance(tmp_path, target):
    with installation(tmp_path, postgres=False) as env:
        seed(env, "FUND-A", 3)
        seed(env, "FUND-B", 2)
        before = snapshot(env)
        tables = [r[0] for r in sql(env, "SELECT name FROM sqlite_master WHERE type='table' "
                                         "AND name NOT LIKE 'sqlite_%' AND name != 'django_migrations'")]
        counts = {t: sql(env, f'SELECT COUNT(*) FROM "{t}"')[0][0] for t in tables}
        done = run(env, "move-to", target)
        assert done.returncode == 0, done.stdout + done.stderr
        assert "ตรวจสอบบัญชีผ่าน" in done.stdout
    moved = {**env, "DATABASE_URL": target}
    assert snapshot(moved) == before
    assert {t: sql(moved, f'SELECT COUNT(*) FROM "{t}"')[0][0] for t in tables} == counts
    assert counts["places_tambon"] > 7000 and before["counts"]["ledger_journalentry"] == 5
    assert run(moved, "check").returncode == 0
    seed(moved, "FUND-C", 1)  # sequences were reset: new rows get new ids, the audit chain goes on
    assert run(moved, "check").returncode == 0
    assert snapshot(moved)["counts"]["ledger_journalentry"] == 6


def test_move_to_refuses_a_database_that_is_not_empty(tmp_path, target):
    with installation(tmp_path, postgres=False) as env:
        seed(env, "FUND-A", 1)
        moved = {**env, "DATABASE_URL": target}
        seed(moved, "FUND-X", 1)
        before = snapshot(moved)
        done = run(env, "move-to", target)
    assert done.returncode == 2, done.stdout + done.stderr
    assert "ไม่ว่าง" in done.stdout or "มีข้อมูลอยู่แล้ว" in done.stdout
    assert "not empty" in done.stdout
    assert snapshot(moved) == before
    assert set(TABLES) <= {r[0] for r in sql(moved, "SELECT tablename FROM pg_tables WHERE schemaname='public'")}


def test_move_to_refuses_a_target_that_is_not_postgresql(tmp_path):
    with installation(tmp_path, postgres=False) as env:
        done = run(env, "move-to", f"sqlite:///{tmp_path}/other.sqlite3")
    assert done.returncode == 2 and "postgresql://" in done.stdout
