"""End to end, the app as a subprocess: at rest in the tray it does nothing (issue 14).

"Nothing" is read through the app's own instrumentation (``dragoman status --json`` →
``counters``): every asyncio timer that fires, every QTimer that fires, every child process that
starts (an audit hook), plus the audio side's own pump and ``pactl`` counts. The window is hidden,
no session is open (``warm_session`` off: a warm session is a connection the user asked to keep,
with its keep-alive pings), and the microphone is kept open under the default policy (the harder
case: its stream runs, yet nothing of ours may wake for it).
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest

from dragoman.core.settings import Settings
from tests.e2e.desktop import GOOD_KEY, HOTKEY, App, desktop, wait

pytestmark = pytest.mark.slow
REST_S = 20.0


def counts(app: App) -> dict[str, int]:
    status = app.status()
    assert status is not None
    found: dict[str, int] = status["counters"]
    return found


def moved(before: dict[str, int], after: dict[str, int], prefix: str) -> dict[str, int]:
    return {
        k: after[k] - before.get(k, 0)
        for k in after
        if k.startswith(prefix) and after[k] != before.get(k, 0)
    }


def test_hidden_in_the_tray_no_timer_fires_and_no_process_starts(
    tmp_path: Path, keyring_env: dict[str, str]
) -> None:
    with desktop(tmp_path, keyring_env) as d:
        d.store_key(GOOD_KEY)
        d.write_settings(
            Settings(first_run_done=True, hotkey=HOTKEY, warm_session=False, echo_guard="off")
        )
        with d.launch("--hidden") as app:
            status: dict[str, Any] = app.wait_state("idle", 40)  # no warm session: idle
            assert not status["window_visible"]
            # Start-up over: the devices are listed, the microphone is open and kept warm.
            wait(lambda: (s := app.status()) and s["mic_open"], "the microphone kept open", 20)

            def settled() -> bool:
                first = counts(app)
                time.sleep(1.0)
                last = counts(app)
                return not moved(first, last, "timer.") and not moved(first, last, "process.")

            wait(settled, "start-up to finish", 30)
            status = app.status() or {}
            assert status["metering"] is False and status["mic_open"] is True
            before = counts(app)
            time.sleep(REST_S)  # the point of the test: real time at rest
            after = counts(app)
            assert moved(before, after, "timer.") == {}, moved(before, after, "timer.")
            assert moved(before, after, "process.") == {}, moved(before, after, "process.")
            print(f"\nat rest for {REST_S:.0f} s, hidden, microphone kept open: no wake-up")

            # The counters do count: shown, the window's meter runs on the capture pump's timer.
            app.command("show")
            wait(lambda: (s := app.status()) and s["metering"], "the meter on when shown", 10)
            shown = counts(app)
            time.sleep(1.0)
            pumped = moved(shown, counts(app), "timer.")
            assert pumped.get("timer.capture_pump", 0) > 10, pumped
            app.command("hide")
            wait(lambda: (s := app.status()) and not s["metering"], "the meter off when hidden")
