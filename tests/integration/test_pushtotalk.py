"""PushToTalk on a real Qt event loop (offscreen): the funnel, timers, fallbacks, in-window keys.

The back ends here are test doubles posting from their own threads, like the real ones; the real
pynput and portal back ends have their own tests on Xvfb and a private D-Bus.
"""

from __future__ import annotations

import threading
import time
import types
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QEvent, QObject, QPointF, Qt, Slot
from PySide6.QtGui import QFocusEvent, QGuiApplication, QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from dragoman.core.chord import Chord, InvalidChord
from dragoman.core.errors import HotkeyUnavailable
from dragoman.core.ptt import Mode, PttTimings, PushToTalkMachine, TalkPhase
from dragoman.hotkeys.backends import (
    BackendChoice,
    InWindowBackend,
    PynputBackend,
    choose_backend,
    make_backend,
    pynput_key_name,
    qt_key_name,
)
from dragoman.hotkeys.events import HotkeyBackend, HotkeyEvents
from dragoman.hotkeys.pushtotalk import NO_BACKEND, PushToTalk

WAIT_MS = 5000


def in_thread(fn: Any, *args: Any) -> None:
    """Run ``fn`` on a plain Python thread, as a listener would, and wait for it."""
    worker = threading.Thread(target=fn, args=args)
    worker.start()
    worker.join()


class Recorder(QObject):
    """A QObject receiver that notes which thread each call arrived on."""

    def __init__(self) -> None:
        super().__init__()
        self.calls: list[tuple[str, bool]] = []

    @Slot(str, float)
    def on_pressed(self, direction: str, t: float) -> None:
        self.calls.append((direction, threading.current_thread() is threading.main_thread()))


def test_funnel_delivers_on_the_qt_thread(qtbot: QtBot) -> None:
    events = HotkeyEvents()
    recorder = Recorder()
    threads: list[bool] = []
    events.pressed.connect(recorder.on_pressed)
    events.released.connect(
        lambda d, t: threads.append(threading.current_thread() is threading.main_thread())
    )
    with qtbot.waitSignals([events.pressed, events.released], timeout=WAIT_MS):
        in_thread(events.post_pressed, "forward", 1.0)
        in_thread(events.post_released, "forward", 2.0)
    assert recorder.calls == [("forward", True)]
    assert threads == [True]  # even a lambda runs on the Qt thread
    with qtbot.waitSignal(events.cancelled, timeout=WAIT_MS) as cancelled:
        in_thread(events.post_cancelled, 3.0)
    assert cancelled.args == [3.0]
    with qtbot.waitSignal(events.backend_failed, timeout=WAIT_MS) as failed:
        in_thread(events.post_failed, "It broke.")
    assert failed.args == ["It broke."]


class FakeBackend(HotkeyBackend):
    """A back end whose keys the test presses; it can refuse to start or fail later."""

    name = "fake"

    def __init__(self, events: HotkeyEvents, why: str, refuse: str | None = None) -> None:
        super().__init__(events, why=why)
        self.refuse = refuse
        self.started = False

    def _start(self, bindings: dict[str, Chord]) -> None:
        if self.refuse:
            raise HotkeyUnavailable(self.refuse)
        self.started = True

    def stop(self) -> None:
        self._stopped = True

    def key(self, name: str, down: bool) -> None:
        in_thread(self._feed, name, down, time.monotonic())

    def fail(self, sentence: str) -> None:
        in_thread(self._fail, sentence)


class Factory:
    def __init__(self, refuse: dict[str, str] | None = None) -> None:
        self.refuse = refuse or {}
        self.built: dict[str, FakeBackend] = {}

    def __call__(self, name: str, events: HotkeyEvents, why: str) -> HotkeyBackend:
        backend = FakeBackend(events, why, self.refuse.get(name))
        backend.name = name  # type: ignore[misc]  # one fake class plays every back end
        self.built[name] = backend
        return backend


@pytest.fixture
def factory() -> Factory:
    return Factory()


def make_ptt(
    factory: Factory, mode: Mode = Mode.HOLD, order: tuple[str, ...] = ("a", "b"), **timings: float
) -> PushToTalk:
    machine = PushToTalkMachine(mode, PttTimings(**timings))
    return PushToTalk(BackendChoice(order, "test order"), factory=factory, machine=machine)


@pytest.fixture
def running(qtbot: QtBot, factory: Factory) -> Iterator[tuple[PushToTalk, FakeBackend]]:
    ptt = make_ptt(factory)
    with qtbot.waitSignal(ptt.backend_changed, timeout=WAIT_MS) as changed:
        ptt.start("F9", "F10")
    assert changed.args == ["a", "test order"]
    yield ptt, factory.built["a"]
    ptt.stop()


def test_hold_through_the_funnel_and_the_debounce_timer(
    qtbot: QtBot, running: tuple[PushToTalk, FakeBackend]
) -> None:
    ptt, backend = running
    with qtbot.waitSignal(ptt.talk_started, timeout=WAIT_MS) as started:
        backend.key("F9", True)
    assert started.args == ["forward"]
    backend.key("F9", True)  # auto-repeat
    with qtbot.waitSignal(ptt.talk_stopped, timeout=WAIT_MS) as stopped:
        backend.key("F9", False)  # the timer confirms it after the debounce window
    assert stopped.args == ["released"]
    assert not ptt.machine.talking and "IDLE" in repr(ptt)


def test_reverse_and_cancel_keys(qtbot: QtBot, running: tuple[PushToTalk, FakeBackend]) -> None:
    ptt, backend = running
    with qtbot.waitSignal(ptt.talk_started, timeout=WAIT_MS) as started:
        backend.key("F10", True)
    assert started.args == ["reverse"]
    with qtbot.waitSignal(ptt.talk_cancelled, timeout=WAIT_MS) as cancelled:
        backend.key("Escape", True)
    assert cancelled.args == ["cancelled"]
    with qtbot.assertNotEmitted(ptt.talk_stopped, wait=100):
        backend.key("F10", False)


def test_action_keys_fire_once_on_key_down_and_never_talk(qtbot: QtBot, factory: Factory) -> None:
    """ "Say it again" and "mute all" (meeting mode): their own keys on the same back end."""
    ptt = make_ptt(factory)
    ptt.start("F9", None, actions={"say_again": "F11", "mute_all": "Ctrl+F12"})
    backend = factory.built["a"]
    assert set(backend.bindings) == {"forward", "cancel", "say_again", "mute_all"}
    with (
        qtbot.assertNotEmitted(ptt.talk_started, wait=100),
        qtbot.waitSignal(ptt.action_triggered, timeout=WAIT_MS) as fired,
    ):
        backend.key("F11", True)
    assert fired.args == ["say_again"]
    with qtbot.assertNotEmitted(ptt.action_triggered, wait=100):
        backend.key("F11", True)  # auto-repeat
        backend.key("F11", False)  # the key-up is nothing
    backend.key("LeftCtrl", True)
    with qtbot.waitSignal(ptt.action_triggered, timeout=WAIT_MS) as fired:
        backend.key("F12", True)
    assert fired.args == ["mute_all"] and not ptt.machine.talking
    ptt.stop()
    with pytest.raises(InvalidChord):  # an action key must differ from the talk key
        ptt.start("F9", None, actions={"say_again": "F9"})
    with pytest.raises(ValueError, match="unknown hotkey action"):
        ptt.start("F9", None, actions={"launch": "F8"})
    ptt.stop()


def test_stuck_key_guard_fires_from_the_timer(qtbot: QtBot, factory: Factory) -> None:
    ptt = make_ptt(factory, Mode.TOGGLE, max_utterance=0.15)
    ptt.start("F9")
    ptt.toggle()
    assert ptt.machine.talking
    with qtbot.waitSignal(ptt.talk_stopped, timeout=WAIT_MS) as stopped:
        pass
    assert stopped.args == ["max_duration"]
    ptt.stop()


def test_slots_for_the_ui_and_the_command_channel(qtbot: QtBot, factory: Factory) -> None:
    ptt = make_ptt(factory, Mode.HYBRID)
    started: list[str] = []
    stopped: list[str] = []
    ptt.talk_started.connect(started.append)
    ptt.talk_stopped.connect(stopped.append)
    ptt.start("F9")
    ptt.press()
    ptt.release()  # a tap: latches once the debounce window has passed
    qtbot.waitUntil(lambda: ptt.machine.phase is TalkPhase.LATCHED, timeout=WAIT_MS)
    assert started == ["forward"] and stopped == []
    ptt.run_command("toggle forward")
    assert stopped == ["toggled"]
    ptt.run_command("press reverse")
    ptt.run_command("cancel")
    ptt.run_command("show")  # not push-to-talk: ignored here
    assert started == ["forward", "reverse"]
    ptt.session_inactive()
    ptt.stop()


def test_configure_applies_the_mode_and_the_limit_from_the_timer(
    qtbot: QtBot, factory: Factory
) -> None:
    ptt = PushToTalk(BackendChoice(("a",), "test order"), factory=factory)  # hybrid by default
    stopped: list[str] = []
    ptt.talk_stopped.connect(stopped.append)
    ptt.configure("hold", 0.3)
    ptt.start("F9")
    ptt.press()
    ptt.release()  # a 0-ms tap: in hold mode it ends the utterance, it never latches
    qtbot.waitUntil(lambda: stopped == ["released"], timeout=WAIT_MS)
    assert not ptt.machine.talking
    ptt.press()
    with qtbot.waitSignal(ptt.talk_stopped, timeout=WAIT_MS) as guard:
        pass  # the 0.3 s limit, armed on the Qt timer
    assert guard.args == ["max_duration"]
    ptt.stop()


def test_presses_before_any_backend_still_talk(qtbot: QtBot, factory: Factory) -> None:
    """The command channel may answer before the hotkey back end exists (start-up)."""
    ptt = PushToTalk(BackendChoice(("a",), "test order"), factory=factory)
    ptt.configure("hold", 120)
    started: list[str] = []
    ptt.talk_started.connect(started.append)
    ptt.run_command("press forward")
    assert started == ["forward"] and ptt.backend is None
    ptt.start("F9")  # the back end arrives later; the utterance goes on
    assert ptt.machine.talking
    ptt.run_command("release forward")
    qtbot.waitUntil(lambda: not ptt.machine.talking, timeout=WAIT_MS)
    ptt.stop()


def test_stop_ends_an_open_utterance(qtbot: QtBot, factory: Factory) -> None:
    ptt = make_ptt(factory)
    ptt.start("F9")
    ptt.press()
    with qtbot.waitSignal(ptt.talk_stopped, timeout=WAIT_MS) as stopped:
        ptt.stop()
    assert stopped.args == ["backend_lost"]
    assert factory.built["a"]._stopped and ptt.backend is None and ptt.backend_name == NO_BACKEND


def test_a_backend_that_cannot_start_hands_over(qtbot: QtBot) -> None:
    factory = Factory(refuse={"a": "A is not here."})
    ptt = make_ptt(factory)
    with qtbot.waitSignal(ptt.backend_changed, timeout=WAIT_MS) as changed:
        ptt.start("F9")
    name, why = changed.args
    assert name == "b" and why.startswith("A is not here. Using the b instead")
    assert ptt.backend is factory.built["b"] and factory.built["b"].why == why


def test_nothing_works_says_so(qtbot: QtBot) -> None:
    factory = Factory(refuse={"a": "A is not here.", "b": "Nor is B."})
    ptt = make_ptt(factory)
    with qtbot.waitSignal(ptt.backend_changed, timeout=WAIT_MS) as changed:
        ptt.start("F9")
    assert changed.args == [NO_BACKEND, "A is not here. Nor is B."]
    ptt.press()  # the button still works without any hotkey
    assert ptt.machine.talking


def test_failure_later_stops_talking_and_falls_back(
    qtbot: QtBot, running: tuple[PushToTalk, FakeBackend], factory: Factory
) -> None:
    ptt, backend = running
    with qtbot.waitSignal(ptt.talk_started, timeout=WAIT_MS):
        backend.key("F9", True)
    stopped: list[str] = []
    changed: list[tuple[str, str]] = []
    ptt.talk_stopped.connect(stopped.append)
    ptt.backend_changed.connect(lambda name, why: changed.append((name, why)))
    with qtbot.waitSignal(ptt.backend_changed, timeout=WAIT_MS):
        backend.fail("The listener died.")
    assert stopped == ["backend_lost"]  # before the next back end takes over
    ((name, why),) = changed
    assert name == "b" and why.startswith("The listener died.")
    assert backend._stopped and backend.failure == "The listener died."
    # The dead back end's late news changes nothing.
    with qtbot.assertNotEmitted(ptt.backend_changed, wait=100):
        backend.events.post_failed("The listener died.")
    # The new back end's keys work.
    with qtbot.waitSignal(ptt.talk_started, timeout=WAIT_MS):
        factory.built["b"].key("F9", True)


def test_invalid_chords_propagate(factory: Factory) -> None:
    ptt = make_ptt(factory)
    with pytest.raises(InvalidChord):
        ptt.start("F9", "F9")  # the same key both ways
    with pytest.raises(InvalidChord):
        ptt.start("Hyper+Q")


# --- choosing ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("env", "platform", "override", "order", "why"),
    [
        ({"DISPLAY": ":0"}, "linux", "auto", ("pynput", "portal", "window"), "X11"),
        (
            {"WAYLAND_DISPLAY": "wayland-0", "DISPLAY": ":0"},
            "linux",
            "auto",
            ("portal", "window"),
            "Wayland",
        ),
        ({"XDG_SESSION_TYPE": "wayland"}, "linux", "auto", ("portal", "window"), "Wayland"),
        ({}, "linux", "auto", ("window",), "no display"),
        ({}, "win32", "auto", ("pynput", "window"), "Windows"),
        ({}, "darwin", "auto", ("pynput", "window"), "macOS"),
        ({"WAYLAND_DISPLAY": "w"}, "linux", "pynput", ("pynput", "window"), "explicitly"),
        ({}, "linux", "window", ("window",), "explicitly"),
    ],
)
def test_choose_backend(
    env: dict[str, str], platform: str, override: str, order: tuple[str, ...], why: str
) -> None:
    choice = choose_backend(env, override, platform=platform)
    assert choice.order == order and why in choice.why


def test_choose_backend_refuses_unknown_names() -> None:
    with pytest.raises(ValueError):
        choose_backend({}, "evdev")


def test_make_backend(qtbot: QtBot) -> None:
    events = HotkeyEvents()
    assert isinstance(make_backend("pynput", events, why="w"), PynputBackend)
    assert make_backend("portal", events).name == "portal"
    with pytest.raises(HotkeyUnavailable, match="dragoman ptt toggle"):
        make_backend("window", events)
    widget = QWidget()
    qtbot.addWidget(widget)
    assert isinstance(make_backend("window", events, window=widget), InWindowBackend)


# --- pynput without X: names, import failures, macOS permission ---------------------------------

N = types.SimpleNamespace


@pytest.mark.parametrize(
    ("key", "platform", "name"),
    [
        (N(name="ctrl_r"), "linux", "RightCtrl"),
        (N(name="ctrl"), "linux", "LeftCtrl"),
        (N(name="alt_gr"), "linux", "RightAlt"),
        (N(name="cmd_r"), "darwin", "RightMeta"),
        (N(name="f9"), "win32", "F9"),
        (N(name="esc"), "linux", "Escape"),
        (N(name="media_next"), "linux", "MediaNext"),
        (N(name="unknown_key"), "linux", None),
        (N(char="a", vk=97), "linux", "A"),
        (N(char="7", vk=55), "darwin", "7"),
        (N(char="\x01", vk=0x41), "win32", "A"),  # Ctrl+A on Windows: a control character
        (N(char=None, vk=0xFE03), "linux", "RightAlt"),  # ISO_Level3_Shift
        (N(char="!", vk=33), "linux", None),
        (N(char=None, vk=0), "linux", None),
        (N(char=None, vk=None), "linux", None),
    ],
)
def test_pynput_key_names(key: object, platform: str, name: str | None) -> None:
    assert pynput_key_name(key, platform) == name


@pytest.mark.parametrize(
    ("env", "fragment"),
    [
        ({}, "There is no display"),
        ({"WAYLAND_DISPLAY": "wayland-0"}, "desktop portal"),
        ({"DISPLAY": ":99"}, "cannot open the X display :99 (Bad display name)"),
    ],
)
def test_pynput_import_failures_are_sentences(env: dict[str, str], fragment: str) -> None:
    def load(need_mouse: bool) -> Any:
        raise ImportError("Bad display name\nmore detail")

    backend = PynputBackend(HotkeyEvents(), environment=env, platform="linux", load=load)
    with pytest.raises(HotkeyUnavailable, match=fragment.replace("(", r"\(").replace(")", r"\)")):
        backend.start("F9")


class FakeListener(threading.Thread):
    """Stands in for pynput's Listener class: same constructor, same life cycle."""

    IS_TRUSTED = True
    crash: Exception | None = None

    def __init__(self, **callbacks: Any) -> None:
        super().__init__(daemon=True)
        self.callbacks = callbacks
        self.stopping = threading.Event()

    def _mark_ready(self) -> None:
        pass

    def run(self) -> None:
        self._mark_ready()
        if self.crash is not None:
            raise self.crash
        self.callbacks["on_press"](N(name="f9"))
        self.stopping.wait()

    def stop(self) -> None:
        self.stopping.set()


def fake_pynput(**attributes: Any) -> Any:
    listener = type("Listener", (FakeListener,), attributes)
    module = types.ModuleType("fake_keyboard")
    module.Listener = listener  # type: ignore[attr-defined]
    return lambda need_mouse: (module, None)


def test_pynput_backend_plumbing_with_a_fake_listener(qtbot: QtBot) -> None:
    events = HotkeyEvents()
    backend = PynputBackend(events, environment={"DISPLAY": ":5"}, load=fake_pynput())
    ready: list[str] = []
    pressed: list[str] = []
    events.backend_ready.connect(ready.append)
    events.pressed.connect(lambda direction, t: pressed.append(direction))
    backend.start("F9")
    qtbot.waitUntil(lambda: bool(ready and pressed), timeout=WAIT_MS)
    assert "pynput is watching the keyboard" in ready[0] and "forward F9" in ready[0]
    assert pressed == ["forward"]
    backend.stop()
    backend.stop()  # idempotent


def test_pynput_listener_death_is_reported(qtbot: QtBot) -> None:
    events = HotkeyEvents()
    load = fake_pynput(crash=RuntimeError("RECORD extension missing"))
    backend = PynputBackend(events, environment={"DISPLAY": ":5"}, platform="linux", load=load)
    with qtbot.waitSignal(events.backend_failed, timeout=WAIT_MS) as failed:
        backend.start("F9")
    assert "RuntimeError: RECORD extension missing" in failed.args[0]
    assert "RECORD extension" in failed.args[0] and "dragoman ptt toggle" in failed.args[0]
    assert backend.failure == failed.args[0] == backend.why
    backend.stop()


def test_macos_without_permission_says_where_to_grant_it(qtbot: QtBot) -> None:
    """pynput learns IS_TRUSTED in its thread: the answer comes as a failure, not at start."""
    events = HotkeyEvents()
    backend = PynputBackend(events, platform="darwin", load=fake_pynput(IS_TRUSTED=False))
    with qtbot.waitSignal(events.backend_failed, timeout=WAIT_MS) as failed:
        backend.start("F9")
    assert "Privacy & Security → Input Monitoring" in failed.args[0]
    with qtbot.assertNotEmitted(events.backend_ready, wait=50):
        pass
    backend.stop()


# --- in-window keys ------------------------------------------------------------------------------


def key_event(kind: QEvent.Type, key: Qt.Key, native_vk: int = 0) -> QKeyEvent:
    return QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, 0, native_vk, 0, "")


@pytest.fixture
def window_backend(qtbot: QtBot) -> Iterator[tuple[InWindowBackend, HotkeyEvents, QWidget]]:
    widget = QWidget()
    qtbot.addWidget(widget)
    events = HotkeyEvents()
    backend = InWindowBackend(events, widget)
    with qtbot.waitSignal(events.backend_ready, timeout=WAIT_MS):
        backend.start("Ctrl+F9", "Mouse8")
    yield backend, events, widget
    backend.stop()


def test_in_window_keys(
    qtbot: QtBot, window_backend: tuple[InWindowBackend, HotkeyEvents, QWidget]
) -> None:
    _, events, widget = window_backend
    window = widget.windowHandle()
    press = QEvent.Type.KeyPress
    with qtbot.waitSignal(events.pressed, timeout=WAIT_MS) as pressed:
        QGuiApplication.sendEvent(window, key_event(press, Qt.Key.Key_Control))
        QGuiApplication.sendEvent(window, key_event(press, Qt.Key.Key_F9))
    assert pressed.args[0] == "forward"
    with qtbot.waitSignal(events.released, timeout=WAIT_MS) as released:
        QGuiApplication.sendEvent(window, key_event(QEvent.Type.KeyRelease, Qt.Key.Key_F9))
    assert released.args[0] == "forward"


def test_in_window_mouse_and_focus_loss(
    qtbot: QtBot, window_backend: tuple[InWindowBackend, HotkeyEvents, QWidget]
) -> None:
    backend, events, widget = window_backend
    window = widget.windowHandle()
    button = QMouseEvent(
        QEvent.Type.MouseButtonPress,
        QPointF(1, 1),
        QPointF(1, 1),
        Qt.MouseButton.BackButton,
        Qt.MouseButton.BackButton,
        Qt.KeyboardModifier.NoModifier,
    )
    with qtbot.waitSignal(events.pressed, timeout=WAIT_MS) as pressed:
        QGuiApplication.sendEvent(window, button)
    assert pressed.args[0] == "reverse"
    # The release happens in another window: losing focus releases what was held.
    with qtbot.waitSignal(events.released, timeout=WAIT_MS) as released:
        QGuiApplication.sendEvent(window, QFocusEvent(QEvent.Type.FocusOut))
    assert released.args[0] == "reverse"
    backend.stop()
    with qtbot.assertNotEmitted(events.pressed, wait=100):
        QGuiApplication.sendEvent(window, button)


@pytest.mark.parametrize(
    ("key", "native", "platform", "mac", "name"),
    [
        (Qt.Key.Key_Control, 0xFFE4, "xcb", False, "RightCtrl"),
        (Qt.Key.Key_Control, 0xFFE3, "xcb", False, "LeftCtrl"),
        (Qt.Key.Key_Alt, 0xFFEA, "xcb", False, "RightAlt"),
        (Qt.Key.Key_AltGr, 0xFE03, "xcb", False, "RightAlt"),
        (Qt.Key.Key_Control, 0x36, "cocoa", True, "RightMeta"),  # Qt's Control is Command
        (Qt.Key.Key_Meta, 0x3B, "cocoa", True, "LeftCtrl"),
        (Qt.Key.Key_Shift, 0, "offscreen", False, "LeftShift"),
        (Qt.Key.Key_F12, 0, "xcb", False, "F12"),
        (Qt.Key.Key_Q, 0, "xcb", False, "Q"),
        (Qt.Key.Key_Return, 0, "xcb", False, "Enter"),
        (Qt.Key.Key_Exclam, 0, "xcb", False, None),
    ],
)
def test_qt_key_names(key: Qt.Key, native: int, platform: str, mac: bool, name: str | None) -> None:
    event = key_event(QEvent.Type.KeyPress, key, native)
    assert qt_key_name(event, platform, mac=mac) == name
