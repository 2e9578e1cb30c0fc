"""PulseAudio / PipeWire-pulse sinks and sources through ``pactl`` (Linux only).

PortAudio on Linux sees the sound server as one ALSA device called ``pulse``; the individual
microphones, headsets, monitors and our own virtual microphone are only visible to the sound server.
``pactl`` (package pulseaudio-utils, also used with PipeWire) lists them and loads the modules the
virtual microphone needs. Every call is a short blocking subprocess: callers on the asyncio side
run them in an executor. The one exception is :func:`subscribe`, the long-lived ``pactl subscribe``
child whose output (one line per server event, see :func:`parse_event`) tells the device watcher
when to look again, instead of asking every second.

Every process started here is counted (:mod:`dragoman.core.counters`), so a test can check that
nothing is started at rest.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from typing import Any, Final, Literal

from dragoman.core import counters
from dragoman.core.errors import AudioDeviceError

PACTL_HINT: Final = (
    "install pactl (Debian/Ubuntu: `sudo apt-get install pulseaudio-utils`) and check that "
    "PulseAudio or PipeWire is running"
)
TIMEOUT_S: Final = 5.0

_SPEC = re.compile(r"(?P<fmt>\S+)\s+(?P<ch>\d+)ch\s+(?P<rate>\d+)Hz")
_EVENT = re.compile(r"Event '(?P<what>[a-z]+)' on (?P<facility>[a-z-]+)(?: #(?P<index>\d+))?")


@dataclass(frozen=True, slots=True)
class PulseNode:
    """One sink (output) or source (input) as the sound server describes it."""

    kind: Literal["sink", "source"]
    index: int
    name: str
    description: str
    rate: int
    channels: int
    monitor: bool = False
    properties: dict[str, str] = field(default_factory=dict, compare=False, hash=False)
    owner_module: int | None = None
    active_port: str | None = None
    active_port_type: str | None = None
    """The active port's type as the server says it ("Speaker", "Headphones", …), if it does."""


@dataclass(frozen=True, slots=True)
class PulseSnapshot:
    sinks: tuple[PulseNode, ...]
    sources: tuple[PulseNode, ...]
    default_sink: str | None
    default_source: str | None

    def find(self, kind: Literal["sink", "source"], name: str) -> PulseNode | None:
        nodes = self.sinks if kind == "sink" else self.sources
        return next((n for n in nodes if n.name == name), None)


def pactl_path() -> str | None:
    return shutil.which("pactl") if sys.platform.startswith("linux") else None


def _run(args: tuple[str, ...], timeout: float) -> subprocess.CompletedProcess[str]:
    """``pactl args`` as a finished process (the one place that spawns it)."""
    binary = pactl_path()
    if binary is None:
        raise AudioDeviceError(f"The sound server cannot be reached: {PACTL_HINT}.")
    counters.add(counters.PACTL_RUN)
    try:
        return subprocess.run(
            [binary, *args],
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
            # Its text labels ("Default Sink", "Active Port") are translated: read them in
            # English. The environment of now: tests point PULSE_SERVER elsewhere at run time.
            env={**os.environ, "LC_ALL": "C.UTF-8"},
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        what = " ".join(a for a in args if not a.startswith("-"))[:40]
        raise AudioDeviceError(
            f"The sound server did not answer `pactl {what}` ({error}): {PACTL_HINT}."
        ) from None


@dataclass(frozen=True, slots=True)
class ServerEvent:
    """One line of ``pactl subscribe``: ``what`` (new, change, remove) happened to ``facility``
    (sink, source, card, server, sink-input, client, module …) number ``index``."""

    what: str
    facility: str
    index: int | None = None


def parse_event(line: str) -> ServerEvent | None:
    """The event a ``pactl subscribe`` line reports, or None for anything else."""
    match = _EVENT.search(line)
    if match is None:
        return None
    index = match["index"]
    return ServerEvent(match["what"], match["facility"], int(index) if index else None)


def subscribe() -> subprocess.Popen[bytes]:
    """Start ``pactl subscribe`` (blocking: fork and exec), its stdout a pipe of event lines.

    The caller owns the process: it reads the pipe, and terminates and waits for it.
    AudioDeviceError when pactl is missing or cannot start.
    """
    binary = pactl_path()
    if binary is None:
        raise AudioDeviceError(f"The sound server cannot be reached: {PACTL_HINT}.")
    counters.add(counters.PACTL_SUBSCRIBE)
    try:
        return subprocess.Popen(
            [binary, "subscribe"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
    except OSError as error:
        raise AudioDeviceError(
            f"The sound server's events cannot be followed ({error}): {PACTL_HINT}."
        ) from None


def pactl(*args: str, timeout: float = TIMEOUT_S) -> str:
    """Run ``pactl args``; its stdout, or AudioDeviceError with pactl's own complaint."""
    return _stdout(args, _run(args, timeout))


def _stdout(args: tuple[str, ...], done: subprocess.CompletedProcess[str]) -> str:
    if done.returncode != 0:
        why = (done.stderr or done.stdout).strip().splitlines()
        what = " ".join(a for a in args if not a.startswith("-"))[:40]
        raise AudioDeviceError(
            f"The sound server refused `pactl {what}` "
            f"({why[-1] if why else f'exit code {done.returncode}'}): {PACTL_HINT}."
        )
    return done.stdout


def available() -> bool:
    """True when pactl exists and a sound server answers it."""
    if pactl_path() is None:
        return False
    try:
        pactl("info", timeout=2.0)
    except AudioDeviceError:
        return False
    return True


def snapshot() -> PulseSnapshot:
    """Every sink and source with its native format, and the server's defaults."""
    try:
        return _snapshot_json()
    except _NoJson:
        return _snapshot_short()


class _NoJson(Exception):
    """pactl older than PulseAudio 16 has no ``--format=json``."""


def _json(*args: str) -> Any:
    full = ("--format=json", *args)
    done = _run(full, TIMEOUT_S)
    if done.returncode != 0 and "option" in done.stderr.lower():  # "unrecognized option"
        raise _NoJson
    out = _stdout(full, done)
    try:
        return json.loads(out)
    except json.JSONDecodeError:
        raise _NoJson from None


def _snapshot_json() -> PulseSnapshot:
    info = _json("info")
    sinks = tuple(_node("sink", s) for s in _json("list", "sinks"))
    sources = tuple(_node("source", s) for s in _json("list", "sources"))
    return PulseSnapshot(
        sinks=sinks,
        sources=sources,
        default_sink=info.get("default_sink_name") or None,
        default_source=info.get("default_source_name") or None,
    )


def _node(kind: Literal["sink", "source"], raw: dict[str, Any]) -> PulseNode:
    props = {str(k): str(v) for k, v in (raw.get("properties") or {}).items()}
    rate, channels = _spec(str(raw.get("sample_specification", "")))
    name = str(raw.get("name", ""))
    monitor = kind == "source" and (
        props.get("device.class") == "monitor" or name.endswith(".monitor")
    )
    owner = raw.get("owner_module")
    return PulseNode(
        kind=kind,
        index=int(raw.get("index", -1)),
        name=name,
        description=str(raw.get("description") or name),
        rate=rate,
        channels=channels,
        monitor=monitor,
        properties=props,
        owner_module=int(owner) if isinstance(owner, int | str) and str(owner).isdigit() else None,
        active_port=str(raw["active_port"]) if raw.get("active_port") else None,
        active_port_type=_port_type(raw),
    )


def _port_type(raw: dict[str, Any]) -> str | None:
    """The ``type`` of the active port in ``pactl --format=json`` (absent on older servers)."""
    active = raw.get("active_port")
    ports = raw.get("ports")
    if not active or not isinstance(ports, list):
        return None
    for port in ports:
        if isinstance(port, dict) and port.get("name") == active:
            kind = port.get("type")
            return str(kind) if kind else None
    return None


def _spec(text: str) -> tuple[int, int]:
    match = _SPEC.search(text)
    if match is None:
        return 48_000, 2
    return int(match["rate"]), int(match["ch"])


def _snapshot_short() -> PulseSnapshot:
    defaults: dict[str, str] = {}
    for line in pactl("info").splitlines():
        key, _, value = line.partition(":")
        defaults[key.strip()] = value.strip()

    def nodes(kind: Literal["sink", "source"]) -> tuple[PulseNode, ...]:
        out = []
        for line in pactl("list", "short", f"{kind}s").splitlines():
            cols = line.split("\t")
            if len(cols) < 4:
                continue
            rate, channels = _spec(cols[3])
            owner = cols[2] if len(cols) > 2 else ""
            out.append(
                PulseNode(
                    kind=kind,
                    index=int(cols[0]) if cols[0].isdigit() else -1,
                    name=cols[1],
                    description=cols[1],
                    rate=rate,
                    channels=channels,
                    monitor=kind == "source" and cols[1].endswith(".monitor"),
                    owner_module=int(owner) if owner.isdigit() else None,
                )
            )
        return tuple(out)

    sinks = nodes("sink")
    try:
        details = _sink_details(pactl("list", "sinks"))
    except AudioDeviceError:  # the short list is enough to play; the details are a bonus
        details = {}
    sinks = tuple(_with_details(node, details.get(node.name)) for node in sinks)
    return PulseSnapshot(
        sinks=sinks,
        sources=nodes("source"),
        default_sink=defaults.get("Default Sink") or None,
        default_source=defaults.get("Default Source") or None,
    )


@dataclass(frozen=True, slots=True)
class _Details:
    description: str | None = None
    properties: dict[str, str] = field(default_factory=dict)
    active_port: str | None = None
    active_port_type: str | None = None


_PORT_TYPE = re.compile(r"\(type: (?P<type>[^,)]+)")


def _sink_details(text: str) -> dict[str, _Details]:
    """Description, properties and active port of each sink, from ``pactl list sinks`` (the
    text form, for servers without ``--format=json``): sink name -> details."""
    found: dict[str, _Details] = {}
    name: str | None = None
    fields: dict[str, str] = {}
    props: dict[str, str] = {}
    ports: dict[str, str] = {}
    section = ""

    def flush() -> None:
        if name:
            port = fields.get("Active Port") or None
            found[name] = _Details(
                description=fields.get("Description") or None,
                properties=dict(props),
                active_port=port,
                active_port_type=ports.get(port) if port else None,
            )

    for line in text.splitlines():
        if line.startswith("Sink #"):
            flush()
            name, section = None, ""
            fields, props, ports = {}, {}, {}
            continue
        depth = len(line) - len(line.lstrip("\t"))
        item = line.strip()
        if depth == 1:
            key, _, value = item.partition(":")
            section = key
            fields[key] = value.strip()
            if key == "Name":
                name = value.strip()
        elif depth == 2 and section == "Properties":
            key, sep, value = item.partition(" = ")
            if sep:
                props[key] = value.strip().strip('"')
        elif depth == 2 and section == "Ports":
            port, sep, rest = item.partition(": ")
            match = _PORT_TYPE.search(rest)
            if sep and match:
                ports[port] = match["type"].strip()
    flush()
    return found


def _with_details(node: PulseNode, details: _Details | None) -> PulseNode:
    if details is None:
        return node
    return PulseNode(
        kind=node.kind,
        index=node.index,
        name=node.name,
        description=details.description or node.description,
        rate=node.rate,
        channels=node.channels,
        monitor=node.monitor,
        properties=details.properties,
        owner_module=node.owner_module,
        active_port=details.active_port,
        active_port_type=details.active_port_type,
    )


def names(kind: Literal["sink", "source"]) -> set[str]:
    """Just the names of the sinks or sources (the cheap presence check of a running stream)."""
    out = pactl("list", "short", f"{kind}s")
    return {cols[1] for cols in (line.split("\t") for line in out.splitlines()) if len(cols) > 1}


def load_module(name: str, *args: str) -> int:
    """Load a server module; its index (what :func:`unload_module` takes)."""
    out = pactl("load-module", name, *args).strip()
    if not out.isdigit():
        raise AudioDeviceError(
            f"The sound server loaded {name} but did not say its number ({out!r}): {PACTL_HINT}."
        )
    return int(out)


def unload_module(index: int) -> None:
    pactl("unload-module", str(index))


def proplist(props: dict[str, str]) -> str:
    """A module argument value for ``sink_properties=`` / ``source_properties=``.

    The outer single quotes keep the argument one word for the module-argument parser, the inner
    double quotes keep spaces inside each property value.
    """
    inner = " ".join(f'{key}="{value}"' for key, value in props.items())
    return f"'{inner}'"
