"""API tokens (กุญแจเข้าใช้ API): issue, revoke, list, and find the user a bearer token stands for.

A token acts as its user: the API scopes it exactly as the web app scopes that user.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from kongthun.access.models import ApiIdempotency, ApiToken
from kongthun.audit.actions import Actor, audit_record
from kongthun.errors import DomainError

TOKEN_PREFIX = "kt_"
IDEMPOTENCY_KEEP = timedelta(hours=24)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _require_self_or_admin(actor: Actor, user) -> None:
    if not (actor.scope.is_admin or actor.user_id == user.pk):
        raise DomainError("forbidden.token_owner", "จัดการกุญแจ API ได้เฉพาะของตนเองหรือผู้ดูแลระบบ",
                          "Only the token's own user or a system administrator may manage it", "user")


@transaction.atomic
def token_issue(*, user, name: str, actor: Actor) -> tuple[ApiToken, str]:
    """Issue a new token for `user` (ออกกุญแจ API). Returns the row and the token, shown only this once."""
    _require_self_or_admin(actor, user)
    name = (name or "").strip()
    if not name:
        raise DomainError("invalid.token_name", "ต้องตั้งชื่อกุญแจ", "A token needs a name", "name")
    if not user.is_active:
        raise DomainError("invalid.user_inactive", "ผู้ใช้นี้ถูกระงับ", "This user is inactive", "user")
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    row = ApiToken.objects.create(user=user, name=name[:100], token_hash=token_hash(secret), prefix=secret[:10])
    audit_record(actor=actor, action="token_issue", obj_type="api_token", obj_id=row.pk, organization_id=None,
                 before=None, after={"user": user.get_username(), "name": row.name, "prefix": row.prefix})
    return row, secret


@transaction.atomic
def token_revoke(*, token: ApiToken, actor: Actor, why: str = "") -> ApiToken:
    """Revoke a token (ยกเลิกกุญแจ API): it is refused from now on. Revoking twice is refused."""
    token = ApiToken.objects.select_for_update().select_related("user").get(pk=token.pk)
    _require_self_or_admin(actor, token.user)
    if token.revoked_at is not None:
        raise DomainError("conflict.token_revoked", "กุญแจนี้ถูกยกเลิกแล้ว", "This token is already revoked", "token")
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    audit_record(actor=actor, action="token_revoke", obj_type="api_token", obj_id=token.pk, organization_id=None,
                 before={"revoked": False}, after={"revoked": True, "name": token.name}, why=why)
    return token


def token_list(*, actor: Actor, user=None) -> QuerySet:
    """Tokens of one user (or every token, for an administrator asking for all)."""
    rows = ApiToken.objects.select_related("user").order_by("user__username", "created_at")
    if user is not None:
        _require_self_or_admin(actor, user)
        return rows.filter(user=user)
    if not actor.scope.is_admin:
        return rows.filter(user_id=actor.user_id)
    return rows


def token_user(token: str):
    """The active user a live token stands for, or None. Notes when the token was last used."""
    row = (ApiToken.objects.select_related("user")
           .filter(token_hash=token_hash(token or ""), revoked_at__isnull=True).first())
    if row is None or not row.user.is_active:
        return None
    now = timezone.now()
    if row.last_used_at is None or now - row.last_used_at > timedelta(minutes=1):
        ApiToken.objects.filter(pk=row.pk).update(last_used_at=now)
    return row.user


def idempotency_purge(*, now=None) -> int:
    """Forget API idempotency keys older than 24 hours. Returns how many were removed."""
    cutoff = (now or timezone.now()) - IDEMPOTENCY_KEEP
    removed, _ = ApiIdempotency.objects.filter(created_at__lt=cutoff).delete()
    return removed
