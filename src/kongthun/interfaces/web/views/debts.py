"""Debt relief pages (แก้ปัญหาหนี้สิน): the group's debt surveys with a form for a new one, and one survey's
household burden with its refinancing plans (interest saved in baht). Personal data: the group's people
readers, or the member themself for their own survey."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from kongthun.access.domain import Permission
from kongthun.clock import parse_iso_date
from kongthun.errors import DomainError, choice
from kongthun.interfaces.web.helpers import actor_of, language, paginate, refusal_message, scope_of
from kongthun.money import parse_baht
from kongthun.orgs.selectors import organization_get
from kongthun.people.models import Membership
from kongthun.savings.debts import selectors
from kongthun.savings.debts.actions import debt_survey_record, refinance_plan_make
from kongthun.savings.domain.debt import CREDITOR_LABELS, CreditorKind, Debt, InterestMethod, schedule

DEBT_ROWS = 5


def _rate(raw: str, where: str) -> Decimal:
    try:
        return Decimal((raw or "0").strip().rstrip("%"))
    except InvalidOperation:
        raise DomainError("invalid.rate", f"อัตราดอกเบี้ย '{raw}' ไม่ถูกต้อง", f"'{raw}' is not a rate", where) from None


def _debts(post) -> list[Debt]:
    out = []
    for i in range(1, DEBT_ROWS + 1):
        balance = post.get(f"balance_{i}", "").strip()
        if not balance:
            continue
        out.append(Debt(choice(CreditorKind, post.get(f"kind_{i}", ""), where=f"kind_{i}"),
                        parse_baht(balance, where=f"balance_{i}"), _rate(post.get(f"rate_{i}", ""), f"rate_{i}"),
                        parse_baht(post.get(f"payment_{i}", "") or "0", where=f"payment_{i}"),
                        post.get(f"creditor_{i}", "").strip()[:200]))
    return out


def _member(org, member_no: str) -> Membership:
    m = Membership.objects.filter(organization=org, member_no=member_no.strip()).first()
    if m is None:
        raise DomainError("not_found.member_no", f"ไม่พบสมาชิกเลขที่ '{member_no}'",
                          f"No member numbered '{member_no}'", "member_no")
    return m


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def debt_list(request, org_id: int):
    """สำรวจหนี้สินสมาชิก: the surveys, and a form for a new one (who keeps members' records)."""
    scope = scope_of(request)
    org = organization_get(scope=scope, organization_id=org_id, perm=Permission.VIEW_PEOPLE)
    if request.method == "POST":
        p = request.POST
        try:
            income = p.get("monthly_income", "").strip()
            survey = debt_survey_record(
                membership=_member(org, p.get("member_no", "")),
                surveyed_on=parse_iso_date(p.get("surveyed_on", ""), where="surveyed_on"), debts=_debts(p),
                monthly_income=parse_baht(income, where="monthly_income") if income else None,
                actor=actor_of(request), idempotency_key=p.get("idempotency_key", ""), note=p.get("note", "")[:300])
        except DomainError as exc:
            messages.error(request, refusal_message(exc))
            return redirect("web:debt_list", org_id=org.pk)
        messages.success(request, _("The debt survey was recorded."))
        return redirect("web:debt_detail", org_id=org.pk, survey_id=survey.pk)
    surveys = paginate(request, selectors.survey_list(scope=scope, organization_id=org.pk), 50)
    rows = [(s, selectors.burden_of(s)) for s in surveys]
    lang = 1 if language().startswith("en") else 0
    return render(request, "web/debts/list.html", {
        "org": org, "page": surveys, "rows": rows, "today": timezone.localdate(),
        "can_record": scope.can(Permission.WRITE_PEOPLE, org.pk), "debt_rows": range(1, DEBT_ROWS + 1),
        "kinds": [(k.value, v[lang]) for k, v in CREDITOR_LABELS.items()],
        "key": f"debt-survey-{request.user.pk}-{timezone.now().timestamp():.0f}",
    })


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def debt_detail(request, org_id: int, survey_id: int):
    """One household's debts, its burden, and the refinancing plans with the interest they save."""
    scope = scope_of(request)
    survey = selectors.survey_get(scope=scope, organization_id=org_id, survey_id=survey_id)
    org = survey.organization
    if request.method == "POST":
        organization_get(scope=scope, organization_id=org_id, perm=Permission.WRITE_PEOPLE)
        p = request.POST
        try:
            product = _product(org, p.get("product", ""))
            refinance_plan_make(survey=survey, made_on=timezone.localdate(), actor=actor_of(request),
                                annual_rate=None if product else _rate(p.get("annual_rate", ""), "annual_rate"),
                                months=int(p.get("months", "24") or 24), product=product,
                                method=p.get("method", InterestMethod.DECLINING))
        except ValueError:
            messages.error(request, _("Give the number of months."))
        except DomainError as exc:
            messages.error(request, refusal_message(exc))
        else:
            messages.success(request, _("The refinancing plan was made."))
        return redirect("web:debt_detail", org_id=org.pk, survey_id=survey.pk)
    plans = list(selectors.plans_of(survey))
    latest = plans[0] if plans else None
    return render(request, "web/debts/detail.html", {
        "org": org, "survey": survey, "debts": survey.debts.order_by("position"),
        "burden": selectors.burden_of(survey), "plans": plans,
        "schedule": schedule(latest.amount, latest.annual_rate, latest.months, InterestMethod(latest.method))
        if latest else [],
        "can_plan": scope.can(Permission.WRITE_PEOPLE, org.pk), "products": _products(org),
    })


def _products(org):
    try:
        from kongthun.savings.loans.models import LoanProduct
    except ImportError:  # pragma: no cover - the loans app is part of the project
        return []
    return LoanProduct.objects.filter(organization=org, active=True).order_by("code")


def _product(org, raw: str):
    if not raw.strip():
        return None
    product = _products(org).filter(pk=int(raw)).first() if raw.strip().isdigit() else None
    if product is None:
        raise DomainError("not_found.loan_product", "ไม่พบประเภทเงินกู้นี้", "No such loan product", "product")
    return product
