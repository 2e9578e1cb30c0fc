"""A real Secret Service (gnome-keyring on a private D-Bus session bus) for tests.

``with secret_service(tmp_path) as env:`` starts a session bus and an unlocked gnome-keyring that
only the processes given ``env`` can see, and stops both (by PID, waiting for them) on exit.

The bus runs from its own configuration file rather than ``--session`` on purpose: the system's
session config lists service directories, so a client call after a keyring crash would let the
bus *activate* a new gnome-keyring-daemon that nobody owns and nobody stops. Ours has none.

Nothing here depends on pytest; a missing system package is reported as :class:`TestbedError`
so the fixture can fail (not skip) with the apt package names.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

from tests.testbed.dbus import (
    POLL_S,
    START_LIMIT_S,
    TestbedError,
    process,
    require,
    session_bus,
    short_dir,
    tail,
)

__all__ = ["APT_PACKAGES", "TestbedError", "isolated_env", "secret_service"]

APT_PACKAGES = "dbus gnome-keyring"
_TOOLS = ("dbus-daemon", "dbus-send", "gnome-keyring-daemon")  # dbus-send comes with dbus
SECRETS_NAME = "org.freedesktop.secrets"
# Variables a child must not inherit: real keys, a real desktop to prompt on, a forced backend.
_DROPPED = (
    "PINCH_API_KEY",
    "SMALLEST_API_KEY",
    "DISPLAY",
    "WAYLAND_DISPLAY",
    "PYTHON_KEYRING_BACKEND",
    "GNOME_KEYRING_CONTROL",
    "SSH_AUTH_SOCK",
)


def isolated_env(root: Path, *, runtime_dir: Path | None = None) -> dict[str, str]:
    """A copy of ``os.environ`` with HOME and the XDG directories under ``root`` and no bus.

    ``DBUS_SESSION_BUS_ADDRESS=disabled:`` means "there is no session bus", so on its own this is
    the environment of a machine without any keyring.
    """
    dirs = {
        "HOME": root / "home",
        "XDG_CONFIG_HOME": root / "config",
        "XDG_DATA_HOME": root / "data",
        "XDG_CACHE_HOME": root / "cache",
        "XDG_RUNTIME_DIR": runtime_dir if runtime_dir is not None else root / "run",
    }
    for path in dirs.values():
        path.mkdir(parents=True, exist_ok=True)
    dirs["XDG_RUNTIME_DIR"].chmod(0o700)  # gnome-keyring refuses a runtime dir others can read
    env = {k: v for k, v in os.environ.items() if k not in _DROPPED}
    env.update({name: str(path) for name, path in dirs.items()})
    env["DBUS_SESSION_BUS_ADDRESS"] = "disabled:"
    return env


@contextlib.contextmanager
def secret_service(tmp_path: Path, password: str = "testbed") -> Iterator[dict[str, str]]:
    """Yield the environment of a session with an unlocked gnome-keyring Secret Service."""
    tools = require(_TOOLS, APT_PACKAGES, "keyring")
    root = tmp_path / "keyring-testbed"
    with contextlib.ExitStack() as stack:
        runtime_dir = stack.enter_context(short_dir(root / "run"))
        env = isolated_env(root, runtime_dir=runtime_dir)
        logs = root / "logs"
        logs.mkdir(exist_ok=True)
        env["DBUS_SESSION_BUS_ADDRESS"] = stack.enter_context(session_bus(root / "dbus", env))

        keyring_log = logs / "gnome-keyring-daemon.log"
        keyring_argv = [tools["gnome-keyring-daemon"], "--foreground", "--unlock"]
        keyring_argv.append("--components=secrets")  # no ssh/pkcs11 agents to clean up
        daemon = stack.enter_context(
            process(
                keyring_argv,
                env=env,
                stdin=subprocess.PIPE,
                stdout=subprocess.DEVNULL,
                log=keyring_log,
            )
        )
        assert daemon.stdin is not None
        daemon.stdin.write(password.encode())  # --unlock reads the password up to EOF
        daemon.stdin.close()
        _wait_until_serving(tools["dbus-send"], env, daemon, keyring_log)
        yield env


def _wait_until_serving(
    dbus_send: str, env: dict[str, str], daemon: subprocess.Popen[bytes], log: Path
) -> None:
    """Poll until the Secret Service name has an owner and the login keyring is the default.

    The second condition matters: a client that arrives before the unlocked login collection
    exists would make gnome-keyring ask for a new keyring's password through a GUI prompt.
    """
    address = env["DBUS_SESSION_BUS_ADDRESS"]
    has_owner = [
        dbus_send,
        f"--bus={address}",
        "--print-reply=literal",
        "--dest=org.freedesktop.DBus",
        "/org/freedesktop/DBus",
        "org.freedesktop.DBus.NameHasOwner",
        f"string:{SECRETS_NAME}",
    ]
    default_alias = [
        dbus_send,
        f"--bus={address}",
        "--print-reply=literal",
        f"--dest={SECRETS_NAME}",
        "/org/freedesktop/secrets",
        "org.freedesktop.Secret.Service.ReadAlias",
        "string:default",
    ]
    deadline = time.monotonic() + START_LIMIT_S
    owned = False
    while True:
        if daemon.poll() is not None:
            raise TestbedError(
                f"gnome-keyring-daemon exited with code {daemon.returncode}: {tail(log)}"
            )
        if not owned:
            owned = _reply(has_owner, env).split() == ["boolean", "true"]
        if owned and _reply(default_alias, env).startswith("/org/freedesktop/secrets/collection/"):
            return
        if time.monotonic() > deadline:
            state = "no login collection" if owned else f"no owner for {SECRETS_NAME}"
            raise TestbedError(
                f"gnome-keyring-daemon not serving after {START_LIMIT_S:g} s ({state}): {tail(log)}"
            )
        time.sleep(POLL_S)


def _reply(argv: list[str], env: dict[str, str]) -> str:
    done = subprocess.run(argv, env=env, capture_output=True, timeout=START_LIMIT_S, check=False)
    return done.stdout.decode().strip() if done.returncode == 0 else ""
