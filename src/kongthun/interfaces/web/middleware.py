"""The web app's middleware: Thai unless the user chose otherwise; DomainError mapped to HTTP once."""

from django.conf import settings
from django.shortcuts import render
from django.utils import translation

from kongthun.errors import HTTP_STATUS, DomainError, error_kind


def _thai_unless_chosen(request) -> None:
    """Thai is the default whatever the browser's Accept-Language says: most of our users
    share one PC or a phone set to English. English is chosen with the language switch
    (which sets the language cookie)."""
    chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    if chosen not in dict(settings.LANGUAGES):
        translation.activate(settings.LANGUAGE_CODE)
        request.LANGUAGE_CODE = settings.LANGUAGE_CODE


class DomainErrorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        _thai_unless_chosen(request)
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, DomainError):
            return None
        status = HTTP_STATUS.get(error_kind(exception.code), 400)
        text = exception.message(translation.get_language() or "th")
        return render(request, "web/error.html", {"message": text, "status": status}, status=status)
