"""The session watcher against a fake screen saver and a fake logind on a private D-Bus.

A real dbus-daemon, a separate process owning org.freedesktop.ScreenSaver, org.gnome.ScreenSaver
and org.freedesktop.login1 (tests/testbed/session_services.py), and SessionWatcher reading it
on its own threads: the signals reach a Qt slot on the Qt thread, and reach PushToTalk. Each
sequence ends with a signal that must be reported, so a report that should not have been made
shows up in the list before it (one connection delivers in order): no waiting for nothing.
What one report per lock means, whoever says it, is tested on the watches alone in
tests/unit/test_session_watch.py.
"""

from __future__ import annotations

import contextlib
import logging
import os
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, Qt, Slot
from pytestqt.qtbot import QtBot

from dragoman.hotkeys.backends import BackendChoice
from dragoman.hotkeys.pushtotalk import PushToTalk
from dragoman.hotkeys.session_watch import (
    SYSTEM_BUS_DEFAULT,
    InactiveReason,
    SessionWatcher,
    buses_from_environment,
)
from tests.testbed.dbus import TestbedError, session_bus
from tests.testbed.session_services import OTHER_SESSION, SessionServices, session_services

WAIT_MS = 5000
LOGGER = "dragoman.hotkeys.session_watch"
Make = Callable[..., SessionWatcher]


@contextlib.contextmanager
def private_bus(root: Path) -> Iterator[str]:
    with contextlib.ExitStack() as stack:
        try:
            address = stack.enter_context(session_bus(root, dict(os.environ)))
        except TestbedError as error:
            problem = str(error)
        else:
            yield address
            return
    pytest.fail(problem, pytrace=False)  # outside `except`: one sentence, no chained traceback


@pytest.fixture(scope="module")
def bus(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with private_bus(tmp_path_factory.mktemp("bus")) as address:
        yield address


@pytest.fixture
def services(bus: str, tmp_path: Path) -> Iterator[SessionServices]:
    with session_services(bus, tmp_path) as fake:
        yield fake


class Slots(QObject):
    """A receiver like the real one: notes each reason and whether it came on the Qt thread."""

    def __init__(self) -> None:
        super().__init__()
        self.reasons: list[str] = []
        self.on_qt_thread: list[bool] = []

    @Slot(str)
    def on_watcher_session_inactive(self, reason: str) -> None:
        self.reasons.append(reason)
        self.on_qt_thread.append(threading.current_thread() is threading.main_thread())


@pytest.fixture
def make(qtbot: QtBot) -> Iterator[Make]:
    made: list[SessionWatcher] = []

    def factory(**buses: object) -> SessionWatcher:
        watcher = SessionWatcher(**buses)  # type: ignore[arg-type]  # the tests' buses and ids
        made.append(watcher)
        return watcher

    yield factory
    for watcher in made:
        watcher.stop()
        assert not watcher.is_running(), repr(watcher)


def sleep(reason: str) -> bool:
    return reason == InactiveReason.SLEEP


def switched(reason: str) -> bool:
    return reason == InactiveReason.SWITCHED


def started(qtbot: QtBot, watcher: SessionWatcher, buses: int = 1) -> list[str]:
    """Start ``watcher`` and return what it watches, once ``buses`` threads have said."""
    watching: list[str] = []
    watcher.watching.connect(watching.append)
    watcher.start()
    qtbot.waitUntil(lambda: len(watching) == buses, timeout=WAIT_MS)
    return watching


def test_the_screen_saver_reaches_a_qt_slot_on_the_qt_thread(
    qtbot: QtBot, bus: str, services: SessionServices, make: Make
) -> None:
    watcher = make(session_bus=bus, system_bus=None)
    slots = Slots()
    watcher.session_inactive.connect(slots.on_watcher_session_inactive)
    threads: list[bool] = []
    watcher.session_inactive.connect(  # called on the thread that emits, whichever it is
        lambda reason: threads.append(threading.current_thread() is threading.main_thread()),
        Qt.ConnectionType.DirectConnection,
    )
    watching = started(qtbot, watcher)
    assert watching == [
        "the session bus, for the screen saver (org.freedesktop.ScreenSaver, org.gnome.ScreenSaver)"
    ]
    with qtbot.waitSignal(watcher.session_inactive, timeout=WAIT_MS) as inactive:
        services.emit("screensaver true")
    assert inactive.args == [InactiveReason.SCREEN_SAVER]
    services.emit("screensaver false")
    with qtbot.waitSignal(watcher.session_inactive, timeout=WAIT_MS):
        services.emit("gnome true")
    assert slots.reasons == ["screen_saver", "screen_saver"]
    assert slots.on_qt_thread == [True, True] and threads == [True, True]


def test_logind_lock_sleep_and_switch_of_our_session_only(
    qtbot: QtBot, bus: str, services: SessionServices, make: Make
) -> None:
    watcher = make(session_bus=None, system_bus=bus)
    slots = Slots()
    watcher.session_inactive.connect(slots.on_watcher_session_inactive)
    (watching,) = started(qtbot, watcher)
    assert watching.startswith("logind on the system bus, for sleep and for lock and switch of")
    for command in (
        f"lock {OTHER_SESSION}",  # another user's session
        "lock",  # → locked
        "property LockedHint true",  # the same lock, said again
        "unlock",
        "property LockedHint false",
        "sleep false",  # waking up
        "sleep true",  # → sleep
        "property LockedHint true",  # → locked (a desktop that only sets the hint)
        "property Active true",
    ):
        services.emit(command)
    with qtbot.waitSignal(watcher.session_inactive, timeout=WAIT_MS, check_params_cb=switched):
        services.emit("property Active false")
    assert slots.reasons == ["locked", "sleep", "locked", "switched"]


@pytest.mark.parametrize(
    ("session_id", "expected"),
    [
        ("c1", "logind on the system bus, for sleep and for lock and switch of"),
        (None, "logind on the system bus, for sleep"),
    ],
)
def test_a_process_outside_a_session(
    qtbot: QtBot,
    bus: str,
    services: SessionServices,
    make: Make,
    session_id: str | None,
    expected: str,
) -> None:
    """PID 0 has no logind session: XDG_SESSION_ID is asked for, else only sleep is watched."""
    watcher = make(session_bus=None, system_bus=bus, pid=0, session_id=session_id)
    slots = Slots()
    watcher.session_inactive.connect(slots.on_watcher_session_inactive)
    (watching,) = started(qtbot, watcher)
    assert watching.startswith(expected)
    services.emit("lock")
    with qtbot.waitSignal(watcher.session_inactive, timeout=WAIT_MS, check_params_cb=sleep):
        services.emit("sleep true")
    assert slots.reasons == (["locked", "sleep"] if session_id else ["sleep"])


def test_it_ends_push_to_talk(
    qtbot: QtBot, bus: str, services: SessionServices, make: Make
) -> None:
    """The composition root's wiring: session_inactive(str) into the slot that takes nothing."""
    watcher = make(session_bus=bus, system_bus=None)
    ptt = PushToTalk(BackendChoice(("window",), "no back end is started here"))
    watcher.session_inactive.connect(ptt.session_inactive)
    started(qtbot, watcher)
    with qtbot.waitSignal(ptt.talk_started, timeout=WAIT_MS):
        ptt.press()
    with qtbot.waitSignal(ptt.talk_stopped, timeout=WAIT_MS) as stopped:
        services.emit("screensaver true")
    assert stopped.args == ["session_inactive"] and not ptt.machine.talking


def test_missing_services_are_not_errors(
    qtbot: QtBot, bus: str, make: Make, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger=LOGGER)
    watcher = make(session_bus=bus, system_bus=bus)
    assert started(qtbot, watcher) == ["the session bus, for a screen saver (none runs yet)"]
    watcher.stop()  # joins both threads: the system bus's has said its piece by then
    assert not watcher.is_running()
    messages = [record.getMessage() for record in caplog.records]
    assert "no screen saver service on the session bus yet; listening for one anyway" in messages
    assert any(m.startswith("logind is not on the system bus") for m in messages)
    assert all(record.levelno == logging.INFO for record in caplog.records)


def test_no_bus_is_not_an_error(
    qtbot: QtBot, tmp_path: Path, make: Make, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger=LOGGER)
    nowhere = f"unix:path={tmp_path / 'no-bus-here'}"
    watcher = make(session_bus="disabled:", system_bus=nowhere)
    with qtbot.assertNotEmitted(watcher.watching):
        watcher.start()
        watcher.stop()
    assert not watcher.is_running()
    messages = [record.getMessage() for record in caplog.records]
    assert "no D-Bus session bus: the screen saver is not watched" in messages
    assert any(m.startswith("cannot connect to the D-Bus system bus") for m in messages)
    assert all(record.levelno == logging.INFO for record in caplog.records)
    assert "session bus absent" in repr(watcher) and "system bus unreachable" in repr(watcher)


def test_a_bus_that_goes_away(qtbot: QtBot, tmp_path: Path, make: Make) -> None:
    with private_bus(tmp_path / "short-lived") as address:
        watcher = make(session_bus=address, system_bus=None)
        started(qtbot, watcher)
    qtbot.waitUntil(lambda: not watcher.is_running(), timeout=WAIT_MS)
    assert "session bus lost" in repr(watcher)


def test_buses_from_the_environment() -> None:
    env = {"DBUS_SESSION_BUS_ADDRESS": "unix:path=/run/user/1000/bus", "XDG_SESSION_ID": "3"}
    assert buses_from_environment(env, "linux") == {
        "session_bus": "unix:path=/run/user/1000/bus",
        "system_bus": SYSTEM_BUS_DEFAULT,
        "session_id": "3",
    }
    system = {**env, "DBUS_SYSTEM_BUS_ADDRESS": "unix:path=/elsewhere"}
    assert buses_from_environment(system, "freebsd14")["system_bus"] == "unix:path=/elsewhere"
    assert set(buses_from_environment(env, "win32").values()) == {None}
    windows = SessionWatcher.from_environment(env, platform="darwin")
    windows.start()
    assert "session bus absent, system bus absent" in repr(windows) and not windows.is_running()
