"""Printing a paid claim: the payment voucher (ใบสำคัญจ่าย) with the recipient's signature line, for the
web page and the command line alike, and the benefit labels of a fund's adopted regulations."""

from __future__ import annotations

from kongthun.access.domain import Permission
from kongthun.access.scope import Scope
from kongthun.clock import BE_OFFSET
from kongthun.documents.domain import PaymentVoucherDoc
from kongthun.documents.render import org_header, render_voucher_pdf
from kongthun.errors import DomainError
from kongthun.welfare import rules
from kongthun.welfare.claims.domain import ClaimStatus
from kongthun.welfare.claims.models import Claim
from kongthun.welfare.claims.selectors import regulation_list


def benefit_labels(*, scope: Scope, organization_id: int) -> dict[str, tuple[str, str]]:
    """kind -> (Thai, English) from the fund's adopted regulations (the newest label wins)."""
    out: dict[str, tuple[str, str]] = {}
    for row in reversed(list(regulation_list(scope=scope, organization_id=organization_id))):
        for kind, b in rules.load_text(row.text).benefits.items():
            out[kind] = (b.label_th, b.label_en)
    return out


def _person_name(user) -> str:
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


def voucher_doc(claim: Claim, label_th: str) -> PaymentVoucherDoc:
    """The voucher of a paid claim: numbered by the BE year paid and the claim number."""
    if claim.status != ClaimStatus.PAID:
        raise DomainError("not_found.voucher", f"คำขอเลขที่ {claim.number} ยังไม่ได้จ่าย จึงยังไม่มีใบสำคัญจ่าย",
                          f"Claim no. {claim.number} is not paid yet, so it has no voucher", "claim")
    return PaymentVoucherDoc(
        number=f"{claim.paid_on.year + BE_OFFSET}/{claim.number:05d}",
        date=claim.paid_on,
        payee=", ".join(p["name"] for p in claim.payees),
        purpose_lines=(f"สวัสดิการ{label_th} คำขอเลขที่ {claim.number} สมาชิกเลขที่ {claim.membership.member_no}",
                       *(x["th"] for x in claim.explanation)),
        amount=claim.amount,
        approved_by=_person_name(claim.decided_by),
        paid_by=_person_name(claim.paid_entry.recorded_by) if claim.paid_entry else "",
    )


def voucher_pdf(*, scope: Scope, claim: Claim) -> bytes:
    """The voucher as a PDF with the fund's header; only those who may see the books print it."""
    scope.require(Permission.VIEW_BOOKS, claim.organization_id)
    label_th = benefit_labels(scope=scope, organization_id=claim.organization_id).get(claim.kind, (claim.kind, ""))[0]
    return render_voucher_pdf(voucher_doc(claim, label_th), org_header(claim.organization))
