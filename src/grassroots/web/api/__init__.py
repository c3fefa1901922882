"""The REST API, ``/api/v1``: every route needs an API key (``Authorization: Bearer gr_...``) with
the scope it names; errors are problem+json; lists are cursor-paginated. The schema is public at
``/api/v1/openapi.json``.
"""

from __future__ import annotations

from fastapi import APIRouter

from grassroots.web.api import assistant, campaigns, jobs, listen, match, people, records, results

__all__ = ["router"]

router = APIRouter(prefix="/api/v1")
for part in (records, listen, results, people, jobs, assistant, campaigns, match):
    router.include_router(part.router)
