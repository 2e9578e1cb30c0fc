"""Peak memory of ``dragoman translate --fast`` for a long recording (issue 15, item 12).

    .venv/bin/python -m bench.cli_memory [--minutes 60] [--rate 48000] [--channels 2]

Writes a recording of the given length in a temporary folder (48 kHz stereo PCM16 by default:
about 660 MiB for an hour; a short burst of speech-like syllables every 10 s, silence between),
then runs the installed command on it, ``--fast`` with ``--out`` and ``--transcript``, against
the Pinch emulator running as a child process of its own.  The command is started from a bare
interpreter that reports its peak RSS (``ru_maxrss``: a child's figure would otherwise include
the RSS of whoever forked it).  The same is done for a one-minute file first, so the two peaks
show whether memory grows with the length.  Figures only: nothing is asserted (goal: under
150 MB for an hour of 48 kHz stereo).
"""

from __future__ import annotations

import argparse
import os
import struct
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
from tests.signals import sentence

GOAL_MB = 150
PERIOD_S = 10  # one burst of speech every PERIOD_S seconds
BURST_S = 0.8

# Runs the command and writes its peak RSS (kB) to argv[1]; small, so the figure is the command's.
_MEASURE = (
    "import resource, subprocess, sys\n"
    "code = subprocess.call(sys.argv[2:])\n"
    "open(sys.argv[1], 'w').write(str(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss))\n"
    "sys.exit(code)\n"
)


def write_recording(path: Path, *, minutes: float, rate: int, channels: int) -> float:
    """A PCM16 WAV written a period at a time (this process stays small too); its seconds."""
    periods = max(1, round(minutes * 60 / PERIOD_S))
    frames = rate * PERIOD_S
    data_bytes = periods * frames * channels * 2
    fmt = struct.pack("<HHIIHH", 1, channels, rate, rate * channels * 2, channels * 2, 16)
    with path.open("wb") as f:
        f.write(b"RIFF" + struct.pack("<I", 36 + data_bytes) + b"WAVE")
        f.write(b"fmt " + struct.pack("<I", 16) + fmt + b"data" + struct.pack("<I", data_bytes))
        for index in range(periods):
            burst = sentence(BURST_S, index % 50, rate=rate)
            block = np.zeros((frames, channels), dtype="<i2")
            block[rate // 2 : rate // 2 + len(burst)] = burst[:, None]
            f.write(block.tobytes())
    return periods * PERIOD_S


def start_emulator() -> tuple[subprocess.Popen[str], str]:
    proc = subprocess.Popen(
        [sys.executable, "-m", "tests.emulator.pinch", "--port", "0"],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    line = proc.stdout.readline().strip()
    if not line.startswith("listening on "):
        proc.kill()
        raise RuntimeError(f"the emulator did not start: {line!r}")
    return proc, line.removeprefix("listening on ")


def run_translate(wav: Path, folder: Path, base_url: str) -> tuple[int, float, float, str]:
    """(exit code, seconds, peak RSS in MB, stderr) of one ``dragoman translate --fast`` run."""
    env = {k: v for k, v in os.environ.items() if k not in ("PINCH_API_KEY", "DISPLAY")}
    env.update(
        DRAGOMAN_PINCH_URL=base_url,
        PINCH_API_KEY="pk_test_good",
        DBUS_SESSION_BUS_ADDRESS="disabled:",
    )
    rss = folder / "rss"
    command = [sys.executable, "-I", "-S", "-c", _MEASURE, str(rss)]
    command += [sys.executable, "-m", "dragoman", "translate", str(wav), "--fast"]
    command += ["--out", str(folder / "out.wav"), "--transcript", str(folder / "out.json")]
    started = time.monotonic()
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    took = time.monotonic() - started
    return done.returncode, took, int(rss.read_text() or 0) / 1024, done.stderr.strip()


def measure(folder: Path, base_url: str, minutes: float, rate: int, channels: int) -> float:
    wav = folder / f"talk-{minutes:g}min.wav"
    started = time.monotonic()
    seconds = write_recording(wav, minutes=minutes, rate=rate, channels=channels)
    made = time.monotonic() - started
    size = wav.stat().st_size
    code, took, peak, stderr = run_translate(wav, folder, base_url)
    out = folder / "out.wav"
    speech = (out.stat().st_size - 44) / 2 / 24_000 if out.exists() else 0.0
    print(
        f"{seconds / 60:6.1f} min  {rate / 1000:g} kHz x{channels}  {size / 2**20:7.1f} MiB "
        f"(written in {made:4.1f} s)   translate --fast: {took:6.1f} s, exit {code}, "
        f"peak RSS {peak:6.1f} MB, {speech:5.0f} s of speech back"
    )
    if code != 0:
        print(f"           stderr: {stderr[-300:]}")
    wav.unlink()
    return peak


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.cli_memory", description=__doc__)
    parser.add_argument("--minutes", type=float, default=60.0)
    parser.add_argument("--rate", type=int, default=48_000)
    parser.add_argument("--channels", type=int, default=2)
    args = parser.parse_args(argv)
    emulator, base_url = start_emulator()
    try:
        with tempfile.TemporaryDirectory(prefix="dragoman-bench-") as scratch:
            folder = Path(scratch)
            short = measure(folder, base_url, 1.0, args.rate, args.channels)
            long = measure(folder, base_url, args.minutes, args.rate, args.channels)
    finally:
        emulator.terminate()
        emulator.wait(timeout=30)
    print(
        f"peak RSS for {args.minutes:g} min: {long:.1f} MB (goal < {GOAL_MB} MB); "
        f"growth over the 1 min run: {long - short:+.1f} MB"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
