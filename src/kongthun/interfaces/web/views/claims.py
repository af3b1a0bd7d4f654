"""Claims pages (คำขอรับสวัสดิการ): list, submit, detail with the explanation, decide, pay, voucher;
and the fund's regulation. Reads through the claims selectors, writes through the claims actions."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Case, IntegerField, Value, When
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from kongthun.access.domain import Permission
from kongthun.clock import parse_iso_date
from kongthun.errors import DomainError, error_kind
from kongthun.interfaces.web.helpers import actor_of, file_response, language, paginate, refusal_message, scope_of
from kongthun.money import format_baht, parse_baht
from kongthun.orgs.selectors import organization_get
from kongthun.people.models import MembershipStatus
from kongthun.people.selectors import membership_by_number, membership_list
from kongthun.welfare import rules
from kongthun.welfare.claims.actions import (
    DisasterLine,
    claim_approve,
    claim_pay,
    claim_reject,
    claim_submit,
    disaster_claims_submit,
)
from kongthun.welfare.claims.domain import STATUS_LABELS, ClaimStatus
from kongthun.welfare.claims.models import Recipient
from kongthun.welfare.claims.printing import benefit_labels, voucher_pdf
from kongthun.welfare.claims.selectors import claim_get, claim_list, regulation_list

# Refusals a user can act on come back on the page (helpers.refusal_message); scope refusals, and a
# committee member deciding their own claim (the page does not offer it), stay 403/404 (the middleware).
MEMBER_SELECT_MAX = 300  # beyond this many members the form asks for the member number only
FACTS = ("gpa", "school_level")
RECIPIENTS = {
    Recipient.MEMBER: ("สมาชิก", "The member"),
    Recipient.BENEFICIARY: ("ผู้รับผลประโยชน์", "The beneficiaries"),
    Recipient.HOUSEHOLD: ("ครัวเรือน", "The household"),
}


def _shown(exc: DomainError) -> bool:
    """Kept for the disaster batch view only (refusal_message everywhere else)."""
    return error_kind(exc.code) in ("invalid", "conflict")


def _en() -> bool:
    return language().startswith("en")


def _claim_of(scope, org, claim_id: int):
    claim = claim_get(scope=scope, claim_id=claim_id)
    if claim.organization_id != org.pk:
        raise DomainError("not_found.claim", "ไม่พบคำขอนี้", "No such claim", "claim")
    return claim


def _benefit_labels(scope, org) -> dict[str, tuple[str, str]]:
    return benefit_labels(scope=scope, organization_id=org.pk)


@login_required
@require_safe
def claims(request, org_id: int):
    """A fund's claims, filtered by status; committee members see those waiting for them first."""
    scope = scope_of(request)
    org = organization_get(scope=scope, organization_id=org_id, perm=Permission.VIEW_PEOPLE)
    status = request.GET.get("status", "")
    status = status if status in ClaimStatus._value2member_map_ else ""
    rows = claim_list(scope=scope, organization_id=org.pk, status=status or None)
    deciding = scope.can(Permission.DECIDE_CLAIMS, org.pk)
    if deciding:
        waiting_first = Case(When(status=ClaimStatus.SUBMITTED, then=Value(0)), default=Value(1),
                             output_field=IntegerField())
        rows = rows.order_by(waiting_first, "-number")
    else:
        rows = rows.order_by("-number")
    page = paginate(request, rows, 50)
    kinds = _benefit_labels(scope, org)
    return render(request, "web/claims/claim_list.html", {
        "org": org,
        "page": page,
        "rows": [(c, kinds.get(c.kind, (c.kind, c.kind))) for c in page.object_list],
        "status": status,
        "statuses": [(s.value, STATUS_LABELS[s]) for s in ClaimStatus],
        "deciding": deciding,
        "can_submit": scope.can(Permission.POST_ENTRIES, org.pk),
    })


def _form_choices(scope, org) -> dict:
    """What the submit form offers: the kinds and documents of the regulation in force today."""
    today = timezone.localdate()
    rows = list(regulation_list(scope=scope, organization_id=org.pk))
    kinds: list[tuple[str, tuple[str, str]]] = []
    documents: list[str] = []
    version = None
    for row in rows:
        regulation = rules.load_text(row.text)
        version = regulation.version_on(today) or regulation.versions[-1]
        kinds = [(k, (b.label_th, b.label_en)) for k, b in regulation.benefits.items() if version.offers(k)]
        for clause in version.clauses:
            for doc in getattr(clause.params, "documents", ()):
                if doc not in documents:
                    documents.append(doc)
        break
    members = membership_list(scope=scope, organization_id=org.pk)
    return {
        "kinds": kinds,
        "documents": documents,
        "version": version,
        "members": list(members[:MEMBER_SELECT_MAX]) if members.count() <= MEMBER_SELECT_MAX else None,
        "recipients": [(r.value, RECIPIENTS[r]) for r in Recipient],
        "today": today,
    }


def _optional_date(post, name: str):
    raw = post.get(name, "").strip()
    return parse_iso_date(raw, where=name) if raw else None


def _member(scope, org, post):
    number = post.get("member_no", "").strip()
    chosen = post.get("membership", "").strip()
    rows = membership_list(scope=scope, organization_id=org.pk)
    m = membership_by_number(scope=scope, organization_id=org.pk, number=number) if number else (
        rows.filter(pk=int(chosen)).first() if chosen.isdigit() else None)
    if m is None:
        raise DomainError("invalid.member", "กรุณาเลือกสมาชิกหรือกรอกเลขสมาชิกที่มีอยู่ในกองทุน",
                          "Choose a member or give a member number of this fund", "member_no")
    return m


def _submit(request, scope, org):
    post = request.POST
    kind = post.get("kind", "").strip()
    admitted_on, discharged_on = _optional_date(post, "admitted_on"), _optional_date(post, "discharged_on")
    event_date = _optional_date(post, "event_date")
    if event_date is None and kind == "hospital":
        event_date = admitted_on
    if event_date is None:
        raise DomainError("invalid.event_date", "กรุณาระบุวันที่เกิดเหตุ", "Give the event date", "event_date")
    raw_claimed = post.get("claimed", "").strip()
    evidence = post.getlist("evidence") + [d for d in post.get("other_documents", "").split(",") if d.strip()]
    return claim_submit(
        organization=org, membership=_member(scope, org, post), kind=kind, event_date=event_date,
        on=timezone.localdate(), actor=actor_of(request), recipient=post.get("recipient", Recipient.MEMBER),
        admitted_on=admitted_on, discharged_on=discharged_on,
        facts={f: post[f].strip() for f in FACTS if post.get(f, "").strip()},
        evidence=evidence, claimed=parse_baht(raw_claimed, where="claimed") if raw_claimed else None,
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def claim_new(request, org_id: int):
    """The treasurer submits a claim for a member; a refusal re-renders the form with its reason."""
    scope = scope_of(request)
    org = organization_get(scope=scope, organization_id=org_id, perm=Permission.POST_ENTRIES)
    context = {"org": org, "form": request.POST, "evidence_given": request.POST.getlist("evidence"), "error": None,
               "explanation": []}
    if request.method == "POST":
        try:
            claim = _submit(request, scope, org)
        except DomainError as exc:
            context["error"] = refusal_message(exc)
            lines = exc.details.get("explanation", []) if isinstance(exc.details, dict) else []
            context["explanation"] = [x["en"] if _en() else x["th"] for x in lines]
            context.update(_form_choices(scope, org))
            return render(request, "web/claims/claim_form.html", context, status=422)
        messages.success(request, _("Claim no. %(number)s was submitted and waits for a committee member.")
                         % {"number": claim.number})
        return redirect("web:claim_detail", org_id=org.pk, claim_id=claim.pk)
    context.update(_form_choices(scope, org))
    return render(request, "web/claims/claim_form.html", context)


@login_required
@require_safe
def claim_detail(request, org_id: int, claim_id: int):
    scope = scope_of(request)
    org = organization_get(scope=scope, organization_id=org_id, perm=Permission.VIEW_PEOPLE)
    claim = _claim_of(scope, org, claim_id)
    en = _en()
    deciding = scope.can(Permission.DECIDE_CLAIMS, org.pk) and claim.status == ClaimStatus.SUBMITTED
    own = deciding and claim.submitted_by_id == request.user.pk  # maker-checker: someone else decides
    return render(request, "web/claims/claim_detail.html", {
        "org": org,
        "claim": claim,
        "kind_label": _benefit_labels(scope, org).get(claim.kind, (claim.kind, claim.kind)),
        "explanation": [x.get("en" if en else "th", "") for x in claim.explanation],
        "can_decide": deciding and not own,
        "own_claim": own,
        "can_pay": scope.can(Permission.POST_ENTRIES, org.pk) and claim.status == ClaimStatus.APPROVED,
        "can_books": scope.can(Permission.VIEW_BOOKS, org.pk),
        "today": timezone.localdate(),
    })


def _act(request, org_id: int, claim_id: int, perm: Permission, do, done: str):
    """Check the scope first (another fund's ids are 404 whatever the method), then POST only."""
    scope = scope_of(request)
    org = organization_get(scope=scope, organization_id=org_id, perm=perm)
    claim = _claim_of(scope, org, claim_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        message = do(claim)
    except DomainError as exc:
        messages.error(request, refusal_message(exc))
    else:
        messages.success(request, message or done % {"number": claim.number})
    return redirect("web:claim_detail", org_id=org.pk, claim_id=claim.pk)


@login_required
def claim_approve_view(request, org_id: int, claim_id: int):
    def approve(claim):
        claim_approve(claim=claim, on=timezone.localdate(), actor=actor_of(request),
                      reason=request.POST.get("reason", "").strip())

    return _act(request, org_id, claim_id, Permission.DECIDE_CLAIMS, approve, _("Claim no. %(number)s was approved."))


@login_required
def claim_reject_view(request, org_id: int, claim_id: int):
    def reject(claim):
        claim_reject(claim=claim, on=timezone.localdate(), actor=actor_of(request),
                     reason=request.POST.get("reason", "").strip())

    return _act(request, org_id, claim_id, Permission.DECIDE_CLAIMS, reject, _("Claim no. %(number)s was rejected."))


@login_required
def claim_pay_view(request, org_id: int, claim_id: int):
    def pay(claim):
        if claim.status == ClaimStatus.PAID:
            return _("Claim no. %(number)s was already paid: nothing more was paid.") % {"number": claim.number}
        raw = request.POST.get("date", "").strip()
        paid_on = parse_iso_date(raw, where="date") if raw else timezone.localdate()
        claim_pay(claim=claim, paid_on=paid_on, actor=actor_of(request))
        return None

    return _act(request, org_id, claim_id, Permission.POST_ENTRIES, pay, _("Claim no. %(number)s was paid."))




@login_required
@require_safe
def claim_voucher(request, org_id: int, claim_id: int):
    """The payment voucher (ใบสำคัญจ่าย) of a paid claim, with the recipient's signature line."""
    scope = scope_of(request)
    org = organization_get(scope=scope, organization_id=org_id, perm=Permission.VIEW_BOOKS)
    claim = _claim_of(scope, org, claim_id)
    return file_response(voucher_pdf(scope=scope, claim=claim), "application/pdf",
                         f"voucher-{org.code}-{claim.number}.pdf", inline=True)


@login_required
@require_safe
def regulation(request, org_id: int):
    """The fund's adopted regulations (read-only), newest first, with the version in force today."""
    scope = scope_of(request)
    org = organization_get(scope=scope, organization_id=org_id, perm=Permission.VIEW_AGGREGATES)
    today = timezone.localdate()
    adopted = []
    for row in regulation_list(scope=scope, organization_id=org.pk):
        parsed = rules.load_text(row.text)
        in_force = parsed.version_on(today)
        adopted.append({"row": row, "regulation": parsed, "versions": [
            {"v": v, "in_force": v is in_force,
             "kinds": [parsed.benefits[k] for k in parsed.benefits if v.offers(k)]}
            for v in reversed(parsed.versions)]})
    return render(request, "web/claims/regulation.html", {"org": org, "adopted": adopted, "today": today})


def _disaster_rows(scope, org, village: str) -> list:
    """One member per household of the village (the first active adult by member number), for the batch."""
    rows, seen = [], set()
    members = membership_list(scope=scope, organization_id=org.pk).filter(
        status=MembershipStatus.ACTIVE, person__village=village, person__deceased_on__isnull=True,
    ).select_related("person").order_by("member_no")
    for m in members:
        key = m.person.household_id or f"p{m.person_id}"
        if key not in seen:
            seen.add(key)
            rows.append(m)
    return rows


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def disaster_batch(request, org_id: int):
    """A disaster (ภัยพิบัติ): pick the village, type each hit household's damage, submit all at once.
    A refused line comes back with its line and reason, and nothing is written."""
    scope = scope_of(request)
    org = organization_get(scope=scope, organization_id=org_id, perm=Permission.POST_ENTRIES)
    form = request.POST if request.method == "POST" else request.GET
    village = form.get("village", "").strip()
    villages = sorted({v for v in membership_list(scope=scope, organization_id=org.pk)
                       .values_list("person__village", flat=True) if v})
    rows = _disaster_rows(scope, org, village) if village else []
    context = {"org": org, "villages": villages, "village": village, "rows": rows, "form": form, "error": None,
               "today": timezone.localdate()}
    if request.method == "POST":
        try:
            on = parse_iso_date(form.get("event_date", ""), where="event_date")
            lines = []
            for m in rows:
                raw = form.get(f"claimed-{m.pk}", "").strip()
                if raw:
                    lines.append(DisasterLine(m.pk, parse_baht(raw, where=f"claimed-{m.member_no}"),
                                              form.get(f"damage-{m.pk}", "").strip()[:200]))
            claims = disaster_claims_submit(organization=org, event_ref=form.get("event_ref", ""), event_date=on,
                                            lines=lines, actor=actor_of(request),
                                            evidence=["ภาพถ่ายความเสียหาย"] if form.get("photos") else [])
        except DomainError as exc:
            if not _shown(exc) and error_kind(exc.code) != "not_found":
                raise
            context["error"] = exc.message(language())
            return render(request, "web/claims/disaster_form.html", context, status=422)
        messages.success(request, _("%(count)s disaster claims were submitted, %(total)s baht in all; they wait for "
                                    "a committee member.") % {"count": len(claims),
                                                             "total": format_baht(sum(c.amount for c in claims))})
        return redirect(f"{reverse('web:claim_list', args=[org.pk])}?status=submitted")
    return render(request, "web/claims/disaster_form.html", context)
