"""`kongthun disaster submit|approve|pay` through typer's CliRunner: the batch is shown after each step,
an unknown event is refused."""

import pytest
from typer.testing import CliRunner

from kongthun.interfaces.cli import disaster as dcli
from kongthun.interfaces.cli.main import app
from kongthun.welfare.disasters.models import DisasterClaim
from tests.integration.disaster_support import *  # noqa: F403

pytestmark = pytest.mark.django_db(transaction=True)


def test_batch_submit_approve_pay(fund, homes, flood, treasurer, checker, tmp_path, monkeypatch):
    monkeypatch.setattr(dcli.console, "width", 220)
    csv = tmp_path / "l.csv"
    csv.write_text(f"member_no,claimed_baht,damage\n{homes['red'].member_no},1000,roof\n", encoding="utf-8")
    r = CliRunner().invoke(app, ["disaster", "submit", "--org", fund.code, "--event", str(flood.number),
                                 "--csv", str(csv), "--on", "2025-10-21", "--as", "claims_treasurer"])
    assert r.exit_code == 0, r.output
    assert "submitted" in r.output and flood.name in r.output
    r = CliRunner().invoke(app, ["disaster", "approve", "--org", fund.code, "--event", str(flood.number),
                                 "--on", "2025-10-23", "--as", "claims_committee_1"])
    assert r.exit_code == 0, r.output
    r = CliRunner().invoke(app, ["disaster", "pay", "--org", fund.code, "--event", "99",
                                 "--as", "claims_committee_1"])
    assert r.exit_code != 0
    r = CliRunner().invoke(app, ["disaster", "pay", "--org", fund.code, "--event", str(flood.number),
                                 "--on", "2025-10-25", "--as", "claims_treasurer"])
    assert r.exit_code == 0, r.output
    assert DisasterClaim.objects.filter(event=flood, claim__status="paid").count() == 1
