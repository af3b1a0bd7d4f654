"""The only writer of members' debt surveys and refinancing plans (แก้ปัญหาหนี้สิน).

A survey records a household's debts as they are on a day; a plan moves the informal debts into one group
loan and keeps the interest saved; with a loan product it also applies for that loan through the loans
app's `loan_apply` (the committee approves it there, as any loan)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from django.db import transaction

from kongthun.access.domain import Permission
from kongthun.audit.actions import Actor, audit_record
from kongthun.clock import utc_now
from kongthun.errors import DomainError, choice, require_idempotency_key
from kongthun.money import Satang
from kongthun.people.models import Membership
from kongthun.savings.debts.models import DebtLine, DebtSurvey, RefinancePlan
from kongthun.savings.debts.selectors import debts_of
from kongthun.savings.domain.debt import Debt, InterestMethod, refinance_plan

RECORD = Permission.WRITE_PEOPLE  # personal data, recorded by the treasurer or an officer who keeps members


@transaction.atomic
def debt_survey_record(*, membership: Membership, surveyed_on: date, debts: Sequence[Debt], actor: Actor,
                       idempotency_key: str, monthly_income: Satang | None = None, note: str = "") -> DebtSurvey:
    """สำรวจหนี้สินครัวเรือน: a member household's debts on a day. The same key returns the survey already
    recorded."""
    org_id = membership.organization_id
    actor.scope.require(RECORD, org_id)
    require_idempotency_key(idempotency_key)
    prior = DebtSurvey.objects.filter(organization_id=org_id, idempotency_key=idempotency_key).first()
    if prior is not None:
        if prior.membership_id != membership.pk or prior.surveyed_on != surveyed_on:
            raise DomainError("conflict.idempotency_mismatch", "รหัสป้องกันการส่งซ้ำนี้ถูกใช้กับแบบสำรวจอื่นแล้ว",
                              "This idempotency key was already used for another survey", "idempotency_key")
        return prior
    if not debts:
        raise DomainError("invalid.no_debts", "ต้องมีหนี้อย่างน้อยหนึ่งรายการ", "List at least one debt", "debts")
    if monthly_income is not None and monthly_income < 0:
        raise DomainError("invalid.income", "รายได้ต้องไม่ติดลบ", "Income cannot be negative", "monthly_income")
    survey = DebtSurvey.objects.create(organization_id=org_id, membership=membership, surveyed_on=surveyed_on,
                                       monthly_income=monthly_income or None, note=note,
                                       idempotency_key=idempotency_key, recorded_by_id=actor.user_id,
                                       recorded_at=utc_now())
    DebtLine.objects.bulk_create(
        DebtLine(organization_id=org_id, survey=survey, position=i + 1, creditor_kind=d.creditor_kind.value,
                 creditor=d.creditor, balance=d.balance, annual_rate=d.annual_rate, monthly_payment=d.monthly_payment)
        for i, d in enumerate(debts))
    # Amounts stay out of the audit row: counts only (personal data is read from the survey itself).
    audit_record(actor=actor, action="debt_survey_record", obj_type="debt_survey", obj_id=survey.pk,
                 organization_id=org_id, before=None,
                 after={"membership": membership.pk, "on": surveyed_on.isoformat(), "debts": len(debts)})
    return survey


@transaction.atomic
def refinance_plan_make(*, survey: DebtSurvey, made_on: date, actor: Actor, annual_rate: Decimal | None = None,
                        months: int = 24, method: str = InterestMethod.DECLINING, moved: Sequence[int] | None = None,
                        product=None, guarantor_ids: Sequence[int] = ()) -> RefinancePlan:
    """ทำแผนรวมหนี้นอกระบบ: the informal debts (or the positions named, 1-based) move into one group loan; with
    a loan product the loan is applied for too, at the product's rate and method."""
    org = survey.organization
    actor.scope.require(RECORD, org.pk)
    if product is not None:
        annual_rate, method = _product_terms(product)
    if annual_rate is None:
        raise DomainError("invalid.rate", "ต้องระบุอัตราดอกเบี้ยเงินกู้กลุ่ม", "Give the group loan's rate",
                          "annual_rate")
    how = choice(InterestMethod, method, where="method")
    indexes = None if moved is None else [p - 1 for p in moved]
    plan = refinance_plan(debts_of(survey), annual_rate=Decimal(annual_rate), months=months, method=how,
                          moved=indexes)
    obj = RefinancePlan.objects.create(
        organization=org, survey=survey, moved=[i + 1 for i in plan.moved], amount=plan.amount,
        annual_rate=plan.annual_rate, months=months, method=how.value, interest_new=plan.interest_new,
        interest_old=plan.interest_old, monthly_payment_new=plan.monthly_payment_new,
        monthly_payment_old=plan.monthly_payment_old, made_on=made_on, recorded_by_id=actor.user_id,
        recorded_at=utc_now())
    if product is not None:
        from kongthun.savings.loans.actions import loan_apply

        loan = loan_apply(organization=org, membership=survey.membership, product=product, amount=plan.amount,
                          term_months=months, purpose="รวมหนี้นอกระบบ (แก้หนี้)", guarantor_ids=list(guarantor_ids),
                          applied_on=made_on, actor=actor, idempotency_key=f"refinance_plan:{obj.pk}",
                          refinances=", ".join(_creditor_text(survey, p) for p in obj.moved))
        obj.loan_id, obj.loan_number = loan.pk, str(getattr(loan, "number", ""))
        obj.save(update_fields=["loan_id", "loan_number"])
    audit_record(actor=actor, action="refinance_plan_make", obj_type="refinance_plan", obj_id=obj.pk,
                 organization_id=org.pk, before=None,
                 after={"survey": survey.pk, "moved": obj.moved, "months": months, "loan": obj.loan_number})
    return obj


def _product_terms(product) -> tuple[Decimal, str]:
    rate = Decimal(product.annual_rate) if hasattr(product, "annual_rate") else Decimal(product.rate)
    method = str(getattr(product, "interest_method", getattr(product, "method", InterestMethod.DECLINING)))
    return rate, InterestMethod.FLAT if "flat" in method else InterestMethod.DECLINING


def _creditor_text(survey: DebtSurvey, position: int) -> str:
    line = survey.debts.get(position=position)
    return line.creditor or line.get_creditor_kind_display()
