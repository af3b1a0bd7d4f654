"""Small builders for rules tests: a one-version regulation from clause dicts, and a claim."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from kongthun.welfare.rules import Claim, check_data
from kongthun.welfare.rules.model import STANDARD_KINDS

EXAMPLES = Path(__file__).resolve().parents[3] / "docs" / "examples"


def regulation(*clauses: dict, kinds: tuple[str, ...] = ("hospital",), effective: str = "2020-01-01"):
    data = {
        "benefits": {k: {"label_th": f"สวัสดิการ {k}", "label_en": k, "custom": k not in STANDARD_KINDS} for k in kinds},
        "versions": [{"effective_from": effective, "title_th": "ระเบียบฉบับ 2566", "title_en": "regulation of 2566",
                      "clauses": [{"no": str(i), "benefit": kinds[0], **c} for i, c in enumerate(clauses, start=1)]}],
    }
    reg, issues = check_data(data)
    assert not issues, issues
    return reg


def claim(**kw) -> Claim:
    defaults = dict(claim_id="1", member_no="M1", kind="hospital", event_date=date(2024, 6, 1),
                    joined_on=date(2015, 1, 1), birth_date=date(1960, 1, 1), paid_up_to=date(2024, 12, 31),
                    household="H1")
    return Claim(**{**defaults, **kw})
