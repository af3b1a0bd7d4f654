"""The installable web app and the offline collection day (บันทึกเงินสมทบตอนไม่มีสัญญาณ).

- /manifest.webmanifest and the app icons make the site installable on a phone's home screen;
- /sw.js is the service worker, served from the root so its scope is the whole site: it keeps the
  pages last seen (the collection screen, the member list) for when the connection drops;
- the sync endpoint takes ONE payment queued in the browser per request, with the Idempotency-Key header
  the browser chose when the payment was typed: the same key and body return the same receipt and write
  nothing, the same key with another body is refused (422). Refusals come back as JSON in Thai and
  English, for the screen to show beside the queued payment.
"""

from __future__ import annotations

import io
import json
from functools import lru_cache

from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.http import require_safe

from kongthun.access.domain import Permission
from kongthun.clock import parse_iso_date, utc_now
from kongthun.errors import HTTP_STATUS, DomainError, error_kind
from kongthun.interfaces.web.helpers import actor_of, scope_of
from kongthun.money import format_baht, parse_baht, thai_digits_to_arabic
from kongthun.orgs.selectors import organization_get
from kongthun.people.selectors import membership_list
from kongthun.welfare.contributions.actions import PaymentLine, collection_record

THEME = "#1b5e20"
ICON_SIZES = (192, 512)
KEY_HEADER = "HTTP_IDEMPOTENCY_KEY"
MAX_BODY = 4_000


@require_safe
def manifest(request):
    """The web app manifest: Thai name first, opens at the home page, the whole site in scope."""
    data = {
        "name": "กองทุน (Kongthun) สวัสดิการชุมชนและกลุ่มออมทรัพย์",
        "short_name": "กองทุน",
        "description": "บันทึกเงินสมทบ สมาชิก และบัญชีของกองทุน ใช้ได้แม้สัญญาณขาด / "
                       "Community fund books that keep working offline",
        "lang": "th", "dir": "ltr", "start_url": "/", "scope": "/", "id": "/",
        "display": "standalone", "background_color": "#ffffff", "theme_color": THEME,
        "icons": [{"src": static("web/icons/kongthun.svg"), "sizes": "any", "type": "image/svg+xml"}]
        + [{"src": reverse(f"web:icon_{size}"), "sizes": f"{size}x{size}", "type": "image/png",
            "purpose": "any maskable"} for size in ICON_SIZES],
    }
    response = HttpResponse(json.dumps(data, ensure_ascii=False), content_type="application/manifest+json")
    response["Cache-Control"] = "public, max-age=3600"
    return response


@require_safe
def service_worker(request):
    """The service worker, from the site root (its scope is everything under /)."""
    body = render_to_string("web/offline/sw.js", {
        "version": _assets_version(), "assets": json.dumps(_assets()),
    })
    response = HttpResponse(body, content_type="text/javascript; charset=utf-8")
    response["Service-Worker-Allowed"] = "/"
    response["Cache-Control"] = "no-cache"  # a new version reaches the phone on its next visit
    return response


def _assets() -> list[str]:
    return [static(p) for p in ("vendor/pico/pico.min.css", "web/kongthun.css", "vendor/htmx/htmx.min.js",
                                "web/offline.js", "web/collection-queue.js", "web/icons/kongthun.svg")]


@lru_cache(maxsize=1)
def _assets_version() -> str:
    import hashlib

    from django.contrib.staticfiles import finders

    digest = hashlib.sha256()
    for name in ("web/offline.js", "web/collection-queue.js", "web/kongthun.css"):
        found = finders.find(name)
        if found:
            with open(found, "rb") as f:
                digest.update(f.read())
    return digest.hexdigest()[:12]


@lru_cache(maxsize=len(ICON_SIZES))
def _icon_png(size: int) -> bytes:
    """The app icon drawn as PNG (a stack of three coins on the fund's green), for launchers that want PNG."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (size, size), THEME)
    draw = ImageDraw.Draw(image)
    unit = size / 16
    for i, top in enumerate((9.0, 6.5, 4.0)):
        box = [3 * unit, top * unit, 13 * unit, (top + 3.5) * unit]
        draw.ellipse(box, fill="#ffd54f" if i % 2 == 0 else "#ffca28", outline="#ffffff", width=max(1, size // 64))
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def _icon(size: int):
    @require_safe
    def view(request):
        response = HttpResponse(_icon_png(size), content_type="image/png")
        response["Cache-Control"] = "public, max-age=86400"
        return response
    return view


icon_192 = _icon(192)
icon_512 = _icon(512)


# --- sync: one queued payment per request ----------------------------------------------------------------


def _refusal(exc: DomainError, status: int | None = None) -> JsonResponse:
    if status is None:
        status = HTTP_STATUS.get(error_kind(exc.code), 400)
        if exc.code == "conflict.idempotency_mismatch":
            status = 422  # the client sent something else under a key it had used: its own mistake
    return JsonResponse({"ok": False, "code": exc.code, "message_th": exc.message_th, "message_en": exc.message_en,
                         "where": exc.where}, status=status, json_dumps_params={"ensure_ascii": False})


def _payment_of(body: dict) -> tuple[object, PaymentLine]:
    """The date and the one payment in a queued entry: {"date", "membership_id", "periods" or "amount"}."""
    on = parse_iso_date(str(body.get("date") or ""), where="date")
    member = body.get("membership_id")
    if not isinstance(member, int) or isinstance(member, bool):
        raise DomainError("invalid.membership", "ไม่ได้ระบุสมาชิก", "No member given", "membership_id")
    periods, amount = body.get("periods"), body.get("amount")
    if periods is not None and amount is not None:
        raise DomainError("invalid.payment", "ระบุจำนวนเงินหรือจำนวนงวดอย่างใดอย่างหนึ่ง",
                          "Give either an amount or a number of periods", "amount")
    if amount is not None:
        return on, PaymentLine(member, amount_satang=parse_baht(str(amount), where="amount"))
    text = thai_digits_to_arabic(str(periods if periods is not None else "")).strip()
    if not text.isdigit():
        raise DomainError("invalid.periods", f"จำนวนงวดต้องเป็นจำนวนเต็ม ('{periods}')",
                          f"The number of periods must be a whole number ('{periods}')", "periods")
    return on, PaymentLine(member, periods=int(text))


def _receipt_json(collection) -> dict:
    receipt = collection.receipts.select_related("membership").get()
    return {"ok": True, "collection": collection.pk, "entry": collection.entry.number,
            "receipt": {"id": receipt.pk, "number": receipt.number, "member_no": receipt.membership.member_no,
                        "amount": receipt.total, "amount_text": format_baht(receipt.total),
                        "periods": receipt.periods, "date": receipt.issued_on.isoformat(),
                        "url": reverse("web:receipt_detail", args=[collection.organization_id, receipt.pk])}}


def collection_sync(request, org_id: int):
    """POST one payment queued offline (JSON, Idempotency-Key header): 201 with its receipt the first
    time, 200 with the same receipt on a retry, a JSON refusal otherwise. CSRF applies (X-CSRFToken)."""
    if not request.user.is_authenticated:  # JSON, not a redirect to the login page: the queue waits
        return _refusal(DomainError("forbidden.login", "กรุณาเข้าสู่ระบบก่อนส่งรายการ",
                                    "Log in to send the queued payments", "login"), status=401)
    try:
        org = organization_get(scope=scope_of(request), organization_id=org_id, perm=Permission.POST_ENTRIES)
    except DomainError as exc:
        return _refusal(exc)
    if request.method != "POST":  # after the scope: another fund's id is 404 whatever the method
        return JsonResponse({"ok": False, "code": "invalid.method"}, status=405, headers={"Allow": "POST"})
    started = utc_now()
    try:
        collection = _record(request, org)
    except DomainError as exc:
        return _refusal(exc)
    replayed = collection.recorded_at < started
    return JsonResponse({**_receipt_json(collection), "replayed": replayed}, status=200 if replayed else 201,
                        json_dumps_params={"ensure_ascii": False})


def _record(request, org):
    key = request.META.get(KEY_HEADER, "").strip()
    if len(key) > 100:
        raise DomainError("invalid.idempotency_key", "รหัสป้องกันการส่งซ้ำยาวเกิน 100 ตัวอักษร",
                          "The idempotency key is longer than 100 characters", "Idempotency-Key")
    if len(request.body) > MAX_BODY:
        raise DomainError("invalid.body", "ข้อมูลที่ส่งมายาวเกินไป", "The request body is too long", "body")
    try:
        body = json.loads(request.body or b"{}")
    except (ValueError, UnicodeDecodeError):
        body = None
    if not isinstance(body, dict):
        raise DomainError("invalid.json", "ข้อมูลที่ส่งมาไม่ใช่ JSON ที่อ่านได้", "The body is not a JSON object", "body")
    on, line = _payment_of(body)
    member = membership_list(scope=scope_of(request), organization_id=org.pk).filter(pk=line.membership_id).first()
    memo = f"เก็บเงินสมทบสมาชิกเลขที่ {member.member_no} (ส่งจากรายการรอส่ง)" if member else ""
    return collection_record(organization=org, collected_on=on, payments=[line], actor=actor_of(request),
                             idempotency_key=key, memo=memo)
