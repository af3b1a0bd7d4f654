"""Fixtures for the year-end tests: a savings group (calendar year) with a treasurer and a committee member,
and its year 2568 closed with shares, a loan's interest, bank interest and an expense."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from kongthun.access.domain import Role
from kongthun.audit.actions import Actor
from kongthun.ledger.actions import entry_post, year_close
from kongthun.ledger.domain import credit, debit
from kongthun.ledger.models import Account
from kongthun.savings.accounts.actions import policy_set, shares_buy

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
