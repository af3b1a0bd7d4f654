"""The administration cap (เพดานค่าบริหารจัดการ): the fund's allocation rule (a percent of a base it chooses),
the figures of a year, and administration expenses paid under the cap."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction
from django.db.models import Q, Sum

from kongthun.audit.actions import Actor, audit_record
from kongthun.clock import utc_now
from kongthun.errors import DomainError, choice
from kongthun.ledger.actions import entry_post
from kongthun.ledger.domain import AccountType, credit, debit
from kongthun.ledger.models import JournalEntry, JournalLine
from kongthun.money import Satang
from kongthun.orgs.models import Organization
from kongthun.welfare.funding import domain
from kongthun.welfare.funding.actions.common import COLLECT, DECIDE, cash_account, clean_key, positive, welfare_fund
from kongthun.welfare.funding.models import AllocationSetting

ADMIN_EXPENSES = "5901"
CLOSING_SOURCE = "year_close"  # the year-end closing entry empties income into 3901: not income of the year
BALANCE_TYPES = (AccountType.ASSET, AccountType.LIABILITY)


def cap_percent_of(organization_id: int) -> Decimal:
    row = AllocationSetting.objects.filter(organization_id=organization_id).first()
    return row.cap if row else domain.DEFAULT_ADMIN_CAP_PERCENT


def cap_base_of(organization_id: int) -> domain.CapBase:
    row = AllocationSetting.objects.filter(organization_id=organization_id).first()
    return domain.CapBase(row.cap_base) if row else domain.CapBase.YEAR_INCOME


def year_figures(organization: Organization, on: date) -> tuple[Satang, Satang]:
    """(income, administration spent) of the accounting year containing `on`, as recorded so far;
    the year-end closing entry is left out. Unscoped: callers check the scope."""
    year = organization.accounting_year
    lines = (JournalLine.objects.filter(organization=organization, entry__date__gte=year.start_of(on),
                                        entry__date__lte=year.end_of(on))
             .exclude(entry__source=CLOSING_SOURCE))
    sums = lines.aggregate(income=Sum("amount", filter=Q(account__type=AccountType.INCOME)),
                           admin=Sum("amount", filter=Q(account__code=ADMIN_EXPENSES)))
    return -(sums["income"] or 0), sums["admin"] or 0


def opening_balance(organization: Organization, on: date) -> Satang:
    """The fund's balance at the start of the accounting year containing `on` (ยอดเงินกองทุนต้นปี): what it
    owns less what it owes, from every entry dated before the year began."""
    start = organization.accounting_year.start_of(on)
    return (JournalLine.objects.filter(organization=organization, entry__date__lt=start,
                                       account__type__in=BALANCE_TYPES)
            .aggregate(s=Sum("amount"))["s"] or 0)


def cap_base_on(organization: Organization, on: date) -> domain.CapBaseFigure:
    kind = cap_base_of(organization.pk)
    income, _ = year_figures(organization, on)
    last_year = 0
    if kind is domain.CapBase.YEAR_INCOME and income <= 0:
        last_year, _ = year_figures(organization, organization.accounting_year.start_of(on) - timedelta(days=1))
    opening = opening_balance(organization, on) if kind is domain.CapBase.FUND_BALANCE else 0
    return domain.cap_base_figure(kind, year_income=income, last_year_income=last_year, opening_balance=opening)


def cap_check_on(organization: Organization, on: date, amount: Satang = 0) -> domain.CapCheck:
    _, spent = year_figures(organization, on)
    return domain.admin_cap_check(base=cap_base_on(organization, on), spent=spent, amount=amount,
                                  cap_percent=cap_percent_of(organization.pk))


@dataclass(frozen=True)
class AdminExpense:
    """An administration expense posted, with the cap check it passed (a warning when close)."""

    entry: JournalEntry
    check: domain.CapCheck
    repeated: bool = False


@transaction.atomic
def admin_expense_record(
    *,
    organization: Organization,
    amount: Satang,
    spent_on: date,
    description: str,
    actor: Actor,
    idempotency_key: str,
    account: str = "1101",
) -> AdminExpense:
    """Pay an administration expense (จ่ายค่าบริหารจัดการ): debit 5901, credit cash or bank. Refused,
    with the figures, when the year's administration would pass the fund's cap; allowed with a warning
    from 80% of it. A retry with the same key returns the entry already posted."""
    actor.scope.require(COLLECT, organization.pk)
    org = welfare_fund(organization)
    key = f"admin_expense:{clean_key(idempotency_key)}"
    positive(amount)
    cash_account(account)
    if not description.strip():
        raise DomainError("invalid.description_required", "กรุณาระบุรายการค่าใช้จ่าย", "Say what the expense is for",
                          "description")
    lines = [debit(ADMIN_EXPENSES, amount), credit(account, amount)]
    memo = f"ค่าบริหารจัดการ: {description.strip()}"[:300]
    if JournalEntry.objects.filter(organization=org, idempotency_key=key).exists():
        entry = entry_post(organization=org, date=spent_on, lines=lines, memo=memo, actor=actor,
                           source="admin_expense", idempotency_key=key)
        return AdminExpense(entry, cap_check_on(org, spent_on), repeated=True)
    check = cap_check_on(org, spent_on, amount)
    if check.level is domain.CapLevel.REFUSED:
        raise domain.refusal(check)
    entry = entry_post(organization=org, date=spent_on, lines=lines, memo=memo, actor=actor, source="admin_expense",
                       idempotency_key=key)
    audit_record(actor=actor, action="admin_expense_record", obj_type="admin_expense", obj_id=entry.pk,
                 organization_id=org.pk, before=None,
                 after={"entry": entry.number, "amount": amount, "date": spent_on.isoformat(), "account": account,
                        "cap": check.level.value, "limit": check.limit, "spent_after": check.spent_after,
                        "income": check.income, "cap_percent": str(check.cap_percent),
                        "cap_base": check.base.kind.value, "base_fallback": check.base.fallback})
    return AdminExpense(entry, check)




@transaction.atomic
def allocation_set(*, organization: Organization, admin_cap_percent: Decimal, actor: Actor, why: str = "",
                   cap_base: str | None = None) -> AllocationSetting:
    """Set the fund's income allocation rule (กำหนดสัดส่วนค่าบริหารจัดการ): administration at most this
    percent of its base, 'year_income' or 'fund_balance' (unchanged when not given). A committee decision."""
    actor.scope.require(DECIDE, organization.pk)
    org = welfare_fund(organization)
    pct = domain.check_cap_percent(admin_cap_percent).quantize(Decimal("0.01"))
    row = AllocationSetting.objects.select_for_update().filter(organization=org).first()
    base = choice(domain.CapBase, cap_base, where="cap_base") if cap_base else cap_base_of(org.pk)
    before = {"admin_cap_percent": str(row.admin_cap_percent), "cap_base": row.cap_base} if row else None
    row = row or AllocationSetting(organization=org)
    row.admin_cap_percent, row.cap_base, row.why = pct, base.value, why[:300]
    row.recorded_by_id, row.recorded_at = actor.user_id, utc_now()
    row.save()
    audit_record(actor=actor, action="allocation_set", obj_type="allocation_setting", obj_id=row.pk,
                 organization_id=org.pk, before=before, after={"admin_cap_percent": str(pct), "cap_base": base.value},
                 why=why)
    return row
