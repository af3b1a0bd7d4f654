"""Welfare claims (คำขอรับสวัสดิการ): list, read, submit, approve, reject, pay, through the claims
actions (the regulation decides the amount; the maker may not check their own claim)."""

from datetime import date

from ninja import Router, Schema
from ninja.pagination import paginate

from kongthun.access.domain import Permission
from kongthun.errors import DomainError, choice
from kongthun.interfaces.api.core import Count, Id, Pages, Satang, actor, scope
from kongthun.interfaces.api.idempotency import respond_once
from kongthun.interfaces.api.orgs import PAGE, _Mapped
from kongthun.orgs.selectors import organization_get
from kongthun.people.selectors import membership_get
from kongthun.welfare.claims.actions import claim_approve, claim_pay, claim_reject, claim_submit
from kongthun.welfare.claims.domain import ClaimStatus
from kongthun.welfare.claims.selectors import claim_get, claim_list

router = Router(tags=["claims"])


class ClaimOut(Schema):
    id: int
    number: int
    membership_id: int
    member_no: str
    kind: str
    event_date: date
    status: str
    amount_satang: int
    explanation: list[dict]
    submitted_on: date
    decided_on: date | None
    decision_reason: str
    paid_on: date | None

    @staticmethod
    def of(c) -> dict:
        return {"id": c.pk, "number": c.number, "membership_id": c.membership_id,
                "member_no": c.membership.member_no, "kind": c.kind, "event_date": c.event_date,
                "status": c.status, "amount_satang": c.amount, "explanation": c.explanation,
                "submitted_on": c.submitted_on, "decided_on": c.decided_on, "decision_reason": c.decision_reason,
                "paid_on": c.paid_on}


class ClaimIn(Schema):
    membership_id: Id
    kind: str
    event_date: date
    on: date
    recipient: str = "member"
    admitted_on: date | None = None
    discharged_on: date | None = None
    nights: Count | None = None
    facts: dict = {}
    evidence: list[str] = []
    claimed_satang: Satang | None = None
    event_ref: str = ""
    paid_up_to: date | None = None


class DecisionIn(Schema):
    on: date
    reason: str = ""


class PayIn(Schema):
    paid_on: date


def _claim(request, org_id: Id, claim_id: Id):
    c = claim_get(scope=scope(request), claim_id=claim_id)
    if c.organization_id != org_id:
        raise DomainError("not_found.claim", "ไม่พบคำขอนี้", "No such claim", "claim")
    return c


@router.get("/organizations/{org_id}/claims", response=list[ClaimOut], summary="Claims / คำขอรับสวัสดิการ")
@paginate(Pages, page_size=PAGE)
def claims(request, org_id: Id, status: str | None = None):
    s = scope(request)
    organization_get(scope=s, organization_id=org_id, perm=Permission.VIEW_PEOPLE)
    wanted = choice(ClaimStatus, status, where="status").value if status else None
    return _Mapped(claim_list(scope=s, organization_id=org_id, status=wanted), ClaimOut.of)


@router.get("/organizations/{org_id}/claims/{claim_id}", response=ClaimOut, summary="One claim / คำขอ")
def claim(request, org_id: Id, claim_id: Id):
    return ClaimOut.of(_claim(request, org_id, claim_id))


@router.post("/organizations/{org_id}/claims", response={201: ClaimOut}, summary="Submit a claim / ยื่นคำขอ")
def claim_post(request, org_id: Id, body: ClaimIn):
    def run():
        a = actor(request)
        org = organization_get(scope=a.scope, organization_id=org_id, perm=Permission.VIEW_PEOPLE)
        m = membership_get(scope=a.scope, organization_id=org_id, membership_id=body.membership_id)
        c = claim_submit(organization=org, membership=m, kind=body.kind, event_date=body.event_date, on=body.on,
                         actor=a, recipient=body.recipient, admitted_on=body.admitted_on,
                         discharged_on=body.discharged_on, nights=body.nights, facts=body.facts,
                         evidence=body.evidence, claimed=body.claimed_satang, event_ref=body.event_ref,
                         paid_up_to=body.paid_up_to)
        return ClaimOut.of(c)

    return respond_once(request, run)


def _step(request, org_id: Id, claim_id: Id, do):
    return respond_once(request, lambda: ClaimOut.of(do(_claim(request, org_id, claim_id), actor(request))), 200)


@router.post("/organizations/{org_id}/claims/{claim_id}/approve", response=ClaimOut, summary="Approve / อนุมัติ")
def approve(request, org_id: Id, claim_id: Id, body: DecisionIn):
    return _step(request, org_id, claim_id, lambda c, a: claim_approve(claim=c, on=body.on, actor=a,
                                                                       reason=body.reason))


@router.post("/organizations/{org_id}/claims/{claim_id}/reject", response=ClaimOut, summary="Reject / ไม่อนุมัติ")
def reject(request, org_id: Id, claim_id: Id, body: DecisionIn):
    return _step(request, org_id, claim_id, lambda c, a: claim_reject(claim=c, on=body.on, actor=a,
                                                                      reason=body.reason))


@router.post("/organizations/{org_id}/claims/{claim_id}/pay", response=ClaimOut, summary="Pay / จ่ายเงิน")
def pay(request, org_id: Id, claim_id: Id, body: PayIn):
    return _step(request, org_id, claim_id, lambda c, a: claim_pay(claim=c, paid_on=body.paid_on, actor=a))
