"""Run the whole suite on SQLite, then on a throwaway PostgreSQL 15 cluster, and print one summary.

The cluster lives in a temp dir on a free port, runs as the `postgres` user when we are
root (PostgreSQL refuses root), and is stopped and removed afterwards, whatever happens.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
PG_BIN = Path("/usr/lib/postgresql/15/bin")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def as_postgres(cmd: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *cmd] if os.geteuid() == 0 else cmd


def run_pytest(label: str, env: dict, extra: list[str]) -> tuple[int, str]:
    print(f"\n=== {label} ===", flush=True)
    proc = subprocess.Popen([PY, "-m", "pytest", *extra], cwd=ROOT, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True)
    lines = []
    assert proc.stdout is not None
    for line in proc.stdout:
        sys.stdout.write(line)
        lines.append(line)
    return proc.wait(), "".join(lines[-5:])


def counts(tail: str) -> dict[str, int]:
    found = {k: int(v) for v, k in re.findall(r"(\d+) (passed|failed|skipped|errors?|deselected)", tail)}
    if "error" in found:
        found["errors"] = found.pop("error")
    return found


class PostgresCluster:
    def __init__(self) -> None:
        self.dir = Path(tempfile.mkdtemp(prefix="kongthun-pg-"))
        self.port = free_port()
        if os.geteuid() == 0:
            shutil.chown(self.dir, "postgres", "postgres")
        self.data = self.dir / "data"

    def __enter__(self) -> str:
        subprocess.run(as_postgres([str(PG_BIN / "initdb"), "-D", str(self.data), "-U", "postgres", "-A", "trust",
                                    "-E", "UTF8", "--locale=C.UTF-8"]), check=True, stdout=subprocess.DEVNULL)
        opts = f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off"
        subprocess.run(as_postgres([str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-o", opts, "-l",
                                    str(self.dir / "log"), "-w", "start"]), check=True, stdout=subprocess.DEVNULL)
        return f"postgresql://postgres@127.0.0.1:{self.port}/kongthun"

    def __exit__(self, *exc) -> None:
        subprocess.run(as_postgres([str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "stop"]),
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(0.2)
        shutil.rmtree(self.dir, ignore_errors=True)


def main() -> int:
    extra = sys.argv[1:]
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    results = {}
    code_sqlite, tail = run_pytest("SQLite (embedded default)", env, extra)
    results["SQLite"] = (code_sqlite, counts(tail))
    with PostgresCluster() as url:
        code_pg, tail = run_pytest(f"PostgreSQL 15 ({url})", {**env, "DATABASE_URL": url}, extra)
    results["PostgreSQL 15"] = (code_pg, counts(tail))
    print("\n=== summary / สรุป ===")
    total_passed = total_failed = total_skipped = 0
    for label, (code, c) in results.items():
        failed = c.get("failed", 0) + c.get("errors", 0)
        print(f"{label:15} passed {c.get('passed', 0):4}  failed {failed:3}  skipped {c.get('skipped', 0):3}"
              f"  exit {code}")
        total_passed += c.get("passed", 0)
        total_failed += failed + (1 if code not in (0,) and failed == 0 else 0)
        total_skipped += c.get("skipped", 0)
    print(f"{total_passed} passed, {total_failed} failed, {total_skipped} skipped")
    return 0 if all(code == 0 for code, _ in results.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
