"""Loan pages (views in views/loans.py and views/loans_risk.py), included in urls.py in the web namespace."""

from django.urls import path

from kongthun.interfaces.web.views import loans, loans_risk

LOAN = "orgs/<int:org_id>/loans/<int:loan_id>/"

urlpatterns: list = [
    path("orgs/<int:org_id>/loans/", loans.loan_index, name="loan_index"),
    path("orgs/<int:org_id>/loans/products/", loans.loan_products, name="loan_products"),
    path("orgs/<int:org_id>/loans/new/", loans.loan_new, name="loan_new"),
    path("orgs/<int:org_id>/loans/arrears/", loans_risk.loan_arrears, name="loan_arrears"),
    path("orgs/<int:org_id>/loans/portfolio/", loans_risk.loan_portfolio, name="loan_portfolio"),
    path(LOAN, loans.loan_detail, name="loan_detail"),
    path(LOAN + "decide/", loans.loan_decide, name="loan_decide"),
    path(LOAN + "disburse/", loans.loan_disburse_view, name="loan_disburse"),
    path(LOAN + "repay/", loans.loan_repay_view, name="loan_repay"),
    path(LOAN + "change/", loans.loan_change_view, name="loan_change"),
    path(LOAN + "follow-up/", loans.loan_follow_up_view, name="loan_follow_up"),
    path(LOAN + "schedule.pdf", loans_risk.loan_schedule_file, name="loan_schedule_pdf"),
    path(LOAN + "schedule.xlsx", loans_risk.loan_schedule_file, {"fmt": "xlsx"}, name="loan_schedule_xlsx"),
    path(LOAN + "statement.pdf", loans_risk.loan_statement_file, name="loan_statement_pdf"),
    path(LOAN + "statement.xlsx", loans_risk.loan_statement_file, {"fmt": "xlsx"}, name="loan_statement_xlsx"),
]
