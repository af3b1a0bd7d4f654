from django.urls import path

from kongthun.interfaces.web import (
    urls_claims,
    urls_contributions,
    urls_disasters,
    urls_funding,
    urls_offline,
    urls_reports,
    urls_savings,
)
from kongthun.interfaces.web.urls_homes import urlpatterns as homes_urls
from kongthun.interfaces.web.urls_loans import urlpatterns as loans_urls
from kongthun.interfaces.web.urls_yearend import urlpatterns as yearend_urls
from kongthun.interfaces.web.views import auth, home, ledger, orgs, people

app_name = "web"
urlpatterns = [
    path("login/", auth.LoginView.as_view(), name="login"),
    path("logout/", auth.LogoutView.as_view(), name="logout"),
    path("", home.home, name="home"),
    path("network/", orgs.network, name="network"),
    path("orgs/", orgs.org_list, name="org_list"),
    path("orgs/<int:org_id>/", orgs.org_detail, name="org_detail"),
    path("orgs/<int:org_id>/audit/", orgs.audit_list, name="audit_list"),
    path("orgs/<int:org_id>/members/", people.member_list, name="member_list"),
    path("orgs/<int:org_id>/members/pick/", people.member_pick, name="member_pick"),
    path("orgs/<int:org_id>/members/check/", people.member_check, name="member_check"),
    path("orgs/<int:org_id>/members/<int:membership_id>/", people.member_detail, name="member_detail"),
    path("orgs/<int:org_id>/accounts/", ledger.accounts, name="account_list"),
    path("orgs/<int:org_id>/entries/", ledger.entries, name="entry_list"),
    path("orgs/<int:org_id>/entries/<int:number>/", ledger.entry_detail, name="entry_detail"),
    path("orgs/<int:org_id>/entries/<int:number>/reverse/", ledger.entry_reverse_view, name="entry_reverse"),
    path("orgs/<int:org_id>/year-close/", ledger.year_close_view, name="year_close"),
]
urlpatterns += urls_contributions.urlpatterns + urls_claims.urlpatterns
urlpatterns += urls_funding.urlpatterns
urlpatterns += urls_reports.urlpatterns
urlpatterns += yearend_urls
urlpatterns += urls_disasters.urlpatterns
urlpatterns += urls_savings.urlpatterns
urlpatterns += loans_urls
urlpatterns += urls_offline.urlpatterns
urlpatterns += homes_urls
