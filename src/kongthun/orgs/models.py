from django.db import models

from kongthun.clock import AccountingYear
from kongthun.orgs.domain import ORG_KIND_LABELS, REGISTRATION_LABELS, OrgKind, Registration, YearKind, accounting_year


class Organization(models.Model):
    """An organization (องค์กร): a welfare fund, savings group, council or network.

    Every tenant-owned row in kongthun points at one of these.
    """

    code = models.CharField(max_length=32, unique=True)
    name_th = models.CharField(max_length=200)
    name_en = models.CharField(max_length=200, blank=True)
    kind = models.CharField(max_length=20, choices=[(k.value, v[0]) for k, v in ORG_KIND_LABELS.items()])
    tambon = models.ForeignKey("places.Tambon", null=True, blank=True, on_delete=models.PROTECT)
    province = models.ForeignKey("places.Province", on_delete=models.PROTECT)
    village = models.CharField(max_length=100, blank=True)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="children")
    registration = models.CharField(
        max_length=20, default=Registration.NONE, choices=[(k.value, v[0]) for k, v in REGISTRATION_LABELS.items()]
    )
    founded_on = models.DateField(null=True, blank=True)
    year_kind = models.CharField(max_length=10, default=YearKind.FISCAL, choices=[(k.value, k.value) for k in YearKind])
    year_start_month = models.PositiveSmallIntegerField(default=10)
    year_start_day = models.PositiveSmallIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name_th

    @property
    def accounting_year(self) -> AccountingYear:
        return accounting_year(self.year_kind, self.year_start_month, self.year_start_day)

    @property
    def kind_label(self) -> tuple[str, str]:
        return ORG_KIND_LABELS[OrgKind(self.kind)]

    @property
    def registration_label(self) -> tuple[str, str]:
        return REGISTRATION_LABELS[Registration(self.registration)]


class RegistrationStep(models.Model):
    """History of an organization's registration and certification steps."""

    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="registration_steps")
    status = models.CharField(max_length=20)
    on = models.DateField()
    document = models.CharField(max_length=200, blank=True)
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["on", "id"]
