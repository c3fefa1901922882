"""`grassroots campaign create|assign|codes|invite|update|consent|addresses|status|fulfilment|...`.

The campaign lifecycle commands; each is one Workspace call and prints one JSON object on stdout
(warnings on stderr). ``lift`` and ``power`` (the statistics) are in :mod:`grassroots.cli.campaign`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

__all__ = ["register"]

Campaign = Annotated[str, typer.Argument(help="The campaign (its slug, printed by `campaign create`).")]


def _pool(text: str) -> str | Path:
    return text if text in ("advocates", "seed-plan") else Path(text)


def _chains_table(cascades: dict[str, Any]) -> list[str]:
    """The short text of ``campaign cascades`` without ``--json``."""
    lines = []
    exposure, referrals = cascades.get("exposure"), cascades.get("referrals")
    if exposure is None:
        lines.append("exposure: not estimable (too few friends of single eligible people)")
    else:
        low, high = exposure["ci"]
        lines.append(
            f"exposure: friends of treated {exposure['friends_of_treated']}, of holdout "
            f"{exposure['friends_of_holdout']}, of both (excluded) {exposure['friends_of_both']}; "
            f"lift in the share who ordered or posted {exposure['lift']:.4g} [{low:.4g}, {high:.4g}]"
        )
    if referrals is None:
        return [*lines, "referrals: none found"]
    lines.append(f"referrals: {referrals['chains']} chains, up to {referrals['max_hops']} hops")
    lines += [
        f"  hop {h['hops']}: {h['people']} people, {h['orders']} orders, {h['revenue']:.2f} revenue, "
        f"{h['mentions']} mentions"
        for h in referrals["by_hops"]
    ]
    lines += [
        f"  referrer {t['person_id']}: {t['referred']} referred, {t['orders']} orders, {t['revenue']:.2f}"
        for t in referrals["top_referrers"]
    ]
    return lines


def register(app: typer.Typer) -> None:
    """Add the lifecycle commands to the ``campaign`` sub-app."""

    @app.command("create")
    def create(brief: Annotated[Path, typer.Argument(help="The campaign brief (YAML).")]) -> None:
        """Create a campaign from a brief; refuses unlawful asks, warns about unfair ones."""
        from grassroots.cli._console import emit_json, err, workspace

        with workspace() as ws:
            made = ws.campaign_create(brief)
        for warning in made.warnings:
            err.print(f"warning: {warning}", markup=False)
        emit_json(made.to_dict())

    @app.command("assign")
    def assign(
        campaign: Campaign,
        pool: Annotated[
            str, typer.Option(help="advocates (of the brief's brand), seed-plan, or a pool CSV file.")
        ] = "advocates",
        plan_id: Annotated[str | None, typer.Option(help="The seed plan, with --pool seed-plan.")] = None,
    ) -> None:
        """Randomise the consenting eligible pool into arms, once (stratified, seeded by the brief)."""
        from grassroots.cli._console import emit_json, workspace

        with workspace() as ws:
            done = ws.campaign_assign(campaign, pool=_pool(pool), plan_id=plan_id)  # type: ignore[arg-type]
        emit_json(done.to_dict())

    @app.command("codes")
    def codes(
        campaign: Campaign,
        out: Annotated[
            Path | None, typer.Option(help="Codes CSV [default: DATA_DIR/results/campaigns/C/].")
        ] = None,
    ) -> None:
        """Issue one unguessable discount code per offered participant (once) and export them."""
        from grassroots.cli._console import emit_json, workspace

        with workspace() as ws:
            done = ws.campaign_codes(campaign, out=out)
        emit_json(done.to_dict())

    @app.command("invite")
    def invite(
        campaign: Campaign,
        channel: Annotated[
            str, typer.Option(help="How they are contacted (kept in the contact log).")
        ] = "email",
    ) -> None:
        """Invite offered participants with standing consent, under the frequency limit."""
        from grassroots.cli._console import emit_json, workspace

        with workspace() as ws:
            done = ws.campaign_invite(campaign, channel=channel)
        emit_json(done.to_dict())

    @app.command("update")
    def update(
        campaign: Campaign,
        states: Annotated[Path, typer.Option(help="CSV person_id,state[,at] of participant state changes.")],
    ) -> None:
        """Move participants along invited, accepted/declined, shipped, delivered, posted, redeemed."""
        from grassroots.cli._console import emit_json, workspace

        with workspace() as ws:
            done = ws.campaign_update(campaign, states)
        emit_json(done.to_dict())

    @app.command("consent")
    def consent(file: Annotated[Path, typer.Argument(help="Consent CSV (grants and withdrawals).")]) -> None:
        """Record consent to contact, to reuse content or to keep a shipping address."""
        from grassroots.cli._console import emit_json, workspace

        with workspace() as ws:
            done = ws.campaign_consent(file)
        emit_json(done.to_dict())

    @app.command("addresses")
    def addresses(
        campaign: Campaign, file: Annotated[Path, typer.Argument(help="CSV person_id,address.")]
    ) -> None:
        """Keep shipping addresses of participants who consented (deleted when the campaign closes)."""
        from grassroots.cli._console import emit_json, workspace

        with workspace() as ws:
            done = ws.campaign_addresses(campaign, file)
        emit_json(done.to_dict())

    @app.command("status")
    def status(campaign: Campaign) -> None:
        """The funnel: people per arm and per state reached, codes issued."""
        from grassroots.cli._console import emit_json, workspace

        with workspace() as ws:
            funnel = ws.campaign_status(campaign)
        emit_json(funnel)

    @app.command("fulfilment")
    def fulfilment(
        campaign: Campaign,
        out: Annotated[
            Path | None, typer.Option(help="Fulfilment CSV [default: DATA_DIR/results/...].")
        ] = None,
    ) -> None:
        """Export what the warehouse ships: accepted participants, code, products, address."""
        from grassroots.cli._console import emit_json, workspace

        with workspace() as ws:
            done = ws.campaign_fulfilment(campaign, out=out)
        emit_json(done.to_dict())

    @app.command("import-orders")
    def import_orders(
        campaign: Campaign, orders: Annotated[Path, typer.Argument(help="A Shopify orders export (CSV).")]
    ) -> None:
        """Import orders and attribute them by discount code and by linked customer."""
        from grassroots.cli._console import emit_json, workspace

        with workspace() as ws:
            done = ws.campaign_import_orders(campaign, orders)
        emit_json(done.to_dict())

    @app.command("report")
    def report(
        campaign: Campaign,
        out: Annotated[Path | None, typer.Option(help="Folder for report.json and report.html.")] = None,
        confidence: Annotated[
            float, typer.Option(help="Confidence of the intervals, in [0.5, 0.999].")
        ] = 0.9,
    ) -> None:
        """Measure lift per outcome and arm, check participants' disclosures, write JSON and HTML."""
        from grassroots.cli._console import emit_json, workspace

        with workspace() as ws:
            done = ws.campaign_report(campaign, out=out, confidence=confidence)
        emit_json({k: v for k, v in done.to_dict().items() if k != "report"})

    @app.command("cascades")
    def cascades(
        campaign: Campaign,
        window_days: Annotated[
            int,
            typer.Option("--window-days", help="Days from an exposure to the outcome it explains (1-90)."),
        ] = 14,
        as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
    ) -> None:
        """Referral chains: who brought whom, how many hops, their orders and mentions (kept in the lake)."""
        from grassroots.cli._console import emit_json, workspace

        with workspace() as ws:
            done = ws.campaign_cascades(campaign, window_days=window_days)
        if as_json:
            emit_json(done.to_dict())
            return
        for line in _chains_table(done.cascades):
            typer.echo(line)

    @app.command("ledger")
    def ledger(
        out: Annotated[
            Path | None, typer.Option(help="Ledger CSV [default: DATA_DIR/results/campaigns/].")
        ] = None,
    ) -> None:
        """Export the rewards ledger (every posting; each entry sums to zero)."""
        from grassroots.cli._console import emit_json, workspace

        with workspace() as ws:
            done = ws.campaign_ledger(out=out)
        emit_json(done.to_dict())

    @app.command("close")
    def close(campaign: Campaign) -> None:
        """Close the campaign; its shipping addresses are deleted."""
        from grassroots.cli._console import emit_json, workspace

        with workspace() as ws:
            done = ws.campaign_close(campaign)
        emit_json(done.to_dict())
