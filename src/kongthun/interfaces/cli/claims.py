"""`kongthun claims ...`: a welfare fund's claims from the command line (คำขอรับสวัสดิการ).

    kongthun claims list --org CODE [--status submitted]
    kongthun claims show 12 --org CODE [--lang en]
    kongthun claims submit --org CODE --as TREASURER --member 0012 --kind hospital --admitted 2568-03-01
                           --discharged 2568-03-04 --evidence ใบรับรองแพทย์ [--on 2568-03-05]
    kongthun claims approve 12 --org CODE --as COMMITTEE [--on ...] [--reason ...]
    kongthun claims reject 12 --org CODE --as COMMITTEE --reason ... [--on ...]
    kongthun claims pay 12 --org CODE --as TREASURER [--on ...] [--account 1101]
    kongthun claims voucher 12 --org CODE --pdf voucher.pdf

Claims are named by their number in the fund. Dates are BE or CE (YYYY-MM-DD); `--on` (the business date)
defaults to today in Bangkok. Register with `from kongthun.interfaces.cli.claims import claims_app` /
`app.add_typer(claims_app, name="claims")`.
"""

from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from kongthun.errors import DomainError
from kongthun.interfaces.cli.acting import member_of, org_and_actor
from kongthun.interfaces.cli.common import fail
from kongthun.interfaces.cli.report import parse_day
from kongthun.money import format_baht, parse_baht

claims_app = typer.Typer(help="Welfare claims: submit, decide, pay, print the voucher. "
                              "/ คำขอรับสวัสดิการ: ยื่น พิจารณา จ่าย พิมพ์ใบสำคัญจ่าย",
                         no_args_is_help=True, add_completion=False)
console = Console()
ORG = typer.Option(..., "--org", help="welfare fund code / รหัสกองทุน")
AS_USER = typer.Option(None, "--as", help="who acts (their roles decide); default: the system / ผู้ทำรายการ")
ON = typer.Option(None, "--on", help="business date, BE or CE YYYY-MM-DD (default today) / วันที่ทำรายการ")
NUMBER = typer.Argument(..., help="the claim's number in the fund / เลขที่คำขอ")
LANG = typer.Option("th", "--lang", help="th or en / ภาษา")


def _ready() -> None:
    """Django set up before any model is imported (a command imports what it needs after this)."""
    from kongthun.interfaces.cli.main import _django

    _django()


def _setup(org: str, as_user: str | None, on: str | None = None):
    from django.utils import timezone

    _ready()
    organization, actor = org_and_actor(org, as_user)
    return organization, actor, parse_day(on, "--on") if on else timezone.localdate()


def _claim(organization, actor, number: int):
    from kongthun.welfare.claims.selectors import claim_by_number

    return claim_by_number(scope=actor.scope, organization_id=organization.pk, number=number)


def _be(d, lang: str = "th") -> str:
    from kongthun.clock import format_be

    return format_be(d, language=lang) if d else "—"


def _optional_day(text: str | None, where: str):
    return parse_day(text, where) if text else None


def _pairs(values: list[str] | None, where: str) -> dict[str, str]:
    out = {}
    for v in values or []:
        k, sep, value = v.partition("=")
        if not sep or not k.strip():
            raise DomainError("invalid.fact", f"'{v}' ต้องเป็น ชื่อ=ค่า เช่น gpa=3.50", f"'{v}' must be key=value, "
                              "e.g. gpa=3.50", where)
        out[k.strip()] = value.strip()
    return out


@claims_app.command("list")
def list_(
    org: str = ORG,
    status: str = typer.Option(None, "--status", help="submitted, approved, rejected or paid / สถานะ"),
    as_user: str = AS_USER,
    lang: str = LANG,
) -> None:
    """A fund's claims, newest first. / รายการคำขอของกองทุน"""
    _ready()
    from kongthun.errors import choice
    from kongthun.welfare.claims.domain import ClaimStatus
    from kongthun.welfare.claims.selectors import claim_list

    en = lang.startswith("en")
    try:
        organization, actor, _ = _setup(org, as_user)
        wanted = choice(ClaimStatus, status, where="--status").value if status else None
        rows = list(claim_list(scope=actor.scope, organization_id=organization.pk, status=wanted)
                    .order_by("-number")[:500])
    except DomainError as exc:
        fail(exc)
    table = Table(title=f"คำขอรับสวัสดิการ / claims: {organization.name_th} ({organization.code})")
    for label, justify in (("เลขที่ / no.", "right"), ("สมาชิก / member", "left"), ("ประเภท / kind", "left"),
                           ("วันเกิดเหตุ / event", "left"), ("ยื่น / submitted", "left"), ("สถานะ / status", "left"),
                           ("จำนวนเงิน / amount", "right")):
        table.add_column(label, justify=justify)
    for c in rows:
        table.add_row(str(c.number), f"{c.membership.member_no} {c.membership.person.full_name_th}", c.kind,
                      _be(c.event_date, lang), _be(c.submitted_on, lang), c.status_label[1 if en else 0],
                      format_baht(c.amount, unit=""))
    console.print(table)


@claims_app.command("show")
def show(number: int = NUMBER, org: str = ORG, as_user: str = AS_USER, lang: str = LANG) -> None:
    """One claim with how its entitlement was worked out, line by line. / คำขอพร้อมคำอธิบายการคำนวณ"""
    _ready()
    from kongthun.welfare.claims.printing import benefit_labels

    en = lang.startswith("en")
    try:
        organization, actor, _ = _setup(org, as_user)
        c = _claim(organization, actor, number)
        label = benefit_labels(scope=actor.scope, organization_id=organization.pk).get(c.kind, (c.kind, c.kind))
    except DomainError as exc:
        fail(exc)
    def who(user) -> str:
        return user.get_username() if user else "—"

    facts = [
        ("Claim no." if en else "คำขอเลขที่", f"{c.number} · {label[1 if en else 0]} ({c.kind})"),
        ("Member" if en else "สมาชิก", f"{c.membership.member_no} {c.membership.person.full_name_th}"),
        ("Event date" if en else "วันที่เกิดเหตุ", _be(c.event_date, lang)),
        ("Status" if en else "สถานะ", c.status_label[1 if en else 0]),
        ("Entitlement" if en else "ได้รับ", format_baht(c.amount, unit="baht" if en else "บาท")),
        ("Decided by clause" if en else "ตามระเบียบ", c.decided_clause or "—"),
        ("Submitted" if en else "ยื่นโดย", f"{who(c.submitted_by)} · {_be(c.submitted_on, lang)}"),
    ]
    if c.admitted_on:
        facts.append(("Hospital stay" if en else "นอนโรงพยาบาล", f"{_be(c.admitted_on, lang)} – "
                      f"{_be(c.discharged_on, lang)} ({c.nights})"))
    if c.decided_on:
        facts.append(("Decided" if en else "พิจารณาโดย", f"{who(c.decided_by)} · {_be(c.decided_on, lang)}"
                      + (f" · {c.decision_reason}" if c.decision_reason else "")))
    if c.paid_on:
        facts.append(("Paid" if en else "จ่ายเมื่อ", f"{_be(c.paid_on, lang)} · JV {c.paid_entry.number}"))
    for k, v in facts:
        console.print(f"[bold]{k}:[/bold] {v}")
    console.print(f"[bold]{'How the entitlement was worked out' if en else 'การคำนวณสิทธิ์'}:[/bold]")
    for i, line in enumerate(c.explanation, start=1):
        console.print(f"  {i}. {line.get('en' if en else 'th', '')}")
    for p in c.payees:
        console.print(f"  → {p['name']} ({p['share_percent']}%): {format_baht(p['amount'])}")


@claims_app.command("submit")
def submit(
    org: str = ORG,
    as_user: str = AS_USER,
    member: str = typer.Option(..., "--member", help="member number / เลขสมาชิก"),
    kind: str = typer.Option(..., "--kind", help="benefit kind of the regulation, e.g. hospital / ประเภทสวัสดิการ"),
    event_date: str = typer.Option(None, "--event-date", help="the event's date (a stay: admission) / วันเกิดเหตุ"),
    admitted: str = typer.Option(None, "--admitted", help="hospital admission date / วันเข้าโรงพยาบาล"),
    discharged: str = typer.Option(None, "--discharged", help="hospital discharge date / วันออกโรงพยาบาล"),
    nights: int = typer.Option(None, "--nights", help="nights in hospital / จำนวนคืน"),
    fact: list[str] = typer.Option(None, "--fact", help="key=value, e.g. gpa=3.50 (repeatable) / ข้อมูลประกอบ"),
    evidence: list[str] = typer.Option(None, "--evidence", help="a document supplied (repeatable) / เอกสาร"),
    recipient: str = typer.Option("member", "--recipient", help="member, beneficiary or household / ผู้รับเงิน"),
    claimed: str = typer.Option(None, "--claimed", help="amount asked for, baht / จำนวนเงินที่ขอ"),
    on: str = ON,
    lang: str = LANG,
) -> None:
    """Submit a claim; the regulation decides what it grants. / ยื่นคำขอรับสวัสดิการ"""
    _ready()
    from kongthun.welfare.claims.actions import claim_submit

    try:
        organization, actor, when = _setup(org, as_user, on)
        m = member_of(organization, actor, member, in_th=" ในกองทุนนี้", in_en=" in this fund")
        admitted_on = _optional_day(admitted, "--admitted")
        event = _optional_day(event_date, "--event-date") or admitted_on
        if event is None:
            raise DomainError("invalid.event_date", "กรุณาระบุวันที่เกิดเหตุ (--event-date)",
                              "Give the event date (--event-date)", "--event-date")
        c = claim_submit(organization=organization, membership=m, kind=kind, event_date=event, on=when, actor=actor,
                         recipient=recipient, admitted_on=admitted_on,
                         discharged_on=_optional_day(discharged, "--discharged"), nights=nights,
                         facts=_pairs(fact, "--fact"), evidence=evidence or (),
                         claimed=parse_baht(claimed, where="--claimed") if claimed else None)
    except DomainError as exc:
        _explain_refusal(exc, lang)
        fail(exc)
    console.print(f"[green]ยื่นคำขอเลขที่ {c.number} แล้ว ({format_baht(c.amount)}) รอกรรมการพิจารณา / claim no. "
                  f"{c.number} submitted ({format_baht(c.amount, unit='baht')}), waiting for a committee "
                  "member[/green]")
    for line in c.explanation:
        console.print(f"  · {line['en' if lang.startswith('en') else 'th']}")


def _explain_refusal(exc: DomainError, lang: str) -> None:
    """A claim the regulation refuses comes with its explanation: print it before the reason."""
    lines = exc.details.get("explanation", []) if isinstance(exc.details, dict) else []
    for line in lines:
        console.print(f"  · {line['en' if lang.startswith('en') else 'th']}")


def _decide(number: int, org: str, as_user: str | None, on: str | None, reason: str, approve: bool) -> None:
    from kongthun.welfare.claims.actions import claim_approve, claim_reject

    try:
        organization, actor, when = _setup(org, as_user, on)
        c = _claim(organization, actor, number)
        do = claim_approve if approve else claim_reject
        c = do(claim=c, on=when, actor=actor, reason=reason)
    except DomainError as exc:
        fail(exc)
    th, en = c.status_label
    console.print(f"[green]คำขอเลขที่ {c.number}: {th} ({_be(c.decided_on)}) / claim no. {c.number}: "
                  f"{en.lower()}[/green]")


@claims_app.command("approve")
def approve(number: int = NUMBER, org: str = ORG, as_user: str = AS_USER, on: str = ON,
            reason: str = typer.Option("", "--reason", help="note / หมายเหตุ")) -> None:
    """Approve a claim: a committee member other than the one who submitted it. / อนุมัติคำขอ"""
    _ready()
    _decide(number, org, as_user, on, reason, approve=True)


@claims_app.command("reject")
def reject(number: int = NUMBER, org: str = ORG, as_user: str = AS_USER, on: str = ON,
           reason: str = typer.Option(..., "--reason", help="why it is rejected / เหตุผลที่ไม่อนุมัติ")) -> None:
    """Reject a claim, with the reason. / ไม่อนุมัติคำขอ"""
    _ready()
    _decide(number, org, as_user, on, reason, approve=False)


@claims_app.command("pay")
def pay(number: int = NUMBER, org: str = ORG, as_user: str = AS_USER, on: str = ON,
        account: str = typer.Option("1101", "--account", help="pay from cash 1101 or the bank 1102 / บัญชีที่จ่าย"),
        ) -> None:
    """Pay an approved claim once: one balanced entry. / จ่ายสวัสดิการ"""
    _ready()
    from kongthun.welfare.claims.actions import claim_pay
    from kongthun.welfare.claims.domain import ClaimStatus

    try:
        organization, actor, when = _setup(org, as_user, on)
        c = _claim(organization, actor, number)
        already = c.status == ClaimStatus.PAID
        c = claim_pay(claim=c, paid_on=when, actor=actor, cash_account=account)
    except DomainError as exc:
        fail(exc)
    if already:
        console.print(f"[yellow]คำขอเลขที่ {c.number} จ่ายไปแล้วเมื่อ {_be(c.paid_on)} ไม่ได้จ่ายซ้ำ / claim no. "
                      f"{c.number} was already paid: nothing more was paid[/yellow]")
        return
    console.print(f"[green]จ่ายคำขอเลขที่ {c.number} แล้ว {format_baht(c.amount)} ({_be(c.paid_on)}) / claim no. "
                  f"{c.number} paid[/green] · JV {c.paid_entry.number}")


@claims_app.command("voucher")
def voucher(number: int = NUMBER, org: str = ORG, as_user: str = AS_USER,
            pdf: Path = typer.Option(..., "--pdf", "--out", help="write the voucher here / ไฟล์ใบสำคัญจ่าย"),
            ) -> None:
    """Write the payment voucher (PDF) of a paid claim. / พิมพ์ใบสำคัญจ่าย"""
    _ready()
    from kongthun.welfare.claims.printing import voucher_pdf

    try:
        organization, actor, _ = _setup(org, as_user)
        document = voucher_pdf(scope=actor.scope, claim=_claim(organization, actor, number))
    except DomainError as exc:
        fail(exc)
    pdf.write_bytes(document)
    console.print(f"[green]{pdf}[/green]")
