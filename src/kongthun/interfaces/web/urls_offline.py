"""The installable app (manifest, icons, service worker at the root) and the offline collection sync
(views in views/offline.py), included in urls.py in the web namespace."""

from django.urls import path

from kongthun.interfaces.web.views import offline

urlpatterns: list = [
    path("manifest.webmanifest", offline.manifest, name="manifest"),
    path("sw.js", offline.service_worker, name="service_worker"),
    path("icons/icon-192.png", offline.icon_192, name="icon_192"),
    path("icons/icon-512.png", offline.icon_512, name="icon_512"),
    path("orgs/<int:org_id>/collections/sync/", offline.collection_sync, name="collection_sync"),
]
