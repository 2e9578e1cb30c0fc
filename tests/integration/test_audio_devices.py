"""Devices as the app sees them, the virtual microphone, hot-plug, and the audio sub-commands.

Everything runs against a private PulseAudio daemon; the ``dragoman`` commands run as separate
processes with that daemon's environment, the way a person would run them.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import subprocess
import sys
import wave
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from dragoman.audio import portaudio, pulseaudio
from dragoman.audio.devices import (
    VIRTUAL_MIC_NAME,
    DeviceInfo,
    DeviceWatcher,
    find_device,
    list_devices,
    resolve_input,
    resolve_output,
)
from dragoman.audio.playback import Player
from dragoman.audio.virtual_mic import (
    Owner,
    create_virtual_microphone,
    find_virtual_cable,
    process_started,
)
from dragoman.core import counters
from dragoman.core.wav import write_wav_pcm16
from tests.audio_checks import align, band_limit, fft_resample, pactl_children, pcm16
from tests.signals import sentence
from tests.testbed.pulse import PulseTestbed, TestbedError, pulse_daemon

pytestmark = pytest.mark.slow

RATE = 48_000
WIRE = 16_000


@pytest.fixture(scope="module")
def bed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PulseTestbed]:
    from tests.audio_checks import in_process

    root = tmp_path_factory.mktemp("devices")
    with contextlib.ExitStack() as stack:
        try:
            daemon = stack.enter_context(pulse_daemon(root, rate=RATE, channels=2))
        except TestbedError as error:
            problem = str(error)
        else:
            yield stack.enter_context(in_process(daemon))
            return
    pytest.fail(problem, pytrace=False)


@pytest.fixture(autouse=True)
def no_stream_left_open() -> Iterator[None]:
    yield
    assert portaudio.open_streams() == 0


def by_id(devices: list[DeviceInfo]) -> dict[str, DeviceInfo]:
    return {d.id: d for d in devices}


def test_listing_shows_the_virtual_devices_with_their_flags(bed: PulseTestbed) -> None:
    devices = by_id(list_devices())
    mic = devices["pulse:vmic"]
    assert mic.name == "Test microphone" and mic.host_api == "PulseAudio"
    assert (mic.max_input_channels, mic.max_output_channels, mic.native_rate) == (2, 0, RATE)
    assert mic.is_default_input and mic.flags == ()
    speaker = devices["pulse:vspeaker"]
    assert speaker.is_default_output and speaker.max_output_channels == 2
    assert devices["pulse:vspeaker.monitor"].flags == ("monitor",)
    # The ALSA names from the test bed's asoundrc, as sounddevice sees them.
    assert "ALSA:vmic_feed" in devices
    assert devices["ALSA:vspeaker_monitor"].monitor
    # PortAudio's own "pulse" entry is only the way in, not a device of its own.
    assert "ALSA:pulse" not in devices
    assert sum(d.is_default_input for d in devices.values()) == 1


def test_follow_default_pinned_and_fallback(bed: PulseTestbed) -> None:
    devices = list_devices()
    assert resolve_input(None, devices).device.id == "pulse:vmic"
    assert resolve_input(None, devices).reason is None
    assert resolve_input("Test microphone", devices).device.id == "pulse:vmic"
    assert resolve_input("vmic", devices).device.id == "pulse:vmic"
    assert resolve_output("pulse:vspeaker", devices).device.id == "pulse:vspeaker"
    gone = resolve_input("USB Headset", devices)
    assert gone.device.id == "pulse:vmic" and gone.fell_back
    assert (
        gone.reason
        == "The microphone “USB Headset” is not connected; using “Test microphone” instead."
    )
    # A monitor as the system default is never used silently as the microphone.
    bed.pactl("set-default-source", "vspeaker.monitor")
    try:
        doubtful = resolve_input(None)
    finally:
        bed.pactl("set-default-source", "vmic")
    assert not doubtful.device.monitor
    assert doubtful.reason is not None and "monitor of an output" in doubtful.reason
    # Pinned explicitly, a monitor is the person's choice.
    assert resolve_input("vspeaker.monitor", devices).device.monitor


async def test_virtual_microphone_is_created_used_by_another_app_and_removed(
    bed: PulseTestbed,
) -> None:
    vm = await asyncio.to_thread(create_virtual_microphone)
    try:
        assert not vm.reused
        devices = list_devices()
        source = find_device(VIRTUAL_MIC_NAME, "input", devices)
        assert source is not None and source.virtual_mic and not source.monitor
        cable = find_virtual_cable(devices)
        assert cable is not None and cable.pulse_name == vm.sink_name and cable.virtual_mic
        # Made the system default, it is still never picked silently as *our* microphone.
        bed.pactl("set-default-source", vm.source_name)
        try:
            resolved = resolve_input(None)
        finally:
            bed.pactl("set-default-source", "vmic")
        assert not resolved.device.virtual_mic and "Dragoman's own voice" in str(resolved.reason)
        # A second Dragoman (another running process: here our parent) reuses it, removes nothing.
        parent = os.getppid()
        other = Owner(parent, process_started(parent) or "", Owner.current().scope)
        again = await asyncio.to_thread(create_virtual_microphone, owner=other)
        assert again.reused
        await asyncio.to_thread(again.remove)
        assert find_device(VIRTUAL_MIC_NAME, "input", list_devices()) is not None
        # A call app (here parec, another process) records it while Dragoman plays into it.
        rec = bed.record(vm.source_name, RATE, 1)
        stopped = asyncio.Event()
        player = Player(cable, None, on_playing=lambda p: None if p else stopped.set())
        t = np.arange(RATE * 3 // 2) / RATE
        try:
            # Opened first, as the app does at session start: an idle null sink takes up to 2 s
            # to serve its first stream, which must not delay the first translation.
            await player.start()
            player.enqueue((0.5 * np.sin(2 * np.pi * 440 * t)).astype(np.float32), RATE)
            player.end_stream()
            await asyncio.wait_for(stopped.wait(), 10)
        finally:
            await player.close()
        await asyncio.to_thread(rec.wait_for_more, 0.2, RATE)
        heard = rec.stop()[:, 0]
    finally:
        await asyncio.to_thread(vm.remove)
    loud = heard[np.abs(heard) > 0.25]
    assert len(loud) > 0.5 * RATE * 0.5  # most of the tone's 1.5 s reached the call app
    assert np.abs(heard).max() == pytest.approx(0.5, abs=0.01)
    spectrum = np.abs(np.fft.rfft(heard))
    assert np.fft.rfftfreq(len(heard), 1 / RATE)[np.argmax(spectrum)] == pytest.approx(440, abs=2)
    devices = list_devices()
    assert not any(d.virtual_mic for d in devices)
    assert "dragoman" not in bed.pactl("list", "short", "modules")


async def test_watcher_follows_the_sound_server_and_costs_nothing_between_events(
    bed: PulseTestbed,
) -> None:
    """Hot-plug is seen through the one ``pactl subscribe`` child, not by polling: the watcher's
    fallback poll is a minute away here, yet a speaker coming and going is noticed; between
    events no timer fires and no process starts (counted by the app's own instrumentation)."""
    changes: asyncio.Queue[list[DeviceInfo]] = asyncio.Queue()
    watcher = DeviceWatcher(changes.put_nowait, interval=60.0)
    await watcher.start()
    try:
        assert watcher.subscribed
        assert pactl_children() == [f"{pulseaudio.pactl_path()} subscribe"]
        assert "pulse:hotplug" not in by_id(watcher.devices)
        await asyncio.to_thread(bed.add_speaker, "hotplug", 2)
        while "pulse:hotplug" not in by_id(await asyncio.wait_for(changes.get(), 5)):
            pass
        await asyncio.to_thread(bed.unplug, "hotplug")
        while "pulse:hotplug" in by_id(await asyncio.wait_for(changes.get(), 5)):
            pass
        assert watcher.events >= 2
        # At rest: nothing happens on the server, so nothing happens here.
        await asyncio.sleep(0.5)  # the re-lists of the unplug's last events finish
        before, polls = counters.snapshot(), watcher.polls
        await asyncio.sleep(2.0)
        assert counters.since(before) == {} and watcher.polls == polls
        # Our own streams opening and closing are not device changes: no re-list either.
        player = Player(find_device("vspeaker", "output", watcher.devices), None)
        await player.start()
        await player.close()
        await asyncio.sleep(0.5)
        assert watcher.polls == polls
    finally:
        await watcher.stop()
    assert not watcher.running and not watcher.subscribed
    assert pactl_children() == []  # terminated and reaped


async def test_watcher_polls_slowly_without_a_sound_server_subscription(
    bed: PulseTestbed,
) -> None:
    """The fallback (no pactl, another platform, or the events lost): a poll per interval."""
    changes: asyncio.Queue[list[DeviceInfo]] = asyncio.Queue()
    watcher = DeviceWatcher(changes.put_nowait, interval=0.05, subscriber=None)
    before = counters.get(counters.DEVICE_POLL_TIMER)
    await watcher.start()
    try:
        assert not watcher.subscribed
        await asyncio.to_thread(bed.add_speaker, "polled", 2)
        while "pulse:polled" not in by_id(await asyncio.wait_for(changes.get(), 5)):
            pass
        assert counters.get(counters.DEVICE_POLL_TIMER) > before
        await asyncio.to_thread(bed.unplug, "polled")
    finally:
        await watcher.stop()


# -- the command line -------------------------------------------------------------------------
def dragoman(
    *args: str, env: dict[str, str], timeout: float = 60
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "dragoman", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def test_devices_command_lists_what_the_app_sees(bed: PulseTestbed) -> None:
    table = dragoman("devices", env=bed.env)
    assert table.returncode == 0, table.stderr
    assert "Test microphone" in table.stdout and "[monitor]" in table.stdout
    listed = dragoman("devices", "--json", env=bed.env)
    rows = {row["id"]: row for row in json.loads(listed.stdout)}
    assert rows["pulse:vmic"]["is_default_input"] and rows["pulse:vmic"]["flags"] == []
    assert rows["pulse:vspeaker.monitor"]["flags"] == ["monitor"]


def test_record_command_writes_what_would_be_sent_with_the_preroll(
    bed: PulseTestbed, tmp_path: Path
) -> None:
    reference = band_limit(sentence(5.0, seed=9) / 32768.0, WIRE)
    feeder = bed.feed("vmic_in", fft_resample(reference, WIRE, RATE), RATE, 2)
    out = tmp_path / "rec.wav"
    try:
        done = dragoman(
            "record", str(out), "--seconds", "1.4", "--ptt-at", "0.8", "--device", "vmic",
            env=bed.env,
        )  # fmt: skip
    finally:
        feeder.kill()
        feeder.wait()
    assert done.returncode == 0, done.stderr
    assert "pre-roll 300 ms" in done.stderr and "Speech detected: yes" in done.stderr
    with wave.open(str(out), "rb") as w:
        assert (w.getframerate(), w.getnchannels(), w.getsampwidth()) == (WIRE, 1, 2)
        captured = pcm16(w.readframes(w.getnframes()))
    # 0.3 s of pre-roll before the key at 0.8 s, the hold until 1.4 s, then 0.2 s of tail.
    assert len(captured) / WIRE == pytest.approx(0.3 + 0.6 + 0.2, abs=0.025)
    fit = align(captured, reference)
    assert fit.correlation >= 0.95 and fit.overlap == len(captured), fit


def test_play_command_plays_through_the_playback_path(bed: PulseTestbed, tmp_path: Path) -> None:
    voice = band_limit(sentence(1.5, seed=10) / 32768.0, 24_000)
    path = tmp_path / "voice.wav"
    path.write_bytes(write_wav_pcm16(voice, 24_000))
    rec = bed.record("vspeaker.monitor", RATE, 1)
    rec.wait_started()
    mark = rec.mark()
    done = dragoman("play", str(path), "--device", "vspeaker", env=bed.env)
    rec.wait_past(mark, 0.3, RATE)
    heard = rec.stop()[:, 0]
    assert done.returncode == 0, done.stderr
    assert "Underruns: 0" in done.stderr
    fit = align(heard, fft_resample(voice, 24_000, RATE))
    assert fit.correlation >= 0.95, fit


def test_a_device_that_does_not_exist_is_a_usage_error(bed: PulseTestbed, tmp_path: Path) -> None:
    done = dragoman(
        "record", str(tmp_path / "x.wav"), "--seconds", "1", "--device", "Nope", env=bed.env
    )
    assert done.returncode == 2
    assert "no input device called “Nope”" in done.stderr and "dragoman devices" in done.stderr
    assert not (tmp_path / "x.wav").exists()


def test_without_portaudio_only_the_audio_commands_fail(tmp_path: Path) -> None:
    """sounddevice raises OSError at import when libportaudio is missing; simulate exactly that."""
    fake = tmp_path / "fake"
    fake.mkdir()
    (fake / "sounddevice.py").write_text('raise OSError("PortAudio library not found")\n')
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(fake), env.get("PYTHONPATH", "")])
    version = dragoman("--version", env=env)
    assert version.returncode == 0 and version.stdout.startswith("dragoman ")
    devices = dragoman("devices", env=env)
    assert devices.returncode == 1
    assert "PortAudio library not found" in devices.stderr
    assert "apt-get install libportaudio2" in devices.stderr
    assert "Traceback" not in devices.stderr
