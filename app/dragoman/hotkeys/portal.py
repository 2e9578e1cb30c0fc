"""Global shortcuts on Wayland: the XDG desktop portal's ``org.freedesktop.portal.GlobalShortcuts``.

The compositor owns the keys; we ask for a session (CreateSession), bind our shortcuts with a
preferred trigger (BindShortcuts; the desktop may show the user a dialog and may pick another
trigger) and then get ``Activated`` (press) and ``Deactivated`` (release) for as long as our
D-Bus connection lives. Closing the connection ends the session.

The D-Bus traffic goes through jeepney on a thread of its own, not QtDBus: PySide6's
QDBusArgument cannot build BindShortcuts' ``a(sa{sv})`` argument (a ``str`` goes out as ``as``,
an ``int`` as ``q``, and a dict of variants aborts the process in libdbus; measured on 6.11).
The thread posts into the same :class:`~dragoman.hotkeys.events.HotkeyEvents` funnel as pynput.

The cancel key is not bound here: a portal shortcut is taken away from every application, and
taking Escape would break every dialog on the desktop.
"""

from __future__ import annotations

import logging
import secrets
import socket
import threading
import time
from collections import deque
from collections.abc import Callable
from typing import Any, Final

from dragoman.core.chord import Chord, InvalidChord, xdg_trigger
from dragoman.core.errors import HotkeyUnavailable
from dragoman.hotkeys.events import CANCEL, FORWARD, HotkeyBackend, HotkeyEvents

__all__ = ["PORTAL_INTERFACE", "PortalBackend"]

log = logging.getLogger(__name__)

PORTAL_NAME: Final = "org.freedesktop.portal.Desktop"
PORTAL_PATH: Final = "/org/freedesktop/portal/desktop"
PORTAL_INTERFACE: Final = "org.freedesktop.portal.GlobalShortcuts"
REQUEST_INTERFACE: Final = "org.freedesktop.portal.Request"
SESSION_INTERFACE: Final = "org.freedesktop.portal.Session"
REGISTRY_INTERFACE: Final = "org.freedesktop.host.portal.Registry"
CALL_TIMEOUT_S: Final = 10.0  # a portal activated on first use can take a few seconds
CONNECT_TIMEOUT_S: Final = 5.0

_DESCRIPTIONS: Final = {
    FORWARD: "Push to talk: translate what I say",
    "reverse": "Push to talk, other way: translate what the other person says",
    "say_again": "Say it again: the last translation into the call again",
    "mute_all": "Mute all: nothing into the call until pressed again",
    "next_profile": "Next profile: the next per-call profile (from the next hold)",
    "toggle_compact": "Compact window: show or hide Dragoman's small always-on-top window",
    "toggle_overlay": "Caption overlay: show or hide the live captions over other windows",
}
_NO_PORTAL_INTERFACE: Final = frozenset(
    {
        "org.freedesktop.DBus.Error.UnknownInterface",
        "org.freedesktop.DBus.Error.UnknownMethod",
        "org.freedesktop.DBus.Error.UnknownProperty",
        "org.freedesktop.DBus.Error.InvalidArgs",
    }
)
_NO_SERVICE: Final = frozenset(
    {"org.freedesktop.DBus.Error.ServiceUnknown", "org.freedesktop.DBus.Error.NameHasNoOwner"}
)
ADVICE: Final = (
    "Bind a key in your desktop's keyboard settings to the command `dragoman ptt toggle` "
    "(or `dragoman ptt press` / `dragoman ptt release`), or use the in-window key."
)


class _PortalFailure(Exception):
    """Ends the portal thread with a user-facing sentence."""


class _DBusError(Exception):
    def __init__(self, name: str, message: str) -> None:
        super().__init__(f"{name}: {message}")
        self.name = name
        self.message = message


class PortalBackend(HotkeyBackend):
    """GlobalShortcuts over a private D-Bus connection, served by one thread."""

    name = "portal"

    def __init__(
        self,
        events: HotkeyEvents,
        *,
        why: str = "",
        bus_address: str | None = None,
        app_id: str | None = None,
    ) -> None:
        super().__init__(events, why=why)
        self._bus_address = bus_address
        self._app_id = app_id
        self._thread: threading.Thread | None = None
        self._sock: socket.socket | None = None
        self.triggers: dict[str, str] = {}  # what the desktop actually bound, once known
        self._portal_held: set[str] = set()  # shortcuts between Activated and Deactivated

    def _start(self, bindings: dict[str, Chord]) -> None:
        address = self._bus_address
        if not address or address.startswith("disabled:"):
            raise HotkeyUnavailable(
                "There is no D-Bus session bus (DBUS_SESSION_BUS_ADDRESS is unset), so the "
                "desktop portal cannot be reached for global shortcuts. " + ADVICE
            )
        shortcuts = {b: c for b, c in bindings.items() if b != CANCEL}
        try:
            preferred = {b: xdg_trigger(c) for b, c in shortcuts.items()}
        except InvalidChord as error:
            raise HotkeyUnavailable(f"{error} {ADVICE}") from None
        try:
            import jeepney  # noqa: F401  (probe: the portal needs it)
        except ImportError:
            raise HotkeyUnavailable(
                "The desktop portal back end needs the Python package jeepney, which is missing."
            ) from None
        self._thread = threading.Thread(
            target=self._serve, args=(address, preferred), name="dragoman-portal", daemon=True
        )
        self._thread.start()

    def stop(self) -> None:
        with self._lock:
            self._stopped = True
            sock = self._sock
        if sock is not None:
            try:
                sock.shutdown(socket.SHUT_RDWR)  # wakes the thread's blocking read
            except OSError:
                pass
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join(CONNECT_TIMEOUT_S)

    # --- the portal thread ------------------------------------------------------------------

    def _serve(self, address: str, preferred: dict[str, str]) -> None:
        conn = None
        try:
            conn = self._connect(address)
            session = _Session(conn)
            version = session.version()
            if self._app_id:
                session.register(self._app_id)
            handle = session.create()
            self.triggers = session.bind(handle, preferred)
            if self._stopped:
                return
            bound = ", ".join(f"{b} as '{t}'" for b, t in self.triggers.items())
            self.events.post_ready(
                f"the desktop portal (GlobalShortcuts version {version}) bound {bound}"
            )
            session.listen(handle, self._on_shortcut)
        except _PortalFailure as failure:
            self._fail(str(failure))
        except (OSError, ConnectionError, ValueError, RuntimeError) as error:
            if not self._stopped:
                self._fail(
                    f"The connection to the desktop portal was lost ({type(error).__name__}: "
                    f"{error}); global shortcuts stopped. " + ADVICE
                )
        except Exception as error:  # the thread's last word: never end silently
            log.debug("portal thread failed", exc_info=True)
            self._fail(
                f"The desktop portal back end failed ({type(error).__name__}: {error}). " + ADVICE
            )
        finally:  # what was held is released by the owner's backend_lost, not here
            if conn is not None:
                conn.close()

    def _connect(self, address: str) -> Any:
        from jeepney.io.blocking import open_dbus_connection

        try:
            conn = open_dbus_connection(bus=address, auth_timeout=CONNECT_TIMEOUT_S)
        except (OSError, ValueError, RuntimeError) as error:
            raise _PortalFailure(
                f"Cannot connect to the D-Bus session bus ({error}), so the desktop portal "
                "cannot be reached for global shortcuts. " + ADVICE
            ) from None
        with self._lock:
            self._sock = conn.sock
            stopped = self._stopped
        if stopped:
            conn.close()
            raise _PortalFailure("stopped")
        return conn

    def _on_shortcut(self, shortcut: str, activated: bool) -> None:
        with self._lock:
            if activated == (shortcut in self._portal_held):
                return  # a repeated Activated (or a Deactivated without one)
            if activated:
                self._portal_held.add(shortcut)
            else:
                self._portal_held.discard(shortcut)
        self._post_edge(shortcut, activated, time.monotonic())


class _Session:
    """The portal conversation on one jeepney connection; every call blocks its thread."""

    def __init__(self, conn: Any) -> None:
        from jeepney import DBusAddress, MatchRule
        from jeepney.bus_messages import message_bus

        self._conn = conn
        self._portal = DBusAddress(PORTAL_PATH, bus_name=PORTAL_NAME, interface=PORTAL_INTERFACE)
        self._signals: deque[Any] = deque()
        # Every signal lands in one queue; the match rules make the bus route them to us.
        conn.filter(MatchRule(type="signal"), queue=self._signals)
        for interface in (PORTAL_INTERFACE, REQUEST_INTERFACE, SESSION_INTERFACE):
            self._call(message_bus.AddMatch(MatchRule(type="signal", interface=interface)))
        self._sender = conn.unique_name.lstrip(":").replace(".", "_")

    def version(self) -> int:
        from jeepney import DBusAddress, new_method_call

        properties = DBusAddress(
            PORTAL_PATH, bus_name=PORTAL_NAME, interface="org.freedesktop.DBus.Properties"
        )
        try:
            (value,) = self._call(
                new_method_call(properties, "Get", "ss", (PORTAL_INTERFACE, "version"))
            )
        except _DBusError as error:
            if error.name in _NO_SERVICE:
                raise _PortalFailure(
                    "No XDG desktop portal is running on the session bus "
                    f"({PORTAL_NAME} is not there), so there are no global shortcuts for "
                    "Wayland applications. " + ADVICE
                ) from None
            if error.name in _NO_PORTAL_INTERFACE:
                raise _PortalFailure(
                    "Your desktop's portal has no global shortcuts "
                    f"({PORTAL_INTERFACE} is missing; GNOME added it in version 48), so "
                    "Dragoman cannot see keys pressed in other windows. " + ADVICE
                ) from None
            raise _PortalFailure(f"The desktop portal failed ({error}). {ADVICE}") from None
        return int(value[1])

    def register(self, app_id: str) -> None:
        """Tell a host (non-Flatpak) portal which .desktop file we are; older portals lack it."""
        from jeepney import DBusAddress, new_method_call

        registry = DBusAddress(PORTAL_PATH, bus_name=PORTAL_NAME, interface=REGISTRY_INTERFACE)
        try:
            self._call(new_method_call(registry, "Register", "sa{sv}", (app_id, {})))
        except _DBusError as error:
            log.info("portal registry: %s", error)

    def create(self) -> str:
        from jeepney import new_method_call

        token = self._token()
        options = {"handle_token": ("s", token), "session_handle_token": ("s", self._token())}
        (request,) = self._call(new_method_call(self._portal, "CreateSession", "a{sv}", (options,)))
        code, results = self._response(request, token, CALL_TIMEOUT_S)
        if code != 0 or "session_handle" not in results:
            raise _PortalFailure(
                f"The desktop portal refused a global-shortcuts session (response {code}). "
                + ADVICE
            )
        return str(results["session_handle"][1])

    def bind(self, session: str, preferred: dict[str, str]) -> dict[str, str]:
        from jeepney import new_method_call

        shortcuts = [
            (
                binding,
                {
                    "description": ("s", _DESCRIPTIONS.get(binding, binding)),
                    "preferred_trigger": ("s", trigger),
                },
            )
            for binding, trigger in preferred.items()
        ]
        token = self._token()
        body = (session, shortcuts, "", {"handle_token": ("s", token)})
        (request,) = self._call(
            new_method_call(self._portal, "BindShortcuts", "oa(sa{sv})sa{sv}", body)
        )
        # No time limit: the desktop may be showing the user a dialog about our shortcuts.
        code, results = self._response(request, token, None)
        if code != 0:
            raise _PortalFailure(
                "The desktop did not allow Dragoman's global shortcuts (the dialog was "
                f"cancelled or the portal refused, response {code}). " + ADVICE
            )
        bound: dict[str, str] = {}
        for shortcut_id, properties in results.get("shortcuts", ("", []))[1]:
            description = properties.get("trigger_description", ("s", ""))[1]
            bound[str(shortcut_id)] = str(description) or preferred.get(shortcut_id, "?")
        return bound or dict(preferred)

    def listen(self, session: str, on_shortcut: Callable[[str, bool], None]) -> None:
        """Until the connection ends: Activated / Deactivated of our session's shortcuts."""
        from jeepney.low_level import HeaderFields

        while True:
            message = self._conn.recv_until_filtered(self._signals)
            fields = message.header.fields
            interface = fields.get(HeaderFields.interface)
            member = fields.get(HeaderFields.member)
            if interface == PORTAL_INTERFACE and member in ("Activated", "Deactivated"):
                if message.body and message.body[0] == session:
                    on_shortcut(str(message.body[1]), member == "Activated")
            elif interface == PORTAL_INTERFACE and member == "ShortcutsChanged":
                log.info("the desktop changed our shortcuts: %s", message.body)
            elif interface == SESSION_INTERFACE and member == "Closed":
                if fields.get(HeaderFields.path) == session:
                    raise _PortalFailure(
                        "The desktop closed Dragoman's global-shortcuts session. " + ADVICE
                    )

    # --- plumbing ---------------------------------------------------------------------------

    def _call(self, message: Any, timeout: float = CALL_TIMEOUT_S) -> tuple[Any, ...]:
        from jeepney.low_level import HeaderFields, MessageType

        try:
            reply = self._conn.send_and_get_reply(message, timeout=timeout)
        except TimeoutError:
            raise _PortalFailure(
                f"The desktop portal did not answer within {timeout:g} s. " + ADVICE
            ) from None
        if reply.header.message_type is MessageType.error:
            name = str(reply.header.fields.get(HeaderFields.error_name, "unknown"))
            text = str(reply.body[0]) if reply.body else ""
            raise _DBusError(name, text)
        return tuple(reply.body)

    def _response(
        self, request: str, token: str, timeout: float | None
    ) -> tuple[int, dict[str, Any]]:
        """The Request's Response signal (older portals may use another path than predicted)."""
        from jeepney.low_level import HeaderFields

        expected = {request, f"{PORTAL_PATH}/request/{self._sender}/{token}"}
        deadline = None if timeout is None else time.monotonic() + timeout
        while True:
            remaining = None if deadline is None else max(0.0, deadline - time.monotonic())
            try:
                message = self._conn.recv_until_filtered(self._signals, timeout=remaining)
            except TimeoutError:
                raise _PortalFailure(
                    f"The desktop portal did not respond within {timeout:g} s. " + ADVICE
                ) from None
            fields = message.header.fields
            if (
                fields.get(HeaderFields.interface) == REQUEST_INTERFACE
                and fields.get(HeaderFields.member) == "Response"
                and fields.get(HeaderFields.path) in expected
            ):
                code, results = message.body
                return int(code), dict(results)

    @staticmethod
    def _token() -> str:
        return f"dragoman_{secrets.token_hex(6)}"
