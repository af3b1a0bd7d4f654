"""A welfare fund's year, fiscal 2568 (1 Oct 2024 - 30 Sep 2025), as its treasurer lives it.

The fund opens with 10,000 baht in the bank. Ten members join on the first day and pay the
20-baht entry fee; two more join in January. Everyone pays 30 baht a month (1 baht a day).
The local government gives 5,000 baht in December; CODI matches the members' contributions
1:1 twice a year. A member dies in March and the fund pays a 3,000-baht death benefit from the
bank. Cash goes to the bank twice, the bank pays 12.34 baht interest, the committee spends
150 baht on administration. In May a month is posted twice by mistake and reversed. On
30 September the committee closes the year.
"""

from __future__ import annotations

from datetime import date

import pytest

from kongthun.clock import format_be
from kongthun.errors import DomainError
from kongthun.integrity import run_checks
from kongthun.ledger.actions import entry_post, entry_reverse, period_lock
from kongthun.ledger.domain import AccountType, credit, debit
from kongthun.ledger.models import Account, JournalEntry
from kongthun.money import baht_words, format_baht
from kongthun.people.actions import membership_create, membership_status_change, person_create
from kongthun.people.domain import national_id_check_digit
from kongthun.people.models import Membership, MembershipStatus

MONTHLY = 3000  # 30 baht, in satang
ENTRY_FEE = 2000
MONTHS = [date(2024, m, 5) for m in (10, 11, 12)] + [date(2025, m, 5) for m in range(1, 10)]


def enrol(org, actor, n: int, joined: date) -> Membership:
    base = f"1{org.pk:04d}{n:07d}"
    person = person_create(organization=org, first_name_th=f"สมาชิก{n}", last_name_th="บ้านเรา", sex="F",
                           actor=actor, business_date=joined, national_id=base + str(national_id_check_digit(base)),
                           birth_date=date(1950 + n, 1, 1), tambon_code=org.tambon_id)
    return membership_create(organization=org, person=person, joined_on=joined, actor=actor)


def paying_members(org, day: date) -> int:
    """Members who owe the month: joined by then and not dead before it."""
    return sum(
        1 for m in Membership.objects.filter(organization=org, joined_on__lte=day)
        if not (m.status == MembershipStatus.DECEASED and m.status_on <= day)
    )


@pytest.mark.django_db
def test_a_welfare_fund_year(fund_a, actor_a, committee_a):
    fund, t = fund_a, actor_a
    year = fund.accounting_year

    def post(day, memo, *lines):
        assert year.name_of(day) == 2568, "every entry of the scenario falls in fiscal 2568"
        return entry_post(organization=fund, date=day, memo=memo, lines=list(lines), actor=t)

    # 1 Oct 2024: the books open with the fund carried over from before (ทุนยกมา).
    post(date(2024, 10, 1), "ทุนยกมา", debit("1102", 1_000_000), credit("3101", 1_000_000))

    # Ten founding members, then two more in January; each pays the entry fee in cash.
    members = [enrol(fund, t, n, date(2024, 10, 1)) for n in range(1, 11)]
    post(date(2024, 10, 1), "ค่าสมัครสมาชิก 10 คน", debit("1101", 10 * ENTRY_FEE), credit("4102", 10 * ENTRY_FEE))
    members += [enrol(fund, t, n, date(2025, 1, 2)) for n in (11, 12)]
    post(date(2025, 1, 2), "ค่าสมัครสมาชิก 2 คน", debit("1101", 2 * ENTRY_FEE), credit("4102", 2 * ENTRY_FEE))
    assert [m.member_no for m in members] == [f"{i:05d}" for i in range(1, 13)]

    # Local government's contribution arrives in the bank in December.
    post(date(2024, 12, 20), "เงินสมทบจาก อบต.", debit("1102", 500_000), credit("4202", 500_000))
    # Cash to the bank at the end of February.
    post(date(2025, 2, 28), "นำเงินสดฝากธนาคาร", debit("1102", 100_000), credit("1101", 100_000))

    # Contributions on the 5th of each month, 30 baht from every paying member. Member 00003 dies
    # on 10 March (after paying March); the benefit is paid on 12 March from the bank.
    contributions = {}
    for day in MONTHS:
        amount = MONTHLY * paying_members(fund, day)
        contributions[day.month] = amount
        post(day, f"เงินออมบุญ {format_be(day)}", debit("1101", amount), credit("4101", amount))
        if day.month == 3:
            members[2] = membership_status_change(membership=members[2], status="deceased", on=date(2025, 3, 10),
                                                  actor=t, why="ถึงแก่กรรม")
            post(date(2025, 3, 12), "สวัสดิการเสียชีวิต สมาชิก 00003", debit("5103", 300_000), credit("1102", 300_000))
        if day.month == 5:  # the treasurer posts May twice, notices, and reverses the copy
            twice = post(day, f"เงินออมบุญ {format_be(day)}", debit("1101", amount), credit("4101", amount))
            entry_reverse(entry=twice, date=date(2025, 5, 6), actor=t, why="บันทึกซ้ำ")
    assert [contributions[m] for m in (10, 11, 12, 1, 2, 3, 4, 5, 6, 7, 8, 9)] == (
        [30_000] * 3 + [36_000] * 3 + [33_000] * 6)  # 10, then 12, then 11 members after the death

    # CODI matches the members' contributions 1:1 for each half-year, into the bank.
    first_half = sum(contributions[m] for m in (10, 11, 12, 1, 2, 3))
    second_half = sum(contributions[m] for m in (4, 5, 6, 7, 8, 9))
    assert (first_half, second_half) == (198_000, 198_000)
    post(date(2025, 4, 15), "เงินสมทบ พอช. ครึ่งปีแรก", debit("1102", first_half), credit("4201", first_half))
    post(date(2025, 6, 30), "ดอกเบี้ยเงินฝาก", debit("1102", 1_234), credit("4901", 1_234))
    post(date(2025, 6, 30), "ค่าถ่ายเอกสาร", debit("5901", 15_000), credit("1101", 15_000))
    post(date(2025, 9, 20), "เงินสมทบ พอช. ครึ่งปีหลัง", debit("1102", second_half), credit("4201", second_half))
    post(date(2025, 9, 30), "นำเงินสดฝากธนาคาร", debit("1102", 200_000), credit("1101", 200_000))

    # Year end: the committee closes fiscal 2568. Nothing more may be posted into it.
    period_lock(organization=fund, through=year.end_of(date(2025, 9, 30)), actor=committee_a, why="ปิดบัญชีปี 2568")
    with pytest.raises(DomainError) as err:
        post(date(2025, 9, 30), "late", debit("1101", 100), credit("4301", 100))
    assert err.value.code == "conflict.period_locked"

    # Every account, in satang (debit-positive), worked out by hand:
    balances = dict(Account.objects.filter(organization=fund).exclude(balance=0).values_list("code", "balance"))
    assert balances == {
        # cash: fees 240 + contributions 3,960 - to bank 1,000 - admin 150 - to bank 2,000
        "1101": 24_000 + 396_000 - 100_000 - 15_000 - 200_000,  # = 1,050.00
        # bank: opening 10,000 + อบต. 5,000 + 1,000 - death 3,000 + CODI 1,980 + 12.34 + CODI 1,980 + 2,000
        "1102": 1_000_000 + 500_000 + 100_000 - 300_000 + 198_000 + 1_234 + 198_000 + 200_000,  # = 18,972.34
        "3101": -1_000_000,
        "4101": -396_000,
        "4102": -24_000,
        "4201": -396_000,
        "4202": -500_000,
        "4901": -1_234,
        "5103": 300_000,
        "5901": 15_000,
    }
    assert format_baht(balances["1102"]) == "18,972.34 บาท"
    assert baht_words(balances["1101"]) == "หนึ่งพันห้าสิบบาทถ้วน"

    # The accounting equation: assets = liabilities + equity + income - expenses,
    # the same as every debit-positive balance summing to zero.
    by_type: dict[str, int] = dict.fromkeys(AccountType, 0)
    for acc in Account.objects.filter(organization=fund):
        by_type[AccountType(acc.type)] += acc.natural_balance
    assert by_type[AccountType.ASSET] == 2_002_234
    assert by_type[AccountType.ASSET] == (by_type[AccountType.LIABILITY] + by_type[AccountType.EQUITY]
                                          + by_type[AccountType.INCOME] - by_type[AccountType.EXPENSE])
    assert by_type[AccountType.INCOME] - by_type[AccountType.EXPENSE] == 1_317_234 - 315_000  # the year's surplus
    assert sum(Account.objects.filter(organization=fund).values_list("balance", flat=True)) == 0

    # 12 contribution months, the May copy and its reversal, and 11 other entries, numbered without gaps.
    numbers = list(JournalEntry.objects.filter(organization=fund).values_list("number", flat=True))
    assert numbers == list(range(1, 12 + 2 + 11 + 1))
    assert paying_members(fund, date(2025, 10, 5)) == 11
    assert run_checks() == []
