"""One benchmark run's results as JSON: ``bench/results/<name>.json``, read by ``python -m bench.report``.

A run records what it measured as tables (numbers kept as numbers, with the format each column is
shown in) plus when, where and on what code it ran: UTC date, load average at start and end,
commit, machine, and the command that reproduces it. ``--quick`` runs (tiny inputs, for CI) say so
and are written elsewhere (``--out``), never over the committed results.

>>> import tempfile
>>> run = Run.start("example", ["--quick"], quick=True)
>>> table = run.table("main", ["size", "seconds"], formats=["{:,}", "{:.2f}"])
>>> table.row(1000, 0.5)
<BLANKLINE>
main
<BLANKLINE>
| size | seconds |
|---|---|
| 1,000 | 0.50 |
>>> with tempfile.TemporaryDirectory() as d:
...     data = json.loads(run.write(Path(d)).read_text())
>>> data["tables"][0]["rows"], data["quick"], data["source"]
([[1000, 0.5]], True, 'measured')
>>> render_cell(1000, "{:,}"), render_cell("n/a", "{:.2f}")
('1,000', 'n/a')
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"
SCHEMA = "grassroots.bench.v1"
Cell = str | int | float | None


def parse_args(parser: argparse.ArgumentParser, argv: list[str] | None) -> argparse.Namespace:
    """Add ``--quick`` and ``--out`` to a benchmark's parser and parse ``argv``."""
    parser.add_argument("--quick", action="store_true", help="tiny inputs, seconds (the CI smoke run)")
    parser.add_argument(
        "--out", type=Path, default=None, help="directory for the JSON (default bench/results)"
    )
    return parser.parse_args(argv)


def render_cell(value: Cell, fmt: str | None) -> str:
    """A cell as Markdown: numbers through the column's format, text as it is, None as empty."""
    if value is None:
        return ""
    if isinstance(value, str) or not fmt:
        return str(value)
    return fmt.format(value)


@dataclass
class Table:
    """Rows of one results table; prints each row as Markdown as it arrives (the run's stdout)."""

    id: str
    columns: list[str]
    formats: list[str | None]
    rows: list[list[Cell]] = field(default_factory=list)
    title: str = ""

    def row(self, *cells: Cell) -> None:
        if len(cells) != len(self.columns):
            raise ValueError(f"table {self.id}: {len(cells)} cells for {len(self.columns)} columns")
        if not self.rows:
            print(f"\n{self.title or self.id}\n\n{markdown_header(self.columns)}", flush=True)
        self.rows.append(list(cells))
        print(markdown_row(self.rows[-1], self.formats), flush=True)


def markdown_header(columns: list[str]) -> str:
    return "| " + " | ".join(columns) + " |\n|" + "---|" * len(columns)


def markdown_row(cells: list[Cell], formats: list[str | None]) -> str:
    return "| " + " | ".join(render_cell(c, f) for c, f in zip(cells, formats, strict=True)) + " |"


def commit() -> str:
    """The checked-out commit (short), with ``+dirty`` when tracked files differ from it."""
    try:
        sha = subprocess.run(
            ["git", "rev-parse", "--short=10", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "diff", "--quiet", "HEAD", "--", "src", "bench"], cwd=ROOT, check=False
        )
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return sha + ("+dirty" if dirty.returncode else "")


def machine() -> dict[str, Any]:
    """Cores, memory and platform of this machine."""
    try:
        pages = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    except (ValueError, OSError):
        pages = 0
    return {
        "cores": os.cpu_count(),
        "memory_gib": round(pages / 2**30, 1),
        "platform": platform.platform(),
        "python": platform.python_version(),
    }


@dataclass
class Run:
    """One benchmark run: its tables, extra numbers, and where and when it ran."""

    name: str
    command: str
    quick: bool
    started: float
    meta: dict[str, Any]
    tables: list[Table] = field(default_factory=list)
    numbers: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def start(
        cls, name: str, argv: list[str] | None = None, *, quick: bool = False, module: str | None = None
    ) -> Run:
        """Start timing a run of ``bench.<module or name>`` called with ``argv`` (default: sys.argv)."""
        args = sys.argv[1:] if argv is None else argv
        command = " ".join([".venv/bin/python -m", f"bench.{module or name}", *args])
        meta = {
            "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
            "load_average_start": [round(x, 2) for x in os.getloadavg()],
            "commit": commit(),
            "machine": machine(),
        }
        return cls(name, command, quick, time.perf_counter(), meta)

    def table(
        self, table_id: str, columns: list[str], *, formats: list[str | None] | None = None, title: str = ""
    ) -> Table:
        table = Table(table_id, columns, formats or [None] * len(columns), title=title)
        self.tables.append(table)
        return table

    def write(self, out: Path | None = None) -> Path:
        """Write ``<out>/<name>.json`` (default ``bench/results``) and return its path."""
        directory = out or RESULTS
        directory.mkdir(parents=True, exist_ok=True)
        data = {
            "schema": SCHEMA,
            "benchmark": self.name,
            "source": "measured",
            "command": self.command,
            "quick": self.quick,
            **self.meta,
            "load_average_end": [round(x, 2) for x in os.getloadavg()],
            "seconds": round(time.perf_counter() - self.started, 1),
            "tables": [
                {"id": t.id, "title": t.title, "columns": t.columns, "formats": t.formats, "rows": t.rows}
                for t in self.tables
            ],
            "numbers": self.numbers,
        }
        path = directory / f"{self.name}.json"
        tmp = path.with_suffix(".json.tmp")
        tmp.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        tmp.replace(path)
        print(f"results: {path}", file=sys.stderr)
        return path


def validate(data: dict[str, Any]) -> list[str]:
    """Problems with one results file (empty when it is well formed)."""
    problems = []
    for key in ("schema", "benchmark", "source", "command", "date", "commit", "tables"):
        if key not in data:
            problems.append(f"missing {key}")
    if data.get("schema") != SCHEMA:
        problems.append(f"schema {data.get('schema')!r}, expected {SCHEMA!r}")
    if data.get("source") == "measured" and "load_average_start" not in data:
        problems.append("a measured run needs its load average")
    for table in data.get("tables", []):
        width = len(table.get("columns", []))
        if not width or len(table.get("formats", [])) != width:
            problems.append(f"table {table.get('id')}: columns and formats differ in length")
        problems += [
            f"table {table.get('id')}: row {i} has {len(row)} cells for {width} columns"
            for i, row in enumerate(table.get("rows", []))
            if len(row) != width
        ]
    if not data.get("tables"):
        problems.append("no tables")
    return problems
