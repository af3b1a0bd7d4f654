"""Arrears and portfolio pages (ลูกหนี้ค้างชำระ, สถานะเงินให้กู้) and the loan documents: the arrears list the
committee works through (notify guarantors), the portfolio with PAR30 and the provision (post it), the
schedule and statement PDFs, the arrears and portfolio as PDF or Excel."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from kongthun.clock import parse_iso_date
from kongthun.errors import DomainError
from kongthun.interfaces.web.charts import chart_view
from kongthun.interfaces.web.helpers import actor_of, file_response, language, refusal_message, scope_of
from kongthun.interfaces.web.views.loans import BOOKS, DECIDE, RECORD
from kongthun.orgs.selectors import organization_get
from kongthun.savings.domain.aging import bucket_label
from kongthun.savings.loans import reports
from kongthun.savings.loans.changes import (
    loan_guarantors_notify,
    loan_provision_post,
    loan_provision_table_set,
    parse_table,
)
from kongthun.savings.loans.models import EventKind, GuarantorNotice, LoanEvent
from kongthun.savings.loans.selectors import loan_get, portfolio_for, position, provision_table
from kongthun.welfare.reports.domain.charts import aging_chart
from kongthun.welfare.reports.excel import XLSX
from kongthun.welfare.reports.layout import table_view

PDF = "application/pdf"


def _on(request):
    raw = (request.GET.get("on") or request.POST.get("date") or "").strip()
    try:
        return parse_iso_date(raw, where="on") if raw else timezone.localdate()
    except DomainError:
        return timezone.localdate()


def _download(request, org, doc_of):
    """?format=pdf or ?format=xlsx: the same report as a file; None for the page."""
    fmt = request.GET.get("format", "")
    if fmt == "pdf":
        doc = doc_of(language())
        return file_response(reports.pdf(doc, org), PDF, f"{doc.file_stem}.pdf", inline=True)
    if fmt == "xlsx":
        doc = doc_of("th")
        return file_response(reports.xlsx(doc, doc_of("en")), XLSX, f"{doc.file_stem}.xlsx")
    return None


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def loan_arrears(request, org_id: int):
    """The arrears list, oldest first: days, bucket, what is overdue, guarantors notified; a button records
    notices to the guarantors of every loan in arrears."""
    scope = scope_of(request)
    org = organization_get(scope=scope, organization_id=org_id, perm=BOOKS)
    on = _on(request)
    if request.method == "POST":
        try:
            n = loan_guarantors_notify(organization=org, on=on, actor=actor_of(request))
        except DomainError as exc:
            messages.error(request, refusal_message(exc))
        else:
            messages.success(request, _("%(n)s guarantor notice(s) recorded.") % {"n": n})
        return redirect(f"{request.path}?on={on.isoformat()}")
    p = portfolio_for(scope=scope, organization_id=org.pk, on=on)
    file = _download(request, org, lambda lang: reports.arrears_doc(org, p, lang))
    if file is not None:
        return file
    late = reports.arrears_rows(p)
    notices: dict[int, list] = {}
    for n in GuarantorNotice.objects.filter(loan_id__in=[x.loan.pk for x in late]).select_related("membership"):
        notices.setdefault(n.loan_id, []).append(n)
    follow = {e.loan_id: e for e in LoanEvent.objects.filter(loan_id__in=[x.loan.pk for x in late],
                                                               kind=EventKind.FOLLOW_UP).order_by("on", "id")}
    lang = language()
    return render(request, "web/loans/arrears.html", {
        "org": org, "on": on, "rows": [(x, bucket_label(x.bucket, lang), notices.get(x.loan.pk, []),
                                        follow.get(x.loan.pk)) for x in late],
        "can_record": scope.can(RECORD, org.pk),
    })


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def loan_portfolio(request, org_id: int):
    """The portfolio: outstanding by days overdue, PAR30, the provision the table requires and what the books
    hold; the treasurer posts the difference."""
    scope = scope_of(request)
    org = organization_get(scope=scope, organization_id=org_id, perm=BOOKS)
    on = _on(request)
    if request.method == "POST":
        try:
            if "table" in request.POST:
                loan_provision_table_set(organization=org, rows=parse_table(request.POST["table"]),
                                         actor=actor_of(request), why=request.POST.get("why", ""))
                done = _("The provisioning table was saved.")
            else:
                loan_provision_post(organization=org, on=on, actor=actor_of(request))
                done = _("The loan-loss allowance now equals the provision required.")
        except DomainError as exc:
            messages.error(request, refusal_message(exc))
        else:
            messages.success(request, done)
        return redirect(f"{request.path}?on={on.isoformat()}")
    p = portfolio_for(scope=scope, organization_id=org.pk, on=on)
    file = _download(request, org, lambda lang: reports.portfolio_doc(org, p, lang))
    if file is not None:
        return file
    lang = language()
    return render(request, "web/loans/portfolio.html", {
        "org": org, "on": on, "p": p, "table": table_view(reports.portfolio_doc(org, p, lang).tables[0], lang),
        "aging_chart": chart_view(aging_chart(p.risk.buckets, lang)),
        "provision_table": provision_table(org.pk), "can_record": scope.can(RECORD, org.pk),
        "table_text": ", ".join(f"{r.from_days}:{r.percent.normalize():f}" for r in provision_table(org.pk)),
        "can_decide": scope.can(DECIDE, org.pk),
    })


def _loan_file(request, org_id: int, loan_id: int, doc_of, fmt: str):
    scope = scope_of(request)
    org = organization_get(scope=scope, organization_id=org_id, perm=BOOKS)
    loan = loan_get(scope=scope, organization_id=org.pk, loan_id=loan_id)
    if fmt == "xlsx":
        doc = doc_of(loan, "th")
        return file_response(reports.xlsx(doc, doc_of(loan, "en")), XLSX, f"{doc.file_stem}.xlsx")
    doc = doc_of(loan, language())
    return file_response(reports.pdf(doc, org), PDF, f"{doc.file_stem}.pdf", inline=True)


@login_required
@require_safe
def loan_schedule_file(request, org_id: int, loan_id: int, fmt: str = "pdf"):
    """The printable schedule (ตารางผ่อนชำระ) in Thai (or English), any version; or as Excel."""
    raw = request.GET.get("version", "")

    def doc_of(loan, lang):
        if not loan.version:
            raise DomainError("not_found.schedule", "สัญญานี้ยังไม่มีตารางผ่อนชำระ", "This loan has no schedule yet",
                              "loan")
        return reports.schedule_doc(loan, lang, int(raw) if raw.isdigit() else None)

    return _loan_file(request, org_id, loan_id, doc_of, fmt)


@login_required
@require_safe
def loan_statement_file(request, org_id: int, loan_id: int, fmt: str = "pdf"):
    """The loan statement (ใบแจ้งยอดเงินกู้) as of a date, PDF or Excel."""
    on = _on(request)
    return _loan_file(request, org_id, loan_id,
                      lambda loan, lang: reports.statement_doc(loan, position(loan, on), on, lang), fmt)
