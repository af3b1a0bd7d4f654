"""A fund's adopted regulations and its claims. Only kongthun.welfare.claims.actions writes them."""

from django.conf import settings
from django.db import models

from kongthun.welfare.claims.domain import STATUS_LABELS, ClaimStatus


class FundRegulation(models.Model):
    """ระเบียบสวัสดิการ a fund adopted: the YAML text as voted, checked by the rules engine.

    `version_label` and `effective_from` are those of the newest version in the text; a claim is
    judged by the newest adopted text that has a version in force on the claim's event date."""

    organization = models.ForeignKey("orgs.Organization", on_delete=models.PROTECT, related_name="regulations")
    version_label = models.CharField(max_length=200)
    effective_from = models.DateField()
    text = models.TextField()
    why = models.CharField(max_length=300, blank=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField()

    class Meta:
        ordering = ["organization", "-uploaded_at", "-id"]

    def __str__(self) -> str:
        return f"{self.version_label} ({self.effective_from.isoformat()})"


class Recipient(models.TextChoices):
    MEMBER = "member", "สมาชิก"
    BENEFICIARY = "beneficiary", "ผู้รับผลประโยชน์"
    HOUSEHOLD = "household", "ครัวเรือน"


class Claim(models.Model):
    """คำขอรับสวัสดิการ: submitted by the treasurer, decided by another committee member, paid once."""

    organization = models.ForeignKey("orgs.Organization", on_delete=models.PROTECT, related_name="claims")
    number = models.PositiveIntegerField()  # per fund, in order of submission
    membership = models.ForeignKey("people.Membership", on_delete=models.PROTECT, related_name="claims")
    # The same person across funds: what the network-wide duplicate check looks up.
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    household_code = models.CharField(max_length=32, blank=True)
    kind = models.CharField(max_length=40)
    event_date = models.DateField()
    admitted_on = models.DateField(null=True, blank=True)
    discharged_on = models.DateField(null=True, blank=True)
    nights = models.PositiveIntegerField(default=0)
    event_ref = models.CharField(max_length=100, blank=True)  # the event (a disaster, a stay) for limits
    claimed = models.BigIntegerField(null=True, blank=True)  # satang asked for, where the rule pays "up to"
    facts = models.JSONField(default=dict, blank=True)  # gpa, school_level, ...
    evidence = models.JSONField(default=list, blank=True)  # documents supplied
    recipient = models.CharField(max_length=12, choices=Recipient.choices, default=Recipient.MEMBER)
    payees = models.JSONField(default=list, blank=True)  # [{name, relation, share_percent, amount}]
    status = models.CharField(max_length=10, default=ClaimStatus.SUBMITTED,
                              choices=[(s.value, STATUS_LABELS[s][0]) for s in ClaimStatus])
    amount = models.BigIntegerField(help_text="satang the regulation grants")
    outcome = models.CharField(max_length=10)  # pay | reduce (a refused claim is not stored)
    explanation = models.JSONField(default=list)  # [{"th": ..., "en": ...}] line by line
    decided_clause = models.CharField(max_length=200, blank=True)
    regulation = models.ForeignKey(FundRegulation, on_delete=models.PROTECT, related_name="claims")
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    submitted_at = models.DateTimeField()  # recorded time (UTC)
    submitted_on = models.DateField(help_text="business date the claim was submitted (วันที่ยื่นคำขอ)")
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)  # recorded time (UTC)
    decided_on = models.DateField(null=True, blank=True, help_text="business date of the decision (วันที่พิจารณา)")
    decision_reason = models.CharField(max_length=300, blank=True)
    paid_entry = models.OneToOneField("ledger.JournalEntry", null=True, blank=True, on_delete=models.PROTECT,
                                      related_name="claim")
    paid_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["organization", "number"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "number"], name="claim_unique_number"),
            models.CheckConstraint(condition=models.Q(amount__gte=0), name="claim_amount_not_negative"),
        ]
        indexes = [models.Index(fields=["person", "kind"], name="claim_person_kind")]

    def __str__(self) -> str:
        return f"{self.organization_id}/{self.number} {self.kind} {self.event_date.isoformat()}"

    @property
    def status_label(self) -> tuple[str, str]:
        return STATUS_LABELS[ClaimStatus(self.status)]
