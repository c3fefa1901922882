"""The campaign report as one self-contained HTML file: funnel and lift charts as inline SVG.

No script and no external resource, so the file can be mailed or opened offline, and the same markup
passes the web app's strict content-security policy. Every value is HTML-escaped.

>>> html = report_html({"campaign": "c", "name": "<b>", "brand": "A", "funnel": {"states": {}}, "lift": {}})
>>> "&lt;b&gt;" in html and "<script" not in html
True
"""

from __future__ import annotations

from collections.abc import Mapping
from html import escape
from typing import Any

__all__ = ["report_html"]

_STYLE = (
    "body{font:14px/1.4 system-ui,sans-serif;margin:2em;max-width:60em;color:#222}"
    "table{border-collapse:collapse;margin:1em 0}"
    "td,th{border:1px solid #ccc;padding:.3em .6em;text-align:right}"
    "th:first-child,td:first-child{text-align:left}.note{color:#555}"
)


def _bars(counts: Mapping[str, int]) -> str:
    """A horizontal bar chart of the funnel (people who reached each state)."""
    if not counts:
        return "<p class='note'>No participant has been invited yet.</p>"
    top = max(max(counts.values()), 1)
    rows = []
    for i, (state, n) in enumerate(counts.items()):
        width = 300 * n / top
        y = i * 24
        rows.append(
            f"<text x='0' y='{y + 16}'>{escape(state)}</text>"
            f"<rect x='90' y='{y + 4}' width='{width:.1f}' height='16' fill='#4a7'/>"
            f"<text x='{95 + width:.1f}' y='{y + 16}'>{n}</text>"
        )
    height = 24 * len(counts)
    return f"<svg role='img' aria-label='funnel' width='460' height='{height}'>{''.join(rows)}</svg>"


def _interval_chart(items: list[tuple[str, Mapping[str, Any]]]) -> str:
    """Point and interval of each lift, on a common scale with the zero line."""
    good = [(label, r) for label, r in items if "lift" in r]
    if not good:
        return ""
    low = min(min(r["ci"][0], 0.0) for _, r in good)
    high = max(max(r["ci"][1], 0.0) for _, r in good)
    span = (high - low) or 1.0

    def x(v: float) -> float:
        return float(160 + 280 * (v - low) / span)

    parts = [f"<line x1='{x(0):.1f}' y1='0' x2='{x(0):.1f}' y2='{24 * len(good)}' stroke='#999'/>"]
    for i, (label, r) in enumerate(good):
        y = i * 24 + 12
        parts.append(f"<text x='0' y='{y + 4}'>{escape(label)}</text>")
        parts.append(
            f"<line x1='{x(r['ci'][0]):.1f}' y1='{y}' x2='{x(r['ci'][1]):.1f}' y2='{y}' "
            "stroke='#36c' stroke-width='3'/>"
        )
        parts.append(f"<circle cx='{x(r['lift']):.1f}' cy='{y}' r='4' fill='#123'/>")
    size = f"width='460' height='{24 * len(good)}'"
    return f"<svg role='img' aria-label='lift intervals' {size}>{''.join(parts)}</svg>"


def _fmt(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, Mapping):
        return ", ".join(f"{escape(str(k))} {_fmt(v)}" for k, v in value.items())
    if isinstance(value, float):
        return f"{value:.4g}"
    return escape(str(value))


def _lift_table(lift: Mapping[str, Mapping[str, Mapping[str, Any]]]) -> str:
    head = (
        "<tr>"
        + "".join(
            f"<th>{h}</th>"
            for h in (
                "arm vs holdout",
                "outcome",
                "n treated arm",
                "n holdout",
                "lift",
                "interval",
                "relative",
            )
        )
        + "</tr>"
    )
    rows = []
    for arm, outcomes in lift.items():
        for outcome, r in outcomes.items():
            if "error" in r:
                rows.append(
                    f"<tr><td>{escape(arm)}</td><td>{escape(outcome)}</td>"
                    f"<td colspan='5'>{escape(str(r['error']))}</td></tr>"
                )
                continue
            ci = f"[{_fmt(r['ci'][0])}, {_fmt(r['ci'][1])}]"
            rows.append(
                f"<tr><td>{escape(arm)}</td><td>{escape(outcome)}</td><td>{r['n_treatment']}</td><td>{r['n_holdout']}</td>"
                f"<td>{_fmt(r['lift'])}</td><td>{ci}</td><td>{_fmt(r['relative_lift'])}</td></tr>"
            )
    warned = sorted(
        {w for outcomes in lift.values() for r in outcomes.values() for w in r.get("warnings", [])}
    )
    notes = "".join(f"<li>{escape(str(w))}</li>" for w in warned)
    return f"<table>{head}{''.join(rows)}</table>" + (f"<ul class='note'>{notes}</ul>" if notes else "")


def _cascades(cascades: Mapping[str, Any] | None) -> str:
    """Word of mouth: the exposure mapping's spillover and the referral chains by hop."""
    if not cascades:
        return ""
    exposure, referrals = cascades.get("exposure"), cascades.get("referrals")
    parts = ["<h2>Word of mouth</h2>"]
    if exposure is None:
        parts.append(
            "<p class='note'>Spillover on friends: not estimable (too few single-contact friends).</p>"
        )
    else:
        ci = f"[{_fmt(exposure['ci'][0])}, {_fmt(exposure['ci'][1])}]"
        parts.append(
            "<p>Spillover on friends (share who ordered or posted about the brand): "
            f"{_fmt(exposure['lift'])} {ci}; friends of treated "
            f"{exposure['friends_of_treated']}, of holdout {exposure['friends_of_holdout']}, of both arms "
            f"{exposure['friends_of_both']} (excluded).</p>"
            f"<p class='note'>{escape(str(exposure['method']))}</p>"
        )
    if referrals is None:
        return "".join(parts) + "<p class='note'>No referral chain found.</p>"
    head = "<tr><th>hops</th><th>people</th><th>orders</th><th>revenue</th><th>mentions</th></tr>"
    rows = "".join(
        f"<tr><td>{h['hops']}</td><td>{h['people']}</td><td>{h['orders']}</td><td>{_fmt(h['revenue'])}</td>"
        f"<td>{h['mentions']}</td></tr>"
        for h in referrals["by_hops"]
    )
    top = "".join(
        f"<tr><td>{escape(str(t['person_id']))}</td><td>{t['referred']}</td><td>{t['orders']}</td>"
        f"<td>{_fmt(t['revenue'])}</td></tr>"
        for t in referrals["top_referrers"]
    )
    parts.append(
        f"<p>{referrals['chains']} referral chains, up to {referrals['max_hops']} hops "
        "(who brought whom: shared codes, replies, quotes, comments and follows of brand posts, "
        "the earliest exposure wins).</p>"
        f"<table>{head}{rows}</table><table><tr><th>referrer</th><th>people referred</th>"
        f"<th>their orders</th><th>their revenue</th></tr>{top}</table>"
    )
    return "".join(parts)


def report_html(report: Mapping[str, Any]) -> str:
    """The report (the JSON ``measure_campaign`` makes) as a standalone HTML page."""
    lift = report.get("lift", {})
    items = [(f"{arm}: {outcome}", r) for arm, outcomes in lift.items() for outcome, r in outcomes.items()]
    confidence = next((r["confidence"] for _, r in items if "confidence" in r), 0.9)
    outcomes = "".join(
        f"<li><b>{escape(k)}</b>: {escape(v)}</li>" for k, v in report.get("outcomes", {}).items()
    )
    facts = {k: report.get(k) for k in ("redemptions", "linked_customers", "mentions", "compliance")}
    fact_rows = "".join(f"<tr><td>{escape(k)}</td><td>{_fmt(v)}</td></tr>" for k, v in facts.items())
    return (
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>Campaign {escape(str(report.get('name')))}</title><style>{_STYLE}</style></head><body>"
        f"<h1>{escape(str(report.get('name')))}</h1><p>Brand {escape(str(report.get('brand')))}, campaign "
        f"<code>{escape(str(report.get('campaign')))}</code>, window {_fmt(report.get('window'))}.</p>"
        f"<h2>Funnel</h2>{_bars(report.get('funnel', {}).get('states', {}))}"
        f"<h2>Lift ({confidence:.0%} intervals)</h2>{_interval_chart(items)}{_lift_table(lift)}"
        "<p class='note'>Each arm is compared with the holdout by intent to treat (everyone randomised into "
        "the arm counts), post-stratified by the assignment strata; intervals are normal (Neyman variance), "
        "valid for the analysis date fixed at launch.</p>"
        f"{_cascades(report.get('cascades'))}<h2>Outcomes</h2><ul>{outcomes}</ul><h2>Counts</h2><table>{fact_rows}</table></body></html>\n"
    )
