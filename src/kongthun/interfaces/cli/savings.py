"""`kongthun savings ...`: a savings group's savings and shares from the command line (เงินฝากสัจจะและหุ้น).

    kongthun savings policy --org CODE [--on D]                       (the policy in force)
    kongthun savings policy --org CODE --as USER --from D [--share-price 100 --promise 200 --fine 10
                            --withdrawal up_to_percent --percent 50 --min-balance 100 --rate 3 ...]
    kongthun savings opening SHEET.csv --org CODE --as USER [--on D] [--from-account 1102]   (member_no,
                            savings_baht, shares_baht: balances brought forward)
    kongthun savings collect SHEET.csv --org CODE --as USER [--on D] [--month 2568-02] [--idempotency-key K]
    kongthun savings withdraw --member 0012 --amount 500 --org CODE --as USER [--on D] [--why ...]
    kongthun savings buy-shares --member 0012 --amount 300 --org CODE --as USER [--on D]
    kongthun savings leave --member 0012 --why "..." --org CODE --as USER [--on D]
    kongthun savings passbook --member 0012 --org CODE
    kongthun savings interest --year 2568 --org CODE --as USER [--on D]

The sheet has the columns member_no, sajja_baht and optionally shares_baht and pay_fines (yes/no). Dates
are BE or CE (YYYY-MM-DD); the default is today in Bangkok. Every bad row is listed with its row and
column and nothing is written.
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
from kongthun.money import format_baht, parse_baht

savings_app = typer.Typer(help="Savings and shares: policy, monthly collection, withdrawals, leaving, interest. "
                               "/ เงินฝากสัจจะและหุ้น", no_args_is_help=True, add_completion=False)
console = Console()
ORG = typer.Option(..., "--org", help="savings group code / รหัสกลุ่ม")
AS_USER = typer.Option(None, "--as", help="who acts (their roles decide); default: the system / ผู้ทำรายการ")
ON = typer.Option(None, "--on", help="business date, BE or CE YYYY-MM-DD (default today) / วันที่ทำรายการ")
MEMBER = typer.Option(..., "--member", help="member number / เลขสมาชิก")
AMOUNT = typer.Option(..., "--amount", help="baht / จำนวนเงิน (บาท)")
LONG_SHEET = 50


def _setup(org: str, as_user: str | None, on: str | None):
    from django.utils import timezone

    from kongthun.interfaces.cli.main import _django

    _django()
    organization, actor = org_and_actor(org, as_user)
    return organization, actor, parse_day(on, "--on") if on else timezone.localdate()


def _member(organization, actor, member_no: str):
    return member_of(organization, actor, member_no, in_th=" ในกลุ่มนี้", in_en=" in this group")


def _key(*parts) -> str:
    return "cli:" + hashlib.sha256("|".join(str(p) for p in parts).encode()).hexdigest()[:40]


def _baht(satang: int) -> str:
    return format_baht(satang, unit="")


# --- policy -----------------------------------------------------------------------------------------------


@savings_app.command("policy")
def policy(
    org: str = ORG, as_user: str = AS_USER, on: str = ON,
    effective_from: str = typer.Option(None, "--from", help="adopt a new version from this date / เริ่มใช้"),
    share_price: str = typer.Option("100", "--share-price", help="baht per share / ราคาหุ้น"),
    min_shares: int = typer.Option(1, "--min-shares"), max_shares: int = typer.Option(0, "--max-shares"),
    promise: str = typer.Option("100", "--promise", help="monthly sajja, baht / เงินสัจจะรายเดือน"),
    fine: str = typer.Option("0", "--fine", help="fine per missed month, baht / ค่าปรับขาดส่ง"),
    withdrawal: str = typer.Option("on_leaving_only", "--withdrawal",
                                   help="on_leaving_only | up_to_percent | free / การถอน"),
    percent: int = typer.Option(0, "--percent", help="for up_to_percent / ร้อยละที่ถอนได้"),
    min_balance: str = typer.Option("0", "--min-balance", help="baht / ยอดคงเหลือขั้นต่ำ"),
    rate: str = typer.Option("0", "--rate", help="interest on savings, % a year / ดอกเบี้ยเงินฝาก"),
    basis: str = typer.Option("min_monthly_balance", "--basis", help="min_monthly_balance | month_end_balance"),
    why: str = typer.Option("", "--why"),
) -> None:
    """Show the policy in force, or adopt a new version with --from. / ระเบียบเงินฝากสัจจะและหุ้น"""
    from kongthun.savings.accounts import selectors
    from kongthun.savings.accounts.actions import policy_set

    try:
        organization, actor, when = _setup(org, as_user, on)
        if effective_from:
            policy_set(organization=organization, actor=actor, effective_from=parse_day(effective_from, "--from"),
                       share_price=parse_baht(share_price, where="--share-price"), min_shares=min_shares,
                       max_shares=max_shares, monthly_promise=parse_baht(promise, where="--promise"),
                       missed_month_fine=parse_baht(fine, where="--fine"), withdrawal_rule=withdrawal,
                       withdrawal_percent=percent, min_balance=parse_baht(min_balance, where="--min-balance"),
                       interest_rate=rate, interest_basis=basis, why=why)
            when = parse_day(effective_from, "--from")
        p = selectors.group_policy(organization.pk, when)
    except DomainError as exc:
        fail(exc)
    table = Table(title=f"ระเบียบเงินฝาก / savings policy: {organization.name_th} ({organization.code})")
    table.add_column("")
    table.add_column("")
    for label, value in (("เริ่มใช้ / from", str(p.effective_from)), ("ราคาหุ้น / share price", _baht(p.share_price)),
                         ("หุ้นต่อคน / shares", f"{p.min_shares}-{p.max_shares or '∞'}"),
                         ("สัจจะรายเดือน / promise", _baht(p.monthly_promise)),
                         ("ค่าปรับขาดส่ง / fine", _baht(p.missed_month_fine)),
                         ("การถอน / withdrawals", f"{p.withdrawal_rule.value} {p.withdrawal_percent or ''}".strip()),
                         ("ยอดขั้นต่ำ / minimum", _baht(p.min_balance)),
                         ("ดอกเบี้ย / interest", f"{p.interest_rate:.2f}% ({p.interest_basis.value})")):
        table.add_row(label, value)
    console.print(table)


# --- collection -------------------------------------------------------------------------------------------


def _lines(organization, actor, rows):
    from kongthun.savings.accounts.collection import CollectionLine
    from kongthun.savings.domain.savings_sheet import SheetProblem

    return members_of_sheet(
        organization, actor, rows, lambda r, m: CollectionLine(m.pk, r.sajja, r.shares, r.pay_fines),
        lambda r: SheetProblem(r.row, "member_no", f"ไม่พบสมาชิกเลขที่ {r.member_no} ในกลุ่มนี้",
                               f"No member {r.member_no} in this group"))


@savings_app.command("collect")
def collect(
    sheet: Path = typer.Argument(..., help="CSV: member_no, sajja_baht[, shares_baht, pay_fines] / ไฟล์รายการ"),
    org: str = ORG, as_user: str = AS_USER, on: str = ON,
    month: str = typer.Option(None, "--month", help="the month the savings are for, YYYY-MM (default: --on's)"),
    key: str = typer.Option(None, "--idempotency-key", help="the same key records once / รหัสป้องกันการบันทึกซ้ำ"),
) -> None:
    """Record a monthly collection from a sheet. / บันทึกการเก็บเงินสัจจะประจำเดือน"""
    from kongthun.savings.accounts.collection import savings_collection_record
    from kongthun.savings.accounts.models import SavingsVoucher
    from kongthun.savings.domain.savings_sheet import read_savings_csv

    try:
        organization, actor, when = _setup(org, as_user, on)
        for_month = parse_day(f"{month}-01", "--month") if month else when.replace(day=1)
        raw = sheet.read_bytes()
        rows, problems = read_savings_csv(raw.decode("utf-8-sig", errors="replace"))
        lines, unknown = _lines(organization, actor, rows) if rows else ([], [])
    except DomainError as exc:
        fail(exc)
    if problems or unknown:
        sheet_problems(problems + unknown)
    key = key or _key(organization.code, when, for_month, hashlib.sha256(raw).hexdigest())
    again = SavingsVoucher.objects.filter(organization=organization, idempotency_key=key).exists()
    try:
        v = savings_collection_record(organization=organization, collected_on=when, month=for_month, lines=lines,
                                      actor=actor, idempotency_key=key)
    except DomainError as exc:
        fail(told_by_row(exc, rows, "lines"))
    _print_voucher(v, f"เก็บเงินสัจจะ {for_month:%Y-%m} / collection")
    if again:
        console.print("[yellow]บันทึกไว้แล้ว ไม่ได้บันทึกซ้ำ / already recorded: nothing new was written[/yellow]")


def _print_voucher(v, title: str) -> None:
    table = Table(title=f"{title} · JV{v.entry.number:06d} · {v.on}")
    for label, justify in (("บัญชี / account", "left"), ("รายการ / memo", "left"), ("เดบิต / debit", "right"),
                           ("เครดิต / credit", "right")):
        table.add_column(label, justify=justify)
    for line in v.entry.lines.select_related("account").order_by("id"):
        table.add_row(line.account.code, line.memo, _baht(line.debit) if line.debit else "",
                      _baht(line.credit) if line.credit else "")
    console.print(table)


# --- one member -------------------------------------------------------------------------------------------


@savings_app.command("withdraw")
def withdraw(member: str = MEMBER, amount: str = AMOUNT, org: str = ORG, as_user: str = AS_USER, on: str = ON,
             why: str = typer.Option("", "--why"),
             key: str = typer.Option(None, "--idempotency-key")) -> None:
    """Pay out savings by the group's withdrawal rule (refused with the reason beyond it). / ถอนเงินฝากสัจจะ"""
    from kongthun.savings.accounts.actions import savings_withdraw

    try:
        organization, actor, when = _setup(org, as_user, on)
        m = _member(organization, actor, member)
        satang = parse_baht(amount, where="--amount")
        v = savings_withdraw(membership=m, amount=satang, on=when, actor=actor, why=why,
                             idempotency_key=key or _key("withdraw", organization.code, member, when, satang, why))
    except DomainError as exc:
        fail(exc)
    _print_voucher(v, f"ถอนเงินฝาก {member} / withdrawal")


@savings_app.command("buy-shares")
def buy_shares(member: str = MEMBER, amount: str = AMOUNT, org: str = ORG, as_user: str = AS_USER, on: str = ON,
               key: str = typer.Option(None, "--idempotency-key")) -> None:
    """A member buys whole shares at the policy's price. / ซื้อหุ้น"""
    from kongthun.savings.accounts.actions import shares_buy

    try:
        organization, actor, when = _setup(org, as_user, on)
        m = _member(organization, actor, member)
        satang = parse_baht(amount, where="--amount")
        v = shares_buy(membership=m, amount=satang, on=when, actor=actor,
                       idempotency_key=key or _key("shares", organization.code, member, when, satang))
    except DomainError as exc:
        fail(exc)
    _print_voucher(v, f"ซื้อหุ้น {member} / shares")


@savings_app.command("leave")
def leave(member: str = MEMBER, why: str = typer.Option(..., "--why", help="reason for leaving / เหตุผล"),
          org: str = ORG, as_user: str = AS_USER, on: str = ON,
          key: str = typer.Option(None, "--idempotency-key")) -> None:
    """A member leaves: savings and shares paid back, fines owed kept, membership ended. / ลาออกและรับเงินคืน"""
    from kongthun.savings.accounts.leaving import member_leave_refund

    try:
        organization, actor, when = _setup(org, as_user, on)
        m = _member(organization, actor, member)
        out = member_leave_refund(membership=m, on=when, actor=actor, why=why,
                                  idempotency_key=key or _key("leave", organization.code, member, when, why))
    except DomainError as exc:
        fail(exc)
    r = out.refund
    console.print(f"เงินฝาก / savings {_baht(r.savings)} + หุ้น / shares {_baht(r.shares)} - ค่าปรับ / fines "
                  f"{_baht(r.fines)} = จ่ายคืน / paid back [bold]{format_baht(r.total)}[/bold]")
    if out.voucher is not None:
        _print_voucher(out.voucher, f"คืนเงินสมาชิกลาออก {member} / refund")


@savings_app.command("passbook")
def passbook(member: str = MEMBER, org: str = ORG, as_user: str = AS_USER) -> None:
    """A member's savings movements with the running balance, and shares held. / สมุดเงินฝากสัจจะ"""
    from datetime import date

    from kongthun.clock import format_be
    from kongthun.savings.accounts import selectors

    try:
        organization, actor, _ = _setup(org, as_user, None)
        m = _member(organization, actor, member)
        lines = selectors.member_passbook_savings(m.pk, scope=actor.scope)
    except DomainError as exc:
        fail(exc)
    table = Table(title=f"สมุดเงินฝากสัจจะ / passbook: {m.member_no} {m.person.full_name_th}")
    for label, justify in (("วันที่ / date", "left"), ("รายการ / item", "left"), ("ฝาก / in", "right"),
                           ("ถอน / out", "right"), ("คงเหลือ / balance", "right"), ("JV", "left")):
        table.add_column(label, justify=justify)
    for x in lines:
        table.add_row(format_be(x.on), x.label, _baht(x.amount) if x.amount > 0 else "",
                      _baht(-x.amount) if x.amount < 0 else "", _baht(x.balance), f"{x.entry_number:06d}")
    console.print(table)
    console.print(f"หุ้น / shares: {selectors.share_units(m.pk, date.max)} "
                  f"({format_baht(selectors.share_balance(m.pk, date.max))})")


@savings_app.command("interest")
def interest(year: int = typer.Option(..., "--year", help="BE accounting year / ปีบัญชี (พ.ศ.)"), org: str = ORG,
             as_user: str = AS_USER, on: str = typer.Option(None, "--on", help="default: the year's last day"),
             key: str = typer.Option(None, "--idempotency-key")) -> None:
    """Post the year's interest on savings to every saver (debit 5201, credit 2101). / ลงดอกเบี้ยเงินฝาก"""
    from kongthun.savings.accounts.leaving import savings_interest_post

    try:
        organization, actor, _ = _setup(org, as_user, None)
        when = parse_day(on, "--on") if on else organization.accounting_year.end_of_named(year)
        v = savings_interest_post(organization=organization, year_name=year, on=when, actor=actor,
                                  idempotency_key=key or _key("interest", organization.code, year, when))
    except DomainError as exc:
        fail(exc)
    _print_voucher(v, f"ดอกเบี้ยเงินฝากสัจจะปี {year} / savings interest")


@savings_app.command("opening")
def opening(sheet: Path = typer.Argument(..., help="CSV: member_no, savings_baht, shares_baht / ยอดยกมา"),
            org: str = ORG, as_user: str = AS_USER, on: str = ON,
            account: str = typer.Option("1101", "--from-account", help="where the money is held: 1101 cash, 1102 bank"),
            key: str = typer.Option(None, "--idempotency-key")) -> None:
    """Bring members' savings and shares forward when the group starts using kongthun. / ยอดยกมา"""
    from kongthun.people.selectors import membership_list
    from kongthun.savings.accounts.actions import OpeningLine, opening_balances_record
    from kongthun.savings.domain.savings_sheet import SheetProblem, read_opening_csv

    try:
        organization, actor, when = _setup(org, as_user, on)
        raw = sheet.read_bytes()
        rows, problems = read_opening_csv(raw.decode("utf-8-sig", errors="replace"))
        members = {m.member_no: m for m in membership_list(scope=actor.scope, organization_id=organization.pk)
                   .filter(member_no__in=[r.member_no for r in rows])}
    except DomainError as exc:
        fail(exc)
    problems += [SheetProblem(r.row, "member_no", f"ไม่พบสมาชิกเลขที่ {r.member_no} ในกลุ่มนี้",
                              f"No member {r.member_no} in this group") for r in rows if r.member_no not in members]
    if problems:
        sheet_problems(problems)
    try:
        v = opening_balances_record(
            organization=organization, on=when, actor=actor, debit_account=account,
            lines=[OpeningLine(members[r.member_no].pk, r.savings, r.shares) for r in rows],
            idempotency_key=key or _key("opening", organization.code, when, hashlib.sha256(raw).hexdigest()))
    except DomainError as exc:
        fail(told_by_row(exc, rows, "lines"))
    _print_voucher(v, "ยอดยกมา / balances brought forward")
