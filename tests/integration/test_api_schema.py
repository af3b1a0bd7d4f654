"""The REST API against its own OpenAPI schema (schemathesis): whatever a client sends, with a
treasurer's token, the API answers without a server error (no 5xx)."""

from __future__ import annotations

from datetime import date

import pytest

schemathesis = pytest.importorskip("schemathesis")
from hypothesis import HealthCheck, settings  # noqa: E402

from kongthun.access.tokens import token_issue  # noqa: E402
from tests.conftest import SYSTEM  # noqa: E402


@pytest.fixture
def bearer(treasurer_a, fund_a, make_member):
    from kongthun.welfare.contributions.actions import plan_set

    plan_set(organization=fund_a, effective_from=date(2017, 1, 1), actor=SYSTEM, why="มติที่ประชุม")
    make_member(fund_a)
    return {"Authorization": f"Bearer {token_issue(user=treasurer_a, name='fuzz', actor=SYSTEM)[1]}"}


@pytest.fixture
def keep_connection():
    """Calling the WSGI app directly sends request_started/finished, which would close the test's database
    connection (and its transaction); Django's own test client holds them off the same way."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def test_no_request_makes_the_api_fail(bearer, keep_connection):
    from hypothesis import given

    from kongthun.wsgi import application

    schema = schemathesis.openapi.from_wsgi("/api/openapi.json", application)
    checked, statuses = [], []
    for result in schema.get_all_operations():
        operation = result.ok()

        @given(case=operation.as_strategy())
        @settings(max_examples=6, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        def no_server_error(case):
            response = case.call(headers={**bearer, "Idempotency-Key": "fuzz"})
            assert response.status_code < 500, (case.method, case.formatted_path, response.text[:500])
            statuses.append(response.status_code)

        no_server_error()
        checked.append(operation.label)
    assert len(checked) >= 15, checked
    assert statuses.count(401) < len(statuses) / 2, "the token should let most requests in"
    assert any(200 <= s < 300 for s in statuses), sorted(set(statuses))
