"""``dragoman translate --history``, ``dragoman history`` and ``dragoman export`` as a user runs
them: subprocesses against the emulator over TCP, every export read back by an independent parser
(srt, webvtt-py, json, csv) and its cue times checked against the emulator's own segment
boundaries."""

from __future__ import annotations

import csv
import io
import json
import os
import stat
import subprocess
import sys
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import numpy as np
import pytest
import srt
import webvtt

from tests.emulator.pinch import PinchEmulator, running_emulator
from tests.speech import write_pcm16

pytestmark = pytest.mark.slow
RATE = 16_000
# (silence before, tone) in seconds: three utterances with pauses the service ends them at.
LAYOUT = ((0.5, 1.6), (0.6, 2.2), (0.7, 1.3))
TOLERANCE_S = 0.1


@pytest.fixture(scope="module")
def emu() -> Iterator[PinchEmulator]:
    with running_emulator() as emulator:
        yield emulator


@pytest.fixture(scope="module")
def recording(tmp_path_factory: pytest.TempPathFactory) -> Path:
    parts = []
    for k, (gap, seconds) in enumerate(LAYOUT):
        t = np.arange(int(seconds * RATE)) / RATE
        parts += [np.zeros(int(gap * RATE)), 0.3 * np.sin(2 * np.pi * (220 + 110 * k) * t)]
    parts.append(np.zeros(int(0.5 * RATE)))
    path = tmp_path_factory.mktemp("history") / "three.wav"
    write_pcm16(path, np.concatenate(parts), RATE, 1)
    return path


def dragoman(
    *args: str, emu: PinchEmulator, data: Path, stdin: str | None = None
) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PINCH_API_KEY", "DISPLAY")}
    env.update(
        DRAGOMAN_PINCH_URL=emu.base_url,
        DBUS_SESSION_BUS_ADDRESS="disabled:",
        PINCH_API_KEY="pk_test_good",
        XDG_DATA_HOME=str(data),
    )
    return subprocess.run(
        [sys.executable, "-m", "dragoman", *args],
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=90,
        check=False,
    )


def boundaries(emu: PinchEmulator) -> list[tuple[float, float]]:
    session = emu.sessions[-1]
    return [(s.start / RATE, s.end / RATE) for s in session.segments if s.finalised]


def near(cues: list[tuple[float, float]], truth: list[tuple[float, float]]) -> None:
    assert len(cues) == len(truth), (cues, truth)
    for (start, end), (s, e) in zip(cues, truth, strict=True):
        assert abs(start - s) <= TOLERANCE_S and abs(end - e) <= TOLERANCE_S, (cues, truth)


def test_a_translated_file_is_kept_searched_and_exported_with_its_speech_times(
    emu: PinchEmulator, recording: Path, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    transcript = tmp_path / "t.srt"
    run = dragoman(
        "translate", str(recording), "--fast", "--history", "--transcript", str(transcript),
        emu=emu, data=data,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    assert "kept in the history as conversation 1" in run.stderr
    truth = boundaries(emu)
    assert len(truth) == 3
    # The --transcript subtitles come from the same clock (no more fixed 2 s slots).
    cues = list(srt.parse(transcript.read_text(encoding="utf-8")))
    near([(c.start.total_seconds(), c.end.total_seconds()) for c in cues], truth)

    db = data / "dragoman" / "history.sqlite3"
    assert stat.S_IMODE(db.stat().st_mode) == 0o600

    listed = json.loads(dragoman("history", "--json", emu=emu, data=data).stdout)
    (conversation,) = listed["conversations"]
    assert conversation["id"] == 1 and conversation["exchange_count"] == 3
    rows = conversation["exchanges"]
    assert [r["original"].split()[1] for r in rows] == ["1.1", "2.1", "3.1"] or all(
        r["original"].startswith(f"speech {i}") for i, r in enumerate(rows, 1)
    )
    assert all(r["translated"].startswith("[es] speech") for r in rows)
    assert all(r["has_audio"] for r in rows)  # each row kept its own translated speech
    assert conversation["source_language"] == "en" and conversation["target_language"] == "es"

    text = dragoman("history", emu=emu, data=data).stdout
    assert "3 exchanges" in text and "en→es" in text

    # SRT and WebVTT through their own parsers; times against the emulator's boundaries.
    out = tmp_path / "c.srt"
    assert dragoman("export", "latest", "--format", "srt", "--out", str(out), emu=emu, data=data)
    subtitles = list(srt.parse(out.read_text(encoding="utf-8")))
    near([(c.start.total_seconds(), c.end.total_seconds()) for c in subtitles], truth)
    assert subtitles[1].content.splitlines()[1].startswith("[es] speech 2")

    vtt = dragoman("export", "1", "--format", "vtt", emu=emu, data=data).stdout
    captions = webvtt.from_buffer(io.StringIO(vtt)).captions
    near([(_seconds(c.start), _seconds(c.end)) for c in captions], truth)

    document = json.loads(dragoman("export", "1", "--format", "json", emu=emu, data=data).stdout)
    assert document["conversation"]["id"] == 1
    near([(e["start_s"], e["end_s"]) for e in document["exchanges"]], truth)

    table = dragoman("export", "latest", "--format", "csv", emu=emu, data=data).stdout
    parsed = list(csv.DictReader(io.StringIO(table, newline="")))
    near([(float(r["start"]), float(r["end"])) for r in parsed], truth)
    assert [r["translated"] for r in parsed] == [e["translated"] for e in document["exchanges"]]

    plain = dragoman("export", "latest", "--format", "txt", emu=emu, data=data).stdout
    assert plain.startswith("Conversation 1, ") and "→ [es] speech 3" in plain

    # Stable mode: row 2 (2.2 s) ends in a final span "speech 2.3 0.20s"; no other has "20s".
    found = json.loads(
        dragoman("history", "--json", "--search", "speech 20s", emu=emu, data=data).stdout
    )
    assert [m["position"] for m in found["matches"]] == [rows[1]["position"]]
    assert "Nothing matches." in dragoman("history", "--search", "xyzzy", emu=emu, data=data).stdout


def test_history_is_written_only_when_asked_and_cleared_on_request(
    emu: PinchEmulator, recording: Path, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    plain = dragoman("translate", str(recording), "--fast", emu=emu, data=data)
    assert plain.returncode == 0, plain.stderr
    assert not (data / "dragoman").exists()  # no --history: nothing created
    assert dragoman("history", emu=emu, data=data).stdout.strip() == "No history yet."
    nothing = json.loads(dragoman("history", "--json", emu=emu, data=data).stdout)
    assert nothing["conversations"] == [] and nothing["usage"]["days"] == []
    missing = dragoman("export", "latest", "--format", "txt", emu=emu, data=data)
    assert missing.returncode == 1 and "no history yet" in missing.stderr

    kept = dragoman("translate", str(recording), "--fast", "--history", emu=emu, data=data)
    assert kept.returncode == 0, kept.stderr
    bad = dragoman("export", "seven", "--format", "txt", emu=emu, data=data)
    assert bad.returncode == 2 and "not a conversation id" in bad.stderr
    gone = dragoman("export", "7", "--format", "txt", emu=emu, data=data)
    assert gone.returncode == 1 and "no conversation 7" in gone.stderr

    refused = dragoman("history", "clear", emu=emu, data=data)  # nobody to ask
    assert refused.returncode == 2 and "--yes" in refused.stderr
    cleared = dragoman("history", "clear", "--yes", emu=emu, data=data)
    assert cleared.returncode == 0 and cleared.stdout.strip() == "History cleared."
    assert dragoman("history", emu=emu, data=data).stdout.strip() == "No history yet."


def _seconds(stamp: str) -> float:
    hours, minutes, seconds = stamp.split(":")
    return timedelta(hours=int(hours), minutes=int(minutes), seconds=float(seconds)).total_seconds()
