"""Mistakes on the command line, as a person makes them: ``dragoman`` as a subprocess.

Each is refused before anything is read or sent (the service URL points at a closed port), with
one sentence that says what to do instead: a language code the table does not know, an audio
file asked of a text-only run, a key where no keyring can keep one.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from dragoman.core.wav import write_wav_pcm16
from tests.testbed.keyring import isolated_env

pytestmark = pytest.mark.slow

NOWHERE = "http://127.0.0.1:9"  # discard port: nothing may be sent anywhere


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    """A machine without any keyring and without keys in the environment."""
    environment = isolated_env(tmp_path / "session")
    for name in ("PINCH_API_KEY", "SMALLEST_API_KEY"):
        environment.pop(name, None)
    environment["DRAGOMAN_PINCH_URL"] = NOWHERE
    environment["DRAGOMAN_PULSE_URL"] = NOWHERE
    environment["DRAGOMAN_DUBBING_URL"] = NOWHERE
    return environment


@pytest.fixture
def wav(tmp_path: Path) -> Path:
    path = tmp_path / "talk.wav"
    path.write_bytes(write_wav_pcm16(np.zeros(8000, dtype=np.float32), 16_000))
    return path


def dragoman(env: dict[str, str], *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "dragoman", *args],
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def one_sentence(done: subprocess.CompletedProcess[str]) -> str:
    assert "Traceback" not in done.stderr, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("dragoman: "), done.stderr
    return lines[0]


# -- languages --------------------------------------------------------------------------------
def test_an_unknown_target_is_a_usage_error_with_the_nearest_languages(
    env: dict[str, str], wav: Path
) -> None:
    env["PINCH_API_KEY"] = "pk_test_good"
    done = dragoman(env, "translate", str(wav), "--to", "Germn")
    assert done.returncode == 2
    line = one_sentence(done)
    assert "Unknown language 'Germn' for --to: did you mean de (German)" in line
    assert "cannot speak" not in line


@pytest.mark.parametrize(
    ("argv", "option"),
    [
        (("translate", "{wav}", "--to", "xx"), "--to"),
        (("translate", "{wav}", "--from", "xx"), "--from"),
        (("transcribe", "{wav}", "--lang", "xx"), "--lang"),
        (("dub", "{wav}", "--to", "xx"), "--to"),
    ],
    ids=["translate --to", "translate --from", "transcribe --lang", "dub --to"],
)
def test_unknown_language_codes_exit_2_in_every_command(
    env: dict[str, str], wav: Path, argv: tuple[str, ...], option: str
) -> None:
    env["PINCH_API_KEY"] = env["SMALLEST_API_KEY"] = "k_test_good"
    done = dragoman(env, *(arg.format(wav=wav) for arg in argv))
    assert done.returncode == 2, done.stderr
    assert f"Unknown language 'xx' for {option}" in one_sentence(done)


def test_a_known_language_keeps_the_engine_s_own_sentence(env: dict[str, str], wav: Path) -> None:
    env["SMALLEST_API_KEY"] = "sk_test_good"
    done = dragoman(env, "transcribe", str(wav), "--lang", "sw")
    assert done.returncode == 2
    line = one_sentence(done)
    assert "Pulse does not transcribe 'sw'" in line and "Unknown" not in line


# -- --text-only with --out -------------------------------------------------------------------
def test_text_only_with_an_audio_output_is_a_usage_error(
    env: dict[str, str], wav: Path, tmp_path: Path
) -> None:
    env["PINCH_API_KEY"] = "pk_test_good"
    out = tmp_path / "x.wav"
    done = dragoman(env, "translate", str(wav), "--to", "de", "--text-only", "--out", str(out))
    assert done.returncode == 2
    line = one_sentence(done)
    assert "--text-only produces no audio" in line
    assert "drop --text-only" in line and "drop --out" in line
    assert not out.exists()
    # Also with a transcript asked for: --out is still speech, and there is none.
    both = dragoman(
        env, "translate", str(wav), "--text-only", "--out", str(out),
        "--transcript", str(tmp_path / "t.txt"),
    )  # fmt: skip
    assert both.returncode == 2 and "--text-only produces no audio" in both.stderr
    assert not out.exists() and not (tmp_path / "t.txt").exists()


# -- keys without a keyring -------------------------------------------------------------------
def test_auth_status_without_a_keyring_explains_the_variable_and_the_key_file(
    env: dict[str, str],
) -> None:
    done = dragoman(env, "auth", "status")
    assert done.returncode == 3
    text = done.stdout + done.stderr
    assert "PINCH_API_KEY" in text and "--api-key-file" in text
    assert "auth set" not in text  # it would fail: there is nowhere to store the key
    pulse = dragoman(env, "auth", "status", "--engine", "pulse")
    assert "SMALLEST_API_KEY" in pulse.stdout and "auth set" not in pulse.stdout


def test_auth_set_without_a_keyring_says_what_works_instead(env: dict[str, str]) -> None:
    done = dragoman(env, "auth", "set", stdin="pk_test_good\n")
    assert done.returncode == 1
    line = one_sentence(done)
    assert "Nothing stored" in line and "PINCH_API_KEY" in line and "--api-key-file" in line
    assert "pk_test_good" not in done.stdout + done.stderr


def test_a_command_without_a_key_or_a_keyring_names_the_ways_that_work(
    env: dict[str, str], wav: Path
) -> None:
    done = dragoman(env, "translate", str(wav), "--to", "de")
    assert done.returncode == 3
    line = one_sentence(done)
    assert "PINCH_API_KEY" in line and "--api-key-file" in line and "auth set" not in line


def test_with_a_keyring_auth_status_still_suggests_auth_set(keyring_env: dict[str, str]) -> None:
    done = dragoman(keyring_env, "auth", "status")
    assert done.returncode == 3
    assert "dragoman auth set" in done.stdout and "PINCH_API_KEY" in done.stdout
