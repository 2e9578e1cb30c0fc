"""A private D-Bus session bus for tests, and the process helpers the test beds share.

``with session_bus(root) as address:`` starts a dbus-daemon that only processes given ``address``
can see and stops it (by PID, waiting for it) on exit. It runs from its own configuration file
rather than ``--session`` on purpose: the system's session config lists service directories, so
the bus could *activate* daemons (a gnome-keyring, a desktop portal) that nobody owns and nobody
stops. Ours activates nothing.

Nothing here depends on pytest; a missing system package is reported as :class:`TestbedError`
so fixtures can fail (not skip) with the apt package names.
"""

from __future__ import annotations

import contextlib
import select
import shutil
import signal
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

__all__ = [
    "APT_PACKAGES",
    "TestbedError",
    "process",
    "read_line",
    "session_bus",
    "short_dir",
    "tail",
    "wait_until",
]

APT_PACKAGES = "dbus"
START_LIMIT_S = 10.0
STOP_LIMIT_S = 5.0
POLL_S = 0.02
# sun_path is 108 bytes; keep a margin for the socket names placed inside.
MAX_SOCKET_DIR = 80

BUS_CONFIG = """\
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


def require(tools: tuple[str, ...], packages: str, what: str) -> dict[str, str]:
    """The full paths of ``tools``, or TestbedError naming the apt packages to install."""
    found = {name: shutil.which(name) for name in tools}
    missing = [name for name, path in found.items() if path is None]
    if missing:
        raise TestbedError(
            f"The {what} test bed needs {', '.join(missing)}: install them with "
            f"`apt-get install -y --no-install-recommends {packages}`."
        )
    return {name: str(path) for name, path in found.items()}


@contextlib.contextmanager
def session_bus(root: Path, env: dict[str, str]) -> Iterator[str]:
    """Run a private session bus with its socket under ``root``; yield its address."""
    tools = require(("dbus-daemon",), APT_PACKAGES, "D-Bus")
    root.mkdir(parents=True, exist_ok=True)
    with short_dir(root / "bus") as socket_dir:
        config = root / "bus.conf"
        config.write_text(BUS_CONFIG.format(socket=socket_dir / "bus"), encoding="utf-8")
        log = root / "dbus-daemon.log"
        argv = [tools["dbus-daemon"], f"--config-file={config}", "--nofork"]
        argv.append("--print-address=1")  # one line on stdout once it is listening
        with process(
            argv, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, log=log
        ) as bus:
            line = read_line(bus, START_LIMIT_S)
            if not line:
                raise TestbedError(
                    f"dbus-daemon printed no address within {START_LIMIT_S:g} s "
                    f"(exit code {bus.poll()}): {tail(log)}"
                )
            yield line


@contextlib.contextmanager
def short_dir(preferred: Path) -> Iterator[Path]:
    """``preferred``, or a short private directory when that path is too long for sockets."""
    if len(str(preferred)) <= MAX_SOCKET_DIR:
        preferred.mkdir(parents=True, exist_ok=True)
        preferred.chmod(0o700)
        yield preferred
        return
    short = Path(tempfile.mkdtemp(prefix="dgt-"))
    try:
        yield short
    finally:
        shutil.rmtree(short, ignore_errors=True)


@contextlib.contextmanager
def process(
    argv: list[str],
    *,
    env: dict[str, str],
    stdin: int,
    stdout: int,
    log: Path,
    pass_fds: tuple[int, ...] = (),
) -> Iterator[subprocess.Popen[bytes]]:
    """Start ``argv``; on exit SIGTERM it by PID (SIGKILL if it lingers) and reap it.

    If the test process dies without cleaning up (a crash), the kernel sends the helper SIGTERM
    (``setpriv --pdeathsig``, set before it execs), so no daemon outlives the run.
    """
    setpriv = shutil.which("setpriv")
    if setpriv is not None:
        argv = [setpriv, "--pdeathsig", "TERM", *argv]
    with log.open("wb") as stderr:
        proc = subprocess.Popen(
            argv,
            env=env,
            stdin=stdin,
            stdout=stdout,
            stderr=stderr,
            pass_fds=pass_fds,
            start_new_session=True,  # Ctrl-C on pytest must not kill it before we clean up
        )
    try:
        yield proc
    finally:
        stop(proc)


def stop(proc: subprocess.Popen[bytes]) -> None:
    """SIGTERM by PID, SIGKILL if it lingers, reap, close our pipe ends."""
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


def read_line(proc: subprocess.Popen[bytes], timeout: float) -> str:
    """The next line of ``proc``'s stdout ("" if none comes within ``timeout`` or it ends)."""
    assert proc.stdout is not None
    ready, _, _ = select.select([proc.stdout], [], [], timeout)
    return proc.stdout.readline().decode().strip() if ready else ""


def wait_until(condition: Callable[[], bool], what: str, limit: float = START_LIMIT_S) -> None:
    """Poll ``condition`` until true; TestbedError naming ``what`` after ``limit`` seconds."""
    deadline = time.monotonic() + limit
    while not condition():
        if time.monotonic() > deadline:
            raise TestbedError(f"{what} did not happen within {limit:g} s")
        time.sleep(POLL_S)


def tail(log: Path) -> str:
    text = log.read_text(encoding="utf-8", errors="replace").strip()
    return text[-2000:] or "(nothing on stderr)"
