"""Running the installed ``dragoman`` command against an emulator, as a user would.

Shared by the command-line reliability tests and the fault matrix: the command runs as a
subprocess over real TCP, and each run reports its exit code, output, wall time and peak memory.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from tests.signals import sentence, silence
from tests.speech import write_pcm16

PINCH_KEY = "pk_test_good"
PULSE_KEY = "sk_test_good"


@dataclass(frozen=True)
class Run:
    returncode: int
    stdout: str
    stderr: str
    seconds: float
    peak_rss_mb: float

    @property
    def lines(self) -> list[str]:
        return self.stderr.strip().splitlines()

    def one_sentence(self) -> str:
        """The stderr of a failed run: exactly one line, no traceback; returns it."""
        assert "Traceback" not in self.stderr, self.stderr
        assert len(self.lines) == 1, self.stderr
        line = self.lines[0]
        assert line.startswith("dragoman: ") and line.endswith((".", "?", ")")), line
        return line


def env_for(engine: str, emu: Any, key: str | None) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("PINCH_API_KEY", "SMALLEST_API_KEY", "DISPLAY")
    }
    env["DBUS_SESSION_BUS_ADDRESS"] = "disabled:"  # no keyring: keys come from the env here
    if engine == "pinch":
        env["DRAGOMAN_PINCH_URL"] = emu.base_url
        if key is not None:
            env["PINCH_API_KEY"] = key
    else:
        env["DRAGOMAN_PULSE_URL"] = emu.base_url
        if key is not None:
            env["SMALLEST_API_KEY"] = key
    return env


def dragoman(
    *args: str,
    engine: str,
    emu: Any,
    key: str | None = "default",
    timeout: float = 90,
    cwd: Path | None = None,
) -> Run:
    """``python -m dragoman ARGS`` with the engine's emulator and key; waits with a hang guard."""
    if key == "default":
        key = PINCH_KEY if engine == "pinch" else PULSE_KEY
    started = time.monotonic()
    with tempfile.TemporaryDirectory() as scratch:
        rss, out, err = (Path(scratch) / name for name in ("rss", "out", "err"))
        with out.open("wb") as stdout, err.open("wb") as stderr:
            proc = subprocess.Popen(
                [*_measured(rss), sys.executable, "-m", "dragoman", *args],
                env=env_for(engine, emu, key),
                stdout=stdout,
                stderr=stderr,
                cwd=cwd,
                start_new_session=True,  # so a hang guard can stop the command with its wrapper
            )
            try:
                returncode = proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
                raise
        return Run(
            returncode=returncode,
            stdout=out.read_bytes().decode("utf-8", "replace"),
            stderr=err.read_bytes().decode("utf-8", "replace"),
            seconds=time.monotonic() - started,
            peak_rss_mb=int(rss.read_text() or 0) / 1024,  # kilobytes on Linux
        )


# The command runs under a small wrapper that reports its peak memory: a child's ru_maxrss
# includes the RSS of whoever forked it (the test process, with numpy and the emulators), so the
# command is forked from a bare interpreter instead.
def _measured(rss: Path) -> list[str]:
    return [sys.executable, "-I", "-S", "-c", _MEASURE, str(rss)]


_MEASURE = (
    "import resource, subprocess, sys\n"
    "code = subprocess.call(sys.argv[2:])\n"
    "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"
    "open(sys.argv[1], 'w').write(str(peak))\n"
    "sys.exit(code)\n"
)


def command(engine: str, wav: Path, *extra: str) -> list[str]:
    """The sub-command and its required options for ``engine``, --fast."""
    if engine == "pinch":
        return ["translate", str(wav), "--fast", *extra]
    return ["transcribe", str(wav), "--lang", "en", "--fast", *extra]


def two_sentences(path: Path, *, pause: float = 0.8, lead: float = 0.2) -> Path:
    """Two 1 s synthetic sentences: speech to any energy VAD, a ``pause`` between them."""
    pcm = np.concatenate(
        [silence(lead), sentence(1.0, 11), silence(pause), sentence(1.0, 12), silence(0.5)]
    )
    write_pcm16(path, pcm / 32768.0, 16_000, 1)
    return path


def finals_sent(engine: str, emu: Any) -> list[str]:
    """Every well-formed source final with text the emulator sent, in order."""
    texts: list[str] = []
    for session in emu.sessions:
        for message in session.sent:
            if message.get("is_final") is not True:
                continue
            if engine == "pinch" and message.get("type") == "original_transcript":
                text = message.get("text")
            elif engine == "pulse":
                text = message.get("transcript")
            else:
                continue
            if isinstance(text, str) and text.strip():
                texts.append(text)
    return texts
