"""The manifest (บัญชีกำกับไฟล์สำรอง) written beside every backup: version, migrations, row counts per table,
ledger totals and the file's sha256, so a restore can refuse a file that is damaged or not ours."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from kongthun.errors import DomainError

KIND = "kongthun-backup"


def manifest_path(backup: Path) -> Path:
    return backup.with_name(backup.name + ".manifest.json")


def sha256_of(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def version() -> str:
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as v

    try:
        return v("kongthun")
    except PackageNotFoundError:  # pragma: no cover - running from a source tree
        return "unknown"


def describe(cursor, tables: list[str]) -> dict:
    """Row counts of every table, migrations applied and the ledger totals, read with a DB-API cursor."""
    counts = {}
    for t in sorted(tables):
        cursor.execute(f'SELECT COUNT(*) FROM "{t}"')
        counts[t] = cursor.fetchone()[0]
    cursor.execute("SELECT app, name FROM django_migrations ORDER BY app, name")
    migrations = [f"{a}.{n}" for a, n in cursor.fetchall()]
    cursor.execute("SELECT COUNT(*), COALESCE(SUM(balance), 0), COALESCE(SUM(ABS(balance)), 0) FROM ledger_account")
    n, total, absolute = cursor.fetchone()
    return {"counts": counts, "migrations": migrations,
            "ledger": {"accounts": n, "sum_of_balances": int(total), "sum_of_abs_balances": int(absolute)}}


def manifest_write(backup: Path, engine: str, facts: dict) -> dict:
    data = {"kind": KIND, "engine": engine, "kongthun_version": version(), "file": backup.name,
            "sha256": sha256_of(backup), **facts}
    tmp = manifest_path(backup).with_suffix(".part")
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    tmp.replace(manifest_path(backup))
    return data


def manifest_read(backup: Path, engine: str) -> dict | None:
    """The backup's manifest checked against the file, or None when there is none; refuses a mismatch."""
    path = manifest_path(backup)
    if not path.exists():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as exc:
        raise refused("ไฟล์กำกับการสำรองอ่านไม่ได้", f"The backup's manifest cannot be read ({exc})", path) from exc
    if data.get("kind") != KIND or data.get("engine") != engine:
        raise refused(f"ไฟล์สำรองนี้ไม่ใช่ของฐานข้อมูลแบบ {engine}",
                      f"This backup is not a kongthun {engine} backup", path)
    if data.get("sha256") != sha256_of(backup):
        raise refused("ไฟล์สำรองเสียหาย: ค่า sha256 ไม่ตรงกับที่บันทึกไว้",
                      "The backup file is damaged: its sha256 differs from its manifest", backup)
    return data


def refused(th: str, en: str, where: Path | str = "") -> DomainError:
    return DomainError("invalid.backup", f"{th} ไม่ได้เปลี่ยนแปลงฐานข้อมูล", f"{en}; the database was not changed.",
                       str(where))


def migrations_known(applied: list[str]) -> None:
    """Refuse a backup made by a newer kongthun (migrations this code does not have)."""
    from django.db.migrations.loader import MigrationLoader

    known = {f"{a}.{n}" for a, n in MigrationLoader(None, ignore_no_migrations=True).disk_migrations}
    unknown = sorted(set(applied) - known)
    if not applied or "ledger.0001_initial" not in applied:
        raise refused("ไฟล์นี้ไม่ใช่ฐานข้อมูลของ kongthun", "This file is not a kongthun database")
    if unknown:
        raise refused(f"ไฟล์สำรองมาจาก kongthun รุ่นใหม่กว่า (migration ที่ไม่รู้จัก: {', '.join(unknown[:5])})",
                      f"The backup comes from a newer kongthun (unknown migrations: {', '.join(unknown[:5])})")
