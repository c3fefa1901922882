"""``grassroots serve``, ``grassroots users ...`` and ``grassroots auth ...``: the web app's edge.

``users`` and ``auth`` write the store directly, so they work with no server running. A password is
read from a prompt (on a terminal) or from stdin with ``--password-stdin``, never from argv (argv is
visible to every user of the machine); a new API key is printed once, alone on stdout.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Annotated, cast

import typer

from grassroots.cli.core import DataDir
from grassroots.errors import InvalidInput

if TYPE_CHECKING:
    from grassroots.store import Role, Scope

__all__ = ["auth_app", "register", "users_app"]

users_app = typer.Typer(help="Web app users and their roles.", no_args_is_help=True)
auth_app = typer.Typer(help="API keys: create, list, revoke.", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    """Add ``serve`` and the ``users`` and ``auth`` groups to ``app``."""

    @app.command()
    def serve(
        host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
        port: Annotated[int, typer.Option(help="Port to listen on.", min=1, max=65535)] = 8000,
        data_dir: DataDir = None,
        secure_cookies: Annotated[
            bool | None,
            typer.Option(
                "--secure-cookies/--no-secure-cookies",
                help="Mark cookies Secure (HTTPS only). Default: on unless listening on a loopback address.",
            ),
        ] = None,
        forwarded_allow_ips: Annotated[
            str,
            typer.Option(help="Proxies whose X-Forwarded-For/-Proto headers are trusted (comma-separated)."),
        ] = "127.0.0.1",
    ) -> None:
        """Serve the dashboard and the REST API; prints `listening on URL` on stderr; stop with SIGTERM."""
        from grassroots.cli._console import settings
        from grassroots.web.serve import serve as run
        from grassroots.web.settings import WebSettings

        core = settings(data_dir=data_dir) if data_dir is not None else settings()
        run(
            WebSettings(
                host=host,
                port=port,
                secure_cookies=secure_cookies,
                forwarded_allow_ips=forwarded_allow_ips,
                core=core,
            )
        )

    app.add_typer(users_app, name="users")
    app.add_typer(auth_app, name="auth")


def _read_password(from_stdin: bool) -> str:
    if from_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    elif sys.stdin.isatty():
        password = typer.prompt("Password", hide_input=True, confirmation_prompt=True, err=True)
    else:
        raise InvalidInput("password: stdin is not a terminal; pipe it in with --password-stdin")
    if not password:
        raise InvalidInput("password: empty")
    return password


@users_app.command("add")
def users_add(
    name: Annotated[str, typer.Argument(help="The user's login name.")],
    role: Annotated[str, typer.Option(help="admin, analyst or viewer.")],
    brand: Annotated[
        str | None, typer.Option(help="The brand this role is for (default: every brand).")
    ] = None,
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help="Read the password from the first line of stdin.")
    ] = False,
    data_dir: DataDir = None,
) -> None:
    """Add a user (or set its password) with a role for a brand or for every brand."""
    from grassroots.cli._console import emit_json, workspace
    from grassroots.store import ROLES

    if role not in ROLES:
        raise InvalidInput(f"role={role!r}: expected one of {', '.join(ROLES)}")
    password = _read_password(password_stdin)
    with workspace(data_dir=data_dir) as ws:
        user = ws.add_user(name, password=password, role=cast("Role", role), brand=brand)
    emit_json(user.to_dict())


@users_app.command("list")
def users_list(data_dir: DataDir = None) -> None:
    """Print every user and its roles, one JSON object per line."""
    from grassroots.cli._console import emit_json, workspace

    with workspace(data_dir=data_dir) as ws:
        found = ws.users()
    for user in found:
        emit_json(user.to_dict())


@auth_app.command("create-key")
def create_key(
    name: Annotated[str, typer.Option(help="A name for the key (who or what uses it).")],
    scope: Annotated[str, typer.Option(help="read, write or admin (admin ⊇ write ⊇ read).")],
    data_dir: DataDir = None,
) -> None:
    """Make an API key; prints exactly the key and a newline, once (only its hash is stored)."""
    from grassroots.cli._console import workspace

    with workspace(data_dir=data_dir) as ws:
        key = ws.create_key(name, scope=cast("Scope", scope))
    sys.stdout.write(key + "\n")


@auth_app.command("list")
def list_keys(data_dir: DataDir = None) -> None:
    """Print every API key (name, first characters, scope, dates; never the key), one JSON per line."""
    from grassroots.cli._console import emit_json, workspace

    with workspace(data_dir=data_dir) as ws:
        found = ws.api_keys()
    for key in found:
        emit_json(key.to_dict())


@auth_app.command("revoke")
def revoke(
    name: Annotated[str, typer.Argument(help="The key's name (from `auth list`).")],
    data_dir: DataDir = None,
) -> None:
    """Revoke an API key at once; prints the revoked key's record."""
    from grassroots.cli._console import emit_json, workspace

    with workspace(data_dir=data_dir) as ws:
        key = ws.revoke_key(name)
    emit_json(key.to_dict())
