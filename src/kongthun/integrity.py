"""`kongthun check`: verify every invariant of the books and the audit trail.

Each check reads the database as it is (raw rows, not cached values) and reports
problems in Thai and English; an empty list means the books are sound.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Count, Max, Sum

from kongthun.audit.actions import event_payload
from kongthun.audit.domain import ChainedEvent, verify_chain
from kongthun.audit.models import AuditEvent
from kongthun.ledger.models import Account, JournalEntry, JournalLine, PeriodLock, YearClose
from kongthun.ledger.selectors import income_expense_balances


@dataclass(frozen=True)
class Problem:
    check: str
    message_th: str
    message_en: str


def _name(row: dict) -> str:
    return f"{row['entry__organization__code']} JV{row['entry__number']:06d}"


def _entries_balanced() -> list[Problem]:
    bad = (
        JournalLine.objects.values("entry_id", "entry__number", "entry__organization__code")
        .annotate(total=Sum("amount"), n=Count("id"))
        .exclude(total=0)
    )
    out = [
        Problem("balanced", f"รายการ {_name(r)} ไม่สมดุล ({r['total']} สตางค์)",
                f"Entry {_name(r)} is unbalanced by {r['total']} satang")
        for r in bad
    ]
    thin = JournalEntry.objects.annotate(n=Count("lines")).filter(n__lt=2)
    out += [Problem("balanced", f"รายการ JV{e.number:06d} มีน้อยกว่า 2 บรรทัด", f"Entry {e.pk} has fewer than two lines")
            for e in thin]
    total = JournalLine.objects.aggregate(s=Sum("amount"))["s"] or 0
    if total:
        out.append(Problem("balanced", f"ยอดรวมทั้งระบบไม่สมดุล ({total} สตางค์)", f"All lines sum to {total}, not 0"))
    return out


def _tenancy_consistent() -> list[Problem]:
    out = []
    for line in JournalLine.objects.select_related("entry", "account").only(
        "organization_id", "entry__organization_id", "account__organization_id"
    ).iterator(chunk_size=5000):
        if not (line.organization_id == line.entry.organization_id == line.account.organization_id):
            out.append(Problem("tenancy", f"บรรทัด {line.pk} อ้างถึงองค์กรต่างกัน",
                               f"Line {line.pk} mixes organizations (line, entry, account)"))
    return out


def _balances_match() -> list[Problem]:
    sums = dict(JournalLine.objects.values_list("account_id").annotate(s=Sum("amount")).values_list("account_id", "s"))
    out = []
    for acc in Account.objects.select_related("organization").iterator():
        actual = sums.get(acc.pk, 0)
        if acc.balance != actual:
            out.append(Problem(
                "balances",
                f"{acc.organization.code} บัญชี {acc.code}: ยอดคงเหลือ {acc.balance} ไม่เท่ากับผลรวมรายการ {actual} (สตางค์)",
                f"{acc.organization.code} account {acc.code}: balance {acc.balance} != sum of lines {actual} (satang)",
            ))
    return out


def _numbers_contiguous() -> list[Problem]:
    out = []
    for r in JournalEntry.objects.values("organization__code").annotate(n=Count("id"), top=Max("number")):
        if r["n"] != r["top"]:
            org, n, top = r["organization__code"], r["n"], r["top"]
            out.append(Problem("numbering", f"{org}: เลขรายการขาดช่วง ({n} รายการ เลขสูงสุด {top})",
                               f"{org}: entry numbers have gaps ({n} entries, highest {top})"))
    return out


def _lines_by_entry() -> dict[int, list[list]]:
    lines: dict[int, list[list]] = defaultdict(list)
    rows = JournalLine.objects.order_by("entry_id", "id").values_list("entry_id", "account__code", "amount", "memo")
    for entry_id, code, amount, memo in rows.iterator(chunk_size=10000):
        lines[entry_id].append([code, amount, memo])
    return lines


def _reversals_and_audit(lines: dict[int, list[list]]) -> list[Problem]:
    """Each entry matches what its audit event recorded; each reversal mirrors its original."""
    out = []
    recorded = {
        int(ev.object_id): ev.after
        for ev in AuditEvent.objects.filter(object_type="journal_entry").only("object_id", "after").iterator()
    }
    entries = JournalEntry.objects.values_list("id", "number", "date", "memo", "reverses_id", "organization__code")
    for eid, number, day, memo, reverses_id, org in entries.iterator(chunk_size=5000):
        name = f"{org} JV{number:06d}"
        after = recorded.get(eid)
        if after is None:
            out.append(Problem("audit", f"รายการ {name} ไม่มีบันทึกการตรวจสอบ", f"Entry {name} has no audit record"))
        elif (after["lines"] != lines.get(eid, []) or after["date"] != day.isoformat() or after["memo"] != memo
              or after["number"] != number):
            out.append(Problem("audit", f"รายการ {name} ไม่ตรงกับที่บันทึกไว้ (ถูกแก้ไขนอกระบบ)",
                               f"Entry {name} differs from its audit record (changed outside kongthun)"))
        if reverses_id is not None:
            original = sorted((c, -a) for c, a, _ in lines.get(reverses_id, []))
            if sorted((c, a) for c, a, _ in lines.get(eid, [])) != original:
                out.append(Problem("reversal", f"รายการ {name} ไม่ใช่การกลับรายการที่ถูกต้อง",
                                   f"Entry {name} does not mirror the entry it reverses"))
    return out


def _locks_respected() -> list[Problem]:
    out = []
    for lock in PeriodLock.objects.select_related("organization"):
        late = JournalEntry.objects.filter(
            organization_id=lock.organization_id, date__lte=lock.locked_through, recorded_at__gt=lock.locked_at
        )
        for e in late:
            out.append(Problem("locks", f"{lock.organization.code} JV{e.number:06d} ลงในงวดที่ปิดแล้ว",
                               f"{lock.organization.code} JV{e.number:06d} was posted into a closed period"))
    return out


def _years_closed() -> list[Problem]:
    """A closed year leaves no income or expense balance at its end; its entry and lock sit on that day."""
    out = []
    for yc in YearClose.objects.select_related("organization", "entry", "lock"):
        code = yc.organization.code
        left = income_expense_balances(yc.organization_id, yc.year_end)
        if left:
            out.append(Problem("year_close", f"{code} ปีบัญชี {yc.year_name} ปิดแล้วแต่ยังมียอดรายได้/ค่าใช้จ่ายค้าง "
                               f"{sorted(left)}", f"{code} year {yc.year_name} is closed but income/expense "
                               f"accounts still hold balances: {sorted(left)}"))
        if yc.entry and (yc.entry.date != yc.year_end or yc.entry.source != "year_close"):
            out.append(Problem("year_close", f"{code} รายการปิดบัญชีปี {yc.year_name} ไม่ตรงวันสิ้นปี",
                               f"{code} the closing entry of {yc.year_name} is not on the year's last day"))
        if yc.lock.locked_through != yc.year_end:
            out.append(Problem("year_close", f"{code} ปีบัญชี {yc.year_name} ไม่ได้ปิดงวดถึงวันสิ้นปี",
                               f"{code} year {yc.year_name} is not locked through its last day"))
    return out


def _audit_chain() -> list[Problem]:
    events = (
        ChainedEvent(ev.seq, event_payload(ev), ev.prev_hash, ev.hash)
        for ev in AuditEvent.objects.order_by("seq").iterator(chunk_size=5000)
    )
    return [Problem("audit_chain", f"สายบันทึกการตรวจสอบเสียหาย: {p}", f"Audit chain broken: {p}")
            for p in verify_chain(events)]


CHECKS: list[tuple[str, Callable[[], list[Problem]]]] = [
    ("entries balanced / รายการสมดุล", _entries_balanced),
    ("one organization per entry / องค์กรเดียวกัน", _tenancy_consistent),
    ("balances equal lines / ยอดคงเหลือ", _balances_match),
    ("entry numbers / เลขที่รายการ", _numbers_contiguous),
    ("entries match audit, reversals mirror / ตรงกับบันทึก", lambda: _reversals_and_audit(_lines_by_entry())),
    ("closed periods / งวดที่ปิด", _locks_respected),
    ("closed years / ปิดบัญชีสิ้นปี", _years_closed),
    ("audit hash chain / สายแฮช", _audit_chain),
]


def _receipts() -> list[Problem]:
    # Imported here: the contributions checks build on this module's Problem.
    from kongthun.welfare.contributions.integrity import check_receipts

    return check_receipts()


CHECKS.append(("receipts match the ledger / ใบเสร็จตรงกับบัญชี", _receipts))


def _claims() -> list[Problem]:
    from kongthun.welfare.claims.integrity import check_claims

    return check_claims()


CHECKS.append(("claims match the ledger, dates in order / คำขอสวัสดิการตรงกับบัญชี", _claims))


def _funds_received() -> list[Problem]:
    from kongthun.welfare.funding.integrity import check_funds_received

    return check_funds_received()


CHECKS.append(("outside money matches the ledger / เงินรับจากภายนอกตรงกับบัญชี", _funds_received))


def _disasters() -> list[Problem]:
    from kongthun.welfare.disasters.integrity import check_disasters

    return check_disasters()


CHECKS.append(("relief and disaster claims / ความช่วยเหลือและคำขอภัยพิบัติ", _disasters))


def _yearend_allocations() -> list[Problem]:
    from kongthun.savings.yearend.integrity import check_allocations

    return check_allocations()


CHECKS.append(("year-end allocations match the ledger / การจัดสรรกำไรตรงกับบัญชี", _yearend_allocations))


def _loans() -> list[Problem]:
    from kongthun.savings.loans.integrity import check_loans

    return check_loans()


CHECKS.append(("loans match 1201 / เงินกู้ตรงกับบัญชีลูกหนี้เงินกู้", _loans))


def _savings() -> list[Problem]:
    from kongthun.savings.accounts.integrity import check_savings

    return check_savings()


CHECKS.append(("members' savings and shares match 2101 and 3201 / เงินฝากสัจจะและหุ้นตรงกับบัญชี", _savings))


def run_checks(on_step: Callable[[str], None] | None = None) -> list[Problem]:
    problems: list[Problem] = []
    for name, check in CHECKS:
        problems += check()
        if on_step:
            on_step(name)
    return problems
