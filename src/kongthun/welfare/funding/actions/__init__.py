"""The only writer of outside money (เงินสมทบและเงินสนับสนุนจากภายนอก) and the allocation setting.

Agreements and the allocation rule are the committee's decisions; requests are prepared (and marked sent)
by the treasurer or the committee; money received, its reversal and administration expenses are posted by
the treasurer through the ledger's `entry_post` / `entry_reverse`. Each action is atomic, checks the actor's
scope and writes its audit event.
"""

from kongthun.welfare.funding.actions.admin import (
    ADMIN_EXPENSES,
    CLOSING_SOURCE,
    AdminExpense,
    admin_expense_record,
    allocation_set,
    cap_base_of,
    cap_base_on,
    cap_check_on,
    cap_percent_of,
    opening_balance,
    year_figures,
)
from kongthun.welfare.funding.actions.common import COLLECT, DECIDE
from kongthun.welfare.funding.actions.money import funds_receipt_reverse, funds_receive, received_on_request
from kongthun.welfare.funding.actions.sources import agreement_record, matching_terms, request_prepare, request_send

__all__ = [
    "ADMIN_EXPENSES", "CLOSING_SOURCE", "COLLECT", "DECIDE", "AdminExpense", "admin_expense_record", "agreement_record",
    "allocation_set", "cap_base_of", "cap_base_on", "cap_check_on", "cap_percent_of", "funds_receipt_reverse",
    "funds_receive", "matching_terms", "opening_balance", "received_on_request", "request_prepare", "request_send",
    "year_figures",
]
