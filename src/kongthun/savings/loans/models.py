"""Loan products, loans, their schedules, guarantees, events and decisions (สินเชื่อสมาชิก).
Only kongthun.savings.loans.actions writes them."""

from django.conf import settings
from django.db import models

from kongthun.savings.domain.aging import DEFAULT_PROVISION, ProvisionRow
from kongthun.savings.domain.allocation import FineRule, Paid
from kongthun.savings.domain.schedule import Frequency, Instalment, Method, Terms

USER = settings.AUTH_USER_MODEL


class Purpose(models.TextChoices):
    PRODUCTION = "production", "เพื่อการผลิต / Production"
    EMERGENCY = "emergency", "ฉุกเฉิน / Emergency"
    EDUCATION = "education", "เพื่อการศึกษา / Education"
    REFINANCE = "refinance", "แก้หนี้นอกระบบ / Refinancing informal debt"
    OTHER = "other", "อื่น ๆ / Other"


class LoanStatus(models.TextChoices):
    APPLIED = "applied", "ยื่นคำขอ / Applied"
    APPROVED = "approved", "อนุมัติ / Approved"
    REJECTED = "rejected", "ไม่อนุมัติ / Rejected"
    ACTIVE = "active", "จ่ายเงินกู้แล้ว / Disbursed"
    CLOSED = "closed", "ปิดบัญชี / Closed"
    WRITTEN_OFF = "written_off", "ตัดหนี้สูญ / Written off"


OPEN_STATUSES = (LoanStatus.APPLIED, LoanStatus.APPROVED, LoanStatus.ACTIVE)


class LoanProduct(models.Model):
    """ประเภทเงินกู้ of a group: purpose, interest method and rate, term, frequency, limits, guarantors, fines."""

    organization = models.ForeignKey("orgs.Organization", on_delete=models.PROTECT, related_name="loan_products")
    code = models.CharField(max_length=20)
    name_th = models.CharField(max_length=200)
    name_en = models.CharField(max_length=200, blank=True)
    purpose = models.CharField(max_length=12, choices=Purpose.choices)
    method = models.CharField(max_length=10, choices=[(m.value, m.value) for m in Method])
    annual_rate = models.DecimalField(max_digits=7, decimal_places=4, help_text="percent a year")
    max_term_months = models.PositiveIntegerField()
    frequency = models.CharField(max_length=10, choices=[(f.value, f.value) for f in Frequency])
    max_amount = models.BigIntegerField(default=0, help_text="satang; 0 = no fixed maximum")
    savings_multiple = models.DecimalField(max_digits=6, decimal_places=2, null=True, blank=True,
                                           help_text="maximum = this many times the member's savings")
    guarantors_required = models.PositiveSmallIntegerField(default=0)
    guarantor_limit = models.BigIntegerField(default=0, help_text="satang a guarantor may guarantee in all; 0 = none")
    fine_amount = models.BigIntegerField(default=0, help_text="satang per late instalment")
    grace_days = models.PositiveIntegerField(default=0)
    whole_period_interest = models.BooleanField(
        default=False, help_text="early repayment pays the whole current period's interest, not by the day")
    active = models.BooleanField(default=True)
    recorded_by = models.ForeignKey(USER, null=True, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["organization", "code"]
        constraints = [models.UniqueConstraint(fields=["organization", "code"], name="loan_product_unique_code")]

    def __str__(self) -> str:
        return f"{self.code} {self.name_th}"


class Loan(models.Model):
    """สัญญาเงินกู้: a member's loan, numbered per group and accounting year. Its terms are copied from the
    product when applied for, so a later change to the product does not change a loan already made."""

    organization = models.ForeignKey("orgs.Organization", on_delete=models.PROTECT, related_name="loans")
    year_name = models.PositiveIntegerField()
    seq = models.PositiveIntegerField()
    number = models.CharField(max_length=20)
    membership = models.ForeignKey("people.Membership", on_delete=models.PROTECT, related_name="loans")
    product = models.ForeignKey(LoanProduct, on_delete=models.PROTECT, related_name="loans")
    purpose = models.CharField(max_length=12, choices=Purpose.choices)
    purpose_note = models.CharField(max_length=300, blank=True)
    refinances = models.CharField(max_length=300, blank=True)
    amount = models.BigIntegerField(help_text="satang asked for and lent")
    annual_rate = models.DecimalField(max_digits=7, decimal_places=4)
    method = models.CharField(max_length=10)
    frequency = models.CharField(max_length=10)
    term_months = models.PositiveIntegerField()
    fine_amount = models.BigIntegerField(default=0)
    grace_days = models.PositiveIntegerField(default=0)
    whole_period_interest = models.BooleanField(default=False)
    status = models.CharField(max_length=12, choices=LoanStatus.choices, default=LoanStatus.APPLIED)
    applied_on = models.DateField()
    limit = models.BigIntegerField(help_text="the most this member could borrow when applying (satang)")
    explanation = models.JSONField(default=list, help_text="[[th, en], ...] for the committee")
    recorded_by = models.ForeignKey(USER, null=True, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()
    decided_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    decided_on = models.DateField(null=True, blank=True)
    decision_reason = models.CharField(max_length=300, blank=True)
    disbursed_on = models.DateField(null=True, blank=True)
    closed_on = models.DateField(null=True, blank=True)
    outstanding = models.BigIntegerField(default=0, help_text="principal owed (satang), = its lines on 1201")
    version = models.PositiveIntegerField(default=0, help_text="schedule version in force; 0 before disbursement")
    idempotency_key = models.CharField(max_length=100, null=True, blank=True)

    class Meta:
        ordering = ["organization", "year_name", "seq"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "year_name", "seq"], name="loan_unique_number"),
            models.UniqueConstraint(fields=["organization", "idempotency_key"], name="loan_unique_idem"),
        ]

    def __str__(self) -> str:
        return self.number


class Guarantee(models.Model):
    """ผู้ค้ำประกัน: a member who guarantees part of a loan."""

    organization = models.ForeignKey("orgs.Organization", on_delete=models.PROTECT, related_name="+")
    loan = models.ForeignKey(Loan, on_delete=models.PROTECT, related_name="guarantees")
    membership = models.ForeignKey("people.Membership", on_delete=models.PROTECT, related_name="guarantees")
    amount = models.BigIntegerField(help_text="satang guaranteed")

    class Meta:
        ordering = ["loan", "id"]
        constraints = [models.UniqueConstraint(fields=["loan", "membership"], name="guarantee_unique")]


class ScheduleVersion(models.Model):
    """One version of a loan's schedule: the first at disbursement, a new one at each restructuring.
    Older versions are kept; payments count against the version in force when they were made."""

    organization = models.ForeignKey("orgs.Organization", on_delete=models.PROTECT, related_name="+")
    loan = models.ForeignKey(Loan, on_delete=models.PROTECT, related_name="versions")
    version = models.PositiveIntegerField()
    starts_on = models.DateField()
    principal = models.BigIntegerField()
    annual_rate = models.DecimalField(max_digits=7, decimal_places=4)
    method = models.CharField(max_length=10)
    frequency = models.CharField(max_length=10)
    term_months = models.PositiveIntegerField()
    reason = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["loan", "version"]
        constraints = [models.UniqueConstraint(fields=["loan", "version"], name="schedule_version_unique")]

    def terms(self) -> Terms:
        return Terms(principal=self.principal, annual_rate=self.annual_rate, method=Method(self.method),
                     term_months=self.term_months, frequency=Frequency(self.frequency), start=self.starts_on)


class Instalment(models.Model):
    """งวดผ่อนชำระ: one line of one schedule version."""

    organization = models.ForeignKey("orgs.Organization", on_delete=models.PROTECT, related_name="+")
    loan = models.ForeignKey(Loan, on_delete=models.PROTECT, related_name="instalments")
    version = models.PositiveIntegerField()
    n = models.PositiveIntegerField()
    due_on = models.DateField()
    principal = models.BigIntegerField()
    interest = models.BigIntegerField()
    balance_after = models.BigIntegerField()

    class Meta:
        ordering = ["loan", "version", "n"]
        constraints = [models.UniqueConstraint(fields=["loan", "version", "n"], name="instalment_unique")]

    def as_domain(self) -> Instalment:
        from kongthun.savings.domain.schedule import Instalment as Line

        return Line(n=self.n, due=self.due_on, principal=self.principal, interest=self.interest,
                    balance_after=self.balance_after)


class EventKind(models.TextChoices):
    APPLY = "apply", "ยื่นคำขอ / Applied"
    APPROVE = "approve", "อนุมัติ / Approved"
    REJECT = "reject", "ไม่อนุมัติ / Rejected"
    DISBURSE = "disburse", "จ่ายเงินกู้ / Disbursed"
    REPAY = "repay", "ชำระ / Repayment"
    RESTRUCTURE = "restructure", "ปรับโครงสร้างหนี้ / Restructured"
    WRITE_OFF = "write_off", "ตัดหนี้สูญ / Written off"
    FOLLOW_UP = "follow_up", "ติดตามหนี้ / Follow-up"
    NOTICE = "notice", "แจ้งผู้ค้ำ / Guarantors notified"


class LoanEvent(models.Model):
    """What happened to a loan, in order (ประวัติ). Money events link their ledger entry: `principal` is
    the change in principal owed (+ lent or capitalised, - repaid or written off), = the entry's 1201 line."""

    organization = models.ForeignKey("orgs.Organization", on_delete=models.PROTECT, related_name="+")
    loan = models.ForeignKey(Loan, on_delete=models.PROTECT, related_name="events")
    kind = models.CharField(max_length=12, choices=EventKind.choices)
    on = models.DateField()
    version = models.PositiveIntegerField(default=0)
    amount = models.BigIntegerField(default=0, help_text="cash received or paid (satang)")
    fine = models.BigIntegerField(default=0)
    interest = models.BigIntegerField(default=0)
    principal = models.BigIntegerField(default=0)
    entry = models.ForeignKey("ledger.JournalEntry", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    idempotency_key = models.CharField(max_length=100, null=True, blank=True)
    note = models.CharField(max_length=300, blank=True)
    recorded_by = models.ForeignKey(USER, null=True, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["loan", "on", "id"]
        constraints = [models.UniqueConstraint(fields=["organization", "idempotency_key"], name="loan_event_idem")]

    @property
    def principal_moved(self) -> int:
        """The principal lent, repaid, added or written off, as a positive amount (for statements)."""
        return abs(self.principal)

    def as_paid(self) -> Paid:
        return Paid(on=self.on, fine=self.fine, interest=self.interest, principal=-self.principal)


class ChangeKind(models.TextChoices):
    RESTRUCTURE = "restructure", "ปรับโครงสร้างหนี้ / Restructure"
    WRITE_OFF = "write_off", "ตัดหนี้สูญ / Write-off"


class ChangeStatus(models.TextChoices):
    REQUESTED = "requested", "รอพิจารณา / Awaiting decision"
    APPROVED = "approved", "อนุมัติ / Approved"
    REJECTED = "rejected", "ไม่อนุมัติ / Rejected"
    DONE = "done", "ดำเนินการแล้ว / Done"


class LoanChange(models.Model):
    """A restructuring or a write-off: asked for by one person, decided by a committee member who is
    another person, then carried out (posted) by the treasurer."""

    organization = models.ForeignKey("orgs.Organization", on_delete=models.PROTECT, related_name="+")
    loan = models.ForeignKey(Loan, on_delete=models.PROTECT, related_name="changes")
    kind = models.CharField(max_length=12, choices=ChangeKind.choices)
    status = models.CharField(max_length=10, choices=ChangeStatus.choices, default=ChangeStatus.REQUESTED)
    terms = models.JSONField(default=dict)
    reason = models.CharField(max_length=300)
    requested_on = models.DateField()
    requested_by = models.ForeignKey(USER, null=True, on_delete=models.PROTECT, related_name="+")
    decided_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    decided_on = models.DateField(null=True, blank=True)
    decision_reason = models.CharField(max_length=300, blank=True)
    event = models.ForeignKey(LoanEvent, null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["loan", "id"]


class GuarantorNotice(models.Model):
    """แจ้งผู้ค้ำประกัน: one record per overdue loan, per guarantor, per spell of arrears."""

    organization = models.ForeignKey("orgs.Organization", on_delete=models.PROTECT, related_name="+")
    loan = models.ForeignKey(Loan, on_delete=models.PROTECT, related_name="notices")
    membership = models.ForeignKey("people.Membership", on_delete=models.PROTECT, related_name="+")
    overdue_since = models.DateField()
    notified_on = models.DateField()
    days_overdue = models.PositiveIntegerField()
    overdue = models.BigIntegerField()
    recorded_by = models.ForeignKey(USER, null=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["loan", "notified_on", "id"]
        constraints = [models.UniqueConstraint(fields=["loan", "membership", "overdue_since"], name="notice_unique")]


class ProvisionTable(models.Model):
    """A group's loan-loss provisioning table: [[from days overdue, percent], ...]."""

    organization = models.OneToOneField("orgs.Organization", on_delete=models.PROTECT, related_name="+")
    rows = models.JSONField()
    recorded_by = models.ForeignKey(USER, null=True, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()

    def as_rows(self) -> tuple[ProvisionRow, ...]:
        from decimal import Decimal

        return tuple(ProvisionRow(int(d), Decimal(str(p))) for d, p in self.rows)


def default_rows() -> tuple[ProvisionRow, ...]:
    return DEFAULT_PROVISION


def fine_rule(loan: Loan) -> FineRule:
    return FineRule(amount=loan.fine_amount, grace_days=loan.grace_days, whole_period=loan.whole_period_interest)
