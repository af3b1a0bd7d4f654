"""The reports' pure core (no Django): small frozen records built from plain rows, and the check of a
report against the ledger. One module per report; everything is re-exported here."""

from kongthun.welfare.reports.domain.cash_book import CashBook, CashBookRow, CashLine, cash_book
from kongthun.welfare.reports.domain.check import LedgerFigures, Mismatch, check_against_ledger
from kongthun.welfare.reports.domain.codi import (
    AgeGroup,
    BenefitKindLine,
    CodiReport,
    MemberMovement,
    MemberRecord,
    MembersByGroup,
    PaidClaim,
    Source,
    SourceLine,
    age_group,
    benefits_by_kind,
    codi_report,
    member_movement,
    members_by_group,
    money_in,
    status_at,
)
from kongthun.welfare.reports.domain.common import (
    BENEFIT_ACCOUNTS,
    CLOSING_SOURCE,
    benefit_label,
    check_range,
    percent_text,
    shares,
    year_bounds,
)
from kongthun.welfare.reports.domain.member import BenefitRow, MemberInfo, MemberStatement, ReceiptRow, member_statement
from kongthun.welfare.reports.domain.statements import (
    AccountInfo,
    AccountTotals,
    AnnualStatements,
    FinancialPosition,
    IncomeStatement,
    StatementLine,
    annual_statements,
    financial_position,
    income_statement,
)

__all__ = [
    "BENEFIT_ACCOUNTS", "CLOSING_SOURCE", "AccountInfo", "AccountTotals", "AgeGroup", "AnnualStatements",
    "BenefitKindLine", "BenefitRow", "CashBook", "CashBookRow", "CashLine", "CodiReport", "FinancialPosition",
    "IncomeStatement", "LedgerFigures", "MemberInfo", "MemberMovement", "MemberRecord", "MemberStatement",
    "MembersByGroup", "Mismatch", "PaidClaim", "ReceiptRow", "Source", "SourceLine", "StatementLine", "age_group",
    "annual_statements", "benefit_label", "benefits_by_kind", "cash_book", "check_against_ledger", "check_range",
    "codi_report", "financial_position", "income_statement", "member_movement", "member_statement",
    "members_by_group", "money_in", "percent_text", "shares", "status_at", "year_bounds",
]
