"""The Wayland back end against a fake GlobalShortcuts portal on a private D-Bus session bus.

A real dbus-daemon, a separate process owning org.freedesktop.portal.Desktop (tests/testbed/
portal.py), and PortalBackend talking to it over its own connection: the same messages a real
xdg-desktop-portal exchanges. Also the portal missing, refusing, closing, and the fallback.
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from dragoman.core.errors import HotkeyUnavailable
from dragoman.hotkeys.backends import BackendChoice, make_backend
from dragoman.hotkeys.events import HotkeyBackend, HotkeyEvents
from dragoman.hotkeys.portal import PortalBackend
from dragoman.hotkeys.pushtotalk import NO_BACKEND, PushToTalk
from tests.testbed.cli import STARTUP_S, Dragoman
from tests.testbed.dbus import TestbedError, session_bus, short_dir
from tests.testbed.portal import FakePortal, fake_portal

WAIT_MS = 5000
REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def bus(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("bus")
    with contextlib.ExitStack() as stack:
        try:
            address = stack.enter_context(session_bus(root, dict(os.environ)))
        except TestbedError as error:
            problem = str(error)
        else:
            yield address
            return
    pytest.fail(problem, pytrace=False)


@pytest.fixture
def portal(bus: str, tmp_path: Path) -> Iterator[FakePortal]:
    with fake_portal(bus, tmp_path) as fake:
        yield fake


@pytest.fixture
def backends() -> Iterator[list[HotkeyBackend]]:
    started: list[HotkeyBackend] = []
    yield started
    for backend in started:
        backend.stop()
        if isinstance(backend, PortalBackend) and backend._thread is not None:
            assert not backend._thread.is_alive()


def test_activated_is_press_and_deactivated_is_release(
    qtbot: QtBot, bus: str, portal: FakePortal, backends: list[HotkeyBackend]
) -> None:
    events = HotkeyEvents()
    log: list[tuple[str, str]] = []
    events.pressed.connect(lambda d, t: log.append(("press", d)))
    events.released.connect(lambda d, t: log.append(("release", d)))
    backend = PortalBackend(events, bus_address=bus)
    backends.append(backend)
    with qtbot.waitSignal(events.backend_ready, timeout=WAIT_MS) as ready:
        backend.start("Ctrl+Shift+F9", "RightCtrl")
    assert ready.args[0].startswith("the desktop portal (GlobalShortcuts version 1) bound")
    assert "forward as 'Press CTRL+SHIFT+F9'" in ready.args[0]
    asked = json.loads(portal.expect("bind"))
    assert [(s["id"], s["preferred_trigger"]) for s in asked] == [
        ("forward", "CTRL+SHIFT+F9"),
        ("reverse", "Control_R"),
    ]  # the cancel key is never taken from every other application
    assert all(s["description"] for s in asked)
    assert backend.triggers == {"forward": "Press CTRL+SHIFT+F9", "reverse": "Press Control_R"}
    for command in (
        "activate forward",
        "activate forward",  # a repeated Activated is not a second press
        "deactivate forward",
        "activate reverse",
        "deactivate reverse",
        "deactivate reverse",
    ):
        portal.send(command)
        portal.expect(f"done {command}")
    qtbot.waitUntil(lambda: len(log) >= 4, timeout=WAIT_MS)
    with qtbot.assertNotEmitted(events.pressed, wait=100):
        pass
    assert log == [
        ("press", "forward"),
        ("release", "forward"),
        ("press", "reverse"),
        ("release", "reverse"),
    ]


def test_action_keys_are_portal_shortcuts_and_fire_on_activated(
    qtbot: QtBot, bus: str, portal: FakePortal, backends: list[HotkeyBackend]
) -> None:
    """Say it again and mute all (meeting mode) are shortcuts of their own, named for the
    desktop's dialog; Activated fires the action once, Deactivated nothing."""
    events = HotkeyEvents()
    actions: list[str] = []
    events.action_pressed.connect(lambda action, t: actions.append(action))
    backend = PortalBackend(events, bus_address=bus)
    backends.append(backend)
    with qtbot.waitSignal(events.backend_ready, timeout=WAIT_MS):
        backend.start("F9", None, actions={"say_again": "F11", "mute_all": "Ctrl+F12"})
    asked = {s["id"]: s for s in json.loads(portal.expect("bind"))}
    assert set(asked) == {"forward", "say_again", "mute_all"}
    assert asked["say_again"]["preferred_trigger"] == "F11"
    assert asked["say_again"]["description"].startswith("Say it again")
    assert asked["mute_all"]["description"].startswith("Mute all")
    with qtbot.assertNotEmitted(events.pressed, wait=100):
        for command in ("activate say_again", "deactivate say_again", "activate mute_all"):
            portal.send(command)
            portal.expect(f"done {command}")
        qtbot.waitUntil(lambda: len(actions) >= 2, timeout=WAIT_MS)
    assert actions == ["say_again", "mute_all"]


def test_portal_missing_says_so(qtbot: QtBot, bus: str, backends: list[HotkeyBackend]) -> None:
    events = HotkeyEvents()
    backend = PortalBackend(events, bus_address=bus)
    backends.append(backend)
    with qtbot.waitSignal(events.backend_failed, timeout=WAIT_MS) as failed:
        backend.start("F9")
    assert failed.args[0].startswith("No XDG desktop portal is running on the session bus")
    assert "dragoman ptt toggle" in failed.args[0] and backend.failure == failed.args[0]


@pytest.mark.parametrize(
    ("mode", "fragment"),
    [
        ("no-interface", "Your desktop's portal has no global shortcuts"),
        ("deny", "The desktop did not allow Dragoman's global shortcuts"),
    ],
)
def test_portal_without_shortcuts_or_refusing(
    qtbot: QtBot, bus: str, tmp_path: Path, backends: list[HotkeyBackend], mode: str, fragment: str
) -> None:
    with fake_portal(bus, tmp_path, mode=mode):
        events = HotkeyEvents()
        backend = PortalBackend(events, bus_address=bus)
        backends.append(backend)
        with qtbot.waitSignal(events.backend_failed, timeout=WAIT_MS) as failed:
            backend.start("F9")
    assert failed.args[0].startswith(fragment) and "dragoman ptt toggle" in failed.args[0]


def test_the_desktop_closing_the_session_is_a_failure(
    qtbot: QtBot, bus: str, portal: FakePortal, backends: list[HotkeyBackend]
) -> None:
    events = HotkeyEvents()
    backend = PortalBackend(events, bus_address=bus)
    backends.append(backend)
    with qtbot.waitSignal(events.backend_ready, timeout=WAIT_MS):
        backend.start("F9")
    with qtbot.waitSignal(events.backend_failed, timeout=WAIT_MS) as failed:
        portal.send("close")
    assert "closed Dragoman's global-shortcuts session" in failed.args[0]


@pytest.mark.parametrize("address", [None, "", "disabled:"])
def test_no_session_bus_fails_at_start(address: str | None) -> None:
    backend = PortalBackend(HotkeyEvents(), bus_address=address)
    with pytest.raises(HotkeyUnavailable, match="There is no D-Bus session bus"):
        backend.start("F9")


def test_mouse_buttons_cannot_be_portal_shortcuts(bus: str) -> None:
    backend = PortalBackend(HotkeyEvents(), bus_address=bus)
    with pytest.raises(HotkeyUnavailable, match="cannot bind mouse buttons"):
        backend.start("Mouse8")


def test_stop_while_the_desktop_asks_the_user(qtbot: QtBot, bus: str, tmp_path: Path) -> None:
    """BindShortcuts may wait on a dialog for ever: stop() must end the thread anyway."""
    with fake_portal(bus, tmp_path, mode="ask") as asking:
        events = HotkeyEvents()
        backend = PortalBackend(events, bus_address=bus)
        backend.start("F9")
        asking.expect("bind")  # the desktop now "shows its dialog" and never answers
        with qtbot.assertNotEmitted(events.backend_failed, wait=50):
            backend.stop()
    assert backend._thread is not None and not backend._thread.is_alive()
    assert backend.failure is None  # stopping on purpose is not a failure


def test_portal_missing_falls_back_to_the_in_window_key(qtbot: QtBot, bus: str) -> None:
    widget = QWidget()
    qtbot.addWidget(widget)
    env = {"DBUS_SESSION_BUS_ADDRESS": bus}

    def factory(name: str, events: HotkeyEvents, why: str) -> HotkeyBackend:
        return make_backend(name, events, why=why, window=widget, environment=env)

    ptt = PushToTalk(BackendChoice(("portal", "window"), "a Wayland session"), factory=factory)
    changes: list[tuple[str, str]] = []
    ptt.backend_changed.connect(lambda name, why: changes.append((name, why)))
    ptt.start("F9")
    qtbot.waitUntil(lambda: len(changes) == 2, timeout=WAIT_MS)
    ptt.stop()
    (first, _), (second, why) = changes
    assert (first, second) == ("portal", "window")
    assert why.startswith("No XDG desktop portal is running")
    assert why.endswith(
        "Using the in-window key (it works only while Dragoman's window has focus) instead."
    )


def test_nothing_left_after_the_portal(qtbot: QtBot, bus: str) -> None:
    env = {"DBUS_SESSION_BUS_ADDRESS": bus}
    ptt = PushToTalk(
        BackendChoice(("portal", "window"), "a Wayland session"),
        factory=lambda name, events, why: make_backend(name, events, why=why, environment=env),
    )
    with qtbot.waitSignal(
        ptt.backend_changed, timeout=WAIT_MS, check_params_cb=lambda name, why: name == NO_BACKEND
    ) as changed:
        ptt.start("F9")
    assert "No XDG desktop portal" in changed.args[1]
    assert "The in-window key needs Dragoman's window" in changed.args[1]
    ptt.stop()


# --- the command line ----------------------------------------------------------------------------


def cli_env(bus: str, runtime: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.update(
        DBUS_SESSION_BUS_ADDRESS=bus,
        XDG_RUNTIME_DIR=str(runtime),
        PYTHONPATH=str(REPO / "app"),
        WAYLAND_DISPLAY="wayland-test",  # so auto picks the portal
    )
    return env


def test_cli_hotkey_test_with_the_portal(bus: str, portal: FakePortal, tmp_path: Path) -> None:
    with short_dir(tmp_path / "run") as runtime:
        test = Dragoman(["hotkey-test", "--count", "2"], cli_env(bus, runtime))
        try:
            # Only once it listens: an Activated before the bind's Response would be dropped.
            test.wait_stderr("listening: the desktop portal")
            portal.send("activate forward")
            portal.send("deactivate forward")
            code, out = test.finish()
        finally:
            test.stop()
    assert code == 0, test.stderr_so_far()
    assert "using portal: a Wayland session" in test.stderr_so_far()
    assert [line.split()[0::2] + line.split()[3:] for line in out] == [
        ["press", "forward", "portal"],
        ["release", "forward", "portal"],
    ]


def test_cli_hotkey_test_without_a_portal_exits_1(bus: str, tmp_path: Path) -> None:
    with short_dir(tmp_path / "run") as runtime:
        done = subprocess.run(
            [sys.executable, "-m", "dragoman", "hotkey-test", "--backend", "portal"],
            env=cli_env(bus, runtime),
            capture_output=True,
            text=True,
            timeout=STARTUP_S,
            check=False,
        )
    assert done.returncode == 1
    assert done.stdout == ""
    assert "dragoman: No XDG desktop portal is running" in done.stderr
