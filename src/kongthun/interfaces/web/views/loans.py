"""Loan pages (เงินกู้): the group's loans with the committee's queue, products, the application form, a
loan's page (schedule, payments, balance, history) with its forms: decide, disburse, repay, restructure,
write off, follow up. Reads through the loans selectors, writes through its actions; problems with what
was typed come back on the page (helpers.refusal_message), scope refusals stay 403/404 (the middleware)."""

from __future__ import annotations

import uuid
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
from kongthun.interfaces.web.helpers import actor_of, language, paginate, refusal_message, scope_of
from kongthun.money import parse_baht
from kongthun.orgs.selectors import organization_get
from kongthun.people.models import MembershipStatus
from kongthun.people.selectors import membership_by_number, membership_list
from kongthun.savings.domain.aging import bucket_label
from kongthun.savings.domain.schedule import FREQUENCY_LABELS, METHOD_LABELS
from kongthun.savings.loans import actions, changes
from kongthun.savings.loans.models import ChangeStatus, Instalment, LoanStatus, Purpose, ScheduleVersion
from kongthun.savings.loans.reports import kind_label, product_line, status_label, terms_line
from kongthun.savings.loans.selectors import (
    awaiting_decision,
    changes_awaiting,
    loan_get,
    loan_list,
    pending_change,
    position,
    product_get,
    product_list,
)

DECIDE, RECORD, BOOKS = Permission.APPROVE_LOANS, Permission.POST_ENTRIES, Permission.VIEW_BOOKS


def _date(text: str, where: str):
    text = (text or "").strip()
    return parse_iso_date(text, where=where) if text else timezone.localdate()


def _money(text: str, where: str) -> int:
    if not (text or "").strip():
        raise DomainError("invalid.amount_required", "กรุณากรอกจำนวนเงิน", "Enter the amount", where)
    return parse_baht(text, where=where)


def _decimal(text: str, where: str, default: str | None = None) -> Decimal | None:
    text = (text or "").strip() or (default or "")
    if not text:
        return None
    try:
        return Decimal(text)
    except InvalidOperation:
        raise DomainError("invalid.number", f"'{text}' ไม่ใช่ตัวเลข", f"'{text}' is not a number", where) from None


def _int(text: str, where: str, default: int = 0) -> int:
    text = (text or "").strip()
    if not text:
        return default
    if not text.isdigit():
        raise DomainError("invalid.number", f"'{text}' ไม่ใช่จำนวนเต็ม", f"'{text}' is not a whole number", where)
    return int(text)


@login_required
@require_safe
def loan_index(request, org_id: int):
    """The group's loans; the committee's queue (applications with their explanation, restructurings and
    write-offs waiting) on top."""
    scope = scope_of(request)
    org = organization_get(scope=scope, organization_id=org_id, perm=BOOKS)
    status = request.GET.get("status", "")
    status = status if status in LoanStatus.values else ""
    page = paginate(request, loan_list(scope=scope, organization_id=org.pk, status=status or None), 50)
    lang = language()
    return render(request, "web/loans/index.html", {
        "org": org, "page": page, "status": status,
        "statuses": [(s.value, status_label(s.value, lang)) for s in LoanStatus],
        "rows": [(x, status_label(x.status, lang)) for x in page.object_list],
        "queue": list(awaiting_decision(org.pk)),
        "changes": list(changes_awaiting(scope=scope, organization_id=org.pk)),
        "can_decide": scope.can(DECIDE, org.pk), "can_record": scope.can(RECORD, org.pk),
    })


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def loan_products(request, org_id: int):
    """The group's loan products; the committee adds or changes one with the form below."""
    scope = scope_of(request)
    org = organization_get(scope=scope, organization_id=org_id, perm=BOOKS)
    error = None
    if request.method == "POST":
        scope.require(DECIDE, org.pk)
        p = request.POST
        try:
            actions.loan_product_set(
                organization=org, code=p.get("code", ""), name_th=p.get("name_th", ""), name_en=p.get("name_en", ""),
                purpose=p.get("purpose", ""), method=p.get("method", ""),
                annual_rate=_decimal(p.get("annual_rate"), "annual_rate", "0"),
                max_term_months=_int(p.get("max_term_months"), "max_term_months", 12),
                frequency=p.get("frequency", ""), max_amount=parse_baht(p.get("max_amount") or "0", where="max_amount"),
                savings_multiple=_decimal(p.get("savings_multiple"), "savings_multiple"),
                guarantors_required=_int(p.get("guarantors_required"), "guarantors_required"),
                guarantor_limit=parse_baht(p.get("guarantor_limit") or "0", where="guarantor_limit"),
                fine_amount=parse_baht(p.get("fine_amount") or "0", where="fine_amount"),
                grace_days=_int(p.get("grace_days"), "grace_days"),
                whole_period_interest=bool(p.get("whole_period_interest")), active=not p.get("withdrawn"),
                actor=actor_of(request))
        except DomainError as exc:
            error = refusal_message(exc)
        else:
            messages.success(request, _("The loan product was saved."))
            return redirect("web:loan_products", org_id=org.pk)
    lang = language()
    rows = [(x, product_line(x, lang)) for x in product_list(scope=scope, organization_id=org.pk)]
    return render(request, "web/loans/products.html", {
        "org": org, "rows": rows, "error": error, "form": request.POST, "can_decide": scope.can(DECIDE, org.pk),
        "purposes": Purpose.choices, "methods": [(k.value, v) for k, v in METHOD_LABELS.items()],
        "frequencies": [(k.value, v) for k, v in FREQUENCY_LABELS.items()],
    }, status=422 if error else 200)


def _members(scope, org):
    return membership_list(scope=scope, organization_id=org.pk).filter(status=MembershipStatus.ACTIVE).select_related(
        "person").order_by("member_no")


def _member_by_no(scope, org, number: str, where: str):
    m = membership_by_number(scope=scope, organization_id=org.pk, number=number)
    if m is None:
        raise DomainError("invalid.member", f"ไม่พบสมาชิกเลขที่ '{number}' ในกลุ่ม",
                          f"No member number '{number}' in this group", where)
    return m


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def loan_new(request, org_id: int):
    """The application form (คำขอกู้): the treasurer records it; it waits for the committee."""
    scope = scope_of(request)
    org = organization_get(scope=scope, organization_id=org_id, perm=RECORD)
    error = None
    if request.method == "POST":
        p = request.POST
        try:
            product = product_get(scope=scope, organization_id=org.pk, code=p.get("product", ""))
            guarantors = [_member_by_no(scope, org, g, "guarantors").pk
                          for g in p.get("guarantors", "").replace(" ", ",").split(",") if g.strip()]
            loan = actions.loan_apply(
                organization=org, membership=_member_by_no(scope, org, p.get("member_no", ""), "member_no"),
                product=product, amount=_money(p.get("amount"), "amount"),
                term_months=_int(p.get("term_months"), "term_months", product.max_term_months),
                purpose=p.get("purpose") or product.purpose, guarantor_ids=guarantors,
                applied_on=_date(p.get("date"), "date"), actor=actor_of(request),
                idempotency_key=p.get("key") or None, refinances=p.get("refinances", "").strip())
        except DomainError as exc:
            error = refusal_message(exc)
        else:
            messages.success(request, _("Application %(number)s was recorded and waits for the committee.")
                             % {"number": loan.number})
            return redirect("web:loan_detail", org_id=org.pk, loan_id=loan.pk)
    lang = language()
    return render(request, "web/loans/apply.html", {
        "org": org, "error": error, "form": request.POST, "key": request.POST.get("key") or uuid.uuid4().hex,
        "products": [(x, product_line(x, lang)) for x in product_list(scope=scope, organization_id=org.pk)
                     .filter(active=True)],
        "members": _members(scope, org)[:500], "purposes": Purpose.choices, "today": timezone.localdate(),
    }, status=422 if error else 200)


@login_required
@require_safe
def loan_detail(request, org_id: int, loan_id: int):
    """A loan's page: terms, guarantors, what is owed today, the schedule (any version), payments and history."""
    scope = scope_of(request)
    org = organization_get(scope=scope, organization_id=org_id, perm=BOOKS)
    loan = loan_get(scope=scope, organization_id=org.pk, loan_id=loan_id)
    today = timezone.localdate()
    versions = list(ScheduleVersion.objects.filter(loan=loan))
    shown = _int(request.GET.get("version"), "version", loan.version)
    lang = language()
    change = pending_change(loan)
    pos = position(loan, today)
    on_change = change is not None and loan.status != LoanStatus.APPLIED
    maker = change.requested_by_id if on_change else loan.recorded_by_id
    what = ("คำขอ", "request") if on_change else ("คำขอกู้", "loan application")
    try:  # maker-checker: say why this committee member may not decide, instead of offering the buttons
        actions.check_checker(loan, actor_of(request), maker, *what)
        not_yours = ""
    except DomainError as exc:
        not_yours = exc.message(lang)
    return render(request, "web/loans/detail.html", {
        "org": org, "loan": loan, "today": today, "terms": terms_line(loan, lang),
        "status": status_label(loan.status, lang), "pos": pos,
        "bucket": bucket_label(pos.bucket, lang) if pos else "",
        "guarantees": loan.guarantees.select_related("membership__person"),
        "versions": versions, "shown": shown,
        "instalments": Instalment.objects.filter(loan=loan, version=shown).order_by("n"),
        "events": [(e, kind_label(e.kind, lang)) for e in loan.events.select_related("entry").order_by("on", "id")],
        "notices": loan.notices.select_related("membership__person"), "change": change,
        "can_decide": scope.can(DECIDE, org.pk), "can_record": scope.can(RECORD, org.pk),
        "not_yours": not_yours, "key": uuid.uuid4().hex,
        "methods": [(k.value, v) for k, v in METHOD_LABELS.items()],
        "frequencies": [(k.value, v) for k, v in FREQUENCY_LABELS.items()],
    })


def _act(request, org_id: int, loan_id: int, perm: Permission, do):
    """Check the scope first (another group's ids are 404 whatever the method), then POST only."""
    scope = scope_of(request)
    org = organization_get(scope=scope, organization_id=org_id, perm=perm)
    loan = loan_get(scope=scope, organization_id=org.pk, loan_id=loan_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        message = do(loan, request.POST, actor_of(request))
    except DomainError as exc:
        messages.error(request, refusal_message(exc))
    else:
        messages.success(request, message)
    return redirect("web:loan_detail", org_id=org.pk, loan_id=loan.pk)


@login_required
def loan_decide(request, org_id: int, loan_id: int):
    """The committee approves or rejects the application, or the restructuring or write-off waiting."""
    def do(loan, post, actor):
        on, reason, approve = _date(post.get("date"), "date"), post.get("reason", "").strip(), "approve" in post
        change = pending_change(loan) if loan.status != LoanStatus.APPLIED else None
        if change is not None and change.status == ChangeStatus.REQUESTED:
            fn = changes.loan_change_approve if approve else changes.loan_change_reject
            fn(change=change, actor=actor, on=on, reason=reason)
        else:
            fn = actions.loan_approve if approve else actions.loan_reject
            fn(loan=loan, actor=actor, on=on, reason=reason)
        return _("Approved.") if approve else _("Rejected.")

    return _act(request, org_id, loan_id, DECIDE, do)


@login_required
def loan_disburse_view(request, org_id: int, loan_id: int):
    def do(loan, post, actor):
        actions.loan_disburse(loan=loan, on=_date(post.get("date"), "date"), actor=actor,
                              cash_account=post.get("cash_account", "1101"))
        return _("Loan %(number)s was paid out; its schedule starts today.") % {"number": loan.number}

    return _act(request, org_id, loan_id, RECORD, do)


@login_required
def loan_repay_view(request, org_id: int, loan_id: int):
    def do(loan, post, actor):
        e = actions.loan_repay(loan=loan, amount=_money(post.get("amount"), "amount"),
                               on=_date(post.get("date"), "date"), actor=actor,
                               idempotency_key=post.get("key", ""), cash_account=post.get("cash_account", "1101"))
        from kongthun.money import format_baht

        unit = "baht" if language().startswith("en") else "บาท"
        return _("Repayment recorded: fine %(fine)s, interest %(interest)s, principal %(principal)s.") % {
            "fine": format_baht(e.fine, unit=unit), "interest": format_baht(e.interest, unit=unit),
            "principal": format_baht(-e.principal, unit=unit)}

    return _act(request, org_id, loan_id, RECORD, do)


@login_required
def loan_change_view(request, org_id: int, loan_id: int):
    """Ask for a restructuring (new terms) or a write-off; or carry out the one the committee approved."""
    def do(loan, post, actor):
        on, kind = _date(post.get("date"), "date"), post.get("kind", "")
        change = pending_change(loan, kind)
        if change is not None and change.status == ChangeStatus.APPROVED and "carry_out" in post:
            run = changes.loan_restructure if kind == "restructure" else changes.loan_write_off
            run(change=change, on=on, actor=actor)
            return _("Done.")
        terms = {k: post[k].strip() for k in ("annual_rate", "method", "frequency") if post.get(k, "").strip()}
        if post.get("term_months", "").strip():
            terms["term_months"] = _int(post["term_months"], "term_months")
        changes.loan_change_request(loan=loan, kind=kind, on=on, reason=post.get("reason", ""), actor=actor,
                                    terms=terms)
        return _("The request waits for the committee.")

    return _act(request, org_id, loan_id, RECORD, do)


@login_required
def loan_follow_up_view(request, org_id: int, loan_id: int):
    def do(loan, post, actor):
        changes.loan_follow_up(loan=loan, on=_date(post.get("date"), "date"), note=post.get("note", ""), actor=actor)
        return _("Follow-up recorded.")

    return _act(request, org_id, loan_id, BOOKS, do)
