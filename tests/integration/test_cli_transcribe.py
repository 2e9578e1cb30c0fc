"""``dragoman transcribe`` as a user runs it: a subprocess against the Pulse emulator over TCP."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from tests.emulator.pulse import Faults, PulseEmulator, running_emulator
from tests.signals import sentence, silence
from tests.speech import espeak, interp_resample, write_pcm16

pytestmark = pytest.mark.slow

GOOD = "sk_test_good"


@pytest.fixture
def emu() -> Iterator[PulseEmulator]:
    with running_emulator() as emulator:
        yield emulator


def dragoman(
    *args: str,
    emu: PulseEmulator,
    key: str | None = GOOD,
    env: dict[str, str] | None = None,
    timeout: float = 60,
) -> subprocess.CompletedProcess[str]:
    if env is None:
        env = {k: v for k, v in os.environ.items() if k not in ("SMALLEST_API_KEY", "DISPLAY")}
        env["DBUS_SESSION_BUS_ADDRESS"] = "disabled:"  # no keyring: keys come from the env here
    env = {**env, "DRAGOMAN_PULSE_URL": emu.base_url}
    if key is not None:
        env["SMALLEST_API_KEY"] = key
    return subprocess.run(
        [sys.executable, "-m", "dragoman", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def spoken(emu: PulseEmulator) -> list[str]:
    """Every non-empty final the emulator sent, in order."""
    return [m["transcript"] for s in emu.sessions for m in s.finals() if m["transcript"]]


@pytest.fixture(scope="module")
def speech_48k_stereo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, float]:
    """espeak speech as a headset records it (48 kHz stereo), and its length in seconds."""
    folder = tmp_path_factory.mktemp("speech")
    samples, rate = espeak(
        "Good morning. The meeting starts at ten. Please bring the quarterly report.",
        folder / "original.wav",
    )
    pad = np.zeros(rate // 2)
    converted = folder / "speech48k.wav"
    write_pcm16(
        converted, interp_resample(np.concatenate([pad, samples, pad]), rate, 48_000), 48_000, 2
    )
    blocks = samples[: len(samples) // (rate // 50) * (rate // 50)].reshape(-1, rate // 50)
    active = np.flatnonzero(np.sqrt(np.mean(blocks**2, axis=1)) > 0.01)
    return converted, (active[-1] + 1 - active[0]) / 50  # first to last voiced 20 ms block


def test_transcribe_speech_to_json(
    emu: PulseEmulator, speech_48k_stereo: tuple[Path, float], tmp_path: Path
) -> None:
    wav, seconds = speech_48k_stereo
    transcript = tmp_path / "t.json"
    args = [str(wav), "--lang", "en", "--transcript", str(transcript), "--fast"]
    result = dragoman("transcribe", *args, emu=emu)
    assert result.returncode == 0, result.stderr
    assert result.stderr == "" and result.stdout == ""

    (session,) = emu.sessions
    assert session.auth == "header" and session.language == "en"
    assert session.declared_rate == 16_000 and session.encoding == "linear16"
    assert [k for _, k in session.control_at] == ["finalize", "close_stream"]
    assert (session.ended_by, session.close_code) == ("server", 1000)
    said = spoken(emu)
    assert said
    # All of the speech arrived, at the declared rate: first to last speech as the server heard
    # it is as long as espeak's voiced span, measured on the original file.
    segments = session.segments
    heard = (segments[-1].end - segments[0].start) / session.declared_rate
    assert abs(heard - seconds) < 0.06

    data = json.loads(transcript.read_text())
    assert data["sessions"] == [session.session_id]
    assert [s["original"] for s in data["segments"]] == said
    assert {s["translated"] for s in data["segments"]} == {""}


def test_paced_transcription_declares_the_rate_it_sends(emu: PulseEmulator, tmp_path: Path) -> None:
    """A 44.1 kHz WAV is resampled to 16 kHz, declared as 16 kHz, and streamed in real time."""
    wav = tmp_path / "tone.wav"
    t = np.arange(int(1.0 * 44_100)) / 44_100
    tone = np.concatenate([np.zeros(8820), 0.3 * np.sin(2 * np.pi * 440 * t), np.zeros(4410)])
    write_pcm16(wav, tone, 44_100, 1)
    result = dragoman("transcribe", str(wav), "--lang", "de", emu=emu)
    assert result.returncode == 0, result.stderr
    (session,) = emu.sessions
    assert session.declared_rate == 16_000 and abs(session.dominant_hz() - 440) < 2
    assert result.stdout.splitlines() == spoken(emu) == ["speech 1 1.00s"]
    span = session.frames[-1][0] - session.frames[0][0]
    assert span >= 1.3 * 0.9  # 1.3 s of audio took real time to arrive, not a burst


def test_srt_transcript(emu: PulseEmulator, tmp_path: Path) -> None:
    wav = tmp_path / "in.wav"
    pcm = np.concatenate([silence(0.2), sentence(0.6, 6), silence(1.0), sentence(0.6, 7)])
    write_pcm16(wav, pcm / 32768.0, 16_000, 1)
    srt = tmp_path / "t.srt"
    args = ["transcribe", str(wav), "--lang", "en", "--fast", "--transcript", str(srt)]
    result = dragoman(*args, emu=emu)
    assert result.returncode == 0, result.stderr
    text = srt.read_text()
    assert text.startswith("1\n00:00:") and text.count("speech ") == 2 == len(spoken(emu))


@pytest.mark.parametrize(
    ("key", "code", "phrase"),
    [
        ("sk_wrong", 3, "did not accept the API key"),
        ("sk_test_forbidden", 4, "may not use Pulse"),
        (None, 3, "No Smallest AI API key"),
    ],
)
def test_key_problems_exit_codes(
    emu: PulseEmulator, tmp_path: Path, key: str | None, code: int, phrase: str
) -> None:
    wav = tmp_path / "in.wav"
    write_pcm16(wav, sentence(0.3, 2) / 32768.0, 16_000, 1)
    result = dragoman("transcribe", str(wav), "--lang", "en", "--fast", emu=emu, key=key)
    assert result.returncode == code and phrase in result.stderr
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert emu.sessions == []


def test_key_file_wins_over_the_environment(emu: PulseEmulator, tmp_path: Path) -> None:
    wav = tmp_path / "in.wav"
    write_pcm16(wav, sentence(0.3, 3) / 32768.0, 16_000, 1)
    key_file = tmp_path / "pulse.key"
    key_file.write_text(f"Bearer {GOOD}\n")
    args = ["transcribe", str(wav), "--lang", "en", "--fast", "--api-key-file", str(key_file)]
    assert dragoman(*args, emu=emu, key="sk_wrong").returncode == 0
    assert [h.status for h in emu.handshakes] == [101]


def test_the_keyring_holds_the_pulse_key_under_its_own_name(
    emu: PulseEmulator, tmp_path: Path, keyring_env: dict[str, str]
) -> None:
    wav = tmp_path / "in.wav"
    write_pcm16(wav, sentence(0.3, 4) / 32768.0, 16_000, 1)

    def stored_key(*args: str) -> None:
        done = subprocess.run(
            [sys.executable, "-m", "dragoman", "auth", "set", *args],
            env=keyring_env,
            input=f"{GOOD}\n",
            capture_output=True,
            text=True,
            timeout=30,
            check=True,
        )
        assert "Stored" in done.stdout

    stored_key()  # a Pinch key is not a Pulse key
    refused = dragoman("transcribe", str(wav), "--lang", "en", emu=emu, key=None, env=keyring_env)
    assert refused.returncode == 3 and "No Smallest AI API key" in refused.stderr
    stored_key("--engine", "pulse")
    done = dragoman(
        "transcribe", str(wav), "--lang", "en", "--fast", emu=emu, key=None, env=keyring_env
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == spoken(emu)[0]


def test_a_server_that_keeps_failing_exits_5(emu: PulseEmulator, tmp_path: Path) -> None:
    emu.faults.http_statuses = [500, 500]
    wav = tmp_path / "in.wav"
    write_pcm16(wav, sentence(0.3, 5) / 32768.0, 16_000, 1)
    result = dragoman("transcribe", str(wav), "--lang", "en", "--fast", emu=emu)
    assert result.returncode == 5 and "twice in a row" in result.stderr
    assert [h.status for h in emu.handshakes] == [500, 500]


def test_a_refused_parameter_exits_6_with_the_servers_reason(tmp_path: Path) -> None:
    wav = tmp_path / "in.wav"
    write_pcm16(wav, sentence(0.3, 6) / 32768.0, 16_000, 1)
    with running_emulator(region="india") as india:
        result = dragoman("transcribe", str(wav), "--lang", "ja", "--fast", emu=india)
    assert result.returncode == 6 and "served by the US host" in result.stderr


def test_a_server_error_message_is_reported_and_the_run_goes_on(
    emu: PulseEmulator, tmp_path: Path
) -> None:
    """An error message the server does not follow with a close is not fatal (issue 15, 8)."""
    emu.faults = Faults(error_shape="status")
    wav = tmp_path / "in.wav"
    write_pcm16(wav, sentence(0.5, 7) / 32768.0, 16_000, 1)
    result = dragoman("transcribe", str(wav), "--lang", "en", "--fast", emu=emu)
    assert result.returncode == 0, result.stderr
    assert result.stderr == (
        "dragoman: The Pulse service said: emulated error in the 'status' shape.\n"
    )
    assert result.stdout.splitlines() == spoken(emu) == ["speech 1 0.50s"]


@pytest.mark.parametrize(
    ("args", "phrase"),
    [
        (["in.wav", "--lang", "sw"], "does not transcribe 'sw'"),
        (["in.wav"], "--lang"),
        (["missing.wav", "--lang", "en"], "Cannot read"),
        (["in.wav", "--lang", "en", "--transcript", "t.docx"], ".txt, .srt or .json"),
        (["in.wav", "--lang", "en", "--engine", "pinch"], "invalid choice"),
    ],
)
def test_usage_errors_exit_2_before_connecting(
    emu: PulseEmulator, tmp_path: Path, args: list[str], phrase: str
) -> None:
    write_pcm16(tmp_path / "in.wav", sentence(0.3, 8) / 32768.0, 16_000, 1)
    result = dragoman(
        "transcribe", *[str(tmp_path / a) if a.endswith(".wav") else a for a in args], emu=emu
    )
    assert result.returncode == 2 and phrase in result.stderr
    assert "Traceback" not in result.stderr
    assert emu.handshakes == []
