"""Idempotency-Key for every POST (รหัสป้องกันการส่งซ้ำ): the same user, key and body get the first
response again and nothing is written twice; the same key with another body is refused (422).
Keys are kept 24 hours; older ones are purged as new ones are written."""

from __future__ import annotations

import hashlib
import json

from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, transaction
from django.http import HttpResponse

from kongthun.access.models import ApiIdempotency
from kongthun.access.tokens import idempotency_purge
from kongthun.errors import DomainError

HEADER = "Idempotency-Key"


def _body_hash(raw: bytes) -> str:
    try:  # the same JSON however it is spaced or ordered
        raw = json.dumps(json.loads(raw or b"null"), sort_keys=True, separators=(",", ":")).encode()
    except ValueError:
        pass
    return hashlib.sha256(raw).hexdigest()


def _json(status: int, data) -> HttpResponse:
    return HttpResponse(json.dumps(data, ensure_ascii=False, cls=DjangoJSONEncoder), status=status,
                        content_type="application/json")


def idempotency_key(request) -> str | None:
    key = (request.headers.get(HEADER) or "").strip()
    if len(key) > 200:
        raise DomainError("invalid.idempotency_key", "รหัสป้องกันการส่งซ้ำยาวเกิน 200 ตัวอักษร",
                          "The Idempotency-Key is longer than 200 characters", HEADER)
    return key or None


def respond_once(request, run, status: int = 201) -> HttpResponse:
    """Run `run()` (which returns JSON-able data) once per Idempotency-Key: a replay returns the stored
    response; a refusal stores nothing, so the client may correct and retry with the same key."""
    key = idempotency_key(request)
    if key is None:
        with transaction.atomic():
            return _json(status, run())
    what = f"{request.method} {request.path}"[:300]
    digest = _body_hash(request.body)
    with transaction.atomic():
        prior = ApiIdempotency.objects.select_for_update().filter(user=request.user, key=key).first()
        if prior is not None:
            if prior.request != what or prior.body_hash != digest:
                raise DomainError("invalid.idempotency_key_reused",
                                  "รหัสป้องกันการส่งซ้ำนี้ถูกใช้กับคำขออื่นแล้ว",
                                  "This Idempotency-Key was already used with another request", HEADER)
            response = HttpResponse(prior.response, status=prior.status, content_type="application/json")
            response["Idempotent-Replayed"] = "true"
            return response
        response = _json(status, run())
        try:
            with transaction.atomic():
                ApiIdempotency.objects.create(user=request.user, key=key, request=what, body_hash=digest,
                                              status=status, response=response.content.decode())
        except IntegrityError:
            raise DomainError("conflict.idempotency_in_flight", "คำขอที่ใช้รหัสนี้กำลังดำเนินการอยู่",
                              "A request with this Idempotency-Key is in progress; retry shortly",
                              HEADER) from None
    idempotency_purge()
    return response
