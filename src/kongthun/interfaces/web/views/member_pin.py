"""Member login by phone number and PIN (เข้าระบบสำหรับสมาชิก), and the treasurer's page to issue a PIN."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from kongthun.access.domain import PIN_MAX_TRIES, Permission
from kongthun.access.member_login import demo_member_phone, member_pin_issue, member_pin_login
from kongthun.errors import DomainError
from kongthun.interfaces.web.helpers import actor_of, refusal_message, scope_of
from kongthun.people.selectors import membership_get

BACKEND = "django.contrib.auth.backends.ModelBackend"


@require_http_methods(["GET", "HEAD", "POST"])
def member_login(request):
    """Phone + PIN. A wrong PIN is counted; after PIN_MAX_TRIES the login locks until a new PIN."""
    if request.user.is_authenticated:
        return redirect("web:home")
    error = ""
    phone = request.POST.get("phone", "").strip()[:20]
    if request.method == "POST":
        check = member_pin_login(phone=phone, pin=request.POST.get("pin", "").strip()[:12],
                                 source=request.META.get("REMOTE_ADDR") or "web")
        if check.user is not None:
            login(request, check.user, backend=BACKEND)
            return redirect("web:home")
        if check.locked:
            error = _("This login is locked after too many wrong PINs. Ask your treasurer for a new PIN.")
        else:
            error = _("Wrong phone number or PIN. Please try again.")
    context = {"error": error, "phone": phone, "max_tries": PIN_MAX_TRIES}
    if settings.DEBUG or getattr(settings, "KONGTHUN_DEMO", False):
        from kongthun.demo import DEMO_PIN

        context["demo"] = {"phone": demo_member_phone(), "pin": DEMO_PIN}
    return render(request, "web/member_login.html", context, status=403 if error else 200)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def member_pin(request, org_id: int, membership_id: int):
    """The treasurer issues (or re-issues, which unlocks) a member's PIN."""
    scope = scope_of(request)
    m = membership_get(scope=scope, organization_id=org_id, membership_id=membership_id)
    scope.require(Permission.WRITE_PEOPLE, m.organization_id)
    error = ""
    if request.method == "POST":
        try:
            member_pin_issue(membership=m, pin=request.POST.get("pin", "").strip(), actor=actor_of(request))
        except DomainError as exc:
            error = refusal_message(exc)
        else:
            messages.success(request, _("PIN issued. Give it to the member in person."))
            return redirect("web:member_detail", m.organization_id, m.pk)
    return render(request, "web/member_pin.html", {"org": m.organization, "m": m, "error": error})
