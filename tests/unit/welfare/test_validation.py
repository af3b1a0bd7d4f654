"""A bad regulation file is rejected with every problem, each naming its path and line."""

from __future__ import annotations

import json
import textwrap

import pytest

from kongthun.errors import DomainError
from kongthun.welfare.rules import check_text, load_text

from .helpers import EXAMPLES

GOOD = """\
benefits:
  death: {label_th: เสียชีวิต}
versions:
  - effective_from: 2023-10-01
    clauses:
      - no: "9"
        benefit: death
        type: membership_table
        bands:
          - {from_years: 1, to_years: 3, amount: 3000}
          - {from_years: 3, amount: 5000}
"""


def issues_of(text: str):
    regulation, issues = check_text(textwrap.dedent(text))
    assert regulation is None and issues
    return issues


def only(text: str):
    issues = issues_of(text)
    assert len(issues) == 1, issues
    return issues[0]


def test_the_good_file_and_the_examples_are_valid():
    assert check_text(GOOD)[1] == []
    for name in ("welfare-regulation.yaml", "welfare-regulation-proposed.yaml"):
        regulation, issues = check_text((EXAMPLES / name).read_text(encoding="utf-8"))
        assert issues == [] and regulation.versions


def test_unknown_clause_type():
    issue = only(GOOD.replace("type: membership_table", "type: membership_tabel"))
    assert issue.code == "invalid.unknown_clause_type"
    assert (issue.path, issue.line) == ("versions[0].clauses[0].type", 8)
    assert "membership_tabel" in issue.message_th and "membership_table" in issue.message_en


def test_overlapping_membership_bands():
    issue = only(GOOD.replace("{from_years: 3, amount: 5000}", "{from_years: 2, amount: 5000}"))
    assert issue.code == "invalid.band_overlap"
    assert (issue.path, issue.line) == ("versions[0].clauses[0].bands[1].from_years", 11)
    assert "ซ้อนทับ" in issue.message_th


def test_a_band_that_is_empty():
    issue = only(GOOD.replace("to_years: 3", "to_years: 1"))
    assert (issue.code, issue.path) == ("invalid.band_empty", "versions[0].clauses[0].bands[0].to_years")


def test_negative_amount():
    issue = only(GOOD.replace("amount: 5000", "amount: -5000"))
    assert issue.code == "invalid.amount_negative"
    assert (issue.path, issue.line) == ("versions[0].clauses[0].bands[1].amount", 11)


def test_missing_thai_label():
    issue = only(GOOD.replace("{label_th: เสียชีวิต}", "{label_en: Death}"))
    assert (issue.code, issue.path, issue.line) == ("invalid.missing", "benefits.death.label_th", 2)
    assert "label_th" in issue.message_th


def test_unknown_benefit_kind_and_custom_kinds():
    death = "{label_th: เสียชีวิต}"
    issue = only(GOOD.replace(death, death + "\n  wedding: {label_th: แต่งงาน}"))
    assert (issue.code, issue.path, issue.line) == ("invalid.unknown_kind", "benefits.wedding", 3)
    assert check_text(GOOD.replace(death, death + "\n  wedding: {label_th: แต่งงาน, custom: true}"))[1] == []


def test_a_clause_for_an_undeclared_kind():
    issue = only(GOOD.replace("benefit: death", "benefit: [death, funeral]"))
    assert (issue.code, issue.path, issue.line) == ("invalid.unknown_kind", "versions[0].clauses[0].benefit", 7)


def test_effective_dates_out_of_order():
    second = textwrap.indent(GOOD.split("versions:\n", 1)[1].replace("2023-10-01", "2022-10-01"), "")
    issue = only(GOOD + second)
    assert (issue.code, issue.path, issue.line) == ("invalid.version_order", "versions[1].effective_from", 12)


def test_a_bad_date():
    issue = only(GOOD.replace("2023-10-01", "2566-10-01"))
    assert (issue.code, issue.path) == ("invalid.date_be_year", "versions[0].effective_from")


def test_a_typo_in_a_key_is_not_ignored():
    found = {(i.code, i.path, i.line) for i in issues_of(GOOD.replace("to_years: 3", "to_yeras: 3"))}
    assert ("invalid.unknown_key", "versions[0].clauses[0].bands[0].to_yeras", 10) in found


def test_a_benefit_needs_exactly_one_amount_clause():
    two = GOOD + '      - {no: "10", benefit: death, type: fixed, amount: 100}\n'
    assert only(two).code == "invalid.amount_clauses"
    none = GOOD.replace("type: membership_table", "type: evidence\n        documents: [ใบมรณบัตร]")
    none = none.split("        bands:")[0]
    assert only(none).code == "invalid.amount_clauses"


def test_clause_settings_are_checked():
    text = """\
    benefits:
      hospital: {label_th: นอนโรงพยาบาล}
    versions:
      - effective_from: 2023-10-01
        clauses:
          - {no: "6", benefit: hospital, type: per_night, per_night: 200, max_nights_per_year: 0}
          - {no: "6", benefit: hospital, type: fund_share_cap, share: 1.5}
          - {no: "6", benefit: hospital, type: age, min: 60, max: 20}
          - {no: "6", benefit: hospital, type: limit, count: 1, per: village}
          - {no: "6", benefit: hospital, type: recipient, allowed: [neighbour]}
    """
    codes = {(i.path.rsplit(".", 1)[-1], i.code, i.line) for i in issues_of(text)}
    assert codes == {("max_nights_per_year", "invalid.integer", 6), ("share", "invalid.number", 7),
                     ("max", "invalid.range", 8), ("per", "invalid.choice", 9), ("allowed", "invalid.choice", 10)}


def test_problems_are_collected_not_stopped_at_the_first():
    bad = (GOOD.replace("{label_th: เสียชีวิต}", "{label_en: Death}").replace("amount: 5000", "amount: -1")
           .replace("to_years: 3", "to_years: 3, colour: red"))
    assert len(issues_of(bad)) == 3


def test_syntax_error_gives_the_line():
    issue = only("benefits:\n  death: {label_th: เสียชีวิต\nversions: []\n")
    assert issue.code == "invalid.syntax" and issue.line == 3


def test_missing_sections():
    paths = {i.path for i in issues_of("fund_th: กองทุน\n")}
    assert paths == {"benefits", "versions"}


def test_json_is_read_too_with_lines():
    data = {"benefits": {"childbirth": {"label_th": "คลอดบุตร"}},
            "versions": [{"effective_from": "2023-10-01",
                          "clauses": [{"no": "5", "benefit": "childbirth", "type": "fixed", "amount": -1}]}]}
    text = json.dumps(data, ensure_ascii=False, indent=2)
    issue = only(text)
    line = 1 + text.splitlines().index('          "amount": -1')
    assert (issue.path, issue.line) == ("versions[0].clauses[0].amount", line)


def test_amounts_are_never_floats():
    regulation = load_text(GOOD.replace("amount: 5000", "amount: 5000.10"))
    band = regulation.versions[0].clauses[0].params.bands[1]
    assert band.amount == 500_010 and isinstance(band.amount, int)
    issue = only(GOOD.replace("amount: 5000", "amount: 5000.105"))
    assert issue.code == "invalid.amount_fraction"


def test_load_text_raises_one_error_carrying_them_all():
    with pytest.raises(DomainError) as caught:
        load_text(GOOD.replace("amount: 5000", "amount: -5000").replace("{label_th: เสียชีวิต}", "{}"))
    assert caught.value.code == "invalid.regulation" and len(caught.value.details["issues"]) == 2
