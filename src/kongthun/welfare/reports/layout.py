"""How each report is laid out as tables (one layout for the PDF, the Excel file and the web page), in
Thai or English. Pure: no Django. Money stays satang until a cell is formatted."""

from __future__ import annotations

from datetime import date

from kongthun.clock import format_be
from kongthun.documents.domain import Cell, Column, TableDoc
from kongthun.money import baht_words, format_baht
from kongthun.welfare.reports.domain import (
    AnnualStatements,
    CashBook,
    CodiReport,
    MemberStatement,
    StatementLine,
    percent_text,
)
from kongthun.welfare.reports.domain.document import ReportDoc

CASH_NAMES = {"1101": ("เงินสด", "Cash"), "1102": ("เงินฝากธนาคาร", "Bank")}
STATUS_NAMES = {"active": ("ปกติ", "Active"), "lapsed": ("ขาดส่ง", "Lapsed"), "resigned": ("ลาออก", "Resigned"),
                "deceased": ("เสียชีวิต", "Deceased")}
SIGNERS = (("ผู้จัดทำ (เหรัญญิก)", "Prepared by (treasurer)"), ("ประธานกรรมการ", "Chair of the committee"),
           ("ผู้ตรวจสอบ", "Auditor"))


def cell_text(value: Cell, kind: str, lang: str = "th") -> str:
    """A cell as printed: baht with 2 decimals (no unit), counts with separators, BE dates."""
    if value is None:
        return ""
    if kind == "money" and isinstance(value, int):
        return format_baht(value, unit="")
    if kind == "number" and isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, date):
        return _be(value, lang)
    return str(value)


def table_view(table: TableDoc, lang: str = "th") -> dict:
    """A table ready for a template: its cells as text, right-aligned where they are figures."""
    kinds = [c.kind for c in table.columns]

    def row(cells) -> list[dict]:
        return [{"text": cell_text(v, k, lang), "css": "num" if k in ("money", "number") else ""}
                for v, k in zip(cells, kinds, strict=True)]

    return {"doc": table, "columns": [{"label": c.label, "css": "num" if c.kind in ("money", "number") else ""}
                                      for c in table.columns],
            "rows": [row(r) for r in table.rows], "totals": row(table.totals) if table.totals else None}


def _t(lang: str, th: str, en: str) -> str:
    return en if lang.startswith("en") else th


def _be(d: date, lang: str, *, long: bool = False) -> str:
    return format_be(d, language=lang, long=long and not lang.startswith("en"))


def _period(d1: date, d2: date, lang: str) -> str:
    return f"{_be(d1, lang, long=True)} – {_be(d2, lang, long=True)}"


def _words(label_th: str, satang: int, lang: str) -> tuple[str, ...]:
    """A total in Thai words, as a treasurer writes it under the figure (Thai documents only)."""
    return () if lang.startswith("en") else (f"{label_th} ({format_baht(satang)}): {baht_words(satang)}",)


def _signers(lang: str) -> tuple[str, ...]:
    return tuple(_t(lang, th, en) for th, en in SIGNERS)


def _name(line: StatementLine, lang: str) -> str:
    return (line.name_en or line.name_th) if lang.startswith("en") else line.name_th


# --- annual statements -------------------------------------------------------------------------------


def _section(title: str, lines, total_label: str, total: int, lang: str) -> list[tuple[Cell, ...]]:
    rows: list[tuple[Cell, ...]] = [("", title, None)]
    rows += [(x.code, "    " + _name(x, lang), x.amount) for x in lines]
    rows.append(("", total_label, total))
    return rows


def annual_doc(s: AnnualStatements, fund_name: str, lang: str = "th") -> ReportDoc:
    inc, pos = s.income, s.position
    cols = (Column(_t(lang, "รหัสบัญชี", "Account")), Column(_t(lang, "รายการ", "Item")),
            Column(_t(lang, "จำนวนเงิน (บาท)", "Amount (baht)"), "money"))
    surplus_label = _t(lang, "รายรับสูง(ต่ำ)กว่ารายจ่าย", "Surplus (deficit) of the year")
    income = TableDoc(
        _t(lang, "งบรายรับ-รายจ่าย", "Income and expenditure"), cols,
        tuple(_section(_t(lang, "รายรับ", "Income"), inc.income, _t(lang, "รวมรายรับ", "Total income"),
                       inc.total_income, lang)
              + _section(_t(lang, "รายจ่าย", "Expenditure"), inc.expenses, _t(lang, "รวมรายจ่าย", "Total expenditure"),
                         inc.total_expenses, lang)),
        totals=("", surplus_label, inc.surplus),
        subtitle_lines=(_t(lang, "สำหรับปีบัญชี ", "For the accounting year ") + _period(inc.date_from, inc.date_to,
                                                                                         lang),),
        notes=_words("รายรับสูง(ต่ำ)กว่ารายจ่าย", inc.surplus, lang),
    )
    position = TableDoc(
        _t(lang, "งบแสดงฐานะการเงิน", "Financial position"), cols,
        tuple(_section(_t(lang, "สินทรัพย์", "Assets"), pos.assets, _t(lang, "รวมสินทรัพย์", "Total assets"),
                       pos.total_assets, lang)
              + _section(_t(lang, "หนี้สิน", "Liabilities"), pos.liabilities,
                         _t(lang, "รวมหนี้สิน", "Total liabilities"), pos.total_liabilities, lang)
              + _section(_t(lang, "ทุนของกองทุน", "The fund"), pos.fund, _t(lang, "รวมเงินกองทุน", "Total fund"),
                         pos.total_fund, lang)),
        totals=("", _t(lang, "รวมหนี้สินและเงินกองทุน", "Total liabilities and fund"),
                pos.total_liabilities + pos.total_fund),
        subtitle_lines=(_t(lang, "ณ วันที่ ", "As of ") + _be(pos.as_of, lang, long=True),),
    )
    changes = [("", _t(lang, "เงินกองทุนต้นปี", "Fund at the start of the year"), pos.opening_fund),
               ("", surplus_label, pos.surplus)]
    if pos.other_fund_movements:
        changes.append(("", _t(lang, "รายการอื่นที่บันทึกเข้ากองทุน", "Other movements of the fund"),
                        pos.other_fund_movements))
    fund = TableDoc(_t(lang, "การเปลี่ยนแปลงเงินกองทุน", "Changes in the fund"), cols, tuple(changes),
                    totals=("", _t(lang, "เงินกองทุนปลายปี", "Fund at the end of the year"), pos.total_fund))
    return ReportDoc(
        _t(lang, f"งบการเงินประจำปีบัญชี {inc.year_name}", f"Annual statements, accounting year {inc.year_name}"),
        (income, position, fund), subtitle_lines=(fund_name,),
        notes=_words("เงินกองทุน ณ วันสิ้นปี", pos.total_fund, lang), signatures=_signers(lang),
        file_stem=f"annual-{inc.year_name}")


# --- cash book ----------------------------------------------------------------------------------------


def cash_book_doc(book: CashBook, fund_name: str, lang: str = "th") -> ReportDoc:
    cols = (Column(_t(lang, "วันที่", "Date"), "date"), Column(_t(lang, "เลขที่", "Entry")),
            Column(_t(lang, "บัญชี", "Account")), Column(_t(lang, "รายการ", "Description")),
            Column(_t(lang, "รับ", "In"), "money"), Column(_t(lang, "จ่าย", "Out"), "money"),
            Column(_t(lang, "คงเหลือ", "Balance"), "money"))
    rows: list[tuple[Cell, ...]] = [(book.date_from, "", "", _t(lang, "ยอดยกมา", "Brought forward"), None, None,
                                     book.opening)]
    rows += [(r.date, f"JV{r.entry_number:06d}", _t(lang, *CASH_NAMES.get(r.account, (r.account, r.account))),
              r.memo, r.received or None, r.paid or None, r.balance) for r in book.rows]
    closing = "; ".join(f"{_t(lang, *CASH_NAMES.get(code, (code, code)))} {format_baht(amount, unit='')}"
                        for code, amount in book.closing_by_account)
    table = TableDoc(
        _t(lang, "บัญชีเงินสดและเงินฝากธนาคาร", "Cash and bank"), cols, tuple(rows),
        totals=(book.date_to, "", "", _t(lang, "รวม / ยอดคงเหลือยกไป", "Totals / carried forward"), book.received,
                book.paid, book.closing),
        notes=(_t(lang, "ยอดคงเหลือแยกตามบัญชี: ", "Closing balance by account: ") + closing,),
    )
    return ReportDoc(
        _t(lang, "สมุดเงินสด", "Cash book"), (table,),
        subtitle_lines=(fund_name, _period(book.date_from, book.date_to, lang)),
        notes=_words("ยอดเงินสดและเงินฝากคงเหลือ", book.closing, lang), signatures=_signers(lang)[:1],
        landscape=True, file_stem=f"cashbook-{book.date_from.isoformat()}-{book.date_to.isoformat()}")


# --- member statement ---------------------------------------------------------------------------------


def member_statement_doc(s: MemberStatement, fund_name: str, lang: str = "th") -> ReportDoc:
    m = s.member
    two = (Column(_t(lang, "รายการ", "Item")), Column(_t(lang, "ข้อมูล", "Detail")))
    facts: list[tuple[Cell, ...]] = [
        (_t(lang, "เลขที่สมาชิก", "Member no."), m.member_no), (_t(lang, "ชื่อ", "Name"), m.name),
        (_t(lang, "วันที่เข้าเป็นสมาชิก", "Joined"), _be(m.joined_on, lang)),
        (_t(lang, "สถานะ", "Status"), f"{_t(lang, *STATUS_NAMES.get(m.status, (m.status, m.status)))} "
                                      f"({_t(lang, 'ตั้งแต่', 'since')} {_be(m.status_on, lang)})"),
    ]
    if s.standing is not None:
        st = s.standing
        facts.append((_t(lang, "ส่งเงินสมทบถึงวันที่", "Paid up to"), _be(st.paid_up_to, lang)))
        facts.append((_t(lang, "ค้างส่ง", "In arrears"),
                      _t(lang, f"{st.arrears_days} วัน ({format_baht(st.arrears_satang)})",
                         f"{st.arrears_days} days ({format_baht(st.arrears_satang, unit='baht')})")
                      if st.arrears_days else _t(lang, "ไม่ค้าง", "none")))
    receipts = TableDoc(
        _t(lang, "ใบเสร็จรับเงิน", "Receipts"),
        (Column(_t(lang, "เลขที่", "No.")), Column(_t(lang, "วันที่", "Date"), "date"),
         Column(_t(lang, "งวด", "Periods"), "number"), Column(_t(lang, "ช่วงที่ส่ง", "Covers")),
         Column(_t(lang, "เงินสมทบ", "Contribution"), "money"), Column(_t(lang, "ค่าสมัคร", "Entry fee"), "money"),
         Column(_t(lang, "หมายเหตุ", "Note"))),
        tuple((r.number, r.issued_on, r.periods, f"{_be(r.covered_from, lang)} – {_be(r.covered_to, lang)}",
               r.contribution, r.entry_fee or None,
               (_t(lang, "ยกเลิก: ", "Void: ") + r.void_reason) if r.void else "") for r in s.receipts),
        totals=(_t(lang, "รวม (ไม่รวมที่ยกเลิก)", "Total (void excluded)"), None, None, "", s.contributions,
                s.entry_fees, ""),
    )
    benefits = TableDoc(
        _t(lang, "สวัสดิการที่ได้รับ", "Benefits received"),
        (Column(_t(lang, "คำขอเลขที่", "Claim no."), "number"), Column(_t(lang, "ประเภท", "Kind")),
         Column(_t(lang, "วันที่เกิดเหตุ", "Event date"), "date"), Column(_t(lang, "วันที่จ่าย", "Paid on"), "date"),
         Column(_t(lang, "จำนวนเงิน", "Amount"), "money")),
        tuple((b.claim_number, _t(lang, b.label_th, b.label_en), b.event_date, b.paid_on, b.amount)
              for b in s.benefits),
        totals=(_t(lang, "รวม", "Total"), "", None, None, s.benefits_received),
    )
    return ReportDoc(
        _t(lang, "ใบแจ้งยอดสมาชิก", "Member statement"),
        (TableDoc(_t(lang, "ข้อมูลสมาชิก", "Member"), two, tuple(facts)), receipts, benefits),
        subtitle_lines=(fund_name, _t(lang, "ณ วันที่ ", "As of ") + _be(s.on, lang, long=True)),
        notes=_words("รวมเงินที่ส่ง", s.paid, lang) + _words("รวมสวัสดิการที่ได้รับ", s.benefits_received, lang),
        file_stem=f"statement-{m.member_no}-{s.on.isoformat()}")


# --- CODI annual report -------------------------------------------------------------------------------


def codi_doc(r: CodiReport, fund_name: str, lang: str = "th") -> ReportDoc:
    count_cols = (Column(_t(lang, "รายการ", "Item")), Column(_t(lang, "จำนวน (คน)", "People"), "number"))
    m = r.members
    not_recorded = _t(lang, "ไม่ได้บันทึก", "not recorded")
    members = TableDoc(
        _t(lang, "สมาชิกคงอยู่ ณ สิ้นปี จำแนกตามกลุ่ม", "Active members at the year's end, by group"), count_cols,
        ((_t(lang, "วัยทำงาน (18-59 ปี)", "Working age (18-59)"), m.working_age),
         (_t(lang, "เด็กและเยาวชน (ต่ำกว่า 18 ปี)", "Children (under 18)"), m.children),
         (_t(lang, "ผู้สูงอายุ (60 ปีขึ้นไป)", "Elderly (60 and over)"), m.elderly),
         (_t(lang, "ไม่ได้บันทึกวันเกิด", "Birth date not recorded"), m.age_not_recorded),
         (_t(lang, "ผู้ด้อยโอกาส (นับรวมในกลุ่มข้างต้น)", "Disadvantaged (counted in the groups above)"),
          m.disadvantaged if m.disadvantaged is not None else not_recorded)),
        totals=(_t(lang, "รวมสมาชิก", "Total members"), m.total),
    )
    mv = r.movement
    movement = TableDoc(
        _t(lang, "ความเคลื่อนไหวของสมาชิกในปี", "Members joining and leaving in the year"), count_cols,
        ((_t(lang, "สมัครใหม่", "Joined"), mv.joined), (_t(lang, "ขาดส่ง", "Lapsed"), mv.lapsed),
         (_t(lang, "ลาออก", "Resigned"), mv.resigned), (_t(lang, "เสียชีวิต", "Died"), mv.deceased),
         (_t(lang, "ขาดส่งคงค้าง ณ สิ้นปี", "Lapsed at the year's end"), mv.lapsed_at_end)),
    )
    money = TableDoc(
        _t(lang, "แหล่งที่มาของเงินกองทุนในปี", "Money in by source in the year"),
        (Column(_t(lang, "แหล่งที่มา", "Source")), Column(_t(lang, "จำนวนเงิน (บาท)", "Amount (baht)"), "money"),
         Column(_t(lang, "ร้อยละ", "%"), "number")),
        tuple((_t(lang, s.label_th, s.label_en), s.amount, s.percent) for s in r.money_in),
        totals=(_t(lang, "รวม", "Total"), r.total_money_in,
                percent_text(10_000) if r.total_money_in > 0 else percent_text(None)),
    )
    benefits = TableDoc(
        _t(lang, "สวัสดิการที่จ่ายในปี จำแนกตามประเภท", "Benefits paid in the year, by kind"),
        (Column(_t(lang, "ประเภท", "Kind")), Column(_t(lang, "จำนวนครั้ง", "Claims"), "number"),
         Column(_t(lang, "จำนวนคน", "People"), "number"), Column(_t(lang, "จำนวนเงิน (บาท)", "Amount (baht)"),
                                                                 "money")),
        tuple((_t(lang, b.label_th, b.label_en), b.claims, b.people, b.amount) for b in r.benefits),
        totals=(_t(lang, "รวม", "Total"), r.benefit_claims, r.people_helped_in_year, r.benefits_paid),
        notes=(_t(lang, "จำนวนคนในแถวรวมนับคนละครั้ง แม้ได้รับหลายประเภท",
                  "The total counts each person once, whatever the kinds they received"),),
    )
    summary = TableDoc(
        _t(lang, "สรุป", "Summary"),
        (Column(_t(lang, "รายการ", "Item")), Column(_t(lang, "จำนวน", "Number"), "number"),
         Column(_t(lang, "จำนวนเงิน (บาท)", "Amount (baht)"), "money")),
        ((_t(lang, "ผู้ที่เคยได้รับสวัสดิการทั้งหมด (คน)", "People who have ever received a benefit"),
          r.people_ever_helped, None),
         (_t(lang, "เงินกองทุน ณ สิ้นปี", "Money in the fund at the year's end"), None, r.fund_balance),
         (_t(lang, "เงินสดและเงินฝาก ณ สิ้นปี", "Cash and bank at the year's end"), None, r.cash)),
    )
    return ReportDoc(
        _t(lang, f"รายงานประจำปี {r.year_name} (แบบรายงาน พอช.)", f"Annual report {r.year_name} (CODI format)"),
        (members, movement, money, benefits, summary),
        subtitle_lines=(fund_name, _t(lang, "ปีบัญชี ", "Accounting year ") + _period(r.date_from, r.date_to, lang)),
        notes=_words("เงินกองทุน ณ สิ้นปี", r.fund_balance, lang), signatures=_signers(lang)[:2],
        file_stem=f"codi-{r.year_name}")
