"""AudioRig on a real PulseAudio daemon: one virtual microphone, one watcher, nothing left behind.

The sound server's module list is read from outside (``pactl`` with the test bed's environment),
the way a person would check after quitting. Other Dragoman processes are real processes: one
that is killed leaves its modules behind (a crash), one that runs owns them.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import json
import os
import sys
from collections.abc import AsyncIterator, Iterator
from typing import Any

import numpy as np
import pytest

from dragoman.audio import portaudio
from dragoman.audio.capture import Capture
from dragoman.audio.devices import VIRTUAL_MIC_SINK, VIRTUAL_MIC_SOURCE, DeviceInfo, DeviceWatcher
from dragoman.audio.playback import Player
from dragoman.audio.rig import VIRTUAL_MIC_READY, AudioRig
from dragoman.core import counters
from dragoman.core.errors import AudioDeviceError
from dragoman.core.settings import Settings
from tests.audio_checks import in_process, pactl_children
from tests.testbed.pulse import PulseTestbed, TestbedError, pulse_daemon

pytestmark = pytest.mark.slow

RATE = 48_000
WITH_MIC = Settings(
    create_virtual_mic=True, call_output=f"pulse:{VIRTUAL_MIC_SINK}", monitor_output="default"
)


@pytest.fixture(scope="module")
def bed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PulseTestbed]:
    root = tmp_path_factory.mktemp("rig")
    with contextlib.ExitStack() as stack:
        try:
            daemon = stack.enter_context(
                pulse_daemon(root, rate=RATE, channels=2, microphones={"headset": 1})
            )
        except TestbedError as error:
            problem = str(error)
        else:
            yield stack.enter_context(in_process(daemon))
            return
    pytest.fail(problem, pytrace=False)


@pytest.fixture(autouse=True)
def nothing_left(bed: PulseTestbed) -> Iterator[None]:
    yield
    assert portaudio.open_streams() == 0
    assert mic_modules(bed) == [], "a virtual-microphone module outlived the test"


def mic_modules(bed: PulseTestbed) -> list[str]:
    """``pactl list short modules`` lines of the virtual microphone, as seen from outside."""
    lines = bed.pactl("list", "short", "modules").splitlines()
    return [line for line in lines if "dragoman_mic" in line]


def watchers_running() -> list[str]:
    """What watches the devices: polling tasks, and ``pactl subscribe`` children (from /proc)."""
    tasks = [t for t in asyncio.all_tasks() if t.get_name() == "device-watcher" and not t.done()]
    return [t.get_name() for t in tasks] + [c for c in pactl_children() if "subscribe" in c]


class Rig:
    """An AudioRig with everything it reports collected, and a quick device watcher."""

    def __init__(self, **factories: Any) -> None:
        self.errors: list[AudioDeviceError] = []
        self.attached: list[tuple[Any, Any, bool]] = []
        self.device_lists: list[list[DeviceInfo]] = []
        self.watchers: list[DeviceWatcher] = []
        self.rig = AudioRig(
            on_level=lambda rms, peak: None,
            on_playing=lambda playing: None,
            on_first_played=lambda when: None,
            on_error=self.errors.append,
            on_attached=lambda c, p, s: self.attached.append((c, p, s)),
            on_devices_changed=self.device_lists.append,
            watcher_factory=self.watcher,
            **factories,
        )

    def watcher(self, on_change: Any) -> DeviceWatcher:
        watcher = DeviceWatcher(on_change, interval=0.05)
        self.watchers.append(watcher)
        return watcher


@contextlib.asynccontextmanager
async def other_dragoman(bed: PulseTestbed) -> AsyncIterator[asyncio.subprocess.Process]:
    """Another Dragoman process that has created the virtual microphone and holds it until its
    stdin closes (then removes it, as a clean quit does) or until it is killed (a crash)."""
    script = (
        "import sys\n"
        "from dragoman.audio.virtual_mic import create_virtual_microphone\n"
        "vm = create_virtual_microphone()\n"
        "print('ready', vm.reused, flush=True)\n"
        "sys.stdin.read()\n"
        "vm.remove()\n"
    )
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "-c",
        script,
        env=bed.env,
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
    )
    try:
        assert proc.stdout is not None
        line = await asyncio.wait_for(proc.stdout.readline(), 30)
        assert line.split() == [b"ready", b"False"], line
        yield proc
    finally:
        if proc.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                proc.kill()
        await proc.communicate()


async def test_reconfigures_keep_one_virtual_mic_and_one_watcher_and_close_removes_it(
    bed: PulseTestbed,
) -> None:
    r = Rig()
    rig = r.rig
    try:
        settings = WITH_MIC
        for change in ({}, {"tail_ms": 350}, {"call_volume": 0.5}, {"input_device": "headset"}):
            settings = dataclasses.replace(settings, **change)
            await rig.reconfigure(settings)
            assert len(mic_modules(bed)) == 2, change  # one null sink, one remapped source
            assert len(r.watchers) == 1 and len(watchers_running()) == 1, change
        assert r.errors == []
        assert rig.virtual_mic is not None and not rig.virtual_mic.reused
        assert rig.capture is not None and rig.capture.device.pulse_name == "headset"
        assert r.watchers[0].subscribed  # the one watcher follows the sound server's events
        # The player plays into the virtual microphone, where a call app records it.
        player = rig.player
        assert player is not None
        # ("Test speaker", the monitor output, is a null sink: no speaker port or internal form
        # factor, so not built-in speakers, whatever its name says.)
        assert r.attached[-1] == (rig.capture, player, False) and not rig.monitor_is_speakers
        call_app = bed.record(VIRTUAL_MIC_SOURCE, RATE, 1)
        await asyncio.to_thread(call_app.wait_started)
        t = np.arange(RATE // 2) / RATE
        player.enqueue((0.5 * np.sin(2 * np.pi * 440 * t)).astype(np.float32), RATE)
        player.end_stream()
        await asyncio.to_thread(call_app.wait_for_more, 1.0, RATE)
        heard = call_app.stop()[:, 0]
        # At half the call volume: 0.25.
        assert np.abs(heard).max() == pytest.approx(0.25, abs=0.01)
    finally:
        await rig.aclose()
    assert mic_modules(bed) == [] and watchers_running() == [] and rig.closed
    assert r.attached[-1] == (None, None, False)
    await rig.aclose()  # twice is fine
    rig.close_virtual_mic_now()


@pytest.mark.parametrize(
    "fault", [AudioDeviceError("The microphone is busy."), RuntimeError("bug")]
)
async def test_a_failed_start_leaves_no_virtual_mic_after_close(
    bed: PulseTestbed, fault: Exception
) -> None:
    def broken(*args: Any, **kwargs: Any) -> Any:
        raise fault

    r = Rig(capture_factory=broken)
    try:
        if isinstance(fault, AudioDeviceError):
            await r.rig.reconfigure(WITH_MIC)  # a device problem is said, never raised
            assert r.errors == [fault]
        else:
            with pytest.raises(RuntimeError):
                await r.rig.reconfigure(WITH_MIC)
        assert r.rig.capture is None and len(mic_modules(bed)) == 2
    finally:
        await r.rig.aclose()
    assert mic_modules(bed) == [] and watchers_running() == []


async def test_a_leftover_of_a_crashed_dragoman_is_adopted_then_removed(
    bed: PulseTestbed,
) -> None:
    async with other_dragoman(bed) as crashed:
        left = mic_modules(bed)
        crashed.kill()  # SIGKILL: no clean-up runs
        await crashed.wait()
    assert len(left) == 2 and mic_modules(bed) == left
    r = Rig()
    try:
        await r.rig.reconfigure(WITH_MIC)
        vm = r.rig.virtual_mic
        assert vm is not None and vm.adopted == 2
        assert mic_modules(bed) == left  # the same modules: adopted, not duplicated
    finally:
        await r.rig.aclose()
    assert mic_modules(bed) == []


async def test_a_running_dragomans_virtual_mic_is_left_alone(bed: PulseTestbed) -> None:
    async with other_dragoman(bed) as running:
        theirs = mic_modules(bed)
        r = Rig()
        try:
            await r.rig.reconfigure(WITH_MIC)
            vm = r.rig.virtual_mic
            assert vm is not None and vm.reused and vm.adopted == 0
        finally:
            await r.rig.aclose()
        assert mic_modules(bed) == theirs  # still theirs, still there
        assert running.stdin is not None
        running.stdin.close()  # the other one quits cleanly and removes its own
        await asyncio.wait_for(running.wait(), 30)
    assert mic_modules(bed) == []


async def test_the_settings_button_creates_it_once_and_lists_it(bed: PulseTestbed) -> None:
    r = Rig()
    try:
        await r.rig.reconfigure(Settings())
        assert await r.rig.ensure_virtual_mic() == VIRTUAL_MIC_READY
        assert await r.rig.ensure_virtual_mic() == VIRTUAL_MIC_READY
        assert len(mic_modules(bed)) == 2
        outputs = dict((value, label) for label, value in r.rig.device_choices("output"))
        assert (
            f"pulse:{VIRTUAL_MIC_SINK}" in outputs
            and "virtual mic" in outputs[f"pulse:{VIRTUAL_MIC_SINK}"]
        )
        assert any(d.pulse_name == VIRTUAL_MIC_SINK for d in r.device_lists[-1])
        r.rig.close_virtual_mic_now()  # the synchronous last resort (atexit)
        assert mic_modules(bed) == []
    finally:
        await r.rig.aclose()


def our_streams(bed: PulseTestbed) -> list[str]:
    """This process's recording and playback streams, as the sound server lists them."""
    me = str(os.getpid())
    found = []
    for what in ("source-outputs", "sink-inputs"):
        for row in json.loads(bed.pactl("--format=json", "list", what)):
            if str((row.get("properties") or {}).get("application.process.id")) == me:
                found.append(f"{what}#{row['index']}")
    return found


def quick_release(factory: Any) -> Any:
    """The part as the rig builds it, but released after 0.5 s instead of minutes."""

    def build(*args: Any, **kwargs: Any) -> Any:
        return factory(*args, **{**kwargs, "release_after": 0.5})

    return build


async def wait_for(condition: Any, limit: float = 10.0) -> None:
    deadline = asyncio.get_running_loop().time() + limit
    while not condition():
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError(f"condition not met within {limit} s")
        await asyncio.sleep(0.02)


async def test_at_rest_nothing_runs_no_timer_no_process_no_stream(bed: PulseTestbed) -> None:
    """The window hidden (meter off) and the release period over: the microphone and the
    outputs are closed (checked from outside), and for 3 s no audio timer fires and no process
    starts (the app's own counters); only the one ``pactl subscribe`` child waits for events.
    A key-down then opens the microphone at once."""
    r = Rig(capture_factory=quick_release(Capture), player_factory=quick_release(Player))
    rig = r.rig
    try:
        await rig.reconfigure(Settings(input_device="headset", monitor_output="default"))
        rig.set_metering(False)
        assert r.errors == [] and rig.capture is not None and rig.player is not None
        await wait_for(lambda: our_streams(bed) == [])
        assert not rig.capture.is_open and not rig.player.is_open
        before = counters.snapshot()
        await asyncio.sleep(3.0)
        assert counters.since(before) == {}, counters.since(before)
        assert our_streams(bed) == []
        assert [c for c in pactl_children() if "subscribe" in c] == watchers_running()
        assert len(watchers_running()) == 1
        utt = rig.capture.begin_utterance()
        await wait_for(lambda: utt.frames_out >= 5)
        assert rig.capture.is_open and any(s.startswith("source") for s in our_streams(bed))
        utt.cancel()
    finally:
        await rig.aclose()


async def test_an_unplugged_microphone_ends_the_hold_through_the_sound_servers_events(
    bed: PulseTestbed,
) -> None:
    """No polling: the device watcher's event subscription notices the microphone going, the
    capture ends the hold with the frames it had and a sentence, and the rig reports it."""
    r = Rig()
    rig = r.rig
    try:
        await rig.reconfigure(Settings(input_device="headset", monitor_output=""))
        capture = rig.capture
        assert capture is not None and capture.device.pulse_name == "headset"
        utt = capture.begin_utterance()
        got: list[bytes] = []
        with pytest.raises(AudioDeviceError) as caught:
            async for frame in utt.frames():
                got.append(frame)
                if len(got) == 10:
                    await asyncio.to_thread(bed.unplug, "headset")
        assert "disconnected" in str(caught.value) and "headset" in str(caught.value)
        assert r.errors == [caught.value] and len(got) >= 10
        assert r.watchers[0].events >= 1 and r.watchers[0].subscribed
    finally:
        await rig.aclose()
        bed.add_microphone("headset", 1)
        await asyncio.to_thread(bed.wait_ready, "headset")
