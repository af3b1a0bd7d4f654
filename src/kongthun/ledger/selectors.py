"""Reads of the ledger: balances, trial balance, entries. Always through a Scope."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import QuerySet, Sum

from kongthun.access.domain import Permission
from kongthun.access.scope import Scope
from kongthun.ledger import domain
from kongthun.ledger.domain import AccountType, Line
from kongthun.ledger.models import Account, JournalEntry, JournalLine, YearClose
from kongthun.orgs.models import Organization


def account_list(*, scope: Scope, organization_id: int) -> QuerySet:
    scope.require(Permission.VIEW_BOOKS, organization_id)
    return Account.objects.filter(organization_id=organization_id).order_by("code")


def entry_list(*, scope: Scope, organization_id: int) -> QuerySet:
    scope.require(Permission.VIEW_BOOKS, organization_id)
    return (
        JournalEntry.objects.filter(organization_id=organization_id)
        .select_related("reverses")
        .prefetch_related("lines__account")
        .order_by("-number")
    )


@dataclass(frozen=True)
class TrialBalance:
    debits: int
    credits: int

    @property
    def balanced(self) -> bool:
        return self.debits == self.credits


def trial_balance(*, scope: Scope, organization_id: int) -> TrialBalance:
    scope.require(Permission.VIEW_BOOKS, organization_id)
    accounts = Account.objects.filter(organization_id=organization_id)
    debits = sum(a.balance for a in accounts if a.balance > 0)
    credits = -sum(a.balance for a in accounts if a.balance < 0)
    return TrialBalance(debits, credits)


def income_expense_balances(organization_id: int, through: date) -> dict[str, int]:
    """Debit-positive balance of each income and expense account from all lines dated on or before
    `through` (earlier years' closing entries included, so a closed year counts zero)."""
    rows = (
        JournalLine.objects.filter(organization_id=organization_id, entry__date__lte=through,
                                   account__type__in=(AccountType.INCOME, AccountType.EXPENSE))
        .values("account__code").annotate(s=Sum("amount")).values_list("account__code", "s")
    )
    return {code: s for code, s in rows if s}


@dataclass(frozen=True)
class YearClosePreview:
    """What closing a year would post (ตัวอย่างรายการปิดบัญชี), shown before the committee confirms."""

    year_name: int
    year_start: date
    year_end: date
    lines: tuple[Line, ...]
    surplus: int
    closed: YearClose | None


def year_close_preview(*, scope: Scope, organization: Organization, year_name: int) -> YearClosePreview:
    scope.require(Permission.VIEW_BOOKS, organization.pk)
    ay = organization.accounting_year
    end = ay.end_of_named(year_name)
    closed = YearClose.objects.filter(organization=organization, year_name=year_name).select_related("entry").first()
    balances = {} if closed else income_expense_balances(organization.pk, end)
    lines = domain.closing_lines(balances, surplus_account="3901")
    return YearClosePreview(year_name, ay.start_of(end), end, lines,
                            closed.surplus if closed else domain.surplus_of(balances), closed)


def year_close_list(*, scope: Scope, organization_id: int) -> QuerySet:
    scope.require(Permission.VIEW_BOOKS, organization_id)
    return YearClose.objects.filter(organization_id=organization_id).select_related("entry", "closed_by") \
        .order_by("-year_end")


def entry_origin(entry: JournalEntry) -> str:
    """What made an entry, following a reversal back to what it reverses: reversing an entry a
    sub-ledger made belongs to that sub-ledger, and so does reversing that reversal."""
    while entry.source == "reversal" and entry.reverses_id is not None:
        entry = entry.reverses
    return entry.source
