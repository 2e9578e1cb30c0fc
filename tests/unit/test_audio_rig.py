"""AudioRig's bookkeeping with fake parts: what is rebuilt, in which order, and what is closed.

The fakes record every start/stop in one shared journal, so a test can check the order of events
across parts (the consumer lets go of a capture before it stops; the virtual microphone is removed
after the parts that use it). The real devices are in tests/integration/test_audio_rig.py.
"""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import Callable
from typing import Any

import pytest

from dragoman.audio.devices import VIRTUAL_MIC_SINK, VIRTUAL_MIC_SOURCE, DeviceInfo
from dragoman.audio.rig import VIRTUAL_MIC_READY, AudioRig
from dragoman.core.errors import AudioDeviceError
from dragoman.core.settings import Settings


def dev(name: str, ins: int = 0, outs: int = 0, **kw: Any) -> DeviceInfo:
    return DeviceInfo(
        3, kw.pop("label", name), "PulseAudio", ins, outs, 48000.0, pulse_name=name, **kw
    )


MIC = dev("mic", 1, 0, is_default_input=True)
HEADSET = dev("headset", 1, 0)
SPEAKERS = dev("speakers", 0, 2, is_default_output=True, builtin_speakers=True)
PHONES = dev("phones", 0, 2)
MIC_SINK = dev(VIRTUAL_MIC_SINK, 0, 1, virtual_mic=True)
MIC_SOURCE = dev(VIRTUAL_MIC_SOURCE, 1, 0, virtual_mic=True)


class Journal(list[str]):
    pass


class FakeCapture:
    def __init__(self, journal: Journal, device: DeviceInfo, **kw: Any) -> None:
        self.journal, self.device, self.kw = journal, device, kw
        self.started = self.stopped = False
        self.fail_start: AudioDeviceError | None = None
        self.release_after: float | None = kw.get("release_after")
        self.metering: bool = kw.get("metering", True)
        self.is_open = False

    def set_release_after(self, seconds: float | None) -> None:
        self.journal.append(f"capture-policy-{seconds}")
        self.release_after = seconds

    def set_metering(self, on: bool) -> None:
        self.metering = on

    async def start(self) -> None:
        self.journal.append(f"capture+{self.device.pulse_name}")
        self.started = True
        if self.fail_start is not None:
            raise self.fail_start

    async def stop(self) -> None:
        self.journal.append(f"capture-{self.device.pulse_name}")
        self.stopped = True

    def check_presence(self, devices: list[DeviceInfo]) -> bool:
        present = any(d.pulse_name == self.device.pulse_name for d in devices)
        if not present:
            self.journal.append(f"capture-gone-{self.device.pulse_name}")
        return present


class FakePlayer:
    def __init__(
        self, journal: Journal, call: DeviceInfo | None, monitor: DeviceInfo | None, **kw: Any
    ) -> None:
        self.journal, self.call, self.monitor, self.kw = journal, call, monitor, kw
        self.volumes: list[tuple[str, float]] = []
        self.closed = False
        self.release_after: float | None = kw.get("release_after")
        self.presence_checks: list[list[DeviceInfo]] = []

    def set_release_after(self, seconds: float | None) -> None:
        self.journal.append(f"player-policy-{seconds}")
        self.release_after = seconds

    def check_presence(self, devices: list[DeviceInfo]) -> bool:
        self.presence_checks.append(devices)
        return True

    def name(self) -> str:
        return "/".join(str(d.pulse_name if d else None) for d in (self.call, self.monitor))

    async def start(self) -> None:
        self.journal.append(f"player+{self.name()}")

    async def close(self) -> None:
        self.journal.append(f"player-{self.name()}")
        self.closed = True

    def set_volume(self, which: str, volume: float) -> None:
        self.volumes.append((which, volume))


class FakeWatcher:
    instances: list[FakeWatcher]

    def __init__(self, journal: Journal, on_change: Callable[[list[DeviceInfo]], None]) -> None:
        self.journal, self.on_change = journal, on_change
        self.running = False

    async def start(self) -> None:
        self.journal.append("watcher+")
        self.running = True

    async def stop(self) -> None:
        self.journal.append("watcher-")
        self.running = False


class FakeMic:
    def __init__(self, journal: Journal, devices: list[DeviceInfo]) -> None:
        self.journal, self.devices = journal, devices
        self.removed = 0

    def remove(self) -> None:
        self.journal.append("mic-")
        self.removed += 1
        for d in (MIC_SINK, MIC_SOURCE):
            if d in self.devices:
                self.devices.remove(d)


class Harness:
    def __init__(self, devices: list[DeviceInfo] | None = None) -> None:
        self.journal = Journal()
        self.devices = list(devices if devices is not None else [MIC, HEADSET, SPEAKERS, PHONES])
        self.errors: list[str] = []
        self.notices: list[tuple[str, str]] = []
        self.attached: list[tuple[Any, Any, bool]] = []
        self.captures: list[FakeCapture] = []
        self.players: list[FakePlayer] = []
        self.watchers: list[FakeWatcher] = []
        self.mics: list[FakeMic] = []
        self.capture_error: BaseException | None = None
        self.capture_start_error: AudioDeviceError | None = None
        self.rig = AudioRig(
            on_level=lambda rms, peak: None,
            on_playing=lambda playing: None,
            on_first_played=lambda when: None,
            on_error=lambda error: self.errors.append(str(error)),
            on_attached=self.on_attached,
            on_notice=lambda key, text: self.notices.append((key, text)),
            capture_factory=self.make_capture,
            player_factory=self.make_player,
            watcher_factory=self.make_watcher,
            list_devices=lambda: list(self.devices),
            create_virtual_mic=self.make_mic,
        )

    def on_attached(self, capture: Any, player: Any, speakers: bool) -> None:
        self.journal.append("attached")
        self.attached.append((capture, player, speakers))

    def make_capture(self, device: DeviceInfo, **kw: Any) -> FakeCapture:
        if self.capture_error is not None:
            raise self.capture_error
        capture = FakeCapture(self.journal, device, **kw)
        capture.fail_start = self.capture_start_error
        self.captures.append(capture)
        return capture

    def make_player(self, call: Any, monitor: Any, **kw: Any) -> FakePlayer:
        player = FakePlayer(self.journal, call, monitor, **kw)
        self.players.append(player)
        return player

    def make_watcher(self, on_change: Callable[[list[DeviceInfo]], None]) -> FakeWatcher:
        watcher = FakeWatcher(self.journal, on_change)
        self.watchers.append(watcher)
        return watcher

    def make_mic(self) -> FakeMic:
        self.journal.append("mic+")
        self.devices += [MIC_SINK, MIC_SOURCE]
        mic = FakeMic(self.journal, self.devices)
        self.mics.append(mic)
        return mic


BASE = Settings(monitor_output="default")


def with_(settings: Settings = BASE, **changes: Any) -> Settings:
    return dataclasses.replace(settings, **changes)


async def test_first_reconfigure_opens_everything_and_one_watcher() -> None:
    h = Harness()
    await h.rig.reconfigure(BASE)
    assert h.journal == ["capture+mic", "player+None/speakers", "watcher+", "attached"]
    capture, player, speakers = h.attached[-1]
    assert capture is h.captures[0] and player is h.players[0] and speakers
    assert h.rig.capture is capture and h.rig.player is player and h.rig.monitor_is_speakers
    assert h.errors == [] and h.notices == []


async def test_later_reconfigures_rebuild_only_what_changed() -> None:
    h = Harness()
    s = BASE
    await h.rig.reconfigure(s)
    h.journal.clear()
    await h.rig.reconfigure(s)  # nothing changed: nothing rebuilt, the consumer told again
    assert h.journal == ["attached"]
    for field, value in [("tail_ms", 350), ("preroll_ms", 100)]:
        h.journal.clear()
        s = with_(s, **{field: value})
        await h.rig.reconfigure(s)
        # The consumer lets go of the old capture before it stops; the player is untouched.
        assert h.journal == ["attached", "capture-mic", "capture+mic", "attached"], field
    h.journal.clear()
    s = with_(s, input_device="pulse:headset")
    await h.rig.reconfigure(s)
    assert h.journal == ["attached", "capture-mic", "capture+headset", "attached"]
    assert h.captures[-1].kw["tail_ms"] == 350 and h.captures[-1].kw["release_after"] == 300.0
    h.journal.clear()
    s = with_(s, call_output="pulse:phones")
    await h.rig.reconfigure(s)
    assert h.journal == ["attached", "player-None/speakers", "player+phones/speakers", "attached"]
    h.journal.clear()
    s = with_(s, call_volume=0.5, monitor_volume=1.5)
    await h.rig.reconfigure(s)
    assert h.journal == ["attached"]  # volumes are set on the running player
    assert h.players[-1].volumes == [("call", 0.5), ("monitor", 1.5)]
    assert len(h.watchers) == 1 and len(h.players) == 2 and len(h.captures) == 4


async def test_a_default_that_moves_rebuilds_the_part_that_follows_it() -> None:
    h = Harness()
    await h.rig.reconfigure(BASE)
    h.devices[:] = [dataclasses.replace(MIC, is_default_input=False), SPEAKERS]
    h.devices.append(dataclasses.replace(HEADSET, is_default_input=True))
    h.journal.clear()
    await h.rig.reconfigure(with_(call_volume=0.9))
    assert h.journal == ["attached", "capture-mic", "capture+headset", "attached"]


async def test_fallbacks_are_notices_and_device_problems_never_raise() -> None:
    h = Harness()
    await h.rig.reconfigure(with_(input_device="pulse:gone", call_output="pulse:gone too"))
    assert (
        "audio-input",
        "The microphone “pulse:gone” is not connected; using “mic” instead.",
    ) in (h.notices)
    assert any(key == "audio-output" for key, _ in h.notices)
    assert h.errors == []
    h2 = Harness(devices=[SPEAKERS])
    await h2.rig.reconfigure(BASE)
    assert h2.rig.capture is None and h2.rig.player is not None
    assert h2.errors and "No microphone was found" in h2.errors[0]
    assert h2.attached[-1] == (None, h2.players[0], True)


async def test_a_capture_that_cannot_be_built_is_none_and_said() -> None:
    h = Harness()
    h.capture_error = AudioDeviceError("The microphone “mic” is busy.")
    await h.rig.reconfigure(BASE)
    assert h.rig.capture is None and h.errors == ["The microphone “mic” is busy."]
    assert h.rig.player is not None  # the rest still works
    h.capture_error = None
    await h.rig.reconfigure(BASE)  # the next reconfigure tries again
    assert h.rig.capture is h.captures[0]


async def test_a_capture_that_cannot_open_stays_attached_for_the_next_key_down() -> None:
    h = Harness()
    h.capture_start_error = AudioDeviceError("Could not open the microphone “mic”.")
    await h.rig.reconfigure(BASE)
    assert h.rig.capture is h.captures[0] and h.errors == ["Could not open the microphone “mic”."]


async def test_concurrent_reconfigures_are_serialised() -> None:
    h = Harness()
    await asyncio.gather(
        h.rig.reconfigure(BASE),
        h.rig.reconfigure(with_(tail_ms=300)),
        h.rig.reconfigure(with_(tail_ms=400)),
    )
    starts = [e for e in h.journal if e.startswith("capture")]
    # Each rebuild completes (stop, start) before the next begins; one capture is left.
    assert starts == ["capture+mic", "capture-mic", "capture+mic", "capture-mic", "capture+mic"]
    assert h.rig.capture is h.captures[-1] and h.captures[-1].kw["tail_ms"] == 400
    assert len(h.watchers) == 1


async def test_virtual_mic_is_created_once_and_removed_after_its_users() -> None:
    h = Harness()
    on = with_(create_virtual_mic=True, call_output=f"pulse:{VIRTUAL_MIC_SINK}")
    await h.rig.reconfigure(on)
    await h.rig.reconfigure(with_(on, tail_ms=500))
    assert await h.rig.ensure_virtual_mic() == VIRTUAL_MIC_READY
    assert await h.rig.ensure_virtual_mic() == VIRTUAL_MIC_READY
    assert h.journal.count("mic+") == 1 and h.rig.virtual_mic is h.mics[0]
    assert h.players[-1].call == MIC_SINK
    h.journal.clear()
    await h.rig.reconfigure(with_(on, create_virtual_mic=False))
    # The player that plays into it is closed first, then the modules go, then a new player.
    assert h.journal[:3] == ["attached", f"player-{VIRTUAL_MIC_SINK}/speakers", "mic-"]
    assert h.rig.virtual_mic is None and h.mics[0].removed == 1
    assert h.players[-1].call == SPEAKERS  # the call output falls back, and says so
    assert any(key == "audio-output" for key, _ in h.notices)


async def test_virtual_mic_made_by_the_button_survives_reconfigures_that_keep_it_off() -> None:
    h = Harness()
    await h.rig.reconfigure(BASE)
    await h.rig.ensure_virtual_mic()
    await h.rig.reconfigure(with_(tail_ms=500))
    assert h.rig.virtual_mic is not None and h.mics[0].removed == 0


async def test_aclose_closes_everything_once_in_order() -> None:
    h = Harness()
    await h.rig.reconfigure(with_(create_virtual_mic=True))
    h.journal.clear()
    await h.rig.aclose()
    assert h.journal == ["watcher-", "attached", "capture-mic", "player-None/speakers", "mic-"]
    assert h.attached[-1] == (None, None, False)
    await h.rig.aclose()
    h.rig.close_virtual_mic_now()
    assert h.journal.count("mic-") == 1
    await h.rig.reconfigure(BASE)  # after close: nothing opens again
    assert len(h.captures) == 1 and not h.watchers[0].running
    with pytest.raises(AudioDeviceError):
        await h.rig.ensure_virtual_mic()
    assert len(h.mics) == 1


async def test_a_failed_start_still_closes_the_virtual_mic() -> None:
    h = Harness()
    h.capture_error = RuntimeError("a bug in the capture")
    with pytest.raises(RuntimeError):
        await h.rig.reconfigure(with_(create_virtual_mic=True))
    assert len(h.watchers) == 1 and h.attached  # consistent: watcher on, consumer told
    await h.rig.aclose()
    assert h.mics[0].removed == 1 and not h.watchers[0].running


async def test_close_virtual_mic_now_is_the_synchronous_last_resort() -> None:
    h = Harness()
    await h.rig.reconfigure(with_(create_virtual_mic=True))
    h.rig.close_virtual_mic_now()
    h.rig.close_virtual_mic_now()
    assert h.mics[0].removed == 1 and h.rig.virtual_mic is None
    await h.rig.aclose()
    assert h.mics[0].removed == 1


async def test_aclose_waits_for_a_reconfigure_under_way_and_closes_what_it_opened() -> None:
    h = Harness()
    gate = asyncio.Event()
    opened = asyncio.Event()

    async def slow_start(self: FakeCapture) -> None:
        self.journal.append("capture+slow")
        opened.set()
        await gate.wait()

    FakeCapture.start, original = slow_start, FakeCapture.start  # type: ignore[method-assign]
    try:
        configuring = asyncio.ensure_future(h.rig.reconfigure(BASE))
        await opened.wait()
        closing = asyncio.ensure_future(h.rig.aclose())
        await asyncio.sleep(0)
        configuring.cancel()  # e.g. the app's task set cancelled at quit
        await asyncio.sleep(0)
        gate.set()
        with pytest.raises(asyncio.CancelledError):
            await configuring
        await closing
    finally:
        FakeCapture.start = original  # type: ignore[method-assign]
    assert h.captures[0].stopped  # the capture whose open was under way was closed
    assert h.attached[-1] == (None, None, False)


async def test_device_changes_update_the_list_and_are_passed_on() -> None:
    h = Harness()
    seen: list[list[DeviceInfo]] = []
    h.rig.on_devices_changed = seen.append
    await h.rig.reconfigure(BASE)
    h.watchers[0].on_change([MIC, SPEAKERS])
    assert seen == [[MIC, SPEAKERS]] and h.rig.devices == [MIC, SPEAKERS]
    assert h.rig.device_choices("input") == [("mic", "pulse:mic")]
    assert h.rig.device_choices("output") == [("speakers (builtin speakers)", "pulse:speakers")]
    assert "capture-gone-mic" not in h.journal
    h.watchers[0].on_change([SPEAKERS])  # the microphone was unplugged: the capture is told
    assert h.journal[-1] == "capture-gone-mic"
    assert h.players[0].presence_checks[-1] == [SPEAKERS]  # and so is the player


async def test_the_microphone_policy_and_the_meter_apply_to_the_running_parts() -> None:
    """Policy and meter changes never rebuild a part (that would drop the pre-roll and reopen
    devices): they are set on the running capture and player."""
    h = Harness()
    await h.rig.reconfigure(BASE)  # the default: released 5 minutes after a hold
    capture, player = h.captures[0], h.players[0]
    assert capture.kw["release_after"] == 300.0 and player.kw["release_after"] == 300.0
    assert capture.kw["metering"] is True and h.rig.metering
    h.journal.clear()
    s = with_(mic_policy="talking")
    await h.rig.reconfigure(s)
    assert h.journal == ["capture-policy-0.0", "player-policy-30.0", "attached"]
    h.journal.clear()
    await h.rig.reconfigure(with_(s, mic_policy="minutes", mic_release_minutes=2))
    assert h.journal == ["capture-policy-120.0", "player-policy-120.0", "attached"]
    h.journal.clear()
    await h.rig.reconfigure(with_(s, mic_policy="always"))
    # "always" also opens a released microphone now.
    assert h.journal == ["capture-policy-None", "capture+mic", "player-policy-None", "attached"]
    h.journal.clear()
    await h.rig.reconfigure(with_(s, mic_policy="always", keep_mic_open=False))
    assert h.journal == ["capture-policy-0.0", "player-policy-30.0", "attached"]  # the opt-out
    h.rig.set_metering(False)
    assert not capture.metering and not h.rig.metering
    h.journal.clear()
    await h.rig.reconfigure(with_(s, input_device="pulse:headset"))  # a new capture
    assert h.captures[-1].kw["metering"] is False
    assert len(h.captures) == 2 and len(h.players) == 1
