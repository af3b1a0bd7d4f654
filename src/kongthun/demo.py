"""The demo province (จังหวัดสาธิต): Yasothon, four tambon welfare funds, three village
savings groups, a provincial network and a tambon council, a few hundred members with
Thai names and households, and three years of books (FY 2567 to October 2569).

Deterministic from a seed. Everything is written through the actions, so the demo's
books and audit trail pass `kongthun check` like real ones.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction

from kongthun.access.actions import role_grant, user_create
from kongthun.access.domain import Role
from kongthun.audit.actions import Actor
from kongthun.clock import THAI_MONTHS_SHORT, be_year
from kongthun.ledger.actions import entry_post, entry_reverse, period_lock
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

DEMO_PASSWORD = "kongthun"
PROVINCE = "35"  # ยโสธร
START = date(2023, 10, 1)  # first day of FY 2567
END = date(2026, 10, 31)
BAHT = 100

DEMO_USERS = [
    ("admin", "ผู้ดูแลระบบ", "System administrator"),
    ("treasurer", "เหรัญญิก กองทุนสวัสดิการชุมชนตำบลน้ำคำใหญ่", "Treasurer, Nam Kham Yai welfare fund"),
    ("committee", "กรรมการ กองทุนสวัสดิการชุมชนตำบลน้ำคำใหญ่", "Committee member, Nam Kham Yai welfare fund"),
    ("auditor", "ผู้ตรวจสอบ กองทุนสวัสดิการชุมชนตำบลน้ำคำใหญ่", "Auditor, Nam Kham Yai welfare fund"),
    ("member", "สมาชิก กองทุนสวัสดิการชุมชนตำบลน้ำคำใหญ่", "Member (self-service)"),
    ("sg_treasurer", "เหรัญญิก กลุ่มออมทรัพย์บ้านหนองแก", "Treasurer, Ban Nong Kae savings group"),
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

# Death benefit by years of membership (a typical regulation; issue 3 makes it data).
DEATH_TABLE = [(1, 3000), (3, 5000), (5, 8000), (10, 12000), (15, 20000)]

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

    def post(self, day: date, memo: str, lines: list[Line], **kw):
        entry = entry_post(organization=self.org, date=day, lines=lines, memo=memo, actor=self.actor,
                           source="demo", **kw)
        for line in lines:
            self.balance[line.account] = self.balance.get(line.account, 0) + line.amount
        return entry

    def cash(self) -> int:
        return self.balance.get("1101", 0)

    def bank(self) -> int:
        return self.balance.get("1102", 0)

    def pay(self, day: date, memo: str, expense: str, amount: int) -> None:
        """Pay from cash, topping cash up from the bank first when needed."""
        if self.cash() < amount:
            top_up = amount - self.cash() + 2000 * BAHT
            self.post(day, "ถอนเงินฝากธนาคารเข้าเงินสด", [debit("1101", top_up), credit("1102", top_up)])
        self.post(day, memo, [debit(expense, amount), credit("1101", amount)])

    def bank_surplus_cash(self, day: date, keep: int = 5000 * BAHT) -> None:
        if self.cash() > keep:
            amount = self.cash() - keep
            self.post(day, "นำเงินสดฝากธนาคาร", [debit("1102", amount), credit("1101", amount)])


def _death_benefit(years: int) -> int:
    amount = DEATH_TABLE[0][1]
    for min_years, baht in DEATH_TABLE:
        if years >= min_years:
            amount = baht
    return amount * BAHT


def _enrol(org, persons, actor, rng, *, founded: int, joined_after: date | None = None):
    memberships = []
    for p in persons:
        earliest = max(date(founded, 1, 1), p.birth_date + timedelta(days=365))
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


def _load_fund(spec: FundSpec, parent, people: People, rng, actor: Actor, progress: Progress) -> dict:
    org = organization_create(code=spec.code, name_th=spec.name_th, name_en=spec.name_en,
                              kind=OrgKind.WELFARE_FUND, tambon_code=spec.tambon, actor=actor, parent=parent,
                              founded_on=date(spec.founded, 6, 1))
    organization_registration_step(organization=org, status=Registration.NOTIFIED, on=date(spec.founded + 1, 3, 1),
                                   actor=actor, document=f"จดแจ้งเลขที่ {rng.randint(100, 999)}/{spec.founded + 544}")
    persons: list[Person] = []
    for size in _household_sizes(rng, spec.members):
        persons += people.household(org, actor, spec.tambon, rng.choice(VILLAGES), size)
    members = _enrol(org, persons, actor, rng, founded=spec.founded)
    for m in members:
        if age_on(m.person.birth_date, START) >= 18 and rng.random() < 0.8:
            kin = rng.choice([p for p in persons if p.household_id == m.person.household_id and p.pk != m.person_id]
                             or [None])
            name = kin.full_name_th if kin else f"{rng.choice(people.female)} {m.person.last_name_th}"
            beneficiary_add(membership=m, name_th=name, relation=rng.choice(RELATIONS), actor=actor, person=kin)
    books = Books(org, actor)
    opening = rng.randint(300, 1500) * 1000 * BAHT
    books.post(START, "ยอดยกมาต้นปีบัญชี 2567", [debit("1102", opening), credit("3101", opening)])
    fy_contributions = last_fy_contributions = 0
    all_months = list(months(START, END))
    for i, month in enumerate(all_months):
        active = [m for m in members if m.status == MembershipStatus.ACTIVE]
        payers = [m for m in active if rng.random() < 0.93]
        fee_lines: list[Line] = []
        if i and rng.random() < 0.6:  # new members join, paying a 20-baht entry fee
            newcomers = []
            for size in _household_sizes(rng, rng.randint(1, 3)):
                newcomers += people.household(org, actor, spec.tambon, rng.choice(VILLAGES), size)
            members += _enrol(org, newcomers, actor, rng, founded=spec.founded, joined_after=month + timedelta(days=4))
            fee_lines = [credit("4102", 20 * BAHT * len(newcomers))]
            payers += members[-len(newcomers):]
        total = 30 * BAHT * len(payers)
        fee = -sum(x.amount for x in fee_lines)
        books.post(month + timedelta(days=4), f"เก็บเงินสมทบประจำเดือน {month_label(month)} ({len(payers)} ราย)",
                   [debit("1101", total + fee), credit("4101", total), *fee_lines])
        fy_contributions += total
        _benefits(books, month, active, rng)
        books.pay(month + timedelta(days=25), f"ค่าใช้จ่ายบริหารจัดการ {month_label(month)}", "5901",
                  rng.randint(300, 800) * BAHT)
        books.bank_surplus_cash(month + timedelta(days=27))
        if month.month == 12 and last_fy_contributions:  # matching on last fiscal year's contributions
            books.post(month + timedelta(days=14), "เงินสมทบจากรัฐบาลผ่าน พอช. (1:1)",
                       [debit("1102", last_fy_contributions), credit("4201", last_fy_contributions)])
            if spec.local_gov:
                local = last_fy_contributions // 2
                books.post(month + timedelta(days=20), "เงินสมทบจาก อบต. ตามข้อบัญญัติงบประมาณ",
                           [debit("1102", local), credit("4202", local)])
        if month.month in (6, 12):
            interest = round_satang(Decimal(books.bank()) * Decimal("0.0025"))
            books.post(month + timedelta(days=29), "ดอกเบี้ยเงินฝากธนาคาร", [debit("1102", interest),
                                                                           credit("4901", interest)])
        if month.month == 9:
            last_fy_contributions, fy_contributions = fy_contributions, 0
        if month.month == 10 and month.year in (2024, 2025):
            _elderly_allowance(books, month, active)
            period_lock(organization=org, through=date(month.year, 9, 30), actor=actor,
                        why=f"ปิดบัญชีปีงบประมาณ {month.year + 543} หลังที่ประชุมใหญ่รับรองงบ")
        progress(f"{spec.code} months / เดือน", i + 1, len(all_months))
    wrong = books.post(END - timedelta(days=3), "จ่ายสวัสดิการคลอดบุตร (บันทึกผิดจำนวน)",
                       [debit("5101", 10000 * BAHT), credit("1101", 10000 * BAHT)])
    entry_reverse(entry=wrong, date=END - timedelta(days=2), actor=actor,
                  why="บันทึกจำนวนเงินผิด 10,000 บาท ที่ถูกต้องคือ 1,000 บาท")
    books.pay(END - timedelta(days=2), "จ่ายสวัสดิการคลอดบุตร (แก้ไขจำนวน)", "5101", 1000 * BAHT)
    return {"org": org, "members": len(members)}


def _benefits(books: Books, month: date, active: list[Membership], rng: random.Random) -> None:
    for m in active:
        p = m.person
        age = age_on(p.birth_date, month)
        roll = rng.random()
        if roll < 0.012:
            nights = rng.randint(1, 10)
            books.pay(month + timedelta(days=rng.randint(1, 24)),
                      f"สวัสดิการนอนโรงพยาบาล {nights} คืน สมาชิก {m.member_no}", "5102", min(nights * 200, 1000) * BAHT)
        elif p.sex == "F" and 18 <= age <= 42 and roll < 0.017:
            books.pay(month + timedelta(days=rng.randint(1, 24)), f"สวัสดิการคลอดบุตร สมาชิก {m.member_no}", "5101",
                      1000 * BAHT)
        elif roll > 1 - (0.004 if age >= 60 else 0.0004):
            day = month + timedelta(days=rng.randint(1, 24))
            years = age_on(m.joined_on, day)
            membership_status_change(membership=m, status=MembershipStatus.DECEASED, on=day, actor=books.actor,
                                     why="แจ้งการเสียชีวิตโดยญาติ พร้อมใบมรณบัตร")
            m.status = MembershipStatus.DECEASED
            books.pay(day + timedelta(days=2), f"สวัสดิการเสียชีวิต สมาชิก {m.member_no} (เป็นสมาชิก {years} ปี)",
                      "5103", _death_benefit(years))
        elif roll > 0.995 and m.status == MembershipStatus.ACTIVE and age >= 18:
            status = rng.choice([MembershipStatus.LAPSED, MembershipStatus.RESIGNED])
            why = "ขาดส่งเงินสมทบเกิน 3 เดือน" if status == MembershipStatus.LAPSED else "ย้ายภูมิลำเนา"
            membership_status_change(membership=m, status=status, on=month + timedelta(days=20), actor=books.actor,
                                     why=why)
            m.status = status
    if month.month == 5:
        pupils = [m for m in active if 6 <= age_on(m.person.birth_date, month) <= 17]
        chosen = rng.sample(pupils, min(len(pupils), 6))
        if chosen:
            books.pay(month + timedelta(days=15), f"ทุนการศึกษา {len(chosen)} ทุน ทุนละ 500 บาท", "5106",
                      500 * BAHT * len(chosen))


def _elderly_allowance(books: Books, month: date, active: list[Membership]) -> None:
    eligible = [m for m in active if age_on(m.person.birth_date, month) >= 60 and age_on(m.joined_on, month) >= 3]
    if eligible:
        books.pay(month + timedelta(days=10), f"สวัสดิการผู้สูงอายุ {len(eligible)} ราย รายละ 200 บาท", "5104",
                  200 * BAHT * len(eligible))


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
    members = _enrol(org, shared + fresh, actor, rng, founded=2015)
    books = Books(org, actor)
    sajja = {m.pk: rng.choice([100, 100, 200, 200, 300, 500]) * BAHT for m in members}
    shares = sum(rng.randint(1, 10) * 100 * BAHT for _ in members)
    savings = sum(sajja.values()) * 30
    books.post(START, "ยอดยกมา: เงินฝากสัจจะและทุนเรือนหุ้น", [debit("1102", savings + shares), credit("2101", savings),
                                                               credit("3201", shares)])
    outstanding = 0
    all_months = list(months(START, END))
    for i, month in enumerate(all_months):
        saved = sum(v for m in members if rng.random() < 0.95 for v in [sajja[m.pk]])
        books.post(month + timedelta(days=4), f"รับเงินสัจจะประจำเดือน {month_label(month)}",
                   [debit("1101", saved), credit("2101", saved)])
        if outstanding:
            principal = min(outstanding, outstanding // 12 + 100 * BAHT)
            interest = round_satang(Decimal(outstanding) * Decimal("0.01"))
            books.post(month + timedelta(days=5), f"รับชำระเงินกู้และดอกเบี้ย {month_label(month)}",
                       [debit("1101", principal + interest), credit("1201", principal), credit("4401", interest)])
            outstanding -= principal
        for _ in range(rng.choice([0, 1, 1, 2])):
            amount = rng.choice([5, 10, 15, 20, 30]) * 1000 * BAHT
            if books.cash() + books.bank() > amount + 20000 * BAHT:
                if books.cash() < amount:
                    books.post(month + timedelta(days=6), "ถอนเงินฝากธนาคารเพื่อจ่ายเงินกู้",
                               [debit("1101", amount), credit("1102", amount)])
                books.post(month + timedelta(days=6), f"จ่ายเงินกู้สมาชิก {rng.choice(members).member_no}",
                           [debit("1201", amount), credit("1101", amount)])
                outstanding += amount
        books.pay(month + timedelta(days=25), f"ค่าใช้จ่ายดำเนินงาน {month_label(month)}", "5901",
                  rng.randint(100, 400) * BAHT)
        books.bank_surplus_cash(month + timedelta(days=27), keep=3000 * BAHT)
        if month.month == 1 and month.year in (2024, 2025, 2026):
            period_lock(organization=org, through=date(month.year - 1, 12, 31), actor=actor,
                        why=f"ปิดบัญชีปี {month.year - 1 + 543}")
        progress(f"{spec.code} months / เดือน", i + 1, len(all_months))
    return {"org": org, "members": len(members)}


def _users(actor: Actor, fund: Organization, group: Organization) -> None:
    def user(username: str, full_name: str, role: Role | None, **kw):
        u = user_create(username=username, password=DEMO_PASSWORD, actor=actor, full_name=full_name,
                        is_superuser=role is None)
        if role is not None:
            role_grant(user=u, role=role, actor=actor, **kw)

    labels = {u: th for u, th, _ in DEMO_USERS}
    user("admin", labels["admin"], None)
    user("treasurer", labels["treasurer"], Role.TREASURER, organization=fund)
    user("committee", labels["committee"], Role.COMMITTEE, organization=fund)
    user("auditor", labels["auditor"], Role.AUDITOR, organization=fund)
    me = Membership.objects.filter(organization=fund, status=MembershipStatus.ACTIVE,
                                   person__birth_date__lte=date(1990, 1, 1)).order_by("member_no").first()
    user("member", me.person.full_name_th, Role.MEMBER, organization=fund, person=me.person)
    user("sg_treasurer", labels["sg_treasurer"], Role.TREASURER, organization=group)
    user("coordinator", labels["coordinator"], Role.COORDINATOR, area_level="province", area_code=PROVINCE)
    user("codi", labels["codi"], Role.CODI, area_level="nation", area_code="TH")


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
        funds = [_load_fund(spec, network, people, rng, actor, progress) for spec in FUNDS]
        for status, on in [(Registration.CERT_RECEIVED, date(2024, 2, 1)),
                           (Registration.CERT_SUBCOMMITTEE, date(2024, 6, 10)),
                           (Registration.CERT_SENT, date(2024, 8, 1)),
                           (Registration.CERT_GAZETTED, date(2025, 1, 20))]:
            organization_registration_step(organization=funds[0]["org"], status=status, on=on, actor=actor,
                                           document="การรับรององค์กรสวัสดิการชุมชน")
        groups = [_load_group(spec, people, rng, actor, progress) for spec in GROUPS]
        _users(actor, funds[0]["org"], groups[0]["org"])
    return {
        "organizations": Organization.objects.count(),
        "persons": Person.objects.count(),
        "memberships": Membership.objects.count(),
        "welfare fund members": sum(f["members"] for f in funds),
        "savings group members": sum(g["members"] for g in groups),
        "journal entries": sum(o.entries.count() for o in Organization.objects.all()),
    }
