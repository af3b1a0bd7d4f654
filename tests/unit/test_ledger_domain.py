"""The pure ledger rules: what makes an entry postable, and what a reversal is."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kongthun.errors import DomainError
from kongthun.ledger.domain import (
    AccountType,
    Line,
    balances,
    check_period_open,
    closing_lines,
    credit,
    debit,
    debit_credit_totals,
    reversal_lines,
    surplus_of,
    validate_lines,
)

THAI = re.compile(r"[\u0E00-\u0E7F]")
ACCOUNTS = ["1101", "1102", "4101", "4201", "5103", "5901"]


def refusal(lines, **kw) -> DomainError:
    with pytest.raises(DomainError) as err:
        validate_lines(lines, **kw)
    e = err.value
    assert THAI.search(e.message_th), e.message_th
    assert e.message_en and not THAI.search(e.message_en), e.message_en
    return e


def test_debit_and_credit_sign_the_amount():
    assert debit("1101", 500) == Line("1101", 500)
    assert credit("4101", 500) == Line("4101", -500)


def test_a_balanced_entry_passes():
    validate_lines([debit("1101", 3000), credit("4101", 2000), credit("4102", 1000)])
    validate_lines([debit("1101", 3000), credit("4101", 3000)], known_accounts=ACCOUNTS)


def test_unbalanced_entry_is_refused_with_both_totals():
    e = refusal([debit("1101", 3000), credit("4101", 2999)])
    assert e.code == "invalid.unbalanced_entry"
    assert e.details == {"debits": 3000, "credits": 2999}
    assert "30.00" in e.message_th and "29.99" in e.message_th
    assert "30.00 baht" in e.message_en and "29.99 baht" in e.message_en


def test_all_debits_is_unbalanced():
    assert refusal([debit("1101", 100), debit("1102", 100)]).code == "invalid.unbalanced_entry"


@pytest.mark.parametrize("lines", [[], [debit("1101", 0)], [debit("1101", 100)]])
def test_fewer_than_two_lines_is_refused(lines):
    assert refusal(lines).code == "invalid.entry_too_few_lines"


def test_a_zero_line_is_refused_and_named():
    e = refusal([debit("1101", 100), debit("1102", 0), credit("4101", 100)])
    assert e.code == "invalid.zero_line"
    assert e.where == "line 2"
    assert "บรรทัดที่ 2" in e.message_th


@pytest.mark.parametrize("amount", [100.0, Decimal("100"), Decimal("1.5"), "100", True])
def test_a_non_integer_amount_is_refused(amount):
    e = refusal([Line("1101", amount), credit("4101", 100)])
    assert e.code == "invalid.amount_not_satang"
    assert e.where == "line 1"
    assert "สตางค์" in e.message_th and "satang" in e.message_en


def test_an_unknown_account_is_refused():
    e = refusal([debit("1101", 100), credit("9999", 100)], known_accounts=ACCOUNTS)
    assert e.code == "invalid.unknown_account"
    assert "9999" in e.message_th and "9999" in e.message_en
    assert e.where == "line 2"


def test_period_lock():
    check_period_open(date(2025, 1, 1), None)
    check_period_open(date(2025, 1, 1), date(2024, 12, 31))
    for day in (date(2024, 12, 31), date(2024, 1, 1)):
        with pytest.raises(DomainError) as err:
            check_period_open(day, date(2024, 12, 31))
        assert err.value.code == "conflict.period_locked"
        assert "ปิดแล้ว" in err.value.message_th and "closed" in err.value.message_en


def test_normal_sides():
    assert AccountType.ASSET.normal_sign == AccountType.EXPENSE.normal_sign == 1
    assert AccountType.LIABILITY.normal_sign == AccountType.EQUITY.normal_sign == AccountType.INCOME.normal_sign == -1


def test_balances_and_totals_of_a_worked_entry():
    lines = [debit("1101", 3000), debit("1101", 500), credit("4101", 3500), debit("5103", 200), credit("1101", 200)]
    assert balances(lines) == {"1101": 3300, "4101": -3500, "5103": 200}
    assert debit_credit_totals(lines) == (3700, 3700)


# --- properties -----------------------------------------------------------------------------

amounts = st.integers(min_value=1, max_value=10**12)


@st.composite
def balanced_entries(draw) -> tuple[Line, ...]:
    """Any balanced entry: some debits, then credits that share out the same total."""
    debits = draw(st.lists(st.tuples(st.sampled_from(ACCOUNTS), amounts), min_size=1, max_size=5))
    total = sum(a for _, a in debits)
    n_credits = draw(st.integers(1, min(5, total)))
    cuts = sorted(draw(st.lists(st.integers(1, total - 1), min_size=n_credits - 1, max_size=n_credits - 1,
                                unique=True))) if n_credits > 1 and total > 1 else []
    parts = [b - a for a, b in zip([0, *cuts], [*cuts, total], strict=True)]
    credits = [credit(draw(st.sampled_from(ACCOUNTS)), p) for p in parts]
    lines = [debit(acc, a) for acc, a in debits] + credits
    return tuple(draw(st.permutations(lines)))


@given(balanced_entries())
def test_generated_entries_validate(lines):
    validate_lines(lines, known_accounts=ACCOUNTS)
    d, c = debit_credit_totals(lines)
    assert d == c > 0
    assert sum(balances(lines).values()) == 0


@given(balanced_entries())
def test_reversal_of_reversal_is_the_original(lines):
    assert reversal_lines(reversal_lines(lines)) == tuple(lines)


@given(balanced_entries())
def test_entry_and_its_reversal_cancel_per_account(lines):
    reversed_ = reversal_lines(lines)
    validate_lines(reversed_, known_accounts=ACCOUNTS)
    assert len(reversed_) == len(lines)
    assert all(b == 0 for b in balances([*lines, *reversed_]).values())
    d, c = debit_credit_totals(lines)
    assert debit_credit_totals(reversed_) == (c, d)


@given(balanced_entries(), st.integers(min_value=1, max_value=10**6), st.data())
def test_any_single_amount_change_unbalances(lines, delta, data):
    i = data.draw(st.integers(0, len(lines) - 1))
    changed = list(lines)
    new_amount = changed[i].amount + delta
    if new_amount == 0:
        new_amount += 1
    changed[i] = Line(changed[i].account, new_amount)
    with pytest.raises(DomainError) as err:
        validate_lines(changed)
    assert err.value.code == "invalid.unbalanced_entry"


_closing_balances = st.dictionaries(st.sampled_from(["4101", "4201", "4901", "5101", "5103", "5901"]),
                                    st.integers(-10**12, 10**12), max_size=6)


@given(_closing_balances)
def test_closing_lines_zero_every_account_and_carry_the_surplus(year_balances):
    lines = closing_lines(year_balances, surplus_account="3901")
    after = {code: amount + balances(lines).get(code, 0) for code, amount in year_balances.items()}
    assert all(v == 0 for v in after.values())
    assert sum(x.amount for x in lines) == 0
    assert -balances(lines).get("3901", 0) == surplus_of(year_balances)
    if any(year_balances.values()):
        validate_lines(lines)
    else:
        assert lines == ()


def test_closing_lines_of_a_surplus_year():
    lines = closing_lines({"4101": -150000, "5103": 50000}, surplus_account="3901", memo="ปิด")
    assert lines == (Line("4101", 150000, "ปิด"), Line("5103", -50000, "ปิด"), Line("3901", -100000, "ปิด"))
