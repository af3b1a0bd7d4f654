"""The reports' pure core: a fund's year worked by hand (statements, cash book, CODI report, the check
against the ledger), the close that must not change the income statement, shares of 100% and the
running balance (with hypothesis)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kongthun.clock import CALENDAR, FISCAL, AccountingYear
from kongthun.errors import DomainError
from kongthun.ledger.domain import AccountType as T
from kongthun.welfare.contributions.domain import Plan, standing
from kongthun.welfare.reports.domain import (
    AccountInfo,
    AccountTotals,
    AgeGroup,
    BenefitRow,
    CashLine,
    LedgerFigures,
    MemberInfo,
    MemberRecord,
    PaidClaim,
    ReceiptRow,
    Source,
    age_group,
    annual_statements,
    cash_book,
    check_against_ledger,
    codi_report,
    member_statement,
    percent_text,
    shares,
    status_at,
    year_bounds,
)

START, END = date(2025, 10, 1), date(2026, 9, 30)  # accounting year 2569
ACCOUNTS = {
    "1101": AccountInfo("1101", "เงินสด", "Cash on hand", T.ASSET),
    "1102": AccountInfo("1102", "เงินฝากธนาคาร", "Bank deposits", T.ASSET),
    "2190": AccountInfo("2190", "เจ้าหนี้อื่น", "Other payables", T.LIABILITY),
    "3901": AccountInfo("3901", "กำไร(ขาดทุน)สะสม", "Retained surplus", T.EQUITY),
    "4101": AccountInfo("4101", "เงินสมทบจากสมาชิก", "Member contributions", T.INCOME),
    "4102": AccountInfo("4102", "ค่าสมัครสมาชิก", "Entry fees", T.INCOME),
    "4201": AccountInfo("4201", "เงินสมทบจากรัฐบาลผ่าน พอช.", "CODI", T.INCOME),
    "4202": AccountInfo("4202", "เงินสมทบจาก อปท.", "Local government", T.INCOME),
    "4901": AccountInfo("4901", "ดอกเบี้ยเงินฝาก", "Bank interest", T.INCOME),
    "5102": AccountInfo("5102", "สวัสดิการนอนโรงพยาบาล", "Hospital", T.EXPENSE),
    "5103": AccountInfo("5103", "สวัสดิการเสียชีวิต", "Death", T.EXPENSE),
}


def totals(before=None, during=None, closing=None) -> list[AccountTotals]:
    before, during, closing = before or {}, during or {}, closing or {}
    return [AccountTotals(a, before.get(c, 0), during.get(c, 0), closing.get(c, 0)) for c, a in ACCOUNTS.items()]


# Last year: 10,000 baht collected and closed to 3901. This year: contributions 6,000 and fees 200 in cash;
# CODI 6,000, local government 3,000 and interest 800 in the bank; hospital 1,200 and a death 5,000 paid in
# cash; 1,000 borrowed in cash and still owed (2190).
BEFORE = {"1101": 10_000_00, "3901": -10_000_00}
DURING = {"1101": 6_200_00 - 6_200_00 + 1_000_00, "1102": 6_000_00 + 3_000_00 + 800_00, "2190": -1_000_00,
          "4101": -6_000_00, "4102": -200_00, "4201": -6_000_00, "4202": -3_000_00, "4901": -800_00,
          "5102": 1_200_00, "5103": 5_000_00}
SURPLUS = 6_000_00 + 200_00 + 6_000_00 + 3_000_00 + 800_00 - 1_200_00 - 5_000_00
CLOSE = {"4101": 6_000_00, "4102": 200_00, "4201": 6_000_00, "4202": 3_000_00, "4901": 800_00,
         "5102": -1_200_00, "5103": -5_000_00, "3901": -SURPLUS}


def figures(t: list[AccountTotals], claim_payments=6_200_00) -> LedgerFigures:
    return LedgerFigures(START, END, {c: a.type for c, a in ACCOUNTS.items()},
                         {x.account.code: x.at_end for x in t}, {x.account.code: x.during for x in t}, claim_payments)


def test_the_balanced_year_is_balanced():
    assert sum(BEFORE.values()) == 0 and sum(DURING.values()) == 0 and sum(CLOSE.values()) == 0


def test_income_statement_and_position_of_a_year():
    s = annual_statements(2569, START, END, totals(BEFORE, DURING))
    assert s.income.total_income == 16_000_00 and s.income.total_expenses == 6_200_00
    assert s.income.surplus == SURPLUS == 9_800_00
    assert [x.code for x in s.income.income] == ["4101", "4102", "4201", "4202", "4901"]
    p = s.position
    assert p.total_assets == 10_000_00 + DURING["1101"] + DURING["1102"]
    assert p.total_liabilities == 1_000_00
    assert p.opening_fund == 10_000_00 and p.surplus == SURPLUS and p.other_fund_movements == 0
    assert p.total_fund == 10_000_00 + SURPLUS
    assert p.balanced and p.fund_reconciles
    assert [x.name_th for x in p.fund][-1] == "รายรับสูง(ต่ำ)กว่ารายจ่ายที่ยังไม่ปิดบัญชี"


def test_the_close_changes_neither_statement_only_where_the_surplus_sits():
    open_ = annual_statements(2569, START, END, totals(BEFORE, DURING))
    closed = annual_statements(2569, START, END, totals(BEFORE, DURING, CLOSE))
    assert closed.income == open_.income
    assert closed.position.total_fund == open_.position.total_fund
    assert closed.position.total_assets == open_.position.total_assets
    assert [(x.code, x.amount) for x in closed.position.fund] == [("3901", 10_000_00 + SURPLUS)]
    assert closed.position.balanced and closed.position.fund_reconciles
    # the next year opens with the closed fund, whether or not this year was closed
    next_open = annual_statements(2570, END + timedelta(1), date(2027, 9, 30),
                                  [AccountTotals(t.account, t.at_end) for t in totals(BEFORE, DURING)])
    next_closed = annual_statements(2570, END + timedelta(1), date(2027, 9, 30),
                                    [AccountTotals(t.account, t.at_end) for t in totals(BEFORE, DURING, CLOSE)])
    assert next_open.position.opening_fund == next_closed.position.opening_fund == 10_000_00 + SURPLUS
    assert next_open.income.total_income == next_closed.income.total_income == 0


def test_a_report_agrees_with_the_ledger_and_a_wrong_one_does_not():
    t = totals(BEFORE, DURING, CLOSE)
    s = annual_statements(2569, START, END, t)
    assert check_against_ledger(s, figures(t)) == []
    wrong = figures(totals(BEFORE, {**DURING, "4101": -6_000_01, "1101": DURING["1101"] + 1}))
    found = check_against_ledger(s, wrong)
    assert {m.what for m in found} >= {"income 4101", "total income", "asset 1101"}
    assert "รายงาน 6,000.00 บาท แต่บัญชี 6,000.01 บาท" in next(m for m in found if m.what == "income 4101").message_th
    with pytest.raises(TypeError):
        check_against_ledger(object(), figures(t))


def test_cash_book_with_opening_running_and_closing_balances():
    lines = [CashLine(date(2025, 10, 5), 3, "1101", 6_200_00, "เก็บเงินสมทบ"),
             CashLine(date(2025, 10, 5), 4, "1102", 6_000_00, "พอช. สมทบ"),
             CashLine(date(2025, 10, 2), 2, "1101", -1_200_00, "จ่ายนอนโรงพยาบาล")]
    book = cash_book(START, END, {"1101": 10_000_00}, lines)
    assert [r.entry_number for r in book.rows] == [2, 3, 4]
    assert [r.balance for r in book.rows] == [8_800_00, 15_000_00, 21_000_00]
    assert (book.opening, book.received, book.paid, book.closing) == (10_000_00, 12_200_00, 1_200_00, 21_000_00)
    assert book.closing_by_account == (("1101", 15_000_00), ("1102", 6_000_00))
    ledger = LedgerFigures(START, END, {"1101": T.ASSET, "1102": T.ASSET}, {"1101": 15_000_00, "1102": 6_000_00},
                           {"1101": 5_000_00, "1102": 6_000_00})
    assert check_against_ledger(book, ledger) == []
    with pytest.raises(DomainError) as err:
        cash_book(START, END, {}, [CashLine(END + timedelta(1), 9, "1101", 100)])
    assert err.value.code == "invalid.cash_line"


@given(st.integers(-10**9, 10**9), st.lists(st.integers(-10**8, 10**8).filter(bool), max_size=40))
def test_the_running_balance_ends_at_the_closing_balance(opening, amounts):
    lines = [CashLine(START + timedelta(days=i % 365), i, "1101" if i % 3 else "1102", a)
             for i, a in enumerate(amounts)]
    book = cash_book(START, END, {"1101": opening}, lines)
    assert (book.rows[-1].balance if book.rows else book.opening) == book.closing == opening + sum(amounts)
    assert sum(b for _, b in book.closing_by_account) == book.closing
    assert all(r.received >= 0 and r.paid >= 0 and (r.received == 0 or r.paid == 0) for r in book.rows)


@given(st.lists(st.integers(0, 10**12), min_size=1, max_size=12).filter(lambda xs: sum(xs) > 0))
def test_shares_sum_to_exactly_100_percent(amounts):
    parts = shares(amounts)
    assert sum(parts) == 10_000
    total = sum(amounts)
    for a, p in zip(amounts, parts, strict=True):
        assert abs(p - a * 10_000 / total) < 1  # each within one basis point of its exact share
        assert a != 0 or p == 0


def test_shares_when_there_is_nothing_to_share():
    assert shares([0, 0]) is None and shares([5, -1]) is None
    assert shares([65, 3, 24, 5]) == (6701, 309, 2474, 516)
    assert percent_text(6701) == "67.01" and percent_text(None) == "—" and percent_text(5) == "0.05"


def test_year_bounds_for_fiscal_calendar_and_own_years():
    assert year_bounds(FISCAL, 2569) == (START, END)
    assert year_bounds(CALENDAR, 2569) == (date(2026, 1, 1), date(2026, 12, 31))
    assert year_bounds(AccountingYear(4, 1), 2569) == (date(2025, 4, 1), date(2026, 3, 31))
    with pytest.raises(DomainError):
        year_bounds(FISCAL, 2026)


def test_member_statement_counts_valid_receipts_and_marks_voids():
    plan = Plan(effective_from=date(2024, 1, 1))
    joined = date(2025, 10, 1)
    receipts = [
        ReceiptRow("2569/000001", date(2025, 10, 1), 90_00, 20_00, 3, joined, date(2025, 12, 29)),
        ReceiptRow("2569/000002", date(2025, 11, 1), 30_00, 0, 1, date(2025, 12, 30), date(2026, 1, 28), True,
                   "พิมพ์ผิด"),
        ReceiptRow("2569/000003", date(2026, 2, 1), 30_00, 0, 1, date(2025, 12, 30), date(2026, 1, 28)),
        ReceiptRow("2570/000001", date(2026, 10, 1), 30_00, 0, 1, date(2026, 1, 29), date(2026, 2, 27)),
    ]
    benefits = [BenefitRow(4, "hospital", date(2026, 1, 5), date(2026, 1, 10), 400_00),
                BenefitRow(9, "wreath", date(2026, 3, 5), date(2026, 3, 6), 500_00, "พวงหรีด", "Wreath")]
    on = date(2026, 3, 31)
    member = MemberInfo("0007", "นางมาลี ใจดี", joined, "active", joined)
    s = member_statement(member, on, standing(plan, joined, [120], on), receipts, benefits)
    assert [r.number for r in s.receipts] == ["2569/000001", "2569/000002", "2569/000003"]
    assert (s.contributions, s.entry_fees, s.paid, s.voided) == (120_00, 20_00, 140_00, 30_00)
    assert s.standing.paid_up_to == date(2026, 1, 28)
    assert s.benefits_received == 900_00
    assert [(b.kind, b.label_th) for b in s.benefits] == [("hospital", "นอนโรงพยาบาล"), ("wreath", "พวงหรีด")]


def test_age_groups_and_status_at_the_years_end():
    assert age_group(date(2008, 10, 1), END) is AgeGroup.CHILD  # 17 on 30 Sep 2026
    assert age_group(date(2008, 9, 30), END) is AgeGroup.WORKING  # 18 that day
    assert age_group(date(1966, 9, 30), END) is AgeGroup.ELDERLY
    assert age_group(None, END) is AgeGroup.UNKNOWN
    m = MemberRecord(1, date(2020, 1, 1), None, ((date(2020, 1, 1), "active"), (date(2026, 3, 1), "lapsed"),
                                                 (date(2026, 10, 2), "active")))
    assert status_at(m, END) == "lapsed" and status_at(m, date(2026, 10, 2)) == "active"
    assert status_at(m, date(2019, 12, 31)) is None


def test_codi_report_of_a_year():
    members = [
        MemberRecord(1, date(2020, 1, 1), date(2010, 1, 1)),  # child
        MemberRecord(2, date(2020, 1, 1), date(1980, 1, 1)),  # working
        MemberRecord(3, date(2025, 11, 1), date(1950, 1, 1)),  # elderly, new this year
        MemberRecord(4, date(2020, 1, 1), None),  # no birth date
        MemberRecord(5, date(2020, 1, 1), date(1940, 1, 1), ((date(2026, 5, 1), "deceased"),)),
        MemberRecord(6, date(2020, 1, 1), date(1990, 1, 1), ((date(2026, 2, 1), "lapsed"),)),
        MemberRecord(7, date(2026, 10, 5), date(1990, 1, 1)),  # joined after the year
    ]
    claims = [PaidClaim(1, 5, "death", date(2026, 5, 3), 5_000_00),
              PaidClaim(2, 2, "hospital", date(2026, 1, 3), 600_00),
              PaidClaim(3, 2, "hospital", date(2026, 2, 3), 600_00),
              PaidClaim(4, 1, "childbirth", date(2024, 2, 3), 1_000_00),  # an earlier year
              PaidClaim(5, 3, "hospital", date(2026, 10, 3), 200_00)]  # after the year
    t = totals(BEFORE, DURING, CLOSE)
    r = codi_report(2569, START, END, t, members, claims)
    assert (r.members.children, r.members.working_age, r.members.elderly, r.members.age_not_recorded) == (1, 1, 1, 1)
    assert r.members.total == 4 and r.members.disadvantaged is None
    assert (r.movement.joined, r.movement.deceased, r.movement.lapsed, r.movement.lapsed_at_end) == (1, 1, 1, 1)
    assert [(s.source, s.amount, s.percent) for s in r.money_in] == [
        (Source.MEMBERS, 6_200_00, "38.75"), (Source.LOCAL_GOVERNMENT, 3_000_00, "18.75"),
        (Source.CODI, 6_000_00, "37.50"), (Source.OTHER, 800_00, "5.00")]
    assert [(b.kind, b.claims, b.people, b.amount) for b in r.benefits] == [("death", 1, 1, 5_000_00),
                                                                            ("hospital", 2, 1, 1_200_00)]
    assert r.benefits[0].label_th == "เสียชีวิต"
    assert (r.people_helped_in_year, r.people_ever_helped) == (2, 3)
    assert r.total_money_in == 16_000_00 and r.benefits_paid == 6_200_00
    assert r.fund_balance == 10_000_00 + SURPLUS
    assert check_against_ledger(r, figures(t)) == []
    assert [m.what for m in check_against_ledger(r, figures(t, claim_payments=0))] == ["benefits paid"]
