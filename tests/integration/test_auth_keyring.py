"""``dragoman auth`` and key resolution through the real CLI against a real gnome-keyring.

Every command runs as a subprocess in the environment of :func:`tests.testbed.keyring.
secret_service`: a private session bus with an unlocked Secret Service, so ``keyring`` picks its
SecretService backend exactly as on a desktop. The key is always given on stdin, never in argv.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from dragoman.core.wav import write_wav_pcm16
from tests.emulator.pinch import running_emulator
from tests.signals import RATE, sentence, silence
from tests.testbed.keyring import TestbedError, isolated_env, secret_service

pytestmark = pytest.mark.slow

KEY = "pk_test_good"  # the emulator's good key
WRONG = "pk_test_wrong"  # the emulator answers 401
SECRET_SERVICE = "keyring (keyring.backends.SecretService.Keyring)"


def dragoman(
    env: dict[str, str], *args: str, stdin: str = "", timeout: float = 60
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "dragoman", *args],
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def stored(env: dict[str, str], engine: str = "pinch") -> str | None:
    """What the keyring holds, read by another process through the ``keyring`` library."""
    code = (
        "import json, sys, keyring\n"
        "assert type(keyring.get_keyring()).__module__ == 'keyring.backends.SecretService'\n"
        "print(json.dumps(keyring.get_password('dragoman', sys.argv[1])))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, engine],
        env=env,
        capture_output=True,
        text=True,
        timeout=30,
        check=True,
    )
    value: str | None = json.loads(done.stdout)
    return value


def output(done: subprocess.CompletedProcess[str]) -> str:
    return done.stdout + done.stderr


def set_key(env: dict[str, str], key: str, *engine: str) -> None:
    done = dragoman(env, "auth", "set", *engine, stdin=f"{key}\n")
    assert done.returncode == 0, output(done)
    assert key not in output(done)


def processes_with(variable: str, value: str) -> list[int]:
    """PIDs whose environment has ``variable=value`` (readable to us: we started them)."""
    wanted = f"{variable}={value}".encode()
    pids = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            environ = (entry / "environ").read_bytes()
        except OSError:  # gone meanwhile, or not ours to read
            continue
        if wanted in environ.split(b"\0"):
            pids.append(int(entry.name))
    return pids


def files_containing(root: Path, needle: str, *, excluding: Path | None = None) -> list[Path]:
    return [
        path
        for path in root.rglob("*")
        if path.is_file()
        and (excluding is None or not path.is_relative_to(excluding))
        and needle.encode() in path.read_bytes()
    ]


# -- the test bed itself ------------------------------------------------------------------------


@pytest.mark.skipif(not Path("/proc/self/environ").exists(), reason="needs /proc")
def test_testbed_stops_every_process_it_starts(tmp_path: Path) -> None:
    with secret_service(tmp_path) as env:
        runtime_dir = env["XDG_RUNTIME_DIR"]
        running = processes_with("XDG_RUNTIME_DIR", runtime_dir)
        assert len(running) == 2, running  # dbus-daemon and gnome-keyring-daemon
    assert processes_with("XDG_RUNTIME_DIR", runtime_dir) == []
    for pid in running:
        assert not Path(f"/proc/{pid}").exists()


def test_testbed_names_the_packages_when_daemons_are_missing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "nothing-here"))
    with pytest.raises(TestbedError, match=r"apt-get install .*dbus gnome-keyring"):
        with secret_service(tmp_path):
            pass


# -- auth set / status / clear ------------------------------------------------------------------


def test_status_with_nothing_stored_says_how_to_set_a_key(keyring_env: dict[str, str]) -> None:
    done = dragoman(keyring_env, "auth", "status")
    assert done.returncode == 3, output(done)
    assert "pinch: no key" in done.stdout
    assert "Run `dragoman auth set --engine pinch` or set PINCH_API_KEY." in done.stdout


def test_set_stores_the_key_in_the_keyring(keyring_env: dict[str, str]) -> None:
    done = dragoman(keyring_env, "auth", "set", stdin=f"{KEY}\n")
    assert done.returncode == 0, output(done)
    assert "Stored the pinch key in the OS keyring." in done.stdout
    assert stored(keyring_env) == KEY

    status = dragoman(keyring_env, "auth", "status")
    assert status.returncode == 0, output(status)
    assert status.stdout.strip() == f"pinch: key set, from {SECRET_SERVICE}."
    for result in (done, status):
        assert KEY not in output(result)


def test_environment_then_key_file_take_precedence(keyring_env: dict[str, str]) -> None:
    set_key(keyring_env, KEY)
    with_env = {**keyring_env, "PINCH_API_KEY": "pk_from_env"}
    status = dragoman(with_env, "auth", "status")
    assert status.returncode == 0, output(status)
    assert "from environment variable PINCH_API_KEY" in status.stdout
    assert "pk_from_env" not in output(status)

    # Which key translate used shows in whether the emulator accepted it.
    wav = Path(keyring_env["HOME"]) / "short.wav"
    wav.write_bytes(_utterance())
    key_file = Path(keyring_env["HOME"]) / "pinch.key"
    with running_emulator() as emu:
        base = {**keyring_env, "DRAGOMAN_PINCH_URL": emu.base_url}
        translate = ("translate", str(wav), "--fast", "--text-only")

        env_wrong = dragoman({**base, "PINCH_API_KEY": WRONG}, *translate)
        assert env_wrong.returncode == 3, output(env_wrong)  # env beat the good keyring key

        key_file.write_text(f"{WRONG}\n", encoding="utf-8")
        file_wrong = dragoman(
            {**base, "PINCH_API_KEY": KEY}, *translate, "--api-key-file", str(key_file)
        )
        assert file_wrong.returncode == 3, output(file_wrong)  # file beat env and keyring

        set_key(keyring_env, WRONG)
        key_file.write_text(f"  Bearer {KEY}\n", encoding="utf-8")
        file_good = dragoman(
            {**base, "PINCH_API_KEY": WRONG}, *translate, "--api-key-file", str(key_file)
        )
        assert file_good.returncode == 0, output(file_good)  # the only good key was the file's
    for result in (env_wrong, file_wrong, file_good):
        assert KEY not in output(result) and WRONG not in output(result)
    assert [a.status for a in emu.allocations] == [401, 401, 200]


def test_pulse_key_is_stored_independently(keyring_env: dict[str, str]) -> None:
    set_key(keyring_env, "sk_pulse_1", "--engine", "pulse")
    assert stored(keyring_env, "pulse") == "sk_pulse_1"
    assert stored(keyring_env, "pinch") is None
    assert dragoman(keyring_env, "auth", "status").returncode == 3

    set_key(keyring_env, KEY)
    pulse = dragoman(keyring_env, "auth", "status", "--engine", "pulse")
    assert pulse.returncode == 0, output(pulse)
    assert pulse.stdout.strip() == f"pulse: key set, from {SECRET_SERVICE}."

    done = dragoman(keyring_env, "auth", "clear", "--engine", "pulse")
    assert done.returncode == 0, output(done)
    assert stored(keyring_env, "pulse") is None
    assert stored(keyring_env, "pinch") == KEY


def test_clear_removes_the_key_and_is_idempotent(keyring_env: dict[str, str]) -> None:
    set_key(keyring_env, KEY)
    first = dragoman(keyring_env, "auth", "clear")
    assert (first.returncode, first.stdout.strip()) == (0, "Removed the pinch key."), output(first)
    assert stored(keyring_env) is None

    again = dragoman(keyring_env, "auth", "clear")
    assert (again.returncode, again.stdout.strip()) == (0, "No pinch key was stored."), output(
        again
    )
    assert dragoman(keyring_env, "auth", "status").returncode == 3


@pytest.mark.parametrize("stdin", ["", "\n", "   \t\n"], ids=["eof", "empty-line", "blank"])
def test_set_with_no_key_stores_nothing(keyring_env: dict[str, str], stdin: str) -> None:
    done = dragoman(keyring_env, "auth", "set", stdin=stdin)
    assert done.returncode == 2, output(done)
    assert done.stderr.strip() == "dragoman: No key was given: nothing stored."
    assert stored(keyring_env) is None


def test_set_stores_the_key_cleaned(keyring_env: dict[str, str]) -> None:
    for typed in (f"Bearer {KEY}\n", f"  \t{KEY}  \r\n", f"bearer   {KEY}\n"):
        done = dragoman(keyring_env, "auth", "set", stdin=typed)
        assert done.returncode == 0, output(done)
        assert stored(keyring_env) == KEY, repr(typed)
        assert dragoman(keyring_env, "auth", "clear").returncode == 0


def test_without_a_keyring_set_refuses_and_status_says_why(tmp_path: Path) -> None:
    env = isolated_env(tmp_path)  # DBUS_SESSION_BUS_ADDRESS=disabled:, no Secret Service
    done = dragoman(env, "auth", "set", stdin=f"{KEY}\n")
    assert done.returncode == 1, output(done)
    assert "Nothing stored: no usable keyring" in done.stderr
    assert "PINCH_API_KEY" in done.stderr and "--api-key-file" in done.stderr
    assert KEY not in output(done)
    assert files_containing(tmp_path, KEY) == []  # no plain text

    status = dragoman(env, "auth", "status")
    assert status.returncode == 3, output(status)
    assert "pinch: no key, and no usable keyring" in status.stdout
    # What works without a keyring, rather than `auth set`, which has just failed.
    assert "PINCH_API_KEY" in status.stdout and "--api-key-file" in status.stdout
    assert "auth set" not in status.stdout


# -- end to end ---------------------------------------------------------------------------------


def _utterance() -> bytes:
    """0.2 s silence, 1 s of synthetic speech, 0.5 s silence: one segment to the emulator."""
    pcm = np.concatenate([silence(0.2), sentence(1.0, seed=7), silence(0.5)])
    return write_wav_pcm16(pcm.astype(np.float32) / 32768, RATE)


def test_translate_uses_the_key_from_the_keyring(
    keyring_env: dict[str, str], tmp_path: Path
) -> None:
    set_key(keyring_env, KEY)
    assert "PINCH_API_KEY" not in keyring_env
    wav = tmp_path / "in.wav"
    wav.write_bytes(_utterance())
    transcript = tmp_path / "out.json"
    argv = ["translate", str(wav), "--fast", "--transcript", str(transcript)]

    with running_emulator() as emu:
        done = dragoman({**keyring_env, "DRAGOMAN_PINCH_URL": emu.base_url}, *argv)
    assert done.returncode == 0, output(done)
    document = json.loads(transcript.read_text(encoding="utf-8"))
    assert len(document["segments"]) == 1, document
    assert document["segments"][0]["translated"].startswith("[es] speech 1")
    assert [a.status for a in emu.allocations] == [200]

    assert KEY not in " ".join(argv)
    assert KEY not in output(done)
    keyring_storage = Path(keyring_env["XDG_DATA_HOME"]) / "keyrings"
    assert files_containing(tmp_path, KEY, excluding=keyring_storage) == []
    assert os.listdir(keyring_storage)  # the key is there, encrypted, and only there
