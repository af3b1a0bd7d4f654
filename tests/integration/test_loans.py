"""A loan's life through the actions, on SQLite and PostgreSQL: apply, approve, disburse, repay, close;
refusals change nothing; the loan's balance equals its ledger lines."""

from datetime import date

import pytest
from django.db.models import Sum

from kongthun.ledger.models import Account, JournalLine
from kongthun.savings.loans.actions import loan_approve, loan_disburse, loan_reject, loan_repay
from kongthun.savings.loans.models import EventKind, Instalment, LoanStatus
from kongthun.savings.loans.selectors import interest_paid_by_member, member_loans, portfolio
from tests.integration.loans_support import *  # noqa: F403  (the fixtures)
from tests.integration.loans_support import apply, running

pytestmark = pytest.mark.django_db


def balance(org, code):
    return Account.objects.get(organization=org, code=code).balance


def loan_ledger(loan):
    ids = loan.events.exclude(entry=None).values_list("entry_id", flat=True)
    return JournalLine.objects.filter(entry_id__in=ids, account__code="1201").aggregate(s=Sum("amount"))["s"] or 0


def test_disbursement_posts_the_loan_and_writes_the_schedule(group):
    loan = running(group)
    assert loan.status == LoanStatus.ACTIVE and loan.outstanding == 1_000_000
    assert balance(group.org, "1201") == 1_000_000
    assert balance(group.org, "1101") == 10_000_000 - 1_000_000
    rows = list(Instalment.objects.filter(loan=loan, version=1))
    assert len(rows) == 12 and rows[0].principal + rows[0].interest == 88849
    assert rows[0].due_on == date(2025, 2, 15)
    assert loan_ledger(loan) == loan.outstanding


def test_repayments_split_fine_interest_principal_and_close_the_loan(group):
    loan = running(group)
    # On the due date: the first instalment, 100 baht interest and 788.49 principal.
    event = loan_repay(loan=loan, amount=88849, on=date(2025, 2, 15), actor=group.treasurer, idempotency_key="r1")
    assert (event.fine, event.interest, -event.principal) == (0, 10000, 78849)
    # 20 days late (grace 5 days): a 50 baht fine first, then March's interest, then principal.
    event = loan_repay(loan=loan, amount=88849, on=date(2025, 4, 4), actor=group.treasurer, idempotency_key="r2")
    assert event.fine == 5000 and event.interest >= 9212
    assert event.fine + event.interest - event.principal == 88849
    loan.refresh_from_db()
    assert loan_ledger(loan) == loan.outstanding == balance(group.org, "1201")
    assert balance(group.org, "4402") == -5000
    # Early repayment of everything owed closes it; interest only to date.
    pos = [p for p in portfolio(group.org.pk, date(2025, 4, 10)).positions if p.loan.pk == loan.pk][0]
    payoff = pos.due.payoff
    loan_repay(loan=loan, amount=payoff, on=date(2025, 4, 10), actor=group.treasurer, idempotency_key="r3")
    loan.refresh_from_db()
    assert loan.status == LoanStatus.CLOSED and loan.outstanding == 0 and balance(group.org, "1201") == 0
    paid = interest_paid_by_member(group.org.pk, date(2025, 1, 1), date(2025, 12, 31))
    assert paid == {group.members[0].pk: -balance(group.org, "4401")}
    assert -balance(group.org, "4401") < 66186  # less interest than the full schedule


def test_same_idempotency_key_returns_the_same_repayment(group):
    loan = running(group)
    a = loan_repay(loan=loan, amount=10000, on=date(2025, 2, 1), actor=group.treasurer, idempotency_key="k")
    b = loan_repay(loan=loan, amount=10000, on=date(2025, 2, 1), actor=group.treasurer, idempotency_key="k")
    assert a.pk == b.pk and loan.events.filter(kind=EventKind.REPAY).count() == 1


def test_refusals_change_nothing(group, refused):
    with refused("invalid.loan_above_limit"):
        apply(group, amount=5_000_001)
    with refused("invalid.guarantors_missing"):
        apply(group, guarantors=())
    with refused("invalid.guarantor_is_borrower"):
        apply(group, guarantors=(0,))
    loan = running(group, amount=2_500_000)  # member 1 now guarantees 25,000 of a 30,000 limit
    with refused("conflict.guarantor_exposure") as err:
        apply(group, amount=600_000, member=2, guarantors=(1,))
    assert "30,000.00" in err.value.message_th
    with refused("invalid.overpayment"):
        loan_repay(loan=loan, amount=3_000_000, on=date(2025, 2, 15), actor=group.treasurer, idempotency_key="x")
    with refused("forbidden.scope"):  # a committee member does not take money
        loan_repay(loan=loan, amount=100, on=date(2025, 2, 15), actor=group.committee, idempotency_key="y")
    small = running(group, amount=10_000, months=1, member=3, guarantors=(4,))
    loan_repay(loan=small, amount=10_100, on=date(2025, 2, 15), actor=group.treasurer, idempotency_key="z")
    with refused("conflict.loan_closed"):
        loan_repay(loan=small, amount=100, on=date(2025, 2, 16), actor=group.treasurer, idempotency_key="z2")


def test_maker_checker(group, make_user, refused):
    from kongthun.access.actions import role_grant
    from kongthun.access.domain import Role
    from kongthun.audit.actions import Actor
    from tests.conftest import SYSTEM

    loan = apply(group)
    with refused("forbidden.scope"):  # the treasurer records, does not decide
        loan_approve(loan=loan, actor=group.treasurer, on=date(2025, 1, 11))
    # A committee member who is also the guarantor (member 1) may not decide.
    user = make_user("guarantor_committee", Role.COMMITTEE, group.org)
    role_grant(user=user, role=Role.MEMBER, organization=group.org, person=group.members[1].person, actor=SYSTEM)
    with refused("forbidden.maker_checker") as err:
        loan_approve(loan=loan, actor=Actor.for_user(user, "test"), on=date(2025, 1, 11))
    assert "ผู้ค้ำประกัน" in err.value.message_th
    # The borrower (member 0) may not either.
    user = make_user("borrower_committee", Role.COMMITTEE, group.org)
    role_grant(user=user, role=Role.MEMBER, organization=group.org, person=group.members[0].person, actor=SYSTEM)
    with refused("forbidden.maker_checker"):
        loan_approve(loan=loan, actor=Actor.for_user(user, "test"), on=date(2025, 1, 11))
    loan_reject(loan=loan, actor=group.committee, on=date(2025, 1, 11), reason="ไม่มีแผนการผลิต")
    loan.refresh_from_db()
    assert loan.status == LoanStatus.REJECTED
    with refused("conflict.loan_status"):
        loan_disburse(loan=loan, on=date(2025, 1, 12), actor=group.treasurer)


def test_member_loans_and_portfolio(group):
    loan = running(group)
    late = running(group, amount=500_000, member=2, guarantors=(3,))
    loan_repay(loan=loan, amount=88849, on=date(2025, 2, 15), actor=group.treasurer, idempotency_key="m1")
    on = date(2025, 4, 1)  # `late` has paid nothing: 45 days since 15 Feb
    lines = member_loans(group.members[2].pk, on)
    assert [(x.number, x.days_overdue, x.outstanding) for x in lines] == [(late.number, 45, 500_000)]
    p = portfolio(group.org.pk, on)
    assert p.outstanding == 1_000_000 - 78849 + 500_000
    assert p.risk.at_risk_30 == 500_000
    assert p.provision_required == 175_000  # 35% of 5,000 baht
    buckets = {b.key: (b.count, b.outstanding) for b in p.risk.buckets}
    assert buckets["31-90"] == (1, 500_000) and buckets["1-30"] == (1, 1_000_000 - 78849)


def test_maximum_as_a_multiple_of_savings(group, refused):
    from decimal import Decimal

    from kongthun.savings.accounts.actions import savings_credit
    from tests.integration.loans_support import product_for

    product = product_for(group.org, group.committee, code="S3", max_amount=0, savings_multiple=Decimal(3))
    savings_credit(organization=group.org, membership=group.members[0], amount=500_000, on=date(2025, 1, 5),
                   actor=group.treasurer, memo="ยอดยกมา", source="test", idempotency_key="s1", debit_account="1101")
    with refused("invalid.loan_above_limit") as err:
        apply(group, amount=1_500_001, product=product)
    assert "15,000.00" in err.value.message_th and "3" in err.value.message_en
    loan = apply(group, amount=1_500_000, product=product)
    assert loan.limit == 1_500_000 and "5,000.00" in loan.explanation[0][0]


def test_the_committee_sees_the_borrower_s_open_loans_and_each_guarantor_s_total(group):
    running(group, amount=1_000_000, guarantors=(1,))
    loan = apply(group, amount=500_000, guarantors=(1,), on=date(2025, 2, 1))
    lines = [en for _th, en in loan.explanation]
    assert "The product's maximum is 50,000.00 baht" in lines
    assert "The borrower has 1 open loan(s), 10,000.00 baht owed" in lines
    assert "Guarantor 00002 guarantees 5,000.00 baht of it, 15,000.00 baht in all" in lines


def test_early_repayment_by_the_product_s_rule(group):
    from tests.integration.loans_support import product_for

    by_day = running(group)
    whole = running(group, member=2, guarantors=(3,),
                    product=product_for(group.org, group.committee, code="W1", whole_period_interest=True))
    on = date(2025, 1, 25)  # 10 of the first period's 31 days: 100 x 10 / 31 = 32.26 baht, or the whole 100
    for loan, interest in ((by_day, 3226), (whole, 10000)):
        event = loan_repay(loan=loan, amount=1_000_000 + interest, on=on, actor=group.treasurer,
                           idempotency_key=f"early-{loan.pk}")
        loan.refresh_from_db()
        assert event.interest == interest and loan.status == LoanStatus.CLOSED


def test_nothing_posts_into_a_closed_period(group, refused):
    from kongthun.ledger.actions import period_lock

    loan = running(group)
    period_lock(organization=group.org, through=date(2025, 3, 31), actor=group.committee, why="ปิดงวดไตรมาส")
    with refused() as err:
        loan_repay(loan=loan, amount=88849, on=date(2025, 3, 15), actor=group.treasurer, idempotency_key="late")
    assert err.value.code == "conflict.period_locked"
    loan_repay(loan=loan, amount=88849, on=date(2025, 4, 1), actor=group.treasurer, idempotency_key="ok")


def test_a_guarantor_s_exposure_falls_as_the_loan_is_repaid(group, refused):
    from kongthun.savings.loans.actions import guarantor_exposure

    loan = running(group, amount=2_500_000, months=2)  # member 1 guarantees 25,000 of a 30,000 limit
    with refused("conflict.guarantor_exposure"):
        apply(group, amount=1_000_000, member=2, guarantors=(1,), on=date(2025, 2, 20))
    pay = loan_repay(loan=loan, amount=1_400_000, on=date(2025, 2, 15), actor=group.treasurer, idempotency_key="h")
    loan.refresh_from_db()
    # 14,000 paid: 250 interest, 13,750 principal; 11,250 still owed, all of it guaranteed by member 1.
    assert -pay.principal == 1_375_000 and loan.outstanding == 1_125_000
    assert guarantor_exposure(group.members[1]) == 1_125_000
    later = apply(group, amount=1_000_000, member=2, guarantors=(1,), on=date(2025, 2, 20))
    assert later.status == LoanStatus.APPLIED and guarantor_exposure(group.members[1]) == 2_125_000
