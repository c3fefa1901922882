"""The brands list and a brand's overview: mentions and net sentiment per week against competitors
(share of voice), organic vs paid, themes per sentiment, open alerts; plotly served from its package."""

from __future__ import annotations

from importlib.resources import files
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, RedirectResponse, Response

from grassroots.store import User
from grassroots.web.pages._common import Viewer, WorkspaceDep, csv_response
from grassroots.web.templating import render

__all__ = ["router"]

router = APIRouter()


@router.get("/vendor/plotly.min.js")
def plotly_bundle() -> FileResponse:
    """plotly.js from the installed ``plotly`` package (MIT): no CDN, the version we pin."""
    path = files("plotly") / "package_data" / "plotly.min.js"
    return FileResponse(str(path), media_type="text/javascript", headers={"Cache-Control": "max-age=86400"})


@router.get("/")
def home(request: Request, ws: WorkspaceDep, user: User = Viewer) -> Response:
    """The brands this installation listens for (straight to the overview when there is one)."""
    brands = ws.brands() if ws.initialised else ()
    if len(brands) == 1:
        return RedirectResponse(f"/brands/{brands[0].name}", status_code=303)
    return render(request, "screens/home.html", {"brands": brands})


@router.get("/brands/{brand}")
def overview(request: Request, brand: str, ws: WorkspaceDep, user: User = Viewer) -> Response:
    view = ws.overview(brand)
    themes: dict[str, list[Any]] = {"positive": [], "neutral": [], "negative": []}
    for theme in view.themes:
        themes.setdefault(theme.label, []).append(theme)
    totals = {s: sum(p.mentions for p in view.weeks if p.subject == s) for s in view.subjects}
    return render(
        request,
        "screens/overview.html",
        {
            "brand": view.brand,
            "view": view,
            "themes": themes,
            "totals": totals,
            "share": view.share_of_voice(),
        },
    )


@router.get("/brands/{brand}/overview.json")
def overview_data(brand: str, ws: WorkspaceDep, user: User = Viewer) -> dict[str, Any]:
    """The chart data: weeks, and per subject mentions, net sentiment, organic and paid."""
    return ws.overview(brand).chart_data()


@router.get("/brands/{brand}/weeks.csv")
def weeks_csv(brand: str, ws: WorkspaceDep, user: User = Viewer) -> Response:
    view = ws.overview(brand)
    header = [
        "week",
        "subject",
        "mentions",
        "positive",
        "neutral",
        "negative",
        "net_sentiment",
        "organic",
        "paid",
    ]
    rows = [
        [
            p.week,
            p.subject,
            p.mentions,
            p.positive,
            p.neutral,
            p.negative,
            f"{p.net_sentiment:.4f}",
            p.organic,
            p.paid,
        ]
        for p in view.weeks
    ]
    return csv_response(f"{view.brand}-weeks.csv", header, rows)


@router.get("/brands/{brand}/themes.csv")
def themes_csv(brand: str, ws: WorkspaceDep, user: User = Viewer) -> Response:
    view = ws.overview(brand)
    header = ["label", "term", "posts", "share", "share_elsewhere", "z"]
    rows = [
        [t.label, t.term, t.posts, f"{t.share:.4f}", f"{t.share_elsewhere:.4f}", f"{t.z:.2f}"]
        for t in view.themes
    ]
    return csv_response(f"{view.brand}-themes.csv", header, rows)
