"""A savings group's year-end pages (สิ้นปีบัญชีกลุ่มออมทรัพย์): the allocation preview with the committee's
post button and the treasurer's pay button, the profit rule form, the dividend report and the member passbook
(web page, Thai PDF, Excel). Thin: parse, call one action or selector, render."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from kongthun.access.domain import Permission
from kongthun.clock import parse_iso_date
from kongthun.documents.render import org_header
from kongthun.errors import DomainError
from kongthun.interfaces.web.helpers import actor_of, file_response, language, refusal_message, scope_of
from kongthun.money import format_baht
from kongthun.orgs.selectors import organization_get
from kongthun.people.selectors import membership_get
from kongthun.savings.domain.dividends import BUCKET_LABELS, Bucket, DividendBasis
from kongthun.savings.yearend import reports, selectors
from kongthun.savings.yearend.actions import DECIDE, yearend_allocate, yearend_pay_members, yearend_rule_set
from kongthun.welfare.reports import excel
from kongthun.welfare.reports.layout import table_view
from kongthun.welfare.reports.pdf import render_report_pdf


def _year(request, org) -> int:
    raw = (request.POST.get("year") or request.GET.get("year") or "").strip()
    if raw.isdigit() and 2400 < int(raw) < 2700:
        return int(raw)
    ay = org.accounting_year
    return ay.name_of(ay.start_of(timezone.localdate()) - timedelta(days=1))


def _date(raw: str, where: str) -> date:
    raw = (raw or "").strip()
    return parse_iso_date(raw, where=where) if raw else timezone.localdate()


def _bucket_rows(preview, lang: str) -> list[dict]:
    i = 1 if lang.startswith("en") else 0
    if preview.allocation is not None:
        return [{"label": BUCKET_LABELS[Bucket(b["bucket"])][i], "percent": f'{Decimal(b["percent"]):.2f}',
                 "account": b["account"],
                 "amount": b["amount"], "why": [e[i] for e in b["explanation"]]} for b in preview.allocation.buckets]
    if preview.split is None:
        return []
    return [{"label": BUCKET_LABELS[b.bucket][i], "percent": f"{b.percent:.2f}", "account": b.account,
             "amount": b.amount,
             "why": [e.text(lang) for e in b.explanation]} for b in preview.split.buckets]


def _member_rows(preview) -> list[dict]:
    if preview.allocation is not None:
        return [{"m": x.membership, "shares": x.shares, "interest": x.interest_paid, "dividend": x.dividend,
                 "patronage": x.patronage, "total": x.total, "paid_on": x.paid_on}
                for x in preview.allocation.lines.select_related("membership__person").order_by(
                    "membership__member_no")]
    if preview.split is None:
        return []
    return [{"m": preview.members[x.membership_id], "shares": round(x.shares), "interest": x.interest_paid,
             "dividend": x.dividend, "patronage": x.patronage, "total": x.total, "paid_on": None}
            for x in preview.split.members]


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def yearend(request, org_id: int):
    """จัดสรรกำไรสุทธิ: the closed year's net profit, each bucket and member, and the buttons."""
    scope = scope_of(request)
    org = organization_get(scope=scope, organization_id=org_id, perm=Permission.VIEW_BOOKS)
    year_name = _year(request, org)
    if request.method == "POST":
        return _post(request, org, year_name)
    preview = selectors.yearend_preview(scope=scope, organization=org, year_name=year_name)
    lang = language()
    can_people = scope.can(Permission.VIEW_PEOPLE, org.pk)
    alloc = preview.allocation
    return render(request, "web/yearend/yearend.html", {
        "org": org, "preview": preview, "buckets": _bucket_rows(preview, lang),
        "members": _member_rows(preview) if can_people else [], "can_people": can_people,
        "can_decide": scope.can(DECIDE, org.pk), "can_post": scope.can(Permission.POST_ENTRIES, org.pk),
        "unpaid": alloc is not None and alloc.lines.filter(paid_on__isnull=True).exists(),
        "explanation": [e[1 if lang.startswith("en") else 0] for e in alloc.explanation] if alloc else
        [e.text(lang) for e in preview.split.explanation] if preview.split else [],
        "refusal": preview.refusal.message(lang) if preview.refusal else "",
        "years": range(year_name - 3, year_name + 2), "today": timezone.localdate(),
        "rules": selectors.rule_list(scope=scope, organization_id=org.pk)[:5],
        "bucket_choices": [(b.value, BUCKET_LABELS[b][1 if lang.startswith("en") else 0]) for b in Bucket],
        "basis_choices": [b.value for b in DividendBasis],
    })


def _post(request, org, year_name: int):
    here = f"{reverse('web:yearend', args=[org.pk])}?year={year_name}"
    action = request.POST.get("action", "")
    try:
        on = _date(request.POST.get("on", ""), "on")
        if action == "allocate":
            alloc = yearend_allocate(organization=org, year_name=year_name, on=on, actor=actor_of(request),
                                     why=request.POST.get("why", "").strip())
            messages.success(request, _("The net profit of %(year)s (%(amount)s baht) was allocated and posted.")
                             % {"year": year_name, "amount": format_baht(alloc.net_profit, unit="")})
        elif action == "pay":
            paid = yearend_pay_members(organization=org, year_name=year_name, on=on, actor=actor_of(request),
                                       method=request.POST.get("method", "savings"))
            messages.success(request, _("Dividends and patronage refunds paid to %(n)s members.") % {"n": len(paid)})
        else:
            messages.error(request, _("Choose what to do."))
    except DomainError as exc:
        messages.error(request, refusal_message(exc))
    return redirect(here)


@login_required
def yearend_rule(request, org_id: int):
    """ตั้งระเบียบการจัดสรรกำไรสุทธิ (committee): percentages per bucket, reserve minimum, dividend cap."""
    scope = scope_of(request)
    org = organization_get(scope=scope, organization_id=org_id, perm=Permission.VIEW_BOOKS)
    # The method is checked after the scope, so another organization's ids get 404 whatever the method.
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    p = request.POST
    try:
        yearend_rule_set(
            organization=org, percents={b.value: p.get(f"pct_{b.value}", "0") or "0" for b in Bucket},
            effective_from=_date(p.get("effective_from", ""), "effective_from"), actor=actor_of(request),
            reserve_min_percent=p.get("reserve_min_percent", "10") or "0",
            max_dividend_rate=p.get("max_dividend_rate", "10") or "0",
            dividend_basis=p.get("dividend_basis", DividendBasis.AVERAGE_MONTHLY),
            excess_to=p.get("excess_to", Bucket.RESERVE), why=p.get("why", "").strip())
        messages.success(request, _("The profit allocation rule was saved."))
    except DomainError as exc:
        messages.error(request, refusal_message(exc))
    return redirect("web:yearend", org_id=org.pk)


def _respond(request, org, doc_of, page: dict):
    """The same tables as a page, a Thai PDF or a Thai-English workbook."""
    fmt = request.GET.get("format", "html")
    if fmt == "xlsx":
        th = doc_of("th")
        return file_response(excel.workbook_bytes(th, doc_of("en")), excel.XLSX, f"{th.file_stem}.xlsx")
    if fmt == "pdf":
        th = doc_of("th")
        return file_response(render_report_pdf(th, org_header(org)), "application/pdf", f"{th.file_stem}.pdf",
                             inline=True)
    doc = doc_of(language())
    query = request.GET.copy()
    query.pop("format", None)
    return render(request, "web/yearend/report.html", {
        "org": org, "doc": doc, "tables": [table_view(t, language()) for t in doc.tables],
        "query": query.urlencode(), **page})


@login_required
@require_safe
def dividend_report(request, org_id: int):
    """รายงานการจัดสรรกำไรและเงินปันผล of a year: buckets and every member's amounts."""
    scope = scope_of(request)
    org = organization_get(scope=scope, organization_id=org_id, perm=Permission.VIEW_PEOPLE)
    year_name = _year(request, org)
    alloc = selectors.allocation_get(scope=scope, organization=org, year_name=year_name)
    if alloc is None:
        messages.error(request, _("The profit of this year has not been allocated yet."))
        return redirect(f"{reverse('web:yearend', args=[org.pk])}?year={year_name}")
    lines = list(selectors.dividend_lines(scope=scope, allocation=alloc))
    return _respond(request, org, lambda lang: reports.dividend_doc(alloc, lines, _org_name(org, lang), lang),
                    {"back": f"{reverse('web:yearend', args=[org.pk])}?year={year_name}"})


def _org_name(org, lang: str) -> str:
    return (org.name_en or org.name_th) if lang.startswith("en") else org.name_th


@login_required
@require_safe
def passbook(request, org_id: int, membership_id: int):
    """สมุดคู่บัญชีสมาชิก: the member themself, or the group's committee, treasurer and auditor."""
    scope = scope_of(request)
    m = membership_get(scope=scope, organization_id=org_id, membership_id=membership_id)
    on = _date(request.GET.get("on", ""), "on")
    book = reports.passbook_get(scope=scope, membership=m, on=on)
    return _respond(request, m.organization, lambda lang: reports.passbook_doc(book, _org_name(m.organization, lang),
                                                                                 lang),
                    {"back": reverse("web:member_detail", args=[org_id, membership_id]), "book": book})
