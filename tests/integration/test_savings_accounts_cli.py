"""`kongthun savings ...` on a real database (SQLite and PostgreSQL), through typer's CliRunner: the policy
adopted and shown, a monthly collection from a CSV (the same sheet twice recorded once; bad rows listed by
row and column in Thai and English with nothing written), a withdrawal refused by the rule with its reason,
shares bought, the passbook, the year's interest and a member leaving."""

from __future__ import annotations

from datetime import date

import pytest
from typer.testing import CliRunner

from kongthun.access.domain import Role
from kongthun.integrity import run_checks
from kongthun.interfaces.cli import savings as savings_cli
from kongthun.interfaces.cli.main import app
from kongthun.ledger.models import JournalEntry
from kongthun.savings.accounts import selectors
from kongthun.savings.accounts.models import SavingsVoucher
from tests.conftest import SYSTEM


@pytest.fixture(autouse=True)
def _wide(monkeypatch):
    from kongthun.interfaces.cli import common

    for console in (savings_cli.console, common.console):
        monkeypatch.setattr(console, "width", 220)


@pytest.fixture
def group(make_org, make_user):
    g = make_org("GROUP-CLI", kind="savings_group", tambon_code="350101", year_kind="calendar")
    make_user("cli_sav_treasurer", Role.TREASURER, g)
    make_user("cli_sav_committee", Role.COMMITTEE, g)
    return g


@pytest.fixture
def members(group, make_member):
    return [make_member(group, first=name, joined=date(2024, 6, 1)) for name in ("สมศรี", "สมหมาย", "สมใจ")]


def run(*args):
    return CliRunner().invoke(app, ["savings", *args])


def adopt(group):
    return run("policy", "--org", group.code, "--as", "cli_sav_committee", "--from", "2568-01-01",
               "--share-price", "100", "--promise", "200", "--fine", "10", "--withdrawal", "up_to_percent",
               "--percent", "50", "--rate", "3")


def test_policy_collection_withdrawal_passbook_interest_leave(group, members, tmp_path):
    a, b, c = members
    result = adopt(group)
    assert result.exit_code == 0, result.output
    assert "up_to_percent 50" in result.output and "200.00" in result.output
    sheet = tmp_path / "jan.csv"
    sheet.write_text("member_no,sajja_baht,shares_baht,pay_fines\n"
                     f"{a.member_no},200,100,\n{b.member_no},\"1,000.00\",,\n{c.member_no},,,\n", encoding="utf-8")
    args = ("collect", str(sheet), "--org", group.code, "--as", "cli_sav_treasurer", "--on", "2568-01-05")
    result = run(*args)
    assert result.exit_code == 0, result.output
    assert selectors.savings_balance(b.pk, date(2025, 1, 5)) == 100_000
    assert selectors.share_balance(a.pk, date(2025, 1, 5)) == 10_000
    entries = JournalEntry.objects.count()
    again = run(*args)
    assert again.exit_code == 0 and "already recorded" in again.output and JournalEntry.objects.count() == entries
    result = run("withdraw", "--member", b.member_no, "--amount", "600", "--org", group.code, "--as",
                 "cli_sav_treasurer", "--on", "2568-02-01")
    assert result.exit_code == 5 and "ร้อยละ 50" in result.output and "50%" in result.output
    assert run("withdraw", "--member", b.member_no, "--amount", "500", "--org", group.code, "--as",
               "cli_sav_treasurer", "--on", "2568-02-01").exit_code == 0
    assert run("buy-shares", "--member", b.member_no, "--amount", "300", "--org", group.code, "--as",
               "cli_sav_treasurer", "--on", "2568-02-01").exit_code == 0
    book = run("passbook", "--member", b.member_no, "--org", group.code)
    assert book.exit_code == 0 and "1,000.00" in book.output and "500.00" in book.output and "หุ้น / shares: 3" \
        in book.output
    result = run("interest", "--year", "2568", "--org", group.code, "--as", "cli_sav_treasurer")
    assert result.exit_code == 0, result.output
    # b: January's lowest is 0 (nothing before the 5th), then 500 for eleven months at 0.25%: 13.75 baht
    assert dict(SavingsVoucher.objects.get(kind="interest").movements.values_list("membership_id", "amount"))[
        b.pk] == 1_375
    result = run("leave", "--member", c.member_no, "--why", "ย้ายบ้าน", "--org", group.code, "--as",
                 "cli_sav_treasurer", "--on", "2568-03-01")
    assert result.exit_code == 0, result.output
    assert run_checks() == []


def test_bad_rows_are_listed_and_nothing_is_written(group, members, tmp_path):
    adopt(group)
    sheet = tmp_path / "bad.csv"
    sheet.write_text("member_no,sajja_baht,shares_baht\n"
                     f"{members[0].member_no},abc,\n9999,200,\n{members[1].member_no},200,150\n", encoding="utf-8")
    result = run("collect", str(sheet), "--org", group.code, "--as", "cli_sav_treasurer", "--on", "2568-01-05")
    assert result.exit_code == 2
    assert "abc" in result.output and "9999" in result.output and "No member 9999" in result.output
    assert not SavingsVoucher.objects.exists()
    # whole shares only: refused by the action, told by the sheet's row (line 4)
    sheet.write_text(f"member_no,sajja_baht,shares_baht\n{members[0].member_no},200,\n{members[1].member_no},200,150\n",
                     encoding="utf-8")
    result = run("collect", str(sheet), "--org", group.code, "--as", "cli_sav_treasurer", "--on", "2568-01-05")
    assert result.exit_code == 2 and "แถวที่ 3" in result.output and "Row 3" in result.output
    assert not SavingsVoucher.objects.exists()
    missing = tmp_path / "missing.csv"
    missing.write_text("member_no,amount\n1,2\n", encoding="utf-8")
    result = run("collect", str(missing), "--org", group.code, "--as", "cli_sav_treasurer")
    assert result.exit_code == 2 and "sajja_baht" in result.output


def test_the_committee_cannot_collect(group, members, tmp_path):
    adopt(group)
    sheet = tmp_path / "jan.csv"
    sheet.write_text(f"member_no,sajja_baht\n{members[0].member_no},200\n", encoding="utf-8")
    result = run("collect", str(sheet), "--org", group.code, "--as", "cli_sav_committee")
    assert result.exit_code == 3 and not SavingsVoucher.objects.exists()
    assert SYSTEM


def test_balances_brought_forward_from_a_sheet(group, members, tmp_path):
    adopt(group)
    sheet = tmp_path / "opening.csv"
    sheet.write_text(f"member_no,savings_baht,shares_baht\n{members[0].member_no},\"1,500\",300\n"
                     f"{members[1].member_no},800,\n", encoding="utf-8")
    args = ("opening", str(sheet), "--org", group.code, "--as", "cli_sav_treasurer", "--on", "2567-12-31",
            "--from-account", "1102")
    result = run(*args)
    assert result.exit_code == 0, result.output
    assert selectors.savings_balance(members[0].pk, date(2024, 12, 31)) == 150_000
    assert selectors.share_balance(members[0].pk, date(2024, 12, 31)) == 30_000
    assert run(*args).exit_code == 0 and SavingsVoucher.objects.filter(kind="opening").count() == 1
    again = tmp_path / "again.csv"
    again.write_text(f"member_no,savings_baht,shares_baht\n{members[1].member_no},100,\n", encoding="utf-8")
    result = run("opening", str(again), "--org", group.code, "--as", "cli_sav_treasurer")
    assert result.exit_code == 5 and "Row 2" in result.output  # brought forward once
    assert run_checks() == []
