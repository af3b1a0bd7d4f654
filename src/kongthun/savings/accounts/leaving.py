"""Leaving the group with a refund (ลาออกและรับเงินคืน), and the year's interest on savings
(ดอกเบี้ยเงินฝากสัจจะ). Both post one balanced entry each, with a line per member."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db import transaction

from kongthun.access.domain import Permission
from kongthun.audit.actions import Actor, audit_record
from kongthun.errors import DomainError
from kongthun.ledger.domain import credit, debit
from kongthun.money import Satang, format_baht
from kongthun.orgs.models import Organization
from kongthun.people.actions import membership_status_change
from kongthun.people.models import Membership, MembershipStatus
from kongthun.savings.accounts import selectors
from kongthun.savings.accounts.actions import (
    FINES,
    RECORD,
    SAVINGS,
    SAVINGS_INTEREST,
    SHARES,
    fingerprint,
    member_of,
    pay_account_of,
    replay,
    savings_org,
    voucher_post,
)
from kongthun.savings.accounts.models import (
    MissedMonthFine,
    MovementKind,
    SavingsMovement,
    SavingsVoucher,
    ShareKind,
    ShareTransaction,
    VoucherKind,
)
from kongthun.savings.domain import policy as domain


@dataclass(frozen=True)
class LeaveResult:
    membership: Membership
    refund: domain.Refund
    voucher: SavingsVoucher | None


def _loans_outstanding(membership_id: int, on: date) -> Satang:
    try:
        from kongthun.savings.loans.selectors import member_loans
    except ImportError:  # pragma: no cover - the loans app is optional
        return 0
    return sum(max(loan.outstanding, 0) for loan in member_loans(membership_id, on))


@transaction.atomic
def member_leave_refund(*, membership: Membership, on: date, actor: Actor, idempotency_key: str, why: str,
                        pay_account: str = "1101", deduct_fines: bool = True) -> LeaveResult:
    """A member leaves (ลาออก): their savings and shares are paid back, fines still owed for missed
    months kept from the savings, and the membership ends as resigned. Refused while a loan is owed."""
    actor.scope.require(RECORD, membership.organization_id)
    actor.scope.require(Permission.WRITE_PEOPLE, membership.organization_id)
    org = savings_org(membership.organization)
    fp = fingerprint("leave", membership.pk, on, why, pay_account, deduct_fines)
    if (prior := replay(org, idempotency_key, fp)) is not None:
        return _result_of(prior, membership)
    if not why.strip():
        raise DomainError("invalid.why_required", "กรุณาระบุเหตุผลการลาออก", "Give the reason for leaving", "why")
    m = member_of(org, membership.pk, on)
    if (owed := _loans_outstanding(m.pk, on)) > 0:
        raise DomainError("conflict.loan_outstanding",
                          f"สมาชิกเลขที่ {m.member_no} ยังมีเงินกู้ค้าง {format_baht(owed)} ต้องชำระก่อนลาออก",
                          f"Member {m.member_no} still owes {format_baht(owed, unit='baht')} in loans; "
                          "settle them before leaving", "membership")
    savings = selectors.savings_balance(m.pk, date.max)
    units, shares = selectors.share_units(m.pk, date.max), selectors.share_balance(m.pk, date.max)
    fines: dict[date, Satang] = {}
    if deduct_fines:
        due = selectors.dues_of(org.pk, [m], domain.month_of(on))
        fines = selectors.fine_of(org.pk, due[0].unfined) if due else {}
    refund = domain.leaving_refund(savings, shares, sum(fines.values()))
    if refund.fines < sum(fines.values()):  # fines beyond the savings are forgiven, month by month
        fines = _fines_within(fines, refund.fines)
        refund = domain.leaving_refund(savings, shares, sum(fines.values()))
    v = None
    if savings or shares:
        v = _post_refund(org, m, on, refund, units, fines, actor, idempotency_key, fp, pay_account, why)
    membership_status_change(membership=m, status=MembershipStatus.RESIGNED, on=on, actor=actor,
                             why=f"ลาออก: {why}"[:300])
    audit_record(actor=actor, action="member_leave_refund", obj_type="membership", obj_id=m.pk,
                 organization_id=org.pk, before={"savings": savings, "shares": shares, "units": units},
                 after={"refund": refund.total, "fines": refund.fines, "entry": v.entry.number if v else None},
                 why=why)
    return LeaveResult(Membership.objects.get(pk=m.pk), refund, v)


def _fines_within(fines: dict[date, Satang], limit: Satang) -> dict[date, Satang]:
    out, left = {}, limit
    for month in sorted(fines):
        if 0 < fines[month] <= left:
            out[month], left = fines[month], left - fines[month]
    return out


def _post_refund(org, m, on, refund, units, fines, actor, key, fp, pay_account, why) -> SavingsVoucher:
    fine_total = sum(fines.values())
    paid = refund.savings + refund.shares - fine_total
    lines = []
    if refund.savings:
        lines.append(debit(SAVINGS, refund.savings, m.member_no))
    if refund.shares:
        lines.append(debit(SHARES, refund.shares, f"{m.member_no} หุ้น {units}"))
    if fine_total:
        lines.append(credit(FINES, fine_total, f"{m.member_no} ค่าปรับ {len(fines)} เดือน"))
    if paid:
        lines.append(credit(pay_account_of(pay_account), paid))
    v = voucher_post(org=org, kind=VoucherKind.REFUND, on=on, lines=lines, actor=actor, key=key, fp=fp,
                     memo=f"คืนเงินสมาชิกลาออก {m.member_no} {format_baht(paid)}: {why}")
    if fine_total:
        SavingsMovement.objects.create(organization=org, membership=m, voucher=v, on=on, kind=MovementKind.FINE,
                                       amount=-fine_total)
        MissedMonthFine.objects.bulk_create(MissedMonthFine(organization=org, membership=m, voucher=v, month=mo,
                                                            amount=a) for mo, a in fines.items())
    if refund.savings - fine_total:
        SavingsMovement.objects.create(organization=org, membership=m, voucher=v, on=on, kind=MovementKind.REFUND,
                                       amount=-(refund.savings - fine_total))
    if refund.shares:
        ShareTransaction.objects.create(organization=org, membership=m, voucher=v, on=on, kind=ShareKind.REDEEM,
                                        units=-units, amount=-refund.shares)
    return v


def _result_of(v: SavingsVoucher, membership: Membership) -> LeaveResult:
    savings = -sum(x.amount for x in v.movements.all())
    fines = sum(f.amount for f in v.fines.all())
    shares = -sum(x.amount for x in v.share_transactions.all())
    return LeaveResult(Membership.objects.get(pk=membership.pk), domain.Refund(savings, shares, fines), v)


# --- interest on savings --------------------------------------------------------------------------


@transaction.atomic
def savings_interest_post(*, organization: Organization, year_name: int, on: date, actor: Actor,
                          idempotency_key: str) -> SavingsVoucher:
    """Post a year's interest on savings (ดอกเบี้ยเงินฝากสัจจะ) to every member who saves: debit 5201,
    credit 2101 with a line per member, each member's interest by the policy's rate and basis on their
    balances of the year's months through `on`. Once a year."""
    actor.scope.require(RECORD, organization.pk)
    org = savings_org(organization)
    fp = fingerprint("interest", year_name, on)
    if (prior := replay(org, idempotency_key, fp)) is not None:
        return prior
    year = org.accounting_year
    end = year.end_of_named(year_name)
    start = year.start_of(end)
    if not start <= on <= end:
        raise DomainError("invalid.interest_date", f"วันที่ลงดอกเบี้ยต้องอยู่ในปีบัญชี {year_name}",
                          f"Interest is posted on a date within accounting year {year_name}", "on")
    if SavingsVoucher.objects.filter(organization=org, kind=VoucherKind.INTEREST, year_name=year_name).exists():
        raise DomainError("conflict.interest_posted", f"ลงดอกเบี้ยเงินฝากของปี {year_name} แล้ว",
                          f"Savings interest for year {year_name} is already posted", "year_name")
    policy = selectors.group_policy(org.pk, on)
    per_member = selectors.interest_due(org.pk, policy, start, on)
    if not per_member:
        raise DomainError("conflict.no_interest", "ไม่มีดอกเบี้ยเงินฝากที่ต้องจ่าย (อัตราเป็นศูนย์หรือไม่มีเงินฝาก)",
                          "No savings interest is due (the rate is zero or nobody saves)", "year_name")
    total = sum(per_member.values())
    lines = [debit(SAVINGS_INTEREST, total)] + [credit(SAVINGS, a, m.member_no) for m, a in per_member.items()]
    v = voucher_post(org=org, kind=VoucherKind.INTEREST, on=on, lines=lines, actor=actor, key=idempotency_key,
                     fp=fp, year_name=year_name,
                     memo=f"ดอกเบี้ยเงินฝากสัจจะปี {year_name} ร้อยละ {policy.interest_rate:.2f} ต่อปี {len(per_member)} ราย")
    SavingsMovement.objects.bulk_create(
        SavingsMovement(organization=org, membership=m, voucher=v, on=on, kind=MovementKind.INTEREST, amount=a)
        for m, a in per_member.items())
    audit_record(actor=actor, action="savings_interest_post", obj_type="savings_voucher", obj_id=v.pk,
                 organization_id=org.pk, before=None,
                 after={"year": year_name, "rate": str(policy.interest_rate), "total": total, "entry": v.entry.number,
                        "members": {m.member_no: a for m, a in per_member.items()}})
    return v
