"""Documents to PDF: a standalone Django template engine (works with or without settings)
and WeasyPrint, which shapes Thai through Pango and HarfBuzz with the tlwg fonts.

Two papers: A4, and an 80 mm receipt roll whose page is exactly as tall as its content.
"""

from __future__ import annotations

from datetime import date
from functools import cache
from pathlib import Path
from typing import Literal

from django.template import Context, Engine

from kongthun.clock import format_be
from kongthun.documents.domain import Cell, OrgHeader, PaymentVoucherDoc, ReceiptDoc, TableDoc
from kongthun.errors import DomainError
from kongthun.money import baht_words, format_baht

Paper = Literal["a4", "80mm"]
PAPERS: dict[str, str] = {"a4": "a4.css", "80mm": "roll80.css"}
TEMPLATES = Path(__file__).resolve().parent / "templates"
ROLL_WIDTH_MM = 80
_PROBE_HEIGHT_MM = 3000  # tall enough for any receipt; the real height is measured on this page
_PT_PER_MM = 72 / 25.4
_PX_PER_MM = 96 / 25.4


@cache
def _engine() -> Engine:
    return Engine(dirs=[str(TEMPLATES)], autoescape=True)


def org_header(org) -> OrgHeader:
    """The organization's name and address at the top of every printed document."""
    tambon = org.tambon
    return OrgHeader(
        name_th=org.name_th, name_en=getattr(org, "name_en", "") or "",
        tambon=tambon.name_th if tambon else "",
        district=tambon.district.name_th if tambon else "",
        province=org.province.name_th if org.province_id else "",
    )


def render_receipt_pdf(doc: ReceiptDoc, header: OrgHeader, *, paper: Paper = "a4") -> bytes:
    context = {
        "title": f"ใบเสร็จรับเงิน {doc.number}",
        "doc": doc,
        "date_be": format_be(doc.date, long=True),
        "lines": [{"description": line.description, "amount": _money(line.amount)} for line in doc.lines],
        "total": _money(doc.total),
        "total_words": baht_words(doc.total),
    }
    return _pdf("receipt.html", context, header, paper)


def render_voucher_pdf(doc: PaymentVoucherDoc, header: OrgHeader, *, paper: Paper = "a4") -> bytes:
    context = {
        "title": f"ใบสำคัญจ่าย {doc.number}",
        "doc": doc,
        "date_be": format_be(doc.date, long=True),
        "amount": _money(doc.amount),
        "amount_words": baht_words(doc.amount),
    }
    return _pdf("voucher.html", context, header, paper)


def render_table_pdf(doc: TableDoc, header: OrgHeader, *, paper: Paper = "a4") -> bytes:
    kinds = [c.kind for c in doc.columns]
    context = {
        "title": doc.title,
        "doc": doc,
        "as_of_be": format_be(doc.as_of, long=True) if doc.as_of else "",
        "columns": [{"label": c.label, "css": _css(c.kind)} for c in doc.columns],
        "rows": [[_cell(v, k) for v, k in zip(row, kinds, strict=True)] for row in doc.rows],
        "totals": [_cell(v, k) for v, k in zip(doc.totals, kinds, strict=True)] if doc.totals else None,
    }
    return _pdf("table.html", context, header, paper)


def render_html(template: str, context: dict, header: OrgHeader) -> str:
    """The HTML a document prints from; also handy for a browser preview."""
    full = {**context, "header": header, "place_line": header.place_line()}
    return _engine().get_template(template).render(Context(full))


def _pdf(template: str, context: dict, header: OrgHeader, paper: str) -> bytes:
    from weasyprint import CSS, HTML  # heavy; loaded only when a document is printed

    if paper not in PAPERS:
        raise DomainError("invalid.paper", f"ไม่รู้จักกระดาษ '{paper}' (a4 หรือ 80mm)",
                          f"Unknown paper '{paper}' (a4 or 80mm)", "paper")
    html = HTML(string=render_html(template, context, header), base_url=str(TEMPLATES))
    sheets = [CSS(filename=str(TEMPLATES / "base.css")), CSS(filename=str(TEMPLATES / PAPERS[paper]))]
    if paper != "80mm":
        return html.write_pdf(stylesheets=sheets)
    probe = html.render(stylesheets=[*sheets, _roll_page(_PROBE_HEIGHT_MM)])
    height_mm = max(40.0, _content_height_px(probe) / _PX_PER_MM + 2)
    return html.write_pdf(stylesheets=[*sheets, _roll_page(height_mm)])


def _roll_page(height_mm: float):
    from weasyprint import CSS

    return CSS(string=f"@page {{ size: {ROLL_WIDTH_MM}mm {height_mm:.2f}mm; margin: 0 }}")


def _content_height_px(document) -> float:
    """Bottom of the laid-out <html> box on the first (tall) page, in CSS pixels."""
    page_box = document.pages[0]._page_box
    root = page_box.children[0]
    return root.position_y + root.margin_height()


def _money(satang: int) -> str:
    return format_baht(satang, unit="")


def _css(kind: str) -> str:
    return "num" if kind in ("money", "number") else ""


def _cell(value: Cell, kind: str) -> dict:
    if value is None:
        text = ""
    elif kind == "money" and isinstance(value, int):
        text = _money(value)
    elif kind == "number" and isinstance(value, int):
        text = f"{value:,}"
    elif isinstance(value, date):
        text = format_be(value)
    else:
        text = str(value)
    return {"text": text, "css": _css(kind)}
