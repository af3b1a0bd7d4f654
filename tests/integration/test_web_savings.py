"""The savings pages: the group's savings list, the policy page (the committee adopts, others read), the
monthly collection screen (one POST for many members, nothing twice on a re-post, a bad box shows its
message and writes nothing), a member's passbook with its running balance and a refused withdrawal shown
inline, and the leave-and-refund page; links on the group's page; other groups' pages are out of reach."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.urls import reverse

from kongthun.access.domain import Role
from kongthun.ledger.models import JournalEntry
from kongthun.savings.accounts import selectors
from kongthun.savings.accounts.actions import OpeningLine, opening_balances_record, policy_set
from kongthun.savings.accounts.models import SavingsPolicy, SavingsVoucher
from tests.conftest import PASSWORD, SYSTEM
from tests.integration.test_web_pages import compile_translations

START = date(2025, 1, 1)


@pytest.fixture(autouse=True, scope="module")
def _translations():
    compile_translations()


@pytest.fixture
def group(make_org):
    g = make_org("GROUP-W", kind="savings_group", tambon_code="350101", year_kind="calendar")
    policy_set(organization=g, effective_from=START, actor=SYSTEM, share_price=10_000, monthly_promise=20_000,
               missed_month_fine=1_000, withdrawal_rule="up_to_percent", withdrawal_percent=50)
    return g


@pytest.fixture
def members(group, make_member):
    return [make_member(group, first=first, last="ออมดี", joined=date(2024, 6, 1)) for first in ("มาลี", "บุญมี")]


@pytest.fixture
def treasurer(make_user, group):
    return make_user("sav_web_treasurer", Role.TREASURER, group)


@pytest.fixture
def committee(make_user, group):
    return make_user("sav_web_committee", Role.COMMITTEE, group)


def login(client, user):
    client.logout()
    assert client.login(username=user.username, password=PASSWORD)
    return client


def text(response) -> str:
    return response.content.decode()


def key_of(body: str) -> str:
    return re.search(r'name="key" value="([0-9a-f]{32})"', body).group(1)


def test_group_page_links_and_the_savings_list(client, treasurer, group, members):
    opening_balances_record(organization=group, on=START, actor=SYSTEM, idempotency_key="o",
                            lines=[OpeningLine(members[0].pk, 150_000, 20_000)])
    body = text(login(client, treasurer).get(reverse("web:org_detail", args=[group.pk])))
    for name in ("savings_index", "savings_collect", "savings_policy"):
        assert reverse(f"web:{name}", args=[group.pk]) in body
    detail = text(client.get(reverse("web:member_detail", args=[group.pk, members[0].pk])))
    assert reverse("web:savings_member", args=[group.pk, members[0].pk]) in detail
    body = text(client.get(reverse("web:savings_index", args=[group.pk])))
    assert "เงินฝากสัจจะและหุ้น" in body and "1,500.00" in body and "200.00" in body
    assert all(m.person.full_name_th in body for m in members)


def test_collection_screen_records_once(client, treasurer, group, members):
    url = reverse("web:savings_collect", args=[group.pk])
    body = text(login(client, treasurer).get(url, {"month": "2025-02", "date": "2025-02-05"}))
    assert "เก็บเงินสัจจะประจำเดือน" in body and f'name="sajja_{members[0].pk}"' in body
    assert "10.00" in body  # January was missed: a fine of 10 baht is due from each
    key = key_of(body)
    post = {"key": key, "date": "2025-02-05", "month": "2025-02", f"sajja_{members[0].pk}": "200",
            f"shares_{members[0].pk}": "100", f"fine_{members[0].pk}": "1", f"sajja_{members[1].pk}": "๒๐๐"}
    response = client.post(url, post)
    assert response.status_code == 302
    assert SavingsVoucher.objects.filter(organization=group, kind="collection").count() == 1
    assert selectors.savings_balance(members[1].pk, date(2025, 2, 5)) == 20_000
    assert selectors.share_balance(members[0].pk, date(2025, 2, 5)) == 10_000
    entries = JournalEntry.objects.count()
    again = client.post(url, post, follow=True)
    assert "ไม่ได้บันทึกซ้ำ" in text(again) or "already recorded" in text(again)
    assert JournalEntry.objects.count() == entries


def test_a_bad_box_shows_its_message_and_writes_nothing(client, treasurer, group, members):
    url = reverse("web:savings_collect", args=[group.pk])
    key = key_of(text(login(client, treasurer).get(url)))
    response = client.post(url, {"key": key, "date": "2025-02-05", "month": "2025-02",
                                 f"sajja_{members[0].pk}": "abc"})
    assert response.status_code == 422 and "abc" in text(response)
    response = client.post(url, {"key": key, "date": "2025-02-05", "month": "2025-02",
                                 f"shares_{members[0].pk}": "150"})
    assert response.status_code == 422 and "หุ้นละ" in text(response)
    assert not SavingsVoucher.objects.exists()


def test_member_page_passbook_and_refused_withdrawal(client, treasurer, group, members):
    m = members[0]
    opening_balances_record(organization=group, on=START, actor=SYSTEM, idempotency_key="o",
                            lines=[OpeningLine(m.pk, 100_000)])
    url = reverse("web:savings_member", args=[group.pk, m.pk])
    login(client, treasurer)
    r = client.post(url, {"form": "deposit", "key": "d1", "date": "2025-02-05", "amount": "200"})
    assert r.status_code == 302
    r = client.post(url, {"form": "withdraw", "key": "w1", "date": "2025-02-06", "amount": "700"})
    assert r.status_code == 422
    body = text(r)
    assert "ร้อยละ 50" in body and "600.00" in body  # half of 1,200 baht
    assert selectors.savings_balance(m.pk, date(2025, 12, 31)) == 120_000
    r = client.post(url, {"form": "withdraw", "key": "w2", "date": "2025-02-06", "amount": "600", "why": "ค่าเทอม"})
    assert r.status_code == 302
    body = text(client.get(url))
    # running balance: 1,000 -> 1,200 -> 600
    assert body.index("1,000.00") < body.index("1,200.00") < body.rindex("600.00")
    assert "JV" in body


def test_leave_page_pays_back(client, treasurer, group, members):
    m = members[1]
    opening_balances_record(organization=group, on=START, actor=SYSTEM, idempotency_key="o",
                            lines=[OpeningLine(m.pk, 50_000, 30_000)])
    url = reverse("web:savings_leave", args=[group.pk, m.pk])
    body = text(login(client, treasurer).get(url, {"date": "2025-03-20"}))
    # 500 baht savings and 300 baht shares, less January and February missed at 10 baht each
    assert "20.00" in body and 'id="refund-total">780.00' in body
    r = client.post(url, {"key": key_of(body), "date": "2025-03-20", "why": "ย้ายบ้าน"})
    assert r.status_code == 302
    m.refresh_from_db()
    assert m.status == "resigned" and selectors.savings_balance(m.pk, date.max) == 0


def test_policy_page_committee_adopts_treasurer_reads(client, treasurer, committee, group):
    url = reverse("web:savings_policy", args=[group.pk])
    body = text(login(client, treasurer).get(url))
    assert "200.00" in body and "ร้อยละ" in body and 'name="effective_from"' not in body
    assert client.post(url, {"effective_from": "2025-07-01"}).status_code == 403
    login(client, committee)
    post = {"effective_from": "2025-07-01", "share_price": "50", "min_shares": "1", "max_shares": "0",
            "monthly_promise": "300", "missed_month_fine": "5", "withdrawal_rule": "free",
            "withdrawal_percent": "0", "min_balance": "100", "interest_rate": "2.5",
            "interest_basis": "month_end_balance", "why": "มติที่ประชุมใหญ่"}
    assert client.post(url, post).status_code == 302
    assert SavingsPolicy.objects.filter(organization=group).count() == 2
    bad = client.post(url, {**post, "effective_from": "2025-08-01", "share_price": "0"})
    assert bad.status_code == 422 and "ราคาหุ้น" in text(bad)


def test_other_groups_and_welfare_funds_are_out_of_reach(client, treasurer, make_org, make_member, group, fund_a):
    other = make_org("GROUP-X", kind="savings_group", tambon_code="350102")
    stranger = make_member(other)
    login(client, treasurer)
    assert client.get(reverse("web:savings_index", args=[other.pk])).status_code == 404
    assert client.get(reverse("web:savings_member", args=[other.pk, stranger.pk])).status_code == 404
    assert client.get(reverse("web:savings_leave", args=[group.pk, stranger.pk])).status_code == 404
    assert client.get(reverse("web:savings_collect", args=[fund_a.pk])).status_code == 404


def test_interest_page_previews_then_posts_once(client, treasurer, group, members):
    policy_set(organization=group, effective_from=date(2025, 12, 1), actor=SYSTEM, share_price=10_000,
               monthly_promise=20_000, interest_rate="6")
    opening_balances_record(organization=group, on=date(2024, 12, 31), actor=SYSTEM, idempotency_key="o",
                            lines=[OpeningLine(members[0].pk, 100_000)])
    url = reverse("web:savings_interest", args=[group.pk])
    body = text(login(client, treasurer).get(url, {"year": "2568"}))
    # 1,000 baht all year at 6% (the policy in force at the year's end): 60.00 baht
    assert 'id="interest-total">60.00' in body and members[0].member_no in body
    key = key_of(body)
    assert client.post(url, {"year": "2568", "key": key}).status_code == 302
    assert client.post(url, {"year": "2568", "key": key}).status_code == 302  # a double tap posts once
    assert SavingsVoucher.objects.filter(kind="interest").count() == 1
    assert selectors.savings_balance(members[0].pk, date(2025, 12, 31)) == 106_000
    page = text(client.get(url, {"year": "2568"}))
    assert "ลงดอกเบี้ยของปีนี้แล้ว" in page


def test_a_member_sees_only_their_own_passbook(client, make_user, group, members):
    from kongthun.access.actions import role_grant

    me, other = members
    user = make_user("sav_member_self")
    role_grant(user=user, role=Role.MEMBER, actor=SYSTEM, organization=group, person=me.person)
    opening_balances_record(organization=group, on=START, actor=SYSTEM, idempotency_key="o",
                            lines=[OpeningLine(me.pk, 12_300), OpeningLine(other.pk, 45_600)])
    login(client, user)
    body = text(client.get(reverse("web:savings_member", args=[group.pk, me.pk])))
    assert "123.00" in body and 'name="form"' not in body  # no forms for a member
    assert client.get(reverse("web:savings_member", args=[group.pk, other.pk])).status_code in (403, 404)
    assert client.get(reverse("web:savings_collect", args=[group.pk])).status_code in (403, 404)
