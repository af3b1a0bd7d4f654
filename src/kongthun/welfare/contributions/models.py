"""Contribution plans, collection days and receipts. Only kongthun.welfare.contributions.actions writes them."""

from django.conf import settings
from django.db import models
from django.db.models import Sum

from kongthun.welfare.contributions.domain import Frequency, Plan, Reinstatement


class ContributionPlan(models.Model):
    """ข้อกำหนดการส่งเงินสมทบ of a fund, in force from `effective_from` until the next version."""

    organization = models.ForeignKey("orgs.Organization", on_delete=models.PROTECT, related_name="contribution_plans")
    effective_from = models.DateField()
    daily_rate = models.BigIntegerField(default=100, help_text="satang a day")
    frequency = models.CharField(max_length=10, choices=[(f.value, f.value) for f in Frequency])
    entry_fee = models.BigIntegerField(default=0, help_text="satang")
    grace_days = models.PositiveIntegerField(default=30)
    lapse_after_months = models.PositiveIntegerField(default=6)
    reinstatement = models.CharField(max_length=12, choices=[(r.value, r.value) for r in Reinstatement])
    rejoin_fee = models.BigIntegerField(default=0, help_text="satang")
    why = models.CharField(max_length=300, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["organization", "effective_from"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "effective_from"], name="contribution_plan_unique_from"),
        ]

    def as_plan(self) -> Plan:
        return Plan(
            effective_from=self.effective_from, daily_rate=self.daily_rate, frequency=Frequency(self.frequency),
            entry_fee=self.entry_fee, grace_days=self.grace_days, lapse_after_months=self.lapse_after_months,
            reinstatement=Reinstatement(self.reinstatement), rejoin_fee=self.rejoin_fee,
        )


class Collection(models.Model):
    """วันเก็บเงินสมทบ: one day's payments, posted as one ledger entry, one receipt per payment."""

    organization = models.ForeignKey("orgs.Organization", on_delete=models.PROTECT, related_name="collections")
    collected_on = models.DateField()
    entry = models.OneToOneField("ledger.JournalEntry", on_delete=models.PROTECT, related_name="collection")
    contributions = models.BigIntegerField(help_text="satang credited to 4101")
    entry_fees = models.BigIntegerField(help_text="satang credited to 4102")
    idempotency_key = models.CharField(max_length=100)
    fingerprint = models.CharField(max_length=64, help_text="sha256 of the request, for idempotent retries")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["organization", "collected_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "idempotency_key"], name="collection_unique_idem"),
        ]


class Receipt(models.Model):
    """ใบเสร็จรับเงิน: numbered per fund and accounting year ("2568/000123"). A void receipt stays,
    marked void with the reason, who and when, and the entry that reversed its money."""

    organization = models.ForeignKey("orgs.Organization", on_delete=models.PROTECT, related_name="receipts")
    year_name = models.PositiveIntegerField(help_text="BE year in which the fund's accounting year ends")
    seq = models.PositiveIntegerField()
    number = models.CharField(max_length=20)
    collection = models.ForeignKey(Collection, on_delete=models.PROTECT, related_name="receipts")
    entry = models.ForeignKey("ledger.JournalEntry", on_delete=models.PROTECT, related_name="receipts")
    membership = models.ForeignKey("people.Membership", on_delete=models.PROTECT, related_name="receipts")
    issued_on = models.DateField()
    amount = models.BigIntegerField(help_text="contribution satang (4101)")
    entry_fee = models.BigIntegerField(default=0, help_text="entry-fee satang (4102)")
    periods = models.PositiveIntegerField()
    frequency = models.CharField(max_length=10)
    days_covered = models.PositiveIntegerField()
    covered_from = models.DateField()
    covered_to = models.DateField()
    voided_on = models.DateField(null=True, blank=True)
    voided_at = models.DateTimeField(null=True, blank=True)
    voided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="+")
    void_reason = models.CharField(max_length=300, blank=True)
    void_entry = models.OneToOneField("ledger.JournalEntry", null=True, blank=True, on_delete=models.PROTECT,
                                      related_name="voided_receipt")

    class Meta:
        ordering = ["organization", "year_name", "seq"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "year_name", "seq"], name="receipt_unique_number"),
            models.CheckConstraint(condition=models.Q(amount__gt=0, entry_fee__gte=0), name="receipt_amounts"),
        ]
        indexes = [models.Index(fields=["organization", "issued_on"], name="receipt_org_day"),
                   models.Index(fields=["membership", "voided_at"], name="receipt_member_void")]

    def __str__(self) -> str:
        return self.number

    @property
    def is_void(self) -> bool:
        return self.voided_at is not None

    @property
    def total(self) -> int:
        return self.amount + self.entry_fee


class MemberReinstatement(models.Model):
    """การกลับเข้าเป็นสมาชิก: a lapsed member made active again on the plan's terms. Paying the arrears
    leaves a collection of its own; a re-join fee leaves its entry, and the lapsed days it forgave count
    as covered (`days_waived`) so the member is paid up to the day before coming back."""

    organization = models.ForeignKey("orgs.Organization", on_delete=models.PROTECT, related_name="+")
    membership = models.ForeignKey("people.Membership", on_delete=models.PROTECT, related_name="reinstatements")
    reinstated_on = models.DateField()
    kind = models.CharField(max_length=20)
    amount = models.BigIntegerField(help_text="satang paid: the arrears, or the re-join fee")
    days_waived = models.PositiveIntegerField(default=0)
    collection = models.OneToOneField(Collection, null=True, on_delete=models.PROTECT, related_name="+")
    entry = models.OneToOneField("ledger.JournalEntry", null=True, on_delete=models.PROTECT, related_name="+")
    idempotency_key = models.CharField(max_length=100)
    why = models.CharField(max_length=300, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["organization", "reinstated_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "idempotency_key"], name="reinstatement_unique_idem"),
        ]


def days_covered(membership_ids) -> dict[int, int]:
    """Days of contributions each membership has covered: its receipts that are not void, plus lapsed
    days a re-join fee forgave."""
    out = dict(
        Receipt.objects.filter(membership_id__in=membership_ids, voided_at__isnull=True)
        .values("membership_id").annotate(d=Sum("days_covered")).values_list("membership_id", "d")
    )
    waived = (MemberReinstatement.objects.filter(membership_id__in=membership_ids, days_waived__gt=0)
              .values("membership_id").annotate(d=Sum("days_waived")).values_list("membership_id", "d"))
    for membership_id, days in waived:
        out[membership_id] = out.get(membership_id, 0) + days
    return out
