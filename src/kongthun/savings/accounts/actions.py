"""The only writer of savings policies, members' savings and shares (เงินฝากสัจจะและหุ้น).

Every money movement is one `SavingsVoucher`: one balanced journal entry through `entry_post`, and the
member movements it carries, so each member's savings and shares always equal accounts 2101 and 3201.
The monthly collection, leaving and interest are in `collection.py` and `leaving.py`.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from django.db import transaction

from kongthun.access.domain import Permission
from kongthun.audit.actions import Actor, audit_record
from kongthun.clock import utc_now
from kongthun.errors import DomainError, choice, require_idempotency_key
from kongthun.ledger.actions import accounts_seed, entry_post
from kongthun.ledger.domain import Line, credit, debit
from kongthun.ledger.models import Account
from kongthun.money import Satang, format_baht
from kongthun.orgs.actions import organization_locked
from kongthun.orgs.domain import OrgKind
from kongthun.orgs.models import Organization
from kongthun.people.models import Membership, MembershipStatus
from kongthun.savings.accounts import selectors
from kongthun.savings.accounts.models import (
    MovementKind,
    SavingsMovement,
    SavingsPolicy,
    SavingsPromise,
    SavingsVoucher,
    ShareKind,
    ShareTransaction,
    VoucherKind,
)
from kongthun.savings.domain import policy as domain

CASH, SAVINGS, SHARES, FINES, SAVINGS_INTEREST = "1101", "2101", "3201", "4402", "5201"
PAY_ACCOUNTS = ("1101", "1102")  # cash or bank
SAVINGS_KINDS = (OrgKind.SAVINGS_GROUP, OrgKind.OTHER_FINANCE)
# Adopting the policy is the committee's decision; money is the treasurer's.
DECIDE = Permission.LOCK_PERIOD
RECORD = Permission.POST_ENTRIES


# --- shared helpers ---------------------------------------------------------------------------------


def fingerprint(*parts) -> str:
    return hashlib.sha256(json.dumps(parts, separators=(",", ":"), default=str).encode()).hexdigest()


def savings_org(organization: Organization) -> Organization:
    """The group's row, locked: one writer of a group's savings at a time. Seeds accounts it lacks."""
    org = organization_locked(organization, SAVINGS_KINDS, "เงินฝากสัจจะและหุ้นใช้ได้กับกลุ่มออมทรัพย์เท่านั้น",
                              "Savings and shares belong to a savings group")
    accounts_seed(organization=org)
    return org


def replay(org: Organization, key: str, fp: str) -> SavingsVoucher | None:
    """The voucher already written with this key and the same request, or a refusal if the request differs."""
    require_idempotency_key(key)
    prior = SavingsVoucher.objects.filter(organization=org, idempotency_key=key).first()
    if prior is not None and prior.fingerprint != fp:
        raise DomainError("conflict.idempotency_mismatch", "รหัสป้องกันการส่งซ้ำนี้ถูกใช้กับรายการอื่นแล้ว",
                          "This idempotency key was already used for a different request", "idempotency_key")
    return prior


def voucher_post(*, org: Organization, kind: str, on: date, lines: Sequence[Line], memo: str, actor: Actor, key: str,
                 fp: str, month: date | None = None, year_name: int | None = None,
                 source: str = "") -> SavingsVoucher:
    entry = entry_post(organization=org, date=on, lines=lines, memo=memo[:300], actor=actor,
                       source=source or f"savings_{kind}", idempotency_key=f"savings:{key}"[:100])
    return SavingsVoucher.objects.create(
        organization=org, kind=kind, on=on, month=month, year_name=year_name, entry=entry, memo=memo[:300],
        idempotency_key=key, fingerprint=fp, recorded_by_id=actor.user_id, recorded_at=utc_now())


def member_of(org: Organization, membership_id: int, on: date, where: str = "membership") -> Membership:
    """A member of this group who can still save on a date; another group's member reads as not found."""
    return members_of(org, [(membership_id, where)], on)[0]


def members_of(org: Organization, wanted: Sequence[tuple[int, str]], on: date) -> list[Membership]:
    """`member_of` for many (membership id, where) at once, in one query, in the order asked."""
    found = {m.pk: m for m in Membership.objects.filter(organization=org, pk__in=[i for i, _ in wanted])
             .select_related("person")}
    out = []
    for membership_id, where in wanted:
        m = found.get(membership_id)
        if m is None:
            raise DomainError("not_found.membership", f"ไม่พบสมาชิกรหัส {membership_id} ในกลุ่มนี้",
                              f"No member {membership_id} in this group", where)
        if m.status in (MembershipStatus.DECEASED, MembershipStatus.RESIGNED) or m.person.deceased_on is not None:
            raise DomainError("conflict.member_inactive", f"สมาชิกเลขที่ {m.member_no} ลาออกหรือเสียชีวิตแล้ว",
                              f"Member {m.member_no} has left or died", where)
        if on < m.joined_on:
            raise DomainError("invalid.before_joining", f"สมาชิกเลขที่ {m.member_no} ยังไม่ได้สมัคร ณ วันที่นั้น",
                              f"Member {m.member_no} had not joined on that date", where)
        out.append(m)
    return out


def _positive(amount: Satang, where: str) -> None:
    if not isinstance(amount, int) or isinstance(amount, bool) or amount <= 0:
        raise DomainError("invalid.amount", "จำนวนเงินต้องมากกว่าศูนย์", "The amount must be more than zero", where)


def pay_account_of(code: str) -> str:
    if code not in PAY_ACCOUNTS:
        raise DomainError("invalid.pay_account", "จ่ายหรือรับได้ทางเงินสด (1101) หรือเงินฝากธนาคาร (1102)",
                          "Money moves through cash (1101) or the bank (1102)", "account")
    return code


# --- policy and promises ----------------------------------------------------------------------------


def _rate(value) -> Decimal:
    try:
        rate = Decimal(str(value))
    except InvalidOperation:
        rate = Decimal("NaN")
    if isinstance(value, float) or not rate.is_finite():
        raise DomainError("invalid.savings_policy", f"อัตราดอกเบี้ย '{value}' ไม่ถูกต้อง",
                          f"'{value}' is not an interest rate", "interest_rate")
    return rate


@transaction.atomic
def policy_set(*, organization: Organization, effective_from: date, actor: Actor, why: str = "",
               share_price: Satang = 10_000, min_shares: int = 1, max_shares: int = 0,
               monthly_promise: Satang = 10_000, missed_month_fine: Satang = 0,
               withdrawal_rule: str = domain.WithdrawalRule.ON_LEAVING_ONLY, withdrawal_percent: int = 0,
               min_balance: Satang = 0, interest_rate: Decimal | str | int = 0,
               interest_basis: str = domain.InterestBasis.MIN_MONTHLY_BALANCE) -> SavingsPolicy:
    """Adopt a savings and share policy from a date (ระเบียบเงินฝากสัจจะและหุ้น). A version already
    adopted is never rewritten: a change takes a new effective date, not before any savings recorded."""
    actor.scope.require(DECIDE, organization.pk)
    org = savings_org(organization)
    p = domain.validate_policy(domain.Policy(
        effective_from=effective_from, share_price=share_price, min_shares=min_shares, max_shares=max_shares,
        monthly_promise=monthly_promise, missed_month_fine=missed_month_fine,
        withdrawal_rule=choice(domain.WithdrawalRule, withdrawal_rule, where="withdrawal_rule"),
        withdrawal_percent=withdrawal_percent, min_balance=min_balance, interest_rate=_rate(interest_rate),
        interest_basis=choice(domain.InterestBasis, interest_basis, where="interest_basis")))
    if SavingsPolicy.objects.filter(organization=org, effective_from=effective_from).exists():
        raise DomainError("conflict.policy_exists", f"มีระเบียบที่เริ่มใช้วันที่ {effective_from.isoformat()} แล้ว",
                          f"A policy effective from {effective_from.isoformat()} already exists", "effective_from")
    if SavingsVoucher.objects.filter(organization=org, on__gte=effective_from).exists():
        raise DomainError("conflict.policy_after_savings", "มีรายการเงินฝากตั้งแต่วันเริ่มใช้แล้ว จะกำหนดระเบียบย้อนหลังไม่ได้",
                          "Savings were already recorded on or after that date; a policy cannot apply backwards",
                          "effective_from")
    row = SavingsPolicy.objects.create(
        organization=org, effective_from=p.effective_from, share_price=p.share_price, min_shares=p.min_shares,
        max_shares=p.max_shares, monthly_promise=p.monthly_promise, missed_month_fine=p.missed_month_fine,
        withdrawal_rule=p.withdrawal_rule.value, withdrawal_percent=p.withdrawal_percent, min_balance=p.min_balance,
        interest_rate=p.interest_rate, interest_basis=p.interest_basis.value, why=why[:300],
        recorded_by_id=actor.user_id, recorded_at=utc_now())
    after = {k: str(v) for k, v in p.__dict__.items()}
    audit_record(actor=actor, action="savings_policy_set", obj_type="savings_policy", obj_id=row.pk,
                 organization_id=org.pk, before=None, after=after, why=why)
    return row


@transaction.atomic
def promise_set(*, membership: Membership, from_month: date, amount: Satang, actor: Actor,
                why: str = "") -> SavingsPromise:
    """Set a member's monthly promise (สัจจะรายเดือน) from a month on; the earlier promises stay."""
    actor.scope.require(Permission.WRITE_PEOPLE, membership.organization_id)
    org = savings_org(membership.organization)
    month = domain.month_of(from_month)
    m = member_of(org, membership.pk, max(month, membership.joined_on), "membership")
    if not isinstance(amount, int) or isinstance(amount, bool) or amount < 0:
        raise DomainError("invalid.amount", "เงินสัจจะต้องไม่ติดลบ", "The promise may not be negative", "amount")
    selectors.group_policy(org.pk, domain.add_months(month, 1))  # a group with no policy has no promises
    before = selectors.promises_of([m.pk], [month], selectors.policies(org.pk))[m.pk][month]
    row = SavingsPromise.objects.create(organization=org, membership=m, from_month=month, amount=amount,
                                        why=why[:300], recorded_by_id=actor.user_id, recorded_at=utc_now())
    audit_record(actor=actor, action="savings_promise_set", obj_type="membership", obj_id=m.pk,
                 organization_id=org.pk, before={"promise": before, "from": month.isoformat()},
                 after={"promise": amount, "from": month.isoformat()}, why=why)
    return row


# --- opening balances and credits -----------------------------------------------------------------


@dataclass(frozen=True)
class OpeningLine:
    """A member's savings and shares brought forward (ยอดยกมา) when the group starts using kongthun."""

    membership_id: int
    savings: Satang = 0
    shares: Satang = 0


@transaction.atomic
def opening_balances_record(*, organization: Organization, on: date, lines: Sequence[OpeningLine], actor: Actor,
                            idempotency_key: str, debit_account: str = CASH,
                            memo: str = "") -> SavingsVoucher:
    """Bring members' savings and shares forward (ยอดยกมา): one entry, debit the money held (cash by
    default), credit 2101 and 3201 per member. A member's balances are brought forward once."""
    actor.scope.require(RECORD, organization.pk)
    org = savings_org(organization)
    lines = tuple(lines)
    fp = fingerprint("opening", on, debit_account, memo, [[x.membership_id, x.savings, x.shares] for x in lines])
    if (prior := replay(org, idempotency_key, fp)) is not None:
        return prior
    # Balances are often brought forward the day before the first policy starts: its share price counts.
    known = selectors.policies(org.pk)
    policy = domain.policy_on(known, max(on, min((p.effective_from for p in known), default=on)))
    if not lines:
        raise DomainError("invalid.no_lines", "ไม่มีรายการยอดยกมา", "No balances to bring forward", "lines")
    if debit_account in (SAVINGS, SHARES):
        raise DomainError("invalid.account", f"ยอดยกมาต้องมาจากบัญชีที่ถือเงินไว้ ไม่ใช่ {debit_account}",
                          f"Balances are brought forward against where the money is held, not {debit_account}",
                          "debit_account")
    checked, seen = [], set()
    for i, x in enumerate(lines, start=1):
        where = f"lines[{i}]"
        m = member_of(org, x.membership_id, on, where)
        if m.pk in seen or SavingsMovement.objects.filter(membership=m, kind=MovementKind.OPENING).exists() or \
                ShareTransaction.objects.filter(membership=m, kind=ShareKind.OPENING).exists():
            raise DomainError("conflict.opening_exists", f"สมาชิกเลขที่ {m.member_no} มียอดยกมาแล้ว",
                              f"Member {m.member_no} already has balances brought forward", where)
        seen.add(m.pk)
        if x.savings < 0 or x.shares < 0 or x.savings + x.shares == 0:
            raise DomainError("invalid.amount", "ยอดยกมาต้องไม่ติดลบและไม่เป็นศูนย์ทั้งคู่",
                              "Balances brought forward must be positive", where)
        units = domain.shares_check(policy, 0, x.shares, where) if x.shares else 0
        checked.append((m, x, units))
    total = sum(x.savings + x.shares for _, x, _ in checked)
    entry_lines = [debit(debit_account, total)]
    for m, x, _ in checked:
        if x.savings:
            entry_lines.append(credit(SAVINGS, x.savings, f"{m.member_no} ยอดยกมา"))
        if x.shares:
            entry_lines.append(credit(SHARES, x.shares, f"{m.member_no} หุ้นยกมา"))
    v = voucher_post(org=org, kind=VoucherKind.OPENING, on=on, lines=entry_lines, actor=actor, key=idempotency_key,
                     fp=fp, memo=memo or f"ยอดเงินฝากสัจจะและหุ้นยกมา {len(checked)} ราย")
    for m, x, units in checked:
        if x.savings:
            SavingsMovement.objects.create(organization=org, membership=m, voucher=v, on=on,
                                           kind=MovementKind.OPENING, amount=x.savings)
        if x.shares:
            ShareTransaction.objects.create(organization=org, membership=m, voucher=v, on=on, kind=ShareKind.OPENING,
                                            units=units, amount=x.shares)
    audit_record(actor=actor, action="savings_opening_record", obj_type="savings_voucher", obj_id=v.pk,
                 organization_id=org.pk, before=None,
                 after={"entry": v.entry.number, "lines": [[m.member_no, x.savings, x.shares] for m, x, _ in checked]})
    return v


@transaction.atomic
def savings_credit(*, organization: Organization, membership: Membership, amount: Satang, on: date, actor: Actor,
                   memo: str, source: str, idempotency_key: str, debit_account: str) -> SavingsVoucher:
    """Credit a member's savings (เข้าบัญชีเงินฝากสัจจะ), e.g. a dividend paid into savings: debit the
    given account, credit 2101. The same key and request return the voucher already written."""
    actor.scope.require(RECORD, organization.pk)
    org = savings_org(organization)
    fp = fingerprint("credit", membership.pk, amount, on, memo, source, debit_account)
    if (prior := replay(org, idempotency_key, fp)) is not None:
        return prior
    _positive(amount, "amount")
    m = member_of(org, membership.pk, on)
    if debit_account == SAVINGS or not Account.objects.filter(organization=org, code=debit_account).exists():
        raise DomainError("invalid.account", f"ไม่มีบัญชี {debit_account} ที่จะโอนเข้าเงินฝากได้",
                          f"Account {debit_account} cannot be credited to savings", "debit_account")
    text = memo or f"เข้าบัญชีเงินฝากสัจจะ {m.member_no}"
    v = voucher_post(org=org, kind=VoucherKind.CREDIT, on=on, actor=actor, key=idempotency_key, fp=fp, memo=text,
                     source=source or "savings_credit",
                     lines=[debit(debit_account, amount), credit(SAVINGS, amount, f"{m.member_no}")])
    SavingsMovement.objects.create(organization=org, membership=m, voucher=v, on=on, kind=MovementKind.CREDIT,
                                   amount=amount)
    audit_record(actor=actor, action="savings_credit", obj_type="savings_voucher", obj_id=v.pk,
                 organization_id=org.pk, before=None,
                 after={"member": m.member_no, "amount": amount, "debit": debit_account, "entry": v.entry.number})
    return v


# --- withdrawal and shares ------------------------------------------------------------------------


@transaction.atomic
def savings_withdraw(*, membership: Membership, amount: Satang, on: date, actor: Actor, idempotency_key: str,
                     why: str = "", pay_account: str = CASH) -> SavingsVoucher:
    """Pay out part of a member's savings (ถอนเงินฝากสัจจะ) by the group's withdrawal rule; a withdrawal
    beyond the rule is refused with the reason and the most that may be taken, and nothing is written."""
    actor.scope.require(RECORD, membership.organization_id)
    org = savings_org(membership.organization)
    fp = fingerprint("withdraw", membership.pk, amount, on, why, pay_account)
    if (prior := replay(org, idempotency_key, fp)) is not None:
        return prior
    _positive(amount, "amount")
    m = member_of(org, membership.pk, on)
    policy = selectors.group_policy(org.pk, on)
    # A back-dated withdrawal may not leave a later day overdrawn: the lower balance rules.
    balance = min(selectors.savings_balance(m.pk, on), selectors.savings_balance(m.pk, date.max))
    decision = domain.withdrawal_check(policy, balance, amount)
    if not decision.allowed:
        raise decision.refusal()
    v = voucher_post(org=org, kind=VoucherKind.WITHDRAWAL, on=on, actor=actor, key=idempotency_key, fp=fp,
                     memo=f"ถอนเงินฝากสัจจะ {m.member_no} {format_baht(amount)}" + (f": {why}" if why else ""),
                     lines=[debit(SAVINGS, amount, m.member_no), credit(pay_account_of(pay_account), amount)])
    SavingsMovement.objects.create(organization=org, membership=m, voucher=v, on=on, kind=MovementKind.WITHDRAWAL,
                                   amount=-amount)
    audit_record(actor=actor, action="savings_withdraw", obj_type="savings_voucher", obj_id=v.pk,
                 organization_id=org.pk, before={"balance": balance},
                 after={"member": m.member_no, "amount": amount, "balance": balance - amount,
                        "entry": v.entry.number}, why=why)
    return v


@transaction.atomic
def shares_buy(*, membership: Membership, amount: Satang, on: date, actor: Actor, idempotency_key: str,
               pay_account: str = CASH) -> SavingsVoucher:
    """A member buys shares (ซื้อหุ้น) in whole shares at the policy's price, up to the maximum holding."""
    actor.scope.require(RECORD, membership.organization_id)
    org = savings_org(membership.organization)
    fp = fingerprint("shares", membership.pk, amount, on, pay_account)
    if (prior := replay(org, idempotency_key, fp)) is not None:
        return prior
    _positive(amount, "amount")
    m = member_of(org, membership.pk, on)
    policy = selectors.group_policy(org.pk, on)
    units = domain.shares_check(policy, selectors.share_units(m.pk, date.max), amount, "amount")
    v = voucher_post(org=org, kind=VoucherKind.SHARES, on=on, actor=actor, key=idempotency_key, fp=fp,
                     memo=f"ซื้อหุ้น {m.member_no} {units} หุ้น",
                     lines=[debit(pay_account_of(pay_account), amount), credit(SHARES, amount, m.member_no)])
    ShareTransaction.objects.create(organization=org, membership=m, voucher=v, on=on, kind=ShareKind.BUY,
                                    units=units, amount=amount)
    audit_record(actor=actor, action="shares_buy", obj_type="savings_voucher", obj_id=v.pk, organization_id=org.pk,
                 before=None, after={"member": m.member_no, "units": units, "amount": amount,
                                     "entry": v.entry.number})
    return v
