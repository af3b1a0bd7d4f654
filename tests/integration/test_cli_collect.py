"""`kongthun collect ...` on a real database (SQLite and PostgreSQL), through typer's CliRunner: a collection
day from a treasurer's CSV (amounts as written, Thai digits too) or from --pay options, one entry and one
receipt per member, the same sheet sent twice recorded once; bad rows listed with row and column in Thai and
English and nothing written; a receipt voided; members' standing; lapses applied; a lapsed member back."""

from __future__ import annotations

from datetime import date

import pytest
from typer.testing import CliRunner

from kongthun.access.domain import Role
from kongthun.integrity import run_checks
from kongthun.interfaces.cli import collect as collect_cli
from kongthun.interfaces.cli.main import app
from kongthun.ledger.models import Account, JournalEntry
from kongthun.people.models import Membership
from kongthun.welfare.contributions.actions import plan_set
from kongthun.welfare.contributions.models import Collection, Receipt
from tests.conftest import SYSTEM

JOINED = date(2024, 10, 1)
DAY = "2568-01-15"  # BE: 15 January 2025


@pytest.fixture(autouse=True)
def _wide(monkeypatch):
    """Tables wide enough that names and numbers are not cut in the output the tests read."""
    from kongthun.interfaces.cli import common

    for console in (collect_cli.console, common.console):
        monkeypatch.setattr(console, "width", 220)


@pytest.fixture
def fund(fund_a, make_user):
    plan_set(organization=fund_a, effective_from=date(2024, 1, 1), actor=SYSTEM, why="มติที่ประชุม", entry_fee=20_00)
    make_user("cli_treasurer", Role.TREASURER, fund_a)
    return fund_a


@pytest.fixture
def members(fund, make_member):
    return [make_member(fund, first=name, joined=JOINED) for name in ("สมศรี", "สมหมาย", "สมใจ")]


def run(*args):
    return CliRunner().invoke(app, ["collect", *args])


def cash(org) -> int:
    return Account.objects.get(organization=org, code="1101").balance


def written() -> tuple:
    return Collection.objects.count(), Receipt.objects.count(), JournalEntry.objects.count()


def test_a_collection_day_from_a_csv_prints_receipts_and_a_total(fund, members, tmp_path):
    a, b, c = members
    sheet = tmp_path / "day.csv"
    sheet.write_text("member_no,amount,method,entry_fee\n"
                     f"{a.member_no},30,cash,\n"
                     f"{b.member_no},\"1,080.00\",เงินสด,yes\n"
                     f"{c.member_no},๖๐,,\n", encoding="utf-8")
    result = run("day", str(sheet), "--org", fund.code, "--as", "cli_treasurer", "--on", DAY)
    assert result.exit_code == 0, result.output
    receipts = list(Receipt.objects.filter(organization=fund).order_by("seq"))
    assert [(r.membership_id, r.amount, r.entry_fee, r.periods) for r in receipts] == [
        (a.pk, 30_00, 0, 1), (b.pk, 1_080_00, 20_00, 36), (c.pk, 60_00, 0, 2)]
    assert {r.issued_on for r in receipts} == {date(2025, 1, 15)}
    for r in receipts:
        assert r.number in result.output
    assert "1,190.00" in result.output  # 30 + 1,080 + 60 + 20 entry fee
    assert cash(fund) == 1_190_00
    collection = Collection.objects.get(organization=fund)
    assert collection.idempotency_key.startswith("cli:") and collection.recorded_by.username == "cli_treasurer"

    again = run("day", str(sheet), "--org", fund.code, "--as", "cli_treasurer", "--on", DAY)
    assert again.exit_code == 0, again.output
    assert "already recorded" in again.output
    assert Collection.objects.count() == 1 and cash(fund) == 1_190_00
    assert run_checks() == []


def test_pay_options_and_an_explicit_key(fund, members):
    a, b, _ = members
    args = ("day", "--pay", f"{a.member_no}=30", "--pay", f"{b.member_no}=90.00", "--org", fund.code, "--as",
            "cli_treasurer", "--on", "2025-01-20", "--idempotency-key", "day-20")
    result = run(*args)
    assert result.exit_code == 0, result.output
    assert Collection.objects.get(organization=fund).idempotency_key == "day-20"
    assert cash(fund) == 120_00 and "120.00" in result.output
    assert run(*args).exit_code == 0 and Receipt.objects.count() == 2


def test_bad_rows_are_listed_with_row_and_column_and_nothing_is_written(fund, members, tmp_path):
    a, b, c = members
    sheet = tmp_path / "bad.csv"
    sheet.write_text("member_no,amount,method\n"
                     f"{a.member_no},3O,\n"  # letter O, not zero
                     "9999,30,\n"
                     f"{b.member_no},30,โอน\n"
                     f"{c.member_no},-30,\n"
                     f"{a.member_no},30,\n", encoding="utf-8")
    before = written()
    result = run("day", str(sheet), "--org", fund.code, "--as", "cli_treasurer", "--on", DAY)
    assert result.exit_code == 2, result.output
    out = result.output
    assert "5 problem(s): nothing was written" in out and "ไม่ได้บันทึกอะไร" in out
    assert "'3O' is not an amount of money" in out and "จำนวนเงิน '3O' ไม่ถูกต้อง" in out
    assert "No member 9999 in this fund" in out and "ไม่พบสมาชิกเลขที่ 9999" in out
    assert "Payment method 'โอน' cannot be recorded" in out
    assert "is negative" in out
    assert "already appears in row 2" in out
    assert written() == before

    missing = tmp_path / "missing.csv"
    missing.write_text("member,baht\n1,30\n", encoding="utf-8")
    result = run("day", str(missing), "--org", fund.code, "--as", "cli_treasurer", "--on", DAY)
    assert result.exit_code == 2 and "Missing column(s) member_no, amount" in result.output
    assert written() == before


def test_a_refusal_of_the_action_names_the_sheets_row(fund, members, tmp_path):
    a, b, _ = members
    sheet = tmp_path / "odd.csv"
    sheet.write_text(f"member_no,amount\n{a.member_no},30\n{b.member_no},45\n", encoding="utf-8")
    before = written()
    result = run("day", str(sheet), "--org", fund.code, "--as", "cli_treasurer", "--on", DAY)
    assert result.exit_code == 2, result.output
    assert "แถวที่ 3:" in result.output and "Row 3:" in result.output and "not a whole number" in result.output
    assert written() == before
    result = run("day", "--pay", f"{a.member_no}=30", "--org", fund.code, "--as", "nobody", "--on", DAY)
    assert result.exit_code == 4 and "No user nobody" in result.output
    assert run("day", "--org", fund.code, "--on", DAY).exit_code == 2  # neither a sheet nor --pay
    assert written() == before


def test_another_funds_treasurer_cannot_collect(fund, fund_b, members, make_user):
    make_user("other_treasurer", Role.TREASURER, fund_b)
    before = written()
    result = run("day", "--pay", f"{members[0].member_no}=30", "--org", fund.code, "--as", "other_treasurer",
                 "--on", DAY)
    assert result.exit_code == 3, result.output
    assert written() == before


def test_void_standing_lapses_and_reinstate(fund, members):
    a, b, c = members
    run("day", "--pay", f"{a.member_no}=360", "--pay", f"{b.member_no}=30", "--org", fund.code, "--as",
        "cli_treasurer", "--on", "2024-10-05")
    number = Receipt.objects.get(membership=b).number
    result = run("void", number, "--org", fund.code, "--as", "cli_treasurer", "--why", "บันทึกผิดคน")
    assert result.exit_code == 0, result.output
    assert Receipt.objects.get(membership=b).is_void and cash(fund) == 360_00
    again = run("void", number.split("/")[1], "--year", number.split("/")[0], "--org", fund.code, "--as",
                "cli_treasurer", "--why", "ซ้ำ")
    assert again.exit_code == 5 and "already void" in again.output

    result = run("standing", "--org", fund.code, "--on", "2025-06-01")
    assert result.exit_code == 0, result.output
    assert a.member_no in result.output and "25 ก.ย. 2568" in result.output  # 12 x 30 days from 1 Oct 2024
    result = run("standing", "--org", fund.code, "--on", "2025-06-01", "--member", c.member_no)
    assert result.exit_code == 0 and c.member_no in result.output and a.member_no not in result.output
    assert "1 ราย" in result.output and "244.00" in result.output  # 244 days behind at 1 baht a day

    result = run("lapses", "--org", fund.code, "--on", "2025-06-01", "--dry-run")
    assert result.exit_code == 0 and b.member_no in result.output and c.member_no in result.output
    assert Membership.objects.get(pk=b.pk).status == "active"
    result = run("lapses", "--org", fund.code, "--on", "2025-06-01", "--as", "cli_treasurer")
    assert result.exit_code == 0 and "2 ราย" in result.output, result.output
    assert sorted(Membership.objects.filter(organization=fund, status="lapsed").values_list("pk", flat=True)) == \
        sorted([b.pk, c.pk])

    result = run("reinstate", "--org", fund.code, "--member", b.member_no, "--on", "2025-06-10", "--as",
                 "cli_treasurer")
    assert result.exit_code == 0, result.output
    assert Membership.objects.get(pk=b.pk).status == "active"
    assert run_checks() == []
