"""Every main page in Thai and in English, and light to load. On the Thai side no English phrase is left
showing where the catalogue has a Thai translation, and no English words are left that were never marked
for translation; on the English side the page's words are English. Read from what the page shows (text
outside tags). Each page's weight (HTML + CSS + JS, gzipped) stays within a budget."""

from __future__ import annotations

import gettext
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings

from tests.browser.quality_scene import PASSWORD, build_world, main_pages
from tests.integration.test_web_pages import compile_translations

pytestmark = pytest.mark.django_db
MO = Path(__file__).resolve().parents[2] / "src" / "kongthun" / "locale" / "th" / "LC_MESSAGES" / "django.mo"
# Words that are the same in both languages: file formats, codes, units, the product's name.
SAME_IN_BOTH = {"PDF", "Excel", "CSV", "xlsx", "CODI", "Kongthun", "kongthun", "English", "ID", "JV", "PIN", "FUND",
                "GROUP", "NET", "ISO"}
ENGLISH_WORD = re.compile(r"\b(?!x+\b)[A-Za-z][a-z]{3,}\b")  # (x-xxxx-xxxxx-00-5 is a masked national ID)


class Visible(HTMLParser):
    """The text a reader sees: text outside <script>, <style> and <template>, chunk by chunk."""

    def __init__(self):
        super().__init__()
        self.chunks: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "template"):
            self._hidden += 1

    def handle_endtag(self, tag):
        if tag in ("script", "style", "template"):
            self._hidden -= 1

    def handle_data(self, data):
        if not self._hidden and data.strip():
            self.chunks.append(" ".join(data.split()))


def visible(html: str) -> list[str]:
    parser = Visible()
    parser.feed(html)
    return parser.chunks


def translated_msgids() -> set[str]:
    """English texts the compiled catalogue gives a different Thai for (plural and context entries skipped)."""
    compile_translations()
    with MO.open("rb") as f:
        catalog = gettext.GNUTranslations(f)._catalog
    return {k for k, v in catalog.items() if isinstance(k, str) and k and v and v != k and "\x04" not in k
            and "%" not in k and "{" not in k and len(k) > 2}


@pytest.fixture
def world():
    compile_translations()
    return build_world(members=6)


def pages_in(client, world, language: str) -> dict[str, list[str]]:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    shown, logged = {}, None
    for name, path, user in main_pages(world):
        if user != logged:
            assert client.login(username=user, password=PASSWORD)
            client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
            logged = user
        response = client.get(path)
        assert response.status_code == 200, (name, response.status_code)
        shown[name] = visible(response.content.decode())
    return shown


def untranslated(chunks: list[str], msgids: set[str]) -> list[str]:
    found = []
    for chunk in chunks:
        english = [w for w in ENGLISH_WORD.findall(chunk) if w not in SAME_IN_BOTH]
        if chunk in msgids or any(m in chunk for m in msgids if " " in m and len(m) > 12) or english:
            found.append(chunk)
    return found


def test_thai_pages_show_no_english_left_untranslated(client, world):
    msgids = translated_msgids()
    assert len(msgids) > 100  # the catalogue was read
    problems = {name: untranslated(chunks, msgids) for name, chunks in pages_in(client, world, "th").items()}
    problems = {name: found for name, found in problems.items() if found}
    assert not problems, problems


def test_english_pages_are_in_english(client, world):
    thai = re.compile(r"[\u0e00-\u0e7f]")
    for name, chunks in pages_in(client, world, "en").items():
        words = [c for c in chunks if not thai.search(c)]
        # Names, addresses and the fund's own name stay Thai; the page's own words are English.
        assert len(words) >= len(chunks) / 3, (name, chunks)
        assert any(ENGLISH_WORD.search(c) for c in words), name


def test_the_check_finds_english_left_on_a_thai_page():
    msgids = translated_msgids()
    some = sorted(m for m in msgids if " " in m and len(m) > 12)[0]
    assert untranslated(["สมาชิก", some], msgids) == [some]
    assert untranslated(["Save changes now"], set()) == ["Save changes now"]
    assert untranslated(["เงินสด 1,234.50 บาท", "PDF", "JV000004"], msgids) == []


def test_page_weight_stays_small_and_goes_out_gzipped(client, world):
    """No framework bundle: each main page with its stylesheets and scripts, as sent (gzip), stays under
    50 KB (pages with a chart carry Chart.js, under 120 KB); its own HTML under 15 KB. The figures for every
    page are in `make bench`."""
    from bench.page_bench import asset_bytes, served

    logged = None
    for name, path, user in main_pages(world):
        if user != logged:
            assert client.login(username=user, password=PASSWORD)
            logged = user
        html, html_wire = served(client, path)
        assets = asset_bytes(client, html.decode())
        total = html_wire + sum(assets.values())
        charts = any("chart" in url for url in assets)
        assert html_wire < min(15_000, len(html) / 2), (name, html_wire, len(html))  # compressed, and small
        assert total < (120_000 if charts else 50_000), (name, total, assets)
    # The stylesheet really goes out compressed (not only a figure computed here).
    css = client.get("/static/vendor/pico/pico.min.css", headers={"accept-encoding": "gzip"})
    assert css["Content-Encoding"] == "gzip"
    assert client.get("/static/vendor/pico/pico.min.css").get("Content-Encoding") is None  # unless not accepted
