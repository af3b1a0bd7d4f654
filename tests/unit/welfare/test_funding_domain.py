"""Outside money's pure rules: sources and their income accounts, the Social Welfare Promotion Fund's
project sizes, agreements that need their legal basis, accounting years by name, and the administration
cap (a property: it never allows spending above cap% of the income)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kongthun.clock import CALENDAR, FISCAL, AccountingYear
from kongthun.errors import DomainError
from kongthun.welfare.funding.domain import (
    SOURCES,
    AgreementTerms,
    CapLevel,
    ProjectSize,
    SourceKind,
    admin_cap_check,
    admin_limit,
    income_account,
    parse_ratio,
    project_size,
    validate_agreement,
    year_bounds,
)

BAHT = 100


def test_each_source_posts_to_its_income_account():
    assert {k: SOURCES[k].account for k in SourceKind} == {
        SourceKind.CODI: "4201", SourceKind.LOCAL_GOV: "4202", SourceKind.SWPF: "4203",
        SourceKind.DONATION: "4301", SourceKind.INTEREST: "4901", SourceKind.OTHER: None}
    assert income_account(SourceKind.CODI) == "4201"
    assert income_account(SourceKind.OTHER, "4501", income_accounts=frozenset({"4501", "4101"})) == "4501"
    for bad in ("4101", "9999", ""):
        with pytest.raises(DomainError) as err:
            income_account(SourceKind.OTHER, bad, income_accounts=frozenset({"4501", "4101"}))
        assert err.value.code == "invalid.income_account" and err.value.where == "income_account"


@pytest.mark.parametrize(("baht", "size"), [
    (1, ProjectSize.SMALL), (50_000, ProjectSize.SMALL), (50_000.01, ProjectSize.MEDIUM),
    (300_000, ProjectSize.MEDIUM), (300_000.01, ProjectSize.LARGE), (3_000_000, ProjectSize.LARGE)])
def test_project_sizes_at_their_bounds(baht, size):
    satang = int(Decimal(str(baht)) * 100)
    assert project_size(satang) is size


def test_a_grant_above_three_million_is_refused_with_the_figures():
    with pytest.raises(DomainError) as err:
        project_size(3_000_000 * BAHT + 1)
    assert err.value.code == "invalid.swpf_too_large"
    assert "3,000,000.00 บาท" in err.value.message_th and "3,000,000.01" in err.value.message_th
    assert "3,000,000.00 baht" in err.value.message_en
    with pytest.raises(DomainError):
        project_size(0)


def test_ratios():
    assert parse_ratio("1:1") == 1 and parse_ratio("1:2") == Decimal("0.5") and parse_ratio("๑:๒") == Decimal("0.5")
    assert parse_ratio(Decimal("1.5")) == Decimal("1.5")
    for bad in ("", "x", "1:0", "0", "-1", "11"):
        with pytest.raises(DomainError) as err:
            parse_ratio(bad)
        assert err.value.code == "invalid.matching_ratio"


def codi(**kw) -> AgreementTerms:
    base = dict(kind=SourceKind.CODI, name="สมทบ พอช.", legal_basis="ระเบียบ พอช. ว่าด้วยการสนับสนุนกองทุนสวัสดิการชุมชน",
                document_no="พอช. 123/2568", matching_ratio=Decimal(1), cap_per_member=365 * BAHT)
    return AgreementTerms(**{**base, **kw})


def test_codi_and_local_government_need_their_legal_basis_and_document():
    assert validate_agreement(codi()) == codi()
    for kind in (SourceKind.CODI, SourceKind.LOCAL_GOV):
        with pytest.raises(DomainError) as err:
            validate_agreement(codi(kind=kind, legal_basis="  "))
        assert err.value.code == "invalid.legal_basis_required" and err.value.where == "legal_basis"
        with pytest.raises(DomainError) as err:
            validate_agreement(codi(kind=kind, document_no=""))
        assert err.value.code == "invalid.document_required"
    assert validate_agreement(AgreementTerms(SourceKind.DONATION, "ผ้าป่าสามัคคี"))


def test_matching_sources_need_ratio_and_cap_and_grants_their_amount():
    with pytest.raises(DomainError) as err:
        validate_agreement(codi(matching_ratio=None))
    assert err.value.code == "invalid.matching_ratio"
    with pytest.raises(DomainError) as err:
        validate_agreement(codi(cap_per_member=0))
    assert err.value.code == "invalid.cap_per_member"
    with pytest.raises(DomainError) as err:
        validate_agreement(AgreementTerms(SourceKind.SWPF, "โครงการดูแลผู้สูงอายุ"))
    assert err.value.code == "invalid.amount_required"
    with pytest.raises(DomainError) as err:
        validate_agreement(AgreementTerms(SourceKind.SWPF, "โครงการใหญ่", amount=3_000_001 * BAHT))
    assert err.value.code == "invalid.swpf_too_large"
    with pytest.raises(DomainError) as err:
        validate_agreement(AgreementTerms(SourceKind.DONATION, " "))
    assert err.value.code == "invalid.name_required"


def test_accounting_years_by_their_be_name():
    assert year_bounds(FISCAL, 2569) == (date(2025, 10, 1), date(2026, 9, 30))
    assert year_bounds(CALENDAR, 2569) == (date(2026, 1, 1), date(2026, 12, 31))
    assert year_bounds(AccountingYear(4, 1), 2569) == (date(2025, 4, 1), date(2026, 3, 31))
    for bad in (2026, 0, "2569"):
        with pytest.raises(DomainError) as err:
            year_bounds(FISCAL, bad)
        assert err.value.code == "invalid.year_name"


# --- the administration cap ---------------------------------------------------------------------------


def test_the_cap_worked_example():
    """Income 100,000 baht, cap 20%: 20,000 baht. 15,000 spent: 1,000 more is fine... at 80% a warning."""
    ok = admin_cap_check(income=100_000 * BAHT, spent=10_000 * BAHT, amount=1_000 * BAHT)
    assert (ok.level, ok.limit, ok.spent_after, ok.remaining, ok.used_percent) == (
        CapLevel.OK, 20_000 * BAHT, 11_000 * BAHT, 9_000 * BAHT, 55)
    warn = admin_cap_check(income=100_000 * BAHT, spent=15_000 * BAHT, amount=1_000 * BAHT)
    assert warn.level is CapLevel.WARNING
    assert "16,000.00 บาท" in warn.message_th and "20,000.00 บาท" in warn.message_th
    assert "4,000.00 baht left" in warn.message_en
    at_cap = admin_cap_check(income=100_000 * BAHT, spent=15_000 * BAHT, amount=5_000 * BAHT)
    assert at_cap.level is CapLevel.WARNING and at_cap.remaining == 0
    over = admin_cap_check(income=100_000 * BAHT, spent=15_000 * BAHT, amount=5_000 * BAHT + 1)
    assert over.level is CapLevel.REFUSED
    assert "เกินเพดานค่าบริหารจัดการ 0.01 บาท" in over.message_th
    assert "Over the administration cap by 0.01 baht" in over.message_en and "20%" in over.message_en


def test_no_income_means_no_administration_and_the_limit_rounds_down():
    assert admin_cap_check(income=0, spent=0, amount=1).level is CapLevel.REFUSED
    assert admin_cap_check(income=-500, spent=0, amount=0).level is CapLevel.OK
    assert admin_limit(999, Decimal(20)) == 199  # 199.8 satang: at most 199
    assert admin_limit(1000, Decimal("12.5")) == 125


def test_a_bad_cap_percent_is_refused():
    for bad in (Decimal(-1), Decimal(101), Decimal("20.001"), Decimal("NaN")):
        with pytest.raises(DomainError) as err:
            admin_cap_check(income=100, spent=0, amount=0, cap_percent=bad)
        assert err.value.code == "invalid.cap_percent"


@given(income=st.integers(-10**9, 10**11), spent=st.integers(0, 10**10), amount=st.integers(0, 10**10),
       cap=st.decimals(min_value=0, max_value=100, places=2))
def test_the_cap_never_allows_spending_above_cap_percent_of_income(income, spent, amount, cap):
    check = admin_cap_check(income=income, spent=spent, amount=amount, cap_percent=cap)
    if check.level is not CapLevel.REFUSED:
        assert (spent + amount) * 100 <= max(income, 0) * cap
        assert check.spent_after <= check.limit
    else:
        assert spent + amount > check.limit
    assert check.limit * 100 <= max(income, 0) * cap < (check.limit + 1) * 100 or income <= 0
    assert 0 <= check.used_percent <= 100
