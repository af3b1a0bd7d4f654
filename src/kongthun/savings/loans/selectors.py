"""Reading loans (อ่านข้อมูลเงินกู้): positions on a date, a member's loans, interest paid, the portfolio.

`interest_paid_by_member`, `member_loans` and `portfolio` are the contract other savings parts build on
(the passbook, the patronage refund). They take ids: the caller has checked the reader's scope.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.db.models import Sum

from kongthun.access.domain import Permission
from kongthun.access.scope import Scope
from kongthun.errors import DomainError
from kongthun.ledger.models import Account
from kongthun.money import Satang
from kongthun.savings.domain.aging import LoanRisk, PortfolioRisk, ProvisionRow, bucket_of, portfolio_risk
from kongthun.savings.domain.allocation import Due, due_on
from kongthun.savings.loans.models import (
    EventKind,
    Instalment,
    Loan,
    LoanChange,
    LoanEvent,
    LoanProduct,
    LoanStatus,
    ProvisionTable,
    ScheduleVersion,
    default_rows,
    fine_rule,
)

ALLOWANCE = "1209"


@dataclass(frozen=True)
class Position:
    """A disbursed loan on a date: principal owed, and (while it runs) what is due."""

    loan: Loan
    on: date
    outstanding: Satang
    due: Due | None

    @property
    def days_overdue(self) -> int:
        return self.due.days_overdue if self.due else 0

    @property
    def bucket(self) -> str:
        return bucket_of(self.days_overdue)


@dataclass(frozen=True)
class LoanSummary:
    """One line of a member's passbook loan section."""

    loan_id: int
    number: str
    product: str
    principal: Satang
    outstanding: Satang
    next_due: date | None
    next_due_amount: Satang
    days_overdue: int
    status: str


@dataclass(frozen=True)
class Portfolio:
    """A group's loans on a date: outstanding, aging buckets, PAR30, provision required and held."""

    organization_id: int
    on: date
    risk: PortfolioRisk
    allowance: Satang  # the loan-loss allowance now on the books (credit balance of 1209, positive)
    positions: tuple[Position, ...]

    @property
    def outstanding(self) -> Satang:
        return self.risk.outstanding

    @property
    def par30(self):
        return self.risk.par30

    @property
    def provision_required(self) -> Satang:
        return self.risk.provision_required


def positions(loans: Iterable[Loan], on: date) -> list[Position]:
    """Positions of many loans on one date, in four queries whatever their number."""
    loans = [x for x in loans if x.disbursed_on is not None and x.disbursed_on <= on]
    ids = [x.pk for x in loans]
    versions: dict[int, list[ScheduleVersion]] = defaultdict(list)
    for v in ScheduleVersion.objects.filter(loan_id__in=ids, starts_on__lte=on).order_by("version"):
        versions[v.loan_id].append(v)
    events: dict[int, list[LoanEvent]] = defaultdict(list)
    for e in LoanEvent.objects.filter(loan_id__in=ids, on__lte=on).order_by("on", "id"):
        events[e.loan_id].append(e)
    lines: dict[tuple[int, int], list] = defaultdict(list)
    wanted = {(x.pk, versions[x.pk][-1].version) for x in loans if versions[x.pk]}
    for i in Instalment.objects.filter(loan_id__in=ids, version__in={v for _, v in wanted}).order_by("n"):
        if (i.loan_id, i.version) in wanted:
            lines[(i.loan_id, i.version)].append(i.as_domain())
    out = []
    for loan in loans:
        evs = events[loan.pk]
        outstanding = sum(e.principal for e in evs if e.entry_id is not None)
        ended = any(e.kind == EventKind.WRITE_OFF for e in evs)
        due = None
        if outstanding > 0 and not ended and versions[loan.pk]:
            v = versions[loan.pk][-1]
            paid = [e.as_paid() for e in evs if e.kind == EventKind.REPAY and e.version == v.version]
            due = due_on(instalments=lines[(loan.pk, v.version)], principal=v.principal, start=v.starts_on, paid=paid,
                         rule=fine_rule(loan), on=on)
        out.append(Position(loan=loan, on=on, outstanding=outstanding, due=due))
    return out


def position(loan: Loan, on: date) -> Position | None:
    found = positions([loan], on)
    return found[0] if found else None


def provision_table(organization_id: int) -> tuple[ProvisionRow, ...]:
    row = ProvisionTable.objects.filter(organization_id=organization_id).first()
    return row.as_rows() if row else default_rows()


def allowance_held(organization_id: int) -> Satang:
    balance = Account.objects.filter(organization_id=organization_id, code=ALLOWANCE).values_list(
        "balance", flat=True).first() or 0
    return -balance


def portfolio(organization_id: int, on: date) -> Portfolio:
    """The loan portfolio on a date (รายงานสถานะเงินให้กู้): aging buckets, PAR30, provision required."""
    loans = Loan.objects.filter(organization_id=organization_id, disbursed_on__lte=on).select_related(
        "membership__person", "product")
    held = [p for p in positions(loans, on) if p.outstanding > 0]
    risk = portfolio_risk([LoanRisk(p.loan.pk, p.outstanding, p.days_overdue) for p in held],
                          provision_table(organization_id))
    return Portfolio(organization_id=organization_id, on=on, risk=risk, allowance=allowance_held(organization_id),
                     positions=tuple(held))


def member_loans(membership_id: int, on: date) -> list[LoanSummary]:
    """A member's loans on a date, for the passbook (สมุดคู่บัญชี): applications too, with their status."""
    loans = list(Loan.objects.filter(membership_id=membership_id, applied_on__lte=on).select_related("product"))
    pos = {p.loan.pk: p for p in positions(loans, on)}
    out = []
    for loan in loans:
        p = pos.get(loan.pk)
        nxt = None
        if p and p.due is not None:
            nxt = Instalment.objects.filter(loan=loan, version=loan.version, due_on__gt=on).order_by("n").first()
        out.append(LoanSummary(
            loan_id=loan.pk, number=loan.number, product=loan.product.name_th, principal=loan.amount,
            outstanding=p.outstanding if p else 0, next_due=nxt.due_on if nxt else None,
            next_due_amount=(nxt.principal + nxt.interest) if nxt else 0,
            days_overdue=p.days_overdue if p else 0, status=loan.status))
    return out


def interest_paid_by_member(organization_id: int, start: date, end: date) -> dict[int, Satang]:
    """Loan interest each member actually paid between two dates, both included (ดอกเบี้ยเงินกู้ที่ชำระ):
    what the patronage refund is shared by. Members who paid none are left out."""
    rows = (LoanEvent.objects.filter(organization_id=organization_id, kind=EventKind.REPAY, on__gte=start, on__lte=end)
            .values_list("loan__membership_id").annotate(s=Sum("interest")).values_list("loan__membership_id", "s"))
    return {m: s for m, s in rows if s}


def loans_of(organization_id: int, status: str | None = None):
    qs = Loan.objects.filter(organization_id=organization_id).select_related("membership__person", "product")
    return qs.filter(status=status) if status else qs


def awaiting_decision(organization_id: int):
    return loans_of(organization_id, LoanStatus.APPLIED).prefetch_related("guarantees__membership__person")


# --- scoped reads for the web app and the CLI -------------------------------------------------------


def _not_found(what: str) -> DomainError:
    return DomainError("not_found.loan", f"ไม่พบสัญญาเงินกู้ {what}", f"No loan {what}", "loan")


def loan_get(*, scope: Scope, organization_id: int, loan_id: int | None = None, number: str | None = None) -> Loan:
    """One loan, for someone who sees the group's books, or for the borrower themself (their own loan)."""
    qs = Loan.objects.filter(organization_id=organization_id).select_related("membership__person", "product",
                                                                             "organization")
    loan = qs.filter(pk=loan_id).first() if loan_id is not None else qs.filter(number=number).first()
    if loan is None:
        raise _not_found(str(number or loan_id))
    own = scope.self_person.get(organization_id) == loan.membership.person_id
    if not (scope.can(Permission.VIEW_BOOKS, organization_id) or own):
        raise _not_found(str(number or loan_id))  # the same answer, so nothing leaks
    return loan


def product_list(*, scope: Scope, organization_id: int):
    scope.require(Permission.VIEW_BOOKS, organization_id)
    return LoanProduct.objects.filter(organization_id=organization_id).order_by("code")


def product_get(*, scope: Scope, organization_id: int, code: str) -> LoanProduct:
    product = product_list(scope=scope, organization_id=organization_id).filter(code=code).first()
    if product is None:
        raise DomainError("not_found.loan_product", f"ไม่พบประเภทเงินกู้ {code}", f"No loan product {code}", "product")
    return product


def portfolio_for(*, scope: Scope, organization_id: int, on: date) -> Portfolio:
    scope.require(Permission.VIEW_BOOKS, organization_id)
    return portfolio(organization_id, on)


def loan_list(*, scope: Scope, organization_id: int, status: str | None = None):
    scope.require(Permission.VIEW_BOOKS, organization_id)
    return loans_of(organization_id, status).order_by("-year_name", "-seq")


def changes_awaiting(*, scope: Scope, organization_id: int):
    scope.require(Permission.VIEW_BOOKS, organization_id)
    return (LoanChange.objects.filter(organization_id=organization_id, status__in=["requested", "approved"])
            .select_related("loan__membership__person").order_by("id"))


def pending_change(loan: Loan, kind: str | None = None) -> LoanChange | None:
    qs = LoanChange.objects.filter(loan=loan, status__in=["requested", "approved"])
    return (qs.filter(kind=kind) if kind else qs).order_by("-id").first()
