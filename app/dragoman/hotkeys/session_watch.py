"""Screen lock, sleep and user switch, for the push-to-talk stuck-key guard (Linux, over D-Bus).

A lock screen takes the keyboard: the release of a held hotkey goes to it, never to us, and the
utterance would run on until the maximum length. :class:`SessionWatcher` reports the moments the
session stops being the user's, so the owner can end it (``PushToTalk.session_inactive``):

* session bus: ``ActiveChanged(true)`` of ``org.freedesktop.ScreenSaver`` (KDE, Xfce, LXQt …)
  and of the GNOME / MATE / Cinnamon ``*.ScreenSaver`` interfaces, from any sender and path;
* system bus, from logind (``org.freedesktop.login1``): ``PrepareForSleep(true)``; and for our
  own session (found with ``GetSessionByPID``, else ``XDG_SESSION_ID``) its ``Lock`` signal, its
  ``LockedHint`` becoming true and its ``Active`` becoming false (another user took the seat).

Every piece is optional: a missing bus, a missing logind, a process outside any logind session
is logged at info and the rest goes on; nothing here ever fails the application. The signals are
trusted as they come (a local process could forge one): the worst a forgery can do is end an
utterance early.

Each bus is read by jeepney on a thread of its own, as the portal back end does
(:mod:`dragoman.hotkeys.portal`, whose time limits it shares); a thread posts through one queued
signal, so ``session_inactive`` and ``watching`` are emitted on the watcher's (the Qt) thread.
Windows and macOS have no such bus: :meth:`SessionWatcher.from_environment` watches nothing
there, and the stuck-key guard's maximum utterance length still applies.
"""

from __future__ import annotations

import logging
import os
import socket
import sys
import threading
from collections import deque
from collections.abc import Callable, Mapping
from enum import StrEnum
from typing import Any, Final, Protocol, TypedDict

from PySide6.QtCore import QObject, Qt, Signal, Slot

from dragoman.hotkeys.portal import CALL_TIMEOUT_S, CONNECT_TIMEOUT_S

__all__ = [
    "SYSTEM_BUS_DEFAULT",
    "Buses",
    "InactiveReason",
    "LogindWatch",
    "ScreenSaverWatch",
    "SessionWatcher",
    "buses_from_environment",
]

log = logging.getLogger(__name__)

SYSTEM_BUS_DEFAULT: Final = "unix:path=/var/run/dbus/system_bus_socket"
SCREEN_SAVERS: Final = (
    "org.freedesktop.ScreenSaver",
    "org.gnome.ScreenSaver",
    "org.mate.ScreenSaver",
    "org.cinnamon.ScreenSaver",
)  # each is both the service's bus name and the interface of its ActiveChanged signal
LOGIND: Final = "org.freedesktop.login1"
LOGIND_PATH: Final = "/org/freedesktop/login1"
MANAGER_INTERFACE: Final = "org.freedesktop.login1.Manager"
SESSION_INTERFACE: Final = "org.freedesktop.login1.Session"
PROPERTIES_INTERFACE: Final = "org.freedesktop.DBus.Properties"
_NO_SERVICE: Final = frozenset(
    {"org.freedesktop.DBus.Error.ServiceUnknown", "org.freedesktop.DBus.Error.NameHasNoOwner"}
)

_INACTIVE: Final = "inactive"
_WATCHING: Final = "watching"


class Buses(TypedDict):
    session_bus: str | None
    system_bus: str | None
    session_id: str | None


class InactiveReason(StrEnum):
    SCREEN_SAVER = "screen_saver"  # the screen saver / lock screen came on
    LOCKED = "locked"  # logind: the session was locked
    SLEEP = "sleep"  # logind: the machine is about to sleep
    SWITCHED = "switched"  # logind: the session is no longer the active one on its seat


class SessionWatcher(QObject):
    """Watches the buses it is given for the session becoming inactive; see the module doc.

    ``start()`` once, ``stop()`` before the object goes away (it joins the bus threads).
    """

    session_inactive = Signal(str)  # an InactiveReason
    watching = Signal(str)  # a sentence, once per bus: what is now watched there

    _posted = Signal(str, str)  # kind, text: the one thread crossing

    def __init__(
        self,
        *,
        session_bus: str | None,
        system_bus: str | None,
        pid: int | None = None,
        session_id: str | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._threads = [
            _BusThread("session", session_bus, ScreenSaverWatch(), self._posted.emit),
            _BusThread(
                "system",
                system_bus,
                LogindWatch(os.getpid() if pid is None else pid, session_id),
                self._posted.emit,
            ),
        ]
        self._stopped = False
        self._posted.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    @classmethod
    def from_environment(
        cls,
        environment: Mapping[str, str] | None = None,
        *,
        platform: str = sys.platform,
        parent: QObject | None = None,
    ) -> SessionWatcher:
        """A watcher of this desktop session's buses (:func:`buses_from_environment`)."""
        env = os.environ if environment is None else environment
        return cls(**buses_from_environment(env, platform), parent=parent)

    def __repr__(self) -> str:
        threads = ", ".join(repr(thread) for thread in self._threads)
        return f"<SessionWatcher{' stopped' if self._stopped else ''}: {threads}>"

    def start(self) -> None:
        try:
            import jeepney  # noqa: F401  (probe: every bus needs it)
        except ImportError:
            log.info("jeepney is missing: screen lock and sleep are not watched")
            return
        for thread in self._threads:
            thread.start()

    def stop(self) -> None:
        self._stopped = True
        for thread in self._threads:
            thread.stop()

    def is_running(self) -> bool:
        """Whether a bus thread is still alive (after ``stop()``: it would not end)."""
        return any(thread.is_alive() for thread in self._threads)

    @Slot(str, str)
    def _deliver(self, kind: str, text: str) -> None:
        if self._stopped:
            return
        if kind == _INACTIVE:
            log.info("session inactive: %s", text)
            self.session_inactive.emit(text)
        else:
            log.info("session watch: %s", text)
            self.watching.emit(text)


def buses_from_environment(environment: Mapping[str, str], platform: str) -> Buses:
    """SessionWatcher's ``session_bus``, ``system_bus`` and ``session_id`` here (no buses outside
    Linux and the BSDs)."""
    if not platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        return Buses(session_bus=None, system_bus=None, session_id=None)
    return Buses(
        session_bus=environment.get("DBUS_SESSION_BUS_ADDRESS"),
        system_bus=environment.get("DBUS_SYSTEM_BUS_ADDRESS", SYSTEM_BUS_DEFAULT),
        session_id=environment.get("XDG_SESSION_ID"),
    )


# --- the bus threads ----------------------------------------------------------------------------


class _CallFailed(Exception):
    def __init__(self, name: str, message: str) -> None:
        super().__init__(f"{name}: {message}")
        self.name = name


class _Bus:
    """One jeepney connection: blocking calls, match rules, and the queue signals land in."""

    def __init__(self, conn: Any) -> None:
        from jeepney import MatchRule

        self.conn = conn
        self.signals: deque[Any] = deque()
        conn.filter(MatchRule(type="signal"), queue=self.signals)

    def call(
        self,
        name: str,
        path: str,
        interface: str,
        method: str,
        signature: str,
        body: tuple[Any, ...],
    ) -> tuple[Any, ...]:
        from jeepney import DBusAddress, new_method_call

        address = DBusAddress(path, bus_name=name, interface=interface)
        return self._send(new_method_call(address, method, signature, body))

    def add_match(self, **rule: str) -> None:
        from jeepney import MatchRule
        from jeepney.bus_messages import message_bus

        self._send(message_bus.AddMatch(MatchRule(type="signal", **rule)))

    def has_owner(self, name: str) -> bool:
        from jeepney.bus_messages import message_bus

        return bool(self._send(message_bus.NameHasOwner(name))[0])

    def _send(self, message: Any) -> tuple[Any, ...]:
        from jeepney.low_level import HeaderFields, MessageType

        reply = self.conn.send_and_get_reply(message, timeout=CALL_TIMEOUT_S)
        if reply.header.message_type is MessageType.error:
            name = str(reply.header.fields.get(HeaderFields.error_name, "unknown"))
            raise _CallFailed(name, str(reply.body[0]) if reply.body else "")
        return tuple(reply.body)


class _Watch(Protocol):
    what: str  # for log lines: what goes unwatched when the bus is missing

    def setup(self, bus: _Bus) -> str | None:
        """Install match rules; a sentence saying what is watched, or None: nothing to watch."""

    def handle(
        self, interface: str | None, member: str | None, path: str | None, body: tuple[Any, ...]
    ) -> list[InactiveReason]: ...


class _BusThread:
    """Reads one bus on its own thread and feeds its signals to a watch."""

    def __init__(
        self, bus: str, address: str | None, watch: _Watch, post: Callable[[str, str], object]
    ) -> None:
        self.bus = bus
        self._address = address
        self._watch = watch
        self._post = post
        self._lock = threading.Lock()
        self._sock: socket.socket | None = None
        self._stopped = False
        self._thread: threading.Thread | None = None
        self.state = "not started"

    def __repr__(self) -> str:
        return f"{self.bus} bus {self.state}"

    def start(self) -> None:
        if self._thread is not None:
            return
        address = self._address
        if not address or address.startswith("disabled:"):
            self.state = "absent"
            log.info("no D-Bus %s bus: %s is not watched", self.bus, self._watch.what)
            return
        self._thread = threading.Thread(
            target=self._run, args=(address,), name=f"dragoman-{self.bus}-watch", daemon=True
        )
        self.state = "starting"
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

    def is_alive(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def _run(self, address: str) -> None:
        from jeepney.io.blocking import open_dbus_connection
        from jeepney.low_level import HeaderFields

        try:
            conn = open_dbus_connection(bus=address, auth_timeout=CONNECT_TIMEOUT_S)
        except (OSError, ValueError, RuntimeError) as error:
            self.state = "unreachable"
            log.info(
                "cannot connect to the D-Bus %s bus (%s): %s is not watched",
                self.bus,
                error,
                self._watch.what,
            )
            return
        with self._lock:
            self._sock = conn.sock
            stopped = self._stopped
        try:
            if stopped:
                return
            bus = _Bus(conn)
            description = self._watch.setup(bus)
            if description is None:
                self.state = "idle"
                return
            self.state = "watching"
            self._post(_WATCHING, description)
            while True:
                message = conn.recv_until_filtered(bus.signals)
                fields = message.header.fields
                for reason in self._watch.handle(
                    fields.get(HeaderFields.interface),
                    fields.get(HeaderFields.member),
                    fields.get(HeaderFields.path),
                    tuple(message.body),
                ):
                    self._post(_INACTIVE, str(reason))
        except (OSError, ValueError, RuntimeError, _CallFailed) as error:
            if not self._stopped:
                self.state = "lost"
                log.info(
                    "watching the D-Bus %s bus ended (%s): %s is no longer watched",
                    self.bus,
                    error,
                    self._watch.what,
                )
        except Exception:  # the thread's last word: never end silently
            self.state = "failed"
            log.warning("watching the D-Bus %s bus failed", self.bus, exc_info=True)
        finally:
            if self._stopped:
                self.state = "stopped"
            conn.close()


# --- what is watched on each bus ------------------------------------------------------------------


class ScreenSaverWatch:
    """Session bus: a screen saver coming on (one report however many services say so)."""

    what = "the screen saver"

    def __init__(self) -> None:
        self._active = False  # several services may report the same lock: one report

    def setup(self, bus: _Bus) -> str | None:
        for interface in SCREEN_SAVERS:
            bus.add_match(interface=interface, member="ActiveChanged")
        present = [name for name in SCREEN_SAVERS if bus.has_owner(name)]
        if not present:
            log.info("no screen saver service on the session bus yet; listening for one anyway")
            return "the session bus, for a screen saver (none runs yet)"
        return f"the session bus, for the screen saver ({', '.join(present)})"

    def handle(
        self, interface: str | None, member: str | None, path: str | None, body: tuple[Any, ...]
    ) -> list[InactiveReason]:
        if interface not in SCREEN_SAVERS or member != "ActiveChanged" or len(body) != 1:
            return []
        active = bool(body[0])
        was, self._active = self._active, active
        return [InactiveReason.SCREEN_SAVER] if active and not was else []


class LogindWatch:
    """System bus: sleep, and our session's lock (one report per lock) and switch."""

    what = "logind (lock, sleep, user switch)"

    def __init__(self, pid: int, session_id: str | None) -> None:
        self._pid = pid
        self._session_id = session_id
        self.session: str | None = None  # our session's object path
        self._locked = False

    def setup(self, bus: _Bus) -> str | None:
        try:
            (path,) = bus.call(
                LOGIND, LOGIND_PATH, MANAGER_INTERFACE, "GetSessionByPID", "u", (self._pid,)
            )
        except _CallFailed as error:
            if error.name in _NO_SERVICE:
                log.info("logind is not on the system bus: lock, sleep and user switch are unseen")
                return None
            path = self._by_id(bus) or None
            if path is None:
                log.info("logind knows no session of ours (%s): only sleep is watched", error)
        bus.add_match(
            sender=LOGIND, path=LOGIND_PATH, interface=MANAGER_INTERFACE, member="PrepareForSleep"
        )
        if path is None:
            return "logind on the system bus, for sleep"
        self.session = str(path)
        for member in ("Lock", "Unlock"):
            bus.add_match(
                sender=LOGIND, path=self.session, interface=SESSION_INTERFACE, member=member
            )
        bus.add_match(
            sender=LOGIND,
            path=self.session,
            interface=PROPERTIES_INTERFACE,
            member="PropertiesChanged",
        )
        return f"logind on the system bus, for sleep and for lock and switch of {self.session}"

    def _by_id(self, bus: _Bus) -> str | None:
        if not self._session_id:
            return None
        try:
            (path,) = bus.call(
                LOGIND, LOGIND_PATH, MANAGER_INTERFACE, "GetSession", "s", (self._session_id,)
            )
        except _CallFailed as error:
            log.info("logind has no session %s: %s", self._session_id, error)
            return None
        return str(path)

    def handle(
        self, interface: str | None, member: str | None, path: str | None, body: tuple[Any, ...]
    ) -> list[InactiveReason]:
        if interface == MANAGER_INTERFACE and member == "PrepareForSleep":
            return [InactiveReason.SLEEP] if body == (True,) else []
        if path is None or path != self.session:
            return []
        if interface == SESSION_INTERFACE and member in ("Lock", "Unlock"):
            return self._lock_state(member == "Lock")
        if interface == PROPERTIES_INTERFACE and member == "PropertiesChanged" and len(body) >= 2:
            changed_interface, changed = body[0], body[1]
            if changed_interface != SESSION_INTERFACE or not isinstance(changed, dict):
                return []
            reasons = []
            if "LockedHint" in changed:
                reasons += self._lock_state(bool(changed["LockedHint"][1]))
            if "Active" in changed and changed["Active"][1] is False:
                reasons.append(InactiveReason.SWITCHED)
            return reasons
        return []

    def _lock_state(self, locked: bool) -> list[InactiveReason]:
        """Lock and LockedHint both say it: one report per lock."""
        was, self._locked = self._locked, locked
        return [InactiveReason.LOCKED] if locked and not was else []
