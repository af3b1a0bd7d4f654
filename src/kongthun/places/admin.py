from django.contrib import admin

from kongthun.access.admin_readonly import ReadOnlyAdmin
from kongthun.places.models import District, Province, Region, Tambon

for model in (Region, Province, District, Tambon):
    admin.site.register(model, ReadOnlyAdmin)
