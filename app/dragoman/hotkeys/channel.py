"""The command channel: ``dragoman ptt press|release|toggle|cancel`` talks to the running instance.

Desktops that keep global keys to themselves (GNOME on Wayland without the portal, tiling window
managers) can still bind any key to a command. The running app hosts a :class:`CommandServer`
(a QLocalServer, so it lives on the Qt event loop); :func:`send_command` is the client, which
needs no Qt event loop at all (a plain Unix socket, or a blocking QLocalSocket on Windows).

The channel is per user: ``$XDG_RUNTIME_DIR/dragoman-<uid>`` (a directory only the user can
enter), else ``<tmp>/dragoman-<uid>`` with owner-only permissions; on Windows the pipe
``dragoman-<user>``. The protocol is one UTF-8 line per command, one line back::

    press [forward|reverse]    release [forward|reverse]    toggle [forward|reverse]
    cancel                     show (bring the window forward: single-instance activation)
    say-again                  the last translation into the call again (meeting mode)
    mute-all [on|off|toggle]   nothing into the call (pass-through and translations) while on
    profile list|next|use NAME|save NAME|delete NAME   per-call profiles (NAME may hold spaces)
    → "ok" | "error <sentence>"
"""

from __future__ import annotations

import getpass
import logging
import os
import socket
import sys
import tempfile
import time
from collections.abc import Callable, Mapping
from typing import Final

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtNetwork import QAbstractSocket, QLocalServer, QLocalSocket

from dragoman.core.errors import DragomanError, NoRunningInstance, UsageError

__all__ = [
    "COMMANDS",
    "ChannelInUse",
    "CommandServer",
    "channel_name",
    "parse_command",
    "send_command",
]

log = logging.getLogger(__name__)

COMMANDS: Final = (
    "press", "release", "toggle", "cancel", "show", "hide", "quit", "status", "set",
    "say-again", "mute-all", "profile",
)  # fmt: skip
# Queries answer with data on the reply line ("ok {json}") instead of emitting a command.
# "say-again" and "mute-all" are answered too: the reply says why nothing was said, or the mute.
QUERIES: Final = ("status", "set", "say-again", "mute-all", "profile")
PROFILE_VERBS: Final = ("list", "next", "use", "save", "delete")  # the last three take a NAME
MUTE_ALL_ARGUMENTS: Final = ("toggle", "on", "off")
_DIRECTED: Final = ("press", "release", "toggle")
_DIRECTIONS: Final = ("forward", "reverse")
MAX_LINE: Final = 256
REPLY_TIMEOUT_S: Final = 2.0


class ChannelInUse(DragomanError):
    """Another Dragoman instance of this user already serves the command channel."""


def channel_name(environment: Mapping[str, str] | None = None) -> str:
    """The per-user channel: a socket path on Unix, a pipe name on Windows."""
    env = os.environ if environment is None else environment
    if sys.platform == "win32":
        return f"dragoman-{getpass.getuser()}"
    base = env.get("XDG_RUNTIME_DIR") or tempfile.gettempdir()
    return os.path.join(base, f"dragoman-{os.getuid()}")


def parse_command(line: str) -> str:
    """The canonical form of a command line (``press`` → ``press forward``); UsageError if bad."""
    words = line.split()
    if not words or words[0] not in COMMANDS:
        raise UsageError(
            f"Unknown command {line.strip()!r}: expected one of {', '.join(COMMANDS)}."
        )
    verb, arguments = words[0], words[1:]
    if verb == "set":
        name, equals, value = line.strip()[len("set") :].strip().partition("=")
        if not equals or not name.strip():
            raise UsageError("set takes NAME=VALUE, e.g. set ptt_mode=toggle.")
        return f"set {name.strip()}={value.strip()}"
    if verb in _DIRECTED:
        if len(arguments) > 1 or (arguments and arguments[0] not in _DIRECTIONS):
            raise UsageError(f"{verb} takes an optional direction: forward or reverse.")
        return f"{verb} {arguments[0] if arguments else 'forward'}"
    if verb == "profile":
        what = arguments[0] if arguments else ""
        name = " ".join(arguments[1:])
        if what not in PROFILE_VERBS or (what in ("list", "next")) == bool(name):
            raise UsageError(
                "profile takes list, next, or use / save / delete with a profile's name."
            )
        return f"profile {what} {name}".rstrip()
    if verb == "mute-all":
        if len(arguments) > 1 or (arguments and arguments[0] not in MUTE_ALL_ARGUMENTS):
            raise UsageError("mute-all takes an optional on, off or toggle.")
        return f"mute-all {arguments[0] if arguments else 'toggle'}"
    if arguments:
        raise UsageError(f"{verb} takes no arguments.")
    return verb


class CommandServer(QObject):
    """Serves the channel on the Qt event loop; every valid line becomes ``command_received``."""

    command_received = Signal(str)  # canonical command: "press forward", "cancel", "show" …

    def __init__(self, name: str | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name if name is not None else channel_name()
        self.query_handler: Callable[[str], str] | None = None  # answers QUERIES
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self._server.newConnection.connect(self._on_server_new_connection)

    def __repr__(self) -> str:
        state = "listening" if self._server.isListening() else "closed"
        return f"<CommandServer {state} on {self.name}>"

    def listen(self) -> None:
        """Start serving; ChannelInUse if another instance answers, a stale socket is replaced.

        The liveness check comes first because Qt, with owner-only permissions, binds in a
        private directory and renames the socket into place: it would silently take the name
        from a running instance.
        """
        if _answers(self.name):
            raise ChannelInUse(
                f"Another Dragoman is already running for this user (it owns {self.name})."
            )
        if not self._server.listen(self.name):
            if self._server.serverError() != QAbstractSocket.SocketError.AddressInUseError:
                raise DragomanError(
                    f"Cannot open the command channel {self.name}: {self._server.errorString()}."
                )
            QLocalServer.removeServer(self.name)  # left over by a crash
            if not self._server.listen(self.name):
                raise DragomanError(
                    f"Cannot open the command channel {self.name}: {self._server.errorString()}."
                )
        log.info("command channel listening on %s", self.name)

    def close(self) -> None:
        self._server.close()

    @Slot()
    def _on_server_new_connection(self) -> None:
        while (client := self._server.nextPendingConnection()) is not None:
            client.readyRead.connect(lambda c=client: self._on_client_ready_read(c))
            client.disconnected.connect(client.deleteLater)

    def _on_client_ready_read(self, client: QLocalSocket) -> None:
        while client.canReadLine():
            raw = bytes(client.readLine().data())
            if len(raw) > MAX_LINE:
                client.abort()
                return
            reply = self._handle(raw.decode("utf-8", errors="replace"))
            client.write(f"{reply}\n".encode())
            client.flush()
        if client.bytesAvailable() > MAX_LINE:  # a line that never ends
            client.abort()

    def _handle(self, line: str) -> str:
        try:
            command = parse_command(line)
        except UsageError as error:
            return f"error {error}"
        if command.split(" ", 1)[0] in QUERIES:
            if self.query_handler is None:
                return f"error {command} is not available here."
            try:
                return f"ok {self.query_handler(command)}"
            except DragomanError as error:
                return f"error {error}"
        log.info("command channel: %s", command)
        self.command_received.emit(command)
        return "ok"


def send_command(command: str, name: str | None = None, timeout: float = REPLY_TIMEOUT_S) -> str:
    """Send one command to the running instance; its reply (``ok``).

    NoRunningInstance when nothing listens; UsageError when the instance refuses the command.
    """
    canonical = parse_command(command)
    target = name if name is not None else channel_name()
    if sys.platform == "win32":
        reply = _send_qt(target, canonical, timeout)
    else:
        reply = _send_unix(target, canonical, timeout)
    if reply.startswith("error"):
        raise UsageError(reply.removeprefix("error").strip() or "The instance refused it.")
    return reply


def _no_instance(target: str) -> NoRunningInstance:
    return NoRunningInstance(
        f"No Dragoman is running for this user (nothing listens on {target}): start "
        "`dragoman` (or `dragoman hotkey-test`) first."
    )


def _send_unix(path: str, command: str, timeout: float) -> str:
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
        sock.settimeout(timeout)
        try:
            sock.connect(path)
        except (FileNotFoundError, ConnectionRefusedError):
            raise _no_instance(path) from None
        except OSError as error:
            raise NoRunningInstance(
                f"Cannot reach the running Dragoman on {path}: {error}."
            ) from None
        try:
            sock.sendall(f"{command}\n".encode())
            return _read_line(sock, time.monotonic() + timeout)
        except (TimeoutError, OSError) as error:
            raise NoRunningInstance(
                f"The running Dragoman did not answer on {path} within {timeout:g} s ({error})."
            ) from None


def _read_line(sock: socket.socket, deadline: float) -> str:
    data = b""
    while b"\n" not in data:
        sock.settimeout(max(0.001, deadline - time.monotonic()))
        chunk = sock.recv(MAX_LINE)
        if not chunk:
            raise ConnectionResetError("the instance closed the connection")
        data += chunk
    return data.split(b"\n", 1)[0].decode("utf-8", errors="replace")


def _send_qt(name: str, command: str, timeout: float) -> str:
    """Blocking QLocalSocket: works without a running event loop (named pipes on Windows)."""
    ms = int(timeout * 1000)
    client = QLocalSocket()
    client.connectToServer(name)
    if not client.waitForConnected(ms):
        raise _no_instance(name)
    try:
        client.write(f"{command}\n".encode())
        if not client.waitForBytesWritten(ms):
            raise NoRunningInstance(f"Cannot send to the running Dragoman on {name}.")
        deadline = time.monotonic() + timeout
        while not client.canReadLine():
            left = int((deadline - time.monotonic()) * 1000)
            if left <= 0 or not client.waitForReadyRead(left):
                raise NoRunningInstance(f"The running Dragoman did not answer on {name}.")
        return bytes(client.readLine().data()).decode("utf-8", errors="replace").strip()
    finally:
        client.abort()


def _answers(name: str) -> bool:
    """Does something accept connections on ``name``? (a live instance, not a stale socket)"""
    client = QLocalSocket()
    client.connectToServer(name)
    alive = client.waitForConnected(500)
    client.abort()
    return alive
