"""Hotkey figures: injection → handler latency of the pynput back end on a real X server (Xvfb).

    .venv/bin/python -m bench.hotkeys [--presses 100]

Starts its own Xvfb with a foreign window holding the focus, a PynputBackend listening for F9,
and injects F9 press/release pairs two ways: XTEST straight from this process (the injection is
one X request) and ``xdotool keydown`` / ``keyup`` (includes starting a process, like a test
or a compositor binding would). Prints p50/p95 of

* injection → the listener thread's callback (the back end's own timestamp), and
* injection → the slot connected to ``HotkeyEvents.pressed`` / ``released`` on the Qt thread
  (what the app's push-to-talk sees),

and the push-to-talk state machine's cost per input. Figures only, never pass/fail.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer

from dragoman.core.ptt import PushToTalkMachine
from dragoman.hotkeys.events import HotkeyEvents

WAIT_MS = 5000
Latencies = dict[str, list[float]]


def measure_latency(
    events: HotkeyEvents, press: Callable[[], None], release: Callable[[], None], n: int
) -> Latencies:
    """Inject ``n`` press/release pairs; seconds from injection to the back end and the slot.

    Needs a running back end posting into ``events`` and a Qt application (no loop running).
    """
    seen: dict[str, float] = {}
    loop = QEventLoop()

    def on_edge(kind: str, t: float) -> None:
        seen[kind] = t
        seen[f"{kind} handled"] = time.monotonic()
        loop.quit()

    events.pressed.connect(lambda direction, t: on_edge("press", t))
    events.released.connect(lambda direction, t: on_edge("release", t))
    out: Latencies = {"listener": [], "handler": []}
    for _ in range(n):
        for kind, inject in (("press", press), ("release", release)):
            seen.clear()
            t0 = time.monotonic()
            inject()
            if kind not in seen:
                QTimer.singleShot(WAIT_MS, loop.quit)
                loop.exec()
            if kind not in seen:
                raise TimeoutError(f"no {kind} within {WAIT_MS} ms")
            out["listener"].append(seen[kind] - t0)
            out["handler"].append(seen[f"{kind} handled"] - t0)
    return out


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return ordered[index]


def describe(name: str, values: list[float]) -> str:
    return (
        f"{name:<34} p50 {percentile(values, 50) * 1000:6.2f} ms   "
        f"p95 {percentile(values, 95) * 1000:6.2f} ms   (n={len(values)})"
    )


def machine_cost() -> float:
    machine = PushToTalkMachine()
    n = 20_000
    start = time.perf_counter()
    for i in range(n):
        t = i * 0.5
        machine.key_down(t)
        machine.key_up(t + 0.4)
    return (time.perf_counter() - start) / (2 * n) * 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--presses", type=int, default=100)
    args = parser.parse_args()

    from tests.testbed.xserver import XTest, foreign_window, x_server

    print(f"push-to-talk machine, per input      {machine_cost():6.2f} µs")
    app = QCoreApplication.instance() or QCoreApplication([])
    with x_server(Path(tempfile.mkdtemp(prefix="bench-x-"))) as server:
        os.environ["DISPLAY"] = server.display
        with foreign_window(server):
            from dragoman.hotkeys.backends import PynputBackend

            events = HotkeyEvents()
            backend = PynputBackend(events)
            ready = QEventLoop()
            events.backend_ready.connect(lambda sentence: ready.quit())
            backend.start("F9")
            QTimer.singleShot(WAIT_MS, ready.quit)
            ready.exec()
            xtest = XTest(server.display)
            try:
                figures = measure_latency(
                    events, lambda: xtest.key_down("F9"), lambda: xtest.key_up("F9"), args.presses
                )
                print(describe("XTEST → listener thread", figures["listener"]))
                print(describe("XTEST → Qt slot (HotkeyEvents)", figures["handler"]))
                n = max(5, args.presses // 5)
                figures = measure_latency(
                    events,
                    lambda: server.xdotool("keydown", "F9"),
                    lambda: server.xdotool("keyup", "F9"),
                    n,
                )
                print(describe("xdotool → listener thread", figures["listener"]))
                print(describe("xdotool → Qt slot (HotkeyEvents)", figures["handler"]))
                print(
                    "(xdotool figures include starting the xdotool process; mean "
                    f"{statistics.mean(figures['handler']) * 1000:.1f} ms)"
                )
            finally:
                xtest.close()
                backend.stop()
    del app


if __name__ == "__main__":
    main()
