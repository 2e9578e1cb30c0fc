"""``dragoman dub`` and ``dragoman jobs``: Pinch dubbing jobs from the shell.

``dub SOURCE --to LANG`` uploads a local file (or passes an https:// link on), creates the job,
prints its id at once, waits (progress on a terminal, nothing but final lines otherwise) and saves
the result beside the source as ``NAME.LANG.EXT`` with both subtitle files.  Ctrl-C while waiting
leaves the job running at Pinch and says how to come back: ``dub --resume JOB_ID``.
``jobs`` lists what was started here, from the local job store.

Exit codes as for ``translate``: 0 done; 2 usage or unreadable input (or an unknown job id);
3 key rejected or missing; 4 not entitled or balance too low; 5 unavailable after retries;
6 the job failed, Pinch refused it, or a protocol error; 130 interrupted.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import uuid
from dataclasses import replace
from pathlib import Path
from typing import Any, Final
from urllib.parse import urlsplit

from dragoman.cli.arguments import check_language, missing_key
from dragoman.cli.helptext import examples
from dragoman.cli.interrupt import run_interruptible
from dragoman.core.backoff import DelayFactory
from dragoman.core.dubbing import (
    DEFAULT_BASE_URL,
    LANGUAGES,
    DubbingJob,
    JobCallbacks,
    JobFailed,
    Phase,
    StuckPolicy,
    check_job_id,
    check_source_url,
    describe,
    format_cost,
    format_duration,
    is_url,
    job_errored,
    job_resumed,
    job_stopped,
    media_for_name,
    new_job,
    percent,
    poll_interval,
    retry_delays,
    web_page_hint,
)
from dragoman.core.errors import DragomanError, UsageError

DUBBING_URL_ENV: Final = "DRAGOMAN_DUBBING_URL"  # as dragoman.providers.dubbing reads it
EXIT_INTERRUPTED: Final = 130
# When a job counts as stuck in processing, and the pauses between retries (tests shorten them).
STUCK: StuckPolicy = StuckPolicy()
RETRY_DELAYS: DelayFactory = retry_delays


def register(commands: Any) -> None:
    dub = commands.add_parser(
        "dub",
        help="dub a recording or video into another language (Pinch dubbing jobs)",
        description=(
            "Translate a whole recording or video into another language, spoken, with "
            "subtitles. SOURCE is a local media file (uploaded) or a direct https:// link to "
            "one. The job id is printed as soon as the job exists."
        ),
        epilog=examples(
            "dragoman dub talk.mp4 --to es          # waits, saves talk.es.mp4 and subtitles",
            "dragoman dub https://cdn.example.com/demo.mov --from en --to de --out demo-de.mp4",
            "dragoman dub lecture.m4a --to fr --detach; dragoman dub --resume JOB_ID",
        ),
    )
    dub.add_argument("source", nargs="?", metavar="SOURCE", help="media file or https:// link")
    dub.add_argument(
        "--to", dest="target", metavar="LANG", help=f"target language: {', '.join(LANGUAGES)}"
    )
    dub.add_argument(
        "--from", dest="source_lang", metavar="LANG", default="auto", help="spoken language or auto"
    )
    dub.add_argument("--reduce-accent", action="store_true", help="a more native-sounding voice")
    dub.add_argument(
        "--out", type=Path, metavar="FILE", help="the dubbed file (default: NAME.LANG.EXT)"
    )
    dub.add_argument(
        "--subtitles",
        type=Path,
        metavar="DIR",
        help="folder for the subtitles (default: beside the output)",
    )
    dub.add_argument(
        "--detach", action="store_true", help="stop once the job exists (come back with --resume)"
    )
    dub.add_argument(
        "--poll", type=float, metavar="SECONDS", help="seconds between status checks (default 12)"
    )
    dub.add_argument("--resume", metavar="JOB_ID", help="keep waiting for a job and download it")
    dub.add_argument("--api-key-file", type=Path, metavar="FILE", help="read the API key from FILE")
    dub.add_argument(
        "--url", help=f"dubbing API base URL (default: ${DUBBING_URL_ENV} or {DEFAULT_BASE_URL})"
    )
    dub.set_defaults(run=run_dub)

    jobs = commands.add_parser(
        "jobs",
        help="list the dubbing jobs started on this computer",
        description="The dubbing jobs started here (command line and app), oldest first.",
    )
    jobs.epilog = examples("dragoman jobs", "dragoman jobs --json")
    jobs.add_argument("--json", action="store_true", help="one JSON array, for scripts")
    jobs.set_defaults(run=run_jobs)


# ----------------------------------------------------------------------------------------------
# dragoman dub


def run_dub(args: argparse.Namespace) -> int:
    from dragoman.providers.dubbing import dubbing_base_url
    from dragoman.providers.net import is_loopback_host
    from dragoman.store.jobs import JobStore

    base_url = dubbing_base_url(args.url)
    poll_s = poll_interval(args.poll, loopback=is_loopback_host(urlsplit(base_url).hostname))
    store = JobStore()
    job = _resumed_job(args, store) if args.resume else _new_job(args)
    api_key = _api_key(args)
    run = _DubRun(store, base_url=base_url, poll_s=poll_s, detach=args.detach)
    run.resume_id = args.resume
    run.out = str(args.out.resolve()) if args.out else ""
    run.subtitles_dir = str(args.subtitles.resolve()) if args.subtitles else ""
    try:
        run_interruptible(run.main(job, api_key))
    except KeyboardInterrupt:
        return run.interrupted()
    finally:
        run.end_progress()
    return 0


def _new_job(args: argparse.Namespace) -> DubbingJob:
    if args.source is None:
        raise UsageError("Say what to dub: dragoman dub FILE_OR_URL --to LANG.")
    if args.target is None:
        raise UsageError(f"Say which language to dub into: --to LANG ({', '.join(LANGUAGES)}).")
    check_language(args.target, "--to")
    check_language(args.source_lang, "--from", auto=True)
    source: str = args.source
    if is_url(source):
        check_source_url(source)
        hint = web_page_hint(source)
        if hint is not None:
            print(f"dragoman: note: {hint}", file=sys.stderr)
    else:
        path = Path(source)
        media_for_name(path.name)
        if not path.is_file():
            raise UsageError(f"Cannot read {path}: no such file.")
        source = str(path.resolve())
    return new_job(
        uuid.uuid4().hex[:12],
        source,
        args.target,
        now=time.time(),
        source_lang=args.source_lang,
        reduce_accent=args.reduce_accent,
        origin="cli",
        out=str(args.out.resolve()) if args.out else "",
        subtitles_dir=str(args.subtitles.resolve()) if args.subtitles else "",
    )


def _resumed_job(args: argparse.Namespace, store: Any) -> DubbingJob | None:
    """The stored record for ``--resume`` (None: a job started elsewhere, asked of Pinch)."""
    if args.source is not None or args.target is not None or args.reduce_accent:
        raise UsageError(
            "--resume continues a job as it was created: give only the job id "
            "(and --out / --subtitles)."
        )
    job_id = check_job_id(args.resume)
    found: DubbingJob | None = store.get(job_id)
    if found is None:
        return None
    if found.phase is Phase.DONE and not args.out and not args.subtitles:
        return found
    return replace(
        job_resumed(found, time.time()),
        out=str(args.out.resolve()) if args.out else found.out,
        subtitles_dir=str(args.subtitles.resolve()) if args.subtitles else found.subtitles_dir,
    )


def _api_key(args: argparse.Namespace) -> str:
    from dragoman.store.secrets import KeyringStore, resolve_key

    found = resolve_key("pinch", KeyringStore(), key_file=args.api_key_file)
    if found is None:
        raise missing_key("pinch")
    return found[0]


class _DubRun:
    """One ``dragoman dub``: the job record as it goes, saved at each step, and the terminal."""

    def __init__(self, store: Any, *, base_url: str, poll_s: float, detach: bool) -> None:
        self.store = store
        self.base_url = base_url
        self.poll_s = poll_s
        self.detach = detach
        self.job: DubbingJob | None = None
        self.tty = sys.stderr.isatty()
        self._line = False
        self._started = time.monotonic()
        self._retry = ""
        self.resume_id: str | None = None
        self.out = ""  # for a job adopted by --resume
        self.subtitles_dir = ""

    async def main(self, job: DubbingJob | None, api_key: str) -> None:
        import httpx

        from dragoman.providers.dubbing import DubbingClient, DubbingConfig, JobRunner
        from dragoman.providers.net import tls_context

        config = DubbingConfig(base_url=self.base_url, retry_delays=RETRY_DELAYS)
        async with httpx.AsyncClient(
            timeout=config.http_timeout, verify=config.ssl_context or tls_context()
        ) as http:
            client = DubbingClient(
                api_key=api_key, http=http, config=config, on_retry=self.on_retry
            )
            runner = JobRunner(client, poll_s=self.poll_s, stuck=STUCK)
            if job is None:
                assert self.resume_id is not None
                job = await self._adopt(client, self.resume_id)
            self.job = job
            if job.phase is Phase.DONE:
                self._print_results(job)
                return
            try:
                await self._run(runner, job)
            except JobFailed:
                raise
            except DragomanError as error:
                if self.job is not None and self.job.job_id:
                    self.save(job_errored(self.job, str(error), time.time()))
                raise

    async def _adopt(self, client: Any, job_id: str) -> DubbingJob:
        """A job this computer has no record of (started elsewhere): what Pinch says of it."""
        snapshot = await client.job(job_id)
        now = time.time()
        return DubbingJob(
            key=uuid.uuid4().hex[:12],
            source=str(Path.cwd() / job_id),  # results are named after the job, here
            target_lang=snapshot.target_lang or "dub",
            source_lang=snapshot.source_lang or "auto",
            job_id=job_id,
            phase=Phase.WAITING,
            out=self.out,
            subtitles_dir=self.subtitles_dir,
            created_at=now,
            updated_at=now,
        )

    async def _run(self, runner: Any, job: DubbingJob) -> None:
        events = JobCallbacks(changed=self.changed, progressed=self.show, hinted=self.hinted)
        if not job.job_id:
            self.save(job)
        job = await runner.create(job, events)
        if self.detach:
            self.end_progress()
            print(
                f"dragoman: job {job.job_id} is on its way at Pinch: come back with "
                f"`dragoman dub --resume {job.job_id}` (or see `dragoman jobs`).",
                file=sys.stderr,
            )
            return
        job, snapshot = await runner.wait(job, events)
        if job.phase is Phase.FAILED:
            raise JobFailed(job.error, job_id=job.job_id, code=job.error_code or None)
        job = await runner.fetch(job, events, snapshot)
        self._print_results(job)

    # -- what the runner reports ----------------------------------------------------------------

    async def changed(self, job: DubbingJob) -> None:
        created = bool(job.job_id) and (self.job is None or not self.job.job_id)
        self.save(job)
        if created:
            self.end_progress()
            print(job.job_id, flush=True)  # stdout: the id, as soon as it exists
        self.show(job)

    def save(self, job: DubbingJob) -> None:
        self.job = job
        self.store.put(job)

    def hinted(self, job: DubbingJob, text: str) -> None:
        self.end_progress()
        print(f"dragoman: {text}", file=sys.stderr, flush=True)

    def on_retry(self, error: DragomanError, delay: float) -> None:
        self._retry = f"retrying in {delay:.0f} s ({str(error).rstrip('.')})"

    def show(self, job: DubbingJob) -> None:
        self.job = job
        if not self.tty:
            return
        parts = [job.job_id or job.name, describe(job)]
        if job.phase is Phase.WAITING:
            parts.append(format_duration(time.monotonic() - self._started) + " elapsed")
        if self._retry:
            parts.append(self._retry)
            self._retry = ""
        line = " · ".join(p for p in parts if p)
        sys.stderr.write(f"\r\x1b[K{line[:200]}")
        sys.stderr.flush()
        self._line = True

    def end_progress(self) -> None:
        if self._line:
            sys.stderr.write("\n")
            sys.stderr.flush()
            self._line = False

    def _print_results(self, job: DubbingJob) -> None:
        self.end_progress()
        for path in (job.output_path, *job.subtitle_paths):
            print(path)
        if self.tty:
            facts = [format_duration(job.duration_s), format_cost(job.cost_usd)]
            shown = ", ".join(f for f in facts if f)
            done = f"dragoman: job {job.job_id} done{f' ({shown})' if shown else ''}."
            print(done, file=sys.stderr)

    def interrupted(self) -> int:
        """Ctrl-C: what is left where, and how to continue; the record kept for --resume."""
        self.end_progress()
        job = self.job
        job_id = job.job_id if job is not None and job.job_id else self.resume_id
        if job is not None and not job.job_id:
            self.store.put(job_stopped(job, time.time()))
        elif job is not None:
            self.store.put(replace(job, uploaded=None, fetched=None))
        if job_id is None:
            print(
                "dragoman: interrupted before the job was created; nothing is running.",
                file=sys.stderr,
            )
            return EXIT_INTERRUPTED
        what = "downloading" if job is not None and job.phase is Phase.FETCHING else "waiting"
        print(
            f"dragoman: stopped {what}; job {job_id} goes on at Pinch. Resume with: "
            f"dragoman dub --resume {job_id}",
            file=sys.stderr,
        )
        return EXIT_INTERRUPTED


# ----------------------------------------------------------------------------------------------
# dragoman jobs


def run_jobs(args: argparse.Namespace) -> int:
    from dragoman.store.jobs import JobStore

    jobs = JobStore().load()
    if args.json:
        print(json.dumps([_job_json(j) for j in jobs], ensure_ascii=False, indent=1))
        return 0
    if not jobs:
        print(
            "dragoman: no dubbing jobs yet (start one with `dragoman dub FILE --to LANG`).",
            file=sys.stderr,
        )
        return 0
    rows = [("JOB", "FILE", "LANGUAGES", "STATE", "PROGRESS", "COST", "DURATION", "OUTPUT")]
    for job in jobs:
        shown = percent(job)
        rows.append(
            (
                job.job_id or "-",
                job.name,
                job.languages,
                describe(job),
                "" if shown is None else f"{shown:.0f} %",
                format_cost(job.cost_usd),
                format_duration(job.duration_s),
                job.output_path,
            )
        )
    widths = [min(40, max(len(row[i]) for row in rows)) for i in range(len(rows[0]) - 1)]
    for row in rows:
        cells = [cell[:width].ljust(width) for cell, width in zip(row, widths, strict=False)]
        print("  ".join([*cells, row[-1]]).rstrip())
    return 0


def _job_json(job: DubbingJob) -> dict[str, Any]:
    return {
        "job_id": job.job_id or None,
        "key": job.key,
        "source": job.source,
        "file": job.name,
        "source_lang": job.source_lang,
        "target_lang": job.target_lang,
        "phase": job.phase.value,
        "state": job.state.value if job.state else None,
        "status": describe(job),
        "progress": percent(job),
        "cost_usd": job.cost_usd,
        "duration_s": job.duration_s,
        "output": job.output_path or None,
        "subtitles": list(job.subtitle_paths),
        "error": job.error or None,
        "origin": job.origin,
        "created_at": job.created_at,
    }
