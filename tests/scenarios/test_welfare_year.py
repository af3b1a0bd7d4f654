"""A welfare fund's year through the welfare apps, on SQLite and PostgreSQL: collection days, the CODI and
local-government matching requests and their money, an administration expense under the cap, claims of
every kind in the regulation (a disaster as a batch), committee approvals and payouts, the year-end close;
then the annual report's totals equal the ledger and `kongthun check` passes."""

from __future__ import annotations

from datetime import date

import pytest

from kongthun.integrity import run_checks
from kongthun.ledger.actions import year_close
from kongthun.ledger.models import Account
from kongthun.people.actions import beneficiary_add, household_create
from kongthun.welfare.claims.actions import DisasterLine, claim_approve, claim_pay, claim_submit, disaster_claims_submit
from kongthun.welfare.claims.models import Claim
from kongthun.welfare.contributions.actions import PaymentLine, collection_record, plan_set
from kongthun.welfare.funding.actions import admin_expense_record, agreement_record, funds_receive, request_prepare
from kongthun.welfare.reports import selectors as reports
from kongthun.welfare.reports.domain import check_against_ledger
from tests.integration.claims_support import *  # noqa: F403  (the fixtures)
from tests.integration.claims_support import SYSTEM, enrol

pytestmark = pytest.mark.django_db
YEAR, START, END = 2568, date(2024, 10, 1), date(2025, 9, 30)


def natural(org, *codes: str) -> int:
    return sum(a.natural_balance for a in Account.objects.filter(organization=org, code__in=codes))


def test_a_welfare_funds_year_closes_and_its_report_equals_the_ledger(fund, treasurer, checker):
    plan_set(organization=fund, effective_from=date(2016, 1, 1), actor=SYSTEM, why="มติที่ประชุมใหญ่", entry_fee=2000)
    home = household_create(organization=fund, code="HH-1", tambon_code=fund.tambon_id, actor=SYSTEM)
    mother = enrol(fund, "แม่", born=date(1992, 5, 1), household=home)
    student = enrol(fund, "นักเรียน", born=date(2008, 2, 1), household=home)
    patient = enrol(fund, "ป่วย", born=date(1980, 1, 1))
    elder = enrol(fund, "ยาย", born=date(1950, 1, 1))
    disabled = enrol(fund, "พิการ", born=date(1975, 1, 1))
    deceased = enrol(fund, "ผู้ล่วงลับ", born=date(1945, 1, 1), joined=date(2016, 6, 1))
    neighbour = enrol(fund, "เพื่อนบ้าน", born=date(1985, 1, 1),
                      household=household_create(organization=fund, code="HH-2", tambon_code=fund.tambon_id,
                                                 actor=SYSTEM))
    beneficiary_add(membership=deceased, name_th="ลูกชาย ทดสอบ", relation="บุตร", actor=SYSTEM)
    members = [mother, student, patient, elder, disabled, deceased, neighbour]
    # Collection days: everyone pays up from joining (2017) through 2025 on two days of the year.
    collection_record(organization=fund, collected_on=date(2024, 10, 15), actor=treasurer, idempotency_key="d1",
                      payments=[PaymentLine(m.pk, periods=100) for m in members])
    collection_record(organization=fund, collected_on=date(2025, 1, 15), actor=treasurer, idempotency_key="d2",
                      payments=[PaymentLine(m.pk, periods=12) for m in members])
    # Matching money: requests computed from the year's receipts, money received against them.
    codi = agreement_record(organization=fund, kind="codi", name="พอช. สมทบ 1:1", actor=checker,
                            legal_basis="มติ ครม. 24 ก.พ. 2553", document_no="พอช. 123/2568", matching_ratio="1",
                            cap_per_member=36500)
    local = agreement_record(organization=fund, kind="local_gov", name="อบต. สมทบ", actor=checker,
                             legal_basis="ระเบียบกระทรวงมหาดไทย พ.ศ. 2562", document_no="อบต. 45/2568",
                             matching_ratio="0.5", cap_per_member=36500)
    codi_request = request_prepare(agreement=codi, year_name=YEAR, prepared_on=date(2025, 2, 1), actor=treasurer)
    local_request = request_prepare(agreement=local, year_name=YEAR, prepared_on=date(2025, 2, 1), actor=treasurer)
    assert codi_request.amount == 7 * 36500 and local_request.amount == 7 * 36500 // 2  # capped per member
    funds_receive(agreement=codi, amount=codi_request.amount, received_on=date(2025, 3, 1), actor=treasurer,
                  idempotency_key="codi-2568", request=codi_request)
    funds_receive(agreement=local, amount=local_request.amount, received_on=date(2025, 3, 2), actor=treasurer,
                  idempotency_key="local-2568", request=local_request)
    admin_expense_record(organization=fund, amount=50000, spent_on=date(2025, 4, 1), description="ค่าเครื่องเขียน",
                         actor=treasurer, idempotency_key="admin-1")

    # Claims of every kind in the regulation, approved by a committee member and paid by the treasurer.
    def submit(m, kind, on, **kw):
        return claim_submit(organization=fund, membership=m, kind=kind, event_date=on, on=on, actor=treasurer, **kw)

    claims = [
        submit(mother, "childbirth", date(2025, 2, 10), evidence=["สำเนาสูติบัตร"]),
        submit(patient, "hospital", date(2025, 3, 3), admitted_on=date(2025, 3, 3), discharged_on=date(2025, 3, 6),
               evidence=["ใบรับรองแพทย์"]),
        submit(patient, "sickness_home", date(2025, 5, 1)),
        submit(elder, "elderly", date(2025, 6, 1)),
        submit(disabled, "disability", date(2025, 6, 2), evidence=["สำเนาบัตรประจำตัวคนพิการ"]),
        submit(student, "scholarship", date(2025, 6, 3), facts={"gpa": "3.6"}),
        submit(deceased, "death", date(2025, 7, 1), recipient="beneficiary", evidence=["สำเนาใบมรณบัตร"]),
        submit(mother, "wreath", date(2025, 7, 1), recipient="household"),
    ]
    claims += disaster_claims_submit(organization=fund, event_ref="น้ำท่วม ส.ค. 2568", event_date=date(2025, 8, 20),
                                     lines=[DisasterLine(mother.pk, 250000, "บ้าน"),
                                            DisasterLine(neighbour.pk, 120000, "ยุ้งข้าว")], actor=treasurer,
                                     on=date(2025, 8, 21))
    kinds = {c.kind for c in claims}
    assert kinds == {"childbirth", "hospital", "sickness_home", "elderly", "disability", "scholarship", "death",
                     "wreath", "disaster"}
    for c in claims:
        claim_approve(claim=c, on=c.submitted_on, actor=checker, reason="เอกสารครบ")
        claim_pay(claim=c, paid_on=c.event_date.replace(day=28), actor=treasurer)
    paid = sum(Claim.objects.filter(organization=fund, status="paid").values_list("amount", flat=True))
    assert paid == sum(c.amount for c in claims) > 0

    # The committee closes the year after the annual meeting.
    closed = year_close(organization=fund, year_name=YEAR, closed_on=date(2025, 11, 15), actor=checker,
                        why="มติที่ประชุมใหญ่สามัญประจำปี 2568")
    assert run_checks() == []

    statements = reports.annual_statements_get(scope=SYSTEM.scope, organization=fund, year_name=YEAR)
    assert statements.income.total_income == closed.income
    assert statements.income.total_expenses == closed.expenses
    assert statements.income.surplus == closed.surplus
    assert statements.position.total_assets == natural(fund, "1101", "1102")
    assert statements.position.balanced and statements.position.fund_reconciles
    codi_report = reports.codi_report_get(scope=SYSTEM.scope, organization=fund, year_name=YEAR)
    assert sum(b.amount for b in codi_report.benefits) == paid
    assert {b.kind for b in codi_report.benefits} == kinds
    money_in = {x.source.value: x.amount for x in codi_report.money_in}
    assert sum(money_in.values()) == closed.income
    assert codi_report.fund_balance == natural(fund, "1101", "1102")
    figures = reports.ledger_figures(scope=SYSTEM.scope, organization_id=fund.pk, date_from=START, date_to=END)
    assert check_against_ledger(statements, figures) == [] and check_against_ledger(codi_report, figures) == []
