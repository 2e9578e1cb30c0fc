"""The desktop test bed for end-to-end runs: everything real, the app as a subprocess.

A :class:`Desktop` is Xvfb with a tray host, a private PulseAudio (virtual microphone ``vmic`` fed
through ``vmic_in``, virtual speaker ``vspeaker``), a private D-Bus with an unlocked gnome-keyring,
and the Pinch emulator over TCP. Tests store a key and settings the way a user would, launch the
app, and read its state back from outside: ``dragoman status`` (through the command channel), the
emulator's records, ``pactl`` and ``/proc``. Every process started here is stopped on exit.
"""

from __future__ import annotations

import contextlib
import json
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from dragoman.core.errors import DragomanError
from dragoman.core.settings import Settings, to_strings
from dragoman.hotkeys.channel import channel_name, send_command
from tests.emulator.pinch import PinchEmulator, running_emulator
from tests.testbed.dbus import process
from tests.testbed.pulse import PulseTestbed, pulse_daemon
from tests.testbed.xserver import XServer, x_server

GOOD_KEY = "pk_test_good"
HOTKEY = "F9"
REVERSE_HOTKEY = "F10"


def wait(condition: Callable[[], Any], what: str, limit: float = 20.0) -> Any:
    deadline = time.monotonic() + limit
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)


def processes_with(marker: str) -> list[int]:
    """Live PIDs whose environment carries ``marker``: the app and anything it started."""
    needle = marker.encode()
    alive = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        with contextlib.suppress(OSError):
            if needle in (entry / "environ").read_bytes():
                state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
                if state != "Z":
                    alive.append(int(entry.name))
    return alive


class App:
    """The running app, seen from outside through its command channel."""

    def __init__(self, proc: subprocess.Popen[bytes], env: dict[str, str], marker: str) -> None:
        self.proc = proc
        self.env = env
        self.marker = marker
        self.channel = channel_name(env)

    def status(self) -> dict[str, Any] | None:
        if self.proc.poll() is not None:
            raise AssertionError(f"the app exited with {self.proc.returncode}")
        try:
            reply = send_command("status", self.channel, timeout=2.0)
        except DragomanError:
            return None
        data: dict[str, Any] = json.loads(reply.removeprefix("ok").strip())
        return data

    def wait_state(self, state: str, limit: float = 20.0) -> dict[str, Any]:
        status: dict[str, Any] = wait(
            lambda: (s := self.status()) and s["state"] == state and s, f"state {state}", limit
        )
        return status

    def command(self, line: str) -> str:
        return send_command(line, self.channel, timeout=5.0)

    def cli(self, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
        """``dragoman ARGS`` as the user would type it beside the running app."""
        return subprocess.run(
            [sys.executable, "-m", "dragoman", *args],
            input=stdin,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )


class Desktop:
    def __init__(
        self, root: Path, x: XServer, bed: PulseTestbed, emu: PinchEmulator, env: dict[str, str]
    ) -> None:
        self.root = root
        self.x = x
        self.bed = bed
        self.emu = emu
        self.env = env
        self._stack = contextlib.ExitStack()

    def store_key(self, key: str) -> None:
        """The key goes into the real keyring, the way a user stores it."""
        stored = subprocess.run(
            [sys.executable, "-m", "dragoman", "auth", "set"],
            input=f"{key}\n",
            env=self.env,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert stored.returncode == 0, stored.stderr

    def write_settings(self, settings: Settings) -> None:
        path = Path(self.env["XDG_CONFIG_HOME"]) / "Dragoman" / "dragoman.conf"
        path.parent.mkdir(parents=True, exist_ok=True)
        values = to_strings(settings)
        path.write_text(
            "[dragoman]\n" + "".join(f"{k}={v}\n" for k, v in values.items()), encoding="utf-8"
        )

    @contextlib.contextmanager
    def launch(self, *args: str, log_name: str = "app.log") -> Iterator[App]:
        """Start ``dragoman -v ARGS``; on exit it is stopped (SIGTERM, then SIGKILL) if alive."""
        marker = uuid.uuid4().hex
        env = {**self.env, "DRAGOMAN_E2E_RUN": marker}
        with process(
            [sys.executable, "-m", "dragoman", "-v", *args],
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            log=self.root / log_name,
        ) as proc:
            yield App(proc, self.env, f"DRAGOMAN_E2E_RUN={marker}")

    def dragoman_modules(self) -> list[str]:
        """Modules of the sound server that carry the virtual microphone's names."""
        lines = self.bed.pactl("list", "short", "modules").splitlines()
        return [line for line in lines if "dragoman_mic" in line]

    def log(self, name: str = "app.log") -> str:
        return (self.root / name).read_text(errors="replace")


@contextlib.contextmanager
def desktop(
    root: Path, keyring_env: dict[str, str], *, screen: str = "1280x800", **emulator: Any
) -> Iterator[Desktop]:
    """``screen`` is the X screen's size, ``WIDTHxHEIGHT`` in pixels."""
    with contextlib.ExitStack() as stack:
        x: XServer = stack.enter_context(x_server(root / "x", screen))
        bed: PulseTestbed = stack.enter_context(pulse_daemon(root, rate=48_000, channels=1))
        emu: PinchEmulator = stack.enter_context(running_emulator(**emulator))
        env = {
            **bed.env,
            "DISPLAY": x.display,
            "DBUS_SESSION_BUS_ADDRESS": keyring_env["DBUS_SESSION_BUS_ADDRESS"],
            "QT_QPA_PLATFORM": "xcb",
            "DRAGOMAN_PINCH_URL": emu.base_url,
            "XDG_STATE_HOME": str(root / "state"),
            "XDG_DATA_HOME": str(root / "data"),
        }
        for name in ("PINCH_API_KEY", "SMALLEST_API_KEY", "WAYLAND_DISPLAY"):
            env.pop(name, None)
        trayer = ["trayer", "--edge", "top", "--align", "right"]
        trayer += ["--widthtype", "request", "--height", "24"]
        stack.enter_context(
            process(
                trayer,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                log=root / "trayer.log",
            )
        )
        yield Desktop(root, x, bed, emu, env)
