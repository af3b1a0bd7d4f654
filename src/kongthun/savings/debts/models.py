"""Members' household debt surveys (สำรวจหนี้สินครัวเรือน) and refinancing plans. Personal data: read only by
those who may see the group's people, or the member themself. Only kongthun.savings.debts.actions writes them."""

from django.conf import settings
from django.db import models

from kongthun.savings.domain.debt import CreditorKind, InterestMethod


class DebtSurvey(models.Model):
    organization = models.ForeignKey("orgs.Organization", on_delete=models.PROTECT, related_name="debt_surveys")
    membership = models.ForeignKey("people.Membership", on_delete=models.PROTECT, related_name="debt_surveys")
    surveyed_on = models.DateField()
    monthly_income = models.BigIntegerField(null=True, blank=True, help_text="household income a month, satang")
    note = models.CharField(max_length=300, blank=True)
    idempotency_key = models.CharField(max_length=100, null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["organization", "-surveyed_on", "-id"]
        constraints = [models.UniqueConstraint(fields=["organization", "idempotency_key"],
                                               name="debt_survey_idempotency")]


class DebtLine(models.Model):
    organization = models.ForeignKey("orgs.Organization", on_delete=models.PROTECT, related_name="+")
    survey = models.ForeignKey(DebtSurvey, on_delete=models.PROTECT, related_name="debts")
    position = models.PositiveSmallIntegerField()
    creditor_kind = models.CharField(max_length=16, choices=[(k.value, k.value) for k in CreditorKind])
    creditor = models.CharField(max_length=200, blank=True)
    balance = models.BigIntegerField()
    annual_rate = models.DecimalField(max_digits=7, decimal_places=2)
    monthly_payment = models.BigIntegerField(default=0)

    class Meta:
        ordering = ["survey", "position"]
        constraints = [models.CheckConstraint(condition=models.Q(balance__gte=0, monthly_payment__gte=0),
                                              name="debt_line_not_negative")]


class RefinancePlan(models.Model):
    """ข้อเสนอรวมหนี้: the debts moved, the group loan's terms, the interest saved; the loan applied for."""

    organization = models.ForeignKey("orgs.Organization", on_delete=models.PROTECT, related_name="+")
    survey = models.ForeignKey(DebtSurvey, on_delete=models.PROTECT, related_name="plans")
    moved = models.JSONField(help_text="positions of the debts moved")
    amount = models.BigIntegerField()
    annual_rate = models.DecimalField(max_digits=7, decimal_places=2)
    months = models.PositiveSmallIntegerField()
    method = models.CharField(max_length=10, choices=[(m.value, m.value) for m in (InterestMethod.DECLINING,
                                                                                   InterestMethod.FLAT)])
    interest_new = models.BigIntegerField()
    interest_old = models.BigIntegerField()
    monthly_payment_new = models.BigIntegerField()
    monthly_payment_old = models.BigIntegerField()
    loan_id = models.BigIntegerField(null=True, blank=True, help_text="the group loan applied for (savings_loans)")
    loan_number = models.CharField(max_length=30, blank=True)
    made_on = models.DateField()
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["survey", "-made_on", "-id"]

    @property
    def interest_saved(self) -> int:
        return self.interest_old - self.interest_new
