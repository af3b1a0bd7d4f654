"""Year-end allocation of a savings group (การจัดสรรกำไรสุทธิ): rule, preview, post once, pay members."""

from __future__ import annotations

from datetime import date

from kongthun.integrity import run_checks
from kongthun.savings.accounts.selectors import savings_balance
from kongthun.savings.yearend import selectors
from kongthun.savings.yearend.actions import yearend_allocate, yearend_pay_members, yearend_rule_set
from kongthun.savings.yearend.models import MemberDividend, ProfitRule, YearEndAllocation
from tests.integration.yearend_support import *  # noqa: F403  (the fixtures)
from tests.integration.yearend_support import PERCENTS, balance


def test_rule_refusals_leave_nothing(group, officers, unchanged):
    t, c = officers
    with unchanged("invalid.allocation_over_100") as e:
        yearend_rule_set(organization=group, percents={**PERCENTS, "welfare": "10"}, effective_from=date(2025, 1, 1),
                         actor=c)
    assert "110" in e.value.message_th and "110" in e.value.message_en
    with unchanged() as e:
        yearend_rule_set(organization=group, percents=PERCENTS, effective_from=date(2025, 1, 1), actor=t)
    assert e.value.code.startswith("forbidden")
    with unchanged("invalid.reserve_below_minimum"):
        yearend_rule_set(organization=group, percents={"reserve": "5", "dividend": "95"},
                         effective_from=date(2025, 1, 1), actor=c)
    with unchanged("invalid.choice"):
        yearend_rule_set(organization=group, percents={"reserve": "50", "bonus": "50"},
                         effective_from=date(2025, 1, 1), actor=c)
    assert not ProfitRule.objects.exists()


def test_allocate_posts_once_and_pays_members_into_savings(group, officers, year_2568, unchanged):
    t, c = officers
    m1, m2, m3 = year_2568["m"]
    surplus = year_2568["closed"].surplus
    assert surplus > 0
    with unchanged("conflict.no_profit_rule"):  # no rule yet: refused, nothing written
        yearend_allocate(organization=group, year_name=2568, on=date(2026, 1, 15), actor=c)
    yearend_rule_set(organization=group, percents=PERCENTS, effective_from=date(2025, 1, 1), actor=c,
                     max_dividend_rate="6")
    preview = selectors.yearend_preview(scope=c.scope, organization=group, year_name=2568)
    assert preview.refusal is None and preview.split.net_profit == surplus
    with unchanged():  # the treasurer is not the committee
        yearend_allocate(organization=group, year_name=2568, on=date(2026, 1, 15), actor=t)
    with unchanged("invalid.allocation_date"):  # inside the closed year
        yearend_allocate(organization=group, year_name=2568, on=date(2025, 12, 31), actor=c)
    alloc = yearend_allocate(organization=group, year_name=2568, on=date(2026, 1, 15), actor=c)
    assert yearend_allocate(organization=group, year_name=2568, on=date(2026, 1, 15), actor=c) == alloc
    assert YearEndAllocation.objects.count() == 1
    assert sum(b["amount"] for b in alloc.buckets) == surplus
    assert balance(group, "3901") == 0  # the closed surplus, allocated in full
    lines = {x.membership_id: x for x in MemberDividend.objects.filter(allocation=alloc)}
    # m1 held 12,000 baht all year, m2 from July: 6 month-ends of 12; dividend capped at 6% a year.
    assert lines[m1.pk].shares == 1_200_000 and lines[m2.pk].shares == 600_000
    dividend = alloc.amount("dividend")
    assert dividend <= 1_800_000 * 6 // 100 and lines[m1.pk].dividend + lines[m2.pk].dividend == dividend
    assert abs(lines[m1.pk].dividend - 2 * lines[m2.pk].dividend) <= 2
    # Patronage refund: only m3 paid loan interest (100 baht on the first instalment).
    assert lines[m3.pk].interest_paid == 10_000 and lines[m3.pk].patronage == alloc.amount("patronage")
    assert balance(group, "2102") == -dividend and balance(group, "2103") == -alloc.amount("patronage")
    assert balance(group, "3301") == -alloc.amount("reserve")
    before = savings_balance(m1.pk, date(2026, 2, 1))
    paid = yearend_pay_members(organization=group, year_name=2568, on=date(2026, 1, 20), actor=t)
    assert {x.membership_id for x in paid} == {m1.pk, m2.pk, m3.pk}
    assert savings_balance(m1.pk, date(2026, 2, 1)) == before + lines[m1.pk].dividend
    assert savings_balance(m3.pk, date(2026, 2, 1)) == lines[m3.pk].patronage
    assert balance(group, "2102") == 0 and balance(group, "2103") == 0
    assert yearend_pay_members(organization=group, year_name=2568, on=date(2026, 1, 21), actor=t) == []
    assert run_checks() == []


def test_allocate_refused_before_the_year_is_closed(group, officers, unchanged):
    t, c = officers
    yearend_rule_set(organization=group, percents=PERCENTS, effective_from=date(2025, 1, 1), actor=c)
    with unchanged("conflict.year_not_closed"):
        yearend_allocate(organization=group, year_name=2568, on=date(2026, 1, 15), actor=c)


def test_a_member_who_left_is_paid_in_cash(group, officers, year_2568):
    from kongthun.people.actions import membership_status_change

    t, c = officers
    m1, m2, m3 = year_2568["m"]
    yearend_rule_set(organization=group, percents=PERCENTS, effective_from=date(2025, 1, 1), actor=c)
    alloc = yearend_allocate(organization=group, year_name=2568, on=date(2026, 1, 15), actor=c)
    membership_status_change(membership=m2, status="resigned", on=date(2026, 1, 16), actor=t, why="ย้ายถิ่น")
    cash = balance(group, "1101")
    paid = {x.membership_id: x for x in yearend_pay_members(organization=group, year_name=2568,
                                                             on=date(2026, 1, 20), actor=t)}
    assert paid[m2.pk].paid_how == "cash" and paid[m1.pk].paid_how == "savings"
    assert balance(group, "1101") == cash - paid[m2.pk].total
    assert savings_balance(m2.pk, date(2026, 2, 1)) == 0
    assert balance(group, "2102") == 0 and balance(group, "2103") == 0
    assert MemberDividend.objects.filter(allocation=alloc, paid_on=date(2026, 1, 20)).count() == 3
    assert run_checks() == []
