"""A savings group's year-end, dividend report, member passbook and debt-relief pages (views in
views/yearend.py and views/debts.py), included in urls.py in the web namespace."""

from django.urls import path

from kongthun.interfaces.web.views import debts, yearend

GROUP = "orgs/<int:org_id>/"

urlpatterns: list = [
    path(GROUP + "yearend/", yearend.yearend, name="yearend"),
    path(GROUP + "yearend/rule/", yearend.yearend_rule, name="yearend_rule"),
    path(GROUP + "yearend/dividends/", yearend.dividend_report, name="yearend_dividends"),
    path(GROUP + "members/<int:membership_id>/passbook/", yearend.passbook, name="passbook"),
    path(GROUP + "debts/", debts.debt_list, name="debt_list"),
    path(GROUP + "debts/<int:survey_id>/", debts.debt_detail, name="debt_detail"),
]
