"""`kongthun yearend ...`: a savings group's profit rule, the preview and posting of a closed year's allocation,
paying dividends and patronage refunds, and the printed statements.

Register with: `from kongthun.interfaces.cli.yearend import yearend_app`
               `app.add_typer(yearend_app, name="yearend")`
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from kongthun.errors import DomainError
from kongthun.interfaces.cli.common import fail
from kongthun.money import format_baht

yearend_app = typer.Typer(help="Year-end of a savings group: rule, preview, allocate, pay, statements. "
                          "/ การจัดสรรกำไรสุทธิของกลุ่มออมทรัพย์", no_args_is_help=True, add_completion=False)
console = Console()
ORG = typer.Option(..., "--org", help="savings group code / รหัสกลุ่ม")
AS_USER = typer.Option(None, "--as", help="who acts (their roles decide); default: the system / ผู้ทำรายการ")
YEAR = typer.Option(..., "--year", help="accounting year, BE (e.g. 2568) / ปีบัญชี พ.ศ.")
ON = typer.Option(None, "--on", help="business date YYYY-MM-DD; default today / วันที่")


def _setup():
    from kongthun.interfaces.cli.main import _django

    _django()
    from kongthun.interfaces.cli.acting import org_and_actor

    return org_and_actor


def _on(raw: str | None):
    from django.utils import timezone

    from kongthun.clock import parse_iso_date

    return parse_iso_date(raw, where="--on") if raw else timezone.localdate()


@yearend_app.command("rule")
def rule(org: str = ORG,
         pct: list[str] = typer.Option(..., "--pct", help="bucket=percent, e.g. reserve=20 dividend=60 / สัดส่วน"),
         effective_from: str = typer.Option(..., "--from", help="YYYY-MM-DD / มีผลตั้งแต่"),
         reserve_min: str = typer.Option("10", "--reserve-min", help="reserve at least, % / ทุนสำรองขั้นต่ำ"),
         max_rate: str = typer.Option("10", "--max-rate", help="dividend at most, % a year / ปันผลสูงสุด"),
         basis: str = typer.Option("average_monthly", "--basis", help="average_monthly or year_end"),
         excess_to: str = typer.Option("reserve", "--excess-to", help="where a capped dividend's excess goes"),
         as_user: str = AS_USER) -> None:
    """Set a new version of the profit allocation rule (committee). / ตั้งระเบียบการจัดสรรกำไรสุทธิ"""
    org_and_actor = _setup()
    from kongthun.clock import parse_iso_date
    from kongthun.savings.yearend.actions import yearend_rule_set

    try:
        organization, actor = org_and_actor(org, as_user)
        percents = dict(p.split("=", 1) for p in pct if "=" in p)
        if len(percents) != len(pct):
            raise DomainError("invalid.pct", "เขียน --pct เป็น ชื่อ=ร้อยละ เช่น reserve=20",
                              "Write --pct as bucket=percent, e.g. reserve=20", "--pct")
        row = yearend_rule_set(organization=organization, percents=percents, actor=actor,
                               effective_from=parse_iso_date(effective_from, where="--from"),
                               reserve_min_percent=reserve_min, max_dividend_rate=max_rate, dividend_basis=basis,
                               excess_to=excess_to)
    except DomainError as exc:
        fail(exc)
    console.print(f"ระเบียบการจัดสรรกำไร มีผล {row.effective_from} / rule from {row.effective_from}: "
                  + ", ".join(f"{k} {v}%" for k, v in row.percents.items()))


def _print_split(organization, preview) -> None:
    from kongthun.savings.domain.dividends import BUCKET_LABELS, Bucket

    alloc = preview.allocation
    rows = [(b["bucket"], b["percent"], b["account"], b["amount"]) for b in alloc.buckets] if alloc else \
        [(b.bucket.value, b.percent, b.account, b.amount) for b in preview.split.buckets]
    net = alloc.net_profit if alloc else preview.split.net_profit
    state = f"posted {alloc.posted_on} JV{alloc.entry.number:06d}" if alloc else "preview / ตัวอย่าง"
    table = Table(title=f"{organization.code} ปีบัญชี {preview.year_name}: กำไรสุทธิ / net profit "
                        f"{format_baht(net, unit='')} ({state})")
    for label, justify in (("รายการ / bucket", "left"), ("%", "right"), ("บัญชี", "left"), ("บาท / baht", "right")):
        table.add_column(label, justify=justify)
    for bucket, pct, account, amount in rows:
        th, en = BUCKET_LABELS[Bucket(bucket)]
        table.add_row(f"{th} / {en}", f"{Decimal(str(pct)):.2f}", account, format_baht(amount, unit=""))
    table.add_row("รวม / total", "100.00", "", format_baht(sum(r[3] for r in rows), unit=""))
    console.print(table)
    lines = [(x.membership_id, x.dividend, x.patronage) for x in (alloc.lines.all() if alloc else
                                                                   preview.split.members)]
    members = preview.members
    table = Table(title="รายสมาชิก / members")
    for label in ("สมาชิก / member", "ปันผล / dividend", "เฉลี่ยคืน / refund"):
        table.add_column(label, justify="left" if label.startswith("สมาชิก") else "right")
    for pk, dividend, patronage in lines:
        table.add_row(members[pk].member_no if pk in members else str(pk), format_baht(dividend, unit=""),
                      format_baht(patronage, unit=""))
    console.print(table)


def _show_split(org: str, year: int, as_user: str | None, allocate=None) -> None:
    """The year's split: a preview (its refusal printed, if any), or shown after `allocate(organization,
    actor)` posted it; a refusal exits the command."""
    org_and_actor = _setup()
    from kongthun.savings.yearend.selectors import yearend_preview

    try:
        organization, actor = org_and_actor(org, as_user)
        if allocate is not None:
            allocate(organization, actor)
        p = yearend_preview(scope=actor.scope, organization=organization, year_name=year)
        if allocate is None and p.refusal is not None:
            raise p.refusal
    except DomainError as exc:
        fail(exc)
    _print_split(organization, p)


@yearend_app.command("preview")
def preview(org: str = ORG, year: int = YEAR, as_user: str = AS_USER) -> None:
    """Show the net profit, each bucket and each member's amounts. / แสดงตัวอย่างการจัดสรรกำไร"""
    _show_split(org, year, as_user)


@yearend_app.command("allocate")
def allocate(org: str = ORG, year: int = YEAR, on: str = ON,
             why: str = typer.Option("", "--why", help="e.g. the annual meeting's resolution / เหตุผล"),
             as_user: str = AS_USER) -> None:
    """Post the closed year's allocation, once (committee). / บันทึกการจัดสรรกำไรสุทธิ"""
    _setup()
    from kongthun.savings.yearend.actions import yearend_allocate

    _show_split(org, year, as_user, allocate=lambda organization, actor: yearend_allocate(
        organization=organization, year_name=year, on=_on(on), actor=actor, why=why))


@yearend_app.command("pay")
def pay(org: str = ORG, year: int = YEAR, on: str = ON,
        method: str = typer.Option("savings", "--method", help="savings or cash / เข้าบัญชีเงินฝาก หรือ เงินสด"),
        as_user: str = AS_USER) -> None:
    """Pay every unpaid dividend and patronage refund (treasurer). / จ่ายเงินปันผลและเงินเฉลี่ยคืน"""
    org_and_actor = _setup()
    from kongthun.savings.yearend.actions import yearend_pay_members

    try:
        organization, actor = org_and_actor(org, as_user)
        paid = yearend_pay_members(organization=organization, year_name=year, on=_on(on), actor=actor,
                                   method=method)
    except DomainError as exc:
        fail(exc)
    console.print(f"จ่ายแล้ว {len(paid)} ราย รวม {format_baht(sum(x.total for x in paid))} / paid {len(paid)} members")


@yearend_app.command("statements")
def statements(org: str = ORG, year: int = YEAR,
               pdf: Path = typer.Option(None, "--pdf", help="the dividend report as PDF / รายงานเงินปันผล"),
               xlsx: Path = typer.Option(None, "--xlsx", help="the dividend report as Excel"),
               annual_pdf: Path = typer.Option(None, "--annual-pdf", help="the annual statements as PDF / งบการเงิน"),
               as_user: str = AS_USER) -> None:
    """Write the dividend report (per-member statements) and the annual statements. / พิมพ์รายงานประจำปี"""
    org_and_actor = _setup()
    from kongthun.documents.render import org_header
    from kongthun.savings.yearend import reports, selectors
    from kongthun.welfare.reports import excel, layout
    from kongthun.welfare.reports.pdf import render_report_pdf
    from kongthun.welfare.reports.selectors import annual_statements_get

    try:
        organization, actor = org_and_actor(org, as_user)
        alloc = selectors.allocation_get(scope=actor.scope, organization=organization, year_name=year)
        if alloc is None and (pdf or xlsx):
            raise DomainError("conflict.not_allocated", f"ปีบัญชี {year} ยังไม่ได้จัดสรรกำไรสุทธิ",
                              f"The profit of year {year} has not been allocated", "--year")
        lines = list(selectors.dividend_lines(scope=actor.scope, allocation=alloc)) if alloc else []
        annual = annual_statements_get(scope=actor.scope, organization=organization, year_name=year)
    except DomainError as exc:
        fail(exc)
    written = []
    if pdf:
        pdf.write_bytes(render_report_pdf(reports.dividend_doc(alloc, lines, organization.name_th),
                                          org_header(organization)))
        written.append(pdf)
    if xlsx:
        xlsx.write_bytes(excel.workbook_bytes(reports.dividend_doc(alloc, lines, organization.name_th),
                                              reports.dividend_doc(alloc, lines, organization.name_th, "en")))
        written.append(xlsx)
    if annual_pdf:
        annual_pdf.write_bytes(render_report_pdf(layout.annual_doc(annual, organization.name_th),
                                                 org_header(organization)))
        written.append(annual_pdf)
    console.print(f"งบการเงินปี {year}: รายได้ {format_baht(annual.income.total_income)} ค่าใช้จ่าย "
                  f"{format_baht(annual.income.total_expenses)} / income and expenses of {year}")
    for path in written:
        console.print(f"เขียนแล้ว / written: {path}")
