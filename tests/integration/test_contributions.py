"""Contributions on a real database (SQLite and PostgreSQL): a collection day posts one balanced entry
and numbered receipts; numbering restarts each accounting year; a void keeps the receipt, reverses the
money and recomputes paid-up-to; every refusal changes nothing; scope and idempotency."""

from __future__ import annotations

import itertools
import threading
from contextlib import contextmanager
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import connection, connections
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kongthun.access.domain import Role
from kongthun.audit.actions import Actor
from kongthun.audit.models import AuditEvent
from kongthun.errors import DomainError
from kongthun.integrity import run_checks
from kongthun.ledger.actions import period_lock
from kongthun.ledger.models import Account, JournalEntry
from kongthun.people.actions import membership_status_change
from kongthun.welfare.contributions import selectors
from kongthun.welfare.contributions.actions import (
    PaymentLine,
    collection_record,
    lapses_apply,
    plan_set,
    receipt_void,
)
from kongthun.welfare.contributions.domain import MatchingTerms
from kongthun.welfare.contributions.integrity import check_receipts
from kongthun.welfare.contributions.models import Collection, ContributionPlan, Receipt
from tests.conftest import SYSTEM

D = date(2025, 1, 15)
JOINED = date(2024, 10, 1)


def balance(org, code: str) -> int:
    return Account.objects.get(organization=org, code=code).balance


def receipts_state() -> dict:
    return {"receipts": sorted(Receipt.objects.values_list("pk", "number", "voided_at", "void_entry_id")),
            "collections": Collection.objects.count(), "plans": ContributionPlan.objects.count()}


@pytest.fixture
def refused(unchanged):
    """The action raises that DomainError and changes nothing: books, people, audit, receipts, plans."""

    @contextmanager
    def check(code: str | None = None):
        before = receipts_state()
        with unchanged(code) as err:
            yield err
        assert receipts_state() == before

    return check


@pytest.fixture
def plan_a(fund_a):
    return plan_set(organization=fund_a, effective_from=date(2024, 1, 1), actor=SYSTEM, why="มติที่ประชุม",
                    entry_fee=2000, grace_days=30, lapse_after_months=6)


@pytest.fixture
def members_a(fund_a, make_member, plan_a):
    return [make_member(fund_a, first=f"สมาชิก{i}", joined=JOINED) for i in range(3)]


def collect(org, actor, lines, key, on=D, **kw):
    return collection_record(organization=org, collected_on=on, payments=lines, actor=actor, idempotency_key=key,
                             **kw)


# --- a collection day -------------------------------------------------------------------------------


def test_a_collection_day_of_50_members(fund_a, actor_a, make_member, plan_a):
    members = [make_member(fund_a, first=f"สมาชิก{i}", joined=JOINED) for i in range(50)]
    lines = [PaymentLine(m.pk, periods=1 + i % 3, entry_fee=i < 10) for i, m in enumerate(members)]
    entries_before = JournalEntry.objects.filter(organization=fund_a).count()
    c = collect(fund_a, actor_a, lines, "day-1")

    contributions = sum(3000 * (1 + i % 3) for i in range(50))
    assert (c.contributions, c.entry_fees) == (contributions, 10 * 2000)
    assert JournalEntry.objects.filter(organization=fund_a).count() == entries_before + 1
    assert list(c.entry.lines.order_by("id").values_list("account__code", "amount")) == [
        ("1101", contributions + 20000), ("4101", -contributions), ("4102", -20000)]
    assert (balance(fund_a, "1101"), balance(fund_a, "4101"), balance(fund_a, "4102")) == (
        contributions + 20000, -contributions, -20000)
    assert c.entry.source == "collection"

    receipts = list(c.receipts.order_by("seq"))
    assert [r.number for r in receipts] == [f"2568/{i:06d}" for i in range(1, 51)]  # FY 2568: Oct 2024-Sep 2025
    assert all(r.entry_id == c.entry_id for r in receipts)
    first = receipts[0]
    assert (first.membership_id, first.amount, first.entry_fee, first.periods, first.covered_from, first.covered_to) \
        == (members[0].pk, 3000, 2000, 1, JOINED, date(2024, 10, 30))
    assert receipts[2].covered_to == date(2024, 12, 29)  # 3 months of 30 days
    assert AuditEvent.objects.filter(action="collection_record", object_id=str(c.pk)).count() == 1
    assert run_checks() == [] and check_receipts() == []


def test_numbers_continue_across_days_and_restart_each_accounting_year(fund_a, actor_a, members_a):
    a, b, c = members_a
    day1 = collect(fund_a, actor_a, [PaymentLine(a.pk, periods=1), PaymentLine(b.pk, periods=1)], "k1")
    day2 = collect(fund_a, actor_a, [PaymentLine(c.pk, periods=1)], "k2", on=date(2025, 9, 30))
    next_year = collect(fund_a, actor_a, [PaymentLine(a.pk, periods=1), PaymentLine(b.pk, periods=1)], "k3",
                        on=date(2025, 10, 1))
    numbers = [[r.number for r in x.receipts.order_by("seq")] for x in (day1, day2, next_year)]
    assert numbers == [["2568/000001", "2568/000002"], ["2568/000003"], ["2569/000001", "2569/000002"]]


def test_numbering_follows_a_calendar_year_fund(make_org, make_member, system_actor):
    fund = make_org("FUND-CAL", year_kind="calendar")
    plan_set(organization=fund, effective_from=date(2024, 1, 1), actor=SYSTEM, why="")
    m = make_member(fund, joined=date(2024, 1, 1))
    dec = collect(fund, system_actor, [PaymentLine(m.pk, periods=1)], "dec", on=date(2024, 12, 31))
    jan = collect(fund, system_actor, [PaymentLine(m.pk, periods=1)], "jan", on=date(2025, 1, 2))
    assert (dec.receipts.get().number, jan.receipts.get().number) == ("2567/000001", "2568/000001")


def test_coverage_continues_from_the_last_payment(fund_a, actor_a, members_a):
    a = members_a[0]
    collect(fund_a, actor_a, [PaymentLine(a.pk, amount_satang=6000)], "k1")
    r = collect(fund_a, actor_a, [PaymentLine(a.pk, periods=1)], "k2", on=date(2025, 2, 1)).receipts.get()
    assert (r.covered_from, r.covered_to) == (date(2024, 11, 30), date(2024, 12, 29))
    s = selectors.member_standing(scope=actor_a.scope, membership=a, on=date(2025, 2, 1))
    assert (s.paid_up_to, s.arrears_days, s.months_in_arrears) == (date(2024, 12, 29), 34, 1)


# --- void -------------------------------------------------------------------------------------------


def test_void_keeps_the_receipt_reverses_its_money_and_recomputes_paid_up_to(fund_a, actor_a, members_a,
                                                                             treasurer_a):
    a, b, _ = members_a
    c = collect(fund_a, actor_a, [PaymentLine(a.pk, periods=2, entry_fee=True), PaymentLine(b.pk, periods=1)], "k1")
    collect(fund_a, actor_a, [PaymentLine(a.pk, periods=1)], "k2", on=date(2025, 1, 20))
    first = c.receipts.get(membership=a)
    assert selectors.member_standing(scope=actor_a.scope, membership=a, on=D).paid_up_to == date(2024, 12, 29)

    voided = receipt_void(receipt=first, actor=actor_a, why="บันทึกผิดคน", on=date(2025, 1, 20))
    voided.refresh_from_db()
    assert voided.is_void and voided.void_reason == "บันทึกผิดคน" and voided.voided_by_id == treasurer_a.pk
    assert voided.voided_on == date(2025, 1, 20) and Receipt.objects.filter(pk=first.pk).exists()
    entry = voided.void_entry
    assert (entry.source, entry.date) == ("receipt_void", date(2025, 1, 20))
    assert first.number in entry.memo
    assert sorted(entry.lines.values_list("account__code", "amount")) == [("1101", -8000), ("4101", 6000),
                                                                          ("4102", 2000)]
    assert (balance(fund_a, "1101"), balance(fund_a, "4101"), balance(fund_a, "4102")) == (6000, -6000, 0)
    assert list(c.entry.lines.order_by("id").values_list("account__code", "amount")) == [
        ("1101", 11000), ("4101", -9000), ("4102", -2000)]  # the day's entry is untouched
    # Only the later one-month receipt still counts.
    s = selectors.member_standing(scope=actor_a.scope, membership=a, on=D)
    assert s.paid_up_to == date(2024, 10, 30)
    assert AuditEvent.objects.filter(action="receipt_void", object_id=str(first.pk)).count() == 1
    assert [r.number for r in selectors.receipt_list(scope=actor_a.scope, organization_id=fund_a.pk,
                                                     date_from=D, include_void=False)] == ["2568/000002"]
    assert run_checks() == [] and check_receipts() == []


def test_a_voided_entry_fee_may_be_paid_again(fund_a, actor_a, members_a):
    a = members_a[0]
    r = collect(fund_a, actor_a, [PaymentLine(a.pk, periods=1, entry_fee=True)], "k1").receipts.get()
    receipt_void(receipt=r, actor=actor_a, why="ผิด")
    again = collect(fund_a, actor_a, [PaymentLine(a.pk, periods=1, entry_fee=True)], "k2").receipts.get()
    assert again.entry_fee == 2000 and again.covered_from == JOINED


def test_void_refusals_change_nothing(fund_a, actor_a, actor_b, members_a, refused, committee_a):
    r = collect(fund_a, actor_a, [PaymentLine(members_a[0].pk, periods=1)], "k1").receipts.get()
    with refused("invalid.why_required"):
        receipt_void(receipt=r, actor=actor_a, why="  ")
    with refused("forbidden.scope"):
        receipt_void(receipt=r, actor=actor_b, why="ผิด")
    with refused("invalid.void_before_issue"):
        receipt_void(receipt=r, actor=actor_a, why="ผิด", on=date(2025, 1, 1))
    period_lock(organization=fund_a, through=D, actor=committee_a, why="ปิดงวด")
    with refused("conflict.period_locked"):
        receipt_void(receipt=r, actor=actor_a, why="ผิด")
    receipt_void(receipt=r, actor=actor_a, why="ผิด", on=date(2025, 1, 16))
    with refused("conflict.receipt_void"):
        receipt_void(receipt=r, actor=actor_a, why="ซ้ำ", on=date(2025, 1, 16))


# --- refusals ---------------------------------------------------------------------------------------


def test_every_refused_collection_changes_nothing(fund_a, fund_b, actor_a, members_a, make_member, refused,
                                                  committee_a):
    a, b, c = members_a
    other = make_member(fund_b, joined=JOINED)
    good = PaymentLine(a.pk, periods=1)
    cases = [
        ([good, PaymentLine(999999, periods=1)], "not_found.membership"),
        ([good, PaymentLine(other.pk, periods=1)], "not_found.membership"),
        ([good, PaymentLine(b.pk, amount_satang=0)], "invalid.amount"),
        ([good, PaymentLine(b.pk, amount_satang=-3000)], "invalid.amount"),
        ([good, PaymentLine(b.pk, amount_satang=4500)], "invalid.amount_not_whole_periods"),
        ([good, PaymentLine(b.pk, periods=0)], "invalid.periods"),
        ([good, PaymentLine(b.pk)], "invalid.payment"),
        ([good, PaymentLine(a.pk, periods=1)], "invalid.duplicate_payment"),
        ([], "invalid.no_payments"),
    ]
    for lines, code in cases:
        with refused(code) as err:
            collect(fund_a, actor_a, lines, f"bad-{code}")
        assert err.value.message_th != err.value.message_en

    membership_status_change(membership=c, status="deceased", on=date(2025, 1, 2), actor=SYSTEM, why="เสียชีวิต")
    membership_status_change(membership=b, status="resigned", on=date(2025, 1, 2), actor=SYSTEM, why="ลาออก")
    for m in (b, c):
        with refused("conflict.member_inactive"):
            collect(fund_a, actor_a, [good, PaymentLine(m.pk, periods=1)], f"inactive-{m.pk}")
    with refused("invalid.before_joining"):
        collect(fund_a, actor_a, [good], "early", on=date(2024, 9, 30))
    with refused("conflict.no_plan"):
        collect(fund_a, actor_a, [good], "noplan", on=date(2023, 12, 31))
    collect(fund_a, actor_a, [PaymentLine(a.pk, periods=1, entry_fee=True)], "fee")
    with refused("conflict.entry_fee_paid"):
        collect(fund_a, actor_a, [PaymentLine(a.pk, periods=1, entry_fee=True)], "fee-again")
    period_lock(organization=fund_a, through=date(2025, 1, 31), actor=committee_a, why="ปิดงวด")
    with refused("conflict.period_locked"):
        collect(fund_a, actor_a, [good], "locked")
    assert run_checks() == [] and check_receipts() == []


def test_a_lapsed_member_may_pay_arrears(fund_a, actor_a, members_a):
    a = members_a[0]
    membership_status_change(membership=a, status="lapsed", on=date(2025, 1, 2), actor=SYSTEM, why="ขาดส่ง")
    r = collect(fund_a, actor_a, [PaymentLine(a.pk, periods=4)], "k").receipts.get()
    assert r.covered_to == date(2025, 1, 28)


def test_no_entry_fee_when_the_plan_has_none(make_org, make_member, system_actor, refused):
    fund = make_org("FUND-NOFEE")
    plan_set(organization=fund, effective_from=date(2024, 1, 1), actor=SYSTEM, why="", entry_fee=0)
    m = make_member(fund, joined=JOINED)
    with refused("invalid.no_entry_fee"):
        collect(fund, system_actor, [PaymentLine(m.pk, periods=1, entry_fee=True)], "k")


def test_fund_a_treasurer_cannot_record_for_fund_b(fund_a, fund_b, actor_a, actor_b, make_member, refused):
    plan_set(organization=fund_b, effective_from=date(2024, 1, 1), actor=SYSTEM, why="")
    b_member = make_member(fund_b, joined=JOINED)
    with refused("forbidden.scope"):
        collect(fund_b, actor_a, [PaymentLine(b_member.pk, periods=1)], "k")
    with refused("forbidden.scope"):
        selectors.receipt_list(scope=actor_a.scope, organization_id=fund_b.pk, date_from=D)
    with refused("forbidden.scope"):
        selectors.member_standing(scope=actor_a.scope, membership=b_member, on=D)
    collect(fund_b, actor_b, [PaymentLine(b_member.pk, periods=1)], "k")
    assert Receipt.objects.get().organization_id == fund_b.pk


def test_a_member_sees_their_own_standing_only(fund_a, members_a, make_user, actor_a):
    a, b, _ = members_a
    user = make_user("member_a", Role.MEMBER, fund_a, person=a.person)
    scope = Actor.for_user(user, "test").scope
    collect(fund_a, actor_a, [PaymentLine(a.pk, periods=3)], "k")
    assert selectors.member_standing(scope=scope, membership=a, on=D).paid_up_to == date(2024, 12, 29)
    with pytest.raises(DomainError):
        selectors.member_standing(scope=scope, membership=b, on=D)


# --- idempotency ------------------------------------------------------------------------------------


def test_same_key_same_content_returns_the_same_day(fund_a, actor_a, members_a, refused):
    lines = [PaymentLine(m.pk, periods=1) for m in members_a]
    first = collect(fund_a, actor_a, lines, "day-key")
    state = receipts_state()
    again = collect(fund_a, actor_a, list(lines), "day-key")
    assert again.pk == first.pk and receipts_state() == state
    assert balance(fund_a, "1101") == 9000
    with refused("conflict.idempotency_mismatch"):
        collect(fund_a, actor_a, lines[:2], "day-key")
    with refused("conflict.idempotency_mismatch"):
        collect(fund_a, actor_a, lines, "day-key", on=date(2025, 1, 16))


# --- plans, arrears, matching -----------------------------------------------------------------------


def test_plan_refusals(fund_a, actor_a, committee_a, plan_a, members_a, refused):
    with refused("forbidden.scope"):
        plan_set(organization=fund_a, effective_from=date(2025, 6, 1), actor=actor_a, why="")
    with refused("conflict.plan_exists"):
        plan_set(organization=fund_a, effective_from=date(2024, 1, 1), actor=committee_a, why="")
    with refused("invalid.plan"):
        plan_set(organization=fund_a, effective_from=date(2025, 6, 1), actor=committee_a, why="", daily_rate=0)
    with refused("invalid.choice"):
        plan_set(organization=fund_a, effective_from=date(2025, 6, 1), actor=committee_a, why="", frequency="hourly")
    collect(fund_a, actor_a, [PaymentLine(members_a[0].pk, periods=1)], "k")
    with refused("conflict.plan_after_receipts"):
        plan_set(organization=fund_a, effective_from=date(2025, 1, 1), actor=committee_a, why="")


def test_a_new_plan_version_applies_from_its_date(fund_a, actor_a, committee_a, members_a):
    plan_set(organization=fund_a, effective_from=date(2025, 2, 1), actor=committee_a, why="รายปี",
             frequency="yearly", entry_fee=2000)
    a = members_a[0]
    with pytest.raises(DomainError) as err:
        collect(fund_a, actor_a, [PaymentLine(a.pk, amount_satang=3000)], "k", on=date(2025, 2, 1))
    assert err.value.code == "invalid.amount_not_whole_periods"
    r = collect(fund_a, actor_a, [PaymentLine(a.pk, amount_satang=36500)], "k2", on=date(2025, 2, 1)).receipts.get()
    assert (r.periods, r.days_covered, r.frequency) == (1, 365, "yearly")


def test_arrears_list(fund_a, actor_a, members_a):
    a, b, c = members_a
    collect(fund_a, actor_a, [PaymentLine(a.pk, periods=4), PaymentLine(b.pk, periods=2)], "k")
    membership_status_change(membership=c, status="resigned", on=date(2025, 1, 2), actor=SYSTEM, why="ลาออก")
    rows = selectors.arrears_list(scope=actor_a.scope, organization_id=fund_a.pk, on=date(2025, 2, 10))
    assert [(r.membership.pk, r.standing.arrears_days) for r in rows] == [(b.pk, 73)]  # a is 13 days behind: in grace
    rows = selectors.arrears_list(scope=actor_a.scope, organization_id=fund_a.pk, on=date(2025, 2, 10),
                                  include_grace=True)
    assert [r.membership.pk for r in rows] == [b.pk, a.pk]
    late = selectors.arrears_list(scope=actor_a.scope, organization_id=fund_a.pk, on=date(2025, 8, 1))
    assert [(r.membership.pk, r.standing.should_lapse) for r in late] == [(b.pk, True), (a.pk, True)]


def test_matching_request_from_receipts(fund_a, actor_a, members_a):
    a, b, c = members_a
    collect(fund_a, actor_a, [PaymentLine(a.pk, periods=12, entry_fee=True), PaymentLine(b.pk, periods=3),
                              PaymentLine(c.pk, periods=2)], "k1")
    collect(fund_a, actor_a, [PaymentLine(a.pk, periods=2)], "k2", on=date(2025, 3, 1))
    collect(fund_a, actor_a, [PaymentLine(b.pk, periods=5)], "next-year", on=date(2025, 10, 5))
    c_receipt = Receipt.objects.get(membership=c)
    receipt_void(receipt=c_receipt, actor=actor_a, why="ผิด")
    r = selectors.matching_request_for(scope=actor_a.scope, organization=fund_a, on=D,
                                       terms=MatchingTerms(cap_per_member=36500, local_ratio=Decimal("0.5")))
    assert r.year_name == 2568
    assert [(x.membership_id, x.paid, x.counted, x.codi, x.local) for x in r.lines] == [
        (a.pk, 42000, 36500, 36500, 18250), (b.pk, 9000, 9000, 9000, 4500)]
    assert (r.codi, r.local) == (45500, 22750)


# --- random sequences and races ---------------------------------------------------------------------

_org_numbers = itertools.count(1)
operation = st.one_of(
    st.tuples(st.just("collect"), st.lists(st.tuples(st.integers(0, 3), st.integers(1, 13)), min_size=1, max_size=4,
                                           unique_by=lambda x: x[0])),
    st.tuples(st.just("void"), st.integers(0, 50)),
)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ops=st.lists(operation, min_size=1, max_size=8))
def test_any_sequence_of_collections_and_voids_keeps_receipts_and_books_agreeing(make_org, make_member, ops):
    org = make_org(f"HYP-C-{next(_org_numbers)}")
    plan_set(organization=org, effective_from=date(2024, 1, 1), actor=SYSTEM, why="")
    members = [make_member(org, joined=JOINED) for _ in range(4)]
    days: dict[int, int] = {m.pk: 0 for m in members}  # days covered by live receipts, kept without the database
    live: list[Receipt] = []
    for i, (kind, arg) in enumerate(ops):
        on = date(2025, 1, 1) + timedelta(days=i)
        if kind == "collect":
            c = collect(org, SYSTEM, [PaymentLine(members[k].pk, periods=n) for k, n in arg], f"h{i}", on=on)
            for r in c.receipts.all():
                days[r.membership_id] += r.days_covered
                live.append(r)
        elif live:
            r = live.pop(arg % len(live))
            receipt_void(receipt=r, actor=SYSTEM, why="สุ่ม", on=on)
            days[r.membership_id] -= r.days_covered
    paid = sum(r.amount for r in live)
    assert (balance(org, "1101"), balance(org, "4101")) == (paid, -paid)
    for m in members:
        s = selectors.member_standing(scope=SYSTEM.scope, membership=m, on=date(2025, 6, 1))
        assert s.paid_up_to == JOINED + timedelta(days=days[m.pk] - 1)
    assert run_checks() == [] and check_receipts() == []


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite serializes writers itself")
@pytest.mark.django_db(transaction=True)
def test_concurrent_collection_days_number_receipts_without_gaps_and_void_once(make_org, make_member):
    org = make_org("FUND-RACE")
    plan_set(organization=org, effective_from=date(2024, 1, 1), actor=SYSTEM, why="")
    members = [make_member(org, joined=JOINED) for _ in range(8)]
    errors: list[BaseException] = []

    def run(fn) -> None:
        try:
            fn()
        except BaseException as exc:  # noqa: BLE001 - reported by the assertions below
            errors.append(exc)
        finally:
            connections.close_all()

    def day(k: int):
        return lambda: [collect(org, SYSTEM, [PaymentLine(members[2 * k].pk, periods=1),
                                              PaymentLine(members[2 * k + 1].pk, periods=1)], f"race-{k}-{i}",
                                on=date(2025, 1, 1 + i)) for i in range(3)]

    pool = [threading.Thread(target=run, args=(day(k),)) for k in range(4)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    assert errors == []
    assert sorted(Receipt.objects.filter(organization=org).values_list("seq", flat=True)) == list(range(1, 25))

    target = Receipt.objects.filter(organization=org).first()
    pool = [threading.Thread(target=run, args=(lambda: receipt_void(receipt=target, actor=SYSTEM, why="ซ้ำ"),))
            for _ in range(3)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    assert len(errors) == 2 and all(getattr(e, "code", "") == "conflict.receipt_void" for e in errors)
    assert JournalEntry.objects.filter(organization=org, source="receipt_void").count() == 1
    assert balance(org, "1101") == 23 * 3000
    assert run_checks() == [] and check_receipts() == []


def test_kongthun_check_finds_a_receipt_changed_outside_kongthun(fund_a, actor_a, members_a):
    from django.db import connection

    collect(fund_a, actor_a, [PaymentLine(m.pk, periods=1) for m in members_a], "tamper-day")
    assert run_checks() == []
    with connection.cursor() as c:
        c.execute("UPDATE contributions_receipt SET amount = amount + 100 WHERE id = "
                  "(SELECT MIN(id) FROM contributions_receipt)")
    problems = run_checks()
    assert [p.check for p in problems] == ["receipts"]
    assert "ไม่เท่ากับยอดในบัญชี" in problems[0].message_th


def test_lapses_apply_lapses_only_members_behind_by_the_plans_months(fund_a, actor_a, members_a):
    a, b, c = members_a
    collect(fund_a, actor_a, [PaymentLine(a.pk, periods=12), PaymentLine(b.pk, periods=1)], "k")
    membership_status_change(membership=c, status="resigned", on=date(2025, 1, 2), actor=SYSTEM, why="ลาออก")
    on = date(2025, 5, 1)  # b paid through 2024-10-30: 183 days, 6 months behind
    lapsed = lapses_apply(organization=fund_a, on=on, actor=actor_a)
    assert [m.pk for m in lapsed] == [b.pk]
    b.refresh_from_db()
    assert (b.status, b.status_on) == ("lapsed", on)
    assert "6 เดือน" in b.events.order_by("-id").first().why
    assert lapses_apply(organization=fund_a, on=on, actor=actor_a) == []  # already lapsed
    assert run_checks() == []


def test_lapses_apply_is_the_funds_own(fund_b, actor_a, refused):
    plan_set(organization=fund_b, effective_from=date(2024, 1, 1), actor=SYSTEM, why="")
    with refused("forbidden.scope"):
        lapses_apply(organization=fund_b, on=D, actor=actor_a)
