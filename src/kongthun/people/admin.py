from django.contrib import admin

from kongthun.access.admin_readonly import ReadOnlyAdmin
from kongthun.people.models import Membership, Person


@admin.register(Person)
class PersonAdmin(ReadOnlyAdmin):
    list_display = ("first_name_th", "last_name_th", "masked_id", "id_kind", "tambon")
    search_fields = ("first_name_th", "last_name_th")
    exclude = ("national_id", "phone")  # even administrators see these masked


@admin.register(Membership)
class MembershipAdmin(ReadOnlyAdmin):
    list_display = ("organization", "member_no", "person", "status", "joined_on")
    list_filter = ("status",)
