"""Year-end close (ปิดบัญชีสิ้นปี): the closing entry, the lock, the order of years, refusals, the CLI."""

from __future__ import annotations

from datetime import date

import pytest
from typer.testing import CliRunner

from kongthun.access.domain import Role
from kongthun.audit.actions import Actor
from kongthun.audit.models import AuditEvent
from kongthun.errors import DomainError
from kongthun.integrity import run_checks
from kongthun.interfaces.cli.books import books_app
from kongthun.ledger.actions import entry_post, period_lock, year_close
from kongthun.ledger.domain import credit, debit
from kongthun.ledger.models import Account, JournalEntry
from kongthun.ledger.selectors import income_expense_balances, year_close_preview

pytestmark = pytest.mark.django_db
BAHT = 100


def _balance(org, code: str) -> int:
    return Account.objects.get(organization=org, code=code).balance


def _fiscal_2568(org, actor) -> None:
    """Income 1,500.25 baht and expenses 700.10 baht in fiscal 2568 (Oct 2024 - Sep 2025)."""
    entry_post(organization=org, date=date(2024, 10, 5), memo="เงินสมทบ", actor=actor,
               lines=[debit("1101", 1000 * BAHT), credit("4101", 1000 * BAHT)])
    entry_post(organization=org, date=date(2025, 6, 30), memo="ดอกเบี้ย", actor=actor,
               lines=[debit("1102", 50025), credit("4901", 50025)])
    entry_post(organization=org, date=date(2025, 3, 1), memo="สวัสดิการเสียชีวิต", actor=actor,
               lines=[debit("5103", 500 * BAHT), credit("1101", 500 * BAHT)])
    entry_post(organization=org, date=date(2025, 9, 30), memo="ค่าบริหาร", actor=actor,
               lines=[debit("5901", 20010), credit("1101", 20010)])


def test_close_carries_the_surplus_and_locks_the_year(fund_a, actor_a, committee_a):
    _fiscal_2568(fund_a, actor_a)
    entry_post(organization=fund_a, date=date(2025, 10, 2), memo="ปีใหม่", actor=actor_a,
               lines=[debit("1101", 30 * BAHT), credit("4101", 30 * BAHT)])
    preview = year_close_preview(scope=committee_a.scope, organization=fund_a, year_name=2568)
    assert preview.surplus == 150025 - 70010 and preview.closed is None
    cash_before = _balance(fund_a, "1101")

    closed = year_close(organization=fund_a, year_name=2568, closed_on=date(2025, 11, 20), actor=committee_a,
                        why="มติที่ประชุมใหญ่ 15 พ.ย. 2568")

    assert (closed.year_start, closed.year_end) == (date(2024, 10, 1), date(2025, 9, 30))
    assert (closed.income, closed.expenses, closed.surplus) == (150025, 70010, 80015)
    assert closed.entry.date == date(2025, 9, 30) and closed.entry.source == "year_close"
    assert {(x.account.code, x.amount) for x in closed.entry.lines.select_related("account")} == {
        ("4101", 100000), ("4901", 50025), ("5103", -50000), ("5901", -20010), ("3901", -80015)}
    assert income_expense_balances(fund_a.pk, date(2025, 9, 30)) == {}
    assert _balance(fund_a, "3901") == -80015  # a credit: the surplus now sits in the fund
    assert _balance(fund_a, "1101") == cash_before  # assets carry forward untouched
    assert _balance(fund_a, "4101") == -30 * BAHT  # the new year's income stays in the new year
    assert AuditEvent.objects.filter(action="year_close", object_id=str(closed.pk)).exists()
    assert run_checks() == []
    with pytest.raises(DomainError) as err:
        entry_post(organization=fund_a, date=date(2025, 9, 30), memo="late", actor=actor_a,
                   lines=[debit("1101", 100), credit("4101", 100)])
    assert err.value.code == "conflict.period_locked"
    assert year_close_preview(scope=committee_a.scope, organization=fund_a, year_name=2568).closed == closed


def test_a_deficit_year_debits_the_surplus_account(fund_a, actor_a, committee_a):
    entry_post(organization=fund_a, date=date(2025, 1, 5), memo="ทุนยกมา", actor=actor_a,
               lines=[debit("1101", 5000 * BAHT), credit("3101", 5000 * BAHT)])
    entry_post(organization=fund_a, date=date(2025, 2, 5), memo="น้ำท่วม", actor=actor_a,
               lines=[debit("5105", 2000 * BAHT), credit("1101", 2000 * BAHT)])
    closed = year_close(organization=fund_a, year_name=2568, closed_on=date(2025, 10, 1), actor=committee_a)
    assert closed.surplus == -2000 * BAHT and _balance(fund_a, "3901") == 2000 * BAHT
    assert run_checks() == []


def test_a_year_without_income_or_expenses_is_locked_without_an_entry(fund_a, committee_a):
    closed = year_close(organization=fund_a, year_name=2568, closed_on=date(2025, 10, 1), actor=committee_a)
    assert closed.entry is None and closed.surplus == 0 and closed.lock.locked_through == date(2025, 9, 30)
    assert not JournalEntry.objects.filter(organization=fund_a).exists()


def test_years_close_in_order_and_once(fund_a, actor_a, committee_a, unchanged):
    _fiscal_2568(fund_a, actor_a)
    entry_post(organization=fund_a, date=date(2026, 1, 5), memo="เงินสมทบ", actor=actor_a,
               lines=[debit("1101", 10 * BAHT), credit("4101", 10 * BAHT)])
    with unchanged("conflict.prior_year_open") as err:
        year_close(organization=fund_a, year_name=2569, closed_on=date(2026, 10, 1), actor=committee_a)
    assert "2568" in err.value.message_th
    with unchanged("conflict.year_not_ended"):
        year_close(organization=fund_a, year_name=2568, closed_on=date(2025, 9, 29), actor=committee_a)
    year_close(organization=fund_a, year_name=2568, closed_on=date(2025, 9, 30), actor=committee_a)
    with unchanged("conflict.year_closed"):
        year_close(organization=fund_a, year_name=2568, closed_on=date(2025, 10, 30), actor=committee_a)
    second = year_close(organization=fund_a, year_name=2569, closed_on=date(2026, 10, 1), actor=committee_a)
    assert second.income == 10 * BAHT and second.surplus == 10 * BAHT
    assert _balance(fund_a, "3901") == -(80015 + 10 * BAHT)
    assert run_checks() == []


def test_books_locked_without_a_close_are_refused_with_the_reason(fund_a, actor_a, committee_a, unchanged):
    _fiscal_2568(fund_a, actor_a)
    period_lock(organization=fund_a, through=date(2025, 9, 30), actor=committee_a, why="ปิดงวด")
    with unchanged("conflict.period_locked") as err:
        year_close(organization=fund_a, year_name=2568, closed_on=date(2025, 10, 1), actor=committee_a)
    assert "2568" in err.value.message_th and "2568" in err.value.message_en


def test_only_the_funds_committee_closes(fund_a, fund_b, actor_a, make_user, unchanged):
    _fiscal_2568(fund_a, actor_a)
    with unchanged("forbidden.scope"):
        year_close(organization=fund_a, year_name=2568, closed_on=date(2025, 10, 1), actor=actor_a)
    other = Actor.for_user(make_user("committee_b", Role.COMMITTEE, fund_b), "test")
    with unchanged("forbidden.scope"):
        year_close(organization=fund_a, year_name=2568, closed_on=date(2025, 10, 1), actor=other)


def test_a_calendar_year_fund_closes_on_31_december(make_org, make_user):
    org = make_org("CAL-1", year_kind="calendar")
    committee = Actor.for_user(make_user("cal_committee", Role.COMMITTEE, org), "test")
    treasurer = Actor.for_user(make_user("cal_treasurer", Role.TREASURER, org), "test")
    entry_post(organization=org, date=date(2025, 12, 31), memo="ดอกเบี้ย", actor=treasurer,
               lines=[debit("1102", 999), credit("4901", 999)])
    closed = year_close(organization=org, year_name=2568, closed_on=date(2026, 1, 10), actor=committee)
    assert (closed.year_start, closed.year_end, closed.surplus) == (date(2025, 1, 1), date(2025, 12, 31), 999)


def test_cli_closes_a_year_and_runs_the_check(fund_a, actor_a, make_user):
    _fiscal_2568(fund_a, actor_a)
    make_user("cli_committee", Role.COMMITTEE, fund_a)
    run = CliRunner().invoke(books_app, ["close-year", "--org", "FUND-A", "--year", "2568", "--on", "2025-11-01",
                                         "--as", "cli_committee", "--why", "มติที่ประชุมใหญ่"])
    assert run.exit_code == 0, run.output
    assert "ปิดบัญชีปี 2568" in run.output and "800.15" in run.output and "passed" in run.output
    again = CliRunner().invoke(books_app, ["close-year", "--org", "FUND-A", "--year", "2568", "--on", "2025-11-01",
                                           "--as", "cli_committee"])
    assert again.exit_code == 5 and "already closed" in again.output
    treasurer = CliRunner().invoke(books_app, ["close-year", "--org", "FUND-A", "--year", "2569", "--on",
                                               "2026-11-01", "--as", "treasurer_a"])
    assert treasurer.exit_code == 3
    listed = CliRunner().invoke(books_app, ["years", "--org", "FUND-A"])
    assert listed.exit_code == 0 and "2568" in listed.output
