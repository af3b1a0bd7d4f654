"""A member on a 360px phone: logs in with their phone number and PIN (a wrong PIN first, refused), and
sees their own statement and nobody else's."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from kongthun.access.domain import Role
from tests.browser.test_smoke_browser import CHROMIUM, CHROMIUM_ARGS, SCREENSHOTS, no_horizontal_overflow
from tests.integration.test_web_pages import compile_translations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def scene(fund_a, fund_b, make_user, make_member, system_actor):
    """Written before Playwright starts: its event loop makes Django refuse database calls."""
    from kongthun.access.member_login import member_pin_issue
    from kongthun.audit.actions import Actor
    from kongthun.welfare.contributions.actions import plan_set

    compile_translations()
    treasurer = Actor.for_user(make_user("treasurer_a", Role.TREASURER, fund_a), "test")
    mine = make_member(fund_a, first="มาลี", last="ศรีงาม", phone="089-111-2233")
    other = make_member(fund_a, first="ประไพ", last="มั่งมี", phone="0894445566")
    make_member(fund_b, first="บุญมี", last="ใจดี", phone="0897778899")
    plan_set(organization=fund_a, effective_from=date(2023, 1, 1), actor=system_actor, why="มติ")
    member_pin_issue(membership=mine, pin="2580", actor=treasurer)
    return {"fund": fund_a, "mine": mine, "other": other}


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


def test_member_logs_in_with_phone_and_pin_on_a_phone(live_server, scene, browser):
    fund, mine, other = scene["fund"], scene["mine"], scene["other"]
    context = browser.new_context(viewport={"width": 360, "height": 800}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(f"{live_server.url}/login/")
    page.click("text=สมาชิก: เข้าระบบด้วยเบอร์โทรศัพท์และรหัส PIN")
    assert page.get_attribute("#id_phone", "type") == "tel"

    page.fill("#id_phone", "089 111 2233")
    page.fill("#id_pin", "0000")
    page.click("button[type=submit]")
    assert "เบอร์โทรศัพท์หรือรหัส PIN ไม่ถูกต้อง" in page.inner_text("[role=alert]")

    page.fill("#id_phone", "089 111 2233")
    page.fill("#id_pin", "2580")
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")
    body = page.inner_text("main")
    assert "การเป็นสมาชิกของฉัน" in body and "มาลี" in body and mine.member_no in body
    assert "ประไพ" not in body and "บุญมี" not in body
    width, viewport = no_horizontal_overflow(page)
    assert width <= viewport, f"home is {width}px wide on a {viewport}px phone"

    page.click("text=ใบแจ้งยอดของฉัน")
    page.wait_for_url(f"**/members/{mine.pk}/statement/**")
    statement = page.inner_text("main")
    assert "มาลี" in statement and mine.member_no in statement and "ประไพ" not in statement
    width, viewport = no_horizontal_overflow(page)
    assert width <= viewport, f"statement is {width}px wide on a {viewport}px phone"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "member-statement-360.png"), full_page=True)

    response = page.goto(f"{live_server.url}/orgs/{fund.pk}/members/{other.pk}/statement/")
    assert response.status == 404 and "ประไพ" not in page.inner_text("body")
    context.close()
