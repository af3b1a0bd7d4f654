"""Savings and shares on a real database (SQLite and PostgreSQL): the policy, balances brought forward,
the monthly collection (savings, shares and fines, one entry with a line per member), withdrawals by the
rule (a refusal changes nothing), shares, leaving with a refund, interest, credits, idempotent retries,
scoping across groups, and `kongthun check` holding members' savings and shares to 2101 and 3201."""

from __future__ import annotations

from contextlib import contextmanager
from datetime import date
from decimal import Decimal

import pytest

from kongthun.access.domain import Role
from kongthun.audit.actions import Actor
from kongthun.errors import DomainError
from kongthun.integrity import run_checks
from kongthun.ledger.actions import entry_post, period_lock
from kongthun.ledger.domain import credit, debit
from kongthun.ledger.models import Account, JournalEntry
from kongthun.savings.accounts import selectors
from kongthun.savings.accounts.actions import (
    OpeningLine,
    opening_balances_record,
    policy_set,
    promise_set,
    savings_credit,
    savings_withdraw,
    shares_buy,
)
from kongthun.savings.accounts.collection import CollectionLine, savings_collection_record, savings_deposit
from kongthun.savings.accounts.integrity import check_savings
from kongthun.savings.accounts.leaving import member_leave_refund, savings_interest_post
from kongthun.savings.accounts.models import MissedMonthFine, SavingsMovement, SavingsVoucher, ShareTransaction
from tests.conftest import SYSTEM

START = date(2025, 1, 1)


def balance(org, code: str) -> int:
    return Account.objects.get(organization=org, code=code).natural_balance


def savings_state() -> dict:
    return {m.__name__: m.objects.count() for m in (SavingsVoucher, SavingsMovement, ShareTransaction,
                                                      MissedMonthFine)}


@pytest.fixture
def refused(unchanged):
    @contextmanager
    def check(code: str | None = None):
        before = savings_state()
        with unchanged(code) as err:
            yield err
        assert savings_state() == before

    return check


@pytest.fixture
def group_a(make_org):
    return make_org("GROUP-A", kind="savings_group", tambon_code="350101", year_kind="calendar")


@pytest.fixture
def group_b(make_org):
    return make_org("GROUP-B", kind="savings_group", tambon_code="350102")


@pytest.fixture
def treasurer(make_user, group_a) -> Actor:
    return Actor.for_user(make_user("sav_treasurer", Role.TREASURER, group_a), "test")


@pytest.fixture
def members(make_member, group_a):
    return [make_member(group_a, first=f"สมาชิก{i}", joined=date(2024, 6, 1)) for i in range(3)]


@pytest.fixture
def policy(group_a):
    return policy_set(organization=group_a, effective_from=START, actor=SYSTEM, why="ระเบียบกลุ่ม 2568",
                      share_price=10_000, max_shares=50, monthly_promise=20_000, missed_month_fine=1_000,
                      withdrawal_rule="up_to_percent", withdrawal_percent=50, min_balance=10_000,
                      interest_rate=Decimal("3"))


def test_opening_withdraw_and_shares(group_a, members, policy, treasurer, refused):
    m0, m1, _ = members
    opening_balances_record(organization=group_a, on=START, actor=treasurer, idempotency_key="open-1",
                            lines=[OpeningLine(m0.pk, savings=100_000, shares=50_000), OpeningLine(m1.pk, 40_000)])
    assert balance(group_a, "2101") == 140_000 and balance(group_a, "3201") == 50_000
    assert selectors.savings_balance(m0.pk, START) == 100_000
    assert selectors.share_balance(m0.pk, START) == 50_000
    # 50% of 1,000 baht is 500 baht; 500.01 is refused with the reason and the most allowed.
    with refused("conflict.withdrawal_rule") as err:
        savings_withdraw(membership=m0, amount=50_001, on=date(2025, 2, 1), actor=treasurer, idempotency_key="w-1")
    assert "50%" in err.value.message_en and err.value.details["most"] == 50_000
    v = savings_withdraw(membership=m0, amount=50_000, on=date(2025, 2, 1), actor=treasurer, idempotency_key="w-1")
    again = savings_withdraw(membership=m0, amount=50_000, on=date(2025, 2, 1), actor=treasurer,
                             idempotency_key="w-1")
    assert again.pk == v.pk and JournalEntry.objects.filter(organization=group_a).count() == 2
    assert selectors.savings_balance(m0.pk, date(2025, 2, 1)) == 50_000
    assert balance(group_a, "2101") == 90_000
    shares_buy(membership=m1, amount=30_000, on=date(2025, 2, 1), actor=treasurer, idempotency_key="s-1")
    with refused("invalid.share_amount"):
        shares_buy(membership=m1, amount=15_000, on=date(2025, 2, 1), actor=treasurer, idempotency_key="s-2")
    with refused("conflict.share_limit"):
        shares_buy(membership=m1, amount=480_000, on=date(2025, 2, 1), actor=treasurer, idempotency_key="s-3")
    assert selectors.share_movements(group_a.pk, date(2025, 2, 1), date(2025, 2, 28)) == [
        selectors.ShareMovement(m1.pk, date(2025, 2, 1), 30_000)]
    savings_credit(organization=group_a, membership=m1, amount=1_234, on=date(2025, 3, 1), actor=treasurer,
                   memo="ปันผล", source="dividend", idempotency_key="c-1", debit_account="1101")
    assert selectors.savings_balance(m1.pk, date(2025, 3, 1)) == 41_234
    assert balance(group_a, "2101") == 91_234
    assert selectors.group_policy(group_a.pk, date(2025, 3, 1)).withdrawal_percent == 50


def collect(org, actor, on, lines, key, month=None):
    return savings_collection_record(organization=org, collected_on=on, lines=lines, actor=actor,
                                     idempotency_key=key, month=month)


def test_monthly_collection_fines_and_idempotent_retry(group_a, members, policy, treasurer, refused):
    m0, m1, m2 = members
    jan = [CollectionLine(m0.pk, 20_000, 10_000), CollectionLine(m1.pk, 20_000)]
    v = collect(group_a, treasurer, date(2025, 1, 5), jan, "jan")
    # One entry, a credit line per member and kind, each naming the member.
    lines = sorted((line.account.code, -line.amount, line.memo[:len(m0.member_no)]) for line in
                   v.entry.lines.select_related("account") if line.amount < 0)
    assert lines == sorted([("2101", 20_000, m0.member_no), ("2101", 20_000, m1.member_no),
                            ("3201", 10_000, m0.member_no)])
    assert balance(group_a, "1101") == 50_000
    # The retry (a double tap) writes nothing more; the same key for other lines is refused.
    assert collect(group_a, treasurer, date(2025, 1, 5), jan, "jan").pk == v.pk
    with refused("conflict.idempotency_mismatch"):
        collect(group_a, treasurer, date(2025, 1, 5), jan[:1], "jan")
    # February: m2 missed January too (joined in 2024); m1 missed nothing yet. In March both m2's missed
    # months (Jan, Feb) and m1's February are fined, 10 baht each.
    collect(group_a, treasurer, date(2025, 2, 5), [CollectionLine(m0.pk, 20_000)], "feb")
    due = {d.membership.pk: d for d in selectors.members_due(scope=treasurer.scope, organization_id=group_a.pk,
                                                             month=date(2025, 3, 1))}
    assert due[m2.pk].missed == (date(2025, 1, 1), date(2025, 2, 1)) and due[m2.pk].fine_due == 2_000
    assert due[m1.pk].missed == (date(2025, 2, 1),) and due[m1.pk].fine_due == 1_000
    assert due[m0.pk].fine_due == 0 and due[m0.pk].promise == 20_000 and due[m0.pk].savings == 40_000
    collect(group_a, treasurer, date(2025, 3, 5), [CollectionLine(m1.pk, 20_000), CollectionLine(m2.pk, 20_000)],
            "mar")
    assert balance(group_a, "4402") == 3_000
    assert set(MissedMonthFine.objects.filter(membership=m2).values_list("month", flat=True)) == {
        date(2025, 1, 1), date(2025, 2, 1)}
    due = {d.membership.pk: d for d in selectors.members_due(scope=treasurer.scope, organization_id=group_a.pk,
                                                             month=date(2025, 3, 1))}
    assert due[m2.pk].fine_due == 0 and due[m2.pk].paid == 20_000  # a month is fined once
    # A bad line refuses the whole day, naming the line.
    with refused("invalid.share_amount") as err:
        collect(group_a, treasurer, date(2025, 4, 5), [CollectionLine(m0.pk, 20_000), CollectionLine(m1.pk, 0, 5)],
                "apr")
    assert err.value.where == "lines[2].shares"
    with refused("invalid.empty_line"):
        collect(group_a, treasurer, date(2025, 4, 5), [CollectionLine(m0.pk, 0, 0, pay_fines=False)], "apr")
    assert run_checks() == [] and check_savings() == []


def test_a_personal_promise_changes_what_is_due(group_a, members, policy, treasurer):
    m0 = members[0]
    promise_set(membership=m0, from_month=date(2025, 2, 1), amount=50_000, actor=treasurer, why="ขอเพิ่มสัจจะ")
    collect(group_a, treasurer, date(2025, 2, 5), [CollectionLine(m0.pk, 20_000)], "feb")
    due = {d.membership.pk: d for d in selectors.members_due(scope=treasurer.scope, organization_id=group_a.pk,
                                                             month=date(2025, 3, 1))}
    assert due[m0.pk].promise == 50_000 and due[m0.pk].missed == (date(2025, 1, 1), date(2025, 2, 1))


def test_withdrawal_only_on_leaving_and_the_refund(group_a, members, treasurer, refused):
    policy_set(organization=group_a, effective_from=START, actor=SYSTEM, share_price=5_000, monthly_promise=10_000,
               missed_month_fine=500)
    m0 = members[0]
    opening_balances_record(organization=group_a, on=START, actor=treasurer, idempotency_key="open",
                            lines=[OpeningLine(m0.pk, savings=30_000, shares=20_000)])
    with refused("conflict.withdrawal_rule") as err:
        savings_withdraw(membership=m0, amount=100, on=date(2025, 3, 10), actor=treasurer, idempotency_key="w")
    assert "only on leaving" in err.value.message_en and "ลาออก" in err.value.message_th
    with refused("invalid.why_required"):
        member_leave_refund(membership=m0, on=date(2025, 3, 10), actor=treasurer, idempotency_key="l", why=" ")
    out = member_leave_refund(membership=m0, on=date(2025, 3, 10), actor=treasurer, idempotency_key="l",
                              why="ย้ายไปต่างจังหวัด")
    # Jan and Feb missed (no deposits) at 5 baht each, kept from the savings: 300 - 10 + 200 paid back.
    assert (out.refund.savings, out.refund.shares, out.refund.fines, out.refund.total) == (30_000, 20_000, 1_000,
                                                                                          49_000)
    assert out.membership.status == "resigned"
    assert selectors.savings_balance(m0.pk, date(2025, 12, 31)) == 0 and selectors.share_balance(m0.pk, date.max) == 0
    assert balance(group_a, "2101") == 0 and balance(group_a, "3201") == 0 and balance(group_a, "4402") == 1_000
    assert balance(group_a, "1101") == 1_000
    again = member_leave_refund(membership=m0, on=date(2025, 3, 10), actor=treasurer, idempotency_key="l",
                                why="ย้ายไปต่างจังหวัด")
    assert again.voucher.pk == out.voucher.pk and again.refund == out.refund
    with refused("conflict.member_inactive"):
        savings_deposit(membership=m0, amount=100, on=date(2025, 4, 1), actor=treasurer, idempotency_key="d")
    assert check_savings() == []


def test_interest_on_the_lowest_balance_of_each_month(group_a, members, policy, treasurer, refused):
    m0, m1, _ = members
    opening_balances_record(organization=group_a, on=date(2024, 12, 31), actor=treasurer, idempotency_key="open",
                            lines=[OpeningLine(m0.pk, savings=120_000), OpeningLine(m1.pk, savings=60_000)])
    # m0 withdraws 500 baht on 15 June: Jan-May lowest 1,200, June-Dec lowest 700.
    savings_withdraw(membership=m0, amount=50_000, on=date(2025, 6, 15), actor=treasurer, idempotency_key="w")
    v = savings_interest_post(organization=group_a, year_name=2568, on=date(2025, 12, 31), actor=treasurer,
                              idempotency_key="int-2568")
    # 3% a year, a quarter percent a month: (5 x 1,200 + 7 x 700) x 0.25% = 27.25 baht; m1: 12 x 600 x 0.25% = 18.00.
    got = dict(v.movements.values_list("membership_id", "amount"))
    assert got == {m0.pk: 2_725, m1.pk: 1_800}
    assert balance(group_a, "5201") == 4_525 and balance(group_a, "2101") == 180_000 - 50_000 + 4_525
    with refused("conflict.interest_posted"):
        savings_interest_post(organization=group_a, year_name=2568, on=date(2025, 12, 31), actor=treasurer,
                              idempotency_key="int-2568-again")
    assert check_savings() == []


def test_scoping_across_groups(group_a, group_b, members, policy, treasurer, make_member, refused):
    other = make_member(group_b, joined=date(2024, 6, 1))
    policy_set(organization=group_b, effective_from=START, actor=SYSTEM)
    with refused("forbidden.scope"):
        savings_collection_record(organization=group_b, collected_on=date(2025, 1, 5), actor=treasurer,
                                  idempotency_key="x", lines=[CollectionLine(other.pk, 100)])
    with refused("not_found.membership"):
        collect(group_a, treasurer, date(2025, 1, 5), [CollectionLine(other.pk, 100)], "x")
    with refused("forbidden.scope"):
        savings_withdraw(membership=other, amount=100, on=date(2025, 1, 5), actor=treasurer, idempotency_key="y")
    with pytest.raises(DomainError) as err:
        selectors.members_due(scope=treasurer.scope, organization_id=group_b.pk, month=date(2025, 1, 1))
    assert err.value.code.startswith("forbidden")


def test_check_finds_savings_posted_around_the_actions(group_a, members, policy, treasurer):
    m0 = members[0]
    collect(group_a, treasurer, date(2025, 1, 5), [CollectionLine(m0.pk, 20_000)], "jan")
    assert check_savings() == []
    SavingsMovement.objects.filter(membership=m0).update(amount=25_000)
    problems = check_savings()
    assert problems and all(p.check == "savings" for p in problems)
    assert any("25000" in p.message_en and "2101" in p.message_en for p in problems)
    assert any(p.check == "savings" for p in run_checks())


def test_check_finds_a_direct_posting_to_members_savings(group_a, members, policy, treasurer):
    entry_post(organization=group_a, date=date(2025, 1, 5), actor=treasurer, memo="ฝากตรง",
               lines=[debit("1101", 1_000), credit("2101", 1_000)])
    problems = check_savings()
    assert len(problems) == 1 and "1000" in problems[0].message_en


def test_policy_refusals(group_a, fund_a, treasurer, make_member, refused):
    member = make_member(group_a)
    with refused("invalid.org_kind"):
        policy_set(organization=fund_a, effective_from=START, actor=SYSTEM)
    with refused("invalid.savings_policy"):
        policy_set(organization=group_a, effective_from=START, actor=SYSTEM, withdrawal_rule="up_to_percent")
    with refused("forbidden.scope"):
        policy_set(organization=group_a, effective_from=START, actor=treasurer)
    with refused("conflict.no_savings_policy"):
        shares_buy(membership=member, amount=10_000, on=START, actor=treasurer,
                   idempotency_key="s")


def test_more_refusals_change_nothing(group_a, members, policy, treasurer, refused):
    m0, m1, _ = members
    opening_balances_record(organization=group_a, on=START, actor=treasurer, idempotency_key="open",
                            lines=[OpeningLine(m0.pk, savings=100_000)])
    with refused("conflict.opening_exists"):
        opening_balances_record(organization=group_a, on=START, actor=treasurer, idempotency_key="open-2",
                                lines=[OpeningLine(m1.pk, 1_000), OpeningLine(m0.pk, 1_000)])
    with refused("invalid.account"):
        savings_credit(organization=group_a, membership=m0, amount=100, on=START, actor=treasurer, memo="",
                       source="dividend", idempotency_key="c", debit_account="2101")
    with refused("invalid.account"):
        savings_credit(organization=group_a, membership=m0, amount=100, on=START, actor=treasurer, memo="",
                       source="dividend", idempotency_key="c", debit_account="9999")
    savings_withdraw(membership=m0, amount=40_000, on=date(2025, 5, 1), actor=treasurer, idempotency_key="w")
    with refused("conflict.idempotency_mismatch"):
        savings_withdraw(membership=m0, amount=30_000, on=date(2025, 5, 1), actor=treasurer, idempotency_key="w")
    # Back-dated to March, when the balance was 1,000 baht: the later balance (600) rules, so at most 300 (50%),
    # not 500.
    with refused("conflict.withdrawal_rule") as err:
        savings_withdraw(membership=m0, amount=35_000, on=date(2025, 3, 1), actor=treasurer, idempotency_key="w2")
    assert err.value.details["most"] == 30_000
    period_lock(organization=group_a, through=date(2025, 5, 31), actor=SYSTEM, why="ปิดงวด")
    with refused():
        savings_withdraw(membership=m0, amount=100, on=date(2025, 5, 15), actor=treasurer, idempotency_key="w3")
    with refused("invalid.amount"):
        savings_withdraw(membership=m0, amount=0, on=date(2025, 6, 15), actor=treasurer, idempotency_key="w4")
    assert check_savings() == []


def test_a_group_that_pays_no_interest(group_a, members, treasurer, refused):
    policy_set(organization=group_a, effective_from=START, actor=SYSTEM)
    opening_balances_record(organization=group_a, on=START, actor=treasurer, idempotency_key="open",
                            lines=[OpeningLine(members[0].pk, savings=100_000)])
    with refused("conflict.no_interest"):
        savings_interest_post(organization=group_a, year_name=2568, on=date(2025, 12, 31), actor=treasurer,
                              idempotency_key="i")
    with refused("invalid.interest_date"):
        savings_interest_post(organization=group_a, year_name=2568, on=date(2026, 1, 1), actor=treasurer,
                              idempotency_key="i")


def test_fines_beyond_the_savings_are_forgiven_month_by_month(group_a, members, treasurer, refused):
    # 15 baht saved, three months missed at 10 baht: one month's fine is kept, the rest forgiven.
    policy_set(organization=group_a, effective_from=START, actor=SYSTEM, monthly_promise=10_000,
               missed_month_fine=1_000)
    m0 = members[0]
    opening_balances_record(organization=group_a, on=date(2024, 12, 31), actor=treasurer, idempotency_key="open",
                            lines=[OpeningLine(m0.pk, savings=1_500)])
    out = member_leave_refund(membership=m0, on=date(2025, 4, 2), actor=treasurer, idempotency_key="l", why="ย้าย")
    assert (out.refund.fines, out.refund.total) == (1_000, 500)
    assert list(MissedMonthFine.objects.filter(membership=m0).values_list("month", "amount")) == [
        (date(2025, 1, 1), 1_000)]
    assert balance(group_a, "4402") == 1_000 and balance(group_a, "2101") == 0 and check_savings() == []
    with refused("conflict.policy_after_savings"):
        policy_set(organization=group_a, effective_from=date(2025, 4, 2), actor=SYSTEM)
