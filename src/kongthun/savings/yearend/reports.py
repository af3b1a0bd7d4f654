"""A savings group's printed reports: the dividend report of a year (รายงานการจัดสรรกำไรและเงินปันผล) and a
member's passbook (สมุดคู่บัญชีสมาชิก: savings, shares, loans, dividends). Each is one ReportDoc: the same
tables as a web page, a Thai PDF and an Excel workbook (the welfare reports' renderers, generic over tables).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from kongthun.access.scope import Scope
from kongthun.clock import format_be
from kongthun.documents.domain import Column, TableDoc
from kongthun.money import Satang, baht_words, format_baht
from kongthun.people.models import Membership
from kongthun.savings.domain.dividends import BUCKET_LABELS, Bucket
from kongthun.savings.yearend.models import MemberDividend, YearEndAllocation
from kongthun.welfare.reports.domain.document import ReportDoc

SIGNERS = (("ผู้จัดทำ (เหรัญญิก)", "Prepared by (treasurer)"), ("ประธานกลุ่ม", "Chair of the group"))


def _t(lang: str, th: str, en: str) -> str:
    return en if lang.startswith("en") else th


def _name(m: Membership, lang: str) -> str:
    p = m.person
    if lang.startswith("en") and (p.first_name_en or p.last_name_en):
        return f"{p.first_name_en} {p.last_name_en}".strip()
    return p.full_name_th


def dividend_doc(alloc: YearEndAllocation, lines: list[MemberDividend], group_name: str, lang: str = "th"
                 ) -> ReportDoc:
    """The year's allocation by bucket with its reasons, and each member's dividend and patronage refund."""
    buckets = TableDoc(
        _t(lang, "การจัดสรรกำไรสุทธิ", "Allocation of the net profit"),
        (Column(_t(lang, "รายการ", "Bucket")), Column(_t(lang, "ร้อยละ", "Percent"), "number"),
         Column(_t(lang, "บัญชี", "Account")), Column(_t(lang, "จำนวนเงิน", "Amount"), "money"),
         Column(_t(lang, "คำอธิบาย", "Explanation"))),
        tuple((BUCKET_LABELS[Bucket(b["bucket"])][1 if lang.startswith("en") else 0], f'{Decimal(b["percent"]):.2f}',
               b["account"],
               b["amount"], "; ".join(e[1 if lang.startswith("en") else 0] for e in b["explanation"]))
              for b in alloc.buckets),
        totals=(_t(lang, "รวม (กำไรสุทธิ)", "Total (net profit)"), "100.00", "", alloc.net_profit, ""))
    members = TableDoc(
        _t(lang, "เงินปันผลและเงินเฉลี่ยคืนรายสมาชิก", "Dividends and patronage refunds by member"),
        (Column(_t(lang, "เลขที่สมาชิก", "Member no.")), Column(_t(lang, "ชื่อ", "Name")),
         Column(_t(lang, "หุ้นที่ได้ปันผล", "Shares earning"), "money"),
         Column(_t(lang, "เงินปันผล", "Dividend"), "money"),
         Column(_t(lang, "ดอกเบี้ยที่ชำระ", "Interest paid"), "money"),
         Column(_t(lang, "เงินเฉลี่ยคืน", "Patronage refund"), "money"), Column(_t(lang, "รวม", "Total"), "money"),
         Column(_t(lang, "จ่ายเมื่อ", "Paid on"), "date")),
        tuple((x.membership.member_no, _name(x.membership, lang), x.shares, x.dividend, x.interest_paid, x.patronage,
               x.total, x.paid_on) for x in lines),
        totals=(_t(lang, "รวม", "Total"), "", sum(x.shares for x in lines), sum(x.dividend for x in lines),
                sum(x.interest_paid for x in lines), sum(x.patronage for x in lines), sum(x.total for x in lines),
                None))
    period = f"{format_be(alloc.year_start, language=lang)} – {format_be(alloc.year_end, language=lang)}"
    notes = tuple(e[1 if lang.startswith("en") else 0] for e in alloc.explanation)
    if not lang.startswith("en"):
        notes += (f"กำไรสุทธิ ({format_baht(alloc.net_profit)}): {baht_words(alloc.net_profit)}",)
    return ReportDoc(
        _t(lang, f"รายงานการจัดสรรกำไรสุทธิและเงินปันผล ปีบัญชี {alloc.year_name}",
           f"Profit allocation and dividend report, accounting year {alloc.year_name}"),
        (buckets, members), subtitle_lines=(group_name, period), notes=notes,
        signatures=tuple(_t(lang, th, en) for th, en in SIGNERS), landscape=True,
        file_stem=f"dividends-{alloc.year_name}")


# --- the member passbook ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Passbook:
    membership: Membership
    on: date
    savings: tuple  # accounts.selectors.PassbookLine
    shares: tuple[tuple[date, str, int, Satang, Satang], ...]  # on, kind, units, amount, running balance
    loans: tuple  # loans.selectors.LoanSummary
    dividends: tuple[MemberDividend, ...]

    @property
    def savings_balance(self) -> Satang:
        return self.savings[-1].balance if self.savings else 0

    @property
    def share_balance(self) -> Satang:
        return self.shares[-1][4] if self.shares else 0

    @property
    def loans_outstanding(self) -> Satang:
        return sum(x.outstanding for x in self.loans)


def passbook_get(*, scope: Scope, membership: Membership, on: date) -> Passbook:
    """สมุดคู่บัญชี on a date: the member's savings and shares (accounts app), loans (loans app) and dividends.
    The caller fetched the membership under the reader's scope; the accounts selectors check it again."""
    from kongthun.savings.accounts.selectors import member_passbook_savings, member_shares
    from kongthun.savings.loans.selectors import member_loans

    savings = tuple(x for x in member_passbook_savings(membership.pk, scope=scope) if x.on <= on)
    shares, running = [], 0
    for s in member_shares(membership.pk, scope=scope):
        if s.on <= on:
            running += s.amount  # signed: bought +, redeemed -
            shares.append((s.on, s.get_kind_display(), s.units, s.amount, running))
    dividends = tuple(MemberDividend.objects.filter(membership=membership, allocation__posted_on__lte=on)
                      .select_related("allocation").order_by("-allocation__year_name"))
    return Passbook(membership, on, savings, tuple(shares), tuple(member_loans(membership.pk, on)), dividends)


def passbook_doc(book: Passbook, group_name: str, lang: str = "th") -> ReportDoc:
    m = book.membership
    savings = TableDoc(
        _t(lang, "เงินฝากสัจจะ", "Savings (sajja)"),
        (Column(_t(lang, "วันที่", "Date"), "date"), Column(_t(lang, "รายการ", "Item")),
         Column(_t(lang, "จำนวนเงิน", "Amount"), "money"), Column(_t(lang, "คงเหลือ", "Balance"), "money")),
        tuple((x.on, x.label, x.amount, x.balance) for x in book.savings),
        totals=(None, _t(lang, "ยอดคงเหลือ", "Balance"), None, book.savings_balance))
    shares = TableDoc(
        _t(lang, "หุ้น", "Shares"),
        (Column(_t(lang, "วันที่", "Date"), "date"), Column(_t(lang, "รายการ", "Item")),
         Column(_t(lang, "จำนวนหุ้น", "Units"), "number"), Column(_t(lang, "จำนวนเงิน", "Amount"), "money"),
         Column(_t(lang, "มูลค่าหุ้นสะสม", "Shares held"), "money")),
        tuple(book.shares), totals=(None, _t(lang, "มูลค่าหุ้น", "Shares held"), None, None, book.share_balance))
    loans = TableDoc(
        _t(lang, "เงินกู้", "Loans"),
        (Column(_t(lang, "เลขที่สัญญา", "Loan no.")), Column(_t(lang, "ประเภท", "Product")),
         Column(_t(lang, "เงินต้น", "Principal"), "money"), Column(_t(lang, "คงค้าง", "Outstanding"), "money"),
         Column(_t(lang, "งวดถัดไป", "Next due"), "date"), Column(_t(lang, "ค้างชำระ (วัน)", "Days overdue"), "number"),
         Column(_t(lang, "สถานะ", "Status"))),
        tuple((x.number, x.product, x.principal, x.outstanding, x.next_due, x.days_overdue, x.status)
              for x in book.loans),
        totals=(_t(lang, "รวมคงค้าง", "Outstanding"), "", None, book.loans_outstanding, None, None, ""))
    dividends = TableDoc(
        _t(lang, "เงินปันผลและเงินเฉลี่ยคืน", "Dividends and patronage refunds"),
        (Column(_t(lang, "ปีบัญชี", "Year")), Column(_t(lang, "เงินปันผล", "Dividend"), "money"),
         Column(_t(lang, "เงินเฉลี่ยคืน", "Patronage refund"), "money"), Column(_t(lang, "จ่ายเมื่อ", "Paid on"), "date")),
        tuple((str(x.allocation.year_name), x.dividend, x.patronage, x.paid_on) for x in book.dividends))
    return ReportDoc(
        _t(lang, "สมุดคู่บัญชีสมาชิก", "Member passbook"), (savings, shares, loans, dividends),
        subtitle_lines=(group_name, f"{_t(lang, 'สมาชิกเลขที่', 'Member no.')} {m.member_no} {_name(m, lang)}",
                        f"{_t(lang, 'ณ วันที่', 'As of')} {format_be(book.on, language=lang)}"),
        file_stem=f"passbook-{m.member_no}")
