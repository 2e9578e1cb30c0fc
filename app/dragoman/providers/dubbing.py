"""The async Pinch dubbing client (httpx) and the runner that takes one job from start to files.

Protocol decisions (what to send, what an answer means, which errors are final, how often to
poll, when a job looks stuck) live in :mod:`dragoman.core.dubbing`; this module moves bytes,
sleeps and keeps files.  Three rules from the spec shape it:

* the presigned upload is a ``PUT`` of the raw bytes with exactly the announced Content-Type and
  a Content-Length (storage hosts refuse chunked uploads), streamed from disk a chunk at a time;
* presigned links go to another host and carry their own signature: they get no Authorization
  header (it would hand the key to that host, and signed URLs reject it);
* downloads grow in a ``.part`` file named after the job, renamed when complete, and resume
  with ``Range`` after a cut; an expired output link is replaced through ``/result``.

File reads and writes go through :func:`dragoman.blocking.run_blocking`, so the desktop app's
Qt thread never waits on a disk.
"""

from __future__ import annotations

import asyncio
import logging
import os
import re
import ssl
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TypeVar
from urllib.parse import urlsplit

import httpx

from dragoman.blocking import run_blocking
from dragoman.core.backoff import DelayFactory, honour_retry_after
from dragoman.core.dubbing import (
    DEFAULT_BASE_URL,
    ApiRequest,
    DownloadLink,
    DubbingJob,
    JobCallbacks,
    JobRequest,
    JobSnapshot,
    Phase,
    StorageRefused,
    StuckPolicy,
    display_url,
    job_done,
    job_fetching,
    job_observed,
    job_request,
    job_uploading,
    link_expired,
    media_for_name,
    output_extension,
    parse_job,
    parse_result,
    parse_upload_target,
    part_name,
    result_name,
    result_request,
    retry_delays,
    source_kind,
    source_stem,
    storage_error,
    stuck_hint,
    subtitle_extension,
    upload_url_request,
)
from dragoman.core.errors import DragomanError, ServiceUnavailable, UsageError
from dragoman.providers.net import check_service_url

log = logging.getLogger(__name__)

T = TypeVar("T")
Sleep = Callable[[float], Awaitable[None]]
Clock = Callable[[], float]
Progress = Callable[[int, int | None], None]  # bytes done, bytes in all (None: unknown)

DUBBING_URL_ENV = "DRAGOMAN_DUBBING_URL"
MAX_RETRY_AFTER_S = 120.0
WRITE_BATCH = 1 << 20  # downloaded bytes gathered before one disk write


def dubbing_base_url(explicit: str | None = None) -> str:
    """The endpoint: ``explicit`` (``--url``), else ``$DRAGOMAN_DUBBING_URL``, else Pinch's."""
    if explicit:
        return check_service_url(explicit)
    from_env = os.environ.get(DUBBING_URL_ENV, "").strip()
    if from_env:
        try:
            return check_service_url(from_env)
        except UsageError as error:
            raise UsageError(
                f"{DUBBING_URL_ENV} holds a URL Dragoman cannot use: {error} "
                f"Fix or unset {DUBBING_URL_ENV}."
            ) from None
    return DEFAULT_BASE_URL


@dataclass(frozen=True)
class DubbingConfig:
    """How the client talks to Pinch's dubbing API."""

    base_url: str = DEFAULT_BASE_URL
    http_timeout: float = 30.0
    chunk_size: int = 1 << 20  # bytes read from disk per upload chunk
    retry_delays: DelayFactory = retry_delays
    max_link_refreshes: int = 3  # fresh links tried for one download before giving up
    ssl_context: ssl.SSLContext | None = None

    def __post_init__(self) -> None:
        check_service_url(self.base_url)


class DubbingClient:
    """One key against one endpoint; every call retries 429/5xx and network failures on
    ``config.retry_delays`` and raises our errors (401, 402, 400 ... at once)."""

    def __init__(
        self,
        *,
        api_key: str,
        http: httpx.AsyncClient,
        config: DubbingConfig | None = None,
        sleep: Sleep = asyncio.sleep,
        clock: Clock = time.time,
        on_retry: Callable[[DragomanError, float], None] | None = None,
    ) -> None:
        self._key = api_key
        self.http = http
        self.config = config or DubbingConfig()
        self._sleep = sleep
        self.clock = clock
        self._on_retry = on_retry
        self._host = urlsplit(self.config.base_url).hostname or self.config.base_url

    def __repr__(self) -> str:
        return f"DubbingClient(base_url={self.config.base_url!r})"

    # -- the API ----------------------------------------------------------------------------------

    async def create(self, request: JobRequest) -> JobSnapshot:
        """``POST /api/dubbing/jobs``.  A failure after the request went out is not retried
        (it may have created a job); one before it (connect, 429, 5xx) is."""
        return await self._api(request.request(), parse_job, resend=False)

    async def job(self, job_id: str) -> JobSnapshot:
        return await self._api(job_request(job_id), parse_job)

    async def fresh_output_link(self, job_id: str) -> DownloadLink:
        return await self._api(result_request(job_id), parse_result)

    async def _api(
        self,
        request: ApiRequest,
        parse: Callable[[int, bytes, str | None], T],
        *,
        resend: bool = True,
    ) -> T:
        delays = self.config.retry_delays()
        tries = 0
        headers = {"Authorization": f"Bearer {self._key}", "Accept": "application/json"}
        if request.body is not None:
            headers["Content-Type"] = "application/json"
        while True:
            tries += 1
            try:
                response = await self.http.request(
                    request.method,
                    request.url(self.config.base_url),
                    content=request.content() if request.body is not None else None,
                    headers=headers,
                )
                return parse(
                    response.status_code, response.content, response.headers.get("retry-after")
                )
            except ServiceUnavailable as error:
                if not error.retryable:
                    raise
                await self._pause(error, delays, tries)
            except httpx.HTTPError as exc:
                lost = network_error(exc, self._host)
                if not resend and not _never_sent(exc):
                    raise ServiceUnavailable(
                        f"{str(lost).rstrip('.')}, after the job request was sent: it may "
                        "exist on Pinch without its id here. Start it again, or ask "
                        "support for the job id.",
                        retryable=False,
                    ) from exc
                if not lost.retryable:
                    raise lost from exc
                await self._pause(lost, delays, tries)

    async def _pause(
        self, error: ServiceUnavailable, delays: Iterator[float], tries: int, *, what: str = ""
    ) -> None:
        delay = next(delays, None)
        if delay is None:
            raise type(error)(
                f"{str(error).rstrip('.')}; gave up after {tries} tries{what}: "
                "try again in a few minutes.",
                retry_after=error.retry_after,
            ) from error
        delay = honour_retry_after(delay, error.retry_after, MAX_RETRY_AFTER_S)
        log.info("dubbing request failed (%s); retrying in %.1f s", error, delay)
        if self._on_retry is not None:
            self._on_retry(error, delay)
        await self._sleep(delay)

    # -- upload -----------------------------------------------------------------------------------

    async def upload(self, path: Path, *, on_progress: Progress | None = None) -> str:
        """Upload a local file through a presigned link; its ``source_url`` for the job.

        The bytes are streamed from disk (never read whole) with the announced Content-Type and
        a Content-Length; 429, 5xx and network failures start the PUT again from the first byte.
        """
        media = media_for_name(path.name)
        size = await run_blocking(_file_size, path)
        target = await self._api(
            upload_url_request(path.name, media.content_type), parse_upload_target
        )
        delays = self.config.retry_delays()
        tries = 0
        while True:
            tries += 1
            try:
                response = await self.http.put(
                    target.upload_url,
                    content=self._file_chunks(path, size, on_progress),
                    headers={"Content-Type": media.content_type, "Content-Length": str(size)},
                )
            except httpx.HTTPError as exc:
                error = network_error(exc, urlsplit(target.upload_url).hostname or "storage")
                if not error.retryable:
                    raise error from exc
                await self._pause(error, delays, tries, what=" to upload")
                continue
            if 200 <= response.status_code < 300:
                log.info(
                    "uploaded %s (%d bytes) to %s", path.name, size, display_url(target.upload_url)
                )
                return target.source_url
            if response.status_code == 429 or response.status_code >= 500:
                busy = ServiceUnavailable(
                    f"The storage host answered HTTP {response.status_code} to the upload."
                )
                await self._pause(busy, delays, tries, what=" to upload")
                continue
            raise storage_error(response.status_code, upload=True)

    async def _file_chunks(
        self, path: Path, size: int, on_progress: Progress | None
    ) -> AsyncIterator[bytes]:
        handle: IO[bytes] = await run_blocking(_open_for_reading, path)
        sent = 0
        try:
            if on_progress is not None:
                on_progress(0, size)
            while sent < size:
                chunk = await run_blocking(handle.read, min(self.config.chunk_size, size - sent))
                if not chunk:
                    raise UsageError(f"{path} got shorter while it was uploaded: try again.")
                sent += len(chunk)
                if on_progress is not None:
                    on_progress(sent, size)
                yield chunk
        finally:
            await run_blocking(handle.close)

    # -- download ---------------------------------------------------------------------------------

    async def download(
        self,
        url: str,
        dest: Path,
        *,
        job_id: str,
        refresh: Callable[[], Awaitable[str]] | None = None,
        on_progress: Progress | None = None,
    ) -> Path:
        """``url`` saved as ``dest``: into a ``.part`` file (resumed from where it stopped, by
        ``Range``), renamed when complete.  A refused link (expired) is replaced by
        ``refresh()`` up to ``max_link_refreshes`` times; 429, 5xx and cuts are retried."""
        part = dest.with_name(part_name(dest.name, job_id))
        delays = self.config.retry_delays()
        tries = refreshes = 0
        while True:
            tries += 1
            have = await run_blocking(_size_or_zero, part)
            headers = {"Accept-Encoding": "identity"}
            if have:
                headers["Range"] = f"bytes={have}-"
            try:
                async with self.http.stream(
                    "GET", url, headers=headers, follow_redirects=True
                ) as response:
                    status = response.status_code
                    if status == 416 and have:
                        await run_blocking(_remove, part)  # not the same file any more: restart
                        continue
                    if status in (200, 206):
                        append = status == 206 and have > 0
                        total = _expected_total(response, have if append else 0)
                        received = await self._save(response, part, append, total, on_progress)
                        if total is not None and received + (have if append else 0) != total:
                            raise httpx.ReadError("the download ended early")
                        await run_blocking(os.replace, part, dest)
                        log.info("downloaded %s", dest.name)
                        return dest
            except httpx.HTTPError as exc:
                error = network_error(exc, urlsplit(url).hostname or "storage")
                if not error.retryable:
                    raise error from exc
                if await run_blocking(_size_or_zero, part) > have:
                    delays, tries = self.config.retry_delays(), 1  # it moved: a fresh budget
                await self._pause(error, delays, tries, what=" to download")
                continue
            if status == 429 or status >= 500:
                busy = ServiceUnavailable(f"The storage host answered HTTP {status}.")
                await self._pause(busy, delays, tries, what=" to download")
                continue
            refused = storage_error(status, upload=False)
            if not refused.expired or refresh is None:
                raise refused
            if refreshes >= self.config.max_link_refreshes:
                raise StorageRefused(
                    f"Even fresh download links were refused (HTTP {status}): try again later, "
                    "or write to support with the job id.",
                    status=status,
                    expired=False,
                )
            refreshes += 1
            log.info("download link refused (HTTP %d): asking for a fresh one", status)
            url = await refresh()

    async def _save(
        self,
        response: httpx.Response,
        part: Path,
        append: bool,
        total: int | None,
        on_progress: Progress | None,
    ) -> int:
        handle: IO[bytes] = await run_blocking(_open_for_writing, part, append)
        base = await run_blocking(handle.tell) if append else 0
        received = 0
        pending = bytearray()
        try:
            async for chunk in response.aiter_bytes():
                pending += chunk
                received += len(chunk)
                if len(pending) >= WRITE_BATCH:
                    await run_blocking(handle.write, bytes(pending))
                    pending.clear()
                if on_progress is not None:
                    on_progress(base + received, None if total is None else total)
        finally:
            if pending:
                await run_blocking(handle.write, bytes(pending))
            await run_blocking(handle.close)
        return received


def network_error(exc: httpx.HTTPError, host: str) -> ServiceUnavailable:
    if isinstance(exc, httpx.TimeoutException):
        return ServiceUnavailable(f"{host} did not answer in time: check your connection.")
    reason = str(exc) or type(exc).__name__
    if "CERTIFICATE_VERIFY_FAILED" in reason:
        return ServiceUnavailable(
            f"{host}'s TLS certificate could not be verified: check the service URL "
            "(or your network's proxy).",
            retryable=False,
        )
    if isinstance(exc, httpx.UnsupportedProtocol | httpx.InvalidURL):
        return ServiceUnavailable(f"Cannot use the link to {host} ({reason}).", retryable=False)
    return ServiceUnavailable(f"Could not reach {host} ({reason}): check your connection.")


def _never_sent(exc: httpx.HTTPError) -> bool:
    return isinstance(exc, httpx.ConnectError | httpx.ConnectTimeout | httpx.PoolTimeout)


def _expected_total(response: httpx.Response, offset: int) -> int | None:
    """The whole file's length: from Content-Range (``bytes a-b/N``) or offset + Content-Length."""
    content_range = response.headers.get("content-range", "")
    match = re.fullmatch(r"bytes \d+-\d+/(\d+)", content_range.strip())
    if match:
        return int(match.group(1))
    length = response.headers.get("content-length", "")
    return offset + int(length) if length.isdigit() else None


# Blocking helpers, each run through run_blocking.


def _file_size(path: Path) -> int:
    try:
        if not path.is_file():
            raise UsageError(f"{path} is not a file.")
        return path.stat().st_size
    except OSError as exc:
        raise UsageError(f"Cannot read {path}: {exc.strerror}.") from exc


def _open_for_reading(path: Path) -> IO[bytes]:
    try:
        return path.open("rb")
    except OSError as exc:
        raise UsageError(f"Cannot read {path}: {exc.strerror}.") from exc


def _open_for_writing(path: Path, append: bool) -> IO[bytes]:
    try:
        return path.open("ab" if append else "wb")
    except OSError as exc:
        raise UsageError(f"Cannot write {path}: {exc.strerror}.") from exc


def _size_or_zero(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _make_dir(path: Path) -> None:
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError(f"Cannot create the folder {path}: {exc.strerror}.") from exc


def _remove(path: Path) -> None:
    path.unlink(missing_ok=True)


# ----------------------------------------------------------------------------------------------
# One job from start to files


class JobRunner:
    """Uploads, creates, waits for and fetches one job at a time, for the CLI and the app.

    Each step starts from what the record says (``job.phase``, ``job.job_id``), so a record
    saved by an interrupted run continues where it stopped.
    """

    def __init__(
        self,
        client: DubbingClient,
        *,
        poll_s: float,
        stuck: StuckPolicy | None = None,
        url_output_dir: Path | None = None,
        sleep: Sleep = asyncio.sleep,
    ) -> None:
        self.client = client
        self.poll_s = poll_s
        self.stuck = stuck or StuckPolicy()
        self.url_output_dir = url_output_dir or Path.cwd()
        self._sleep = sleep

    def __repr__(self) -> str:
        return f"JobRunner({self.client!r}, poll_s={self.poll_s:g})"

    async def run(self, job: DubbingJob, events: JobCallbacks) -> DubbingJob:
        """Every step that is left; the record at the end (DONE or FAILED)."""
        job = await self.create(job, events)
        job, snapshot = await self.wait(job, events)
        if job.phase is Phase.FETCHING:
            job = await self.fetch(job, events, snapshot)
        return job

    async def create(self, job: DubbingJob, events: JobCallbacks) -> DubbingJob:
        """Upload (a local file) and create the job, unless it exists already."""
        if job.job_id:
            return job
        now = self.client.clock
        source_url = job.source
        if not job.is_url:
            current = job

            def uploaded(sent: int, total: int | None) -> None:
                nonlocal current
                current = job_uploading(current, sent, total or 0, now())
                events.progressed(current)

            source_url = await self.client.upload(Path(job.source), on_progress=uploaded)
        snapshot = await self.client.create(
            JobRequest(source_url, job.target_lang, job.source_lang, job.reduce_accent)
        )
        created = job_observed(job, snapshot, now(), self.stuck)
        log.info("dubbing job %s created for %s", created.job_id, created.name)
        await events.changed(created)
        return created

    async def wait(
        self, job: DubbingJob, events: JobCallbacks
    ) -> tuple[DubbingJob, JobSnapshot | None]:
        """Poll until the job is completed or failed; its last snapshot (None if not polled)."""
        snapshot = None
        while job.phase is Phase.WAITING:
            snapshot = await self.client.job(job.job_id)
            observed = job_observed(job, snapshot, self.client.clock(), self.stuck)
            if observed.stuck_hinted and not job.stuck_hinted:
                waited = self.client.clock() - (observed.processing_since or 0)
                events.hinted(observed, stuck_hint(observed.job_id, waited))
            if observed != job:
                await events.changed(observed)
            job = observed
            if job.phase is Phase.WAITING:
                await self._sleep(self.poll_s)
        return job, snapshot

    async def fetch(
        self, job: DubbingJob, events: JobCallbacks, snapshot: JobSnapshot | None = None
    ) -> DubbingJob:
        """Download the output and both subtitle files; the record with their paths."""
        client = self.client
        if snapshot is None:
            snapshot = await client.job(job.job_id)
        dest = self.output_path(job, snapshot)
        current = job

        def fetched(received: int, total: int | None) -> None:
            nonlocal current
            current = job_fetching(current, received, total, client.clock())
            events.progressed(current)

        async def fresh_output() -> str:
            return (await client.fresh_output_link(job.job_id)).url

        await run_blocking(_make_dir, dest.parent)
        url = snapshot.output_url
        if url is None or link_expired(snapshot.output_expires_at, client.clock()):
            url = await fresh_output()
        await client.download(
            url, dest, job_id=job.job_id, refresh=fresh_output, on_progress=fetched
        )
        subtitles = []
        folder = Path(job.subtitles_dir) if job.subtitles_dir else dest.parent
        await run_blocking(_make_dir, folder)
        for which, language in self._subtitle_languages(job, snapshot):
            link = getattr(snapshot, f"subtitles_{which}_url")
            if link is None:
                continue

            async def fresh_subtitles(which: str = which) -> str:
                again = await client.job(job.job_id)
                fresh: str | None = getattr(again, f"subtitles_{which}_url")
                if fresh is None:
                    raise StorageRefused(
                        "The subtitles are no longer offered for this job.",
                        status=404,
                        expired=False,
                    )
                return fresh

            name = result_name(source_stem(job.source), language, subtitle_extension(link))
            subtitles.append(
                await client.download(
                    link, folder / name, job_id=job.job_id, refresh=fresh_subtitles
                )
            )
        done = job_done(job, str(dest), tuple(str(p) for p in subtitles), client.clock())
        await events.changed(done)
        return done

    def output_path(self, job: DubbingJob, snapshot: JobSnapshot) -> Path:
        """``--out``, else ``NAME.LANG.EXT`` beside a local source (or in the URL folder)."""
        if job.out:
            return Path(job.out)
        folder = self.url_output_dir if job.is_url else Path(job.source).parent
        extension = output_extension(source_kind(job.source), snapshot.output_url)
        return folder / result_name(source_stem(job.source), job.target_lang, extension)

    @staticmethod
    def _subtitle_languages(job: DubbingJob, snapshot: JobSnapshot) -> list[tuple[str, str]]:
        spoken = job.source_lang if job.source_lang != "auto" else snapshot.source_lang
        if not spoken or spoken == "auto" or spoken == job.target_lang:
            spoken = "original"
        return [("translated", job.target_lang), ("original", spoken)]
