"""Workspace method of the campaigns stage that follows referral chains (``campaign cascades``).

The domain is :mod:`grassroots.campaigns.cascades` (the rules) and
:mod:`grassroots.campaigns.cascade_data` (the facts, and the lake table the chains are kept in).
"""

from __future__ import annotations

from dataclasses import asdict

from grassroots.workspace._base import WorkspaceBase, now
from grassroots.workspace.campaign_results import CampaignChains

__all__ = ["CascadeMethods"]


class CascadeMethods(WorkspaceBase):
    """Who brought whom: referral chains from participants, with hops, orders and mentions."""

    def campaign_cascades(
        self, campaign: str, *, window_days: int = 14, confidence: float = 0.9
    ) -> CampaignChains:
        """Build the campaign's referral chains (codes shared, replies, quotes, comments and follows of
        brand posts, each followed by an order or a brand post within ``window_days``; the earliest
        exposure wins) and keep them in the lake table ``campaign_cascades`` (swapped per campaign,
        with a ``campaign_cascades`` run row); also the exposure mapping of friends of both arms."""
        from grassroots.campaigns import check_window, find_cascades, load_campaign, store_cascades
        from grassroots.store import Store

        check_window(window_days)
        started = now()
        with self.writing("grassroots campaign cascades"):
            with Store(self.settings.database_url) as store, self._lake(read_only=True) as lake:
                row, _ = load_campaign(store, campaign)
                brand = self._brand(row.brand)
                found = find_cascades(
                    store, lake, campaign, brand=brand, window_days=window_days, confidence=confidence
                )
            with self._lake() as lake:
                store_cascades(lake, campaign, found, window_days=window_days)
                run_id = self._last_run(lake, "campaign_cascades", started)
        rows = tuple(
            {**asdict(r), "customer_id": found.customers.get(r.person_id) or None} for r in found.referrals
        )
        return CampaignChains(campaign, window_days, found.report, rows, run_id)
