"""The ``grassroots`` command: one Typer app, one sub-app per command group.

Group modules import only what they need to parse options; domain code is imported inside each
command so ``grassroots network seeds`` does not pay for the NLP stack at start-up.
"""

from __future__ import annotations

import os
import sys

import typer

from grassroots.cli import advocates, brand, core, demo, listen, network, trust
from grassroots.cli._console import configure_logging
from grassroots.config import load_settings
from grassroots.errors import Busy, GrassrootsError

__all__ = ["EXIT_BUSY", "app", "main"]

#: Exit code when another process is writing the data directory (``EX_TEMPFAIL``: try again later).
EXIT_BUSY = 75

app = typer.Typer(
    name="grassroots",
    help="Find genuine brand advocates, check they are real, seed word of mouth, measure the lift.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
core.register(app)
demo.register(app)
app.add_typer(listen.app, name="listen")
app.add_typer(brand.app, name="brand")
advocates.register(app)
app.add_typer(trust.app, name="trust")
app.add_typer(network.app, name="network")


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; our errors become one line on stderr and a non-zero exit, never a traceback.

    Exit codes: 0 done; 1 ``doctor`` found a failing check; 2 bad input or a refused operation (and
    usage errors, reported by Typer itself); 75 another process is writing the data directory.
    """
    os.umask(0o077)  # everything a command writes (data dir, results, exports) is for its owner only
    try:
        configure_logging(load_settings().log_level)
        app(args=argv, prog_name="grassroots")
    except SystemExit as exc:
        code = exc.code
        return code if isinstance(code, int) else (0 if code is None else 1)
    except Busy as exc:
        sys.stderr.write(f"error: {exc}\n")
        return EXIT_BUSY
    except GrassrootsError as exc:
        sys.stderr.write(f"error: {exc}\n")
        return 2
    except BrokenPipeError:
        sys.stderr.close()
        return 0
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
