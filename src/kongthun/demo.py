"""The demo province (จังหวัดสาธิต): Yasothon, four tambon welfare funds, three village
savings groups, a provincial network and a tambon council, a few hundred members with
Thai names and households, and three years of books (FY 2567 to October 2569).

Deterministic from a seed. Everything is written through the actions, so the demo's
books and audit trail pass `kongthun check` like real ones. The welfare funds keep their money
through the welfare apps: each adopts a contribution plan and the example regulation, collects
monthly with a receipt per member, and pays benefits as claims the treasurer submits, a committee
member approves and the treasurer pays; members who stop paying lapse by the plan.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.db import transaction

from kongthun.access.actions import role_grant, user_create
from kongthun.access.domain import Role
from kongthun.audit.actions import Actor
from kongthun.clock import THAI_MONTHS_SHORT, be_year
from kongthun.errors import DomainError
from kongthun.ledger.actions import entry_post, entry_reverse, year_close
from kongthun.ledger.domain import Line, credit, debit
from kongthun.money import round_satang
from kongthun.orgs.actions import organization_create, organization_registration_step
from kongthun.orgs.domain import OrgKind, Registration
from kongthun.orgs.models import Organization
from kongthun.people.actions import (
    beneficiary_add,
    consent_record,
    household_create,
    membership_create,
    membership_status_change,
    person_create,
)
from kongthun.people.domain import IdKind, age_on, national_id_check_digit
from kongthun.people.models import Membership, MembershipStatus, Person
from kongthun.places.models import Province
from kongthun.savings.demo import demo_group
from kongthun.welfare.claims import domain as claim_domain
from kongthun.welfare.claims.actions import claim_approve, claim_pay, claim_reject, claim_submit, regulation_adopt
from kongthun.welfare.claims.domain import ClaimStatus
from kongthun.welfare.claims.models import Claim, Recipient
from kongthun.welfare.contributions.actions import (
    PaymentLine,
    collection_record,
    lapses_apply,
    plan_set,
    receipt_void,
)
from kongthun.welfare.contributions.domain import DAYS_PER_MONTH, MatchingTerms
from kongthun.welfare.contributions.models import Receipt
from kongthun.welfare.contributions.selectors import matching_request_for
from kongthun.welfare.disasters.actions import (
    DisasterLine,
    disaster_batch_submit,
    disaster_claims_approve,
    disaster_claims_pay,
    disaster_register,
)
from kongthun.welfare.disasters.demo import demo_accepted, demo_relief
from kongthun.welfare.disasters.models import DisasterEvent
from kongthun.welfare.funding.demo import demo_funding

DEMO_PASSWORD = "kongthun"
DEMO_PIN = "2567"  # the demo member also logs in with their phone number and this PIN
PROVINCE = "35"  # ยโสธร
START = date(2023, 10, 1)  # first day of FY 2567
END = date(2026, 10, 31)
BAHT = 100
REGULATION = "docs/examples/welfare-regulation.yaml"  # under settings.PROJECT_DIR
# Claims after these dates are still waiting when the history ends: October's claims for the committee's
# November meeting, late September's approved ones for the treasurer to pay.
PENDING_AFTER = date(2026, 9, 30)
UNPAID_AFTER = date(2026, 9, 20)
HOME_CARE_FROM = date(2024, 10, 1)  # the regulation of 2567 adds sickness at home
MATCHING = MatchingTerms(local_ratio=Decimal("0.5"))  # CODI 1:1, the อบต. half, on up to 365 baht a member

DEMO_USERS = [
    ("admin", "ผู้ดูแลระบบ", "System administrator"),
    ("treasurer", "เหรัญญิก กองทุนสวัสดิการชุมชนตำบลน้ำคำใหญ่", "Treasurer, Nam Kham Yai welfare fund"),
    ("committee", "กรรมการ กองทุนสวัสดิการชุมชนตำบลน้ำคำใหญ่", "Committee member, Nam Kham Yai welfare fund"),
    ("auditor", "ผู้ตรวจสอบ กองทุนสวัสดิการชุมชนตำบลน้ำคำใหญ่", "Auditor, Nam Kham Yai welfare fund"),
    ("member", "สมาชิก กองทุนสวัสดิการชุมชนตำบลน้ำคำใหญ่", "Member (self-service)"),
    ("sg_treasurer", "เหรัญญิก กลุ่มออมทรัพย์บ้านหนองแก", "Treasurer, Ban Nong Kae savings group"),
    ("sg_committee", "กรรมการ กลุ่มออมทรัพย์บ้านหนองแก", "Committee member, Ban Nong Kae savings group"),
    ("coordinator", "ผู้ประสานงานเครือข่ายจังหวัดยโสธร", "Network coordinator, Yasothon"),
    ("codi", "เจ้าหน้าที่ พอช.", "CODI staff (nation)"),
]


@dataclass(frozen=True)
class FundSpec:
    code: str
    name_th: str
    name_en: str
    tambon: str
    founded: int
    members: int
    local_gov: bool


FUNDS = [
    FundSpec("WF-350102", "กองทุนสวัสดิการชุมชนตำบลน้ำคำใหญ่", "Nam Kham Yai community welfare fund",
             "350102", 2009, 130, True),
    FundSpec("WF-350103", "กองทุนสวัสดิการชุมชนตำบลตาดทอง", "Tat Thong community welfare fund",
             "350103", 2010, 95, False),
    FundSpec("WF-350201", "กองทุนสวัสดิการชุมชนตำบลทรายมูล", "Sai Mun community welfare fund",
             "350201", 2008, 110, True),
    FundSpec("WF-350302", "กองทุนสวัสดิการชุมชนตำบลโนนเปือย", "Non Pueai community welfare fund",
             "350302", 2012, 75, False),
]


@dataclass(frozen=True)
class GroupSpec:
    code: str
    name_th: str
    name_en: str
    tambon: str
    village: str
    members: int


GROUPS = [
    GroupSpec("SG-350102-03", "กลุ่มออมทรัพย์เพื่อการผลิตบ้านหนองแก", "Ban Nong Kae savings group",
              "350102", "หมู่ 3 บ้านหนองแก", 40),
    GroupSpec("SG-350201-05", "กลุ่มสัจจะสะสมทรัพย์บ้านดอนแดง", "Ban Don Daeng sajja savings group",
              "350201", "หมู่ 5 บ้านดอนแดง", 35),
    GroupSpec("SG-350302-02", "กลุ่มออมทรัพย์เพื่อการผลิตบ้านโนนเปือย", "Ban Non Pueai savings group",
              "350302", "หมู่ 2 บ้านโนนเปือย", 30),
]

VILLAGES = ["หมู่ 1 บ้านโนนสูง", "หมู่ 2 บ้านโนนเปือย", "หมู่ 3 บ้านหนองแก", "หมู่ 4 บ้านนาเจริญ",
            "หมู่ 5 บ้านดอนแดง", "หมู่ 6 บ้านคำน้อย", "หมู่ 7 บ้านหัวนา", "หมู่ 8 บ้านท่าศิลา"]
RELATIONS = ["คู่สมรส", "บุตร", "บิดา", "มารดา", "พี่น้อง"]

# A flood and a house fire (date, kind, name, village, households hit), registered as disaster events and
# claimed as disaster benefits in one batch; Sai Mun sends relief to Nam Kham Yai's fire (RELIEF).
DISASTERS = {
    "WF-350201": [(date(2025, 9, 12), "flood", "น้ำท่วมบ้านดอนแดง ก.ย. 2568", "หมู่ 5 บ้านดอนแดง", 6)],
    "WF-350102": [(date(2026, 3, 8), "fire", "ไฟไหม้บ้านหนองแก มี.ค. 2569", "หมู่ 3 บ้านหนองแก", 1)],
}
RELIEF = ("WF-350201", "WF-350102")  # (sender, affected)

Progress = Callable[[str, int, int], None]


def demo_present() -> bool:
    return Organization.objects.exists()


def month_label(d: date) -> str:
    return f"{THAI_MONTHS_SHORT[d.month - 1]} {be_year(d)}"


def months(start: date, end: date):
    d = start.replace(day=1)
    while d <= end:
        yield d
        d = date(d.year + (d.month == 12), d.month % 12 + 1, 1)


class People:
    """Makes plausible Thai persons and households, deterministically."""

    def __init__(self, rng: random.Random) -> None:
        from pythainlp.corpus import thai_family_names, thai_female_names, thai_male_names

        self.rng = rng
        self.female = sorted(thai_female_names())
        self.male = sorted(thai_male_names())
        self.family = sorted(thai_family_names())
        self.ids: set[str] = set()
        self.households = 0

    def national_id(self, birth: date) -> str:
        while True:
            first = "1" if birth.year >= 1984 else "3"
            base = first + PROVINCE + "".join(str(self.rng.randrange(10)) for _ in range(9))
            nid = base + str(national_id_check_digit(base))
            if nid not in self.ids:
                self.ids.add(nid)
                return nid

    def birth_date(self) -> date:
        r = self.rng.random()
        if r < 0.14:
            age = self.rng.randint(3, 17)
        elif r < 0.68:
            age = self.rng.randint(18, 59)
        else:
            age = self.rng.randint(60, 88)
        return END - timedelta(days=age * 365 + self.rng.randrange(365))

    def household(self, org: Organization, actor: Actor, tambon: str, village: str, size: int):
        self.households += 1
        hh = household_create(organization=org, code=f"HH-{tambon}-{self.households:04d}", tambon_code=tambon,
                              actor=actor, village=village, house_no=f"{self.rng.randint(1, 220)}")
        family = self.rng.choice(self.family)
        persons = []
        for _ in range(size):
            sex = self.rng.choice("FM")
            first = self.rng.choice(self.female if sex == "F" else self.male)
            birth = self.birth_date()
            adult = age_on(birth, END) >= 18
            prefix = ("นาง" if sex == "F" else "นาย") if adult else ("เด็กหญิง" if sex == "F" else "เด็กชาย")
            kind = IdKind.NATIONAL if self.rng.random() > 0.03 else self.rng.choice(
                [IdKind.MIGRANT, IdKind.STATELESS, IdKind.NONE])
            persons.append(person_create(
                organization=org, first_name_th=first, last_name_th=family, sex=sex, actor=actor, business_date=END,
                id_kind=kind, national_id=self.national_id(birth) if kind is IdKind.NATIONAL else "",
                other_id=f"{kind.value.upper()}-{self.rng.randrange(10**6):06d}" if kind in (
                    IdKind.MIGRANT, IdKind.STATELESS) else "",
                prefix_th=prefix, birth_date=birth, tambon_code=tambon, village=village, house_no=hh.house_no,
                household=hh, phone=f"0{self.rng.choice('689')}{self.rng.randrange(10**8):08d}" if adult else "",
            ))
        return persons


class Books:
    """Posts through the ledger's action and keeps a running view of cash, to stay plausible."""

    def __init__(self, org: Organization, actor: Actor) -> None:
        self.org, self.actor = org, actor
        self.balance: dict[str, int] = {}

    def note(self, lines: list[Line]) -> None:
        """Keep the running view of an entry another action posted (a collection day, a claim paid)."""
        for line in lines:
            self.balance[line.account] = self.balance.get(line.account, 0) + line.amount

    def post(self, day: date, memo: str, lines: list[Line], **kw):
        entry = entry_post(organization=self.org, date=day, lines=lines, memo=memo, actor=self.actor,
                           source="demo", **kw)
        self.note(lines)
        return entry

    def cash(self) -> int:
        return self.balance.get("1101", 0)

    def bank(self) -> int:
        return self.balance.get("1102", 0)

    def cash_for(self, day: date, amount: int) -> None:
        """Top cash up from the bank before paying `amount`, when it is short."""
        if self.cash() < amount:
            top_up = amount - self.cash() + 2000 * BAHT
            self.post(day, "ถอนเงินฝากธนาคารเข้าเงินสด", [debit("1101", top_up), credit("1102", top_up)])

    def pay(self, day: date, memo: str, expense: str, amount: int) -> None:
        """Pay from cash, topping cash up from the bank first when needed."""
        self.cash_for(day, amount)
        self.post(day, memo, [debit(expense, amount), credit("1101", amount)])

    def bank_surplus_cash(self, day: date, keep: int = 5000 * BAHT) -> None:
        if self.cash() > keep:
            amount = self.cash() - keep
            self.post(day, "นำเงินสดฝากธนาคาร", [debit("1102", amount), credit("1101", amount)])


def _enrol(org, persons, actor, rng, *, founded: date, joined_after: date | None = None):
    memberships = []
    for p in persons:
        earliest = max(founded, p.birth_date + timedelta(days=365))
        if joined_after:
            joined = joined_after
        else:
            span = max((START - earliest).days, 1)
            joined = earliest + timedelta(days=rng.randrange(span))
        m = membership_create(organization=org, person=p, joined_on=joined, actor=actor)
        consent_record(organization=org, person=p, purpose="membership", given_on=joined, actor=actor,
                       evidence="ใบสมัครสมาชิก")
        memberships.append(m)
    return memberships


def _household_sizes(rng: random.Random, total: int):
    left = total
    while left > 0:
        size = min(left, rng.choice([1, 2, 2, 3, 3, 4, 5]))
        left -= size
        yield size


def regulation_text(spec: FundSpec) -> str:
    """The example regulation (docs/examples/welfare-regulation.yaml), with the fund's own name."""
    path = Path(settings.PROJECT_DIR) / REGULATION
    if not path.is_file():
        raise RuntimeError(f"The demo needs the example regulation at {path} (set KONGTHUN_HOME to the project)")
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    names = {"fund_th:": spec.name_th, "fund_en:": spec.name_en}
    return "".join(next((f"{k} {v}\n" for k, v in names.items() if line.startswith(k)), line) for line in lines)


def _officer(username: str, full_name: str, role: Role, org: Organization, system: Actor) -> Actor:
    user = user_create(username=username, password=DEMO_PASSWORD, actor=system, full_name=full_name)
    role_grant(user=user, role=role, actor=system, organization=org)
    return Actor.for_user(user, "demo")


class Habit:
    """How a member pays: regularly, now and then, or until they stop (and lapse)."""

    REGULAR, IRREGULAR, STOPS = "regular", "irregular", "stops"

    @staticmethod
    def pick(rng: random.Random, months_total: int) -> tuple[str, int]:
        r = rng.random()
        if r < 0.83:
            return Habit.REGULAR, 0
        if r < 0.96:
            return Habit.IRREGULAR, 0
        return Habit.STOPS, rng.randrange(months_total)


class Fund:
    """One welfare fund's money through the welfare apps: collection days with receipts, claims
    submitted by the treasurer, decided by a committee member and paid, lapses by the plan."""

    def __init__(self, spec: FundSpec, org: Organization, treasurer: Actor, committee: Actor, system: Actor,
                 rng: random.Random) -> None:
        self.spec, self.org, self.rng = spec, org, rng
        self.treasurer, self.committee, self.system = treasurer, committee, system
        self.books = Books(org, treasurer)
        self.members: list[Membership] = []
        self.days: dict[int, int] = {}  # days of contributions covered, by membership id
        self.habit: dict[int, tuple[str, int]] = {}
        self.entry_fee_due: set[int] = set()

    def enrol(self, members: list[Membership], months_total: int, *, newcomers: bool = False) -> None:
        for m in members:
            self.members.append(m)
            self.days[m.pk] = 0
            self.habit[m.pk] = Habit.pick(self.rng, months_total)
            if newcomers:
                self.entry_fee_due.add(m.pk)

    def active(self, on: date | None = None) -> list[Membership]:
        return [m for m in self.members if m.status == MembershipStatus.ACTIVE and (on is None or m.joined_on <= on)]

    def paid_up_to(self, m: Membership) -> date:
        return m.joined_on + timedelta(days=self.days[m.pk] - 1)

    # --- contributions ------------------------------------------------------------------------------

    def open_books(self, opening_extra: int) -> None:
        """Members who joined before the books start paid their contributions before kongthun: one
        opening collection day (ใบเสร็จยกมา) records the months each has paid, so the receipts say how
        far each is paid up; that money is already in the fund's accumulated balance and the bank,
        so one adjusting entry moves it from contribution income and cash to 3101 and 1102."""
        lines = []
        for m in self.members:
            periods = (START - m.joined_on).days // DAYS_PER_MONTH
            if self.rng.random() < 0.08:  # a few come into the books already behind
                periods -= self.rng.randint(1, 4)
            if periods > 0:
                lines.append(PaymentLine(m.pk, periods=periods))
        brought = sum(p.periods for p in lines) * DAYS_PER_MONTH * 100
        opening = brought + opening_extra
        self.books.post(START, "ยอดยกมาต้นปีบัญชี 2567", [debit("1102", opening - brought),
                                                         credit("3101", opening - brought)])
        self.collect(START, lines, key="opening",
                     memo=f"ยอดยกมา: เงินสมทบที่สมาชิกเดิม {len(lines)} รายส่งก่อนเริ่มใช้ระบบ (ใบเสร็จยกมา)")
        self.books.post(START, "โอนเงินสมทบยกมา (ส่งก่อนเริ่มใช้ระบบ อยู่ในเงินฝากธนาคารแล้ว) เข้าทุนสะสม",
                        [debit("4101", brought), debit("1102", brought), credit("3101", brought),
                         credit("1101", brought)])

    def collect(self, day: date, lines: list[PaymentLine], *, key: str, memo: str):
        if not lines:
            return None
        collection = collection_record(organization=self.org, collected_on=day, payments=lines, actor=self.treasurer,
                                       idempotency_key=f"demo-{self.spec.code}-{key}", memo=memo)
        self.books.note([debit("1101", collection.contributions + collection.entry_fees),
                         credit("4101", collection.contributions), credit("4102", collection.entry_fees)])
        for line, receipt in zip(lines, collection.receipts.order_by("seq"), strict=True):
            self.days[line.membership_id] += receipt.days_covered
            self.entry_fee_due.discard(line.membership_id)
        return collection

    def collection_day(self, day: date, index: int) -> None:
        """The monthly collection: most pay the month, some pay several (catching up, or a year ahead),
        some miss it; a few stop paying altogether."""
        lines = []
        for m in self.active(day):
            habit, stops_at = self.habit[m.pk]
            owed = -(-((day + timedelta(days=25)) - self.paid_up_to(m)).days // DAYS_PER_MONTH)
            periods = 0
            if m.pk in self.entry_fee_due:
                periods = max(owed, 1)
            elif habit == Habit.REGULAR:
                if owed > 0 and self.rng.random() < 0.96:
                    periods = 12 if day.month == 10 and self.rng.random() < 0.04 else owed
            elif habit == Habit.IRREGULAR:
                if owed > 0 and self.rng.random() < 0.5:
                    periods = owed if self.rng.random() < 0.7 else 1
            elif index < stops_at and owed > 0 and self.rng.random() < 0.9:
                periods = owed
            if periods > 0:
                lines.append(PaymentLine(m.pk, periods=periods, entry_fee=m.pk in self.entry_fee_due))
        self.collect(day, lines, key=f"{day:%Y-%m}",
                     memo=f"เก็บเงินสมทบประจำเดือน {month_label(day)} ({len(lines)} ราย)")

    def lapses(self, on: date) -> None:
        lapsed = {m.pk for m in lapses_apply(organization=self.org, on=on, actor=self.treasurer)}
        for m in self.members:
            if m.pk in lapsed:
                m.status = MembershipStatus.LAPSED

    def correct_a_receipt(self, day: date) -> None:
        """The treasurer typed 3 months for a member who paid 1: void the receipt, issue the right one."""
        m = next((m for m in self.active(day) if self.habit[m.pk][0] == Habit.REGULAR
                  and m.pk not in self.entry_fee_due), None)
        if m is None:
            return
        wrong = self.collect(day, [PaymentLine(m.pk, periods=3)], key=f"{day:%Y-%m}-late",
                             memo=f"รับเงินสมทบล่าช้า สมาชิกเลขที่ {m.member_no}")
        receipt = wrong.receipts.get()
        receipt_void(receipt=receipt, actor=self.treasurer, why="บันทึกจำนวนงวดผิด สมาชิกส่ง 1 งวด ไม่ใช่ 3 งวด")
        self.days[m.pk] -= receipt.days_covered
        self.books.note([debit("4101", receipt.amount), credit("1101", receipt.amount)])
        self.collect(day, [PaymentLine(m.pk, periods=1)], key=f"{day:%Y-%m}-late-corrected",
                     memo=f"รับเงินสมทบล่าช้า สมาชิกเลขที่ {m.member_no} (ออกใบเสร็จแทนฉบับที่ยกเลิก)")

    def matching(self, month: date) -> None:
        """CODI matches last accounting year's contributions 1:1 (capped per member); the อบต. half."""
        request = matching_request_for(scope=self.treasurer.scope, organization=self.org,
                                       on=date(month.year, 9, 30), terms=MATCHING)
        if request.codi:
            self.books.post(month + timedelta(days=14),
                            f"เงินสมทบจากรัฐบาลผ่าน พอช. ปี {request.year_name} ({request.members_counted} ราย)",
                            [debit("1102", request.codi), credit("4201", request.codi)])
        if self.spec.local_gov and request.local:
            self.books.post(month + timedelta(days=20), "เงินสมทบจาก อบต. ตามข้อบัญญัติงบประมาณ",
                            [debit("1102", request.local), credit("4202", request.local)])

    # --- claims ---------------------------------------------------------------------------------------

    def claim(self, m: Membership, kind: str, event_date: date, **kw) -> Claim | None:
        """The treasurer submits a claim; a claim the regulation refuses is not submitted (the
        treasurer checks first), so nothing is written. The committee decides, the treasurer pays,
        except for claims too recent to have been decided or paid when the demo's history ends."""
        # Brought to the treasurer after the stay (or the event), at most two days on: before any payment.
        on = min(kw.get("discharged_on") or event_date, event_date + timedelta(days=2))
        try:
            claim = claim_submit(organization=self.org, membership=m, kind=kind, event_date=event_date, on=on,
                                 actor=self.treasurer, **kw)
        except DomainError as e:
            if e.code == "conflict.claim_refused":
                return None
            raise
        if kind == "death":
            m.status = MembershipStatus.DECEASED
        if event_date > PENDING_AFTER:
            return claim
        if kind == "hospital" and self.rng.random() < 0.03:
            return claim_reject(claim=claim, on=on, actor=self.committee,
                                reason="ตรวจสอบกับโรงพยาบาลแล้ว เป็นการรักษาแบบผู้ป่วยนอก ไม่ได้นอนพักรักษา")
        claim = claim_approve(claim=claim, on=on, actor=self.committee, reason="ที่ประชุมคณะกรรมการพิจารณาแล้ว")
        if event_date > UNPAID_AFTER:
            return claim
        paid_on = min(event_date + timedelta(days=self.rng.randint(2, 10)), UNPAID_AFTER + timedelta(days=7))
        self.books.cash_for(paid_on, claim.amount)
        claim = claim_pay(claim=claim, paid_on=paid_on, actor=self.treasurer)
        self.books.note([debit(claim_domain.expense_account(kind), claim.amount), credit("1101", claim.amount)])
        return claim

    def benefits(self, month: date) -> None:
        rng = self.rng
        for m in self.active(month):
            p = m.person
            age = age_on(p.birth_date, month)
            roll = rng.random()
            day = month + timedelta(days=rng.randint(1, 24))
            if roll < 0.012:
                nights = rng.randint(1, 10)
                self.claim(m, "hospital", day, admitted_on=day, discharged_on=day + timedelta(days=nights),
                           evidence=["ใบรับรองแพทย์"])
            elif roll < 0.016 and day >= HOME_CARE_FROM:
                self.claim(m, "sickness_home", day, evidence=["ใบรับรองแพทย์"])
            elif p.sex == "F" and 18 <= age <= 42 and roll < 0.021:
                self.claim(m, "childbirth", day, evidence=["สำเนาสูติบัตร"])
            elif roll > 1 - (0.004 if age >= 60 else 0.0004):
                recipient = Recipient.BENEFICIARY if m.beneficiaries.exists() else Recipient.HOUSEHOLD
                if self.claim(m, "death", day, recipient=recipient, evidence=["สำเนาใบมรณบัตร"]) is None:
                    membership_status_change(membership=m, status=MembershipStatus.DECEASED, on=day,
                                             actor=self.system, why="แจ้งการเสียชีวิตโดยญาติ พร้อมใบมรณบัตร")
                    m.status = MembershipStatus.DECEASED
            elif roll > 0.9975 and age >= 18:
                membership_status_change(membership=m, status=MembershipStatus.RESIGNED, on=month + timedelta(days=20),
                                         actor=self.system, why="ย้ายภูมิลำเนา")
                m.status = MembershipStatus.RESIGNED
        if month.month == 5:
            self.scholarships(month + timedelta(days=15))

    def scholarships(self, day: date) -> None:
        """Scholarships for members' children with a GPA of 3.50 or more, one a household a year; the
        parent claims when the parent is a member."""
        pupils = [m for m in self.active(day) if 6 <= age_on(m.person.birth_date, day)
                  and age_on(m.person.birth_date, END) <= 17]  # still a child (เด็กชาย/เด็กหญิง) at the end
        seen: set[int | None] = set()
        for child in self.rng.sample(pupils, min(len(pupils), 8)):
            gpa = Decimal(self.rng.randint(300, 400)) / 100
            if child.person.household_id in seen or gpa < Decimal("3.5"):
                continue
            seen.add(child.person.household_id)
            parent = next((m for m in self.active(day) if m.person.household_id == child.person.household_id
                           and age_on(m.person.birth_date, day) >= 25), child)
            self.claim(parent, "scholarship", day, subject_birth_date=child.person.birth_date,
                       facts={"gpa": f"{gpa:.2f}", "student": child.person.full_name_th},
                       event_ref=f"scholarship:{child.member_no}:{day.year}")

    def elderly_allowance(self, day: date) -> None:
        for m in self.active(day):
            if age_on(m.person.birth_date, day) >= 60 and age_on(m.joined_on, day) >= 3:
                self.claim(m, "elderly", day)

    def disaster(self, day: date, kind: str, name: str, village: str, households: int) -> None:
        """A flood or a fire: the treasurer registers it with the village hit and submits an adult of each
        household hit in one batch (the damage, up to the regulation's cap); the committee approves the
        batch and the treasurer pays it, unless too recent when the demo's history ends."""
        hit: dict[int, Membership] = {}
        for m in self.active(day):
            if m.person.village == village and age_on(m.person.birth_date, day) >= 18:
                hit.setdefault(m.person.household_id, m)
        members = list(hit.values())[:households]
        event = disaster_register(organization=self.org, kind=kind, name=name, started_on=day,
                                  area=[(self.spec.tambon, village)], actor=self.treasurer)
        accepted = demo_accepted(event, [m.pk for m in members], on=day, actor=self.treasurer)
        # The same draws, in the same order, as when each household claimed on its own (the damage, then the
        # days to payment of a claim paid): the rest of the demo follows the random stream.
        lines, waits = [], []
        for m in members:
            claimed = self.rng.randint(8, 40) * 100 * BAHT
            if m.pk in accepted:
                lines.append(DisasterLine(m.pk, claimed, "บ้านเรือนและทรัพย์สินเสียหาย"))
                if day <= UNPAID_AFTER:
                    waits.append(self.rng.randint(2, 10))
        if not lines:
            return
        claims = disaster_batch_submit(event=event, lines=lines, on=day, actor=self.treasurer,
                                       evidence=["ภาพถ่ายความเสียหาย"])
        if day > PENDING_AFTER:
            return
        disaster_claims_approve(event=event, on=day, actor=self.committee, reason="ที่ประชุมคณะกรรมการพิจารณาแล้ว")
        if day > UNPAID_AFTER:
            return
        paid_on = min(day + timedelta(days=max(waits)), UNPAID_AFTER + timedelta(days=7))
        total = sum(c.amount for c in claims)
        self.books.cash_for(paid_on, total)
        disaster_claims_pay(event=event, paid_on=paid_on, actor=self.treasurer)
        self.books.note([debit(claim_domain.expense_account("disaster"), total), credit("1101", total)])


def _load_fund(spec: FundSpec, parent, people: People, rng, actor: Actor, progress: Progress,
               officers: tuple[tuple[str, str], tuple[str, str]]) -> dict:
    founded = date(spec.founded, 6, 1)
    org = organization_create(code=spec.code, name_th=spec.name_th, name_en=spec.name_en,
                              kind=OrgKind.WELFARE_FUND, tambon_code=spec.tambon, actor=actor, parent=parent,
                              founded_on=founded)
    organization_registration_step(organization=org, status=Registration.NOTIFIED, on=date(spec.founded + 1, 3, 1),
                                   actor=actor, document=f"จดแจ้งเลขที่ {rng.randint(100, 999)}/{spec.founded + 544}")
    (t_user, t_name), (c_user, c_name) = officers
    fund = Fund(spec, org, _officer(t_user, t_name, Role.TREASURER, org, actor),
                _officer(c_user, c_name, Role.COMMITTEE, org, actor), actor, rng)
    plan_set(organization=org, effective_from=founded, actor=fund.committee, daily_rate=1 * BAHT,
             frequency="monthly", entry_fee=20 * BAHT, grace_days=30, lapse_after_months=6,
             why="มติที่ประชุมใหญ่จัดตั้งกองทุน: ออมวันละ 1 บาท ส่งรายเดือน ค่าสมัคร 20 บาท "
                 "ขาดส่งเกิน 6 เดือนพ้นสภาพ")
    regulation_adopt(organization=org, text=regulation_text(spec), actor=fund.committee,
                     why="ระเบียบตามมติที่ประชุมใหญ่ (ฉบับ 2565 และฉบับปรับปรุง 2567)")
    persons: list[Person] = []
    for size in _household_sizes(rng, spec.members):
        persons += people.household(org, actor, spec.tambon, rng.choice(VILLAGES), size)
    all_months = list(months(START, END))
    fund.enrol(_enrol(org, persons, actor, rng, founded=founded), len(all_months))
    for m in fund.members:
        if age_on(m.person.birth_date, START) >= 18 and rng.random() < 0.8:
            kin = rng.choice([p for p in persons if p.household_id == m.person.household_id and p.pk != m.person_id]
                             or [None])
            name = kin.full_name_th if kin else f"{rng.choice(people.female)} {m.person.last_name_th}"
            beneficiary_add(membership=m, name_th=name, relation=rng.choice(RELATIONS), actor=actor, person=kin)
    fund.open_books(rng.randint(200, 1200) * 1000 * BAHT)
    books = fund.books
    for i, month in enumerate(all_months):
        collected_on = month + timedelta(days=4)
        if i and rng.random() < 0.6:  # new members join on the collection day and pay the 20-baht entry fee
            newcomers = []
            for size in _household_sizes(rng, rng.randint(1, 3)):
                newcomers += people.household(org, actor, spec.tambon, rng.choice(VILLAGES), size)
            fund.enrol(_enrol(org, newcomers, actor, rng, founded=founded, joined_after=collected_on),
                       len(all_months), newcomers=True)
        fund.collection_day(collected_on, i)
        if month == all_months[-1]:
            fund.correct_a_receipt(month + timedelta(days=11))
        fund.benefits(month)
        for d, kind, name, village, households in DISASTERS.get(spec.code, []):
            if (d.year, d.month) == (month.year, month.month):
                fund.disaster(d, kind, name, village, households)
        books.pay(month + timedelta(days=25), f"ค่าใช้จ่ายบริหารจัดการ {month_label(month)}", "5901",
                  rng.randint(300, 800) * BAHT)
        fund.lapses(month + timedelta(days=26))
        books.bank_surplus_cash(month + timedelta(days=27))
        if month.month == 12 and month.year > START.year:  # matching on last fiscal year's contributions
            fund.matching(month)
        if month.month in (6, 12):
            interest = round_satang(Decimal(books.bank()) * Decimal("0.0025"))
            books.post(month + timedelta(days=29), "ดอกเบี้ยเงินฝากธนาคาร", [debit("1102", interest),
                                                                           credit("4901", interest)])
        if month.month == 10 and month.year in (2024, 2025):
            fund.elderly_allowance(month + timedelta(days=10))
            year_close(organization=org, year_name=month.year + 543, closed_on=month + timedelta(days=14),
                       actor=fund.committee, why=f"ปิดบัญชีปีงบประมาณ {month.year + 543} หลังที่ประชุมใหญ่รับรองงบ")
        progress(f"{spec.code} months / เดือน", i + 1, len(all_months))
    wrong = books.post(END - timedelta(days=3), "ค่าจัดประชุมคณะกรรมการ (บันทึกผิดจำนวน)",
                       [debit("5901", 8000 * BAHT), credit("1101", 8000 * BAHT)])
    entry_reverse(entry=wrong, date=END - timedelta(days=2), actor=fund.treasurer,
                  why="บันทึกจำนวนเงินผิด 8,000 บาท ที่ถูกต้องคือ 800 บาท")
    books.note([debit("1101", 8000 * BAHT), credit("5901", 8000 * BAHT)])
    books.pay(END - timedelta(days=2), "ค่าจัดประชุมคณะกรรมการ (แก้ไขจำนวน)", "5901", 800 * BAHT)
    demo_funding(org=org, committee=fund.committee, treasurer=fund.treasurer, local_gov=spec.local_gov)
    return {"org": org, "members": len(fund.members), "treasurer": fund.treasurer}


def _load_group(spec: GroupSpec, people: People, rng, actor: Actor, progress: Progress) -> dict:
    org = organization_create(code=spec.code, name_th=spec.name_th, name_en=spec.name_en,
                              kind=OrgKind.SAVINGS_GROUP, tambon_code=spec.tambon, village=spec.village, actor=actor,
                              founded_on=date(2015, 1, 15), year_kind="calendar")
    # Some savings-group members already belong to the tambon's welfare fund: the same person, found by ID.
    fund_persons = list(Person.objects.filter(memberships__organization__tambon_id=spec.tambon, birth_date__lte=date(
        2005, 1, 1), deceased_on__isnull=True).order_by("pk")[:60])
    shared = rng.sample(fund_persons, min(len(fund_persons), spec.members // 3))
    fresh: list[Person] = []
    for size in _household_sizes(rng, spec.members - len(shared)):
        fresh += [p for p in people.household(org, actor, spec.tambon, spec.village, size)]
    members = _enrol(org, shared + fresh, actor, rng, founded=date(2015, 1, 1))
    # The group's treasurer records, a committee member decides (loans, write-offs, the year-end).
    suffix = "" if spec == GROUPS[0] else "_" + spec.code.split("-", 1)[1].replace("-", "_")
    treasurer = _officer(f"sg_treasurer{suffix}", f"เหรัญญิก {spec.name_th}", Role.TREASURER, org, actor)
    committee = _officer(f"sg_committee{suffix}", f"กรรมการ {spec.name_th}", Role.COMMITTEE, org, actor)
    return demo_group(org=org, members=members, treasurer=treasurer, committee=committee, rng=rng, start=START,
                      end=END, progress=progress)


def _fund_officers(spec: FundSpec, first: bool) -> list[tuple[str, str, str]]:
    """Each fund's treasurer (who collects and submits claims) and a committee member (who approves):
    the demo's own `treasurer` and `committee` for the first fund, one pair per tambon for the others."""
    short_en = spec.name_en.replace(" community welfare fund", "")
    return [(f"{role}{'' if first else '_' + spec.tambon}", f"{th} {spec.name_th}", f"{en}, {short_en} welfare fund")
            for role, th, en in (("treasurer", "เหรัญญิก", "Treasurer"), ("committee", "กรรมการ", "Committee member"))]


DEMO_USERS += [u for spec in FUNDS[1:] for u in _fund_officers(spec, first=False)]


def _users(actor: Actor, fund: Organization, group: Organization) -> None:
    """The demo's remaining logins (the funds' treasurers and committee members exist already)."""
    def user(username: str, full_name: str, role: Role | None, **kw):
        u = user_create(username=username, password=DEMO_PASSWORD, actor=actor, full_name=full_name,
                        is_superuser=role is None)
        if role is not None:
            role_grant(user=u, role=role, actor=actor, **kw)

    labels = {u: th for u, th, _ in DEMO_USERS}
    user("admin", labels["admin"], None)
    user("auditor", labels["auditor"], Role.AUDITOR, organization=fund)
    me = Membership.objects.filter(organization=fund, status=MembershipStatus.ACTIVE,
                                   person__birth_date__lte=date(1990, 1, 1)).order_by("member_no").first()
    user("member", me.person.full_name_th, Role.MEMBER, organization=fund, person=me.person)
    if me.person.phone:
        from kongthun.access.member_login import member_pin_issue

        member_pin_issue(membership=me, pin=DEMO_PIN, actor=actor)
    user("coordinator", labels["coordinator"], Role.COORDINATOR, area_level="province", area_code=PROVINCE)
    user("codi", labels["codi"], Role.CODI, area_level="nation", area_code="TH")


def _officer_names(i: int, spec: FundSpec) -> tuple[tuple[str, str], tuple[str, str]]:
    labels = {u: th for u, th, _ in DEMO_USERS}
    treasurer, committee = (u for u, _, _ in _fund_officers(spec, first=i == 0))
    return (treasurer, labels[treasurer]), (committee, labels[committee])


def demo_load(*, seed: int = 2567, on_progress: Progress | None = None) -> dict:
    """Load the whole demo in one transaction: all of it, or nothing."""
    from kongthun.places.actions import places_load

    progress = on_progress or (lambda name, done, total: None)
    actor = Actor.system("demo")
    rng = random.Random(seed)
    with transaction.atomic():
        if not Province.objects.filter(code=PROVINCE).exists():
            places_load(actor=actor)
        network = organization_create(code="NW-35", name_th="เครือข่ายกองทุนสวัสดิการชุมชนจังหวัดยโสธร",
                                      name_en="Yasothon welfare fund network", kind=OrgKind.NETWORK,
                                      province_code=PROVINCE, actor=actor, founded_on=date(2011, 2, 1))
        council = organization_create(code="CC-350102", name_th="สภาองค์กรชุมชนตำบลน้ำคำใหญ่",
                                      name_en="Nam Kham Yai community-organization council", kind=OrgKind.COUNCIL,
                                      tambon_code="350102", actor=actor, parent=network, founded_on=date(2009, 9, 1))
        organization_registration_step(organization=council, status=Registration.NOTIFIED, on=date(2009, 10, 1),
                                       actor=actor, document="จดแจ้งจัดตั้งสภาองค์กรชุมชนตำบล")
        people = People(rng)
        funds = [_load_fund(spec, network, people, rng, actor, progress, _officer_names(i, spec))
                 for i, spec in enumerate(FUNDS)]
        for status, on in [(Registration.CERT_RECEIVED, date(2024, 2, 1)),
                           (Registration.CERT_SUBCOMMITTEE, date(2024, 6, 10)),
                           (Registration.CERT_SENT, date(2024, 8, 1)),
                           (Registration.CERT_GAZETTED, date(2025, 1, 20))]:
            organization_registration_step(organization=funds[0]["org"], status=status, on=on, actor=actor,
                                           document="การรับรององค์กรสวัสดิการชุมชน")
        by_code = {f["org"].code: f for f in funds}
        relief = demo_relief(sender=by_code[RELIEF[0]]["org"], sender_treasurer=by_code[RELIEF[0]]["treasurer"],
                             affected=by_code[RELIEF[1]]["org"], affected_treasurer=by_code[RELIEF[1]]["treasurer"])
        groups = [_load_group(spec, people, rng, actor, progress) for spec in GROUPS]
        _users(actor, funds[0]["org"], groups[0]["org"])
    claims = Claim.objects.values_list("status", flat=True)
    return {
        "organizations": Organization.objects.count(),
        "persons": Person.objects.count(),
        "memberships": Membership.objects.count(),
        "welfare fund members": sum(f["members"] for f in funds),
        "savings group members": sum(g["members"] for g in groups),
        "journal entries": sum(o.entries.count() for o in Organization.objects.all()),
        "receipts": Receipt.objects.count(),
        "void receipts": Receipt.objects.filter(voided_at__isnull=False).count(),
        "claims": {status.value: sum(1 for s in claims if s == status) for status in ClaimStatus},
        "disasters": DisasterEvent.objects.count(),
        "relief between funds": relief,
    }
