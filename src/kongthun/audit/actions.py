"""Writing the audit trail. Called inside every action's transaction."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from django.db import transaction

from kongthun.access.scope import SYSTEM, Scope
from kongthun.audit.domain import GENESIS, canonical, event_hash
from kongthun.audit.models import AuditEvent, AuditHead
from kongthun.clock import utc_now


@dataclass(frozen=True)
class Actor:
    """Who is acting, with what scope, from where (web IP, 'cli', 'demo')."""

    user_id: int | None
    name: str
    source: str
    scope: Scope = field(default=SYSTEM)

    @classmethod
    def system(cls, source: str = "cli") -> Actor:
        return cls(user_id=None, name="system", source=source, scope=SYSTEM)

    @classmethod
    def for_user(cls, user, source: str) -> Actor:
        from kongthun.access.scope import scope_for

        return cls(user_id=user.pk, name=user.get_username(), source=source, scope=scope_for(user))


def _plain(value):
    return None if value is None else json.loads(canonical(value))


def audit_record(
    *,
    actor: Actor,
    action: str,
    obj_type: str,
    obj_id,
    organization_id: int | None,
    before: dict | None,
    after: dict | None,
    why: str = "",
) -> AuditEvent:
    """Append one event to the chain. Must run inside the action's transaction."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("audit_record must be called inside an atomic action")
    head = AuditHead.objects.select_for_update().filter(pk=1).first()
    if head is None:
        head = AuditHead.objects.create(pk=1, seq=0, hash=GENESIS)
    event = AuditEvent(
        seq=head.seq + 1,
        at=utc_now(),
        actor_id=actor.user_id,
        actor_name=actor.name,
        source=actor.source,
        organization_id=organization_id,
        action=action,
        object_type=obj_type,
        object_id=str(obj_id),
        before=_plain(before),
        after=_plain(after),
        why=why,
        prev_hash=head.hash,
    )
    event.hash = event_hash(event.prev_hash, event_payload(event))
    event.save()
    head.seq, head.hash = event.seq, event.hash
    head.save(update_fields=["seq", "hash"])
    return event


def event_payload(event: AuditEvent) -> dict:
    """What the hash covers: every field but the hashes themselves."""
    return {
        "seq": event.seq,
        "at": event.at.isoformat(),
        "actor_id": event.actor_id,
        "actor_name": event.actor_name,
        "source": event.source,
        "organization_id": event.organization_id,
        "action": event.action,
        "object_type": event.object_type,
        "object_id": event.object_id,
        "before": event.before,
        "after": event.after,
        "why": event.why,
    }
