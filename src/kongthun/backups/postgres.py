"""PostgreSQL backups with pg_dump -Fc and restores with pg_restore into a fresh temporary database,
verified by `kongthun check`, then swapped in by renaming both databases in one transaction: a restore
killed at any moment leaves the live database as it was (at worst a stray `*_restore_*` database)."""

from __future__ import annotations

import subprocess
import uuid
from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote

from kongthun.backups.manifest import describe, manifest_read, manifest_write, migrations_known, refused
from kongthun.backups.verify import checked

PG_BIN = Path("/usr/lib/postgresql/15/bin")


def pg_url(db: dict, name: str | None = None) -> str:
    """A postgresql:// URL for Django's settings of a database (optionally another database name)."""
    user = quote(db.get("USER") or "", safe="")
    auth = f"{user}:{quote(db['PASSWORD'], safe='')}@" if db.get("PASSWORD") else (f"{user}@" if user else "")
    host = db.get("HOST") or "localhost"
    port = f":{db['PORT']}" if db.get("PORT") else ""
    return f"postgresql://{auth}{host}{port}/{quote(name or db['NAME'], safe='')}"


def _tool(name: str) -> str:
    return str(PG_BIN / name) if (PG_BIN / name).exists() else name


def _run(args: list[str], what_th: str, what_en: str) -> None:
    done = subprocess.run(args, capture_output=True, text=True)
    if done.returncode != 0:
        raise refused(f"{what_th}: {done.stderr.strip()[-500:]}", f"{what_en}: {done.stderr.strip()[-500:]}")


def _tables(cur) -> list[str]:
    cur.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
    return [r[0] for r in cur.fetchall()]


def pg_describe(url: str) -> dict:
    import psycopg

    with psycopg.connect(url) as con, con.cursor() as cur:
        return describe(cur, _tables(cur))


def pg_backup(*, db: dict, target: Path) -> dict:
    part = target.with_name(target.name + ".part")
    part.unlink(missing_ok=True)
    url = pg_url(db)
    _run([_tool("pg_dump"), "-Fc", "--no-owner", "--no-privileges", "-f", str(part), "-d", url],
         "pg_dump ไม่สำเร็จ", "pg_dump failed")
    facts = pg_describe(url)
    part.replace(target)
    return manifest_write(target, "postgresql", facts)


def _admin(db: dict):
    import psycopg

    return psycopg.connect(pg_url(db, "postgres"), autocommit=True)


def pg_restore(*, db: dict, source: Path, on_step: Callable[[str], None] | None = None) -> dict:
    step = on_step or (lambda _name: None)
    manifest_read(source, "postgresql")
    step("verify / ตรวจไฟล์")
    _run([_tool("pg_restore"), "--list", str(source)], "ไฟล์นี้ไม่ใช่ไฟล์สำรองของ pg_dump",
         "This file is not a pg_dump archive")
    live = db["NAME"]
    temp = f"{live}_restore_{uuid.uuid4().hex[:8]}"
    with _admin(db) as con:
        stale = con.execute("SELECT datname FROM pg_database WHERE datname LIKE %s",
                            [f"{live}_restore_%"]).fetchall()
        for (name,) in stale:  # left by a restore that was killed
            con.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        con.execute(f'CREATE DATABASE "{temp}"')
    swapped = False
    try:
        step("pg_restore")
        _run([_tool("pg_restore"), "--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction",
              "-d", pg_url(db, temp), str(source)], "pg_restore ไม่สำเร็จ", "pg_restore failed")
        facts = pg_describe(pg_url(db, temp))
        migrations_known(facts["migrations"])
        step("check / ตรวจสอบบัญชี")
        checked(pg_url(db, temp))
        step("replace / สลับฐานข้อมูล")
        _swap(db, live, temp)
        swapped = True
    finally:
        if not swapped:
            with _admin(db) as con:
                con.execute(f'DROP DATABASE IF EXISTS "{temp}" WITH (FORCE)')
    return facts


def _swap(db: dict, live: str, temp: str) -> None:
    """Rename live -> old and temp -> live in one transaction, then drop the old one."""
    from django.db import connections

    connections.close_all()
    old = f"{live}_old_{uuid.uuid4().hex[:8]}"
    with _admin(db) as con:
        con.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE datname = %s AND pid <> pg_backend_pid()", [live])
        with con.transaction():
            con.execute(f'ALTER DATABASE "{live}" RENAME TO "{old}"')
            con.execute(f'ALTER DATABASE "{temp}" RENAME TO "{live}"')
        con.execute(f'DROP DATABASE "{old}" WITH (FORCE)')
