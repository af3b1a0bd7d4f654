"""The web app page by page: who sees what, in Thai by default, in English on request;
amounts in baht, dates in the Buddhist Era, national IDs masked; reversal through the form."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from django.urls import reverse

from kongthun.access.domain import Role
from kongthun.ledger.actions import entry_post
from kongthun.ledger.domain import credit, debit
from kongthun.ledger.models import JournalEntry
from tests.conftest import PASSWORD

LOCALE = Path(__file__).resolve().parents[2] / "src" / "kongthun" / "locale"


def compile_translations() -> None:
    """scripts/setup.sh compiles .po to .mo; do it here too when a .mo is missing or stale,
    then drop Django's cached catalogs so the fresh one is read."""
    changed = False
    for po in LOCALE.glob("*/LC_MESSAGES/django.po"):
        mo = po.with_suffix(".mo")
        if not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime:
            assert shutil.which("msgfmt"), "msgfmt (Debian gettext) is needed: run scripts/setup.sh"
            subprocess.run(["msgfmt", "--check", "-o", str(mo), str(po)], check=True)
            changed = True
    if changed:
        from django.utils.translation import trans_real

        trans_real._translations = {}
        trans_real._default = None


def post_contribution(org, actor, satang: int = 123450, on: date = date(2025, 1, 5), memo="เก็บเงินสมทบ ม.ค."):
    return entry_post(organization=org, date=on, lines=[debit("1101", satang), credit("4101", satang)],
                      memo=memo, actor=actor)


@pytest.fixture(autouse=True, scope="module")
def _translations():
    compile_translations()


@pytest.fixture
def books_a(fund_a, actor_a, make_member):
    member = make_member(fund_a, first="สมหญิง", last="รักดี", phone="0812345678")
    entry = post_contribution(fund_a, actor_a)
    return {"member": member, "entry": entry}


def login(client, user):
    assert client.login(username=user.username, password=PASSWORD)
    return client


def text_of(response) -> str:
    return response.content.decode()


# --- language -----------------------------------------------------------------

def test_login_page_is_thai_by_default_even_for_an_english_browser(client, db):
    for headers in ({}, {"HTTP_ACCEPT_LANGUAGE": "en-US,en;q=0.9"}):
        body = text_of(client.get(reverse("web:login"), **headers))
        assert 'lang="th"' in body
        assert "เข้าสู่ระบบ" in body and "ชื่อผู้ใช้" in body and "รหัสผ่าน" in body
        assert "vendor/pico/pico.min.css" in body and "vendor/htmx/htmx.min.js" in body
        assert "//cdn" not in body and "unpkg" not in body


def test_anonymous_users_are_sent_to_login(client, db):
    response = client.get(reverse("web:home"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("web:login"))


def test_demo_hint_only_in_demo_mode(client, db, settings):
    settings.DEBUG = False
    settings.KONGTHUN_DEMO = False
    assert "kongthun</code>" not in text_of(client.get(reverse("web:login")))
    settings.KONGTHUN_DEMO = True
    body = text_of(client.get(reverse("web:login")))
    assert "บัญชีทดลองใช้" in body and "<code>treasurer</code>" in body


def test_login_with_wrong_password_says_so_in_thai(client, treasurer_a):
    body = text_of(client.post(reverse("web:login"), {"username": "treasurer_a", "password": "nope"}))
    assert "ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง" in body


def test_treasurer_home_in_thai_then_english(client, treasurer_a, fund_a, books_a):
    login(client, treasurer_a)
    body = text_of(client.get(reverse("web:home")))
    assert fund_a.name_th in body
    assert "หน้าหลัก" in body and "เงินสดและเงินฝาก" in body and "รายการบัญชีล่าสุด" in body
    assert "1,234.50 บาท" in body  # the cash on hand and the entry
    assert "5 ม.ค. 2568" in body  # 5 Jan 2025 in the Buddhist Era
    assert "JV000001" in body
    assert "ปกติ 1" in body  # members by status

    response = client.post("/i18n/setlang/", {"language": "en", "next": reverse("web:home")})
    assert response.status_code == 302
    body = text_of(client.get(reverse("web:home")))
    assert 'lang="en"' in body
    assert "Home" in body and "Cash on hand" in body and "Latest journal entries" in body
    assert "1,234.50 baht" in body and "5 Jan 2568 BE" in body
    assert "หน้าหลัก" not in body

    client.post("/i18n/setlang/", {"language": "th", "next": "/"})
    assert "หน้าหลัก" in text_of(client.get(reverse("web:home")))


# --- pages of one's own organization ------------------------------------------

def org_pages(org, member, entry) -> dict[str, str]:
    return {
        "org_list": reverse("web:org_list"),
        "org_detail": reverse("web:org_detail", args=[org.pk]),
        "member_list": reverse("web:member_list", args=[org.pk]),
        "member_detail": reverse("web:member_detail", args=[org.pk, member.pk]),
        "account_list": reverse("web:account_list", args=[org.pk]),
        "entry_list": reverse("web:entry_list", args=[org.pk]),
        "entry_detail": reverse("web:entry_detail", args=[org.pk, entry.number]),
        "network": reverse("web:network"),
    }


def test_every_page_renders_in_thai_for_the_treasurer(client, treasurer_a, fund_a, books_a):
    login(client, treasurer_a)
    expected = {
        "org_list": ["องค์กร", fund_a.name_th],
        "org_detail": ["จำนวนสมาชิกตามสถานะ", "1,234.50 บาท", "สมาชิก"],
        "member_list": ["เลขสมาชิก", "สมหญิง รักดี", "00001"],
        "member_detail": ["สมหญิง รักดี", "ประวัติสถานะ", "1 ม.ค. 2566", "ผู้รับผลประโยชน์"],
        "account_list": ["ผังบัญชี", "เงินสด", "1,234.50 บาท", "สมดุล"],
        "entry_list": ["สมุดรายวัน", "JV000001", "5 ม.ค. 2568", "1,234.50 บาท"],
        "entry_detail": ["รายการบัญชี JV000001", "เดบิต", "เครดิต", "1,234.50 บาท", "หนึ่งพันสองร้อยสามสิบสี่บาทห้าสิบสตางค์",
                         "กลับรายการนี้"],
        "network": ["ภาพรวมเครือข่าย", "1,234.50 บาท"],
    }
    for name, url in org_pages(fund_a, books_a["member"], books_a["entry"]).items():
        response = client.get(url)
        assert response.status_code == 200, name
        body = text_of(response)
        for needle in expected[name]:
            assert needle in body, (name, needle)


def test_national_ids_and_phones_are_masked(client, treasurer_a, fund_a, books_a):
    person = books_a["member"].person
    assert len(person.national_id) == 13
    login(client, treasurer_a)
    for url in (reverse("web:member_list", args=[fund_a.pk]),
                reverse("web:member_detail", args=[fund_a.pk, books_a["member"].pk]),
                reverse("web:member_list", args=[fund_a.pk]) + "?q=สมหญิง"):
        body = text_of(client.get(url))
        assert person.national_id not in body
        assert person.masked_id in body
        assert "0812345678" not in body and "xxxxxx5678" in body


def test_member_search_by_name_and_number_with_htmx_partial(client, treasurer_a, fund_a, books_a, make_member):
    make_member(fund_a, first="บุญมี", last="มั่งมี")
    login(client, treasurer_a)
    url = reverse("web:member_list", args=[fund_a.pk])
    body = text_of(client.get(url, {"q": "บุญ"}))
    assert "บุญมี มั่งมี" in body and "สมหญิง" not in body
    body = text_of(client.get(url, {"q": "00001"}))
    assert "สมหญิง รักดี" in body and "บุญมี" not in body
    partial = text_of(client.get(url, {"q": "รักดี"}, HTTP_HX_REQUEST="true"))
    assert "<html" not in partial and "สมหญิง รักดี" in partial


def test_audit_trail_needs_the_auditor(client, make_user, treasurer_a, fund_a, books_a):
    url = reverse("web:audit_list", args=[fund_a.pk])
    login(client, treasurer_a)
    assert client.get(url).status_code == 403
    auditor = make_user("auditor_a", Role.AUDITOR, fund_a)
    login(client, auditor)
    response = client.get(url)
    assert response.status_code == 200
    body = text_of(response)
    assert "บันทึกการตรวจสอบ" in body and "entry_post" in body and "membership_create" in body


# --- area roles: aggregates only ----------------------------------------------

@pytest.mark.parametrize("role,area", [(Role.COORDINATOR, ("province", "35")), (Role.CODI, ("nation", "TH"))])
def test_area_roles_see_aggregates_but_no_people_or_books(client, make_user, fund_a, fund_b, books_a, role, area):
    user = make_user(f"area_{role}", role, area=area)
    login(client, user)
    person = books_a["member"].person
    home = text_of(client.get(reverse("web:home")))
    assert fund_a.name_th in home and fund_b.name_th in home and "1,234.50 บาท" in home
    pages = org_pages(fund_a, books_a["member"], books_a["entry"])
    for name in ("org_list", "org_detail", "network"):
        response = client.get(pages[name])
        assert response.status_code == 200, name
        assert person.first_name_th not in text_of(response), name
    assert "1,234.50 บาท" in text_of(client.get(pages["network"]))
    for name in ("member_list", "member_detail", "account_list", "entry_list", "entry_detail"):
        response = client.get(pages[name])
        assert response.status_code in (403, 404), name
        assert person.first_name_th not in text_of(response), name
    assert client.get(reverse("web:audit_list", args=[fund_a.pk])).status_code in (403, 404)
    org_detail = text_of(client.get(pages["org_detail"]))
    assert pages["member_list"] not in org_detail and pages["entry_list"] not in org_detail


def test_member_sees_own_record_only(client, make_user, fund_a, books_a, make_member):
    other = make_member(fund_a, first="มานะ", last="ขยัน")
    me = books_a["member"]
    user = make_user("member_a", Role.MEMBER, fund_a, person=me.person)
    login(client, user)
    home = text_of(client.get(reverse("web:home")))
    assert "การเป็นสมาชิกของฉัน" in home and fund_a.name_th in home and me.member_no in home
    assert client.get(reverse("web:member_detail", args=[fund_a.pk, me.pk])).status_code == 200
    response = client.get(reverse("web:member_detail", args=[fund_a.pk, other.pk]))
    assert response.status_code == 404 and "มานะ" not in text_of(response)
    assert client.get(reverse("web:member_list", args=[fund_a.pk])).status_code in (403, 404)
    assert client.get(reverse("web:entry_list", args=[fund_a.pk])).status_code in (403, 404)


# --- reversal through the form ------------------------------------------------

def test_reversal_through_the_web_form(client, treasurer_a, fund_a, books_a):
    entry = books_a["entry"]
    login(client, treasurer_a)
    url = reverse("web:entry_reverse", args=[fund_a.pk, entry.number])

    response = client.post(url, {"why": "  "}, follow=True)
    assert "กรุณาระบุเหตุผลในการกลับรายการ" in text_of(response)
    assert JournalEntry.objects.filter(organization=fund_a).count() == 1

    response = client.post(url, {"why": "บันทึกผิด", "date": "2025-01-06"})
    assert response.status_code == 302
    reversal = JournalEntry.objects.get(reverses=entry)
    assert response["Location"] == reverse("web:entry_detail", args=[fund_a.pk, reversal.number])
    body = text_of(client.get(response["Location"]))
    assert "กลับรายการ JV000001 แล้ว ด้วยรายการ JV000002" in body
    assert "6 ม.ค. 2568" in body and reverse("web:entry_detail", args=[fund_a.pk, 1]) in body
    original = text_of(client.get(reverse("web:entry_detail", args=[fund_a.pk, 1])))
    assert "ถูกกลับรายการโดย" in original and "กลับรายการนี้" not in original  # no second form
    home = text_of(client.get(reverse("web:home")))
    assert "0.00 บาท" in home  # cash back to zero

    response = client.post(url, {"why": "อีกครั้ง"}, follow=True)
    assert "รายการ JV000001 ถูกกลับรายการไปแล้ว" in text_of(response)
    assert JournalEntry.objects.filter(organization=fund_a).count() == 2

    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    response = client.post(url, {"why": "again"}, follow=True)
    assert "Entry JV000001 has already been reversed" in text_of(response)


def test_a_receipt_entry_is_not_reversed_from_the_journal(client, treasurer_a, fund_a, system_actor):
    entry = entry_post(organization=fund_a, date=date(2025, 1, 5), memo="ใบเสร็จ 1", actor=system_actor,
                       source="collection", lines=[debit("1101", 3000), credit("4101", 3000)])
    login(client, treasurer_a)
    detail = text_of(client.get(reverse("web:entry_detail", args=[fund_a.pk, entry.number])))
    assert "ให้ยกเลิกที่หน้าของงานนั้น" in detail and "กลับรายการนี้" not in detail
    response = client.post(reverse("web:entry_reverse", args=[fund_a.pk, entry.number]), {"why": "ลอง"},
                           follow=True)
    assert "ต้องยกเลิกที่หน้าของงานนั้น" in text_of(response)
    assert not JournalEntry.objects.filter(reverses=entry).exists()


def test_committee_may_read_the_books_but_not_reverse(client, make_user, fund_a, books_a):
    committee = make_user("committee_a", Role.COMMITTEE, fund_a)
    login(client, committee)
    detail = text_of(client.get(reverse("web:entry_detail", args=[fund_a.pk, 1])))
    assert "JV000001" in detail and "กลับรายการนี้" not in detail
    response = client.post(reverse("web:entry_reverse", args=[fund_a.pk, 1]), {"why": "ลอง"})
    assert response.status_code == 403
    assert JournalEntry.objects.filter(organization=fund_a).count() == 1


def test_reverse_needs_post(client, treasurer_a, fund_a, books_a):
    login(client, treasurer_a)
    assert client.get(reverse("web:entry_reverse", args=[fund_a.pk, 1])).status_code == 405
