from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from kongthun.access.domain import Permission
from kongthun.interfaces.web.charts import chart_view
from kongthun.interfaces.web.helpers import language, org_links, paginate, scope_of
from kongthun.interfaces.web.labels import MEMBER_STATUSES
from kongthun.orgs.domain import ORG_KIND_LABELS
from kongthun.orgs.selectors import (
    audit_events,
    network_aggregates,
    organization_get,
    organization_list,
    organization_summaries,
)
from kongthun.welfare.reports.charts import fund_balance_chart


@login_required
@require_safe
def org_list(request):
    scope = scope_of(request)
    page = paginate(request, organization_list(scope=scope), 50)
    rows = organization_summaries(scope=scope, organizations=page.object_list)
    return render(request, "web/org_list.html", {"page": page, "rows": rows})


@login_required
@require_safe
def org_detail(request, org_id: int):
    scope = scope_of(request)
    org = organization_get(scope=scope, organization_id=org_id, perm=Permission.VIEW_AGGREGATES)
    [summary] = organization_summaries(scope=scope, organizations=[org])
    balance = fund_balance_chart(scope=scope, organization_id=org.pk, through=timezone.localdate(), lang=language())
    return render(request, "web/org_detail.html", {
        "org": org,
        "summary": summary,
        "balance_chart": None if balance.empty else chart_view(balance),
        "statuses": MEMBER_STATUSES,
        "steps": org.registration_steps.all(),
        "links": org_links(scope, org.pk),
    })


@login_required
@require_safe
def network(request):
    """Roll-ups by province and district: numbers of organizations, members and cash, no individuals."""
    scope = scope_of(request)
    return render(request, "web/network.html", {
        "blocks": network_aggregates(scope=scope),
        "kinds": [(k.value, label) for k, label in ORG_KIND_LABELS.items()],
    })


@login_required
@require_safe
def audit_list(request, org_id: int):
    scope = scope_of(request)
    org = organization_get(scope=scope, organization_id=org_id, perm=Permission.VIEW_AUDIT)
    page = paginate(request, audit_events(scope=scope, organization_id=org.pk), 50)
    return render(request, "web/audit_list.html", {"org": org, "page": page})
