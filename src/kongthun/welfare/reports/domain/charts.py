"""Charts (แผนภูมิ) of figures the reports already compute: each is one series of labelled values with a
caption, shown as a picture and, beside it, as a table of the same numbers. Pure: no Django.

The figures come from the report records (CodiReport, PortfolioRisk) and from the financial position;
only the month-by-month split of benefits and of the fund balance is new, and each reads the same rows
through the same functions (benefits_by_kind, financial_position)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from kongthun.clock import EN_MONTHS_SHORT, THAI_MONTHS_SHORT, be_year
from kongthun.money import Satang
from kongthun.welfare.reports.domain.codi import (
    BenefitKindLine,
    MembersByGroup,
    PaidClaim,
    SourceLine,
    benefits_by_kind,
)
from kongthun.welfare.reports.domain.statements import AccountInfo, AccountTotals, financial_position

BAHT = "baht"
PEOPLE = "people"


@dataclass(frozen=True)
class Chart:
    """One chart: `values` are satang when `unit` is baht, else counts."""

    key: str
    kind: str  # Chart.js type: bar, line, doughnut
    unit: str
    caption: str
    label_header: str
    value_header: str
    labels: tuple[str, ...]
    values: tuple[int, ...]

    @property
    def empty(self) -> bool:
        return not any(self.values)


def _t(lang: str, th: str, en: str) -> str:
    return en if lang.startswith("en") else th


def month_label(d: date, lang: str) -> str:
    """'มิ.ย. 68' / 'Jun 68' (BE year, two digits: short enough for a phone's axis)."""
    months = EN_MONTHS_SHORT if lang.startswith("en") else THAI_MONTHS_SHORT
    return f"{months[d.month - 1]} {be_year(d) % 100:02d}"


def _month_start(d: date) -> date:
    return d.replace(day=1)


def _months_back(d: date, n: int) -> date:
    y, m = divmod(d.year * 12 + d.month - 1 - n, 12)
    return date(y, m + 1, 1)


def month_ends(through: date, months: int = 12) -> tuple[date, ...]:
    """The last day of each of the `months - 1` months before `through`'s month, then `through` itself."""
    starts = [_months_back(through, k) for k in range(months - 1, 0, -1)]
    return tuple(_months_back(s, -1) - timedelta(days=1) for s in starts) + (through,)


# --- fund balance over time ---------------------------------------------------------------------------


def fund_balances(ends: Sequence[date], accounts: dict[int, AccountInfo], through_first: dict[int, Satang],
                  later: Iterable[tuple[int, date, Satang]]) -> tuple[Satang, ...]:
    """เงินกองทุน at each date of `ends`: each account's lines up to ends[0], plus its later lines grouped
    by (account, month), read by financial_position as the reports read it."""
    moves: dict[date, dict[int, Satang]] = {}
    for pk, month, amount in later:
        moves.setdefault(_month_start(month), {}).setdefault(pk, 0)
        moves[_month_start(month)][pk] += amount or 0
    running = {pk: through_first.get(pk, 0) or 0 for pk in accounts}
    out = []
    for i, end in enumerate(ends):
        if i:
            for pk, amount in moves.get(_month_start(end), {}).items():
                running[pk] = running.get(pk, 0) + amount
        totals = [AccountTotals(info, before=running.get(pk, 0)) for pk, info in accounts.items()]
        out.append(financial_position(be_year(end), end, totals).total_fund)
    return tuple(out)


def fund_balance_chart(ends: Sequence[date], balances: Sequence[Satang], lang: str) -> Chart:
    return Chart("fund-balance", "line", BAHT,
                 _t(lang, "เงินกองทุน ณ สิ้นเดือน 12 เดือนล่าสุด (บาท)",
                    "Money in the fund at each month's end, last 12 months (baht)"),
                 _t(lang, "เดือน", "Month"), _t(lang, "เงินกองทุน (บาท)", "Fund (baht)"),
                 tuple(month_label(d, lang) for d in ends), tuple(balances))


# --- the CODI report's figures --------------------------------------------------------------------------


def money_in_chart(lines: Sequence[SourceLine], lang: str) -> Chart:
    return Chart("money-in", "doughnut", BAHT,
                 _t(lang, "แหล่งที่มาของเงินกองทุนในปี (บาท)", "Money in by source in the year (baht)"),
                 _t(lang, "แหล่งที่มา", "Source"), _t(lang, "จำนวนเงิน (บาท)", "Amount (baht)"),
                 tuple(_t(lang, s.label_th, s.label_en) for s in lines), tuple(s.amount for s in lines))


def benefits_kind_chart(lines: Sequence[BenefitKindLine], lang: str) -> Chart:
    return Chart("benefits-kind", "bar", BAHT,
                 _t(lang, "สวัสดิการที่จ่ายในปี จำแนกตามประเภท (บาท)", "Benefits paid in the year, by kind (baht)"),
                 _t(lang, "ประเภท", "Kind"), _t(lang, "จำนวนเงิน (บาท)", "Amount (baht)"),
                 tuple(_t(lang, b.label_th, b.label_en) for b in lines), tuple(b.amount for b in lines))


def benefits_by_month(claims: Iterable[PaidClaim], date_from: date, date_to: date) -> tuple[tuple[date, Satang], ...]:
    """Benefits paid in each month of the period (first day of the month, baht paid), through benefits_by_kind."""
    claims = list(claims)
    out = []
    start = _month_start(date_from)
    while start <= date_to:
        end = min(_months_back(start, -1) - timedelta(days=1), date_to)
        out.append((start, sum(b.amount for b in benefits_by_kind(claims, max(start, date_from), end))))
        start = _months_back(start, -1)
    return tuple(out)


def benefits_month_chart(months: Sequence[tuple[date, Satang]], lang: str) -> Chart:
    return Chart("benefits-month", "bar", BAHT,
                 _t(lang, "สวัสดิการที่จ่าย รายเดือน (บาท)", "Benefits paid, month by month (baht)"),
                 _t(lang, "เดือน", "Month"), _t(lang, "จำนวนเงิน (บาท)", "Amount (baht)"),
                 tuple(month_label(d, lang) for d, _ in months), tuple(a for _, a in months))


def age_group_chart(m: MembersByGroup, lang: str) -> Chart:
    return Chart("age-groups", "bar", PEOPLE,
                 _t(lang, "สมาชิกคงอยู่ ณ สิ้นปี จำแนกตามกลุ่มอายุ (คน)",
                    "Active members at the year's end, by age group (people)"),
                 _t(lang, "กลุ่มอายุ", "Age group"), _t(lang, "จำนวน (คน)", "People"),
                 (_t(lang, "เด็กและเยาวชน (ต่ำกว่า 18 ปี)", "Children (under 18)"),
                  _t(lang, "วัยทำงาน (18-59 ปี)", "Working age (18-59)"),
                  _t(lang, "ผู้สูงอายุ (60 ปีขึ้นไป)", "Elderly (60 and over)"),
                  _t(lang, "ไม่ได้บันทึกวันเกิด", "Birth date not recorded")),
                 (m.children, m.working_age, m.elderly, m.age_not_recorded))


def aging_chart(buckets: Sequence, lang: str) -> Chart:
    """Loan principal owed by days overdue (savings.domain.aging buckets)."""
    return Chart("loan-aging", "bar", BAHT,
                 _t(lang, "เงินต้นคงค้าง จำแนกตามอายุหนี้ค้างชำระ (บาท)", "Principal owed by days overdue (baht)"),
                 _t(lang, "อายุหนี้", "Days overdue"), _t(lang, "เงินต้นคงค้าง (บาท)", "Principal owed (baht)"),
                 tuple(_t(lang, b.label_th, b.label_en) for b in buckets), tuple(b.outstanding for b in buckets))
