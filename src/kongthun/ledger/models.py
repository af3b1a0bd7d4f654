"""The ledger's tables. Only kongthun.ledger.actions writes them."""

from django.conf import settings
from django.db import models

from kongthun.ledger.domain import AccountType


class Account(models.Model):
    """บัญชี in an organization's chart of accounts.

    `balance` is the debit-positive sum of the account's lines, kept by the posting
    action in the same transaction; `kongthun check` recomputes and compares it.
    """

    organization = models.ForeignKey("orgs.Organization", on_delete=models.PROTECT, related_name="accounts")
    code = models.CharField(max_length=10)
    name_th = models.CharField(max_length=200)
    name_en = models.CharField(max_length=200)
    type = models.CharField(max_length=10, choices=[(t.value, t.value) for t in AccountType])
    balance = models.BigIntegerField(default=0)

    class Meta:
        ordering = ["organization", "code"]
        constraints = [models.UniqueConstraint(fields=["organization", "code"], name="account_unique_code")]

    def __str__(self) -> str:
        return f"{self.code} {self.name_th}"

    @property
    def natural_balance(self) -> int:
        """The balance as a treasurer reads it: positive on the account's normal side."""
        return self.balance * AccountType(self.type).normal_sign


class JournalEntry(models.Model):
    """รายการบัญชี: posted once, never changed; a correction is a reversing entry."""

    organization = models.ForeignKey("orgs.Organization", on_delete=models.PROTECT, related_name="entries")
    number = models.PositiveIntegerField()
    date = models.DateField()
    memo = models.CharField(max_length=300)
    source = models.CharField(max_length=60, default="manual")
    recorded_at = models.DateTimeField()
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    reverses = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="reversed_by"
    )
    idempotency_key = models.CharField(max_length=100, null=True, blank=True)

    class Meta:
        ordering = ["organization", "number"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "number"], name="entry_unique_number"),
            models.UniqueConstraint(fields=["organization", "idempotency_key"], name="entry_unique_idem"),
        ]

    def __str__(self) -> str:
        return f"JV{self.number:06d} {self.memo}"


class JournalLine(models.Model):
    organization = models.ForeignKey("orgs.Organization", on_delete=models.PROTECT, related_name="+")
    entry = models.ForeignKey(JournalEntry, on_delete=models.PROTECT, related_name="lines")
    account = models.ForeignKey(Account, on_delete=models.PROTECT, related_name="lines")
    amount = models.BigIntegerField(help_text="signed satang: + debit, - credit")
    memo = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["entry", "id"]
        constraints = [models.CheckConstraint(condition=~models.Q(amount=0), name="line_nonzero")]

    @property
    def debit(self) -> int:
        return max(self.amount, 0)

    @property
    def credit(self) -> int:
        return max(-self.amount, 0)


class PeriodLock(models.Model):
    """The books are closed through `locked_through` (ปิดงวดบัญชี). Locks only move forward."""

    organization = models.ForeignKey("orgs.Organization", on_delete=models.PROTECT, related_name="locks")
    locked_through = models.DateField()
    locked_at = models.DateTimeField()
    locked_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    why = models.CharField(max_length=300)

    class Meta:
        ordering = ["organization", "locked_through"]


class YearClose(models.Model):
    """ปิดบัญชีสิ้นปี: an accounting year closed once. Its closing entry carried the year's income and
    expenses to the retained surplus (3901) and its lock keeps the year as it was approved. Asset,
    liability and fund balances carry forward as they stand: the next year opens with them."""

    organization = models.ForeignKey("orgs.Organization", on_delete=models.PROTECT, related_name="year_closes")
    year_name = models.PositiveIntegerField(help_text="BE year in which the accounting year ends")
    year_start = models.DateField()
    year_end = models.DateField()
    entry = models.OneToOneField(JournalEntry, null=True, on_delete=models.PROTECT, related_name="year_close")
    lock = models.OneToOneField(PeriodLock, on_delete=models.PROTECT, related_name="year_close")
    income = models.BigIntegerField(help_text="the year's income, satang")
    expenses = models.BigIntegerField(help_text="the year's expenses, satang")
    surplus = models.BigIntegerField(help_text="income minus expenses carried to 3901, satang")
    closed_on = models.DateField()
    closed_at = models.DateTimeField()
    closed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["organization", "year_end"]
        constraints = [models.UniqueConstraint(fields=["organization", "year_name"], name="year_close_once")]

    def __str__(self) -> str:
        return f"{self.organization_id} {self.year_name}"
