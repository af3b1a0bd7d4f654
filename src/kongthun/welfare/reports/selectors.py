"""Reads behind the reports, always through the reader's Scope: the fund's reports need VIEW_BOOKS; a
member may read their own statement. Each gathers plain rows with a few grouped queries and hands
them to the pure builders in `domain`."""

from __future__ import annotations

from datetime import date

from django.db.models import Q, QuerySet, Sum

from kongthun.access.domain import Permission
from kongthun.access.scope import Scope
from kongthun.errors import DomainError
from kongthun.ledger.charts import CASH_ACCOUNTS
from kongthun.ledger.domain import AccountType
from kongthun.ledger.models import Account, JournalEntry, JournalLine
from kongthun.orgs.models import Organization
from kongthun.people.models import Membership
from kongthun.welfare import rules
from kongthun.welfare.claims.domain import ClaimStatus
from kongthun.welfare.claims.models import Claim, FundRegulation
from kongthun.welfare.contributions.selectors import member_receipts, member_standing
from kongthun.welfare.reports import domain
from kongthun.welfare.reports.domain import BENEFIT_ACCOUNTS, CLOSING_SOURCE


def year_of(organization: Organization, year_name: int) -> tuple[date, date]:
    """First and last day of the fund's accounting year `year_name` (BE)."""
    return domain.year_bounds(organization.accounting_year, year_name)


def report_years(*, scope: Scope, organization: Organization, today: date) -> list[int]:
    """Accounting years with entries in the fund's books, and the current one; newest first."""
    scope.require(Permission.VIEW_BOOKS, organization.pk)
    year = organization.accounting_year
    dates = JournalEntry.objects.filter(organization=organization).values_list("date", flat=True)
    first = dates.order_by("date").first() or today
    last = max(dates.order_by("-date").first() or today, today)
    return list(range(year.name_of(last), year.name_of(first) - 1, -1))


def _closing_entries(organization_id: int) -> QuerySet:
    """Year-end closing entries and any reversal of one."""
    return JournalEntry.objects.filter(organization_id=organization_id).filter(
        Q(source=CLOSING_SOURCE) | Q(reverses__source=CLOSING_SOURCE)).values("pk")


def accounts_of(organization_id: int) -> dict[int, domain.AccountInfo]:
    return {pk: domain.AccountInfo(code, th, en, AccountType(t)) for pk, code, th, en, t in
            Account.objects.filter(organization_id=organization_id).values_list("pk", "code", "name_th", "name_en",
                                                                                "type")}


def account_totals(*, scope: Scope, organization_id: int, date_from: date, date_to: date) -> list[domain.AccountTotals]:
    """Each account's lines before the period, in it (closing entries left out), and its closing lines."""
    scope.require(Permission.VIEW_BOOKS, organization_id)
    domain.check_range(date_from, date_to)
    closing = Q(entry_id__in=_closing_entries(organization_id))
    in_period = Q(entry__date__gte=date_from)
    rows = (JournalLine.objects.filter(organization_id=organization_id, entry__date__lte=date_to)
            .values("account_id")
            .annotate(before=Sum("amount", filter=Q(entry__date__lt=date_from)),
                      during=Sum("amount", filter=in_period & ~closing),
                      closing=Sum("amount", filter=in_period & closing))
            .values_list("account_id", "before", "during", "closing"))
    sums = {pk: (b or 0, d or 0, c or 0) for pk, b, d, c in rows}
    return [domain.AccountTotals(a, *sums.get(pk, (0, 0, 0))) for pk, a in accounts_of(organization_id).items()]


def ledger_figures(*, scope: Scope, organization_id: int, date_from: date, date_to: date) -> domain.LedgerFigures:
    """The ledger's figures read another way: balances at the end as each account's stored balance less the
    lines dated after the period; movements of the period; benefits debited by claim payments."""
    scope.require(Permission.VIEW_BOOKS, organization_id)
    lines = JournalLine.objects.filter(organization_id=organization_id)
    later = dict(lines.filter(entry__date__gt=date_to).values("account__code").annotate(s=Sum("amount"))
                 .values_list("account__code", "s"))
    moved = dict(lines.filter(entry__date__gte=date_from, entry__date__lte=date_to)
                 .exclude(entry_id__in=_closing_entries(organization_id))
                 .values("account__code").annotate(s=Sum("amount")).values_list("account__code", "s"))
    claims = lines.filter(entry__date__gte=date_from, entry__date__lte=date_to, entry__source="claim_pay",
                          account__code__in=BENEFIT_ACCOUNTS).aggregate(s=Sum("amount"))["s"] or 0
    accounts = Account.objects.filter(organization_id=organization_id).values_list("code", "type", "balance")
    return domain.LedgerFigures(
        date_from, date_to, types={c: AccountType(t) for c, t, _ in accounts},
        balances_at_end={c: b - later.get(c, 0) for c, _, b in accounts}, movements=moved, claim_payments=claims)


# --- the reports --------------------------------------------------------------------------------------


def annual_statements_get(*, scope: Scope, organization: Organization, year_name: int) -> domain.AnnualStatements:
    start, end = year_of(organization, year_name)
    totals = account_totals(scope=scope, organization_id=organization.pk, date_from=start, date_to=end)
    return domain.annual_statements(year_name, start, end, totals)


def cash_book_get(*, scope: Scope, organization: Organization, date_from: date, date_to: date) -> domain.CashBook:
    scope.require(Permission.VIEW_BOOKS, organization.pk)
    domain.check_range(date_from, date_to)
    cash = JournalLine.objects.filter(organization=organization, account__code__in=CASH_ACCOUNTS)
    opening = dict(cash.filter(entry__date__lt=date_from).values("account__code").annotate(s=Sum("amount"))
                   .values_list("account__code", "s"))
    rows = (cash.filter(entry__date__gte=date_from, entry__date__lte=date_to)
            .values_list("entry__date", "entry__number", "account__code", "amount", "entry__memo", "memo"))
    lines = [domain.CashLine(d, n, code, amount, line_memo or memo) for d, n, code, amount, memo, line_memo in rows]
    return domain.cash_book(date_from, date_to, opening, lines)


def benefit_labels(organization_id: int) -> dict[str, tuple[str, str]]:
    """kind -> (Thai, English) from the fund's adopted regulations, the newest label winning."""
    out: dict[str, tuple[str, str]] = {}
    for text in FundRegulation.objects.filter(organization_id=organization_id).order_by("uploaded_at", "id") \
            .values_list("text", flat=True):
        for kind, b in rules.load_text(text).benefits.items():
            out[kind] = (b.label_th, b.label_en)
    return out


def member_statement_get(*, scope: Scope, membership: Membership, on: date) -> domain.MemberStatement:
    """ใบแจ้งยอดสมาชิก on a date: the member themself, or those who may see the fund's people."""
    receipts = [domain.ReceiptRow(r.number, r.issued_on, r.amount, r.entry_fee, r.periods, r.covered_from,
                                  r.covered_to, r.is_void, r.void_reason)
                for r in member_receipts(scope=scope, membership=membership)]
    try:
        standing = member_standing(scope=scope, membership=membership, on=on)
    except DomainError as exc:
        if exc.code != "conflict.no_plan":
            raise
        standing = None
    labels = benefit_labels(membership.organization_id)
    benefits = [domain.BenefitRow(n, kind, event, paid, amount, *domain.benefit_label(kind, labels))
                for n, kind, event, paid, amount in
                Claim.objects.filter(membership=membership, status=ClaimStatus.PAID)
                .values_list("number", "kind", "event_date", "paid_on", "amount")]
    person = membership.person
    member = domain.MemberInfo(membership.member_no, person.full_name_th, membership.joined_on, membership.status,
                               membership.status_on)
    return domain.member_statement(member, on, standing, receipts, benefits)


def _member_records(organization_id: int, through: date) -> list[domain.MemberRecord]:
    members = (Membership.objects.filter(organization_id=organization_id, joined_on__lte=through)
               .select_related("person").prefetch_related("events"))
    return [domain.MemberRecord(m.person_id, m.joined_on, m.person.birth_date,
                                tuple((e.on, e.status) for e in sorted(m.events.all(), key=lambda e: (e.on, e.pk))))
            for m in members]


def codi_report_get(*, scope: Scope, organization: Organization, year_name: int) -> domain.CodiReport:
    """รายงานประจำปีตามแบบ พอช.: counts and sums only, no one's name."""
    start, end = year_of(organization, year_name)
    totals = account_totals(scope=scope, organization_id=organization.pk, date_from=start, date_to=end)
    return domain.codi_report(year_name, start, end, totals, _member_records(organization.pk, end),
                              paid_claims(organization.pk, end), benefit_labels(organization.pk))


def paid_claims(organization_id: int, through: date) -> list[domain.PaidClaim]:
    """Claims paid on or before `through` (the CODI report's and the benefits chart's rows)."""
    return [domain.PaidClaim(*row) for row in
            Claim.objects.filter(organization_id=organization_id, status=ClaimStatus.PAID, paid_on__lte=through)
            .values_list("number", "person_id", "kind", "paid_on", "amount")]
