"""The request document (หนังสือขอรับเงินสมทบ) from a prepared request, for the web page and the CLI."""

from __future__ import annotations

from decimal import Decimal

from kongthun.access.domain import Permission
from kongthun.access.scope import Scope
from kongthun.clock import format_be
from kongthun.documents.domain import FundingRequestDoc, RequestLine
from kongthun.documents.funding_request import render_funding_request_pdf
from kongthun.documents.render import org_header
from kongthun.money import format_baht
from kongthun.people.models import Membership
from kongthun.welfare.funding.domain import SOURCES, SourceKind
from kongthun.welfare.funding.models import FundingRequest


def ratio_text(ratio: Decimal) -> str:
    """Decimal(1) -> '1:1', Decimal('0.5') -> '0.5:1'."""
    return f"{Decimal(ratio).normalize():f}:1"


def terms_line(request: FundingRequest) -> str:
    a = request.agreement
    if a.matching_ratio is None:
        return ""
    return (f"สมทบ {ratio_text(a.matching_ratio)} ของเงินออมที่สมาชิกส่งจริงในปีบัญชี "
            f"นับไม่เกิน {format_baht(a.cap_per_member)} ต่อคนต่อปี")


def request_doc(request: FundingRequest, *, scope: Scope, prepared_by: str = "") -> FundingRequestDoc:
    """Names are printed only for a reader who may see the fund's members; otherwise member numbers."""
    a = request.agreement
    names: dict[int, str] = {}
    if scope.can(Permission.VIEW_PEOPLE, request.organization_id):
        ids = [x["membership_id"] for x in request.lines]
        names = {m.pk: m.person.full_name_th
                 for m in Membership.objects.filter(pk__in=ids, organization_id=request.organization_id)
                 .select_related("person")}
    document_ref = " ลงวันที่ ".join(
        part for part in (a.document_no, a.document_date and format_be(a.document_date, long=True)) if part)
    return FundingRequestDoc(
        date=request.prepared_on, year_name=request.year_name,
        source_name=SOURCES[SourceKind(a.kind)].label_th, agreement_name=a.name, legal_basis=a.legal_basis,
        document_ref=document_ref, terms_line=terms_line(request),
        lines=tuple(RequestLine(x["member_no"], names.get(x["membership_id"], ""), x["paid"], x["counted"],
                                x["amount"], "" if x["counted"] == x["paid"] else x["note_th"])
                    for x in request.lines),
        amount=request.amount, prepared_by=prepared_by)


def request_pdf(request: FundingRequest, *, scope: Scope, prepared_by: str = "") -> bytes:
    return render_funding_request_pdf(request_doc(request, scope=scope, prepared_by=prepared_by),
                                      org_header(request.organization))
