"""Persons, households, memberships, beneficiaries and PDPA consent.

A person is one identity shared by every organization they belong to (found by
national ID); what an organization may see of them goes through its memberships.
"""

from django.db import models

from kongthun.people.domain import IdKind, Sex, mask_national_id, mask_phone


class Household(models.Model):
    """ครัวเรือน: persons living together (the household notebook's unit)."""

    code = models.CharField(max_length=32, unique=True)
    tambon = models.ForeignKey("places.Tambon", on_delete=models.PROTECT)
    village = models.CharField(max_length=100, blank=True)
    house_no = models.CharField(max_length=30, blank=True)

    def __str__(self) -> str:
        return self.code


class Person(models.Model):
    id_kind = models.CharField(max_length=10, choices=[(k.value, k.value) for k in IdKind])
    national_id = models.CharField(max_length=13, null=True, blank=True, unique=True)
    other_id = models.CharField(max_length=40, blank=True)
    prefix_th = models.CharField(max_length=20, blank=True)
    first_name_th = models.CharField(max_length=100)
    last_name_th = models.CharField(max_length=100)
    first_name_en = models.CharField(max_length=100, blank=True)
    last_name_en = models.CharField(max_length=100, blank=True)
    sex = models.CharField(max_length=1, choices=[(s.value, s.value) for s in Sex])
    birth_date = models.DateField(null=True, blank=True)
    phone = models.CharField(max_length=20, blank=True)
    tambon = models.ForeignKey("places.Tambon", null=True, blank=True, on_delete=models.PROTECT)
    village = models.CharField(max_length=100, blank=True)
    house_no = models.CharField(max_length=30, blank=True)
    household = models.ForeignKey(Household, null=True, blank=True, on_delete=models.SET_NULL, related_name="persons")
    deceased_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["first_name_th", "last_name_th"]

    def __str__(self) -> str:
        return self.full_name_th

    @property
    def full_name_th(self) -> str:
        return f"{self.prefix_th}{self.first_name_th} {self.last_name_th}".strip()

    @property
    def id_flagged(self) -> bool:
        """Persons without a checked Thai national ID are flagged for follow-up."""
        return self.id_kind != IdKind.NATIONAL

    @property
    def masked_id(self) -> str:
        if self.national_id:
            return mask_national_id(self.national_id)
        return "…" + self.other_id[-4:] if self.other_id else ""

    @property
    def masked_phone(self) -> str:
        return mask_phone(self.phone)


class MembershipStatus(models.TextChoices):
    ACTIVE = "active", "ปกติ"
    LAPSED = "lapsed", "ขาดส่ง"
    RESIGNED = "resigned", "ลาออก"
    DECEASED = "deceased", "เสียชีวิต"


class Membership(models.Model):
    """สมาชิกภาพ: a person in one organization, with that organization's member number."""

    organization = models.ForeignKey("orgs.Organization", on_delete=models.PROTECT, related_name="memberships")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="memberships")
    member_no = models.CharField(max_length=20)
    joined_on = models.DateField()
    status = models.CharField(max_length=10, choices=MembershipStatus.choices, default=MembershipStatus.ACTIVE)
    status_on = models.DateField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["organization", "member_no"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "member_no"], name="membership_unique_member_no"),
            models.UniqueConstraint(fields=["organization", "person"], name="membership_unique_person"),
        ]

    def __str__(self) -> str:
        return f"{self.member_no} {self.person}"


class MembershipEvent(models.Model):
    """History of a membership's status (joined, lapsed, resigned, deceased ...)."""

    organization = models.ForeignKey("orgs.Organization", on_delete=models.PROTECT)
    membership = models.ForeignKey(Membership, on_delete=models.PROTECT, related_name="events")
    status = models.CharField(max_length=10, choices=MembershipStatus.choices)
    on = models.DateField()
    why = models.CharField(max_length=300, blank=True)
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["on", "id"]


class Beneficiary(models.Model):
    """ผู้รับผลประโยชน์: who receives a member's death benefit, and their share."""

    organization = models.ForeignKey("orgs.Organization", on_delete=models.PROTECT)
    membership = models.ForeignKey(Membership, on_delete=models.PROTECT, related_name="beneficiaries")
    name_th = models.CharField(max_length=200)
    relation = models.CharField(max_length=50)
    share_percent = models.PositiveSmallIntegerField(default=100)
    person = models.ForeignKey(Person, null=True, blank=True, on_delete=models.PROTECT, related_name="+")


class Consent(models.Model):
    """PDPA consent (ความยินยอม) a person gave an organization, for one purpose."""

    organization = models.ForeignKey("orgs.Organization", on_delete=models.PROTECT)
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="consents")
    purpose = models.CharField(max_length=40)  # e.g. membership, health_data
    given_on = models.DateField()
    withdrawn_on = models.DateField(null=True, blank=True)
    evidence = models.CharField(max_length=200, blank=True)
