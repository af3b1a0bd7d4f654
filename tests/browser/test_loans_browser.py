"""A treasurer on a 360px phone in Chromium: the loan page (schedule, what is owed, the repayment form by
keyboard), the arrears list and the portfolio fit the screen; the repayment is recorded once."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone

from tests.browser.test_smoke_browser import CHROMIUM, CHROMIUM_ARGS, SCREENSHOTS, no_horizontal_overflow
from tests.conftest import PASSWORD
from tests.integration.loans_support import *  # noqa: F403  (the fixtures)
from tests.integration.loans_support import running
from tests.integration.test_web_pages import compile_translations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def scene(group):
    """Written before Playwright starts: its event loop makes Django refuse database calls."""
    compile_translations()
    loan = running(group, on=timezone.localdate() - timedelta(days=45))
    return {"org": group.org, "loan": loan}


def test_loan_pages_on_a_phone(live_server, scene):
    assert Path(CHROMIUM).exists(), f"{CHROMIUM} is missing: run scripts/setup.sh"
    from playwright.sync_api import sync_playwright

    org, loan = scene["org"], scene["loan"]
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_context(viewport={"width": 360, "height": 740}).new_page()
        page.goto(f"{live_server.url}/login/")
        page.fill("#id_username", "g_treasurer")
        page.fill("#id_password", PASSWORD)
        page.press("#id_password", "Enter")
        page.wait_for_load_state("networkidle")
        base = f"{live_server.url}/orgs/{org.pk}/loans/"
        for url, name in [(f"{base}{loan.pk}/", "loan-360"), (f"{base}arrears/", "arrears-360"),
                          (f"{base}portfolio/", "portfolio-360"), (f"{base}new/", "loan-apply-360"),
                          (f"{base}products/", "loan-products-360"), (base, "loans-360")]:
            page.goto(url)
            page.wait_for_load_state("networkidle")
            width, _ = no_horizontal_overflow(page)
            assert width <= 360, f"{name}: page is {width}px wide on a 360px screen"
            page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)
        assert loan.number in page.inner_text("main")
        page.goto(f"{base}{loan.pk}/")
        assert "888.49" in page.inner_text("#schedule")
        assert "ค้างชำระ" in page.inner_text("#due")
        # The repayment form by keyboard: type the amount, Enter submits.
        page.fill("input[name=amount]", "888.49")
        page.press("input[name=amount]", "Enter")
        page.wait_for_load_state("networkidle")
        assert "บันทึกการรับชำระแล้ว" in page.inner_text("main")
        history = page.inner_text("#history")
        assert "ชำระ\t888.49 บาท" in history and "-" not in history.split("888.49 บาท", 1)[1]
        browser.close()
