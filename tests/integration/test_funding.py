"""Outside money on a real database: agreements with their legal basis, the matching request computed from
receipts, money received posted as one balanced entry (idempotent), administration expenses refused over the
fund's cap with the figures and warned when close; every refusal changes nothing; scope; audit; integrity."""

from __future__ import annotations

from contextlib import contextmanager
from datetime import date
from decimal import Decimal

import pytest

from kongthun.audit.models import AuditEvent
from kongthun.documents.domain import FundingRequestDoc, RequestLine
from kongthun.errors import DomainError
from kongthun.integrity import run_checks
from kongthun.ledger.actions import period_lock
from kongthun.ledger.models import Account, JournalEntry
from kongthun.welfare.contributions.actions import PaymentLine, collection_record, plan_set
from kongthun.welfare.funding import selectors
from kongthun.welfare.funding.actions import (
    admin_expense_record,
    agreement_record,
    allocation_set,
    funds_receipt_reverse,
    funds_receive,
    request_prepare,
    request_send,
)
from kongthun.welfare.funding.domain import CapLevel
from kongthun.welfare.funding.integrity import check_funds_received
from kongthun.welfare.funding.models import AllocationSetting, FundingAgreement, FundingRequest, FundsReceived
from kongthun.welfare.funding.printing import request_doc, request_pdf
from tests.conftest import SYSTEM
from tests.integration.test_documents import contains, exact, text_of, write

BAHT = 100
JOINED = date(2024, 10, 1)
PREPARED = date(2025, 10, 10)


def balance(org, code: str) -> int:
    return Account.objects.get(organization=org, code=code).balance


def funding_state() -> dict:
    return {"agreements": FundingAgreement.objects.count(), "received": FundsReceived.objects.count(),
            "requests": sorted(FundingRequest.objects.values_list("pk", "amount", "status")),
            "settings": sorted(AllocationSetting.objects.values_list("organization_id", "admin_cap_percent"))}


@pytest.fixture
def refused(unchanged):
    @contextmanager
    def check(code: str | None = None):
        before = funding_state()
        with unchanged(code) as err:
            yield err
        assert funding_state() == before

    return check


@pytest.fixture
def codi_a(fund_a, committee_a):
    return agreement_record(organization=fund_a, kind="codi", name="เงินสมทบรัฐบาลผ่าน พอช.", actor=committee_a,
                            legal_basis="มติคณะรัฐมนตรี และระเบียบ พอช. ว่าด้วยการสนับสนุนกองทุนสวัสดิการชุมชน",
                            document_no="พอช. 0123/2568", document_date=date(2025, 1, 5), matching_ratio="1:1",
                            cap_per_member=365 * BAHT)


@pytest.fixture
def local_a(fund_a, committee_a):
    return agreement_record(organization=fund_a, kind="local_gov", name="อบต.ทดสอบ สมทบกองทุน", actor=committee_a,
                            legal_basis="ข้อบัญญัติงบประมาณรายจ่ายประจำปี 2568 ของ อบต.", document_no="ยส 71201/55",
                            matching_ratio="0.5", cap_per_member=365 * BAHT)


@pytest.fixture
def paid_members(fund_a, make_member):
    """Three members paid in FY 2568: 14 months, 3 months, 2 months at 30 baht."""
    plan_set(organization=fund_a, effective_from=date(2024, 1, 1), actor=SYSTEM, why="มติที่ประชุม")
    members = [make_member(fund_a, first=f"สมาชิก{i}", joined=JOINED) for i in range(3)]
    collection_record(organization=fund_a, collected_on=date(2025, 1, 15), actor=SYSTEM, idempotency_key="k1",
                      payments=[PaymentLine(m.pk, periods=n) for m, n in zip(members, (14, 3, 2), strict=True)])
    return members


# --- agreements -----------------------------------------------------------------------------------------


def test_an_agreement_carries_its_legal_basis_and_income_account(codi_a, local_a, fund_a, committee_a):
    assert (codi_a.kind, codi_a.income_account, codi_a.matching_ratio, codi_a.cap_per_member) == (
        "codi", "4201", Decimal(1), 36500)
    assert (local_a.income_account, local_a.matching_ratio) == ("4202", Decimal("0.5"))
    grant = agreement_record(organization=fund_a, kind="swpf", name="โครงการดูแลผู้สูงอายุติดเตียง", actor=committee_a,
                             amount=120_000 * BAHT, document_no="กสค. 12/2568")
    assert (grant.income_account, grant.project_size, grant.matching_ratio) == ("4203", "medium", None)
    event = AuditEvent.objects.get(action="funding_agreement_record", object_id=str(codi_a.pk))
    assert event.after["legal_basis"].startswith("มติคณะรัฐมนตรี") and event.organization_id == fund_a.pk


def test_agreement_refusals_change_nothing(fund_a, committee_a, actor_a, codi_a, make_org, refused):
    with refused("invalid.legal_basis_required") as err:
        agreement_record(organization=fund_a, kind="local_gov", name="อบต.", actor=committee_a, document_no="1",
                         matching_ratio="1", cap_per_member=36500)
    assert "ฐานทางกฎหมาย" in err.value.message_th and "legal basis" in err.value.message_en
    with refused("forbidden.scope"):  # the treasurer posts; the committee decides
        agreement_record(organization=fund_a, kind="donation", name="ผ้าป่า", actor=actor_a)
    with refused("invalid.swpf_too_large"):
        agreement_record(organization=fund_a, kind="swpf", name="ใหญ่เกิน", actor=committee_a,
                         amount=3_000_000 * BAHT + 1)
    with refused("conflict.agreement_exists"):
        agreement_record(organization=fund_a, kind="codi", name="ซ้ำ", actor=committee_a, legal_basis="x",
                         document_no="พอช. 0123/2568", matching_ratio="1", cap_per_member=36500)
    with refused("invalid.choice"):
        agreement_record(organization=fund_a, kind="lottery", name="x", actor=committee_a)
    with refused("invalid.income_account"):
        agreement_record(organization=fund_a, kind="other", name="x", actor=committee_a, income_account="4101")
    group = make_org("SG-1", kind="savings_group")
    with refused("invalid.org_kind"):
        agreement_record(organization=group, kind="donation", name="x", actor=SYSTEM)


# --- requests -------------------------------------------------------------------------------------------


def test_the_request_reuses_the_matching_calculation(fund_a, actor_a, codi_a, local_a, paid_members):
    a, b, c = paid_members
    r = request_prepare(agreement=codi_a, year_name=2568, prepared_on=PREPARED, actor=actor_a)
    assert (r.amount, r.paid, r.counted, r.members_counted) == (36500 + 9000 + 6000, 42000 + 9000 + 6000,
                                                                36500 + 9000 + 6000, 3)
    assert [(x["member_no"], x["paid"], x["counted"], x["amount"]) for x in r.lines] == [
        (a.member_no, 42000, 36500, 36500), (b.member_no, 9000, 9000, 9000), (c.member_no, 6000, 6000, 6000)]
    local = request_prepare(agreement=local_a, year_name=2568, prepared_on=PREPARED, actor=actor_a)
    assert local.amount == (36500 + 9000 + 6000) // 2 and local.lines[0]["amount"] == 18250
    again = request_prepare(agreement=codi_a, year_name=2568, prepared_on=PREPARED, actor=actor_a)
    assert again.pk == r.pk and AuditEvent.objects.filter(action="funding_request_prepare").count() == 2


def test_a_request_is_recomputed_until_money_comes(fund_a, actor_a, codi_a, paid_members, refused):
    r = request_prepare(agreement=codi_a, year_name=2568, prepared_on=PREPARED, actor=actor_a)
    collection_record(organization=fund_a, collected_on=date(2025, 9, 1), actor=SYSTEM, idempotency_key="k2",
                      payments=[PaymentLine(paid_members[2].pk, periods=1)])
    r2 = request_prepare(agreement=codi_a, year_name=2568, prepared_on=PREPARED, actor=actor_a)
    assert r2.pk == r.pk and r2.amount == r.amount + 3000
    funds_receive(agreement=codi_a, request=r2, amount=10_000 * BAHT // 100, received_on=date(2025, 11, 1),
                  actor=actor_a, idempotency_key="part")
    collection_record(organization=fund_a, collected_on=date(2025, 9, 2), actor=SYSTEM, idempotency_key="k3",
                      payments=[PaymentLine(paid_members[1].pk, periods=1)])
    with refused("conflict.request_received"):
        request_prepare(agreement=codi_a, year_name=2568, prepared_on=PREPARED, actor=actor_a)
    with refused("invalid.year_not_started"):
        request_prepare(agreement=codi_a, year_name=2570, prepared_on=PREPARED, actor=actor_a)
    with refused("invalid.year_name"):
        request_prepare(agreement=codi_a, year_name=2025, prepared_on=PREPARED, actor=actor_a)


def test_a_grant_request_asks_an_amount_within_the_approval(fund_a, committee_a, refused):
    grant = agreement_record(organization=fund_a, kind="swpf", name="โครงการ", actor=committee_a,
                             amount=40_000 * BAHT)
    r = request_prepare(agreement=grant, year_name=2568, prepared_on=PREPARED, actor=committee_a,
                        amount=40_000 * BAHT)
    assert (r.amount, r.lines) == (40_000 * BAHT, [])
    with refused("conflict.over_agreement"):
        request_prepare(agreement=grant, year_name=2569, prepared_on=PREPARED, actor=committee_a,
                        amount=40_001 * BAHT)
    with refused("invalid.amount"):
        request_prepare(agreement=grant, year_name=2569, prepared_on=PREPARED, actor=committee_a)


# --- money received -------------------------------------------------------------------------------------


def test_money_received_posts_one_balanced_entry_and_retries_return_it(fund_a, actor_a, codi_a, paid_members):
    r = request_prepare(agreement=codi_a, year_name=2568, prepared_on=PREPARED, actor=actor_a)
    got = funds_receive(agreement=codi_a, request=r, amount=r.amount, received_on=date(2025, 12, 15), actor=actor_a,
                        idempotency_key="codi-2568")
    assert list(got.entry.lines.order_by("id").values_list("account__code", "amount")) == [
        ("1102", r.amount), ("4201", -r.amount)]
    assert got.entry.source == "funds_received" and (balance(fund_a, "1102"), balance(fund_a, "4201")) == (
        r.amount, -r.amount)
    r.refresh_from_db()
    assert r.status == "received"
    entries = JournalEntry.objects.count()
    again = funds_receive(agreement=codi_a, request=r, amount=r.amount, received_on=date(2025, 12, 15),
                          actor=actor_a, idempotency_key="codi-2568")
    assert again.pk == got.pk and JournalEntry.objects.count() == entries
    assert AuditEvent.objects.filter(action="funds_receive").count() == 1
    assert run_checks() == [] and check_funds_received() == []


def test_money_received_refusals_change_nothing(fund_a, actor_a, actor_b, committee_a, codi_a, paid_members,
                                                refused):
    r = request_prepare(agreement=codi_a, year_name=2568, prepared_on=PREPARED, actor=actor_a)
    funds_receive(agreement=codi_a, amount=100 * BAHT, received_on=date(2025, 12, 1), actor=actor_a,
                  idempotency_key="k")
    with refused("conflict.idempotency_mismatch"):
        funds_receive(agreement=codi_a, amount=200 * BAHT, received_on=date(2025, 12, 1), actor=actor_a,
                      idempotency_key="k")
    with refused("forbidden.scope"):  # another fund's treasurer
        funds_receive(agreement=codi_a, amount=100 * BAHT, received_on=date(2025, 12, 1), actor=actor_b,
                      idempotency_key="b")
    with refused("forbidden.scope"):  # the committee does not post
        funds_receive(agreement=codi_a, amount=100 * BAHT, received_on=date(2025, 12, 1), actor=committee_a,
                      idempotency_key="c")
    with refused("conflict.over_request"):
        funds_receive(agreement=codi_a, request=r, amount=r.amount + 1, received_on=date(2025, 12, 1),
                      actor=actor_a, idempotency_key="over")
    with refused("invalid.cash_account"):
        funds_receive(agreement=codi_a, amount=100, received_on=date(2025, 12, 1), actor=actor_a,
                      idempotency_key="acc", account="4201")
    with refused("invalid.amount"):
        funds_receive(agreement=codi_a, amount=0, received_on=date(2025, 12, 1), actor=actor_a,
                      idempotency_key="zero")
    with refused("invalid.idempotency_key"):
        funds_receive(agreement=codi_a, amount=100, received_on=date(2025, 12, 1), actor=actor_a,
                      idempotency_key=" ")


def test_integrity_catches_a_tampered_receipt_of_money(fund_a, actor_a, codi_a):
    got = funds_receive(agreement=codi_a, amount=500 * BAHT, received_on=date(2025, 12, 1), actor=actor_a,
                        idempotency_key="k")
    assert check_funds_received() == []
    FundsReceived.objects.filter(pk=got.pk).update(amount=600 * BAHT)
    problems = check_funds_received()
    assert len(problems) == 1 and problems[0].check == "funds_received" and "60000" in problems[0].message_en
    assert any(p.check == "funds_received" for p in run_checks())


# --- the administration cap -----------------------------------------------------------------------------


def donate(fund, actor, baht: int, on=date(2025, 11, 1), key="donation"):
    gift = agreement_record(organization=fund, kind="donation", name=f"ผ้าป่า {key}", actor=SYSTEM)
    return funds_receive(agreement=gift, amount=baht * BAHT, received_on=on, actor=actor, idempotency_key=key,
                         account="1101")


def test_administration_up_to_the_cap_with_a_warning_then_refused(fund_a, actor_a, refused):
    donate(fund_a, actor_a, 10_000)  # FY 2569 income: 10,000 baht, cap 20%: 2,000 baht
    ok = admin_expense_record(organization=fund_a, amount=1_000 * BAHT, spent_on=date(2025, 11, 2),
                              description="ค่าเครื่องเขียน", actor=actor_a, idempotency_key="e1")
    assert ok.check.level is CapLevel.OK and ok.entry.source == "admin_expense"
    assert list(ok.entry.lines.values_list("account__code", "amount")) == [("5901", 100_000), ("1101", -100_000)]
    warn = admin_expense_record(organization=fund_a, amount=700 * BAHT, spent_on=date(2025, 11, 3),
                                description="ค่าประชุม", actor=actor_a, idempotency_key="e2")
    assert warn.check.level is CapLevel.WARNING and "1,700.00 บาท" in warn.check.message_th
    with refused("conflict.admin_cap") as err:
        admin_expense_record(organization=fund_a, amount=300 * BAHT + 1, spent_on=date(2025, 11, 4),
                             description="ค่าเดินทาง", actor=actor_a, idempotency_key="e3")
    assert "2,000.01 บาท" in err.value.message_th and "2,000.00 บาท" in err.value.message_th
    assert "10,000.00 baht" in err.value.message_en and err.value.where == "amount"
    retry = admin_expense_record(organization=fund_a, amount=700 * BAHT, spent_on=date(2025, 11, 3),
                                 description="ค่าประชุม", actor=actor_a, idempotency_key="e2")
    assert retry.repeated and retry.entry.pk == warn.entry.pk
    assert AuditEvent.objects.filter(action="admin_expense_record").count() == 2
    status = selectors.admin_cap_status(scope=actor_a.scope, organization=fund_a, on=date(2025, 12, 1))
    assert (status.limit, status.spent, status.used_percent) == (200_000, 170_000, 85)
    assert run_checks() == []


def test_the_cap_counts_the_accounting_year_only_and_follows_the_fund_setting(fund_a, actor_a, committee_a,
                                                                              refused):
    with refused("conflict.admin_cap") as err:  # no income this year nor last: nothing to spend
        admin_expense_record(organization=fund_a, amount=100, spent_on=date(2025, 10, 1), description="x",
                             actor=actor_a, idempotency_key="e")
    assert "รายได้ของปีก่อน (ปีนี้ยังไม่มีรายได้) 0.00 บาท" in err.value.message_th
    donate(fund_a, actor_a, 10_000, on=date(2025, 9, 1), key="last-year")  # FY 2568
    early = admin_expense_record(organization=fund_a, amount=1_900 * BAHT, spent_on=date(2025, 10, 1),
                                 description="ค่าจ้างเสมียนเดือนตุลาคม", actor=actor_a, idempotency_key="e0")
    assert early.check.level is CapLevel.WARNING and early.check.base.fallback  # FY 2569 has no income yet
    assert "last year's income (this year has no income yet): 10,000.00 baht" in early.check.message_en
    assert "ใช้ไปแล้ว 0.00 บาท" in early.check.message_th and "เพดาน 2,000.00 บาท" in early.check.message_th
    donate(fund_a, actor_a, 20_000, on=date(2025, 10, 2), key="this-year")  # the year's own income now counts
    with refused("conflict.admin_cap") as err:
        admin_expense_record(organization=fund_a, amount=2_200 * BAHT, spent_on=date(2025, 10, 5),
                             description="x", actor=actor_a, idempotency_key="e")
    assert "this year's income: 20,000.00 baht" in err.value.message_en and "already spent 1,900.00" in \
        err.value.message_en and err.value.details["base"] == "year_income"
    with refused("forbidden.scope"):
        allocation_set(organization=fund_a, admin_cap_percent=Decimal(30), actor=actor_a)
    with refused("invalid.cap_percent"):
        allocation_set(organization=fund_a, admin_cap_percent=Decimal(120), actor=committee_a)
    with refused("invalid.choice"):
        allocation_set(organization=fund_a, admin_cap_percent=Decimal(20), actor=committee_a, cap_base="assets")
    allocation_set(organization=fund_a, admin_cap_percent=Decimal(30), actor=committee_a, why="มติที่ประชุมใหญ่")
    assert admin_expense_record(organization=fund_a, amount=2_200 * BAHT, spent_on=date(2025, 10, 5),
                                description="x", actor=actor_a, idempotency_key="e").check.level is CapLevel.OK
    assert AuditEvent.objects.filter(action="allocation_set").get().after == {"admin_cap_percent": "30.00",
                                                                              "cap_base": "year_income"}


def test_the_cap_on_the_fund_balance_counts_the_opening_balance_and_the_year_income(fund_a, actor_a,
                                                                                    committee_a, refused):
    donate(fund_a, actor_a, 10_000, on=date(2025, 9, 1), key="last-year")  # FY 2568: the fund holds 10,000
    admin_expense_record(organization=fund_a, amount=1_000 * BAHT, spent_on=date(2025, 9, 2), description="x",
                         actor=actor_a, idempotency_key="old")  # 9,000 left at the start of FY 2569
    allocation_set(organization=fund_a, admin_cap_percent=Decimal(10), actor=committee_a, cap_base="fund_balance",
                   why="มติที่ประชุมใหญ่ 2568")
    assert AllocationSetting.objects.get(organization=fund_a).cap_base == "fund_balance"
    donate(fund_a, actor_a, 6_000, on=date(2025, 10, 2), key="this-year")  # base 9,000 + 6,000 = 15,000
    status = selectors.admin_cap_status(scope=actor_a.scope, organization=fund_a, on=date(2025, 10, 3))
    assert (status.income, status.limit, status.spent, status.base.fallback) == (1_500_000, 150_000, 0, False)
    with refused("conflict.admin_cap") as err:
        admin_expense_record(organization=fund_a, amount=1_500 * BAHT + 1, spent_on=date(2025, 10, 3),
                             description="x", actor=actor_a, idempotency_key="over")
    assert "ยอดเงินกองทุนต้นปีรวมรายได้ของปีนี้ 15,000.00 บาท" in err.value.message_th
    assert "เพดาน 1,500.00 บาท" in err.value.message_th and "ร้อยละ 10" in err.value.message_th
    allocation_set(organization=fund_a, admin_cap_percent=Decimal(20), actor=committee_a)  # the base stays
    assert selectors.allocation_get(scope=actor_a.scope, organization_id=fund_a.pk)[0].value == "fund_balance"
    assert admin_expense_record(organization=fund_a, amount=2_500 * BAHT, spent_on=date(2025, 10, 3),
                                description="x", actor=actor_a, idempotency_key="ok").check.level is CapLevel.WARNING
    assert run_checks() == []


def test_another_funds_treasurer_is_refused_everywhere(fund_a, fund_b, actor_b, codi_a, refused):
    with refused("forbidden.scope"):
        admin_expense_record(organization=fund_a, amount=100, spent_on=date(2025, 11, 1), description="x",
                             actor=actor_b, idempotency_key="x")
    with refused("forbidden.scope"):
        request_prepare(agreement=codi_a, year_name=2568, prepared_on=PREPARED, actor=actor_b)
    with pytest.raises(DomainError) as err:
        selectors.agreement_list(scope=actor_b.scope, organization_id=fund_a.pk)
    assert err.value.code == "forbidden.scope"


# --- the request document -------------------------------------------------------------------------------


def test_the_request_prints_as_a_thai_pdf_with_member_lines_and_words(fund_a, actor_a, codi_a, paid_members,
                                                                      tmp_path):
    r = request_prepare(agreement=codi_a, year_name=2568, prepared_on=PREPARED, actor=actor_a)
    doc = request_doc(r, scope=actor_a.scope, prepared_by="เหรัญญิก")
    assert doc.amount == sum(x.amount for x in doc.lines) == 51500
    assert doc.lines[0].member_name == paid_members[0].person.full_name_th and "เพดาน" in doc.lines[0].note
    path = write(request_pdf(r, scope=actor_a.scope, prepared_by="เหรัญญิก"), tmp_path)
    pdf_text = text_of(path)
    contains(pdf_text, "คำขอรับเงินสมทบ ปีบัญชี 2568", fund_a.name_th, "รัฐบาลผ่าน พอช.", "พอช. 0123/2568",
             "5 มกราคม 2568", "สมทบ 1:1", "365.00", paid_members[0].member_no, paid_members[0].person.full_name_th,
             "420.00", "515.00", "10 ตุลาคม 2568")
    assert exact("ห้าร้อยสิบห้าบาทถ้วน") in exact(pdf_text)


def test_the_request_document_refuses_a_total_that_is_not_its_lines():
    with pytest.raises(DomainError) as err:
        FundingRequestDoc(date=PREPARED, year_name=2568, source_name="พอช.", agreement_name="x", legal_basis="",
                          document_ref="", terms_line="", lines=(RequestLine("0001", "", 100, 100, 100),), amount=99)
    assert err.value.code == "invalid.request_total"


# --- the command line -----------------------------------------------------------------------------------


def test_cli_request_prints_the_lines_and_writes_the_pdf(fund_a, codi_a, paid_members, tmp_path):
    from typer.testing import CliRunner

    from kongthun.interfaces.cli.main import app

    out = tmp_path / "request.pdf"
    result = CliRunner().invoke(app, ["funding", "request", "--org", fund_a.code, "--year", "2568", "--pdf",
                                      str(out)], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert paid_members[0].member_no in result.output and "515.00" in result.output and "365.00" in result.output
    assert out.read_bytes().startswith(b"%PDF-") and FundingRequest.objects.get().amount == 51500
    status = CliRunner().invoke(app, ["funding", "status", "--org", fund_a.code, "--on", "2025-01-20"],
                                env={"COLUMNS": "200"})
    assert status.exit_code == 0, status.output
    assert "พอช. 0123/2568" in status.output and "2568" in status.output and "administration" in status.output
    bad = CliRunner().invoke(app, ["funding", "request", "--org", fund_a.code, "--year", "2568", "--source",
                                   "swpf"])
    assert bad.exit_code == 4 and "no source 'swpf'" in bad.output


# --- sending a request and what came for it ------------------------------------------------------------------


def test_a_prepared_request_is_sent_once_and_shows_requested_against_received(fund_a, actor_a, actor_b,
                                                                              committee_a, codi_a, paid_members,
                                                                              refused):
    r = request_prepare(agreement=codi_a, year_name=2568, prepared_on=PREPARED, actor=actor_a)
    with refused("invalid.document_required"):
        request_send(request=r, sent_on=date(2025, 10, 12), document_no=" ", actor=actor_a)
    with refused("invalid.sent_before_prepared"):
        request_send(request=r, sent_on=date(2025, 10, 9), document_no="กสช. 5/2568", actor=actor_a)
    with refused("forbidden.scope"):
        request_send(request=r, sent_on=date(2025, 10, 12), document_no="x", actor=actor_b)
    sent = request_send(request=r, sent_on=date(2025, 10, 12), document_no="กสช. 5/2568", actor=committee_a)
    assert (sent.status, sent.sent_on, sent.sent_document_no) == ("sent", date(2025, 10, 12), "กสช. 5/2568")
    again = request_send(request=r, sent_on=date(2025, 10, 12), document_no="กสช. 5/2568", actor=committee_a)
    assert again.pk == r.pk and AuditEvent.objects.filter(action="funding_request_send").count() == 1
    event = AuditEvent.objects.get(action="funding_request_send")
    assert (event.before["status"], event.after["status"], event.after["sent_document_no"]) == (
        "prepared", "sent", "กสช. 5/2568")
    with refused("conflict.request_sent") as err:  # once
        request_send(request=r, sent_on=date(2025, 10, 13), document_no="กสช. 6/2568", actor=committee_a)
    assert "กสช. 5/2568" in err.value.message_th
    collection_record(organization=fund_a, collected_on=date(2025, 9, 1), actor=SYSTEM, idempotency_key="late",
                      payments=[PaymentLine(paid_members[2].pk, periods=1)])
    with refused("conflict.request_sent"):  # a sent request is not recomputed
        request_prepare(agreement=codi_a, year_name=2568, prepared_on=PREPARED, actor=actor_a)
    funds_receive(agreement=codi_a, request=r, amount=20_000 * BAHT // 100, received_on=date(2025, 11, 1),
                  actor=actor_a, idempotency_key="part")
    row = selectors.request_get(scope=actor_a.scope, organization_id=fund_a.pk, request_id=r.pk)
    assert (row.status, row.amount, row.received_total) == ("part_received", 51500, 20000)
    grant = agreement_record(organization=fund_a, kind="swpf", name="โครงการ", actor=committee_a, amount=40_000 * BAHT)
    paid_first = request_prepare(agreement=grant, year_name=2569, prepared_on=PREPARED, actor=committee_a,
                                 amount=1_000 * BAHT)
    funds_receive(agreement=grant, request=paid_first, amount=1_000 * BAHT, received_on=date(2025, 11, 1),
                  actor=actor_a, idempotency_key="grant")
    with refused("conflict.request_not_prepared"):  # only a prepared request
        request_send(request=paid_first, sent_on=date(2025, 11, 2), document_no="y", actor=committee_a)


def test_cli_send_and_status_show_the_request_as_sent(fund_a, codi_a, paid_members):
    from typer.testing import CliRunner

    from kongthun.interfaces.cli.main import app

    r = request_prepare(agreement=codi_a, year_name=2568, prepared_on=PREPARED, actor=SYSTEM)
    env = {"COLUMNS": "200"}
    sent = CliRunner().invoke(app, ["funding", "send", "--org", fund_a.code, "--request", str(r.pk), "--on",
                                    "2025-10-12", "--document", "กสช. 5/2568"], env=env)
    assert sent.exit_code == 0, sent.output
    r.refresh_from_db()
    assert (r.status, r.sent_document_no) == ("sent", "กสช. 5/2568")
    status = CliRunner().invoke(app, ["funding", "status", "--org", fund_a.code, "--on", "2025-10-20"], env=env)
    assert status.exit_code == 0 and "ส่งแล้ว" in status.output and "กสช. 5/2568" in status.output
    assert "515.00" in status.output
    twice = CliRunner().invoke(app, ["funding", "send", "--org", fund_a.code, "--request", str(r.pk), "--on",
                                     "2025-10-13", "--document", "อื่น"], env=env)
    assert twice.exit_code != 0 and "already sent" in twice.output


# --- reversing money received by mistake ---------------------------------------------------------------------


def test_money_received_by_mistake_is_reversed_through_the_ledger(fund_a, actor_a, codi_a, paid_members, refused):
    r = request_prepare(agreement=codi_a, year_name=2568, prepared_on=PREPARED, actor=actor_a)
    got = funds_receive(agreement=codi_a, request=r, amount=r.amount, received_on=date(2025, 12, 15),
                        actor=actor_a, idempotency_key="codi")
    r.refresh_from_db()
    assert r.status == "received" and balance(fund_a, "4201") == -r.amount
    with refused("invalid.why_required"):
        funds_receipt_reverse(receipt=got, on=date(2025, 12, 16), why=" ", actor=actor_a)
    with refused("invalid.reverse_before_receipt"):
        funds_receipt_reverse(receipt=got, on=date(2025, 12, 14), why="ผิด", actor=actor_a)
    back = funds_receipt_reverse(receipt=got, on=date(2025, 12, 16), why="บันทึกซ้ำกับรายการโอนเดิม", actor=actor_a)
    assert back.is_reversed and back.reversed_why == "บันทึกซ้ำกับรายการโอนเดิม" and back.entry_id == got.entry_id
    assert back.reversal_entry.reverses_id == got.entry_id and back.reversal_entry.date == date(2025, 12, 16)
    assert sorted(back.reversal_entry.lines.values_list("account__code", "amount")) == [
        ("1102", -r.amount), ("4201", r.amount)]
    assert (balance(fund_a, "1102"), balance(fund_a, "4201")) == (0, 0)
    assert JournalEntry.objects.filter(pk=got.entry_id).exists()  # the original stays
    r.refresh_from_db()
    assert r.status == "prepared"
    row = selectors.request_get(scope=actor_a.scope, organization_id=fund_a.pk, request_id=r.pk)
    assert row.received_total is None
    event = AuditEvent.objects.get(action="funds_receipt_reverse")
    assert (event.why, event.after["reversed"], event.after["reversal_entry"]) == (
        "บันทึกซ้ำกับรายการโอนเดิม", True, back.reversal_entry.number)
    with refused("conflict.funds_reversed"):
        funds_receipt_reverse(receipt=got, on=date(2025, 12, 17), why="อีกครั้ง", actor=actor_a)
    assert run_checks() == [] and check_funds_received() == []
    again = funds_receive(agreement=codi_a, request=r, amount=r.amount, received_on=date(2025, 12, 20),
                          actor=actor_a, idempotency_key="codi-right")  # the right receipt fits the request again
    assert again.amount == r.amount and run_checks() == []


def test_reversing_is_refused_in_a_closed_period_and_for_others(fund_a, actor_a, actor_b, committee_a, codi_a,
                                                                 refused):
    got = funds_receive(agreement=codi_a, amount=500 * BAHT, received_on=date(2025, 9, 20), actor=actor_a,
                        idempotency_key="k")
    with refused("forbidden.scope"):
        funds_receipt_reverse(receipt=got, on=date(2025, 9, 21), why="x", actor=actor_b)
    period_lock(organization=fund_a, through=date(2025, 9, 30), actor=committee_a, why="ปิดงวด")
    with refused("conflict.period_locked") as err:  # the receipt is in the closed period
        funds_receipt_reverse(receipt=got, on=date(2025, 10, 5), why="ผิด", actor=actor_a)
    assert "30 ก.ย. 2568" in err.value.message_th or "2568" in err.value.message_th
    assert "closed through 2025-09-30" in err.value.message_en
    later = funds_receive(agreement=codi_a, amount=100 * BAHT, received_on=date(2025, 10, 2), actor=actor_a,
                          idempotency_key="later")
    period_lock(organization=fund_a, through=date(2025, 10, 31), actor=committee_a, why="ปิดงวด")
    with refused("conflict.period_locked"):  # dated in the closed period
        funds_receipt_reverse(receipt=later, on=date(2025, 10, 3), why="ผิด", actor=actor_a)
    assert not FundsReceived.objects.get(pk=later.pk).is_reversed


def test_integrity_catches_a_reversal_that_does_not_match(fund_a, actor_a, codi_a):
    got = funds_receive(agreement=codi_a, amount=500 * BAHT, received_on=date(2025, 12, 1), actor=actor_a,
                        idempotency_key="k")
    back = funds_receipt_reverse(receipt=got, on=date(2025, 12, 2), why="ผิด", actor=actor_a)
    assert check_funds_received() == []
    FundsReceived.objects.filter(pk=back.pk).update(reversed_on=date(2025, 12, 3))
    assert [p.check for p in check_funds_received()] == ["funds_received"]


def test_cli_reverse_undoes_money_received_and_the_check_passes(fund_a, codi_a):
    from typer.testing import CliRunner

    from kongthun.interfaces.cli.main import app

    got = funds_receive(agreement=codi_a, amount=500 * BAHT, received_on=date(2025, 12, 1), actor=SYSTEM,
                        idempotency_key="k")
    env = {"COLUMNS": "200"}
    done = CliRunner().invoke(app, ["funding", "reverse", "--org", fund_a.code, "--receipt", str(got.pk), "--on",
                                    "2025-12-02", "--why", "โอนผิดกองทุน"], env=env)
    assert done.exit_code == 0, done.output
    got.refresh_from_db()
    assert got.is_reversed and got.reversed_why == "โอนผิดกองทุน" and balance(fund_a, "4201") == 0
    assert f"JV{got.reversal_entry.number:06d}" in done.output
    check = CliRunner().invoke(app, ["check"], env=env)
    assert check.exit_code == 0, check.output
    again = CliRunner().invoke(app, ["funding", "reverse", "--org", fund_a.code, "--receipt", str(got.pk), "--why",
                                     "x"], env=env)
    assert again.exit_code != 0 and "already reversed" in again.output
