"""A small, demo-like world for the quality checks (page weight, touch targets, contrast, screenshots):
a network, a welfare fund with the example regulation, members who paid on two collection days, a claim
paid and one waiting; a savings group with a collection day and a loan running. Built only through the
actions, in a second or two, by the browser tests and by `make bench` (bench/page_bench.py).

`main_pages(world)` names the main pages a treasurer opens, each with who opens it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path

PASSWORD = "pw-for-tests"  # the same as tests/conftest.py's, so tests and bench log in alike
REGULATION = Path(__file__).resolve().parents[2] / "docs" / "examples" / "welfare-regulation.yaml"
FUND_USER, GROUP_USER, COMMITTEE_USER = "q_treasurer", "q_group_treasurer", "q_committee"
FIRST_NAMES = ("สมหญิง", "บุญมี", "ประเสริฐ", "มาลี", "สมศักดิ์", "ลำดวน", "ประยูร", "บุญเรือน", "สุนทร", "จันทร์เพ็ญ",
               "ทองใบ", "คำปุ่น")
GROUP_FIRST = 100  # the savings group's members are numbered from here (their names follow FIRST_NAMES on)
LAST_NAMES = ("รักดี", "มั่งมี", "ศรีสุข", "ใจงาม", "ทองคำ", "มั่นคง")


@dataclass
class World:
    fund_id: int
    fund_name: str
    group_id: int
    member_id: int = 0  # a welfare member who paid and claimed
    claim_id: int = 0  # paid: has a voucher
    receipt_id: int = 0
    loan_id: int = 0
    year: int = 2568
    ids: dict[str, int] = field(default_factory=dict)


def _national_id(n: int) -> str:
    from kongthun.people.domain import national_id_check_digit

    base = f"3100{n:08d}"
    return base + str(national_id_check_digit(base))


def _enrol(org, n: int, actor, joined: date):
    from kongthun.people.actions import membership_create, person_create

    person = person_create(organization=org, first_name_th=FIRST_NAMES[n % len(FIRST_NAMES)],
                           last_name_th=LAST_NAMES[n % len(LAST_NAMES)] + ("" if n < 12 else f" {n}"),
                           sex="F" if n % 2 else "M", actor=actor, business_date=date(2025, 1, 1),
                           national_id=_national_id(n + 1000 * org.pk), birth_date=date(1950 + n % 40, 5, 1),
                           tambon_code=org.tambon_id, phone="0812345678")
    return membership_create(organization=org, person=person, joined_on=joined, actor=actor)


def _user(username: str, role: str, org, actor):
    from kongthun.access.actions import role_grant, user_create

    user = user_create(username=username, password=PASSWORD, actor=actor)
    role_grant(user=user, role=role, actor=actor, organization=org)
    return user


def _cash(org, satang: int, on: date, credit_code: str, actor) -> None:
    from kongthun.ledger.actions import entry_post
    from kongthun.ledger.domain import credit, debit

    entry_post(organization=org, date=on, actor=actor, memo="เงินสะสมยกมา",
               lines=[debit("1101", satang), credit(credit_code, satang)])


def build_world(members: int = 40) -> World:
    """Everything through the actions, as a treasurer would have done it."""
    from kongthun.access.domain import Role
    from kongthun.audit.actions import Actor
    from kongthun.orgs.actions import organization_create
    from kongthun.places.actions import places_load
    from kongthun.places.models import Tambon

    system = Actor.system("quality")
    if not Tambon.objects.exists():
        places_load(actor=system)
    network = organization_create(code="Q-NET", name_th="เครือข่ายสวัสดิการชุมชนตำบลสามง่าม", kind="network",
                                  tambon_code="350101", actor=system)
    fund = organization_create(code="Q-FUND", name_th="กองทุนสวัสดิการชุมชนตำบลสามง่าม", kind="welfare_fund",
                               tambon_code="350101", actor=system, parent=network)
    group = organization_create(code="Q-GROUP", name_th="กลุ่มออมทรัพย์เพื่อการผลิตบ้านหนองบัว",
                                kind="savings_group", tambon_code="350101", actor=system)
    treasurer = Actor.for_user(_user(FUND_USER, Role.TREASURER, fund, system), "quality")
    committee = Actor.for_user(_user(COMMITTEE_USER, Role.COMMITTEE, fund, system), "quality")
    world = World(fund_id=fund.pk, fund_name=fund.name_th, group_id=group.pk)
    _welfare(world, fund, members, treasurer, committee, system)
    _savings(world, group, max(members // 2, 6), system)
    return world


def _welfare(world: World, fund, n: int, treasurer, committee, system) -> None:
    from kongthun.welfare.claims.actions import claim_approve, claim_pay, claim_submit, regulation_adopt
    from kongthun.welfare.contributions.actions import PaymentLine, collection_record, plan_set
    from kongthun.welfare.contributions.models import Receipt

    regulation_adopt(organization=fund, text=REGULATION.read_text(encoding="utf-8"), actor=system,
                     why="มติที่ประชุมใหญ่ 2567")
    plan_set(organization=fund, effective_from=date(2016, 1, 1), actor=system, why="มติที่ประชุมใหญ่")
    _cash(fund, 20_000_000, date(2024, 10, 1), "4101", system)
    members = [_enrol(fund, i, system, date(2017, 1, 1)) for i in range(n)]
    collection_record(organization=fund, collected_on=date(2024, 10, 15), actor=treasurer, idempotency_key="q-d1",
                      payments=[PaymentLine(m.pk, periods=100) for m in members])
    collection_record(organization=fund, collected_on=date(2025, 1, 15), actor=treasurer, idempotency_key="q-d2",
                      payments=[PaymentLine(m.pk, periods=12) for m in members])
    patient = members[2]
    claim = claim_submit(organization=fund, membership=patient, kind="hospital", event_date=date(2025, 3, 3),
                         on=date(2025, 3, 7), actor=treasurer, admitted_on=date(2025, 3, 3),
                         discharged_on=date(2025, 3, 6), evidence=["ใบรับรองแพทย์"])
    claim_approve(claim=claim, on=date(2025, 3, 8), actor=committee)
    claim_pay(claim=claim, paid_on=date(2025, 3, 9), actor=treasurer)
    claim_submit(organization=fund, membership=members[3], kind="hospital", event_date=date(2025, 4, 1),
                 on=date(2025, 4, 4), actor=treasurer, admitted_on=date(2025, 4, 1), discharged_on=date(2025, 4, 3),
                 evidence=["ใบรับรองแพทย์"])
    world.member_id, world.claim_id = patient.pk, claim.pk
    world.receipt_id = Receipt.objects.filter(membership=patient).order_by("pk").first().pk


def _savings(world: World, group, n: int, system) -> None:
    from kongthun.access.domain import Role
    from kongthun.audit.actions import Actor
    from kongthun.savings.accounts.actions import policy_set
    from kongthun.savings.accounts.collection import CollectionLine, savings_collection_record
    from kongthun.savings.loans.actions import loan_apply, loan_approve, loan_disburse, loan_product_set

    treasurer = Actor.for_user(_user(GROUP_USER, Role.TREASURER, group, system), "quality")
    committee = Actor.for_user(_user("q_group_committee", Role.COMMITTEE, group, system), "quality")
    _cash(group, 10_000_000, date(2025, 1, 2), "3101", system)
    members = [_enrol(group, GROUP_FIRST + i, system, date(2024, 6, 1)) for i in range(n)]
    policy_set(organization=group, effective_from=date(2025, 1, 1), actor=system, why="ระเบียบกลุ่ม 2568",
               share_price=10_000, max_shares=50, monthly_promise=20_000, missed_month_fine=1_000,
               interest_rate=Decimal("3"))
    savings_collection_record(organization=group, collected_on=date(2025, 1, 5), actor=treasurer,
                              idempotency_key="q-s1", month=None,
                              lines=[CollectionLine(m.pk, sajja=20_000, shares=10_000) for m in members])
    product = loan_product_set(organization=group, actor=committee, code="P1", name_th="เงินกู้เพื่อการผลิต",
                               purpose="production", method="declining", annual_rate=Decimal(12),
                               max_term_months=24, frequency="monthly", max_amount=5_000_000,
                               guarantors_required=1, guarantor_limit=3_000_000, fine_amount=5000, grace_days=5)
    on = date(2025, 1, 15)
    loan = loan_apply(organization=group, membership=members[0], product=product, amount=1_000_000,
                      term_months=12, purpose="production", guarantor_ids=[members[1].pk], applied_on=on,
                      actor=treasurer)
    loan_approve(loan=loan, actor=committee, on=on)
    world.loan_id = loan_disburse(loan=loan, on=on, actor=treasurer).pk


def main_pages(w: World) -> list[tuple[str, str, str]]:
    """(name, path, username) of each main page, in the order a treasurer meets them."""
    f, g = f"/orgs/{w.fund_id}", f"/orgs/{w.group_id}"
    return [
        ("home", "/", FUND_USER),
        ("org page", f"{f}/", FUND_USER),
        ("members list", f"{f}/members/", FUND_USER),
        ("member page", f"{f}/members/{w.member_id}/", FUND_USER),
        ("collection day", f"{f}/collections/new/", FUND_USER),
        ("claims list", f"{f}/claims/", FUND_USER),
        ("claim page", f"{f}/claims/{w.claim_id}/", FUND_USER),
        ("ledger", f"{f}/entries/", FUND_USER),
        ("reports", f"{f}/reports/", FUND_USER),
        ("loans portfolio", f"{g}/loans/portfolio/", GROUP_USER),
        ("savings collection", f"{g}/savings/collect/", GROUP_USER),
    ]
