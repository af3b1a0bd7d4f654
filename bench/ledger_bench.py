"""Ledger figures on whichever database DATABASE_URL (or the SQLite default) names.

Prints one JSON object: posting throughput, `check` time, balance read time. Run by bench/run.py.
"""

from __future__ import annotations

import json
import os
import sys
import time
from datetime import date, timedelta

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kongthun.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402

from kongthun.access.scope import SYSTEM  # noqa: E402
from kongthun.audit.actions import Actor  # noqa: E402
from kongthun.integrity import run_checks  # noqa: E402
from kongthun.ledger.actions import entry_post  # noqa: E402
from kongthun.ledger.domain import credit, debit  # noqa: E402
from kongthun.ledger.selectors import trial_balance  # noqa: E402
from kongthun.orgs.actions import organization_create  # noqa: E402
from kongthun.orgs.selectors import cash_balances  # noqa: E402
from kongthun.places.actions import places_load  # noqa: E402


def main(n_entries: int) -> dict:
    call_command("migrate", interactive=False, verbosity=0)
    actor = Actor.system("bench")
    places_load(actor=actor)
    org = organization_create(code="BENCH", name_th="กองทุนทดสอบความเร็ว", kind="welfare_fund",
                              tambon_code="350101", actor=actor)
    day = date(2024, 10, 1)
    t0 = time.perf_counter()
    for i in range(n_entries):
        amount = 3000 + i % 97
        entry_post(organization=org, date=day + timedelta(days=i % 300), actor=actor, memo=f"bench {i}",
                   lines=[debit("1101", amount), credit("4101", amount)])
    post_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    problems = run_checks()
    check_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    for _ in range(200):
        cash_balances(scope=SYSTEM, organization_ids=[org.pk])
        trial_balance(scope=SYSTEM, organization_id=org.pk)
    read_ms = (time.perf_counter() - t0) / 200 * 1000
    return {
        "entries": n_entries,
        "post_per_s": n_entries / post_s,
        "post_ms": post_s / n_entries * 1000,
        "check_s": check_s,
        "check_ms_per_1000": check_s / n_entries * 1000 * 1000,
        "balance_read_ms": read_ms,
        "check_problems": len(problems),
    }


if __name__ == "__main__":
    print(json.dumps(main(int(sys.argv[1]) if len(sys.argv) > 1 else 2000)))
