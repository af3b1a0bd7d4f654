"""A loan's position on a date, read from its rows and computed by the pure domain (สถานะเงินกู้)."""

from __future__ import annotations

from datetime import date

from kongthun.savings.domain.allocation import Due, due_on
from kongthun.savings.domain.schedule import Instalment as Line
from kongthun.savings.loans.models import EventKind, Instalment, Loan, LoanEvent, LoanStatus, fine_rule


def schedule_lines(loan: Loan, version: int | None = None) -> list[Line]:
    v = loan.version if version is None else version
    return [i.as_domain() for i in Instalment.objects.filter(loan=loan, version=v).order_by("n")]


def loan_due(loan: Loan, on: date) -> Due | None:
    """What the borrower owes on `on` under the schedule in force; None for a loan not (or no longer) running."""
    if loan.status != LoanStatus.ACTIVE or loan.version == 0:
        return None
    version = loan.versions.get(version=loan.version)
    paid = [e.as_paid() for e in LoanEvent.objects.filter(loan=loan, kind=EventKind.REPAY, version=loan.version)]
    return due_on(instalments=schedule_lines(loan), principal=version.principal, start=version.starts_on, paid=paid,
                  rule=fine_rule(loan), on=on)


def last_money_date(loan: Loan) -> date | None:
    last = (LoanEvent.objects.filter(loan=loan).exclude(entry=None).order_by("-on", "-id")
            .values_list("on", flat=True).first())
    return last
