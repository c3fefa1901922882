"""A domain imports another domain only through its package ``__init__`` (its public API).

import-linter (``make check``) enforces the layers; this test enforces the public-API rule, which
import-linter cannot express, and runs in every ``make test``.
"""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "grassroots"
DOMAINS = {"demo_world", "ingest", "listen", "trust", "network", "rules", "store", "lake"}


def _imports(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.lineno, node.module))
        elif isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name) for alias in node.names)
    return found


def test_domains_use_each_others_public_api_only() -> None:
    offences = []
    for path in SRC.rglob("*.py"):
        parts = path.relative_to(SRC).parts
        own = parts[0] if len(parts) > 1 else None
        for line, module in _imports(path):
            bits = module.split(".")
            if len(bits) > 2 and bits[0] == "grassroots" and bits[1] in DOMAINS and bits[1] != own:
                offences.append(f"{path.relative_to(SRC)}:{line}: imports {module}")
    assert not offences, "import the package, not its modules:\n" + "\n".join(offences)
