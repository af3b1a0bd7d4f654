"""The demo's outside money (เงินสมทบจากภายนอกของจังหวัดสาธิต): each welfare fund's CODI and local-government
agreements with their legal basis, the requests for the last complete accounting year (FY 2569) sent with
their letters, the money received for them in October 2569, and a few administration expenses well under
the cap.

Deterministic without randomness: every figure follows from the fund's own receipts."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from kongthun.audit.actions import Actor
from kongthun.orgs.models import Organization
from kongthun.welfare.funding.actions import (
    admin_expense_record,
    agreement_record,
    funds_receive,
    request_prepare,
    request_send,
)

BAHT = 100
YEAR = 2569  # the last accounting year complete when the demo's history ends (31 Oct 2026)
PREPARED_ON, SENT_ON = date(2026, 10, 8), date(2026, 10, 9)
CODI_RECEIVED, LOCAL_RECEIVED = date(2026, 10, 20), date(2026, 10, 23)
ADMIN_EXPENSES = [
    (date(2026, 10, 9), "ค่าถ่ายเอกสารแบบคำขอรับเงินสมทบและรายชื่อสมาชิก", 180 * BAHT),
    (date(2026, 10, 21), "ค่าเดินทางไปประชุมเครือข่ายกองทุนสวัสดิการระดับจังหวัด", 450 * BAHT),
    (date(2026, 10, 24), "ค่าจัดทำบัญชีและรายงานประจำปี", 600 * BAHT),
]
CODI_BASIS = ("พระราชกฤษฎีกาจัดตั้งสถาบันพัฒนาองค์กรชุมชน (องค์การมหาชน) พ.ศ. 2543 มติคณะรัฐมนตรีสนับสนุน"
              "งบประมาณสมทบกองทุนสวัสดิการชุมชน และหลักเกณฑ์ พอช. ว่าด้วยการสมทบกองทุนสวัสดิการชุมชน")
LOCAL_BASIS = ("ระเบียบกระทรวงมหาดไทยว่าด้วยการตั้งงบประมาณขององค์กรปกครองส่วนท้องถิ่นเพื่อสมทบกองทุนสวัสดิการชุมชน "
               "พ.ศ. 2553 และข้อบัญญัติงบประมาณรายจ่ายประจำปีงบประมาณ พ.ศ. {year} ของ อบต.{tambon}")


def demo_funding(*, org: Organization, committee: Actor, treasurer: Actor, local_gov: bool) -> dict:
    """One fund's outside money; local government pays only where it budgeted (`local_gov`)."""
    tambon = org.tambon.name_th if org.tambon else ""
    codi = agreement_record(
        organization=org, kind="codi", name="เงินสมทบกองทุนสวัสดิการชุมชนจากรัฐบาลผ่าน พอช.", actor=committee,
        legal_basis=CODI_BASIS, document_no=f"พอช. สวช. {org.tambon_id}/2567", document_date=date(2024, 3, 15),
        matching_ratio=Decimal(1), cap_per_member=365 * BAHT)
    local = agreement_record(
        organization=org, kind="local_gov", name=f"เงินสมทบจาก อบต.{tambon}", actor=committee,
        legal_basis=LOCAL_BASIS.format(year=YEAR, tambon=tambon), document_no=f"ยส {org.tambon_id}/{YEAR}",
        document_date=date(2025, 9, 20), matching_ratio=Decimal("0.5"), cap_per_member=365 * BAHT)
    requested = {a.kind: request_prepare(agreement=a, year_name=YEAR, prepared_on=PREPARED_ON, actor=treasurer)
                 for a in (codi, local)}
    for i, asked in enumerate(requested.values(), start=1):
        if asked.amount:
            request_send(request=asked, sent_on=SENT_ON, document_no=f"กสช. {org.tambon_id}/{YEAR}-{i}",
                         actor=treasurer)
    received = 0
    for agreement, on in ((codi, CODI_RECEIVED), (local, LOCAL_RECEIVED)):
        asked = requested[agreement.kind]
        if asked.amount and (agreement is codi or local_gov):
            funds_receive(agreement=agreement, request=asked, amount=asked.amount, received_on=on, actor=treasurer,
                          account="1102", idempotency_key=f"demo-{org.code}-{agreement.kind}-{YEAR}")
            received += asked.amount
    for i, (on, what, amount) in enumerate(ADMIN_EXPENSES):
        admin_expense_record(organization=org, amount=amount, spent_on=on, description=what, actor=treasurer,
                             idempotency_key=f"demo-{org.code}-admin-{i}")
    return {"requested": sum(r.amount for r in requested.values()), "received": received}
