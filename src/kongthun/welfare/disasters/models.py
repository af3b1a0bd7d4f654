"""Disaster events of a fund, the claims batched under them, and relief sent between funds of a
network. Only kongthun.welfare.disasters.actions writes them."""

from django.conf import settings
from django.db import models

from kongthun.welfare.disasters.domain import KIND_LABELS, RELIEF_LABELS, AreaItem, DisasterKind, ReliefKind


class DisasterEvent(models.Model):
    """เหตุภัยพิบัติ: a flood, fire or storm that hit part of a fund's area, with its dates.

    `area` is a list of {"tambon": code, "village": name or ""}; `ref` is the event's stable reference,
    the `event_ref` of every claim submitted for it."""

    organization = models.ForeignKey("orgs.Organization", on_delete=models.PROTECT, related_name="disasters")
    number = models.PositiveIntegerField()  # per fund, in order of registration
    ref = models.CharField(max_length=100)
    kind = models.CharField(max_length=10, choices=[(k.value, v[0]) for k, v in KIND_LABELS.items()])
    name = models.CharField(max_length=200)
    started_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)
    area = models.JSONField(default=list)
    outside_why = models.CharField(max_length=300, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["organization", "-started_on", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "number"], name="disaster_unique_number"),
            models.UniqueConstraint(fields=["organization", "ref"], name="disaster_unique_ref"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.started_on.isoformat()})"

    @property
    def kind_label(self) -> tuple[str, str]:
        return KIND_LABELS[DisasterKind(self.kind)]

    @property
    def area_items(self) -> tuple[AreaItem, ...]:
        return tuple(AreaItem(x["tambon"], x.get("village", "")) for x in self.area)


class DisasterClaim(models.Model):
    """A claim submitted for an event (คำขอในเหตุการณ์): the link the event page and the checks read."""

    event = models.ForeignKey(DisasterEvent, on_delete=models.PROTECT, related_name="claim_links")
    claim = models.OneToOneField("claims.Claim", on_delete=models.PROTECT, related_name="disaster_link")

    class Meta:
        ordering = ["event", "claim__number"]


class DisasterRelief(models.Model):
    """ความช่วยเหลือจากกองทุนอื่น: money or goods a fund of the same network sends to an affected fund's
    event. Money is posted in the sender's books when sent and in the receiver's when it confirms the
    money came; goods are recorded only."""

    event = models.ForeignKey(DisasterEvent, on_delete=models.PROTECT, related_name="reliefs")
    sender = models.ForeignKey("orgs.Organization", on_delete=models.PROTECT, related_name="reliefs_sent")
    receiver = models.ForeignKey("orgs.Organization", on_delete=models.PROTECT, related_name="reliefs_received")
    kind = models.CharField(max_length=6, choices=[(k.value, v[0]) for k, v in RELIEF_LABELS.items()])
    amount = models.BigIntegerField(default=0, help_text="satang of money sent")
    description = models.CharField(max_length=200, blank=True)
    quantity = models.CharField(max_length=100, blank=True)
    estimated_value = models.BigIntegerField(default=0, help_text="satang, goods only")
    sent_on = models.DateField()
    sent_account = models.CharField(max_length=10, blank=True)
    sent_entry = models.OneToOneField("ledger.JournalEntry", null=True, blank=True, on_delete=models.PROTECT,
                                      related_name="relief_sent")
    idempotency_key = models.CharField(max_length=100)
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    sent_at = models.DateTimeField()
    received_on = models.DateField(null=True, blank=True)
    received_account = models.CharField(max_length=10, blank=True)
    received_entry = models.OneToOneField("ledger.JournalEntry", null=True, blank=True, on_delete=models.PROTECT,
                                          related_name="relief_received")
    received_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+")
    received_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["event", "sent_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["sender", "idempotency_key"], name="relief_unique_idem"),
            models.CheckConstraint(condition=models.Q(amount__gte=0, estimated_value__gte=0),
                                   name="relief_amounts_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.sender_id} -> {self.receiver_id} {self.kind}"

    @property
    def kind_label(self) -> tuple[str, str]:
        return RELIEF_LABELS[ReliefKind(self.kind)]

    @property
    def received(self) -> bool:
        return self.received_on is not None
