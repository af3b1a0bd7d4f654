"""Thai and English labels for codes the models store (status, sex, account type)."""

from kongthun.orgs.domain import ORG_KIND_LABELS, REGISTRATION_LABELS

LABELS: dict[str, dict[str, tuple[str, str]]] = {
    "status": {
        "active": ("ปกติ", "Active"),
        "lapsed": ("ขาดส่ง", "Lapsed"),
        "resigned": ("ลาออก", "Resigned"),
        "deceased": ("เสียชีวิต", "Deceased"),
    },
    "sex": {"F": ("หญิง", "Female"), "M": ("ชาย", "Male"), "X": ("อื่น ๆ", "Other")},
    "account_type": {
        "asset": ("สินทรัพย์", "Assets"),
        "liability": ("หนี้สิน", "Liabilities"),
        "equity": ("ทุน / กองทุน", "Equity / fund"),
        "income": ("รายได้", "Income"),
        "expense": ("ค่าใช้จ่าย", "Expenses"),
    },
    "id_kind": {
        "national": ("บัตรประชาชน", "National ID"),
        "migrant": ("แรงงานข้ามชาติ", "Migrant worker ID"),
        "stateless": ("ไร้สัญชาติ / ไม่มีสถานะ", "Stateless"),
        "none": ("ไม่มีเอกสาร", "No document"),
    },
}

LABELS["registration"] = {k.value: v for k, v in REGISTRATION_LABELS.items()}
LABELS["kind"] = {k.value: v for k, v in ORG_KIND_LABELS.items()}

MEMBER_STATUSES = tuple(LABELS["status"])
ACCOUNT_TYPES = tuple(LABELS["account_type"])
