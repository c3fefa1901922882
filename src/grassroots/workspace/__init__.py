"""``grassroots.Workspace``: the one pipeline API over the domains (what the CLI, web and watch call).

A workspace is one installation (a data dir with its lake and store, or a PostgreSQL store named by
the settings) and the ``actor`` who acts on it. Each pipeline stage is one typed method with
keyword-only options that returns a frozen dataclass carrying the ``run_id`` of its ``runs`` row::

    ws = Workspace(data_dir="grassroots-data")       # or Workspace(settings=load_settings())
    ws.init()
    ws.ingest("posts", Path("posts.jsonl"))
    fakes = ws.fake_followers(Path("accounts.csv"))
    ws.engagement("Acme"); ws.listen_scan("Acme", path="fast")
    top = ws.advocates("Acme", fake_scores=fakes.probabilities).advocates[:10]
    plan = ws.seeds(k=20, exclude=fakes.likely_fake)

Settings are built at the edge (``grassroots.config.load_settings``) and passed in; nothing here
reads the environment. Bad options raise :class:`~grassroots.errors.InvalidInput` naming the
parameter (``path='slow': expected one of fast, accurate``); the CLI shows it as its flag.
"""

from __future__ import annotations

from grassroots.workspace._accounts import AccountMethods
from grassroots.workspace._campaign_views import CampaignViewMethods
from grassroots.workspace._campaigns import CampaignMethods, PoolSource
from grassroots.workspace._cascades import CascadeMethods
from grassroots.workspace._data import WORLD_INGEST_ORDER, DataMethods
from grassroots.workspace._engage import EngageMethods
from grassroots.workspace._listen import ListenMethods
from grassroots.workspace._match import MatchBriefResult, MatchMethods
from grassroots.workspace._network import NetworkMethods
from grassroots.workspace._outreach import OutreachMethods, OutreachResult
from grassroots.workspace._plans import PlanMethods
from grassroots.workspace._portal import PortalMethods
from grassroots.workspace._records import RecordMethods
from grassroots.workspace._results import ResultMethods
from grassroots.workspace._trust import TrustMethods
from grassroots.workspace._views import ViewMethods
from grassroots.workspace.campaign_results import (
    CampaignChains,
    CampaignCreated,
    CampaignFile,
    CampaignOrders,
    CampaignReport,
    CampaignStep,
)
from grassroots.workspace.results import (
    AdvocatesResult,
    DisclosureItem,
    DisclosureResult,
    EngagementResult,
    ErasureResult,
    ExportedTable,
    FakeFollowerResult,
    IngestResult,
    InitResult,
    MentionLine,
    NetworkBuildResult,
    ScannedPost,
    ScanResult,
    ScoredText,
    SeedPlanResult,
    WorldResult,
)

__all__ = [
    "WORLD_INGEST_ORDER",
    "AdvocatesResult",
    "CampaignChains",
    "CampaignCreated",
    "CampaignFile",
    "CampaignOrders",
    "CampaignReport",
    "CampaignStep",
    "DisclosureItem",
    "DisclosureResult",
    "EngagementResult",
    "ErasureResult",
    "ExportedTable",
    "FakeFollowerResult",
    "IngestResult",
    "InitResult",
    "MatchBriefResult",
    "MentionLine",
    "NetworkBuildResult",
    "OutreachResult",
    "PoolSource",
    "ScanResult",
    "ScannedPost",
    "ScoredText",
    "SeedPlanResult",
    "Workspace",
    "WorldResult",
]


class Workspace(
    DataMethods,
    ListenMethods,
    TrustMethods,
    NetworkMethods,
    RecordMethods,
    AccountMethods,
    ViewMethods,
    PlanMethods,
    ResultMethods,
    EngageMethods,
    CampaignViewMethods,
    CampaignMethods,
    CascadeMethods,
    MatchMethods,
    OutreachMethods,
    PortalMethods,
):
    """One installation and who acts on it; one method per pipeline stage.

    ``Workspace(data_dir=...)`` uses default settings for that directory; pass ``settings=`` (built
    with :func:`grassroots.config.load_settings`) for a PostgreSQL store or other options. ``actor``
    is written to the audit log and ``runs`` parameters (the CLI passes ``"cli"``); ``progress``
    is told how far long steps have got (``progress(step, done, total)``).
    """
