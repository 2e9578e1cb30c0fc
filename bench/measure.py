"""Small measuring tools for ``python -m bench``: percentiles, /proc CPU and memory, the sound
server's view of the microphone. Everything reads the app from outside (no app imports), so it
keeps working while the app changes underneath.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

TICK_S = 1.0 / os.sysconf("SC_CLK_TCK")


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (no interpolation between two measured values)."""
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return ordered[index]


def median(values: list[float]) -> float:
    ordered = sorted(values)
    n = len(ordered)
    return ordered[n // 2] if n % 2 else (ordered[n // 2 - 1] + ordered[n // 2]) / 2


def loadavg() -> str:
    one, five, fifteen = os.getloadavg()
    return f"{one:.2f} {five:.2f} {fifteen:.2f}"


# -- /proc ---------------------------------------------------------------------------------------


def _stat_fields(path: Path) -> list[str]:
    """The fields of a /proc stat file after the ``(comm)`` (field 3 is index 0)."""
    return path.read_text().rsplit(")", 1)[1].split()


def _ticks(fields: list[str], *indexes: int) -> int:
    return sum(int(fields[i - 3]) for i in indexes)  # man 5 proc numbers fields from 1


def children_of(pid: int) -> list[int]:
    """Live descendants of ``pid`` (any depth), from the ppid field of every /proc entry."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError, IndexError, ValueError):
                parents[int(entry.name)] = int(_stat_fields(entry / "stat")[1])
    found: list[int] = []
    frontier = [pid]
    while frontier:
        parent = frontier.pop()
        kids = [p for p, pp in parents.items() if pp == parent]
        found += kids
        frontier += kids
    return found


@dataclass(frozen=True, slots=True)
class CpuSample:
    """CPU seconds of a process at one moment: all threads, the main thread, its children."""

    at: float  # time.monotonic()
    process: float  # utime + stime of every thread
    main_thread: float  # utime + stime of the thread whose id is the PID
    reaped_children: float  # cutime + cstime: children that ended and were waited for
    live_children: dict[int, float]  # descendants alive now: utime + stime each


def cpu_sample(pid: int, now: float) -> CpuSample:
    fields = _stat_fields(Path(f"/proc/{pid}/stat"))
    main = _stat_fields(Path(f"/proc/{pid}/task/{pid}/stat"))
    live: dict[int, float] = {}
    for child in children_of(pid):
        with contextlib.suppress(OSError, IndexError, ValueError):
            live[child] = _ticks(_stat_fields(Path(f"/proc/{child}/stat")), 14, 15) * TICK_S
    return CpuSample(
        at=now,
        process=_ticks(fields, 14, 15) * TICK_S,
        main_thread=_ticks(main, 14, 15) * TICK_S,
        reaped_children=_ticks(fields, 16, 17) * TICK_S,
        live_children=live,
    )


@dataclass(frozen=True, slots=True)
class CpuUse:
    """Percent of one core over a window."""

    seconds: float
    process: float
    main_thread: float
    children: float


def cpu_use(before: CpuSample, after: CpuSample) -> CpuUse:
    wall = after.at - before.at
    children = after.reaped_children - before.reaped_children
    children += sum(t - before.live_children.get(p, 0.0) for p, t in after.live_children.items())
    return CpuUse(
        seconds=wall,
        process=100 * (after.process - before.process) / wall,
        main_thread=100 * (after.main_thread - before.main_thread) / wall,
        children=100 * children / wall,
    )


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmRSS for {pid}")


# -- the sound server's view ---------------------------------------------------------------------


def mic_open(pactl: str, env: dict[str, str], source: str = "vmic") -> bool:
    """Whether any uncorked recording stream reads ``source`` (the desktop's "mic in use")."""
    done = subprocess.run(
        [pactl, "list", "short", "sources"], env=env, capture_output=True, text=True, timeout=10
    )
    index = next(
        (line.split("\t")[0] for line in done.stdout.splitlines() if line.split("\t")[1] == source),
        None,
    )
    if index is None:
        return False
    done = subprocess.run(
        [pactl, "list", "source-outputs"], env=env, capture_output=True, text=True, timeout=10
    )
    for block in done.stdout.split("Source Output #")[1:]:
        lines = [line.strip() for line in block.splitlines()]
        if f"Source: {index}" in lines and "Corked: no" in lines:
            return True
    return False


def find_counters(data: object, word: str) -> int | None:
    """The sum of every number under a key containing ``word`` in a JSON-like value (None: no
    such key). Reads counters the app may export in ``dragoman status`` whatever their place."""
    total: int | None = None
    if isinstance(data, dict):
        for key, value in data.items():
            if word in str(key).lower() and isinstance(value, int | float):
                total = (total or 0) + int(value)
            else:
                inner = find_counters(value, word)
                if inner is not None:
                    total = (total or 0) + inner
    elif isinstance(data, list):
        for value in data:
            inner = find_counters(value, word)
            if inner is not None:
                total = (total or 0) + inner
    return total
