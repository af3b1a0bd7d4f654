"""The built-in clause kinds, one module each; importing a module registers its kind."""

from kongthun.welfare.rules.clauses import (  # noqa: F401
    age,
    claimed_up_to,
    evidence,
    fact_table,
    fixed,
    fund_share_cap,
    limit,
    membership_table,
    membership_years,
    paid_up,
    per_night,
    recipient,
    waiting_period,
    year_cap,
)
