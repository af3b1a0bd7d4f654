"""The home pages of a savings group (กลุ่มออมทรัพย์): the treasurer's overdue loans, the committee's loan
applications waiting, and a member's own savings and loans (logged in by phone + PIN), nothing of others."""

from __future__ import annotations

from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from kongthun.access.member_login import member_pin_issue
from kongthun.people.models import Person
from tests.conftest import PASSWORD
from tests.integration.loans_support import *  # noqa: F403  (the fixtures)
from tests.integration.loans_support import apply, running
from tests.integration.test_web_pages import compile_translations


@pytest.fixture(autouse=True, scope="module")
def _translations():
    compile_translations()


def home_of(client, actor) -> str:
    user = get_user_model().objects.get(pk=actor.user_id)
    assert client.login(username=user.username, password=PASSWORD)
    return client.get(reverse("web:home")).content.decode()


@pytest.fixture
def loans(group):  # noqa: F405
    late = running(group, on=date(2025, 1, 15))  # nothing repaid since: overdue today
    waiting = apply(group, member=2, guarantors=(1,), on=date(2025, 2, 1))
    return {"late": late, "waiting": waiting}


def test_treasurer_sees_overdue_loans_and_committee_sees_applications(client, group, loans):  # noqa: F405
    body = home_of(client, group.treasurer)
    assert "งานวันนี้" in body and "เงินกู้ค้างชำระ" in body
    assert reverse("web:loan_detail", args=[group.org.pk, loans["late"].pk]) in body and "สมาชิก0" in body
    client.logout()
    body = home_of(client, group.committee)
    assert "รอกรรมการพิจารณา (1)" in body and "คำขอกู้" in body and "สมาชิก2" in body
    assert reverse("web:loan_detail", args=[group.org.pk, loans["waiting"].pk]) in body


def test_member_sees_own_savings_and_loans_only(client, group, loans):  # noqa: F405
    borrower = group.members[0]
    Person.objects.filter(pk=borrower.person_id).update(phone="0861112222")
    borrower.person.refresh_from_db()
    member_pin_issue(membership=borrower, pin="1111", actor=group.treasurer)
    assert client.post(reverse("web:member_login"), {"phone": "0861112222", "pin": "1111"}).status_code == 302
    body = client.get(reverse("web:home")).content.decode()
    assert "เงินกู้ของฉัน" in body and loans["late"].number in body and "เงินฝากสัจจะ" in body
    assert reverse("web:savings_member", args=[group.org.pk, borrower.pk]) in body
    assert "สมาชิก2" not in body and loans["waiting"].number not in body and "100,000.00" not in body
    other = reverse("web:loan_detail", args=[group.org.pk, loans["waiting"].pk])
    assert client.get(other).status_code == 404
