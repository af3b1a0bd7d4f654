"""Report pages (รายงาน): the fund's reports page with a year and date-range picker; each report as a web
page, a PDF (?format=pdf) and an Excel workbook (?format=xlsx). The member statement is also the
member's own. Reads only, through the reports selectors; scope refusals are left to the middleware."""

from __future__ import annotations

from datetime import date

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from kongthun.access.domain import Permission
from kongthun.clock import parse_iso_date
from kongthun.documents.render import org_header
from kongthun.errors import DomainError
from kongthun.interfaces.web.charts import chart_view
from kongthun.interfaces.web.helpers import file_response, language, scope_of
from kongthun.orgs.selectors import organization_get
from kongthun.people.selectors import membership_get
from kongthun.welfare.reports import excel, layout, selectors
from kongthun.welfare.reports.charts import codi_charts
from kongthun.welfare.reports.domain.document import ReportDoc
from kongthun.welfare.reports.pdf import render_report_pdf

FORMATS = ("html", "pdf", "xlsx")


def _date(raw: str, default: date, where: str) -> date:
    raw = (raw or "").strip()
    return parse_iso_date(raw, where=where) if raw else default


def _year(request, org) -> int:
    raw = request.GET.get("year", "").strip()
    if raw and not raw.isdigit():
        raise DomainError("invalid.year_name", f"ปีบัญชี '{raw}' ไม่ถูกต้อง", f"'{raw}' is not an accounting year",
                          "year")
    return int(raw) if raw else org.accounting_year.name_of(timezone.localdate())


def _format(request) -> str:
    fmt = request.GET.get("format", "html")
    if fmt not in FORMATS:
        raise DomainError("invalid.format", "รูปแบบต้องเป็น html, pdf หรือ xlsx", "Format must be html, pdf or xlsx",
                          "format")
    return fmt


def _respond(request, org, report, build, xlsx, page: dict) -> HttpResponse:
    """The same layout as a page, a PDF (Thai) or a workbook (Thai with English)."""
    fmt = _format(request)
    if fmt == "xlsx":
        doc = build(report, org.name_th, "th")
        return file_response(xlsx(report, org.name_th), excel.XLSX, f"{doc.file_stem}.xlsx")
    if fmt == "pdf":
        doc = build(report, org.name_th, "th")
        return file_response(render_report_pdf(doc, org_header(org)), "application/pdf", f"{doc.file_stem}.pdf",
                         inline=True)
    doc: ReportDoc = build(report, org.name_th if not language().startswith("en") else (org.name_en or org.name_th),
                           language())
    query = request.GET.copy()
    query.pop("format", None)
    return render(request, "web/reports/report.html", {
        "org": org, "doc": doc, "tables": [layout.table_view(t, language()) for t in doc.tables],
        "query": query.urlencode(), **page,
    })




@login_required
@require_safe
def reports(request, org_id: int):
    """รายงาน: the fund's reports with their pickers."""
    scope = scope_of(request)
    org = organization_get(scope=scope, organization_id=org_id, perm=Permission.VIEW_BOOKS)
    today = timezone.localdate()
    year = org.accounting_year
    return render(request, "web/reports/index.html", {
        "org": org, "years": selectors.report_years(scope=scope, organization=org, today=today),
        "current_year": year.name_of(today), "year_start": year.start_of(today), "today": today,
        "can_people": scope.can(Permission.VIEW_PEOPLE, org.pk),
    })


@login_required
@require_safe
def annual(request, org_id: int):
    scope = scope_of(request)
    org = organization_get(scope=scope, organization_id=org_id, perm=Permission.VIEW_BOOKS)
    report = selectors.annual_statements_get(scope=scope, organization=org, year_name=_year(request, org))
    return _respond(request, org, report, layout.annual_doc, excel.annual_xlsx, {"kind": "annual"})


@login_required
@require_safe
def codi(request, org_id: int):
    scope = scope_of(request)
    org = organization_get(scope=scope, organization_id=org_id, perm=Permission.VIEW_BOOKS)
    report = selectors.codi_report_get(scope=scope, organization=org, year_name=_year(request, org))
    charts = []
    if _format(request) == "html":
        charts = [chart_view(c) for c in codi_charts(scope=scope, organization=org, report=report, lang=language())]
    return _respond(request, org, report, layout.codi_doc, excel.codi_xlsx, {"kind": "codi", "charts": charts})


@login_required
@require_safe
def cash_book(request, org_id: int):
    scope = scope_of(request)
    org = organization_get(scope=scope, organization_id=org_id, perm=Permission.VIEW_BOOKS)
    today = timezone.localdate()
    date_from = _date(request.GET.get("from", ""), org.accounting_year.start_of(today), "from")
    date_to = _date(request.GET.get("to", ""), today, "to")
    report = selectors.cash_book_get(scope=scope, organization=org, date_from=date_from, date_to=date_to)
    return _respond(request, org, report, layout.cash_book_doc, excel.cash_book_xlsx, {"kind": "cashbook"})


@login_required
@require_safe
def member_statement(request, org_id: int, membership_id: int):
    """ใบแจ้งยอดสมาชิก: the member themself, or the fund's committee, treasurer and auditor."""
    scope = scope_of(request)
    m = membership_get(scope=scope, organization_id=org_id, membership_id=membership_id)
    on = _date(request.GET.get("on", ""), timezone.localdate(), "on")
    report = selectors.member_statement_get(scope=scope, membership=m, on=on)
    return _respond(request, m.organization, report, layout.member_statement_doc, excel.member_statement_xlsx,
                    {"kind": "statement", "membership": m})
