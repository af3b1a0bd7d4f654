"""Reads of the ledger: balances, trial balance, entries. Always through a Scope."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet

from kongthun.access.domain import Permission
from kongthun.access.scope import Scope
from kongthun.ledger.models import Account, JournalEntry


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
