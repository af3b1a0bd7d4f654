from django.db import models


class AuditEvent(models.Model):
    """One audited write (บันทึกการตรวจสอบ): who, when, what, before/after, why, from where.

    Append-only: rows are never updated or deleted, and each hash covers the one before.
    """

    seq = models.BigIntegerField(unique=True)
    at = models.DateTimeField()
    actor_id = models.BigIntegerField(null=True)
    actor_name = models.CharField(max_length=150)
    source = models.CharField(max_length=100)
    organization_id = models.BigIntegerField(null=True, db_index=True)
    action = models.CharField(max_length=60)
    object_type = models.CharField(max_length=60)
    object_id = models.CharField(max_length=60)
    before = models.JSONField(null=True)
    after = models.JSONField(null=True)
    why = models.CharField(max_length=500, blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64)

    class Meta:
        ordering = ["seq"]


class AuditHead(models.Model):
    """The chain's last link, one row, locked while an event is appended so links never fork."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    seq = models.BigIntegerField(default=0)
    hash = models.CharField(max_length=64)
