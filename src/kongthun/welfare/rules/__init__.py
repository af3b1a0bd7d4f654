"""Benefit rules (ระเบียบสวัสดิการ): a fund's regulation as validated data, judged by
small clause kinds registered by name. Pure Python: no Django anywhere in this package.
"""

from kongthun.welfare.rules.engine import evaluate, evaluate_all
from kongthun.welfare.rules.model import Claim, Context, Decision, Explanation, Outcome, Paid
from kongthun.welfare.rules.regulation import Regulation, check_data, check_text, load_text
from kongthun.welfare.rules.source import Issue

__all__ = [
    "Claim", "Context", "Decision", "Explanation", "Issue", "Outcome", "Paid", "Regulation",
    "check_data", "check_text", "evaluate", "evaluate_all", "load_text",
]
