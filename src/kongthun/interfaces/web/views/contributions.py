"""Contribution pages (เงินสมทบ): the collection-day screen, the receipts of a day with their detail,
PDF and void form, and the arrears list. Reads through the contributions selectors, writes through
its actions; scope refusals are left to the middleware (403/404)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from kongthun.access.domain import Permission
from kongthun.clock import format_be, parse_iso_date, utc_now
from kongthun.documents.domain import ReceiptDoc, ReceiptLine
from kongthun.documents.render import org_header, render_receipt_pdf
from kongthun.errors import DomainError, error_kind
from kongthun.interfaces.web.helpers import actor_of, file_response, language, refusal_message, scope_of
from kongthun.money import format_baht, thai_digits_to_arabic
from kongthun.orgs.selectors import organization_get
from kongthun.people.models import MembershipStatus
from kongthun.people.selectors import membership_list
from kongthun.welfare.contributions import domain
from kongthun.welfare.contributions.actions import (
    PaymentLine,
    collection_record,
    member_reinstate,
    plan_in_force,
    receipt_void,
)
from kongthun.welfare.contributions.selectors import (
    arrears_list,
    member_standing,
    receipt_list,
    reinstatement_due_for,
)

# Problems with what was typed come back on the form; scope refusals stay 403/404.
SHOWN_KINDS = ("invalid", "conflict", "not_found")
FIELD = "periods_"  # one number-of-periods input per member: periods_<membership id>
PAPERS = ("a4", "80mm")
COLLECTED_STATUSES = (MembershipStatus.ACTIVE, MembershipStatus.LAPSED)  # a lapsed member may pay to come back


def _date_param(raw: str, default: date, where: str) -> date:
    raw = (raw or "").strip()
    return parse_iso_date(raw, where=where) if raw else default


def _plan_or_none(org, on: date) -> domain.Plan | None:
    try:
        return plan_in_force(org.pk, on)
    except DomainError as exc:
        if exc.code != "conflict.no_plan":
            raise
        return None


# --- collection day -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class SheetRow:
    """One line of the collection sheet: a member, where they stand, and what was typed."""

    membership: object
    standing: domain.Standing | None
    typed: str


def _sheet(scope, org, on: date, plan, typed: dict[int, str]) -> list[SheetRow]:
    members = list(membership_list(scope=scope, organization_id=org.pk).filter(status__in=COLLECTED_STATUSES))
    behind = {}
    if plan is not None:
        # one pass for everyone behind; the few paid ahead are read one by one
        behind = {r.membership.pk: r.standing
                  for r in arrears_list(scope=scope, organization_id=org.pk, on=on, include_grace=True)}
    rows = []
    for m in members:
        standing = behind.get(m.pk)
        if standing is None and plan is not None:
            standing = member_standing(scope=scope, membership=m, on=on)
        rows.append(SheetRow(m, standing, typed.get(m.pk, "")))
    return rows


def _typed_periods(post) -> dict[int, str]:
    out = {}
    for name, value in post.items():
        if name.startswith(FIELD) and name[len(FIELD):].isdigit():
            out[int(name[len(FIELD):])] = value.strip()[:6]
    return out


def _payment_lines(typed: dict[int, str], member_nos: dict[int, str]) -> list[PaymentLine]:
    """Blank or 0 means the member does not pay today; anything else must be a whole number."""
    lines = []
    for membership_id, text in sorted(typed.items(), key=lambda kv: member_nos.get(kv[0], "~") + str(kv[0])):
        value = thai_digits_to_arabic(text).replace(",", "").strip()
        if value in ("", "0"):
            continue
        if not value.isdigit():
            no = member_nos.get(membership_id, str(membership_id))
            raise DomainError("invalid.periods", f"จำนวนงวดของสมาชิกเลขที่ {no} ต้องเป็นจำนวนเต็ม ('{text}')",
                              f"Member {no}: the number of periods must be a whole number ('{text}')",
                              f"{FIELD}{membership_id}")
        lines.append(PaymentLine(membership_id, periods=int(value)))
    return lines


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def collection_new(request, org_id: int):
    """บันทึกการเก็บเงินสมทบ: every member with a number-of-periods box, one POST for the day."""
    scope = scope_of(request)
    org = organization_get(scope=scope, organization_id=org_id, perm=Permission.POST_ENTRIES)
    today = timezone.localdate()
    source = request.POST if request.method == "POST" else request.GET
    error = ""
    typed: dict[int, str] = {}
    key = uuid.uuid4().hex
    try:
        on = _date_param(source.get("date", ""), today, "date")
    except DomainError as exc:
        on, error = today, exc.message(language())
    if request.method == "POST":
        typed = _typed_periods(request.POST)
        key = request.POST.get("key", "").strip()[:100]
        if not error:
            response = _record(request, org, on, typed, key)
            if isinstance(response, HttpResponse):
                return response
            error = response
    plan = _plan_or_none(org, on)
    rows = _sheet(scope, org, on, plan, typed)
    total = sum(int(r.typed) for r in rows if r.typed.isdigit()) * (plan.period_amount if plan else 0)
    return render(request, "web/contributions/collection_form.html", {
        "org": org, "on": on, "key": key, "rows": rows, "plan": plan, "error": error, "total": total,
        "frequency": domain.FREQUENCY_LABELS[plan.frequency] if plan else None, "field": FIELD,
    }, status=422 if error else 200)


def _record(request, org, on: date, typed: dict[int, str], key: str) -> HttpResponse | str:
    """Post the day; a redirect to its receipts, or the message to show on the form."""
    started = utc_now()
    member_nos = dict(membership_list(scope=scope_of(request), organization_id=org.pk).values_list("pk", "member_no"))
    try:
        collection = collection_record(organization=org, collected_on=on, actor=actor_of(request),
                                       payments=_payment_lines(typed, member_nos), idempotency_key=key)
    except DomainError as exc:
        if error_kind(exc.code) not in SHOWN_KINDS or exc.code == "not_found.organization":
            raise
        return exc.message(language())
    count, total = collection.receipts.count(), collection.contributions + collection.entry_fees
    if collection.recorded_at < started:
        messages.info(request, _("This collection was already recorded: nothing was recorded twice."))
    else:
        unit = "baht" if language().startswith("en") else "บาท"
        messages.success(request, _("Recorded %(count)d receipts, %(total)s in all.")
                         % {"count": count, "total": format_baht(total, unit=unit)})
    url = reverse("web:receipt_list", args=[org.pk])
    return redirect(f"{url}?date={collection.collected_on.isoformat()}")


# --- receipts ---------------------------------------------------------------------------------------


def _receipt_of(scope, org, receipt_id: int):
    receipt = (receipt_list(scope=scope, organization_id=org.pk, date_from=date.min, date_to=date.max)
               .select_related("collection__recorded_by", "voided_by").filter(pk=receipt_id).first())
    if receipt is None:
        raise DomainError("not_found.receipt", "ไม่พบใบเสร็จนี้", "Receipt not found", f"receipt {receipt_id}")
    return receipt


@login_required
@require_safe
def receipts(request, org_id: int):
    """Receipts of a day (?date=) or a period (?date=&to=), in number order, void ones marked."""
    scope = scope_of(request)
    org = organization_get(scope=scope, organization_id=org_id, perm=Permission.VIEW_BOOKS)
    on = _date_param(request.GET.get("date", ""), timezone.localdate(), "date")
    to = _date_param(request.GET.get("to", ""), on, "to")
    if to < on:
        raise DomainError("invalid.date_range", "วันที่สิ้นสุดอยู่ก่อนวันที่เริ่มต้น", "The end date is before the start date",
                          "to")
    rows = list(receipt_list(scope=scope, organization_id=org.pk, date_from=on, date_to=to))
    valid = [r for r in rows if not r.is_void]
    return render(request, "web/contributions/receipt_list.html", {
        "org": org, "on": on, "to": to, "rows": rows, "total": sum(r.total for r in valid), "count": len(valid),
        "can_collect": scope.can(Permission.POST_ENTRIES, org.pk),
    })


def _periods_text(receipt) -> str:
    """The receipt's line as printed (always Thai: the paper goes to the member)."""
    th, _en = domain.FREQUENCY_LABELS.get(receipt.frequency, (receipt.frequency, receipt.frequency))
    return f"เงินสมทบ {receipt.periods} งวด ({th}) {format_be(receipt.covered_from)} – {format_be(receipt.covered_to)}"


@login_required
@require_safe
def receipt_detail(request, org_id: int, receipt_id: int):
    scope = scope_of(request)
    org = organization_get(scope=scope, organization_id=org_id, perm=Permission.VIEW_BOOKS)
    receipt = _receipt_of(scope, org, receipt_id)
    return render(request, "web/contributions/receipt_detail.html", {
        "org": org, "r": receipt, "frequency": domain.FREQUENCY_LABELS.get(receipt.frequency),
        "can_void": scope.can(Permission.POST_ENTRIES, org.pk) and not receipt.is_void,
    })




def _receipt_doc(receipt) -> ReceiptDoc:
    lines = [ReceiptLine(_periods_text(receipt), receipt.amount)]
    if receipt.entry_fee:
        lines.append(ReceiptLine("ค่าสมัครสมาชิก", receipt.entry_fee))
    by = receipt.collection.recorded_by
    return ReceiptDoc(
        number=receipt.number, date=receipt.issued_on, member_name=receipt.membership.person.full_name_th,
        member_number=receipt.membership.member_no, lines=tuple(lines),
        received_by=(by.get_full_name() or by.get_username()) if by else "", void=receipt.is_void,
        void_reason=receipt.void_reason,
    )


@login_required
@require_safe
def receipt_pdf(request, org_id: int, receipt_id: int):
    """The receipt as PDF: ?paper=a4 (default) or 80mm for a receipt printer's roll."""
    scope = scope_of(request)
    org = organization_get(scope=scope, organization_id=org_id, perm=Permission.VIEW_BOOKS)
    receipt = _receipt_of(scope, org, receipt_id)
    paper = request.GET.get("paper", "a4")
    if paper not in PAPERS:
        raise DomainError("invalid.paper", "ขนาดกระดาษต้องเป็น a4 หรือ 80mm", "Paper must be a4 or 80mm", "paper")
    pdf = render_receipt_pdf(_receipt_doc(receipt), org_header(org), paper=paper)
    return file_response(pdf, "application/pdf", f'receipt-{receipt.number.replace("/", "-")}-{paper}.pdf',
                         inline=True)


@login_required
def receipt_void_view(request, org_id: int, receipt_id: int):
    """Void a receipt (ยกเลิกใบเสร็จ) with a reason; it stays, marked void, and its money is reversed."""
    scope = scope_of(request)
    org = organization_get(scope=scope, organization_id=org_id, perm=Permission.POST_ENTRIES)
    receipt = _receipt_of(scope, org, receipt_id)
    # The method is checked after the scope, so another fund's ids get 404 whatever the method.
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        receipt = receipt_void(receipt=receipt, actor=actor_of(request), why=request.POST.get("why", "").strip()[:250])
    except DomainError as exc:
        messages.error(request, refusal_message(exc))
    else:
        messages.success(request, _("Receipt %(number)s was voided; its money was reversed by entry JV%(entry)06d.")
                         % {"number": receipt.number, "entry": receipt.void_entry.number})
    return redirect("web:receipt_detail", org_id=org.pk, receipt_id=receipt.pk)


# --- arrears ----------------------------------------------------------------------------------------


@login_required
@require_safe
def arrears(request, org_id: int):
    """Members behind with their contributions on a date (ลูกหนี้เงินสมทบค้างส่ง), most behind first."""
    scope = scope_of(request)
    org = organization_get(scope=scope, organization_id=org_id, perm=Permission.VIEW_PEOPLE)
    on = _date_param(request.GET.get("date", ""), timezone.localdate(), "date")
    include_grace = request.GET.get("grace") == "1"
    plan = _plan_or_none(org, on)
    rows = arrears_list(scope=scope, organization_id=org.pk, on=on, include_grace=include_grace) if plan else []
    return render(request, "web/contributions/arrears.html", {
        "org": org, "on": on, "rows": rows, "plan": plan, "include_grace": include_grace,
        "total": sum(r.standing.arrears_satang for r in rows),
        "can_collect": scope.can(Permission.POST_ENTRIES, org.pk),
    })


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def member_reinstate_view(request, org_id: int, membership_id: int):
    """Bring a lapsed member back (กลับเข้าเป็นสมาชิก): what the plan asks, and one button."""
    scope = scope_of(request)
    org = organization_get(scope=scope, organization_id=org_id, perm=Permission.POST_ENTRIES)
    m = membership_list(scope=scope, organization_id=org.pk).filter(pk=membership_id).first()
    if m is None:
        raise DomainError("not_found.membership", "ไม่พบสมาชิก", "No such member", "membership")
    today = timezone.localdate()
    if request.method == "POST" and m.status == MembershipStatus.LAPSED:
        try:
            member_reinstate(membership=m, on=today, actor=actor_of(request), why=request.POST.get("why", ""),
                             idempotency_key=request.POST.get("key", "")[:100])
        except DomainError as exc:
            messages.error(request, refusal_message(exc))
        else:
            messages.success(request, _("Member %(no)s is a member again.") % {"no": m.member_no})
            return redirect("web:member_detail", org_id=org.pk, membership_id=m.pk)
    due = reinstatement_due_for(scope=scope, membership=m, on=today) if m.status == MembershipStatus.LAPSED else None
    return render(request, "web/contributions/reinstate.html", {
        "org": org, "m": m, "due": due, "today": today, "key": uuid.uuid4().hex,
        "due_text": (due.message_en if language().startswith("en") else due.message_th) if due else "",
    })
