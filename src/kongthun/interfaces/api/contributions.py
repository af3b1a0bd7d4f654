"""Contributions (เงินสมทบ): one member's payment, a collection day of up to 1,000 payments (all or
nothing), and the receipts issued. Writes go through contributions.actions.collection_record."""

from datetime import date

from ninja import Field, Router, Schema
from ninja.pagination import paginate

from kongthun.access.domain import Permission
from kongthun.errors import DomainError
from kongthun.interfaces.api.core import Count, Id, Pages, Satang, actor, scope
from kongthun.interfaces.api.idempotency import HEADER, idempotency_key, respond_once
from kongthun.interfaces.api.orgs import PAGE, _Mapped
from kongthun.orgs.selectors import organization_get
from kongthun.welfare.contributions.actions import PaymentLine, collection_record
from kongthun.welfare.contributions.selectors import receipt_list

router = Router(tags=["contributions"])
BATCH_MAX = 1000


class PaymentIn(Schema):
    membership_id: Id
    amount_satang: Satang | None = None
    periods: Count | None = Field(None, description="or a number of periods of the plan")
    entry_fee: bool = False


class ContributionIn(PaymentIn):
    collected_on: date
    memo: str = ""


class CollectionIn(Schema):
    collected_on: date
    memo: str = ""
    payments: list[PaymentIn]


class ReceiptOut(Schema):
    number: str
    membership_id: int
    member_no: str
    issued_on: date
    amount_satang: int
    entry_fee_satang: int
    periods: int
    covered_from: date
    covered_to: date
    void: bool

    @staticmethod
    def of(r) -> dict:
        return {"number": r.number, "membership_id": r.membership_id, "member_no": r.membership.member_no,
                "issued_on": r.issued_on, "amount_satang": r.amount, "entry_fee_satang": r.entry_fee,
                "periods": r.periods, "covered_from": r.covered_from, "covered_to": r.covered_to,
                "void": r.voided_at is not None}


class CollectionOut(Schema):
    collection_id: int
    collected_on: date
    entry: str
    contributions_satang: int
    entry_fees_satang: int
    receipts: list[ReceiptOut]


def _record(request, org_id: Id, collected_on: date, memo: str, payments: list[PaymentIn]) -> dict:
    if len(payments) > BATCH_MAX:
        raise DomainError("invalid.batch_too_large", f"ส่งได้ไม่เกิน {BATCH_MAX:,} รายการต่อครั้ง (ส่งมา {len(payments):,})",
                          f"At most {BATCH_MAX:,} items per call ({len(payments):,} sent)", "payments")
    key = idempotency_key(request)
    if key is None:
        raise DomainError("invalid.idempotency_key", "การบันทึกเงินสมทบต้องมีหัวข้อ Idempotency-Key",
                          "Recording contributions needs an Idempotency-Key header", HEADER)
    a = actor(request)
    org = organization_get(scope=a.scope, organization_id=org_id, perm=Permission.POST_ENTRIES)
    lines = [PaymentLine(membership_id=p.membership_id, amount_satang=p.amount_satang, periods=p.periods,
                         entry_fee=p.entry_fee) for p in payments]
    c = collection_record(organization=org, collected_on=collected_on, payments=lines, actor=a,
                          idempotency_key=f"api:{a.user_id}:{key}"[:100], memo=memo)
    receipts = c.receipts.select_related("membership").order_by("seq")
    return {"collection_id": c.pk, "collected_on": c.collected_on, "entry": c.entry.number,
            "contributions_satang": c.contributions, "entry_fees_satang": c.entry_fees,
            "receipts": [ReceiptOut.of(r) for r in receipts]}


@router.post("/organizations/{org_id}/contributions", response={201: CollectionOut},
             summary="One member's contribution / รับเงินสมทบหนึ่งราย")
def contribution_post(request, org_id: Id, body: ContributionIn):
    payment = PaymentIn(**body.dict(include={"membership_id", "amount_satang", "periods", "entry_fee"}))
    return respond_once(request, lambda: _record(request, org_id, body.collected_on, body.memo, [payment]))


@router.post("/organizations/{org_id}/contributions/batch", response={201: CollectionOut},
             summary="A collection day, up to 1,000 payments, all or nothing / บันทึกการเก็บเงินสมทบทั้งวัน")
def contributions_batch(request, org_id: Id, body: CollectionIn):
    return respond_once(request, lambda: _record(request, org_id, body.collected_on, body.memo, body.payments))


@router.get("/organizations/{org_id}/receipts", response=list[ReceiptOut],
            summary="Receipts issued over a period / ใบเสร็จรับเงินสมทบ")
@paginate(Pages, page_size=PAGE)
def receipts(request, org_id: Id, date_from: date, date_to: date | None = None):
    s = scope(request)
    organization_get(scope=s, organization_id=org_id, perm=Permission.VIEW_BOOKS)
    return _Mapped(receipt_list(scope=s, organization_id=org_id, date_from=date_from, date_to=date_to),
                   ReceiptOut.of)
