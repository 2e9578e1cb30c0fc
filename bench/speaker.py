"""When does a sound reach the output device? ``parec`` on ``vspeaker.monitor``, read on a thread.

Every chunk parec hands over is stamped with ``time.monotonic()`` on arrival. Arrival stamps
jitter (this process has other threads, the machine is shared), so a sample's time comes from the
sample clock anchored at the least-delayed chunk nearby: ``t(n) = min_k(arrival_k - end_k / rate)
+ n / rate`` over the chunks within ±2 s of ``n``. What remains is the sound server's own path
sink → monitor → parec, which is the same for the app and for the bare ``pacat`` floor, and is
subtracted through it.
"""

from __future__ import annotations

import os
import subprocess
import threading
import time
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

RATE = 48_000
THRESHOLD = 0.02  # |sample| above this is "sound" (the test tones peak at 0.15 or more)
GAP_WINDOW_S = 0.0025  # a window this long with no sample above GAP_LEVEL is a dropout
GAP_LEVEL = 0.005
ANCHOR_S = 2.0

FloatArray = npt.NDArray[np.float32]


class MonitorRecorder:
    """``parec --latency-msec=10`` of a monitor source into memory, each chunk time-stamped."""

    def __init__(self, parec: str, env: dict[str, str], source: str = "vspeaker.monitor") -> None:
        argv = [parec, "--raw", "--format=float32le", f"--rate={RATE}", "--channels=1"]
        argv += ["--latency-msec=10", "-d", source]
        self._proc = subprocess.Popen(
            argv,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            stdin=subprocess.DEVNULL,
        )
        self._chunks: list[bytes] = []
        self._stamps: list[tuple[float, int]] = []  # (arrival, bytes so far)
        self._total = 0
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._read, name="bench-parec", daemon=True)
        self._thread.start()

    def _read(self) -> None:
        assert self._proc.stdout is not None
        fd = self._proc.stdout.fileno()
        while True:
            chunk = os.read(fd, 1 << 16)
            now = time.monotonic()
            if not chunk:
                return
            with self._lock:
                self._chunks.append(chunk)
                self._total += len(chunk)
                self._stamps.append((now, self._total))

    def wait_started(self, limit: float = 15.0) -> None:
        deadline = time.monotonic() + limit
        while self.samples_so_far() < RATE // 10:
            if time.monotonic() > deadline or self._proc.poll() is not None:
                raise RuntimeError("parec on the speaker monitor delivered nothing")
            time.sleep(0.02)

    def samples_so_far(self) -> int:
        with self._lock:
            return self._total // 4

    def stop(self) -> Recording:
        self._proc.terminate()
        self._proc.wait(5)
        self._thread.join(5)
        assert self._proc.stdout is not None
        self._proc.stdout.close()
        with self._lock:
            data = b"".join(self._chunks)
            stamps = list(self._stamps)
        usable = len(data) - len(data) % 4
        samples = np.frombuffer(data[:usable], dtype="<f4")
        ends = np.array([n // 4 for _, n in stamps], dtype=np.float64)
        arrivals = np.array([t for t, _ in stamps], dtype=np.float64)
        return Recording(samples, ends, arrivals)


@dataclass
class Recording:
    samples: FloatArray
    ends: npt.NDArray[np.float64]  # cumulative sample count at each chunk's arrival
    arrivals: npt.NDArray[np.float64]

    def time_of(self, n: int) -> float:
        """Monotonic time at which sample ``n`` was at the monitor (least-delayed anchoring)."""
        near = np.abs(self.ends - n) <= ANCHOR_S * RATE
        if not near.any():
            near = np.ones_like(self.ends, dtype=bool)
        offset = float(np.min(self.arrivals[near] - self.ends[near] / RATE))
        return offset + n / RATE

    def index_at(self, t: float) -> int:
        """The sample at monotonic time ``t`` (inverse of :meth:`time_of`, to one sample)."""
        i = min(int(np.searchsorted(self.arrivals, t)), len(self.ends) - 1)
        anchor = int(self.ends[i])
        offset = self.time_of(anchor) - anchor / RATE
        return max(0, round((t - offset) * RATE))

    def onset_after(self, t: float, limit_s: float = 5.0) -> int | None:
        """The first sample above THRESHOLD from time ``t`` (minus a little slack) on."""
        start = max(0, self.index_at(t) - RATE // 100)
        stop = min(len(self.samples), start + int(limit_s * RATE))
        loud = np.flatnonzero(np.abs(self.samples[start:stop]) > THRESHOLD)
        return start + int(loud[0]) if len(loud) else None


def gaps(samples: FloatArray, rate: int, start: int, seconds: float) -> int:
    """Dropouts (runs of silent GAP_WINDOW_S windows) inside ``seconds`` of sound from ``start``,
    leaving out 10 ms at the start and 20 ms at the end (fades)."""
    window = int(GAP_WINDOW_S * rate)
    a = start + rate // 100
    b = min(len(samples), start + int(seconds * rate) - rate // 50)
    if b - a < window:
        return 0
    span = np.abs(samples[a:b])
    blocks = span[: len(span) // window * window].reshape(-1, window).max(axis=1)
    silent = np.concatenate([[False], blocks < GAP_LEVEL, [False]])
    return int(np.count_nonzero(np.diff(silent.astype(np.int8)) == 1))


def first_loud(samples: FloatArray) -> int | None:
    loud = np.flatnonzero(np.abs(samples) > THRESHOLD)
    return int(loud[0]) if len(loud) else None


def click(seconds: float = 0.1) -> FloatArray:
    t = np.arange(int(seconds * RATE)) / RATE
    return (0.3 * np.sin(2 * np.pi * 1000 * t)).astype(np.float32)


@dataclass
class FloorRun:
    """A bare ``pacat`` (stream open and idle, ``--latency-msec=10``) playing clicks."""

    written: list[float]  # time.monotonic() right before each click's write


def pacat_clicks(
    pacat: str, env: dict[str, str], clicks: int, gap_s: float = 0.3
) -> tuple[subprocess.Popen[bytes], FloorRun]:
    """Start pacat on vspeaker, wait until its stream is connected, write ``clicks`` clicks.

    Returns the still-running process (the caller stops it once the recording has caught up).
    """
    argv = [pacat, "--raw", "--format=float32le", f"--rate={RATE}", "--channels=1"]
    argv += ["--latency-msec=10", "-d", "vspeaker"]
    proc = subprocess.Popen(
        argv, env=env, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    assert proc.stdin is not None
    pactl = os.path.join(os.path.dirname(pacat), "pactl")
    deadline = time.monotonic() + 10
    while str(proc.pid) not in _sink_input_pids(pactl, env):
        if time.monotonic() > deadline:
            raise RuntimeError("pacat never connected to the sound server")
        time.sleep(0.05)
    time.sleep(0.2)  # past the stream's start-up; it now sits idle, waiting for data
    data = click().tobytes()
    run = FloorRun([])
    fd = proc.stdin.fileno()
    for _ in range(clicks):
        run.written.append(time.monotonic())
        os.write(fd, data)
        time.sleep(gap_s)  # the click plays out and the stream drains before the next one
    return proc, run


def _sink_input_pids(pactl: str, env: dict[str, str]) -> str:
    done = subprocess.run(
        [pactl, "list", "sink-inputs"], env=env, capture_output=True, text=True, timeout=10
    )
    return " ".join(
        line.split("=", 1)[1].strip().strip('"')
        for line in done.stdout.splitlines()
        if "application.process.id" in line
    )
