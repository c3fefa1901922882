"""``grassroots serve``: one uvicorn worker serving :func:`create_app`, as the data directory's writer.

It takes the writer lock before listening (a second writer fails at once naming the server; other
processes read the lake snapshot), prints ``listening on URL`` on stderr once the socket is bound, and
stops cleanly on SIGTERM or Ctrl-C (uvicorn finishes open requests, the job runner its running job,
then the lock is released).
"""

from __future__ import annotations

import contextlib
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from typing import Any

from grassroots.errors import MissingDependency
from grassroots.web.settings import WebSettings

__all__ = ["serve"]


def serve(settings: WebSettings, *, announce: Callable[[str], None] | None = None) -> None:
    """Serve until stopped. ``announce`` gets the URL once listening (default: ``listening on URL``)."""
    try:
        import uvicorn
    except ModuleNotFoundError as exc:
        raise MissingDependency("uvicorn", "web") from exc
    from grassroots.web.app import create_app
    from grassroots.workspace import Workspace

    workspace = Workspace(settings=settings.settings, actor="serve")
    workspace.status()  # fails early with a clear message when the data dir is not initialised
    say = announce or (lambda url: print(f"listening on {url}", file=sys.stderr, flush=True))

    class Server(uvicorn.Server):
        async def startup(self, sockets: Any = None) -> None:
            await super().startup(sockets=sockets)
            if self.started:
                say(settings.url)

        @contextlib.contextmanager
        def capture_signals(self) -> Iterator[None]:
            # uvicorn re-raises SIGTERM after its graceful shutdown (exit status -15); a clean stop is
            # what was asked for, so we shut down and exit 0 instead.
            if threading.current_thread() is not threading.main_thread():
                yield
                return
            stops = (signal.SIGINT, signal.SIGTERM)
            before = {sig: signal.signal(sig, self.handle_exit) for sig in stops}
            try:
                yield
            finally:
                for sig, handler in before.items():
                    signal.signal(sig, handler)

    from grassroots.lake import writer_lock

    app = create_app(settings)
    config = uvicorn.Config(
        app,
        host=settings.host,
        port=settings.port,
        workers=1,
        log_level="warning",
        access_log=False,
        proxy_headers=True,
        forwarded_allow_ips=settings.forwarded_allow_ips,
        server_header=False,
        date_header=False,
    )
    with writer_lock(settings.settings.lake_path, command="grassroots serve") as lock:
        app.state.jobs.own(lock, workspace.lake_reader())  # request threads read the snapshot through it
        Server(config).run()
