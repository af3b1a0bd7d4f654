from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_safe

from kongthun.access.domain import Permission
from kongthun.interfaces.web.helpers import paginate, scope_of
from kongthun.orgs.selectors import organization_get
from kongthun.people.selectors import membership_by_number, membership_get, membership_list


@login_required
@require_safe
def member_list(request, org_id: int):
    """Members with masked IDs; ?q= searches Thai names and member numbers (htmx swaps the table)."""
    scope = scope_of(request)
    org = organization_get(scope=scope, organization_id=org_id, perm=Permission.VIEW_PEOPLE)
    q = request.GET.get("q", "").strip()[:100]
    page = paginate(request, membership_list(scope=scope, organization_id=org.pk, q=q), 50)
    context = {"org": org, "page": page, "q": q}
    if request.headers.get("HX-Request"):
        return render(request, "web/_member_table.html", context)
    return render(request, "web/member_list.html", context)


PICK_TARGETS = {"p", "s"}  # the box ids on the welfare (p<id>) and savings (s<id>) collection sheets
PICK_SHOWN = 8


@login_required
@require_safe
def member_pick(request, org_id: int):
    """The collection sheets' picker (เลือกสมาชิก): the first few members the search finds, each a label
    that moves the cursor to that member's box on the sheet."""
    scope = scope_of(request)
    org = organization_get(scope=scope, organization_id=org_id, perm=Permission.VIEW_PEOPLE)
    q = request.GET.get("q", "").strip()[:100]
    target = request.GET.get("target", "p")
    found = list(membership_list(scope=scope, organization_id=org.pk, q=q)[:PICK_SHOWN + 1]) if q else []
    return render(request, "web/_member_pick.html", {
        "org": org, "q": q, "found": found[:PICK_SHOWN], "more": len(found) > PICK_SHOWN,
        "target": target if target in PICK_TARGETS else "p",
    })


@login_required
@require_safe
def member_check(request, org_id: int):
    """Inline check of a member number while it is typed (htmx): the member's name, or why not."""
    scope = scope_of(request)
    org = organization_get(scope=scope, organization_id=org_id, perm=Permission.VIEW_PEOPLE)
    number = request.GET.get("member_no", "").strip()[:20]
    m = membership_by_number(scope=scope, organization_id=org.pk, number=number)
    return render(request, "web/_member_check.html", {"number": number, "m": m})


@login_required
@require_safe
def member_detail(request, org_id: int, membership_id: int):
    scope = scope_of(request)
    m = membership_get(scope=scope, organization_id=org_id, membership_id=membership_id)
    return render(request, "web/member_detail.html", {
        "org": m.organization,
        "m": m,
        "person": m.person,
        "can_list": scope.can(Permission.VIEW_PEOPLE, m.organization_id),
        "can_post": scope.can(Permission.POST_ENTRIES, m.organization_id),
    })
