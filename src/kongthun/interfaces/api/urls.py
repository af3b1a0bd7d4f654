"""The REST API at /api/: OpenAPI 3 at /api/openapi.json, docs at /api/docs (Swagger UI served locally)."""

from kongthun.interfaces.api import claims, contributions, loans, orgs, savings
from kongthun.interfaces.api.core import api

api.add_router("", orgs.router)
api.add_router("", contributions.router)
api.add_router("", claims.router)
api.add_router("", loans.router)
api.add_router("", savings.router)
api.add_router("", savings.reports_router)
