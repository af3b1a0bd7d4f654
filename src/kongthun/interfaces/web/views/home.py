"""The home page per role (หน้าแรก): a treasurer's work for today, what waits for the committee, the
auditor's journal, audit trail and checks, a member's own records, and an area's organizations with
alerts. Reads only, through homes.selectors and homes.area."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from kongthun.access.domain import Permission
from kongthun.homes import selectors as homes
from kongthun.homes.area import area_home
from kongthun.interfaces.web.helpers import org_links, scope_of
from kongthun.ledger.selectors import entry_list
from kongthun.orgs.selectors import organization_list, organization_summaries

LATEST_ENTRIES = 10


def _card(scope, summary, today) -> dict:
    org = summary.org
    card = {"summary": summary, "links": org_links(scope, org.pk),
            "entries": entry_list(scope=scope, organization_id=org.pk)[:LATEST_ENTRIES]}
    if scope.can(Permission.POST_ENTRIES, org.pk):
        card["today"] = homes.treasurer_today(scope=scope, organization=org, on=today)
    if scope.can(Permission.DECIDE_CLAIMS, org.pk):
        card["waiting"] = homes.committee_waiting(scope=scope, organization=org)
    if scope.can(Permission.VIEW_AUDIT, org.pk):
        card["auditor"] = homes.auditor_view(scope=scope, organization=org)
    return card


@login_required
@require_safe
def home(request):
    """Per role: one's own organizations' work, an area's figures and alerts, one's own memberships."""
    scope = scope_of(request)
    today = timezone.localdate()
    cards = []
    if not scope.is_admin:
        books = organization_list(scope=scope, perm=Permission.VIEW_BOOKS)
        cards = [_card(scope, s, today) for s in organization_summaries(scope=scope, organizations=books)]
    area = None
    if scope.is_admin or scope.areas:
        rows, total = area_home(scope=scope, on=today)
        area = {"rows": rows, "total": total, "alerts": sum(1 for r in rows if r.alerts)}
    return render(request, "web/home.html", {
        "cards": cards,
        "area": area,
        "mine": homes.member_home(scope=scope, on=today),
        "today": today,
    })
