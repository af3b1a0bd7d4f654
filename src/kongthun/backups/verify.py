"""Verify a restored copy before it replaces anything: bring its schema up to this kongthun, then run
`kongthun check` on it (ตรวจสอบสำเนาก่อนใช้งาน) in a child process pointed at the copy."""

from __future__ import annotations

import os
import subprocess
import sys

from kongthun.errors import DomainError


def cli(url: str, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "DATABASE_URL": url, "COLUMNS": "200"}
    return subprocess.run([sys.executable, "-m", "kongthun.interfaces.cli.main", *args], env=env,
                          capture_output=True, text=True, timeout=3600)


def checked(url: str, *, migrate: bool = True) -> None:
    """Migrate (if asked) and `kongthun check` the database at `url`; refuse with check's own report."""
    if migrate:
        done = cli(url, "migrate")
        if done.returncode != 0:
            raise DomainError("integrity.restore_migrate", "ปรับปรุงโครงสร้างของสำเนาที่กู้คืนไม่สำเร็จ ไม่ได้เปลี่ยนแปลงฐานข้อมูล",
                              "The restored copy could not be migrated; the database was not changed.",
                              "migrate", {"output": (done.stdout + done.stderr)[-2000:]})
    done = cli(url, "check")
    if done.returncode != 0:
        raise DomainError("integrity.restore_check",
                          "สำเนาที่กู้คืนไม่ผ่าน kongthun check ไม่ได้เปลี่ยนแปลงฐานข้อมูล\n" + done.stdout[-3000:],
                          "The restored copy fails `kongthun check`; the database was not changed.",
                          "check", {"output": (done.stdout + done.stderr)[-3000:]})
