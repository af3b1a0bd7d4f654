"""Savings-group loans (เงินกู้): list, read, take a repayment, and a batch of up to 1,000 repayments
(all or nothing: one bad item refuses the call, named by its place). Writes go through loans.actions."""

from datetime import date

from ninja import Router, Schema
from ninja.pagination import paginate

from kongthun.access.domain import Permission
from kongthun.errors import DomainError, choice
from kongthun.interfaces.api.core import Id, Pages, Satang, actor, scope
from kongthun.interfaces.api.idempotency import HEADER, idempotency_key, respond_once
from kongthun.interfaces.api.orgs import PAGE, _Mapped
from kongthun.orgs.selectors import organization_get
from kongthun.savings.loans.actions import loan_repay
from kongthun.savings.loans.models import LoanStatus
from kongthun.savings.loans.selectors import loan_get, loan_list

router = Router(tags=["loans"])
BATCH_MAX = 1000


class LoanOut(Schema):
    id: int
    number: str
    membership_id: int
    member_no: str
    product: str
    amount_satang: int
    annual_rate: str
    term_months: int
    status: str
    applied_on: date
    disbursed_on: date | None
    closed_on: date | None
    outstanding_satang: int

    @staticmethod
    def of(loan) -> dict:
        return {"id": loan.pk, "number": loan.number, "membership_id": loan.membership_id,
                "member_no": loan.membership.member_no, "product": loan.product.code, "amount_satang": loan.amount,
                "annual_rate": str(loan.annual_rate), "term_months": loan.term_months, "status": loan.status,
                "applied_on": loan.applied_on, "disbursed_on": loan.disbursed_on, "closed_on": loan.closed_on,
                "outstanding_satang": loan.outstanding}


class RepayIn(Schema):
    amount_satang: Satang
    on: date
    memo: str = ""


class BatchRepayIn(RepayIn):
    loan_id: Id


class BatchIn(Schema):
    repayments: list[BatchRepayIn]


class RepaymentOut(Schema):
    loan_id: int
    loan_number: str
    amount_satang: int
    fine_satang: int
    interest_satang: int
    principal_satang: int
    outstanding_satang: int
    loan_status: str


def _repay(request, org_id: Id, loan_id: Id, body: RepayIn, key: str) -> dict:
    a = actor(request)
    loan = loan_get(scope=a.scope, organization_id=org_id, loan_id=loan_id)
    event = loan_repay(loan=loan, amount=body.amount_satang, on=body.on, actor=a, memo=body.memo,
                       idempotency_key=f"api:{a.user_id}:{key}"[:100])
    loan.refresh_from_db()
    return {"loan_id": loan.pk, "loan_number": loan.number, "amount_satang": event.amount, "fine_satang": event.fine,
            "interest_satang": event.interest, "principal_satang": -event.principal,
            "outstanding_satang": loan.outstanding, "loan_status": loan.status}


def _key(request) -> str:
    key = idempotency_key(request)
    if key is None:
        raise DomainError("invalid.idempotency_key", "การรับชำระเงินกู้ต้องมีหัวข้อ Idempotency-Key",
                          "A repayment needs an Idempotency-Key header", HEADER)
    return key


@router.get("/organizations/{org_id}/loans", response=list[LoanOut], summary="Loans / สัญญาเงินกู้")
@paginate(Pages, page_size=PAGE)
def loans(request, org_id: Id, status: str | None = None):
    s = scope(request)
    organization_get(scope=s, organization_id=org_id, perm=Permission.VIEW_BOOKS)
    wanted = choice(LoanStatus, status, where="status").value if status else None
    return _Mapped(loan_list(scope=s, organization_id=org_id, status=wanted), LoanOut.of)


@router.get("/organizations/{org_id}/loans/{loan_id}", response=LoanOut, summary="One loan / สัญญาเงินกู้")
def loan(request, org_id: Id, loan_id: Id):
    return LoanOut.of(loan_get(scope=scope(request), organization_id=org_id, loan_id=loan_id))


@router.post("/organizations/{org_id}/loans/{loan_id}/repayments", response={201: RepaymentOut},
             summary="Take a repayment / รับชำระเงินกู้")
def repay(request, org_id: Id, loan_id: Id, body: RepayIn):
    key = _key(request)
    return respond_once(request, lambda: _repay(request, org_id, loan_id, body, key))


@router.post("/organizations/{org_id}/loans/repayments/batch", response={201: list[RepaymentOut]},
             summary="Up to 1,000 repayments, all or nothing / รับชำระเงินกู้หลายรายการ")
def repay_batch(request, org_id: Id, body: BatchIn):
    key = _key(request)
    items = body.repayments
    if len(items) > BATCH_MAX:
        raise DomainError("invalid.batch_too_large", f"ส่งได้ไม่เกิน {BATCH_MAX:,} รายการต่อครั้ง (ส่งมา {len(items):,})",
                          f"At most {BATCH_MAX:,} items per call ({len(items):,} sent)", "repayments")
    if not items:
        raise DomainError("invalid.empty_batch", "ไม่มีรายการรับชำระ", "The batch has no repayments", "repayments")

    def run():
        out = []
        for i, item in enumerate(items, start=1):
            try:
                out.append(_repay(request, org_id, item.loan_id, item, f"{key}#{i}"))
            except DomainError as exc:
                where = f"repayments[{i}]" + (f".{exc.where}" if exc.where else "")
                raise DomainError(exc.code, f"รายการที่ {i}: {exc.message_th}", f"Item {i}: {exc.message_en}",
                                  where, exc.details) from exc
        return out

    return respond_once(request, run)
