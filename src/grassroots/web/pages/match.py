"""The match screens: search (people and posts, matched spans marked), the brief form (errors beside
each field, as the YAML validator words them), its results with explanations and "why not" for a
named person, the roster builder (against top-K by fit and by followers), and the saved matches
(each a campaign pool, with its CSV). Viewers read; analysts run. Runs go through the server's job
runner (they embed posts and save their result in the lake); the page polls the job.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Annotated, Any

from fastapi import APIRouter, Form, Path, Request
from fastapi.responses import Response

from grassroots.store import User
from grassroots.web.api._common import NAME, plain
from grassroots.web.pages._common import Analyst, Csrf, Viewer, WorkspaceDep, csv_response, is_htmx
from grassroots.web.pages._match_form import BriefForm, read_form
from grassroots.web.templating import render
from grassroots.workspace import Workspace

__all__ = ["brief_job", "roster_job", "router", "search_job"]

router = APIRouter()

#: default weights shown in the form (the brief's defaults; docs/match.md)
DEFAULT_FORM = {
    "preferences.text": "1",
    "preferences.interests": "0.3",
    "preferences.audience_quality": "0.1",
}


def _context(ws: Workspace, user: User, **extra: Any) -> dict[str, Any]:
    brands = ws.brands() if ws.initialised else ()
    return {"active": "match", "brands": brands, "can_run": user.allows("analyst"), **extra}


@router.get("/match")
def match_home(request: Request, ws: WorkspaceDep, user: User = Viewer) -> Response:
    """Search, and the saved matches."""
    return render(request, "match.html", _context(ws, user, saved=ws.saved_matches()))


@router.get("/match/saved.csv")
def saved_csv(ws: WorkspaceDep, user: User = Viewer) -> Response:
    rows = [[m.match_id, m.kind, m.people, m.query] for m in ws.saved_matches()]
    return csv_response("matches.csv", ["match_id", "kind", "people", "brief_or_query"], rows)


# before the page's route, which would take "ID.csv" for an id
@router.get("/match/saved/{match_id}.csv")
def saved_pool_csv(ws: WorkspaceDep, match_id: NAME, user: User = Viewer) -> Response:
    """A saved match's people as a campaign pool (``person_id`` first); an overlap's pairs."""
    found = ws.saved_match(match_id)
    if found["kind"] == "overlap":
        header = ["a_account_id", "a_handle", "b_account_id", "jaccard", "method", "shared", "basis"]
        rows = [[r["account_id"], r["handle"], r["other_account_id"], r["score"], r["detail"].get("method"),
                 r["detail"].get("shared"), r["detail"].get("basis")] for r in found["rows"]]  # fmt: skip
        return csv_response(f"{match_id}.csv", header, rows)
    pool = ws.match_pool(match_id)
    header = ["person_id", "platform", "handle", "rank", "score"]
    return csv_response(f"{match_id}.csv", header, [[p[h] for h in header] for p in pool])


@router.get("/match/saved/{match_id}")
def saved(request: Request, ws: WorkspaceDep, match_id: NAME, user: User = Viewer) -> Response:
    """One saved result as stored: a ranking with its explanations, people, posts, pairs or rosters."""
    found = ws.saved_match(match_id)
    view = _shape(found["rows"]) if found["kind"] != "brief" else {}
    return render(request, "match_saved.html", _context(ws, user, saved=found, match_id=match_id, **view))


def _shape(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Saved rows as the screen shows them: people and posts found, and rosters by strategy."""
    people: list[dict[str, Any]] = []
    posts: list[dict[str, Any]] = []
    choices: dict[str, dict[str, Any]] = {}
    for r in rows:
        detail = r["detail"]
        item = {
            "account_id": r["account_id"],
            "handle": r["handle"],
            "score": r["score"],
            "text": r.get("text"),
            "interests": detail.get("interests"),
            "span": detail.get("span"),
        }
        (posts if r["item"] == "post" else people).append(item)
        if "strategy" in r["detail"]:
            c = choices.setdefault(r["item"], {**r["detail"], "accounts": [], "handles": []})
            c["accounts"].append(r["account_id"])
            c["handles"].append(r["handle"])
    query = next((r["query"] for r in rows if r.get("query")), None)
    return {"people": people, "posts": posts, "choices": list(choices.values()), "query": query}


def _job(
    request: Request, ws: WorkspaceDep, kind: str, params: dict[str, Any], work: Callable[[], Any]
) -> Any:
    return request.app.state.jobs.submit(kind, params, ws.actor, lambda: plain(work()))


def search_job(ws: Workspace, text: str, limit: int) -> Callable[[], dict[str, Any]]:
    """The work of a search job: the saved result's id, people and posts (JSON-ready)."""

    def work() -> dict[str, Any]:
        found = ws.match_search(text, limit=limit)
        people = [p.to_json() for p in found.people]
        return {"result_id": found.result_id, "query": text, "people": people,
                "posts": [p.to_json() for p in found.posts]}  # fmt: skip

    return work


@router.post("/match/search", dependencies=[Csrf])
def run_search(
    request: Request,
    ws: WorkspaceDep,
    q: Annotated[str, Form(min_length=1, max_length=500)],
    limit: Annotated[int, Form(ge=1, le=100)] = 10,
    user: User = Analyst,
) -> Response:
    """Search people and posts (a job: it embeds their recent posts and saves the result)."""
    job = _job(request, ws, "match_search", {"text": q, "limit": limit}, search_job(ws, q, limit))
    return render(request, "match_job.html", {"job": job}, status_code=202)


def brief_job(ws: Workspace, form: BriefForm, limit: int, why: str | None) -> Callable[[], dict[str, Any]]:
    """The work of a brief job: the ranking with its explanations, counts and ``why``."""
    from grassroots.match import parse_brief

    brief = parse_brief(form.yaml, source="brief form", name="web-brief")

    def work() -> dict[str, Any]:
        done = ws.match_brief(brief, limit=limit, why=why)
        run = done.run
        return {"match_id": done.match_id, "matches": [m.to_json() for m in run.matches], "why": run.why,
                "considered": run.considered, "excluded": run.excluded, "not_english": run.not_english,
                "brief_interests": list(run.brief_interests)}  # fmt: skip

    return work


def roster_job(
    ws: Workspace, form: BriefForm, k: int, budget: float | None, costs: dict[str, float] | None
) -> Callable[[], dict[str, Any]]:
    """The work of a roster job: each strategy's members, reach and cost, and the audience basis."""
    from grassroots.match import parse_brief

    brief = parse_brief(form.yaml, source="brief form", name="web-brief")

    def work() -> dict[str, Any]:
        done = ws.match_roster(brief, k=k, budget=budget, costs=costs)
        return {"result_id": done.result_id, "basis": done.basis, "k": k, "budget": budget,
                "choices": [plain(c) for c in done.choices]}  # fmt: skip

    return work


def _form_page(
    request: Request, ws: Workspace, user: User, mode: str, form: Mapping[str, str], **extra: Any
) -> Response:
    return render(
        request,
        "match_brief.html",
        _context(ws, user, mode=mode, values=form, errors=extra.pop("errors", {}), **extra),
        status_code=extra.pop("status_code", 200),
    )


@router.get("/match/brief")
def brief_form(request: Request, ws: WorkspaceDep, user: User = Viewer) -> Response:
    """The brief form: rank people with explanations."""
    return _form_page(request, ws, user, "brief", DEFAULT_FORM)


@router.get("/match/roster")
def roster_form(request: Request, ws: WorkspaceDep, user: User = Viewer) -> Response:
    """The roster builder: the brief's fields, K, and an optional budget with costs."""
    return _form_page(request, ws, user, "roster", DEFAULT_FORM | {"k": "5"})


def _invalid(request: Request, ws: Workspace, user: User, mode: str, values: Any, errors: Any) -> Response:
    # htmx swaps only 2xx answers: the form with its errors comes back as 200 to htmx, 422 otherwise
    status = 200 if is_htmx(request) else 422
    return _form_page(request, ws, user, mode, values, errors=errors, status_code=status)


@router.post("/match/brief", dependencies=[Csrf])
async def run_brief(request: Request, ws: WorkspaceDep, user: User = Analyst) -> Response:
    """Validate the form (errors beside their fields) or start the ranking as a job."""
    submitted = await request.form()
    form = read_form(submitted)
    limit, limit_error = _int(submitted.get("limit"), "limit", 20, 1, 500)
    why = str(submitted.get("why") or "").strip()[:200] or None
    values = {**form.values, "limit": str(submitted.get("limit") or ""), "why": why or ""}
    errors = {**form.errors, **limit_error}
    if errors:
        return _invalid(request, ws, user, "brief", values, errors)
    job = _job(request, ws, "match_brief", {"limit": limit}, brief_job(ws, form, limit, why))
    return _form_page(request, ws, user, "brief", values, job=job, status_code=202)


@router.post("/match/roster", dependencies=[Csrf])
async def run_roster(request: Request, ws: WorkspaceDep, user: User = Analyst) -> Response:
    """Validate the form and the costs, or start the roster as a job."""
    submitted = await request.form()
    form = read_form(submitted)
    k, errors = _int(submitted.get("k"), "k", 5, 1, 100)
    budget_text = str(submitted.get("budget") or "").strip()
    costs_text = str(submitted.get("costs") or "")
    values = {**form.values, "k": str(submitted.get("k") or ""), "budget": budget_text, "costs": costs_text}
    budget, costs = None, None
    errors = {**form.errors, **errors, **_budget(budget_text, costs_text)}
    if not errors and budget_text:
        budget, costs = float(budget_text), _costs(costs_text)
    if errors:
        return _invalid(request, ws, user, "roster", values, errors)
    params = {"k": k, "budget": budget}
    job = _job(request, ws, "match_roster", params, roster_job(ws, form, k, budget, costs))
    return _form_page(request, ws, user, "roster", values, job=job, status_code=202)


def _int(raw: Any, field: str, default: int, low: int, high: int) -> tuple[int, dict[str, str]]:
    text = str(raw or "").strip()
    if not text:
        return default, {}
    if not text.isdigit() or not low <= int(text) <= high:
        return default, {field: f"expected a whole number from {low} to {high}, got {text!r}"}
    return int(text), {}


def _costs(text: str) -> dict[str, float]:
    from grassroots.match import parse_costs

    return parse_costs(text.splitlines(), source="costs")


def _budget(budget: str, costs: str) -> dict[str, str]:
    """The budget's and the costs' problems (they go together; costs as ``match roster --costs``)."""
    from grassroots.errors import InvalidRecord

    if not budget and not costs.strip():
        return {}
    out: dict[str, str] = {}
    try:
        value = float(budget)
        if not 0 < value < float("inf"):
            raise ValueError(budget)
    except ValueError:
        out["budget"] = f"expected a positive number with the costs, got {budget!r}"
    if not costs.strip():
        out["costs"] = "expected `id_or_handle cost` lines with the budget"
        return out
    try:
        _costs(costs)
    except InvalidRecord as exc:
        out["costs"] = f"line {exc.line}: {exc.problem}"
    return out


@router.get("/match/jobs/{job_id}")
def match_job(request: Request, job_id: Annotated[str, Path(max_length=32)], user: User = Viewer) -> Response:
    """A match job's state; when it has succeeded, its results."""
    return render(request, "match_job.html", {"job": request.app.state.jobs.get(job_id)})
