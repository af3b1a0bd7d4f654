"""Two treasurers at once on PostgreSQL: two applications naming the same guarantor cannot both slip under
the guarantor's limit; the last instalment paid twice at once is taken once and the second is refused as
a repayment on a closed loan. SQLite serializes writers itself, so there is no race to test there."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection

from kongthun.integrity import run_checks
from kongthun.savings.loans.actions import loan_repay
from kongthun.savings.loans.models import Guarantee, Loan, LoanEvent, LoanStatus
from tests.integration.loans_support import *  # noqa: F403  (the fixtures)
from tests.integration.loans_support import apply, running
from tests.integration.race_support import race

pytestmark = [pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite serializes writers itself"),
              pytest.mark.django_db(transaction=True)]


def test_one_guarantor_two_applications_at_once(group):
    # The guarantor's limit is 30,000 baht: 20,000 + 20,000 would exceed it.
    outcomes = race(lambda: apply(group, amount=2_000_000, member=0, guarantors=(1,)),
                    lambda: apply(group, amount=2_000_000, member=2, guarantors=(1,)))
    assert "conflict.guarantor_exposure" in outcomes
    assert Loan.objects.count() == 1 and Guarantee.objects.get().amount == 2_000_000


def test_the_payoff_sent_twice_at_once_is_taken_once(group):
    loan = running(group, amount=10_000, months=1)  # 100 baht for a month at 12%: 101 baht closes it on the day
    pay = [lambda k=k: loan_repay(loan=loan, amount=10_100, on=date(2025, 2, 15), actor=group.treasurer,
                                  idempotency_key=k) for k in ("a", "b")]
    outcomes = race(*pay)
    assert "conflict.loan_closed" in outcomes
    loan.refresh_from_db()
    assert loan.status == LoanStatus.CLOSED and LoanEvent.objects.filter(kind="repay").count() == 1
    assert run_checks() == []
