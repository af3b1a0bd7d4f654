"""Contribution pages (views in views/contributions.py), included in urls.py in the web namespace."""

from django.urls import path

from kongthun.interfaces.web.views import contributions

RECEIPT = "orgs/<int:org_id>/receipts/<int:receipt_id>/"

urlpatterns: list = [
    path("orgs/<int:org_id>/collections/new/", contributions.collection_new, name="collection_new"),
    path("orgs/<int:org_id>/receipts/", contributions.receipts, name="receipt_list"),
    path(RECEIPT, contributions.receipt_detail, name="receipt_detail"),
    path(RECEIPT + "pdf/", contributions.receipt_pdf, name="receipt_pdf"),
    path(RECEIPT + "void/", contributions.receipt_void_view, name="receipt_void"),
    path("orgs/<int:org_id>/arrears/", contributions.arrears, name="arrears_list"),
    path("orgs/<int:org_id>/members/<int:membership_id>/reinstate/", contributions.member_reinstate_view,
         name="member_reinstate"),
]
