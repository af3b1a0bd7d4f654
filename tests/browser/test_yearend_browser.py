"""A savings group's committee member in Chromium on a 360px phone: the year-end page previews the closed
year's allocation, the post button records it, the dividend report, a passbook and the debt pages fit."""

from __future__ import annotations

from datetime import date

import pytest
from django.contrib.auth import get_user_model

from kongthun.savings.yearend.actions import yearend_rule_set
from tests.browser.test_smoke_browser import CHROMIUM, CHROMIUM_ARGS, SCREENSHOTS, no_horizontal_overflow
from tests.conftest import PASSWORD
from tests.integration.test_web_pages import compile_translations
from tests.integration.yearend_support import *  # noqa: F403  (the fixtures)
from tests.integration.yearend_support import PERCENTS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def scene(group, officers, year_2568):
    """Written before Playwright starts: its event loop makes Django refuse database calls."""
    compile_translations()
    t, c = officers
    yearend_rule_set(organization=group, percents=PERCENTS, effective_from=date(2025, 1, 1), actor=c,
                     max_dividend_rate="6")
    committee = get_user_model().objects.get(pk=c.user_id).username
    return {"group": group, "committee": committee, "member": year_2568["m"][0]}


def test_committee_posts_the_allocation_on_a_phone(live_server, scene):
    from pathlib import Path

    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), f"{CHROMIUM} is missing: run scripts/setup.sh"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    g = scene["group"]
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_context(viewport={"width": 360, "height": 740}).new_page()
        page.goto(f"{live_server.url}/login/")
        page.fill("#id_username", scene["committee"])
        page.fill("#id_password", PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_load_state("networkidle")
        page.goto(f"{live_server.url}/orgs/{g.pk}/yearend/?year=2568")
        assert "กำไรสุทธิประจำปี" in page.inner_text("main") and "ทุนสำรอง" in page.inner_text("main")
        assert no_horizontal_overflow(page)[0] <= 360
        page.screenshot(path=str(SCREENSHOTS / "yearend-360.png"), full_page=True)
        page.fill("input[name=why]", "มติที่ประชุมใหญ่")
        page.click("button:has-text('บันทึกการจัดสรรกำไรปี')")
        page.wait_for_load_state("networkidle")
        assert "บันทึกบัญชีแล้ว" in page.inner_text("main")
        for path, name in [(f"/orgs/{g.pk}/yearend/dividends/?year=2568", "dividends-360"),
                           (f"/orgs/{g.pk}/members/{scene['member'].pk}/passbook/", "passbook-360"),
                           (f"/orgs/{g.pk}/debts/", "debts-360")]:
            page.goto(live_server.url + path)
            page.wait_for_load_state("networkidle")
            width, _ = no_horizontal_overflow(page)
            assert width <= 360, f"{name}: page is {width}px wide on a 360px screen"
            page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)
        browser.close()
