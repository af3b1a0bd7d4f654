"""Savings pages (views in views/savings.py and views/savings_member.py), included in urls.py."""

from django.urls import path

from kongthun.interfaces.web.views import savings, savings_member

MEMBER = "orgs/<int:org_id>/savings/members/<int:membership_id>/"

urlpatterns: list = [
    path("orgs/<int:org_id>/savings/", savings.savings_index, name="savings_index"),
    path("orgs/<int:org_id>/savings/policy/", savings.savings_policy, name="savings_policy"),
    path("orgs/<int:org_id>/savings/collect/", savings.savings_collect, name="savings_collect"),
    path("orgs/<int:org_id>/savings/interest/", savings.savings_interest, name="savings_interest"),
    path(MEMBER, savings_member.savings_member, name="savings_member"),
    path(MEMBER + "leave/", savings_member.savings_leave, name="savings_leave"),
]
