"""The only writer of regulations and claims (ระเบียบ, คำขอรับสวัสดิการ).

Submit (treasurer) -> approve or reject (a committee member who did not submit it) -> pay
(treasurer, once). The entitlement is the rules engine's decision under the version of the
fund's regulation in force on the event date, stored with its explanation line by line.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.db.models import Max, Q, Sum
from django.utils import timezone

from kongthun.access.domain import Permission
from kongthun.audit.actions import Actor, audit_record
from kongthun.clock import format_be, utc_now
from kongthun.errors import DomainError, choice
from kongthun.ledger.actions import entry_post
from kongthun.ledger.charts import CASH_ACCOUNTS
from kongthun.ledger.domain import credit, debit
from kongthun.ledger.models import Account
from kongthun.money import Satang, format_baht
from kongthun.orgs.domain import OrgKind
from kongthun.orgs.models import Organization
from kongthun.people.actions import membership_status_change
from kongthun.people.models import Membership, MembershipStatus, Person
from kongthun.welfare import rules
from kongthun.welfare.claims import domain
from kongthun.welfare.claims.domain import ClaimStatus, NewClaim, PriorClaim
from kongthun.welfare.claims.models import Claim, FundRegulation, Recipient
from kongthun.welfare.contributions.models import ContributionPlan
from kongthun.welfare.contributions.selectors import member_standing

# Submitting and paying are the treasurer's (who posts to the books); deciding is the committee's.
# Until access grows a permission of its own for claims, the committee's is the one that closes the books.
SUBMIT = Permission.POST_ENTRIES
PAY = Permission.POST_ENTRIES
DECIDE = Permission.DECIDE_CLAIMS


@transaction.atomic
def regulation_adopt(*, organization: Organization, text: str, actor: Actor, why: str) -> FundRegulation:
    """Adopt a regulation (รับรองระเบียบ) as voted: refused with every problem the rules engine finds
    (path, line, Thai and English), and nothing written."""
    actor.scope.require(DECIDE, organization.pk)
    if organization.kind != OrgKind.WELFARE_FUND:
        raise DomainError("invalid.org_kind", "ระเบียบสวัสดิการใช้ได้กับกองทุนสวัสดิการชุมชนเท่านั้น",
                          "A benefit regulation belongs to a community welfare fund", "organization")
    regulation, issues = rules.check_text(text)
    if issues or regulation is None:
        raise _invalid_regulation(issues)
    if not regulation.versions:
        raise DomainError("invalid.regulation_empty", "ระเบียบไม่มีฉบับที่ใช้บังคับ (versions)",
                          "The regulation has no versions", "versions")
    newest = regulation.versions[-1]
    row = FundRegulation.objects.create(
        organization=organization, version_label=newest.title_th, effective_from=newest.effective_from, text=text,
        why=why, uploaded_by_id=actor.user_id, uploaded_at=utc_now(),
    )
    audit_record(actor=actor, action="regulation_adopt", obj_type="fund_regulation", obj_id=row.pk,
                 organization_id=organization.pk, before=None, why=why,
                 after={"version": row.version_label, "effective_from": row.effective_from.isoformat(),
                        "versions": [v.effective_from.isoformat() for v in regulation.versions],
                        "chars": len(text)})
    return row


def _invalid_regulation(issues: list[rules.Issue]) -> DomainError:
    shown = issues[:10]
    more_th = f" และอีก {len(issues) - 10} จุด" if len(issues) > 10 else ""
    more_en = f" and {len(issues) - 10} more" if len(issues) > 10 else ""
    return DomainError(
        "invalid.regulation",
        f"ระเบียบไม่ถูกต้อง {len(issues)} จุด: " + "; ".join(f"{i.where()}: {i.message_th}" for i in shown) + more_th,
        f"The regulation has {len(issues)} problems: " + "; ".join(f"{i.where()}: {i.message_en}" for i in shown)
        + more_en,
        issues[0].where() if issues else "",
        {"issues": [{"code": i.code, "path": i.path, "line": i.line, "th": i.message_th, "en": i.message_en}
                    for i in issues]},
    )


def regulation_in_force(organization_id: int, event_date: date) -> tuple[FundRegulation, rules.Regulation]:
    """The newest adopted text that has a version in force on the event date."""
    for row in FundRegulation.objects.filter(organization_id=organization_id).order_by("-uploaded_at", "-id"):
        regulation = rules.load_text(row.text)
        if regulation.version_on(event_date) is not None:
            return row, regulation
    raise DomainError("conflict.no_regulation", f"กองทุนไม่มีระเบียบที่ใช้บังคับ ณ วันที่ {format_be(event_date)}",
                      f"The fund has no regulation in force on {format_be(event_date, language='en')}",
                      "event_date")


def _contributions_paid_up_to(actor: Actor, membership: Membership, on: date) -> date | None:
    """How far the member's contributions are paid, from the fund's receipts; None where the fund
    keeps no contribution plan in kongthun (its regulation's paid-up clause then decides)."""
    if not ContributionPlan.objects.filter(organization_id=membership.organization_id, effective_from__lte=on).exists():
        return None
    return member_standing(scope=actor.scope, membership=membership, on=on).paid_up_to


@transaction.atomic
def claim_submit(
    *,
    organization: Organization,
    membership: Membership,
    kind: str,
    event_date: date,
    on: date,
    actor: Actor,
    recipient: str = Recipient.MEMBER,
    admitted_on: date | None = None,
    discharged_on: date | None = None,
    nights: int | None = None,
    facts: Mapping[str, object] | None = None,
    evidence: Iterable[str] = (),
    claimed: Satang | None = None,
    event_ref: str = "",
    subject_birth_date: date | None = None,
    paid_up_to: date | None = None,
) -> Claim:
    """Submit a claim for a member (ยื่นคำขอ) on the business date `on` and compute what the regulation grants.

    `subject_birth_date` is the birth date of the person the benefit is about when it is not the
    member (a child's scholarship); `paid_up_to` is how far the member's contributions are paid.
    A claim the regulation refuses, a duplicate, or one for a member who may not claim is refused
    with the reason and nothing is written. A death claim records the member's death and rejects the
    member's allowances still pending for days after it."""
    actor.scope.require(SUBMIT, organization.pk)
    org = Organization.objects.select_for_update().get(pk=organization.pk)
    m = Membership.objects.filter(pk=membership.pk, organization=org).select_related("person__household").first()
    if m is None:
        raise DomainError("not_found.membership", "ไม่พบสมาชิกนี้ในกองทุน", "No such member in this fund", "membership")
    # One claim at a time per person, across funds: the network-wide duplicate check cannot race.
    person = Person.objects.select_for_update().get(pk=m.person_id)
    recipient = choice(Recipient, recipient, where="recipient").value
    if kind == "hospital":
        nights = domain.stay_nights(admitted_on, discharged_on, nights)
        if admitted_on is not None and admitted_on != event_date:
            raise DomainError("invalid.stay_dates", "วันที่เกิดเหตุของการนอนโรงพยาบาลคือวันที่เข้ารับการรักษา",
                              "A hospital stay's event date is its admission date", "event_date")
    elif admitted_on or discharged_on:
        raise DomainError("invalid.stay_dates", "วันที่เข้า-ออกโรงพยาบาลใช้กับสวัสดิการนอนโรงพยาบาลเท่านั้น",
                          "Admission and discharge dates belong to hospital claims only", "admitted_on")
    domain.check_membership(m.status, m.status_on, kind, event_date)
    if paid_up_to is None:
        paid_up_to = _contributions_paid_up_to(actor, m, event_date)
    if claimed is not None and (not isinstance(claimed, int) or isinstance(claimed, bool) or claimed < 0):
        raise DomainError("invalid.amount", "จำนวนเงินที่ขอต้องเป็นจำนวนเต็มสตางค์ไม่ติดลบ",
                          "The amount claimed must be a non-negative whole number of satang", "claimed")
    regulation_row, regulation = regulation_in_force(org.pk, event_date)
    if paid_up_to is None:
        _require_plan_for_paid_up(regulation, kind, event_date)
    new = NewClaim(org.pk, kind, event_date, admitted_on, discharged_on)
    dup = domain.duplicate_of(new, _prior_claims(org, person))
    if dup is not None:
        raise domain.duplicate_error(new, dup)
    household = person.household.code if person.household else ""
    event_ref = event_ref or (f"stay:{admitted_on.isoformat()}" if admitted_on else f"{kind}:{event_date.isoformat()}")
    facts = {str(k): str(v) for k, v in (facts or {}).items()}
    evidence = sorted({str(d).strip() for d in evidence if str(d).strip()})
    engine_claim = rules.Claim(
        claim_id="new", member_no=m.member_no, kind=kind, event_date=event_date, joined_on=m.joined_on,
        birth_date=subject_birth_date or person.birth_date, paid_up_to=paid_up_to, household=household,
        recipient=recipient, nights=nights or 0, event_id=event_ref, claimed=claimed,
        documents=frozenset(evidence), facts=facts,
    )
    decision = rules.evaluate(regulation, engine_claim, _history(org, m, household),
                              rules.Context(fund_balance=_cash(org)))
    lines = [{"th": x.th, "en": x.en} for x in decision.lines]
    if decision.refused or decision.amount <= 0:
        last = decision.lines[-1]
        raise DomainError("conflict.claim_refused", f"ไม่มีสิทธิ์ได้รับ: {last.th}", f"Not entitled: {last.en}",
                          kind, {"explanation": lines})
    payees = _payees(m, person, recipient, household, decision.amount)
    number = (Claim.objects.filter(organization=org).aggregate(n=Max("number"))["n"] or 0) + 1
    ref = decision.decided_by
    claim = Claim.objects.create(
        organization=org, number=number, membership=m, person=person, household_code=household, kind=kind,
        event_date=event_date, admitted_on=admitted_on, discharged_on=discharged_on, nights=nights or 0,
        event_ref=event_ref, claimed=claimed, facts=facts, evidence=evidence, recipient=recipient, payees=payees,
        status=ClaimStatus.SUBMITTED, amount=decision.amount, outcome=decision.outcome.value, explanation=lines,
        decided_clause=f"{ref.version_th} ข้อ {ref.no}" if ref else "", regulation=regulation_row,
        submitted_by_id=actor.user_id, submitted_at=utc_now(), submitted_on=on,
    )
    if kind == "death" and m.status != MembershipStatus.DECEASED:
        membership_status_change(membership=m, status=MembershipStatus.DECEASED, on=event_date, actor=actor,
                                 why=f"คำขอค่าทำศพเลขที่ {number}")
    if kind == "death":
        _stop_allowances(m, event_date, on, actor, number)
    audit_record(actor=actor, action="claim_submit", obj_type="claim", obj_id=claim.pk, organization_id=org.pk,
                 before=None, after=_snapshot(claim))
    return claim


def _require_plan_for_paid_up(regulation: rules.Regulation, kind: str, event_date: date) -> None:
    """Paid-up status unknown (no contribution plan, none given): a paid-up clause could only refuse."""
    version = regulation.version_on(event_date)
    clause = next((c for c in version.clauses_for(kind) if c.kind.name == "paid_up"), None) if version else None
    if clause is not None:
        raise domain.no_contribution_plan(clause.no)


def _stop_allowances(m: Membership, died_on: date, on: date, actor: Actor, death_claim: int) -> None:
    """A death stops recurring allowances: the member's pending (not yet paid) allowance claims for days
    after the death are rejected (ไม่อนุมัติ เพราะสมาชิกเสียชีวิต), each audited."""
    pending = (Claim.objects.select_for_update().select_related("membership")
               .filter(membership=m, status__in=[ClaimStatus.SUBMITTED, ClaimStatus.APPROVED])
               .order_by("number"))
    for c in pending:
        if not domain.is_stopped_by_death(c.kind, c.event_date, died_on):
            continue
        before = _snapshot(c)
        c.status, c.decided_by_id, c.decided_at = ClaimStatus.REJECTED, actor.user_id, utc_now()
        c.decided_on, c.decision_reason = max(on, c.submitted_on), domain.DIED_REASON
        c.save(update_fields=["status", "decided_by", "decided_at", "decided_on", "decision_reason"])
        audit_record(actor=actor, action="claim_reject_on_death", obj_type="claim", obj_id=c.pk,
                     organization_id=c.organization_id, before=before, after=_snapshot(c),
                     why=f"{domain.DIED_REASON} (คำขอค่าทำศพเลขที่ {death_claim})")


def _prior_claims(org: Organization, person: Person) -> list[PriorClaim]:
    """This person's live claims in this fund and in the other funds of its network (same parent)."""
    where = Q(organization=org)
    if org.parent_id is not None:
        where |= Q(organization__parent_id=org.parent_id)
    rows = (Claim.objects.filter(where, person=person).exclude(status=ClaimStatus.REJECTED)
            .select_related("organization", "membership").order_by("organization_id", "number"))
    return [PriorClaim(c.number, c.organization_id, c.organization.name_th, c.membership.member_no, c.kind,
                       c.event_date, c.admitted_on, c.discharged_on) for c in rows]


def _history(org: Organization, m: Membership, household: str) -> list[rules.Paid]:
    """Benefits granted or pending in this fund to the member or the household: what limits and
    yearly caps count. Pending claims count too, so two claims waiting together cannot both take
    the whole of a yearly cap."""
    who = Q(membership=m) | (Q(household_code=household) if household else Q(pk__in=[]))
    rows = Claim.objects.filter(who, organization=org).exclude(status=ClaimStatus.REJECTED).select_related(
        "membership")
    return [rules.Paid(c.membership.member_no, c.kind, c.event_date, c.amount, c.household_code, c.nights,
                       c.event_ref) for c in rows]


def _cash(org: Organization) -> Satang:
    """The fund's money on hand and in the bank: what a share-of-the-fund cap is measured against."""
    return Account.objects.filter(organization=org, code__in=CASH_ACCOUNTS).aggregate(s=Sum("balance"))["s"] or 0


def _payees(m: Membership, person: Person, recipient: str, household: str, amount: Satang) -> list[dict]:
    if recipient == Recipient.BENEFICIARY:
        shares = [(b.name_th, b.relation, b.share_percent) for b in m.beneficiaries.order_by("id")]
        return [p.__dict__ for p in domain.split_by_shares(amount, shares)]
    if recipient == Recipient.HOUSEHOLD:
        if not household:
            raise DomainError("conflict.no_household", "สมาชิกไม่มีข้อมูลครัวเรือน", "The member has no household",
                              "recipient")
        return [{"name": f"ครัวเรือน {household}", "relation": "household", "share_percent": 100, "amount": amount}]
    return [{"name": person.full_name_th, "relation": "member", "share_percent": 100, "amount": amount}]


def _snapshot(c: Claim) -> dict:
    # Kind and dates, not the medical facts: the audit trail is read more widely than the claim.
    return {"number": c.number, "member_no": c.membership.member_no, "kind": c.kind,
            "event_date": c.event_date.isoformat(), "nights": c.nights, "amount": c.amount, "status": c.status,
            "recipient": c.recipient, "clause": c.decided_clause, "regulation": c.regulation_id,
            "paid_entry": c.paid_entry_id, "submitted_on": c.submitted_on.isoformat(),
            "decided_on": c.decided_on.isoformat() if c.decided_on else None}


def _locked(claim: Claim) -> Claim:
    return Claim.objects.select_for_update().select_related("membership", "organization").get(pk=claim.pk)


def _check_checker(c: Claim, actor: Actor) -> None:
    """Maker-checker (ผู้ยื่นกับผู้อนุมัติต้องเป็นคนละคน)."""
    if actor.user_id is None:
        raise DomainError("forbidden.decider_unnamed", "การพิจารณาคำขอต้องทำโดยกรรมการที่ระบุตัวได้",
                          "A claim is decided by a named committee member", "actor")
    if actor.user_id == c.submitted_by_id:
        raise DomainError("forbidden.maker_checker",
                          f"คุณเป็นผู้ยื่นคำขอเลขที่ {c.number} จึงพิจารณาคำขอนี้เองไม่ได้ ต้องให้กรรมการคนอื่นพิจารณา",
                          f"You submitted claim no. {c.number}, so you may not decide it: another committee "
                          "member must", "actor")


def _require_status(c: Claim, wanted: ClaimStatus) -> None:
    if c.status != wanted:
        th, en = c.status_label
        raise DomainError("conflict.claim_status", f"คำขอเลขที่ {c.number} อยู่ในสถานะ '{th}' แล้ว",
                          f"Claim no. {c.number} is already {en.lower()}", "status", {"status": c.status})


def _decide(claim: Claim, actor: Actor, status: ClaimStatus, reason: str, action: str, on: date) -> Claim:
    actor.scope.require(DECIDE, claim.organization_id)
    c = _locked(claim)
    _check_checker(c, actor)
    _require_status(c, ClaimStatus.SUBMITTED)
    domain.check_decided_on(c.number, c.submitted_on, on)
    before = _snapshot(c)
    c.status, c.decided_by_id, c.decided_at, c.decision_reason = status, actor.user_id, utc_now(), reason.strip()
    c.decided_on = on
    c.save(update_fields=["status", "decided_by", "decided_at", "decided_on", "decision_reason"])
    audit_record(actor=actor, action=action, obj_type="claim", obj_id=c.pk, organization_id=c.organization_id,
                 before=before, after=_snapshot(c), why=reason)
    return c


@transaction.atomic
def claim_approve(*, claim: Claim, on: date, actor: Actor, reason: str = "") -> Claim:
    """Approve (อนุมัติ) a submitted claim on the business date `on`: a committee member who did not
    submit it, once, not before the day it was submitted."""
    return _decide(claim, actor, ClaimStatus.APPROVED, reason, "claim_approve", on)


@transaction.atomic
def claim_reject(*, claim: Claim, on: date, actor: Actor, reason: str) -> Claim:
    """Reject (ไม่อนุมัติ) a submitted claim on the business date `on`, with the reason recorded."""
    if not reason.strip():
        raise DomainError("invalid.reason_required", "กรุณาระบุเหตุผลที่ไม่อนุมัติ", "Give the reason for rejecting",
                          "reason")
    return _decide(claim, actor, ClaimStatus.REJECTED, reason, "claim_reject", on)


@transaction.atomic
def claim_pay(*, claim: Claim, paid_on: date, actor: Actor, cash_account: str = "1101") -> Claim:
    """Pay an approved claim (จ่ายสวัสดิการ) on or after its approval date: debit the benefit's expense
    account, credit cash. Paying a claim already paid returns it unchanged: it is paid once."""
    actor.scope.require(PAY, claim.organization_id)
    c = _locked(claim)
    if c.status == ClaimStatus.PAID:
        return c
    _require_status(c, ClaimStatus.APPROVED)
    domain.check_paid_on(c.number, c.decided_on, paid_on)
    if cash_account not in CASH_ACCOUNTS:
        raise DomainError("invalid.cash_account", f"จ่ายได้จากบัญชี {', '.join(CASH_ACCOUNTS)} เท่านั้น",
                          f"Pay from one of the accounts {', '.join(CASH_ACCOUNTS)}", "cash_account")
    # Lock the fund before reading its cash, so two payments at once cannot both spend the same baht.
    Organization.objects.select_for_update().get(pk=c.organization_id)
    cash = Account.objects.filter(organization_id=c.organization_id, code=cash_account).values_list(
        "balance", flat=True).first() or 0
    if cash < c.amount:
        raise DomainError("conflict.insufficient_cash",
                          f"เงินในบัญชี {cash_account} มี {format_baht(cash)} ไม่พอจ่าย {format_baht(c.amount)}",
                          f"Account {cash_account} holds {format_baht(cash, unit='baht')}, "
                          f"not enough to pay {format_baht(c.amount, unit='baht')}", "cash_account")
    payees = ", ".join(p["name"] for p in c.payees)
    benefit = rules.load_text(c.regulation.text).benefits.get(c.kind)
    entry = entry_post(
        organization=c.organization, date=paid_on, actor=actor, source="claim_pay",
        lines=[debit(domain.expense_account(c.kind), c.amount), credit(cash_account, c.amount)],
        memo=f"จ่ายสวัสดิการ{benefit.label_th if benefit else c.kind} คำขอเลขที่ {c.number} แก่ {payees}"[:300],
        idempotency_key=f"claim-pay-{c.pk}",
    )
    before = _snapshot(c)
    c.status, c.paid_entry, c.paid_on = ClaimStatus.PAID, entry, paid_on
    c.save(update_fields=["status", "paid_entry", "paid_on"])
    audit_record(actor=actor, action="claim_pay", obj_type="claim", obj_id=c.pk, organization_id=c.organization_id,
                 before=before, after=_snapshot(c))
    return c


# --- a disaster: many households' claims at once ------------------------------------------------------


@dataclass(frozen=True)
class DisasterLine:
    """One household's claim after a disaster: the member who claims, the damage claimed, what was lost."""

    membership_id: int
    claimed: Satang
    damage: str = ""


@transaction.atomic
def disaster_claims_submit(
    *,
    organization: Organization,
    event_ref: str,
    event_date: date,
    lines: Sequence[DisasterLine],
    actor: Actor,
    kind: str = "disaster",
    evidence: Iterable[str] = (),
    on: date | None = None,
) -> list[Claim]:
    """Submit the claims of a disaster (ภัยพิบัติ: fire, flood, storm) in one go, all or nothing: each line is
    judged by the regulation like any claim, and one refused line refuses the batch with its line number
    and reason. The event names the batch: sending the same households again returns the same claims.
    `on` is the business date of submission (today in Bangkok when not given)."""
    actor.scope.require(SUBMIT, organization.pk)
    on = on or timezone.localdate()
    event_ref = event_ref.strip()
    if not event_ref:
        raise DomainError("invalid.event_ref", "กรุณาระบุชื่อเหตุการณ์ เช่น น้ำท่วมบ้านหนองบัว ต.ค. 2567",
                          "Name the event, e.g. the flood in Ban Nong Bua, October 2024", "event_ref")
    lines = tuple(lines)
    if not lines:
        raise DomainError("invalid.no_lines", "ไม่มีรายการคำขอ", "The batch has no claims", "lines")
    prior = list(Claim.objects.filter(organization=organization, event_ref=event_ref, kind=kind).order_by("number"))
    if prior:
        if sorted(c.membership_id for c in prior) == sorted(x.membership_id for x in lines):
            return prior
        raise DomainError("conflict.event_recorded", f"เหตุการณ์ '{event_ref}' บันทึกคำขอไว้แล้ว {len(prior)} ราย",
                          f"Claims for the event '{event_ref}' were already recorded ({len(prior)})", "event_ref")
    out = []
    for i, line in enumerate(lines, start=1):
        m = Membership.objects.filter(pk=line.membership_id, organization=organization).first()
        try:
            if m is None:
                raise DomainError("not_found.membership", "ไม่พบสมาชิกนี้ในกองทุน", "No such member in this fund")
            out.append(claim_submit(
                organization=organization, membership=m, kind=kind, event_date=event_date, on=on, actor=actor,
                claimed=line.claimed, event_ref=event_ref, evidence=evidence,
                facts={"damage": line.damage} if line.damage else None,
            ))
        except DomainError as exc:
            who = f"สมาชิกเลขที่ {m.member_no}" if m else f"สมาชิกรหัส {line.membership_id}"
            who_en = f"member {m.member_no}" if m else f"member id {line.membership_id}"
            raise DomainError(exc.code, f"บรรทัดที่ {i} ({who}): {exc.message_th}",
                              f"Line {i} ({who_en}): {exc.message_en}", f"lines[{i}]", exc.details) from exc
    audit_record(actor=actor, action="disaster_claims_submit", obj_type="organization", obj_id=organization.pk,
                 organization_id=organization.pk, before=None,
                 after={"event_ref": event_ref, "event_date": event_date.isoformat(), "kind": kind,
                        "claims": [c.number for c in out], "amount": sum(c.amount for c in out)})
    return out
