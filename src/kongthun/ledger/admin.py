from django.contrib import admin

from kongthun.access.admin_readonly import ReadOnlyAdmin
from kongthun.ledger.models import Account, JournalEntry, JournalLine, PeriodLock


@admin.register(Account)
class AccountAdmin(ReadOnlyAdmin):
    list_display = ("organization", "code", "name_th", "type", "balance")
    list_filter = ("type",)
    search_fields = ("organization__code", "code", "name_th")


@admin.register(JournalEntry)
class JournalEntryAdmin(ReadOnlyAdmin):
    list_display = ("organization", "number", "date", "memo", "source", "recorded_at")
    search_fields = ("organization__code", "memo")


admin.site.register(JournalLine, ReadOnlyAdmin)
admin.site.register(PeriodLock, ReadOnlyAdmin)
