"""`kongthun backup` -> `kongthun restore` -> `kongthun check` round trips through the installed command, on
the database the suite runs on (an SQLite file, or a fresh PostgreSQL database on the test server), and
restores that must be refused or killed leaving the live database exactly as it was."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

import pytest
from django.db import connection

from tests.integration.backup_support import KONGTHUN, installation, run, seed, snapshot, sql

pytestmark = pytest.mark.django_db  # only to learn which database the suite runs on


@pytest.fixture
def env(tmp_path, db):
    with installation(tmp_path, postgres=connection.vendor == "postgresql") as e:
        seed(e)
        yield e


def test_backup_restore_check_round_trip(env, tmp_path):
    before = snapshot(env)
    backup = tmp_path / "fund.backup"
    done = run(env, "backup", str(backup))
    assert done.returncode == 0, done.stdout + done.stderr
    manifest = backup.with_name(backup.name + ".manifest.json")
    assert backup.stat().st_size > 0 and manifest.exists()
    assert '"ledger_journalline": 6' in manifest.read_text(encoding="utf-8")

    seed(env, "FUND-B", 2)  # life goes on after the backup
    assert snapshot(env) != before

    done = run(env, "restore", "--yes", str(backup))
    assert done.returncode == 0, done.stdout + done.stderr
    assert "กู้คืนสำเร็จ" in done.stdout and "restored" in done.stdout
    assert snapshot(env) == before
    assert run(env, "check").returncode == 0
    seed(env, "FUND-C", 1)  # the restored database is usable: sequences and the audit chain continue
    assert run(env, "check").returncode == 0


def test_restore_of_a_damaged_backup_is_refused_and_changes_nothing(env, tmp_path):
    backup = tmp_path / "fund.backup"
    assert run(env, "backup", str(backup)).returncode == 0
    seed(env, "FUND-B", 1)
    before = snapshot(env)
    data = bytearray(backup.read_bytes())
    data[len(data) // 2] ^= 0xFF
    backup.write_bytes(bytes(data))
    done = run(env, "restore", "--yes", str(backup))
    assert done.returncode == 2, done.stdout + done.stderr
    assert "sha256" in done.stdout and "เสียหาย" in done.stdout
    assert snapshot(env) == before


@pytest.mark.parametrize("content", [b"", b"not a database at all\n" * 500, b"SQLite format 3\x00" + b"\x00" * 4000])
def test_restore_of_a_foreign_file_is_refused_and_changes_nothing(env, tmp_path, content):
    before = snapshot(env)
    foreign = tmp_path / "foreign.bin"
    foreign.write_bytes(content)
    done = run(env, "restore", "--yes", str(foreign))
    assert done.returncode == 2, done.stdout + done.stderr
    assert "ไม่ได้เปลี่ยนแปลงฐานข้อมูล" in done.stdout and "not changed" in done.stdout
    assert snapshot(env) == before
    assert run(env, "check").returncode == 0


def test_a_backup_of_another_engine_is_refused(env, tmp_path):
    backup = tmp_path / "fund.backup"
    assert run(env, "backup", str(backup)).returncode == 0
    manifest = backup.with_name(backup.name + ".manifest.json")
    other = "sqlite" if connection.vendor == "postgresql" else "postgresql"
    vendor = "postgresql" if connection.vendor == "postgresql" else "sqlite"
    manifest.write_text(manifest.read_text(encoding="utf-8").replace(f'"engine": "{vendor}"', f'"engine": "{other}"'),
                        encoding="utf-8")
    before = snapshot(env)
    done = run(env, "restore", "--yes", str(backup))
    assert done.returncode == 2 and snapshot(env) == before


def restoring(env) -> bool:
    """The restore's temporary copy exists: a file beside the SQLite database, or a `*_restore_*` database."""
    if "DATABASE_URL" not in env:
        return bool(list(Path(env["KONGTHUN_DATA"]).glob("kongthun.sqlite3.restore-*")))
    name = env["DATABASE_URL"].rsplit("/", 1)[1]
    return bool(sql({**env, "DATABASE_URL": env["DATABASE_URL"].rsplit("/", 1)[0] + "/postgres"},
                    f"SELECT 1 FROM pg_database WHERE datname LIKE '{name}_restore_%'"))


def test_a_restore_killed_midway_leaves_the_database_as_before(env, tmp_path):
    backup = tmp_path / "fund.backup"
    assert run(env, "backup", str(backup)).returncode == 0
    seed(env, "FUND-B", 1)
    before = snapshot(env)
    for delay in (0.0, 0.4, 1.0):  # as soon as the copy exists, while copying, while checking it
        proc = subprocess.Popen([KONGTHUN, "restore", "--yes", str(backup)], env=env, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL, start_new_session=True)
        deadline = time.monotonic() + 60
        while not restoring(env) and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.02)
        time.sleep(delay)
        if proc.poll() is not None:
            pytest.fail("the restore finished before it could be killed")
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        assert snapshot(env) == before
        assert run(env, "check").returncode == 0
    done = run(env, "restore", "--yes", str(backup))  # a later restore still works (and clears leftovers)
    assert done.returncode == 0, done.stdout + done.stderr
    assert snapshot(env) != before
    assert not restoring(env)
