"""Map a DomainError to an HTTP answer once, for the whole web app."""

from django.http import HttpResponse, HttpResponseForbidden, HttpResponseNotFound
from django.utils import translation

from kongthun.errors import HTTP_STATUS, DomainError, error_kind


class DomainErrorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, DomainError):
            return None
        status = HTTP_STATUS.get(error_kind(exception.code), 400)
        text = exception.message(translation.get_language() or "th")
        if status == 403:
            return HttpResponseForbidden(text)
        if status == 404:
            return HttpResponseNotFound(text)
        return HttpResponse(text, status=status, content_type="text/plain; charset=utf-8")
