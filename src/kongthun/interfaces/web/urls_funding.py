"""Outside money pages (views in views/funding.py), included in urls.py in the web namespace."""

from django.urls import path

from kongthun.interfaces.web.views import funding

FUNDING = "orgs/<int:org_id>/funding/"

urlpatterns: list = [
    path(FUNDING, funding.funding, name="funding"),
    path(FUNDING + "sources/new/", funding.agreement_new, name="funding_agreement_new"),
    path(FUNDING + "requests/new/", funding.request_new, name="funding_request_new"),
    path(FUNDING + "requests/<int:request_id>/", funding.request_detail, name="funding_request"),
    path(FUNDING + "requests/<int:request_id>/pdf/", funding.request_pdf_view, name="funding_request_pdf"),
    path(FUNDING + "requests/<int:request_id>/send/", funding.request_send_view, name="funding_request_send"),
    path(FUNDING + "received/new/", funding.receive_new, name="funding_receive"),
    path(FUNDING + "received/reverse/", funding.received_reverse_view, name="funding_reverse"),
    path(FUNDING + "admin-expenses/new/", funding.admin_expense_new, name="funding_admin_expense"),
    path(FUNDING + "allocation/", funding.allocation_view, name="funding_allocation"),
]
