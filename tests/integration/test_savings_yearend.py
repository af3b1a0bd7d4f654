"""Year-end allocation of a savings group (การจัดสรรกำไรสุทธิ): rule, preview, post once, pay members."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from kongthun.access.domain import Role
from kongthun.audit.actions import Actor
from kongthun.integrity import run_checks
from kongthun.ledger.actions import entry_post, year_close
from kongthun.ledger.domain import credit, debit
from kongthun.ledger.models import Account
from kongthun.savings.accounts.actions import policy_set, shares_buy
from kongthun.savings.accounts.selectors import savings_balance
from kongthun.savings.yearend import selectors
from kongthun.savings.yearend.actions import yearend_allocate, yearend_pay_members, yearend_rule_set
from kongthun.savings.yearend.models import MemberDividend, ProfitRule, YearEndAllocation

PERCENTS = {"reserve": "20", "dividend": "60", "patronage": "10", "committee": "5", "education": "5"}


@pytest.fixture
def group(make_org):
    return make_org("SG-A", kind="savings_group", year_kind="calendar")


@pytest.fixture
def officers(make_user, group):
    t = Actor.for_user(make_user("sg_t", Role.TREASURER, group), "test")
    c = Actor.for_user(make_user("sg_c", Role.COMMITTEE, group), "test")
    return t, c


def balance(org, code: str) -> int:
    return Account.objects.get(organization=org, code=code).balance


@pytest.fixture
def year_2568(group, officers, make_member):
    """Calendar 2025 (BE 2568): two shareholders, interest income from a third member's loan is simulated
    by the loans app below; bank interest and an expense; the year closed."""
    from kongthun.savings.loans.actions import loan_apply, loan_approve, loan_disburse, loan_product_set, loan_repay

    t, c = officers
    m1, m2, m3 = (make_member(group, first=n, joined=date(2024, 6, 1)) for n in ("หนึ่ง", "สอง", "สาม"))
    policy_set(organization=group, effective_from=date(2024, 6, 1), actor=c, share_price=10_000)
    entry_post(organization=group, date=date(2025, 1, 2), lines=[debit("1101", 5_000_000), credit("3101", 5_000_000)],
               memo="ทุนตั้งต้น", actor=t)
    shares_buy(membership=m1, amount=1_200_000, on=date(2025, 1, 5), actor=t, idempotency_key="s1")
    shares_buy(membership=m2, amount=1_200_000, on=date(2025, 7, 5), actor=t, idempotency_key="s2")
    product = loan_product_set(organization=group, code="P1", name_th="เงินกู้เพื่อการผลิต", purpose="production",
                               method="declining", annual_rate=Decimal(12), max_term_months=24, frequency="monthly",
                               actor=c)
    loan = loan_apply(organization=group, membership=m3, product=product, amount=1_000_000, term_months=12,
                      purpose="ปุ๋ย", guarantor_ids=[], applied_on=date(2025, 2, 1), actor=t)
    loan_approve(loan=loan, actor=c, on=date(2025, 2, 2))
    loan_disburse(loan=loan, on=date(2025, 2, 3), actor=t)
    loan_repay(loan=loan, amount=88_849, on=date(2025, 3, 3), actor=t, idempotency_key="r1")
    entry_post(organization=group, date=date(2025, 12, 30), lines=[debit("1102", 250_000), credit("4901", 250_000)],
               memo="ดอกเบี้ยธนาคาร", actor=t)
    entry_post(organization=group, date=date(2025, 12, 30), lines=[debit("5901", 50_000), credit("1101", 50_000)],
               memo="ค่าใช้จ่าย", actor=t)
    closed = year_close(organization=group, year_name=2568, closed_on=date(2026, 1, 10), actor=c)
    return {"m": (m1, m2, m3), "closed": closed, "loan": loan}


def test_rule_refusals_leave_nothing(group, officers, unchanged):
    t, c = officers
    with unchanged("invalid.allocation_over_100") as e:
        yearend_rule_set(organization=group, percents={**PERCENTS, "welfare": "10"}, effective_from=date(2025, 1, 1),
                         actor=c)
    assert "110" in e.value.message_th and "110" in e.value.message_en
    with unchanged() as e:
        yearend_rule_set(organization=group, percents=PERCENTS, effective_from=date(2025, 1, 1), actor=t)
    assert e.value.code.startswith("forbidden")
    with unchanged("invalid.reserve_below_minimum"):
        yearend_rule_set(organization=group, percents={"reserve": "5", "dividend": "95"},
                         effective_from=date(2025, 1, 1), actor=c)
    with unchanged("invalid.choice"):
        yearend_rule_set(organization=group, percents={"reserve": "50", "bonus": "50"},
                         effective_from=date(2025, 1, 1), actor=c)
    assert not ProfitRule.objects.exists()


def test_allocate_posts_once_and_pays_members_into_savings(group, officers, year_2568, unchanged):
    t, c = officers
    m1, m2, m3 = year_2568["m"]
    surplus = year_2568["closed"].surplus
    assert surplus > 0
    with unchanged("conflict.no_profit_rule"):  # no rule yet: refused, nothing written
        yearend_allocate(organization=group, year_name=2568, on=date(2026, 1, 15), actor=c)
    yearend_rule_set(organization=group, percents=PERCENTS, effective_from=date(2025, 1, 1), actor=c,
                     max_dividend_rate="6")
    preview = selectors.yearend_preview(scope=c.scope, organization=group, year_name=2568)
    assert preview.refusal is None and preview.split.net_profit == surplus
    with unchanged():  # the treasurer is not the committee
        yearend_allocate(organization=group, year_name=2568, on=date(2026, 1, 15), actor=t)
    with unchanged("invalid.allocation_date"):  # inside the closed year
        yearend_allocate(organization=group, year_name=2568, on=date(2025, 12, 31), actor=c)
    alloc = yearend_allocate(organization=group, year_name=2568, on=date(2026, 1, 15), actor=c)
    assert yearend_allocate(organization=group, year_name=2568, on=date(2026, 1, 15), actor=c) == alloc
    assert YearEndAllocation.objects.count() == 1
    assert sum(b["amount"] for b in alloc.buckets) == surplus
    assert balance(group, "3901") == 0  # the closed surplus, allocated in full
    lines = {x.membership_id: x for x in MemberDividend.objects.filter(allocation=alloc)}
    # m1 held 12,000 baht all year, m2 from July: 6 month-ends of 12; dividend capped at 6% a year.
    assert lines[m1.pk].shares == 1_200_000 and lines[m2.pk].shares == 600_000
    dividend = alloc.amount("dividend")
    assert dividend <= 1_800_000 * 6 // 100 and lines[m1.pk].dividend + lines[m2.pk].dividend == dividend
    assert abs(lines[m1.pk].dividend - 2 * lines[m2.pk].dividend) <= 2
    # Patronage refund: only m3 paid loan interest (100 baht on the first instalment).
    assert lines[m3.pk].interest_paid == 10_000 and lines[m3.pk].patronage == alloc.amount("patronage")
    assert balance(group, "2102") == -dividend and balance(group, "2103") == -alloc.amount("patronage")
    assert balance(group, "3301") == -alloc.amount("reserve")
    before = savings_balance(m1.pk, date(2026, 2, 1))
    paid = yearend_pay_members(organization=group, year_name=2568, on=date(2026, 1, 20), actor=t)
    assert {x.membership_id for x in paid} == {m1.pk, m2.pk, m3.pk}
    assert savings_balance(m1.pk, date(2026, 2, 1)) == before + lines[m1.pk].dividend
    assert savings_balance(m3.pk, date(2026, 2, 1)) == lines[m3.pk].patronage
    assert balance(group, "2102") == 0 and balance(group, "2103") == 0
    assert yearend_pay_members(organization=group, year_name=2568, on=date(2026, 1, 21), actor=t) == []
    assert run_checks() == []


def test_allocate_refused_before_the_year_is_closed(group, officers, unchanged):
    t, c = officers
    yearend_rule_set(organization=group, percents=PERCENTS, effective_from=date(2025, 1, 1), actor=c)
    with unchanged("conflict.year_not_closed"):
        yearend_allocate(organization=group, year_name=2568, on=date(2026, 1, 15), actor=c)
