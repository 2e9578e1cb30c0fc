"""Hotkey back ends behind one interface, and the choice between them.

* :class:`PynputBackend`: X11, Windows and macOS. pynput's listener thread sees every key
  whatever window has focus; on X11 through the RECORD extension, so it only observes (it never
  takes a key away from the focused application).
* :class:`~dragoman.hotkeys.portal.PortalBackend`: Wayland, through the XDG desktop portal's
  GlobalShortcuts interface (the compositor owns the key; we get Activated / Deactivated).
* :class:`InWindowBackend`: keys pressed while one of our windows has focus; the fallback when
  nothing global works. ``dragoman ptt press|release|toggle`` (the command channel) is the other
  fallback: the user binds a key in the desktop's own settings.

:func:`choose_backend` picks the order to try them in, from the environment, and says why.
"""

from __future__ import annotations

import importlib
import logging
import os
import sys
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import ModuleType
from typing import Any, Final

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QGuiApplication, QKeyEvent, QMouseEvent, QWindow
from PySide6.QtWidgets import QWidget

from dragoman.blocking import run_blocking
from dragoman.core.chord import Chord
from dragoman.core.errors import HotkeyUnavailable
from dragoman.hotkeys.events import CANCEL, FORWARD, REVERSE, HotkeyBackend, HotkeyEvents
from dragoman.hotkeys.portal import PortalBackend

__all__ = [
    "BACKEND_NAMES",
    "CANCEL",
    "FORWARD",
    "REVERSE",
    "BackendChoice",
    "HotkeyBackend",
    "HotkeyEvents",
    "InWindowBackend",
    "PortalBackend",
    "PynputBackend",
    "choose_backend",
    "make_backend",
    "pynput_key_name",
    "qt_key_name",
]

log = logging.getLogger(__name__)

BACKEND_NAMES: Final = ("pynput", "portal", "window")
STOP_LIMIT_S: Final = 2.0
OVERRIDES: Final = ("auto", *BACKEND_NAMES)
FALLBACK_ADVICE: Final = (
    "To talk from any window anyway, bind a key in your desktop's keyboard settings to the "
    "command `dragoman ptt toggle` (or `dragoman ptt press` / `dragoman ptt release`)."
)


# --- choosing ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class BackendChoice:
    """Back ends to try, best first (the next one takes over when one fails), and why."""

    order: tuple[str, ...]
    why: str


def choose_backend(
    environment: Mapping[str, str], override: str = "auto", *, platform: str = sys.platform
) -> BackendChoice:
    """Which back ends can see keys pressed in other windows here, in the order to try them.

    ``override`` (``auto`` | ``pynput`` | ``portal`` | ``window``) comes from the settings or the
    command line; an explicit back end is tried first, with the in-window key as its fallback.
    """
    if override not in OVERRIDES:
        raise ValueError(f"unknown hotkey back end {override!r}: expected one of {OVERRIDES}")
    if override != "auto":
        order = (override,) if override == "window" else (override, "window")
        return BackendChoice(order, f"the {override} back end was chosen explicitly")
    if platform == "win32" or platform == "darwin":
        system = "Windows" if platform == "win32" else "macOS"
        return BackendChoice(
            ("pynput", "window"), f"on {system}, pynput watches the keyboard in every window"
        )
    wayland = environment.get("XDG_SESSION_TYPE") == "wayland" or bool(
        environment.get("WAYLAND_DISPLAY")
    )
    if wayland:
        return BackendChoice(
            ("portal", "window"),
            "a Wayland session: only the desktop portal's global shortcuts see keys pressed in "
            "other windows (pynput through XWayland would only see X11 windows)",
        )
    if environment.get("DISPLAY"):
        return BackendChoice(
            ("pynput", "portal", "window"),
            "an X11 session: pynput watches the keyboard in every window through the X server",
        )
    return BackendChoice(("window",), "there is no display (DISPLAY and WAYLAND_DISPLAY are unset)")


def make_backend(
    name: str,
    events: HotkeyEvents,
    *,
    why: str = "",
    window: QWidget | None = None,
    environment: Mapping[str, str] | None = None,
) -> HotkeyBackend:
    """Build the back end called ``name`` (the composition root's factory)."""
    env = os.environ if environment is None else environment
    if name == "pynput":
        return PynputBackend(events, why=why, environment=env)
    if name == "portal":
        return PortalBackend(events, why=why, bus_address=env.get("DBUS_SESSION_BUS_ADDRESS"))
    if name == "window":
        if window is None:
            raise HotkeyUnavailable(
                "The in-window key needs Dragoman's window, and there is none here. "
                + FALLBACK_ADVICE
            )
        return InWindowBackend(events, window, why=why)
    raise ValueError(f"unknown hotkey back end {name!r}")


# --- pynput -------------------------------------------------------------------------------------

_PYNPUT_KEYS: Final = {
    "ctrl": "LeftCtrl",
    "ctrl_l": "LeftCtrl",
    "ctrl_r": "RightCtrl",
    "alt": "LeftAlt",
    "alt_l": "LeftAlt",
    "alt_r": "RightAlt",
    "alt_gr": "RightAlt",
    "shift": "LeftShift",
    "shift_l": "LeftShift",
    "shift_r": "RightShift",
    "cmd": "LeftMeta",
    "cmd_l": "LeftMeta",
    "cmd_r": "RightMeta",
    "space": "Space",
    "enter": "Enter",
    "tab": "Tab",
    "esc": "Escape",
    "backspace": "Backspace",
    "insert": "Insert",
    "delete": "Delete",
    "home": "Home",
    "end": "End",
    "page_up": "PageUp",
    "page_down": "PageDown",
    "up": "Up",
    "down": "Down",
    "left": "Left",
    "right": "Right",
    "caps_lock": "CapsLock",
    "num_lock": "NumLock",
    "scroll_lock": "ScrollLock",
    "pause": "Pause",
    "print_screen": "PrintScreen",
    "menu": "Menu",
    "media_play_pause": "MediaPlayPause",
    "media_next": "MediaNext",
    "media_previous": "MediaPrevious",
    "media_volume_up": "VolumeUp",
    "media_volume_down": "VolumeDown",
    "media_volume_mute": "VolumeMute",
    **{f"f{n}": f"F{n}" for n in range(1, 25)},
}
# X11 keysyms pynput reports as plain key codes: AltGr on most European layouts.
_X11_KEYSYMS: Final = {0xFE03: "RightAlt", 0xFF7E: "RightAlt"}
_PYNPUT_BUTTONS: Final = {"x1": "Mouse8", "x2": "Mouse9"} | {
    f"button{n}": f"Mouse{n}" for n in range(8, 21)
}


def pynput_key_name(key: Any, platform: str = sys.platform) -> str | None:
    """pynput's ``Key`` / ``KeyCode`` as our canonical name (None: not a key we bind).

    Letters come from the character when it is one, else from the virtual key (Windows gives a
    control character for Ctrl+letter). Shifted digits and punctuation depend on the layout and
    are not mapped.
    """
    name = getattr(key, "name", None)
    if isinstance(name, str):
        return _PYNPUT_KEYS.get(name)
    char = getattr(key, "char", None)
    if isinstance(char, str) and len(char) == 1 and char.isascii() and char.isalnum():
        return char.upper()
    vk = getattr(key, "vk", None)
    if not isinstance(vk, int):
        return None
    if platform.startswith("linux") or platform.startswith("freebsd"):
        if vk in _X11_KEYSYMS:
            return _X11_KEYSYMS[vk]
        if ord("a") <= vk <= ord("z"):
            return chr(vk).upper()
    if platform in ("win32", "linux") and (
        ord("A") <= vk <= ord("Z") or ord("0") <= vk <= ord("9")
    ):
        return chr(vk)
    return None


def _pynput_button_name(button: Any) -> str | None:
    return _PYNPUT_BUTTONS.get(getattr(button, "name", ""))


def _load_pynput(need_mouse: bool) -> tuple[ModuleType, ModuleType | None]:
    keyboard = importlib.import_module("pynput.keyboard")
    mouse = importlib.import_module("pynput.mouse") if need_mouse else None
    return keyboard, mouse


Loader = Callable[[bool], tuple[ModuleType, ModuleType | None]]


def _wake_xorg_listener(listener: Any) -> None:
    """Make pynput's X11 listener thread end now, not at the next key press.

    pynput's ``stop()`` queues RECORD's disable request on the recording connection, whose
    thread is blocked reading: the request is only sent when an event wakes it (measured: the
    thread outlived ``join(3)`` on an idle Xvfb). The same request on the listener's control
    connection takes effect at once; pynput's own clean-up sends it there too, afterwards.
    """
    display = getattr(listener, "_display_stop", None)
    context = getattr(listener, "_context", None)
    if display is None or context is None:
        return  # not the xorg listener, or it never got that far
    try:
        display.record_disable_context(context)
        display.flush()
    except Exception as error:  # Xlib raises its own types; a failed nudge only delays the end
        log.debug("could not nudge the X11 listener: %s", error)


def _end_listeners(listeners: list[Any]) -> None:
    """Stop pynput listeners and wait for their threads (on a thread of its own: it blocks)."""
    deadline = time.monotonic() + STOP_LIMIT_S
    for listener in listeners:
        # pynput's stop() does nothing before the listener runs: let it get there first.
        while (
            listener.is_alive()
            and not getattr(listener, "_ready", True)
            and time.monotonic() < deadline
        ):
            time.sleep(0.005)
        listener.stop()
    for listener in listeners:
        # Nudge until it ends: a nudge that lands before RECORD is enabled is lost.
        while listener.is_alive() and time.monotonic() < deadline:
            _wake_xorg_listener(listener)
            listener.join(0.05)
    alive = [listener.name for listener in listeners if listener.is_alive()]
    if alive:
        log.warning("pynput listeners still running %.0f s after stop: %s", STOP_LIMIT_S, alive)


class PynputBackend(HotkeyBackend):
    """pynput listeners (keyboard, and mouse when a chord uses a side button) on their threads."""

    name = "pynput"

    def __init__(
        self,
        events: HotkeyEvents,
        *,
        why: str = "",
        environment: Mapping[str, str] | None = None,
        platform: str = sys.platform,
        load: Loader = _load_pynput,
    ) -> None:
        super().__init__(events, why=why)
        self._environment = os.environ if environment is None else environment
        self._platform = platform
        self._load = load
        self._listeners: list[Any] = []
        self._not_ready = 0
        self._ending: threading.Thread | None = None  # ends the listeners after stop()

    def _start(self, bindings: dict[str, Chord]) -> None:
        need_mouse = any(chord.is_mouse for chord in bindings.values())
        try:
            keyboard, mouse = self._load(need_mouse)
        except ImportError as error:
            raise HotkeyUnavailable(self._import_failure(error)) from None
        listeners = [self._listener(keyboard, on_press=self._on_press, on_release=self._on_release)]
        if mouse is not None:
            listeners.append(self._listener(mouse, on_click=self._on_click))
        self._listeners = listeners
        self._not_ready = len(listeners)
        for listener in listeners:
            listener.start()

    def stop(self) -> None:
        """Stop reporting now and let the listeners end on their own thread; returns at once.

        Called on the Qt thread, which also pumps audio and the socket: ending a listener can
        take a while (it may be inside a callback, or not running yet), so the waiting is done
        by a short-lived thread. From the moment this returns no edge is posted: a listener
        that is still ending has its events dropped in :meth:`_feed`. :meth:`join` (or
        :meth:`astop` on the loop) waits for the threads' end.
        """
        with self._lock:
            if self._stopped:
                return
            self._stopped = True
            listeners = list(self._listeners)
        if listeners:
            self._ending = threading.Thread(
                target=_end_listeners, args=(listeners,), name="dragoman-pynput-stop", daemon=True
            )
            self._ending.start()

    def join(self, timeout: float | None = STOP_LIMIT_S) -> bool:
        """Wait (blocking: never on the Qt thread) until the stopped listeners' threads end.

        True when they all have.
        """
        ending = self._ending
        if ending is not None and ending is not threading.current_thread():
            ending.join(timeout)
        return not any(listener.is_alive() for listener in self._listeners)

    async def astop(self) -> None:
        """:meth:`stop`, then wait for the listeners' end on the blocking pool."""
        self.stop()
        await run_blocking(self.join)

    def _feed(self, key: str, down: bool, t: float) -> None:
        # As the base class, but an edge is posted under the lock that stop() takes: once
        # stop() has returned, a listener that is still ending cannot post one it computed
        # before. (Posting only queues a signal, so the lock is held for microseconds.)
        with self._lock:
            if self._stopped:
                return
            edges = self._matcher.key_down(key) if down else self._matcher.key_up(key)
            for edge in edges:
                self._post_edge(edge.binding, edge.pressed, t)

    def _listener(self, module: ModuleType, **callbacks: Callable[..., None]) -> Any:
        backend = self

        class Listener(module.Listener):  # type: ignore[name-defined, misc]  # pynput is untyped
            """Reports readiness and a dying thread instead of letting the thread just end."""

            def _mark_ready(self) -> None:
                super()._mark_ready()
                backend._listener_ready(self)

            def run(self) -> None:
                try:
                    super().run()
                except Exception as error:  # the thread's end: report it, do not lose it
                    backend._listener_died(error)
                else:
                    if not backend._stopped:
                        backend._listener_died(None)

        return Listener(**callbacks)

    def _listener_ready(self, listener: Any) -> None:
        # On macOS the listener learns whether it may watch input only once running; without
        # the permission it gets no events at all (and its thread ends), so say so now.
        if self._platform == "darwin" and not getattr(listener, "IS_TRUSTED", True):
            self._fail(
                "macOS has not allowed Dragoman to watch the keyboard. Open System Settings → "
                "Privacy & Security → Input Monitoring (and Accessibility), allow Dragoman (or "
                "the terminal you started it from), then start it again."
            )
            return
        with self._lock:
            self._not_ready -= 1
            ready = self._not_ready == 0 and not self._stopped
        if ready:
            chords = ", ".join(f"{b} {c}" for b, c in self.bindings.items())
            where = self._environment.get("DISPLAY", "") if self._platform == "linux" else ""
            display = f" on X display {where}" if where else ""
            self.events.post_ready(f"pynput is watching the keyboard{display} for {chords}")

    def _listener_died(self, error: Exception | None) -> None:
        detail = f"{type(error).__name__}: {error}" if error is not None else "it stopped"
        x11 = ""
        if self._platform == "linux":
            x11 = " On X11 it needs the X server's RECORD extension (Xorg and Xvfb have it)."
        self._fail(
            f"pynput's keyboard listener failed ({detail}); global hotkeys stopped.{x11} "
            + FALLBACK_ADVICE
        )

    def _import_failure(self, error: ImportError) -> str:
        env = self._environment
        if self._platform.startswith("linux"):
            if not env.get("DISPLAY"):
                if env.get("WAYLAND_DISPLAY"):
                    return (
                        "pynput sees only X11 windows and this Wayland session has no X display "
                        "(DISPLAY is unset): use the desktop portal back end. " + FALLBACK_ADVICE
                    )
                return (
                    "There is no display (DISPLAY and WAYLAND_DISPLAY are unset), so there is "
                    "no keyboard to watch: run Dragoman inside your desktop session."
                )
            first = str(error).splitlines()[0] if str(error) else type(error).__name__
            return (
                f"pynput cannot open the X display {env['DISPLAY']} ({first}): check that the "
                "X server runs and that this user may connect to it (xhost, XAUTHORITY)."
            )
        return f"pynput cannot watch the keyboard here ({error}). {FALLBACK_ADVICE}"

    # Listener threads:
    def _on_press(self, key: Any, injected: bool = False) -> None:
        name = pynput_key_name(key, self._platform)
        if name is not None:
            self._feed(name, True, time.monotonic())

    def _on_release(self, key: Any, injected: bool = False) -> None:
        name = pynput_key_name(key, self._platform)
        if name is not None:
            self._feed(name, False, time.monotonic())

    def _on_click(self, x: int, y: int, button: Any, pressed: bool, injected: bool = False) -> None:
        name = _pynput_button_name(button)
        if name is not None:
            self._feed(name, pressed, time.monotonic())


# --- in-window ----------------------------------------------------------------------------------

_K = Qt.Key
_QT_KEYS: Final[dict[int, str]] = {
    _K.Key_Space.value: "Space",
    _K.Key_Return.value: "Enter",
    _K.Key_Enter.value: "Enter",
    _K.Key_Tab.value: "Tab",
    _K.Key_Escape.value: "Escape",
    _K.Key_Backspace.value: "Backspace",
    _K.Key_Insert.value: "Insert",
    _K.Key_Delete.value: "Delete",
    _K.Key_Home.value: "Home",
    _K.Key_End.value: "End",
    _K.Key_PageUp.value: "PageUp",
    _K.Key_PageDown.value: "PageDown",
    _K.Key_Up.value: "Up",
    _K.Key_Down.value: "Down",
    _K.Key_Left.value: "Left",
    _K.Key_Right.value: "Right",
    _K.Key_CapsLock.value: "CapsLock",
    _K.Key_NumLock.value: "NumLock",
    _K.Key_ScrollLock.value: "ScrollLock",
    _K.Key_Pause.value: "Pause",
    _K.Key_Print.value: "PrintScreen",
    _K.Key_Menu.value: "Menu",
    _K.Key_MediaTogglePlayPause.value: "MediaPlayPause",
    _K.Key_MediaPlay.value: "MediaPlayPause",
    _K.Key_MediaNext.value: "MediaNext",
    _K.Key_MediaPrevious.value: "MediaPrevious",
    _K.Key_MediaStop.value: "MediaStop",
    _K.Key_VolumeUp.value: "VolumeUp",
    _K.Key_VolumeDown.value: "VolumeDown",
    _K.Key_VolumeMute.value: "VolumeMute",
    _K.Key_AltGr.value: "RightAlt",
    **{_K.Key_F1.value + n: f"F{n + 1}" for n in range(24)},
    **{c: chr(c) for c in range(ord("A"), ord("Z") + 1)},
    **{c: chr(c) for c in range(ord("0"), ord("9") + 1)},
}
# Qt reports a modifier's kind; the native code tells the side.
_QT_MODIFIERS: Final = {
    _K.Key_Control.value: "Ctrl",
    _K.Key_Alt.value: "Alt",
    _K.Key_Shift.value: "Shift",
    _K.Key_Meta.value: "Meta",
    _K.Key_Super_L.value: "Meta",
    _K.Key_Super_R.value: "Meta",
}
_RIGHT_NATIVE: Final = {
    # X11 keysyms (xcb: nativeVirtualKey)
    "xcb": {0xFFE4, 0xFFE2, 0xFFEA, 0xFFEC, 0xFFE8},
    # Windows scan codes with the extended bit (nativeScanCode): RCtrl, RShift, RAlt, RWin
    "windows": {0x11D, 0x36, 0x138, 0x15C},
    # macOS virtual key codes (nativeVirtualKey): RightCommand, RightShift, RightOption, RightCtrl
    "cocoa": {0x36, 0x3C, 0x3D, 0x3E},
}
_QT_BUTTONS: Final = {Qt.MouseButton.BackButton: "Mouse8", Qt.MouseButton.ForwardButton: "Mouse9"}


def qt_key_name(
    event: QKeyEvent, platform_name: str, *, mac: bool = sys.platform == "darwin"
) -> str | None:
    """A Qt key event as our canonical name (sided for modifiers), or None."""
    key = event.key()
    kind = _QT_MODIFIERS.get(key)
    if kind is not None:
        if mac and kind in ("Ctrl", "Meta"):
            kind = "Meta" if kind == "Ctrl" else "Ctrl"  # Qt on macOS swaps Command and Control
        if key == _K.Key_Super_R.value:
            return "RightMeta"
        native = event.nativeScanCode() if platform_name == "windows" else event.nativeVirtualKey()
        right = native in _RIGHT_NATIVE.get(platform_name, set())
        return f"{'Right' if right else 'Left'}{kind}"
    return _QT_KEYS.get(key)


class _WindowFilter(QObject):
    def __init__(self, backend: InWindowBackend) -> None:
        super().__init__()
        self._backend = backend

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # Qt override: camelCase
        self._backend._on_window_event(event)
        return False  # observe only: the window still gets its keys


class InWindowBackend(HotkeyBackend):
    """Keys pressed while ``widget``'s window has focus (watched at its QWindow, once each).

    Losing focus releases whatever was held: the key's release goes to another window.
    """

    name = "window"

    def __init__(self, events: HotkeyEvents, widget: QWidget, *, why: str = "") -> None:
        super().__init__(events, why=why)
        self._widget = widget
        self._window: QWindow | None = None
        self._filter = _WindowFilter(self)

    def _start(self, bindings: dict[str, Chord]) -> None:
        top = self._widget.window()
        top.winId()  # creates the native window (and its QWindow) if not shown yet
        window = top.windowHandle()
        if window is None:
            raise HotkeyUnavailable("Dragoman's window has no native window to watch.")
        self._window = window
        window.installEventFilter(self._filter)
        chords = ", ".join(f"{b} {c}" for b, c in bindings.items())
        self.events.post_ready(f"the in-window key watches Dragoman's window for {chords}")

    def stop(self) -> None:
        self._stopped = True
        if self._window is not None:
            self._window.removeEventFilter(self._filter)
            self._window = None

    def _on_window_event(self, event: QEvent) -> None:
        kind = event.type()
        now = time.monotonic()
        if kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            assert isinstance(event, QKeyEvent)
            if event.isAutoRepeat():
                return
            name = qt_key_name(event, QGuiApplication.platformName())
            if name is not None:
                self._feed(name, kind == QEvent.Type.KeyPress, now)
        elif kind in (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease):
            assert isinstance(event, QMouseEvent)
            button = _QT_BUTTONS.get(event.button())
            if button is not None:
                self._feed(button, kind == QEvent.Type.MouseButtonPress, now)
        elif kind == QEvent.Type.FocusOut:
            self._reset_keys(now)
