"""Issue 15, the command line's part: no hostile server or file makes ``dragoman translate`` /
``transcribe`` lose results, hang or crash.  Each test names the item it guards; every run is the
installed command as a subprocess against an emulator over TCP.
"""

from __future__ import annotations

import json
import struct
import subprocess
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from tests.emulator import pinch, pulse
from tests.integration.cli_helpers import command, dragoman, finals_sent, two_sentences
from tests.signals import sentence, silence
from tests.speech import write_pcm16

pytestmark = [pytest.mark.slow, pytest.mark.timeout(120)]

ENGINES = ("pinch", "pulse")


@pytest.fixture
def pinch_emu() -> Iterator[pinch.PinchEmulator]:
    with pinch.running_emulator() as emulator:
        yield emulator


@pytest.fixture
def pulse_emu() -> Iterator[pulse.PulseEmulator]:
    with pulse.running_emulator() as emulator:
        yield emulator


@pytest.fixture(params=ENGINES)
def engine(request: pytest.FixtureRequest) -> Iterator[tuple[str, object]]:
    name: str = request.param
    running = pinch.running_emulator() if name == "pinch" else pulse.running_emulator()
    with running as emulator:
        yield name, emulator


def texts_of(path: Path) -> list[str]:
    return [s["original"] for s in json.loads(path.read_text(encoding="utf-8"))["segments"]]


# --- 1. the completion rule --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lead", "pause"),
    [(1.5, 0.5), (0.2, 2.0)],
    ids=["file-starts-with-1.5s-of-silence", "2s-pause-between-sentences"],
)
def test_fast_waits_for_a_pinch_server_that_hears_at_real_time_pace(
    pinch_emu: pinch.PinchEmulator, tmp_path: Path, lead: float, pause: float
) -> None:
    pinch_emu.faults.realtime = True
    wav = two_sentences(tmp_path / "in.wav", lead=lead, pause=pause)
    transcript = tmp_path / "t.json"
    run = dragoman(
        *command("pinch", wav, "--text-only", "--transcript", str(transcript)),
        engine="pinch",
        emu=pinch_emu,
    )
    assert run.returncode == 0, run.stderr
    said = finals_sent("pinch", pinch_emu)
    assert len(said) == 2 and texts_of(transcript) == said


def test_fast_waits_for_a_pulse_server_that_hears_at_real_time_pace(
    pulse_emu: pulse.PulseEmulator, tmp_path: Path
) -> None:
    """Longer than the wait for is_last after close_stream: completion must not rely on it."""
    pulse_emu.faults.realtime = True
    wav = two_sentences(tmp_path / "in.wav", pause=8.0)
    run = dragoman(*command("pulse", wav), engine="pulse", emu=pulse_emu)
    assert run.returncode == 0, run.stderr
    assert run.stdout.splitlines() == finals_sent("pulse", pulse_emu)
    assert len(run.stdout.splitlines()) == 2


@pytest.mark.parametrize("fast", [True, False], ids=["fast", "real-time"])
def test_a_server_silent_after_ready_is_an_error_not_an_empty_success(
    engine: tuple[str, object], tmp_path: Path, fast: bool
) -> None:
    name, emu = engine
    if isinstance(emu, pinch.PinchEmulator):
        emu.faults.stall_after_ready = True
    else:
        assert isinstance(emu, pulse.PulseEmulator)
        emu.faults.mute = True
    wav = tmp_path / "in.wav"
    write_pcm16(wav, np.concatenate([sentence(0.8, 3), silence(0.3)]) / 32768.0, 16_000, 1)
    args = command(name, wav)
    if not fast:
        args.remove("--fast")
    run = dragoman(*args, engine=name, emu=emu)
    assert run.returncode == 5
    assert "stopped answering" in run.one_sentence()
    assert run.seconds < 30


# --- 3. server text that cannot be encoded or would drive the terminal -----------------------


@pytest.mark.parametrize("output", ["json", "srt", "stdout"])
def test_a_lone_surrogate_and_escapes_in_server_text_keep_the_transcript(
    engine: tuple[str, object], tmp_path: Path, output: str
) -> None:
    name, emu = engine
    emu.faults.hostile_text = True  # type: ignore[attr-defined]
    wav = two_sentences(tmp_path / "in.wav")
    extra = [] if output == "stdout" else ["--transcript", str(tmp_path / f"t.{output}")]
    run = dragoman(*command(name, wav, *extra), engine=name, emu=emu)
    assert run.returncode == 0, run.stderr
    assert run.stderr == ""
    text = run.stdout if output == "stdout" else (tmp_path / f"t.{output}").read_text("utf-8")
    assert "\x1b" not in text
    said = [t.split(" \ud83d")[0] for t in finals_sent(name, emu)]
    assert len(said) == 2
    for words in said:
        assert f"{words} \ufffd" in text


# --- 4. outputs checked before connecting, written atomically ----------------------------------


@pytest.mark.parametrize(
    ("target", "phrase"),
    [
        ("missing/t.json", "does not exist"),
        ("folder.json", "is a folder"),
    ],
)
def test_a_bad_transcript_path_is_refused_before_connecting(
    engine: tuple[str, object], tmp_path: Path, target: str, phrase: str
) -> None:
    name, emu = engine
    (tmp_path / "folder.json").mkdir()
    wav = two_sentences(tmp_path / "in.wav")
    run = dragoman(
        *command(name, wav, "--transcript", str(tmp_path / target)), engine=name, emu=emu
    )
    assert run.returncode == 2 and phrase in run.one_sentence()
    assert not getattr(emu, "allocations", None) and not getattr(emu, "handshakes", None)


@pytest.mark.parametrize("target", ["missing/out.wav", "folder"])
def test_a_bad_speech_output_path_is_refused_before_connecting(
    pinch_emu: pinch.PinchEmulator, tmp_path: Path, target: str
) -> None:
    (tmp_path / "folder").mkdir()
    wav = two_sentences(tmp_path / "in.wav")
    run = dragoman(
        *command("pinch", wav, "--out", str(tmp_path / target)), engine="pinch", emu=pinch_emu
    )
    assert run.returncode == 2
    run.one_sentence()
    assert pinch_emu.allocations == []


def test_a_read_only_folder_is_refused_before_connecting(
    pinch_emu: pinch.PinchEmulator, tmp_path: Path
) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        if _can_create_in(folder):  # root ignores permission bits: make the folder immutable
            done = subprocess.run(["chattr", "+i", str(folder)], capture_output=True, check=False)
            if done.returncode != 0 or _can_create_in(folder):
                pytest.skip("cannot make a folder read-only here")
        wav = two_sentences(tmp_path / "in.wav")
        run = dragoman(
            *command("pinch", wav, "--transcript", str(folder / "t.json")),
            engine="pinch",
            emu=pinch_emu,
        )
        assert run.returncode == 2 and "Cannot write" in run.one_sentence()
        assert pinch_emu.allocations == []
    finally:
        subprocess.run(["chattr", "-i", str(folder)], capture_output=True, check=False)
        folder.chmod(0o755)


def _can_create_in(folder: Path) -> bool:
    probe = folder / "probe"
    try:
        probe.touch()
    except OSError:
        return False
    probe.unlink()
    return True


def test_an_output_that_fails_late_does_not_cost_the_others(
    pinch_emu: pinch.PinchEmulator, tmp_path: Path
) -> None:
    """/dev/full accepts the open and refuses every write: the transcript is still written."""
    wav = two_sentences(tmp_path / "in.wav")
    transcript = tmp_path / "t.json"
    run = dragoman(
        *command("pinch", wav, "--out", "/dev/full", "--transcript", str(transcript)),
        engine="pinch",
        emu=pinch_emu,
    )
    assert run.returncode == 7
    line = run.one_sentence()
    assert "/dev/full" in line and str(transcript) in line
    assert texts_of(transcript) == finals_sent("pinch", pinch_emu)


def test_outputs_replace_old_files_whole_or_not_at_all(
    pinch_emu: pinch.PinchEmulator, tmp_path: Path
) -> None:
    wav = two_sentences(tmp_path / "in.wav")
    out, transcript = tmp_path / "out.wav", tmp_path / "t.srt"
    out.write_bytes(b"old speech")
    transcript.write_text("old transcript")
    refused = dragoman(
        *command("pinch", wav, "--out", str(out), "--transcript", str(transcript)),
        engine="pinch",
        emu=pinch_emu,
        key="pk_wrong",
    )
    assert refused.returncode == 3
    assert out.read_bytes() == b"old speech" and transcript.read_text() == "old transcript"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.wav", "out.wav", "t.srt"]
    done = dragoman(
        *command("pinch", wav, "--out", str(out), "--transcript", str(transcript)),
        engine="pinch",
        emu=pinch_emu,
    )
    assert done.returncode == 0, done.stderr
    assert out.read_bytes()[:4] == b"RIFF" and "speech 2" in transcript.read_text()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.wav", "out.wav", "t.srt"]


def test_the_transcript_can_go_to_a_device(pulse_emu: pulse.PulseEmulator, tmp_path: Path) -> None:
    """A target that is no regular file is written in one go, not renamed over."""
    wav = two_sentences(tmp_path / "in.wav")
    (tmp_path / "screen.txt").symlink_to("/dev/stdout")
    run = dragoman(
        *command("pulse", wav, "--transcript", str(tmp_path / "screen.txt")),
        engine="pulse",
        emu=pulse_emu,
    )
    assert run.returncode == 0, run.stderr
    assert [line for line in run.stdout.splitlines() if line] == finals_sent("pulse", pulse_emu)
    assert (tmp_path / "screen.txt").is_symlink()


def test_an_output_that_would_overwrite_the_input_is_refused(
    pinch_emu: pinch.PinchEmulator, tmp_path: Path
) -> None:
    wav = two_sentences(tmp_path / "in.wav")
    before = wav.read_bytes()
    run = dragoman(*command("pinch", wav, "--out", str(wav)), engine="pinch", emu=pinch_emu)
    assert run.returncode == 2 and "recording being read" in run.one_sentence()
    assert wav.read_bytes() == before and pinch_emu.allocations == []


# --- 8. an error frame mid-run is reported, the run goes on ------------------------------------


def test_a_pinch_error_frame_mid_run_is_reported_and_the_run_goes_on(
    pinch_emu: pinch.PinchEmulator, tmp_path: Path
) -> None:
    pinch_emu.faults.error_mid_run = "transient hiccup, carrying on"
    wav = two_sentences(tmp_path / "in.wav")
    out, transcript = tmp_path / "out.wav", tmp_path / "t.json"
    run = dragoman(
        *command("pinch", wav, "--out", str(out), "--transcript", str(transcript)),
        engine="pinch",
        emu=pinch_emu,
    )
    assert run.returncode == 0
    assert "transient hiccup, carrying on" in run.one_sentence()
    assert texts_of(transcript) == finals_sent("pinch", pinch_emu)
    assert len(texts_of(transcript)) == 2 and out.stat().st_size > 44


# --- 9. interims that never get a final, malformed finals, floods ------------------------------


@pytest.mark.parametrize(
    "faults",
    [
        {"never_final": 1},
        {"malformed_finals": 2},
        {"interim_flood": 30_000, "never_final": 1},
    ],
    ids=["one-interim-never-final", "malformed-finals", "30000-interims"],
)
def test_results_that_never_finish_are_not_a_silent_server(
    engine: tuple[str, object], tmp_path: Path, faults: dict[str, int]
) -> None:
    name, emu = engine
    for knob, value in faults.items():
        setattr(emu.faults, knob, value)  # type: ignore[attr-defined]
    wav = two_sentences(tmp_path / "in.wav")
    transcript = tmp_path / "t.json"
    run = dragoman(*command(name, wav, "--transcript", str(transcript)), engine=name, emu=emu)
    assert run.returncode == 0, run.stderr
    assert "stopped answering" not in run.stderr and "Traceback" not in run.stderr
    assert len(run.lines) <= 1
    kept = " ".join(texts_of(transcript))
    for text in finals_sent(name, emu):
        assert text in kept
    if name == "pinch":  # segments are named: the text each showed last is kept
        assert [t.split()[:2] for t in texts_of(transcript)] == [
            ["speech", "1.1"],
            ["speech", "2.1"],
        ]
    else:  # anonymous segments: what an unfinished one showed is kept until the next speaks
        assert "speech 2" in kept
    assert run.seconds < 40


# --- 12. input read in blocks; header sanity ---------------------------------------------------


def test_a_small_wav_claiming_1_hz_is_refused_at_once(
    pinch_emu: pinch.PinchEmulator, tmp_path: Path
) -> None:
    wav = tmp_path / "one-hertz.wav"
    samples = np.zeros(20_000, dtype="<i2").tobytes()  # 40 KB
    fmt = struct.pack("<HHIIHH", 1, 1, 1, 2, 2, 16)
    body = b"WAVE" + b"fmt " + struct.pack("<I", 16) + fmt + b"data"
    wav.write_bytes(b"RIFF" + struct.pack("<I", len(body) + 4 + len(samples)) + body
                    + struct.pack("<I", len(samples)) + samples)  # fmt: skip
    run = dragoman(*command("pinch", wav), engine="pinch", emu=pinch_emu, timeout=60)
    assert run.returncode == 2
    assert "1 Hz" in run.one_sentence()
    assert run.peak_rss_mb < 200 and pinch_emu.allocations == []


def test_memory_stays_flat_however_long_the_input(
    pinch_emu: pinch.PinchEmulator, tmp_path: Path
) -> None:
    """Four minutes of 48 kHz stereo (92 MB): read, resampled and sent in blocks."""
    wav = tmp_path / "long.wav"
    rate, minutes = 48_000, 4
    burst = np.repeat(sentence(0.5, 5, rate=rate)[:, None], 2, axis=1).astype("<i2")
    quiet = np.zeros((rate * 10 - len(burst), 2), dtype="<i2")
    block = np.concatenate([burst, quiet]).tobytes()  # 10 s: a little speech, then silence
    count = minutes * 6
    header = struct.pack("<HHIIHH", 1, 2, rate, rate * 4, 4, 16)
    size = len(block) * count
    with wav.open("wb") as f:
        f.write(b"RIFF" + struct.pack("<I", 36 + size) + b"WAVE")
        f.write(b"fmt " + struct.pack("<I", 16) + header + b"data" + struct.pack("<I", size))
        for _ in range(count):
            f.write(block)
    run = dragoman(*command("pinch", wav, "--text-only"), engine="pinch", emu=pinch_emu)
    assert run.returncode == 0, run.stderr
    assert run.stdout.count("[es] speech") == count
    assert run.peak_rss_mb < 150, f"peak RSS {run.peak_rss_mb:.0f} MB"


# --- 13. one sentence per failure; file names quoted -------------------------------------------


def test_a_refused_key_is_the_only_sentence_even_with_an_output(
    pinch_emu: pinch.PinchEmulator, tmp_path: Path
) -> None:
    wav = two_sentences(tmp_path / "in.wav")
    run = dragoman(
        *command("pinch", wav, "--out", str(tmp_path / "out.wav")),
        engine="pinch",
        emu=pinch_emu,
        key="pk_wrong",
    )
    assert run.returncode == 3
    assert "API key" in run.one_sentence()
    assert "no translated speech" not in run.stderr.lower()


@pytest.mark.parametrize("name", ["bad\nname.wav", "esc\x1b[31m.wav"])
def test_file_names_with_control_characters_are_quoted(
    pulse_emu: pulse.PulseEmulator, tmp_path: Path, name: str
) -> None:
    run = dragoman(*command("pulse", tmp_path / name), engine="pulse", emu=pulse_emu)
    assert run.returncode == 2
    line = run.one_sentence()
    assert "\x1b" not in run.stderr and repr(str(tmp_path / name)) in line
