"""The only writer of a savings group's profit rules and year-end allocations (การจัดสรรกำไรสุทธิประจำปี).

The committee sets the rule and posts the allocation of a closed year (one entry: debit retained surplus
3901, credit the reserve, the payables and the funds); the treasurer then pays each member's dividend and
patronage refund, into their savings account (through the accounts app's `savings_credit`) or in cash.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal, InvalidOperation

from django.db import transaction

from kongthun.access.domain import Permission
from kongthun.audit.actions import Actor, audit_record
from kongthun.clock import format_be, utc_now
from kongthun.errors import DomainError, choice
from kongthun.ledger.actions import _post as post_decided  # the caller checks the committee's permission
from kongthun.ledger.actions import accounts_seed, entry_post
from kongthun.ledger.domain import credit, debit
from kongthun.orgs.domain import OrgKind
from kongthun.orgs.models import Organization
from kongthun.people.models import MembershipStatus
from kongthun.savings.domain import dividends
from kongthun.savings.domain.dividends import BUCKET_ACCOUNTS, Bucket, DividendBasis
from kongthun.savings.yearend import selectors
from kongthun.savings.yearend.models import MemberDividend, PayMethod, ProfitRule, YearEndAllocation

DECIDE = Permission.DECIDE_CLAIMS  # the committee's decisions (adopting rules, like a regulation)
GROUP_KINDS = (OrgKind.SAVINGS_GROUP, OrgKind.OTHER_FINANCE)


def _require_group(org: Organization) -> None:
    if org.kind not in GROUP_KINDS:
        raise DomainError("invalid.not_a_savings_group", "องค์กรนี้ไม่ใช่กลุ่มออมทรัพย์",
                          "This organization is not a savings group", "organization")


def _percent(value, where: str) -> Decimal:
    try:
        out = Decimal(str(value).strip().rstrip("%"))
    except (InvalidOperation, ValueError):
        out = None
    if out is None or not out.is_finite():
        raise DomainError("invalid.percent", f"'{value}' ไม่ใช่ร้อยละ", f"'{value}' is not a percentage", where)
    return out.quantize(Decimal("0.01"))


@transaction.atomic
def yearend_rule_set(*, organization: Organization, percents: Mapping[str, object], effective_from: date,
                     actor: Actor, reserve_min_percent: object = "10", max_dividend_rate: object = "10",
                     dividend_basis: str = DividendBasis.AVERAGE_MONTHLY, excess_to: str = Bucket.RESERVE,
                     why: str = "") -> ProfitRule:
    """ตั้งระเบียบการจัดสรรกำไรสุทธิ: a new version from `effective_from`. Percentages must sum to exactly 100."""
    actor.scope.require(DECIDE, organization.pk)
    _require_group(organization)
    parsed = {choice(Bucket, k, where="percents").value: _percent(v, f"percents.{k}") for k, v in percents.items()}
    rule = dividends.ProfitRule({Bucket(k): v for k, v in parsed.items()},
                                _percent(reserve_min_percent, "reserve_min_percent"),
                                _percent(max_dividend_rate, "max_dividend_rate"),
                                choice(DividendBasis, dividend_basis, where="dividend_basis"),
                                choice(Bucket, excess_to, where="excess_to"))
    dividends.rule_check(rule)
    stored = {k: str(v) for k, v in parsed.items() if v}
    fields = dict(percents=stored, reserve_min_percent=rule.reserve_min_percent,
                  max_dividend_rate=rule.max_dividend_rate, dividend_basis=rule.dividend_basis.value,
                  excess_to=rule.excess_to.value)
    prior = ProfitRule.objects.select_for_update().filter(organization=organization,
                                                          effective_from=effective_from).first()
    if prior is not None:
        if all(getattr(prior, k) == v for k, v in fields.items()):
            return prior
        raise DomainError("conflict.rule_version_exists",
                          f"มีระเบียบการจัดสรรที่มีผลวันที่ {format_be(effective_from)} แล้ว ตั้งฉบับใหม่ด้วยวันที่อื่น",
                          f"A rule effective on {effective_from.isoformat()} exists; give the new version "
                          "another date", "effective_from")
    obj = ProfitRule.objects.create(organization=organization, effective_from=effective_from, why=why,
                                    recorded_by_id=actor.user_id, recorded_at=utc_now(), **fields)
    audit_record(actor=actor, action="yearend_rule_set", obj_type="profit_rule", obj_id=obj.pk,
                 organization_id=organization.pk, before=None,
                 after={**fields, "reserve_min_percent": str(rule.reserve_min_percent),
                        "max_dividend_rate": str(rule.max_dividend_rate),
                        "effective_from": effective_from.isoformat()}, why=why)
    return obj


def _bucket_rows(split: dividends.YearEndSplit) -> list[dict]:
    return [{"bucket": b.bucket.value, "percent": str(b.percent), "amount": b.amount, "account": b.account,
             "explanation": [[e.th, e.en] for e in b.explanation]} for b in split.buckets]


@transaction.atomic
def yearend_allocate(*, organization: Organization, year_name: int, on: date, actor: Actor,
                     why: str = "") -> YearEndAllocation:
    """จัดสรรกำไรสุทธิ: the committee posts the closed year's allocation, once. Asked again for the same
    year, the allocation already posted is returned."""
    actor.scope.require(DECIDE, organization.pk)
    _require_group(organization)
    org = Organization.objects.select_for_update().get(pk=organization.pk)
    done = YearEndAllocation.objects.filter(organization=org, year_name=year_name).first()
    if done is not None:
        return done
    closed, rule, split = selectors.split_for(org, year_name)
    if on <= closed.year_end:
        raise DomainError("invalid.allocation_date",
                          f"วันที่จัดสรรต้องหลังวันสิ้นปีบัญชี ({format_be(closed.year_end)})",
                          f"The allocation date must be after the year's end ({closed.year_end.isoformat()})", "on")
    accounts_seed(organization=org)
    memo = f"จัดสรรกำไรสุทธิปีบัญชี {year_name} ตามระเบียบ"
    lines = [debit("3901", split.net_profit, "กำไรสุทธิที่จัดสรร")]
    lines += [credit(b.account, b.amount, dividends.BUCKET_LABELS[b.bucket][0]) for b in split.buckets if b.amount]
    entry = post_decided(organization=org, date=on, lines=lines, memo=memo, actor=actor, why=why,
                         source="yearend_allocate", idempotency_key=f"yearend_allocate:{year_name}", reverses=None)
    alloc = YearEndAllocation.objects.create(
        organization=org, year_name=year_name, year_start=closed.year_start, year_end=closed.year_end, rule=rule,
        net_profit=split.net_profit, buckets=_bucket_rows(split), dividend_rate=split.dividend_rate,
        explanation=[[e.th, e.en] for e in split.explanation], posted_on=on, entry=entry,
        recorded_by_id=actor.user_id, recorded_at=utc_now())
    MemberDividend.objects.bulk_create(
        MemberDividend(organization=org, allocation=alloc, membership_id=m.membership_id, shares=round(m.shares),
                       interest_paid=m.interest_paid, dividend=m.dividend, patronage=m.patronage)
        for m in split.members)
    audit_record(actor=actor, action="yearend_allocate", obj_type="yearend_allocation", obj_id=alloc.pk,
                 organization_id=org.pk, before=None,
                 after={"year_name": year_name, "net_profit": split.net_profit, "entry": entry.number,
                        "buckets": {b.bucket.value: b.amount for b in split.buckets},
                        "members": len(split.members), "dividend_rate": str(split.dividend_rate)}, why=why)
    return alloc


@transaction.atomic
def yearend_pay_members(*, organization: Organization, year_name: int, on: date, actor: Actor,
                        method: str = PayMethod.SAVINGS, membership_ids: list[int] | None = None,
                        why: str = "") -> list[MemberDividend]:
    """จ่ายเงินปันผลและเงินเฉลี่ยคืน: each unpaid member line credited to the member's savings (debit 2102 and
    2103) or paid in cash in one entry. Lines already paid are left alone, so running it again pays nobody
    twice."""
    actor.scope.require(Permission.POST_ENTRIES, organization.pk)
    how = choice(PayMethod, method, where="method")
    alloc = YearEndAllocation.objects.select_for_update().filter(organization=organization,
                                                                 year_name=year_name).first()
    if alloc is None:
        raise DomainError("conflict.not_allocated", f"ปีบัญชี {year_name} ยังไม่ได้จัดสรรกำไรสุทธิ",
                          f"The profit of year {year_name} has not been allocated", "year")
    if on < alloc.posted_on:
        raise DomainError("invalid.pay_date", "วันจ่ายต้องไม่ก่อนวันจัดสรร", "Payment cannot precede the allocation",
                          "on")
    lines = list(MemberDividend.objects.select_for_update(of=("self",)).filter(allocation=alloc,
                                                                              paid_on__isnull=True)
                 .select_related("membership__person").order_by("membership__member_no", "pk"))
    if membership_ids is not None:
        lines = [x for x in lines if x.membership_id in set(membership_ids)]
    lines = [x for x in lines if x.total]
    if not lines:
        return []
    # Who has left the group (or died) has no savings account to credit: they are paid in cash.
    in_cash = lines if how == PayMethod.CASH else [x for x in lines if not _keeps_savings(x)]
    entry = _pay_cash(alloc, in_cash, on, actor, why) if in_cash else None
    for x in lines:
        cash = x in in_cash
        x.pay_entry = entry if cash else _pay_into_savings(alloc, x, on, actor)
        x.paid_on, x.paid_how = on, (PayMethod.CASH if cash else PayMethod.SAVINGS).value
    MemberDividend.objects.bulk_update(lines, ["pay_entry", "paid_on", "paid_how"])
    audit_record(actor=actor, action="yearend_pay_members", obj_type="yearend_allocation", obj_id=alloc.pk,
                 organization_id=organization.pk, before=None,
                 after={"year_name": year_name, "method": how.value, "on": on.isoformat(), "members": len(lines),
                        "dividend": sum(x.dividend for x in lines), "patronage": sum(x.patronage for x in lines)},
                 why=why)
    return lines


def _keeps_savings(line: MemberDividend) -> bool:
    m = line.membership
    return m.status not in (MembershipStatus.RESIGNED, MembershipStatus.DECEASED) and m.person.deceased_on is None


def _pay_cash(alloc: YearEndAllocation, lines: list[MemberDividend], on: date, actor: Actor, why: str):
    div, pat = sum(x.dividend for x in lines), sum(x.patronage for x in lines)
    entry_lines = [ln for ln in (debit(BUCKET_ACCOUNTS[Bucket.DIVIDEND], div) if div else None,
                                 debit(BUCKET_ACCOUNTS[Bucket.PATRONAGE], pat) if pat else None,
                                 credit("1101", div + pat)) if ln]
    return entry_post(organization=alloc.organization, date=on, lines=entry_lines, actor=actor, why=why,
                      memo=f"จ่ายเงินปันผลและเงินเฉลี่ยคืนปี {alloc.year_name} เป็นเงินสด {len(lines)} ราย",
                      source="dividend_pay", idempotency_key=f"dividend_cash:{alloc.year_name}:{lines[0].pk}")


def _pay_into_savings(alloc: YearEndAllocation, line: MemberDividend, on: date, actor: Actor):
    from kongthun.savings.accounts.actions import savings_credit

    entry = None
    for amount, bucket, label in ((line.dividend, Bucket.DIVIDEND, "เงินปันผล"),
                                  (line.patronage, Bucket.PATRONAGE, "เงินเฉลี่ยคืน")):
        if amount:
            posted = savings_credit(
                organization=alloc.organization, membership=line.membership, amount=amount, on=on, actor=actor,
                memo=f"{label}ปี {alloc.year_name} เข้าบัญชีเงินฝากสัจจะ", source="dividend_pay",
                idempotency_key=f"{bucket.value}:{alloc.year_name}:{line.membership_id}",
                debit_account=BUCKET_ACCOUNTS[bucket])
            entry = entry or getattr(posted, "entry", posted)
    return entry

