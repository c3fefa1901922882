"""The ``grassroots`` command: one Typer app, one sub-app per command group.

Group modules import only what they need to parse options; the Workspace and the domains are
imported inside each command so ``grassroots network seeds`` does not pay for the NLP stack at
start-up. Our errors become one line on stderr and a documented exit code (:class:`ExitCode`).
"""

from __future__ import annotations

import os
import re
import sys
from enum import IntEnum
from typing import Any

import typer

from grassroots.cli import (
    advocates,
    alerts,
    assistant,
    brand,
    campaign,
    core,
    corrections,
    demo,
    listen,
    match,
    network,
    outreach,
    portal,
    trust,
    web,
)
from grassroots.cli._console import configure_logging
from grassroots.config import load_settings
from grassroots.errors import Busy, GrassrootsError, InvalidInput, NotFound, SourceError

__all__ = ["ExitCode", "app", "exit_code", "main", "name_flags"]

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
app.add_typer(match.app, name="match")
app.add_typer(alerts.app, name="alerts")
app.add_typer(assistant.app, name="assistant")
app.add_typer(campaign.app, name="campaign")
app.add_typer(outreach.app, name="outreach")
app.add_typer(corrections.app, name="correct")
app.add_typer(portal.app, name="portal")
web.register(app)


class ExitCode(IntEnum):
    """Exit codes of every command (documented in the README)."""

    OK = 0
    #: the step could not finish: the lake or store refused, a missing extra, a damaged file
    FAILURE = 1
    #: usage or bad input: unknown command or option, a bad value, a file that cannot be used
    USAGE = 2
    #: a named thing does not exist: data dir not initialised, creator, lake table, scan results
    NOT_FOUND = 3
    #: another process is writing the data directory (``serve``, ``watch``, another command); the
    #: message names it. ``EX_TEMPFAIL``: try again when it is done
    BUSY = 75


def exit_code(exc: GrassrootsError) -> ExitCode:
    """The documented exit code for one of our errors."""
    if isinstance(exc, InvalidInput | SourceError):
        return ExitCode.USAGE
    if isinstance(exc, NotFound):
        return ExitCode.NOT_FOUND
    if isinstance(exc, Busy):
        return ExitCode.BUSY
    return ExitCode.FAILURE


def _flags(argv: list[str]) -> dict[str, str]:
    """Python parameter name -> its ``--flag`` for the command ``argv`` names (Typer's click tree)."""
    command: Any = typer.main.get_command(app)
    for word in argv:
        found = getattr(command, "commands", {}).get(word)
        if found is None:
            break
        command = found
    out: dict[str, str] = {}
    for param in getattr(command, "params", []):
        longs = [o for o in getattr(param, "opts", []) if o.startswith("--")]
        if param.name and longs and param.param_type_name == "option":
            out[param.name] = longs[0]
    return out


def name_flags(message: str, flags: dict[str, str]) -> str:
    """Show a domain message's ``param=value`` as the CLI flag ``--flag value``.

    >>> name_flags("model='x': expected one of ic, lt", {"model": "--model"})
    "--model 'x': expected one of ic, lt"
    >>> name_flags("g.txt: k=6: need k <= 5; fmt= (one of csv)", {"k": "--k", "fmt": "--format"})
    'g.txt: --k 6: need k <= 5; --format (one of csv)'
    >>> name_flags("use normalise=True to rescale", {"normalise": "--normalise"})
    'use --normalise to rescale'
    """

    def swap(match: re.Match[str]) -> str:
        flag = flags.get(match.group(1))
        if flag is None:
            return match.group(0)
        after = match.string[match.end() : match.end() + 1]
        return flag if match.group(2) or not after or after.isspace() else f"{flag} "

    return re.sub(r"(?<![\w.-])([a-z][a-z0-9_]*)=(True\b)?", swap, message)


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; our errors become one line on stderr and an :class:`ExitCode`, never a traceback.

    Usage errors (unknown command, missing option) are reported by Typer itself with exit code 2.
    """
    args = sys.argv[1:] if argv is None else argv
    os.umask(0o077)  # everything a command writes (data dir, results, exports) is for its owner only
    try:
        configure_logging(load_settings().log_level)
        app(args=args, prog_name="grassroots")
    except SystemExit as exc:
        code = exc.code
        return code if isinstance(code, int) else (0 if code is None else 1)
    except GrassrootsError as exc:
        sys.stderr.write(f"error: {name_flags(str(exc), _flags(args))}\n")
        return int(exit_code(exc))
    except BrokenPipeError:
        sys.stderr.close()
        return 0
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
