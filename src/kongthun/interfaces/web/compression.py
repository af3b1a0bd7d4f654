"""Pages, stylesheets and scripts go out gzipped to every browser that accepts it (a slow phone connection
then carries a third to a tenth of the bytes). gunicorn serves the app directly, with no proxy in front to do
it, so the app does. Django masks its CSRF token afresh on every response, which keeps compressed pages safe
from the BREACH attack on that token."""

from __future__ import annotations

from django.middleware.gzip import GZipMiddleware


class CompressMiddleware(GZipMiddleware):
    """Django's GZipMiddleware, except for partial content (206): a byte range is sent as it is on disk."""

    def process_response(self, request, response):
        if response.status_code == 206:
            return response
        return super().process_response(request, response)
