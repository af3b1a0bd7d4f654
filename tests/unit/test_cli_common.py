"""What every `kongthun` sub-command shares, in pure Python: an action's refusal of the i-th line told by
the sheet's row it came from."""

from __future__ import annotations

from types import SimpleNamespace

from kongthun.errors import DomainError
from kongthun.interfaces.cli.common import told_by_row

ROWS = [SimpleNamespace(row=2), SimpleNamespace(row=5)]


def refusal(where: str) -> DomainError:
    return DomainError("invalid.amount", "จำนวนเงินไม่ถูกต้อง", "Bad amount", where, {"x": 1})


def test_the_ith_line_is_told_by_its_row():
    told = told_by_row(refusal("payments[2]"), ROWS, "payments")
    assert (told.code, told.message_th, told.message_en, told.where, told.details) == (
        "invalid.amount", "แถวที่ 5: จำนวนเงินไม่ถูกต้อง", "Row 5: Bad amount", "row 5", {"x": 1})
    assert told_by_row(refusal("lines[1].shares"), ROWS, "lines").where == "row 2"


def test_other_refusals_are_left_as_they_are():
    for where, field in (("lines[3]", "lines"), ("lines[0]", "lines"), ("payments[1]", "lines"), ("", "lines"),
                         ("lines[x]", "lines")):
        exc = refusal(where)
        assert told_by_row(exc, ROWS, field) is exc
