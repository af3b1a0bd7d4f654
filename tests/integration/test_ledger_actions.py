"""The ledger's actions on a real database (SQLite and PostgreSQL): posting, numbering,
idempotency, reversal, closed periods, scope, and that every refusal changes nothing."""

from __future__ import annotations

import itertools
from datetime import date, timedelta

import pytest
from django.db.models import Count, Sum
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kongthun.audit.models import AuditEvent
from kongthun.errors import DomainError
from kongthun.integrity import run_checks
from kongthun.ledger.actions import entry_post, entry_reverse, locked_through, period_lock
from kongthun.ledger.domain import Line, credit, debit
from kongthun.ledger.models import Account, JournalEntry, JournalLine
from tests.conftest import SYSTEM

D = date(2025, 1, 15)


def balance(org, code: str) -> int:
    return Account.objects.get(organization=org, code=code).balance


def contribution(org, actor, satang=3000, day=D, **kw):
    return entry_post(organization=org, date=day, lines=[debit("1101", satang), credit("4101", satang)],
                      memo="เงินสมทบ", actor=actor, **kw)


# --- posting ------------------------------------------------------------------------------------


def test_post_writes_entry_lines_balances_and_audit(fund_a, actor_a, treasurer_a):
    e = entry_post(organization=fund_a, date=D, memo="เงินสมทบเดือนมกราคม", actor=actor_a, why="monthly",
                   lines=[debit("1101", 9000, "cash"), credit("4101", 6000), credit("4102", 3000)])
    assert (e.number, e.date, e.source, e.reverses_id) == (1, D, "manual", None)
    assert e.recorded_by_id == treasurer_a.pk and e.recorded_at.tzinfo is not None
    assert list(e.lines.order_by("id").values_list("account__code", "amount", "memo")) == [
        ("1101", 9000, "cash"), ("4101", -6000, ""), ("4102", -3000, "")]
    assert (balance(fund_a, "1101"), balance(fund_a, "4101"), balance(fund_a, "4102")) == (9000, -6000, -3000)
    assert Account.objects.get(organization=fund_a, code="4101").natural_balance == 6000

    ev = AuditEvent.objects.get(object_type="journal_entry", object_id=str(e.pk))
    assert (ev.action, ev.actor_id, ev.actor_name, ev.organization_id, ev.why) == (
        "entry_post", treasurer_a.pk, "treasurer_a", fund_a.pk, "monthly")
    assert ev.before is None
    assert ev.after["lines"] == [["1101", 9000, "cash"], ["4101", -6000, ""], ["4102", -3000, ""]]
    assert run_checks() == []


def test_one_audit_event_per_posting(fund_a, actor_a):
    before = AuditEvent.objects.count()
    entries = [contribution(fund_a, actor_a, 100 * (i + 1)) for i in range(3)]
    events = AuditEvent.objects.filter(object_type="journal_entry").order_by("seq")
    assert AuditEvent.objects.count() == before + 3
    assert [ev.object_id for ev in events] == [str(e.pk) for e in entries]
    seqs = [ev.seq for ev in events]
    assert seqs == list(range(seqs[0], seqs[0] + 3))


def test_numbers_are_per_organization(fund_a, fund_b, system_actor):
    a = [contribution(fund_a, system_actor).number for _ in range(3)]
    b = [contribution(fund_b, system_actor).number for _ in range(2)]
    a.append(contribution(fund_a, system_actor).number)
    assert a == [1, 2, 3, 4]
    assert b == [1, 2]


def test_balances_are_per_organization(fund_a, fund_b, system_actor):
    contribution(fund_a, system_actor, 1000)
    contribution(fund_b, system_actor, 250)
    assert balance(fund_a, "1101") == 1000 and balance(fund_b, "1101") == 250


# --- refusals that change nothing ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("lines", "code"),
    [
        ([debit("1101", 3000), credit("4101", 2000)], "invalid.unbalanced_entry"),
        ([debit("1101", 3000)], "invalid.entry_too_few_lines"),
        ([debit("1101", 0), credit("4101", 0)], "invalid.zero_line"),
        ([Line("1101", 30.0), credit("4101", 30)], "invalid.amount_not_satang"),
        ([debit("1101", 3000), credit("4401", 3000)], "invalid.unknown_account"),  # a savings-group account
    ],
)
def test_invalid_entries_are_refused_and_change_nothing(fund_a, actor_a, unchanged, lines, code):
    contribution(fund_a, actor_a)
    with unchanged(code):
        entry_post(organization=fund_a, date=D, lines=lines, memo="bad", actor=actor_a)
    assert contribution(fund_a, actor_a).number == 2  # no number was used up


def test_treasurer_of_fund_a_cannot_post_into_fund_b(fund_a, fund_b, actor_a, system_actor, unchanged):
    contribution(fund_b, system_actor)
    with unchanged("forbidden.scope") as err:
        contribution(fund_b, actor_a)
    assert "สิทธิ์" in err.value.message_th and "may not" in err.value.message_en
    assert JournalEntry.objects.filter(organization=fund_b).count() == 1


def test_treasurer_of_fund_a_cannot_reverse_in_fund_b(fund_b, actor_a, system_actor, unchanged):
    e = contribution(fund_b, system_actor)
    with unchanged("forbidden.scope"):
        entry_reverse(entry=e, date=D, actor=actor_a, why="not mine")


def test_committee_may_lock_but_not_post(fund_a, committee_a, unchanged):
    with unchanged("forbidden.scope"):
        contribution(fund_a, committee_a)
    period_lock(organization=fund_a, through=date(2024, 12, 31), actor=committee_a, why="ปิดปีบัญชี")
    assert locked_through(fund_a.pk) == date(2024, 12, 31)


def test_treasurer_may_not_lock(fund_a, actor_a, unchanged):
    with unchanged("forbidden.scope"):
        period_lock(organization=fund_a, through=date(2024, 12, 31), actor=actor_a, why="x")


# --- idempotency ---------------------------------------------------------------------------------


def test_same_key_same_content_returns_the_same_entry(fund_a, actor_a):
    first = contribution(fund_a, actor_a, idempotency_key="receipt-0001")
    state = (JournalEntry.objects.count(), JournalLine.objects.count(), AuditEvent.objects.count(),
             balance(fund_a, "1101"))
    again = contribution(fund_a, actor_a, idempotency_key="receipt-0001")
    assert again.pk == first.pk
    assert (JournalEntry.objects.count(), JournalLine.objects.count(), AuditEvent.objects.count(),
            balance(fund_a, "1101")) == state


@pytest.mark.parametrize("change", [{"satang": 3001}, {"day": D + timedelta(days=1)}, {"memo": "other"}])
def test_same_key_other_content_is_refused(fund_a, actor_a, unchanged, change):
    contribution(fund_a, actor_a, idempotency_key="receipt-0001")
    with unchanged("conflict.idempotency_mismatch"):
        if "memo" in change:
            entry_post(organization=fund_a, date=D, lines=[debit("1101", 3000), credit("4101", 3000)],
                       memo=change["memo"], actor=actor_a, idempotency_key="receipt-0001")
        else:
            contribution(fund_a, actor_a, idempotency_key="receipt-0001", **change)


def test_idempotency_keys_are_per_organization(fund_a, fund_b, system_actor):
    a = contribution(fund_a, system_actor, idempotency_key="k1")
    b = contribution(fund_b, system_actor, idempotency_key="k1")
    assert a.pk != b.pk and b.number == 1


# --- reversal --------------------------------------------------------------------------------------


def test_reversal_undoes_an_entry(fund_a, actor_a):
    e = entry_post(organization=fund_a, date=D, memo="benefit", actor=actor_a,
                   lines=[debit("5103", 500000), credit("1101", 450000), credit("1102", 50000)])
    r = entry_reverse(entry=e, date=D + timedelta(days=3), actor=actor_a, why="paid twice")
    assert (r.number, r.reverses_id, r.source, r.date) == (2, e.pk, "reversal", D + timedelta(days=3))
    assert "JV000001" in r.memo and "paid twice" in r.memo
    assert sorted(r.lines.values_list("account__code", "amount")) == [("1101", 450000), ("1102", 50000),
                                                                      ("5103", -500000)]
    assert all(balance(fund_a, code) == 0 for code in ("1101", "1102", "5103"))
    assert AuditEvent.objects.get(object_type="journal_entry", object_id=str(r.pk)).action == "entry_reverse"
    assert run_checks() == []


def test_double_reversal_is_refused(fund_a, actor_a, unchanged):
    e = contribution(fund_a, actor_a)
    entry_reverse(entry=e, date=D, actor=actor_a, why="mistake")
    with unchanged("conflict.already_reversed") as err:
        entry_reverse(entry=e, date=D, actor=actor_a, why="again")
    assert "JV000001" in err.value.message_th


def test_reversal_needs_a_reason(fund_a, actor_a, unchanged):
    e = contribution(fund_a, actor_a)
    with unchanged("invalid.why_required"):
        entry_reverse(entry=e, date=D, actor=actor_a, why="  ")


def test_reversal_of_a_reversal_restores_the_original(fund_a, actor_a):
    e = entry_post(organization=fund_a, date=D, memo="grant", actor=actor_a,
                   lines=[debit("1102", 1000000), credit("4201", 1000000)])
    after_e = dict(Account.objects.filter(organization=fund_a).values_list("code", "balance"))
    r = entry_reverse(entry=e, date=D, actor=actor_a, why="wrong fund")
    rr = entry_reverse(entry=r, date=D, actor=actor_a, why="it was right after all")
    assert rr.reverses_id == r.pk
    assert dict(Account.objects.filter(organization=fund_a).values_list("code", "balance")) == after_e
    assert list(rr.lines.order_by("id").values_list("account__code", "amount")) == list(
        e.lines.order_by("id").values_list("account__code", "amount"))
    assert run_checks() == []


def test_an_entry_a_sub_ledger_made_is_undone_there_not_in_the_journal(fund_a, actor_a, unchanged):
    e = entry_post(organization=fund_a, date=D, memo="receipt 1", actor=actor_a, source="collection",
                   lines=[debit("1101", 3000), credit("4101", 3000)])
    with unchanged("conflict.entry_owned") as err:
        entry_reverse(entry=e, date=D, actor=actor_a, why="typed wrong")
    assert "collection" in err.value.message_en and "JV000001" in err.value.message_th
    r = entry_reverse(entry=e, date=D, actor=actor_a, why="receipt voided", by_owner=True)
    with unchanged("conflict.entry_owned"):  # its reversal is the owner's too
        entry_reverse(entry=r, date=D, actor=actor_a, why="undo the void")
    assert balance(fund_a, "1101") == 0


# --- closed periods ----------------------------------------------------------------------------------


def test_posting_into_a_locked_period_is_refused(fund_a, actor_a, committee_a, unchanged):
    period_lock(organization=fund_a, through=date(2024, 12, 31), actor=committee_a, why="ปิดงวด")
    for day in (date(2024, 12, 31), date(2024, 6, 1)):
        with unchanged("conflict.period_locked") as err:
            contribution(fund_a, actor_a, day=day)
        assert "2024-12-31" in err.value.message_en
    assert contribution(fund_a, actor_a, day=date(2025, 1, 1)).number == 1


def test_reversal_dated_in_a_locked_period_is_refused(fund_a, actor_a, committee_a, unchanged):
    e = contribution(fund_a, actor_a, day=date(2024, 12, 1))
    period_lock(organization=fund_a, through=date(2024, 12, 31), actor=committee_a, why="ปิดงวด")
    with unchanged("conflict.period_locked"):
        entry_reverse(entry=e, date=date(2024, 12, 15), actor=actor_a, why="late fix")
    r = entry_reverse(entry=e, date=date(2025, 1, 2), actor=actor_a, why="fixed in the open period")
    assert r.reverses_id == e.pk


def test_a_lock_cannot_move_back(fund_a, committee_a, unchanged):
    period_lock(organization=fund_a, through=date(2024, 12, 31), actor=committee_a, why="ปิดงวด")
    for through in (date(2024, 12, 31), date(2024, 9, 30)):
        with unchanged("conflict.lock_backwards"):
            period_lock(organization=fund_a, through=through, actor=committee_a, why="reopen")
    period_lock(organization=fund_a, through=date(2025, 3, 31), actor=committee_a, why="next")
    assert locked_through(fund_a.pk) == date(2025, 3, 31)
    ev = AuditEvent.objects.filter(action="period_lock").order_by("-seq").first()
    assert ev.before == {"locked_through": "2024-12-31"} and ev.after == {"locked_through": "2025-03-31"}


def test_locks_are_per_organization(fund_a, fund_b, system_actor):
    period_lock(organization=fund_a, through=date(2025, 12, 31), actor=system_actor, why="x")
    assert contribution(fund_b, system_actor, day=D).number == 1


# --- random sequences (hypothesis, on the real database) ------------------------------------------

CODES = ["1101", "1102", "4101", "4201", "5103", "5901", "2190"]
_org_numbers = itertools.count(1)

lines_strategy = st.lists(
    st.tuples(st.sampled_from(CODES), st.integers(1, 10**9)), min_size=1, max_size=4
).flatmap(lambda debits: st.tuples(st.just(debits), st.lists(st.sampled_from(CODES), min_size=1, max_size=3)))

operation = st.one_of(
    st.tuples(st.just("post"), lines_strategy, st.integers(0, 364)),
    st.tuples(st.just("reverse"), st.integers(0, 50), st.integers(0, 364)),
    st.tuples(st.just("reverse_twice"), st.integers(0, 50), st.integers(0, 364)),
    st.tuples(st.just("lock"), st.integers(0, 364)),
)


def split(total: int, parts: int) -> list[int]:
    """`total` shared into `parts` positive amounts (the credits of a generated entry)."""
    parts = min(parts, total)
    base, extra = divmod(total, parts)
    return [base + (1 if i < extra else 0) for i in range(parts)]


def as_lines(debits, credit_codes) -> list[Line]:
    total = sum(a for _, a in debits)
    shares = split(total, len(credit_codes))
    return [debit(c, a) for c, a in debits] + [credit(c, a) for c, a in zip(credit_codes, shares, strict=False)]


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ops=st.lists(operation, min_size=1, max_size=12))
def test_any_sequence_of_postings_and_reversals_keeps_the_books(make_org, ops):
    org = make_org(f"HYP-{next(_org_numbers)}")
    start = date(2025, 1, 1)
    model: dict[str, int] = {}  # expected debit-positive balances, kept without the database
    posted: list[tuple[JournalEntry, list[tuple[str, int]]]] = []
    reversed_ids: set[int] = set()
    lock: date | None = None

    def apply(lines) -> None:
        for code, amount in lines:
            model[code] = model.get(code, 0) + amount

    def try_reverse(entry, lines, day) -> JournalEntry | None:
        refused = entry.pk in reversed_ids or (lock is not None and day <= lock)
        try:
            r = entry_reverse(entry=entry, date=day, actor=SYSTEM, why="test")
        except DomainError as err:
            assert refused, err
            assert err.code in ("conflict.already_reversed", "conflict.period_locked")
            return None
        assert not refused
        reversed_ids.add(entry.pk)
        flipped = [(c, -a) for c, a in lines]
        apply(flipped)
        posted.append((r, flipped))
        return r

    for op in ops:
        if op[0] == "post":
            (debits, credit_codes), offset = op[1], op[2]
            day = start + timedelta(days=offset)
            lines = as_lines(debits, credit_codes)
            try:
                e = entry_post(organization=org, date=day, lines=lines, memo="h", actor=SYSTEM)
            except DomainError as err:
                assert err.code == "conflict.period_locked" and lock is not None and day <= lock
                continue
            assert lock is None or day > lock
            pairs = [(x.account, x.amount) for x in lines]
            apply(pairs)
            posted.append((e, pairs))
        elif op[0] in ("reverse", "reverse_twice") and posted:
            entry, lines = posted[op[1] % len(posted)]
            day = start + timedelta(days=op[2])
            before = dict(model)
            r = try_reverse(entry, lines, day)
            if op[0] == "reverse_twice" and r is not None:
                rr = try_reverse(r, posted[-1][1], day)
                if rr is not None:
                    assert model == before  # the reversal of a reversal restores the balances
                    assert dict(Account.objects.filter(organization=org).exclude(balance=0)
                                .values_list("code", "balance")) == {k: v for k, v in before.items() if v}
        elif op[0] == "lock":
            through = start + timedelta(days=op[1])
            try:
                period_lock(organization=org, through=through, actor=SYSTEM, why="h")
            except DomainError as err:
                assert err.code == "conflict.lock_backwards" and lock is not None and through <= lock
                continue
            assert lock is None or through > lock
            lock = through

    # every entry balances
    per_entry = JournalLine.objects.filter(organization=org).values("entry").annotate(s=Sum("amount"), n=Count("id"))
    assert all(row["s"] == 0 and row["n"] >= 2 for row in per_entry)
    assert len(per_entry) == len(posted)
    # every account's cached balance equals the sum of its lines and the model
    sums = dict(JournalLine.objects.filter(organization=org).values_list("account__code").annotate(s=Sum("amount"))
                .values_list("account__code", "s"))
    for acc in Account.objects.filter(organization=org):
        assert acc.balance == sums.get(acc.code, 0) == model.get(acc.code, 0), acc.code
    # and in total
    assert sum(model.values()) == 0
    assert JournalLine.objects.filter(organization=org).aggregate(s=Sum("amount"))["s"] in (0, None)
    numbers = sorted(JournalEntry.objects.filter(organization=org).values_list("number", flat=True))
    assert numbers == list(range(1, len(posted) + 1))
    assert run_checks() == []


def test_a_reversal_cannot_point_at_another_funds_entry(fund_a, fund_b, system_actor):
    theirs = entry_post(organization=fund_b, date=date(2025, 3, 1), actor=system_actor, memo="fund B",
                        lines=[debit("1101", 700), credit("4101", 700)])
    before = JournalEntry.objects.count()
    with pytest.raises(DomainError) as err:
        entry_post(organization=fund_a, date=date(2025, 3, 2), actor=system_actor, memo="sneaky", reverses=theirs,
                   lines=[debit("4101", 700), credit("1101", 700)])
    assert err.value.code == "forbidden.scope" and "กองทุนอื่น" in err.value.message_th
    assert JournalEntry.objects.count() == before
