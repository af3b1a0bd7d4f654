"""`make bench`: measure the ledger on SQLite and on a throwaway PostgreSQL 15, in one run, and print
a table of figures and ratios; then the main pages' weight and server time (bench/page_bench.py) on both.
Each database gets a fresh, empty schema."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from rich.console import Console
from rich.table import Table

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
from run_tests import PostgresCluster  # noqa: E402

N = int(os.environ.get("KONGTHUN_BENCH_ENTRIES", "2000"))


def measure(env: dict, n: int) -> dict:
    if "KONGTHUN_DATA" in env:
        Path(env["KONGTHUN_DATA"]).mkdir(parents=True, exist_ok=True)
    out = subprocess.run([sys.executable, str(ROOT / "bench" / "ledger_bench.py"), str(n)], env=env,
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def measure_pages(env: dict) -> dict:
    """bench/page_bench.py on one database: the main pages' weight and server time."""
    if "KONGTHUN_DATA" in env:
        Path(env["KONGTHUN_DATA"]).mkdir(parents=True, exist_ok=True)
    out = subprocess.run([sys.executable, str(ROOT / "bench" / "page_bench.py")], env=env,
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def pages_table(sqlite: dict, pg: dict) -> None:
    table = Table(title=f"kongthun main pages: weight (gzip, as served) and server time (median of {sqlite['runs']})")
    for name in ("page", "HTML bytes", "HTML gzip", "CSS+JS gzip", "total transfer gzip", "ms SQLite",
                 "ms PostgreSQL", "SQL queries"):
        table.add_column(name, justify="left" if name == "page" else "right")
    for name, s in sqlite["pages"].items():
        p = pg["pages"].get(name, {})
        if "error" in s:
            table.add_row(name, s["error"], "", "", "", "", "", "")
            continue
        table.add_row(name, f"{s['html']:,}", f"{s['html_gz']:,}", f"{s['assets_gz']:,}", f"{s['total_gz']:,}",
                      f"{s['ms']:.1f}", f"{p['ms']:.1f}" if "ms" in p else p.get("error", "-"), str(s["queries"]))
    Console(width=150).print(table)
    print(f"World built through the actions in {sqlite['world_s']:.1f} s (SQLite), {pg['world_s']:.1f} s (PostgreSQL)."
          " Transfer = the page's HTML + every stylesheet and script it links, as the server sends them"
          " (gzip, CompressMiddleware);"
          " a second visit loads the CSS/JS from the browser's cache.")


def main() -> None:
    base = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        results["SQLite"] = measure({**base, "KONGTHUN_DATA": tmp}, N)
        results["SQLite 4x"] = measure({**base, "KONGTHUN_DATA": tmp + "/4x"}, N * 4)
        pages_sqlite = measure_pages({**base, "KONGTHUN_DATA": tmp + "/pages"})
    with PostgresCluster() as url:
        import psycopg

        with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as c:
            c.execute("CREATE DATABASE kongthun")
            c.execute("CREATE DATABASE kongthun_pages")
        results["PostgreSQL"] = measure({**base, "DATABASE_URL": url}, N)
        pages_pg = measure_pages({**base, "DATABASE_URL": url.rsplit("/", 1)[0] + "/kongthun_pages"})

    table = Table(title=f"kongthun ledger benchmark ({N} entries of 2 lines; 'SQLite 4x' = {4 * N})")
    table.add_column("figure")
    for name in results:
        table.add_column(name, justify="right")
    table.add_column("PostgreSQL / SQLite", justify="right")
    table.add_column("SQLite 4x / SQLite", justify="right")
    rows = [("entries posted per second", "post_per_s", "{:,.0f}"),
            ("ms per posting (audited, balanced)", "post_ms", "{:.2f}"),
            ("kongthun check, seconds", "check_s", "{:.2f}"),
            ("kongthun check, ms per 1,000 entries", "check_ms_per_1000", "{:.1f}"),
            ("cash + trial balance read, ms", "balance_read_ms", "{:.2f}"),
            ("check problems (must be 0)", "check_problems", "{}")]
    for label, key, fmt in rows:
        values = [results[name][key] for name in results]
        s, s4, pg = results["SQLite"][key], results["SQLite 4x"][key], results["PostgreSQL"][key]
        table.add_row(label, *(fmt.format(v) for v in values),
                      f"{pg / s:.2f}" if s else "-", f"{s4 / s:.2f}" if s else "-")
    Console(width=150).print(table)
    print("A posting's cost should not grow with the size of the books: 'ms per posting' at 4x should stay"
          " near 1.00x; the balance read must not grow at all (stored balances).")
    pages_table(pages_sqlite, pages_pg)


if __name__ == "__main__":
    main()
