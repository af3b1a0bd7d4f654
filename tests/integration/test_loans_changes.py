"""Restructuring, write-off, provisioning, guarantor notices and `kongthun check` for loans."""

from datetime import date
from decimal import Decimal

import pytest

from kongthun.integrity import run_checks
from kongthun.ledger.models import Account, JournalEntry
from kongthun.savings.loans.actions import loan_repay
from kongthun.savings.loans.changes import (
    loan_change_approve,
    loan_change_reject,
    loan_change_request,
    loan_guarantors_notify,
    loan_provision_post,
    loan_provision_table_set,
    loan_restructure,
    loan_write_off,
)
from kongthun.savings.loans.models import GuarantorNotice, Instalment, LoanStatus, ScheduleVersion
from kongthun.savings.loans.selectors import portfolio
from tests.integration.loans_support import *  # noqa: F403  (the fixtures)
from tests.integration.loans_support import running

pytestmark = pytest.mark.django_db


def balance(org, code):
    return Account.objects.get(organization=org, code=code).balance


def test_restructure_keeps_history_and_capitalises_arrears(group, make_user, refused):
    from kongthun.access.actions import role_grant
    from kongthun.access.domain import Role
    from kongthun.audit.actions import Actor
    from tests.conftest import SYSTEM

    both = make_user("both", Role.TREASURER, group.org)
    role_grant(user=both, role=Role.COMMITTEE, organization=group.org, actor=SYSTEM)
    both = Actor.for_user(both, "test")
    loan = running(group)  # 10,000 baht, 15 Jan; nothing paid
    change = loan_change_request(loan=loan, kind="restructure", on=date(2025, 5, 1), reason="น้ำท่วมนา",
                                 actor=both, terms={"term_months": 24, "annual_rate": "6"})
    with refused("forbidden.maker_checker"):  # who asked may not decide
        loan_change_approve(change=change, actor=both, on=date(2025, 5, 2))
    with refused("forbidden.scope"):  # a treasurer does not decide
        loan_change_approve(change=change, actor=group.treasurer, on=date(2025, 5, 2))
    with refused("conflict.change_not_approved"):
        loan_restructure(change=change, on=date(2025, 5, 2), actor=group.treasurer)
    loan_change_approve(change=change, actor=group.committee, on=date(2025, 5, 2))
    loan = loan_restructure(change=change, on=date(2025, 5, 2), actor=group.treasurer)
    # Unpaid: Feb, Mar, Apr interest (100 + 92.12 + 84.15 baht, per the first schedule), part of May's,
    # and three late fines of 50 baht.
    assert loan.version == 2
    v2 = ScheduleVersion.objects.get(loan=loan, version=2)
    assert v2.principal == loan.outstanding == balance(group.org, "1201")
    assert balance(group.org, "4402") == -15000
    assert v2.principal - 1_000_000 == -balance(group.org, "4401") + 15000
    assert Instalment.objects.filter(loan=loan, version=1).count() == 12  # the old schedule is kept
    assert Instalment.objects.filter(loan=loan, version=2).count() == 24
    p = portfolio(group.org.pk, date(2025, 5, 3)).positions[0]
    assert p.days_overdue == 0 and p.outstanding == v2.principal
    assert run_checks() == []


def test_write_off_uses_the_allowance_then_expense(group, refused):
    loan = running(group, amount=500_000)
    on = date(2025, 6, 1)  # 106 days since the first instalment fell due: 35%
    loan_provision_post(organization=group.org, on=on, actor=group.treasurer)
    assert balance(group.org, "1209") == -175_000 and balance(group.org, "5202") == 175_000
    assert loan_provision_post(organization=group.org, on=on, actor=group.treasurer) == 0  # already there
    change = loan_change_request(loan=loan, kind="write_off", on=on, reason="ผู้กู้ย้ายถิ่น ติดตามไม่ได้",
                                 actor=group.treasurer)
    with refused("conflict.change_pending"):
        loan_change_request(loan=loan, kind="write_off", on=on, reason="ซ้ำ", actor=group.treasurer)
    loan_change_approve(change=change, actor=group.committee, on=on)
    loan = loan_write_off(change=change, on=on, actor=group.treasurer)
    assert loan.status == LoanStatus.WRITTEN_OFF and loan.outstanding == 0
    assert balance(group.org, "1201") == 0 and balance(group.org, "1209") == 0
    assert balance(group.org, "5202") == 500_000  # 1,750 provided earlier + 3,250 now
    with refused("conflict.loan_status"):
        loan_repay(loan=loan, amount=100, on=on, actor=group.treasurer, idempotency_key="after")
    assert run_checks() == []


def test_rejected_change_and_configurable_table(group, refused):
    loan = running(group, amount=500_000)
    change = loan_change_request(loan=loan, kind="write_off", on=date(2025, 3, 1), reason="ขอตัดหนี้",
                                 actor=group.treasurer)
    loan_change_reject(change=change, actor=group.committee2, on=date(2025, 3, 2), reason="ยังติดตามได้")
    with refused("conflict.change_not_approved"):
        loan_write_off(change=change, on=date(2025, 3, 3), actor=group.treasurer)
    with refused("invalid.provision_order"):
        loan_provision_table_set(organization=group.org, rows=[(0, 0), (31, 50), (91, 20)], actor=group.committee)
    loan_provision_table_set(organization=group.org, rows=[(0, 1), (1, 10), (31, 50), (366, 100)],
                             actor=group.committee)
    p = portfolio(group.org.pk, date(2025, 3, 1))  # 14 days overdue: 10%
    assert p.provision_required == 50_000
    assert p.par30 == Decimal("0.00")
    assert portfolio(group.org.pk, date(2025, 3, 20)).par30 == Decimal("100.00")


def test_guarantors_notified_once_per_spell(group):
    loan = running(group)
    assert loan_guarantors_notify(organization=group.org, on=date(2025, 2, 15), actor=group.treasurer) == 0
    assert loan_guarantors_notify(organization=group.org, on=date(2025, 3, 1), actor=group.treasurer) == 1
    assert loan_guarantors_notify(organization=group.org, on=date(2025, 3, 10), actor=group.treasurer) == 0
    notice = GuarantorNotice.objects.get()
    assert (notice.membership_id, notice.overdue_since, notice.days_overdue) == (group.members[1].pk,
                                                                                date(2025, 2, 15), 14)
    assert notice.overdue == 88849
    assert loan.events.filter(kind="notice").count() == 1  # the loan's history shows it


def test_check_finds_a_loan_out_of_step_with_its_ledger(group):
    from kongthun.ledger.actions import entry_post
    from kongthun.ledger.domain import credit, debit

    running(group)
    assert run_checks() == []
    # 1201 moved by a manual entry no loan knows about.
    entry_post(organization=group.org, date=date(2025, 2, 1), lines=[debit("1201", 100), credit("1101", 100)],
               memo="ผิด", actor=group.treasurer)
    problems = [p for p in run_checks() if p.check == "loans"]
    assert len(problems) == 1 and "1201" in problems[0].message_en
    assert JournalEntry.objects.filter(source="loan_disburse").count() == 1
