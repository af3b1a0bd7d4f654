"""What the backup, restore and move-to tests share: a `kongthun` installation of their own (an SQLite
file in a temp dir, or a fresh database on the test PostgreSQL server), filled by the real actions in a
child process, and a snapshot of its rows and balances read with plain SQL."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import uuid
from contextlib import contextmanager
from pathlib import Path

KONGTHUN = str(Path(sys.executable).with_name("kongthun"))

SEED = """
import os, sys
from datetime import date
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kongthun.settings")
import django; django.setup()
from django.core.management import call_command
call_command("migrate", interactive=False, verbosity=0)
from kongthun.audit.actions import Actor
from kongthun.ledger.actions import entry_post
from kongthun.ledger.domain import credit, debit
from kongthun.orgs.models import Organization
from kongthun.places.models import Tambon
from kongthun.orgs.actions import organization_create
from kongthun.people.actions import membership_create, person_create
from kongthun.people.domain import national_id_check_digit
actor = Actor.system("test")
if not Tambon.objects.filter(pk="350101").exists():
    from kongthun.places.actions import places_load
    places_load(actor=actor)
code, n = sys.argv[1], int(sys.argv[2])
org = Organization.objects.filter(code=code).first() or organization_create(
    code=code, name_th="กองทุนทดสอบ " + code, kind="welfare_fund", tambon_code="350101", actor=actor)
for i in range(n):
    base = f"31001{org.pk:03d}{Organization.objects.count():02d}{i:02d}"[:12]
    person = person_create(organization=org, first_name_th="สมชาย", last_name_th=f"ใจดี{i}", sex="M", actor=actor,
                           business_date=date(2025, 1, 1), national_id=base + str(national_id_check_digit(base)),
                           birth_date=date(1970, 5, 1), tambon_code="350101")
    membership_create(organization=org, person=person, joined_on=date(2024, 1, 1), actor=actor)
    entry_post(organization=org, date=date(2025, 1, 2 + i), lines=[debit("1101", 10000 + i), credit("4101", 10000 + i)],
               memo="เงินสมทบ", actor=actor)
"""


@contextmanager
def installation(tmp_path: Path, *, postgres: bool):
    """Yields the environment of an installation of its own: SQLite in tmp_path, or a fresh PG database."""
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["KONGTHUN_DATA"] = str(tmp_path)
    env["COLUMNS"] = "200"
    if not postgres:
        yield env
        return
    import psycopg

    base = os.environ["DATABASE_URL"].rsplit("/", 1)[0]
    name = f"kongthun_bk_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(f"{base}/postgres", autocommit=True) as c:
        c.execute(f'CREATE DATABASE "{name}"')
    env["DATABASE_URL"] = f"{base}/{name}"
    try:
        yield env
    finally:
        with psycopg.connect(f"{base}/postgres", autocommit=True) as c:
            c.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def seed(env: dict, code: str = "FUND-A", n: int = 3) -> None:
    done = subprocess.run([sys.executable, "-c", SEED, code, str(n)], env=env, capture_output=True, text=True,
                          timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]


def run(env: dict, *args: str, timeout: int = 600) -> subprocess.CompletedProcess:
    return subprocess.run([KONGTHUN, *args], env=env, capture_output=True, text=True, timeout=timeout)


def sql(env: dict, query: str) -> list[tuple]:
    """Rows of a query on the installation's database, read with the plain driver."""
    if "DATABASE_URL" in env:
        import psycopg

        with psycopg.connect(env["DATABASE_URL"]) as c:
            return [tuple(r) for r in c.execute(query).fetchall()]
    with sqlite3.connect(Path(env["KONGTHUN_DATA"]) / "kongthun.sqlite3") as c:
        return c.execute(query).fetchall()


TABLES = ("ledger_journalentry", "ledger_journalline", "ledger_account", "audit_auditevent", "orgs_organization",
          "people_person", "people_membership")


def snapshot(env: dict) -> dict:
    """Row counts, every account's balance and the audit chain's head: what a restore must bring back."""
    return {
        "counts": {t: sql(env, f"SELECT COUNT(*) FROM {t}")[0][0] for t in TABLES},
        "balances": sql(env, "SELECT id, balance FROM ledger_account ORDER BY id"),
        "head": sql(env, "SELECT seq, hash FROM audit_audithead"),
    }
