"""What every outside-money action shares: who may act, the fund's row locked, keys, amounts, cash accounts."""

from __future__ import annotations

from kongthun.access.domain import Permission
from kongthun.access.scope import Scope
from kongthun.errors import DomainError, require_idempotency_key
from kongthun.ledger.charts import CASH_ACCOUNTS
from kongthun.money import Satang
from kongthun.orgs.actions import organization_locked
from kongthun.orgs.domain import OrgKind
from kongthun.orgs.models import Organization

# Agreements and the allocation rule are the committee's decisions (as setting the plan is); posting is the
# treasurer's.
DECIDE = Permission.LOCK_PERIOD
COLLECT = Permission.POST_ENTRIES


def require_any(scope: Scope, org_id: int, *perms: Permission) -> None:
    if not any(scope.can(p, org_id) for p in perms):
        scope.require(perms[0], org_id)


def welfare_fund(organization: Organization) -> Organization:
    """The fund's row, locked: one writer at a time."""
    return organization_locked(organization, {OrgKind.WELFARE_FUND},
                               "เงินสมทบจากภายนอกใช้ได้กับกองทุนสวัสดิการชุมชนเท่านั้น",
                               "Outside money is recorded for a community welfare fund")


def clean_key(idempotency_key: str) -> str:
    require_idempotency_key(idempotency_key)
    return idempotency_key.strip()[:80]


def positive(amount, where: str = "amount") -> Satang:
    if not isinstance(amount, int) or isinstance(amount, bool) or amount <= 0:
        raise DomainError("invalid.amount", "จำนวนเงินต้องเป็นจำนวนเต็มสตางค์ที่มากกว่าศูนย์",
                          "The amount must be a whole number of satang above zero", where)
    return amount


def cash_account(account: str) -> str:
    if account not in CASH_ACCOUNTS:
        raise DomainError("invalid.cash_account", f"บัญชี '{account}' ต้องเป็น 1101 เงินสด หรือ 1102 เงินฝากธนาคาร",
                          f"'{account}' must be 1101 cash or 1102 bank", "account")
    return account

