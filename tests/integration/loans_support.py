"""Fixtures for loan tests: a savings group with cash, a treasurer, two committee members, members."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import pytest

from kongthun.access.domain import Role
from kongthun.audit.actions import Actor

OPENED = date(2025, 1, 2)


@dataclass
class Group:
    org: object
    treasurer: Actor
    committee: Actor
    committee2: Actor
    members: list
    product: object


def fund_cash(org, amount: int, on: date = OPENED) -> None:
    from kongthun.ledger.actions import entry_post
    from kongthun.ledger.domain import credit, debit
    from tests.conftest import SYSTEM

    entry_post(organization=org, date=on, lines=[debit("1101", amount), credit("3101", amount)],
               memo="ทุนตั้งต้น", actor=SYSTEM)


def product_for(org, actor, **kw):
    from kongthun.savings.loans.actions import loan_product_set

    values = dict(code="P1", name_th="เงินกู้เพื่อการผลิต", purpose="production", method="declining",
                  annual_rate=Decimal(12), max_term_months=24, frequency="monthly", max_amount=5_000_000,
                  guarantors_required=1, guarantor_limit=3_000_000, fine_amount=5000, grace_days=5)
    values.update(kw)
    return loan_product_set(organization=org, actor=actor, **values)


@pytest.fixture
def group(make_org, make_user, make_member):
    org = make_org("GRP-A", kind="savings_group", tambon_code="350101")
    fund_cash(org, 10_000_000)
    treasurer = Actor.for_user(make_user("g_treasurer", Role.TREASURER, org), "test")
    committee = Actor.for_user(make_user("g_committee", Role.COMMITTEE, org), "test")
    committee2 = Actor.for_user(make_user("g_committee2", Role.COMMITTEE, org), "test")
    members = [make_member(org, first=f"สมาชิก{i}", joined=date(2024, 1, 1)) for i in range(5)]
    return Group(org, treasurer, committee, committee2, members, product_for(org, committee))


def apply(g: Group, amount=1_000_000, months=12, member=0, guarantors=(1,), on=date(2025, 1, 10), **kw):
    from kongthun.savings.loans.actions import loan_apply

    return loan_apply(organization=g.org, membership=g.members[member], product=kw.pop("product", g.product),
                      amount=amount, term_months=months, purpose="production",
                      guarantor_ids=[g.members[i].pk for i in guarantors], applied_on=on, actor=g.treasurer, **kw)


def running(g: Group, amount=1_000_000, months=12, on=date(2025, 1, 15), **kw):
    """An application approved and disbursed on `on`."""
    from kongthun.savings.loans.actions import loan_approve, loan_disburse

    loan = apply(g, amount=amount, months=months, on=on, **kw)
    loan_approve(loan=loan, actor=g.committee, on=on)
    return loan_disburse(loan=loan, on=on, actor=g.treasurer)


def loans_state() -> dict:
    """Every loan row a refused action must leave as it was."""
    from kongthun.savings.loans.models import (
        Guarantee,
        GuarantorNotice,
        Instalment,
        Loan,
        LoanChange,
        LoanEvent,
        LoanProduct,
        ScheduleVersion,
    )

    return {"counts": {m.__name__: m.objects.count() for m in (Loan, Guarantee, Instalment, LoanEvent, LoanChange,
                                                               LoanProduct, ScheduleVersion, GuarantorNotice)},
            "loans": sorted(Loan.objects.values_list("pk", "status", "outstanding", "version")),
            "changes": sorted(LoanChange.objects.values_list("pk", "status"))}


@pytest.fixture
def refused(unchanged):
    """`with refused(code): ...`: the books, the audit trail and every loan row stay as they were."""
    from contextlib import contextmanager

    @contextmanager
    def check(code: str | None = None):
        before = loans_state()
        with unchanged(code) as err:
            yield err
        assert loans_state() == before

    return check
