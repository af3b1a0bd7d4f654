"""Outside money of a welfare fund: agreements with sources, requests, money received, and the fund's
allocation setting. Only kongthun.welfare.funding.actions writes them."""

from decimal import Decimal

from django.conf import settings
from django.db import models

from kongthun.welfare.funding.domain import DEFAULT_ADMIN_CAP_PERCENT, CapBase, SourceKind, source_label


class FundingAgreement(models.Model):
    """แหล่งเงินและหลักฐาน: a source of outside money with its legal basis and document, the income
    account its money posts to, and, for a matching source, its ratio and per-member cap a year."""

    organization = models.ForeignKey("orgs.Organization", on_delete=models.PROTECT, related_name="funding_agreements")
    kind = models.CharField(max_length=12, choices=[(k.value, k.value) for k in SourceKind])
    name = models.CharField(max_length=200)
    legal_basis = models.TextField(blank=True)
    document_no = models.CharField(max_length=100, blank=True)
    document_date = models.DateField(null=True, blank=True)
    income_account = models.CharField(max_length=10)
    amount = models.BigIntegerField(null=True, blank=True, help_text="approved satang; null: open-ended")
    project_size = models.CharField(max_length=10, blank=True, help_text="Social Welfare Promotion Fund grants")
    matching_ratio = models.DecimalField(max_digits=8, decimal_places=4, null=True, blank=True)
    cap_per_member = models.BigIntegerField(null=True, blank=True, help_text="satang a member a year")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["organization", "kind", "id"]

    def __str__(self) -> str:
        return self.name

    @property
    def kind_label(self) -> tuple[str, str]:
        return source_label(self.kind)

    @property
    def matches(self) -> bool:
        return self.matching_ratio is not None


class RequestStatus(models.TextChoices):
    PREPARED = "prepared", "จัดทำแล้ว"
    SENT = "sent", "ส่งแล้ว"
    PART_RECEIVED = "part_received", "ได้รับบางส่วน"
    RECEIVED = "received", "ได้รับครบ"


class FundingRequest(models.Model):
    """คำขอรับเงินสมทบ: what the fund asks a source for an accounting year, with the member lines it
    was computed from frozen as they were."""

    organization = models.ForeignKey("orgs.Organization", on_delete=models.PROTECT, related_name="funding_requests")
    agreement = models.ForeignKey(FundingAgreement, on_delete=models.PROTECT, related_name="requests")
    year_name = models.PositiveIntegerField(help_text="BE year in which the accounting year ends")
    amount = models.BigIntegerField(help_text="satang requested")
    paid = models.BigIntegerField(default=0, help_text="members' contributions of the year, satang")
    counted = models.BigIntegerField(default=0, help_text="the part counted for matching, satang")
    members_counted = models.PositiveIntegerField(default=0)
    lines = models.JSONField(default=list)
    status = models.CharField(max_length=16, choices=RequestStatus.choices, default=RequestStatus.PREPARED)
    prepared_on = models.DateField()
    sent_on = models.DateField(null=True, blank=True, help_text="the day the request went to the source")
    sent_document_no = models.CharField(max_length=100, blank=True, help_text="the letter it went with")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["organization", "-year_name", "agreement_id"]
        constraints = [
            models.UniqueConstraint(fields=["agreement", "year_name"], name="funding_request_once_a_year"),
            models.CheckConstraint(condition=models.Q(amount__gte=0), name="funding_request_amount"),
        ]

    def __str__(self) -> str:
        return f"{self.agreement.name} {self.year_name}"


class FundsReceived(models.Model):
    """รับเงินจากแหล่งภายนอก: money received under an agreement (and a request, when it answers one),
    posted as one entry: debit cash or bank, credit the source's income account."""

    organization = models.ForeignKey("orgs.Organization", on_delete=models.PROTECT, related_name="funds_received")
    agreement = models.ForeignKey(FundingAgreement, on_delete=models.PROTECT, related_name="received")
    request = models.ForeignKey(FundingRequest, null=True, blank=True, on_delete=models.PROTECT,
                                related_name="received")
    amount = models.BigIntegerField(help_text="satang")
    received_on = models.DateField()
    account = models.CharField(max_length=10, help_text="1101 cash or 1102 bank")
    entry = models.OneToOneField("ledger.JournalEntry", on_delete=models.PROTECT, related_name="funds_received")
    memo = models.CharField(max_length=300, blank=True)
    idempotency_key = models.CharField(max_length=100)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()
    # กลับรายการ: money recorded by mistake stays, marked reversed, its entry undone by a reversing entry.
    reversed_on = models.DateField(null=True, blank=True)
    reversal_entry = models.OneToOneField("ledger.JournalEntry", null=True, blank=True, on_delete=models.PROTECT,
                                          related_name="funds_reversed")
    reversed_why = models.CharField(max_length=300, blank=True)
    reversed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+")
    reversed_at = models.DateTimeField(null=True, blank=True)

    @property
    def is_reversed(self) -> bool:
        return self.reversal_entry_id is not None

    class Meta:
        ordering = ["organization", "received_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "idempotency_key"], name="funds_received_unique_idem"),
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="funds_received_amount"),
        ]


class AllocationSetting(models.Model):
    """การจัดสรรรายได้: the fund's rule for administration, at most `admin_cap_percent` of its `cap_base`:
    the year's income (last year's while the year has none) or its balance at the start of the year plus
    the year's income."""

    organization = models.OneToOneField("orgs.Organization", on_delete=models.PROTECT,
                                        related_name="allocation_setting")
    admin_cap_percent = models.DecimalField(max_digits=5, decimal_places=2, default=DEFAULT_ADMIN_CAP_PERCENT)
    cap_base = models.CharField(max_length=12, choices=[(b.value, b.value) for b in CapBase],
                                default=CapBase.YEAR_INCOME.value)
    why = models.CharField(max_length=300, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()

    @property
    def cap(self) -> Decimal:
        return Decimal(self.admin_cap_percent)
