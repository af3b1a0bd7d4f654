"""The welfare pages in Chromium, as the people who use them would: on a 360px phone, with the keyboard
where a treasurer types a lot (the collection day) and with clicks elsewhere.

- the treasurer records a collection day keyboard-only (Tab to the first box, a number and Enter for each
  member, Enter again to save), sees the running total, the receipts numbered in order, and voids one;
- the treasurer (also on the committee) submits a claim and reads the Thai explanation, is told another
  committee member must decide it, a committee member approves, the treasurer pays and downloads the
  payment voucher, whose PDF carries the amount in Thai words;
- a lapsed member is reinstated from their page;
- the committee previews the year-end close and closes the year;
- the annual report shows its figures and its PDF and Excel download.

The database is read only before Chromium starts and after it has closed (Playwright's event loop makes
Django refuse queries in between). Screenshots of the key pages go to var/screenshots/."""

from __future__ import annotations

import io
from datetime import date

import pytest

from kongthun.money import format_baht
from kongthun.orgs.models import Organization
from tests.browser.welfare_scene import (
    LAST_YEAR_ADMIN,
    LAST_YEAR_INCOME,
    chromium,
    fits_the_phone,
    fund_scene,
    in_view,
    logged_in,
    number_tail,
    status_message,
)
from tests.integration.claims_support import *  # noqa: F403  (the claims fund and its people)
from tests.integration.claims_support import SYSTEM, enrol
from tests.integration.test_documents import normalize, text_of, write
from tests.integration.test_web_pages import compile_translations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def scene(fund_a, make_user, make_member):
    compile_translations()
    return fund_scene(fund_a, make_user, make_member)


# --- the collection day ---------------------------------------------------------------------------------


def name_in_view(page, pk: int) -> bool:
    """The member's name (the box's label) is on screen beside the box being typed in."""
    return page.evaluate("""pk => {
        const r = document.querySelector(`label[for="p${pk}"]`).getBoundingClientRect();
        return r.width > 0 && r.left >= 0 && r.right <= window.innerWidth;
    }""", pk)


def type_the_sheet(page, periods: dict[int, int]) -> int:
    """Tab from the top of the page to the first member's box, then for each member type the periods
    (or nothing) and press Enter, which moves to the next member and, after the last, to the save
    button. Returns how many boxes were passed."""
    for _ in range(60):
        if page.evaluate("document.activeElement.classList.contains('periods')"):
            break
        page.keyboard.press("Tab")
    else:
        pytest.fail("Tab never reached a member's box")
    passed = 0
    while page.evaluate("document.activeElement.classList.contains('periods')"):
        pk = int(page.evaluate("document.activeElement.id").removeprefix("p"))
        assert name_in_view(page, pk), f"member {pk}'s name is out of sight while typing their periods"
        n = periods.get(pk, 0)
        if n:
            page.keyboard.type(str(n))
        page.keyboard.press("Enter")
        passed += 1
    assert page.evaluate("document.activeElement.id") == "save"
    return passed


def test_a_collection_day_typed_with_the_keyboard_then_a_receipt_voided(live_server, scene):
    from kongthun.integrity import run_checks
    from kongthun.welfare.contributions.models import Receipt

    paying = {pk: n for pk, n in scene.periods.items() if n}
    total = sum(paying.values()) * scene.period
    with chromium() as browser:
        page = logged_in(browser, live_server, "treasurer_w")
        page.goto(f"{live_server.url}/orgs/{scene.org_id}/collections/new/")
        page.wait_for_selector("input.periods")
        passed = type_the_sheet(page, scene.periods)
        assert passed == len(scene.periods) + 1  # the lapsed member is on the sheet too, left blank
        page.wait_for_function("t => document.getElementById('total').textContent.trim() === t",
                               arg=format_baht(total))
        fits_the_phone(page, "welfare-collection-day-360")
        page.keyboard.press("Enter")  # on the save button
        page.wait_for_url("**/receipts/?date=*")
        assert f"ออกใบเสร็จ {len(paying)} ฉบับ" in status_message(page)
        assert format_baht(total) in status_message(page)
        rows = page.locator("main table tbody tr")
        assert rows.count() == len(paying)
        numbers = [rows.nth(i).locator("td").first.inner_text().strip() for i in range(rows.count())]
        tails = [number_tail(x) for x in numbers]
        assert tails == list(range(tails[0], tails[0] + len(paying))), numbers  # numbered in order, no gaps
        assert page.locator("main table tfoot td").inner_text().strip() == format_baht(total)
        fits_the_phone(page, "welfare-receipts-360")

        page.click(f"main table tbody a:text-is('{numbers[1]}')")
        page.wait_for_selector("#why")
        page.fill("#why", "บันทึกผิดคน")
        page.click("button:has-text('ยกเลิกใบเสร็จ')")
        page.wait_for_selector("article.message[role=status]")
        assert f"ยกเลิกใบเสร็จ {numbers[1]} แล้ว" in status_message(page)
        assert "บันทึกผิดคน" in page.inner_text("main")
        assert page.locator("#why").count() == 0  # a void receipt offers no second void
        fits_the_phone(page, "welfare-receipt-void-360")
        page.click("hgroup a:has-text('ใบเสร็จ')")  # back to the day's receipts
        page.wait_for_url("**/receipts/?date=*")
        assert page.locator("main table tbody tr").nth(1).locator("s").count() == 1  # struck through
        assert page.locator("main table tbody tr").nth(1).locator(".tag").inner_text() == "ยกเลิกแล้ว"
    receipts = list(Receipt.objects.filter(organization_id=scene.org_id).order_by("seq"))
    assert [r.number for r in receipts] == numbers
    assert [(r.is_void, r.void_reason) for r in receipts] == [(False, ""), (True, "บันทึกผิดคน"), (False, "")]
    assert sum(r.total for r in receipts if not r.is_void) == total - receipts[1].total
    assert run_checks() == []


@pytest.fixture
def receipt_scene(scene, treasurer_b):
    """One receipt of 90.00 baht in the fund, and a treasurer of another fund (fund B)."""
    from django.utils import timezone

    from kongthun.welfare.contributions.actions import PaymentLine, collection_record

    member = next(iter(scene.members))
    day = collection_record(organization=Organization.objects.get(pk=scene.org_id),
                            collected_on=timezone.localdate(), actor=SYSTEM, idempotency_key="browser-receipt",
                            payments=[PaymentLine(membership_id=member, periods=3)])
    receipt = day.receipts.get()
    assert receipt.total == 3 * scene.period == 9000
    return {"org_id": scene.org_id, "receipt_id": receipt.pk, "number": receipt.number}


def test_a_receipt_prints_in_thai_words_and_another_funds_treasurer_cannot_open_it(live_server, receipt_scene,
                                                                                   tmp_path):
    org, rid = receipt_scene["org_id"], receipt_scene["receipt_id"]
    page_url = f"{live_server.url}/orgs/{org}/receipts/{rid}/"
    with chromium() as browser:
        page = logged_in(browser, live_server, "treasurer_w")
        page.goto(page_url)
        assert receipt_scene["number"] in page.inner_text("main")
        href = page.get_attribute("a:has-text('A4')", "href")
        response = page.request.get(f"{live_server.url}{href}")
        assert response.status == 200 and response.headers["content-type"] == "application/pdf"
        pdf = response.body()

        other = logged_in(browser, live_server, "treasurer_b")
        refused = [other.goto(page_url).status, other.request.get(f"{page_url}pdf/?paper=a4").status]
        body = other.inner_text("body")
    receipt = text_of(write(pdf, tmp_path, "receipt.pdf"))
    assert normalize("เก้าสิบบาทถ้วน") in normalize(receipt), receipt
    assert receipt_scene["number"] in receipt and "90.00" in receipt
    assert all(code in (403, 404) for code in refused), refused
    assert receipt_scene["number"] not in body


# --- a claim from submission to the voucher -----------------------------------------------------------


@pytest.fixture
def claim_scene(fund, treasurer, checker2):
    """The claims fund (example regulation, money in the bank), a treasurer who also sits on the
    committee (a small fund), a second committee member and a member who joined in 2560."""
    from django.contrib.auth import get_user_model

    from kongthun.access.actions import role_grant
    from kongthun.access.domain import Role

    compile_translations()
    role_grant(user=get_user_model().objects.get(pk=treasurer.user_id), role=Role.COMMITTEE, actor=SYSTEM,
               organization=fund)
    member = enrol(fund, "มาลี", joined=date(2017, 1, 1))
    return {"org_id": fund.pk, "membership_id": member.pk, "member_no": member.member_no}


def test_a_claim_submitted_approved_by_another_paid_and_its_voucher(live_server, claim_scene, tmp_path):
    from kongthun.integrity import run_checks
    from kongthun.welfare.claims.models import Claim

    org = claim_scene["org_id"]
    with chromium() as browser:
        page = logged_in(browser, live_server, "claims_treasurer")
        page.goto(f"{live_server.url}/orgs/{org}/claims/new/")
        page.select_option("#membership", str(claim_scene["membership_id"]))
        page.select_option("#kind", "childbirth")
        page.fill("#event_date", "2024-03-01")
        fits_the_phone(page, "welfare-claim-form-360")
        page.click("form button[type=submit]:has-text('ยื่นคำขอ')")
        page.wait_for_selector("ol.explanation li")
        detail = page.url
        main = page.inner_text("main")
        assert "รอพิจารณา" in main and "500.00 บาท" in main and "ข้อ 5" in main
        explanation = page.locator("ol.explanation li").all_inner_texts()
        assert explanation and all(any("\u0e00" <= ch <= "\u0e7f" for ch in line) for line in explanation)
        assert "คุณเป็นผู้ยื่นคำขอนี้ จึงพิจารณาเองไม่ได้" in main  # maker-checker
        assert page.locator("button:has-text('อนุมัติ')").count() == 0
        fits_the_phone(page, "welfare-claim-submitted-360")

        committee = logged_in(browser, live_server, "claims_committee_2")
        committee.goto(detail)
        committee.fill("#approve-reason", "เอกสารครบ")
        committee.click("button:text-is('อนุมัติ')")
        committee.wait_for_selector("article.message[role=status]")
        assert "อนุมัติแล้ว" in committee.inner_text("main") and "claims_committee_2" in committee.inner_text("main")
        assert committee.locator("button:has-text('จ่าย')").count() == 0  # the committee does not pay
        fits_the_phone(committee, "welfare-claim-approved-360")

        page.reload()
        page.click("button:has-text('จ่าย 500.00 บาท')")
        page.wait_for_selector("a:has-text('ใบสำคัญจ่าย (PDF)')")
        assert "จ่ายแล้ว" in page.inner_text("main")
        fits_the_phone(page, "welfare-claim-paid-360")
        href = page.get_attribute("a:has-text('ใบสำคัญจ่าย (PDF)')", "href")
        response = page.request.get(f"{live_server.url}{href}")
        assert response.status == 200 and response.headers["content-type"] == "application/pdf"
        pdf = response.body()
    voucher = text_of(write(pdf, tmp_path, "voucher.pdf"))
    assert normalize("ห้าร้อยบาทถ้วน") in normalize(voucher), voucher  # sara am folded by normalize
    assert "500.00" in voucher
    claim = Claim.objects.get(organization_id=org)
    assert (claim.status, claim.amount, claim.decision_reason) == ("paid", 50000, "เอกสารครบ")
    assert claim.decided_by.username == "claims_committee_2" and claim.submitted_by.username == "claims_treasurer"
    assert run_checks() == []


# --- reinstatement ------------------------------------------------------------------------------------


def test_a_lapsed_member_is_reinstated_from_their_page(live_server, scene):
    from kongthun.integrity import run_checks
    from kongthun.people.models import Membership

    with chromium() as browser:
        page = logged_in(browser, live_server, "treasurer_w")
        page.goto(f"{live_server.url}/orgs/{scene.org_id}/members/{scene.lapsed_id}/")
        assert "ขาดส่ง นานแล้ว" in page.inner_text("main")
        page.click("main a:has-text('รับกลับเข้าเป็นสมาชิก')")
        button = page.locator("form button:has-text('รับเงินและรับกลับเข้าเป็นสมาชิก')")
        button.wait_for()
        fits_the_phone(page, "welfare-reinstate-360")
        button.click()
        page.wait_for_url(f"**/members/{scene.lapsed_id}/")
        assert f"สมาชิกเลขที่ {scene.lapsed_no} กลับเข้าเป็นสมาชิกแล้ว" in status_message(page)
        assert page.locator("main a:has-text('รับกลับเข้าเป็นสมาชิก')").count() == 0
        fits_the_phone(page, "welfare-reinstated-360")
    assert Membership.objects.get(pk=scene.lapsed_id).status == "active"
    assert run_checks() == []


# --- the year-end close -------------------------------------------------------------------------------


def test_the_committee_previews_then_closes_the_year(live_server, scene):
    from kongthun.integrity import run_checks
    from kongthun.ledger.models import YearClose

    surplus = LAST_YEAR_INCOME - LAST_YEAR_ADMIN
    with chromium() as browser:
        treasurer = logged_in(browser, live_server, "treasurer_w")
        treasurer.goto(f"{live_server.url}/orgs/{scene.org_id}/year-close/")
        assert treasurer.locator("button:has-text('ปิดบัญชีปี')").count() == 0  # the committee closes

        page = logged_in(browser, live_server, "committee_w")
        page.goto(f"{live_server.url}/orgs/{scene.org_id}/year-close/")
        preview = page.locator("main article").first
        preview.locator("table").wait_for()
        text = preview.inner_text()
        assert str(scene.last_year) in text and "4101" in text and "5901" in text
        assert format_baht(LAST_YEAR_INCOME, unit="") in text and format_baht(surplus) in text
        figure = preview.locator("table tbody tr", has_text="4101").locator("td.num", has_text="5,000.00")
        assert in_view(figure), "the amount to close is off the side of the phone's screen"
        fits_the_phone(page, "welfare-year-close-preview-360")
        page.fill("input[name=why]", "มติที่ประชุมใหญ่สามัญประจำปี")
        page.click(f"button:has-text('ปิดบัญชีปี {scene.last_year}')")
        page.wait_for_selector("article.message[role=status]")
        assert f"ปิดบัญชีปี {scene.last_year} แล้ว" in status_message(page)
        closed = page.locator("main section table").inner_text()
        assert str(scene.last_year) in closed and format_baht(surplus) in closed
        fits_the_phone(page, "welfare-year-closed-360")
    row = YearClose.objects.get(organization_id=scene.org_id)
    assert (row.year_name, row.surplus) == (scene.last_year, surplus)
    assert run_checks() == []


# --- the annual report --------------------------------------------------------------------------------


def test_the_annual_report_shows_its_figures_and_downloads(live_server, scene, tmp_path):
    from openpyxl import load_workbook

    income, admin = format_baht(LAST_YEAR_INCOME, unit=""), format_baht(LAST_YEAR_ADMIN, unit="")
    with chromium() as browser:
        page = logged_in(browser, live_server, "treasurer_w")
        page.goto(f"{live_server.url}/orgs/{scene.org_id}/reports/")
        annual = page.locator("main article").first
        annual.locator("select[name=year]").select_option(str(scene.last_year))
        annual.locator("button[value=html]").click()
        page.wait_for_selector("main table")
        main = page.inner_text("main")
        assert str(scene.last_year) in main and income in main and admin in main
        assert format_baht(LAST_YEAR_INCOME - LAST_YEAR_ADMIN, unit="") in main
        figure = page.locator("main table").first.locator("tbody tr", has_text="4101").locator("td", has_text=income)
        assert in_view(figure), "the income figure is off the side of the phone's screen"
        fits_the_phone(page, "welfare-annual-report-360")
        with page.expect_download() as download:
            page.click("a:has-text('ดาวน์โหลด Excel')")
        xlsx = tmp_path / download.value.suggested_filename
        download.value.save_as(xlsx)
        href = page.get_attribute("a:has-text('ดาวน์โหลด PDF')", "href")
        response = page.request.get(f"{live_server.url}{page.url.split('?')[0].removeprefix(live_server.url)}{href}")
        assert response.status == 200 and response.headers["content-type"] == "application/pdf"
        pdf = response.body()
    assert xlsx.suffix == ".xlsx"
    cells = [c for ws in load_workbook(io.BytesIO(xlsx.read_bytes())).worksheets for row in ws.iter_rows()
             for c in row if c.value is not None]
    values = {c.value for c in cells}
    assert LAST_YEAR_INCOME / 100 in values and LAST_YEAR_ADMIN / 100 in values, values
    report = text_of(write(pdf, tmp_path, "annual.pdf"))
    assert income in report and admin in report and str(scene.last_year) in report
