"""The demo savings groups' books through the savings apps (กลุ่มออมทรัพย์สาธิต): the policy and members'
promises, savings and shares brought forward, a collection every month, loan products and loans (most repaid
on time, some late now and then; a late loan that catches up with its fines; a restructured loan; a loan
written off after provisioning), the year-end close, the allocation of each year's profit by the group's rule
with dividends and patronage refunds credited to savings, and a member's debt survey with a refinancing plan.

Deterministic from the caller's random generator; every date is a business date. Written only through actions,
so the demo passes `kongthun check` like real books."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from kongthun.audit.actions import Actor
from kongthun.errors import DomainError
from kongthun.ledger.actions import entry_post, year_close
from kongthun.ledger.domain import credit, debit
from kongthun.ledger.models import Account
from kongthun.money import round_satang
from kongthun.orgs.models import Organization
from kongthun.people.models import Membership
from kongthun.savings.accounts.actions import OpeningLine, opening_balances_record, policy_set, promise_set
from kongthun.savings.accounts.collection import CollectionLine, savings_collection_record
from kongthun.savings.debts.actions import debt_survey_record, refinance_plan_make
from kongthun.savings.domain.debt import CreditorKind, Debt
from kongthun.savings.loans.actions import loan_apply, loan_approve, loan_disburse, loan_product_set, loan_repay
from kongthun.savings.loans.changes import (
    loan_change_approve,
    loan_change_request,
    loan_provision_post,
    loan_restructure,
    loan_write_off,
)
from kongthun.savings.loans.models import Guarantee, Loan, LoanStatus
from kongthun.savings.loans.state import loan_due
from kongthun.savings.yearend.actions import yearend_allocate, yearend_pay_members, yearend_rule_set

BAHT = 100
SHARE = 100 * BAHT
PROFIT_RULE = {"reserve": "20", "dividend": "50", "patronage": "15", "committee": "5", "welfare": "5",
               "education": "3", "public_benefit": "2"}
# Scripted loans: the late one, the restructured one and the one written off (month of disbursement).
LATE_FROM, RESTRUCTURE_FROM, LOST_FROM = date(2025, 3, 1), date(2024, 11, 1), date(2024, 2, 1)


def add_months(d: date, n: int) -> date:
    y, m = divmod(d.month - 1 + n, 12)
    return date(d.year + y, m + 1, 1)


@dataclass
class GroupYear:
    org: Organization
    treasurer: Actor
    committee: Actor
    members: list[Membership]
    rng: random.Random
    products: dict = field(default_factory=dict)
    loans: dict[int, str] = field(default_factory=dict)  # loan pk -> habit: good, sloppy, late, stops, lost
    promises: dict[int, int] = field(default_factory=dict)
    moves: int = 0

    def joined(self, on: date) -> list[Membership]:
        return [m for m in self.members if m.joined_on <= on]

    def balance(self, code: str) -> int:
        return Account.objects.get(organization=self.org, code=code).balance

    def move(self, on: date, memo: str, frm: str, to: str, amount: int, key: str) -> None:
        if amount > 0:
            entry_post(organization=self.org, date=on, lines=[debit(to, amount), credit(frm, amount)], memo=memo,
                       actor=self.treasurer, source="demo_bank", idempotency_key=key)

    def cash_for(self, on: date, amount: int) -> None:
        short = amount + 2_000 * BAHT - self.balance("1101")
        if short > 0:
            self.moves += 1
            self.move(on, "ถอนเงินฝากธนาคารเพื่อจ่ายเงิน", "1102", "1101", short, f"cash:{self.org.code}:{self.moves}")


def setup(g: GroupYear, start: date) -> None:
    """The policy, the members' promises, balances brought forward, the loan products and the profit rule."""
    policy_set(organization=g.org, effective_from=start, actor=g.committee, share_price=SHARE,
               monthly_promise=100 * BAHT, missed_month_fine=10 * BAHT, why="ระเบียบกลุ่มที่ประชุมใหญ่รับรอง")
    lines = []
    for m in g.members:
        g.promises[m.pk] = g.rng.choice([100, 100, 200, 200, 300, 500]) * BAHT
        if g.promises[m.pk] != 100 * BAHT:
            promise_set(membership=m, from_month=max(start, m.joined_on), amount=g.promises[m.pk],
                        actor=g.treasurer)
        if m.joined_on > start:
            continue
        lines.append(OpeningLine(m.pk, savings=g.promises[m.pk] * g.rng.randint(20, 90),
                                 shares=g.rng.randint(1, 10) * SHARE))
    opening_balances_record(organization=g.org, on=start, lines=lines, actor=g.treasurer, debit_account="1102",
                            idempotency_key=f"opening:{g.org.code}", memo="ยอดยกมา: เงินฝากสัจจะและทุนเรือนหุ้น")
    common = dict(organization=g.org, actor=g.committee, frequency="monthly", fine_amount=20 * BAHT, grace_days=7)
    g.products = {
        "production": loan_product_set(code="P01", name_th="เงินกู้เพื่อการผลิต", name_en="Production loan",
                                       purpose="production", method="declining", annual_rate=Decimal(12),
                                       max_term_months=24, max_amount=30_000 * BAHT, guarantors_required=1,
                                       guarantor_limit=60_000 * BAHT, **common),
        "emergency": loan_product_set(code="E01", name_th="เงินกู้ฉุกเฉิน", name_en="Emergency loan",
                                      purpose="emergency", method="flat", annual_rate=Decimal(12), max_term_months=12,
                                      max_amount=5_000 * BAHT, **common),
        "refinance": loan_product_set(code="R01", name_th="เงินกู้แก้หนี้นอกระบบ", name_en="Informal-debt refinancing",
                                      purpose="refinance", method="declining", annual_rate=Decimal(6),
                                      max_term_months=36, max_amount=50_000 * BAHT, guarantors_required=1,
                                      guarantor_limit=60_000 * BAHT, **common),
    }
    yearend_rule_set(organization=g.org, percents=PROFIT_RULE, effective_from=start, actor=g.committee,
                     reserve_min_percent="10", max_dividend_rate="6", why="ระเบียบการจัดสรรกำไรสุทธิ")


def collect(g: GroupYear, month: date) -> None:
    """The collection day (the 5th): most members keep their promise; a few buy shares."""
    lines = []
    for m in g.joined(month.replace(day=5)):
        if g.rng.random() < 0.94:
            shares = g.rng.randint(1, 5) * SHARE if g.rng.random() < 0.04 else 0
            lines.append(CollectionLine(m.pk, sajja=g.promises[m.pk], shares=shares))
    savings_collection_record(organization=g.org, collected_on=month.replace(day=5), lines=lines, actor=g.treasurer,
                              idempotency_key=f"collect:{g.org.code}:{month:%Y-%m}")


def lend(g: GroupYear, month: date, member: Membership, amount: int, months: int, habit: str,
         product: str = "production") -> Loan:
    p = g.products[product]
    running = [LoanStatus.ACTIVE, LoanStatus.APPLIED, LoanStatus.APPROVED]
    taken = set(Loan.objects.filter(organization=g.org, status__in=running).values_list("membership_id", flat=True))
    taken |= set(Guarantee.objects.filter(loan__organization=g.org, loan__status__in=running)
                 .values_list("membership_id", flat=True))  # one guarantee at a time: never beyond the limit
    guarantors = [] if not p.guarantors_required else \
        [next(x for x in g.rng.sample(g.joined(month), len(g.joined(month)))
              if x.pk != member.pk and x.pk not in taken).pk]
    loan = loan_apply(organization=g.org, membership=member, product=p, amount=amount, term_months=months,
                      purpose=g.rng.choice(["ปุ๋ยและเมล็ดพันธุ์ข้าว", "เลี้ยงวัว", "ทอผ้าไหม", "ซ่อมรถไถ", "ค่าเทอมลูก"]),
                      guarantor_ids=guarantors, applied_on=month.replace(day=7), actor=g.treasurer,
                      idempotency_key=f"apply:{g.org.code}:{month:%Y-%m}:{member.pk}")
    loan_approve(loan=loan, actor=g.committee, on=month.replace(day=8), reason="มติคณะกรรมการ")
    g.cash_for(month.replace(day=10), amount)
    loan = loan_disburse(loan=loan, on=month.replace(day=10), actor=g.treasurer)
    g.loans[loan.pk] = habit
    return loan


def new_loans(g: GroupYear, month: date) -> None:
    busy = set(Loan.objects.filter(organization=g.org, status__in=[LoanStatus.ACTIVE, LoanStatus.APPLIED])
               .values_list("membership_id", flat=True))
    free = [m for m in g.joined(month) if m.pk not in busy]
    if month == LOST_FROM:
        lend(g, month, free.pop(0), 4_000 * BAHT, 12, "lost")
    if month == RESTRUCTURE_FROM:
        lend(g, month, free.pop(0), 20_000 * BAHT, 12, "stops")
    if month == LATE_FROM:
        lend(g, month, free.pop(0), 15_000 * BAHT, 12, "late")
    for _ in range(g.rng.choice([0, 0, 0, 1, 1])):
        if free:
            member = free.pop(g.rng.randrange(len(free)))
            if g.rng.random() < 0.25:
                lend(g, month, member, g.rng.choice([2, 3, 5]) * 1_000 * BAHT, 6, "good", "emergency")
            else:
                lend(g, month, member, g.rng.choice([5, 10, 15, 20, 30]) * 1_000 * BAHT,
                     g.rng.choice([12, 12, 18, 24]), "sloppy" if g.rng.random() < 0.2 else "good")


def _pays(habit: str, month: date, rng: random.Random) -> bool:
    if habit == "lost":
        return month < add_months(LOST_FROM, 3)
    if habit == "late":  # three instalments, four missed, then all of it with the fines
        return not add_months(LATE_FROM, 4) <= month < add_months(LATE_FROM, 8)
    if habit == "stops":  # until the flood; after the restructuring, on time again
        return not add_months(RESTRUCTURE_FROM, 6) <= month < add_months(RESTRUCTURE_FROM, 10)
    # Before the annual meeting everyone catches up (the committee sees to it); otherwise now and then late.
    return month.month == 12 or rng.random() < (0.8 if habit == "sloppy" else 0.98)


def repayments(g: GroupYear, month: date) -> None:
    """The 10th: borrowers pay what is due (instalments in arrears and fines), as their habit goes."""
    on = month.replace(day=10)
    for loan in Loan.objects.filter(organization=g.org, status=LoanStatus.ACTIVE, disbursed_on__lt=on).order_by("pk"):
        if not _pays(g.loans.get(loan.pk, "good"), month, g.rng):
            continue
        due = loan_due(loan, on)
        amount = 0 if due is None else min(due.fine + due.overdue, due.payoff)
        if amount:
            loan_repay(loan=loan, amount=amount, on=on, actor=g.treasurer,
                       idempotency_key=f"repay:{g.org.code}:{loan.pk}:{on}")


def changes(g: GroupYear, month: date) -> None:
    """The restructuring after the flood, and the write-off of the loan the committee gave up on."""
    stops = [pk for pk, h in g.loans.items() if h == "stops"]
    if stops and month == add_months(RESTRUCTURE_FROM, 9):
        loan = Loan.objects.get(pk=stops[0])
        change = loan_change_request(loan=loan, kind="restructure", on=month.replace(day=12), actor=g.treasurer,
                                     reason="น้ำท่วมนาข้าว ผลผลิตเสียหาย ขอขยายเวลาชำระ",
                                     terms={"term_months": 24, "annual_rate": "9"})
        loan_change_approve(change=change, actor=g.committee, on=month.replace(day=14), reason="มติคณะกรรมการ")
        loan_restructure(change=change, on=month.replace(day=15), actor=g.treasurer)
    lost = [pk for pk, h in g.loans.items() if h == "lost"]
    if lost and month == add_months(LOST_FROM, 20):
        loan = Loan.objects.get(pk=lost[0])
        change = loan_change_request(loan=loan, kind="write_off", on=month.replace(day=12), actor=g.treasurer,
                                     reason="ผู้กู้ย้ายไปทำงานต่างประเทศ ติดตามไม่ได้ ผู้ค้ำไม่มีรายได้")
        loan_change_approve(change=change, actor=g.committee, on=month.replace(day=14), reason="มติคณะกรรมการ")
        loan_write_off(change=change, on=month.replace(day=15), actor=g.treasurer)


def month_end(g: GroupYear, month: date) -> None:
    end = add_months(month, 1).replace(day=1)
    last = date.fromordinal(end.toordinal() - 1)
    amount = g.rng.randint(100, 250) * BAHT
    g.cash_for(last.replace(day=25), amount)
    entry_post(organization=g.org, date=last.replace(day=25), lines=[debit("5901", amount), credit("1101", amount)],
               memo="ค่าใช้จ่ายดำเนินงาน (ค่าเอกสาร ค่าประชุม)", actor=g.treasurer,
               idempotency_key=f"admin:{g.org.code}:{month:%Y-%m}")
    if month.month in (3, 6, 9, 12):
        loan_provision_post(organization=g.org, on=last, actor=g.treasurer)
    if month.month == 12:
        interest = round_satang(Decimal(max(g.balance("1102"), 0)) * Decimal("0.005"))
        if interest:
            entry_post(organization=g.org, date=last, lines=[debit("1102", interest), credit("4901", interest)],
                       memo="ดอกเบี้ยเงินฝากธนาคาร", actor=g.treasurer, idempotency_key=f"bank:{g.org.code}:{last}")
    g.move(last.replace(day=27), "นำเงินสดฝากธนาคาร", "1101", "1102", g.balance("1101") - 5_000 * BAHT,
           f"deposit:{g.org.code}:{month:%Y-%m}")


def close_and_allocate(g: GroupYear, month: date) -> None:
    """January: the annual meeting closes last year, allocates its profit and credits dividends to savings."""
    year_name = g.org.accounting_year.name_of(date(month.year - 1, 12, 31))
    if not g.org.entries.filter(date__year=month.year - 1).exists():
        return
    year_close(organization=g.org, year_name=year_name, closed_on=month.replace(day=15), actor=g.committee,
               why=f"มติที่ประชุมใหญ่ประจำปี {year_name}")
    try:
        yearend_allocate(organization=g.org, year_name=year_name, on=month.replace(day=20), actor=g.committee,
                         why=f"มติที่ประชุมใหญ่ประจำปี {year_name}: จัดสรรกำไรสุทธิ")
    except DomainError as exc:
        if exc.code != "conflict.no_profit":
            raise
        return
    yearend_pay_members(organization=g.org, year_name=year_name, on=month.replace(day=25), actor=g.treasurer)


def debt_relief(g: GroupYear, month: date) -> None:
    """A household in debt to a moneylender: the survey, and a plan that applies for a refinancing loan."""
    busy = set(Loan.objects.filter(organization=g.org, status__in=[LoanStatus.ACTIVE, LoanStatus.APPLIED])
               .values_list("membership_id", flat=True))
    member = next(m for m in g.joined(month) if m.pk not in busy)
    survey = debt_survey_record(
        membership=member, surveyed_on=month.replace(day=3), actor=g.treasurer, monthly_income=9_000 * BAHT,
        idempotency_key=f"debts:{g.org.code}:{member.pk}", note="สำรวจโดยคณะทำงานแก้หนี้",
        debts=[Debt(CreditorKind.INFORMAL, 30_000 * BAHT, Decimal(120), 3_000 * BAHT, "นายทุนเงินกู้รายวัน"),
               Debt(CreditorKind.INFORMAL, 10_000 * BAHT, Decimal(60), 1_000 * BAHT, "ร้านค้าในหมู่บ้าน"),
               Debt(CreditorKind.BAAC, 50_000 * BAHT, Decimal(7), 1_500 * BAHT, "ธ.ก.ส. สาขากุดชุม"),
               Debt(CreditorKind.VILLAGE_FUND, 20_000 * BAHT, Decimal(6), 1_000 * BAHT, "กองทุนหมู่บ้าน")])
    guarantees = set(Guarantee.objects.filter(loan__organization=g.org, loan__status__in=[
        LoanStatus.ACTIVE, LoanStatus.APPLIED]).values_list("membership_id", flat=True))
    guarantor = next(m for m in g.joined(month) if m.pk not in busy | guarantees and m.pk != member.pk)
    refinance_plan_make(survey=survey, made_on=month.replace(day=6), actor=g.treasurer, months=36,
                        product=g.products["refinance"], guarantor_ids=[guarantor.pk])


def demo_group(*, org: Organization, members: list[Membership], treasurer: Actor, committee: Actor,
               rng: random.Random, start: date, end: date, progress: Callable[[str, int, int], None]) -> dict:
    g = GroupYear(org, treasurer, committee, members, rng)
    setup(g, start)
    months = []
    m = start.replace(day=1)
    while m <= end:
        months.append(m)
        m = add_months(m, 1)
    for i, month in enumerate(months):
        if month.month == 1:
            close_and_allocate(g, month)
        collect(g, month)
        repayments(g, month)
        changes(g, month)
        new_loans(g, month)
        if month == date(2026, 3, 1):
            debt_relief(g, month)
        month_end(g, month)
        progress(f"{org.code} months / เดือน", i + 1, len(months))
    return {"org": org, "members": len(members), "loans": Loan.objects.filter(organization=org).count()}
