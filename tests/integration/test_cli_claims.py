"""`kongthun claims ...` on a real database (SQLite and PostgreSQL), through typer's CliRunner: the treasurer
submits a hospital stay with BE dates, `show` explains it line by line in Thai and English, the submitter is
refused the decision (maker-checker), another committee member approves, nobody decides before submission
or pays before approval, the treasurer pays once and writes the voucher; a refused claim prints why and
writes nothing; a claim is rejected with its reason."""

from __future__ import annotations

from datetime import date

import pytest
from typer.testing import CliRunner

from kongthun.access.actions import role_grant
from kongthun.access.domain import Role
from kongthun.integrity import run_checks
from kongthun.interfaces.cli import claims as claims_cli
from kongthun.interfaces.cli.main import app
from kongthun.ledger.models import Account, JournalEntry
from kongthun.welfare.claims.models import Claim
from kongthun.welfare.contributions.actions import PaymentLine, collection_record, plan_set
from tests.integration.claims_support import *  # noqa: F403  (the fixtures)
from tests.integration.claims_support import SYSTEM, claims_state, enrol
from tests.integration.test_cli_demo import cli_db  # noqa: F401  (the fixture)


@pytest.fixture(autouse=True)
def _wide(monkeypatch):
    from kongthun.interfaces.cli import common

    for console in (claims_cli.console, common.console):
        monkeypatch.setattr(console, "width", 220)


@pytest.fixture
def member(fund):
    """A member paid up to 2025-02 under the fund's contribution plan (the 2567 regulation's clause 4)."""
    plan_set(organization=fund, effective_from=date(2017, 1, 1), actor=SYSTEM, why="มติที่ประชุม")
    m = enrol(fund, "มาลี", born=date(1950, 1, 1))
    collection_record(organization=fund, collected_on=date(2024, 12, 1), actor=SYSTEM, idempotency_key="paid",
                      payments=[PaymentLine(m.pk, periods=98)])
    return m


def run(*args):
    return CliRunner().invoke(app, ["claims", *args])


def user_of(actor):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(pk=actor.user_id)


def username(actor) -> str:
    return user_of(actor).username


def test_submit_show_decide_pay_and_the_voucher(fund, member, treasurer, checker, checker2, tmp_path):
    # The first committee member is the treasurer too (small funds): they submit, so they may not decide.
    role_grant(user=user_of(checker), role=Role.TREASURER, actor=SYSTEM, organization=fund)
    maker, other = username(checker), username(checker2)
    result = run("submit", "--org", fund.code, "--as", maker, "--member", member.member_no, "--kind", "hospital",
                 "--admitted", "2568-03-01", "--discharged", "2025-03-04", "--evidence", "ใบรับรองแพทย์",
                 "--on", "2568-03-05")
    assert result.exit_code == 0, result.output
    c = Claim.objects.get(organization=fund)
    assert (c.kind, c.event_date, c.nights, c.amount) == ("hospital", date(2025, 3, 1), 3, 600_00)
    assert (c.submitted_on, c.submitted_by.username) == (date(2025, 3, 5), maker)
    assert "ยื่นคำขอเลขที่ 1 แล้ว" in result.output

    shown = run("show", "1", "--org", fund.code)
    assert shown.exit_code == 0, shown.output
    for line in c.explanation:
        assert line["th"] in shown.output
    assert "5 มี.ค. 2568" in shown.output and "600.00 บาท" in shown.output
    english = run("show", "1", "--org", fund.code, "--lang", "en")
    assert c.explanation[-1]["en"] in english.output and "Hospital stay" in english.output

    before = claims_state()
    refused = run("approve", "1", "--org", fund.code, "--as", maker, "--on", "2568-03-06")
    assert refused.exit_code == 3 and "จึงพิจารณาคำขอนี้เองไม่ได้" in refused.output
    assert "another committee member must" in refused.output
    early = run("approve", "1", "--org", fund.code, "--as", other, "--on", "2568-03-04")
    assert early.exit_code == 2 and "before claim no. 1 was submitted" in early.output
    assert claims_state() == before

    approved = run("approve", "1", "--org", fund.code, "--as", other, "--on", "2568-03-07", "--reason", "ครบ")
    assert approved.exit_code == 0, approved.output
    c.refresh_from_db()
    assert (c.status, c.decided_on, c.decided_by.username) == ("approved", date(2025, 3, 7), other)

    entries = JournalEntry.objects.count()
    early = run("pay", "1", "--org", fund.code, "--as", username(treasurer), "--on", "2568-03-06")
    assert early.exit_code == 2 and "before claim no. 1 was approved" in early.output
    wrong = run("pay", "1", "--org", fund.code, "--as", username(treasurer), "--on", "2568-03-08", "--account",
                "4101")
    assert wrong.exit_code == 2 and "1101" in wrong.output
    assert JournalEntry.objects.count() == entries
    paid = run("pay", "1", "--org", fund.code, "--as", username(treasurer), "--on", "2568-03-08")
    assert paid.exit_code == 0, paid.output
    again = run("pay", "1", "--org", fund.code, "--as", username(treasurer), "--on", "2568-03-09")
    assert again.exit_code == 0 and "already paid" in again.output
    assert JournalEntry.objects.count() == entries + 1
    assert Account.objects.get(organization=fund, code="5102").balance == 600_00
    c.refresh_from_db()
    assert (c.status, c.paid_on) == ("paid", date(2025, 3, 8))

    pdf = tmp_path / "voucher.pdf"
    result = run("voucher", "1", "--org", fund.code, "--as", username(treasurer), "--pdf", str(pdf))
    assert result.exit_code == 0, result.output
    assert pdf.read_bytes().startswith(b"%PDF")
    listed = run("list", "--org", fund.code, "--status", "paid")
    assert listed.exit_code == 0 and member.member_no in listed.output and "จ่ายแล้ว" in listed.output
    assert run("list", "--org", fund.code, "--status", "lost").exit_code == 2
    assert run_checks() == []


def test_a_refused_claim_prints_why_and_writes_nothing(fund, member, treasurer):
    newcomer = enrol(fund, "ใหม่", joined=date(2025, 1, 1))
    before = claims_state()
    result = run("submit", "--org", fund.code, "--as", username(treasurer), "--member", newcomer.member_no,
                 "--kind", "childbirth", "--event-date", "2568-03-01", "--evidence", "สำเนาสูติบัตร",
                 "--on", "2568-03-02")
    assert result.exit_code == 5, result.output
    assert "ไม่มีสิทธิ์ได้รับ" in result.output and "ข้อ 4" in result.output and "Not entitled" in result.output
    for args, code, text in (
        (("--member", "9999", "--kind", "childbirth", "--event-date", "2568-03-01"), 4, "No member 9999"),
        (("--member", member.member_no, "--kind", "childbirth"), 2, "Give the event date"),
        (("--member", member.member_no, "--kind", "childbirth", "--event-date", "2568-02-30"), 2, "not a date"),
        (("--member", member.member_no, "--kind", "scholarship", "--event-date", "2568-03-01", "--fact", "gpa"), 2,
         "must be key=value"),
    ):
        result = run("submit", "--org", fund.code, "--as", username(treasurer), *args)
        assert result.exit_code == code and text in result.output, (args, result.output)
    assert claims_state() == before


def test_reject_with_a_reason_and_facts_and_claimed_amounts(fund, member, treasurer, checker):
    result = run("submit", "--org", fund.code, "--as", username(treasurer), "--member", member.member_no,
                 "--kind", "disaster", "--event-date", "2025-03-01", "--claimed", "1,500.50", "--fact",
                 "damage=หลังคา", "--on", "2025-03-02")
    assert result.exit_code == 0, result.output
    c = Claim.objects.get(organization=fund)
    assert (c.claimed, c.amount, c.facts) == (1_500_50, 1_500_50, {"damage": "หลังคา"})
    assert run("reject", "1", "--org", fund.code, "--as", username(checker), "--reason", " ",
               "--on", "2025-03-03").exit_code == 2
    result = run("reject", "1", "--org", fund.code, "--as", username(checker), "--reason", "ไม่พบความเสียหาย",
                 "--on", "2025-03-03")
    assert result.exit_code == 0, result.output
    c.refresh_from_db()
    assert (c.status, c.decision_reason, c.decided_on) == ("rejected", "ไม่พบความเสียหาย", date(2025, 3, 3))
    result = run("voucher", "1", "--org", fund.code, "--pdf", "/tmp/never.pdf")
    assert result.exit_code == 4 and "has no voucher" in result.output


def test_another_funds_treasurer_sees_no_claims(fund, sibling, member, treasurer, sibling_treasurer):
    run("submit", "--org", fund.code, "--as", username(treasurer), "--member", member.member_no, "--kind",
        "sickness_home", "--event-date", "2025-03-01", "--on", "2025-03-01")
    assert Claim.objects.filter(organization=fund).count() == 1
    result = run("show", "1", "--org", fund.code, "--as", username(sibling_treasurer))
    assert result.exit_code in (3, 4) and "มาลี" not in result.output
    result = run("pay", "1", "--org", fund.code, "--as", username(sibling_treasurer))
    assert result.exit_code in (3, 4)


def test_every_new_command_runs_from_a_fresh_process(cli_db, tmp_path):  # noqa: F811 (the fixture)
    """The installed command, not CliRunner inside a set-up Django: each sub-command sets Django up before it
    imports a model, and an unknown fund is refused with exit code 4 in Thai and English."""
    from tests.integration.test_cli_demo import run as kongthun

    env, _ = cli_db
    assert kongthun(env, "migrate").returncode == 0
    sheet = tmp_path / "day.csv"
    sheet.write_text("member_no,amount\n0001,30\n", encoding="utf-8")
    commands = [
        ("claims", "list"), ("claims", "show", "1"), ("claims", "approve", "1"),
        ("claims", "reject", "1", "--reason", "x"),
        ("claims", "pay", "1"), ("claims", "voucher", "1", "--pdf", str(tmp_path / "v.pdf")),
        ("claims", "submit", "--member", "1", "--kind", "elderly", "--event-date", "2568-01-01"),
        ("collect", "day", str(sheet)), ("collect", "void", "2568/000001", "--why", "x"), ("collect", "standing"),
        ("collect", "lapses", "--dry-run"), ("collect", "reinstate", "--member", "1"),
    ]
    for command in commands:
        result = kongthun(env, *command, "--org", "NOPE")
        assert result.returncode == 4, (command, result.stdout, result.stderr)
        assert "ไม่พบองค์กรรหัส NOPE" in result.stdout and "No organization with code NOPE" in result.stdout
