from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from kongthun.access.domain import Permission
from kongthun.clock import parse_iso_date
from kongthun.errors import DomainError, error_kind
from kongthun.interfaces.web.helpers import actor_of, language, paginate, scope_of
from kongthun.interfaces.web.labels import ACCOUNT_TYPES
from kongthun.ledger.actions import entry_reverse
from kongthun.ledger.selectors import account_list, entry_list, trial_balance
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
        if error_kind(exc.code) not in ("invalid", "conflict"):
            raise
        messages.error(request, exc.message(language()))
        return redirect("web:entry_detail", org_id=org.pk, number=entry.number)
    messages.success(request, _("Entry JV%(old)06d was reversed by entry JV%(new)06d.")
                     % {"old": entry.number, "new": new.number})
    return redirect("web:entry_detail", org_id=org.pk, number=new.number)
