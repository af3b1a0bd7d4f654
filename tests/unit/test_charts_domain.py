"""The charts' pure core: month ends, benefits month by month, the fund balance at each month's end."""

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from kongthun.ledger.domain import AccountType
from kongthun.welfare.reports.domain import AccountInfo, PaidClaim
from kongthun.welfare.reports.domain.charts import benefits_by_month, fund_balances, month_ends, month_label

CASH = AccountInfo("1101", "เงินสด", "Cash", AccountType.ASSET)
FUND = AccountInfo("3101", "ทุน", "Fund", AccountType.EQUITY)
INCOME = AccountInfo("4101", "เงินสมทบ", "Contributions", AccountType.INCOME)
LOAN = AccountInfo("2101", "เงินกู้ยืม", "Borrowed", AccountType.LIABILITY)


def test_month_ends_finish_on_the_day_asked():
    assert month_ends(date(2025, 3, 15), 4) == (date(2024, 12, 31), date(2025, 1, 31), date(2025, 2, 28),
                                                date(2025, 3, 15))
    assert month_ends(date(2024, 2, 29), 1) == (date(2024, 2, 29),)


def test_month_labels_in_be():
    assert month_label(date(2025, 6, 30), "th") == "มิ.ย. 68"
    assert month_label(date(2025, 6, 30), "en") == "Jun 68"


@given(st.lists(st.tuples(st.dates(date(2024, 10, 1), date(2025, 9, 30)), st.integers(1, 10_000_00)), max_size=30))
def test_benefits_by_month_add_up_to_the_year(paid):
    claims = [PaidClaim(i, i % 3, "hospital", on, amount) for i, (on, amount) in enumerate(paid)]
    months = benefits_by_month(claims, date(2024, 10, 1), date(2025, 9, 30))
    assert [d for d, _ in months][0] == date(2024, 10, 1) and len(months) == 12
    assert sum(a for _, a in months) == sum(a for _, a in paid)
    for start, amount in months:
        assert amount == sum(a for on, a in paid if (on.year, on.month) == (start.year, start.month))


def test_fund_balance_is_assets_less_liabilities_at_each_month_end():
    ends = month_ends(date(2025, 3, 10), 3)  # 31 Jan, 28 Feb, 10 Mar
    accounts = {1: CASH, 2: FUND, 3: INCOME, 4: LOAN}
    first = {1: 1_000_00, 2: -1_000_00}  # opening fund, in debit-positive satang
    later = [(1, date(2025, 2, 1), 500_00), (3, date(2025, 2, 1), -500_00),  # contributions in February
             (1, date(2025, 3, 1), 200_00), (4, date(2025, 3, 1), -200_00)]  # borrowed in March
    assert fund_balances(ends, accounts, first, later) == (1_000_00, 1_500_00, 1_500_00)
