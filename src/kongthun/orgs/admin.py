from django.contrib import admin

from kongthun.access.admin_readonly import ReadOnlyAdmin
from kongthun.orgs.models import Organization, RegistrationStep


@admin.register(Organization)
class OrganizationAdmin(ReadOnlyAdmin):
    list_display = ("code", "name_th", "kind", "tambon", "province", "registration")
    list_filter = ("kind", "registration", "province")
    search_fields = ("code", "name_th")


admin.site.register(RegistrationStep, ReadOnlyAdmin)
