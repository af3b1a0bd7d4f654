"""The loan pages: a product set by the committee, an application through the form (a refusal shown with
nothing written), the committee's queue with the explanation, approval, disbursement, a repayment, the
schedule and statement PDFs, the arrears list (notify guarantors, Excel), the portfolio (post the
provision), a restructuring asked for, approved and carried out; Thai first, English on request."""

from __future__ import annotations

import io
from datetime import date, timedelta

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from kongthun.integrity import run_checks
from kongthun.ledger.models import Account
from kongthun.savings.loans.models import GuarantorNotice, Loan, LoanStatus
from tests.conftest import PASSWORD
from tests.integration.loans_support import *  # noqa: F403  (the fixtures)
from tests.integration.loans_support import running
from tests.integration.test_web_pages import compile_translations

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True, scope="module")
def _translations():
    compile_translations()


def login(client, actor):
    client.logout()
    assert client.login(username=get_user_model().objects.get(pk=actor.user_id).username, password=PASSWORD)
    return client


def text(response) -> str:
    return response.content.decode()


def test_application_decision_disbursement_and_repayment(client, group):
    org, today = group.org, timezone.localdate()
    login(client, group.treasurer)
    page = text(client.get(reverse("web:org_detail", args=[org.pk])))
    assert reverse("web:loan_index", args=[org.pk]) in page
    new = reverse("web:loan_new", args=[org.pk])
    assert "เงินกู้เพื่อการผลิต" in text(client.get(new))
    form = {"member_no": group.members[0].member_no, "product": "P1", "amount": "60,000", "term_months": "12",
            "guarantors": group.members[1].member_no, "key": "k-1"}
    r = client.post(new, form)
    assert r.status_code == 422 and "50,000.00" in text(r) and not Loan.objects.exists()
    r = client.post(new, {**form, "amount": "10000"})
    loan = Loan.objects.get()
    assert r.status_code == 302 and r["Location"] == reverse("web:loan_detail", args=[org.pk, loan.pk])
    client.post(new, {**form, "amount": "10000"})  # the same key again: still one application
    assert Loan.objects.count() == 1
    login(client, group.committee)
    queue = text(client.get(reverse("web:loan_index", args=[org.pk])))
    assert "วงเงินสูงสุดของประเภทเงินกู้ 50,000.00 บาท" in queue and loan.number in queue
    client.post(reverse("web:loan_decide", args=[org.pk, loan.pk]), {"approve": "1", "date": today.isoformat()})
    loan.refresh_from_db()
    assert loan.status == LoanStatus.APPROVED
    login(client, group.treasurer)
    client.post(reverse("web:loan_disburse", args=[org.pk, loan.pk]), {"date": today.isoformat()})
    page = text(client.get(reverse("web:loan_detail", args=[org.pk, loan.pk])))
    assert "888.49" in page and "ตารางผ่อนชำระ" in page
    r = client.post(reverse("web:loan_repay", args=[org.pk, loan.pk]),
                    {"amount": "20,000", "date": today.isoformat(), "key": "p-1"}, follow=True)
    assert "ยอดปิดบัญชี" in text(r)  # refused: more than closes the loan
    client.post(reverse("web:loan_repay", args=[org.pk, loan.pk]), {"amount": "500", "date": today.isoformat(),
                                                                    "key": "p-2"})
    loan.refresh_from_db()
    assert loan.outstanding == 1_000_000 - 50_000  # nothing due yet: all of it repays principal
    assert Account.objects.get(organization=org, code="1201").balance == loan.outstanding
    for name in ("web:loan_schedule_pdf", "web:loan_statement_pdf"):
        r = client.get(reverse(name, args=[org.pk, loan.pk]))
        assert r.status_code == 200 and r.content.startswith(b"%PDF")
    for name, figure in (("web:loan_schedule_xlsx", 888.49), ("web:loan_statement_xlsx", 500)):
        r = client.get(reverse(name, args=[org.pk, loan.pk]))
        cells = [c for row in load_workbook(io.BytesIO(r.content)).active.iter_rows(values_only=True) for c in row]
        assert r.status_code == 200 and figure in cells  # a payment of 888.49 / the 500 baht repaid
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    en = text(client.get(reverse("web:loan_detail", args=[org.pk, loan.pk])))
    assert "Repayment schedule" in en and "888.49 baht" in en
    client.post("/i18n/setlang/", {"language": "th", "next": "/"})


def test_arrears_portfolio_and_restructuring(client, group):
    org = group.org
    start = timezone.localdate() - timedelta(days=130)
    loan = running(group, amount=500_000, on=start)
    login(client, group.treasurer)
    arrears = reverse("web:loan_arrears", args=[org.pk])
    page = text(client.get(arrears))
    assert loan.number in page and "91-365 วัน" in page and "รายชื่อลูกหนี้ค้างชำระ" in page and "ณ วันที่" in page
    client.post(arrears, {"date": timezone.localdate().isoformat()})
    assert GuarantorNotice.objects.filter(loan=loan).count() == 1
    r = client.get(arrears + "?format=xlsx")
    cells = [c for row in load_workbook(io.BytesIO(r.content)).active.iter_rows(values_only=True) for c in row]
    assert loan.number in cells
    portfolio = reverse("web:loan_portfolio", args=[org.pk])
    page = text(client.get(portfolio))
    assert "100.00%" in page and "1,750.00" in page and "สถานะเงินให้กู้" in page
    client.post(portfolio, {"date": timezone.localdate().isoformat()})
    assert Account.objects.get(organization=org, code="1209").balance == -175_000
    login(client, group.committee)  # the committee changes the table: 50% from 91 days
    r = client.post(portfolio, {"table": "0:0, 31:35, 91:50, 366:100", "why": "มติที่ประชุม"}, follow=True)
    assert "2,500.00" in text(r) and "91:50" in text(r)
    r = client.post(portfolio, {"table": "0:0, 31:x"}, follow=True)
    assert "31:35" in text(r) and "วัน:ร้อยละ" in text(r)  # refused, the table as it was
    client.post(reverse("web:loan_follow_up", args=[org.pk, loan.pk]), {"note": "โทรหาผู้กู้แล้ว นัดชำระสิ้นเดือน"})
    assert "โทรหาผู้กู้แล้ว" in text(client.get(arrears))
    login(client, group.treasurer)
    assert client.get(portfolio + "?format=pdf").content.startswith(b"%PDF")
    change = reverse("web:loan_change", args=[org.pk, loan.pk])
    client.post(change, {"kind": "restructure", "term_months": "24", "annual_rate": "6", "method": "declining",
                         "frequency": "monthly", "reason": "ภัยแล้ง"})
    login(client, group.committee)
    assert "ภัยแล้ง" in text(client.get(reverse("web:loan_index", args=[org.pk])))
    client.post(reverse("web:loan_decide", args=[org.pk, loan.pk]), {"approve": "1"})
    login(client, group.treasurer)
    client.post(change, {"kind": "restructure", "carry_out": "1"})
    loan.refresh_from_db()
    assert loan.version == 2 and loan.term_months == 24
    page = text(client.get(reverse("web:loan_detail", args=[org.pk, loan.pk]) + "?version=1"))
    assert "ปรับโครงสร้างหนี้" in page
    assert run_checks() == []


def test_others_and_members_see_nothing(client, group, make_org, make_user):
    from kongthun.access.domain import Role
    from kongthun.audit.actions import Actor

    loan = running(group, on=date(2025, 1, 15))
    other = make_org("GRP-B", kind="savings_group", tambon_code="350102")
    outsider = Actor.for_user(make_user("other_treasurer", Role.TREASURER, other), "test")
    login(client, outsider)
    for url in (reverse("web:loan_detail", args=[group.org.pk, loan.pk]),
                reverse("web:loan_detail", args=[other.pk, loan.pk]),
                reverse("web:loan_arrears", args=[group.org.pk]),
                reverse("web:loan_schedule_pdf", args=[other.pk, loan.pk])):
        assert client.get(url).status_code in (403, 404)
    r = client.post(reverse("web:loan_repay", args=[other.pk, loan.pk]), {"amount": "1", "key": "x"})
    assert r.status_code in (403, 404)


def test_the_committee_sets_and_withdraws_products(client, group):
    from kongthun.savings.loans.models import LoanProduct

    org = group.org
    products = reverse("web:loan_products", args=[org.pk])
    login(client, group.treasurer)
    assert "name_th" not in text(client.get(products))  # the form is the committee's
    assert client.post(products, {"code": "X"}).status_code in (403, 404)
    login(client, group.committee)
    form = {"code": "E1", "name_th": "เงินกู้ฉุกเฉิน", "purpose": "emergency", "method": "flat", "annual_rate": "12",
            "max_term_months": "6", "frequency": "monthly", "max_amount": "5,000", "fine_amount": "20",
            "grace_days": "7"}
    r = client.post(products, {**form, "annual_rate": "120"})
    assert r.status_code == 422 and "ร้อยละ 0 ถึง 100" in text(r) and not LoanProduct.objects.filter(code="E1")
    client.post(products, form)
    assert "ค่าปรับงวดละ 20.00 บาท ผ่อนผัน 7 วัน" in text(client.get(products))
    client.post(products, {**form, "withdrawn": "1"})
    assert not LoanProduct.objects.get(code="E1").active
    login(client, group.treasurer)
    assert "เงินกู้ฉุกเฉิน" not in text(client.get(reverse("web:loan_new", args=[org.pk])))


def test_a_guarantor_on_the_committee_is_told_why_they_may_not_decide(client, group, make_user):
    from kongthun.access.actions import role_grant
    from kongthun.access.domain import Role
    from kongthun.audit.actions import Actor
    from tests.conftest import SYSTEM
    from tests.integration.loans_support import apply

    loan = apply(group)
    user = make_user("guarantor_on_committee", Role.COMMITTEE, group.org)
    role_grant(user=user, role=Role.MEMBER, organization=group.org, person=group.members[1].person, actor=SYSTEM)
    login(client, Actor.for_user(user, "test"))
    page = text(client.get(reverse("web:loan_detail", args=[group.org.pk, loan.pk])))
    assert "คุณเป็นผู้ค้ำประกันสัญญา" in page and 'name="approve"' not in page
    login(client, group.committee)
    assert 'name="approve"' in text(client.get(reverse("web:loan_detail", args=[group.org.pk, loan.pk])))
