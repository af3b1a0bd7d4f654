"""`kongthun debts ...`: a member's household debt survey and a plan to move informal debt into a group loan.

Register with: `from kongthun.interfaces.cli.debts import debts_app`
               `app.add_typer(debts_app, name="debts")`
"""

from __future__ import annotations

import typer
from rich.console import Console
from rich.table import Table

from kongthun.errors import DomainError
from kongthun.interfaces.cli.common import fail
from kongthun.money import format_baht

debts_app = typer.Typer(help="Debt relief: household debt surveys and refinancing plans. / แก้ปัญหาหนี้สินสมาชิก",
                        no_args_is_help=True, add_completion=False)
console = Console()
ORG = typer.Option(..., "--org", help="savings group code / รหัสกลุ่ม")
AS_USER = typer.Option(None, "--as", help="who acts (their roles decide); default: the system / ผู้ทำรายการ")


def _setup():
    from kongthun.interfaces.cli.main import _django

    _django()
    from kongthun.interfaces.cli.acting import org_and_actor

    return org_and_actor


def _debt(text: str):
    """'kind:creditor:balance:rate:payment', e.g. 'informal:นายทุน:30000:120:3000'."""
    from decimal import Decimal, InvalidOperation

    from kongthun.errors import choice
    from kongthun.money import parse_baht
    from kongthun.savings.domain.debt import CreditorKind, Debt

    parts = text.split(":")
    if len(parts) != 5:
        raise DomainError("invalid.debt", f"'{text}' ต้องเขียนเป็น ประเภท:เจ้าหนี้:ยอดหนี้:ดอกเบี้ยต่อปี:ผ่อนต่อเดือน",
                          f"'{text}' must read kind:creditor:balance:rate:payment", "--debt")
    kind, creditor, balance, rate, payment = parts
    try:
        annual = Decimal(rate or "0")
    except InvalidOperation:
        raise DomainError("invalid.rate", f"อัตรา '{rate}' ไม่ถูกต้อง", f"'{rate}' is not a rate", "--debt") from None
    return Debt(choice(CreditorKind, kind, where="--debt"), parse_baht(balance, where="--debt"), annual,
                parse_baht(payment or "0", where="--debt"), creditor)


@debts_app.command("survey")
def survey(org: str = ORG, member: str = typer.Option(..., "--member", help="member no. / เลขที่สมาชิก"),
           on: str = typer.Option(..., "--on", help="YYYY-MM-DD"),
           debt: list[str] = typer.Option(..., "--debt", help="kind:creditor:balance:rate:payment (repeat)"),
           income: str = typer.Option(None, "--income", help="household income a month, baht / รายได้ต่อเดือน"),
           key: str = typer.Option(None, "--key", help="idempotency key; default from member and date"),
           as_user: str = AS_USER) -> None:
    """Record a member household's debts and show the burden. / บันทึกแบบสำรวจหนี้สินครัวเรือน"""
    org_and_actor = _setup()
    from kongthun.clock import parse_iso_date
    from kongthun.money import parse_baht
    from kongthun.people.models import Membership
    from kongthun.savings.debts.actions import debt_survey_record
    from kongthun.savings.debts.selectors import burden_of

    try:
        organization, actor = org_and_actor(org, as_user)
        m = Membership.objects.filter(organization=organization, member_no=member).first()
        if m is None:
            raise DomainError("not_found.member_no", f"ไม่พบสมาชิกเลขที่ {member}", f"No member {member}", "--member")
        day = parse_iso_date(on, where="--on")
        s = debt_survey_record(membership=m, surveyed_on=day, debts=[_debt(d) for d in debt], actor=actor,
                               monthly_income=parse_baht(income, where="--income") if income else None,
                               idempotency_key=key or f"cli-debts:{m.pk}:{day.isoformat()}")
        b = burden_of(s)
    except DomainError as exc:
        fail(exc)
    ratio = f", {b.payment_to_income}% ของรายได้ / of income" if b.payment_to_income is not None else ""
    console.print(f"แบบสำรวจ #{s.pk}: หนี้รวม {format_baht(b.total)} (นอกระบบ {format_baht(b.informal)}), "
                  f"ผ่อนเดือนละ {format_baht(b.monthly_payments)}{ratio}")


@debts_app.command("plan")
def plan(org: str = ORG, survey: int = typer.Option(..., "--survey", help="survey number / เลขที่แบบสำรวจ"),
         product: str = typer.Option(None, "--product", help="loan product code: also applies for the loan"),
         rate: str = typer.Option("12", "--rate", help="group rate, % a year (without a product)"),
         months: int = typer.Option(24, "--months"), on: str = typer.Option(None, "--on", help="YYYY-MM-DD"),
         as_user: str = AS_USER) -> None:
    """Plan to move the informal debts into a group loan; show the interest saved. / ทำแผนรวมหนี้นอกระบบ"""
    org_and_actor = _setup()
    from decimal import Decimal

    from django.utils import timezone

    from kongthun.clock import parse_iso_date
    from kongthun.savings.debts.actions import refinance_plan_make
    from kongthun.savings.debts.selectors import survey_get

    try:
        organization, actor = org_and_actor(org, as_user)
        s = survey_get(scope=actor.scope, organization_id=organization.pk, survey_id=survey)
        loan_product = None
        if product:
            from kongthun.savings.loans.models import LoanProduct

            loan_product = LoanProduct.objects.filter(organization=organization, code=product).first()
            if loan_product is None:
                raise DomainError("not_found.loan_product", f"ไม่พบประเภทเงินกู้ {product}",
                                  f"No loan product {product}", "--product")
        p = refinance_plan_make(survey=s, made_on=parse_iso_date(on, where="--on") if on else timezone.localdate(),
                                actor=actor, annual_rate=Decimal(rate), months=months, product=loan_product)
    except DomainError as exc:
        fail(exc)
    table = Table(title=f"แผนรวมหนี้ / refinancing plan #{p.pk}")
    table.add_column("รายการ / item")
    table.add_column("บาท / baht", justify="right")
    for label, value in (("ยอดเงินกู้กลุ่ม / group loan", p.amount),
                         ("ดอกเบี้ยเดิม / interest at the lenders' rates", p.interest_old),
                         ("ดอกเบี้ยเงินกู้กลุ่ม / interest on the group loan", p.interest_new),
                         ("ประหยัดดอกเบี้ย / interest saved", p.interest_saved),
                         ("ผ่อนเดิมต่อเดือน / payment a month before", p.monthly_payment_old),
                         ("ผ่อนใหม่ต่อเดือน / payment a month after", p.monthly_payment_new)):
        table.add_row(label, format_baht(value, unit=""))
    console.print(table)
    if p.loan_number:
        console.print(f"ยื่นคำขอกู้แล้ว / loan applied for: {p.loan_number}")
