"""Year-end allocation of a savings group's net profit (การจัดสรรกำไรสุทธิประจำปี). Pure: no Django.

The group's rule gives each bucket a percentage of the net profit: reserve (ทุนสำรอง, with a minimum),
dividend on shares (เงินปันผลตามหุ้น, capped at a maximum rate a year), patronage refund (เงินเฉลี่ยคืน, in
proportion to the loan interest each member paid), committee remuneration (ค่าตอบแทนกรรมการ), welfare,
public benefit, education and others. Every split is a largest-remainder split: it sums exactly to what is
split, so not one satang is lost in rounding. Every result carries its explanation in Thai and English.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction

from kongthun.errors import DomainError
from kongthun.money import Satang, format_baht

HUNDRED = Decimal(100)


class Bucket(StrEnum):
    RESERVE = "reserve"  # ทุนสำรอง
    DIVIDEND = "dividend"  # เงินปันผลตามหุ้น
    PATRONAGE = "patronage"  # เงินเฉลี่ยคืนตามดอกเบี้ยเงินกู้
    COMMITTEE = "committee"  # ค่าตอบแทนกรรมการ
    WELFARE = "welfare"  # กองทุนสวัสดิการสมาชิก
    PUBLIC_BENEFIT = "public_benefit"  # กองทุนสาธารณประโยชน์
    EDUCATION = "education"  # กองทุนการศึกษา
    OTHER = "other"  # อื่น ๆ


BUCKET_LABELS = {
    Bucket.RESERVE: ("ทุนสำรอง", "Reserve"),
    Bucket.DIVIDEND: ("เงินปันผลตามหุ้น", "Dividend on shares"),
    Bucket.PATRONAGE: ("เงินเฉลี่ยคืน", "Patronage refund"),
    Bucket.COMMITTEE: ("ค่าตอบแทนกรรมการ", "Committee remuneration"),
    Bucket.WELFARE: ("กองทุนสวัสดิการสมาชิก", "Members' welfare fund"),
    Bucket.PUBLIC_BENEFIT: ("กองทุนสาธารณประโยชน์", "Public-benefit fund"),
    Bucket.EDUCATION: ("กองทุนการศึกษา", "Education fund"),
    Bucket.OTHER: ("จัดสรรอื่น ๆ", "Other appropriations"),
}

# Where each bucket is credited when the allocation is posted (the debit is retained surplus 3901).
BUCKET_ACCOUNTS = {
    Bucket.RESERVE: "3301",
    Bucket.DIVIDEND: "2102",
    Bucket.PATRONAGE: "2103",
    Bucket.COMMITTEE: "2104",
    Bucket.WELFARE: "3302",
    Bucket.PUBLIC_BENEFIT: "3303",
    Bucket.EDUCATION: "3304",
    Bucket.OTHER: "3309",
}


class DividendBasis(StrEnum):
    AVERAGE_MONTHLY = "average_monthly"  # ถัวเฉลี่ยรายเดือน: the mean of the twelve month-end share balances
    YEAR_END = "year_end"  # ยอดหุ้น ณ วันสิ้นปี


@dataclass(frozen=True)
class Explanation:
    th: str
    en: str

    def text(self, language: str = "th") -> str:
        return self.en if language.startswith("en") else self.th


def _refuse(code: str, th: str, en: str, where: str) -> DomainError:
    return DomainError(code, th, en, where)


def largest_remainder(total: Satang, weights: Sequence[int | Decimal | Fraction]) -> list[Satang]:
    """Split `total` satang in proportion to `weights` (วิธีเศษเหลือมากที่สุด): each part gets the whole satang
    of its exact share, and the satang left over go one each to the largest remainders (ties to the earlier
    part). The parts sum exactly to `total` and none is negative."""
    if total < 0:
        raise _refuse("invalid.split_negative", "จำนวนที่จะแบ่งติดลบ", "The amount to split is negative", "total")
    exact = [Fraction(w) if not isinstance(w, Decimal) else Fraction(w) for w in weights]
    if any(w < 0 for w in exact):
        raise _refuse("invalid.split_weight", "สัดส่วนการแบ่งต้องไม่ติดลบ", "A split weight is negative", "weights")
    whole = sum(exact, Fraction(0))
    if total == 0:
        return [0] * len(exact)
    if whole == 0:
        raise _refuse("invalid.split_no_weight", "ไม่มีผู้ใดมีส่วนในการแบ่ง", "No one has a share in the split",
                      "weights")
    quotas = [total * w / whole for w in exact]
    parts = [q.numerator // q.denominator for q in quotas]
    left = total - sum(parts)
    order = sorted(range(len(quotas)), key=lambda i: (-(quotas[i] - parts[i]), i))
    for i in order[:left]:
        parts[i] += 1
    return parts


@dataclass(frozen=True)
class ProfitRule:
    """A group's rule for dividing the year's net profit (ระเบียบการจัดสรรกำไรสุทธิ). Percentages of the net
    profit per bucket sum to exactly 100; the reserve takes at least `reserve_min_percent`; the dividend pays
    at most `max_dividend_rate` percent a year of the shares it is paid on, the excess going to `excess_to`."""

    percents: Mapping[Bucket, Decimal]
    reserve_min_percent: Decimal = Decimal(10)
    max_dividend_rate: Decimal = Decimal(10)
    dividend_basis: DividendBasis = DividendBasis.AVERAGE_MONTHLY
    excess_to: Bucket = Bucket.RESERVE

    def percent(self, bucket: Bucket) -> Decimal:
        return Decimal(self.percents.get(bucket, 0))


def rule_check(rule: ProfitRule) -> None:
    """Refuse a rule that does not divide exactly 100% of the profit, or breaks its own limits."""
    for bucket, pct in rule.percents.items():
        label_th, label_en = BUCKET_LABELS[Bucket(bucket)]
        if Decimal(pct) < 0:
            raise _refuse("invalid.allocation_negative", f"สัดส่วน{label_th}ติดลบ ({pct}%)",
                          f"The {label_en} share is negative ({pct}%)", str(bucket))
    total = sum((Decimal(p) for p in rule.percents.values()), Decimal(0))
    if total > HUNDRED:
        raise _refuse("invalid.allocation_over_100",
                      f"สัดส่วนการจัดสรรรวม {total}% เกิน 100% ของกำไรสุทธิ ต้องรวมเท่ากับ 100% พอดี",
                      f"The allocation shares add up to {total}%, more than 100% of the net profit; "
                      "they must add up to exactly 100%", "percents")
    if total < HUNDRED:
        raise _refuse("invalid.allocation_under_100",
                      f"สัดส่วนการจัดสรรรวม {total}% ไม่ถึง 100% ของกำไรสุทธิ ต้องรวมเท่ากับ 100% พอดี",
                      f"The allocation shares add up to {total}%, less than 100% of the net profit; "
                      "they must add up to exactly 100%", "percents")
    if rule.reserve_min_percent < 0 or rule.reserve_min_percent > HUNDRED:
        raise _refuse("invalid.reserve_minimum", "ทุนสำรองขั้นต่ำต้องอยู่ระหว่าง 0 ถึง 100%",
                      "The reserve minimum must be between 0 and 100%", "reserve_min_percent")
    if rule.percent(Bucket.RESERVE) < rule.reserve_min_percent:
        raise _refuse("invalid.reserve_below_minimum",
                      f"ทุนสำรอง {rule.percent(Bucket.RESERVE)}% ต่ำกว่าขั้นต่ำ {rule.reserve_min_percent}%",
                      f"The reserve share {rule.percent(Bucket.RESERVE)}% is below the minimum "
                      f"{rule.reserve_min_percent}%", "reserve")
    if rule.max_dividend_rate < 0 or rule.max_dividend_rate > HUNDRED:
        raise _refuse("invalid.dividend_rate", "อัตราเงินปันผลสูงสุดต้องอยู่ระหว่าง 0 ถึง 100% ต่อปี",
                      "The maximum dividend rate must be between 0 and 100% a year", "max_dividend_rate")
    if rule.excess_to in (Bucket.DIVIDEND, Bucket.PATRONAGE):
        raise _refuse("invalid.excess_bucket", "ส่วนเกินเงินปันผลต้องโอนไปทุนสำรองหรือกองทุนอื่น",
                      "The dividend excess must go to the reserve or another fund, not to members", "excess_to")


# --- what each member holds ---------------------------------------------------------------------------


def month_ends(start: date, end: date) -> list[date]:
    """The last day of each month of the year [start, end] (the year's end if it falls mid-month)."""
    out: list[date] = []
    d = start
    while d <= end:
        nxt = date(d.year + (d.month == 12), d.month % 12 + 1, 1)
        out.append(min(nxt - timedelta(days=1), end))
        d = nxt
    return out


def share_basis(opening: Satang, movements: Sequence[tuple[date, Satang]], start: date, end: date,
                basis: DividendBasis) -> Fraction:
    """Shares a member's dividend is paid on: the year-end balance, or the average of the month-end balances
    (ถัวเฉลี่ยรายเดือน: a share bought in March earns from March's end)."""
    if basis == DividendBasis.YEAR_END:
        return Fraction(opening + sum(a for on, a in movements if on <= end))
    ends = month_ends(start, end)
    total = sum(opening + sum(a for on, a in movements if on <= m) for m in ends)
    return Fraction(total, len(ends))


@dataclass(frozen=True)
class MemberYear:
    """One member's year as the allocation sees it: the shares their dividend is paid on and the loan
    interest they paid."""

    membership_id: int
    shares: Fraction
    interest_paid: Satang


@dataclass(frozen=True)
class MemberLine:
    membership_id: int
    shares: Fraction
    interest_paid: Satang
    dividend: Satang
    patronage: Satang

    @property
    def total(self) -> Satang:
        return self.dividend + self.patronage


@dataclass(frozen=True)
class BucketLine:
    bucket: Bucket
    percent: Decimal
    amount: Satang
    explanation: tuple[Explanation, ...] = ()

    @property
    def account(self) -> str:
        return BUCKET_ACCOUNTS[self.bucket]


@dataclass(frozen=True)
class YearEndSplit:
    net_profit: Satang
    buckets: tuple[BucketLine, ...]
    members: tuple[MemberLine, ...]
    dividend_rate: Decimal  # the rate actually paid, percent a year of the shares, 2 decimals
    explanation: tuple[Explanation, ...] = field(default=())

    def amount(self, bucket: Bucket) -> Satang:
        return sum(b.amount for b in self.buckets if b.bucket == bucket)

    @property
    def total(self) -> Satang:
        return sum(b.amount for b in self.buckets)


# --- the allocation -------------------------------------------------------------------------------------


def _pct_text(p: Decimal | Fraction) -> str:
    return f"{Decimal(p.numerator) / Decimal(p.denominator) if isinstance(p, Fraction) else p:.2f}"


def allocate(net_profit: Satang, rule: ProfitRule, members: Sequence[MemberYear]) -> YearEndSplit:
    """Divide the year's net profit by the rule (จัดสรรกำไรสุทธิ), then the dividend bucket over the members'
    shares and the patronage bucket over the interest they paid. The buckets sum exactly to the net profit,
    the member lines exactly to the dividend and patronage buckets."""
    rule_check(rule)
    if net_profit <= 0:
        raise _refuse("conflict.no_profit", f"ปีนี้ไม่มีกำไรสุทธิให้จัดสรร ({format_baht(net_profit)})",
                      f"There is no net profit to allocate this year ({format_baht(net_profit, unit='baht')})",
                      "net_profit")
    order = list(Bucket)
    amounts = dict(zip(order, largest_remainder(net_profit, [rule.percent(b) for b in order]), strict=True))
    notes: dict[Bucket, list[Explanation]] = {b: [Explanation(
        f"{_pct_text(rule.percent(b))}% ของกำไรสุทธิ {format_baht(net_profit)} = {format_baht(amounts[b])}",
        f"{_pct_text(rule.percent(b))}% of the net profit {format_baht(net_profit, unit='baht')} = "
        f"{format_baht(amounts[b], unit='baht')}")] for b in order}
    shares = sum((m.shares for m in members), Fraction(0))
    interest = sum(m.interest_paid for m in members)
    cap = int(shares * Fraction(rule.max_dividend_rate) / 100)
    if amounts[Bucket.DIVIDEND] > cap:
        _move(amounts, notes, Bucket.DIVIDEND, rule.excess_to, amounts[Bucket.DIVIDEND] - cap, Explanation(
            f"เงินปันผลจ่ายได้ไม่เกิน {_pct_text(rule.max_dividend_rate)}% ต่อปีของหุ้น "
            f"{format_baht(round(shares))} = {format_baht(cap)}",
            f"The dividend may pay at most {_pct_text(rule.max_dividend_rate)}% a year of the shares "
            f"{format_baht(round(shares), unit='baht')} = {format_baht(cap, unit='baht')}"))
    if interest == 0 and amounts[Bucket.PATRONAGE]:
        _move(amounts, notes, Bucket.PATRONAGE, rule.excess_to, amounts[Bucket.PATRONAGE], Explanation(
            "ปีนี้ไม่มีสมาชิกชำระดอกเบี้ยเงินกู้ จึงไม่มีเงินเฉลี่ยคืน",
            "No member paid loan interest this year, so there is no patronage refund"))
    dividends = largest_remainder(amounts[Bucket.DIVIDEND], [m.shares for m in members])
    refunds = largest_remainder(amounts[Bucket.PATRONAGE], [m.interest_paid for m in members])
    lines = tuple(MemberLine(m.membership_id, m.shares, m.interest_paid, d, r)
                  for m, d, r in zip(members, dividends, refunds, strict=True))
    rate = (Decimal(amounts[Bucket.DIVIDEND]) * HUNDRED / Decimal(shares.numerator) * Decimal(shares.denominator)
            ).quantize(Decimal("0.01")) if shares else Decimal(0)
    patronage_rate = (Decimal(amounts[Bucket.PATRONAGE]) * HUNDRED / Decimal(interest)).quantize(Decimal("0.01")) \
        if interest else Decimal(0)
    buckets = tuple(BucketLine(b, rule.percent(b), amounts[b], tuple(notes[b])) for b in order)
    summary = (
        Explanation(f"กำไรสุทธิ {format_baht(net_profit)} จัดสรรครบทุกสตางค์: รวม {format_baht(net_profit)}",
                    f"Net profit {format_baht(net_profit, unit='baht')} allocated to the last satang"),
        Explanation(f"เงินปันผลอัตรา {rate}% ต่อปี ของหุ้น{_basis_th(rule.dividend_basis)} "
                    f"{format_baht(round(shares))}",
                    f"Dividend at {rate}% a year on shares ({rule.dividend_basis.value.replace('_', ' ')}) "
                    f"of {format_baht(round(shares), unit='baht')}"),
        Explanation(f"เงินเฉลี่ยคืน {patronage_rate} บาท ต่อดอกเบี้ยที่ชำระ 100 บาท "
                    f"(ดอกเบี้ยรวม {format_baht(interest)})",
                    f"Patronage refund {patronage_rate} baht per 100 baht of loan interest paid "
                    f"(interest {format_baht(interest, unit='baht')})"),
    )
    return YearEndSplit(net_profit, buckets, lines, rate, summary)


def _basis_th(basis: DividendBasis) -> str:
    return "ถัวเฉลี่ยรายเดือน" if basis == DividendBasis.AVERAGE_MONTHLY else " ณ วันสิ้นปี"


def _move(amounts: dict[Bucket, Satang], notes: dict[Bucket, list[Explanation]], src: Bucket, dst: Bucket,
          amount: Satang, why: Explanation) -> None:
    src_th, src_en = BUCKET_LABELS[src]
    dst_th, dst_en = BUCKET_LABELS[dst]
    amounts[src] -= amount
    amounts[dst] += amount
    notes[src] += [why, Explanation(f"ส่วนเกิน {format_baht(amount)} โอนไป{dst_th}",
                                    f"The excess {format_baht(amount, unit='baht')} goes to the {dst_en.lower()}")]
    notes[dst].append(Explanation(f"รับส่วนเกินจาก{src_th} {format_baht(amount)}",
                                  f"Receives {format_baht(amount, unit='baht')} not paid as {src_en.lower()}"))
