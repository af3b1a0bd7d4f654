"""The savings pages in Chromium on a 360px phone: the treasurer types a monthly collection with the
keyboard only (Tab to the first box, an amount and Enter for each box, Enter again on the save button),
sees the running total and the day recorded; a member's passbook shows the deposit, and a withdrawal the
group's rule forbids is refused on the page with the reason. The database is read only before Chromium
starts and after it has closed."""

from __future__ import annotations

import pytest
from django.utils import timezone

from kongthun.access.domain import Role
from kongthun.money import format_baht
from tests.browser.welfare_scene import chromium, fits_the_phone, logged_in, status_message
from tests.conftest import SYSTEM
from tests.integration.test_web_pages import compile_translations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def scene(make_org, make_user, make_member):
    from kongthun.savings.accounts.actions import policy_set

    compile_translations()
    group = make_org("GROUP-BR", kind="savings_group", tambon_code="350101")
    this_month = timezone.localdate().replace(day=1)
    policy_set(organization=group, effective_from=this_month, actor=SYSTEM, share_price=10_000,
               monthly_promise=20_000, missed_month_fine=1_000)
    make_user("sav_br_treasurer", Role.TREASURER, group)
    members = [make_member(group, first=f, last="ออมสิน", joined=this_month) for f in ("มาลี", "บุญมี", "สมใจ")]
    # what each types: savings and shares in baht ("" = left blank)
    typed = {members[0].pk: ("200", "100"), members[1].pk: ("", ""), members[2].pk: ("๕๐๐", "")}
    return {"org_id": group.pk, "members": [m.pk for m in members], "typed": typed}


def type_the_sheet(page, typed: dict[int, tuple[str, str]]) -> None:
    for _ in range(60):
        if page.evaluate("document.activeElement.classList.contains('sajja')"):
            break
        page.keyboard.press("Tab")
    else:
        pytest.fail("Tab never reached a member's savings box")
    while page.evaluate("document.activeElement.classList.contains('money')"):
        pk = int(page.evaluate("document.activeElement.name").split("_")[1])
        column = 0 if page.evaluate("document.activeElement.classList.contains('sajja')") else 1
        assert page.evaluate("""pk => {
            const r = document.querySelector(`label[for="s${pk}"]`).getBoundingClientRect();
            return r.width > 0 && r.left >= 0 && r.right <= window.innerWidth;
        }""", pk), f"member {pk}'s name is out of sight while typing"
        if typed[pk][column]:
            page.keyboard.type(typed[pk][column])
        page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "save"


def test_a_collection_typed_with_the_keyboard_and_a_refused_withdrawal(live_server, scene):
    from kongthun.savings.accounts import selectors
    from kongthun.savings.accounts.models import SavingsVoucher

    org, (a, b, c) = scene["org_id"], scene["members"]
    with chromium() as browser:
        page = logged_in(browser, live_server, "sav_br_treasurer")
        page.goto(f"{live_server.url}/orgs/{org}/savings/collect/")
        page.wait_for_selector("input.sajja")
        type_the_sheet(page, scene["typed"])
        page.wait_for_function("t => document.getElementById('total').textContent.trim() === t",
                               arg=format_baht(80_000, unit=""))
        fits_the_phone(page, "savings-collection-360")
        page.keyboard.press("Enter")
        page.wait_for_selector("article.message[role=status]")
        assert "บันทึกการเก็บเงินของสมาชิก 2 ราย" in status_message(page)
        assert "800.00" in status_message(page)

        page.goto(f"{live_server.url}/orgs/{org}/savings/members/{a}/")
        assert "200.00" in page.inner_text("#savings")
        assert "200.00" in page.locator("#passbook tbody tr td").last.inner_text()  # the running balance
        page.click("summary:has-text('ถอนเงินสัจจะ')")
        page.fill("form:has(input[value=withdraw]) input[name=amount]", "50")
        page.press("form:has(input[value=withdraw]) input[name=amount]", "Enter")
        page.wait_for_selector("#error-withdraw")
        assert "ถอนเงินฝากสัจจะได้เมื่อลาออกเท่านั้น" in page.inner_text("#error-withdraw")
        fits_the_phone(page, "savings-member-360")
        page.goto(f"{live_server.url}/orgs/{org}/savings/")
        assert "700.00" in page.inner_text("#total-savings")
        fits_the_phone(page, "savings-list-360")
        page.goto(f"{live_server.url}/orgs/{org}/savings/policy/")
        fits_the_phone(page, "savings-policy-360")
    assert SavingsVoucher.objects.filter(organization_id=org).count() == 1
    assert [selectors.savings_balance(pk, timezone.localdate()) for pk in (a, b, c)] == [20_000, 0, 50_000]
    assert selectors.share_balance(a, timezone.localdate()) == 10_000
