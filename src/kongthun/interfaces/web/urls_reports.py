"""Report pages (views in views/reports.py), included in urls.py in the web namespace."""

from django.urls import path

from kongthun.interfaces.web.views import reports

REPORTS = "orgs/<int:org_id>/reports/"

urlpatterns: list = [
    path(REPORTS, reports.reports, name="report_list"),
    path(REPORTS + "annual/", reports.annual, name="report_annual"),
    path(REPORTS + "codi/", reports.codi, name="report_codi"),
    path(REPORTS + "cashbook/", reports.cash_book, name="report_cashbook"),
    path("orgs/<int:org_id>/members/<int:membership_id>/statement/", reports.member_statement,
         name="report_statement"),
]
