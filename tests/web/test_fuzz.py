"""Property-based fuzz of the OpenAPI schema (schemathesis): no generated request gets a 5xx.

Seeded and bounded (a few examples per operation, no shrinking deadline) so it adds seconds, not
minutes, to CI. It runs on a copy of the small demo world with an admin key, so requests reach the
Workspace rather than stopping at the auth check.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error

from grassroots.web.app import create_app
from grassroots.web.settings import WebSettings
from tests.web.api_world import ApiWorld, world_fixture

api_world = world_fixture


def test_no_request_makes_a_server_error(api_world: ApiWorld, tmp_path: Path) -> None:
    world = api_world.copy(tmp_path / "data")
    app = create_app(WebSettings(core=world.settings))
    schema = schemathesis.openapi.from_asgi("/api/v1/openapi.json", app)
    headers = {"Authorization": f"Bearer {world.keys['admin']}"}
    operations = [result.ok() for result in schema.get_all_operations()]
    calls: list[int] = []
    assert len(operations) >= 15
    campaigns = {
        "/brands/{brand}/campaigns",
        "/campaigns/{campaign}/assignment",
        "/campaigns/{campaign}/report",
    }
    assert {"/api/v1" + path for path in campaigns} <= {op.path for op in operations}
    try:
        for operation in operations:

            @given(case=operation.as_strategy())
            @settings(
                max_examples=8,
                derandomize=True,
                deadline=None,
                database=None,
                suppress_health_check=list(HealthCheck),
            )
            def fuzz(case: Any) -> None:
                response = case.call(headers=headers)
                calls.append(response.status_code)
                case.validate_response(response, checks=[not_a_server_error])

            fuzz()
    finally:
        app.state.jobs.shutdown()
    assert len(calls) >= 3 * len(operations)
    assert sum(200 <= c < 300 for c in calls) >= len(operations)  # most operations answered for real
