"""Disaster pages (views in views/disasters.py), included in urls.py in the web namespace."""

from django.urls import path

from kongthun.interfaces.web.views import disasters

DISASTERS = "orgs/<int:org_id>/disasters/"
EVENT = DISASTERS + "<int:event_id>/"

urlpatterns: list = [
    path(DISASTERS, disasters.disasters, name="disaster_list"),
    path(DISASTERS + "new/", disasters.disaster_new, name="disaster_new"),
    path(DISASTERS + "relief/send/", disasters.relief_send_view, name="relief_send"),
    path(DISASTERS + "relief/<int:relief_id>/receive/", disasters.relief_receive_view, name="relief_receive"),
    path(EVENT, disasters.disaster_detail, name="disaster_detail"),
    path(EVENT + "submit/", disasters.disaster_submit, name="disaster_submit"),
    path(EVENT + "approve/", disasters.disaster_approve, name="disaster_approve"),
    path(EVENT + "pay/", disasters.disaster_pay, name="disaster_pay"),
]
