"""AT-SPI on the test bed: the accessibility bus of a private session, and the accessible tree of
a running application read from outside, the way a screen reader (Orca) sees it.

``with accessibility_bus(root, env):`` starts ``at-spi-bus-launcher --launch-immediately`` on the
private session bus in ``env`` (its own dbus-daemon for the accessibility bus, which activates
``at-spi2-registryd``), waits until it answers ``org.a11y.Bus.GetAddress``, and on exit stops it
and every process it started (found by a marker in their environment). Qt apps started with
``QT_LINUX_ACCESSIBILITY_ALWAYS_ON=1`` on that session register on it; :func:`accessible_tree`
reads one through the system Python's Atspi bindings (``tests/testbed/atspi_tree.py``), since
PyGObject is not in the virtualenv.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import subprocess
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from tests.testbed.dbus import START_LIMIT_S, TestbedError, process, tail, wait_until

__all__ = ["APT_PACKAGES", "accessibility_bus", "accessible_tree"]

APT_PACKAGES = "at-spi2-core gir1.2-atspi-2.0 python3-gi"
SYSTEM_PYTHON = "/usr/bin/python3"
REPO = Path(__file__).resolve().parents[2]
LAUNCHERS = ("/usr/libexec/at-spi-bus-launcher", "/usr/lib/at-spi2-core/at-spi-bus-launcher")


def _launcher() -> str:
    for path in (*LAUNCHERS, shutil.which("at-spi-bus-launcher")):
        if path and os.access(path, os.X_OK):
            return path
    raise TestbedError(f"at-spi-bus-launcher not found: apt install {APT_PACKAGES}")


def _check_reader() -> None:
    probe = "import gi; gi.require_version('Atspi', '2.0'); from gi.repository import Atspi"
    if not os.access(SYSTEM_PYTHON, os.X_OK):
        raise TestbedError(f"{SYSTEM_PYTHON} not found: apt install {APT_PACKAGES}")
    done = subprocess.run(
        [SYSTEM_PYTHON, "-c", probe], capture_output=True, text=True, timeout=60, check=False
    )
    if done.returncode != 0:
        raise TestbedError(
            f"the system Python cannot load Atspi ({done.stderr.strip().splitlines()[-1:]}): "
            f"apt install {APT_PACKAGES}"
        )


def _answers(env: dict[str, str]) -> bool:
    call = ["--dest=org.a11y.Bus", "/org/a11y/bus", "org.a11y.Bus.GetAddress"]
    done = subprocess.run(
        ["dbus-send", "--session", "--print-reply", *call],
        env=env,
        capture_output=True,
        text=True,
        timeout=START_LIMIT_S,
        check=False,
    )
    return done.returncode == 0 and "unix:" in done.stdout


def _marked(marker: str) -> list[int]:
    needle = marker.encode()
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError):
                if needle in (entry / "environ").read_bytes():
                    state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
                    if state != "Z":
                        found.append(int(entry.name))
    return found


@contextlib.contextmanager
def accessibility_bus(root: Path, env: dict[str, str]) -> Iterator[None]:
    """``env`` must hold DISPLAY and the private DBUS_SESSION_BUS_ADDRESS."""
    launcher = _launcher()
    _check_reader()
    runtime = root / "a11y-runtime"
    runtime.mkdir(parents=True, exist_ok=True, mode=0o700)
    marker = f"DRAGOMAN_A11Y_RUN={uuid.uuid4().hex}"
    key, value = marker.split("=")
    bus_env = {**env, "XDG_RUNTIME_DIR": str(runtime), key: value}
    log = root / "at-spi-bus-launcher.log"
    try:
        with process(
            [launcher, "--launch-immediately"],
            env=bus_env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            log=log,
        ) as launched:

            def ready() -> bool:
                if launched.poll() is not None:
                    raise TestbedError(f"at-spi-bus-launcher exited: {tail(log)}")
                return _answers(env)

            wait_until(ready, "the accessibility bus (org.a11y.Bus)")
            yield
    finally:
        # The launcher's own dbus-daemon and the registry it activated go with it; make sure.
        deadline = time.monotonic() + START_LIMIT_S
        while _marked(marker) and time.monotonic() < deadline:
            time.sleep(0.05)
        for pid in _marked(marker):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)


def accessible_tree(env: dict[str, str], app_name: str) -> list[dict[str, Any]]:
    """The application's accessible objects (depth, role, name, description, showing), or []
    while it is not registered."""
    done = subprocess.run(
        [SYSTEM_PYTHON, "-m", "tests.testbed.atspi_tree", app_name],
        env={**env, "PYTHONPATH": str(REPO)},
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    if done.returncode != 0:
        raise TestbedError(f"reading the accessible tree failed: {done.stderr.strip()[-2000:]}")
    tree: list[dict[str, Any]] = json.loads(done.stdout)
    return tree
