"""Global hotkeys on a real X server (Xvfb): another application's window has the focus, keys are
injected with xdotool and XTEST, and pynput's events must reach the Qt thread through the funnel.

Also ``dragoman hotkey-test`` and ``dragoman ptt`` as real processes on that display.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from bench.hotkeys import describe, measure_latency
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from dragoman.core.ptt import KeyPhase, Mode, PushToTalkMachine
from dragoman.hotkeys.backends import BackendChoice, PynputBackend, _wake_xorg_listener
from dragoman.hotkeys.events import HotkeyEvents
from dragoman.hotkeys.pushtotalk import PushToTalk
from tests.qtloop import run_on_qt
from tests.testbed.cli import STARTUP_S, Dragoman
from tests.testbed.dbus import TestbedError, short_dir
from tests.testbed.xserver import XServer, XTest, foreign_window, x_server

WAIT_MS = 5000
REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def xdisplay(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[XServer, int]]:
    """One Xvfb and one focused foreign window for the module (each test checks the focus)."""
    with contextlib.ExitStack() as stack:
        try:
            server = stack.enter_context(x_server(tmp_path_factory.mktemp("xvfb")))
            window = stack.enter_context(foreign_window(server))
        except TestbedError as error:
            problem = str(error)
        else:
            yield server, window
            return
    pytest.fail(problem, pytrace=False)


@pytest.fixture
def x11(xdisplay: tuple[XServer, int], monkeypatch: pytest.MonkeyPatch) -> Iterator[XServer]:
    server, window = xdisplay
    monkeypatch.setenv("DISPLAY", server.display)  # pynput connects where DISPLAY says
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    assert server.focused_window() == window  # keys go to the other application
    yield server
    assert server.focused_window() == window  # and still do


@pytest.fixture
def xtest(x11: XServer) -> Iterator[XTest]:
    injector = XTest(x11.display)
    yield injector
    injector.close()


class Listening:
    """A started PynputBackend and everything its funnel delivered, in order."""

    def __init__(self, qtbot: QtBot, chord: str, reverse: str | None, cancel: str | None) -> None:
        self.events = HotkeyEvents()
        self.log: list[tuple[str, str]] = []
        self.events.pressed.connect(lambda d, t: self.log.append(("press", d)))
        self.events.released.connect(lambda d, t: self.log.append(("release", d)))
        self.events.cancelled.connect(lambda t: self.log.append(("cancel", "-")))
        self.backend = PynputBackend(self.events)
        with qtbot.waitSignal(self.events.backend_ready, timeout=WAIT_MS):
            self.backend.start(chord, reverse, cancel)
        self.qtbot = qtbot

    def wait(self, count: int) -> list[tuple[str, str]]:
        self.qtbot.waitUntil(lambda: len(self.log) >= count, timeout=WAIT_MS)
        return self.log


Listen = Callable[..., Listening]


@pytest.fixture
def listen(qtbot: QtBot, x11: XServer) -> Iterator[Listen]:
    started: list[Listening] = []

    def start(chord: str, reverse: str | None = None, cancel: str | None = "Escape") -> Listening:
        listening = Listening(qtbot, chord, reverse, cancel)
        started.append(listening)
        return listening

    yield start
    for listening in started:
        listening.backend.stop()
        assert listening.backend.join(WAIT_MS / 1000)
        assert not any(t.is_alive() for t in listening.backend._listeners)


def test_xdotool_keydown_keyup_reach_press_and_release(x11: XServer, listen: Listen) -> None:
    hotkey = listen("F9")
    x11.xdotool("keydown", "F9")
    assert hotkey.wait(1) == [("press", "forward")]
    x11.xdotool("keyup", "F9")
    assert hotkey.wait(2) == [("press", "forward"), ("release", "forward")]


def test_stop_right_after_start_ends_the_listener(x11: XServer) -> None:
    for _ in range(5):
        backend = PynputBackend(HotkeyEvents())
        backend.start("F9")
        backend.stop()
        assert backend.join(WAIT_MS / 1000)
        assert not any(t.is_alive() for t in backend._listeners)


def test_stop_returns_at_once_and_no_edge_is_reported_after_it(
    qtbot: QtBot, x11: XServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """stop() runs on the Qt thread: it must not wait for a listener that is still busy."""
    events = HotkeyEvents()
    log: list[tuple[str, str]] = []
    events.pressed.connect(lambda d, t: log.append(("press", d)))
    events.released.connect(lambda d, t: log.append(("release", d)))
    backend = PynputBackend(events)
    entered, go_on = threading.Event(), threading.Event()
    on_press = backend._on_press

    def busy_on_press(key: Any, injected: bool = False) -> None:
        entered.set()  # the listener thread is now inside a callback, as on a loaded machine
        go_on.wait(WAIT_MS / 1000)
        on_press(key, injected)  # a key edge that arrives after stop(): it must be dropped

    monkeypatch.setattr(backend, "_on_press", busy_on_press)
    with qtbot.waitSignal(events.backend_ready, timeout=WAIT_MS):
        backend.start("F9")
    try:
        x11.xdotool("keydown", "F9")
        assert entered.wait(WAIT_MS / 1000)
        started = time.monotonic()
        backend.stop()
        took = time.monotonic() - started
        assert any(t.is_alive() for t in backend._listeners)  # not joined on this thread
    finally:
        go_on.set()
        x11.xdotool("keyup", "F9")
    assert took < 0.5, f"stop() held the calling thread for {took * 1000:.0f} ms"
    assert backend.join(WAIT_MS / 1000)
    assert not any(t.is_alive() for t in backend._listeners)
    with qtbot.assertNotEmitted(events.pressed, wait=200):
        pass
    assert log == []


def test_astop_awaits_the_listeners_end_off_the_loop_thread(
    qtbot: QtBot, qapp: QApplication, x11: XServer
) -> None:
    events = HotkeyEvents()
    backend = PynputBackend(events)
    with qtbot.waitSignal(events.backend_ready, timeout=WAIT_MS):
        backend.start("F9")
    run_on_qt(qapp, backend.astop())
    assert not any(t.is_alive() for t in backend._listeners)
    x11.xdotool("key", "F9")
    with qtbot.assertNotEmitted(events.pressed, wait=200):
        pass


def test_an_auto_repeat_burst_is_one_press(x11: XServer, xtest: XTest, listen: Listen) -> None:
    from pynput import keyboard

    raw: list[object] = []  # what X really sent: an independent listener counts the burst
    counter = keyboard.Listener(on_press=lambda key: raw.append(key))
    counter.start()
    counter.wait()
    hotkey = listen("F9")
    x11.xset("r", "rate", "20", "100")  # repeat after 20 ms, 100 per second
    try:
        xtest.key_down("F9")
        xtest.wait_for(lambda: len(raw) >= 15, "an auto-repeat burst of 15 presses")
        xtest.key_up("F9")
        assert hotkey.wait(2) == [("press", "forward"), ("release", "forward")]
    finally:
        x11.xset("r", "rate", "660", "25")  # the X server's default
        counter.stop()
        _wake_xorg_listener(counter)
        counter.join(WAIT_MS / 1000)
    assert len(raw) >= 15


def test_chord_with_modifiers(x11: XServer, listen: Listen) -> None:
    hotkey = listen("Ctrl+Shift+F9")
    x11.xdotool("key", "F9")  # the key alone is not the chord
    x11.xdotool("key", "ctrl+F9")  # nor with one modifier of two
    x11.xdotool("keydown", "ctrl+shift+F9")
    assert hotkey.wait(1) == [("press", "forward")]
    x11.xdotool("keyup", "ctrl+shift+F9")
    assert hotkey.wait(2) == [("press", "forward"), ("release", "forward")]


def test_right_ctrl_alone_and_a_mouse_side_button(x11: XServer, xtest: XTest, listen: type) -> None:
    # XTEST by key code: xdotool would press the left Ctrl along with the right one.
    hotkey = listen("RightCtrl", reverse="Mouse8")
    xtest.key_down("Control_L")
    xtest.key_up("Control_L")
    xtest.key_down("Control_R")
    assert hotkey.wait(1) == [("press", "forward")]
    xtest.key_up("Control_R")
    x11.xdotool("mousedown", "8")
    x11.xdotool("mouseup", "8")
    assert hotkey.wait(4) == [
        ("press", "forward"),
        ("release", "forward"),
        ("press", "reverse"),
        ("release", "reverse"),
    ]


def test_cancel_key_while_held(x11: XServer, listen: Listen) -> None:
    hotkey = listen("F9", reverse="F10")
    x11.xdotool("keydown", "F9")
    x11.xdotool("key", "Escape")
    x11.xdotool("keyup", "F9")
    x11.xdotool("key", "F10")
    assert hotkey.wait(5) == [
        ("press", "forward"),
        ("cancel", "-"),
        ("release", "forward"),
        ("press", "reverse"),
        ("release", "reverse"),
    ]


def test_push_to_talk_end_to_end_on_x11(qtbot: QtBot, x11: XServer) -> None:
    ptt = PushToTalk(BackendChoice(("pynput",), "test"), machine=PushToTalkMachine(Mode.HYBRID))
    talk: list[tuple[str, str]] = []
    ptt.talk_started.connect(lambda d: talk.append(("started", d)))
    ptt.talk_stopped.connect(lambda r: talk.append(("stopped", r)))
    ptt.talk_cancelled.connect(lambda r: talk.append(("cancelled", r)))
    with qtbot.waitSignal(ptt.events.backend_ready, timeout=WAIT_MS):
        ptt.start("F9")
    try:
        x11.xdotool("key", "F9")  # a tap: latches
        qtbot.waitUntil(lambda: ptt.machine.phase.name == "LATCHED", timeout=WAIT_MS)
        x11.xdotool("key", "F9")  # the second tap stops
        qtbot.waitUntil(lambda: len(talk) == 2, timeout=WAIT_MS)
        # A press within the debounce window of that release would count as a bounce.
        qtbot.waitUntil(lambda: ptt.machine.key_phase() is KeyPhase.UP, timeout=WAIT_MS)
        x11.xdotool("keydown", "F9")
        qtbot.waitUntil(lambda: len(talk) == 3, timeout=WAIT_MS)
        x11.xdotool("key", "Escape")
        x11.xdotool("keyup", "F9")
        qtbot.waitUntil(lambda: len(talk) == 4, timeout=WAIT_MS)
        with qtbot.assertNotEmitted(ptt.talk_started, wait=100):
            pass
    finally:
        ptt.stop()
    assert talk == [
        ("started", "forward"),
        ("stopped", "toggled"),
        ("started", "forward"),
        ("cancelled", "cancelled"),
    ]


def test_injection_to_handler_latency(
    x11: XServer, xtest: XTest, listen: Listen, capsys: pytest.CaptureFixture[str]
) -> None:
    """Measured, printed, never asserted: the closing note quotes these figures."""
    hotkey = listen("F9")
    by_xtest = measure_latency(
        hotkey.events, lambda: xtest.key_down("F9"), lambda: xtest.key_up("F9"), 40
    )
    by_xdotool = measure_latency(
        hotkey.events, lambda: x11.xdotool("keydown", "F9"), lambda: x11.xdotool("keyup", "F9"), 10
    )
    with capsys.disabled():
        print()
        print(describe("XTEST → pynput listener", by_xtest["listener"]))
        print(describe("XTEST → Qt slot", by_xtest["handler"]))
        print(describe("xdotool → pynput listener", by_xdotool["listener"]))
        print(describe("xdotool → Qt slot (incl. process)", by_xdotool["handler"]))
    assert len(by_xtest["handler"]) == 80 and len(by_xdotool["handler"]) == 20


# --- the command line, as processes ---------------------------------------------------------------


@pytest.fixture
def cli_env(x11: XServer, tmp_path: Path) -> Iterator[dict[str, str]]:
    with short_dir(tmp_path / "run") as runtime:
        yield dict(x11.env, XDG_RUNTIME_DIR=str(runtime), PYTHONPATH=str(REPO / "app"))


@pytest.fixture
def processes() -> Iterator[list[Dragoman]]:
    running: list[Dragoman] = []
    yield running
    for process in running:
        process.stop()


def parse(lines: list[str]) -> list[tuple[str, float, str, str]]:
    events = []
    for line in lines:
        kind, t, direction, source = line.split()
        events.append((kind, float(t), direction, source))
    return events


def test_cli_hotkey_test_prints_press_and_release(
    x11: XServer, cli_env: dict[str, str], processes: list[Dragoman]
) -> None:
    test = Dragoman(["hotkey-test", "--count", "2"], cli_env)
    processes.append(test)
    test.wait_stderr("listening: pynput is watching the keyboard")
    x11.xdotool("keydown", "F9")
    x11.xdotool("keyup", "F9")
    code, out = test.finish()
    assert code == 0
    events = parse(out)
    assert [(k, d, s) for k, _, d, s in events] == [
        ("press", "forward", "pynput"),
        ("release", "forward", "pynput"),
    ]
    assert events[0][1] <= events[1][1]  # monotonic timestamps


def test_cli_ptt_reaches_a_running_hotkey_test(
    cli_env: dict[str, str], processes: list[Dragoman]
) -> None:
    test = Dragoman(["hotkey-test", "--count", "5"], cli_env)
    processes.append(test)
    test.wait_stderr("listening:")
    for argv in (["press"], ["release"], ["toggle", "--reverse"]):
        done = subprocess.run(
            [sys.executable, "-m", "dragoman", "ptt", *argv],
            env=cli_env,
            capture_output=True,
            text=True,
            timeout=STARTUP_S,
            check=False,
        )
        assert (done.returncode, done.stderr) == (0, "")
    os.kill(test.proc.pid, signal.SIGINT)  # Ctrl-C ends it normally
    code, out = test.finish()
    assert code == 0
    assert [(k, d, s) for k, _, d, s in parse(out)] == [
        ("press", "forward", "channel"),
        ("release", "forward", "channel"),
        ("toggle", "reverse", "channel"),
    ]
