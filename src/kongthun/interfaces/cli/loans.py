"""`kongthun loans ...`: a savings group's loans (เงินกู้) from the terminal: products, applications, the
committee's decisions, disbursement, repayments, schedules, restructuring, write-off, arrears, portfolio.

Every command takes --org CODE and --as USER (their roles decide; default the system) and most --on DATE.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from kongthun.errors import DomainError
from kongthun.interfaces.cli.acting import org_and_actor
from kongthun.interfaces.cli.common import fail
from kongthun.money import format_baht, parse_baht

loans_app = typer.Typer(help="Loans: products, applications, repayments, arrears, portfolio. / เงินกู้",
                        no_args_is_help=True, add_completion=False)
console = Console()
ORG = typer.Option(..., "--org", help="savings group code / รหัสกลุ่ม")
AS_USER = typer.Option(None, "--as", help="who acts (their roles decide); default: the system / ผู้ทำรายการ")
ON = typer.Option(None, "--on", help="business date, YYYY-MM-DD (default today) / วันที่")


def _boot() -> None:
    """Django is set up before any command imports the loans package."""
    from kongthun.interfaces.cli.main import _django

    _django()


def _ctx(org: str, as_user: str | None, on: str | None):
    from django.utils import timezone

    from kongthun.clock import parse_iso_date

    _boot()
    organization, actor = org_and_actor(org, as_user)
    return organization, actor, parse_iso_date(on, where="--on") if on else timezone.localdate()


def _loan(organization, actor, number: str):
    from kongthun.savings.loans.selectors import loan_get

    return loan_get(scope=actor.scope, organization_id=organization.pk, number=number)


def _member(organization, member_no: str):
    from kongthun.people.models import Membership

    m = Membership.objects.filter(organization=organization, member_no=member_no.strip()).first()
    if m is None:
        raise DomainError("not_found.membership", f"ไม่พบสมาชิกเลขที่ {member_no}", f"No member {member_no}", "member")
    return m


@loans_app.command("products")
def products(org: str = ORG, as_user: str = AS_USER,
             set_code: str = typer.Option(None, "--set", help="create or change this product code / ตั้งประเภท"),
             name: str = typer.Option("", "--name"), purpose: str = typer.Option("production", "--purpose"),
             method: str = typer.Option("declining", "--method", help="flat | declining"),
             rate: str = typer.Option("12", "--rate", help="percent a year / ร้อยละต่อปี"),
             months: int = typer.Option(12, "--max-months"), frequency: str = typer.Option("monthly", "--frequency"),
             max_amount: str = typer.Option("0", "--max-amount", help="baht; 0 = none"),
             multiple: str = typer.Option(None, "--savings-multiple"),
             guarantors: int = typer.Option(0, "--guarantors"),
             guarantor_limit: str = typer.Option("0", "--guarantor-limit"), fine: str = typer.Option("0", "--fine"),
             grace: int = typer.Option(0, "--grace-days"),
             whole_period: bool = typer.Option(False, "--whole-period",
                                               help="early repayment pays the whole period's interest")) -> None:
    """List the group's loan products, or (--set CODE, committee) create or change one. / ประเภทเงินกู้"""
    _boot()
    from kongthun.savings.loans.actions import loan_product_set
    from kongthun.savings.loans.reports import product_line
    from kongthun.savings.loans.selectors import product_list

    try:
        organization, actor, _ = _ctx(org, as_user, None)
        if set_code:
            loan_product_set(organization=organization, code=set_code, name_th=name or set_code, purpose=purpose,
                             method=method, annual_rate=Decimal(rate), max_term_months=months, frequency=frequency,
                             max_amount=parse_baht(max_amount, where="--max-amount"),
                             savings_multiple=Decimal(multiple) if multiple else None,
                             guarantors_required=guarantors,
                             guarantor_limit=parse_baht(guarantor_limit, where="--guarantor-limit"),
                             fine_amount=parse_baht(fine, where="--fine"), grace_days=grace,
                             whole_period_interest=whole_period, actor=actor)
        rows = list(product_list(scope=actor.scope, organization_id=organization.pk))
    except DomainError as exc:
        fail(exc)
    table = Table(title=f"ประเภทเงินกู้ / loan products: {organization.name_th}")
    for label in ("รหัส / code", "ชื่อ / name", "เงื่อนไข / terms"):
        table.add_column(label)
    for p in rows:
        table.add_row(p.code, p.name_th, product_line(p))
    console.print(table)


@loans_app.command("apply")
def apply(member: str = typer.Argument(..., help="member no. / เลขสมาชิก"),
          product: str = typer.Option(..., "--product"),
          amount: str = typer.Option(..., "--amount", help="baht / บาท"), months: int = typer.Option(..., "--months"),
          guarantors: str = typer.Option("", "--guarantors", help="member nos, comma-separated / ผู้ค้ำ"),
          purpose: str = typer.Option("", "--purpose"), refinances: str = typer.Option("", "--refinances"),
          key: str = typer.Option(None, "--key", help="idempotency key"),
          org: str = ORG, as_user: str = AS_USER, on: str = ON) -> None:
    """Record a loan application (it waits for the committee). / ยื่นคำขอกู้"""
    _boot()
    from kongthun.savings.loans.actions import loan_apply
    from kongthun.savings.loans.selectors import product_get

    try:
        organization, actor, day = _ctx(org, as_user, on)
        p = product_get(scope=actor.scope, organization_id=organization.pk, code=product)
        ids = [_member(organization, g).pk for g in guarantors.split(",") if g.strip()]
        loan = loan_apply(organization=organization, membership=_member(organization, member), product=p,
                          amount=parse_baht(amount, where="--amount"), term_months=months,
                          purpose=purpose or p.purpose, guarantor_ids=ids, applied_on=day, actor=actor,
                          idempotency_key=key, refinances=refinances)
    except DomainError as exc:
        fail(exc)
    console.print(f"คำขอกู้เลขที่ {loan.number} รอกรรมการพิจารณา / application {loan.number} awaits the committee")
    for th, en in loan.explanation:
        console.print(f"  {th} / {en}")


def _decide(number: str, approve: bool, reason: str, org: str, as_user: str, on: str) -> None:
    from kongthun.savings.loans import actions, changes
    from kongthun.savings.loans.selectors import pending_change

    try:
        organization, actor, day = _ctx(org, as_user, on)
        loan = _loan(organization, actor, number)
        change = None if loan.status == "applied" else pending_change(loan)
        if change is None:
            fn = actions.loan_approve if approve else actions.loan_reject
            fn(loan=loan, actor=actor, on=day, reason=reason)
            what = "คำขอกู้ / application"
        else:
            fn = changes.loan_change_approve if approve else changes.loan_change_reject
            fn(change=change, actor=actor, on=day, reason=reason)
            what = f"คำขอ{change.get_kind_display()}"
    except DomainError as exc:
        fail(exc)
    verdict = "อนุมัติ / approved" if approve else "ไม่อนุมัติ / rejected"
    console.print(f"{number}: {what} {verdict}")


@loans_app.command("approve")
def approve(number: str = typer.Argument(..., help="loan no. / เลขที่สัญญา"), reason: str = typer.Option("", "--reason"),
            org: str = ORG, as_user: str = AS_USER, on: str = ON) -> None:
    """Committee: approve the application, or the restructuring or write-off waiting on this loan. / อนุมัติ"""
    _boot()
    _decide(number, True, reason, org, as_user, on)


@loans_app.command("reject")
def reject(number: str = typer.Argument(...), reason: str = typer.Option(..., "--reason"),
           org: str = ORG, as_user: str = AS_USER, on: str = ON) -> None:
    """Committee: reject what waits on this loan, with the reason. / ไม่อนุมัติ"""
    _boot()
    _decide(number, False, reason, org, as_user, on)


@loans_app.command("disburse")
def disburse(number: str = typer.Argument(...), cash: str = typer.Option("1101", "--from", help="1101 or 1102"),
             org: str = ORG, as_user: str = AS_USER, on: str = ON) -> None:
    """Pay out an approved loan (debit 1201, credit cash); the schedule starts that day. / จ่ายเงินกู้"""
    _boot()
    from kongthun.savings.loans.actions import loan_disburse

    try:
        organization, actor, day = _ctx(org, as_user, on)
        loan = loan_disburse(loan=_loan(organization, actor, number), on=day, actor=actor, cash_account=cash)
    except DomainError as exc:
        fail(exc)
    console.print(f"จ่ายเงินกู้ {loan.number} {format_baht(loan.amount)} / disbursed")
    _print_schedule(loan)


@loans_app.command("repay")
def repay(number: str = typer.Argument(...), amount: str = typer.Option(..., "--amount", help="baht / บาท"),
          key: str = typer.Option(..., "--key", help="idempotency key (a retry with it writes once)"),
          cash: str = typer.Option("1101", "--to", help="1101 or 1102"),
          org: str = ORG, as_user: str = AS_USER, on: str = ON) -> None:
    """Take a repayment: fine, then interest to date, then principal. / รับชำระเงินกู้"""
    _boot()
    from kongthun.savings.loans.actions import loan_repay

    try:
        organization, actor, day = _ctx(org, as_user, on)
        loan = _loan(organization, actor, number)
        e = loan_repay(loan=loan, amount=parse_baht(amount, where="--amount"), on=day, actor=actor,
                       idempotency_key=key, cash_account=cash)
        loan.refresh_from_db()
    except DomainError as exc:
        fail(exc)
    console.print(f"{loan.number}: ค่าปรับ {format_baht(e.fine)} ดอกเบี้ย {format_baht(e.interest)} "
                  f"เงินต้น {format_baht(-e.principal)}; คงเหลือ {format_baht(loan.outstanding)}"
                  + (" ปิดบัญชีแล้ว / closed" if loan.status == "closed" else ""))


def _print_schedule(loan, version: int | None = None) -> None:
    from kongthun.clock import format_be
    from kongthun.savings.loans.models import Instalment
    from kongthun.savings.loans.reports import terms_line

    v = version or loan.version
    table = Table(title=f"ตารางผ่อนชำระ {loan.number} ฉบับที่ {v} / schedule", caption=terms_line(loan))
    for label in ("งวด", "ครบกำหนด / due", "เงินต้น", "ดอกเบี้ย", "รวม / total", "คงเหลือ / balance"):
        table.add_column(label, justify="right")
    for i in Instalment.objects.filter(loan=loan, version=v).order_by("n"):
        table.add_row(str(i.n), format_be(i.due_on), format_baht(i.principal, unit=""),
                      format_baht(i.interest, unit=""), format_baht(i.principal + i.interest, unit=""),
                      format_baht(i.balance_after, unit=""))
    console.print(table)


def _print_due(loan, day) -> None:
    from kongthun.clock import format_be
    from kongthun.savings.loans.reports import status_label
    from kongthun.savings.loans.selectors import position

    pos = position(loan, day)
    console.print(f"{loan.number}: {status_label(loan.status)} / {status_label(loan.status, 'en')}; "
                  f"เงินต้นคงเหลือ / owed {format_baht(pos.outstanding if pos else 0)}")
    if pos is not None and pos.due is not None:
        d = pos.due
        console.print(f"ณ {format_be(day)}: ค้างชำระ / overdue {format_baht(d.overdue)} ({d.days_overdue} วัน/days), "
                      f"ค่าปรับ / fines {format_baht(d.fine)}, ดอกเบี้ยถึงวันนี้ / interest to date "
                      f"{format_baht(d.interest)}, ยอดปิดบัญชี / payoff {format_baht(d.payoff)}")


@loans_app.command("schedule")
def schedule_cmd(number: str = typer.Argument(...), version: int = typer.Option(None, "--version"),
                 pdf: Path = typer.Option(None, "--pdf", help="write the printable schedule / พิมพ์ตาราง"),
                 statement: Path = typer.Option(None, "--statement", help="write the loan statement PDF"),
                 org: str = ORG, as_user: str = AS_USER, on: str = ON) -> None:
    """Print a loan's schedule (any version), and write it or the statement as a Thai PDF. / ตารางผ่อนชำระ"""
    _boot()
    from kongthun.savings.loans import reports
    from kongthun.savings.loans.selectors import position

    try:
        organization, actor, day = _ctx(org, as_user, on)
        loan = _loan(organization, actor, number)
        if pdf:
            pdf.write_bytes(reports.pdf(reports.schedule_doc(loan, version=version), organization))
        if statement:
            doc = reports.statement_doc(loan, position(loan, day), day)
            statement.write_bytes(reports.pdf(doc, organization))
    except DomainError as exc:
        fail(exc)
    if loan.version:
        _print_schedule(loan, version)
    _print_due(loan, day)
    for path in (pdf, statement):
        if path:
            console.print(f"PDF: {path}")


from kongthun.interfaces.cli import loans_risk as _risk  # noqa: E402,F401  (registers the remaining commands)
