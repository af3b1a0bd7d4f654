"""The facts a benefit rule works on, and what it decides (ระเบียบสวัสดิการ). No Django here.

A clause kind is a function `(params, claim, history, context) -> Decision`. Money is
integer satang; dates are economic dates passed in by the caller.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from kongthun.clock import FISCAL, AccountingYear
from kongthun.money import Satang
from kongthun.people.domain import age_on

# The benefit kinds every fund knows; a regulation may add its own (custom: true).
STANDARD_KINDS = (
    "childbirth",  # คลอดบุตร
    "hospital",  # นอนโรงพยาบาล
    "sickness_home",  # เจ็บป่วยพักรักษาตัวที่บ้าน
    "disaster",  # ภัยพิบัติ (อัคคีภัย น้ำท่วม วาตภัย)
    "death",  # เสียชีวิต / ค่าทำศพ
    "elderly",  # ผู้สูงอายุ
    "disability",  # ผู้พิการ
    "scholarship",  # ทุนการศึกษา
)
RECIPIENTS = ("member", "beneficiary", "household")  # สมาชิก, ผู้รับประโยชน์, ครัวเรือน


@dataclass(frozen=True)
class Claim:
    """One request for a benefit (คำขอรับสวัสดิการ) and the facts it rests on."""

    claim_id: str
    member_no: str
    kind: str
    event_date: date
    joined_on: date | None = None
    birth_date: date | None = None  # of the person the benefit is about (member, child)
    paid_up_to: date | None = None  # contributions paid up to this date
    household: str = ""
    recipient: str = "member"
    nights: int = 0
    event_id: str = ""  # e.g. the disaster or the hospital stay
    claimed: Satang | None = None  # cost or damage asked for, where the rule pays "up to"
    documents: frozenset[str] = frozenset()
    facts: Mapping[str, str] = field(default_factory=dict)  # other facts: gpa, school_level, ...

    def membership_years(self) -> int | None:
        """Completed years of membership on the event date."""
        return age_on(self.joined_on, self.event_date) if self.joined_on else None

    def age(self) -> int | None:
        return age_on(self.birth_date, self.event_date) if self.birth_date else None


@dataclass(frozen=True)
class Paid:
    """A benefit already granted, as the history that limits and yearly caps look at."""

    member_no: str
    kind: str
    event_date: date
    amount: Satang
    household: str = ""
    nights: int = 0
    event_id: str = ""

    @classmethod
    def of(cls, claim: Claim, amount: Satang, nights: int) -> Paid:
        return cls(claim.member_no, claim.kind, claim.event_date, amount, claim.household, nights, claim.event_id)


@dataclass(frozen=True)
class Context:
    """What a clause knows beyond the claim: the fund, its year, the amount so far."""

    fund_balance: Satang | None = None
    year: AccountingYear = FISCAL
    amount: Satang = 0  # decided by the clauses before this one

    def same_year(self, a: date, b: date) -> bool:
        return self.year.start_of(a) == self.year.start_of(b)


class Outcome(StrEnum):
    PASS = "pass"  # a condition is met; the amount is unchanged
    PAY = "pay"  # an amount clause sets the amount / จ่าย
    REDUCE = "reduce"  # a cap lowered the amount / ลดลง
    REFUSE = "refuse"  # a condition failed: nothing is paid / ไม่อนุมัติ


@dataclass(frozen=True)
class Explanation:
    th: str
    en: str

    def text(self, language: str = "th") -> str:
        return self.en if language.startswith("en") else self.th


@dataclass(frozen=True)
class ClauseRef:
    """Which clause decided: the regulation's title, its clause number and the clause type."""

    version_th: str
    version_en: str
    no: str
    type: str


@dataclass(frozen=True)
class Decision:
    """What one clause, or the whole regulation, decides about a claim."""

    outcome: Outcome
    amount: Satang
    lines: tuple[Explanation, ...] = ()
    decided_by: ClauseRef | None = None
    nights: int = 0  # nights granted, for the yearly night limits of later claims

    @property
    def refused(self) -> bool:
        return self.outcome is Outcome.REFUSE


def passed(ctx: Context, th: str, en: str) -> Decision:
    return Decision(Outcome.PASS, ctx.amount, (Explanation(th, en),))


def pay(amount: Satang, th: str, en: str, *, nights: int = 0) -> Decision:
    return Decision(Outcome.PAY, amount, (Explanation(th, en),), nights=nights)


def refuse(th: str, en: str) -> Decision:
    return Decision(Outcome.REFUSE, 0, (Explanation(th, en),))


def capped(ctx: Context, cap: Satang, th: str, en: str) -> Decision:
    """A cap: REDUCE when it bites, else PASS with the same line."""
    if ctx.amount > cap:
        return Decision(Outcome.REDUCE, max(cap, 0), (Explanation(th, en),))
    return passed(ctx, th, en)
