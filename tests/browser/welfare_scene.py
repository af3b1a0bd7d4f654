"""The welfare fund the browser tests walk through, written before Playwright starts (its event loop makes
Django refuse database calls), and the few helpers every welfare browser test shares.

Dates follow the real clock: the collection, the reinstatement and the payments happen today; the year
that is closed and reported on is the accounting year that ended last, with one collection and one
payment of its own, so the figures on the pages are known in advance."""

from __future__ import annotations

import re
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from kongthun.access.domain import Role
from tests.conftest import PASSWORD, SYSTEM

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"
PHONE = {"width": 360, "height": 740}
BAHT = 100
LAST_YEAR_INCOME = 5_000 * BAHT  # contributions of the year that ended
LAST_YEAR_ADMIN = 400 * BAHT  # administration paid in it


@dataclass
class Scene:
    """What the tests need to know about the fund, as plain values (no queries once the browser runs)."""

    org_id: int
    org_name: str
    period: int  # satang a period
    members: dict[int, str] = field(default_factory=dict)  # membership id -> full name, paying members
    periods: dict[int, int] = field(default_factory=dict)  # what each pays on the collection day
    lapsed_id: int = 0
    lapsed_no: str = ""
    last_year: int = 0  # BE name of the accounting year that ended last


def fund_scene(fund, make_user, make_member) -> Scene:
    """A welfare fund with a plan, four paying members who joined three weeks ago, one member who
    stopped paying two years ago and lapsed, a treasurer and a committee member, and a year that ended
    with income and an administration expense."""
    from django.utils import timezone

    from kongthun.ledger.actions import entry_post
    from kongthun.ledger.domain import credit, debit
    from kongthun.welfare.contributions.actions import lapses_apply, plan_in_force, plan_set

    today = timezone.localdate()
    make_user("treasurer_w", Role.TREASURER, fund)
    make_user("committee_w", Role.COMMITTEE, fund)
    plan_set(organization=fund, effective_from=date(2020, 1, 1), actor=SYSTEM, why="มติที่ประชุมใหญ่")
    joined = today - timedelta(days=21)
    names = [("สมหญิง", "รักดี"), ("บุญมี", "มั่งมี"), ("ประเสริฐ", "ศรีสุข"), ("มาลี", "ใจงาม")]
    paying = [make_member(fund, first=f, last=last, joined=joined) for f, last in names]
    gone = make_member(fund, first="ขาดส่ง", last="นานแล้ว", joined=today - timedelta(days=730))
    lapses_apply(organization=fund, on=today, actor=SYSTEM)
    gone.refresh_from_db()
    assert gone.status == "lapsed", gone.status
    year = fund.accounting_year
    last_end = year.start_of(today) - timedelta(days=1)
    entry_post(organization=fund, date=last_end - timedelta(days=60), actor=SYSTEM, memo="เงินสมทบสะสม",
               lines=[debit("1101", LAST_YEAR_INCOME), credit("4101", LAST_YEAR_INCOME)])
    entry_post(organization=fund, date=last_end - timedelta(days=30), actor=SYSTEM, memo="ค่าบริหารจัดการ",
               lines=[debit("5901", LAST_YEAR_ADMIN), credit("1101", LAST_YEAR_ADMIN)])
    scene = Scene(org_id=fund.pk, org_name=fund.name_th, period=plan_in_force(fund.pk, today).period_amount,
                  lapsed_id=gone.pk, lapsed_no=gone.member_no, last_year=year.name_of(last_end))
    for m, n in zip(paying, (2, 1, 0, 3), strict=True):
        scene.members[m.pk] = m.person.full_name_th
        scene.periods[m.pk] = n
    return scene


@contextmanager
def chromium():
    """Debian's chromium through Playwright. Used as a `with` block inside a test, so the database can
    be read again once the browser has closed."""
    assert Path(CHROMIUM).exists(), f"{CHROMIUM} is missing: run scripts/setup.sh"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def logged_in(browser, live_server, username: str, viewport=PHONE):
    """A new browser (its own cookies) with `username` logged in through the login form, keyboard only."""
    context = browser.new_context(viewport=viewport, accept_downloads=True)
    context.set_default_timeout(20_000)
    page = context.new_page()
    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.press("#id_password", "Enter")
    page.wait_for_url(lambda url: "/login/" not in url)
    return page


def fits_the_phone(page, name: str) -> None:
    """No sideways scrolling of the page at 360px (wide tables scroll inside their own box), and a
    screenshot for people to look at."""
    page.wait_for_load_state("networkidle")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], f"{name}: the page is {width}px wide on a 360px screen"
    shot(page, name)


def shot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def status_message(page) -> str:
    return page.locator("article.message[role=status]").first.inner_text()


def number_tail(text: str) -> int:
    """The running number at the end of a receipt number (e.g. 2570/0003 -> 3)."""
    match = re.search(r"(\d+)\D*$", text.strip())
    assert match, text
    return int(match[1])


def in_view(locator) -> bool:
    """The element is on screen left to right (not hidden off the side of a table that scrolls)."""
    return locator.evaluate("e => { const r = e.getBoundingClientRect(); "
                            "return r.width > 0 && r.left >= 0 && r.right <= window.innerWidth; }")
