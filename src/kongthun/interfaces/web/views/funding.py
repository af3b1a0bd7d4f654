"""Outside money pages (เงินสมทบจากภายนอก): a fund's sources, requests, money received and the administration
cap; forms to record a source, prepare a request (with its PDF), record money received and pay an
administration expense. Reads through the funding selectors, writes through its actions; scope refusals
are left to the middleware (403/404)."""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from kongthun.access.domain import Permission
from kongthun.clock import parse_iso_date
from kongthun.errors import DomainError
from kongthun.interfaces.web.helpers import actor_of, file_response, language, refusal_message, scope_of
from kongthun.money import format_baht, parse_baht, thai_digits_to_arabic
from kongthun.orgs.selectors import organization_get
from kongthun.people.models import Membership
from kongthun.welfare.funding import domain
from kongthun.welfare.funding.actions import (
    DECIDE,
    admin_expense_record,
    agreement_record,
    allocation_set,
    funds_receipt_reverse,
    funds_receive,
    request_prepare,
    request_send,
)
from kongthun.welfare.funding.printing import ratio_text, request_pdf
from kongthun.welfare.funding.selectors import (
    admin_cap_status,
    agreement_get,
    agreement_list,
    allocation_get,
    received_get,
    received_list,
    request_get,
    request_list,
)

# Problems with what was typed come back on the form (helpers.refusal_message); scope refusals stay 403/404.
KINDS = [(k.value, domain.source_label(k)) for k in domain.SourceKind]
STATUSES = {"prepared": ("จัดทำแล้ว", "Prepared"), "sent": ("ส่งแล้ว", "Sent"),
            "part_received": ("ได้รับบางส่วน", "Part received"),
            "received": ("ได้รับครบ", "Received in full")}
CASH = [("1102", ("เงินฝากธนาคาร", "Bank deposits")), ("1101", ("เงินสด", "Cash on hand"))]
CAP_BASES = [(b.value, pair) for b, pair in domain.CAP_BASE_LABELS.items()]


def _unit() -> str:
    return "baht" if language().startswith("en") else "บาท"


def _money(text: str, where: str, *, required: bool = True) -> int | None:
    text = (text or "").strip()
    if not text and not required:
        return None
    if not text:
        raise DomainError("invalid.amount_required", "กรุณากรอกจำนวนเงิน", "Enter the amount", where)
    return parse_baht(text, where=where)


def _date(text: str, where: str, default: date | None = None) -> date | None:
    text = (text or "").strip()
    return parse_iso_date(text, where=where) if text else default


def _id(text: str) -> int:
    text = (text or "").strip()
    return int(text) if text.isdigit() else 0


def _fund(request, org_id: int, perm: Permission):
    org = organization_get(scope=scope_of(request), organization_id=org_id, perm=perm)
    if org.kind != "welfare_fund":
        raise DomainError("not_found.funding", "องค์กรนี้ไม่ใช่กองทุนสวัสดิการชุมชน", "Not a community welfare fund",
                          "organization")
    return org


@login_required
@require_safe
def funding(request, org_id: int):
    """The fund's outside money: sources, requests, money received, and administration against its cap."""
    scope = scope_of(request)
    org = _fund(request, org_id, Permission.VIEW_BOOKS)
    today = timezone.localdate()
    cap = admin_cap_status(scope=scope, organization=org, on=today)
    base, _setting = allocation_get(scope=scope, organization_id=org.pk)
    return render(request, "web/funding/funding.html", {
        "cap_base": base.value, "cap_bases": CAP_BASES, "today": today,
        "org": org, "agreements": agreement_list(scope=scope, organization_id=org.pk),
        "requests": request_list(scope=scope, organization_id=org.pk),
        "received": received_list(scope=scope, organization_id=org.pk)[:50], "cap": cap,
        "year_name": org.accounting_year.name_of(today), "labels": dict(KINDS), "sizes": domain.SIZE_LABELS,
        "statuses": STATUSES,
        "can_decide": scope.can(DECIDE, org.pk), "can_post": scope.can(Permission.POST_ENTRIES, org.pk),
    })


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def agreement_new(request, org_id: int):
    """บันทึกแหล่งเงินและหลักฐาน: the committee records a source with its legal basis and document."""
    org = _fund(request, org_id, DECIDE)
    form, error = request.POST if request.method == "POST" else {}, ""
    if request.method == "POST":
        try:
            row = agreement_record(
                organization=org, kind=form.get("kind", ""), name=form.get("name", "")[:200], actor=actor_of(request),
                legal_basis=form.get("legal_basis", "")[:2000], document_no=form.get("document_no", "")[:100],
                document_date=_date(form.get("document_date", ""), "document_date"),
                amount=_money(form.get("amount", ""), "amount", required=False),
                matching_ratio=thai_digits_to_arabic(form.get("matching_ratio", "")).strip() or None,
                cap_per_member=_money(form.get("cap_per_member", ""), "cap_per_member", required=False),
                income_account=form.get("income_account", "")[:10])
        except DomainError as exc:
            error = refusal_message(exc)
        else:
            messages.success(request, _("Source recorded: %(name)s.") % {"name": row.name})
            return redirect("web:funding", org_id=org.pk)
    return render(request, "web/funding/agreement_form.html", {"org": org, "form": form, "error": error,
                                                                 "kinds": KINDS}, status=422 if error else 200)


def _year(text: str) -> int:
    text = thai_digits_to_arabic(text or "").strip()
    if not text.isdigit():
        raise DomainError("invalid.year_name", f"ปีบัญชี '{text}' ต้องเป็นปี พ.ศ. เช่น 2569",
                          f"'{text}' is not an accounting year; give the BE year, e.g. 2569", "year")
    return int(text)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def request_new(request, org_id: int):
    """จัดทำคำขอรับเงินสมทบ: choose a source and a year; a matching source is computed member by member."""
    scope = scope_of(request)
    org = _fund(request, org_id, Permission.VIEW_BOOKS)
    if not (scope.can(Permission.POST_ENTRIES, org.pk) or scope.can(DECIDE, org.pk)):
        scope.require(Permission.POST_ENTRIES, org.pk)
    today = timezone.localdate()
    form, error = request.POST if request.method == "POST" else {}, ""
    if request.method == "POST":
        try:
            agreement = agreement_get(scope=scope, organization_id=org.pk,
                                      agreement_id=_id(form.get("agreement", "")))
            row = request_prepare(agreement=agreement, year_name=_year(form.get("year", "")), prepared_on=today,
                                  actor=actor_of(request), amount=_money(form.get("amount", ""), "amount",
                                                                         required=False))
        except DomainError as exc:
            if exc.code == "not_found.agreement":
                exc = DomainError("invalid.agreement", "กรุณาเลือกแหล่งเงิน", "Choose a source", "agreement")
            error = refusal_message(exc)
        else:
            messages.success(request, _("Request prepared: %(amount)s.")
                             % {"amount": format_baht(row.amount, unit=_unit())})
            return redirect("web:funding_request", org_id=org.pk, request_id=row.pk)
    last_year = org.accounting_year.name_of(org.accounting_year.start_of(today) - timedelta(days=1))
    return render(request, "web/funding/request_form.html", {
        "org": org, "form": form, "error": error, "default_year": last_year,
        "agreements": agreement_list(scope=scope, organization_id=org.pk), "labels": dict(KINDS),
    }, status=422 if error else 200)


@login_required
@require_safe
def request_detail(request, org_id: int, request_id: int):
    scope = scope_of(request)
    org = _fund(request, org_id, Permission.VIEW_BOOKS)
    row = request_get(scope=scope, organization_id=org.pk, request_id=request_id)
    names = {}
    if scope.can(Permission.VIEW_PEOPLE, org.pk):
        ids = [x["membership_id"] for x in row.lines]
        names = {m.pk: m.person.full_name_th
                 for m in Membership.objects.filter(organization=org, pk__in=ids).select_related("person")}
    lines = [{**x, "name": names.get(x["membership_id"], "")} for x in row.lines]
    received = received_list(scope=scope, organization_id=org.pk).filter(request=row)
    return render(request, "web/funding/request_detail.html", {
        "org": org, "r": row, "lines": lines, "labels": dict(KINDS), "statuses": STATUSES, "received": received,
        "outstanding": max(row.amount - (row.received_total or 0), 0), "today": timezone.localdate(),
        "can_send": row.status == "prepared" and (scope.can(Permission.POST_ENTRIES, org.pk)
                                                  or scope.can(DECIDE, org.pk)),
        "ratio": ratio_text(row.agreement.matching_ratio) if row.agreement.matches else "",
        "can_post": scope.can(Permission.POST_ENTRIES, org.pk),
        "amount_text": format_baht(row.amount, unit="").replace(",", ""),
    })


@login_required
@require_safe
def request_pdf_view(request, org_id: int, request_id: int):
    scope = scope_of(request)
    org = _fund(request, org_id, Permission.VIEW_BOOKS)
    row = request_get(scope=scope, organization_id=org.pk, request_id=request_id)
    pdf = request_pdf(row, scope=scope, prepared_by=request.user.get_full_name() or request.user.get_username())
    return file_response(pdf, "application/pdf", f"request-{row.year_name}-{row.agreement.kind}-{row.pk}.pdf",
                         inline=True)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def receive_new(request, org_id: int):
    """รับเงินจากแหล่งภายนอก: the treasurer records money that came in, against a source (and a request)."""
    scope = scope_of(request)
    org = _fund(request, org_id, Permission.POST_ENTRIES)
    today = timezone.localdate()
    form, error = (request.POST if request.method == "POST" else request.GET), ""
    key = form.get("key", "").strip()[:80] or uuid.uuid4().hex
    requests = list(request_list(scope=scope, organization_id=org.pk))
    if request.method == "POST":
        try:
            agreement = agreement_get(scope=scope, organization_id=org.pk,
                                      agreement_id=_id(form.get("agreement", "")))
            asked = next((r for r in requests if str(r.pk) == form.get("request")), None)
            row = funds_receive(agreement=agreement, request=asked, amount=_money(form.get("amount", ""), "amount"),
                                received_on=_date(form.get("received_on", ""), "received_on", today),
                                account=form.get("account", "1102"), actor=actor_of(request), idempotency_key=key,
                                memo=form.get("memo", "").strip()[:300])
        except DomainError as exc:
            if exc.code == "not_found.agreement":
                exc = DomainError("invalid.agreement", "กรุณาเลือกแหล่งเงิน", "Choose a source", "agreement")
            error = refusal_message(exc)
        else:
            messages.success(request, _("Received %(amount)s; entry JV%(entry)06d.")
                             % {"amount": format_baht(row.amount, unit=_unit()), "entry": row.entry.number})
            return redirect("web:funding", org_id=org.pk)
    return render(request, "web/funding/receive_form.html", {
        "org": org, "form": form, "error": error, "key": key, "today": today, "cash": CASH,
        "agreements": agreement_list(scope=scope, organization_id=org.pk), "requests": requests,
        "labels": dict(KINDS),
    }, status=422 if error else 200)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def admin_expense_new(request, org_id: int):
    """จ่ายค่าบริหารจัดการ: refused over the fund's cap with the figures; a warning when close."""
    scope = scope_of(request)
    org = _fund(request, org_id, Permission.POST_ENTRIES)
    today = timezone.localdate()
    form, error = (request.POST if request.method == "POST" else {}), ""
    key = form.get("key", "").strip()[:80] or uuid.uuid4().hex
    if request.method == "POST":
        try:
            done = admin_expense_record(
                organization=org, amount=_money(form.get("amount", ""), "amount"),
                spent_on=_date(form.get("spent_on", ""), "spent_on", today),
                description=form.get("description", "")[:250], account=form.get("account", "1101"),
                actor=actor_of(request), idempotency_key=key)
        except DomainError as exc:
            error = refusal_message(exc)
        else:
            text = _("Administration expense recorded; entry JV%(entry)06d.") % {"entry": done.entry.number}
            if done.check.level is domain.CapLevel.WARNING:
                messages.warning(request, f"{text} {done.check.message_en if _en() else done.check.message_th}")
            else:
                messages.success(request, text)
            return redirect("web:funding", org_id=org.pk)
    cap = admin_cap_status(scope=scope, organization=org, on=today)
    return render(request, "web/funding/admin_expense_form.html", {
        "org": org, "form": form, "error": error, "key": key, "today": today, "cap": cap,
        "cash": list(reversed(CASH)),
    }, status=422 if error else 200)


def _en() -> bool:
    return language().startswith("en")


@login_required
def allocation_view(request, org_id: int):
    """กำหนดสัดส่วนค่าบริหารจัดการ: the committee sets the fund's cap. The scope is checked before the
    method, so another fund's id is refused whatever the method."""
    org = _fund(request, org_id, DECIDE)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    text = thai_digits_to_arabic(request.POST.get("cap_percent", "")).strip()
    try:
        try:
            pct = Decimal(text)
        except InvalidOperation:
            raise DomainError("invalid.cap_percent", f"'{text}' ไม่ใช่ร้อยละ", f"'{text}' is not a percent",
                              "cap_percent") from None
        allocation_set(organization=org, admin_cap_percent=pct, actor=actor_of(request),
                       why=request.POST.get("why", "").strip()[:300],
                       cap_base=request.POST.get("cap_base", "").strip()[:20] or None)
    except DomainError as exc:
        messages.error(request, refusal_message(exc))
    else:
        messages.success(request, _("Administration cap set to %(pct)s%%.") % {"pct": f"{pct.normalize():f}"})
    return redirect("web:funding", org_id=org.pk)


@login_required
def request_send_view(request, org_id: int, request_id: int):
    """ส่งคำขอ: the treasurer or the committee records the day a prepared request went out and its letter.
    The scope is checked before the method."""
    scope = scope_of(request)
    org = _fund(request, org_id, Permission.VIEW_BOOKS)
    if not (scope.can(Permission.POST_ENTRIES, org.pk) or scope.can(DECIDE, org.pk)):
        scope.require(Permission.POST_ENTRIES, org.pk)
    row = request_get(scope=scope, organization_id=org.pk, request_id=request_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        row = request_send(request=row, actor=actor_of(request),
                           sent_on=_date(request.POST.get("sent_on", ""), "sent_on", timezone.localdate()),
                           document_no=request.POST.get("document_no", "")[:100])
    except DomainError as exc:
        messages.error(request, refusal_message(exc))
    else:
        messages.success(request, _("Request sent with letter %(no)s.") % {"no": row.sent_document_no})
    return redirect("web:funding_request", org_id=org.pk, request_id=row.pk)


@login_required
def received_reverse_view(request, org_id: int):
    """กลับรายการรับเงิน: the treasurer reverses money recorded by mistake, with the reason; the receipt
    stays, marked reversed. The scope is checked before the method; the receipt's id comes in the form."""
    scope = scope_of(request)
    org = _fund(request, org_id, Permission.POST_ENTRIES)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        row = received_get(scope=scope, organization_id=org.pk, received_id=_id(request.POST.get("received", "")))
        row = funds_receipt_reverse(receipt=row, actor=actor_of(request), why=request.POST.get("why", "")[:300],
                                    on=_date(request.POST.get("on", ""), "on", timezone.localdate()))
    except DomainError as exc:
        messages.error(request, refusal_message(exc))
    else:
        messages.success(request, _("Money received reversed; entry JV%(entry)06d.")
                         % {"entry": row.reversal_entry.number})
    return redirect("web:funding", org_id=org.pk)
