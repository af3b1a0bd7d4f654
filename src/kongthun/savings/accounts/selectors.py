"""Reads of savings and shares (เงินฝากสัจจะและหุ้น).

The first four functions are the contract other savings apps build on (dividends, the passbook,
loan limits): plain reads by id, with no scope; the caller has checked its own scope. The rest take
the reader's `Scope`.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.db.models import Sum

from kongthun.access.domain import Permission
from kongthun.access.scope import Scope
from kongthun.money import Satang
from kongthun.people.models import Membership, MembershipStatus
from kongthun.savings.accounts.models import (
    MissedMonthFine,
    SavingsMovement,
    SavingsPolicy,
    SavingsPromise,
    SavingsVoucher,
    ShareTransaction,
)
from kongthun.savings.domain import policy as domain
from kongthun.savings.domain.policy import Policy, ShareMovement

__all__ = ["ShareMovement", "savings_balance", "share_balance", "share_movements", "group_policy"]


def savings_balance(membership_id: int, on: date) -> Satang:
    """A member's sajja savings at the end of a date (ยอดเงินฝากสัจจะ)."""
    return SavingsMovement.objects.filter(membership_id=membership_id, on__lte=on).aggregate(
        s=Sum("amount"))["s"] or 0


def share_balance(membership_id: int, on: date) -> Satang:
    """The value of the shares a member holds at the end of a date (มูลค่าหุ้น), at the price paid."""
    return ShareTransaction.objects.filter(membership_id=membership_id, on__lte=on).aggregate(
        s=Sum("amount"))["s"] or 0


def share_units(membership_id: int, on: date) -> int:
    return ShareTransaction.objects.filter(membership_id=membership_id, on__lte=on).aggregate(
        s=Sum("units"))["s"] or 0


def units_held(membership_ids) -> dict[int, int]:
    """Shares held now by each of these members (0 for none)."""
    got = dict(ShareTransaction.objects.filter(membership_id__in=membership_ids).values("membership_id")
               .annotate(s=Sum("units")).values_list("membership_id", "s"))
    return {mid: got.get(mid, 0) for mid in membership_ids}


def share_movements(organization_id: int, start: date, end: date) -> list[ShareMovement]:
    """Shares bought (+) and redeemed (-) in a group from `start` to `end`, by date. Balances before
    `start` come from `share_balance(membership_id, start - 1 day)`."""
    rows = ShareTransaction.objects.filter(organization_id=organization_id, on__gte=start, on__lte=end).order_by(
        "on", "id").values_list("membership_id", "on", "amount")
    return [ShareMovement(m, on, amount) for m, on, amount in rows]


def group_policy(organization_id: int, on: date) -> Policy:
    """The group's savings and share policy in force on a date; refused if it has none."""
    return domain.policy_on(policies(organization_id), on)


def policies(organization_id: int) -> list[Policy]:
    return [p.as_policy() for p in SavingsPolicy.objects.filter(organization_id=organization_id)]


def has_policy(organization_id: int) -> bool:
    return SavingsPolicy.objects.filter(organization_id=organization_id).exists()


# --- promises, missed months and fines (unscoped helpers for the actions) --------------------------


def promises_of(membership_ids, months: list[date], all_policies: list[Policy]) -> dict[int, dict[date, Satang]]:
    """Each member's promise for each month: their own latest promise from that month, else the
    default of the policy in force on the month's first day (0 before any policy)."""
    own: dict[int, list[tuple[date, Satang]]] = defaultdict(list)
    for mid, month, amount in SavingsPromise.objects.filter(membership_id__in=membership_ids).order_by(
            "from_month", "id").values_list("membership_id", "from_month", "amount"):
        own[mid].append((month, amount))
    default = {m: _default_promise(all_policies, m) for m in months}
    out = {}
    for mid in membership_ids:
        history = own.get(mid, [])
        row = {}
        for m in months:
            chosen = [a for f, a in history if f <= m]
            row[m] = chosen[-1] if chosen else default[m]
        out[mid] = row
    return out


def _default_promise(all_policies: list[Policy], month: date) -> Satang:
    in_force = [p for p in all_policies if p.effective_from <= month]
    return max(in_force, key=lambda p: p.effective_from).monthly_promise if in_force else 0


def _fine_of(all_policies: list[Policy], months: list[date]) -> dict[date, Satang]:
    out = {}
    for m in months:
        in_force = [p for p in all_policies if p.effective_from <= m]
        out[m] = max(in_force, key=lambda p: p.effective_from).missed_month_fine if in_force else 0
    return out


@dataclass(frozen=True)
class MemberDue:
    """One member on a collection screen: the month's promise, what is paid for it, months missed
    before it, the fine due for them, and the savings and shares held."""

    membership: Membership
    promise: Satang
    paid: Satang
    missed: tuple[date, ...]
    fine_due: Satang
    unfined: tuple[date, ...]
    savings: Satang
    shares: Satang


def dues_of(organization_id: int, members: list[Membership], month: date) -> list[MemberDue]:
    """Promise, paid, missed months and fines due of members for a collection month (no scope)."""
    all_policies = policies(organization_id)
    if not all_policies or not members:
        return []
    first = domain.month_of(min(p.effective_from for p in all_policies))
    ids = [m.pk for m in members]
    start = max(min(domain.month_of(m.joined_on) for m in members), first)
    months = domain.months_between(start, month)
    promise = promises_of(ids, months, all_policies)
    fine_by_month = _fine_of(all_policies, months)
    paid: dict[int, dict[date, Satang]] = defaultdict(dict)
    for mid, for_month, s in (SavingsMovement.objects.filter(membership_id__in=ids, kind="deposit")
                              .values("membership_id", "for_month").annotate(s=Sum("amount"))
                              .values_list("membership_id", "for_month", "s")):
        paid[mid][for_month] = s
    fined: dict[int, set[date]] = defaultdict(set)
    for mid, m in MissedMonthFine.objects.filter(membership_id__in=ids).values_list("membership_id", "month"):
        fined[mid].add(m)
    savings = _sums(SavingsMovement, ids)
    shares = _sums(ShareTransaction, ids)
    out = []
    for m in members:
        begin = max(domain.month_of(m.joined_on), first)
        past = domain.months_due(promise[m.pk], paid[m.pk], begin, domain.add_months(month, -1))
        missed = domain.missed_months(past)
        unfined = tuple(x for x in missed if x not in fined[m.pk] and fine_by_month.get(x, 0) > 0)
        out.append(MemberDue(m, promise[m.pk].get(month, 0), paid[m.pk].get(month, 0), tuple(missed),
                             domain.fines_due(missed, fine_by_month, fined[m.pk]), unfined,
                             savings.get(m.pk, 0), shares.get(m.pk, 0)))
    return out


def _sums(model, ids) -> dict[int, Satang]:
    return dict(model.objects.filter(membership_id__in=ids).values("membership_id").annotate(s=Sum("amount"))
                .values_list("membership_id", "s"))


def fine_of(organization_id: int, months) -> dict[date, Satang]:
    """The missed-month fine of the policy in force in each month."""
    return _fine_of(policies(organization_id), sorted(set(months)))


def interest_due(organization_id: int, policy: Policy, start: date, on: date) -> dict[Membership, Satang]:
    """Each saving member's interest for the months from `start` to `on` by the policy (no scope);
    members who have left earn none, and nobody is listed with nothing."""
    members = Membership.objects.filter(organization_id=organization_id, status__in=[
        MembershipStatus.ACTIVE, MembershipStatus.LAPSED]).select_related("person").order_by("member_no")
    rows: dict[int, list[tuple[date, Satang]]] = {}
    for mid, d, amount in SavingsMovement.objects.filter(organization_id=organization_id, on__gte=start,
                                                         on__lte=on).values_list("membership_id", "on", "amount"):
        rows.setdefault(mid, []).append((d, amount))
    openings = dict(SavingsMovement.objects.filter(organization_id=organization_id, on__lt=start)
                    .values("membership_id").annotate(s=Sum("amount")).values_list("membership_id", "s"))
    out = {}
    for m in members:
        opening = openings.get(m.pk, 0)
        if not opening and m.pk not in rows:
            continue
        interest = domain.year_interest(policy, opening, rows.get(m.pk, []), start, on)
        if interest > 0:
            out[m] = interest
    return out


# --- scoped reads -----------------------------------------------------------------------------------


def _require_member_view(scope: Scope, membership: Membership) -> None:
    """A member sees their own account; the group's committee, treasurer and auditor see everyone's."""
    if scope.self_person.get(membership.organization_id) == membership.person_id and scope.can(
            Permission.VIEW_SELF, membership.organization_id):
        return
    scope.require(Permission.VIEW_PEOPLE, membership.organization_id)


@dataclass(frozen=True)
class InterestPreview:
    """What the year's interest on savings would credit each member (ดอกเบี้ยเงินฝากที่จะจ่าย)."""

    year_name: int
    start: date
    on: date
    policy: Policy
    members: dict
    posted: bool

    @property
    def total(self) -> Satang:
        return sum(self.members.values())


def interest_preview(*, scope: Scope, organization, year_name: int, on: date | None = None) -> InterestPreview:
    """The interest of an accounting year computed as `savings_interest_post` would post it, before posting."""
    scope.require(Permission.VIEW_BOOKS, organization.pk)
    year = organization.accounting_year
    end = year.end_of_named(year_name)
    on = on or end
    start = year.start_of(end)
    policy = group_policy(organization.pk, on)
    posted = SavingsVoucher.objects.filter(organization=organization, kind="interest", year_name=year_name).exists()
    return InterestPreview(year_name, start, on, policy, interest_due(organization.pk, policy, start, on), posted)


def policy_list(*, scope: Scope, organization_id: int):
    scope.require(Permission.VIEW_BOOKS, organization_id)
    return SavingsPolicy.objects.filter(organization_id=organization_id).order_by("effective_from")


def members_due(*, scope: Scope, organization_id: int, month: date) -> list[MemberDue]:
    """The collection screen's list (ใบเก็บเงินสัจจะประจำเดือน): every active member who had joined by
    the end of the month, in member-number order."""
    scope.require(Permission.VIEW_PEOPLE, organization_id)
    end = domain.add_months(domain.month_of(month), 1)
    members = list(Membership.objects.filter(organization_id=organization_id, joined_on__lt=end,
                                             status__in=[MembershipStatus.ACTIVE, MembershipStatus.LAPSED])
                   .select_related("person").order_by("member_no"))
    return dues_of(organization_id, members, domain.month_of(month))


@dataclass(frozen=True)
class PassbookLine:
    """One line of a member's savings passbook (สมุดเงินฝากสัจจะ) with the running balance."""

    on: date
    kind: str
    label: str
    amount: Satang
    balance: Satang
    entry_number: int


def member_passbook_savings(membership_id: int, *, scope: Scope) -> list[PassbookLine]:
    """A member's savings movements in order, each with the balance after it."""
    m = Membership.objects.get(pk=membership_id)
    _require_member_view(scope, m)
    balance, out = 0, []
    for mv in SavingsMovement.objects.filter(membership_id=membership_id).select_related("voucher__entry").order_by(
            "on", "id"):
        balance += mv.amount
        out.append(PassbookLine(mv.on, mv.kind, mv.get_kind_display(), mv.amount, balance, mv.voucher.entry.number))
    return out


def member_shares(membership_id: int, *, scope: Scope):
    m = Membership.objects.get(pk=membership_id)
    _require_member_view(scope, m)
    return ShareTransaction.objects.filter(membership_id=membership_id).select_related("voucher__entry").order_by(
        "on", "id")


def member_promises(membership_id: int, *, scope: Scope):
    m = Membership.objects.get(pk=membership_id)
    _require_member_view(scope, m)
    return SavingsPromise.objects.filter(membership_id=membership_id).order_by("from_month", "id")
