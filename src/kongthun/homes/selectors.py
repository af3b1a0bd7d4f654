"""What each role's home page shows (หน้าแรกตามบทบาท), read through the user's Scope.

Treasurer: today's work. Committee: what waits for a decision, with the rules engine's explanation.
Auditor: the latest journal, the audit trail, and the organization's own checks. Member: their own
records only. Area roles: see homes.area (aggregates and alerts, never personal data).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from kongthun.access.domain import Permission
from kongthun.access.scope import Scope
from kongthun.errors import DomainError
from kongthun.ledger.selectors import entry_list, trial_balance, year_close_list
from kongthun.orgs.domain import OrgKind
from kongthun.orgs.models import Organization
from kongthun.orgs.selectors import audit_events, cash_balances
from kongthun.people.models import Membership
from kongthun.people.selectors import memberships_of_self

SHORT_LIST = 5  # rows of each list on a home page; the full list is one link away
SAVINGS_KINDS = (OrgKind.SAVINGS_GROUP, OrgKind.OTHER_FINANCE)


@dataclass
class TreasurerToday:
    """งานวันนี้ของเหรัญญิก: one organization's work for the day."""

    org: Organization
    cash: int
    arrears: list = field(default_factory=list)  # welfare: ArrearsRow, most behind first
    arrears_total: int = 0
    due_this_month: int = 0  # savings: members who have not yet paid this month's promise
    loans_overdue: list = field(default_factory=list)  # savings: Position
    claims_waiting: list = field(default_factory=list)


def treasurer_today(*, scope: Scope, organization: Organization, on: date) -> TreasurerToday:
    scope.require(Permission.POST_ENTRIES, organization.pk)
    cash = cash_balances(scope=scope, organization_ids=[organization.pk]).get(organization.pk, 0)
    out = TreasurerToday(organization, cash)
    if organization.kind == OrgKind.WELFARE_FUND:
        from kongthun.welfare.claims.selectors import claim_list
        from kongthun.welfare.contributions.selectors import arrears_list

        try:
            rows = arrears_list(scope=scope, organization_id=organization.pk, on=on)
        except DomainError as exc:
            if exc.code != "conflict.no_plan":
                raise
            rows = []
        out.arrears, out.arrears_total = rows[:SHORT_LIST], len(rows)
        out.claims_waiting = list(claim_list(scope=scope, organization_id=organization.pk, status="submitted")
                                  .select_related("membership__person")[:SHORT_LIST])
    elif organization.kind in SAVINGS_KINDS:
        from kongthun.savings.accounts.selectors import has_policy, members_due
        from kongthun.savings.loans.selectors import portfolio_for

        if has_policy(organization.pk):
            due = members_due(scope=scope, organization_id=organization.pk, month=on.replace(day=1))
            out.due_this_month = sum(1 for d in due if d.paid < d.promise)
        overdue = [p for p in portfolio_for(scope=scope, organization_id=organization.pk, on=on).positions
                   if p.days_overdue > 0]
        overdue.sort(key=lambda p: -p.days_overdue)
        out.loans_overdue, out.arrears_total = overdue[:SHORT_LIST], len(overdue)
    return out


@dataclass
class CommitteeWaiting:
    """รอกรรมการพิจารณา: claims, loan applications and loan changes (write-offs, restructurings)."""

    org: Organization
    claims: list = field(default_factory=list)
    loans: list = field(default_factory=list)
    changes: list = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.claims) + len(self.loans) + len(self.changes)


def committee_waiting(*, scope: Scope, organization: Organization) -> CommitteeWaiting:
    scope.require(Permission.DECIDE_CLAIMS, organization.pk)
    out = CommitteeWaiting(organization)
    if organization.kind == OrgKind.WELFARE_FUND:
        from kongthun.welfare.claims.selectors import claim_list

        out.claims = list(claim_list(scope=scope, organization_id=organization.pk, status="submitted")
                          .select_related("membership__person").order_by("number")[:20])
    elif organization.kind in SAVINGS_KINDS and scope.can(Permission.APPROVE_LOANS, organization.pk):
        from kongthun.savings.loans.selectors import changes_awaiting, loan_list

        out.loans = list(loan_list(scope=scope, organization_id=organization.pk, status="applied")[:20])
        out.changes = list(changes_awaiting(scope=scope, organization_id=organization.pk)
                           .filter(status="requested")[:20])
    return out


@dataclass
class AuditorView:
    """งานผู้ตรวจสอบ: the latest journal, the audit trail and the organization's own checks."""

    org: Organization
    entries: list
    events: list
    balanced: bool
    debits: int
    credits: int
    years_closed: list


def auditor_view(*, scope: Scope, organization: Organization) -> AuditorView:
    scope.require(Permission.VIEW_AUDIT, organization.pk)
    tb = trial_balance(scope=scope, organization_id=organization.pk)
    return AuditorView(
        organization,
        list(entry_list(scope=scope, organization_id=organization.pk)[:SHORT_LIST]),
        list(audit_events(scope=scope, organization_id=organization.pk)[:SHORT_LIST]),
        tb.balanced, tb.debits, tb.credits,
        list(year_close_list(scope=scope, organization_id=organization.pk)[:3]),
    )


@dataclass
class MemberHome:
    """ข้อมูลของฉัน: one membership as its member sees it."""

    membership: Membership
    statement: object  # welfare.reports.domain.MemberStatement
    savings: int | None = None
    shares: int | None = None
    loans: list = field(default_factory=list)


def member_home(*, scope: Scope, on: date) -> list[MemberHome]:
    """The user's own memberships only (the person named on their member role grants)."""
    from kongthun.welfare.reports.selectors import member_statement_get

    out = []
    for m in memberships_of_self(scope=scope):
        home = MemberHome(m, member_statement_get(scope=scope, membership=m, on=on))
        if m.organization.kind in SAVINGS_KINDS:
            from kongthun.savings.accounts.selectors import savings_balance, share_balance
            from kongthun.savings.loans.selectors import member_loans

            home.savings, home.shares = savings_balance(m.pk, on), share_balance(m.pk, on)
            home.loans = member_loans(m.pk, on)
        out.append(home)
    return out
