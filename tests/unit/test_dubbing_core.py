"""The dubbing core: every branch, and fuzzing for 'our error or a value, never a crash'."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dragoman.core import dubbing as d
from dragoman.core.dubbing import (
    DubbingJob,
    DubbingRejected,
    InsufficientBalance,
    JobError,
    JobNotFound,
    JobSnapshot,
    JobState,
    Phase,
    Progress,
    StuckPolicy,
)
from dragoman.core.errors import (
    AuthError,
    DragomanError,
    NotEntitled,
    ProtocolError,
    ServiceBusy,
    ServiceUnavailable,
    UsageError,
)


def body(value: object) -> bytes:
    return json.dumps(value).encode()


def job(**changes: Any) -> DubbingJob:
    base = d.new_job("k1", "/tmp/talk.mp4", "es", now=100.0)
    return replace(base, **changes)


# --- states ------------------------------------------------------------------------------------


def test_states_and_terminals() -> None:
    assert [s.value for s in JobState] == [
        "pending",
        "downloading",
        "processing",
        "uploading",
        "completed",
        "failed",
    ]
    assert {s for s in JobState if s.terminal} == {JobState.COMPLETED, JobState.FAILED}


@pytest.mark.parametrize(
    ("value", "expected"),
    [("processing", JobState.PROCESSING), (" Completed ", JobState.COMPLETED), ("queued", None)],
)
def test_parse_state(value: object, expected: JobState | None) -> None:
    assert d.parse_state(value) is expected


def test_parse_state_of_a_non_string() -> None:
    assert d.parse_state(3) is None


def test_advance_is_sticky_at_the_end_and_trusts_the_server_otherwise() -> None:
    assert d.advance(None, JobState.PENDING) is JobState.PENDING
    assert d.advance(JobState.PROCESSING, JobState.DOWNLOADING) is JobState.DOWNLOADING
    assert d.advance(JobState.PROCESSING, None) is JobState.PROCESSING
    assert d.advance(JobState.COMPLETED, JobState.PROCESSING) is JobState.COMPLETED
    assert d.advance(JobState.FAILED, JobState.COMPLETED) is JobState.FAILED


# --- media and names -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "kind", "content_type"),
    [
        ("talk.MP4", "video", "video/mp4"),
        ("C:\\rec\\clip.mov", "video", "video/quicktime"),
        ("lecture.m4a", "audio", "audio/mp4"),
        ("a.mp3", "audio", "audio/mpeg"),
    ],
)
def test_media_for_name(name: str, kind: str, content_type: str) -> None:
    media = d.media_for_name(name)
    assert (media.kind, media.content_type) == (kind, content_type)


def test_unknown_media_is_refused_with_the_list() -> None:
    with pytest.raises(UsageError, match=r"notes.txt: Pinch dubs video \(mp4.*wma"):
        d.media_for_name("notes.txt")


def test_urls() -> None:
    assert d.is_url("HTTPS://x/y.mp4") and not d.is_url("/home/a.mp4")
    assert d.check_source_url("https://cdn.example/a.mp4") == "https://cdn.example/a.mp4"
    for bad in ("ftp://x/a.mp4", "https:///a.mp4", "https://x/a b.mp4", "http://[::1/a.mp4"):
        with pytest.raises(UsageError, match="not a usable link"):
            d.check_source_url(bad)


def test_web_page_hint() -> None:
    assert d.web_page_hint("https://cdn.example/talk.MP4?sig=1") is None
    assert d.web_page_hint("https://cdn.example/talk.flac") is None
    hint = d.web_page_hint("https://www.youtube.com/watch?v=abc")
    assert hint is not None and "YouTube" in hint and "watch?…" in hint and "v=abc" not in hint


def test_display_url_hides_query_and_user() -> None:
    assert d.display_url("https://u:p@h.example:8443/a/b.mp4?sig=s") == (
        "https://h.example:8443/a/b.mp4?…"
    )
    assert d.display_url("https://h.example/a.mp4") == "https://h.example/a.mp4"
    assert d.display_url("no-scheme/path") == "no-scheme/path"
    assert d.display_url("http://h:99999/") == "(an unreadable URL)"


@pytest.mark.parametrize(
    ("source", "stem", "kind"),
    [
        ("/home/me/My talk.final.mp4", "My talk.final", "video"),
        ("C:\\x\\lecture.wav", "lecture", "audio"),
        ("https://cdn.example/media/clip%20one.mp3?x=1", "clip_20one", "audio"),
        ("https://cdn.example/", "dubbing", "video"),
        ("http://[::1/x.mp3", "dubbing", "video"),
        ("/tmp/..mp4", "dubbing", "video"),
    ],
)
def test_source_stem_and_kind(source: str, stem: str, kind: str) -> None:
    assert d.source_stem(source) == stem
    assert d.source_kind(source) == kind


def test_output_and_subtitle_extensions() -> None:
    assert d.output_extension("video", "https://s/x.webm") == ".mp4"
    assert d.output_extension("audio", "https://s/out.WAV?sig=1") == ".wav"
    assert d.output_extension("audio", "https://s/out.bin") == ".mp3"
    assert d.output_extension("audio", None) == ".mp3"
    assert d.subtitle_extension("https://s/subs.vtt?x") == ".vtt"
    assert d.subtitle_extension("https://s/subs") == ".srt"
    assert d.result_name("talk", "es", ".mp4") == "talk.es.mp4"
    assert d.part_name("talk.es.mp4", "job_1-A") == ".talk.es.mp4.job1A.part"
    assert d.part_name("talk.es.mp4", "---") == ".talk.es.mp4.job.part"


# --- requests ------------------------------------------------------------------------------------


def test_upload_url_request() -> None:
    request = d.upload_url_request("C:\\rec\\talk.mp4", "video/mp4")
    assert (request.method, request.path) == ("POST", "/api/dubbing/upload-url")
    assert json.loads(request.content()) == {"filename": "talk.mp4", "content_type": "video/mp4"}
    assert request.url("https://api.example/") == "https://api.example/api/dubbing/upload-url"


def test_job_request_body() -> None:
    plain = d.JobRequest("https://c/a.mp4", "ES").request()
    assert json.loads(plain.content()) == {
        "source_url": "https://c/a.mp4",
        "target_lang": "es",
        "source_lang": "auto",
    }
    accent = d.JobRequest("https://c/a.mp4", "de", "en_US", reduce_accent=True).request()
    assert json.loads(accent.content())["reduce_accent"] is True
    assert json.loads(accent.content())["source_lang"] == "en-us"


def test_languages_are_checked_for_shape_only() -> None:
    assert d.check_language("sw", source=False) == "sw"  # the server decides support
    with pytest.raises(UsageError, match="not a target language code: use one of en, es"):
        d.check_language("auto", source=False)
    with pytest.raises(UsageError, match="not a source language code: use one of auto, en"):
        d.check_language("English!", source=True)


def test_job_paths_quote_the_id() -> None:
    assert d.job_request("ab/c").path == "/api/dubbing/jobs/ab%2Fc"
    assert d.result_request("j1").path == "/api/dubbing/jobs/j1/result"
    assert d.ApiRequest("GET", "/x").content() == b""
    for bad in ("", " ", "a b", "x" * 201, "a\nb"):
        with pytest.raises(UsageError, match="not a dubbing job id"):
            d.check_job_id(bad)


# --- progress ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (42, Progress(percent=42.0)),
        (142.5, Progress(percent=100.0)),
        (-3, Progress(percent=0.0)),
        ("37%", Progress(percent=37.0)),
        (" 12.5 % ", Progress(percent=12.5)),
        ("Separating voices", Progress(stage_name="Separating voices")),
        ("", Progress()),
        (True, Progress()),
        (None, Progress()),
        ([1, 2], Progress()),
        (float("nan"), Progress()),
        (
            {"stage": 7, "stage_name": "Lip sync"},
            Progress(stage=7, stage_name="Lip sync"),
        ),
        (
            {"step": 2.0, "total_steps": 5, "percentage": "40"},
            Progress(percent=40.0, stage=2, stages=5),
        ),
        ({"stage": -1, "stages": 2.5, "name": 7, "message": "x" * 100}, None),
        ({"progress": {"nested": 1}, "status": "\x00 \t "}, Progress()),
    ],
)
def test_parse_progress(value: object, expected: Progress | None) -> None:
    parsed = d.parse_progress(value)
    if expected is None:
        assert parsed.stage is None and parsed.stages is None
        assert parsed.stage_name is not None and len(parsed.stage_name) == 80
        assert parsed.stage_name.endswith("…")
    else:
        assert parsed == expected


def test_progress_text_and_estimate() -> None:
    assert Progress().text() == "" and Progress().estimate() is None
    full = Progress(percent=42.4, stage=7, stages=9, stage_name="Lip sync")
    assert full.text() == "stage 7/9 · Lip sync · 42 %" and full.estimate() == 42.4
    assert Progress(stage=3).text() == "stage 3" and Progress(stage=3).estimate() is None
    assert Progress(stage=2, stages=8).estimate() == 25.0
    assert Progress(stage=9, stages=8).estimate() == 100.0
    assert Progress(stage=2, stages=0).estimate() is None


# --- timestamps and expiry -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2030-01-02T03:04:05Z", datetime(2030, 1, 2, 3, 4, 5, tzinfo=UTC).timestamp()),
        ("2030-01-02T03:04:05", datetime(2030, 1, 2, 3, 4, 5, tzinfo=UTC).timestamp()),
        ("2030-01-02T05:04:05+02:00", datetime(2030, 1, 2, 3, 4, 5, tzinfo=UTC).timestamp()),
        (1_900_000_000, 1_900_000_000.0),
        (1_900_000_000_000, 1_900_000_000.0),
        ("tomorrow", None),
        ("2030-13-01T00:00:00", None),
        (None, None),
        (True, None),
    ],
)
def test_parse_timestamp(value: object, expected: float | None) -> None:
    assert d.parse_timestamp(value) == expected


def test_link_expiry_has_a_margin_and_unknown_means_try() -> None:
    assert not d.link_expired(None, now=1e12)
    assert not d.link_expired(1000.0, now=900.0)
    assert d.link_expired(1000.0, now=950.0)
    assert d.link_expired(1000.0, now=2000.0, margin=0)


# --- responses -----------------------------------------------------------------------------------


def test_parse_upload_target() -> None:
    target = d.parse_upload_target(
        200, body({"upload_url": "https://s3/put?sig=1", "source_url": "https://s3/src"})
    )
    assert target == d.UploadTarget("https://s3/put?sig=1", "https://s3/src")
    with pytest.raises(ProtocolError, match="no usable upload_url"):
        d.parse_upload_target(200, body({"upload_url": "ftp://x", "source_url": "https://s"}))
    with pytest.raises(ProtocolError, match="not JSON"):
        d.parse_upload_target(201, b"<html>")
    with pytest.raises(AuthError):
        d.parse_upload_target(401, b"")


FULL_JOB = {
    "job_id": "job_123",
    "status": "completed",
    "source_lang": "en",
    "target_lang": "es",
    "progress": 100,
    "input_duration_sec": 61.5,
    "cost_usd": 0.31,
    "output_url": "https://s/out.mp4?sig=x",
    "output_expires_at": "2030-01-01T00:00:00Z",
    "subtitles_original_url": "https://s/orig.srt",
    "subtitles_translated_url": "https://s/es.srt",
    "error": None,
}


def test_parse_job_full() -> None:
    snapshot = d.parse_job(200, body(FULL_JOB))
    assert snapshot.job_id == "job_123" and snapshot.state is JobState.COMPLETED
    assert snapshot.progress == Progress(percent=100.0)
    assert (snapshot.duration_s, snapshot.cost_usd) == (61.5, 0.31)
    assert snapshot.output_url == "https://s/out.mp4?sig=x"
    assert snapshot.output_expires_at == datetime(2030, 1, 1, tzinfo=UTC).timestamp()
    assert snapshot.subtitles_translated_url == "https://s/es.srt" and snapshot.error is None


def test_parse_job_minimal_and_odd_values() -> None:
    snapshot = d.parse_job(
        201,
        body(
            {
                "id": "j9",
                "status": "queued",
                "cost_usd": "0.3",
                "output_url": "not a link",
                "input_duration_sec": True,
            }
        ),
    )
    assert snapshot == JobSnapshot(job_id="j9", status="queued")


@pytest.mark.parametrize(
    ("data", "match"),
    [({"status": "pending"}, "no job_id"), ({"job_id": "a b"}, "unusable job_id")],
)
def test_parse_job_needs_an_id(data: dict[str, Any], match: str) -> None:
    with pytest.raises(ProtocolError, match=match):
        d.parse_job(200, body(data))


def test_parse_job_error_status_raises_ours() -> None:
    with pytest.raises(JobNotFound, match="no such dubbing job"):
        d.parse_job(404, body({"error": {"code": "not_found", "message": "no job"}}))


def test_parse_result() -> None:
    link = d.parse_result(
        200, body({"download_url": "https://s/new.mp4", "expires_at": 1_900_000_000})
    )
    assert link == d.DownloadLink("https://s/new.mp4", 1_900_000_000.0)
    legacy = d.parse_result(200, body({"output_url": "https://s/o.mp4"}))
    assert legacy.url == "https://s/o.mp4" and legacy.expires_at is None
    with pytest.raises(ProtocolError, match="no usable download_url"):
        d.parse_result(200, body({}))
    with pytest.raises(ServiceBusy):
        d.parse_result(503, b"")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, None),
        ("", None),
        ({}, None),
        ("Source unreachable", JobError(None, "Source unreachable")),
        (
            {"code": "download_failed", "message": "403 from source"},
            JobError("download_failed", "403 from source"),
        ),
        ({"code": "tts_failed"}, JobError("tts_failed", "tts_failed")),
        ({"detail": "boom"}, JobError(None, "boom")),
        ({"message": "  "}, JobError(None, "no reason given")),
        (42, JobError(None, "no reason given")),
    ],
)
def test_parse_job_error(value: object, expected: JobError | None) -> None:
    assert d.parse_job_error(value) == expected


# --- error bodies --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (
            body({"error": {"code": "invalid_url", "message": "bad", "field": "source_url"}}),
            d.ErrorParts("invalid_url", "bad", "source_url"),
        ),
        (body({"error": "nope"}), d.ErrorParts(None, "nope", None)),
        (
            body({"code": "x", "message": "target_lang is required"}),
            d.ErrorParts("x", "target_lang is required", "target_lang"),
        ),
        (body({"detail": "Not Found"}), d.ErrorParts(None, "Not Found", None)),
        (
            body({"detail": [{"loc": ["body", "source_url"], "msg": "field required"}]}),
            d.ErrorParts(None, "field required", "source_url"),
        ),
        (
            body({"error": {"message": "m", "param": "reduce_accent"}, "detail": [{"msg": 1}]}),
            d.ErrorParts(None, "m", "reduce_accent"),
        ),
        (body({"detail": [{"loc": "x"}], "field": "bad field!"}), d.ErrorParts(None, "", None)),
        (body({"detail": [], "message": 3}), d.ErrorParts(None, "", None)),
        (b"<html>oops source_url</html>", d.ErrorParts(None, "<html>oops source_url</html>", None)),
        (body([1]), d.ErrorParts(None, "[1]", None)),
    ],
)
def test_error_parts(raw: bytes, expected: d.ErrorParts) -> None:
    parts = d.error_parts(raw)
    if raw.startswith(b"<html>"):
        assert parts.field == "source_url"  # named in the text, even in plain text
    else:
        assert parts == expected


def test_status_401_403_402() -> None:
    assert isinstance(d.api_error(401, b""), AuthError)
    assert isinstance(d.api_error(400, body({"error": {"code": "unauthorized"}})), AuthError)
    balance = d.api_error(
        402, body({"error": {"code": "insufficient_balance", "message": "Balance $0.00"}})
    )
    assert isinstance(balance, InsufficientBalance) and balance.exit_code == 4
    assert "(Balance $0.00): add credit" in str(balance)
    forbidden = d.api_error(403, b"")
    assert isinstance(forbidden, NotEntitled) and not isinstance(forbidden, InsufficientBalance)


def test_busy_and_failing_servers_are_retryable() -> None:
    busy = d.api_error(429, body({"error": {"message": "slow down"}}), "7")
    assert isinstance(busy, ServiceBusy) and busy.retry_after == 7.0 and busy.retryable
    assert "rate limited (HTTP 429) (slow down)" in str(busy)
    assert "busy (HTTP 503)" in str(d.api_error(503, b""))
    failed = d.api_error(502, b"bad gateway")
    assert type(failed) is ServiceUnavailable and failed.retryable


def test_odd_statuses_are_not_retried() -> None:
    odd = d.api_error(302, b"")
    assert isinstance(odd, ServiceUnavailable) and not odd.retryable
    assert "check the service URL" in str(odd)
    routed = d.api_error(404, body({"error": {"code": "invalid_url", "message": "m"}}))
    assert isinstance(routed, DubbingRejected)


@pytest.mark.parametrize(
    ("data", "field", "match"),
    [
        (
            {"error": {"code": "unsupported_language", "message": "xx", "field": "target_lang"}},
            "target_lang",
            r"cannot dub the target_lang language \(xx\): choose one of en, es",
        ),
        ({"error": {"code": "unsupported_language"}}, None, "cannot dub that language"),
        ({"error": {"code": "video_too_long"}}, None, "too long"),
        ({"error": {"code": "video_too_large"}}, None, "too large"),
        ({"error": {"code": "invalid_url", "message": "HTML page"}}, "source_url", "not a web"),
        (
            {"error": {"code": "invalid_request", "message": "source_url must be https"}},
            "source_url",
            r"refused the job's source_url \(HTTP 400\).*correct source_url",
        ),
        ({"error": {"code": "invalid_request"}}, None, r"refused the job \(HTTP 400\): check"),
        ({}, None, r"refused the job \(HTTP 400\): check"),
    ],
)
def test_refusals_name_the_field(data: dict[str, Any], field: str | None, match: str) -> None:
    error = d.api_error(400, body(data))
    assert isinstance(error, DubbingRejected) and error.exit_code == 6
    assert error.field == field
    assert error.code == (data.get("error") or {}).get("code")
    with pytest.raises(DubbingRejected, match=match):
        raise error


def test_storage_errors() -> None:
    upload = d.storage_error(403, upload=True)
    assert "Content-Type did not match" in str(upload) and not upload.expired
    assert d.storage_error(403, upload=False).expired
    assert not d.storage_error(500, upload=False).expired


def test_failure_sentence() -> None:
    both = d.failure_sentence("j1", JobError("source_unreachable", "Could not fetch."))
    assert "job j1 (source_unreachable: Could not fetch)" in both
    assert "support@startpinch.com" in both
    assert "(same)" in d.failure_sentence("j1", JobError("same", "same"))
    assert "(no reason given)" in d.failure_sentence("j1", None)


def test_job_failed_error() -> None:
    error = d.JobFailed("x", job_id="j", code="c")
    assert (error.exit_code, error.job_id, error.code) == (6, "j", "c")


# --- polling -------------------------------------------------------------------------------------


def test_poll_interval() -> None:
    assert d.poll_interval(None, loopback=False) == 12.0
    assert d.poll_interval(5, loopback=False) == 5
    assert d.poll_interval(0.05, loopback=True) == 0.05
    with pytest.raises(UsageError, match="too fast for Pinch: use at least 5 s"):
        d.poll_interval(1, loopback=False)
    for bad in (0.0, -1.0, float("inf")):
        with pytest.raises(UsageError, match="positive number"):
            d.poll_interval(bad, loopback=True)


def test_retry_delays_are_bounded() -> None:
    assert list(d.retry_delays()) == [1, 2, 4, 8, 16]


def test_stuck_policy_follows_the_spec_ratio() -> None:
    policy = StuckPolicy()
    assert policy.limit(3600) == 3 * 900  # 1 h usually takes 15 min
    assert policy.limit(None) == 3 * 900
    assert policy.limit(4 * 3600) == 3 * 3600
    assert StuckPolicy(floor_s=0.1, factor=2).limit(0) == pytest.approx(0.2)


def test_stuck_hint() -> None:
    hint = d.stuck_hint("j7", 50 * 60)
    assert "Job j7 has been processing for 50 minutes" in hint and "source_url" in hint
    assert "for 90 s" in d.stuck_hint("j7", 90)


# --- the job record ------------------------------------------------------------------------------


def snap(state: str, **changes: Any) -> JobSnapshot:
    return JobSnapshot(job_id="j1", status=state, state=d.parse_state(state), **changes)


def test_new_job_checks_languages() -> None:
    fresh = d.new_job("k", "/a.wav", "DE", now=5.0, source_lang="EN", origin="app", out="o")
    assert (fresh.target_lang, fresh.source_lang, fresh.origin) == ("de", "en", "app")
    assert fresh.phase is Phase.UPLOADING and fresh.created_at == 5.0
    assert "DubbingJob(k, job_id='', phase=uploading, state=None)" == repr(fresh)
    with pytest.raises(UsageError):
        d.new_job("k", "/a.wav", "auto", now=0)


def test_job_names() -> None:
    assert job().name == "talk.mp4" and not job().is_url
    url = job(source="https://cdn.example/v/clip.mp4?sig=1")
    assert url.name == "clip.mp4" and url.is_url
    assert job(source="https://cdn.example/").name == "https://cdn.example/"
    assert job().languages == "auto → es"


def test_a_job_through_its_life() -> None:
    policy = StuckPolicy(floor_s=10, factor=1, ratio=0)
    uploading = d.job_uploading(job(), 50, 200, now=101)
    assert uploading.uploaded == 0.25 and d.describe(uploading) == "uploading 25 %"
    assert d.percent(uploading) == 25.0
    assert d.job_uploading(job(), 0, 0, now=101).uploaded == 1.0

    created = d.job_observed(uploading, snap("pending"), now=102, policy=policy)
    assert created.job_id == "j1" and created.phase is Phase.WAITING and created.uploaded is None
    assert d.describe(created) == "pending" and d.percent(created) is None

    processing = d.job_observed(
        created,
        snap("processing", progress=Progress(stage=2, stages=4), duration_s=60, cost_usd=0.5),
        now=110,
        policy=policy,
    )
    assert processing.processing_since == 110 and not processing.stuck_hinted
    assert d.describe(processing) == "processing · stage 2/4" and d.percent(processing) == 50.0

    later = d.job_observed(processing, snap("processing"), now=115, policy=policy)
    assert later.processing_since == 110 and later.duration_s == 60 and later.cost_usd == 0.5
    assert not later.stuck_hinted
    stuck = d.job_observed(later, snap("processing"), now=121, policy=policy)
    assert stuck.stuck_hinted and d.describe(stuck) == "processing · longer than expected"
    still = d.job_observed(stuck, snap("uploading"), now=130)
    assert still.stuck_hinted and still.processing_since is None

    completed = d.job_observed(still, snap("completed"), now=140)
    assert completed.phase is Phase.FETCHING and completed.progress == Progress(percent=100)
    assert d.describe(completed) == "downloading the result"
    fetching = d.job_fetching(completed, 30, 120, now=141)
    assert d.describe(fetching) == "downloading the result 25 %" and d.percent(fetching) == 25.0
    assert d.job_fetching(completed, 30, None, now=141).fetched is None
    assert d.percent(completed) is None

    done = d.job_done(fetching, "/tmp/talk.es.mp4", ("/tmp/talk.es.srt",), now=150)
    assert done.phase is Phase.DONE and d.describe(done) == "done" and d.percent(done) == 100
    again = d.job_observed(done, snap("processing"), now=160)
    assert again.phase is Phase.DONE and again.state is JobState.COMPLETED


def test_processing_without_a_policy_and_unknown_states() -> None:
    waiting = d.job_observed(job(), snap("processing"), now=1)
    assert waiting.processing_since == 1 and not waiting.stuck_hinted
    restored = replace(waiting, processing_since=None)
    assert d.job_observed(restored, snap("processing"), now=9).processing_since == 9
    unknown = d.job_observed(waiting, JobSnapshot(job_id="j1"), now=2)
    assert unknown.state is JobState.PROCESSING and unknown.status == "processing"
    assert d.describe(replace(unknown, status="")) == "waiting"


def test_failed_job_keeps_the_servers_error() -> None:
    failed = d.job_observed(
        job(), snap("failed", error=JobError("source_unreachable", "403 from host")), now=5
    )
    assert failed.phase is Phase.FAILED and failed.error_code == "source_unreachable"
    assert "403 from host" in failed.error and d.describe(failed) == "failed"
    assert d.percent(failed) is None
    bare = d.job_observed(job(), snap("failed"), now=5)
    assert bare.error_code == "" and "no reason given" in bare.error


def test_stop_error_resume() -> None:
    stopped = d.job_stopped(job(job_id="j1", state=JobState.PROCESSING), now=3)
    assert stopped.phase is Phase.STOPPED and "not waiting" in d.describe(stopped)
    assert d.job_resumed(stopped, now=4).phase is Phase.WAITING
    errored = d.job_errored(job(), "No key.", now=3)
    assert errored.phase is Phase.ERROR and d.describe(errored) == "needs attention"
    assert d.job_resumed(errored, now=4).phase is Phase.UPLOADING
    finished = job(job_id="j1", state=JobState.COMPLETED, phase=Phase.ERROR)
    assert d.job_resumed(finished, now=4).phase is Phase.FETCHING
    assert d.describe(job(source="https://c/a.mp4")) == "creating the job"
    assert d.describe(job()) == "uploading"
    assert [p for p in Phase if p.active] == [Phase.UPLOADING, Phase.WAITING, Phase.FETCHING]


def test_formats() -> None:
    assert d.format_duration(None) == "" and d.format_duration(61.4) == "1:01"
    assert d.format_duration(3725) == "1:02:05"
    assert d.format_cost(None) == "" and d.format_cost(0.305) == "$0.30"


# --- the store file ------------------------------------------------------------------------------


def test_store_round_trip() -> None:
    jobs = [
        job(),
        job(
            key="k2",
            job_id="j2",
            phase=Phase.DONE,
            state=JobState.COMPLETED,
            progress=Progress(percent=100.0, stage=3, stages=3, stage_name="Done"),
            subtitle_paths=("/a.srt", "/b.srt"),
            duration_s=12,
            processing_since=None,
        ),
    ]
    text = d.dump_job_file(jobs)
    assert json.loads(text)["version"] == 1
    assert d.parse_job_file(text) == jobs


@pytest.mark.parametrize(
    "text",
    ["", "[]", '{"jobs": 3}', "{", '{"jobs": [1, {"key": "x"}]}'],
)
def test_broken_store_files_give_nothing(text: str) -> None:
    assert d.parse_job_file(text) == []


@pytest.mark.parametrize(
    "changes",
    [
        {"phase": "dancing"},
        {"key": 7},
        {"created_at": "yesterday"},
        {"reduce_accent": 1},
        {"duration_s": True},
        {"subtitle_paths": [1]},
        {"subtitle_paths": "a.srt"},
        {"progress": {"percent": "x"}},
        {"progress": {"nonsense": 1}},
        {"surprise": 1, "processing_since": "x"},
    ],
)
def test_bad_rows_are_skipped_good_ones_kept(changes: dict[str, Any]) -> None:
    good = d.job_to_record(job())
    bad = {**good, "key": "bad", **changes}
    assert d.parse_job_file(json.dumps({"jobs": [bad, good]})) == [job()]


def test_unknown_fields_and_missing_progress_are_tolerated() -> None:
    record = {**d.job_to_record(job()), "surprise": 1, "progress": None, "state": "queued"}
    assert d.job_from_record(record) == job()


def test_store_keeps_active_jobs_when_full(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(d, "MAX_STORED_JOBS", 2)
    a = job(key="a", phase=Phase.WAITING)
    b = job(key="b", phase=Phase.DONE)
    c = job(key="c", phase=Phase.WAITING)
    e = job(key="e", phase=Phase.WAITING)
    assert [j.key for j in d.parse_job_file(d.dump_job_file([a, b, c]))] == ["a", "c"]
    assert [j.key for j in d.parse_job_file(d.dump_job_file([a, c, e]))] == ["c", "e"]


def test_upsert_and_find() -> None:
    a, b = job(key="a", job_id="ja"), job(key="b", job_id="jb")
    assert d.upsert([], a) == [a]
    newer = replace(a, status="processing")
    assert d.upsert([a, b], newer) == [newer, b]
    assert d.upsert([a, b], replace(b, status="x")) == [a, replace(b, status="x")]
    assert d.find_job([a, b], "jb") is b and d.find_job([a, b], "a") is a
    assert d.find_job([a, b], "zz") is None


# --- fuzzing: our errors or values, never anything else ------------------------------------------

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.text(max_size=30)
    | st.sampled_from(["processing", "https://s/x.mp4", "2030-01-01T00:00:00Z", "42%"]),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.sampled_from(
                [
                    "job_id",
                    "status",
                    "progress",
                    "stage",
                    "stage_name",
                    "percent",
                    "error",
                    "code",
                    "message",
                    "field",
                    "detail",
                    "loc",
                    "msg",
                    "output_url",
                    "output_expires_at",
                    "download_url",
                    "expires_at",
                    "input_duration_sec",
                    "cost_usd",
                    "upload_url",
                    "source_url",
                ]
            )
            | st.text(max_size=8),
            children,
            max_size=6,
        )
    ),
    max_leaves=20,
)
raw_bodies = st.one_of(
    st.binary(max_size=200), json_values.map(lambda v: json.dumps(v).encode("utf-8"))
)


@given(st.integers(100, 599), raw_bodies, st.none() | st.text(max_size=10))
def test_parsers_raise_only_our_errors(status: int, raw: bytes, retry_after: str | None) -> None:
    for parse in (d.parse_job, d.parse_result, d.parse_upload_target):
        try:
            parse(status, raw, retry_after)
        except DragomanError as error:
            assert str(error)
        except Exception as error:  # pragma: no cover - the failure hypothesis looks for
            pytest.fail(f"{parse.__name__} raised {type(error).__name__}: {error}")


@settings(max_examples=60)
@given(json_values)
def test_progress_never_raises_and_stays_in_range(value: object) -> None:
    progress = d.parse_progress(value)
    estimate = progress.estimate()
    assert estimate is None or 0.0 <= estimate <= 100.0
    assert isinstance(progress.text(), str)


@settings(max_examples=60)
@given(json_values)
def test_job_error_and_timestamps_never_raise(value: object) -> None:
    error = d.parse_job_error(value)
    assert error is None or error.message
    stamp = d.parse_timestamp(value)
    assert stamp is None or isinstance(stamp, float)


@given(st.text(max_size=60))
def test_url_helpers_never_raise(text: str) -> None:
    d.display_url(text)
    d.source_stem(text)
    d.web_page_hint(text)
    d.output_extension("audio", text)


@settings(max_examples=60)
@given(json_values)
def test_store_rows_never_raise(value: object) -> None:
    d.job_from_record(value)
    d.parse_job_file(json.dumps({"jobs": [value]}))


def test_job_callbacks_default_to_nothing() -> None:
    async def changed(_job: DubbingJob) -> None:
        return None

    events = d.JobCallbacks(changed=changed)
    assert events.progressed(job()) is None and events.hinted(job(), "x") is None
