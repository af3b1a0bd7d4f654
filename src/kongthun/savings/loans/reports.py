"""Loan documents (เอกสารเงินกู้): the schedule, the loan statement, the arrears list and the portfolio report,
each one `ReportDoc` printed as a Thai PDF (WeasyPrint) and written as Excel (openpyxl), the same layout the
welfare reports use. Amounts in satang become baht with 2 decimals at the edge; dates print in BE."""

from __future__ import annotations

from datetime import date

from kongthun.clock import format_be
from kongthun.documents.domain import Column, TableDoc
from kongthun.documents.render import org_header
from kongthun.money import baht_words, format_baht
from kongthun.savings.domain.aging import bucket_label
from kongthun.savings.domain.schedule import FREQUENCY_LABELS, METHOD_LABELS, Frequency, Method
from kongthun.savings.loans.models import EventKind, GuarantorNotice, Instalment, Loan, LoanStatus, ScheduleVersion
from kongthun.savings.loans.selectors import Portfolio, Position
from kongthun.welfare.reports.domain.document import ReportDoc


def _t(language: str, th: str, en: str) -> str:
    return en if language.startswith("en") else th


def person_name(membership) -> str:
    p = membership.person
    return f"{p.prefix_th}{p.first_name_th} {p.last_name_th}".strip()


def status_label(status: str, language: str = "th") -> str:
    th, _, en = LoanStatus(status).label.partition(" / ")
    return _t(language, th, en)


def kind_label(kind: str, language: str = "th") -> str:
    th, _, en = EventKind(kind).label.partition(" / ")
    return _t(language, th, en)


def terms_line(loan: Loan, language: str = "th") -> str:
    m = METHOD_LABELS[Method(loan.method)]
    f = FREQUENCY_LABELS[Frequency(loan.frequency)]
    rate = f"{loan.annual_rate.normalize():f}"
    return _t(language, f"{format_baht(loan.amount)} ดอกเบี้ยร้อยละ {rate} ต่อปี ({m[0]}) {loan.term_months} เดือน "
                        f"ผ่อน{f[0]}", f"{format_baht(loan.amount, unit='baht')} at {rate}% a year ({m[1].lower()}), "
                                       f"{loan.term_months} months, {f[1].lower()}")


def product_line(p, language: str = "th") -> str:
    """A product's terms in one line: rate, method, term, frequency, limits, guarantors, fine."""
    m = METHOD_LABELS[Method(p.method)]
    f = FREQUENCY_LABELS[Frequency(p.frequency)]
    rate = f"{p.annual_rate.normalize():f}"
    limits = []
    if p.max_amount:
        limits.append(_t(language, f"ไม่เกิน {format_baht(p.max_amount)}",
                         f"up to {format_baht(p.max_amount, unit='baht')}"))
    if p.savings_multiple:
        limits.append(_t(language, f"ไม่เกิน {p.savings_multiple.normalize():f} เท่าของเงินออม",
                         f"up to {p.savings_multiple.normalize():f} times savings"))
    if p.guarantors_required:
        cap = f" ({format_baht(p.guarantor_limit)})" if p.guarantor_limit else ""
        limits.append(_t(language, f"ผู้ค้ำ {p.guarantors_required} คน{cap}",
                         f"{p.guarantors_required} guarantor(s){cap}"))
    if p.fine_amount:
        limits.append(_t(language, f"ค่าปรับงวดละ {format_baht(p.fine_amount)} ผ่อนผัน {p.grace_days} วัน",
                         f"fine {format_baht(p.fine_amount, unit='baht')} per late instalment after "
                         f"{p.grace_days} days"))
    if p.whole_period_interest:
        limits.append(_t(language, "ปิดก่อนกำหนดคิดดอกเบี้ยเต็มงวด", "early repayment pays the whole period's interest"))
    head = _t(language, f"ร้อยละ {rate} ต่อปี {m[0]} สูงสุด {p.max_term_months} เดือน ผ่อน{f[0]}",
              f"{rate}% a year, {m[1].lower()}, up to {p.max_term_months} months, {f[1].lower()}")
    return "; ".join([head, *limits])


def _loan_lines(loan: Loan, language: str) -> tuple[str, ...]:
    guarantors = ", ".join(f"{g.membership.member_no} {person_name(g.membership)}"
                           for g in loan.guarantees.select_related("membership__person"))
    lines = [_t(language, f"สัญญาเลขที่ {loan.number} ผู้กู้ {loan.membership.member_no} {person_name(loan.membership)}",
                f"Loan {loan.number}, borrower {loan.membership.member_no} {person_name(loan.membership)}"),
             terms_line(loan, language)]
    if loan.disbursed_on:
        lines.append(_t(language, f"จ่ายเงินกู้วันที่ {format_be(loan.disbursed_on, long=True)}",
                        f"Disbursed on {format_be(loan.disbursed_on, language='en')}"))
    if guarantors:
        lines.append(_t(language, f"ผู้ค้ำประกัน: {guarantors}", f"Guarantors: {guarantors}"))
    return tuple(lines)


def schedule_doc(loan: Loan, language: str = "th", version: int | None = None) -> ReportDoc:
    """ตารางผ่อนชำระ: the schedule in force (or an older version), with its totals in words."""
    v = ScheduleVersion.objects.get(loan=loan, version=version or loan.version)
    rows = list(Instalment.objects.filter(loan=loan, version=v.version).order_by("n"))
    cols = (Column(_t(language, "งวดที่", "No."), "number"), Column(_t(language, "วันครบกำหนด", "Due"), "date"),
            Column(_t(language, "เงินต้น", "Principal"), "money"), Column(_t(language, "ดอกเบี้ย", "Interest"), "money"),
            Column(_t(language, "รวมชำระ", "Payment"), "money"),
            Column(_t(language, "เงินต้นคงเหลือ", "Balance"), "money"))
    body = tuple((i.n, i.due_on, i.principal, i.interest, i.principal + i.interest, i.balance_after) for i in rows)
    principal, interest = sum(i.principal for i in rows), sum(i.interest for i in rows)
    sub = (_t(language, f"ฉบับที่ {v.version} เริ่ม {format_be(v.starts_on)} เงินต้น {format_baht(v.principal)}",
              f"Version {v.version} from {format_be(v.starts_on, language='en')}, principal "
              f"{format_baht(v.principal, unit='baht')}"),) + ((v.reason,) if v.reason else ())
    table = TableDoc(title=_t(language, "ตารางผ่อนชำระ", "Repayment schedule"), columns=cols, rows=body,
                     totals=(_t(language, "รวม", "Total"), None, principal, interest, principal + interest, None),
                     subtitle_lines=sub)
    return ReportDoc(
        title=_t(language, f"ตารางผ่อนชำระเงินกู้ สัญญาเลขที่ {loan.number}", f"Loan schedule, loan {loan.number}"),
        tables=(table,), subtitle_lines=_loan_lines(loan, language),
        notes=(_t(language, f"รวมชำระทั้งสิ้น {format_baht(principal + interest)} ({baht_words(principal + interest)})",
                  f"Total to repay {format_baht(principal + interest, unit='baht')}"),),
        signatures=(_t(language, "ผู้กู้", "Borrower"), _t(language, "เหรัญญิก", "Treasurer")),
        file_stem=f"loan-schedule-{loan.number.replace('/', '-')}")


def statement_doc(loan: Loan, pos: Position | None, on: date, language: str = "th") -> ReportDoc:
    """ใบแจ้งยอดเงินกู้: every event with money, the principal owed after each, and what is due on `on`."""
    cols = (Column(_t(language, "วันที่", "Date"), "date"), Column(_t(language, "รายการ", "Event"), "text"),
            Column(_t(language, "รับ/จ่าย", "Cash"), "money"), Column(_t(language, "ค่าปรับ", "Fine"), "money"),
            Column(_t(language, "ดอกเบี้ย", "Interest"), "money"),
            Column(_t(language, "เงินต้น", "Principal"), "money"),
            Column(_t(language, "เงินต้นคงเหลือ", "Principal owed"), "money"))
    owed, rows = 0, []
    for e in loan.events.filter(on__lte=on).order_by("on", "id"):
        owed += e.principal if e.entry_id else 0
        rows.append((e.on, kind_label(e.kind, language) + (f" ({e.note})" if e.note else ""), e.amount or None,
                     e.fine or None, e.interest or None, e.principal_moved or None, owed))
    notes = [_t(language, f"สถานะ: {status_label(loan.status)}", f"Status: {status_label(loan.status, 'en')}")]
    if pos is not None and pos.due is not None:
        d = pos.due
        notes.append(_t(language, f"ณ วันที่ {format_be(on)} ค้างชำระ {format_baht(d.overdue)} ({d.days_overdue} วัน) "
                                  f"ค่าปรับ {format_baht(d.fine)} ดอกเบี้ยถึงวันนี้ {format_baht(d.interest)} "
                                  f"ยอดปิดบัญชี {format_baht(d.payoff)}",
                        f"On {format_be(on, language='en')}: overdue {format_baht(d.overdue, unit='baht')} "
                        f"({d.days_overdue} days), fines {format_baht(d.fine, unit='baht')}, interest to date "
                        f"{format_baht(d.interest, unit='baht')}, payoff {format_baht(d.payoff, unit='baht')}"))
    table = TableDoc(title=_t(language, "รายการเคลื่อนไหว", "Movements"), columns=cols, rows=tuple(rows))
    return ReportDoc(title=_t(language, f"ใบแจ้งยอดเงินกู้ สัญญาเลขที่ {loan.number}", f"Loan statement, {loan.number}"),
                     tables=(table,), subtitle_lines=_loan_lines(loan, language), notes=tuple(notes),
                     file_stem=f"loan-statement-{loan.number.replace('/', '-')}")


def arrears_rows(p: Portfolio) -> list[Position]:
    return sorted((x for x in p.positions if x.days_overdue > 0), key=lambda x: -x.days_overdue)


def arrears_doc(org, p: Portfolio, language: str = "th") -> ReportDoc:
    """รายชื่อลูกหนี้ค้างชำระ: oldest arrears first, with the bucket and the guarantors notified."""
    late = arrears_rows(p)
    notified: dict[int, list[str]] = {}
    for n in GuarantorNotice.objects.filter(loan_id__in=[x.loan.pk for x in late]).select_related("membership"):
        notified.setdefault(n.loan_id, []).append(f"{n.membership.member_no} ({format_be(n.notified_on)})")
    cols = (Column(_t(language, "สัญญา", "Loan"), "text"), Column(_t(language, "ผู้กู้", "Borrower"), "text"),
            Column(_t(language, "ค้างตั้งแต่", "Overdue since"), "date"),
            Column(_t(language, "วัน", "Days"), "number"), Column(_t(language, "กลุ่มอายุหนี้", "Bucket"), "text"),
            Column(_t(language, "ยอดค้างชำระ", "Overdue"), "money"),
            Column(_t(language, "เงินต้นคงเหลือ", "Outstanding"), "money"),
            Column(_t(language, "แจ้งผู้ค้ำแล้ว", "Guarantors notified"), "text"))
    rows = tuple((x.loan.number, f"{x.loan.membership.member_no} {person_name(x.loan.membership)}",
                  x.due.oldest_unpaid_due, x.days_overdue, bucket_label(x.bucket, language), x.due.overdue,
                  x.outstanding, ", ".join(notified.get(x.loan.pk, [])) or "-") for x in late)
    table = TableDoc(title=_t(language, "ลูกหนี้ค้างชำระ", "Loans in arrears"), columns=cols, rows=rows,
                     totals=(_t(language, "รวม", "Total"), f"{len(rows)}", None, None, None,
                             sum(x.due.overdue for x in late), sum(x.outstanding for x in late), None),
                     as_of=p.on)
    return ReportDoc(title=_t(language, f"รายชื่อลูกหนี้ค้างชำระ {org.name_th}", f"Arrears list, {org.name_th}"),
                     tables=(table,), subtitle_lines=(_t(language, f"ณ วันที่ {format_be(p.on, long=True)}",
                                                         f"As of {format_be(p.on, language='en')}"),),
                     landscape=True, file_stem=f"arrears-{org.code}-{p.on.isoformat()}")


def portfolio_doc(org, p: Portfolio, language: str = "th") -> ReportDoc:
    """รายงานสถานะเงินให้กู้: aging buckets, PAR30, the provision required and held."""
    r = p.risk
    cols = (Column(_t(language, "อายุหนี้", "Days overdue"), "text"), Column(_t(language, "สัญญา", "Loans"), "number"),
            Column(_t(language, "เงินต้นคงเหลือ", "Outstanding"), "money"),
            Column(_t(language, "ค่าเผื่อที่ต้องตั้ง", "Provision"), "money"))
    rows = tuple((_t(language, b.label_th, b.label_en), b.count, b.outstanding, b.provision) for b in r.buckets)
    table = TableDoc(title=_t(language, "อายุหนี้", "Aging"), columns=cols, rows=rows,
                     totals=(_t(language, "รวม", "Total"), r.count, r.outstanding, r.provision_required), as_of=p.on)
    notes = (_t(language, f"หนี้เสี่ยงค้างเกิน 30 วัน (PAR30) {format_baht(r.at_risk_30)} = ร้อยละ {r.par30}",
                f"Portfolio at risk over 30 days (PAR30): {format_baht(r.at_risk_30, unit='baht')} = {r.par30}%"),
             _t(language, f"ค่าเผื่อหนี้สงสัยจะสูญที่ตั้งไว้ในบัญชี {format_baht(p.allowance)} ต้องตั้ง "
                          f"{format_baht(r.provision_required)}",
                f"Allowance on the books {format_baht(p.allowance, unit='baht')}; required "
                f"{format_baht(r.provision_required, unit='baht')}"))
    return ReportDoc(title=_t(language, f"รายงานสถานะเงินให้กู้ {org.name_th}", f"Loan portfolio, {org.name_th}"),
                     tables=(table,), notes=notes,
                     subtitle_lines=(_t(language, f"ณ วันที่ {format_be(p.on, long=True)}",
                                        f"As of {format_be(p.on, language='en')}"),),
                     file_stem=f"portfolio-{org.code}-{p.on.isoformat()}")


def pdf(doc: ReportDoc, org) -> bytes:
    from kongthun.welfare.reports.pdf import render_report_pdf

    return render_report_pdf(doc, org_header(org))


def xlsx(doc_th: ReportDoc, doc_en: ReportDoc) -> bytes:
    from kongthun.welfare.reports.excel import workbook_bytes

    return workbook_bytes(doc_th, doc_en)
