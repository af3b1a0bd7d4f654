"""Savings policies, members' savings and shares. Only kongthun.savings.accounts.actions writes them.

Every money movement is a `SavingsVoucher` (ใบสำคัญ): one balanced journal entry, and the member
movements it carries (savings, shares, fines), each pointing at the voucher and so at its entry.
"""

from decimal import Decimal

from django.conf import settings
from django.db import models

from kongthun.savings.domain.policy import InterestBasis, Policy, WithdrawalRule


class SavingsPolicy(models.Model):
    """ระเบียบเงินฝากสัจจะและหุ้น of a group, in force from `effective_from` until the next version."""

    organization = models.ForeignKey("orgs.Organization", on_delete=models.PROTECT, related_name="savings_policies")
    effective_from = models.DateField()
    share_price = models.BigIntegerField(help_text="satang per share")
    min_shares = models.PositiveIntegerField(default=1)
    max_shares = models.PositiveIntegerField(default=0, help_text="0: no limit")
    monthly_promise = models.BigIntegerField(help_text="default sajja promise, satang a month")
    missed_month_fine = models.BigIntegerField(default=0, help_text="satang per missed month")
    withdrawal_rule = models.CharField(max_length=20, choices=[(r.value, r.value) for r in WithdrawalRule])
    withdrawal_percent = models.PositiveSmallIntegerField(default=0)
    min_balance = models.BigIntegerField(default=0, help_text="satang")
    interest_rate = models.DecimalField(max_digits=7, decimal_places=4, default=Decimal(0), help_text="% a year")
    interest_basis = models.CharField(max_length=24, choices=[(b.value, b.value) for b in InterestBasis])
    why = models.CharField(max_length=300, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["organization", "effective_from"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "effective_from"], name="savings_policy_unique_from"),
        ]

    def as_policy(self) -> Policy:
        return Policy(
            effective_from=self.effective_from, share_price=self.share_price, min_shares=self.min_shares,
            max_shares=self.max_shares, monthly_promise=self.monthly_promise,
            missed_month_fine=self.missed_month_fine, withdrawal_rule=WithdrawalRule(self.withdrawal_rule),
            withdrawal_percent=self.withdrawal_percent, min_balance=self.min_balance,
            interest_rate=Decimal(self.interest_rate),
            interest_basis=InterestBasis(self.interest_basis),
        )


class SavingsPromise(models.Model):
    """A member's own monthly promise (สัจจะรายเดือน) from a month on; history is kept, never edited."""

    organization = models.ForeignKey("orgs.Organization", on_delete=models.PROTECT, related_name="+")
    membership = models.ForeignKey("people.Membership", on_delete=models.PROTECT, related_name="savings_promises")
    from_month = models.DateField(help_text="first day of the first month it applies to")
    amount = models.BigIntegerField(help_text="satang a month")
    why = models.CharField(max_length=300, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["membership", "from_month", "id"]
        constraints = [models.CheckConstraint(condition=models.Q(amount__gte=0), name="savings_promise_amount")]


class VoucherKind(models.TextChoices):
    OPENING = "opening", "ยอดยกมา"
    COLLECTION = "collection", "เก็บเงินสัจจะประจำเดือน"
    WITHDRAWAL = "withdrawal", "ถอนเงินฝาก"
    SHARES = "shares", "ซื้อหุ้น"
    REFUND = "refund", "คืนเงินเมื่อลาออก"
    INTEREST = "interest", "ดอกเบี้ยเงินฝาก"
    CREDIT = "credit", "เข้าบัญชีเงินฝาก"


class SavingsVoucher(models.Model):
    """One savings operation: its journal entry and the movements it carries. `month` is the month a
    collection was for; `year_name` the accounting year interest was posted for."""

    organization = models.ForeignKey("orgs.Organization", on_delete=models.PROTECT, related_name="savings_vouchers")
    kind = models.CharField(max_length=12, choices=VoucherKind.choices)
    on = models.DateField()
    month = models.DateField(null=True, blank=True)
    year_name = models.PositiveIntegerField(null=True, blank=True)
    entry = models.OneToOneField("ledger.JournalEntry", on_delete=models.PROTECT, related_name="savings_voucher")
    memo = models.CharField(max_length=300, blank=True)
    idempotency_key = models.CharField(max_length=100)
    fingerprint = models.CharField(max_length=64, help_text="sha256 of the request, for idempotent retries")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["organization", "on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "idempotency_key"], name="savings_voucher_unique_idem"),
            models.UniqueConstraint(fields=["organization", "year_name"], condition=models.Q(kind="interest"),
                                    name="savings_interest_once_a_year"),
        ]


class MovementKind(models.TextChoices):
    OPENING = "opening", "ยอดยกมา"
    DEPOSIT = "deposit", "ฝากสัจจะ"
    WITHDRAWAL = "withdrawal", "ถอน"
    INTEREST = "interest", "ดอกเบี้ยเงินฝาก"
    CREDIT = "credit", "รับเข้าบัญชี (เช่น เงินปันผล)"
    FINE = "fine", "หักค่าปรับ"
    REFUND = "refund", "คืนเมื่อลาออก"


class SavingsMovement(models.Model):
    """A movement of a member's savings (เงินฝากสัจจะ): + into the account, - out, in satang. The sum of
    a group's movements equals account 2101. `for_month` is the promise month a deposit counts for."""

    organization = models.ForeignKey("orgs.Organization", on_delete=models.PROTECT, related_name="+")
    membership = models.ForeignKey("people.Membership", on_delete=models.PROTECT, related_name="savings_movements")
    voucher = models.ForeignKey(SavingsVoucher, on_delete=models.PROTECT, related_name="movements")
    on = models.DateField()
    kind = models.CharField(max_length=12, choices=MovementKind.choices)
    amount = models.BigIntegerField()
    for_month = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["membership", "on", "id"]
        constraints = [models.CheckConstraint(condition=~models.Q(amount=0), name="savings_movement_nonzero")]
        indexes = [models.Index(fields=["organization", "on"], name="savings_mv_org_day")]


class ShareKind(models.TextChoices):
    OPENING = "opening", "ยอดยกมา"
    BUY = "buy", "ซื้อหุ้น"
    REDEEM = "redeem", "ถอนหุ้นเมื่อลาออก"


class ShareTransaction(models.Model):
    """A change in a member's shares (หุ้น): units and satang, + bought, - redeemed. The sum of a group's
    amounts equals account 3201."""

    organization = models.ForeignKey("orgs.Organization", on_delete=models.PROTECT, related_name="+")
    membership = models.ForeignKey("people.Membership", on_delete=models.PROTECT, related_name="share_transactions")
    voucher = models.ForeignKey(SavingsVoucher, on_delete=models.PROTECT, related_name="share_transactions")
    on = models.DateField()
    kind = models.CharField(max_length=10, choices=ShareKind.choices)
    units = models.IntegerField()
    amount = models.BigIntegerField()

    class Meta:
        ordering = ["membership", "on", "id"]
        constraints = [models.CheckConstraint(condition=~models.Q(amount=0), name="share_transaction_nonzero")]
        indexes = [models.Index(fields=["organization", "on"], name="share_tx_org_day")]


class MissedMonthFine(models.Model):
    """ค่าปรับขาดส่งสัจจะ: one fine for one missed month of one member, charged once."""

    organization = models.ForeignKey("orgs.Organization", on_delete=models.PROTECT, related_name="+")
    membership = models.ForeignKey("people.Membership", on_delete=models.PROTECT, related_name="savings_fines")
    voucher = models.ForeignKey(SavingsVoucher, on_delete=models.PROTECT, related_name="fines")
    month = models.DateField()
    amount = models.BigIntegerField()

    class Meta:
        ordering = ["membership", "month"]
        constraints = [
            models.UniqueConstraint(fields=["membership", "month"], name="savings_fine_once_a_month"),
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="savings_fine_positive"),
        ]
