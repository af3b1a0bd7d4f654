"""Charts and the forgiving search in Chromium: the fund balance chart is drawn on its canvas beside its
table; a member typed without tone marks or with Thai digits is found live on the member list; the
collection sheet's picker puts the cursor in the member's box."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from kongthun.access.domain import Role
from tests.browser.test_smoke_browser import CHROMIUM, CHROMIUM_ARGS
from tests.conftest import PASSWORD
from tests.integration.test_web_pages import compile_translations, post_contribution

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Non-blank pixels on a canvas: Chart.js drew something.
INKED = """(c) => { const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
  let n = 0; for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++; return n; }"""


@pytest.fixture
def scene(fund_a, make_user, make_member, system_actor):
    """Written before Playwright starts: its event loop makes Django refuse database calls."""
    from kongthun.welfare.contributions.actions import plan_set

    compile_translations()
    make_user("treasurer_a", Role.TREASURER, fund_a)
    plan_set(organization=fund_a, effective_from=date(2024, 1, 1), actor=system_actor, why="มติที่ประชุม")
    members = [make_member(fund_a, first=first, last=last)
               for first, last in [("สมหญิง", "รักดี"), ("บุญมี", "มั่งมี"), ("ประเสริฐ", "ศรีสุข")]]
    post_contribution(fund_a, system_actor)
    return {"fund": fund_a, "members": members}


@pytest.fixture
def browser(scene):
    assert Path(CHROMIUM).exists(), f"{CHROMIUM} is missing: run scripts/setup.sh"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()


def logged_in(browser, live_server, viewport=(360, 800)):
    context = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]})
    page = context.new_page()
    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", "treasurer_a")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_load_state()
    return page


def test_the_fund_balance_chart_is_drawn_beside_its_table(live_server, scene, browser):
    fund = scene["fund"]
    page = logged_in(browser, live_server)
    page.goto(f"{live_server.url}/orgs/{fund.pk}/")
    canvas = page.wait_for_selector("figure#fund-balance canvas[data-drawn='1']")
    assert page.evaluate(INKED, canvas) > 100
    assert canvas.bounding_box()["height"] > 100
    table = page.inner_text("figure#fund-balance table")
    assert "1,234.50" in table and "เงินกองทุน" in page.inner_text("figure#fund-balance figcaption")
    assert page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")[0] <= 360
    # Chart.js came from this server, not a CDN
    sources = page.evaluate("Array.from(document.scripts).map(s => s.src).filter(Boolean)")
    assert any(s.startswith(live_server.url) and "chart.umd" in s for s in sources)
    assert all(s.startswith(live_server.url) for s in sources)


def test_a_live_search_finds_a_member_without_tone_marks_or_in_thai_digits(live_server, scene, browser):
    fund = scene["fund"]
    page = logged_in(browser, live_server)
    page.goto(f"{live_server.url}/orgs/{fund.pk}/members/")
    page.wait_for_selector("#members table")
    page.fill("#q", "บุญมี  มังมี")  # มั่งมี typed without its tone mark, two spaces
    page.wait_for_function("!document.querySelector('#members').innerText.includes('สมหญิง')")
    assert "บุญมี มั่งมี" in page.inner_text("#members")
    page.fill("#q", "๐๐๐๐๓")  # member number 00003 in Thai digits
    page.wait_for_function("document.querySelector('#members').innerText.includes('ประเสริฐ')")
    assert "บุญมี" not in page.inner_text("#members")


def test_the_collection_picker_moves_the_cursor_to_the_member(live_server, scene, browser):
    fund, member = scene["fund"], scene["members"][2]
    page = logged_in(browser, live_server)
    page.goto(f"{live_server.url}/orgs/{fund.pk}/collections/new/")
    page.fill("#pick-q", "ประเสริฐ ศรีสุข")
    label = page.wait_for_selector(f"#pick-results label[for='p{member.pk}']")
    label.click()
    assert page.evaluate("document.activeElement.id") == f"p{member.pk}"
    page.keyboard.type("2")
    assert page.input_value(f"#p{member.pk}") == "2"
