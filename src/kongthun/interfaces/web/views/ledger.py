from datetime import timedelta

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
from kongthun.errors import DomainError
from kongthun.interfaces.web.helpers import actor_of, language, paginate, refusal_message, scope_of
from kongthun.interfaces.web.labels import ACCOUNT_TYPES
from kongthun.ledger.actions import entry_reverse, year_close
from kongthun.ledger.domain import reversible_by_hand
from kongthun.ledger.selectors import (
    account_list,
    entry_list,
    entry_origin,
    trial_balance,
    year_close_list,
    year_close_preview,
)
from kongthun.money import format_baht
from kongthun.orgs.selectors import organization_get


@login_required
@require_safe
def accounts(request, org_id: int):
    """Chart of accounts with balances on each account's normal side."""
    scope = scope_of(request)
    org = organization_get(scope=scope, organization_id=org_id, perm=Permission.VIEW_BOOKS)
    rows = list(account_list(scope=scope, organization_id=org.pk))
    groups = [(t, [a for a in rows if a.type == t]) for t in ACCOUNT_TYPES]
    return render(request, "web/accounts.html", {
        "org": org,
        "groups": [(t, accts, sum(a.natural_balance for a in accts)) for t, accts in groups if accts],
        "trial": trial_balance(scope=scope, organization_id=org.pk),
    })


@login_required
@require_safe
def entries(request, org_id: int):
    scope = scope_of(request)
    org = organization_get(scope=scope, organization_id=org_id, perm=Permission.VIEW_BOOKS)
    page = paginate(request, entry_list(scope=scope, organization_id=org.pk), 25)
    return render(request, "web/entry_list.html", {"org": org, "page": page})


def _entry(scope, org, number: int):
    entry = entry_list(scope=scope, organization_id=org.pk).filter(number=number).first()
    if entry is None:
        raise DomainError("not_found.entry", "ไม่พบรายการบัญชีนี้", "Journal entry not found", f"entry {number}")
    return entry


@login_required
@require_safe
def entry_detail(request, org_id: int, number: int):
    scope = scope_of(request)
    org = organization_get(scope=scope, organization_id=org_id, perm=Permission.VIEW_BOOKS)
    entry = _entry(scope, org, number)
    lines = list(entry.lines.all())
    return render(request, "web/entry_detail.html", {
        "org": org,
        "entry": entry,
        "lines": lines,
        "total": sum(x.debit for x in lines),
        "reversed_by": entry_list(scope=scope, organization_id=org.pk).filter(reverses=entry).first(),
        "can_post": scope.can(Permission.POST_ENTRIES, org.pk),
        "made_by": "" if reversible_by_hand(entry_origin(entry)) else entry_origin(entry),
        "today": timezone.localdate(),
    })


@login_required
def entry_reverse_view(request, org_id: int, number: int):
    """Reverse a posted entry (กลับรายการ) with a reason; refusals come back as a message."""
    scope = scope_of(request)
    org = organization_get(scope=scope, organization_id=org_id, perm=Permission.POST_ENTRIES)
    entry = _entry(scope, org, number)
    # The method is checked after the scope, so another organization's ids get 404 whatever the method.
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        raw_date = request.POST.get("date", "").strip()
        on = parse_iso_date(raw_date, where="date") if raw_date else timezone.localdate()
        new = entry_reverse(entry=entry, date=on, actor=actor_of(request), why=request.POST.get("why", "").strip())
    except DomainError as exc:
        messages.error(request, refusal_message(exc))
        return redirect("web:entry_detail", org_id=org.pk, number=entry.number)
    messages.success(request, _("Entry JV%(old)06d was reversed by entry JV%(new)06d.")
                     % {"old": entry.number, "new": new.number})
    return redirect("web:entry_detail", org_id=org.pk, number=new.number)


def _year_asked(request, org) -> int:
    """The year asked for (?year=2569), else the last year that has ended."""
    raw = request.GET.get("year", "").strip()
    if raw.isdigit() and 2400 < int(raw) < 2700:
        return int(raw)
    ay = org.accounting_year
    return ay.name_of(ay.start_of(timezone.localdate()) - timedelta(days=1))


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def year_close_view(request, org_id: int):
    """Year-end close (ปิดบัญชีสิ้นปี): the years closed so far, what closing a year would post, and the
    committee's button. A refusal comes back on the page with its reason."""
    scope = scope_of(request)
    org = organization_get(scope=scope, organization_id=org_id, perm=Permission.VIEW_BOOKS)
    year_name = _year_asked(request, org)
    if request.method == "POST":
        organization_get(scope=scope, organization_id=org_id, perm=Permission.LOCK_PERIOD)
        try:
            year_name = int(request.POST.get("year", ""))
            closed = year_close(organization=org, year_name=year_name, closed_on=timezone.localdate(),
                                actor=actor_of(request), why=request.POST.get("why", "").strip())
        except ValueError:
            messages.error(request, _("Choose the year to close."))
        except DomainError as exc:
            messages.error(request, refusal_message(exc))
        else:
            messages.success(request, _("Year %(year)s is closed: a surplus of %(surplus)s baht was carried to the "
                                        "fund.") % {"year": closed.year_name, "surplus": format_baht(closed.surplus)})
        return redirect(f"{reverse('web:year_close', args=[org.pk])}?year={year_name}")
    preview = year_close_preview(scope=scope, organization=org, year_name=year_name)
    name_field = "name_en" if language().startswith("en") else "name_th"
    names = dict(account_list(scope=scope, organization_id=org.pk).values_list("code", name_field))
    return render(request, "web/year_close.html", {
        "org": org,
        "preview": preview,
        "lines": [(x.account, names.get(x.account, ""), max(x.amount, 0), max(-x.amount, 0))
                  for x in preview.lines],
        "closed_years": year_close_list(scope=scope, organization_id=org.pk),
        "can_close": scope.can(Permission.LOCK_PERIOD, org.pk),
        "ended": preview.year_end <= timezone.localdate(),
        "years": range(preview.year_name - 3, preview.year_name + 2),
    })
