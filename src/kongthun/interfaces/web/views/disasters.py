"""Disaster pages (ภัยพิบัติ): a fund's events, register one, the event page (area, members living there
to tick with amounts, the batch's claims, approve all, pay all, relief received), and relief sent to a
fund of the network. Reads through the disasters selectors, writes through its actions; scope refusals
are left to the middleware (403/404)."""

from __future__ import annotations

import uuid

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
from kongthun.interfaces.web.helpers import actor_of, language, refusal_message, scope_of
from kongthun.money import format_baht, parse_baht
from kongthun.orgs.selectors import organization_get
from kongthun.people.models import Membership
from kongthun.welfare.claims.domain import ClaimStatus
from kongthun.welfare.disasters import domain
from kongthun.welfare.disasters.actions import (
    DisasterLine,
    disaster_batch_submit,
    disaster_claims_approve,
    disaster_claims_pay,
    disaster_register,
    relief_receive,
    relief_send,
)
from kongthun.welfare.disasters.selectors import (
    area_labels,
    batch_claims,
    disaster_get,
    disaster_list,
    disaster_members,
    network_event_get,
    network_events,
    relief_get,
    relief_received,
    relief_sent,
)

SHOWN_CODES = ("forbidden.maker_checker", "forbidden.decider_unnamed")
KINDS = [(k.value, domain.KIND_LABELS[k]) for k in domain.DisasterKind]
CASH = [("1101", ("เงินสด", "Cash on hand")), ("1102", ("เงินฝากธนาคาร", "Bank deposits"))]


def _refusal(exc: DomainError) -> str:
    if exc.code in SHOWN_CODES:
        return exc.message(language())
    return refusal_message(exc)


def _unit() -> str:
    return "baht" if language().startswith("en") else "บาท"


def _fund(request, org_id: int, perm: Permission):
    org = organization_get(scope=scope_of(request), organization_id=org_id, perm=perm)
    if org.kind != "welfare_fund":
        raise DomainError("not_found.disaster", "องค์กรนี้ไม่ใช่กองทุนสวัสดิการชุมชน", "Not a community welfare fund",
                          "organization")
    return org


def _date(text: str, where: str):
    text = (text or "").strip()
    return parse_iso_date(text, where=where) if text else timezone.localdate()


@login_required
@require_safe
def disasters(request, org_id: int):
    """The fund's disaster events, and the relief it sent to other funds of its network."""
    scope = scope_of(request)
    org = _fund(request, org_id, Permission.VIEW_BOOKS)
    events = [(e, area_labels(e.area_items)) for e in disaster_list(scope=scope, organization_id=org.pk)]
    can_post = scope.can(Permission.POST_ENTRIES, org.pk)
    return render(request, "web/disasters/list.html", {
        "org": org, "events": events, "can_post": can_post, "kinds": dict(KINDS),
        "sent": relief_sent(scope=scope, organization_id=org.pk), "in_network": org.parent_id is not None,
    })


def _known_villages(org) -> list[str]:
    """Villages of the fund's tambon where its members live, to tick rather than type."""
    rows = Membership.objects.filter(organization=org).values_list("person__village", "person__household__village")
    return sorted({domain.normal_village(v) for pair in rows for v in pair if v and v.strip()})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def disaster_new(request, org_id: int):
    """บันทึกเหตุภัยพิบัติ: kind, name, dates and the villages or tambons hit."""
    org = _fund(request, org_id, Permission.POST_ENTRIES)
    form, error = (request.POST if request.method == "POST" else {}), ""
    if request.method == "POST":
        try:
            area = [(org.tambon_id, v) for v in form.getlist("village")]
            if form.get("whole_tambon"):
                area.append((org.tambon_id, ""))
            area += domain.parse_area(form.get("other_area", ""), default_tambon=org.tambon_id)
            event = disaster_register(
                organization=org, kind=form.get("kind", ""), name=form.get("name", "")[:250],
                started_on=parse_iso_date(form.get("started_on", ""), where="started_on"),
                ended_on=parse_iso_date(form["ended_on"], where="ended_on") if form.get("ended_on") else None,
                area=area, actor=actor_of(request), outside_why=form.get("outside_why", "")[:300])
        except DomainError as exc:
            error = _refusal(exc)
        else:
            messages.success(request, _("Disaster registered: %(name)s.") % {"name": event.name})
            return redirect("web:disaster_detail", org_id=org.pk, event_id=event.pk)
    return render(request, "web/disasters/event_form.html", {
        "org": org, "form": form, "error": error, "kinds": KINDS, "villages": _known_villages(org),
        "picked": form.getlist("village") if form else [], "today": timezone.localdate(),
    }, status=422 if error else 200)


def _typed(rows, form) -> list[tuple]:
    """Each household with what was typed for it, so a refused batch comes back as it was."""
    return [(r, form.get(f"hit-{r.membership.pk}"), form.get(f"claimed-{r.membership.pk}", ""),
             form.get(f"damage-{r.membership.pk}", "")) for r in rows]


def _detail(request, org, event, *, error: str = "", form=None, status: int = 200):
    scope = scope_of(request)
    can_people = scope.can(Permission.VIEW_PEOPLE, org.pk)
    claims = batch_claims(scope=scope, event=event) if can_people else []
    statuses = {c.status for c in claims}
    return render(request, "web/disasters/event.html", {
        "org": org, "event": event, "area": area_labels(event.area_items), "error": error, "form": form or {},
        "rows": _typed(disaster_members(scope=scope, event=event), form or {}) if can_people and not claims else [],
        "claims": claims, "total": sum(c.amount for c in claims if c.status != ClaimStatus.REJECTED),
        "can_people": can_people, "can_post": scope.can(Permission.POST_ENTRIES, org.pk),
        "can_decide": scope.can(Permission.DECIDE_CLAIMS, org.pk),
        "waiting": ClaimStatus.SUBMITTED in statuses, "payable": ClaimStatus.APPROVED in statuses,
        "reliefs": relief_received(scope=scope, event=event), "today": timezone.localdate(), "cash": CASH,
        "key": uuid.uuid4().hex,
    }, status=status)


@login_required
@require_safe
def disaster_detail(request, org_id: int, event_id: int):
    org = _fund(request, org_id, Permission.VIEW_BOOKS)
    return _detail(request, org, disaster_get(scope=scope_of(request), organization_id=org.pk, event_id=event_id))


def _event_for(request, org_id: int, event_id: int, perm: Permission):
    """The fund and its event, scope checked first (another fund's ids are 404 whatever the method)."""
    org = _fund(request, org_id, perm)
    return org, disaster_get(scope=scope_of(request), organization_id=org.pk, event_id=event_id)


def _post_only(request):
    return None if request.method == "POST" else HttpResponseNotAllowed(["POST"])


@login_required
def disaster_submit(request, org_id: int, event_id: int):
    """The households ticked, each with the amount claimed and the damage, submitted in one batch."""
    org, event = _event_for(request, org_id, event_id, Permission.POST_ENTRIES)
    if (refused := _post_only(request)) is not None:
        return refused
    form = request.POST
    try:
        lines = []
        for r in disaster_members(scope=scope_of(request), event=event):
            m = r.membership
            if form.get(f"hit-{m.pk}"):
                amount = form.get(f"claimed-{m.pk}", "").strip()
                if not amount:
                    raise DomainError("invalid.amount_required", f"กรุณากรอกจำนวนเงินของสมาชิกเลขที่ {m.member_no}",
                                      f"Enter the amount for member {m.member_no}", f"claimed-{m.member_no}")
                lines.append(DisasterLine(m.pk, parse_baht(amount, where=f"claimed-{m.member_no}"),
                                          form.get(f"damage-{m.pk}", "").strip()[:200]))
        if not lines:
            raise DomainError("invalid.no_lines", "ยังไม่ได้เลือกครัวเรือนที่ประสบภัย", "Tick the households hit",
                              "lines")
        claims = disaster_batch_submit(event=event, lines=lines, on=_date(form.get("on", ""), "on"),
                                       actor=actor_of(request), evidence=["ภาพถ่ายความเสียหาย"] if form.get(
                                           "photos") else [])
    except DomainError as exc:
        return _detail(request, org, event, error=_refusal(exc), form=form, status=422)
    messages.success(request, _("%(count)s disaster claims were submitted, %(total)s baht in all; they wait for "
                                "a committee member.") % {"count": len(claims),
                                                         "total": format_baht(sum(c.amount for c in claims), unit="")})
    return redirect("web:disaster_detail", org_id=org.pk, event_id=event.pk)


def _batch_step(request, org_id: int, event_id: int, permission, step, done):
    """A batch step posted from the event's page: `step(event, day, actor)` returns the claims, `done(claims)`
    says what happened; a refusal shows the page again (422)."""
    org, event = _event_for(request, org_id, event_id, permission)
    if (refused := _post_only(request)) is not None:
        return refused
    try:
        claims = step(event, _date(request.POST.get("on", ""), "on"), actor_of(request))
    except DomainError as exc:
        return _detail(request, org, event, error=_refusal(exc), status=422)
    messages.success(request, done(claims))
    return redirect("web:disaster_detail", org_id=org.pk, event_id=event.pk)


def _paid_message(claims) -> str:
    paid = [c for c in claims if c.status == ClaimStatus.PAID]
    return _("The batch is paid: %(count)s claims, %(total)s.") % {
        "count": len(paid), "total": format_baht(sum(c.amount for c in paid), unit=_unit())}


@login_required
def disaster_approve(request, org_id: int, event_id: int):
    return _batch_step(
        request, org_id, event_id, Permission.DECIDE_CLAIMS,
        lambda event, day, actor: disaster_claims_approve(event=event, on=day, actor=actor,
                                                          reason=request.POST.get("reason", "")[:300]),
        lambda claims: _("The batch is approved: %(count)s claims.") % {
            "count": sum(1 for c in claims if c.status == ClaimStatus.APPROVED)})


@login_required
def disaster_pay(request, org_id: int, event_id: int):
    return _batch_step(
        request, org_id, event_id, Permission.POST_ENTRIES,
        lambda event, day, actor: disaster_claims_pay(event=event, paid_on=day, actor=actor,
                                                      cash_account=request.POST.get("account", "1101")),
        _paid_message)


@login_required
def relief_receive_view(request, org_id: int, relief_id: int):
    """The affected fund confirms the relief came (money posted in its own books)."""
    scope = scope_of(request)
    org = _fund(request, org_id, Permission.POST_ENTRIES)
    relief = relief_get(scope=scope, organization_id=org.pk, relief_id=relief_id)
    if (refused := _post_only(request)) is not None:
        return refused
    try:
        relief = relief_receive(relief=relief, received_on=_date(request.POST.get("on", ""), "on"),
                                actor=actor_of(request), cash_account=request.POST.get("account", "1102"))
    except DomainError as exc:
        return _detail(request, org, relief.event, error=_refusal(exc), status=422)
    messages.success(request, _("Relief from %(fund)s confirmed as received.") % {"fund": relief.sender.name_th})
    return redirect("web:disaster_detail", org_id=org.pk, event_id=relief.event_id)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def relief_send_view(request, org_id: int):
    """ส่งความช่วยเหลือ: pick a network sibling's event (its public summary only) and record money or goods."""
    scope = scope_of(request)
    org = _fund(request, org_id, Permission.POST_ENTRIES)
    form, error = (request.POST if request.method == "POST" else request.GET), ""
    key = form.get("key", "").strip()[:80] or uuid.uuid4().hex
    if request.method == "POST":
        try:
            event_id = form.get("event", "")
            if not event_id.isdigit():
                raise DomainError("invalid.event", "กรุณาเลือกเหตุการณ์", "Choose the event", "event")
            event = network_event_get(scope=scope, sender=org, event_id=int(event_id))
            money = form.get("kind") == "money"
            amount = form.get("amount", "").strip() if money else form.get("estimated_value", "").strip()
            relief = relief_send(
                sender=org, event=event, kind=form.get("kind", ""), sent_on=_date(form.get("sent_on", ""), "sent_on"),
                actor=actor_of(request), idempotency_key=key,
                amount=parse_baht(amount or "0", where="amount") if money else 0,
                estimated_value=0 if money else parse_baht(amount or "0", where="estimated_value"),
                description=form.get("description", "")[:200], quantity=form.get("quantity", "")[:100],
                cash_account=form.get("account", "1102"))
        except DomainError as exc:
            if exc.code == "not_found.disaster":
                exc = DomainError("invalid.event", "กรุณาเลือกเหตุการณ์", "Choose the event", "event")
            error = _refusal(exc)
        else:
            messages.success(request, _("Relief recorded for %(fund)s.") % {"fund": relief.receiver.name_th})
            return redirect("web:disaster_list", org_id=org.pk)
    return render(request, "web/disasters/relief_form.html", {
        "org": org, "form": form, "error": error, "key": key, "today": timezone.localdate(), "cash": CASH,
        "events": network_events(scope=scope, organization_id=org.pk, sender=org), "kinds": dict(KINDS),
    }, status=422 if error else 200)
