"""The in-app help (views/help.py), member login by phone + PIN and the treasurer's PIN page
(views/member_pin.py), included in urls.py."""

from django.urls import path

from kongthun.interfaces.web.views import help as help_views
from kongthun.interfaces.web.views import member_pin

urlpatterns: list = [
    path("help/", help_views.help_page, name="help"),
    path("login/member/", member_pin.member_login, name="member_login"),
    path("orgs/<int:org_id>/members/<int:membership_id>/pin/", member_pin.member_pin, name="member_pin"),
]
