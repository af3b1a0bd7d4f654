"""The `kongthun` command line (typer + rich). Parse, call an action, render; nothing else."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from kongthun.interfaces.cli.backup import backup as backup_command
from kongthun.interfaces.cli.backup import move_to as move_to_command
from kongthun.interfaces.cli.backup import restore as restore_command
from kongthun.interfaces.cli.books import books_app
from kongthun.interfaces.cli.claims import claims_app
from kongthun.interfaces.cli.collect import collect_app
from kongthun.interfaces.cli.common import fail
from kongthun.interfaces.cli.debts import debts_app
from kongthun.interfaces.cli.disaster import disaster_app
from kongthun.interfaces.cli.funding import funding_app
from kongthun.interfaces.cli.loans import loans_app
from kongthun.interfaces.cli.report import report_app
from kongthun.interfaces.cli.rules import rules_app
from kongthun.interfaces.cli.savings import savings_app
from kongthun.interfaces.cli.token import token_app
from kongthun.interfaces.cli.yearend import yearend_app

app = typer.Typer(
    help="kongthun (กองทุน): books, members and networks of Thai community financial organizations.\n\n"
    "ระบบบัญชีและสมาชิกของกองทุนสวัสดิการชุมชนและกลุ่มออมทรัพย์",
    no_args_is_help=True,
    add_completion=False,
)
console = Console()
app.add_typer(savings_app, name="savings", help="Savings and shares: policy, monthly collection, withdrawals, "
              "leaving, interest. / เงินฝากสัจจะและหุ้น")
app.add_typer(rules_app, name="rules", help="Benefit regulations: check, try, replay. / ระเบียบสวัสดิการ")
app.add_typer(books_app, name="books", help="The books: close a year. / บัญชี: ปิดบัญชีสิ้นปี")
app.add_typer(funding_app, name="funding", help="Outside money and the administration cap. / เงินสมทบจากภายนอก")
app.add_typer(report_app, name="report", help="Reports: annual, CODI, cash book, member statement. / รายงาน")
app.add_typer(collect_app, name="collect", help="Contributions: collection days, receipts, standing, lapses. "
              "/ เงินสมทบ")
app.add_typer(claims_app, name="claims", help="Welfare claims: submit, decide, pay, voucher. / คำขอรับสวัสดิการ")
app.add_typer(yearend_app, name="yearend", help="Savings-group year-end: profit rule, allocation, dividends. "
              "/ การจัดสรรกำไรสุทธิ")
app.add_typer(debts_app, name="debts", help="Debt relief: household debt surveys, refinancing plans. / แก้หนี้")
app.add_typer(loans_app, name="loans", help="Savings-group loans: products, applications, repayments, arrears, "
              "portfolio. / เงินกู้")
app.command("backup")(backup_command)
app.command("restore")(restore_command)
app.command("move-to")(move_to_command)
app.add_typer(disaster_app, name="disaster", help="Disasters: events, batch claims, relief between funds. "
              "/ ภัยพิบัติ")
app.add_typer(token_app, name="token", help="REST API tokens: issue, revoke, list. / กุญแจเข้าใช้ API")


def _django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kongthun.settings")
    import django
    from django.conf import settings

    django.setup()
    Path(settings.STATIC_ROOT).mkdir(parents=True, exist_ok=True)  # also makes DATA_DIR


def progress() -> Progress:
    return Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                    console=console, transient=False)




@app.command()
def migrate() -> None:
    """Create or upgrade the database schema. / สร้างหรือปรับปรุงฐานข้อมูล"""
    _django()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    console.print("[green]database ready / ฐานข้อมูลพร้อมใช้งาน[/green]")


@app.command("places-load")
def places_load(regions: Path = typer.Option(None, help="CODI regions file (JSON) / ไฟล์กำหนดภาค")) -> None:
    """Load provinces, districts and tambons (geothai) and CODI regions. / โหลดข้อมูลพื้นที่"""
    _django()
    from django.core.management import call_command

    from kongthun.audit.actions import Actor
    from kongthun.errors import DomainError
    from kongthun.places.actions import places_load as load

    call_command("migrate", interactive=False, verbosity=0)
    import geothai

    with progress() as bar:
        task = bar.add_task("places / พื้นที่", total=len(geothai.provinces()))
        try:
            counts = load(actor=Actor.system("cli"), regions_file=regions, progress=lambda: bar.advance(task))
        except DomainError as exc:
            fail(exc)
    console.print(counts)


@app.command()
def demo(
    seed: int = typer.Option(2567, help="random seed: the same seed gives the same demo / เลขสุ่ม"),
    reset: bool = typer.Option(False, help="delete the SQLite database first / ลบฐานข้อมูลเดิมก่อน"),
) -> None:
    """Load the demo province (if the database is empty). / โหลดข้อมูลตัวอย่างจังหวัดสาธิต"""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kongthun.settings")
    if reset:
        from django.conf import settings

        db = settings.DATABASES["default"]
        if not db["ENGINE"].endswith("sqlite3"):
            console.print("[red]--reset works only on the embedded SQLite database[/red]")
            raise typer.Exit(2)
        for suffix in ("", "-wal", "-shm"):
            Path(str(db["NAME"]) + suffix).unlink(missing_ok=True)
    _django()
    from django.core.management import call_command

    from kongthun.demo import DEMO_USERS, demo_load, demo_present

    call_command("migrate", interactive=False, verbosity=0)
    if demo_present():
        console.print("demo data already loaded / มีข้อมูลตัวอย่างอยู่แล้ว")
    else:
        with progress() as bar:
            tasks: dict[str, int] = {}

            def step(name: str, done: int, total: int) -> None:
                if name not in tasks:
                    tasks[name] = bar.add_task(name, total=total)
                bar.update(tasks[name], completed=done, total=total)

            summary = demo_load(seed=seed, on_progress=step)
        console.print(summary)
    _print_logins(DEMO_USERS)


def _print_logins(users) -> None:
    table = Table(title="demo logins / ผู้ใช้ตัวอย่าง (password / รหัสผ่าน: kongthun)")
    table.add_column("username")
    table.add_column("role / บทบาท")
    for username, role_th, role_en in users:
        table.add_row(username, f"{role_th} / {role_en}")
    console.print(table)


@app.command()
def serve(
    host: str = typer.Option("127.0.0.1", help="address to listen on"),
    port: int = typer.Option(8000, help="port"),
    workers: int = typer.Option(2, help="gunicorn worker processes"),
) -> None:
    """Serve the web app with gunicorn. / เปิดเว็บแอป"""
    _django()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    from kongthun.demo import DEMO_USERS

    if get_user_model().objects.filter(username=DEMO_USERS[0][0]).exists():
        os.environ["KONGTHUN_DEMO"] = "1"
        _print_logins(DEMO_USERS)
    console.print(f"[bold green]kongthun: http://{host}:{port}/[/bold green]  (Ctrl+C to stop / กด Ctrl+C เพื่อหยุด)")
    gunicorn = Path(sys.executable).with_name("gunicorn")
    os.execv(str(gunicorn), [str(gunicorn), "kongthun.wsgi:application", "--bind", f"{host}:{port}",
                             "--workers", str(workers), "--access-logfile", "-"])


@app.command()
def check() -> None:
    """Verify every invariant of the books and the audit trail. / ตรวจสอบความถูกต้องของบัญชีและบันทึก"""
    _django()
    from kongthun.integrity import CHECKS, run_checks

    with progress() as bar:
        task = bar.add_task("check / ตรวจสอบ", total=len(CHECKS))
        problems = run_checks(on_step=lambda name: bar.update(task, advance=1, description=name))
    if not problems:
        console.print("[green]OK: the books balance and the audit trail is intact[/green]")
        console.print("[green]บัญชีสมดุล บันทึกการตรวจสอบครบถ้วน[/green]")
        return
    table = Table(title=f"{len(problems)} problem(s) / พบปัญหา {len(problems)} รายการ", show_lines=True)
    table.add_column("check")
    table.add_column("ภาษาไทย")
    table.add_column("English")
    for p in problems[:200]:
        table.add_row(p.check, p.message_th, p.message_en)
    console.print(table)
    raise typer.Exit(6)


if __name__ == "__main__":  # pragma: no cover
    app()
