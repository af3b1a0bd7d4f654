from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_safe

from kongthun.access.domain import Permission
from kongthun.interfaces.web.helpers import org_links, scope_of
from kongthun.ledger.selectors import entry_list
from kongthun.orgs.selectors import organization_list, organization_summaries
from kongthun.people.selectors import memberships_of_self

HOME_TABLE_ROWS = 20


@login_required
@require_safe
def home(request):
    """Per role: the books of one's own organizations, an area's aggregates, one's memberships."""
    scope = scope_of(request)
    cards = []
    if not scope.is_admin:
        books = organization_list(scope=scope, perm=Permission.VIEW_BOOKS)
        for summary in organization_summaries(scope=scope, organizations=books):
            latest = entry_list(scope=scope, organization_id=summary.org.pk)[:10]
            cards.append({"summary": summary, "entries": latest, "links": org_links(scope, summary.org.pk)})
    area = None
    if scope.is_admin or scope.areas:
        orgs = organization_list(scope=scope)
        area = {
            "rows": organization_summaries(scope=scope, organizations=orgs[:HOME_TABLE_ROWS]),
            "total": orgs.count(),
        }
    return render(request, "web/home.html", {
        "cards": cards,
        "area": area,
        "my_memberships": memberships_of_self(scope=scope),
    })
