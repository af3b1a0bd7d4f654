from django.contrib import admin
from django.urls import include, path

from kongthun.interfaces.api.urls import api


def _system_admins_only(request) -> bool:
    """Django admin is for system administrators (superusers) only: a user marked staff is still refused."""
    return request.user.is_active and request.user.is_superuser


admin.site.has_permission = _system_admins_only

urlpatterns = [
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/", api.urls),
    path("", include("kongthun.interfaces.web.urls")),
]
