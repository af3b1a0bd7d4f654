"""`kongthun collect ...`: a welfare fund's contributions from the command line (เงินสมทบ).

    kongthun collect day SHEET.csv --org CODE --as USER [--on 2568-11-05] [--idempotency-key K]
    kongthun collect day --pay 0012=30 --pay 0013=1,095.00 --org CODE --as USER [--on ...]
    kongthun collect void 2568/000123 --org CODE --as USER --why "..." [--year 2568] [--on ...]
    kongthun collect standing --org CODE [--member 0012] [--on ...]
    kongthun collect lapses --org CODE --as USER [--on ...] [--dry-run]
    kongthun collect reinstate --org CODE --member 0012 --as USER [--on ...]

The sheet has the columns member_no and amount (baht as written: "30", "1,095.00"), optionally method
(cash) and entry_fee (yes). Dates are BE or CE (YYYY-MM-DD); the default is today in Bangkok. Every bad
row is listed with its row and column and nothing is written. Register with
`from kongthun.interfaces.cli.collect import collect_app` / `app.add_typer(collect_app, name="collect")`.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from kongthun.errors import DomainError
from kongthun.interfaces.cli.acting import member_of, members_of_sheet, org_and_actor
from kongthun.interfaces.cli.common import fail, sheet_problems, told_by_row
from kongthun.interfaces.cli.report import parse_day
from kongthun.money import format_baht

collect_app = typer.Typer(help="Contributions: collection days, receipts, standing, lapses. "
                               "/ เงินสมทบ: วันเก็บเงิน ใบเสร็จ สถานะการส่ง การพ้นสภาพ",
                          no_args_is_help=True, add_completion=False)
console = Console()
ORG = typer.Option(..., "--org", help="welfare fund code / รหัสกองทุน")
AS_USER = typer.Option(None, "--as", help="who acts (their roles decide); default: the system / ผู้ทำรายการ")
ON = typer.Option(None, "--on", help="business date, BE or CE YYYY-MM-DD (default today) / วันที่ทำรายการ")


def _ready() -> None:
    """Django set up before any model is imported (a command imports what it needs after this)."""
    from kongthun.interfaces.cli.main import _django

    _django()


def _setup(org: str, as_user: str | None, on: str | None):
    from django.utils import timezone

    _ready()
    organization, actor = org_and_actor(org, as_user)
    return organization, actor, parse_day(on, "--on") if on else timezone.localdate()


def _be(d) -> str:
    from kongthun.clock import format_be

    return format_be(d)


def _payments(organization, actor, rows):
    """Member numbers to memberships of the fund; unknown numbers are problems of their row."""
    from kongthun.welfare.contributions.actions import PaymentLine
    from kongthun.welfare.contributions.sheet import SheetProblem

    return members_of_sheet(
        organization, actor, rows,
        lambda r, m: PaymentLine(m.pk, amount_satang=r.amount, entry_fee=r.entry_fee),
        lambda r: SheetProblem(r.row, "member_no", f"ไม่พบสมาชิกเลขที่ {r.member_no} ในกองทุนนี้",
                               f"No member {r.member_no} in this fund"))


@collect_app.command("day")
def day(
    sheet: Path = typer.Argument(None, help="CSV: member_no, amount[, method, entry_fee] / ไฟล์รายการรับเงิน"),
    pay: list[str] = typer.Option(None, "--pay", help="MEMBER_NO=AMOUNT, repeatable / เลขสมาชิก=จำนวนเงิน"),
    org: str = ORG,
    as_user: str = AS_USER,
    on: str = ON,
    key: str = typer.Option(None, "--idempotency-key",
                            help="the same key records the day once (default: from the sheet and date) "
                                 "/ รหัสป้องกันการบันทึกซ้ำ"),
    memo: str = typer.Option("", "--memo", help="memo of the entry / คำอธิบายรายการ"),
) -> None:
    """Record a collection day: one entry, one receipt per member. / บันทึกวันเก็บเงินสมทบ"""
    _ready()
    from kongthun.welfare.contributions import sheet as sheets

    if (sheet is None) == (not pay):
        fail(DomainError("invalid.collection_source", "ระบุไฟล์ CSV หรือ --pay อย่างใดอย่างหนึ่ง",
                         "Give either a CSV file or --pay options", "sheet"))
    try:
        organization, actor, when = _setup(org, as_user, on)
        if sheet is not None:
            raw = sheet.read_bytes()
            rows, problems = sheets.read_csv(raw.decode("utf-8-sig", errors="replace"))
        else:
            raw = "\n".join(pay).encode()
            rows, problems = sheets.read_pairs(pay)
        lines, unknown = _payments(organization, actor, rows) if rows else ([], [])
    except DomainError as exc:
        fail(exc)
    if problems or unknown:
        sheet_problems(problems + unknown)
    key = key or "cli:" + hashlib.sha256(organization.code.encode() + b"|" + when.isoformat().encode() + b"|"
                                         + raw).hexdigest()[:40]
    _record(organization, actor, when, lines, rows, key, memo)


def _record(organization, actor, when, lines, rows, key, memo) -> None:
    from kongthun.welfare.contributions.actions import collection_record
    from kongthun.welfare.contributions.models import Collection

    again = Collection.objects.filter(organization=organization, idempotency_key=key).exists()
    try:
        collection = collection_record(organization=organization, collected_on=when, payments=lines, actor=actor,
                                       idempotency_key=key, memo=memo)
    except DomainError as exc:
        fail(told_by_row(exc, rows, "payments"))
    receipts = list(collection.receipts.select_related("membership__person").order_by("seq"))
    table = Table(title=f"เก็บเงินสมทบ {_be(when)} / collection day: {organization.name_th} ({organization.code})")
    for label, justify in (("ใบเสร็จ / receipt", "left"), ("สมาชิก / member", "left"), ("ชื่อ / name", "left"),
                           ("เงินสมทบ / contribution", "right"), ("ค่าสมัคร / fee", "right"),
                           ("ส่งถึง / paid up to", "left")):
        table.add_column(label, justify=justify)
    for r in receipts:
        table.add_row(r.number, r.membership.member_no, r.membership.person.full_name_th,
                      format_baht(r.amount, unit=""), format_baht(r.entry_fee, unit="") if r.entry_fee else "",
                      _be(r.covered_to))
    total = collection.contributions + collection.entry_fees
    table.add_row(f"รวม {len(receipts)} ใบ / total", "", "", format_baht(collection.contributions, unit=""),
                  format_baht(collection.entry_fees, unit=""), "", style="bold")
    console.print(table)
    console.print(f"รวมรับ / total received: [bold]{format_baht(total)}[/bold] · JV {collection.entry.number}")
    if again:
        console.print("[yellow]บันทึกไว้แล้ว ไม่ได้บันทึกซ้ำ / already recorded: nothing new was written[/yellow]")


@collect_app.command("void")
def void(
    receipt_no: str = typer.Argument(..., help="receipt number, e.g. 2568/000123 / เลขที่ใบเสร็จ"),
    org: str = ORG,
    year: int = typer.Option(None, "--year", help="BE year of the receipt when only its number is given / ปี"),
    why: str = typer.Option(..., "--why", help="why it is void / เหตุผลที่ยกเลิก"),
    as_user: str = AS_USER,
    on: str = typer.Option(None, "--on", help="date of the correcting entry (default the receipt's date)"),
) -> None:
    """Void a receipt: it stays, marked void, and its money is reversed. / ยกเลิกใบเสร็จ"""
    _ready()
    from kongthun.welfare.contributions.actions import receipt_void
    from kongthun.welfare.contributions.selectors import receipt_get

    try:
        organization, actor, _ = _setup(org, as_user, None)
        receipt = receipt_get(scope=actor.scope, organization_id=organization.pk, number=receipt_no, year_name=year)
        done = receipt_void(receipt=receipt, actor=actor, why=why, on=parse_day(on, "--on") if on else None)
    except DomainError as exc:
        fail(exc)
    console.print(f"[green]ยกเลิกใบเสร็จ {done.number} ({format_baht(done.total)}) แล้ว / receipt {done.number} "
                  f"is void[/green] · JV {done.void_entry.number} {_be(done.voided_on)}")


@collect_app.command("standing")
def standing(
    org: str = ORG,
    member: str = typer.Option(None, "--member", help="one member's number / เลขสมาชิก"),
    on: str = ON,
    as_user: str = AS_USER,
    behind: bool = typer.Option(False, "--behind", help="only members in arrears / เฉพาะผู้ค้างส่ง"),
) -> None:
    """Members' paid-up-to dates and arrears. / สถานะการส่งเงินสมทบของสมาชิก"""
    _ready()
    from kongthun.welfare.contributions.selectors import standing_list

    try:
        organization, actor, when = _setup(org, as_user, on)
        rows = standing_list(scope=actor.scope, organization_id=organization.pk, on=when)
    except DomainError as exc:
        fail(exc)
    if member is not None:
        rows = [r for r in rows if r.membership.member_no == member.strip()]
        if not rows:
            fail(DomainError("not_found.membership", f"ไม่พบสมาชิกเลขที่ {member} (ปกติหรือขาดส่ง)",
                             f"No active or lapsed member {member}", "--member"))
    if behind:
        rows = [r for r in rows if r.standing.arrears_days]
    table = Table(title=f"สถานะการส่งเงินสมทบ ณ {_be(when)} / standing: {organization.name_th}")
    for label, justify in (("สมาชิก / member", "left"), ("ชื่อ / name", "left"), ("สถานะ / status", "left"),
                           ("ส่งถึง / paid up to", "left"), ("ค้าง (วัน) / days", "right"),
                           ("ค้าง (บาท) / arrears", "right"), ("หมายเหตุ / note", "left")):
        table.add_column(label, justify=justify)
    for r in rows:
        s = r.standing
        note = ("ครบกำหนดพ้นสภาพ / due to lapse" if s.should_lapse and r.membership.status == "active"
                else "ในระยะผ่อนผัน / in grace" if s.in_grace else "")
        table.add_row(r.membership.member_no, r.membership.person.full_name_th, r.membership.get_status_display(),
                      _be(s.paid_up_to), str(s.arrears_days), format_baht(s.arrears_satang, unit=""), note)
    owed = sum(r.standing.arrears_satang for r in rows)
    table.add_row(f"{len(rows)} ราย / members", "", "", "", "", format_baht(owed, unit=""), "", style="bold")
    console.print(table)


@collect_app.command("lapses")
def lapses(
    org: str = ORG,
    on: str = ON,
    as_user: str = AS_USER,
    dry_run: bool = typer.Option(False, "--dry-run", help="only list who would lapse / แสดงเท่านั้น"),
) -> None:
    """Lapse the members the plan says should lapse on a date. / พ้นสภาพสมาชิกที่ขาดส่งตามข้อกำหนด"""
    _ready()
    from kongthun.welfare.contributions.actions import lapses_apply
    from kongthun.welfare.contributions.selectors import standing_list

    try:
        organization, actor, when = _setup(org, as_user, on)
        if dry_run:
            due = [r.membership for r in standing_list(scope=actor.scope, organization_id=organization.pk, on=when)
                   if r.standing.should_lapse and r.membership.status == "active" and r.membership.status_on <= when]
        else:
            due = lapses_apply(organization=organization, on=when, actor=actor)
    except DomainError as exc:
        fail(exc)
    verb = "จะพ้นสภาพ / would lapse" if dry_run else "พ้นสภาพแล้ว / lapsed"
    console.print(f"{verb} {_be(when)}: {len(due)} ราย / members")
    for m in due:
        console.print(f"  {m.member_no} {m.person.full_name_th}")


@collect_app.command("reinstate")
def reinstate(
    org: str = ORG,
    member: str = typer.Option(..., "--member", help="the lapsed member's number / เลขสมาชิก"),
    on: str = ON,
    as_user: str = AS_USER,
    key: str = typer.Option(None, "--idempotency-key", help="default: from the member and date"),
    why: str = typer.Option("", "--why", help="note / หมายเหตุ"),
) -> None:
    """Bring a lapsed member back on the plan's terms. / รับสมาชิกที่พ้นสภาพกลับเข้าเป็นสมาชิก"""
    _ready()
    from kongthun.welfare.contributions.actions import member_reinstate

    try:
        organization, actor, when = _setup(org, as_user, on)
        m = member_of(organization, actor, member)
        row = member_reinstate(membership=m, on=when, actor=actor, why=why,
                               idempotency_key=key or f"cli-reinstate:{organization.code}:{member}:{when.isoformat()}")
    except DomainError as exc:
        fail(exc)
    console.print(f"[green]สมาชิกเลขที่ {m.member_no} กลับเข้าเป็นสมาชิก {_be(row.reinstated_on)} / member "
                  f"{m.member_no} reinstated[/green]: {row.why} ({format_baht(row.amount)})")
