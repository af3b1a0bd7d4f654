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


def _savings_labels() -> None:
    """Year-end buckets, dividend bases and creditor kinds of savings groups (pure domain labels)."""
    from kongthun.savings.domain.debt import CREDITOR_LABELS
    from kongthun.savings.domain.dividends import BUCKET_LABELS

    LABELS["bucket"] = {k.value: v for k, v in BUCKET_LABELS.items()}
    LABELS["dividend_basis"] = {"average_monthly": ("หุ้นถัวเฉลี่ยรายเดือน", "Average monthly shares"),
                                "year_end": ("หุ้น ณ วันสิ้นปี", "Shares at the year's end")}
    LABELS["creditor_kind"] = {k.value: v for k, v in CREDITOR_LABELS.items()}


_savings_labels()
