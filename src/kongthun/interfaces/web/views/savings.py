"""Savings pages (เงินฝากสัจจะและหุ้น): the group's savings list, its policy, and the monthly collection
screen. A member's own savings page and leaving are in savings_member.py. Reads through the savings
selectors, writes through its actions; scope refusals go on to the middleware (403/404)."""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from kongthun.access.domain import Permission
from kongthun.clock import parse_iso_date, utc_now
from kongthun.errors import DomainError
from kongthun.interfaces.web.helpers import actor_of, language, refusal_message, scope_of
from kongthun.money import Satang, format_baht, parse_baht, thai_digits_to_arabic
from kongthun.orgs.selectors import organization_get
from kongthun.people.selectors import membership_list
from kongthun.savings.accounts import selectors
from kongthun.savings.accounts.actions import SAVINGS_KINDS, policy_set
from kongthun.savings.accounts.collection import CollectionLine, savings_collection_record
from kongthun.savings.accounts.leaving import savings_interest_post
from kongthun.savings.domain import policy as domain

BASIS_LABELS = {domain.InterestBasis.MIN_MONTHLY_BALANCE.value: ("ยอดเงินฝากต่ำสุดของแต่ละเดือน",
                                                               "the lowest balance of each month"),
                domain.InterestBasis.MONTH_END_BALANCE.value: ("ยอดเงินฝากสิ้นเดือน", "the balance at each month's end")}
SAJJA, SHARES, FINE = "sajja_", "shares_", "fine_"  # one input of each per member: sajja_<membership id>


def group_of(request, org_id: int, perm: Permission):
    """The savings group the user may open with `perm`; any other kind of organization is not found."""
    org = organization_get(scope=scope_of(request), organization_id=org_id, perm=perm)
    if org.kind not in SAVINGS_KINDS:
        raise DomainError("not_found.organization", "ไม่พบกลุ่มออมทรัพย์นี้", "No such savings group",
                          f"organization {org_id}")
    return org


def policy_or_none(org, on: date) -> domain.Policy | None:
    try:
        return selectors.group_policy(org.pk, on)
    except DomainError as exc:
        if exc.code != "conflict.no_savings_policy":
            raise
        return None


def amount_of(text: str, where: str) -> Satang:
    """Blank is nothing; anything else must be an amount of money (Thai digits and commas allowed)."""
    text = (text or "").strip()
    return parse_baht(text, where=where) if text else 0


def month_param(raw: str, default: date) -> date:
    raw = thai_digits_to_arabic((raw or "").strip())
    if not raw:
        return domain.month_of(default)
    return domain.month_of(parse_iso_date(raw if len(raw) > 7 else f"{raw}-01", where="month"))


# --- the group's savings ------------------------------------------------------------------------------


@login_required
@require_safe
def savings_index(request, org_id: int):
    """เงินฝากสัจจะและหุ้นของสมาชิก: every member's savings and shares, the totals beside 2101 and 3201."""
    org = group_of(request, org_id, Permission.VIEW_PEOPLE)
    scope = scope_of(request)
    today = timezone.localdate()
    rows = selectors.members_due(scope=scope, organization_id=org.pk, month=today)
    return render(request, "web/savings/index.html", {
        "org": org, "rows": rows, "policy": policy_or_none(org, today), "today": today,
        "savings": sum(r.savings for r in rows), "shares": sum(r.shares for r in rows),
        "can_post": scope.can(Permission.POST_ENTRIES, org.pk),
        "can_decide": scope.can(Permission.LOCK_PERIOD, org.pk),
    })


# --- policy -------------------------------------------------------------------------------------------

POLICY_FIELDS = ("effective_from", "share_price", "min_shares", "max_shares", "monthly_promise",
                 "missed_month_fine", "withdrawal_rule", "withdrawal_percent", "min_balance", "interest_rate",
                 "interest_basis", "why")


def _whole(text: str, where: str) -> int:
    text = thai_digits_to_arabic((text or "").strip()) or "0"
    if not text.isdigit():
        raise DomainError("invalid.number", f"'{text}' ต้องเป็นจำนวนเต็ม", f"'{text}' must be a whole number", where)
    return int(text)


def _policy_args(post) -> dict:
    rate = thai_digits_to_arabic(post.get("interest_rate", "").strip()) or "0"
    try:
        rate_value = Decimal(rate)
    except ArithmeticError:
        raise DomainError("invalid.savings_policy", f"อัตราดอกเบี้ย '{rate}' ไม่ถูกต้อง",
                          f"'{rate}' is not an interest rate", "interest_rate") from None
    return {
        "effective_from": parse_iso_date(post.get("effective_from", ""), where="effective_from"),
        "share_price": amount_of(post.get("share_price", ""), "share_price"),
        "min_shares": _whole(post.get("min_shares", ""), "min_shares"),
        "max_shares": _whole(post.get("max_shares", ""), "max_shares"),
        "monthly_promise": amount_of(post.get("monthly_promise", ""), "monthly_promise"),
        "missed_month_fine": amount_of(post.get("missed_month_fine", ""), "missed_month_fine"),
        "withdrawal_rule": post.get("withdrawal_rule", ""),
        "withdrawal_percent": _whole(post.get("withdrawal_percent", ""), "withdrawal_percent"),
        "min_balance": amount_of(post.get("min_balance", ""), "min_balance"),
        "interest_rate": rate_value, "interest_basis": post.get("interest_basis", ""),
        "why": post.get("why", "").strip()[:300],
    }


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def savings_policy(request, org_id: int):
    """ระเบียบเงินฝากสัจจะและหุ้น: the versions adopted, and (for the committee) a form for a new one."""
    org = group_of(request, org_id, Permission.VIEW_BOOKS)
    scope = scope_of(request)
    can_decide = scope.can(Permission.LOCK_PERIOD, org.pk)
    error, typed = "", {}
    if request.method == "POST":
        scope.require(Permission.LOCK_PERIOD, org.pk)
        typed = {k: request.POST.get(k, "") for k in POLICY_FIELDS}
        try:
            policy_set(organization=org, actor=actor_of(request), **_policy_args(request.POST))
        except DomainError as exc:
            error = refusal_message(exc)
        else:
            messages.success(request, _("The savings policy was adopted."))
            return redirect("web:savings_policy", org.pk)
    return render(request, "web/savings/policy.html", {
        "org": org, "versions": selectors.policy_list(scope=scope, organization_id=org.pk), "error": error,
        "typed": typed, "can_decide": can_decide, "rules": domain.WITHDRAWAL_RULE_LABELS.items(),
        "rule_labels": {k.value: v for k, v in domain.WITHDRAWAL_RULE_LABELS.items()},
        "bases": [b.value for b in domain.InterestBasis], "basis_labels": BASIS_LABELS,
    }, status=422 if error else 200)


# --- monthly collection ---------------------------------------------------------------------------------


def _typed(post) -> dict[int, dict[str, str]]:
    out: dict[int, dict[str, str]] = {}
    for name, value in post.items():
        for prefix in (SAJJA, SHARES, FINE):
            rest = name[len(prefix):]
            if name.startswith(prefix) and rest.isdigit():
                out.setdefault(int(rest), {})[prefix] = value.strip()[:20]
    return out


def _lines(typed: dict[int, dict[str, str]], member_nos: dict[int, str]) -> list[CollectionLine]:
    """A member with nothing typed (and no fine ticked) pays nothing today and is left out."""
    lines = []
    for mid in sorted(typed, key=lambda k: member_nos.get(k, "~") + str(k)):
        row = typed[mid]
        sajja = amount_of(row.get(SAJJA, ""), f"{SAJJA}{mid}")
        shares = amount_of(row.get(SHARES, ""), f"{SHARES}{mid}")
        fines = bool(row.get(FINE))
        if sajja or shares or fines:
            lines.append(CollectionLine(mid, sajja, shares, fines))
    return lines


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def savings_collect(request, org_id: int):
    """เก็บเงินสัจจะประจำเดือน: every member's promise, what is paid for the month, months missed and the
    fine due, with a sajja box and a shares box each; one POST records the day."""
    org = group_of(request, org_id, Permission.POST_ENTRIES)
    scope = scope_of(request)
    source = request.POST if request.method == "POST" else request.GET
    today = timezone.localdate()
    error, typed, key = "", {}, uuid.uuid4().hex
    try:
        on = parse_iso_date(source.get("date", ""), where="date") if source.get("date") else today
        month = month_param(source.get("month", ""), on)
    except DomainError as exc:
        on, month, error = today, domain.month_of(today), exc.message(language())
    if request.method == "POST":
        typed, key = _typed(request.POST), request.POST.get("key", "").strip()[:100]
        if not error:
            response = _record(request, org, on, month, typed, key)
            if isinstance(response, HttpResponse):
                return response
            error = response
    rows = selectors.members_due(scope=scope, organization_id=org.pk, month=month)
    return render(request, "web/savings/collect.html", {
        "org": org, "on": on, "month": month, "key": key, "error": error, "typed": typed,
        "rows": [(r, format_baht(r.promise, unit="") if r.promise else "") for r in rows],
        "policy": policy_or_none(org, on), "sajja": SAJJA, "shares": SHARES, "fine": FINE,
    }, status=422 if error else 200)


def _record(request, org, on: date, month: date, typed, key: str) -> HttpResponse | str:
    started = utc_now()
    nos = dict(membership_list(scope=scope_of(request), organization_id=org.pk).values_list("pk", "member_no"))
    try:
        v = savings_collection_record(organization=org, collected_on=on, month=month, actor=actor_of(request),
                                      lines=_lines(typed, nos), idempotency_key=key)
    except DomainError as exc:
        if exc.code == "not_found.membership":
            return exc.message(language())
        return refusal_message(exc)
    if v.recorded_at < started:
        messages.info(request, _("This collection was already recorded: nothing was recorded twice."))
    else:
        unit = "baht" if language().startswith("en") else "บาท"
        total = v.entry.lines.filter(amount__gt=0).values_list("amount", flat=True)
        messages.success(request, _("Recorded the collection of %(count)d members, %(total)s in all.")
                         % {"count": len({m.membership_id for m in v.movements.all()}
                                         | {s.membership_id for s in v.share_transactions.all()}
                                         | {f.membership_id for f in v.fines.all()}),
                            "total": format_baht(sum(total), unit=unit)})
    return redirect(f"{reverse('web:savings_collect', args=[org.pk])}?month={month:%Y-%m}&date={on.isoformat()}")


# --- interest on savings ----------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def savings_interest(request, org_id: int):
    """ดอกเบี้ยเงินฝากสัจจะประจำปี: each member's interest for the year as it would be posted, then one button."""
    org = group_of(request, org_id, Permission.VIEW_BOOKS)
    scope = scope_of(request)
    source = request.POST if request.method == "POST" else request.GET
    today = timezone.localdate()
    error, preview = "", None
    year = org.accounting_year.name_of(today)
    try:
        year = _whole(source.get("year", ""), "year") or year
        preview = selectors.interest_preview(scope=scope, organization=org, year_name=year)
        if request.method == "POST":
            scope.require(Permission.POST_ENTRIES, org.pk)
            savings_interest_post(organization=org, year_name=year, on=preview.on, actor=actor_of(request),
                                  idempotency_key=request.POST.get("key", "").strip()[:100])
            messages.success(request, _("The year's interest on savings was posted."))
            return redirect(f"{reverse('web:savings_interest', args=[org.pk])}?year={year}")
    except DomainError as exc:
        error = refusal_message(exc)
    return render(request, "web/savings/interest.html", {
        "org": org, "year": year, "preview": preview, "error": error, "key": uuid.uuid4().hex,
        "can_post": scope.can(Permission.POST_ENTRIES, org.pk),
    }, status=422 if error and request.method == "POST" else 200)
