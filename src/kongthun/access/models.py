from django.conf import settings
from django.db import models

from kongthun.access.domain import ROLE_LABELS


class AreaLevel(models.TextChoices):
    NATION = "nation", "ประเทศ"
    REGION = "region", "ภาค"
    PROVINCE = "province", "จังหวัด"
    DISTRICT = "district", "อำเภอ"
    TAMBON = "tambon", "ตำบล"


class RoleGrant(models.Model):
    """A user's role, scoped to one organization or to a network area.

    Organization roles (treasurer, committee, auditor, member) carry `organization`;
    area roles (coordinator, CODI staff) carry `area_level` and `area_code`.
    A member's grant also names the person whose own records they may see.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="grants")
    role = models.CharField(max_length=12, choices=[(k.value, v[0]) for k, v in ROLE_LABELS.items()])
    organization = models.ForeignKey("orgs.Organization", null=True, blank=True, on_delete=models.PROTECT)
    area_level = models.CharField(max_length=10, choices=AreaLevel.choices, blank=True)
    area_code = models.CharField(max_length=8, blank=True)
    person = models.ForeignKey("people.Person", null=True, blank=True, on_delete=models.PROTECT)
    granted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "role", "organization", "area_level", "area_code"], name="grant_unique"
            )
        ]


class MemberPin(models.Model):
    """รหัส PIN ของสมาชิก: a member logs in with their phone number and a PIN the treasurer issues.

    The PIN is stored hashed; wrong tries are counted and the login locks after PIN_MAX_TRIES
    until the treasurer issues a new PIN.
    """

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="member_pin")
    person = models.OneToOneField("people.Person", on_delete=models.PROTECT, related_name="+")
    phone = models.CharField(max_length=10, unique=True, help_text="ten digits starting with 0, e.g. 0812345678")
    pin_hash = models.CharField(max_length=200)
    failed_tries = models.PositiveSmallIntegerField(default=0)
    locked = models.BooleanField(default=False)
    issued_at = models.DateTimeField()
    last_login_at = models.DateTimeField(null=True, blank=True)


class ApiToken(models.Model):
    """กุญแจเข้าใช้ API: a user's token for the REST API. Only a hash is stored; the token itself is shown
    once, when issued. A revoked token is refused from then on."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100)
    token_hash = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(max_length=12, help_text="the token's first characters, to tell tokens apart")
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.user} {self.name} ({self.prefix}…)"


class ApiIdempotency(models.Model):
    """รหัสป้องกันการส่งซ้ำของ API: the first response to a POST with an Idempotency-Key, replayed when
    the same user sends the same key and body again. Kept at least 24 hours."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=200)
    request = models.CharField(max_length=300, help_text="method and path")
    body_hash = models.CharField(max_length=64)
    status = models.PositiveSmallIntegerField()
    response = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "key"], name="api_idempotency_unique")]
