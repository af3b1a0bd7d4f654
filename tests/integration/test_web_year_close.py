"""The year-end close page: everyone who keeps the books sees the closed years and what a close would post;
the committee closes an ended year with a reason; a refusal comes back on the page; the treasurer cannot close."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from kongthun.access.domain import Role
from kongthun.ledger.actions import entry_post
from kongthun.ledger.domain import credit, debit
from kongthun.ledger.models import YearClose
from tests.integration.test_web_contributions import login, text
from tests.integration.test_web_pages import compile_translations

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True, scope="module")
def _translations():
    compile_translations()


@pytest.fixture
def last_year(fund_a, actor_a) -> int:
    """The fund's last ended accounting year (BE), with 1,234.50 baht of contributions and 200 of expenses."""
    ay = fund_a.accounting_year
    start = ay.start_of(ay.start_of(timezone.localdate()) - timedelta(days=1))
    entry_post(organization=fund_a, date=start, memo="เงินสมทบ", actor=actor_a,
               lines=[debit("1101", 123450), credit("4101", 123450)])
    entry_post(organization=fund_a, date=start, memo="ค่าบริหาร", actor=actor_a,
               lines=[debit("5901", 20000), credit("1101", 20000)])
    return ay.name_of(start)


def test_committee_sees_the_preview_and_closes(client, fund_a, last_year, make_user):
    committee = make_user("committee_web", Role.COMMITTEE, fund_a)
    page = text(login(client, committee).get(reverse("web:year_close", args=[fund_a.pk])))
    assert f"{last_year}" in page and "1,234.50" in page and "1,034.50" in page  # the preview and the surplus
    assert "ปิดบัญชีสิ้นปี" in page and 'name="why"' in page
    response = client.post(reverse("web:year_close", args=[fund_a.pk]), {"year": last_year, "why": "มติที่ประชุมใหญ่"},
                           follow=True)
    closed = YearClose.objects.get(organization=fund_a, year_name=last_year)
    assert closed.surplus == 103450 and closed.closed_by.username == "committee_web"
    assert "1,034.50" in text(response) and closed.entry is not None
    again = client.post(reverse("web:year_close", args=[fund_a.pk]), {"year": last_year, "why": "ซ้ำ"}, follow=True)
    assert "ปิดบัญชีไปแล้ว" in text(again) and YearClose.objects.count() == 1


def test_a_year_not_ended_is_refused_on_the_page_in_english(client, fund_a, make_user):
    committee = make_user("committee_en", Role.COMMITTEE, fund_a)
    login(client, committee)
    client.cookies["django_language"] = "en"
    this_year = fund_a.accounting_year.name_of(timezone.localdate())
    response = client.post(reverse("web:year_close", args=[fund_a.pk]), {"year": this_year, "why": "early"},
                           follow=True, HTTP_ACCEPT_LANGUAGE="en")
    assert "has not ended" in text(response) and not YearClose.objects.exists()


def test_treasurer_reads_but_cannot_close_and_other_funds_see_nothing(client, fund_a, fund_b, last_year,
                                                                        treasurer_a, treasurer_b):
    page = text(login(client, treasurer_a).get(reverse("web:year_close", args=[fund_a.pk])))
    assert "1,034.50" in page and 'name="why"' not in page
    assert client.post(reverse("web:year_close", args=[fund_a.pk]), {"year": last_year}).status_code == 403
    assert login(client, treasurer_b).get(reverse("web:year_close", args=[fund_a.pk])).status_code in (403, 404)
    assert not YearClose.objects.exists()
