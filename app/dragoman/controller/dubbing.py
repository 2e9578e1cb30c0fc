"""The app's dubbing queue: one owner for the jobs the Dubbing window shows and their tasks.

Each job has one task (upload, create, wait, download), kept in a dict by the job's local key,
cancelled and awaited by :meth:`DubbingQueue.aclose`.  Every step is saved in the local job store
(through ``run_blocking``: the store writes a file) before it is shown, so a job survives a quit
or a crash and :meth:`start` resumes waiting for it at the next start.  The UI only calls the
slots here and listens to the signals; the network client comes in through ``runner_factory``,
built by the composition root, so neither this module nor the UI imports a provider.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import time
import uuid
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QObject, Signal

from dragoman.blocking import run_blocking
from dragoman.core.dubbing import (
    AUTO,
    DubbingJob,
    JobCallbacks,
    Phase,
    check_source_url,
    is_url,
    job_errored,
    job_resumed,
    job_stopped,
    media_for_name,
    new_job,
)
from dragoman.core.errors import DragomanError, UsageError

log = logging.getLogger(__name__)

ORIGIN = "app"


class JobStoreLike(Protocol):
    """The job store (``dragoman.store.jobs.JobStore``); both calls block on the disk."""

    def load(self) -> list[DubbingJob]: ...
    def put(self, job: DubbingJob) -> None: ...


class RunnerLike(Protocol):
    """Takes one job from where its record stands to DONE or FAILED
    (``dragoman.providers.dubbing.JobRunner``)."""

    async def run(self, job: DubbingJob, events: JobCallbacks) -> DubbingJob: ...


RunnerFactory = Callable[[], Awaitable[RunnerLike]]


class DubbingQueue(QObject):
    """The jobs started from the app, in the order they were added."""

    job_added = Signal(str)  # local key of a new row
    job_changed = Signal(str)  # its record (state, progress, error) or whether it runs changed
    job_finished = Signal(str)  # done or failed (or an error here): worth a notification
    hint_raised = Signal(str, str)  # key, the "stuck in processing" hint

    def __init__(
        self,
        *,
        store: JobStoreLike,
        runner_factory: RunnerFactory,
        clock: Callable[[], float] = time.time,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._runner_factory = runner_factory
        self._clock = clock
        self._jobs: dict[str, DubbingJob] = {}
        self._tasks: dict[str, asyncio.Task[None]] = {}
        self._stopping: set[str] = set()
        self._started = False
        self._closed = False

    def __repr__(self) -> str:
        return f"DubbingQueue(jobs={len(self._jobs)}, running={sorted(self._tasks)})"

    # -- what the window reads ------------------------------------------------------------------

    def jobs(self) -> list[DubbingJob]:
        return list(self._jobs.values())

    def job(self, key: str) -> DubbingJob | None:
        return self._jobs.get(key)

    def running(self, key: str) -> bool:
        return key in self._tasks

    # -- life cycle ------------------------------------------------------------------------------

    async def start(self) -> None:
        """Load the app's jobs from the store and resume every one that was under way."""
        if self._started or self._closed:
            return
        self._started = True
        stored = await run_blocking(self._store.load)
        for job in stored:
            if job.origin == ORIGIN and job.key not in self._jobs:
                self._jobs[job.key] = job
                self.job_added.emit(job.key)
        for job in list(self._jobs.values()):
            if job.phase.active:
                log.info("resuming dubbing job %s (%s)", job.job_id or job.key, job.phase.value)
                self._spawn(job_resumed(job, self._clock()))

    async def aclose(self) -> None:
        """Stop every task (the records stay as they were, so the next start resumes them)."""
        if self._closed:
            return
        self._closed = True
        tasks = list(self._tasks.values())
        for task in tasks:
            task.cancel()
        for task in tasks:
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task

    # -- slots ------------------------------------------------------------------------------------

    def add(
        self, source: str, target_lang: str, *, source_lang: str = AUTO, reduce_accent: bool = False
    ) -> str:
        """Queue a local file or a link; its key.  UsageError (a sentence) if it cannot be."""
        if self._closed:
            raise UsageError("Dragoman is quitting: add the file again after the next start.")
        if is_url(source):
            check_source_url(source)
        else:
            media_for_name(Path(source).name)
        job = new_job(
            uuid.uuid4().hex[:12],
            source,
            target_lang,
            now=self._clock(),
            source_lang=source_lang,
            reduce_accent=reduce_accent,
            origin=ORIGIN,
        )
        self._jobs[job.key] = job
        self.job_added.emit(job.key)
        self._spawn(job)
        return job.key

    def stop(self, key: str) -> None:
        """Stop waiting for (or uploading) a job; at Pinch it may go on.  Resumable."""
        task = self._tasks.get(key)
        if task is not None:
            self._stopping.add(key)
            task.cancel()

    def resume(self, key: str) -> None:
        job = self._jobs.get(key)
        if job is None or key in self._tasks or self._closed or job.phase is Phase.DONE:
            return
        if job.phase is Phase.FAILED:
            return  # Pinch ended it: a new job is the way
        self._spawn(job_resumed(job, self._clock()))

    # -- the tasks --------------------------------------------------------------------------------

    def _spawn(self, job: DubbingJob) -> None:
        self._jobs[job.key] = job
        task = asyncio.ensure_future(self._run(job.key))
        self._tasks[job.key] = task
        task.add_done_callback(functools.partial(self._on_task_done, job.key))
        self.job_changed.emit(job.key)

    def _on_task_done(self, key: str, task: asyncio.Task[None]) -> None:
        if self._tasks.get(key) is task:
            del self._tasks[key]
            if not self._closed:
                self.job_changed.emit(key)  # not running any more: what can be done changed

    async def _run(self, key: str) -> None:
        events = JobCallbacks(
            changed=self._on_runner_changed,
            progressed=self._on_runner_progressed,
            hinted=self._on_runner_hinted,
        )
        try:
            await self._save(self._jobs[key])
            runner = await self._runner_factory()
            await runner.run(self._jobs[key], events)
        except asyncio.CancelledError:
            if key in self._stopping:
                self._stopping.discard(key)
                await self._save(job_stopped(self._jobs[key], self._clock()))
            raise
        except DragomanError as error:
            log.info("dubbing job %s: %s", key, error)
            await self._save(job_errored(self._jobs[key], str(error), self._clock()))
        except Exception as error:  # a bug: said once, the job kept for a retry
            log.exception("dubbing job %s failed unexpectedly", key)
            sentence = f"Unexpected error ({type(error).__name__}: {error}); try again."
            await self._save(job_errored(self._jobs[key], sentence, self._clock()))
        self.job_finished.emit(key)

    async def _save(self, job: DubbingJob) -> None:
        self._jobs[job.key] = job
        try:
            await run_blocking(self._store.put, job)
        except OSError as error:
            log.warning("could not save dubbing job %s: %s", job.key, error)
        self.job_changed.emit(job.key)

    async def _on_runner_changed(self, job: DubbingJob) -> None:
        await self._save(job)

    def _on_runner_progressed(self, job: DubbingJob) -> None:
        self._jobs[job.key] = job
        self.job_changed.emit(job.key)

    def _on_runner_hinted(self, job: DubbingJob, text: str) -> None:
        self.hint_raised.emit(job.key, text)
