from django.contrib import admin

from kongthun.access.admin_readonly import ReadOnlyAdmin
from kongthun.access.models import RoleGrant


@admin.register(RoleGrant)
class RoleGrantAdmin(ReadOnlyAdmin):
    list_display = ("user", "role", "organization", "area_level", "area_code")
