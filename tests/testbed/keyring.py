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
import select
import shutil
import signal
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

__all__ = ["APT_PACKAGES", "TestbedError", "isolated_env", "secret_service"]

APT_PACKAGES = "dbus gnome-keyring"
_TOOLS = ("dbus-daemon", "dbus-send", "gnome-keyring-daemon")  # dbus-send comes with dbus
SECRETS_NAME = "org.freedesktop.secrets"
START_LIMIT_S = 10.0
STOP_LIMIT_S = 5.0
POLL_S = 0.02
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
# sun_path is 108 bytes; keep a margin for "/keyring/control" and the bus socket name.
_MAX_RUNTIME_DIR = 80

_BUS_CONFIG = """\
<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:path={socket}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"""


class TestbedError(RuntimeError):
    """The test bed cannot be set up here; ``str()`` says what to install or what went wrong."""

    __test__ = False  # not a test class, despite the name


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
    found = {name: shutil.which(name) for name in _TOOLS}
    missing = [name for name, path in found.items() if path is None]
    if missing:
        raise TestbedError(
            f"The keyring test bed needs {', '.join(missing)}: install them with "
            f"`apt-get install -y --no-install-recommends {APT_PACKAGES}`."
        )
    tools = {name: str(path) for name, path in found.items()}
    root = tmp_path / "keyring-testbed"
    with contextlib.ExitStack() as stack:
        runtime_dir = stack.enter_context(_runtime_dir(root))
        env = isolated_env(root, runtime_dir=runtime_dir)
        logs = root / "logs"
        logs.mkdir(exist_ok=True)

        bus_log = logs / "dbus-daemon.log"
        config = root / "bus.conf"
        config.write_text(_BUS_CONFIG.format(socket=runtime_dir / "bus"), encoding="utf-8")
        bus_argv = [tools["dbus-daemon"], f"--config-file={config}", "--nofork"]
        bus_argv.append("--print-address=1")  # one line on stdout once it is listening
        bus = stack.enter_context(
            _process(
                bus_argv,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                log=bus_log,
            )
        )
        env["DBUS_SESSION_BUS_ADDRESS"] = _read_address(bus, bus_log)

        keyring_log = logs / "gnome-keyring-daemon.log"
        keyring_argv = [tools["gnome-keyring-daemon"], "--foreground", "--unlock"]
        keyring_argv.append("--components=secrets")  # no ssh/pkcs11 agents to clean up
        daemon = stack.enter_context(
            _process(
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


@contextlib.contextmanager
def _runtime_dir(root: Path) -> Iterator[Path]:
    """``root/run``, or a short private directory when that path is too long for a socket."""
    preferred = root / "run"
    if len(str(preferred)) <= _MAX_RUNTIME_DIR:
        yield preferred
        return
    short = Path(tempfile.mkdtemp(prefix="dgk-"))
    try:
        yield short
    finally:
        shutil.rmtree(short, ignore_errors=True)


@contextlib.contextmanager
def _process(
    argv: list[str], *, env: dict[str, str], stdin: int, stdout: int, log: Path
) -> Iterator[subprocess.Popen[bytes]]:
    """Start ``argv``; on exit SIGTERM it by PID (SIGKILL if it lingers) and reap it."""
    with log.open("wb") as stderr:
        proc = subprocess.Popen(
            argv,
            env=env,
            stdin=stdin,
            stdout=stdout,
            stderr=stderr,
            start_new_session=True,  # Ctrl-C on pytest must not kill it before we clean up
        )
    try:
        yield proc
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(STOP_LIMIT_S)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        for stream in (proc.stdin, proc.stdout):
            if stream is not None:
                stream.close()


def _read_address(bus: subprocess.Popen[bytes], log: Path) -> str:
    """The first line dbus-daemon prints once it is listening."""
    assert bus.stdout is not None
    ready, _, _ = select.select([bus.stdout], [], [], START_LIMIT_S)
    line = bus.stdout.readline().decode().strip() if ready else ""
    if not line:
        raise TestbedError(
            f"dbus-daemon printed no address within {START_LIMIT_S:g} s "
            f"(exit code {bus.poll()}): {_tail(log)}"
        )
    return line


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
                f"gnome-keyring-daemon exited with code {daemon.returncode}: {_tail(log)}"
            )
        if not owned:
            owned = _reply(has_owner, env).split() == ["boolean", "true"]
        if owned and _reply(default_alias, env).startswith("/org/freedesktop/secrets/collection/"):
            return
        if time.monotonic() > deadline:
            state = "no login collection" if owned else f"no owner for {SECRETS_NAME}"
            raise TestbedError(
                f"gnome-keyring-daemon not serving after {START_LIMIT_S:g} s ({state}): "
                f"{_tail(log)}"
            )
        time.sleep(POLL_S)


def _reply(argv: list[str], env: dict[str, str]) -> str:
    done = subprocess.run(argv, env=env, capture_output=True, timeout=START_LIMIT_S, check=False)
    return done.stdout.decode().strip() if done.returncode == 0 else ""


def _tail(log: Path) -> str:
    text = log.read_text(encoding="utf-8", errors="replace").strip()
    return text[-2000:] or "(nothing on stderr)"
