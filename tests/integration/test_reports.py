"""A fund's year on a real database, and its reports: collections (one receipt voided), CODI's and the
local government's matching, a donation and bank interest, claims of several kinds approved and paid,
an administration expense, a bank deposit. Every report's totals equal the ledger's balances; the income
statement is the same after a year-end closing entry; the PDFs and workbooks say the same figures;
another fund's treasurer is refused and a member sees only their own statement."""

from __future__ import annotations

import io
import subprocess
from datetime import date

import pytest
from openpyxl import load_workbook

from kongthun.access.domain import Role
from kongthun.audit.actions import Actor
from kongthun.documents.render import org_header
from kongthun.errors import DomainError
from kongthun.ledger.actions import entry_post
from kongthun.ledger.domain import credit, debit
from kongthun.ledger.models import Account
from kongthun.money import format_baht
from kongthun.people.actions import beneficiary_add
from kongthun.welfare.claims.actions import claim_approve, claim_pay, claim_submit
from kongthun.welfare.contributions.actions import PaymentLine, collection_record, plan_set, receipt_void
from kongthun.welfare.contributions.models import Receipt
from kongthun.welfare.reports import excel, layout, selectors
from kongthun.welfare.reports.domain import Source, check_against_ledger
from kongthun.welfare.reports.pdf import render_report_pdf
from tests.integration.claims_support import *  # noqa: F403  (the fixtures)
from tests.integration.claims_support import SYSTEM, enrol
from tests.integration.test_documents import normalize

YEAR, START, END = 2568, date(2024, 10, 1), date(2025, 9, 30)
PAID_ON = date(2025, 3, 10)


def balance(org, code: str) -> int:
    return Account.objects.get(organization=org, code=code).balance


def post(org, on, lines, memo, **kw):
    return entry_post(organization=org, date=on, lines=lines, memo=memo, actor=SYSTEM, **kw)


@pytest.fixture
def year(fund, treasurer, checker):
    """The fund's year 2568. The fund fixture already holds 300,000 baht of contributions (1 Oct 2567)."""
    plan_set(organization=fund, effective_from=date(2024, 1, 1), actor=SYSTEM, why="มติที่ประชุม", entry_fee=2000)
    mother = enrol(fund, "แม่", born=date(1995, 5, 1))
    patient = enrol(fund, "ป่วย", born=date(1980, 1, 1))
    elder = enrol(fund, "ยาย", born=date(1955, 1, 1))
    child = enrol(fund, "หลาน", born=date(2012, 1, 1))
    deceased = enrol(fund, "ผู้ล่วงลับ", born=date(1950, 1, 1), joined=date(2017, 6, 1))
    newcomer = enrol(fund, "ใหม่", born=date(1990, 1, 1), joined=date(2025, 1, 1))
    beneficiary_add(membership=deceased, name_th="ลูกสาว ทดสอบ", relation="บุตร", actor=SYSTEM)
    members = [mother, patient, elder, child, deceased, newcomer]
    collection_record(organization=fund, collected_on=date(2025, 1, 15), actor=treasurer, idempotency_key="day-1",
                      payments=[PaymentLine(m.pk, periods=n, entry_fee=m is newcomer)
                                for m, n in zip(members, (12, 6, 3, 1, 2, 1), strict=True)])
    receipt_void(receipt=Receipt.objects.get(membership=child), actor=treasurer, why="เก็บซ้ำ",
                 on=date(2025, 1, 16))
    post(fund, date(2025, 2, 1), [debit("1102", 50_000_00), credit("4201", 50_000_00)], "พอช. สมทบ 1:1")
    post(fund, date(2025, 2, 2), [debit("1102", 20_000_00), credit("4202", 20_000_00)], "อบต. สมทบ")
    post(fund, date(2025, 2, 3), [debit("1101", 1_500_00), credit("4301", 1_500_00)], "เงินบริจาค")
    post(fund, date(2025, 6, 30), [debit("1102", 123_45), credit("4901", 123_45)], "ดอกเบี้ยเงินฝาก")
    post(fund, date(2025, 4, 1), [debit("5901", 750_00), credit("1101", 750_00)], "ค่าเครื่องเขียน")
    post(fund, date(2025, 4, 2), [debit("1102", 100_000_00), credit("1101", 100_000_00)], "ฝากเงินเข้าธนาคาร")
    claims = [
        claim_submit(organization=fund, membership=mother, kind="childbirth", actor=treasurer,
                     event_date=date(2025, 3, 1), on=date(2025, 3, 2), paid_up_to=date(2025, 3, 1),
                     evidence=["สำเนาสูติบัตร"]),
        claim_submit(organization=fund, membership=patient, kind="hospital", actor=treasurer,
                     event_date=date(2025, 3, 1), admitted_on=date(2025, 3, 1), discharged_on=date(2025, 3, 3),
                     on=date(2025, 3, 4), paid_up_to=date(2025, 3, 1), evidence=["ใบรับรองแพทย์"]),
        claim_submit(organization=fund, membership=patient, kind="hospital", actor=treasurer,
                     event_date=date(2025, 5, 1), admitted_on=date(2025, 5, 1), discharged_on=date(2025, 5, 2),
                     on=date(2025, 5, 3), paid_up_to=date(2025, 5, 1), evidence=["ใบรับรองแพทย์"]),
        claim_submit(organization=fund, membership=deceased, kind="death", actor=treasurer,
                     event_date=date(2025, 3, 5), on=date(2025, 3, 6), paid_up_to=date(2025, 3, 5),
                     recipient="beneficiary", evidence=["สำเนาใบมรณบัตร"]),
    ]
    for c in claims:
        claim_approve(claim=c, on=c.submitted_on, actor=checker, reason="เอกสารครบ")
        claim_pay(claim=c, paid_on=max(PAID_ON, c.submitted_on), actor=treasurer)
    return {"members": dict(zip(("mother", "patient", "elder", "child", "deceased", "newcomer"), members,
                                strict=True)), "claims": claims}


def natural(org, code: str) -> int:
    acc = Account.objects.get(organization=org, code=code)
    return acc.natural_balance


def by_type(org, type_: str) -> int:
    return sum(a.natural_balance for a in Account.objects.filter(organization=org, type=type_))


def test_annual_statements_equal_the_ledger(fund, year):
    s = selectors.annual_statements_get(scope=SYSTEM.scope, organization=fund, year_name=YEAR)
    assert s.income.total_income == by_type(fund, "income")
    assert s.income.total_expenses == by_type(fund, "expense")
    assert {x.code: x.amount for x in s.income.income} == {
        c: natural(fund, c) for c in ("4101", "4102", "4201", "4202", "4301", "4901")}
    assert s.position.total_assets == by_type(fund, "asset") == balance(fund, "1101") + balance(fund, "1102")
    assert s.position.total_fund == s.position.total_assets - s.position.total_liabilities
    assert s.position.opening_fund == 0 and s.position.surplus == s.income.surplus
    assert s.position.balanced and s.position.fund_reconciles
    figures = selectors.ledger_figures(scope=SYSTEM.scope, organization_id=fund.pk, date_from=START, date_to=END)
    assert check_against_ledger(s, figures) == []


def test_the_close_leaves_the_income_statement_unchanged_and_the_position_right(fund, year):
    before = selectors.annual_statements_get(scope=SYSTEM.scope, organization=fund, year_name=YEAR)
    results = {a.code: a.balance for a in Account.objects.filter(organization=fund, type__in=("income", "expense"))
               if a.balance}
    lines = [debit(code, -b) if b < 0 else credit(code, b) for code, b in results.items()]
    lines.append(credit("3901", -sum(results.values())) if sum(results.values()) < 0
                 else debit("3901", sum(results.values())))
    post(fund, END, lines, "ปิดบัญชีสิ้นปี 2568", source="year_close")
    post(fund, date(2025, 10, 5), [debit("1101", 100_00), credit("4301", 100_00)], "บริจาคปีถัดไป")
    after = selectors.annual_statements_get(scope=SYSTEM.scope, organization=fund, year_name=YEAR)
    assert after.income == before.income
    assert after.position.total_fund == before.position.total_fund == natural(fund, "3901")
    assert after.position.total_assets == before.position.total_assets
    assert [x.code for x in after.position.fund] == ["3901"]
    figures = selectors.ledger_figures(scope=SYSTEM.scope, organization_id=fund.pk, date_from=START, date_to=END)
    assert check_against_ledger(after, figures) == []
    following = selectors.annual_statements_get(scope=SYSTEM.scope, organization=fund, year_name=YEAR + 1)
    assert following.position.opening_fund == after.position.total_fund
    assert following.income.total_income == 100_00


def test_cash_book_opening_running_and_closing_equal_the_ledger(fund, year):
    book = selectors.cash_book_get(scope=SYSTEM.scope, organization=fund, date_from=START, date_to=END)
    assert book.opening == 0
    assert book.closing == balance(fund, "1101") + balance(fund, "1102") == book.rows[-1].balance
    assert dict(book.closing_by_account) == {"1101": balance(fund, "1101"), "1102": balance(fund, "1102")}
    later = selectors.cash_book_get(scope=SYSTEM.scope, organization=fund, date_from=date(2025, 4, 2), date_to=END)
    assert later.opening == balance(fund, "1101") + balance(fund, "1102") - later.received + later.paid
    assert [r.memo for r in later.rows[:2]] == ["ฝากเงินเข้าธนาคาร", "ฝากเงินเข้าธนาคาร"]
    for b in (book, later):
        figures = selectors.ledger_figures(scope=SYSTEM.scope, organization_id=fund.pk, date_from=b.date_from,
                                           date_to=b.date_to)
        assert check_against_ledger(b, figures) == []


def test_codi_report_counts_members_sources_and_benefits(fund, year):
    r = selectors.codi_report_get(scope=SYSTEM.scope, organization=fund, year_name=YEAR)
    # active at 30 Sep 2568: mother, patient, elder, child, newcomer (the deceased died in the year)
    assert (r.members.working_age, r.members.children, r.members.elderly, r.members.age_not_recorded) == (3, 1, 1, 0)
    assert r.members.disadvantaged is None  # not recorded by the fund's data
    assert (r.movement.joined, r.movement.deceased) == (1, 1)
    amounts = {s.source: s.amount for s in r.money_in}
    assert amounts[Source.MEMBERS] == natural(fund, "4101") + natural(fund, "4102")
    assert amounts[Source.CODI] == 50_000_00 and amounts[Source.LOCAL_GOVERNMENT] == 20_000_00
    assert amounts[Source.OTHER] == 1_500_00 + 123_45
    assert r.total_money_in == by_type(fund, "income")
    assert sum(s.share for s in r.money_in) == 10_000
    kinds = {b.kind: (b.claims, b.people, b.amount) for b in r.benefits}
    assert kinds == {"childbirth": (1, 1, natural(fund, "5101")), "hospital": (2, 1, natural(fund, "5102")),
                     "death": (1, 1, natural(fund, "5103"))}
    assert r.benefits_paid == sum(c.amount for c in year["claims"])
    assert r.people_ever_helped == r.people_helped_in_year == 3
    assert r.fund_balance == by_type(fund, "asset") - by_type(fund, "liability")
    figures = selectors.ledger_figures(scope=SYSTEM.scope, organization_id=fund.pk, date_from=START, date_to=END)
    assert check_against_ledger(r, figures) == []


def test_member_statement_marks_voids_and_lists_benefits(fund, year):
    child = year["members"]["child"]
    s = selectors.member_statement_get(scope=SYSTEM.scope, membership=child, on=END)
    assert len(s.receipts) == 1 and s.receipts[0].void and s.receipts[0].void_reason == "เก็บซ้ำ"
    assert s.paid == 0 and s.voided == s.receipts[0].total
    patient = year["members"]["patient"]
    s = selectors.member_statement_get(scope=SYSTEM.scope, membership=patient, on=END)
    receipt = Receipt.objects.get(membership=patient)
    assert s.contributions == receipt.amount and s.entry_fees == receipt.entry_fee
    assert [b.kind for b in s.benefits] == ["hospital", "hospital"]
    assert s.benefits[0].label_th == "นอนโรงพยาบาล"
    assert s.benefits_received == sum(c.amount for c in year["claims"] if c.membership_id == patient.pk)
    assert s.standing is not None and s.standing.paid_up_to == receipt.covered_to


def test_scope_another_funds_treasurer_is_refused_a_member_sees_only_their_own(fund, year, sibling_treasurer,
                                                                                make_user):
    for call in (lambda: selectors.annual_statements_get(scope=sibling_treasurer.scope, organization=fund,
                                                         year_name=YEAR),
                 lambda: selectors.cash_book_get(scope=sibling_treasurer.scope, organization=fund, date_from=START,
                                                 date_to=END),
                 lambda: selectors.codi_report_get(scope=sibling_treasurer.scope, organization=fund, year_name=YEAR),
                 lambda: selectors.member_statement_get(scope=sibling_treasurer.scope,
                                                        membership=year["members"]["mother"], on=END)):
        with pytest.raises(DomainError) as err:
            call()
        assert err.value.code == "forbidden.scope"
    mother = year["members"]["mother"]
    me = Actor.for_user(make_user("mother_member", Role.MEMBER, fund, person=mother.person), "test")
    assert selectors.member_statement_get(scope=me.scope, membership=mother, on=END).member.member_no == \
        mother.member_no
    with pytest.raises(DomainError):
        selectors.member_statement_get(scope=me.scope, membership=year["members"]["patient"], on=END)
    with pytest.raises(DomainError):
        selectors.annual_statements_get(scope=me.scope, organization=fund, year_name=YEAR)


def pdf_text(pdf: bytes, tmp_path) -> str:
    assert pdf.startswith(b"%PDF-")
    path = tmp_path / "report.pdf"
    path.write_bytes(pdf)
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def test_pdfs_print_the_ledgers_figures_in_thai(fund, year, tmp_path):
    header, name = org_header(fund), fund.name_th
    s = selectors.annual_statements_get(scope=SYSTEM.scope, organization=fund, year_name=YEAR)
    text = normalize(pdf_text(render_report_pdf(layout.annual_doc(s, name), header), tmp_path))
    for phrase in ("งบรายรับ-รายจ่าย", "งบแสดงฐานะการเงิน", "30 กันยายน 2568", "ผู้ตรวจสอบ", fund.name_th,
                   format_baht(s.income.total_income, unit=""), format_baht(s.position.total_fund, unit="")):
        assert normalize(phrase) in text, phrase
    book = selectors.cash_book_get(scope=SYSTEM.scope, organization=fund, date_from=START, date_to=END)
    text = normalize(pdf_text(render_report_pdf(layout.cash_book_doc(book, name), header), tmp_path))
    assert normalize("ยอดยกมา") in text and format_baht(book.closing, unit="") in text
    r = selectors.codi_report_get(scope=SYSTEM.scope, organization=fund, year_name=YEAR)
    text = normalize(pdf_text(render_report_pdf(layout.codi_doc(r, name), header), tmp_path))
    assert normalize("ไม่ได้บันทึก") in text and "100.00" in text
    assert format_baht(r.benefits_paid, unit="") in text
    m = selectors.member_statement_get(scope=SYSTEM.scope, membership=year["members"]["patient"], on=END)
    text = normalize(pdf_text(render_report_pdf(layout.member_statement_doc(m, name), header), tmp_path))
    assert normalize("ใบแจ้งยอดสมาชิก") in text and format_baht(m.benefits_received, unit="") in text


def totals_row(ws, label: str) -> list:
    for row in ws.iter_rows(values_only=True):
        if row and isinstance(row[0], str) and row[0].startswith(label) or (len(row) > 1 and row[1] == label):
            return list(row)
    raise AssertionError(f"no row {label!r}")


def test_workbooks_hold_the_same_totals_as_numbers(fund, year):
    s = selectors.annual_statements_get(scope=SYSTEM.scope, organization=fund, year_name=YEAR)
    wb = load_workbook(io.BytesIO(excel.annual_xlsx(s, fund.name_th)))
    assert wb.sheetnames == ["Income and expenditure", "Financial position", "Changes in the fund"]
    ws = wb["Income and expenditure"]
    assert ("รหัสบัญชี / Account", "รายการ / Item", "จำนวนเงิน (บาท) / Amount (baht)") in ws.iter_rows(values_only=True)
    row = totals_row(ws, "รวมรายรับ")
    assert row[2] * 100 == s.income.total_income
    book = selectors.cash_book_get(scope=SYSTEM.scope, organization=fund, date_from=START, date_to=END)
    ws = load_workbook(io.BytesIO(excel.cash_book_xlsx(book, fund.name_th))).active
    last = [r for r in ws.iter_rows(values_only=True) if r and r[0] == "30 ก.ย. 2568"][-1]
    assert last[1] == "2025-09-30" and last[7] * 100 == book.closing
    assert ws.cell(row=ws.max_row - 2, column=8).number_format == "#,##0.00"
    r = selectors.codi_report_get(scope=SYSTEM.scope, organization=fund, year_name=YEAR)
    wb = load_workbook(io.BytesIO(excel.codi_xlsx(r, fund.name_th)))
    money = totals_row(wb.worksheets[2], "รวม")
    assert money[1] * 100 == r.total_money_in and money[2] == 100
    m = selectors.member_statement_get(scope=SYSTEM.scope, membership=year["members"]["patient"], on=END)
    wb = load_workbook(io.BytesIO(excel.member_statement_xlsx(m, fund.name_th)))
    assert totals_row(wb["Benefits received"], "รวม")[-1] * 100 == m.benefits_received
    receipt = Receipt.objects.get(membership=year["members"]["patient"])
    row = next(r for r in wb["Receipts"].iter_rows(values_only=True) if r and r[0] == receipt.number)
    assert row[2] == receipt.issued_on.isoformat() and row[5] * 100 == receipt.amount


def test_the_command_line_prints_checks_and_writes_files(fund, year, tmp_path):
    from typer.testing import CliRunner

    from kongthun.interfaces.cli.main import app

    runner = CliRunner()
    pdf, xlsx = tmp_path / "annual.pdf", tmp_path / "annual.xlsx"
    result = runner.invoke(app, ["report", "annual", "--org", fund.code, "--year", str(YEAR), "--pdf", str(pdf),
                                 "--xlsx", str(xlsx)])
    assert result.exit_code == 0, result.output
    assert "งบรายรับ-รายจ่าย" in result.output and "totals agree with the ledger" in result.output
    assert pdf.read_bytes().startswith(b"%PDF-") and xlsx.read_bytes().startswith(b"PK")
    result = runner.invoke(app, ["report", "cashbook", "--org", fund.code, "--from", "2567-10-01", "--to",
                                 "2568-09-30", "--lang", "en"])
    assert result.exit_code == 0 and "Closing balance by account" in result.output, result.output
    result = runner.invoke(app, ["report", "codi", "--org", fund.code, "--year", str(YEAR)])
    assert result.exit_code == 0 and "รัฐบาลผ่าน พอช." in result.output, result.output
    member = year["members"]["patient"].member_no
    result = runner.invoke(app, ["report", "statement", "--org", fund.code, "--member", member, "--on", "2568-09-30"])
    assert result.exit_code == 0 and "ใบแจ้งยอดสมาชิก" in result.output, result.output
    result = runner.invoke(app, ["report", "annual", "--org", "NOPE", "--year", str(YEAR)])
    assert result.exit_code == 4
