"""A fake XDG desktop portal with the GlobalShortcuts interface, on a (private) session bus.

Run as a process of its own, driven over stdin / stdout::

    python -m tests.testbed.portal BUS_ADDRESS [--mode ok|no-interface|deny]

It owns ``org.freedesktop.portal.Desktop`` and answers ``Properties.Get(version)``,
``CreateSession`` and ``BindShortcuts`` the way xdg-desktop-portal does (a Request object path as
the reply, then a ``Response`` signal on it). It prints ``ready``, ``session PATH`` and
``bind JSON`` (the shortcuts as the client asked for them) on stdout; stdin takes
``activate ID``, ``deactivate ID`` and ``close`` (the desktop closes the session).

Modes: ``no-interface`` is a portal without GlobalShortcuts (GNOME before 48); ``deny`` refuses the
BindShortcuts dialog (response 1, "cancelled by the user"); ``ask`` shows a dialog nobody answers
(BindShortcuts gets its reply, never its Response).

:func:`fake_portal` starts it and stops it by PID.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import queue
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from tests.testbed.dbus import START_LIMIT_S, TestbedError, process, tail

PORTAL_NAME = "org.freedesktop.portal.Desktop"
PORTAL_PATH = "/org/freedesktop/portal/desktop"
SHORTCUTS = "org.freedesktop.portal.GlobalShortcuts"
REQUEST = "org.freedesktop.portal.Request"
SESSION = "org.freedesktop.portal.Session"
REPO = Path(__file__).resolve().parents[2]


class FakePortal:
    """The test's handle on the running fake: send it commands, read what it reports."""

    def __init__(self, proc: subprocess.Popen[bytes], log: Path) -> None:
        self._proc = proc
        self._log = log
        self._lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self._proc.stdout is not None
        for raw in self._proc.stdout:
            self._lines.put(raw.decode().rstrip("\n"))

    def expect(self, prefix: str, timeout: float = START_LIMIT_S) -> str:
        """The rest of the next line starting with ``prefix`` (other lines are skipped)."""
        try:
            while True:
                line = self._lines.get(timeout=timeout)
                if line.startswith(prefix):
                    return line[len(prefix) :].strip()
        except queue.Empty:
            raise TestbedError(
                f"the fake portal printed no {prefix!r} line within {timeout:g} s: "
                f"{tail(self._log)}"
            ) from None

    def send(self, command: str) -> None:
        assert self._proc.stdin is not None
        self._proc.stdin.write(f"{command}\n".encode())
        self._proc.stdin.flush()


@contextlib.contextmanager
def fake_portal(bus_address: str, logs: Path, mode: str = "ok") -> Iterator[FakePortal]:
    logs.mkdir(parents=True, exist_ok=True)
    log = logs / f"fake-portal-{mode}.log"
    argv = [sys.executable, "-m", "tests.testbed.portal", bus_address, "--mode", mode]
    env = {"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"}
    with process(argv, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, log=log) as proc:
        portal = FakePortal(proc, log)
        portal.expect("ready")
        yield portal


# --- the service ----------------------------------------------------------------------------


class _Service:
    def __init__(self, address: str, mode: str) -> None:
        from jeepney.bus_messages import message_bus
        from jeepney.io.blocking import open_dbus_connection

        self.mode = mode
        self.conn = open_dbus_connection(bus=address)
        self.send_lock = threading.Lock()
        self.sessions: dict[str, str] = {}  # session path → client's unique name
        reply = self.conn.send_and_get_reply(message_bus.RequestName(PORTAL_NAME))
        if reply.body != (1,):  # DBUS_REQUEST_NAME_REPLY_PRIMARY_OWNER
            raise SystemExit(f"could not own {PORTAL_NAME}: {reply.body}")

    def send(self, message: Any) -> None:
        with self.send_lock:
            self.conn.send(message)

    def serve(self) -> None:
        from jeepney.low_level import HeaderFields, MessageType

        while True:
            message = self.conn.receive()
            if message.header.message_type is not MessageType.method_call:
                continue
            fields = message.header.fields
            member = fields.get(HeaderFields.member)
            interface = fields.get(HeaderFields.interface)
            handler = getattr(self, f"on_{member}", None)
            if handler is None or (interface not in (SHORTCUTS, None) and member != "Get"):
                self.error(message, "org.freedesktop.DBus.Error.UnknownMethod", f"no {member}")
                continue
            handler(message)

    def error(self, message: Any, name: str, text: str) -> None:
        from jeepney import new_error

        self.send(new_error(message, name, "s", (text,)))

    def on_Get(self, message: Any) -> None:  # D-Bus method names
        from jeepney import new_method_return

        interface, prop = message.body
        if interface != SHORTCUTS or self.mode == "no-interface" or prop != "version":
            self.error(message, "org.freedesktop.DBus.Error.InvalidArgs", "No such interface")
            return
        self.send(new_method_return(message, "v", (("u", 1),)))

    def on_CreateSession(self, message: Any) -> None:
        if self.mode == "no-interface":
            self.error(message, "org.freedesktop.DBus.Error.UnknownMethod", "No such method")
            return
        (options,) = message.body
        client = self.client(message)
        escaped = client.lstrip(":").replace(".", "_")
        request = f"{PORTAL_PATH}/request/{escaped}/{options['handle_token'][1]}"
        session = f"{PORTAL_PATH}/session/{escaped}/{options['session_handle_token'][1]}"
        self.sessions[session] = client
        self.reply_then_respond(message, request, 0, {"session_handle": ("s", session)})
        print(f"session {session}", flush=True)

    def on_BindShortcuts(self, message: Any) -> None:
        session, shortcuts, _parent, options = message.body
        client = self.client(message)
        escaped = client.lstrip(":").replace(".", "_")
        request = f"{PORTAL_PATH}/request/{escaped}/{options['handle_token'][1]}"
        asked = [
            {"id": sid, **{key: value[1] for key, value in props.items()}}
            for sid, props in shortcuts
        ]
        print(f"bind {json.dumps(asked)}", flush=True)
        if self.mode == "ask":  # a dialog the user never answers: the reply, no Response
            from jeepney import new_method_return

            self.send(new_method_return(message, "o", (request,)))
            return
        if self.mode == "deny" or session not in self.sessions:
            self.reply_then_respond(message, request, 1, {})
            return
        bound = [
            (
                sid,
                {
                    "description": props["description"],
                    "trigger_description": ("s", f"Press {props['preferred_trigger'][1]}"),
                },
            )
            for sid, props in shortcuts
        ]
        self.reply_then_respond(message, request, 0, {"shortcuts": ("a(sa{sv})", bound)})

    def reply_then_respond(
        self, message: Any, request: str, code: int, results: dict[str, Any]
    ) -> None:
        from jeepney import DBusAddress, new_method_return, new_signal
        from jeepney.low_level import HeaderFields

        self.send(new_method_return(message, "o", (request,)))
        signal = new_signal(DBusAddress(request, interface=REQUEST), "Response", "ua{sv}")
        signal.body = (code, results)
        signal.header.fields[HeaderFields.destination] = self.client(message)
        self.send(signal)

    def emit(self, member: str, session: str, shortcut: str = "") -> None:
        from jeepney import DBusAddress, new_signal
        from jeepney.low_level import HeaderFields

        if member == "Closed":
            signal = new_signal(DBusAddress(session, interface=SESSION), "Closed", "a{sv}", ({},))
        else:
            signal = new_signal(
                DBusAddress(PORTAL_PATH, interface=SHORTCUTS),
                member,
                "osta{sv}",
                (session, shortcut, 0, {}),
            )
        signal.header.fields[HeaderFields.destination] = self.sessions[session]
        self.send(signal)

    @staticmethod
    def client(message: Any) -> str:
        from jeepney.low_level import HeaderFields

        return str(message.header.fields[HeaderFields.sender])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("bus")
    parser.add_argument("--mode", choices=("ok", "no-interface", "deny", "ask"), default="ok")
    args = parser.parse_args()
    service = _Service(args.bus, args.mode)
    threading.Thread(target=service.serve, daemon=True).start()
    print("ready", flush=True)
    for line in sys.stdin:
        words = line.split()
        if not words:
            continue
        for session in list(service.sessions):
            if words[0] == "activate":
                service.emit("Activated", session, words[1])
            elif words[0] == "deactivate":
                service.emit("Deactivated", session, words[1])
            elif words[0] == "close":
                service.emit("Closed", session)
        print(f"done {line.strip()}", flush=True)


if __name__ == "__main__":
    main()
