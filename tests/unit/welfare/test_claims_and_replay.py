"""Claims from CSV, and replaying last year's claims under a proposed regulation."""

from __future__ import annotations

from datetime import date

from kongthun.welfare.rules import load_text
from kongthun.welfare.rules.claims_csv import read_claims
from kongthun.welfare.rules.engine import evaluate_all
from kongthun.welfare.rules.replay import replay, totals_by_kind

from .helpers import EXAMPLES

CURRENT = load_text((EXAMPLES / "welfare-regulation.yaml").read_text(encoding="utf-8"))
PROPOSED = load_text((EXAMPLES / "welfare-regulation-proposed.yaml").read_text(encoding="utf-8"))
ROWS, ISSUES = read_claims((EXAMPLES / "welfare-claims.csv").read_text(encoding="utf-8"))


def test_the_example_claims_read_cleanly():
    assert ISSUES == [] and len(ROWS) == 18
    c11 = next(r for r in ROWS if r.claim.claim_id == "C11")
    assert c11.claim.facts == {"gpa": "3.72"} and c11.paid == 50_000 and c11.claim.recipient == "household"
    c13 = next(r for r in ROWS if r.claim.claim_id == "C13")
    assert c13.claim.claimed == 500_000 and c13.claim.event_id == "FLOOD-2568"


def test_bad_cells_are_reported_with_line_and_column():
    text = ("member_no,kind,event_date,nights,claimed,recipient\n"
            "M1,hospital,2025-02-30,2,,member\n"
            "M2,hospital,2025-01-01,two,-5,neighbour\n"
            ",hospital,2025-01-01,1,,\n")
    rows, issues = read_claims(text)
    assert rows == []
    assert {(i.line, i.path) for i in issues} == {(2, "event_date"), (3, "nights"), (3, "claimed"),
                                                  (3, "recipient"), (4, "member_no")}
    assert read_claims("member_no,kind\nM1,death\n")[1][0].code == "invalid.csv_columns"


def test_the_current_regulation_pays_what_the_fund_paid():
    """The example's `paid` column is what this regulation decides (fund balance 300,000)."""
    from kongthun.welfare.rules import Context

    decisions = evaluate_all(CURRENT, [r.claim for r in ROWS], context=Context(fund_balance=30_000_000))
    got = {r.claim.claim_id: d.amount for r, d in zip(ROWS, decisions, strict=True)}
    expected = {r.claim.claim_id: r.paid for r in ROWS}
    expected["C07"] = 1_500_000  # the committee paid 20,000; the 5% cap of a 300,000 fund allows 15,000
    assert got == expected
    c18 = decisions[-1]
    assert c18.decided_by.version_th == "ระเบียบฉบับ 2565" and ROWS[-1].claim.event_date == date(2024, 6, 1)


def test_replay_judges_every_claim_by_the_proposal_and_totals_by_kind():
    replayed = replay(PROPOSED, ROWS)
    assert all(r.decision.decided_by is None or r.decision.decided_by.version_th == "ร่างระเบียบฉบับ 2568"
               for r in replayed)
    totals = {t.kind: t for t in totals_by_kind(PROPOSED, replayed)}
    assert list(totals)[0] == "childbirth"
    hospital = totals["hospital"]
    assert (hospital.claims, hospital.paid, hospital.proposed) == (4, 100_000, 150_000)  # 900 + 600 of 1,500
    death = totals["death"]
    assert (death.paid, death.proposed, death.difference) == (3_500_000, 5_000_000, 1_500_000)
    assert totals["elderly"].proposed == 30_000
    assert sum(t.difference for t in totals.values()) == sum(r.difference for r in replayed)
