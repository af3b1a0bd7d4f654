"""`kongthun backup`, `kongthun restore` and `kongthun move-to` (สำรอง กู้คืน และย้ายฐานข้อมูล).
Parse, call kongthun.backups, render; registered as top-level commands in cli/main.py."""

from __future__ import annotations

import os
from pathlib import Path

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from kongthun.errors import DomainError
from kongthun.interfaces.cli.common import fail

console = Console()


def _setup() -> dict:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kongthun.settings")
    import django
    from django.conf import settings

    django.setup()
    Path(settings.DATA_DIR).mkdir(parents=True, exist_ok=True)
    return settings.DATABASES["default"]


def _bar() -> Progress:
    return Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                    console=console)


def _is_sqlite(db: dict) -> bool:
    return db["ENGINE"].endswith("sqlite3")


def _summary(title: str, facts: dict) -> None:
    table = Table(title=title)
    table.add_column("", style="bold")
    table.add_column("")
    counts = facts.get("counts", {})
    ledger = facts.get("ledger", {})
    table.add_row("tables / ตาราง", str(len(counts)))
    table.add_row("rows / แถว", f"{sum(counts.values()):,}")
    table.add_row("accounts / บัญชี", str(ledger.get("accounts", "")))
    table.add_row("migrations", str(len(facts.get("migrations", []))))
    if facts.get("sha256"):
        table.add_row("sha256", facts["sha256"])
    console.print(table)


def backup(file: Path = typer.Argument(..., help="the backup file to write / ไฟล์สำรองที่จะเขียน")) -> None:
    """Back up the whole database to FILE (plus FILE.manifest.json). / สำรองฐานข้อมูลทั้งหมด"""
    db = _setup()
    from kongthun.backups.postgres import pg_backup
    from kongthun.backups.sqlite import sqlite_backup

    file = file.resolve()
    try:
        with _bar() as bar:
            task = bar.add_task("backup / สำรองข้อมูล", total=None)
            if _is_sqlite(db):
                facts = sqlite_backup(live=Path(db["NAME"]), target=file,
                                      on_progress=lambda done, total: bar.update(task, completed=done, total=total))
            else:
                facts = pg_backup(db=db, target=file)
                bar.update(task, completed=1, total=1)
    except DomainError as exc:
        fail(exc)
    _summary(f"backup written / สำรองข้อมูลแล้ว: {file}", facts)


def restore(
    file: Path = typer.Argument(..., exists=True, dir_okay=False, help="a file made by `kongthun backup`"),
    yes: bool = typer.Option(False, "--yes", help="replace the live database without asking / ไม่ต้องถามยืนยัน"),
) -> None:
    """Restore FILE over the database, only after `kongthun check` passed on the restored copy.
    / กู้คืนฐานข้อมูลจากไฟล์สำรอง (ตรวจสอบก่อนแทนที่)"""
    db = _setup()
    from kongthun.backups.postgres import pg_restore
    from kongthun.backups.sqlite import sqlite_restore

    if not yes and not typer.confirm("Replace the whole database with this backup? / แทนที่ฐานข้อมูลทั้งหมดด้วยไฟล์สำรองนี้?"):
        raise typer.Exit(1)
    try:
        with _bar() as bar:
            task = bar.add_task("restore / กู้คืน", total=4)
            step = lambda name: bar.update(task, advance=1, description=name)  # noqa: E731
            if _is_sqlite(db):
                facts = sqlite_restore(live=Path(db["NAME"]), source=file.resolve(), on_step=step)
            else:
                facts = pg_restore(db=db, source=file.resolve(), on_step=step)
            bar.update(task, completed=4)
    except DomainError as exc:
        fail(exc)
    _summary("restored and checked / กู้คืนและตรวจสอบแล้ว", facts)
    console.print("[green]OK: restored; `kongthun check` passed / กู้คืนสำเร็จ ตรวจสอบบัญชีผ่าน[/green]")


def move_to(url: str = typer.Argument(..., help="postgresql://user:password@host:port/database (empty)")) -> None:
    """Copy this whole installation from SQLite into an empty PostgreSQL database, verified row by row.
    / ย้ายข้อมูลทั้งหมดจาก SQLite ไปยัง PostgreSQL"""
    _setup()
    from kongthun.backups.move import move_to as move

    try:
        with _bar() as bar:
            task = bar.add_task("move / ย้ายข้อมูล", total=None)
            counts = move(url=url, on_step=lambda name, i, n: bar.update(task, completed=i, total=n,
                                                                           description=name))
    except DomainError as exc:
        fail(exc)
    _summary("moved and verified / ย้ายและตรวจสอบแล้ว", {"counts": counts})
    console.print("[green]OK: every row and balance matches; `kongthun check` passed on PostgreSQL[/green]")
    console.print("[green]ย้ายครบทุกแถว ยอดคงเหลือตรงกัน ตรวจสอบบัญชีผ่าน[/green]")
    console.print(f"Now run kongthun with DATABASE_URL={url} / ต่อไปให้ตั้งค่า DATABASE_URL เป็นฐานข้อมูลใหม่")
