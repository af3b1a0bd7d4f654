"""Disasters (ภัยพิบัติ): register an event and its area, list the members living there, submit the
households hit in one batch, approve it (maker-checker) and pay it (once), all or nothing; relief
between funds of a network, money posted in each fund's own books, goods recorded only."""

from __future__ import annotations

from datetime import date

import pytest

from kongthun.access.domain import Role
from kongthun.audit.actions import Actor
from kongthun.audit.models import AuditEvent
from kongthun.integrity import run_checks
from kongthun.ledger.models import Account, JournalEntry
from kongthun.welfare.claims.actions import DisasterLine
from kongthun.welfare.claims.models import Claim
from kongthun.welfare.disasters.actions import (
    disaster_batch_submit,
    disaster_claims_approve,
    disaster_claims_pay,
    disaster_register,
    relief_receive,
    relief_send,
)
from kongthun.welfare.disasters.models import DisasterClaim, DisasterEvent, DisasterRelief
from kongthun.welfare.disasters.selectors import disaster_members, network_events
from tests.integration.claims_support import SYSTEM
from tests.integration.disaster_support import *  # noqa: F403  (the fixtures)
from tests.integration.disaster_support import FLOOD_DAY, VILLAGE

pytestmark = pytest.mark.django_db
SUBMITTED_ON, DECIDED_ON, PAID_ON = date(2025, 10, 21), date(2025, 10, 23), date(2025, 10, 25)


def balance(org, code: str) -> int:
    return Account.objects.filter(organization=org, code=code).values_list("balance", flat=True).first() or 0


def submit(flood, homes, treasurer, **amounts):
    lines = [DisasterLine(homes[name].pk, baht * 100, f"ความเสียหาย {name}") for name, baht in amounts.items()]
    return disaster_batch_submit(event=flood, lines=lines, on=SUBMITTED_ON, actor=treasurer)


def test_register_validates_and_audits(fund, treasurer, refused, homes):
    event = disaster_register(organization=fund, kind="fire", name=" ไฟไหม้บ้าน ", started_on=FLOOD_DAY,
                              actor=treasurer, area=[(fund.tambon_id, VILLAGE), (fund.tambon_id, "  หมู่ 4  บ้านนาเจริญ")])
    assert (event.number, event.name, event.kind_label[0]) == (1, "ไฟไหม้บ้าน", "อัคคีภัย (ไฟไหม้)")
    assert event.area == [{"tambon": fund.tambon_id, "village": VILLAGE}]  # duplicates merged, spaces normalised
    assert AuditEvent.objects.filter(action="disaster_register", object_id=str(event.pk)).exists()
    again = disaster_register(organization=fund, kind="fire", name="ไฟไหม้บ้าน", started_on=FLOOD_DAY,
                              actor=treasurer, area=[(fund.tambon_id, VILLAGE)])
    assert again.pk == event.pk  # a double click registers once
    with refused("conflict.event_exists"):
        disaster_register(organization=fund, kind="flood", name="ไฟไหม้บ้าน", started_on=FLOOD_DAY,
                          actor=treasurer, area=[(fund.tambon_id, VILLAGE)])
    cases = [
        ("invalid.dates", {"ended_on": date(2025, 10, 1)}),
        ("invalid.area_empty", {"area": []}),
        ("invalid.tambon", {"area": [("999999", "")]}),
        ("invalid.area_outside", {"area": [("350102", "")]}),
        ("invalid.choice", {"kind": "earthquake-ish"}),
        ("invalid.name", {"name": "  "}),
    ]
    for code, change in cases:
        kw = {"kind": "flood", "name": "น้ำท่วม", "started_on": FLOOD_DAY, "area": [(fund.tambon_id, "")], **change}
        with refused(code):
            disaster_register(organization=fund, actor=treasurer, **kw)
    assert DisasterEvent.objects.count() == 1
    outside = disaster_register(organization=fund, kind="storm", name="พายุ", started_on=FLOOD_DAY, actor=treasurer,
                                area=[("350102", "")], outside_why="สมาชิก 3 ครัวเรือนอยู่ตำบลข้างเคียง")
    assert outside.number == 2 and outside.outside_why


def test_members_living_in_the_area_one_row_per_household(flood, homes, treasurer, fund):
    rows = disaster_members(scope=treasurer.scope, event=flood)
    assert [r.membership.pk for r in rows] == [homes[n].pk for n in ("red", "black", "white", "alone")]
    dam = rows[1]
    assert dam.members == 2 and dam.village == VILLAGE and dam.house_no == "11/1" and len(dam.others) == 1
    assert rows[3].house_no == "99" and rows[3].masked_id and rows[3].masked_id != homes["alone"].person.national_id
    assert homes["far"].pk not in {r.membership.pk for r in rows}
    whole = disaster_register(organization=fund, kind="drought", name="ภัยแล้งทั้งตำบล", started_on=FLOOD_DAY,
                              actor=treasurer, area=[(fund.tambon_id, "")])
    assert len(disaster_members(scope=treasurer.scope, event=whole)) == 5  # the far village too


def test_batch_submit_approve_pay(flood, homes, treasurer, checker, fund):
    cash_before = balance(fund, "1101")
    claims = submit(flood, homes, treasurer, red=1500, black=3500, alone=800)
    assert [c.amount for c in claims] == [150000, 200000, 80000]  # 3,500 reduced to the 2,000 cap
    assert all(c.event_ref == flood.ref and c.event_date == FLOOD_DAY for c in claims)
    assert DisasterClaim.objects.filter(event=flood).count() == 3
    again = submit(flood, homes, treasurer, red=1500, black=3500, alone=800)
    assert [c.pk for c in again] == [c.pk for c in claims] and DisasterClaim.objects.count() == 3
    approved = disaster_claims_approve(event=flood, on=DECIDED_ON, actor=checker, reason="ตรวจพื้นที่แล้ว")
    assert {c.status for c in approved} == {"approved"}
    entries = JournalEntry.objects.filter(organization=fund).count()
    paid = disaster_claims_pay(event=flood, paid_on=PAID_ON, actor=treasurer)
    assert {c.status for c in paid} == {"paid"} and len({c.paid_entry_id for c in paid}) == 3
    assert balance(fund, "1101") == cash_before - 430000 and balance(fund, "5105") == 430000
    assert JournalEntry.objects.filter(organization=fund).count() == entries + 3
    twice = disaster_claims_pay(event=flood, paid_on=PAID_ON, actor=treasurer)
    assert [c.paid_entry_id for c in twice] == [c.paid_entry_id for c in paid]
    assert JournalEntry.objects.filter(organization=fund).count() == entries + 3
    assert balance(fund, "1101") == cash_before - 430000
    assert run_checks() == []


def test_a_line_outside_the_area_or_refused_changes_nothing(flood, homes, treasurer, refused):
    with refused("invalid.not_in_area") as err:
        submit(flood, homes, treasurer, red=1000, far=1000)
    assert err.value.message_th.startswith("บรรทัดที่ 2") and homes["far"].member_no in err.value.message_th
    assert err.value.message_en.startswith("Line 2")
    with refused() as err:  # two claims for one household: the regulation pays a disaster once a household
        submit(flood, homes, treasurer, red=1000, black=1000, black2=1000)
    assert err.value.message_th.startswith("บรรทัดที่ 3") and homes["black2"].member_no in err.value.message_th
    assert DisasterClaim.objects.count() == 0


def test_maker_checker_and_all_or_nothing_approval(flood, homes, checker, make_user, fund, refused):
    from kongthun.access.actions import role_grant

    user = make_user("treasurer_and_committee", Role.TREASURER, fund)
    role_grant(user=user, role=Role.COMMITTEE, organization=fund, actor=SYSTEM)
    both = Actor.for_user(user, "test")
    claims = submit(flood, homes, both, red=1000, black=1200)
    with refused("forbidden.maker_checker") as err:  # the one who submitted may not approve, not even one claim
        disaster_claims_approve(event=flood, on=DECIDED_ON, actor=both)
    assert f"คำขอเลขที่ {claims[0].number}" in err.value.message_th and homes["red"].member_no in err.value.message_th
    with refused("conflict.batch_not_approved") as err:
        disaster_claims_pay(event=flood, paid_on=PAID_ON, actor=both)
    assert str(claims[1].number) in err.value.message_en
    with refused("invalid.decided_before_submitted"):
        disaster_claims_approve(event=flood, on=date(2025, 10, 13), actor=checker)
    done = disaster_claims_approve(event=flood, on=DECIDED_ON, actor=checker)
    assert {c.status for c in done} == {"approved"} and {c.decided_by_id for c in done} == {checker.user_id}
    assert disaster_claims_approve(event=flood, on=DECIDED_ON, actor=checker) == done  # nothing left to approve
    with refused("conflict.insufficient_cash"):
        disaster_claims_pay(event=flood, paid_on=PAID_ON, actor=both, cash_account="1102")
    with refused("invalid.cash_account"):
        disaster_claims_pay(event=flood, paid_on=PAID_ON, actor=both, cash_account="5105")


def test_another_networks_fund_cannot_send_and_the_sender_sees_no_member(
        flood, homes, treasurer, checker, sibling, sibling_treasurer, make_org, make_user, refused):
    submit(flood, homes, treasurer, red=1500, black=1000)
    disaster_claims_approve(event=flood, on=DECIDED_ON, actor=checker)
    disaster_claims_pay(event=flood, paid_on=PAID_ON, actor=treasurer)
    [summary] = network_events(scope=sibling_treasurer.scope, organization_id=sibling.pk, sender=sibling)
    assert (summary.id, summary.households, summary.paid) == (flood.pk, 2, 250000)
    assert summary.area == (f"ต.{flood.organization.tambon.name_th} {VILLAGE}",)
    text = repr(summary)
    assert not any(m.person.first_name_th in text or m.member_no in text for m in homes.values())
    with refused("forbidden.scope"):
        disaster_members(scope=sibling_treasurer.scope, event=flood)
    stranger = make_org("OTHER-NET-FUND", tambon_code="350102", parent=make_org("NET-2", kind="network"))
    stranger_actor = Actor.for_user(make_user("stranger_t", Role.TREASURER, stranger), "test")
    assert network_events(scope=stranger_actor.scope, organization_id=stranger.pk, sender=stranger) == []
    with refused("forbidden.not_network"):
        relief_send(sender=stranger, event=flood, kind="goods", sent_on=PAID_ON, actor=stranger_actor,
                    idempotency_key="k1", description="ข้าวสาร", quantity="10 กระสอบ")
    with refused("forbidden.scope"):  # acting for a fund one does not belong to
        relief_send(sender=sibling, event=flood, kind="goods", sent_on=PAID_ON, actor=stranger_actor,
                    idempotency_key="k2", description="ข้าวสาร", quantity="10 กระสอบ")
    assert DisasterRelief.objects.count() == 0


def test_relief_money_posts_in_each_funds_own_books(flood, sibling, sibling_treasurer, fund, treasurer):
    sibling_cash, fund_cash = balance(sibling, "1101"), balance(fund, "1101")
    sent = relief_send(sender=sibling, event=flood, kind="money", amount=5_000_00, sent_on=date(2025, 10, 15),
                       actor=sibling_treasurer, idempotency_key="relief-1", cash_account="1101")
    assert sent.receiver_id == fund.pk and sent.sent_entry.organization_id == sibling.pk
    assert balance(sibling, "5108") == 5_000_00 and balance(sibling, "1101") == sibling_cash - 5_000_00
    assert balance(fund, "4302") == 0 and balance(fund, "1101") == fund_cash  # not the receiver's books yet
    again = relief_send(sender=sibling, event=flood, kind="money", amount=5_000_00, sent_on=date(2025, 10, 15),
                        actor=sibling_treasurer, idempotency_key="relief-1", cash_account="1101")
    assert again.pk == sent.pk and balance(sibling, "5108") == 5_000_00
    got = relief_receive(relief=sent, received_on=date(2025, 10, 16), actor=treasurer, cash_account="1101")
    assert got.received_entry.organization_id == fund.pk
    assert balance(fund, "4302") == -5_000_00 and balance(fund, "1101") == fund_cash + 5_000_00
    twice = relief_receive(relief=sent, received_on=date(2025, 10, 17), actor=treasurer)
    assert twice.received_entry_id == got.received_entry_id and balance(fund, "4302") == -5_000_00
    assert AuditEvent.objects.filter(action__in=["relief_send", "relief_receive"]).count() == 2
    assert run_checks() == []


def test_relief_goods_are_recorded_only(flood, sibling, sibling_treasurer, fund, treasurer):
    entries = JournalEntry.objects.count()
    goods = relief_send(sender=sibling, event=flood, kind="goods", description="ข้าวสาร", quantity="20 กระสอบ",
                        estimated_value=16_000_00, sent_on=date(2025, 10, 14), actor=sibling_treasurer,
                        idempotency_key="goods-1")
    assert (goods.amount, goods.sent_entry_id, goods.estimated_value) == (0, None, 16_000_00)
    done = relief_receive(relief=goods, received_on=date(2025, 10, 14), actor=treasurer)
    assert done.received and done.received_entry_id is None and JournalEntry.objects.count() == entries


def test_relief_refusals_change_nothing(flood, sibling, sibling_treasurer, fund, treasurer, refused):
    base = {"sender": sibling, "event": flood, "sent_on": date(2025, 10, 15), "actor": sibling_treasurer}
    cases = [
        ("invalid.amount", {"kind": "money", "amount": 0}),
        ("invalid.idempotency_key", {"kind": "money", "amount": 100, "idempotency_key": " "}),
        ("invalid.cash_account", {"kind": "money", "amount": 100, "cash_account": "5108"}),
        ("conflict.insufficient_cash", {"kind": "money", "amount": 100_000_000_00}),
        ("invalid.description", {"kind": "goods", "quantity": "3"}),
        ("invalid.sent_on", {"kind": "money", "amount": 100, "sent_on": date(2025, 10, 1)}),
        ("invalid.own_event", {"kind": "money", "amount": 100, "sender": fund, "actor": treasurer}),
    ]
    for code, change in cases:
        with refused(code):
            relief_send(**{"idempotency_key": "k", **base, **change})
    relief_send(**base, kind="money", amount=100_00, idempotency_key="k", cash_account="1101")
    with refused("conflict.idempotency_key"):
        relief_send(**base, kind="money", amount=200_00, idempotency_key="k", cash_account="1101")
    relief = DisasterRelief.objects.get()
    with refused("forbidden.scope"):  # only the affected fund confirms what it received
        relief_receive(relief=relief, received_on=date(2025, 10, 16), actor=sibling_treasurer)
    with refused("invalid.received_on"):
        relief_receive(relief=relief, received_on=date(2025, 10, 14), actor=treasurer)
    assert DisasterRelief.objects.get().received_on is None


def test_the_whole_flow_from_the_command_line(fund, homes, treasurer, checker, sibling, sibling_treasurer, tmp_path):
    from typer.testing import CliRunner

    from kongthun.interfaces.cli.main import app

    def cli(*args):
        return CliRunner().invoke(app, ["disaster", *args], env={"COLUMNS": "200"})

    bad = cli("register", "--org", fund.code, "--kind", "flood", "--name", "น้ำท่วม", "--start", "2025-10-12",
              "--area", "350102", "--as", treasurer.name)
    assert bad.exit_code == 2 and "outside the fund's area" in bad.output and DisasterEvent.objects.count() == 0
    done = cli("register", "--org", fund.code, "--kind", "flood", "--name", "น้ำท่วมบ้านนาเจริญ", "--start",
               "2025-10-12", "--end", "2025-10-20", "--area", VILLAGE, "--as", treasurer.name)
    assert done.exit_code == 0, done.output
    assert DisasterEvent.objects.get().area == [{"tambon": fund.tambon_id, "village": VILLAGE}]
    listed = cli("members", "--org", fund.code, "--event", "1", "--as", treasurer.name)
    assert listed.exit_code == 0 and homes["red"].member_no in listed.output and homes["far"].member_no not in (
        listed.output)
    batch = tmp_path / "flood.csv"
    batch.write_text(f"member_no,claimed_baht,damage\n{homes['red'].member_no},1500,หลังคา\n"
                     f"{homes['black'].member_no},900,\n", encoding="utf-8")
    sub = cli("submit", "--org", fund.code, "--event", "1", "--csv", str(batch), "--on", "2568-10-21",
              "--as", treasurer.name)
    assert sub.exit_code == 0, sub.output
    assert "2,400.00" in sub.output
    own = cli("approve", "--org", fund.code, "--event", "1", "--on", "2025-10-22", "--as", treasurer.name)
    assert own.exit_code == 3  # a treasurer does not decide claims
    ok = cli("approve", "--org", fund.code, "--event", "1", "--on", "2025-10-22", "--as", checker.name)
    assert ok.exit_code == 0, ok.output
    paid = cli("pay", "--org", fund.code, "--event", "1", "--on", "2025-10-23", "--as", treasurer.name)
    assert paid.exit_code == 0 and "จ่ายแล้ว" in paid.output and balance(fund, "5105") == 240000
    sent = cli("relief-send", "--org", sibling.code, "--to", fund.code, "--event", "1", "--money", "3,000",
               "--account", "1101", "--key", "cli-1", "--on", "2025-10-24", "--as", sibling_treasurer.name)
    assert sent.exit_code == 0, sent.output
    goods = cli("relief-send", "--org", sibling.code, "--to", fund.code, "--event", "1", "--goods", "ข้าวสาร",
                "--quantity", "10 กระสอบ", "--value", "8000", "--key", "cli-2", "--as", sibling_treasurer.name)
    assert goods.exit_code == 0, goods.output
    money = DisasterRelief.objects.get(kind="money")
    got = cli("relief-receive", "--org", fund.code, "--relief", str(money.pk), "--account", "1101", "--on",
              "2025-10-25", "--as", treasurer.name)
    assert got.exit_code == 0, got.output
    assert balance(sibling, "5108") == 300000 and balance(fund, "4302") == -300000
    summary = cli("list", "--org", fund.code, "--as", treasurer.name)
    assert summary.exit_code == 0 and "น้ำท่วมบ้านนาเจริญ" in summary.output and "2,400.00" in summary.output
    nosy = cli("members", "--org", fund.code, "--event", "1", "--as", sibling_treasurer.name)
    assert nosy.exit_code == 3 and homes["red"].person.first_name_th not in nosy.output
    assert run_checks() == []


def test_check_finds_relief_and_claims_that_do_not_match(flood, homes, treasurer, sibling, sibling_treasurer):
    from kongthun.welfare.disasters.integrity import check_disasters

    [claim] = submit(flood, homes, treasurer, red=1000)
    relief = relief_send(sender=sibling, event=flood, kind="money", amount=1_000_00, sent_on=date(2025, 10, 15),
                         actor=sibling_treasurer, idempotency_key="chk", cash_account="1101")
    assert check_disasters() == []
    DisasterRelief.objects.filter(pk=relief.pk).update(amount=2_000_00)  # changed outside kongthun
    Claim.objects.filter(pk=claim.pk).update(event_ref="another event")
    problems = check_disasters()
    assert {p.check for p in problems} == {"relief", "disaster_claims"} and len(problems) == 2
    assert any(sibling.code in p.message_en for p in problems)
