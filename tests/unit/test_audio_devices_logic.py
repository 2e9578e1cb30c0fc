"""Device choice, flags, sound-server parsing and the watcher, without any sound server.

``pactl`` and PortAudio are replaced by their recorded answers; the real ones are exercised by the
integration tests against a private PulseAudio daemon.
"""

from __future__ import annotations

import dataclasses
import json
import subprocess
from typing import Any

import pytest

from dragoman.audio import devices, pulseaudio
from dragoman.audio.devices import (
    DeviceInfo,
    DeviceWatcher,
    Resolved,
    find_device,
    resolve_input,
    resolve_output,
)
from dragoman.audio.virtual_mic import find_virtual_cable
from dragoman.core.errors import AudioDeviceError


def dev(name: str, ins: int = 0, outs: int = 0, **kw: Any) -> DeviceInfo:
    return DeviceInfo(0, name, kw.pop("host_api", "ALSA"), ins, outs, 48000.0, **kw)


HEADSET = dev("USB Headset", 1, 2)
LAPTOP_MIC = dev("Built-in Microphone", 2, 0, is_default_input=True)
SPEAKERS = dev("Speakers (Realtek)", 0, 2, is_default_output=True, builtin_speakers=True)
MONITOR = dev("Monitor of Speakers", 2, 0, monitor=True)
OURS = dev("Dragoman Microphone", 1, 0, virtual_mic=True, pulse_name="dragoman_mic")
OUR_SINK = dev("Dragoman Microphone (Dragoman plays here)", 0, 1, virtual_mic=True)
ALL = [HEADSET, LAPTOP_MIC, SPEAKERS, MONITOR, OURS, OUR_SINK]


def test_follow_the_default() -> None:
    assert resolve_input(None, ALL) == Resolved(LAPTOP_MIC)
    assert resolve_output(None, ALL) == Resolved(SPEAKERS)


def test_pinned_devices_by_id_sound_server_name_or_name() -> None:
    assert resolve_input("USB Headset", ALL).device is HEADSET
    assert resolve_input("usb headset", ALL).device is HEADSET  # case-insensitive last resort
    assert resolve_input("ALSA:USB Headset", ALL).device is HEADSET
    assert resolve_input("pulse:dragoman_mic", ALL).device is OURS  # chosen: allowed
    assert resolve_input("dragoman_mic", ALL).device is OURS
    assert resolve_output("USB Headset", ALL).device is HEADSET  # it has both directions
    assert find_device("Speakers (Realtek)", "input", ALL) is None  # wrong direction


def test_a_missing_pinned_device_falls_back_and_says_so() -> None:
    got = resolve_input("Blue Yeti", ALL)
    assert got.device is LAPTOP_MIC and got.fell_back
    assert (
        got.reason
        == "The microphone “Blue Yeti” is not connected; using “Built-in Microphone” instead."
    )
    out = resolve_output("Bluetooth Buds", ALL)
    assert out.device is SPEAKERS
    assert out.reason is not None and out.reason.startswith("The output device “Bluetooth Buds”")


@pytest.mark.parametrize("default", [MONITOR, OURS])
def test_a_flagged_default_is_never_used_silently(default: DeviceInfo) -> None:
    flagged = dataclasses.replace(default, is_default_input=True)
    others = [d for d in ALL if d.name != default.name and d is not LAPTOP_MIC]
    plain = dataclasses.replace(LAPTOP_MIC, is_default_input=False)
    got = resolve_input(None, [flagged, *others, plain])
    assert got.device is HEADSET  # the first plain input
    assert got.reason is not None and f"“{default.name}”" in got.reason
    assert ("monitor" in got.reason) == default.monitor
    # When there is nothing else, it is used, but never silently.
    alone = resolve_input(None, [flagged])
    assert alone.device == flagged and "there is no other" in str(alone.reason)


def test_our_own_sink_is_not_a_default_output() -> None:
    default_ours = dataclasses.replace(OUR_SINK, is_default_output=True)
    got = resolve_output(None, [default_ours, HEADSET])
    assert got.device is HEADSET and "Dragoman's own voice" in str(got.reason)


def test_no_device_at_all_is_a_sentence() -> None:
    with pytest.raises(AudioDeviceError, match="No microphone was found"):
        resolve_input(None, [SPEAKERS])
    with pytest.raises(AudioDeviceError, match="No audio output was found"):
        resolve_output(None, [LAPTOP_MIC])


def test_device_info_helpers() -> None:
    assert HEADSET.id == "ALSA:USB Headset" and OURS.id == "pulse:dragoman_mic"
    assert HEADSET.native_channels("input") == 1 and HEADSET.native_channels("output") == 2
    assert dev("Array", 8, 0).native_channels("input") == 2  # a stereo pair is all we need
    assert MONITOR.flags == ("monitor",) and SPEAKERS.flags == ("builtin_speakers",)
    assert str(HEADSET) == "USB Headset" and HEADSET.native_rate == 48000


def test_virtual_cables_are_found_by_name() -> None:
    vb = dev("CABLE Input (VB-Audio Virtual Cable)", 0, 8, virtual_mic=True)
    blackhole = dev("BlackHole 2ch", 2, 2, virtual_mic=True)
    ours = dev("Dragoman Microphone (Dragoman plays here)", 0, 1, virtual_mic=True,
               pulse_name="dragoman_mic_sink")  # fmt: skip
    assert find_virtual_cable([SPEAKERS, vb]) is vb
    assert find_virtual_cable([blackhole, SPEAKERS]) is blackhole
    assert find_virtual_cable([vb, ours]) is ours  # our own first
    assert find_virtual_cable([SPEAKERS, HEADSET]) is None


# -- pactl answers, recorded from PulseAudio 16 ----------------------------------------------
SOURCES = [
    {
        "index": 1,
        "name": "alsa_output.pci.analog-stereo.monitor",
        "description": "Monitor of Built-in Audio",
        "sample_specification": "s16le 2ch 48000Hz",
        "owner_module": 7,
        "properties": {"device.class": "monitor"},
        "active_port": None,
    },
    {
        "index": 2,
        "name": "alsa_input.usb-headset.mono-fallback",
        "description": "USB Headset Mono",
        "sample_specification": "s24le 1ch 44100Hz",
        "owner_module": 8,
        "properties": {"device.class": "sound"},
        "active_port": "analog-input-mic",
    },
    {
        "index": 3,
        "name": "dragoman_mic",
        "description": "Dragoman Microphone",
        "sample_specification": "float32le 1ch 48000Hz",
        "owner_module": "n/a",
        "properties": {},
    },
]
SINKS = [
    {
        "index": 0,
        "name": "alsa_output.pci.analog-stereo",
        "description": "Built-in Audio Analog Stereo",
        "sample_specification": "s16le 2ch 48000Hz",
        "owner_module": 7,
        "properties": {"device.form_factor": "internal"},
        "active_port": "analog-output-speaker",
    },
    {
        "index": 4,
        "name": "bluez_sink.buds",
        "description": "Buds",
        "sample_specification": "s16le 2ch 44100Hz",
        "properties": {"device.form_factor": "headphone"},
        "active_port": "headphone-output",
    },
]
INFO = {"default_sink_name": "bluez_sink.buds", "default_source_name": "dragoman_mic"}


def fake_pactl(monkeypatch: pytest.MonkeyPatch, json_ok: bool = True) -> list[tuple[str, ...]]:
    calls: list[tuple[str, ...]] = []

    def run(args: tuple[str, ...], timeout: float) -> subprocess.CompletedProcess[str]:
        calls.append(args)
        if args[0] == "--format=json":
            if not json_ok:
                return subprocess.CompletedProcess(
                    args, 1, "", "pactl: unrecognized option '--format=json'\n"
                )
            answer = {"info": INFO, "sinks": SINKS, "sources": SOURCES}[args[-1]]
            return subprocess.CompletedProcess(args, 0, json.dumps(answer), "")
        if args == ("info",):
            text = "Server Name: pulseaudio\nDefault Sink: bluez_sink.buds\nDefault Source: x\n"
            return subprocess.CompletedProcess(args, 0, text, "")
        if args[:2] == ("list", "short"):
            rows = SINKS if args[2] == "sinks" else SOURCES
            text = "".join(
                f"{r['index']}\t{r['name']}\tmodule.c\t{r['sample_specification']}\tIDLE\n"
                for r in rows
            )
            return subprocess.CompletedProcess(args, 0, text, "")
        return subprocess.CompletedProcess(args, 1, "", "Failure: No such entity\n")

    monkeypatch.setattr(pulseaudio, "_run", run)
    return calls


def test_snapshot_from_json(monkeypatch: pytest.MonkeyPatch) -> None:
    fake_pactl(monkeypatch)
    snap = pulseaudio.snapshot()
    assert snap.default_sink == "bluez_sink.buds" and snap.default_source == "dragoman_mic"
    monitor, headset, ours = snap.sources
    assert monitor.monitor and not headset.monitor
    assert (headset.rate, headset.channels, headset.active_port) == (44100, 1, "analog-input-mic")
    assert headset.description == "USB Headset Mono" and headset.owner_module == 8
    assert ours.owner_module is None and ours.rate == 48000
    assert snap.find("sink", "bluez_sink.buds") is not None
    assert snap.find("source", "nope") is None


def test_snapshot_without_json_support(monkeypatch: pytest.MonkeyPatch) -> None:
    fake_pactl(monkeypatch, json_ok=False)
    snap = pulseaudio.snapshot()
    assert [n.name for n in snap.sinks] == ["alsa_output.pci.analog-stereo", "bluez_sink.buds"]
    assert snap.sources[0].monitor and snap.sources[1].channels == 1
    assert snap.default_sink == "bluez_sink.buds"


def test_pactl_failures_are_sentences(monkeypatch: pytest.MonkeyPatch) -> None:
    fake_pactl(monkeypatch)
    with pytest.raises(AudioDeviceError, match=r"refused `pactl unload-module 99` \(Failure: No"):
        pulseaudio.unload_module(99)
    monkeypatch.undo()  # the real _run again, but no pactl on this "machine"
    monkeypatch.setattr(pulseaudio, "pactl_path", lambda: None)
    with pytest.raises(AudioDeviceError, match="pulseaudio-utils"):
        pulseaudio.pactl("info")
    assert not pulseaudio.available()


def test_proplist_quoting_keeps_spaces_inside_one_argument() -> None:
    assert pulseaudio.proplist({"device.description": "Dragoman Microphone"}) == (
        "'device.description=\"Dragoman Microphone\"'"
    )


def test_sound_server_devices_replace_portaudio_s_pulse_entry(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    fake_pactl(monkeypatch)
    portaudio_list = [
        DeviceInfo(0, "pulse", "ALSA", 32, 32, 44100.0, is_default_input=True),
        DeviceInfo(1, "hw:USB", "ALSA", 1, 2, 48000.0),
        DeviceInfo(2, "default", "ALSA", 32, 32, 44100.0, is_default_output=True),
    ]
    monkeypatch.setattr(devices, "_portaudio_devices", lambda: (portaudio_list, 0))
    monkeypatch.setattr(pulseaudio, "pactl_path", lambda: "/usr/bin/pactl")
    listed = {d.id: d for d in devices.list_devices()}
    assert "ALSA:pulse" not in listed
    assert not listed["ALSA:default"].is_default_output  # the server's defaults win
    speakers = listed["pulse:alsa_output.pci.analog-stereo"]
    assert speakers.builtin_speakers and speakers.index == 0 and speakers.native_rate == 48000
    assert listed["pulse:bluez_sink.buds"].is_default_output
    assert not listed["pulse:bluez_sink.buds"].builtin_speakers
    ours = listed["pulse:dragoman_mic"]
    assert ours.virtual_mic and ours.is_default_input and ours.max_input_channels == 1
    assert listed["pulse:alsa_output.pci.analog-stereo.monitor"].monitor
    # With our microphone as the system default, the headset is what we record.
    got = resolve_input(None, list(listed.values()))
    assert got.device.pulse_name == "alsa_input.usb-headset.mono-fallback"


def test_without_a_sound_server_the_portaudio_list_is_used(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    portaudio_list = [DeviceInfo(0, "pulse", "ALSA", 32, 32, 44100.0)]
    monkeypatch.setattr(devices, "_portaudio_devices", lambda: (portaudio_list, 0))
    monkeypatch.setattr(pulseaudio, "pactl_path", lambda: "/usr/bin/pactl")

    def refuse(args: tuple[str, ...], timeout: float) -> subprocess.CompletedProcess[str]:
        return subprocess.CompletedProcess(args, 1, "", "Connection failure: Connection refused")

    monkeypatch.setattr(pulseaudio, "_run", refuse)
    assert devices.list_devices() == portaudio_list


async def test_watcher_refreshes_portaudio_only_when_hardware_changed() -> None:
    lists = [[HEADSET], [HEADSET], [HEADSET, SPEAKERS], [HEADSET, SPEAKERS]]
    signatures = iter([("pcmC0D0c",), ("pcmC0D0c",), ("pcmC0D0c", "pcmC1D0p"), None])
    refreshes: list[bool] = []
    busy = [False, True, False]  # a stream is open during the second refresh
    changes: list[list[DeviceInfo]] = []

    def refresher() -> bool:
        ok = not busy[len(refreshes)]
        refreshes.append(ok)
        return ok

    watcher = DeviceWatcher(
        changes.append,
        interval=3600,
        lister=lambda: lists[min(watcher.polls, len(lists) - 1)],
        refresher=refresher,
        signature=lambda: next(signatures),
        subscriber=None,
    )
    await watcher.start()  # first snapshot: no callback
    assert watcher.devices == [HEADSET] and changes == [] and watcher.running
    assert not await watcher.poll()  # same hardware: no re-initialise, no change
    assert await watcher.poll()  # new hardware, stream open: refresh refused, retried later
    assert changes == [[HEADSET, SPEAKERS]]
    assert "refresh_pending=True" in repr(watcher)
    await watcher.poll()  # no cheap signature (not Linux): refresh every time
    assert refreshes == [True, False, True]
    await watcher.stop()
    assert not watcher.running


async def test_watcher_survives_a_failing_poll() -> None:
    def broken() -> list[DeviceInfo]:
        raise AudioDeviceError("PortAudio is missing.")

    watcher = DeviceWatcher(lambda d: None, lister=broken, refresher=lambda: True)
    assert not await watcher.poll()
    assert watcher.error is not None and watcher.polls == 0
    with pytest.raises(ValueError):
        DeviceWatcher(lambda d: None, interval=0)


E = pulseaudio.ServerEvent


@pytest.mark.parametrize(
    ("line", "event", "relevant"),
    [
        ("Event 'new' on sink #12", E("new", "sink", 12), True),
        ("Event 'remove' on source #3", E("remove", "source", 3), True),
        ("Event 'change' on source #3", E("change", "source", 3), False),
        ("Event 'change' on card #0", E("change", "card", 0), True),
        ("Event 'change' on server #4294967295", E("change", "server", 4294967295), True),
        ("Event 'change' on server", E("change", "server", None), True),
        ("Event 'new' on sink-input #40", E("new", "sink-input", 40), False),
        ("Event 'remove' on source-output #7", E("remove", "source-output", 7), False),
        ("Event 'new' on client #9", E("new", "client", 9), False),
        ("Connection failure: Connection refused", None, False),
    ],
)
def test_sound_server_events_and_which_ones_relist(
    line: str, event: pulseaudio.ServerEvent | None, relevant: bool
) -> None:
    assert pulseaudio.parse_event(line) == event
    assert (event is not None and devices.relevant(event)) is relevant


async def test_watcher_relists_once_per_burst_of_relevant_events_and_stops_its_child() -> None:
    """A stand-in for ``pactl subscribe`` (a shell printing its lines): only device events
    start a re-list, a burst of them at most two, and stop() ends and reaps the child."""
    import asyncio

    lists = [[HEADSET], [HEADSET, SPEAKERS]]
    changes: list[list[DeviceInfo]] = []
    go = asyncio.Event()
    script = (
        "echo \"Event 'new' on sink-input #4\"; echo \"Event 'change' on sink #1\"; "
        "read line; "  # wait for the test
        "echo \"Event 'new' on card #2\"; echo \"Event 'new' on sink #5\"; "
        "echo \"Event 'new' on source #6\"; exec sleep 1000"
    )
    procs: list[subprocess.Popen[bytes]] = []

    def start() -> subprocess.Popen[bytes]:
        proc = subprocess.Popen(["sh", "-c", script], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        procs.append(proc)
        return proc

    watcher = DeviceWatcher(
        lambda d: (changes.append(d), go.set()),
        interval=3600,
        lister=lambda: lists[min(watcher.polls, 1)],
        refresher=lambda: True,
        signature=lambda: ("same",),
        subscriber=start,
    )
    await watcher.start()
    try:
        assert watcher.subscribed and watcher.polls == 1 and "subscribed" in repr(watcher)
        await asyncio.sleep(0.2)  # the irrelevant events arrive: nothing is re-listed
        assert watcher.polls == 1 and watcher.events == 0
        assert procs[0].stdin is not None
        procs[0].stdin.write(b"go\n")
        procs[0].stdin.flush()
        await asyncio.wait_for(go.wait(), 5)
        await asyncio.sleep(0.2)
        assert changes == [[HEADSET, SPEAKERS]] and watcher.events == 3
        assert 2 <= watcher.polls <= 3  # one re-list, and at most one more for the rest
    finally:
        await watcher.stop()
        for proc in procs:
            if proc.stdin is not None:
                proc.stdin.close()
    assert procs[0].poll() is not None  # terminated and reaped
    assert not watcher.subscribed


async def test_watcher_falls_back_to_polling_when_the_events_end() -> None:
    import asyncio

    starts: list[int] = []

    def start() -> subprocess.Popen[bytes]:
        starts.append(1)
        return subprocess.Popen(["sh", "-c", "exit 1"], stdout=subprocess.PIPE)

    watcher = DeviceWatcher(
        lambda d: None,
        interval=0.05,
        lister=lambda: [HEADSET],
        refresher=lambda: True,
        signature=lambda: ("same",),
        subscriber=start,
    )
    await watcher.start()
    try:
        for _ in range(500):
            if watcher.polls >= 3 and len(starts) >= 2:  # each poll tries to subscribe again
                break
            await asyncio.sleep(0.01)
        assert watcher.polls >= 3 and len(starts) >= 2
    finally:
        await watcher.stop()


# -- built-in speakers: the sound server's words, never the name ----------------------------------
@pytest.mark.parametrize(
    ("properties", "port", "port_type", "speakers"),
    [
        ({"device.form_factor": "internal"}, "analog-output-speaker", "Speaker", True),
        ({"device.form_factor": "internal"}, "analog-output-headphones", "Headphones", False),
        ({"device.form_factor": "internal"}, "analog-output-speaker", None, True),  # PA < 16
        ({"device.form_factor": "internal"}, "analog-output-headphones", None, False),
        ({"device.form_factor": "internal"}, None, None, True),  # a null sink flagged internal
        ({"device.form_factor": "speaker"}, "speaker-output", None, True),  # a Bluetooth speaker
        ({"device.form_factor": "headphone"}, "headphone-output", None, False),
        ({"device.form_factor": "headset"}, "headset-output", "Headset", False),
        ({"device.form_factor": "internal"}, "hdmi-output-0", "HDMI", False),
        ({"device.description": "Test speaker"}, None, None, False),  # a name says nothing
        ({}, None, None, False),
    ],
)
def test_sinks_are_speakers_by_port_and_form_factor(
    properties: dict[str, str], port: str | None, port_type: str | None, speakers: bool
) -> None:
    assert devices.sink_is_speakers(properties, port, port_type) is speakers


def test_a_sink_named_speaker_is_not_built_in_speakers_but_an_internal_one_is(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    sinks = [
        {**SINKS[0], "active_port": None, "properties": {"device.form_factor": "internal"},
         "description": "Built-in Audio", "name": "laptop"},
        {**SINKS[1], "active_port": None, "properties": {}, "description": "Test speaker",
         "name": "vspeaker"},
        {**SINKS[0], "name": "usb", "description": "USB Speakerphone",
         "properties": {"device.form_factor": "internal"},
         "active_port": "analog-output-headphones",
         "ports": [{"name": "analog-output-headphones", "type": "Headphones"}]},
    ]  # fmt: skip
    monkeypatch.setattr(devices.pulseaudio, "snapshot", lambda: _snapshot(sinks))
    listed = {d.pulse_name: d for d in devices._pulse_devices(0)}
    assert listed["laptop"].builtin_speakers
    assert not listed["vspeaker"].builtin_speakers
    assert not listed["usb"].builtin_speakers


def test_the_active_port_type_is_read_from_the_json_ports() -> None:
    raw = {
        **SINKS[0],
        "ports": [
            {"name": "analog-output-headphones", "type": "Headphones"},
            {"name": "analog-output-speaker", "type": "Speaker"},
        ],
    }
    assert pulseaudio._node("sink", raw).active_port_type == "Speaker"
    assert pulseaudio._node("sink", SINKS[0]).active_port_type is None  # no ports listed


def _snapshot(sinks: list[dict[str, object]]) -> pulseaudio.PulseSnapshot:
    return pulseaudio.PulseSnapshot(
        sinks=tuple(pulseaudio._node("sink", s) for s in sinks),
        sources=(),
        default_sink=None,
        default_source=None,
    )


# ``pactl list sinks`` as PulseAudio 15 prints it (no --format=json), trimmed.
LONG_SINKS = """\
Sink #0
\tState: SUSPENDED
\tName: alsa_output.pci.analog-stereo
\tDescription: Built-in Audio Analog Stereo
\tDriver: module-alsa-card.c
\tSample Specification: s16le 2ch 48000Hz
\tVolume: front-left: 65536 / 100% / 0.00 dB
\t        balance 0.00
\tProperties:
\t\talsa.resolution_bits = "16"
\t\tdevice.form_factor = "internal"
\t\tdevice.description = "Built-in Audio Analog Stereo"
\tPorts:
\t\tanalog-output-speaker: Speakers (type: Speaker, priority: 10000, not available)
\t\tanalog-output-headphones: Headphones (type: Headphones, priority: 9900, available)
\tActive Port: analog-output-headphones
\tFormats:
\t\tpcm

Sink #4
\tState: RUNNING
\tName: bluez_sink.buds
\tDescription: Buds
\tProperties:
\t\tdevice.form_factor = "speaker"
\tActive Port: speaker-output
"""


def test_without_json_the_sinks_details_come_from_the_long_listing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    fake_pactl(monkeypatch, json_ok=False)
    short = pulseaudio._run

    def run(args: tuple[str, ...], timeout: float) -> subprocess.CompletedProcess[str]:
        if args == ("list", "sinks"):
            return subprocess.CompletedProcess(args, 0, LONG_SINKS, "")
        return short(args, timeout)

    monkeypatch.setattr(pulseaudio, "_run", run)
    laptop, buds = pulseaudio.snapshot().sinks
    assert laptop.description == "Built-in Audio Analog Stereo"
    assert laptop.properties["device.form_factor"] == "internal"
    assert (laptop.active_port, laptop.active_port_type) == (
        "analog-output-headphones",
        "Headphones",
    )
    assert (buds.description, buds.active_port, buds.active_port_type) == (
        "Buds",
        "speaker-output",
        None,
    )
    # Headphones plugged into the laptop: not speakers; a Bluetooth speaker: speakers.
    assert not devices.sink_is_speakers(
        laptop.properties, laptop.active_port, laptop.active_port_type
    )
    assert devices.sink_is_speakers(buds.properties, buds.active_port, buds.active_port_type)
