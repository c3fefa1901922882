"""One-click unsubscribe (RFC 8058), public: reached from the link in every outreach e-mail.

``GET /u/{token}`` shows a confirm page and changes nothing (mail scanners follow links);
``POST /u/{token}`` with the body ``List-Unsubscribe=One-Click`` (what a mail client sends for the
``List-Unsubscribe-Post`` header, and what the confirm page's button sends) opts the person out of all
contact: their consent is withdrawn through the campaigns consent records (audited) and their addresses
are marked opted out. No login and no CSRF token: a mail client has neither; the signed token is the
proof, and the only thing it can do is opt its own person out. A bad or changed token is refused.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import Response

from grassroots.web.pages._common import WorkspaceDep
from grassroots.web.templating import render

__all__ = ["router"]

router = APIRouter()

ONE_CLICK = "One-Click"


@router.get("/u/{token}")
def confirm(request: Request, token: str, ws: WorkspaceDep) -> Response:
    """The confirm page (nothing changes on GET)."""
    link = ws.outreach_link(token)
    return render(request, "screens/unsubscribe.html", {"token": token, "link": link, "done": False})


@router.post("/u/{token}")
def unsubscribe(
    request: Request,
    token: str,
    ws: WorkspaceDep,
    one_click: Annotated[str, Form(alias="List-Unsubscribe", max_length=40)] = "",
) -> Response:
    """Opt the link's person out everywhere (RFC 8058 one-click)."""
    if one_click != ONE_CLICK:
        raise HTTPException(400, "expected the body List-Unsubscribe=One-Click")
    link = ws.outreach_link(token)
    ws.outreach_unsubscribe(token)
    return render(request, "screens/unsubscribe.html", {"token": token, "link": link, "done": True})
