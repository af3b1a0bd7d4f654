"""A member's savings page (สมุดเงินฝากสัจจะ): the passbook with its running balance, shares and promises,
with forms to deposit, withdraw (a refusal by the group's rule shows inline), buy shares and change the
promise; and the leave-and-refund page."""

from __future__ import annotations

import uuid
from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from kongthun.access.domain import Permission
from kongthun.clock import parse_iso_date
from kongthun.errors import DomainError
from kongthun.interfaces.web.helpers import actor_of, language, refusal_message, scope_of
from kongthun.interfaces.web.views.savings import amount_of, group_of, month_param, policy_or_none
from kongthun.money import format_baht
from kongthun.people.models import Membership
from kongthun.people.selectors import membership_get
from kongthun.savings.accounts import selectors
from kongthun.savings.accounts.actions import SAVINGS_KINDS, promise_set, savings_withdraw, shares_buy
from kongthun.savings.accounts.collection import savings_deposit
from kongthun.savings.accounts.leaving import member_leave_refund
from kongthun.savings.domain import policy as domain

FORMS = ("deposit", "withdraw", "shares", "promise")


def _member(request, org_id: int, membership_id: int) -> Membership:
    """The member if the user may see them (their own page for a member); a member of an organization
    that is not a savings group is not found."""
    m = membership_get(scope=scope_of(request), organization_id=org_id, membership_id=membership_id)
    if m.organization.kind not in SAVINGS_KINDS:
        raise DomainError("not_found.organization", "ไม่พบกลุ่มออมทรัพย์นี้", "No such savings group",
                          f"organization {org_id}")
    return m


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def savings_member(request, org_id: int, membership_id: int):
    scope = scope_of(request)
    m = _member(request, org_id, membership_id)
    org = m.organization
    passbook = selectors.member_passbook_savings(m.pk, scope=scope)
    today = timezone.localdate()
    errors: dict[str, str] = {}
    typed: dict[str, str] = {}
    if request.method == "POST":
        form = request.POST.get("form", "")
        if form not in FORMS:
            raise DomainError("invalid.form", "ไม่รู้จักแบบฟอร์มนี้", "Unknown form", "form")
        typed = {k: v.strip()[:40] for k, v in request.POST.items() if k != "csrfmiddlewaretoken"}
        try:
            _do(request, org, m, form, request.POST)
        except DomainError as exc:
            errors[form] = exc.message(language()) if exc.code == "not_found.membership" else refusal_message(exc)
        else:
            return redirect("web:savings_member", org.pk, m.pk)
    policy = policy_or_none(org, today)
    savings = passbook[-1].balance if passbook else 0
    return render(request, "web/savings/member.html", {
        "org": org, "m": m, "passbook": passbook, "savings": savings,
        "shares": list(selectors.member_shares(m.pk, scope=scope)),
        "share_value": selectors.share_balance(m.pk, date.max), "units": selectors.share_units(m.pk, date.max),
        "promises": selectors.member_promises(m.pk, scope=scope), "policy": policy,
        "most": domain.withdrawal_limit(policy, savings) if policy else 0,
        "rule": domain.WITHDRAWAL_RULE_LABELS[policy.withdrawal_rule] if policy else None,
        "can_post": scope.can(Permission.POST_ENTRIES, org.pk) and m.status in ("active", "lapsed"),
        "errors": errors, "typed": typed, "key": uuid.uuid4().hex, "today": today,
        "forms": [("deposit", _("Deposit savings")), ("withdraw", _("Withdraw savings")),
                  ("shares", _("Buy shares")), ("promise", _("Change the monthly promise"))],
    }, status=422 if errors else 200)


def _do(request, org, m: Membership, form: str, post) -> None:
    scope_of(request).require(Permission.POST_ENTRIES, org.pk)
    actor, key = actor_of(request), post.get("key", "").strip()[:100]
    on = parse_iso_date(post.get("date", ""), where="date") if post.get("date") else timezone.localdate()
    amount = amount_of(post.get("amount", ""), "amount")
    unit = "baht" if language().startswith("en") else "บาท"
    if form == "deposit":
        savings_deposit(membership=m, amount=amount, on=on, actor=actor, idempotency_key=key)
        messages.success(request, _("Deposited %(amount)s.") % {"amount": format_baht(amount, unit=unit)})
    elif form == "withdraw":
        savings_withdraw(membership=m, amount=amount, on=on, actor=actor, idempotency_key=key,
                         why=post.get("why", "").strip()[:200])
        messages.success(request, _("Paid out %(amount)s.") % {"amount": format_baht(amount, unit=unit)})
    elif form == "shares":
        shares_buy(membership=m, amount=amount, on=on, actor=actor, idempotency_key=key)
        messages.success(request, _("Shares bought for %(amount)s.") % {"amount": format_baht(amount, unit=unit)})
    else:
        promise_set(membership=m, from_month=month_param(post.get("month", ""), on), amount=amount, actor=actor,
                    why=post.get("why", "").strip()[:200])
        messages.success(request, _("The monthly promise was changed."))


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def savings_leave(request, org_id: int, membership_id: int):
    """ลาออกและรับเงินคืน: what the member is paid back (savings, shares, less fines owed), then one button."""
    org = group_of(request, org_id, Permission.POST_ENTRIES)
    scope_of(request).require(Permission.WRITE_PEOPLE, org.pk)
    m = _member(request, org.pk, membership_id)
    source = request.POST if request.method == "POST" else request.GET
    error, key, why, on = "", uuid.uuid4().hex, "", timezone.localdate()
    try:
        on = parse_iso_date(source.get("date", ""), where="date") if source.get("date") else on
    except DomainError as exc:
        error = exc.message(language())
    if request.method == "POST" and not error:
        key, why = request.POST.get("key", "").strip()[:100], request.POST.get("why", "").strip()[:300]
        try:
            out = member_leave_refund(membership=m, on=on, actor=actor_of(request), idempotency_key=key, why=why)
        except DomainError as exc:
            error = refusal_message(exc)
        else:
            unit = "baht" if language().startswith("en") else "บาท"
            messages.success(request, _("The member has left; %(amount)s was paid back.")
                             % {"amount": format_baht(out.refund.total, unit=unit)})
            return redirect("web:savings_member", org.pk, m.pk)
    due = selectors.dues_of(org.pk, [m], domain.month_of(on))
    fines = sum(selectors.fine_of(org.pk, due[0].unfined).values()) if due else 0
    refund = domain.leaving_refund(selectors.savings_balance(m.pk, date.max), selectors.share_balance(m.pk, date.max),
                                   fines)
    return render(request, "web/savings/leave.html", {
        "org": org, "m": m, "refund": refund, "error": error, "key": key, "why": why, "today": on,
        "active": m.status in ("active", "lapsed"),
    }, status=422 if error else 200)
