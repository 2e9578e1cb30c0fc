"""The async dubbing client and job runner against the emulator over real TCP on 127.0.0.1.

Retries and polls sleep through injected functions that record their delays and move a fake
clock, so backoff, the polling pace and the stuck hint are asserted without waiting for them.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass, field, replace
from pathlib import Path

import httpx
import pytest

from dragoman.core.dubbing import (
    DubbingJob,
    DubbingRejected,
    InsufficientBalance,
    JobCallbacks,
    JobRequest,
    Phase,
    StorageRefused,
    StuckPolicy,
    new_job,
)
from dragoman.core.errors import AuthError, NotEntitled, ServiceBusy, ServiceUnavailable
from dragoman.providers.dubbing import DubbingClient, DubbingConfig, JobRunner
from tests.emulator.dubbing import DubbingEmulator, subtitle_bytes

GOOD = "pk_test_good"


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read(path: str | Path) -> bytes:
    return Path(path).read_bytes()


def write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def names(folder: Path, pattern: str = "*") -> list[str]:
    return sorted(p.name for p in folder.glob(pattern))


@dataclass
class Bed:
    """A client, a runner and everything they reported."""

    emu: DubbingEmulator
    client: DubbingClient
    runner: JobRunner
    now: list[float]
    sleeps: list[float] = field(default_factory=list)
    retries: list[tuple[str, float]] = field(default_factory=list)
    changes: list[DubbingJob] = field(default_factory=list)
    progress: list[DubbingJob] = field(default_factory=list)
    hints: list[str] = field(default_factory=list)

    async def sleep(self, delay: float) -> None:
        self.sleeps.append(delay)
        self.now[0] += delay

    async def changed(self, job: DubbingJob) -> None:
        self.changes.append(job)

    def callbacks(self) -> JobCallbacks:
        return JobCallbacks(
            changed=self.changed,
            progressed=self.progress.append,
            hinted=lambda _job, text: self.hints.append(text),
        )

    async def run(self, job: DubbingJob) -> DubbingJob:
        return await self.runner.run(job, self.callbacks())


@pytest.fixture
async def emu() -> AsyncIterator[DubbingEmulator]:
    async with DubbingEmulator() as emulator:
        yield emulator


@pytest.fixture
async def bed(emu: DubbingEmulator, tmp_path: Path) -> AsyncIterator[Bed]:
    async with httpx.AsyncClient(timeout=10) as http:
        yield make_bed(emu, http, tmp_path)


def make_bed(
    emu: DubbingEmulator,
    http: httpx.AsyncClient,
    tmp_path: Path,
    *,
    key: str = GOOD,
    chunk_size: int = 4096,
    clock_offset: float = 0.0,
) -> Bed:
    now = [time.time() + clock_offset]
    holder: list[Bed] = []

    async def sleep(delay: float) -> None:
        await holder[0].sleep(delay)

    client = DubbingClient(
        api_key=key,
        http=http,
        config=DubbingConfig(base_url=emu.base_url, chunk_size=chunk_size),
        sleep=sleep,
        clock=lambda: now[0],
        on_retry=lambda error, delay: holder[0].retries.append((type(error).__name__, delay)),
    )
    runner = JobRunner(
        client,
        poll_s=12.0,
        stuck=StuckPolicy(ratio=0, floor_s=60, factor=1),
        url_output_dir=tmp_path / "from-urls",
        sleep=sleep,
    )
    holder.append(Bed(emu=emu, client=client, runner=runner, now=now))
    return holder[0]


def media(tmp_path: Path, name: str = "talk.mp4", size: int = 50_000) -> tuple[Path, bytes]:
    data = bytes((i * 7 + 3) % 251 for i in range(size))
    path = tmp_path / name
    path.write_bytes(data)
    return path, data


def a_job(source: str | Path, target: str = "es", **changes: object) -> DubbingJob:
    return replace(new_job("k1", str(source), target, now=time.time()), **changes)  # type: ignore[arg-type]


# --- the whole way -------------------------------------------------------------------------------


async def test_local_file_uploaded_dubbed_and_downloaded_intact(bed: Bed, tmp_path: Path) -> None:
    emu = bed.emu
    source, data = media(tmp_path, "My talk.mp4")
    done = await bed.run(a_job(source, "de", source_lang="en"))

    (upload,) = emu.uploads.values()
    assert upload.filename == "My talk.mp4" and upload.content_type == "video/mp4"
    assert upload.put_content_type == "video/mp4" and upload.puts == 1
    assert (upload.size, upload.sha256, upload.head) == (len(data), sha(data), data)
    put = next(r for r in emu.storage_requests() if r.method == "PUT")
    assert put.content_length == str(len(data)) and not put.chunked
    assert not any(r.authorized for r in emu.storage_requests())  # the key stays with the API
    assert all(r.authorized for r in emu.api_requests())
    assert emu.created == [{"source_url": emu.created[0]["source_url"], "target_lang": "de",
                            "source_lang": "en"}]  # fmt: skip

    assert done.phase is Phase.DONE and done.job_id in emu.jobs
    out = tmp_path / "My talk.de.mp4"
    assert done.output_path == str(out)
    assert sha(read(out)) == sha(emu.output_of(done.job_id))
    translated, original = tmp_path / "My talk.de.srt", tmp_path / "My talk.en.srt"
    assert done.subtitle_paths == (str(translated), str(original))
    assert read(translated) == subtitle_bytes(done.job_id, "de")
    assert read(original) == subtitle_bytes(done.job_id, "en")
    assert names(tmp_path) == [
        "My talk.de.mp4", "My talk.de.srt", "My talk.en.srt", "My talk.mp4"]  # fmt: skip

    # Upload progress climbs to the whole file; each server state was kept in order.
    uploaded = [j.uploaded for j in bed.progress if j.phase is Phase.UPLOADING]
    assert uploaded[0] == 0 and uploaded[-1] == 1.0 and uploaded == sorted(uploaded)
    states = [j.state.value for j in bed.changes if j.state is not None]
    assert states[:3] == ["pending", "downloading", "processing"]
    assert states[-1] == "completed" and "uploading" in states
    assert bed.changes[-1] == done and done.duration_s and done.cost_usd
    assert set(bed.sleeps) == {12.0} and bed.hints == [] and bed.retries == []
    assert emu.jobs[done.job_id].results == 0  # the link in the status was fresh


async def test_url_source_is_used_directly(bed: Bed, tmp_path: Path) -> None:
    url = "https://media.example.org/talks/keynote.mp3?token=abc"
    done = await bed.run(a_job(url, "fr", reduce_accent=True))
    assert bed.emu.uploads == {} and bed.emu.storage_requests()[0].method == "GET"
    assert bed.emu.created == [
        {"source_url": url, "target_lang": "fr", "source_lang": "auto", "reduce_accent": True}
    ]
    out = tmp_path / "from-urls" / "keynote.fr.mp3"
    assert done.output_path == str(out) and read(out) == bed.emu.output_of(done.job_id)
    assert "keynote.original.srt" in names(tmp_path / "from-urls")  # auto: no language known


@pytest.mark.parametrize("style", ["number", "object", "text", "mixed"])
async def test_progress_as_a_number_or_an_object(bed: Bed, tmp_path: Path, style: str) -> None:
    bed.emu.faults.progress_style = style
    bed.emu.pace.processing_polls = 4
    await bed.run(a_job("https://m.example/a.mp4"))
    seen = [j.progress for j in bed.changes if j.state and j.state.value == "processing"]
    assert len(seen) == 4
    if style in ("number", "text"):
        assert [p.percent for p in seen] == [round(10 + 80 * k / 6) for k in (1, 2, 3, 4)]
        assert all(p.stage is None for p in seen)
    elif style == "object":
        assert [p.stage for p in seen] == [1, 2, 3, 4]
        assert [p.stage_name for p in seen] == [
            "Transcribing", "Translating", "Synthesizing voice", "Lip sync"]  # fmt: skip
        assert all(p.percent is None for p in seen)
    else:
        assert {p.percent is not None for p in seen} == {True, False}


# --- expiring links ------------------------------------------------------------------------------


async def test_an_expired_output_link_is_refreshed_before_use(bed: Bed, tmp_path: Path) -> None:
    bed.emu.faults.expire_output_links = True
    done = await bed.run(a_job("https://m.example/a.mp4"))
    assert bed.emu.jobs[done.job_id].results == 1
    assert not [r for r in bed.emu.storage_requests() if r.status == 403]
    assert read(done.output_path) == bed.emu.output_of(done.job_id)


async def test_a_refused_link_is_refreshed_even_when_its_expiry_looked_fine(
    emu: DubbingEmulator, tmp_path: Path
) -> None:
    emu.faults.expire_output_links = True
    emu.faults.expire_subtitle_links = 1
    async with httpx.AsyncClient(timeout=10) as http:
        # Our clock is an hour behind: the expired link looks valid until storage refuses it.
        bed = make_bed(emu, http, tmp_path, clock_offset=-7200)
        done = await bed.run(a_job("https://m.example/a.mp4"))
    refused = [r for r in emu.storage_requests() if r.status == 403]
    assert len(refused) == 3  # the output and both subtitle links, once each
    assert emu.jobs[done.job_id].results == 1
    assert read(done.output_path) == emu.output_of(done.job_id)
    assert read(done.subtitle_paths[0]) == subtitle_bytes(done.job_id, "es")


async def test_links_refused_for_good_end_with_a_sentence(bed: Bed, tmp_path: Path) -> None:
    bed.emu.link_lifetime = -120  # every link is born expired
    with pytest.raises(StorageRefused, match="Even fresh download links were refused"):
        await bed.run(a_job("https://m.example/a.mp4"))
    assert names(tmp_path, "from-urls/*.mp4") == []


async def test_a_cut_download_resumes_with_range(bed: Bed, tmp_path: Path) -> None:
    bed.emu.faults.drop_download_after = 70_000
    done = await bed.run(a_job("https://m.example/a.mp4"))
    gets = [r for r in bed.emu.storage_requests() if "/output/" in r.path]
    assert [r.range for r in gets] == [None, "bytes=70000-"]
    assert gets[1].status == 206
    assert sha(read(done.output_path)) == sha(bed.emu.output_of(done.job_id))
    assert [name for name, _ in bed.retries] == ["ServiceUnavailable"]
    assert names(tmp_path / "from-urls", ".*.part") == []


async def test_a_part_file_left_by_an_earlier_run_is_continued(bed: Bed, tmp_path: Path) -> None:
    job = await bed.runner.create(a_job("https://m.example/a.mp4"), bed.callbacks())
    job, snapshot = await bed.runner.wait(job, bed.callbacks())
    assert snapshot is not None
    dest = bed.runner.output_path(job, snapshot)
    expected = bed.emu.output_of(job.job_id)
    part = dest.with_name(f".{dest.name}.{job.job_id.replace('_', '')}.part")
    write(part, expected[:1000])
    done = await bed.runner.fetch(job, bed.callbacks())  # as after a restart: polls again
    assert read(done.output_path) == expected
    first = next(r for r in bed.emu.storage_requests() if "/output/" in r.path)
    assert first.range == "bytes=1000-"


# --- refusals -----------------------------------------------------------------------------------


async def test_401_is_not_retried(emu: DubbingEmulator, tmp_path: Path) -> None:
    async with httpx.AsyncClient() as http:
        bed = make_bed(emu, http, tmp_path, key="pk_wrong")
        with pytest.raises(AuthError, match="did not accept the API key"):
            await bed.run(a_job("https://m.example/a.mp4"))
    assert len(emu.requests) == 1 and bed.retries == []


async def test_402_insufficient_balance(emu: DubbingEmulator, tmp_path: Path) -> None:
    source, _ = media(tmp_path)
    async with httpx.AsyncClient() as http:
        bed = make_bed(emu, http, tmp_path, key="pk_test_broke")
        with pytest.raises(InsufficientBalance, match=r"balance is too low.*\$0\.00.*add credit"):
            await bed.run(a_job(source))
    assert emu.jobs == {} and bed.retries == [] and bed.changes == []


async def test_403_not_entitled(emu: DubbingEmulator, tmp_path: Path) -> None:
    async with httpx.AsyncClient() as http:
        bed = make_bed(emu, http, tmp_path, key="pk_test_forbidden")
        with pytest.raises(NotEntitled, match="may not use dubbing"):
            await bed.client.job("dub_x")


@pytest.mark.parametrize("style", ["field", "detail", "message"])
async def test_400_names_source_url(bed: Bed, style: str) -> None:
    bed.emu.faults.error_style = style
    with pytest.raises(DubbingRejected) as refused:
        await bed.run(a_job("https://www.youtube.com/watch?v=dQw4w9WgXcQ"))
    assert refused.value.field == "source_url" and refused.value.code == "invalid_url"
    assert "Pinch cannot use source_url" in str(refused.value)
    assert "not a web page such as a YouTube" in str(refused.value)
    assert bed.retries == [] and len(bed.emu.requests) == 1


async def test_a_missing_field_is_named(bed: Bed) -> None:
    request = JobRequest("https://m.example/a.mp4", "es")
    raw = request.request()
    assert raw.body is not None
    del raw.body["target_lang"]
    with pytest.raises(DubbingRejected, match="refused the job's target_lang") as refused:
        await bed.client._api(raw, lambda s, b, r: None if s < 300 else _raise(s, b, r))
    assert refused.value.field == "target_lang"


def _raise(status: int, body: bytes, retry_after: str | None) -> None:
    from dragoman.core.dubbing import api_error

    raise api_error(status, body, retry_after)


async def test_unsupported_language(bed: Bed) -> None:
    with pytest.raises(DubbingRejected, match="cannot dub the target_lang language") as refused:
        await bed.run(a_job("https://m.example/a.mp4", "sw"))
    assert refused.value.code == "unsupported_language" and refused.value.field == "target_lang"


async def test_too_long_and_too_large(bed: Bed, tmp_path: Path) -> None:
    source, _ = media(tmp_path, size=64_000)  # 4 s at the emulator's 16 kB/s
    bed.emu.faults.max_duration_s = 3
    with pytest.raises(DubbingRejected, match="too long"):
        await bed.run(a_job(source))
    bed.emu.faults.max_duration_s, bed.emu.faults.max_bytes = None, 1000
    with pytest.raises(DubbingRejected, match="too large"):
        await bed.run(a_job(source))


async def test_a_failed_job_keeps_its_error(bed: Bed) -> None:
    bed.emu.faults.fail_jobs = 1
    failed = await bed.run(a_job("https://m.example/a.mp4"))
    assert failed.phase is Phase.FAILED and failed.error_code == "source_unreachable"
    assert f"Pinch could not dub job {failed.job_id} (source_unreachable: Could not fetch it)" in (
        failed.error
    )
    assert bed.changes[-1] == failed and not bed.emu.storage_requests()


async def test_a_failed_job_with_a_string_error(bed: Bed) -> None:
    bed.emu.faults.fail_jobs, bed.emu.faults.failure = 1, "Audio track missing"
    bed.emu.faults.fail_in = "processing"
    failed = await bed.run(a_job("https://m.example/a.mp4"))
    assert "(Audio track missing)" in failed.error and failed.error_code == ""


# --- retries -------------------------------------------------------------------------------------


async def test_429_and_503_are_retried_with_backoff(bed: Bed) -> None:
    bed.emu.faults.fail_429, bed.emu.faults.fail_503 = 2, 1
    bed.emu.faults.retry_after = "3"
    done = await bed.run(a_job("https://m.example/a.mp4"))
    assert done.phase is Phase.DONE
    assert bed.retries == [("ServiceBusy", 3.0), ("ServiceBusy", 3.0), ("ServiceBusy", 4.0)]
    assert len(bed.emu.created) == 1


async def test_500_and_dropped_connections_are_retried(bed: Bed) -> None:
    bed.emu.faults.fail_500 = 1
    bed.emu.faults.fault_paths = ("/api/dubbing/jobs/",)
    done = await bed.run(a_job("https://m.example/a.mp4"))
    assert done.phase is Phase.DONE and bed.retries == [("ServiceUnavailable", 1.0)]
    bed.emu.faults.drop_api = 1
    assert (await bed.client.job(done.job_id)).job_id == done.job_id


async def test_retries_end_with_a_sentence(bed: Bed) -> None:
    bed.emu.faults.fail_503, bed.emu.faults.retry_after = 50, None
    with pytest.raises(ServiceBusy, match=r"busy \(HTTP 503\).*gave up after 6 tries"):
        await bed.client.job("dub_x")
    assert [d for _, d in bed.retries] == [1, 2, 4, 8, 16]


async def test_a_create_lost_after_sending_is_not_repeated(bed: Bed) -> None:
    bed.emu.faults.drop_api = 1
    bed.emu.faults.fault_paths = ("/api/dubbing/jobs",)
    with pytest.raises(ServiceUnavailable, match="may exist on Pinch") as lost:
        await bed.client.create(JobRequest("https://m.example/a.mp4", "es"))
    assert not lost.value.retryable and len(bed.emu.api_requests()) == 1


async def test_upload_retried_from_the_start_after_a_storage_503(
    emu: DubbingEmulator, tmp_path: Path
) -> None:
    source, data = media(tmp_path, "a.wav")
    calls = 0

    async def hook(request: httpx.Request) -> None:
        nonlocal calls
        if request.method == "PUT":
            calls += 1
            if calls == 1:
                raise httpx.WriteError("connection reset")

    async with httpx.AsyncClient(event_hooks={"request": [hook]}) as http:
        bed = make_bed(emu, http, tmp_path)
        source_url = await bed.client.upload(source)
    (upload,) = emu.uploads.values()
    assert upload.sha256 == sha(data) and upload.content_type == "audio/wav"
    assert source_url.endswith("/a.wav") and bed.retries == [("ServiceUnavailable", 1.0)]


# --- waiting -------------------------------------------------------------------------------------


async def test_a_job_stuck_in_processing_gets_the_hint_once(bed: Bed) -> None:
    bed.emu.faults.stuck = True
    job = await bed.runner.create(a_job("https://m.example/a.mp4"), bed.callbacks())

    polls = 0

    async def sleep(delay: float) -> None:
        nonlocal polls
        polls += 1
        await bed.sleep(delay)
        if polls == 12:
            bed.emu.faults.stuck = False  # it moves again in the end

    bed.runner._sleep = sleep
    job, _ = await bed.runner.wait(job, bed.callbacks())
    assert job.phase is Phase.FETCHING
    (hint,) = bed.hints
    assert f"Job {job.job_id} has been processing for" in hint
    assert "source_url is publicly reachable" in hint and "still waiting" in hint
    assert job.stuck_hinted


async def test_unknown_job(bed: Bed) -> None:
    from dragoman.core.dubbing import JobNotFound

    with pytest.raises(JobNotFound, match="check the job id"):
        await bed.client.job("dub_nope")


async def test_result_of_an_unfinished_job_is_a_refusal(bed: Bed) -> None:
    job = await bed.runner.create(a_job("https://m.example/a.mp4"), bed.callbacks())
    with pytest.raises(DubbingRejected, match=r"HTTP 409"):
        await bed.client.fresh_output_link(job.job_id)
