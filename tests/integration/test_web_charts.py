"""Charts on the fund's page (fund balance over time), the CODI report page (money in by source, benefits by
kind and by month, members by age group) and the loan portfolio page (principal by days overdue): each
with a caption and a table of its numbers; the table's numbers are the ledger's and the reports', and the
chart's JSON holds exactly those numbers. Chart.js and charts.js are served from this server."""

from __future__ import annotations

import html as html_lib
import json
import re
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.staticfiles import finders
from django.urls import reverse
from django.utils import timezone

from kongthun.access.domain import Role
from kongthun.ledger.models import Account
from kongthun.money import format_baht
from kongthun.savings.loans.selectors import portfolio_for
from kongthun.welfare.claims.models import Claim
from kongthun.welfare.reports import selectors
from kongthun.welfare.reports.charts import fund_balance_chart
from kongthun.welfare.reports.domain import Source
from tests.conftest import PASSWORD
from tests.integration.claims_support import *  # noqa: F403  (the fixtures)
from tests.integration.loans_support import group as _group  # noqa: F401  (the fixture, asked for as _group)
from tests.integration.loans_support import running
from tests.integration.test_reports import END, YEAR
from tests.integration.test_reports import year as _year  # noqa: F401  (the fixture, asked for as _year)
from tests.integration.test_web_pages import compile_translations

FIGURE = re.compile(r'<figure class="chart" id="([\w-]+)">(.*?)</figure>', re.S)
ROW = re.compile(r'<tr><th scope="row">(.*?)</th><td class="num nowrap">(.*?)</td></tr>', re.S)
DATA = re.compile(r'<script id="chart-data-[\w-]+" type="application/json">(.*?)</script>', re.S)


@pytest.fixture(autouse=True, scope="module")
def _translations():
    compile_translations()


@pytest.fixture
def year(request):
    """test_reports' fund year 2568 (contributions, CODI and local money, claims of four kinds paid)."""
    return request.getfixturevalue("_year")


@pytest.fixture
def group(request):
    """loans_support's savings group with cash, a product and five members."""
    return request.getfixturevalue("_group")


def login(client, username: str):
    client.logout()
    assert client.login(username=username, password=PASSWORD)
    return client


def charts_in(page: str) -> dict[str, dict]:
    """Each chart on a page: its caption, its table rows (label, text) and its JSON data."""
    out = {}
    for key, inner in FIGURE.findall(page):
        caption = re.search(r"<figcaption>(.*?)</figcaption>", inner, re.S).group(1)
        data = DATA.search(inner)
        out[key] = {"caption": html_lib.unescape(caption.strip()),
                    "rows": [(html_lib.unescape(a), b) for a, b in ROW.findall(inner)],
                    "data": json.loads(data.group(1)) if data else None}
    return out


def assert_json_equals_table(chart: dict) -> None:
    data = chart["data"]
    assert chart["caption"] and data is not None
    texts = [format_baht(v, unit="") if data["unit"] == "baht" else f"{v:,}" for v in data["values"]]
    assert list(zip(data["labels"], texts, strict=True)) == chart["rows"]


def table_values(chart: dict) -> dict[str, int]:
    """The table's figures back in satang (baht) or counts."""
    return {label: int(text.replace(",", "").replace(".", "")) for label, text in chart["rows"]}


def natural(org, *codes: str) -> int:
    return sum(a.natural_balance for a in Account.objects.filter(organization=org, code__in=codes))


def test_codi_report_charts_equal_the_report_and_the_ledger(client, fund, year):
    login(client, "claims_treasurer")
    page = client.get(reverse("web:report_codi", args=[fund.pk]) + f"?year={YEAR}").content.decode()
    charts = charts_in(page)
    assert set(charts) == {"money-in", "benefits-kind", "benefits-month", "age-groups"}
    for chart in charts.values():
        assert_json_equals_table(chart)
    assert "vendor/chartjs/chart.umd.min.js" in page and "web/charts.js" in page
    money = table_values(charts["money-in"])
    assert money["รัฐบาลผ่าน พอช."] == natural(fund, "4201") == 50_000_00
    assert money["องค์กรปกครองส่วนท้องถิ่น"] == natural(fund, "4202") == 20_000_00
    assert money["แหล่งอื่น"] == natural(fund, "4301", "4901") == 1_623_45
    report = selectors.codi_report_get(scope=_scope("claims_treasurer"), organization=fund,
                                       year_name=int(YEAR))
    assert money["สมาชิก"] == next(s.amount for s in report.money_in if s.source == Source.MEMBERS)
    claims = list(Claim.objects.filter(organization=fund, status="paid"))
    assert len(claims) == len(year["claims"])
    paid = sum(c.amount for c in claims)
    kinds = table_values(charts["benefits-kind"])
    assert sum(kinds.values()) == paid == report.benefits_paid
    months = table_values(charts["benefits-month"])
    assert len(months) == 12 and sum(months.values()) == paid
    assert months["มี.ค. 68"] == sum(c.amount for c in claims if c.paid_on.month == 3)
    assert months["พ.ค. 68"] == sum(c.amount for c in claims if c.paid_on.month == 5) > 0
    ages = table_values(charts["age-groups"])
    m = report.members
    assert list(ages.values()) == [m.children, m.working_age, m.elderly, m.age_not_recorded]
    assert ages["เด็กและเยาวชน (ต่ำกว่า 18 ปี)"] >= 1 and ages["ผู้สูงอายุ (60 ปีขึ้นไป)"] >= 1


def _scope(username: str):
    from kongthun.access.scope import scope_for

    return scope_for(get_user_model().objects.get(username=username))


def test_fund_balance_over_time_equals_the_ledger(client, fund, year):
    scope = _scope("claims_treasurer")
    chart = fund_balance_chart(scope=scope, organization_id=fund.pk, through=END, lang="th")
    report = selectors.codi_report_get(scope=scope, organization=fund, year_name=int(YEAR))
    assert chart.values[-1] == report.fund_balance
    assets = sum(a.natural_balance for a in Account.objects.filter(organization=fund, type="asset"))
    debts = sum(a.natural_balance for a in Account.objects.filter(organization=fund, type="liability"))
    assert chart.values[-1] == assets - debts
    at_march = selectors.annual_statements_get(scope=scope, organization=fund, year_name=int(YEAR))
    assert at_march.position.total_fund == chart.values[-1]
    assert chart.values[0] == 300_000_00  # 31 Oct 2567: only the opening contributions
    assert chart.labels[-1] == "ก.ย. 68" and chart.labels[0] == "ต.ค. 67"
    login(client, "claims_treasurer")
    page = client.get(reverse("web:org_detail", args=[fund.pk])).content.decode()
    [(key, on_page)] = charts_in(page).items()
    assert key == "fund-balance"
    assert_json_equals_table(on_page)
    today = fund_balance_chart(scope=scope, organization_id=fund.pk, through=timezone.localdate(), lang="th")
    assert on_page["data"]["values"] == list(today.values) and today.values[-1] == assets - debts


def test_loan_portfolio_chart_equals_the_buckets(client, group):
    running(group, amount=500_000, on=timezone.localdate() - timedelta(days=130))
    running(group, amount=300_000, member=2, guarantors=(3,), on=timezone.localdate() - timedelta(days=3))
    login(client, "g_treasurer")
    page = client.get(reverse("web:loan_portfolio", args=[group.org.pk])).content.decode()
    [(key, chart)] = charts_in(page).items()
    assert key == "loan-aging"
    assert_json_equals_table(chart)
    p = portfolio_for(scope=_scope("g_treasurer"), organization_id=group.org.pk, on=timezone.localdate())
    assert list(table_values(chart).values()) == [b.outstanding for b in p.risk.buckets]
    assert sum(table_values(chart).values()) == p.outstanding == natural(group.org, "1201", "1202") > 0
    assert table_values(chart)["91-365 วัน"] > 0


def test_charts_in_english(client, fund, year):
    login(client, "claims_treasurer")
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    page = client.get(reverse("web:report_codi", args=[fund.pk]) + f"?year={YEAR}").content.decode()
    charts = charts_in(page)
    assert charts["money-in"]["caption"] == "Money in by source in the year (baht)"
    assert "Mar 68" in charts["benefits-month"]["data"]["labels"]
    assert_json_equals_table(charts["age-groups"])


def test_a_coordinator_sees_the_fund_balance_not_the_report(client, fund, year, make_user):
    make_user("coord", Role.COORDINATOR, area=("province", fund.province_id))
    login(client, "coord")
    page = client.get(reverse("web:org_detail", args=[fund.pk]))
    assert page.status_code == 200  # a total, like the cash on hand
    assert_json_equals_table(charts_in(page.content.decode())["fund-balance"])
    assert client.get(reverse("web:report_codi", args=[fund.pk]) + f"?year={YEAR}").status_code in (403, 404)


def test_another_funds_treasurer_sees_no_chart(client, fund, year, make_org, make_user):
    other = make_org("FUND-Z", tambon_code="350102")
    make_user("z_treasurer", Role.TREASURER, other)
    login(client, "z_treasurer")
    for url in (reverse("web:org_detail", args=[fund.pk]),
                reverse("web:report_codi", args=[fund.pk]) + f"?year={YEAR}"):
        response = client.get(url)
        assert response.status_code in (403, 404) and b"chart-data" not in response.content


def test_chart_scripts_are_served_locally():
    assert finders.find("vendor/chartjs/chart.umd.min.js"), "run scripts/setup.sh (npm ci) for Chart.js"
    assert finders.find("web/charts.js")


def test_an_empty_fund_shows_no_chart(client, make_org, make_user):
    org = make_org("EMPTY-1")
    make_user("e_treasurer", Role.TREASURER, org)
    login(client, "e_treasurer")
    page = client.get(reverse("web:org_detail", args=[org.pk])).content.decode()
    assert charts_in(page) == {} and "chart.umd.min.js" not in page
