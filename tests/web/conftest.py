"""A web app on a fresh data dir (SQLite file, or PostgreSQL store), its users and one key per scope."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from grassroots.config import Settings
from grassroots.web.app import create_app
from grassroots.web.settings import WebSettings
from grassroots.workspace import Workspace

PASSWORD = "correct horse battery"


@dataclass(frozen=True)
class Site:
    """A running app (in-process), its workspace, and API keys by scope."""

    client: TestClient
    workspace: Workspace
    keys: dict[str, str]

    def auth(self, scope: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.keys[scope]}"}

    def login(self, name: str, password: str = PASSWORD) -> TestClient:
        """Log ``client`` in as ``name`` through the login form (CSRF token and all)."""
        page = self.client.get("/login")
        token = form_token(page.text)
        done = self.client.post(
            "/login",
            data={"username": name, "password": password, "csrf_token": token, "next": "/"},
            follow_redirects=False,
        )
        assert done.status_code == 303, done.text
        return self.client


def form_token(html: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert found, "no csrf_token field in the page"
    return found.group(1)


def make_site(tmp_path: Path, database_url: str | None = None) -> Iterator[Site]:
    settings = Settings(data_dir=tmp_path / "data", database_url_override=database_url)
    workspace = Workspace(settings=settings, actor="test")
    workspace.init()
    workspace.add_user("ann", password=PASSWORD, role="admin")
    workspace.add_user("vic", password=PASSWORD, role="viewer")
    keys = {scope: workspace.create_key(f"key-{scope}", scope=scope) for scope in ("read", "write", "admin")}
    app = create_app(WebSettings(core=settings))
    with TestClient(app, base_url="http://testserver") as client:
        yield Site(client, workspace, keys)


@pytest.fixture
def site(tmp_path: Path) -> Iterator[Site]:
    """The app on a SQLite store."""
    yield from make_site(tmp_path)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def any_site(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Site]:
    """The app on a SQLite store, then on a PostgreSQL one."""
    url = None if request.param == "sqlite" else str(request.getfixturevalue("postgres_url"))
    yield from make_site(tmp_path, url)
