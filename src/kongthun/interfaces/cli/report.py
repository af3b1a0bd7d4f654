"""`kongthun report ...`: a fund's reports on the terminal (rich tables), and as PDF and Excel files.

    kongthun report annual --org CODE --year 2569 [--pdf FILE] [--xlsx FILE]
    kongthun report codi --org CODE --year 2569
    kongthun report cashbook --org CODE --from 2568-10-01 --to 2569-09-30
    kongthun report statement --org CODE --member NO [--on 2569-09-30]

Dates are BE (YYYY-MM-DD with the BE year) or CE; years are BE. Register with:
`from kongthun.interfaces.cli.report import report_app` / `app.add_typer(report_app, name="report")`
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from kongthun.clock import BE_OFFSET, parse_iso_date
from kongthun.errors import EXIT_CODES, DomainError
from kongthun.interfaces.cli.acting import org_and_actor
from kongthun.interfaces.cli.common import fail

report_app = typer.Typer(help="A fund's reports: annual statements, CODI report, cash book, member statement. "
                              "/ รายงานของกองทุน", no_args_is_help=True, add_completion=False)
console = Console()
ORG = typer.Option(..., "--org", help="organization code / รหัสองค์กร")
YEAR = typer.Option(..., "--year", help="accounting year, BE (e.g. 2569) / ปีบัญชี พ.ศ.")
PDF = typer.Option(None, "--pdf", help="write the report as PDF here / บันทึกเป็น PDF")
XLSX = typer.Option(None, "--xlsx", help="write the report as Excel here / บันทึกเป็น Excel")
AS = typer.Option(None, "--as", help="read as this user (their roles decide) / อ่านในสิทธิ์ของผู้ใช้")
LANG = typer.Option("th", "--lang", help="th or en / ภาษา")




def parse_day(text: str, where: str) -> date:
    """'2569-09-30' (BE) or '2026-09-30' (CE)."""
    year = text.strip()[:4]
    if year.isdigit() and int(year) > 2400:
        text = f"{int(year) - BE_OFFSET:04d}{text.strip()[4:]}"
    return parse_iso_date(text, where=where)


def _setup(code: str, username: str | None):
    """Django, the organization by code, and the reader's scope (a named user's, else the system's)."""
    from kongthun.interfaces.cli.main import _django

    _django()
    org, actor = org_and_actor(code, username)
    return org, actor.scope


def _show(doc, lang: str) -> None:
    from kongthun.welfare.reports.layout import table_view

    console.print(f"[bold]{doc.title}[/bold]")
    for line in doc.subtitle_lines:
        console.print(line)
    for t in doc.tables:
        view = table_view(t, lang)
        table = Table(title=t.title, show_footer=view["totals"] is not None)
        for i, col in enumerate(view["columns"]):
            footer = view["totals"][i]["text"] if view["totals"] else ""
            table.add_column(col["label"], justify="right" if col["css"] else "left", footer=footer)
        for row in view["rows"]:
            table.add_row(*(c["text"] for c in row))
        console.print(table)
        for note in t.notes:
            console.print(note)
    for note in doc.notes:
        console.print(note)


def _output(org, report, build, xlsx, pdf_path: Path | None, xlsx_path: Path | None, lang: str) -> None:
    from kongthun.documents.render import org_header
    from kongthun.welfare.reports.pdf import render_report_pdf

    _show(build(report, org.name_th if lang == "th" else (org.name_en or org.name_th), lang), lang)
    if pdf_path:
        pdf_path.write_bytes(render_report_pdf(build(report, org.name_th, "th"), org_header(org)))
        console.print(f"[green]PDF: {pdf_path}[/green]")
    if xlsx_path:
        xlsx_path.write_bytes(xlsx(report, org.name_th))
        console.print(f"[green]Excel: {xlsx_path}[/green]")


def _check(report, scope, org, date_from: date, date_to: date) -> None:
    from kongthun.welfare.reports.domain import check_against_ledger
    from kongthun.welfare.reports.selectors import ledger_figures

    figures = ledger_figures(scope=scope, organization_id=org.pk, date_from=date_from, date_to=date_to)
    problems = check_against_ledger(report, figures)
    for p in problems:
        console.print(f"[red]{p.message_th}\n{p.message_en}[/red]")
    if problems:
        raise typer.Exit(EXIT_CODES["integrity"])
    console.print("[green]ยอดตรงกับบัญชี / totals agree with the ledger[/green]")


@report_app.command("annual")
def annual(org: str = ORG, year: int = YEAR, pdf: Path = PDF, xlsx: Path = XLSX, as_user: str = AS,
           lang: str = LANG) -> None:
    """Annual statements: income and expenditure, financial position. / งบการเงินประจำปี"""
    try:
        organization, scope = _setup(org, as_user)
        from kongthun.welfare.reports import excel, layout, selectors

        report = selectors.annual_statements_get(scope=scope, organization=organization, year_name=year)
        _output(organization, report, layout.annual_doc, excel.annual_xlsx, pdf, xlsx, lang)
        _check(report, scope, organization, report.income.date_from, report.income.date_to)
    except DomainError as exc:
        fail(exc)


@report_app.command("codi")
def codi(org: str = ORG, year: int = YEAR, pdf: Path = PDF, xlsx: Path = XLSX, as_user: str = AS,
         lang: str = LANG) -> None:
    """The annual report in CODI's shape. / รายงานประจำปีตามแบบ พอช."""
    try:
        organization, scope = _setup(org, as_user)
        from kongthun.welfare.reports import excel, layout, selectors

        report = selectors.codi_report_get(scope=scope, organization=organization, year_name=year)
        _output(organization, report, layout.codi_doc, excel.codi_xlsx, pdf, xlsx, lang)
        _check(report, scope, organization, report.date_from, report.date_to)
    except DomainError as exc:
        fail(exc)


@report_app.command("cashbook")
def cashbook(org: str = ORG, date_from: str = typer.Option(..., "--from", help="first day / ตั้งแต่วันที่"),
             date_to: str = typer.Option(..., "--to", help="last day / ถึงวันที่"), pdf: Path = PDF,
             xlsx: Path = XLSX, as_user: str = AS, lang: str = LANG) -> None:
    """The cash book: cash and bank, line by line. / สมุดเงินสด"""
    try:
        organization, scope = _setup(org, as_user)
        from kongthun.welfare.reports import excel, layout, selectors

        report = selectors.cash_book_get(scope=scope, organization=organization,
                                         date_from=parse_day(date_from, "--from"), date_to=parse_day(date_to, "--to"))
        _output(organization, report, layout.cash_book_doc, excel.cash_book_xlsx, pdf, xlsx, lang)
        _check(report, scope, organization, report.date_from, report.date_to)
    except DomainError as exc:
        fail(exc)


@report_app.command("statement")
def statement(org: str = ORG, member: str = typer.Option(..., "--member", help="member number / เลขที่สมาชิก"),
              on: str = typer.Option(None, "--on", help="as of this day (default today) / ณ วันที่"),
              pdf: Path = PDF, xlsx: Path = XLSX, as_user: str = AS, lang: str = LANG) -> None:
    """A member's statement. / ใบแจ้งยอดสมาชิก"""
    try:
        organization, scope = _setup(org, as_user)
        from django.utils import timezone

        from kongthun.people.models import Membership
        from kongthun.welfare.reports import excel, layout, selectors

        membership = Membership.objects.select_related("person").filter(organization=organization,
                                                                         member_no=member).first()
        if membership is None:
            raise DomainError("not_found.membership", f"ไม่พบสมาชิกเลขที่ {member}", f"No member number {member}",
                              "--member")
        day = parse_day(on, "--on") if on else timezone.localdate()
        report = selectors.member_statement_get(scope=scope, membership=membership, on=day)
        _output(organization, report, layout.member_statement_doc, excel.member_statement_xlsx, pdf, xlsx, lang)
    except DomainError as exc:
        fail(exc)
