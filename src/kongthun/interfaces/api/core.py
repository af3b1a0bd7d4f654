"""The REST API's frame (ส่วนต่อประสานโปรแกรม): the NinjaAPI, bearer-token auth, and every refusal as
RFC 9457 problem+json in Thai and English. Routers per area add the endpoints (api/urls.py)."""

from __future__ import annotations

import json
from typing import Annotated

from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from ninja import Field, NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.pagination import PageNumberPagination
from ninja.security import HttpBearer

from kongthun.access.scope import Scope, scope_for
from kongthun.audit.actions import Actor
from kongthun.errors import HTTP_STATUS, DomainError, error_kind

PROBLEM = "application/problem+json"
TITLES = {400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found", 405: "Method Not Allowed",
          409: "Conflict", 422: "Unprocessable Content", 500: "Internal Server Error"}


class BearerToken(HttpBearer):
    """`Authorization: Bearer <token>`: a live token acts as its user."""

    def authenticate(self, request, token):
        from kongthun.access.tokens import token_user

        user = token_user(token)
        if user is not None:
            request.user = user
        return user


api = NinjaAPI(
    title="kongthun API",
    version="1",
    description="กองทุนสวัสดิการชุมชนและกลุ่มออมทรัพย์ / Thai community welfare funds and savings groups. "
                "Every refusal is RFC 9457 problem+json with `message_th` and `message_en`. POSTs accept an "
                "`Idempotency-Key` header (kept 24 hours).",
    auth=BearerToken(),
    urls_namespace="api",
    docs_url="/docs",
    openapi_url="/openapi.json",
)


def scope(request) -> Scope:
    if not hasattr(request, "_kongthun_scope"):
        request._kongthun_scope = scope_for(request.user)
    return request._kongthun_scope


def actor(request) -> Actor:
    return Actor.for_user(request.user, source=f"api:{request.META.get('REMOTE_ADDR') or '-'}")


def problem(status: int, code: str, message_th: str, message_en: str, where: str = "", **extra) -> HttpResponse:
    """One problem+json response (RFC 9457) with the Thai and English text."""
    body = {"type": f"urn:kongthun:problem:{code}", "title": TITLES.get(status, "Error"), "status": status,
            "detail": message_en, "code": code, "message_th": message_th, "message_en": message_en,
            "where": where, **extra}
    return HttpResponse(json.dumps(body, ensure_ascii=False, cls=DjangoJSONEncoder), status=status,
                        content_type=PROBLEM)


@api.exception_handler(DomainError)
def _domain_error(request, exc: DomainError):
    status = HTTP_STATUS.get(error_kind(exc.code), 400)
    extra = {"details": exc.details} if exc.details else {}
    return problem(status, exc.code, exc.message_th, exc.message_en, exc.where, **extra)


@api.exception_handler(ValidationError)
def _validation_error(request, exc: ValidationError):
    errors = [{"where": ".".join(str(p) for p in e.get("loc", ())), "message_en": e.get("msg", "")}
              for e in exc.errors]
    where = errors[0]["where"] if errors else ""
    return problem(422, "invalid.request", "ข้อมูลที่ส่งมาไม่ถูกต้อง" + (f" ที่ {where}" if where else ""),
                   "The request is not valid" + (f" at {where}" if where else ""), where, errors=errors)


@api.exception_handler(AuthenticationError)
def _unauthenticated(request, exc):
    response = problem(401, "unauthorized.token", "ต้องส่งกุญแจ API ที่ยังใช้ได้ (Authorization: Bearer ...)",
                       "A live API token is required (Authorization: Bearer ...)", "Authorization")
    response["WWW-Authenticate"] = "Bearer"
    return response


@api.exception_handler(HttpError)
def _http_error(request, exc: HttpError):
    return problem(exc.status_code, f"http.{exc.status_code}", str(exc), str(exc))


def _json_error(request, exc):
    return problem(400, "invalid.json", "ข้อมูล JSON อ่านไม่ได้", "The body is not valid JSON", "body")


api.add_exception_handler(json.JSONDecodeError, _json_error)


# Numbers a client may send, kept inside what both databases store (an id beyond a 64-bit integer is
# refused as bad input, not a server error).
Id = Annotated[int, Field(ge=1, le=2**63 - 1)]
Satang = Annotated[int, Field(ge=1, le=10**13, description="satang (1 baht = 100)")]
Count = Annotated[int, Field(ge=1, le=100_000)]
YearBE = Annotated[int, Field(ge=2400, le=2800, description="accounting year, Buddhist Era (e.g. 2568)")]


class Pages(PageNumberPagination):
    """?page=N (from 1) and ?page_size= (up to 500); answers {items, count}."""

    class Input(Schema):
        page: int = Field(1, ge=1, le=1_000_000)
        page_size: int | None = Field(None, ge=1, le=500)
