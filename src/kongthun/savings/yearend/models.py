"""A savings group's profit rule and each year's allocation of its net profit (การจัดสรรกำไรสุทธิ), with the
member lines of dividend and patronage refund. Only kongthun.savings.yearend.actions writes them."""

from django.conf import settings
from django.db import models

from kongthun.savings.domain.dividends import Bucket, DividendBasis


class ProfitRule(models.Model):
    """ระเบียบการจัดสรรกำไรสุทธิ, versioned by the first year-end it applies to: percentages per bucket (summing
    to 100), the reserve minimum, the maximum dividend rate and the shares the dividend is paid on."""

    organization = models.ForeignKey("orgs.Organization", on_delete=models.PROTECT, related_name="profit_rules")
    effective_from = models.DateField(help_text="applies to the years ending on or after this day")
    percents = models.JSONField(help_text="bucket -> percent of net profit, as text ('10.35')")
    reserve_min_percent = models.DecimalField(max_digits=6, decimal_places=2)
    max_dividend_rate = models.DecimalField(max_digits=6, decimal_places=2, help_text="percent a year of shares")
    dividend_basis = models.CharField(max_length=16, choices=[(b.value, b.value) for b in DividendBasis])
    excess_to = models.CharField(max_length=16, choices=[(b.value, b.value) for b in Bucket])
    why = models.CharField(max_length=300, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["organization", "-effective_from"]
        constraints = [models.UniqueConstraint(fields=["organization", "effective_from"],
                                               name="profit_rule_one_version_a_day")]

    def __str__(self) -> str:
        return f"{self.organization_id} {self.effective_from}"


class YearEndAllocation(models.Model):
    """One accounting year's allocation, posted in one entry: debit 3901, credit each bucket's account."""

    organization = models.ForeignKey("orgs.Organization", on_delete=models.PROTECT, related_name="allocations")
    year_name = models.PositiveIntegerField(help_text="BE year in which the accounting year ends")
    year_start = models.DateField()
    year_end = models.DateField()
    rule = models.ForeignKey(ProfitRule, on_delete=models.PROTECT, related_name="allocations")
    net_profit = models.BigIntegerField(help_text="satang, the closed year's surplus")
    buckets = models.JSONField(help_text="[{bucket, percent, amount, account, explanation: [[th, en]]}]")
    dividend_rate = models.DecimalField(max_digits=8, decimal_places=2)
    explanation = models.JSONField(default=list)
    posted_on = models.DateField()
    entry = models.OneToOneField("ledger.JournalEntry", on_delete=models.PROTECT, related_name="+")
    idempotency_key = models.CharField(max_length=100, null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["organization", "-year_name"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "year_name"], name="allocation_once_a_year"),
            models.CheckConstraint(condition=models.Q(net_profit__gt=0), name="allocation_of_a_profit"),
        ]

    def __str__(self) -> str:
        return f"{self.organization_id} {self.year_name}"

    def amount(self, bucket: str) -> int:
        return sum(b["amount"] for b in self.buckets if b["bucket"] == bucket)


class PayMethod(models.TextChoices):
    SAVINGS = "savings", "เข้าบัญชีเงินฝากสัจจะ"
    CASH = "cash", "จ่ายเงินสด"


class MemberDividend(models.Model):
    """One member's dividend and patronage refund of a year (ใบแจ้งเงินปันผลและเงินเฉลี่ยคืน), and how they
    were paid."""

    organization = models.ForeignKey("orgs.Organization", on_delete=models.PROTECT, related_name="+")
    allocation = models.ForeignKey(YearEndAllocation, on_delete=models.PROTECT, related_name="lines")
    membership = models.ForeignKey("people.Membership", on_delete=models.PROTECT, related_name="dividends")
    shares = models.BigIntegerField(help_text="satang of shares the dividend is paid on (rounded for display)")
    interest_paid = models.BigIntegerField()
    dividend = models.BigIntegerField()
    patronage = models.BigIntegerField()
    paid_on = models.DateField(null=True, blank=True)
    paid_how = models.CharField(max_length=8, choices=PayMethod.choices, blank=True)
    pay_entry = models.ForeignKey("ledger.JournalEntry", null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="+")

    class Meta:
        ordering = ["allocation", "membership__member_no"]
        constraints = [
            models.UniqueConstraint(fields=["allocation", "membership"], name="dividend_line_once"),
            models.CheckConstraint(condition=models.Q(dividend__gte=0, patronage__gte=0),
                                   name="dividend_line_not_negative"),
        ]

    @property
    def total(self) -> int:
        return self.dividend + self.patronage
