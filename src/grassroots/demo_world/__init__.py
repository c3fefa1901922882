"""The demo world: a documented synthetic market with planted truth (docs/demo-world.md).

``generate_world`` writes the files a user would ingest (accounts, snapshots, follows, posts,
comments, Shopify exports, a brand file) plus ``truth.json`` / ``truth-posts.csv``. Benchmarks and
tests read the truth with ``load_truth``; scorers never do.
"""

from __future__ import annotations

from grassroots.demo_world.brand import BRAND_KEY, DEMO_BRAND
from grassroots.demo_world.knowledge import knowledge_base_files
from grassroots.demo_world.params import WorldParams
from grassroots.demo_world.taxonomy import CITIES, INTEREST_IDS
from grassroots.demo_world.truth import SCHEMA_VERSION, PersonTruth, PostTruth, Truth, load_truth
from grassroots.demo_world.world import FILES, WorldFiles, generate_world

__all__ = [
    "BRAND_KEY",
    "CITIES",
    "DEMO_BRAND",
    "FILES",
    "INTEREST_IDS",
    "SCHEMA_VERSION",
    "PersonTruth",
    "PostTruth",
    "Truth",
    "WorldFiles",
    "WorldParams",
    "generate_world",
    "knowledge_base_files",
    "load_truth",
]
