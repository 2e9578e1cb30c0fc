"""A private PulseAudio daemon with virtual microphones and speakers, for real-audio tests.

``with pulse_daemon(tmp_path) as bed:`` starts a daemon that only processes given ``bed.env`` (or
inside ``bed.activated()``) can reach, and stops it (by PID, waiting for it) on exit. It holds:

* ``vmic_in`` (null sink) → ``vmic`` (a remapped source of its monitor, the default source): the
  test writes "microphone" audio into ``vmic_in`` and the app records ``vmic``, bit-exact;
* ``vspeaker`` (null sink, the default sink): the app plays into it and the test records
  ``vspeaker.monitor``;
* any number of extra microphones/speakers with their own channel count
  (:meth:`PulseTestbed.add_microphone`, :meth:`PulseTestbed.add_speaker`);
* one sample rate for everything (``rate=``): PulseAudio moves every idle sink to the daemon's
  default (or alternate) rate as soon as a stream arrives, whatever rate the sink was created
  with, so a device "runs" at 16 kHz, 44.1 kHz or 48 kHz by giving the daemon that rate as both;
* a silent null source looped into every sink. An idle null sink is not clocked: without this feed
  capture callbacks stall for 1.4-1.7 s and the first second of injected audio is lost;
* an ALSA configuration (``vmic_feed`` / ``vspeaker_monitor`` PCMs) so sounddevice sees the
  virtual devices too, and a client configuration with autospawn off, so nothing ever starts a
  second daemon behind our back.

Readiness is probed (a monitor must deliver audio), never slept for. Like the keyring test bed, a
missing system package is a :class:`TestbedError` naming the apt packages.
"""

from __future__ import annotations

import contextlib
import os
import select
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

from tests.testbed.dbus import TestbedError, process, require, short_dir, stop, tail, wait_until
from tests.testbed.keyring import isolated_env

__all__ = [
    "APT_PACKAGES",
    "Device",
    "PulseTestbed",
    "Recording",
    "TestbedError",
    "pulse_daemon",
]

APT_PACKAGES = "pulseaudio pulseaudio-utils libasound2-plugins libportaudio2"
_TOOLS = ("pulseaudio", "pactl", "pacat", "parec")
START_LIMIT_S = 15.0
READY_LIMIT_S = 15.0

_ASOUNDRC = """\
pcm.vmic_feed { type pulse; device "vmic_in" }
pcm.vspeaker_monitor { type pulse; device "vspeaker.monitor" }
"""


@dataclass(frozen=True, slots=True)
class Device:
    """A virtual microphone (``feed`` → ``source``) or speaker (``sink`` → ``monitor``)."""

    name: str
    rate: int
    channels: int
    sink: str
    source: str

    @property
    def monitor(self) -> str:
        return f"{self.sink}.monitor"


class Recording:
    """``parec`` writing a source to a file until :meth:`stop`."""

    def __init__(self, proc: subprocess.Popen[bytes], path: Path, channels: int) -> None:
        self._proc = proc
        self.path = path
        self.channels = channels

    def wait_started(self, limit: float = READY_LIMIT_S) -> None:
        """Block until parec has written its first samples (the recording is live)."""
        wait_until(lambda: self.path.stat().st_size > 0, f"parec recording {self.path.name}", limit)

    def wait_for_more(self, seconds: float, rate: int, limit: float = READY_LIMIT_S) -> None:
        """Block until ``seconds`` more audio than now has been written: parec buffers, so what
        was just played reaches the file a little later."""
        target = self.path.stat().st_size + round(seconds * rate) * self.channels * 4
        wait_until(lambda: self.path.stat().st_size >= target, "parec catching up", limit)

    def mark(self) -> tuple[int, float]:
        """Where the recording is now (bytes written, monotonic time), for :meth:`wait_past`."""
        return self.path.stat().st_size, time.monotonic()

    def wait_past(
        self, mark: tuple[int, float], extra_s: float, rate: int, limit: float = READY_LIMIT_S
    ) -> None:
        """Block until the file holds everything the source carried from ``mark`` until now plus
        ``extra_s``: the stream runs in real time, so what played between the mark and now is in
        the file whatever parec's buffering (or a loaded machine) delayed it by."""
        size, at = mark
        seconds = time.monotonic() - at + extra_s
        target = size + round(seconds * rate) * self.channels * 4
        wait_until(lambda: self.path.stat().st_size >= target, "parec catching up", limit)

    def stop(self) -> npt.NDArray[np.float32]:
        """Stop recording; the samples as float32 ``(frames, channels)``."""
        stop(self._proc)
        data = np.frombuffer(self.path.read_bytes(), dtype="<f4")
        usable = len(data) - len(data) % self.channels
        return data[:usable].reshape(-1, self.channels).astype(np.float32)

    def __enter__(self) -> Recording:
        return self

    def __exit__(self, *exc: object) -> None:
        stop(self._proc)


class PulseTestbed:
    def __init__(self, root: Path, env: dict[str, str], tools: dict[str, str], rate: int) -> None:
        self.root = root
        self.rate = rate
        self.env = env
        self._tools = tools
        self._children: list[subprocess.Popen[bytes]] = []
        self._feed_logs: dict[int, Path] = {}
        self.devices: dict[str, Device] = {}

    # -- control ---------------------------------------------------------------------------
    def tool(self, name: str) -> str:
        return self._tools[name]

    def pactl(self, *args: str, check: bool = True) -> str:
        done = subprocess.run(
            [self._tools["pactl"], *args],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        )
        if check and done.returncode != 0:
            raise TestbedError(f"pactl {' '.join(args)} failed: {done.stderr.strip()}")
        return done.stdout

    def load_module(self, name: str, *args: str) -> int:
        return int(self.pactl("load-module", name, *args).strip())

    def add_microphone(self, name: str, channels: int) -> Device:
        """Sink ``{name}_in`` (feed it) and source ``{name}`` (the app's microphone)."""
        sink = f"{name}_in"
        rate = self.rate
        self._null_sink(sink, rate, channels, f"Feed of {name}")
        self.load_module(
            "module-remap-source",
            f"master={sink}.monitor",
            f"source_name={name}",
            _described("source", f"Test microphone {name}"),
        )
        device = Device(name, rate, channels, sink=sink, source=name)
        self.devices[name] = device
        return device

    def add_speaker(self, name: str, channels: int) -> Device:
        """Sink ``name`` (the app plays into it); record ``{name}.monitor``."""
        rate = self.rate
        self._null_sink(name, rate, channels, f"Test speaker {name}")
        device = Device(name, rate, channels, sink=name, source=f"{name}.monitor")
        self.devices[name] = device
        return device

    def unplug(self, name: str) -> None:
        """Remove device ``name`` as a yanked USB device would go: unload its modules."""
        device = self.devices.pop(name)
        marks = (
            f"sink_name={device.sink} ",
            f"sink={device.sink} ",
            f"master={device.sink}.monitor ",
            f"source_name={device.source} ",
        )
        for line in self.pactl("list", "short", "modules").splitlines():
            index, _module, *rest = line.split("\t")
            args = (rest[0] if rest else "") + " "
            if any(mark in args for mark in marks):
                self.pactl("unload-module", index, check=False)

    def _null_sink(self, sink: str, rate: int, channels: int, description: str) -> None:
        self.load_module(
            "module-null-sink",
            f"sink_name={sink}",
            f"rate={rate}",
            f"channels={channels}",
            _described("sink", description),
        )
        self.load_module("module-loopback", "source=clock", f"sink={sink}", *_PINNED.split())

    def wait_ready(self, *sources: str) -> None:
        """Block until every source delivers audio (a new monitor takes up to ~2 s)."""
        procs = {
            source: subprocess.Popen(
                [
                    self._tools["parec"],
                    "--raw",
                    "--latency-msec=20",
                    "--format=s16le",
                    "--channels=1",
                    "-d",
                    source,
                ],
                env=self.env,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
            )
            for source in sources
        }
        deadline = time.monotonic() + READY_LIMIT_S
        got = dict.fromkeys(sources, 0)
        try:
            while any(n < 640 for n in got.values()):
                left = deadline - time.monotonic()
                if left <= 0:
                    late = [s for s, n in got.items() if n < 640]
                    raise TestbedError(f"PulseAudio sources never delivered audio: {late}")
                waiting = {_out(procs[s]): s for s, n in got.items() if n < 640}
                ready, _, _ = select.select(list(waiting), [], [], left)
                for stream in ready:
                    chunk = os.read(stream, 4096)
                    if not chunk:
                        raise TestbedError(f"parec on {waiting[stream]} exited early")
                    got[waiting[stream]] += len(chunk)
        finally:
            for proc in procs.values():
                stop(proc)

    # -- audio in and out ------------------------------------------------------------------
    def feed(
        self, sink: str, samples: npt.ArrayLike, rate: int, channels: int
    ) -> subprocess.Popen[bytes]:
        """Start playing ``samples`` (mono, or ``(frames, channels)``) into ``sink`` with pacat.

        The returned process ends when the audio has been played; :meth:`close` reaps it.
        """
        x = np.asarray(samples, dtype=np.float64)
        if x.ndim == 1:
            x = np.repeat(x[:, None], channels, axis=1)
        pcm = (np.clip(x, -1, 1) * 32767).astype("<i2").tobytes()
        fd, name = tempfile.mkstemp(prefix="feed-", suffix=".raw", dir=self.root)
        with os.fdopen(fd, "wb") as f:
            f.write(pcm)
        log = Path(name).with_suffix(".log")
        with open(name, "rb") as stdin, open(log, "wb") as stderr:
            proc = subprocess.Popen(
                [
                    self._tools["pacat"],
                    "--verbose",  # says "Stream underrun." when it could not keep up
                    "--raw",
                    "--format=s16le",
                    f"--rate={rate}",
                    f"--channels={channels}",
                    # A deep buffer: a feeder that underruns inserts gaps the app would be
                    # blamed for. Depth delays the audio, it never changes it.
                    "--latency-msec=150",
                    "-d",
                    sink,
                ],
                env=self.env,
                stdin=stdin,
                stdout=subprocess.DEVNULL,
                stderr=stderr,
            )
        self._children.append(proc)
        self._feed_logs[proc.pid] = log
        return proc

    def feeder_underruns(self, proc: subprocess.Popen[bytes]) -> int:
        """How often the feeder ``proc`` (from :meth:`feed`) ran dry: each time, the sink played
        silence in the middle of the fed audio. A loaded machine does it; the app does not."""
        log = self._feed_logs.get(proc.pid)
        if log is None or not log.exists():
            return 0
        text = log.read_text(errors="replace")
        fed = text.split("Got EOF.", 1)[0]  # the one at the very end is the drain, not a gap
        return fed.lower().count("stream underrun")

    def record(self, source: str, rate: int, channels: int) -> Recording:
        """Start recording ``source`` as float32 with parec."""
        fd, name = tempfile.mkstemp(prefix="rec-", suffix=".raw", dir=self.root)
        with os.fdopen(fd, "wb") as out:
            proc = subprocess.Popen(
                [
                    self._tools["parec"],
                    "--raw",
                    "--format=float32le",
                    f"--rate={rate}",
                    f"--channels={channels}",
                    "--latency-msec=100",
                    "-d",
                    source,
                ],
                env=self.env,
                stdout=out,
                stderr=subprocess.DEVNULL,
            )
        self._children.append(proc)
        return Recording(proc, Path(name), channels)

    # -- this process ----------------------------------------------------------------------
    @contextlib.contextmanager
    def activated(self) -> Iterator[None]:
        """Point this process (sounddevice, ALSA, libpulse, pactl) at the daemon, then restore.

        The caller re-initialises PortAudio afterwards (and after leaving), since PortAudio
        reads the ALSA configuration only when it initialises.
        """
        keys = ("PULSE_SERVER", "XDG_CONFIG_HOME", "XDG_RUNTIME_DIR", "HOME", "PULSE_STATE_PATH")
        before = {k: os.environ.get(k) for k in keys}
        os.environ.update({k: self.env[k] for k in keys})
        try:
            yield
        finally:
            for key, value in before.items():
                if value is None:
                    os.environ.pop(key, None)
                else:
                    os.environ[key] = value

    def close(self) -> None:
        for proc in self._children:
            stop(proc)
        self._children.clear()


@contextlib.contextmanager
def pulse_daemon(
    tmp_path: Path,
    *,
    rate: int = 48_000,
    channels: int = 2,
    microphones: dict[str, int] | None = None,
    speakers: dict[str, int] | None = None,
) -> Iterator[PulseTestbed]:
    """A running private daemon; ``channels`` are those of ``vmic`` and ``vspeaker``.

    ``microphones`` / ``speakers`` (name → channels) are created at start-up, which is faster
    than adding them afterwards: every new loopback feed takes ~2 s before its monitor delivers.
    """
    mics = microphones or {}
    spks = speakers or {}
    tools = require(_TOOLS, APT_PACKAGES, "audio")
    root = tmp_path / "pulse-testbed"
    with contextlib.ExitStack() as stack:
        runtime = stack.enter_context(short_dir(root / "run"))
        env = isolated_env(root, runtime_dir=runtime)
        config = Path(env["XDG_CONFIG_HOME"])
        (config / "pulse").mkdir(parents=True, exist_ok=True)
        (config / "alsa").mkdir(parents=True, exist_ok=True)
        state = root / "state"
        state.mkdir(exist_ok=True)
        socket = runtime / "native"
        env["PULSE_SERVER"] = f"unix:{socket}"
        env["PULSE_STATE_PATH"] = str(state)
        env["PULSE_RUNTIME_PATH"] = str(runtime)
        (config / "alsa" / "asoundrc").write_text(_ASOUNDRC, encoding="utf-8")
        (config / "pulse" / "client.conf").write_text("autospawn = no\n", encoding="utf-8")
        # No shared memory: a killed daemon then leaves nothing behind in /dev/shm.
        (config / "pulse" / "daemon.conf").write_text(
            f"enable-shm = no\nexit-idle-time = -1\ndefault-sample-rate = {rate}\n"
            f"alternate-sample-rate = {rate}\ndefault-sample-channels = {channels}\n"
            "flat-volumes = no\n",
            encoding="utf-8",
        )
        script = root / "testbed.pa"
        script.write_text(_script(socket, rate, channels, mics, spks), encoding="utf-8")
        log = root / "pulseaudio.log"
        argv = [
            tools["pulseaudio"],
            "-n",
            "-F",
            str(script),
            "--daemonize=no",
            "--use-pid-file=no",
            "--exit-idle-time=-1",
            "--log-target=stderr",
        ]
        daemon = stack.enter_context(
            process(argv, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, log=log)
        )
        bed = PulseTestbed(root, env, tools, rate)
        stack.callback(bed.close)
        _wait_until_serving(bed, daemon, log)
        bed.devices["vmic"] = Device("vmic", rate, channels, sink="vmic_in", source="vmic")
        bed.devices["vspeaker"] = Device(
            "vspeaker", rate, channels, sink="vspeaker", source="vspeaker.monitor"
        )
        for name, n in mics.items():
            bed.devices[name] = Device(name, rate, n, sink=f"{name}_in", source=name)
        for name, n in spks.items():
            bed.devices[name] = Device(name, rate, n, sink=name, source=f"{name}.monitor")
        bed.wait_ready(*(d.source for d in bed.devices.values()))
        yield bed


# The clock feed must never move: PulseAudio moves streams off the old default source when the
# default changes, and "clock", loaded first, starts as the default. Moved onto the microphone,
# the feed would loop every microphone back into itself.
_PINNED = "latency_msec=5 source_dont_move=true sink_dont_move=true"


def _out(proc: subprocess.Popen[bytes]) -> int:
    assert proc.stdout is not None
    return proc.stdout.fileno()


def _described(kind: str, description: str) -> str:
    return f"{kind}_properties='device.description=\"{description}\"'"


def _sink_lines(sink: str, spec: str, description: str) -> list[str]:
    return [
        f"load-module module-null-sink sink_name={sink} {spec} " + _described("sink", description),
        f"load-module module-loopback source=clock sink={sink} {_PINNED}",
    ]


def _mic_lines(name: str, spec: str, description: str) -> list[str]:
    return [
        *_sink_lines(f"{name}_in", spec, f"Feed of {description}"),
        f"load-module module-remap-source master={name}_in.monitor source_name={name} "
        + _described("source", description),
    ]


def _script(
    socket: Path, rate: int, channels: int, mics: dict[str, int], spks: dict[str, int]
) -> str:
    lines = [
        ".fail",  # any line that fails aborts the start-up instead of leaving a half test bed
        f"load-module module-native-protocol-unix auth-anonymous=1 socket={socket}",
        # module-null-source takes a plain description= rather than source_properties=.
        f"load-module module-null-source source_name=clock rate={rate} channels={channels} "
        "description=Testbed_clock",
        *_sink_lines("vspeaker", f"rate={rate} channels={channels}", "Test speaker"),
    ]
    # The feed sink of the default microphone is vmic_in (the name the asoundrc uses).
    lines += _mic_lines("vmic", f"rate={rate} channels={channels}", "Test microphone")
    for name, n in mics.items():
        lines += _mic_lines(name, f"rate={rate} channels={n}", f"Test microphone {name}")
    for name, n in spks.items():
        lines += _sink_lines(name, f"rate={rate} channels={n}", f"Test speaker {name}")
    lines += ["set-default-sink vspeaker", "set-default-source vmic"]
    return "\n".join(lines) + "\n"


def _wait_until_serving(bed: PulseTestbed, daemon: subprocess.Popen[bytes], log: Path) -> None:
    def serving() -> bool:
        if daemon.poll() is not None:
            raise TestbedError(f"pulseaudio exited with code {daemon.returncode}: {tail(log)}")
        done = subprocess.run(
            [bed.tool("pactl"), "info"], env=bed.env, capture_output=True, timeout=5, check=False
        )
        return done.returncode == 0

    try:
        wait_until(serving, "pulseaudio serving its socket", START_LIMIT_S)
    except TestbedError as error:
        raise TestbedError(f"{error}: {tail(log)}") from None
