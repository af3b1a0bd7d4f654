"""Savings and shares (เงินสัจจะและหุ้น): a member's balances, and a monthly collection of up to 1,000
members (all or nothing), through savings.accounts; and the annual and CODI reports as JSON."""

import dataclasses
import json
from datetime import date

from django.core.serializers.json import DjangoJSONEncoder
from ninja import Field, Router, Schema

from kongthun.access.domain import Permission
from kongthun.errors import DomainError
from kongthun.interfaces.api.core import Id, YearBE, actor, scope
from kongthun.interfaces.api.idempotency import HEADER, idempotency_key, respond_once
from kongthun.orgs.selectors import organization_get
from kongthun.people.selectors import membership_get
from kongthun.savings.accounts import selectors as savings
from kongthun.savings.accounts.collection import CollectionLine, savings_collection_record
from kongthun.welfare.reports import selectors as reports

router = Router(tags=["savings"])
reports_router = Router(tags=["reports"])
BATCH_MAX = 1000


class BalanceOut(Schema):
    membership_id: int
    member_no: str
    on: date
    savings_satang: int
    shares_satang: int
    share_units: int


class LineIn(Schema):
    membership_id: Id
    sajja_satang: int = Field(0, ge=0, le=10**13)
    shares_satang: int = Field(0, ge=0, le=10**13)
    pay_fines: bool = True


class SavingsCollectionIn(Schema):
    collected_on: date
    month: date | None = None
    memo: str = ""
    lines: list[LineIn]


class VoucherOut(Schema):
    voucher_id: int
    on: date
    month: date | None
    entry: str
    total_satang: int


@router.get("/organizations/{org_id}/members/{membership_id}/savings", response=BalanceOut,
            summary="A member's savings and shares / ยอดเงินสัจจะและหุ้นของสมาชิก")
def balance(request, org_id: Id, membership_id: Id, on: date):
    m = membership_get(scope=scope(request), organization_id=org_id, membership_id=membership_id)
    return {"membership_id": m.pk, "member_no": m.member_no, "on": on,
            "savings_satang": savings.savings_balance(m.pk, on), "shares_satang": savings.share_balance(m.pk, on),
            "share_units": savings.share_units(m.pk, on)}


@router.post("/organizations/{org_id}/savings/collections", response={201: VoucherOut},
             summary="A monthly collection, up to 1,000 members, all or nothing / บันทึกการเก็บเงินสัจจะ")
def collection(request, org_id: Id, body: SavingsCollectionIn):
    key = idempotency_key(request)
    if key is None:
        raise DomainError("invalid.idempotency_key", "การบันทึกเงินสัจจะต้องมีหัวข้อ Idempotency-Key",
                          "Recording a collection needs an Idempotency-Key header", HEADER)
    if len(body.lines) > BATCH_MAX:
        raise DomainError("invalid.batch_too_large", f"ส่งได้ไม่เกิน {BATCH_MAX:,} รายการต่อครั้ง (ส่งมา {len(body.lines):,})",
                          f"At most {BATCH_MAX:,} items per call ({len(body.lines):,} sent)", "lines")

    def run():
        a = actor(request)
        org = organization_get(scope=a.scope, organization_id=org_id, perm=Permission.POST_ENTRIES)
        lines = [CollectionLine(membership_id=x.membership_id, sajja=x.sajja_satang, shares=x.shares_satang,
                                pay_fines=x.pay_fines) for x in body.lines]
        v = savings_collection_record(organization=org, collected_on=body.collected_on, lines=lines, actor=a,
                                      idempotency_key=f"api:{a.user_id}:{key}"[:100], month=body.month,
                                      memo=body.memo)
        total = sum(line.amount for line in v.entry.lines.all() if line.amount > 0)
        return {"voucher_id": v.pk, "on": v.on, "month": v.month, "entry": v.entry.number, "total_satang": total}

    return respond_once(request, run)


def _plain(report) -> dict:
    return json.loads(json.dumps(dataclasses.asdict(report), cls=DjangoJSONEncoder, ensure_ascii=False))


@reports_router.get("/organizations/{org_id}/reports/annual", response=dict,
                    summary="Annual statements of a year (BE) / งบการเงินประจำปี")
def annual(request, org_id: Id, year: YearBE):
    s = scope(request)
    org = organization_get(scope=s, organization_id=org_id, perm=Permission.VIEW_BOOKS)
    return _plain(reports.annual_statements_get(scope=s, organization=org, year_name=year))


@reports_router.get("/organizations/{org_id}/reports/codi", response=dict,
                    summary="The CODI report of a year (BE) / รายงานต่อ พอช.")
def codi(request, org_id: Id, year: YearBE):
    s = scope(request)
    org = organization_get(scope=s, organization_id=org_id, perm=Permission.VIEW_BOOKS)
    return _plain(reports.codi_report_get(scope=s, organization=org, year_name=year))
