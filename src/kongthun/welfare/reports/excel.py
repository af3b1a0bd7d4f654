"""Reports as Excel workbooks (openpyxl): one sheet per table, headers in Thai with English, amounts as
numbers with 2 decimals (Decimal from satang, never a float), dates as BE text with the ISO date beside."""

from __future__ import annotations

import io
import re
from datetime import date
from decimal import Decimal, InvalidOperation

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from kongthun.clock import format_be
from kongthun.documents.domain import Cell, TableDoc
from kongthun.money import to_decimal
from kongthun.welfare.reports import layout
from kongthun.welfare.reports.domain import AnnualStatements, CashBook, CodiReport, MemberStatement
from kongthun.welfare.reports.domain.document import ReportDoc

MONEY_FORMAT = "#,##0.00"
COUNT_FORMAT = "#,##0"
BOLD = Font(bold=True)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def annual_xlsx(report: AnnualStatements, fund_name: str) -> bytes:
    """งบการเงินประจำปี as .xlsx."""
    return workbook_bytes(layout.annual_doc(report, fund_name), layout.annual_doc(report, fund_name, "en"))


def cash_book_xlsx(report: CashBook, fund_name: str) -> bytes:
    """สมุดเงินสด as .xlsx."""
    return workbook_bytes(layout.cash_book_doc(report, fund_name), layout.cash_book_doc(report, fund_name, "en"))


def member_statement_xlsx(report: MemberStatement, fund_name: str) -> bytes:
    """ใบแจ้งยอดสมาชิก as .xlsx."""
    return workbook_bytes(layout.member_statement_doc(report, fund_name),
                          layout.member_statement_doc(report, fund_name, "en"))


def codi_xlsx(report: CodiReport, fund_name: str) -> bytes:
    """รายงานประจำปีตามแบบ พอช. as .xlsx."""
    return workbook_bytes(layout.codi_doc(report, fund_name), layout.codi_doc(report, fund_name, "en"))


def _both(th: str, en: str) -> str:
    return th if th == en or not en else f"{th} / {en}"


def _sheet_name(title: str, taken: set[str]) -> str:
    base = re.sub(r"[\[\]:*?/\\']", " ", title).strip()[:28] or "Sheet"
    name, n = base, 2
    while name in taken:
        name, n = f"{base[:26]} {n}", n + 1
    taken.add(name)
    return name


def workbook_bytes(doc_th: ReportDoc, doc_en: ReportDoc) -> bytes:
    """The report's tables, one sheet each; the same layout in Thai and English gives the bilingual labels."""
    wb = Workbook()
    wb.remove(wb.active)
    taken: set[str] = set()
    for t_th, t_en in zip(doc_th.tables, doc_en.tables, strict=True):
        ws = wb.create_sheet(_sheet_name(t_en.title, taken))
        top = [_both(doc_th.title, doc_en.title), *doc_th.subtitle_lines, _both(t_th.title, t_en.title),
               *t_th.subtitle_lines]
        for line in top:
            ws.append([line])
        ws.cell(row=1, column=1).font = BOLD
        _write_table(ws, t_th, t_en)
        for note in (*t_th.notes, *doc_th.notes):
            ws.append([note])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _write_table(ws, t_th: TableDoc, t_en: TableDoc) -> None:
    header: list[str] = []
    for c_th, c_en in zip(t_th.columns, t_en.columns, strict=True):
        header.append(_both(c_th.label, c_en.label) + (" (พ.ศ. / BE)" if c_th.kind == "date" else ""))
        if c_th.kind == "date":
            header.append("ISO")
    ws.append(header)
    for cell in ws[ws.max_row]:
        cell.font = BOLD
    kinds = [c.kind for c in t_th.columns]
    for row in t_th.rows:
        _append(ws, row, kinds)
    if t_th.totals:
        _append(ws, t_th.totals, kinds)
        for cell in ws[ws.max_row]:
            cell.font = BOLD
    for i, width in enumerate(_widths(header, kinds), start=1):
        ws.column_dimensions[get_column_letter(i)].width = width


def _append(ws, row: tuple[Cell, ...], kinds: list[str]) -> None:
    values, formats = [], []
    for value, kind in zip(row, kinds, strict=True):
        if kind == "date":
            values += [format_be(value) if isinstance(value, date) else value,
                       value.isoformat() if isinstance(value, date) else None]
            formats += [None, None]
        elif kind == "money" and isinstance(value, int):
            values.append(to_decimal(value))
            formats.append(MONEY_FORMAT)
        elif kind == "number":
            number = _number(value)
            values.append(number)
            formats.append(MONEY_FORMAT if isinstance(number, Decimal) else COUNT_FORMAT)
        else:
            values.append(value)
            formats.append(None)
    ws.append(values)
    for cell, fmt in zip(ws[ws.max_row], formats, strict=False):
        if fmt and cell.value is not None and not isinstance(cell.value, str):
            cell.number_format = fmt


def _number(value: Cell):
    """Counts stay whole numbers; a percentage printed as text ('38.75') becomes a number too."""
    if isinstance(value, str):
        try:
            return Decimal(value)
        except InvalidOperation:
            return value
    return value


def _widths(header: list[str], kinds: list[str]) -> list[int]:
    widths = []
    for kind in kinds:
        widths += [14, 11] if kind == "date" else [16 if kind in ("money", "number") else 36]
    return widths[:len(header)]
