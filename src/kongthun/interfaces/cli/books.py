"""`kongthun books ...`: close an accounting year, list the closed years.

Register with: `from kongthun.interfaces.cli.books import books_app`
               `app.add_typer(books_app, name="books")`
"""

from __future__ import annotations

from datetime import date

import typer
from rich.console import Console
from rich.table import Table

from kongthun.errors import EXIT_CODES, DomainError
from kongthun.interfaces.cli.acting import org_and_actor
from kongthun.interfaces.cli.common import fail
from kongthun.money import format_baht

books_app = typer.Typer(help="The books: close a year, list closed years. / บัญชี: ปิดบัญชีสิ้นปี",
                        no_args_is_help=True, add_completion=False)
console = Console()
ORG = typer.Option(..., "--org", help="organization code / รหัสองค์กร")






@books_app.command("close-year")
def close_year(
    org: str = ORG,
    year: int = typer.Option(..., "--year", help="accounting year, BE (e.g. 2569) / ปีบัญชี พ.ศ."),
    on: str = typer.Option(None, "--on", help="date of the close, YYYY-MM-DD (default today) / วันที่ปิดบัญชี"),
    as_user: str = typer.Option(None, "--as", help="committee member who closes / กรรมการผู้ปิดบัญชี"),
    why: str = typer.Option("", "--why", help="e.g. the annual meeting's resolution / เหตุผล เช่น มติที่ประชุมใหญ่"),
) -> None:
    """Close an accounting year: carry income and expenses to the retained surplus and lock the year.
    / ปิดบัญชีสิ้นปี โอนรายได้และค่าใช้จ่ายเข้ากำไร(ขาดทุน)สะสม และปิดงวดบัญชี"""
    from kongthun.interfaces.cli.main import _django

    _django()
    from django.utils import timezone

    from kongthun.clock import format_be, parse_iso_date
    from kongthun.integrity import run_checks
    from kongthun.ledger.actions import year_close

    try:
        organization, actor = org_and_actor(org, as_user)
        closed_on: date = parse_iso_date(on, where="--on") if on else timezone.localdate()
        closed = year_close(organization=organization, year_name=year, closed_on=closed_on, actor=actor, why=why)
    except DomainError as exc:
        fail(exc)
    console.print(f"[green]ปิดบัญชีปี {closed.year_name} ({format_be(closed.year_start)} - "
                  f"{format_be(closed.year_end)}) แล้ว / year {closed.year_name} closed[/green]")
    console.print(f"รายได้ / income {format_baht(closed.income)}  ค่าใช้จ่าย / expenses {format_baht(closed.expenses)}"
                  f"  ส่วนเกิน(ขาด) / surplus {format_baht(closed.surplus)}")
    problems = run_checks()
    if problems:
        for p in problems:
            console.print(f"[red]{p.message_th}\n{p.message_en}[/red]")
        raise typer.Exit(EXIT_CODES["integrity"])
    console.print("[green]kongthun check: ผ่าน / passed[/green]")


@books_app.command("years")
def years(org: str = ORG) -> None:
    """The organization's closed years. / ปีบัญชีที่ปิดแล้ว"""
    from kongthun.interfaces.cli.main import _django

    _django()
    from kongthun.clock import format_be
    from kongthun.ledger.models import YearClose

    table = Table(title=f"{org}: ปีบัญชีที่ปิดแล้ว / closed years")
    for col in ("ปี / year", "สิ้นปี / ends", "รายได้ / income", "ค่าใช้จ่าย / expenses", "ส่วนเกิน / surplus",
                "ปิดเมื่อ / closed on"):
        table.add_column(col)
    for yc in YearClose.objects.filter(organization__code=org).order_by("year_end"):
        table.add_row(str(yc.year_name), format_be(yc.year_end), format_baht(yc.income), format_baht(yc.expenses),
                      format_baht(yc.surplus), format_be(yc.closed_on))
    console.print(table)
