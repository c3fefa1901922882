"""API routes over the store's records: brands and alerts."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query, Request
from pydantic import BaseModel, Field

from grassroots.web.api._common import Page, PageParams, page_of
from grassroots.web.app import get_workspace
from grassroots.web.auth import require_scope

__all__ = ["router"]

router = APIRouter()
READ = [Depends(require_scope("read"))]
WRITE = [Depends(require_scope("write"))]


@router.get("/brands", dependencies=READ, tags=["brands"])
def list_brands(request: Request, page: Annotated[PageParams, Depends()]) -> Page:
    """The configured brands (name, handles, hashtags, products, competitors ...)."""
    brands = get_workspace(request).brands()
    return page_of([_brand(b) for b in brands], page)


@router.get("/brands/{brand}", dependencies=READ, tags=["brands"])
def get_brand(request: Request, brand: str) -> dict[str, Any]:
    """One brand by name."""
    return _brand(get_workspace(request).brand(brand))


def _brand(brand: Any) -> dict[str, Any]:
    from dataclasses import asdict

    out = asdict(brand)
    return {"slug": brand.slug, **{k: list(v) if isinstance(v, tuple) else v for k, v in out.items()}}


AlertStatusParam = Literal["open", "handled", "dismissed"]
AlertKindParam = Literal["undisclosed_paid_post", "brand_safety", "sentiment_spike", "campaign_compliance"]


@router.get("/alerts", dependencies=READ, tags=["alerts"])
def list_alerts(
    request: Request,
    page: Annotated[PageParams, Depends()],
    status: AlertStatusParam | None = None,
    kind: AlertKindParam | None = None,
    brand: Annotated[str | None, Query(max_length=200)] = None,
) -> Page:
    """Alerts, newest first, filtered by status, kind and brand."""
    found = get_workspace(request).alerts(status=status, kind=kind, brand=brand)
    return page_of([a.to_dict() for a in found], page)


class AlertChange(BaseModel):
    """A person's decision on an alert."""

    status: AlertStatusParam
    by: str | None = Field(
        None, min_length=1, max_length=200, description="Who handled it (default: the key)."
    )


@router.patch("/alerts/{alert_id}", dependencies=WRITE, tags=["alerts"])
def set_alert(request: Request, alert_id: int, change: AlertChange) -> dict[str, Any]:
    """Set an alert's status (open, handled, dismissed); audited."""
    return get_workspace(request).set_alert(alert_id, status=change.status, by=change.by).to_dict()
