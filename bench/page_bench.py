"""Page weight and server time of the main pages, on whichever database DATABASE_URL (or the SQLite default
under KONGTHUN_DATA) names. Builds the small demo-like world of tests/browser/quality_scene.py through the
actions, then asks each page as its treasurer would, through Django's whole request stack.

Prints one JSON object: per page, the HTML bytes, the HTML as sent (gzip, kongthun's CompressMiddleware),
every stylesheet and script it links as sent, the sum, the server time (median of RUNS requests) and SQL
queries.
Run by bench/run.py."""

from __future__ import annotations

import gzip
import json
import os
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kongthun.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from tests.browser.quality_scene import PASSWORD, build_world, main_pages  # noqa: E402

RUNS = int(os.environ.get("KONGTHUN_BENCH_PAGE_RUNS", "7"))
ASSET = re.compile(r'<(?:link[^>]+rel="stylesheet"[^>]+href|script[^>]+src)="([^"]+)"')


def gzipped(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=9))


def served(client: Client, url: str) -> tuple[bytes, int]:
    """The body as a browser reads it and the bytes on the wire, asking as a browser does (gzip accepted)."""
    response = client.get(url, headers={"accept-encoding": "gzip, deflate, br"})
    if response.status_code != 200:
        raise RuntimeError(f"{url}: HTTP {response.status_code}")
    wire = b"".join(response.streaming_content) if response.streaming else response.content
    body = gzip.decompress(wire) if response.get("Content-Encoding") == "gzip" else wire
    return body, len(wire)


def asset_bytes(client: Client, html: str) -> dict[str, int]:
    """Each stylesheet and script the page links, as the server sends it (bytes on the wire)."""
    sizes = {}
    for url in ASSET.findall(html):
        if not url.startswith(settings.STATIC_URL):
            raise SystemExit(f"{url}: not served by us (a CDN?): every asset must be local")
        sizes[url] = served(client, url)[1]
    return sizes


def measure_page(client: Client, path: str) -> dict:
    """The page's figures, or {"error": why} when it does not answer 200 (the table shows it, others go on)."""
    try:
        html, html_wire = served(client, path)
    except Exception as exc:  # a page broken by work in progress must not hide the other pages' figures
        return {"error": f"{type(exc).__name__}: {exc}"[:200]}
    queries = []
    with connection.execute_wrapper(lambda execute, sql, *a: queries.append(sql) or execute(sql, *a)):
        client.get(path)  # (a wrapper, not CaptureQueriesContext: each request clears Django's query log)
    times = []
    for _ in range(RUNS):
        t0 = time.perf_counter()
        client.get(path)
        times.append((time.perf_counter() - t0) * 1000)
    assets = asset_bytes(client, html.decode())
    return {"html": len(html), "html_gz": html_wire, "assets_gz": sum(assets.values()),
            "total_gz": html_wire + sum(assets.values()), "ms": statistics.median(times),
            "queries": len(queries), "assets": assets, "html_gz9": gzipped(html)}


def main() -> dict:
    call_command("migrate", interactive=False, verbosity=0)
    setup_test_environment()
    t0 = time.perf_counter()
    world = build_world()
    built_s = time.perf_counter() - t0
    clients: dict[str, Client] = {}
    pages = {}
    for name, path, user in main_pages(world):
        if user not in clients:
            clients[user] = Client(raise_request_exception=True)
            assert clients[user].login(username=user, password=PASSWORD), user
        pages[name] = measure_page(clients[user], path)
    return {"world_s": built_s, "runs": RUNS, "pages": pages}


if __name__ == "__main__":
    print(json.dumps(main()))
