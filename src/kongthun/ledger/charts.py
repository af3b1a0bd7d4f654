"""Chart-of-accounts templates (ผังบัญชี) per organization kind, with Thai names.

Codes follow the usual Thai layout: 1 assets, 2 liabilities, 3 equity/fund,
4 income, 5 expenses. A fund may add accounts; these are where it starts.
"""

from __future__ import annotations

from dataclasses import dataclass

from kongthun.ledger.domain import AccountType as T

# Cash on hand and bank deposits (เงินสด, เงินฝากธนาคาร): the same codes in every chart.
CASH_ACCOUNTS = ("1101", "1102")


@dataclass(frozen=True)
class AccountTemplate:
    code: str
    name_th: str
    name_en: str
    type: T


_COMMON = (
    AccountTemplate("1101", "เงินสด", "Cash on hand", T.ASSET),
    AccountTemplate("1102", "เงินฝากธนาคาร", "Bank deposits", T.ASSET),
    AccountTemplate("2190", "เจ้าหนี้อื่น", "Other payables", T.LIABILITY),
    AccountTemplate("3101", "ทุนยกมา", "Opening fund balance", T.EQUITY),
    AccountTemplate("3901", "กำไร(ขาดทุน)สะสม", "Retained surplus", T.EQUITY),
    AccountTemplate("4901", "ดอกเบี้ยเงินฝากธนาคาร", "Bank interest received", T.INCOME),
    AccountTemplate("5901", "ค่าใช้จ่ายบริหารจัดการ", "Administration expenses", T.EXPENSE),
)

WELFARE_FUND = _COMMON + (
    AccountTemplate("4101", "เงินสมทบจากสมาชิก (ออมบุญ)", "Member contributions", T.INCOME),
    AccountTemplate("4102", "ค่าสมัครสมาชิก", "Entry fees", T.INCOME),
    AccountTemplate("4201", "เงินสมทบจากรัฐบาลผ่าน พอช.", "Government matching via CODI", T.INCOME),
    AccountTemplate("4202", "เงินสมทบจากองค์กรปกครองส่วนท้องถิ่น", "Local government contributions", T.INCOME),
    AccountTemplate(
        "4203", "เงินสนับสนุนจากกองทุนส่งเสริมการจัดสวัสดิการสังคม", "Social Welfare Promotion Fund grants", T.INCOME
    ),
    AccountTemplate("4301", "เงินบริจาค", "Donations", T.INCOME),
    AccountTemplate("4302", "เงินช่วยเหลือจากกองทุนอื่น", "Relief received from other funds", T.INCOME),
    AccountTemplate("5101", "สวัสดิการคลอดบุตร", "Childbirth benefits", T.EXPENSE),
    AccountTemplate("5102", "สวัสดิการเจ็บป่วยนอนโรงพยาบาล", "Hospital benefits", T.EXPENSE),
    AccountTemplate("5103", "สวัสดิการเสียชีวิต", "Death benefits", T.EXPENSE),
    AccountTemplate("5104", "สวัสดิการผู้สูงอายุ", "Elderly allowances", T.EXPENSE),
    AccountTemplate("5105", "สวัสดิการภัยพิบัติ", "Disaster relief", T.EXPENSE),
    AccountTemplate("5106", "ทุนการศึกษา", "Scholarships", T.EXPENSE),
    AccountTemplate("5107", "สวัสดิการผู้พิการและผู้ด้อยโอกาส", "Disability and disadvantaged support", T.EXPENSE),
    AccountTemplate("5108", "เงินช่วยเหลือกองทุนอื่นที่ประสบภัย", "Relief sent to other funds", T.EXPENSE),
)

SAVINGS_GROUP = _COMMON + (
    AccountTemplate("1201", "ลูกหนี้เงินกู้สมาชิก", "Loans to members", T.ASSET),
    AccountTemplate("1202", "ดอกเบี้ยค้างรับ", "Interest receivable", T.ASSET),
    AccountTemplate("1209", "ค่าเผื่อหนี้สงสัยจะสูญ", "Loan-loss allowance", T.ASSET),
    AccountTemplate("2101", "เงินฝากสัจจะสมาชิก", "Members' savings (sajja)", T.LIABILITY),
    AccountTemplate("2102", "เงินปันผลค้างจ่าย", "Dividends payable", T.LIABILITY),
    AccountTemplate("2103", "เงินเฉลี่ยคืนค้างจ่าย", "Patronage refunds payable", T.LIABILITY),
    AccountTemplate("2104", "ค่าตอบแทนกรรมการค้างจ่าย", "Committee remuneration payable", T.LIABILITY),
    AccountTemplate("3201", "ทุนเรือนหุ้น", "Share capital", T.EQUITY),
    AccountTemplate("3301", "ทุนสำรอง", "Reserve", T.EQUITY),
    AccountTemplate("3302", "กองทุนสวัสดิการสมาชิก", "Members' welfare fund", T.EQUITY),
    AccountTemplate("3303", "กองทุนสาธารณประโยชน์", "Public-benefit fund", T.EQUITY),
    AccountTemplate("3304", "กองทุนการศึกษา", "Education fund", T.EQUITY),
    AccountTemplate("3309", "เงินจัดสรรอื่น", "Other appropriations", T.EQUITY),
    AccountTemplate("4401", "ดอกเบี้ยเงินกู้รับ", "Loan interest income", T.INCOME),
    AccountTemplate("4402", "ค่าปรับ", "Fines", T.INCOME),
    AccountTemplate("5201", "ดอกเบี้ยเงินฝากสัจจะจ่าย", "Interest paid on savings", T.EXPENSE),
    AccountTemplate("5202", "หนี้สูญและหนี้สงสัยจะสูญ", "Loan-loss expense", T.EXPENSE),
)

NETWORK = _COMMON + (
    AccountTemplate("4501", "เงินอุดหนุนโครงการ", "Project grants", T.INCOME),
    AccountTemplate("5301", "ค่าใช้จ่ายโครงการ", "Project expenses", T.EXPENSE),
)


def template_for(kind: str) -> tuple[AccountTemplate, ...]:
    from kongthun.orgs.domain import OrgKind

    return {
        OrgKind.WELFARE_FUND: WELFARE_FUND,
        OrgKind.SAVINGS_GROUP: SAVINGS_GROUP,
        OrgKind.OTHER_FINANCE: SAVINGS_GROUP,
    }.get(OrgKind(kind), NETWORK)
