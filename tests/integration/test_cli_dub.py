"""``dragoman dub`` and ``dragoman jobs`` against the dubbing emulator over TCP.

Most runs call the CLI's ``main`` in this process (the emulator serves from its own thread), with
loopback polls of 0.05 s; Ctrl-C runs the real command as a subprocess and sends it SIGINT.
"""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from dragoman.cli import dub as dub_command
from dragoman.cli import main
from dragoman.core.dubbing import StuckPolicy
from tests.emulator.dubbing import DubbingEmulator, Pace, running_emulator, subtitle_bytes

POLL = "0.05"


@pytest.fixture
def emu() -> Iterator[DubbingEmulator]:
    with running_emulator() as emulator:
        yield emulator


@pytest.fixture
def env(emu: DubbingEmulator, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """The CLI's environment: the emulator, a key, a private data folder, no keyring."""
    values = {
        "DRAGOMAN_DUBBING_URL": emu.base_url,
        "PINCH_API_KEY": "pk_test_good",
        "DRAGOMAN_DATA_DIR": str(tmp_path / "data"),
        "DBUS_SESSION_BUS_ADDRESS": "disabled:",
    }
    for name, value in values.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setattr(dub_command, "RETRY_DELAYS", lambda: iter([0.01] * 3))
    monkeypatch.chdir(tmp_path)
    return values


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, list[str], str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out.splitlines(), captured.err


def media(folder: Path, name: str = "talk.mp4", size: int = 40_000) -> tuple[Path, bytes]:
    data = os.urandom(size)
    path = folder / name
    path.write_bytes(data)
    return path, data


def stored_jobs(capsys: pytest.CaptureFixture[str]) -> list[dict[str, object]]:
    code, out, _ = run(capsys, "jobs", "--json")
    assert code == 0
    jobs: list[dict[str, object]] = json.loads("\n".join(out))
    return jobs


def test_a_local_file_dubbed_end_to_end(
    emu: DubbingEmulator, env: dict[str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "rec").mkdir()
    source, data = media(tmp_path / "rec")
    code, out, err = run(capsys, "dub", str(source), "--to", "de", "--from", "en", "--poll", POLL)
    assert (code, err) == (0, "")  # not a terminal: nothing but the final lines
    (job_id,) = emu.jobs
    folder = source.parent
    assert out == [
        job_id,
        str(folder / "talk.de.mp4"),
        str(folder / "talk.de.srt"),
        str(folder / "talk.en.srt"),
    ]
    (upload,) = emu.uploads.values()
    assert upload.sha256 == hashlib.sha256(data).hexdigest()
    assert upload.put_content_type == upload.content_type == "video/mp4"
    output = (folder / "talk.de.mp4").read_bytes()
    assert hashlib.sha256(output).digest() == hashlib.sha256(emu.output_of(job_id)).digest()
    assert (folder / "talk.en.srt").read_bytes() == subtitle_bytes(job_id, "en")

    (job,) = stored_jobs(capsys)
    assert job["job_id"] == job_id and job["phase"] == "done" and job["progress"] == 100
    assert job["output"] == str(folder / "talk.de.mp4") and job["origin"] == "cli"
    assert job["target_lang"] == "de" and job["cost_usd"] and job["duration_s"]
    assert (tmp_path / "data" / "dubbing-jobs.json").stat().st_mode & 0o777 == 0o600

    code, table, _ = run(capsys, "jobs")
    assert code == 0 and table[0].split()[:4] == ["JOB", "FILE", "LANGUAGES", "STATE"]
    assert job_id in table[1] and "en → de" in table[1] and "done" in table[1]


def test_out_and_subtitles_folder(
    emu: DubbingEmulator, env: dict[str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source, _ = media(tmp_path, "lecture.wav")
    out = tmp_path / "results" / "dubbed.wav"
    code, lines, _ = run(
        capsys, "dub", str(source), "--to", "ja", "--out", str(out),
        "--subtitles", str(tmp_path / "subs"), "--poll", POLL,
    )  # fmt: skip
    assert code == 0 and lines[1:] == [
        str(out), str(tmp_path / "subs" / "lecture.ja.srt"),
        str(tmp_path / "subs" / "lecture.original.srt")]  # fmt: skip
    assert out.read_bytes() == emu.output_of(lines[0])


def test_a_url_source_and_an_expired_link(
    emu: DubbingEmulator, env: dict[str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    emu.faults.expire_output_links = True
    url = "https://cdn.example.org/v/launch.mp4"
    code, out, err = run(capsys, "dub", url, "--to", "es", "--poll", POLL)
    assert (code, err) == (0, "")
    assert emu.created[0]["source_url"] == url and emu.uploads == {}
    assert out[1] == str(tmp_path / "launch.es.mp4")
    assert emu.jobs[out[0]].results == 1  # refreshed through /result
    assert (tmp_path / "launch.es.mp4").read_bytes() == emu.output_of(out[0])


def test_a_web_page_gets_the_hint_and_the_400_names_source_url(
    env: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "dub", "https://www.youtube.com/watch?v=x", "--to", "es")
    assert code == 6 and out == []
    note, refusal = err.splitlines()
    assert note.startswith("dragoman: note: https://www.youtube.com/watch?… does not end in")
    assert refusal.startswith("dragoman: Pinch cannot use source_url (")
    assert "direct, publicly reachable link to a media file" in refusal


@pytest.mark.parametrize(
    ("key", "args", "code", "fragment"),
    [
        ("pk_wrong", ["--to", "es"], 3, "did not accept the API key"),
        ("pk_test_broke", ["--to", "es"], 4, "balance is too low"),
        ("pk_test_forbidden", ["--to", "es"], 4, "may not use dubbing"),
        ("pk_test_good", ["--to", "sw"], 6, "cannot dub the target_lang language"),
        ("pk_test_good", ["--to", "es", "--from", "sw"], 6, "source_lang"),  # known, not dubbed
    ],
)
def test_refusals_and_their_exit_codes(
    env: dict[str, str],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    key: str,
    args: list[str],
    code: int,
    fragment: str,
) -> None:
    monkeypatch.setenv("PINCH_API_KEY", key)
    source, _ = media(tmp_path)
    result, _, err = run(capsys, "dub", str(source), *args)
    assert result == code and fragment in err and err.count("\n") == 1


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["missing.mp4", "--to", "es"], "Cannot read missing.mp4: no such file"),
        (["notes.txt", "--to", "es"], "Pinch dubs video"),
        (["talk.mp4"], "--to LANG"),
        ([], "Say what to dub"),
        (["talk.mp4", "--to", "es", "--poll", "0"], "positive number"),
        (["https://c/a.mp4", "--to", "es", "--url", "https://api.example", "--poll", "1"],
         "too fast for Pinch"),
        (["https://c/a.mp4", "--to", "es", "--url", "http://api.example"], "unencrypted"),
        (["talk.mp4", "--to", "es", "--resume", "dub_1"], "give only the job id"),
    ],
)  # fmt: skip
def test_usage_errors_exit_2(
    env: dict[str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str],
    fragment: str,
) -> None:  # fmt: skip
    media(tmp_path)
    code, _, err = run(capsys, "dub", *args)
    assert code == 2 and fragment in err


def test_no_key_exits_3(
    env: dict[str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    monkeypatch.delenv("PINCH_API_KEY")
    source, _ = media(tmp_path)
    key_file = tmp_path / "key"
    code, _, err = run(capsys, "dub", str(source), "--to", "es", "--api-key-file", str(key_file))
    assert code == 2 and "Cannot read the key file" in err
    key_file.write_text("pk_test_good\n")
    code, _, _ = run(
        capsys, "dub", str(source), "--to", "es", "--api-key-file", str(key_file), "--detach"
    )
    assert code == 0


def test_a_failed_job_exits_6_with_its_error(
    emu: DubbingEmulator, env: dict[str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    emu.faults.fail_jobs = 1
    source, _ = media(tmp_path)
    code, out, err = run(capsys, "dub", str(source), "--to", "es", "--poll", POLL)
    assert code == 6 and out == list(emu.jobs)
    assert f"Pinch could not dub job {out[0]} (source_unreachable: Could not fetch it)" in err
    (job,) = stored_jobs(capsys)
    assert job["phase"] == "failed" and "Could not fetch it" in str(job["error"])


def test_429_and_503_are_retried(
    emu: DubbingEmulator, env: dict[str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    emu.faults.retry_after = None
    emu.faults.fail_429, emu.faults.fail_503 = 1, 2
    source, _ = media(tmp_path)
    code, out, err = run(capsys, "dub", str(source), "--to", "es", "--poll", POLL)
    assert (code, err) == (0, "") and len(out) == 4
    statuses = [r.status for r in emu.api_requests()]
    assert statuses[:4] == [429, 503, 503, 200]


def test_unavailable_after_retries_exits_5(
    emu: DubbingEmulator, env: dict[str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    emu.faults.fail_503, emu.faults.retry_after = 10, None
    source, _ = media(tmp_path)
    code, _, err = run(capsys, "dub", str(source), "--to", "es")
    assert code == 5 and "gave up after 4 tries" in err


def test_detach_then_resume(
    emu: DubbingEmulator, env: dict[str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source, _ = media(tmp_path)
    code, out, err = run(capsys, "dub", str(source), "--to", "fr", "--detach")
    (job_id,) = emu.jobs
    assert code == 0 and out == [job_id] and f"dragoman dub --resume {job_id}" in err
    assert emu.jobs[job_id].polls == 0
    (job,) = stored_jobs(capsys)
    assert job["phase"] == "waiting"

    code, out, err = run(capsys, "dub", "--resume", job_id, "--poll", POLL)
    assert (code, err) == (0, "") and out[0] == str(tmp_path / "talk.fr.mp4")
    assert (tmp_path / "talk.fr.mp4").read_bytes() == emu.output_of(job_id)
    code, again, _ = run(capsys, "dub", "--resume", job_id)  # done: says where it is
    assert code == 0 and again == out


def test_resume_a_job_started_elsewhere(
    emu: DubbingEmulator, env: dict[str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    media(tmp_path)
    run(capsys, "dub", "talk.mp4", "--to", "it", "--detach")
    (job_id,) = emu.jobs
    monkeypatch.setenv("DRAGOMAN_DATA_DIR", str(tmp_path / "other"))  # another computer
    code, out, _ = run(capsys, "dub", "--resume", job_id, "--poll", POLL)
    assert code == 0 and out[0] == str(tmp_path / f"{job_id}.it.mp4")
    code, _, err = run(capsys, "dub", "--resume", "dub_unknown")
    assert code == 2 and "no such dubbing job" in err


def test_a_job_stuck_in_processing_gets_the_hint_once(
    emu: DubbingEmulator, env: dict[str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    monkeypatch.setattr(dub_command, "STUCK", StuckPolicy(ratio=0, floor_s=0.3, factor=1))
    emu.pace = Pace(processing_polls=25)  # about 1.2 s in processing at 0.05 s a poll
    source, _ = media(tmp_path)
    code, out, err = run(capsys, "dub", str(source), "--to", "es", "--poll", POLL)
    assert code == 0
    (hint,) = err.splitlines()
    assert hint.startswith(f"dragoman: Job {out[0]} has been processing for ")
    assert "source_url is publicly reachable" in hint and "still waiting" in hint


def test_ctrl_c_while_waiting_then_resume(
    emu: DubbingEmulator, env: dict[str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    emu.faults.stuck = True
    source, _ = media(tmp_path)
    child_env = {k: v for k, v in os.environ.items() if k != "DISPLAY"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "dragoman", "dub", str(source), "--to", "es", "--poll", POLL],
        env=child_env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None
        job_id = proc.stdout.readline().strip()  # printed as soon as the job exists
        assert job_id in emu.jobs
        deadline = time.monotonic() + 20
        while emu.jobs[job_id].polls < 3 and time.monotonic() < deadline:
            time.sleep(0.02)  # the child polls the emulator's thread; nothing to wait on here
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=20)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()  # reaped and its pipes closed (no leak into the next test)
    assert proc.returncode == 130
    assert err.strip().splitlines()[-1] == (
        f"dragoman: stopped waiting; job {job_id} goes on at Pinch. "
        f"Resume with: dragoman dub --resume {job_id}"
    )
    assert "Traceback" not in err
    (job,) = stored_jobs(capsys)
    assert job["job_id"] == job_id and job["phase"] == "waiting"

    emu.faults.stuck = False
    code, _, err = run(capsys, "dub", "--resume", job_id, "--poll", POLL)
    assert (code, err) == (0, "")
    assert (tmp_path / "talk.es.mp4").read_bytes() == emu.output_of(job_id)
    assert stored_jobs(capsys)[0]["phase"] == "done"


def test_jobs_when_there_are_none(env: dict[str, str], capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "jobs")
    assert code == 0 and out == [] and "no dubbing jobs yet" in err
    assert stored_jobs(capsys) == []


def test_a_terminal_shows_progress_on_one_line(
    emu: DubbingEmulator, env: dict[str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    emu.faults.progress_style = "object"
    emu.faults.fail_429, emu.faults.retry_after = 1, None
    source, _ = media(tmp_path)
    code, out, err = run(capsys, "dub", str(source), "--to", "es", "--poll", POLL)
    assert code == 0, err
    updates = err.split("\r\x1b[K")
    assert any(u.startswith("talk.mp4 · uploading ") for u in updates)
    assert any(f"{out[0]} · processing · stage 2 · Translating · " in u for u in updates)
    assert any("elapsed" in u for u in updates)
    assert any("retrying in 0 s (Pinch dubbing is rate limited (HTTP 429)" in u for u in updates)
    assert err.rstrip().endswith(f"dragoman: job {out[0]} done (0:02, $0.00).")
