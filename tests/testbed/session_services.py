"""A fake screen saver and a fake logind on a (private) bus, for the session watcher's tests.

Run as a process of its own, driven over stdin / stdout::

    python -m tests.testbed.session_services BUS_ADDRESS [--no-logind]

It owns ``org.freedesktop.ScreenSaver`` and ``org.gnome.ScreenSaver`` and, unless
``--no-logind``, ``org.freedesktop.login1``, whose Manager answers ``GetSessionByPID`` (any PID)
and ``GetSession`` (id ``c1`` only) with :data:`SESSION`, and ``NoSessionForPID`` for PID 0. It
prints ``ready`` once it owns its names; each stdin line is a signal to emit, acknowledged with
``done LINE``:

``screensaver true|false``     org.freedesktop.ScreenSaver.ActiveChanged on /ScreenSaver
``gnome true|false``           org.gnome.ScreenSaver.ActiveChanged on /org/gnome/ScreenSaver
``sleep true|false``           login1.Manager.PrepareForSleep
``lock|unlock [PATH]``         login1.Session.Lock / Unlock on PATH (default :data:`SESSION`)
``property NAME true|false``   Properties.PropertiesChanged(login1.Session, {NAME: b}) on SESSION

:func:`session_services` starts it and stops it by PID.
"""

from __future__ import annotations

import argparse
import contextlib
import queue
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from tests.testbed.dbus import START_LIMIT_S, TestbedError, process, tail

LOGIND = "org.freedesktop.login1"
LOGIND_PATH = "/org/freedesktop/login1"
MANAGER = "org.freedesktop.login1.Manager"
SESSION_INTERFACE = "org.freedesktop.login1.Session"
SESSION = "/org/freedesktop/login1/session/c1"
OTHER_SESSION = "/org/freedesktop/login1/session/c2"
SCREEN_SAVERS = {
    "screensaver": ("org.freedesktop.ScreenSaver", "/ScreenSaver"),
    "gnome": ("org.gnome.ScreenSaver", "/org/gnome/ScreenSaver"),
}
REPO = Path(__file__).resolve().parents[2]


class SessionServices:
    """The test's handle on the running fake: send it a signal, wait until it is on the bus."""

    def __init__(self, proc: subprocess.Popen[bytes], log: Path) -> None:
        self._proc = proc
        self._log = log
        self._lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self._proc.stdout is not None
        for raw in self._proc.stdout:
            self._lines.put(raw.decode().rstrip("\n"))

    def expect(self, line: str, timeout: float = START_LIMIT_S) -> None:
        try:
            while self._lines.get(timeout=timeout) != line:
                pass
        except queue.Empty:
            raise TestbedError(
                f"the fake session services printed no {line!r} within {timeout:g} s: "
                f"{tail(self._log)}"
            ) from None

    def emit(self, command: str) -> None:
        """Emit the signal ``command`` describes and wait until it has been sent."""
        assert self._proc.stdin is not None
        self._proc.stdin.write(f"{command}\n".encode())
        self._proc.stdin.flush()
        self.expect(f"done {command}")


@contextlib.contextmanager
def session_services(
    bus_address: str, logs: Path, *, logind: bool = True
) -> Iterator[SessionServices]:
    logs.mkdir(parents=True, exist_ok=True)
    log = logs / "fake-session-services.log"
    argv = [sys.executable, "-m", "tests.testbed.session_services", bus_address]
    if not logind:
        argv.append("--no-logind")
    env = {"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"}
    with process(argv, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, log=log) as proc:
        services = SessionServices(proc, log)
        services.expect("ready")
        yield services


# --- the service ------------------------------------------------------------------------------


class _Service:
    def __init__(self, address: str, logind: bool) -> None:
        from jeepney.bus_messages import message_bus
        from jeepney.io.blocking import open_dbus_connection

        self.conn = open_dbus_connection(bus=address)
        self.send_lock = threading.Lock()
        names = [name for name, _ in SCREEN_SAVERS.values()] + ([LOGIND] if logind else [])
        for name in names:
            reply = self.conn.send_and_get_reply(message_bus.RequestName(name))
            if reply.body != (1,):  # DBUS_REQUEST_NAME_REPLY_PRIMARY_OWNER
                raise SystemExit(f"could not own {name}: {reply.body}")

    def send(self, message: Any) -> None:
        with self.send_lock:
            self.conn.send(message)

    def serve(self) -> None:
        from jeepney import new_error, new_method_return
        from jeepney.low_level import HeaderFields, MessageType

        while True:
            message = self.conn.receive()
            if message.header.message_type is not MessageType.method_call:
                continue
            member = message.header.fields.get(HeaderFields.member)
            if member == "GetSessionByPID" and message.body != (0,):
                self.send(new_method_return(message, "o", (SESSION,)))
            elif member == "GetSession" and message.body == ("c1",):
                self.send(new_method_return(message, "o", (SESSION,)))
            elif member in ("GetSessionByPID", "GetSession"):
                error = "org.freedesktop.login1.NoSessionForPID"
                self.send(new_error(message, error, "s", ("no session",)))
            else:
                error = "org.freedesktop.DBus.Error.UnknownMethod"
                self.send(new_error(message, error, "s", (f"no {member}",)))

    def emit(self, words: list[str]) -> None:
        from jeepney import DBusAddress, new_signal

        what, args = words[0], words[1:]
        if what in SCREEN_SAVERS:
            interface, path = SCREEN_SAVERS[what]
            address = DBusAddress(path, interface=interface)
            self.send(new_signal(address, "ActiveChanged", "b", (args[0] == "true",)))
        elif what == "sleep":
            address = DBusAddress(LOGIND_PATH, interface=MANAGER)
            self.send(new_signal(address, "PrepareForSleep", "b", (args[0] == "true",)))
        elif what in ("lock", "unlock"):
            address = DBusAddress(args[0] if args else SESSION, interface=SESSION_INTERFACE)
            self.send(new_signal(address, what.capitalize()))
        elif what == "property":
            address = DBusAddress(SESSION, interface="org.freedesktop.DBus.Properties")
            body: tuple[Any, ...] = (SESSION_INTERFACE, {args[0]: ("b", args[1] == "true")}, [])
            self.send(new_signal(address, "PropertiesChanged", "sa{sv}as", body))
        else:
            raise SystemExit(f"unknown command {words}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("bus")
    parser.add_argument("--no-logind", action="store_true")
    args = parser.parse_args()
    service = _Service(args.bus, logind=not args.no_logind)
    threading.Thread(target=service.serve, daemon=True).start()
    print("ready", flush=True)
    for line in sys.stdin:
        words = line.split()
        if words:
            service.emit(words)
            print(f"done {line.strip()}", flush=True)


if __name__ == "__main__":
    main()
