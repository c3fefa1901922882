"""The campaign screens: a brand's campaigns, a form that creates one from the brand's shortlist, the
assignment (drawn once, fixed), and one campaign's page with the funnel per arm, the lift per outcome
with its interval (a plotly chart drawn by ``static/campaigns.js``), cascades and compliance alerts.

Every number comes from a Workspace view (``campaign_list``, ``campaign_view``); the form's fields
are the brief's (named by their brief path, e.g. ``products[0].unit_cost``) and are checked by the
brief's own validator, whose first problem is shown at its field. Writes (create, assign, measure)
run on the server's job thread (``JobRunner.call``), one at a time with the other jobs.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeVar

import yaml
from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from grassroots.errors import InvalidInput, InvalidRecord
from grassroots.store import User
from grassroots.web.pages._common import Analyst, Csrf, Viewer, WorkspaceDep, csv_response
from grassroots.web.problems import Conflict
from grassroots.web.templating import render
from grassroots.workspace import Workspace

__all__ = ["brief_from_form", "router"]

router = APIRouter()
_T = TypeVar("_T")

PRODUCT_ROWS = 3
#: fields read as YAML reads the value typed after ``key:`` (numbers, dates); the others stay text
_SCALARS = ("budget", "starts", "ends", "analysis_date")
_ASK = ("posts", "minutes")
_OFFER = ("type", "value", "usage_limit", "reward_points")
_DESIGN = ("arms", "holdout", "seed")
LIST_HEADER = ["campaign", "name", "starts", "ends", "state", "participants", "arms", "assigned_at", "seed"]


def _scalar(text: str) -> Any:
    """``text`` as the YAML brief would read it after ``key:`` (``0.3`` a number, ``2026-03-01`` a
    date, ``cheap`` text), so the form is checked exactly as a brief file is."""
    try:
        value = yaml.safe_load(text)
    except yaml.YAMLError:
        return text
    return value if isinstance(value, int | float | str) or hasattr(value, "isoformat") else text


def _items(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


def brief_from_form(form: Mapping[str, str], *, strata: list[str] | None = None) -> dict[str, Any]:
    """The brief's fields from the form's (blank fields left out, so the brief's defaults and
    "required" errors apply; blank product rows skipped).

    >>> brief_from_form({"name": "Spring", "budget": "500", "products[0].handle": "serum",
    ...                  "products[0].unit_cost": "12.5", "design.holdout": "0.3"})["products"]
    [{'handle': 'serum', 'unit_cost': 12.5}]
    """
    got = {k: v.strip() for k, v in form.items() if isinstance(v, str) and v.strip()}
    brief: dict[str, Any] = {k: got[k] for k in ("name", "goal", "shop", "disclosure") if k in got}
    brief |= {k: _scalar(got[k]) for k in _SCALARS if k in got}
    products = []
    for i in range(PRODUCT_ROWS):
        row: dict[str, Any] = {
            k: got[f"products[{i}].{k}"] for k in ("handle", "name") if f"products[{i}].{k}" in got
        }
        if f"products[{i}].unit_cost" in got:
            row["unit_cost"] = _scalar(got[f"products[{i}].unit_cost"])
        if f"products[{i}].variants" in got:
            row["variants"] = _items(got[f"products[{i}].variants"])
        if row:
            products.append(row)
    if products:
        brief["products"] = products
    ask: dict[str, Any] = {"text": got["ask.text"]} if "ask.text" in got else {}
    ask |= {k: _scalar(got[f"ask.{k}"]) for k in _ASK if f"ask.{k}" in got}
    if "ask.platforms" in got:
        ask["platforms"] = _items(got["ask.platforms"])
    offer = {k: _scalar(got[f"offer.{k}"]) for k in _OFFER if f"offer.{k}" in got}
    design: dict[str, Any] = {k: _scalar(got[f"design.{k}"]) for k in _DESIGN if f"design.{k}" in got}
    if strata is not None:
        design["strata"] = strata
    brief |= {"ask": ask, "offer": offer} | ({"design": design} if design else {})
    if "limits.contacts_per_30_days" in got:
        brief["limits"] = {"contacts_per_30_days": _scalar(got["limits.contacts_per_30_days"])}
    return brief


def _on_job_thread(request: Request, work: Callable[[], _T]) -> _T:
    """Run a write on the server's job thread (after the running job; the snapshot refreshed)."""
    result: _T = request.app.state.jobs.call(work)
    return result


def _can(user: User, brand: str, ws: Workspace) -> bool:
    return user.allows("analyst", ws.brand(brand).slug)


@router.get("/brands/{brand}/campaigns")
def campaigns(request: Request, brand: str, ws: WorkspaceDep, user: User = Viewer) -> Response:
    """The brand's campaigns: name, window, state, participants, arms."""
    found = ws.campaign_list(brand)
    context = {"brand": ws.brand(brand).name, "campaigns": found, "can_edit": _can(user, brand, ws)}
    return render(request, "screens/campaigns.html", context)


@router.get("/brands/{brand}/campaigns.csv")
def campaigns_csv(brand: str, ws: WorkspaceDep, user: User = Viewer) -> Response:
    rows = [
        [c.campaign, c.name, c.starts, c.ends, c.state, c.participants,
         ";".join(f"{a}={n}" for a, n in c.arms.items()), c.assigned_at or "", c.seed]
        for c in ws.campaign_list(brand)
    ]  # fmt: skip
    return csv_response(f"{ws.brand(brand).name}-campaigns.csv", LIST_HEADER, rows)


def _form_page(
    request: Request, brand: str, ws: WorkspaceDep, *, values: Mapping[str, Any], errors: Mapping[str, str],
    general: list[str], status_code: int = 200,
) -> Response:  # fmt: skip
    name = ws.brand(brand).name
    context = {
        "brand": name,
        "shortlist": ws.shortlist(name),
        "values": values,
        "errors": errors,
        "general": general,
        "product_rows": range(PRODUCT_ROWS),
    }
    return render(request, "screens/campaign_new.html", context, status_code=status_code)


@router.get("/brands/{brand}/campaigns/new")
def new_campaign(request: Request, brand: str, ws: WorkspaceDep, user: User = Analyst) -> Response:
    """The form: the brief's fields; the pool is the brand's shortlist."""
    defaults: dict[str, Any] = {
        "design.arms": "two",
        "design.holdout": "0.3",
        "design.seed": "0",
        "ask.posts": "1",
    }
    defaults |= {
        "ask.minutes": "30",
        "offer.type": "percentage",
        "offer.usage_limit": "1",
        "strata": ["tier"],
    }
    return _form_page(request, brand, ws, values=defaults, errors={}, general=[])


@router.post("/brands/{brand}/campaigns", dependencies=[Csrf])
async def create(request: Request, brand: str, ws: WorkspaceDep, user: User = Analyst) -> Response:
    """Create the campaign (303 to its page), or the form again with the brief's problem at its field
    (422)."""
    form = await request.form()
    fields = {k: v for k, v in form.items() if isinstance(v, str) and k != "csrf_token" and len(v) <= 5000}
    strata = [s for s in form.getlist("design.strata") if isinstance(s, str)]
    brief = brief_from_form(fields, strata=strata)
    try:
        made = await run_in_threadpool(
            _on_job_thread, request, lambda: ws.campaign_create_from(brand, brief, source="form")
        )
    except InvalidInput as exc:
        errors = {exc.field: exc.problem} if isinstance(exc, InvalidRecord) and exc.field else {}
        general = [] if errors else [str(exc)]
        values = {**fields, "strata": strata}
        return _form_page(request, brand, ws, values=values, errors=errors, general=general, status_code=422)
    target = f"/brands/{made.brand}/campaigns/{made.campaign}"
    if made.warnings:
        target += "?warned=1"
    return RedirectResponse(target, status_code=303)


@router.get("/brands/{brand}/campaigns/{campaign}")
def campaign(
    request: Request, brand: str, campaign: str, ws: WorkspaceDep, warned: bool = False, user: User = Viewer
) -> Response:
    """One campaign: brief, assignment, funnel per arm, lift with intervals, cascades, alerts."""
    view = ws.campaign_view(campaign, brand=brand)
    context = {"brand": view.summary.brand, "c": view, "can_edit": _can(user, brand, ws), "warned": warned}
    return render(request, "screens/campaign.html", context)


@router.post("/brands/{brand}/campaigns/{campaign}/assign", dependencies=[Csrf])
def assign(request: Request, brand: str, campaign: str, ws: WorkspaceDep, user: User = Analyst) -> Response:
    """Draw the arms from the saved pool, once (409 when already drawn: it is never changed)."""
    view = ws.campaign_view(campaign, brand=brand)
    if view.summary.assigned_at is not None:
        raise Conflict(f"campaign={campaign!r}: assigned at {view.summary.assigned_at}; never changed")
    _on_job_thread(request, lambda: ws.campaign_assign_saved(view.summary.campaign))
    return RedirectResponse(f"/brands/{view.summary.brand}/campaigns/{campaign}#assignment", status_code=303)


@router.post("/brands/{brand}/campaigns/{campaign}/report", dependencies=[Csrf])
def measure(request: Request, brand: str, campaign: str, ws: WorkspaceDep, user: User = Analyst) -> Response:
    """Measure now (the report files rewritten, compliance alerts raised), back to the page."""
    view = ws.campaign_view(campaign, brand=brand)
    _on_job_thread(request, lambda: ws.campaign_measure(view.summary.campaign))
    return RedirectResponse(f"/brands/{view.summary.brand}/campaigns/{campaign}#lift", status_code=303)


@router.get("/brands/{brand}/campaigns/{campaign}/lift.json")
def lift_data(brand: str, campaign: str, ws: WorkspaceDep, user: User = Viewer) -> dict[str, Any]:
    """The chart's data: each arm and outcome's lift and interval (empty before a report)."""
    view = ws.campaign_view(campaign, brand=brand)
    confidence = next((r["confidence"] for r in view.lift if r["confidence"]), None)
    rows = [r for r in view.lift if r["lift"] is not None]
    return {"confidence": confidence, "rows": rows}


@router.get("/brands/{brand}/campaigns/{campaign}/funnel.csv")
def funnel_csv(brand: str, campaign: str, ws: WorkspaceDep, user: User = Viewer) -> Response:
    view = ws.campaign_view(campaign, brand=brand)
    header = ["arm", "assigned", *view.states]
    rows = [[arm, *(counts[h] for h in header[1:])] for arm, counts in view.funnel.items()]
    return csv_response(f"{campaign}-funnel.csv", header, rows)


LIFT_HEADER = [
    "arm", "outcome", "lift", "low", "high", "relative_lift", "relative_low", "relative_high",
    "n_treatment", "n_holdout", "mean_treatment", "mean_holdout", "confidence", "method", "error", "meaning",
]  # fmt: skip


@router.get("/brands/{brand}/campaigns/{campaign}/lift.csv")
def lift_csv(brand: str, campaign: str, ws: WorkspaceDep, user: User = Viewer) -> Response:
    view = ws.campaign_view(campaign, brand=brand)
    return csv_response(f"{campaign}-lift.csv", LIFT_HEADER, [[r[h] for h in LIFT_HEADER] for r in view.lift])


@router.get("/brands/{brand}/campaigns/{campaign}/alerts.csv")
def alerts_csv(brand: str, campaign: str, ws: WorkspaceDep, user: User = Viewer) -> Response:
    view = ws.campaign_view(campaign, brand=brand)
    header = ["id", "subject", "account_id", "rule", "suggested_fix", "status", "created_at", "handled_by"]
    rows = [
        [a.id, a.subject, a.account_id, a.evidence.get("rule"), a.evidence.get("suggested_fix"), a.status,
         a.created_at.isoformat(), a.handled_by]
        for a in view.alerts
    ]  # fmt: skip
    return csv_response(f"{campaign}-alerts.csv", header, rows)


@router.get("/brands/{brand}/campaigns/{campaign}/referrals.csv")
def referrals_csv(brand: str, campaign: str, ws: WorkspaceDep, user: User = Viewer) -> Response:
    """The cascades' referral chains by hops (empty before the report has cascades)."""
    referrals = (ws.campaign_view(campaign, brand=brand).cascades or {}).get("referrals") or {}
    header = ["hops", "people", "orders", "revenue", "mentions"]
    rows = [[h.get(k) for k in header] for h in referrals.get("by_hops") or []]
    return csv_response(f"{campaign}-referrals.csv", header, rows)


@router.get("/brands/{brand}/campaigns/{campaign}/referrers.csv")
def referrers_csv(brand: str, campaign: str, ws: WorkspaceDep, user: User = Viewer) -> Response:
    """Who brought whom: the top referrers of the cascades (empty before there are any)."""
    referrals = (ws.campaign_view(campaign, brand=brand).cascades or {}).get("referrals") or {}
    header = ["person_id", "referred", "orders", "revenue"]
    rows = [[t.get(k) for k in header] for t in referrals.get("top_referrers") or []]
    return csv_response(f"{campaign}-referrers.csv", header, rows)
