from datetime import date

from kongthun.integrity import run_checks
from kongthun.ledger.actions import entry_post
from kongthun.ledger.domain import credit, debit


def test_post_and_check(fund_a, actor_a, make_member):
    make_member(fund_a)
    e = entry_post(organization=fund_a, date=date(2025, 1, 5), lines=[debit("1101", 3000), credit("4101", 3000)],
                   memo="contributions", actor=actor_a)
    assert e.number == 1
    assert run_checks() == []
