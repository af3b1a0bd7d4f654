"""`kongthun funding ...`: a welfare fund's request for matching money (prepared, then sent), money received
reversed when recorded by mistake, and where its outside money and administration cap stand.

Register with: `from kongthun.interfaces.cli.funding import funding_app`
               `app.add_typer(funding_app, name="funding")`
"""

from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from kongthun.errors import DomainError
from kongthun.interfaces.cli.acting import org_and_actor
from kongthun.interfaces.cli.common import fail
from kongthun.money import format_baht

funding_app = typer.Typer(help="Outside money: matching requests, sources, the administration cap. "
                          "/ เงินสมทบจากภายนอก: คำขอ แหล่งเงิน เพดานค่าบริหารจัดการ",
                          no_args_is_help=True, add_completion=False)
console = Console()
ORG = typer.Option(..., "--org", help="welfare fund code / รหัสกองทุน")
AS_USER = typer.Option(None, "--as", help="who acts (their roles decide); default: the system / ผู้ทำรายการ")
STATUS_TH = {"prepared": "จัดทำแล้ว", "sent": "ส่งแล้ว", "part_received": "ได้รับบางส่วน", "received": "ได้รับครบ"}


def _setup():
    from kongthun.interfaces.cli.main import _django

    _django()
    return org_and_actor


def _on_row(org: str, as_user: str | None, on: str | None, find, act):
    """Who acts (`--org`/`--as`), the day typed in `--on` (CE) or today, the row `find(scope, org_id)`
    returns, then `act(row, day, actor)`'s result; a refusal is printed and the command exits."""
    from django.utils import timezone

    from kongthun.clock import parse_iso_date

    try:
        organization, actor = org_and_actor(org, as_user)
        day = parse_iso_date(on, where="--on") if on else timezone.localdate()
        return act(find(actor.scope, organization.pk), day, actor)
    except DomainError as exc:
        fail(exc)


def _agreement(org, source: str):
    """The source by id, or the newest agreement of a kind (codi, local_gov, ...)."""
    from kongthun.welfare.funding.models import FundingAgreement

    rows = FundingAgreement.objects.filter(organization=org)
    row = rows.filter(pk=int(source)).first() if source.isdigit() else rows.filter(kind=source).order_by("-pk").first()
    if row is None:
        raise DomainError("not_found.agreement", f"กองทุนไม่มีแหล่งเงิน '{source}'",
                          f"The fund has no source '{source}'", "--source")
    return row


@funding_app.command("request")
def request(
    org: str = ORG,
    year: int = typer.Option(..., "--year", help="accounting year, BE (e.g. 2569) / ปีบัญชี พ.ศ."),
    source: str = typer.Option("codi", "--source", help="codi, local_gov or a source id / แหล่งเงิน"),
    pdf: Path = typer.Option(None, "--pdf", help="write the request document here / บันทึกหนังสือขอเป็น PDF"),
    as_user: str = AS_USER,
) -> None:
    """Prepare (or recompute, until money comes) and print the request for a year.
    / จัดทำและแสดงคำขอรับเงินสมทบของปีบัญชี"""
    org_and_actor = _setup()
    from django.utils import timezone

    from kongthun.welfare.funding.actions import request_prepare
    from kongthun.welfare.funding.printing import request_pdf, terms_line

    try:
        organization, actor = org_and_actor(org, as_user)
        agreement = _agreement(organization, source)
        row = request_prepare(agreement=agreement, year_name=year, prepared_on=timezone.localdate(), actor=actor)
        document = request_pdf(row, scope=actor.scope, prepared_by=actor.name) if pdf else None
    except DomainError as exc:
        fail(exc)
    table = Table(title=f"คำขอรับเงินสมทบ ปีบัญชี {row.year_name} / request, year {row.year_name}: "
                        f"{agreement.name} ({organization.code})", caption=terms_line(row))
    for label, justify in (("สมาชิก / member", "left"), ("ส่ง / paid", "right"), ("นับ / counted", "right"),
                           ("ขอ / asked", "right"), ("หมายเหตุ / note", "left")):
        table.add_column(label, justify=justify)
    for x in row.lines:
        table.add_row(x["member_no"], format_baht(x["paid"], unit=""), format_baht(x["counted"], unit=""),
                      format_baht(x["amount"], unit=""), x["note_th"])
    table.add_row(f"รวม {row.members_counted} ราย / total", format_baht(row.paid, unit=""),
                  format_baht(row.counted, unit=""), format_baht(row.amount, unit=""), "", style="bold")
    console.print(table)
    if document is not None:
        pdf.write_bytes(document)
        console.print(f"[green]{pdf}[/green]")


@funding_app.command("status")
def status(
    org: str = ORG,
    on: str = typer.Option(None, "--on", help="date, YYYY-MM-DD (default today) / ณ วันที่"),
    as_user: str = AS_USER,
) -> None:
    """Sources, money received and the administration cap of the year. / แหล่งเงิน เงินที่ได้รับ และเพดาน
    ค่าบริหารจัดการ"""
    org_and_actor = _setup()
    from django.utils import timezone

    from kongthun.clock import format_be, parse_iso_date
    from kongthun.welfare.funding.domain import source_label
    from kongthun.welfare.funding.selectors import admin_cap_status, agreement_list, received_list, request_list

    try:
        organization, actor = org_and_actor(org, as_user)
        day = parse_iso_date(on, where="--on") if on else timezone.localdate()
        agreements = list(agreement_list(scope=actor.scope, organization_id=organization.pk))
        requests = list(request_list(scope=actor.scope, organization_id=organization.pk))
        received = list(received_list(scope=actor.scope, organization_id=organization.pk)[:30])
        cap = admin_cap_status(scope=actor.scope, organization=organization, on=day)
    except DomainError as exc:
        fail(exc)
    sources = Table(title=f"แหล่งเงิน / sources: {organization.name_th}")
    for label in ("id", "แหล่ง / source", "ชื่อ / name", "ฐานทางกฎหมาย / legal basis", "บัญชี", "ได้รับ / received"):
        sources.add_column(label, justify="right" if label.startswith("ได้รับ") else "left")
    for a in agreements:
        sources.add_row(str(a.pk), source_label(a.kind)[0], a.name, f"{a.legal_basis} {a.document_no}".strip() or "—",
                        a.income_account, format_baht(a.received_total or 0, unit=""))
    console.print(sources)
    asked = Table(title="คำขอ / requests")
    for label in ("id", "ปี / year", "ชื่อ / source", "ขอ / asked", "ได้รับ / received", "สถานะ / status",
                  "ส่ง / sent"):
        asked.add_column(label, justify="right" if label.startswith(("ขอ", "ได้รับ")) else "left")
    for r in requests:
        sent = f"{format_be(r.sent_on)} {r.sent_document_no}" if r.sent_on else "—"
        asked.add_row(str(r.pk), str(r.year_name), r.agreement.name, format_baht(r.amount, unit=""),
                      format_baht(r.received_total or 0, unit=""), f"{STATUS_TH[r.status]} / {r.status}", sent)
    console.print(asked)
    money = Table(title="เงินที่ได้รับ / money received")
    for label in ("id", "วันที่ / date", "ชื่อ / source", "จำนวน / amount", "บัญชี / entry", "กลับรายการ / reversed"):
        money.add_column(label, justify="right" if label.startswith("จำนวน") else "left")
    for x in received:
        back = f"JV{x.reversal_entry.number:06d} {format_be(x.reversed_on)} {x.reversed_why}" if x.is_reversed else "—"
        money.add_row(str(x.pk), format_be(x.received_on), x.agreement.name, format_baht(x.amount, unit=""),
                      f"JV{x.entry.number:06d}", back)
    console.print(money)
    year = organization.accounting_year.name_of(day)
    colour = {"ok": "green", "warning": "yellow", "refused": "red"}[cap.level.value]
    console.print(f"ค่าบริหารจัดการ ปีบัญชี {year} / administration, year {year}: "
                  f"[{colour}]{format_baht(cap.spent)} / {format_baht(cap.limit)} ({cap.used_percent}%)[/{colour}]")
    console.print(f"{cap.message_th}\n{cap.message_en}")


@funding_app.command("send")
def send(
    org: str = ORG,
    request_id: int = typer.Option(..., "--request", help="request id (see funding status) / รหัสคำขอ"),
    document: str = typer.Option(..., "--document", help="the letter's number / เลขที่หนังสือนำส่ง"),
    on: str = typer.Option(None, "--on", help="date sent, YYYY-MM-DD (default today) / วันที่ส่ง"),
    as_user: str = AS_USER,
) -> None:
    """Record that a prepared request went to its source, once. / บันทึกการส่งคำขอรับเงินสมทบ"""
    _setup()
    from kongthun.clock import format_be
    from kongthun.welfare.funding.actions import request_send
    from kongthun.welfare.funding.selectors import request_get

    row = _on_row(org, as_user, on,
                  lambda scope, org_id: request_get(scope=scope, organization_id=org_id, request_id=request_id),
                  lambda row, day, actor: request_send(request=row, sent_on=day, document_no=document, actor=actor))
    console.print(f"[green]ส่งคำขอปี {row.year_name} ({row.agreement.name}) {format_baht(row.amount)} "
                  f"เมื่อ {format_be(row.sent_on)} หนังสือเลขที่ {row.sent_document_no}[/green]\n"
                  f"Request {row.year_name} sent on {row.sent_on.isoformat()}, letter {row.sent_document_no}")


@funding_app.command("reverse")
def reverse(
    org: str = ORG,
    receipt_id: int = typer.Option(..., "--receipt", help="id of the money received / รหัสรายการรับเงิน"),
    why: str = typer.Option(..., "--why", help="why it was wrong / เหตุผล"),
    on: str = typer.Option(None, "--on", help="date of the reversal, YYYY-MM-DD (default today) / วันที่"),
    as_user: str = AS_USER,
) -> None:
    """Reverse money received recorded by mistake (a reversing entry; nothing deleted).
    / กลับรายการรับเงินที่บันทึกผิด"""
    _setup()
    from kongthun.welfare.funding.actions import funds_receipt_reverse
    from kongthun.welfare.funding.selectors import received_get

    row = _on_row(org, as_user, on,
                  lambda scope, org_id: received_get(scope=scope, organization_id=org_id, received_id=receipt_id),
                  lambda row, day, actor: funds_receipt_reverse(receipt=row, on=day, why=why, actor=actor))
    console.print(f"[green]กลับรายการรับเงิน {format_baht(row.amount)} (JV{row.entry.number:06d}) ด้วย "
                  f"JV{row.reversal_entry.number:06d}[/green]\nMoney received reversed by entry "
                  f"JV{row.reversal_entry.number:06d}: {row.reversed_why}")
