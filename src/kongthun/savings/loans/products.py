"""Loan products (ประเภทเงินกู้): the committee sets them; a loan copies its product's terms when applied for."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.db import transaction

from kongthun.audit.actions import Actor, audit_record
from kongthun.clock import utc_now
from kongthun.errors import choice
from kongthun.money import Satang
from kongthun.orgs.models import Organization
from kongthun.savings.domain.schedule import Frequency, Method, Terms, check_terms
from kongthun.savings.loans.actions import DECIDE, _err, savings_group_locked
from kongthun.savings.loans.models import LoanProduct, Purpose


@transaction.atomic
def loan_product_set(*, organization: Organization, code: str, name_th: str, purpose: str, method: str,
                     annual_rate: Decimal, max_term_months: int, frequency: str, actor: Actor, why: str = "",
                     name_en: str = "", max_amount: Satang = 0, savings_multiple: Decimal | None = None,
                     guarantors_required: int = 0, guarantor_limit: Satang = 0, fine_amount: Satang = 0,
                     grace_days: int = 0, whole_period_interest: bool = False, active: bool = True) -> LoanProduct:
    """Create or change a loan product (ประเภทเงินกู้), a committee decision. Loans already made keep the
    terms they were made on."""
    actor.scope.require(DECIDE, organization.pk)
    org = savings_group_locked(organization)
    code = code.strip()
    if not code or not name_th.strip():
        raise _err("invalid.product_code", "ต้องระบุรหัสและชื่อประเภทเงินกู้", "Give the product a code and a name",
                   "code")
    purpose = choice(Purpose, purpose, where="purpose").value
    method = choice(Method, method, where="method").value
    frequency = choice(Frequency, frequency, where="frequency").value
    check_terms(Terms(1, Decimal(annual_rate), Method(method), max_term_months, Frequency(frequency), date(2000, 1, 1)))
    for name, value in (("max_amount", max_amount), ("guarantor_limit", guarantor_limit),
                        ("fine_amount", fine_amount), ("grace_days", grace_days),
                        ("guarantors_required", guarantors_required)):
        if value < 0:
            raise _err("invalid.negative", f"ค่า {name} ติดลบไม่ได้", f"{name} cannot be negative", name)
    if savings_multiple is not None and savings_multiple <= 0:
        raise _err("invalid.savings_multiple", "จำนวนเท่าของเงินออมต้องมากกว่าศูนย์",
                   "The multiple of savings must be above zero", "savings_multiple")
    values = dict(name_th=name_th.strip(), name_en=name_en.strip(), purpose=purpose, method=method,
                  annual_rate=Decimal(annual_rate), max_term_months=max_term_months, frequency=frequency,
                  max_amount=max_amount, savings_multiple=savings_multiple, guarantors_required=guarantors_required,
                  guarantor_limit=guarantor_limit, fine_amount=fine_amount, grace_days=grace_days,
                  whole_period_interest=bool(whole_period_interest), active=active,
                  recorded_by_id=actor.user_id, recorded_at=utc_now())
    product = LoanProduct.objects.filter(organization=org, code=code).first()
    before = _product_snapshot(product) if product else None
    if product is None:
        product = LoanProduct.objects.create(organization=org, code=code, **values)
    else:
        for k, v in values.items():
            setattr(product, k, v)
        product.save()
    audit_record(actor=actor, action="loan_product_set", obj_type="loan_product", obj_id=product.pk,
                 organization_id=org.pk, before=before, after=_product_snapshot(product), why=why)
    return product


def _product_snapshot(p: LoanProduct) -> dict:
    return {"code": p.code, "name_th": p.name_th, "purpose": p.purpose, "method": p.method,
            "annual_rate": str(p.annual_rate), "max_term_months": p.max_term_months, "frequency": p.frequency,
            "max_amount": p.max_amount, "savings_multiple": None if p.savings_multiple is None
            else str(p.savings_multiple), "guarantors_required": p.guarantors_required,
            "guarantor_limit": p.guarantor_limit, "fine_amount": p.fine_amount, "grace_days": p.grace_days,
            "whole_period_interest": p.whole_period_interest, "active": p.active}


