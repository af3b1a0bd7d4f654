"""`kongthun loans ...` on a real database through typer's CliRunner: a loan's life from the terminal, by the
treasurer and the committee, refusals with their exit codes, the schedule PDF and the arrears Excel."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from kongthun.integrity import run_checks
from kongthun.interfaces.cli import loans as loans_cli
from kongthun.interfaces.cli.main import app
from kongthun.ledger.models import Account
from kongthun.savings.loans.models import Loan, LoanStatus
from tests.integration.loans_support import *  # noqa: F403  (the fixtures)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _wide(monkeypatch):
    monkeypatch.setattr(loans_cli.console, "width", 220)


def run(*args, who="g_treasurer"):
    return CliRunner().invoke(app, ["loans", *args, "--org", "GRP-A", "--as", who])


def test_a_loan_from_the_terminal(group, tmp_path):
    no = [m.member_no for m in group.members]
    r = run("products")
    assert r.exit_code == 0 and "P1" in r.output
    r = run("apply", no[0], "--product", "P1", "--amount", "10,000", "--months", "12", "--guarantors", no[1],
            "--on", "2025-01-15")
    assert r.exit_code == 0, r.output
    number = Loan.objects.get().number
    r = run("approve", number, "--on", "2025-01-15")  # the treasurer may not decide
    assert r.exit_code == 3 and "สิทธิ์" in r.output
    assert run("approve", number, "--on", "2025-01-15", who="g_committee").exit_code == 0
    r = run("disburse", number, "--on", "2025-01-15")
    assert r.exit_code == 0 and "888.49" in r.output
    r = run("repay", number, "--amount", "888.49", "--key", "k1", "--on", "2025-02-15")
    assert r.exit_code == 0 and "100.00" in r.output and "9,211.51" in r.output, r.output
    r = run("repay", number, "--amount", "20,000", "--key", "k2", "--on", "2025-03-15")
    assert r.exit_code == 2 and "ยอดปิดบัญชี" in r.output
    pdf = tmp_path / "schedule.pdf"
    r = run("schedule", number, "--pdf", str(pdf), "--on", "2025-03-15")
    assert r.exit_code == 0 and pdf.read_bytes().startswith(b"%PDF")
    assert "ยอดปิดบัญชี / payoff 9,303.63 บาท" in r.output  # 9,211.51 owed + 92.12 interest due 15 March
    xlsx = tmp_path / "arrears.xlsx"
    r = run("arrears", "--on", "2025-04-20", "--notify", "--xlsx", str(xlsx))
    assert r.exit_code == 0 and number in r.output and "แจ้งผู้ค้ำประกัน 1 ราย" in r.output
    cells = [c for row in load_workbook(io.BytesIO(xlsx.read_bytes())).active.iter_rows(values_only=True)
             for c in row]
    assert number in cells
    r = run("portfolio", "--on", "2025-04-20")
    assert r.exit_code == 0 and "PAR30 100.00%" in r.output
    assert run("provision", "--table", "0:0,31:35,366:100").exit_code == 3  # the treasurer does not set it
    assert run("provision", "--table", "0:0,31:40,366:100", who="g_committee").exit_code == 0
    assert run("provision", "--on", "2025-04-20").exit_code == 0
    assert Account.objects.get(organization=group.org, code="1209").balance < 0
    assert run("restructure", number, "--months", "24", "--reason", "ภัยแล้ง", "--on", "2025-04-20").exit_code == 0
    assert run("approve", number, "--on", "2025-04-21", who="g_committee").exit_code == 0
    r = run("restructure", number, "--on", "2025-04-21")
    assert r.exit_code == 0 and "24" in r.output
    loan = Loan.objects.get()
    assert loan.version == 2 and loan.status == LoanStatus.ACTIVE
    assert run_checks() == []


def test_every_loans_command_starts_django_itself(tmp_path):
    """As a real process (not CliRunner, where pytest has set Django up): each command answers with a refusal
    for an unknown group, never a crash because Django was not ready."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    kongthun = str(Path(sys.executable).with_name("kongthun"))
    env = {**{k: v for k, v in os.environ.items() if k != "DATABASE_URL"}, "KONGTHUN_DATA": str(tmp_path)}
    assert subprocess.run([kongthun, "migrate"], env=env, capture_output=True, timeout=600).returncode == 0
    commands = [["products"], ["apply", "1", "--product", "P", "--amount", "1", "--months", "1"], ["approve", "1"],
                ["reject", "1", "--reason", "r"], ["disburse", "1"], ["repay", "1", "--amount", "1", "--key", "k"],
                ["schedule", "1"], ["restructure", "1"], ["write-off", "1"], ["arrears"], ["portfolio"],
                ["provision"]]
    for args in commands:
        r = subprocess.run([kongthun, "loans", *args, "--org", "NOPE"], env=env, capture_output=True, text=True,
                           timeout=600)
        assert r.returncode == 4 and "ไม่พบองค์กรรหัส NOPE" in r.stdout, (args, r.stdout[-500:], r.stderr[-500:])
