"""``dragoman translate`` as a user runs it: a subprocess against the emulator over TCP."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from tests.emulator.pinch import PinchEmulator, running_emulator
from tests.signals import correlation, sentence, silence
from tests.speech import espeak, interp_resample, read_pcm16, write_pcm16

pytestmark = pytest.mark.slow


@pytest.fixture
def emu() -> Iterator[PinchEmulator]:
    with running_emulator() as emulator:
        yield emulator


def dragoman(
    *args: str, emu: PinchEmulator, key: str | None = "pk_test_good", timeout: float = 90
) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PINCH_API_KEY", "DISPLAY")}
    env["DRAGOMAN_PINCH_URL"] = emu.base_url
    env["DBUS_SESSION_BUS_ADDRESS"] = "disabled:"  # no keyring: keys come from the env here
    if key is not None:
        env["PINCH_API_KEY"] = key
    return subprocess.run(
        [sys.executable, "-m", "dragoman", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


@pytest.fixture(scope="module")
def speech_48k_stereo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("speech")
    original = folder / "original.wav"
    samples, rate = espeak(
        "Good morning. The meeting starts at ten. Please bring the quarterly report.", original
    )
    # Half a second of room tone on both ends, then 48 kHz stereo as a headset would record.
    pad = np.zeros(rate // 2)
    padded = np.concatenate([pad, samples, pad])
    write_pcm16(original, padded, rate, 1)
    converted = folder / "speech48k.wav"
    write_pcm16(converted, interp_resample(padded, rate, 48_000), 48_000, 2)
    return original, converted


@pytest.mark.parametrize("fast", [True, False], ids=["fast", "real-time"])
def test_translate_48k_stereo_speech_end_to_end(
    emu: PinchEmulator, speech_48k_stereo: tuple[Path, Path], tmp_path: Path, fast: bool
) -> None:
    original, converted = speech_48k_stereo
    out, transcript = tmp_path / "out.wav", tmp_path / "t.json"
    args = [str(converted), "--from", "en", "--to", "de", "--out", str(out)]
    args += ["--transcript", str(transcript)] + (["--fast"] if fast else [])
    result = dragoman("translate", *args, emu=emu)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""

    (session,) = emu.sessions
    assert session.audio_before_ready == 0 and session.close_code == 1000
    assert bytes(session.audio[-9600:]) == bytes(9600)  # the end-of-utterance padding
    segments = [s for s in session.segments if s.finalised]
    assert len(segments) >= 2

    # OUT.wav is the emulator's transform of what was said: check it against the original
    # espeak audio, cut at the emulator's segment times and resampled independently.
    src, src_rate = read_pcm16(original)
    expected = np.concatenate(
        [
            0.5
            * interp_resample(
                src[round(s.start * src_rate / 16000) : round(s.end * src_rate / 16000)],
                src_rate,
                24_000,
            )
            for s in segments
        ]
    )
    got, rate = read_pcm16(out)
    assert rate == 24_000
    assert abs(len(got) - len(expected)) <= 24 * len(segments)
    assert correlation(got, expected) >= 0.95

    data = json.loads(transcript.read_text())
    assert set(data) == {"segments", "sessions"}
    assert data["sessions"] == [session.session_id]
    assert [s["id"] for s in data["segments"]] == [s.correlation_id for s in segments]
    for segment in data["segments"]:
        assert set(segment) == {"id", "original", "translated"}
        parts = re.findall(r"speech \S+ \S+s", segment["original"])
        assert parts and " ".join(parts) == segment["original"]
        assert segment["translated"] == " ".join(f"[de] {part}" for part in parts)


def test_paced_streaming_runs_in_real_time(emu: PinchEmulator, tmp_path: Path) -> None:
    wav = tmp_path / "in.wav"
    pcm = np.concatenate([silence(0.2), sentence(1.0, 1), silence(0.6)]) / 32768.0
    write_pcm16(wav, pcm, 16_000, 1)
    assert dragoman("translate", str(wav), "--text-only", emu=emu).returncode == 0
    frames = emu.sessions[0].frames
    span = frames[-16][0] - frames[0][0]  # first audio frame to the last before the padding
    assert span >= 1.6 * 0.9  # about 1.8 s of audio took real time to arrive, not a burst


@pytest.mark.parametrize(
    ("key", "code", "phrase"),
    [
        ("pk_wrong", 3, "did not accept the API key"),
        ("pk_test_forbidden", 4, "not entitled"),
        (None, 3, "No Pinch API key"),
    ],
)
def test_key_problems_exit_codes(
    emu: PinchEmulator, tmp_path: Path, key: str | None, code: int, phrase: str
) -> None:
    wav = tmp_path / "in.wav"
    write_pcm16(wav, sentence(0.3, 2) / 32768.0, 16_000, 1)
    result = dragoman("translate", str(wav), "--fast", emu=emu, key=key)
    assert result.returncode == code and phrase in result.stderr
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_busy_service_exits_5_after_retries(emu: PinchEmulator, tmp_path: Path) -> None:
    emu.faults.fail_503 = 100
    wav = tmp_path / "in.wav"
    write_pcm16(wav, sentence(0.3, 3) / 32768.0, 16_000, 1)
    result = dragoman("translate", str(wav), "--fast", emu=emu)
    assert result.returncode == 5 and "busy" in result.stderr
    assert [a.status for a in emu.allocations] == [503] * 4
    gaps = np.diff([a.time for a in emu.allocations])
    assert list(np.round(gaps)) == [1, 2, 4]


def test_unsupported_target_exits_6_suggesting_text_only(
    emu: PinchEmulator, tmp_path: Path
) -> None:
    wav = tmp_path / "in.wav"
    write_pcm16(wav, sentence(0.3, 4) / 32768.0, 16_000, 1)
    result = dragoman("translate", str(wav), "--to", "sw", "--fast", emu=emu)
    assert result.returncode == 6 and "--text-only" in result.stderr
    ok = dragoman("translate", str(wav), "--to", "sw", "--text-only", "--fast", emu=emu)
    assert ok.returncode == 0 and "[sw]" in ok.stdout


@pytest.mark.parametrize(
    ("args", "phrase"),
    [
        (["missing.wav"], "Cannot read"),
        (["garbage.wav"], "not a WAV file"),
        (["in.wav", "--voice", "clone"], "voiceType='clone' is not supported yet"),
        (["in.wav", "--transcript", "t.docx"], ".txt, .srt or .json"),
        (["in.wav", "--finalize", "eager"], "invalid choice"),
    ],
)
def test_usage_errors_exit_2(
    emu: PinchEmulator, tmp_path: Path, args: list[str], phrase: str
) -> None:
    write_pcm16(tmp_path / "in.wav", sentence(0.3, 5) / 32768.0, 16_000, 1)
    (tmp_path / "garbage.wav").write_bytes(b"\x00garbage" * 20)
    result = dragoman(
        "translate", *[str(tmp_path / a) if a.endswith(".wav") else a for a in args], emu=emu
    )
    assert result.returncode == 2 and phrase in result.stderr
    assert "Traceback" not in result.stderr
    assert emu.allocations == []


def test_srt_and_text_transcripts(emu: PinchEmulator, tmp_path: Path) -> None:
    wav = tmp_path / "in.wav"
    pcm = np.concatenate([silence(0.2), sentence(0.6, 6), silence(0.5), sentence(0.6, 7)])
    write_pcm16(wav, pcm / 32768.0, 16_000, 1)
    for suffix in ("srt", "txt"):
        path = tmp_path / f"t.{suffix}"
        result = dragoman("translate", str(wav), "--fast", "--transcript", str(path), emu=emu)
        assert result.returncode == 0, result.stderr
        text = path.read_text()
        assert text.count("[es] speech") == 2
    assert "00:00:" in (tmp_path / "t.srt").read_text()


def test_languages_and_version() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "dragoman", "languages", "--speech"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    codes = {line.split()[0] for line in out.splitlines()[1:]}
    assert {"en", "es", "fr", "de", "it", "pt", "ru", "ja", "ko", "zh"} <= codes
    assert "sw" not in codes
    version = subprocess.run(
        [sys.executable, "-m", "dragoman", "--version"], capture_output=True, text=True, check=True
    ).stdout
    assert version.startswith("dragoman 0.")


def test_a_closed_pipe_ends_quietly() -> None:
    """`dragoman languages | head -1`: no "unexpected error" when the reader stops early."""
    with subprocess.Popen(
        [sys.executable, "-m", "dragoman", "languages"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    ) as proc:
        assert proc.stdout is not None and proc.stderr is not None
        # The reader is gone before the child's first write (it is still starting Python), so
        # its output meets a closed pipe for certain, as after `head -1` exits.
        proc.stdout.close()
        stderr = proc.stderr.read().decode()
        assert proc.wait(timeout=30) == 0
    assert stderr == ""
