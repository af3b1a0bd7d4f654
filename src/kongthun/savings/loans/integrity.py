"""Checks that loans and the ledger agree, for `kongthun check` (the same `Problem`s).

Each loan's principal owed equals the sum of its entries' lines on 1201 and the sum of its events;
each group's 1201 balance equals the principal owed on all its loans; each loan's current schedule
repays exactly the principal it started from.
"""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Sum

from kongthun.integrity import Problem
from kongthun.ledger.models import Account, JournalLine
from kongthun.savings.loans.models import Instalment, Loan, LoanEvent, ScheduleVersion

LOANS = "1201"


def _per_loan() -> list[Problem]:
    events = dict(LoanEvent.objects.exclude(entry=None).values_list("loan_id").annotate(s=Sum("principal"))
                  .values_list("loan_id", "s"))
    entry_loan = dict(LoanEvent.objects.exclude(entry=None).values_list("entry_id", "loan_id"))
    ledger: dict[int, int] = defaultdict(int)
    for entry_id, amount in JournalLine.objects.filter(entry_id__in=list(entry_loan),
                                                       account__code=LOANS).values_list("entry_id", "amount"):
        ledger[entry_loan[entry_id]] += amount
    out = []
    for loan_id, number, org, outstanding in Loan.objects.values_list("pk", "number", "organization__code",
                                                                       "outstanding"):
        got = (events.get(loan_id, 0), ledger.get(loan_id, 0))
        if got != (outstanding, outstanding):
            out.append(Problem("loans", f"{org} สัญญา {number}: เงินต้นคงเหลือ {outstanding} ไม่ตรงกับรายการ "
                                        f"{got[0]} หรือบัญชี 1201 {got[1]} (สตางค์)",
                               f"{org} loan {number}: principal owed {outstanding} != its events {got[0]} "
                               f"or its 1201 lines {got[1]} (satang)"))
    return out


def _per_group() -> list[Problem]:
    owed = dict(Loan.objects.values_list("organization_id").annotate(s=Sum("outstanding"))
                .values_list("organization_id", "s"))
    out = []
    for org_id, code, balance in Account.objects.filter(code=LOANS, organization_id__in=list(owed)).values_list(
            "organization_id", "organization__code", "balance"):
        if balance != owed[org_id]:
            out.append(Problem("loans", f"{code} บัญชี 1201 ยอด {balance} ไม่เท่ากับเงินต้นคงเหลือของทุกสัญญา "
                                        f"{owed[org_id]} (สตางค์)",
                               f"{code} account 1201 holds {balance}, loans owe {owed[org_id]} (satang)"))
    return out


def _schedules() -> list[Problem]:
    sums = {(r["loan_id"], r["version"]): r["s"] for r in Instalment.objects.values("loan_id", "version")
            .annotate(s=Sum("principal"))}
    return [Problem("loans", f"ตารางผ่อนชำระสัญญา {v.loan.number} ฉบับที่ {v.version} รวมเงินต้นไม่เท่ากับ {v.principal}",
                    f"Schedule {v.version} of loan {v.loan.number} does not repay its principal {v.principal}")
            for v in ScheduleVersion.objects.select_related("loan") if sums.get((v.loan_id, v.version)) != v.principal]


def check_loans() -> list[Problem]:
    return _per_loan() + _per_group() + _schedules()
