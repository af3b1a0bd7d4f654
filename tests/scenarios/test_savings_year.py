"""A savings group's year (BE 2568 = calendar 2025) through the savings apps, on SQLite and PostgreSQL:
the policy, twelve monthly collections of sajja and shares (a missed month fined), a loan product, four loans
(one repaid on time, one late with fines and aging, one restructured, one written off after provisioning), the
year-end close, the allocation of the net profit by the group's rule and the dividends and patronage refunds
credited to savings, then a member's debt survey with a refinancing plan. Every balance is asserted; members'
savings sum to 2101, shares to 3201, loans to 1201; the allocation sums exactly; `kongthun check` passes."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from kongthun.access.domain import Role
from kongthun.audit.actions import Actor
from kongthun.integrity import run_checks
from kongthun.ledger.actions import entry_post, year_close
from kongthun.ledger.domain import credit, debit
from kongthun.ledger.models import Account
from kongthun.savings.accounts.actions import policy_set
from kongthun.savings.accounts.collection import CollectionLine, savings_collection_record
from kongthun.savings.accounts.selectors import savings_balance, share_balance
from kongthun.savings.debts.actions import debt_survey_record, refinance_plan_make
from kongthun.savings.domain.debt import CreditorKind, Debt
from kongthun.savings.loans.actions import (
    loan_apply,
    loan_approve,
    loan_disburse,
    loan_product_set,
    loan_repay,
)
from kongthun.savings.loans.changes import (
    loan_change_approve,
    loan_change_request,
    loan_provision_post,
    loan_restructure,
    loan_write_off,
)
from kongthun.savings.loans.models import Loan, LoanStatus
from kongthun.savings.loans.selectors import member_loans, portfolio
from kongthun.savings.loans.state import loan_due
from kongthun.savings.yearend.actions import yearend_allocate, yearend_pay_members, yearend_rule_set
from kongthun.savings.yearend.models import MemberDividend
from kongthun.welfare.reports.selectors import annual_statements_get

pytestmark = pytest.mark.django_db
YEAR, START, END = 2568, date(2025, 1, 1), date(2025, 12, 31)
SAJJA, PROMISE = 20_000, 20_000  # 200 baht a month


def bal(org, code: str) -> int:
    return Account.objects.get(organization=org, code=code).balance


@pytest.fixture
def group(make_org, make_user, make_member):
    org = make_org("SG-YEAR", kind="savings_group", year_kind="calendar")
    t = Actor.for_user(make_user("sg_treasurer", Role.TREASURER, org), "test")
    c = Actor.for_user(make_user("sg_committee", Role.COMMITTEE, org), "test")
    members = [make_member(org, first=f"สมาชิก{i}", joined=START) for i in range(6)]
    return org, t, c, members


def pay_due(loan: Loan, on: date, t: Actor, key: str) -> int:
    """Pay what is due on `on` (fines and instalments), as a borrower who keeps to the schedule."""
    due = loan_due(Loan.objects.get(pk=loan.pk), on)
    amount = 0 if due is None else min(due.fine + due.overdue, due.payoff)
    if amount:
        loan_repay(loan=Loan.objects.get(pk=loan.pk), amount=amount, on=on, actor=t, idempotency_key=key)
    return amount


def months_of_2025():
    return [date(2025, m, 1) for m in range(1, 13)]


def test_a_savings_groups_year_balances_and_its_profit_is_allocated_exactly(group):
    org, t, c, m = group
    policy_set(organization=org, effective_from=START, actor=c, share_price=10_000, monthly_promise=PROMISE,
               missed_month_fine=1_000)
    entry_post(organization=org, date=date(2025, 1, 2), lines=[debit("1101", 10_000_000), credit("3101", 10_000_000)],
               memo="ทุนยกมาของกลุ่ม", actor=t)
    # Collections on the 5th: everyone saves 200 baht; shares in January (and more for m1 in July); m5 misses
    # April and pays its fine (10 baht) with May's savings.
    first_shares = {0: 500_000, 1: 300_000, 2: 100_000, 3: 100_000, 4: 100_000, 5: 100_000}
    for month in months_of_2025():
        lines = [CollectionLine(x.pk, sajja=SAJJA, shares=first_shares[i] if month.month == 1 else
                                (200_000 if (i, month.month) == (1, 7) else 0))
                 for i, x in enumerate(m) if not (i == 5 and month.month == 4)]
        savings_collection_record(organization=org, collected_on=month + timedelta(days=4), lines=lines, actor=t,
                                  idempotency_key=f"col-{month:%m}")
    assert bal(org, "4402") == -1_000  # the April fine, paid in May
    product = loan_product_set(organization=org, code="P1", name_th="เงินกู้เพื่อการผลิต", purpose="production",
                               method="declining", annual_rate=Decimal(12), max_term_months=24, frequency="monthly",
                               max_amount=3_000_000, guarantors_required=1, guarantor_limit=5_000_000,
                               fine_amount=5_000, grace_days=5, actor=c)

    def lend(i: int, amount: int, guarantor: int) -> Loan:
        loan = loan_apply(organization=org, membership=m[i], product=product, amount=amount, term_months=12,
                          purpose="ปุ๋ยและเมล็ดพันธุ์", guarantor_ids=[m[guarantor].pk], applied_on=date(2025, 1, 20),
                          actor=t)
        loan_approve(loan=loan, actor=c, on=date(2025, 1, 25))
        return loan_disburse(loan=loan, on=date(2025, 2, 1), actor=t)

    on_time, late, restructured, lost = lend(0, 3_000_000, 4), lend(1, 3_000_000, 5), lend(2, 2_000_000, 4), \
        lend(3, 300_000, 5)
    assert bal(org, "1201") == 8_300_000
    # Each 1st of the month from March: on_time pays; late pays until May, nothing June-September, then all;
    # restructured pays until April; lost never pays.
    for month in [date(2025, k, 1) for k in range(3, 13)]:
        pay_due(on_time, month, t, f"a-{month:%m}")
        if month.month <= 5 or month.month >= 10:
            pay_due(late, month, t, f"b-{month:%m}")
        if month.month <= 4 or month.month >= 8:
            pay_due(restructured, month, t, f"c-{month:%m}")
        if month == date(2025, 6, 1):
            p = portfolio(org.pk, date(2025, 6, 1))
            assert {x.loan.pk: x.days_overdue for x in p.positions}[restructured.pk] == 31
            change = loan_change_request(loan=restructured, kind="restructure", on=date(2025, 6, 10),
                                         reason="น้ำท่วมนา", actor=t, terms={"term_months": 18, "annual_rate": "12"})
            loan_change_approve(change=change, actor=c, on=date(2025, 6, 12))
            loan_restructure(change=change, on=date(2025, 7, 1), actor=t)
        if month == date(2025, 9, 1):  # the late loan: three instalments behind, fines assessed; aging
            p = portfolio(org.pk, month)
            days = {x.loan.pk: x.days_overdue for x in p.positions}
            assert days[late.pk] == 92 and days[lost.pk] == 184 and days[on_time.pk] == 0
            assert p.par30 > 0
    late_status = {x.loan_id: x for x in member_loans(m[1].pk, date(2025, 12, 31))}[late.pk]
    assert late_status.days_overdue == 0 and Loan.objects.get(pk=late.pk).status == LoanStatus.ACTIVE
    assert bal(org, "4402") < -1_000  # late fines on the loan, besides the savings fine
    # Provision by the PEARLS table, then the committee writes off the lost loan.
    loan_provision_post(organization=org, on=date(2025, 11, 30), actor=t)
    change = loan_change_request(loan=lost, kind="write_off", on=date(2025, 12, 1), reason="ย้ายถิ่น ติดตามไม่ได้",
                                 actor=t)
    loan_change_approve(change=change, actor=c, on=date(2025, 12, 2))
    loan_write_off(change=change, on=date(2025, 12, 3), actor=t)
    loan_provision_post(organization=org, on=date(2025, 12, 31), actor=t)
    entry_post(organization=org, date=date(2025, 12, 28), lines=[debit("5901", 50_000), credit("1101", 50_000)],
               memo="ค่าเครื่องเขียนและค่าประชุม", actor=t)
    # The books at the year's end.
    loans = Loan.objects.filter(organization=org)
    assert sum(x.outstanding for x in loans) == bal(org, "1201") > 0
    assert Loan.objects.get(pk=lost.pk).status == LoanStatus.WRITTEN_OFF
    assert sum(savings_balance(x.pk, END) for x in m) == -bal(org, "2101") == 12 * 6 * SAJJA - SAJJA
    assert sum(share_balance(x.pk, END) for x in m) == -bal(org, "3201") == 1_400_000
    interest_income = -bal(org, "4401")
    income = interest_income - bal(org, "4402")
    expenses = bal(org, "5202") + bal(org, "5901")
    statements = annual_statements_get(scope=c.scope, organization=org, year_name=YEAR)
    assert statements.income.total_income == income and statements.income.total_expenses == expenses
    closed = year_close(organization=org, year_name=YEAR, closed_on=date(2026, 1, 10), actor=c, why="มติที่ประชุมใหญ่")
    assert closed.surplus == income - expenses > 0
    assert sum(a.balance for a in Account.objects.filter(organization=org)) == 0

    # Year-end: the rule, the allocation (once), the dividends and refunds credited to savings.
    yearend_rule_set(organization=org, effective_from=START, actor=c, max_dividend_rate="6",
                     percents={"reserve": "20", "dividend": "50", "patronage": "20", "committee": "5",
                               "welfare": "5"})
    alloc = yearend_allocate(organization=org, year_name=YEAR, on=date(2026, 1, 15), actor=c, why="มติที่ประชุมใหญ่")
    assert sum(b["amount"] for b in alloc.buckets) == closed.surplus and bal(org, "3901") == 0
    lines = list(MemberDividend.objects.filter(allocation=alloc))
    assert sum(x.dividend for x in lines) == alloc.amount("dividend") == -bal(org, "2102")
    assert sum(x.patronage for x in lines) == alloc.amount("patronage") == -bal(org, "2103")
    assert -bal(org, "3301") == alloc.amount("reserve") and -bal(org, "2104") == alloc.amount("committee")
    # Average monthly shares: m0 5,000 baht all year; m1 3,000 until July then 5,000 (6 month-ends).
    shares = {x.membership_id: x.shares for x in lines}
    assert shares[m[0].pk] == 500_000 and shares[m[1].pk] == 400_000
    assert sum(shares.values()) == 1_300_000  # 5,000 + 4,000 + 4 x 1,000 baht on average
    assert alloc.amount("dividend") == 1_300_000 * 6 // 100  # capped at 6% a year; the excess to the reserve
    others = sum(b["amount"] for b in alloc.buckets if b["bucket"] != "reserve")
    assert alloc.amount("reserve") == closed.surplus - others
    assert alloc.amount("reserve") > closed.surplus * 20 // 100
    interest = {x.membership_id: x.interest_paid for x in lines}
    assert m[3].pk not in interest or interest[m[3].pk] == 0  # the written-off borrower paid no interest
    assert sum(interest.values()) == interest_income - _capitalised(org)
    yearend_pay_members(organization=org, year_name=YEAR, on=date(2026, 1, 20), actor=t)
    assert bal(org, "2102") == 0 and bal(org, "2103") == 0
    assert sum(savings_balance(x.pk, date(2026, 1, 31)) for x in m) == -bal(org, "2101")
    assert savings_balance(m[0].pk, date(2026, 1, 31)) == 12 * SAJJA + next(x.total for x in lines
                                                                         if x.membership_id == m[0].pk)

    # Debt relief: m4's household owes an informal lender; a plan moves it into a group loan.
    survey = debt_survey_record(membership=m[4], surveyed_on=date(2026, 2, 1), actor=t, idempotency_key="ds-1",
                                monthly_income=1_200_000,
                                debts=[Debt(CreditorKind.INFORMAL, 2_000_000, Decimal(120), 200_000, "นายทุน"),
                                       Debt(CreditorKind.BAAC, 5_000_000, Decimal(7), 150_000)])
    plan = refinance_plan_make(survey=survey, made_on=date(2026, 2, 2), actor=t, months=12, product=product,
                              guarantor_ids=[m[5].pk])
    assert plan.amount == 2_000_000 and plan.interest_saved > 1_000_000
    assert Loan.objects.get(pk=plan.loan_id).status == LoanStatus.APPLIED
    assert run_checks() == []


def _capitalised(org) -> int:
    """Interest income not paid in cash: the restructuring added unpaid interest to the principal."""
    from django.db.models import Sum

    from kongthun.ledger.models import JournalLine

    return -(JournalLine.objects.filter(organization=org, account__code="4401", entry__source="loan_restructure")
             .aggregate(s=Sum("amount"))["s"] or 0)
