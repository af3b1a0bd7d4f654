"""Small things every view needs: the user's scope, an Actor for actions, a page of rows."""

from __future__ import annotations

from django.core.paginator import Page, Paginator
from django.utils import translation

from kongthun.access.scope import Scope, scope_for
from kongthun.audit.actions import Actor


def scope_of(request) -> Scope:
    """The request's Scope, computed once per request."""
    if not hasattr(request, "_kongthun_scope"):
        request._kongthun_scope = scope_for(getattr(request, "user", None))
    return request._kongthun_scope


def actor_of(request) -> Actor:
    """Who acts through the web: the user, their scope, and the client's address."""
    return Actor.for_user(request.user, source=request.META.get("REMOTE_ADDR") or "web")


def language() -> str:
    return translation.get_language() or "th"


def paginate(request, rows, per_page: int) -> Page:
    return Paginator(rows, per_page).get_page(request.GET.get("page"))


def org_links(scope: Scope, org_id: int) -> dict[str, bool]:
    """Which of an organization's pages the user may open (links are shown only for these)."""
    from kongthun.access.domain import Permission

    return {
        "people": scope.can(Permission.VIEW_PEOPLE, org_id),
        "books": scope.can(Permission.VIEW_BOOKS, org_id),
        "audit": scope.can(Permission.VIEW_AUDIT, org_id),
        "post": scope.can(Permission.POST_ENTRIES, org_id),
    }


def refusal_message(exc) -> str:
    """A refusal the user can act on (bad input, a conflict), as a message in their language. Any other
    DomainError (another fund's data, a missing row) goes on to the middleware's 403/404."""
    from kongthun.errors import error_kind

    if error_kind(exc.code) not in ("invalid", "conflict"):
        raise exc
    return exc.message(language())


def file_response(content: bytes, content_type: str, filename: str, *, inline: bool = False):
    """A document to download (or, inline, to open in the browser: PDFs to print)."""
    from django.http import HttpResponse

    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'{"inline" if inline else "attachment"}; filename="{filename}"'
    return response
