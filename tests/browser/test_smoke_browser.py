"""A treasurer in Chromium: log in, Thai home page with the fund, members list, a 360px phone."""

from __future__ import annotations

from pathlib import Path

import pytest

from kongthun.access.domain import Role
from tests.conftest import PASSWORD
from tests.integration.test_web_pages import compile_translations, post_contribution

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def scene(fund_a, make_user, make_member, system_actor):
    """Written before Playwright starts: its event loop makes Django refuse database calls."""
    compile_translations()
    make_user("treasurer_a", Role.TREASURER, fund_a)
    for first, last in [("สมหญิง", "รักดี"), ("บุญมี", "มั่งมี"), ("ประเสริฐ", "ศรีสุข")]:
        make_member(fund_a, first=first, last=last, phone="0812345678")
    post_contribution(fund_a, system_actor)
    return {"fund": fund_a}


@pytest.fixture
def browser(scene):
    # Setup installs Debian's chromium; without it this test fails rather than skips.
    assert Path(CHROMIUM).exists(), f"{CHROMIUM} is missing: run scripts/setup.sh"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()


def no_horizontal_overflow(page) -> tuple[int, int]:
    return page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")


def test_treasurer_in_the_browser(live_server, scene, browser):
    fund_a = scene["fund"]
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    # An English browser still gets Thai: Thai is the default until the user switches.
    context = browser.new_context(locale="en-US", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(f"{live_server.url}/")
    assert "/login/" in page.url
    assert page.get_attribute("html", "lang") == "th"
    page.fill("#id_username", "treasurer_a")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]:has-text('เข้าสู่ระบบ')")
    page.wait_for_selector("h2")
    assert fund_a.name_th in page.inner_text("main")
    assert "เงินสดและเงินฝาก" in page.inner_text("main")
    assert "1,234.50 บาท" in page.inner_text("main")
    # Pico CSS came from our own static files (not a CDN) and applied.
    assert page.evaluate("getComputedStyle(document.querySelector('main')).maxWidth") not in ("", "none")
    page.screenshot(path=str(SCREENSHOTS / "home-desktop.png"), full_page=True)

    page.click("main a:has-text('สมาชิก')")
    page.wait_for_selector("table")
    assert "สมหญิง รักดี" in page.inner_text("main")
    # htmx live search swaps the table.
    page.fill("#q", "บุญ")
    page.wait_for_function("!document.querySelector('#members').innerText.includes('สมหญิง')")
    assert "บุญมี มั่งมี" in page.inner_text("#members")

    page.set_viewport_size({"width": 360, "height": 740})
    for path, name in [(page.url, "members-360"), (f"{live_server.url}/", "home-360")]:
        page.goto(path)
        page.wait_for_load_state("networkidle")
        scroll_width, inner = no_horizontal_overflow(page)
        assert scroll_width <= 360, f"{name}: page is {scroll_width}px wide on a 360px screen"
        page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)
    # Touch targets: the language buttons and the nav links are at least 44px high.
    heights = page.evaluate("[...document.querySelectorAll('nav a, nav button, .lang-switch button')]"
                            ".map(e => e.getBoundingClientRect().height)")
    assert heights and min(heights) >= 44, heights

    page.click(".lang-switch button[value=en]")
    page.wait_for_load_state("networkidle")
    assert "Cash on hand" in page.inner_text("main")
    assert "1,234.50 baht" in page.inner_text("main")
    context.close()
