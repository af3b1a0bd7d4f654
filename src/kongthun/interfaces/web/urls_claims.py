"""Claims pages (views in views/claims.py), included in urls.py in the web namespace."""

from django.urls import path

from kongthun.interfaces.web.views import claims

CLAIM = "orgs/<int:org_id>/claims/<int:claim_id>/"

urlpatterns: list = [
    path("orgs/<int:org_id>/claims/", claims.claims, name="claim_list"),
    path("orgs/<int:org_id>/claims/new/", claims.claim_new, name="claim_new"),
    path("orgs/<int:org_id>/claims/disaster/", claims.disaster_batch, name="claim_disaster"),
    path(CLAIM, claims.claim_detail, name="claim_detail"),
    path(CLAIM + "approve/", claims.claim_approve_view, name="claim_approve"),
    path(CLAIM + "reject/", claims.claim_reject_view, name="claim_reject"),
    path(CLAIM + "pay/", claims.claim_pay_view, name="claim_pay"),
    path(CLAIM + "voucher.pdf", claims.claim_voucher, name="claim_voucher"),
    path("orgs/<int:org_id>/regulation/", claims.regulation, name="claim_regulation"),
]
