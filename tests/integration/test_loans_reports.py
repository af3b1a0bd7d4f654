"""Loan documents: the schedule (Thai PDF, totals, baht in words), the statement (principal owed after each
event = the loan's balance), the arrears list and the portfolio as Excel with numbers, not text."""

from __future__ import annotations

import io
import subprocess
from datetime import date

import pytest
from openpyxl import load_workbook

from kongthun.savings.loans import reports
from kongthun.savings.loans.actions import loan_repay
from kongthun.savings.loans.selectors import portfolio, position
from tests.integration.loans_support import *  # noqa: F403  (the fixtures)
from tests.integration.loans_support import running
from tests.integration.test_documents import normalize, tool

pytestmark = pytest.mark.django_db


def test_schedule_document_and_pdf(group):
    loan = running(group)
    doc = reports.schedule_doc(loan)
    table = doc.tables[0]
    assert len(table.rows) == 12
    # Totals: 10,000 baht of principal and 661.86 baht of interest, 10,661.86 in all (and in Thai words).
    assert table.totals[2:5] == (1_000_000, 66186, 1_066_186)
    assert "หนึ่งหมื่นหกร้อยหกสิบเอ็ดบาทแปดสิบหกสตางค์" in doc.notes[0]
    pdf = reports.pdf(doc, group.org)
    text = subprocess.run([tool("pdftotext"), "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
    for expected in ("ตารางผ่อนชำระเงินกู้", "888.49", "661.86", "15 ก.พ. 2568", loan.number):
        assert normalize(expected) in normalize(text), expected
    assert reports.schedule_doc(loan, "en").title.startswith("Loan schedule")


def test_statement_follows_the_balance(group):
    loan = running(group)
    loan_repay(loan=loan, amount=88849, on=date(2025, 2, 15), actor=group.treasurer, idempotency_key="s1")
    loan_repay(loan=loan, amount=50000, on=date(2025, 3, 20), actor=group.treasurer, idempotency_key="s2")
    loan.refresh_from_db()
    on = date(2025, 3, 31)
    doc = reports.statement_doc(loan, position(loan, on), on)
    balances = [row[-1] for row in doc.tables[0].rows]
    assert balances[-1] == loan.outstanding and balances[0] == 0  # the application moved no money
    assert "ยอดปิดบัญชี" in doc.notes[-1]


def test_arrears_and_portfolio_workbooks(group):
    loan = running(group, amount=500_000)
    running(group, amount=300_000, member=2, guarantors=(3,))
    loan_repay(loan=loan, amount=10, on=date(2025, 2, 1), actor=group.treasurer, idempotency_key="a1")
    p = portfolio(group.org.pk, date(2025, 6, 1))
    late = reports.arrears_rows(p)
    assert len(late) == 2 and p.provision_required == 280_000
    book = load_workbook(io.BytesIO(reports.xlsx(reports.arrears_doc(group.org, p),
                                                 reports.arrears_doc(group.org, p, "en"))))
    rows = list(book.active.iter_rows(values_only=True))
    header = next(r for r in rows if r[0] and str(r[0]).startswith("สัญญา"))
    assert "Loan" in header[0]
    data = [r for r in rows if r[0] in {x.loan.number for x in late}]
    # Amounts are numbers in the sheet (not text): what is overdue and the principal owed.
    assert sorted(r[-2] for r in data) == [3000, 5000] and all(isinstance(r[-3], float) for r in data)
    book = load_workbook(io.BytesIO(reports.xlsx(reports.portfolio_doc(group.org, p),
                                                 reports.portfolio_doc(group.org, p, "en"))))
    totals = [r for r in book.active.iter_rows(values_only=True) if r[0] == "รวม"]
    # 10 satang paid on 1 Feb went to interest to date: 8,000 baht owed, 35% of it provided for.
    assert totals and totals[0][2] == 8000 and totals[0][3] == 2800
