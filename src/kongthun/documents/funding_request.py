"""The request for matching money or a grant (หนังสือขอรับเงินสมทบ) as PDF, through the shared renderer."""

from __future__ import annotations

from kongthun.clock import format_be
from kongthun.documents.domain import FundingRequestDoc, OrgHeader
from kongthun.documents.render import Paper, _money, _pdf
from kongthun.money import baht_words


def render_funding_request_pdf(doc: FundingRequestDoc, header: OrgHeader, *, paper: Paper = "a4") -> bytes:
    context = {
        "title": f"คำขอรับเงินสมทบ ปี {doc.year_name}",
        "doc": doc,
        "date_be": format_be(doc.date, long=True),
        "lines": [{"no": i, "member": f"{x.member_number} {x.member_name}".strip(), "paid": _money(x.paid),
                   "counted": _money(x.counted), "amount": _money(x.amount), "note": x.note}
                  for i, x in enumerate(doc.lines, start=1)],
        "paid": _money(doc.paid),
        "counted": _money(doc.counted),
        "amount": _money(doc.amount),
        "amount_words": baht_words(doc.amount),
    }
    return _pdf("funding_request.html", context, header, paper)
