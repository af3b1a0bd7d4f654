"""The collection day without a connection, in Chromium on a 360px phone.

The treasurer opens the collection screen and the member list while online (the service worker keeps
them), the connection drops (context.set_offline), the member list still opens, four payments are typed
with the keyboard and saved: they show as waiting on the device and the database has none of them.
Meanwhile someone marks one of those members deceased. The connection returns: three payments are
recorded, each exactly once (one receipt and one balanced entry each, also when a response is lost on
the way back and the payment is sent again with its key), and the fourth shows why it was refused.

The database is read before Chromium starts and after it closes; in between, from another thread (the
test thread runs Playwright's event loop, in which Django refuses queries)."""

from __future__ import annotations

import threading

import pytest

from kongthun.money import format_baht
from tests.browser.test_welfare_browser import type_the_sheet
from tests.browser.welfare_scene import chromium, fits_the_phone, fund_scene, logged_in
from tests.conftest import SYSTEM
from tests.integration.test_web_pages import compile_translations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def scene(fund_a, make_user, make_member):
    compile_translations()
    return fund_scene(fund_a, make_user, make_member)


def in_thread(fn):
    """Run a database call outside Playwright's event loop, on its own connection (closed after)."""
    out: dict = {}

    def run():
        from django.db import connections

        try:
            out["value"] = fn()
        except BaseException as exc:  # handed back to the test thread
            out["error"] = exc
        finally:
            connections.close_all()

    worker = threading.Thread(target=run)
    worker.start()
    worker.join(60)
    if "error" in out:
        raise out["error"]
    return out["value"]


def books(org_id: int) -> dict[str, int]:
    from django.db.models import Sum

    from kongthun.ledger.models import JournalEntry, JournalLine
    from kongthun.welfare.contributions.models import Collection, Receipt

    return {"receipts": Receipt.objects.filter(organization_id=org_id).count(),
            "collections": Collection.objects.filter(organization_id=org_id).count(),
            "entries": JournalEntry.objects.filter(organization_id=org_id).count(),
            "cash": JournalLine.objects.filter(organization_id=org_id, account__code="1101")
            .aggregate(s=Sum("amount"))["s"] or 0}


def mark_deceased(membership_id: int) -> None:
    from django.utils import timezone

    from kongthun.people.actions import membership_status_change
    from kongthun.people.models import Membership

    membership_status_change(membership=Membership.objects.get(pk=membership_id), status="deceased",
                             on=timezone.localdate(), actor=SYSTEM, why="เสียชีวิต (แจ้งระหว่างเก็บเงิน)")


def queue_states(page) -> list[str]:
    return page.eval_on_selector_all("#queue-rows tr", "rows => rows.map(r => r.dataset.state)")


def test_payments_typed_offline_are_queued_then_synced_exactly_once(live_server, scene):
    from kongthun.welfare.contributions.models import Collection, Receipt

    ids = list(scene.members)
    periods = dict(zip(ids, (2, 1, 1, 3), strict=True))
    gone = ids[2]  # dies while the treasurer is offline: their payment is refused
    kept = {pk: n for pk, n in periods.items() if pk != gone}
    before = books(scene.org_id)
    sheet = f"{live_server.url}/orgs/{scene.org_id}/collections/new/"
    members = f"{live_server.url}/orgs/{scene.org_id}/members/"
    with chromium() as browser:
        page = logged_in(browser, live_server, "treasurer_w")
        context = page.context
        page.goto(sheet)
        page.wait_for_function("navigator.serviceWorker.ready.then(r => !!r.active)")
        for url in (members, sheet):  # opened with the service worker in charge: kept for offline use
            page.goto(url)
            page.wait_for_load_state("networkidle")
        assert page.evaluate("!!navigator.serviceWorker.controller")

        context.set_offline(True)
        page.goto(members)  # the member list still opens, from what was kept
        assert scene.members[ids[0]] in page.inner_text("main")
        page.goto(sheet)
        page.wait_for_selector("input.periods")
        assert page.is_visible("#offline-banner")
        type_the_sheet(page, periods)
        page.keyboard.press("Enter")  # on the save button: kept on the device, not posted
        page.wait_for_function("document.querySelectorAll('#queue-rows tr').length === 4")
        assert queue_states(page) == ["queued"] * 4
        assert "ไม่มีสัญญาณ: เก็บรายการรับเงิน 4 รายการไว้ในเครื่องนี้แล้ว" in page.inner_text("#queue-note")
        assert "รอส่ง 4 (" + format_baht(7 * scene.period) + ")" in page.inner_text("#queue-state")
        assert page.input_value(f"#p{ids[0]}") == ""  # the sheet is clear for the next members
        fits_the_phone(page, "offline-queued-360")
        keys = page.eval_on_selector_all("#queue-rows tr", "rows => rows.map(r => r.dataset.key)")
        assert len(set(keys)) == 4  # each payment its own idempotency key
        assert in_thread(lambda: books(scene.org_id)) == before  # nothing reached the database
        in_thread(lambda: mark_deceased(gone))

        # The first answer is lost on its way back: recorded on the server, the page never hears of it.
        lost = []

        def lose_first(route):
            response = route.fetch()
            if not lost:
                lost.append(response.status)
                route.abort()
            else:
                route.fulfill(response=response)

        page.route("**/collections/sync/", lose_first)
        context.set_offline(False)
        for _ in range(100):  # back online, the screen starts sending by itself
            if lost:
                break
            page.wait_for_timeout(100)
        page.wait_for_timeout(300)
        assert queue_states(page) == ["queued"] * 4  # the lost answer stopped the round; nothing marked
        page.click("#queue-send")  # the one whose answer was lost goes again, with the same key
        page.wait_for_function("![...document.querySelectorAll('#queue-rows tr')]"
                               ".some(r => r.dataset.state === 'queued')")
        states = dict(zip(keys, queue_states(page), strict=True))
        assert lost == [201]
        assert sorted(states.values()) == ["refused", "synced", "synced", "synced"]
        refused = page.locator("#queue-rows tr[data-state=refused]")
        assert "มีสถานะเสียชีวิต รับเงินสมทบไม่ได้" in refused.inner_text()
        assert scene.members[gone] in refused.inner_text()
        receipts_shown = page.eval_on_selector_all("#queue-rows tr[data-state=synced] a", "as => as.map(a => a.text)")
        fits_the_phone(page, "offline-synced-360")
        page.reload()  # nothing is sent twice when the page comes back
        page.wait_for_selector("#queue-rows tr")
        page.wait_for_timeout(500)
        assert sorted(queue_states(page)) == ["refused", "synced", "synced", "synced"]
    after = books(scene.org_id)
    paid = sum(kept.values()) * scene.period
    assert after == {"receipts": before["receipts"] + 3, "collections": before["collections"] + 3,
                     "entries": before["entries"] + 3, "cash": before["cash"] + paid}
    receipts = Receipt.objects.filter(organization_id=scene.org_id).select_related("collection")
    assert sorted(r.number for r in receipts) == sorted(receipts_shown)
    assert {r.membership_id: r.periods for r in receipts} == kept  # each payment exactly once
    assert {r.collection.idempotency_key for r in receipts} <= set(keys)
    assert not Collection.objects.filter(receipts__membership_id=gone).exists()
