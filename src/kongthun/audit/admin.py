from django.contrib import admin

from kongthun.access.admin_readonly import ReadOnlyAdmin
from kongthun.audit.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    list_display = ("seq", "at", "actor_name", "source", "organization_id", "action", "object_type", "object_id")
    list_filter = ("action",)
