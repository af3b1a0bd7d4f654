"""Two people acting at the same moment (PostgreSQL tests): `race(*calls)` runs each call in its own thread
and database connection, released together by a barrier. Imported by the loans and savings concurrency tests."""

from __future__ import annotations

import threading

from django.db import connections

from kongthun.errors import DomainError


def race(*calls) -> list[object]:
    """What each call returned, or the code of the DomainError it raised, in the order they finished."""
    barrier, outcomes = threading.Barrier(len(calls)), []

    def worker(call) -> None:
        try:
            barrier.wait()
            outcomes.append(call())
        except DomainError as exc:
            outcomes.append(exc.code)
        finally:
            connections.close_all()

    pool = [threading.Thread(target=worker, args=(c,)) for c in calls]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    return outcomes
