"""Reports as PDF (WeasyPrint, Thai fonts): the documents app's page header and styles, the reports'
own template of titled tables."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from django.template import Context, Engine

from kongthun.documents.domain import OrgHeader
from kongthun.documents.render import TEMPLATES as DOCUMENT_TEMPLATES
from kongthun.welfare.reports.domain.document import ReportDoc
from kongthun.welfare.reports.layout import table_view

TEMPLATES = Path(__file__).resolve().parent / "templates" / "reports"


@cache
def _engine() -> Engine:
    return Engine(dirs=[str(TEMPLATES), str(DOCUMENT_TEMPLATES)], autoescape=True)


def report_html(doc: ReportDoc, header: OrgHeader) -> str:
    context = {"title": doc.title, "doc": doc, "tables": [table_view(t) for t in doc.tables], "header": header,
               "place_line": header.place_line()}
    return _engine().get_template("report.html").render(Context(context))


def render_report_pdf(doc: ReportDoc, header: OrgHeader) -> bytes:
    from weasyprint import CSS, HTML  # heavy; loaded only when a report is printed

    sheets = [CSS(filename=str(DOCUMENT_TEMPLATES / "base.css")), CSS(filename=str(TEMPLATES / "report.css"))]
    if doc.landscape:
        sheets.append(CSS(filename=str(TEMPLATES / "landscape.css")))
    return HTML(string=report_html(doc, header), base_url=str(TEMPLATES)).write_pdf(stylesheets=sheets)


