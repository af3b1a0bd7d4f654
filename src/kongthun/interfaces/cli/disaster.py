"""`kongthun disaster ...`: a fund's disaster events (ภัยพิบัติ), the households hit, the batch of claims
(submit, approve, pay) and relief between funds of a network.

Register with: `from kongthun.interfaces.cli.disaster import disaster_app`
               `app.add_typer(disaster_app, name="disaster")`
"""

from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from kongthun.errors import DomainError
from kongthun.interfaces.cli.acting import org_and_actor
from kongthun.interfaces.cli.common import fail
from kongthun.interfaces.cli.report import parse_day
from kongthun.money import format_baht

disaster_app = typer.Typer(help="Disasters: events, households hit, batch claims, relief between funds. "
                           "/ ภัยพิบัติ: เหตุการณ์ ครัวเรือนที่ประสบภัย คำขอทั้งชุด ความช่วยเหลือระหว่างกองทุน",
                           no_args_is_help=True, add_completion=False)
console = Console()
ORG = typer.Option(..., "--org", help="welfare fund code / รหัสกองทุน")
AS_USER = typer.Option(None, "--as", help="who acts (their roles decide); default: the system / ผู้ทำรายการ")
EVENT = typer.Option(..., "--event", help="the event's number in the fund (see `list`) / เลขที่เหตุการณ์")
ON = typer.Option(None, "--on", help="business date, BE or CE YYYY-MM-DD (default today) / วันที่ทำรายการ")


def _setup() -> None:
    from kongthun.interfaces.cli.main import _django

    _django()


def _day(text: str | None, where: str = "--on"):
    """A date typed BE or CE (YYYY-MM-DD); none: today in Bangkok."""
    from django.utils import timezone

    return parse_day(text, where) if text else timezone.localdate()


def _event(org, number: int):
    from kongthun.welfare.disasters.models import DisasterEvent

    event = DisasterEvent.objects.filter(organization=org, number=number).select_related("organization").first()
    if event is None:
        raise DomainError("not_found.disaster", f"กองทุน {org.code} ไม่มีเหตุการณ์เลขที่ {number}",
                          f"Fund {org.code} has no event no. {number}", "--event")
    return event


def _claims_table(title: str, claims) -> Table:
    table = Table(title=title)
    for label in ("คำขอ / claim", "สมาชิก / member", "สถานะ / status", "จำนวนเงิน / amount"):
        table.add_column(label, justify="right" if label.startswith("จำนวน") else "left")
    for c in claims:
        th, en = c.status_label
        table.add_row(str(c.number), c.membership.member_no, f"{th} / {en}", format_baht(c.amount, unit=""))
    table.add_row("", "", "รวม / total", format_baht(sum(c.amount for c in claims), unit=""), style="bold")
    return table


def _batch_step(org: str, event: int, as_user: str | None, title: str, step) -> None:
    """One step of an event's batch (submit, approve, pay): `step(event, actor)` returns the claims shown,
    or the refusal is printed and the command exits."""
    try:
        organization, actor = org_and_actor(org, as_user)
        e = _event(organization, event)
        claims = step(e, actor)
    except DomainError as exc:
        fail(exc)
    console.print(_claims_table(f"{title}: {e.name}", claims))


@disaster_app.command("register")
def register(
    org: str = ORG,
    kind: str = typer.Option(..., "--kind", help="flood, fire, storm, drought, other / ประเภทภัย"),
    name: str = typer.Option(..., "--name", help="e.g. 'น้ำท่วมบ้านดอนแดง ก.ย. 2568' / ชื่อเหตุการณ์"),
    start: str = typer.Option(..., "--start", help="first day, BE or CE YYYY-MM-DD / วันเริ่มเกิดเหตุ"),
    end: str = typer.Option(None, "--end", help="last day, BE or CE YYYY-MM-DD / วันสิ้นสุด"),
    area: list[str] = typer.Option(..., "--area", help="'350201' (a tambon) or '350201:หมู่ 5 บ้านดอนแดง' "
                                   "(a village); repeat for more / พื้นที่ประสบภัย"),
    why: str = typer.Option("", "--why", help="why the area goes outside the fund's tambon / เหตุผล"),
    as_user: str = AS_USER,
) -> None:
    """Register a disaster event and its area. / บันทึกเหตุภัยพิบัติและพื้นที่"""
    _setup()
    from kongthun.welfare.disasters.actions import disaster_register
    from kongthun.welfare.disasters.domain import parse_area

    try:
        organization, actor = org_and_actor(org, as_user)
        event = disaster_register(
            organization=organization, kind=kind, name=name, started_on=_day(start, "--start"),
            ended_on=_day(end, "--end") if end else None, actor=actor, outside_why=why,
            area=parse_area("\n".join(area), default_tambon=organization.tambon_id))
    except DomainError as exc:
        fail(exc)
    console.print(f"[green]บันทึกเหตุการณ์เลขที่ {event.number} แล้ว / event no. {event.number} registered:[/green] "
                  f"{event.name} ({event.kind_label[0]} / {event.kind_label[1]})")


@disaster_app.command("list")
def list_events(org: str = ORG, as_user: str = AS_USER) -> None:
    """The fund's disaster events with households claiming and amounts paid. / รายการเหตุภัยพิบัติ"""
    _setup()
    from kongthun.clock import format_be
    from kongthun.welfare.disasters.selectors import area_labels, disaster_list

    try:
        organization, actor = org_and_actor(org, as_user)
        events = list(disaster_list(scope=actor.scope, organization_id=organization.pk))
    except DomainError as exc:
        fail(exc)
    table = Table(title=f"เหตุภัยพิบัติ / disasters: {organization.name_th}")
    for label in ("เลขที่ / no.", "ประเภท / kind", "ชื่อ / name", "วันที่ / dates", "พื้นที่ / area",
                  "ครัวเรือน / households", "จ่ายแล้ว / paid"):
        table.add_column(label, justify="right" if label.startswith(("ครัว", "จ่าย")) else "left")
    for e in events:
        dates = format_be(e.started_on) + (f" - {format_be(e.ended_on)}" if e.ended_on else "")
        table.add_row(str(e.number), f"{e.kind_label[0]} / {e.kind_label[1]}", e.name, dates,
                      "; ".join(area_labels(e.area_items)), str(e.n_claims), format_baht(e.paid_total or 0, unit=""))
    console.print(table)


@disaster_app.command("members")
def members(org: str = ORG, event: int = EVENT, as_user: str = AS_USER) -> None:
    """Members living in the event's area, one row per household. / สมาชิกที่อาศัยในพื้นที่ประสบภัย"""
    _setup()
    from kongthun.welfare.disasters.selectors import disaster_members

    try:
        organization, actor = org_and_actor(org, as_user)
        e = _event(organization, event)
        rows = disaster_members(scope=actor.scope, event=e)
    except DomainError as exc:
        fail(exc)
    table = Table(title=f"สมาชิกในพื้นที่ / members in the area: {e.name}",
                  caption=f"{len(rows)} ครัวเรือน / households")
    for label in ("สมาชิก / member", "ชื่อ / name", "เลขประจำตัว / ID", "หมู่บ้าน / village", "บ้านเลขที่ / house",
                  "ในครัวเรือน / in household"):
        table.add_column(label)
    for r in rows:
        table.add_row(r.membership.member_no, r.membership.person.full_name_th, r.masked_id, r.village, r.house_no,
                      str(r.members))
    console.print(table)


def _lines(organization, text: str):
    from kongthun.people.models import Membership
    from kongthun.welfare.claims.actions import DisasterLine
    from kongthun.welfare.disasters.domain import parse_batch_csv

    rows = parse_batch_csv(text)
    ids = dict(Membership.objects.filter(organization=organization, member_no__in=[r.member_no for r in rows])
               .values_list("member_no", "pk"))
    for r in rows:
        if r.member_no not in ids:
            raise DomainError("not_found.membership", f"บรรทัดที่ {r.line}: ไม่พบสมาชิกเลขที่ {r.member_no} ในกองทุน",
                              f"Line {r.line}: no member {r.member_no} in this fund", f"line {r.line}")
    return [DisasterLine(ids[r.member_no], r.claimed, r.damage) for r in rows]


@disaster_app.command("submit")
def submit(
    org: str = ORG,
    event: int = EVENT,
    csv_file: Path = typer.Option(..., "--csv", exists=True, dir_okay=False,
                                  help="member_no,claimed_baht,damage (UTF-8) / ไฟล์ CSV"),
    photos: bool = typer.Option(False, "--photos", help="photos of the damage attached / มีภาพถ่ายความเสียหาย"),
    on: str = ON,
    as_user: str = AS_USER,
) -> None:
    """Submit the claims of the households hit, all or nothing. / ยื่นคำขอภัยพิบัติทั้งชุด"""
    _setup()
    from kongthun.welfare.disasters.actions import disaster_batch_submit

    _batch_step(org, event, as_user, "ยื่นคำขอแล้ว / submitted", lambda e, actor: disaster_batch_submit(
        event=e, lines=_lines(e.organization, csv_file.read_text(encoding="utf-8")), on=_day(on), actor=actor,
        evidence=["ภาพถ่ายความเสียหาย"] if photos else []))


@disaster_app.command("approve")
def approve(
    org: str = ORG,
    event: int = EVENT,
    reason: str = typer.Option("", "--reason", help="the committee's decision / มติหรือเหตุผล"),
    on: str = ON,
    as_user: str = AS_USER,
) -> None:
    """Approve every waiting claim of the event (a committee member who did not submit). / อนุมัติทั้งชุด"""
    _setup()
    from kongthun.welfare.disasters.actions import disaster_claims_approve

    _batch_step(org, event, as_user, "อนุมัติแล้ว / approved",
                lambda e, actor: disaster_claims_approve(event=e, on=_day(on), actor=actor, reason=reason))


@disaster_app.command("pay")
def pay(
    org: str = ORG,
    event: int = EVENT,
    account: str = typer.Option("1101", "--account", help="1101 cash or 1102 bank / จ่ายจากบัญชี"),
    on: str = ON,
    as_user: str = AS_USER,
) -> None:
    """Pay every approved claim of the event, each its own entry; paying again pays nothing twice. / จ่ายทั้งชุด"""
    _setup()
    from kongthun.welfare.disasters.actions import disaster_claims_pay

    _batch_step(org, event, as_user, "จ่ายแล้ว / paid",
                lambda e, actor: disaster_claims_pay(event=e, paid_on=_day(on), actor=actor, cash_account=account))


@disaster_app.command("relief-send")
def relief_send_cmd(
    org: str = typer.Option(..., "--org", help="the SENDING fund's code / รหัสกองทุนผู้ส่ง"),
    to: str = typer.Option(..., "--to", help="the affected fund's code / รหัสกองทุนที่ประสบภัย"),
    event: int = EVENT,
    money: str = typer.Option(None, "--money", help="baht sent / จำนวนเงิน (บาท)"),
    goods: str = typer.Option(None, "--goods", help="what goods, e.g. 'ข้าวสาร' / สิ่งของ"),
    quantity: str = typer.Option("", "--quantity", help="e.g. '20 กระสอบ' / จำนวน"),
    value: str = typer.Option("0", "--value", help="goods' estimated value, baht / มูลค่าโดยประมาณ"),
    account: str = typer.Option("1102", "--account", help="1101 cash or 1102 bank / ส่งจากบัญชี"),
    key: str = typer.Option(..., "--key", help="idempotency key: the same key twice records once / รหัสกันซ้ำ"),
    on: str = ON,
    as_user: str = AS_USER,
) -> None:
    """Record relief this fund sends to a network sibling's disaster (money posted in this fund's books).
    / บันทึกความช่วยเหลือที่ส่งให้กองทุนในเครือข่ายที่ประสบภัย"""
    _setup()
    from kongthun.money import parse_baht
    from kongthun.orgs.models import Organization
    from kongthun.welfare.disasters.actions import relief_send
    from kongthun.welfare.disasters.selectors import network_event_get

    try:
        sender, actor = org_and_actor(org, as_user)
        if (money is None) == (goods is None):
            raise DomainError("invalid.relief_kind", "ระบุ --money หรือ --goods อย่างใดอย่างหนึ่ง",
                              "Give either --money or --goods", "--money")
        affected = Organization.objects.filter(code=to).first()
        if affected is None:
            raise DomainError("not_found.organization", f"ไม่พบองค์กรรหัส {to}", f"No organization with code {to}",
                              "--to")
        e = network_event_get(scope=actor.scope, sender=sender, event_id=_event(affected, event).pk)
        relief = relief_send(
            sender=sender, event=e, kind="money" if money is not None else "goods", sent_on=_day(on), actor=actor,
            idempotency_key=key, amount=parse_baht(money, where="--money") if money is not None else 0,
            description=goods or "", quantity=quantity, estimated_value=parse_baht(value, where="--value"),
            cash_account=account)
    except DomainError as exc:
        fail(exc)
    what = format_baht(relief.amount) if relief.kind == "money" else f"{relief.description} {relief.quantity}"
    entry = f" JV{relief.sent_entry.number:06d}" if relief.sent_entry else ""
    console.print(f"[green]บันทึกความช่วยเหลือเลขที่ {relief.pk} แล้ว / relief no. {relief.pk} recorded:[/green] "
                  f"{what} -> {e.organization.name_th}: {e.name}{entry}")


@disaster_app.command("relief-receive")
def relief_receive_cmd(
    org: str = typer.Option(..., "--org", help="the affected (receiving) fund's code / รหัสกองทุนผู้รับ"),
    relief: int = typer.Option(..., "--relief", help="the relief's number / เลขที่รายการความช่วยเหลือ"),
    account: str = typer.Option("1102", "--account", help="1101 cash or 1102 bank / รับเข้าบัญชี"),
    on: str = ON,
    as_user: str = AS_USER,
) -> None:
    """Confirm relief came (money posted in this fund's books: debit cash, credit 4302).
    / ยืนยันการรับความช่วยเหลือจากกองทุนอื่น"""
    _setup()
    from kongthun.welfare.disasters.actions import relief_receive
    from kongthun.welfare.disasters.selectors import relief_get

    try:
        organization, actor = org_and_actor(org, as_user)
        row = relief_get(scope=actor.scope, organization_id=organization.pk, relief_id=relief)
        row = relief_receive(relief=row, received_on=_day(on), actor=actor, cash_account=account)
    except DomainError as exc:
        fail(exc)
    entry = f" JV{row.received_entry.number:06d}" if row.received_entry else ""
    console.print(f"[green]รับแล้ว / received:[/green] {row.sender.name_th} "
                  f"{format_baht(row.amount) if row.kind == 'money' else row.description}{entry}")
