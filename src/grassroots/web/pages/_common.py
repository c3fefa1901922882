"""What every screen shares: the workspace dependency, CSV responses, htmx detection."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from typing import Annotated, Any

from fastapi import Depends, Request
from fastapi.responses import Response

from grassroots.web.app import get_workspace
from grassroots.web.auth import csrf_protect, require_role
from grassroots.workspace import Workspace

__all__ = ["Analyst", "Csrf", "Viewer", "WorkspaceDep", "csv_response", "is_htmx"]

WorkspaceDep = Annotated[Workspace, Depends(get_workspace)]
Viewer = Depends(require_role("viewer"))
Analyst = Depends(require_role("analyst"))
Csrf = Depends(csrf_protect)


def is_htmx(request: Request) -> bool:
    """True when htmx asked (``HX-Request``): answer with the fragment, not the whole page."""
    return request.headers.get("hx-request") == "true"


def _cell(value: Any) -> str:
    text = "" if value is None else str(value)
    # a spreadsheet would run a cell starting with = + - @ as a formula (CSV injection)
    return "'" + text if text[:1] in ("=", "+", "-", "@") and not _number(text) else text


def _number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def csv_response(name: str, header: Sequence[str], rows: Iterable[Sequence[Any]]) -> Response:
    """``rows`` as a CSV download named ``name``."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows([_cell(v) for v in row] for row in rows)
    return Response(
        out.getvalue(),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )
