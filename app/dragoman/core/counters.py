"""Process-wide counts of background work: what "nothing runs at rest" is checked against.

The audio side counts every time one of its pumps is woken by a *timer* (rather than by data,
a key or a request), and every helper process it starts (``pactl``): at rest, with the window
hidden and the microphone released, none of these numbers may move. Tests and ``dragoman status``
read them with :func:`snapshot`; the difference of two snapshots is the work done in between.

Pure and tiny: a dict under a lock (increments come from the loop and from executor threads, never
from an audio callback). Counts only grow; nothing here ever resets them.
"""

from __future__ import annotations

import threading
from typing import Final

CAPTURE_TIMER: Final = "timer.capture_pump"
"""The capture pump woke on its timer: while a hold runs or the level meter is on, once per block
(phase-locked to the device's callbacks); never while parked."""
PLAYER_TIMER: Final = "timer.player_pump"
"""The player pump woke on its timer (only while translated audio is sounding)."""
MIC_RELEASE_TIMER: Final = "timer.mic_release"
"""The microphone's release deadline fired (once per release, N minutes after the last hold)."""
OUTPUT_RELEASE_TIMER: Final = "timer.output_release"
"""An idle output's release deadline fired."""
DEVICE_POLL_TIMER: Final = "timer.device_poll"
"""The device watcher polled on its timer (only without a sound-server event subscription)."""
PACTL_RUN: Final = "process.pactl"
"""A short ``pactl`` command was started (device lists, module loads, routing)."""
PACTL_SUBSCRIBE: Final = "process.pactl_subscribe"
"""The long-lived ``pactl subscribe`` child was started (once per watcher, and per restart)."""

ALL: Final = (
    CAPTURE_TIMER,
    PLAYER_TIMER,
    MIC_RELEASE_TIMER,
    OUTPUT_RELEASE_TIMER,
    DEVICE_POLL_TIMER,
    PACTL_RUN,
    PACTL_SUBSCRIBE,
)

_lock = threading.Lock()
_counts: dict[str, int] = dict.fromkeys(ALL, 0)


def add(name: str, n: int = 1) -> None:
    """Count ``n`` more of ``name`` (any name; the constants above are the ones in use)."""
    with _lock:
        _counts[name] = _counts.get(name, 0) + n


def get(name: str) -> int:
    with _lock:
        return _counts.get(name, 0)


def snapshot() -> dict[str, int]:
    """Every count so far, by name (a copy)."""
    with _lock:
        return dict(_counts)


def since(before: dict[str, int]) -> dict[str, int]:
    """What changed since ``before`` (an earlier :func:`snapshot`): only the names that moved."""
    now = snapshot()
    return {k: v - before.get(k, 0) for k, v in now.items() if v != before.get(k, 0)}


def timer_wakeups(counts: dict[str, int] | None = None) -> int:
    """Sum of the ``timer.*`` counts (of ``counts``, default: now)."""
    values = snapshot() if counts is None else counts
    return sum(v for k, v in values.items() if k.startswith("timer."))


def processes(counts: dict[str, int] | None = None) -> int:
    """Sum of the ``process.*`` counts (of ``counts``, default: now)."""
    values = snapshot() if counts is None else counts
    return sum(v for k, v in values.items() if k.startswith("process."))
