"""The assistant's feedback screen: the structured feedback records (product, topic, sentiment,
severity, the verbatim text with e-mail addresses, phone numbers and handles masked) and their themes
per ISO week (listen's theming), with a plotly chart of records per week and sentiment drawn by
``static/assistant.js`` from ``feedback.json`` (the way the overview draws its charts)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from grassroots.engage import mask_personal
from grassroots.store import User
from grassroots.web.pages._common import Viewer, WorkspaceDep, csv_response
from grassroots.web.templating import render

__all__ = ["router"]

router = APIRouter()

SENTIMENTS = ("positive", "negative")
_RECORDS = ["created_at", "product", "topic", "sentiment", "severity", "text"]


@router.get("/brands/{brand}/assistant/feedback")
def feedback(request: Request, brand: str, ws: WorkspaceDep, user: User = Viewer) -> Response:
    """Themes per week, the chart, and the newest records (masked) first."""
    name = ws.configured_brand(brand).name
    rows = ws.assistant_feedback(brand=brand)
    records = [(r, mask_personal(r.text)) for r in reversed(rows)]
    context = {
        "brand": name,
        "records": records[:100],
        "total": len(rows),
        "themes": ws.assistant_themes(brand=brand, period="week"),
        "counts": ws.assistant_feedback_counts(brand=brand),
        "active": "feedback",
    }
    return render(request, "assistant/feedback.html", context)


@router.get("/brands/{brand}/assistant/feedback.json")
def feedback_data(brand: str, ws: WorkspaceDep, user: User = Viewer) -> dict[str, Any]:
    """The chart's data: ISO weeks, and per sentiment the records (and severe ones) each week."""
    counts = ws.assistant_feedback_counts(brand=brand)
    weeks = sorted({c.period for c in counts})
    cell = {(c.period, c.sentiment): c for c in counts}
    series = [
        {
            "sentiment": s,
            "messages": [cell[(w, s)].messages if (w, s) in cell else 0 for w in weeks],
            "high": [cell[(w, s)].high if (w, s) in cell else 0 for w in weeks],
        }
        for s in SENTIMENTS
    ]
    return {"weeks": weeks, "series": series}


@router.get("/brands/{brand}/assistant/feedback.csv")
def feedback_csv(brand: str, ws: WorkspaceDep, user: User = Viewer) -> Response:
    """Every record, oldest first, the text masked as on the screen."""
    rows = [
        [r.created_at, r.product, r.topic, r.sentiment, r.severity, mask_personal(r.text)]
        for r in ws.assistant_feedback(brand=brand)
    ]
    return csv_response(f"{ws.configured_brand(brand).name}-feedback.csv", _RECORDS, rows)


@router.get("/brands/{brand}/assistant/themes.csv")
def themes_csv(brand: str, ws: WorkspaceDep, user: User = Viewer) -> Response:
    """The themes per ISO week and sentiment."""
    header = ["week", "sentiment", "term", "messages", "z"]
    rows = [
        [t.month, t.sentiment, t.term, t.messages, t.z]
        for t in ws.assistant_themes(brand=brand, period="week")
    ]
    return csv_response(f"{ws.configured_brand(brand).name}-feedback-themes.csv", header, rows)
