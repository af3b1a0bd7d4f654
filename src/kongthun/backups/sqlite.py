"""SQLite backups with the online backup API (สำรองขณะใช้งานได้) and restores that replace the live file
only after the copy was verified: a restore killed at any moment leaves the old database as it was."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import uuid
from collections.abc import Callable
from pathlib import Path

from kongthun.backups.manifest import describe, manifest_read, manifest_write, migrations_known, refused
from kongthun.backups.verify import checked

Progress = Callable[[int, int], None]


def _tables(con: sqlite3.Connection) -> list[str]:
    rows = con.execute("SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'")
    return [r[0] for r in rows]


def sqlite_backup(*, live: Path, target: Path, on_progress: Progress | None = None) -> dict:
    """Copy the live database page by page into `target` (written as .part, renamed when complete)."""
    part = target.with_name(target.name + ".part")
    part.unlink(missing_ok=True)
    src = sqlite3.connect(live)
    dst = sqlite3.connect(part)
    try:
        src.backup(dst, pages=256, progress=(lambda _s, left, total: on_progress(total - left, total))
                   if on_progress else None)
        dst.execute("PRAGMA journal_mode=DELETE")
        facts = describe(dst.cursor(), _tables(dst))
    finally:
        dst.close()
        src.close()
    os.replace(part, target)
    return manifest_write(target, "sqlite", facts)


def _open_foreign(path: Path) -> dict:
    """Read the candidate copy's facts, refusing anything that is not a sound kongthun SQLite database."""
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            ok = con.execute("PRAGMA integrity_check").fetchone()[0]
            if ok != "ok":
                raise refused(f"ไฟล์ฐานข้อมูลเสียหาย ({ok})", f"The database file is damaged ({ok})", path)
            tables = _tables(con)
            if "django_migrations" not in tables or "ledger_account" not in tables:
                raise refused("ไฟล์นี้ไม่ใช่ฐานข้อมูลของ kongthun", "This file is not a kongthun database", path)
            return describe(con.cursor(), tables)
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        raise refused("ไฟล์นี้ไม่ใช่ฐานข้อมูล SQLite หรือเสียหาย", f"This file is not a sound SQLite database ({exc})",
                      path) from exc


def _settle(path: Path, *, live: bool = False) -> None:
    """Fold any write-ahead log into the main file so the file alone is the whole database."""
    con = sqlite3.connect(path, timeout=20)
    try:
        busy, log, _done = con.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        if live and (busy or log > 0):
            raise refused("ฐานข้อมูลกำลังถูกใช้งานอยู่ ให้หยุดเว็บแอปก่อนกู้คืน",
                          "The database is in use; stop the web app before restoring", path)
        if not live:
            con.execute("PRAGMA journal_mode=DELETE")
    finally:
        con.close()


def sqlite_restore(*, live: Path, source: Path, on_step: Callable[[str], None] | None = None) -> dict:
    """Restore `source` over `live`: copy to a temp file beside it, verify, then swap with os.replace."""
    step = on_step or (lambda _name: None)
    for stale in live.parent.glob(f"{live.name}.restore-*"):
        stale.unlink(missing_ok=True)  # left by a restore that was killed
    manifest_read(source, "sqlite")
    step("verify / ตรวจไฟล์")
    facts = _open_foreign(source)
    migrations_known(facts["migrations"])
    temp = live.with_name(f"{live.name}.restore-{uuid.uuid4().hex[:8]}")
    try:
        src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        dst = sqlite3.connect(temp)
        try:
            src.backup(dst)
        finally:
            dst.close()
            src.close()
        step("check / ตรวจสอบบัญชี")
        checked(f"sqlite:///{temp}")
        _settle(temp)
        step("replace / สลับฐานข้อมูล")
        if live.exists():
            from django.db import connections

            connections.close_all()
            _settle(live, live=True)
        for suffix in ("-wal", "-shm"):  # empty after the checkpoint; must not meet the new file
            Path(f"{live}{suffix}").unlink(missing_ok=True)
        os.replace(temp, live)
    finally:
        for suffix in ("", "-wal", "-shm", "-journal"):
            with contextlib.suppress(FileNotFoundError):
                Path(f"{temp}{suffix}").unlink()
    return facts
