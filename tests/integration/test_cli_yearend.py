"""`kongthun yearend ...` and `kongthun debts ...` through typer's CliRunner: the rule refused over 100% and
then set, the preview, the committee's allocation (the treasurer refused), paying into savings, the statements
as PDF and Excel; a debt survey and a plan with the interest saved."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from typer.testing import CliRunner

from kongthun.integrity import run_checks
from kongthun.interfaces.cli import debts as debts_cli
from kongthun.interfaces.cli import yearend as yearend_cli
from kongthun.interfaces.cli.main import app
from kongthun.savings.debts.models import RefinancePlan
from kongthun.savings.yearend.models import MemberDividend, ProfitRule, YearEndAllocation
from tests.integration.yearend_support import *  # noqa: F403  (the fixtures)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _wide(monkeypatch):
    monkeypatch.setattr(yearend_cli.console, "width", 220)
    monkeypatch.setattr(debts_cli.console, "width", 220)


def run(*args, who):
    return CliRunner().invoke(app, [*args, "--org", "SG-A", "--as", who])


def test_year_end_from_the_terminal(group, officers, year_2568, tmp_path):
    t, c = (get_user_model().objects.get(pk=a.user_id).username for a in officers)
    pct = ["--pct", "reserve=20", "--pct", "dividend=60", "--pct", "patronage=10", "--pct", "committee=5"]
    r = run("yearend", "rule", *pct, "--pct", "welfare=10", "--from", "2025-01-01", who=c)
    assert r.exit_code == 2 and "105" in r.output and not ProfitRule.objects.exists()
    r = run("yearend", "rule", *pct, "--pct", "welfare=5", "--from", "2025-01-01", "--max-rate", "6", who=c)
    assert r.exit_code == 0, r.output
    r = run("yearend", "preview", "--year", "2568", who=t)
    assert r.exit_code == 0 and "ทุนสำรอง" in r.output and "ตัวอย่าง" in r.output, r.output
    r = run("yearend", "allocate", "--year", "2568", "--on", "2026-01-15", who=t)
    assert r.exit_code == 3 and not YearEndAllocation.objects.exists()
    r = run("yearend", "allocate", "--year", "2568", "--on", "2026-01-15", "--why", "มติที่ประชุมใหญ่", who=c)
    assert r.exit_code == 0 and "posted 2026-01-15" in r.output, r.output
    r = run("yearend", "pay", "--year", "2568", "--on", "2026-01-20", who=t)
    assert r.exit_code == 0 and "3 ราย" in r.output, r.output
    assert not MemberDividend.objects.filter(paid_on__isnull=True).exists()
    pdf, xlsx, annual = tmp_path / "d.pdf", tmp_path / "d.xlsx", tmp_path / "a.pdf"
    r = run("yearend", "statements", "--year", "2568", "--pdf", str(pdf), "--xlsx", str(xlsx), "--annual-pdf",
            str(annual), who=t)
    assert r.exit_code == 0, r.output
    assert pdf.read_bytes().startswith(b"%PDF") and annual.read_bytes().startswith(b"%PDF")
    assert xlsx.read_bytes()[:2] == b"PK"
    assert run_checks() == []


def test_debts_from_the_terminal(group, officers, year_2568):
    t = get_user_model().objects.get(pk=officers[0].user_id).username
    no = year_2568["m"][1].member_no
    r = run("debts", "survey", "--member", no, "--on", "2026-02-01", "--income", "10000",
            "--debt", "informal:นายทุน:20000:120:2000", "--debt", "baac:ธ.ก.ส.:50000:7:1500", who=t)
    assert r.exit_code == 0 and "70,000.00" in r.output and "35.00%" in r.output, r.output
    r = run("debts", "survey", "--member", no, "--on", "2026-02-01", "--debt", "loan-shark:x:1:1:1", who=t)
    assert r.exit_code == 2
    survey = str(year_2568["m"][1].debt_surveys.get().pk)
    r = run("debts", "plan", "--survey", survey, "--rate", "12", "--months", "24", "--on", "2026-02-02", who=t)
    assert r.exit_code == 0 and "ประหยัดดอกเบี้ย" in r.output, r.output
    assert RefinancePlan.objects.get().interest_saved > 0
