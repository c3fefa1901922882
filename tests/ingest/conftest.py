"""Fixtures for ingest tests: an initialised installation in a temporary directory."""

from __future__ import annotations

from pathlib import Path

import pytest

from grassroots.config import Settings
from grassroots.ingest import initialise


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """A fresh, initialised installation (SQLite store, DuckDB lake, secret) under ``tmp_path``."""
    config = Settings(data_dir=tmp_path / "data")
    initialise(config)
    return config
