"""The server's job runner: long steps (a listen scan, seed planning) run one at a time in a worker
thread of the serve process, never inside a request.

``POST /api/v1/jobs`` submits one and answers 202 with the job's status resource; clients poll
``GET /api/v1/jobs/{id}``. Jobs live in the server's memory (a restart forgets finished ones). The
serve process holds the data directory's writer lock; after each job the lake snapshot that other
processes read is refreshed, so they see the job's results, and the server's own long-lived reader
(:class:`~grassroots.lake.LakeReader`, which request threads read through) reopens on it.
"""

from __future__ import annotations

import contextlib
import logging
import secrets
import threading
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, Literal, TypeVar

from grassroots.config import Settings
from grassroots.errors import GrassrootsError, NotFound

if TYPE_CHECKING:
    from grassroots.lake import LakeReader, WriterLock

__all__ = ["Job", "JobRunner", "JobState"]

JobState = Literal["queued", "running", "succeeded", "failed"]
_T = TypeVar("_T")
_log = logging.getLogger(__name__)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass(frozen=True)
class Job:
    """One submitted job and how far it has got."""

    id: str
    kind: str
    params: Mapping[str, Any]
    actor: str
    state: JobState = "queued"
    created_at: str = field(default_factory=_now)
    finished_at: str | None = None
    result: Mapping[str, Any] | None = None
    error: str | None = None

    def to_dict(self) -> dict[str, Any]:
        out = dict(self.__dict__)
        out["params"], out["result"] = dict(self.params), dict(self.result) if self.result else None
        return out


class JobRunner:
    """Runs submitted callables one at a time; keeps their status."""

    def __init__(self, settings: Settings, *, on_done: Callable[[Job], None] | None = None) -> None:
        self.settings = settings
        self._on_done = on_done
        #: the writer lock ``grassroots serve`` holds (None in tests: no snapshot to refresh)
        self.writer: WriterLock | None = None
        #: the server's reader of the snapshot (reopened after every refresh; jobs bypass it)
        self.reader: LakeReader | None = None
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="grassroots-job")
        self._jobs: dict[str, Job] = {}
        self._lock = threading.Lock()

    def own(self, writer: WriterLock, reader: LakeReader) -> None:
        """Run as the data directory's writer (``grassroots serve`` holds ``writer`` while serving):
        refresh the snapshot after every job and reopen ``reader``, which request threads read."""
        self.writer, self.reader = writer, reader

    def submit(
        self, kind: str, params: Mapping[str, Any], actor: str, work: Callable[[], Mapping[str, Any]]
    ) -> Job:
        """Queue ``work`` (which returns a JSON-able summary); returns the queued job."""
        job = Job(id=secrets.token_hex(8), kind=kind, params=dict(params), actor=actor)
        with self._lock:
            self._jobs[job.id] = job
        self._pool.submit(self._run, job.id, work)
        return job

    def _set(self, job_id: str, **changes: Any) -> None:
        with self._lock:
            self._jobs[job_id] = replace(self._jobs[job_id], **changes)

    def _bypass(self) -> contextlib.AbstractContextManager[None]:
        """Jobs read the lake itself (what they just wrote), never the request threads' snapshot."""
        return self.reader.bypassed() if self.reader is not None else contextlib.nullcontext()

    def _run(self, job_id: str, work: Callable[[], Mapping[str, Any]]) -> None:
        self._set(job_id, state="running")
        try:
            with self._bypass():
                result = work()
        except GrassrootsError as exc:
            self._set(job_id, state="failed", error=str(exc), finished_at=_now())
        except Exception as exc:  # a job's crash is reported on the job, never kills the server
            _log.exception("job %s (%s) crashed", job_id, self._jobs[job_id].kind)
            self._set(
                job_id, state="failed", error=f"internal error: {type(exc).__name__}", finished_at=_now()
            )
        else:
            self._set(job_id, state="succeeded", result=dict(result), finished_at=_now())
        finally:
            self._refresh_snapshot()

    def _refresh_snapshot(self) -> None:
        if self.writer is not None:
            self.writer.refresh_snapshot()
        if self.reader is not None:
            self.reader.reopen()

    def call(self, work: Callable[[], _T]) -> _T:
        """Run ``work`` on the job thread now (after the running job), wait for it, refresh the snapshot.

        For short writes that must not interleave with a job, e.g. an erase, after which the snapshot
        must not keep the erased person's bytes.
        """

        def wrapped() -> _T:
            try:
                with self._bypass():
                    return work()
            finally:
                self._refresh_snapshot()

        return self._pool.submit(wrapped).result()

    def get(self, job_id: str) -> Job:
        with self._lock:
            job = self._jobs.get(job_id)
        if job is None:
            raise NotFound(f"job {job_id!r}: no such job (jobs are kept until the server restarts)")
        return job

    def list(self) -> list[Job]:
        """Every job, newest first."""
        with self._lock:
            return sorted(self._jobs.values(), key=lambda j: (j.created_at, j.id), reverse=True)

    def shutdown(self) -> None:
        """Wait for the running job; drop queued ones."""
        self._pool.shutdown(wait=True, cancel_futures=True)
        if self.reader is not None:
            self.reader.close()
