"""`kongthun move-to`: copy a whole installation from the embedded SQLite into an empty PostgreSQL
database (ย้ายจาก SQLite ไปยัง PostgreSQL), in one transaction, then verify every table's row count,
every account's balance and `kongthun check` on the target before reporting success."""

from __future__ import annotations

import contextlib
from collections.abc import Callable

import dj_database_url
from django.apps import apps
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connections, transaction

from kongthun.backups.manifest import refused
from kongthun.backups.verify import checked
from kongthun.errors import DomainError

TARGET = "move_target"
BATCH = 2000
Step = Callable[[str, int, int], None]


def _models():
    return [m for m in apps.get_models(include_auto_created=True)
            if m._meta.managed and not m._meta.proxy]


def _target_open(url: str) -> None:
    cfg = dj_database_url.parse(url, conn_max_age=0)
    if not cfg["ENGINE"].endswith("postgresql"):
        raise DomainError("invalid.move_target", "ปลายทางต้องเป็น postgresql://...",
                          "The target must be a postgresql://... URL", "url")
    connections.databases[TARGET] = {**connections["default"].settings_dict, **cfg, "OPTIONS": {}}


def _target_empty() -> None:
    with connections[TARGET].cursor() as cur:
        cur.execute("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")
        if cur.fetchone()[0]:
            raise refused("ฐานข้อมูลปลายทางมีข้อมูลอยู่แล้ว ใช้ได้เฉพาะฐานข้อมูลว่าง",
                          "The target database is not empty; move-to needs an empty database", "url")


def _copy(on_step: Step) -> dict[str, int]:
    """Inside one target transaction: empty what migrate seeded, copy every model's rows, reset sequences.
    FKs on PostgreSQL are DEFERRABLE INITIALLY DEFERRED, so table order does not matter."""
    target = connections[TARGET]
    models = _models()
    counts: dict[str, int] = {}
    with transaction.atomic(using=TARGET):
        tables = ", ".join(f'"{m._meta.db_table}"' for m in models)
        with target.cursor() as cur:
            cur.execute(f"TRUNCATE {tables} RESTART IDENTITY CASCADE")
        for i, model in enumerate(models, 1):
            on_step(model._meta.label, i, len(models))
            rows = model._base_manager.using("default").order_by("pk").iterator(chunk_size=BATCH)
            batch, n = [], 0
            for row in rows:
                batch.append(row)
                if len(batch) >= BATCH:
                    model._base_manager.using(TARGET).bulk_create(batch)
                    n, batch = n + len(batch), []
            if batch:
                model._base_manager.using(TARGET).bulk_create(batch)
                n += len(batch)
            counts[model._meta.db_table] = n
        with target.cursor() as cur:
            for sql in target.ops.sequence_reset_sql(no_style(), models):
                cur.execute(sql)
    return counts


def _verify(counts: dict[str, int]) -> None:
    problems = []
    for model in _models():
        source = model._base_manager.using("default").count()
        copied = model._base_manager.using(TARGET).count()
        if not (source == copied == counts[model._meta.db_table]):
            problems.append(f"{model._meta.db_table}: {source} != {copied}")
    account = apps.get_model("ledger", "Account")
    before = dict(account._base_manager.using("default").values_list("pk", "balance"))
    after = dict(account._base_manager.using(TARGET).values_list("pk", "balance"))
    problems += [f"ledger_account {pk}: {b} != {after.get(pk)}" for pk, b in before.items() if after.get(pk) != b]
    if problems or len(before) != len(after):
        raise DomainError("integrity.move_verify", "ข้อมูลที่ย้ายไม่ตรงกับต้นทาง: " + "; ".join(problems[:10]),
                          "The copy differs from the source: " + "; ".join(problems[:10]), "verify")


def _target_wipe() -> None:
    with contextlib.suppress(Exception), connections[TARGET].cursor() as cur:
        cur.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public")


def move_to(*, url: str, on_step: Step | None = None) -> dict[str, int]:
    """Copy this SQLite installation into the empty PostgreSQL database at `url`; returns rows per table."""
    step = on_step or (lambda _n, _i, _t: None)
    if connections["default"].vendor != "sqlite":
        raise DomainError("invalid.move_source", "move-to ย้ายได้จาก SQLite ที่ติดตั้งในเครื่องเท่านั้น",
                          "move-to copies from the embedded SQLite database only", "DATABASE_URL")
    _target_open(url)
    try:
        _target_empty()
        call_command("migrate", interactive=False, verbosity=0)
        call_command("migrate", database=TARGET, interactive=False, verbosity=0)
        try:
            counts = _copy(step)
            _verify(counts)
        except BaseException:
            _target_wipe()  # the target was empty before; leave it so, so the move can be tried again
            raise
    finally:
        connections[TARGET].close()
    checked(url, migrate=False)
    return counts
