"""`kongthun loans restructure|write-off|arrears|portfolio|provision`: the loans that went wrong."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.table import Table

from kongthun.errors import DomainError
from kongthun.interfaces.cli.common import fail
from kongthun.interfaces.cli.loans import AS_USER, ON, ORG, _boot, _ctx, _loan, _print_schedule, console, loans_app
from kongthun.money import format_baht


def _change(kind: str, number: str, reason: str, terms: dict, org: str, as_user: str | None, on: str | None):
    """Carry out the approved change of this kind, or else ask for one."""
    from kongthun.savings.loans import changes
    from kongthun.savings.loans.selectors import pending_change

    organization, actor, day = _ctx(org, as_user, on)
    loan = _loan(organization, actor, number)
    change = pending_change(loan, kind)
    if change is not None and change.status == "approved":
        run = changes.loan_restructure if kind == "restructure" else changes.loan_write_off
        return "done", run(change=change, on=day, actor=actor)
    if change is not None:
        raise DomainError("conflict.change_pending", f"สัญญา {loan.number} มีคำขอรอกรรมการพิจารณาอยู่แล้ว",
                          f"Loan {loan.number} already has a request awaiting the committee", "loan")
    return "requested", changes.loan_change_request(loan=loan, kind=kind, on=day, reason=reason, actor=actor,
                                                    terms=terms)


@loans_app.command("restructure")
def restructure(number: str = typer.Argument(...), reason: str = typer.Option("", "--reason"),
                months: int = typer.Option(None, "--months"), rate: str = typer.Option(None, "--rate"),
                method: str = typer.Option(None, "--method"), frequency: str = typer.Option(None, "--frequency"),
                org: str = ORG, as_user: str = AS_USER, on: str = ON) -> None:
    """Ask to restructure a loan on new terms; once the committee approves (`loans approve`), run it again to
    carry it out (a new schedule version; the old one is kept). / ปรับโครงสร้างหนี้"""
    _boot()
    terms = {k: v for k, v in (("term_months", months), ("annual_rate", rate), ("method", method),
                               ("frequency", frequency)) if v is not None}
    try:
        state, result = _change("restructure", number, reason, terms, org, as_user, on)
    except DomainError as exc:
        fail(exc)
    if state == "requested":
        console.print(f"{number}: ขอปรับโครงสร้างหนี้แล้ว รอกรรมการอนุมัติ / restructuring requested")
    else:
        console.print(f"{number}: ปรับโครงสร้างหนี้แล้ว เงินต้นใหม่ {format_baht(result.outstanding)} / restructured")
        _print_schedule(result)


@loans_app.command("write-off")
def write_off(number: str = typer.Argument(...), reason: str = typer.Option("", "--reason"),
              org: str = ORG, as_user: str = AS_USER, on: str = ON) -> None:
    """Ask to write a loan off; once the committee approves, run it again to post it (credit 1201, debit the
    allowance 1209 then 5202). / ตัดหนี้สูญ"""
    _boot()
    try:
        state, result = _change("write_off", number, reason, {}, org, as_user, on)
    except DomainError as exc:
        fail(exc)
    console.print(f"{number}: " + ("ขอตัดหนี้สูญแล้ว รอกรรมการอนุมัติ / write-off requested" if state == "requested"
                                   else "ตัดหนี้สูญแล้ว / written off"))


def _write(path: Path | None, data_fn) -> None:
    if path:
        path.write_bytes(data_fn())
        console.print(f"{path}")


@loans_app.command("arrears")
def arrears(org: str = ORG, as_user: str = AS_USER, on: str = ON,
            notify: bool = typer.Option(False, "--notify", help="record notices to the guarantors / แจ้งผู้ค้ำ"),
            pdf: Path = typer.Option(None, "--pdf"), xlsx: Path = typer.Option(None, "--xlsx")) -> None:
    """The arrears list the committee works through: oldest first, bucket, guarantors notified. / ลูกหนี้ค้างชำระ"""
    _boot()
    from kongthun.savings.domain.aging import bucket_label
    from kongthun.savings.loans import reports
    from kongthun.savings.loans.changes import loan_guarantors_notify
    from kongthun.savings.loans.selectors import portfolio_for

    try:
        organization, actor, day = _ctx(org, as_user, on)
        if notify:
            n = loan_guarantors_notify(organization=organization, on=day, actor=actor)
            console.print(f"แจ้งผู้ค้ำประกัน {n} ราย / {n} guarantor notice(s) recorded")
        p = portfolio_for(scope=actor.scope, organization_id=organization.pk, on=day)
        _write(pdf, lambda: reports.pdf(reports.arrears_doc(organization, p), organization))
        _write(xlsx, lambda: reports.xlsx(reports.arrears_doc(organization, p), reports.arrears_doc(organization, p,
                                                                                                    "en")))
    except DomainError as exc:
        fail(exc)
    table = Table(title=f"ลูกหนี้ค้างชำระ / arrears: {organization.name_th}")
    for label in ("สัญญา", "ผู้กู้ / borrower", "วัน / days", "กลุ่ม / bucket", "ค้าง / overdue", "คงเหลือ / owed"):
        table.add_column(label)
    for x in reports.arrears_rows(p):
        table.add_row(x.loan.number, f"{x.loan.membership.member_no} {reports.person_name(x.loan.membership)}",
                      str(x.days_overdue), bucket_label(x.bucket), format_baht(x.due.overdue, unit=""),
                      format_baht(x.outstanding, unit=""))
    console.print(table)


@loans_app.command("portfolio")
def portfolio_cmd(org: str = ORG, as_user: str = AS_USER, on: str = ON, pdf: Path = typer.Option(None, "--pdf"),
                  xlsx: Path = typer.Option(None, "--xlsx")) -> None:
    """Outstanding loans by days overdue, PAR30, provision required and held. / สถานะเงินให้กู้"""
    _boot()
    from kongthun.savings.loans import reports
    from kongthun.savings.loans.selectors import portfolio_for

    try:
        organization, actor, day = _ctx(org, as_user, on)
        p = portfolio_for(scope=actor.scope, organization_id=organization.pk, on=day)
        _write(pdf, lambda: reports.pdf(reports.portfolio_doc(organization, p), organization))
        _write(xlsx, lambda: reports.xlsx(reports.portfolio_doc(organization, p),
                                          reports.portfolio_doc(organization, p, "en")))
    except DomainError as exc:
        fail(exc)
    table = Table(title=f"สถานะเงินให้กู้ / portfolio: {organization.name_th}",
                  caption=f"PAR30 {p.par30}% ; ค่าเผื่อที่ต้องตั้ง / provision required "
                          f"{format_baht(p.provision_required)} ; ตั้งไว้ / held {format_baht(p.allowance)}")
    for label in ("อายุหนี้ / bucket", "สัญญา / loans", "คงเหลือ / outstanding", "ค่าเผื่อ / provision"):
        table.add_column(label)
    for b in p.risk.buckets:
        table.add_row(f"{b.label_th} / {b.label_en}", str(b.count), format_baht(b.outstanding, unit=""),
                      format_baht(b.provision, unit=""))
    table.add_row("รวม / total", str(p.risk.count), format_baht(p.outstanding, unit=""),
                  format_baht(p.provision_required, unit=""))
    console.print(table)


@loans_app.command("provision")
def provision(org: str = ORG, as_user: str = AS_USER, on: str = ON,
              table: str = typer.Option(None, "--table", help="committee: set the table first, e.g. "
                                        "'0:0,31:35,366:100' (from days overdue:percent) / ตารางค่าเผื่อ")) -> None:
    """Bring the loan-loss allowance (1209) to what the provisioning table requires (via 5202). / ตั้งค่าเผื่อหนี้"""
    _boot()
    from kongthun.savings.loans.changes import loan_provision_post, loan_provision_table_set, parse_table
    from kongthun.savings.loans.selectors import allowance_held

    try:
        organization, actor, day = _ctx(org, as_user, on)
        if table:
            loan_provision_table_set(organization=organization, rows=parse_table(table), actor=actor)
            console.print(f"ตารางค่าเผื่อ / provisioning table: {table}")
            return
        delta = loan_provision_post(organization=organization, on=day, actor=actor)
    except DomainError as exc:
        fail(exc)
    console.print(f"ปรับค่าเผื่อ {format_baht(delta)}; ตั้งไว้ {format_baht(allowance_held(organization.pk))} "
                  f"/ allowance changed by {format_baht(delta, unit='baht')}")
