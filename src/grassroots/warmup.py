"""Compile and cache every numba kernel and export the ONNX embedding model (run by ``make`` at install
time, never on a user's first run)."""

from __future__ import annotations

import importlib
import logging
import sys

#: Modules that expose ``warm() -> None``; each compiles its kernels with ``cache=True``.
KERNEL_MODULES: tuple[str, ...] = (
    "grassroots.network._parse",
    "grassroots.network._rr",
    "grassroots.network.simulate",
)
#: Modules whose ``warm() -> None`` writes an install-time artefact (the fp32 ONNX sentence model).
ARTEFACT_MODULES: tuple[str, ...] = ("grassroots.listen.embedding",)


_log = logging.getLogger(__name__)


def main() -> int:
    logging.basicConfig(level=logging.INFO, stream=sys.stderr, format="%(message)s")
    for name in KERNEL_MODULES + ARTEFACT_MODULES:
        importlib.import_module(name).warm()
        _log.info("warmed %s", name)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
