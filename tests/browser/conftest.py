"""Browser tests need a transactional database (the live server reads what the test wrote).

Django flushes every table after such a test, the official places too, which the rest of
the session expects (tests/conftest.py loads them once). Put them back after each test here.
"""

from __future__ import annotations

import pytest


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    result = yield  # fixtures torn down: the flush has happened
    if nextitem is None:  # the last test: the session's test database is gone too, nothing to put back
        return result
    from pytest_django.plugin import blocking_manager_key

    from kongthun.places.models import Tambon
    from tests.conftest import SYSTEM

    blocker = item.config.stash[blocking_manager_key]
    with blocker.unblock():
        if not Tambon.objects.exists():
            from kongthun.places.actions import places_load

            places_load(actor=SYSTEM)
    return result
