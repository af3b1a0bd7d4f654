"""The only writer of ledger rows: post, reverse, lock a period, seed a chart.

Every money movement in kongthun goes through `entry_post`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from django.db import transaction
from django.db.models import F, Max

from kongthun.access.domain import Permission
from kongthun.audit.actions import Actor, audit_record
from kongthun.clock import format_be, utc_now
from kongthun.errors import DomainError
from kongthun.ledger import domain
from kongthun.ledger.charts import template_for
from kongthun.ledger.domain import AccountType, Line
from kongthun.ledger.models import Account, JournalEntry, JournalLine, PeriodLock, YearClose
from kongthun.ledger.selectors import entry_origin, income_expense_balances
from kongthun.orgs.models import Organization

SURPLUS_ACCOUNT = "3901"  # กำไร(ขาดทุน)สะสม, in every chart


def accounts_seed(*, organization: Organization) -> list[Account]:
    """Create the chart of accounts for a new organization from its kind's template."""
    existing = set(Account.objects.filter(organization=organization).values_list("code", flat=True))
    new = [
        Account(organization=organization, code=t.code, name_th=t.name_th, name_en=t.name_en, type=t.type)
        for t in template_for(organization.kind)
        if t.code not in existing
    ]
    Account.objects.bulk_create(new)
    return new


def locked_through(organization_id: int) -> date | None:
    return PeriodLock.objects.filter(organization_id=organization_id).aggregate(m=Max("locked_through"))["m"]


def _entry_lines(entry: JournalEntry) -> tuple[Line, ...]:
    return tuple(
        Line(code, amount, memo)
        for code, amount, memo in entry.lines.order_by("id").values_list("account__code", "amount", "memo")
    )


def _entry_snapshot(entry: JournalEntry, lines: Sequence[Line]) -> dict:
    return {
        "number": entry.number,
        "date": entry.date.isoformat(),
        "memo": entry.memo,
        "source": entry.source,
        "reverses": entry.reverses_id,
        "lines": [[x.account, x.amount, x.memo] for x in lines],
    }


@transaction.atomic
def entry_post(
    *,
    organization: Organization,
    date: date,
    lines: Sequence[Line],
    memo: str,
    actor: Actor,
    why: str = "",
    source: str = "manual",
    idempotency_key: str | None = None,
    reverses: JournalEntry | None = None,
) -> JournalEntry:
    """Post one balanced entry (ลงรายการบัญชี). Same idempotency key and same content:
    the entry already posted is returned; same key, other content: refused."""
    actor.scope.require(Permission.POST_ENTRIES, organization.pk)
    return _post(organization=organization, date=date, lines=lines, memo=memo, actor=actor, why=why, source=source,
                 idempotency_key=idempotency_key, reverses=reverses)


def _post(*, organization: Organization, date: date, lines: Sequence[Line], memo: str, actor: Actor, why: str,
          source: str, idempotency_key: str | None, reverses: JournalEntry | None) -> JournalEntry:
    """Posting itself; the caller has checked the actor's permission for this kind of entry."""
    # Lock the organization row: entry numbers and balances are assigned one writer at a time.
    org = Organization.objects.select_for_update().get(pk=organization.pk)
    lines = tuple(lines)
    if idempotency_key:
        prior = JournalEntry.objects.filter(organization=org, idempotency_key=idempotency_key).first()
        if prior is not None:
            if prior.date == date and prior.memo == memo and _entry_lines(prior) == lines:
                return prior
            raise DomainError(
                "conflict.idempotency_mismatch",
                "รหัสป้องกันการส่งซ้ำนี้ถูกใช้กับรายการอื่นแล้ว",
                "This idempotency key was already used for a different entry",
                "idempotency_key",
            )
    if reverses is not None:
        _check_reversible(reverses, org)
    accounts = {a.code: a for a in Account.objects.filter(organization=org)}
    domain.validate_lines(lines, known_accounts=accounts)
    domain.check_period_open(date, locked_through(org.pk))
    number = (JournalEntry.objects.filter(organization=org).aggregate(m=Max("number"))["m"] or 0) + 1
    entry = JournalEntry.objects.create(
        organization=org,
        number=number,
        date=date,
        memo=memo,
        source=source,
        recorded_at=utc_now(),
        recorded_by_id=actor.user_id,
        reverses=reverses,
        idempotency_key=idempotency_key or None,
    )
    JournalLine.objects.bulk_create(
        JournalLine(organization=org, entry=entry, account=accounts[x.account], amount=x.amount, memo=x.memo)
        for x in lines
    )
    for code, delta in domain.balances(lines).items():
        if delta:
            Account.objects.filter(pk=accounts[code].pk).update(balance=F("balance") + delta)
    audit_record(
        actor=actor,
        action="entry_post" if reverses is None else "entry_reverse",
        obj_type="journal_entry",
        obj_id=entry.pk,
        organization_id=org.pk,
        before=None,
        after=_entry_snapshot(entry, lines),
        why=why,
    )
    return entry


def _check_reversible(entry: JournalEntry, org: Organization) -> None:
    """Checked after the organization row is locked, so two reversals at once give one entry
    and one clear refusal."""
    if entry.organization_id != org.pk:
        raise DomainError(
            "forbidden.scope",
            "รายการที่จะกลับเป็นของกองทุนอื่น",
            "The entry to reverse belongs to another organization",
            f"entry {entry.pk}",
        )
    if JournalEntry.objects.filter(reverses=entry).exists():
        raise DomainError(
            "conflict.already_reversed",
            f"รายการ JV{entry.number:06d} ถูกกลับรายการไปแล้ว",
            f"Entry JV{entry.number:06d} has already been reversed",
            f"entry {entry.number}",
        )


@transaction.atomic
def entry_reverse(*, entry: JournalEntry, date: date, actor: Actor, why: str, by_owner: bool = False) -> JournalEntry:
    """Undo a posted entry with a new entry of opposite lines (กลับรายการ).

    An entry a sub-ledger made (a receipt, a claim payment, a loan repayment, ...) is undone by that
    sub-ledger's own action, which passes `by_owner=True`, so its rows and the ledger stay equal."""
    if not why.strip():
        raise DomainError(
            "invalid.why_required", "กรุณาระบุเหตุผลในการกลับรายการ", "Give a reason for the reversal", "why"
        )
    if not by_owner and not domain.reversible_by_hand(entry_origin(entry)):
        raise DomainError(
            "conflict.entry_owned",
            f"รายการ JV{entry.number:06d} เกิดจากงาน '{entry.source}' ต้องยกเลิกที่หน้าของงานนั้น "
            "(เช่น ยกเลิกใบเสร็จ กลับรายการเงินรับ) ไม่ใช่ที่สมุดรายวัน",
            f"Entry JV{entry.number:06d} was made by '{entry.source}': undo it where it was made (void the "
            "receipt, reverse the money received, ...), not in the journal",
            f"entry {entry.number}",
            {"source": entry.source},
        )
    actor.scope.require(Permission.POST_ENTRIES, entry.organization_id)
    return entry_post(
        organization=entry.organization,
        date=date,
        lines=domain.reversal_lines(_entry_lines(entry)),
        memo=f"กลับรายการ JV{entry.number:06d}: {why}"[:300],
        actor=actor,
        why=why,
        source="reversal",
        reverses=entry,
    )


@transaction.atomic
def period_lock(*, organization: Organization, through: date, actor: Actor, why: str) -> PeriodLock:
    """Close the books through a date (ปิดงวด): nothing may be posted on or before it again."""
    actor.scope.require(Permission.LOCK_PERIOD, organization.pk)
    Organization.objects.select_for_update().get(pk=organization.pk)
    current = locked_through(organization.pk)
    if current is not None and through <= current:
        raise DomainError(
            "conflict.lock_backwards",
            f"ปิดงวดไว้ถึง {current.isoformat()} แล้ว จะเปิดงวดย้อนหลังไม่ได้",
            f"The books are already closed through {current.isoformat()}; a lock cannot move back",
            "through",
        )
    lock = PeriodLock.objects.create(
        organization=organization, locked_through=through, locked_at=utc_now(), locked_by_id=actor.user_id, why=why
    )
    audit_record(
        actor=actor,
        action="period_lock",
        obj_type="period_lock",
        obj_id=lock.pk,
        organization_id=organization.pk,
        before={"locked_through": current.isoformat() if current else None},
        after={"locked_through": through.isoformat()},
        why=why,
    )
    return lock


@transaction.atomic
def year_close(
    *, organization: Organization, year_name: int, closed_on: date, actor: Actor, why: str = ""
) -> YearClose:
    """Close an accounting year (ปิดบัญชีสิ้นปี), the committee's act after the annual meeting approves the
    statements: one closing entry dated the year's last day carries every income and expense balance to
    the retained surplus (3901), and the books are locked through that day. Years close in order, once."""
    actor.scope.require(Permission.LOCK_PERIOD, organization.pk)
    org = Organization.objects.select_for_update().get(pk=organization.pk)
    year = _closable_year(org, year_name, closed_on)
    balances = income_expense_balances(org.pk, year.end)
    types = dict(Account.objects.filter(organization=org).values_list("code", "type"))
    income = -sum(v for code, v in balances.items() if types[code] == AccountType.INCOME)
    expenses = sum(v for code, v in balances.items() if types[code] == AccountType.EXPENSE)
    memo = f"ปิดบัญชีสิ้นปีบัญชี {year_name}: โอนรายได้และค่าใช้จ่ายเข้ากำไร(ขาดทุน)สะสม"
    lines = domain.closing_lines(balances, surplus_account=SURPLUS_ACCOUNT, memo=f"ปิดบัญชีปี {year_name}")
    entry = None
    if lines:
        entry = _post(organization=org, date=year.end, lines=lines, memo=memo, actor=actor, why=why,
                      source="year_close", idempotency_key=f"year_close:{year_name}", reverses=None)
    lock = period_lock(organization=org, through=year.end, actor=actor,
                       why=why or f"ปิดบัญชีปี {year_name} / year {year_name} closed")
    closed = YearClose.objects.create(
        organization=org, year_name=year_name, year_start=year.start, year_end=year.end, entry=entry, lock=lock,
        income=income, expenses=expenses, surplus=domain.surplus_of(balances), closed_on=closed_on,
        closed_at=utc_now(), closed_by_id=actor.user_id,
    )
    audit_record(
        actor=actor, action="year_close", obj_type="year_close", obj_id=closed.pk, organization_id=org.pk,
        before=None,
        after={"year_name": year_name, "year_end": year.end.isoformat(), "entry": entry.number if entry else None,
               "income": income, "expenses": expenses, "surplus": closed.surplus},
        why=why,
    )
    return closed


@dataclass(frozen=True)
class _Year:
    start: date
    end: date


def _closable_year(org: Organization, year_name: int, closed_on: date) -> _Year:
    """The year named `year_name`, if it may be closed now; else a refusal that says why."""
    ay = org.accounting_year
    end = ay.end_of_named(year_name)
    start = ay.start_of(end)
    label = f"ปีบัญชี {year_name} ({format_be(start)} - {format_be(end)})"
    label_en = f"Accounting year {year_name} ({start.isoformat()} to {end.isoformat()})"
    if YearClose.objects.filter(organization=org, year_name=year_name).exists():
        raise DomainError("conflict.year_closed", f"{label} ปิดบัญชีไปแล้ว", f"{label_en} is already closed",
                          "year")
    if closed_on < end:
        raise DomainError("conflict.year_not_ended", f"{label} ยังไม่สิ้นสุด ปิดบัญชีได้ตั้งแต่ {format_be(end)}",
                          f"{label_en} has not ended; it can be closed from {end.isoformat()}", "year")
    before = start - timedelta(days=1)
    unclosed_before = JournalLine.objects.filter(
        organization=org, entry__date__lte=before, account__type__in=(AccountType.INCOME, AccountType.EXPENSE)
    ).exists() and not YearClose.objects.filter(organization=org, year_end=before).exists()
    if unclosed_before:
        prior = ay.name_of(before)
        raise DomainError("conflict.prior_year_open", f"ปีบัญชี {prior} ยังไม่ได้ปิดบัญชี ปิดปีก่อนหน้าก่อน",
                          f"Accounting year {prior} is not closed yet; close the earlier year first", "year")
    current = locked_through(org.pk)
    if current is not None and current >= end:
        raise DomainError(
            "conflict.period_locked",
            f"งวดบัญชีปิดไว้ถึง {format_be(current)} โดยยังไม่ได้ปิดบัญชีสิ้นปี {year_name} จึงลงรายการปิดบัญชีไม่ได้",
            f"The books are locked through {current.isoformat()} without a year-end close of {year_name}; "
            "the closing entry cannot be posted", "year")
    return _Year(start, end)
