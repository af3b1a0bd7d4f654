"""`kongthun rules check|try|replay` on the examples, through typer's runner (no Django),
and through the installed `kongthun` command once the sub-app is registered."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kongthun.interfaces.cli import rules as cli
from kongthun.interfaces.cli.rules import rules_app

from .helpers import EXAMPLES

REGULATION = str(EXAMPLES / "welfare-regulation.yaml")
PROPOSED = str(EXAMPLES / "welfare-regulation-proposed.yaml")
CLAIMS = str(EXAMPLES / "welfare-claims.csv")


@pytest.fixture
def run(monkeypatch):
    monkeypatch.setattr(cli.console, "width", 250)

    def invoke(*args: str):
        return CliRunner().invoke(rules_app, list(args))

    return invoke


def test_check_lists_the_versions(run):
    result = run("check", REGULATION)
    assert result.exit_code == 0, result.output
    assert "ระเบียบถูกต้อง" in result.output and "1 ต.ค. 2567  ระเบียบฉบับ 2567" in result.output


def test_try_prints_each_decision_with_its_reasons(run):
    result = run("try", REGULATION, CLAIMS, "--fund-balance", "300,000")
    assert result.exit_code == 0, result.output
    assert "เป็นสมาชิก 13 ปี -> 15,000 บาท ตามระเบียบฉบับ 2567 ข้อ 9" in result.output
    assert "ยังไม่ครบระยะรอสิทธิ์ 180 วัน ตามระเบียบฉบับ 2567 ข้อ 4" in result.output
    assert "ไม่เกิน 5% ของเงินกองทุน 300,000 บาท = 15,000 บาท" in result.output
    assert "รวมจ่าย: 36,400 บาท" in result.output


def test_try_in_english(run):
    result = run("try", REGULATION, CLAIMS, "--lang", "en")
    assert result.exit_code == 0, result.output
    assert "member for 13 years -> 15,000 baht (regulation of 2567 BE, clause 9)" in result.output
    assert "Total: 41,400 baht" in result.output  # no fund balance given: the 5% cap is not applied


def test_replay_compares_with_what_was_paid(run):
    result = run("replay", PROPOSED, CLAIMS)
    assert result.exit_code == 0, result.output
    total = next(line for line in result.output.splitlines() if "รวม" in line and "18" in line)
    assert "41,400 บาท │ 57,500 บาท │ +16,100 บาท" in total  # paid, the draft, the difference
    assert "รวมตามประเภทสวัสดิการ" in result.output and "เสียชีวิต" in result.output


def test_an_invalid_regulation_is_shown_with_path_and_line(run, tmp_path: Path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(Path(REGULATION).read_text(encoding="utf-8").replace("days: 180", "days: -1", 1)
                   .replace("type: fixed, amount: 500}", "type: fixd, amount: 500}", 1), encoding="utf-8")
    result = run("try", str(bad), CLAIMS)
    assert result.exit_code == 2
    assert "versions[0].clauses[0].days, line 25" in result.output
    assert "versions[0].clauses[1].type, line 26" in result.output and "fixd" in result.output


def test_bad_claims_and_missing_files(run, tmp_path: Path):
    claims = tmp_path / "claims.csv"
    claims.write_text("member_no,kind,event_date\nM1,death,2568-01-01\n", encoding="utf-8")
    result = run("try", REGULATION, str(claims))
    assert result.exit_code == 2 and "event_date, line 2" in result.output
    assert run("try", REGULATION, str(tmp_path / "none.csv")).exit_code == 4


def _kongthun() -> Path:
    return Path(sys.executable).parent / "kongthun"


def _registered() -> bool:
    from kongthun.interfaces.cli.main import app

    return any(group.name == "rules" for group in app.registered_groups)


@pytest.mark.skipif(not _kongthun().exists() or not _registered(), reason="rules_app not registered in main yet")
def test_the_installed_command():
    env = {**os.environ, "COLUMNS": "250"}
    result = subprocess.run([str(_kongthun()), "rules", "try", REGULATION, CLAIMS, "--fund-balance", "300000"],
                            capture_output=True, text=True, env=env, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "เป็นสมาชิก 13 ปี -> 15,000 บาท ตามระเบียบฉบับ 2567 ข้อ 9" in result.stdout
