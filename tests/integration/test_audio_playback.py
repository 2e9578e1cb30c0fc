"""Playback through a real PulseAudio daemon: what is enqueued arrives intact, gaps never click.

The daemon runs at 44.1 kHz so that the 24 kHz translated voice goes through a real (non-integer)
resampling step; the test records the virtual speakers with ``parec`` (a separate process).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import time
from collections.abc import Callable, Iterator

import numpy as np
import pytest

from dragoman.audio import portaudio
from dragoman.audio.devices import DeviceInfo, DeviceWatcher, find_device, list_devices
from dragoman.audio.playback import Player
from dragoman.core import counters
from dragoman.core.errors import AudioDeviceError
from tests.audio_checks import align, band_limit, fft_resample, in_process
from tests.speech import espeak
from tests.testbed.pulse import PulseTestbed, Recording, TestbedError, pulse_daemon

pytestmark = pytest.mark.slow

RATE = 44_100
VOICE = 24_000
CHUNK = 480  # 20 ms at 24 kHz, as translated audio arrives


@pytest.fixture(scope="module")
def bed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PulseTestbed]:
    root = tmp_path_factory.mktemp("playback")
    with contextlib.ExitStack() as stack:
        try:
            daemon = stack.enter_context(
                pulse_daemon(root, rate=RATE, channels=2, speakers={"phones": 2, "doomed": 1})
            )
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


def output(name: str) -> DeviceInfo:
    found = find_device(name, "output", list_devices())
    assert found is not None, f"{name} is not listed"
    return found


def tone(seconds: float, freq: float = 440.0, amplitude: float = 0.5) -> np.ndarray:
    t = np.arange(round(seconds * VOICE)) / VOICE
    return (amplitude * np.sin(2 * np.pi * freq * t)).astype(np.float32)


class Watch:
    """Collects ``on_playing`` / ``on_error`` and lets a test wait for them."""

    def __init__(self) -> None:
        self.changes: list[bool] = []
        self.errors: list[AudioDeviceError] = []
        self.stopped = asyncio.Event()
        self.failed = asyncio.Event()

    def on_playing(self, playing: bool) -> None:
        self.changes.append(playing)
        if not playing:
            self.stopped.set()

    async def played_out(self, player: Player, limit: float = 10.0) -> None:
        """End the stream and wait until its last sample has played (not an earlier pause)."""
        player.end_stream()
        self.stopped.clear()
        if player.is_playing:
            await asyncio.wait_for(self.stopped.wait(), limit)

    def on_error(self, error: AudioDeviceError) -> None:
        self.errors.append(error)
        self.failed.set()


async def pace(
    player: Player,
    samples: np.ndarray,
    jitter: list[float] | None = None,
    stalls: tuple[tuple[float, float], ...] = (),
) -> float:
    """Enqueue 20 ms chunks as a network delivers them; return the time of the first.

    Chunk ``i`` is due at ``i * 20 ms`` plus its own ``jitter[i]``; a stall ``(at, seconds)``
    holds back everything due in that span, which then arrives at once (a burst).
    """
    start = time.monotonic()
    due = 0.0
    for i, offset in enumerate(range(0, len(samples), CHUNK)):
        when = i * CHUNK / VOICE + (jitter[i] if jitter else 0.0)
        for at, seconds in stalls:
            if at <= when < at + seconds:
                when = at + seconds
        due = max(due, when)  # a network delivers in order
        wait = start + due - time.monotonic()
        if wait > 0:
            await asyncio.sleep(wait)  # the scenario's arrival schedule, not a wait for a result
        player.enqueue(samples[offset : offset + CHUNK], VOICE)
    return start


async def recorded(bed: PulseTestbed, source: str, channels: int = 2) -> Recording:
    rec = bed.record(source, RATE, channels)
    await asyncio.to_thread(rec.wait_started)
    return rec


async def finished(rec: Recording) -> np.ndarray:
    """Stop ``rec`` once it holds what was just played (parec writes with some delay)."""
    await asyncio.to_thread(rec.wait_for_more, 0.25, RATE)
    return rec.stop()


async def test_known_signal_arrives_intact_through_the_jitter_buffer(
    bed: PulseTestbed, tmp_path_factory: pytest.TempPathFactory
) -> None:
    path = tmp_path_factory.mktemp("voice") / "voice.wav"
    samples, rate = espeak("The translation arrives in small pieces.", path)
    voice = fft_resample(band_limit(samples, rate), rate, VOICE).astype(np.float32)
    reference = fft_resample(voice, VOICE, RATE)
    watch = Watch()
    rec = await recorded(bed, "vspeaker.monitor")
    first_played: list[float] = []
    player = Player(
        output("vspeaker"), None, on_playing=watch.on_playing, on_first_played=first_played.append
    )
    try:
        started = await pace(player, voice)
        await watch.played_out(player)
        stats = player.stats["call"]
        first = player.first_played_at
    finally:
        await player.close()
    audio = await finished(rec)
    fit = align(audio[:, 0], reference)
    assert fit.correlation >= 0.95, fit
    assert fit.overlap >= len(reference) - 64
    np.testing.assert_allclose(audio[:, 0], audio[:, 1])  # mono voice on both channels
    assert watch.changes == [True, False]
    assert stats.underruns == 0 and stats.rate == RATE
    assert len(first) == 1 and first[0] > started
    assert first_played == first  # reported as soon as it was known
    lat = sorted(stats.latencies)
    assert len(lat) >= len(voice) // CHUNK - 1
    assert 0.0 < lat[len(lat) // 2] < 0.25  # enqueue -> device, median


async def test_jittery_arrival_pauses_softly_and_never_speeds_up(bed: PulseTestbed) -> None:
    """Chunks arrive with jitter and two long stalls: playout pauses (counted underruns) with a
    fade, never clicks, then plays the late burst at normal speed, losing nothing."""
    seconds = 2.0
    sine = tone(seconds)
    rng = np.random.default_rng(11)
    jitter = [float(d) for d in rng.uniform(0.0, 0.03, len(sine) // CHUNK + 1)]
    stalls = ((0.6, 0.25), (1.3, 0.25))  # then the held-back chunks arrive in a burst
    watch = Watch()
    rec = await recorded(bed, "vspeaker.monitor")
    player = Player(output("vspeaker"), None, on_playing=watch.on_playing)
    try:
        await pace(player, sine, jitter, stalls)
        await watch.played_out(player)
        underruns = player.underruns
        counts = player.playout
    finally:
        await player.close()
    audio = (await finished(rec))[:, 0]
    # The two stalls pause playout (the jitter itself is absorbed). When the sound server itself
    # stalled too (an output underflow, on a loaded machine), the device stopped draining the
    # buffer, so one of the stalls may have been covered by what piled up meanwhile.
    assert underruns <= 4, counts
    assert underruns >= (2 if counts.output_underflows == 0 else 1), counts
    # No click: no step between neighbours larger than twice the sine's own steepest slope.
    slope = 0.5 * 2 * np.pi * 440 / RATE
    steps = np.abs(np.diff(audio))
    assert steps.max() <= 2 * slope, f"discontinuity of {steps.max():.3f}: {counts}"
    # Nothing lost, repeated or sped up: the time with sound is the time that was sent (the
    # fades at the two pauses cost a few ms), at the same pitch.
    heard = float(np.sum(audio.astype(np.float64) ** 2)) / (0.5**2 / 2) / RATE
    assert heard == pytest.approx(seconds, abs=0.03)  # the sine's energy, as seconds of it
    block = RATE // 100
    loud = [
        i
        for i in range(0, len(audio) - block, block)
        if np.sqrt(np.mean(audio[i : i + block] ** 2)) > 0.3
    ]
    active = np.concatenate([audio[i : i + block] for i in loud])
    crossings = np.count_nonzero(np.diff(np.signbit(active)))
    assert crossings / (len(active) / RATE) == pytest.approx(880, rel=0.02)


async def test_two_outputs_each_with_its_own_volume(bed: PulseTestbed) -> None:
    watch = Watch()
    recs = {name: await recorded(bed, f"{name}.monitor") for name in ("vspeaker", "phones")}
    player = Player(
        output("vspeaker"),
        output("phones"),
        call_volume=1.0,
        monitor_volume=0.5,
        on_playing=watch.on_playing,
    )
    assert player.outputs == ("call", "monitor")
    try:
        await player.start()
        player.enqueue(tone(1.0, amplitude=0.6), VOICE)  # one burst: fine too
        await watch.played_out(player)
    finally:
        await player.close()
    peaks = {name: float(np.abs(await finished(rec)).max()) for name, rec in recs.items()}
    assert peaks["vspeaker"] == pytest.approx(0.6, abs=0.01)
    assert peaks["phones"] == pytest.approx(0.3, abs=0.01)
    same = Player(output("vspeaker"), output("vspeaker"))
    assert same.outputs == ("call",)  # one device is opened once
    await same.close()
    with pytest.raises(ValueError):
        same.set_volume("call", 3.0)


async def test_flush_stops_at_once_without_a_click(bed: PulseTestbed) -> None:
    watch = Watch()
    rec = await recorded(bed, "vspeaker.monitor")
    player = Player(output("vspeaker"), None, on_playing=watch.on_playing)
    try:
        player.enqueue(tone(3.0), VOICE)
        deadline = time.monotonic() + 5
        while not player.first_played_at:  # wait until it is audibly playing
            assert time.monotonic() < deadline
            await asyncio.sleep(0.01)
        await asyncio.sleep(0.3)  # the person listens for a moment, then interrupts
        player.flush()
        await asyncio.wait_for(watch.stopped.wait(), 2)
    finally:
        await player.close()
    audio = (await finished(rec))[:, 0]
    loud = np.count_nonzero(np.abs(audio) > 0.25) / RATE
    assert 0.1 < loud < 1.5  # a third of a second or so, not the whole 3 s
    # The tone itself changes by at most 0.5*2*pi*440/RATE ≈ 0.031 per sample; an abrupt stop at a
    # peak would jump by up to 0.5. Three times the tone's own slope leaves room for the fade
    # meeting a scheduling hiccup under load (seen: 2.1x) and still catches any click (10x or more).
    assert np.abs(np.diff(audio)).max() <= 3 * 0.5 * 2 * np.pi * 440 / RATE


async def test_pause_stops_only_the_monitor_at_once_and_drops_what_comes_until_resumed(
    bed: PulseTestbed,
) -> None:
    """Barge-in on the real device path: the monitor (the speakers the microphone hears) stops
    with a fade, hears nothing of what arrives while paused, and plays again after resume; the
    call output plays everything."""
    watch = Watch()
    recs = {name: await recorded(bed, f"{name}.monitor") for name in ("vspeaker", "phones")}
    player = Player(output("vspeaker"), output("phones"), on_playing=watch.on_playing)
    try:
        player.enqueue(tone(3.0), VOICE)
        deadline = time.monotonic() + 5
        while not player.first_played_at:
            assert time.monotonic() < deadline
            await asyncio.sleep(0.01)
        await asyncio.sleep(0.3)  # the translation plays; then the talk key goes down
        assert player.pause()
        assert player.paused == ("monitor",) and not player.pause()  # once
        player.enqueue(tone(0.5, freq=660), VOICE)  # arrives during the hold
        await asyncio.sleep(0.3)
        player.resume()  # the key is up: the next translation plays
        assert player.paused == ()
        player.enqueue(tone(0.5, freq=880), VOICE)
        await watch.played_out(player)
    finally:
        await player.close()
    call = (await finished(recs["vspeaker"]))[:, 0]
    monitor = (await finished(recs["phones"]))[:, 0]
    assert player.pauses == 1 and player.paused_samples > RATE  # the rest of the 3 s, and more

    def seconds_of(audio: np.ndarray, freq: float) -> float:
        """Seconds of 100 ms blocks whose strongest component is ``freq`` (±20 Hz)."""
        block = RATE // 10
        found = 0
        for i in range(0, len(audio) - block, block):
            chunk = audio[i : i + block]
            if np.abs(chunk).max() < 0.1:
                continue
            peak = np.argmax(np.abs(np.fft.rfft(chunk))) * RATE / block
            found += abs(peak - freq) <= 20
        return found / 10

    assert seconds_of(call, 440) > 2.5 and seconds_of(call, 660) > 0.3
    assert 0.1 <= seconds_of(monitor, 440) < 1.0  # cut about a third of a second in
    assert seconds_of(monitor, 660) == 0  # nothing that arrived while paused was played
    assert seconds_of(monitor, 880) > 0.3  # and the next translation plays again
    # The cut is a fade, never a click (see the flush test for the bound). Checked where the
    # pause cut the first tone: the end of its sound, followed by at least 50 ms of silence (an
    # underrun on a loaded machine makes its own gaps elsewhere; those are not the pause's).
    loud = np.flatnonzero(np.abs(monitor) > 0.01)
    gaps = np.flatnonzero(np.diff(loud) > RATE // 20)
    assert gaps.size, "the pause left no silence in the monitor"
    cut = int(loud[gaps[0]])  # the last sounding sample before the first long silence
    around = monitor[max(0, cut - RATE // 50) : cut + RATE // 100]
    assert np.abs(np.diff(around)).max() <= 3 * 0.5 * 2 * np.pi * 880 / RATE


async def test_mute_all_silences_only_the_call_output_until_unmuted(bed: PulseTestbed) -> None:
    """ "Mute all" (meeting mode) on the real device path: the call output stops at once and
    plays nothing that arrives while muted; the monitor plays everything; unmuted, the call
    plays again."""
    watch = Watch()
    recs = {name: await recorded(bed, f"{name}.monitor") for name in ("vspeaker", "phones")}
    player = Player(output("vspeaker"), output("phones"), on_playing=watch.on_playing)
    try:
        player.enqueue(tone(2.0), VOICE)
        deadline = time.monotonic() + 5
        while not player.first_played_at:
            assert time.monotonic() < deadline
            await asyncio.sleep(0.01)
        await asyncio.sleep(0.3)  # the translation plays; then "mute all" is pressed
        player.set_call_muted(True)
        player.enqueue(tone(0.5, freq=660), VOICE)  # a translation that comes while muted
        await watch.played_out(player)
        player.set_call_muted(False)
        player.enqueue(tone(0.5, freq=880), VOICE)
        await watch.played_out(player)
    finally:
        await player.close()
    call = (await finished(recs["vspeaker"]))[:, 0]
    monitor = (await finished(recs["phones"]))[:, 0]

    def seconds_of(audio: np.ndarray, freq: float) -> float:
        block = RATE // 10
        found = 0
        for i in range(0, len(audio) - block, block):
            chunk = audio[i : i + block]
            if np.abs(chunk).max() < 0.1:
                continue
            peak = np.argmax(np.abs(np.fft.rfft(chunk))) * RATE / block
            found += abs(peak - freq) <= 20
        return found / 10

    assert 0.1 <= seconds_of(call, 440) < 1.5  # cut soon after it was muted
    assert seconds_of(call, 660) == 0  # nothing that arrived while muted
    assert seconds_of(call, 880) > 0.3  # unmuted: the next one plays
    assert seconds_of(monitor, 440) > 1.5 and seconds_of(monitor, 660) > 0.3  # the monitor: all
    assert seconds_of(monitor, 880) > 0.3


async def test_unplugged_output_reports_a_sentence_and_nothing_crashes(bed: PulseTestbed) -> None:
    watch = Watch()
    player = Player(
        output("doomed"), output("phones"), on_playing=watch.on_playing, on_error=watch.on_error
    )
    # As the rig does: the device watcher follows the sound server's events.
    watcher = DeviceWatcher(lambda devices: player.check_presence(devices), interval=60.0)
    await watcher.start()
    assert watcher.subscribed
    try:
        player.enqueue(tone(3.0), VOICE)
        deadline = time.monotonic() + 5
        while not player.first_played_at:
            assert time.monotonic() < deadline
            await asyncio.sleep(0.01)
        await asyncio.to_thread(bed.unplug, "doomed")
        await asyncio.wait_for(watch.failed.wait(), 5)
        assert "disconnected" in str(watch.errors[0])
        assert "Test speaker doomed" in str(watch.errors[0])
        assert player.error is watch.errors[0]
        player.enqueue(tone(0.2), VOICE)  # still accepted; the monitor output keeps playing
        assert player.stats["monitor"].played_frames > 0
    finally:
        await watcher.stop()
        await player.close()


async def test_a_fault_in_the_pump_is_reported_not_silent(bed: PulseTestbed) -> None:
    """An unexpected exception in the pump (here injected into one output's feed) fails the
    player once, with a sentence through on_error, and closes its streams."""
    watch = Watch()
    player = Player(
        output("phones"), output("vspeaker"), on_playing=watch.on_playing, on_error=watch.on_error
    )
    try:
        await player.start()

        def faulty(now: float) -> None:
            raise RuntimeError("injected fault")

        player._outputs["call"].feed = faulty  # type: ignore[method-assign]
        player.enqueue(tone(0.5), VOICE)
        await asyncio.wait_for(watch.failed.wait(), 5)
        pump = player._pump
        assert pump is not None
        await asyncio.wait_for(asyncio.shield(pump), 5)  # the pump is over: nothing more to say
        assert [str(e) for e in watch.errors] == [
            "Audio playback stopped unexpectedly (RuntimeError: injected fault). "
            "Pick the outputs again in Settings to reopen them; the log has the details."
        ]
        assert player.error is watch.errors[0] and not player.is_playing
        player.enqueue(tone(0.1), VOICE)  # still accepted, and nothing crashes
    finally:
        await player.close()


# -- resting, counters, device buffer ----------------------------------------------------------
def our_playback_streams(bed: PulseTestbed) -> list[str]:
    """This process's playback streams as the sound server lists them (from outside)."""
    rows = json.loads(bed.pactl("--format=json", "list", "sink-inputs"))
    me = str(os.getpid())
    return [
        str(row["index"])
        for row in rows
        if str((row.get("properties") or {}).get("application.process.id")) == me
    ]


async def wait_until(condition: Callable[[], bool], limit: float = 10.0) -> None:
    deadline = time.monotonic() + limit
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"condition not met within {limit} s")
        await asyncio.sleep(0.01)


async def test_a_silent_player_sleeps_then_releases_its_output_and_the_next_audio_reopens_it(
    bed: PulseTestbed,
) -> None:
    """After the last sample has played the pump takes no timer wake-up; 0.5 s later the
    output is closed (gone from the server, checked from outside); nothing runs while closed;
    the next translated audio opens it again and arrives intact."""
    watch = Watch()
    player = Player(output("vspeaker"), None, on_playing=watch.on_playing, release_after=0.5)
    try:
        await player.start()
        assert len(our_playback_streams(bed)) == 1
        player.enqueue(tone(0.3), VOICE)
        await watch.played_out(player)
        await wait_until(lambda: not player.is_open)
        await wait_until(lambda: our_playback_streams(bed) == [])
        assert player.releases == 1
        before = counters.snapshot()
        await asyncio.sleep(1.0)
        assert counters.since(before) == {}
        rec = await recorded(bed, "vspeaker.monitor")
        voice = tone(0.6, freq=300.0)
        player.enqueue(voice, VOICE)
        await watch.played_out(player)
        assert player.playout.underruns == 0
    finally:
        await player.close()
    audio = (await finished(rec))[:, 0]
    fit = align(audio, fft_resample(voice, VOICE, RATE))
    assert fit.correlation >= 0.95, fit


async def test_playout_counters_report_the_measured_jitter_and_the_device_buffer(
    bed: PulseTestbed,
) -> None:
    """What the bench reads from Player.playout after real-time arrivals: no gap, the arrival
    jitter as measured, a start target from it (20 ms floor once measured), the device's 20 ms
    buffer; an underflow PortAudio reports makes the idle output reopen with the next size."""
    watch = Watch()
    player = Player(output("vspeaker"), None, on_playing=watch.on_playing)
    try:
        await pace(player, tone(0.6))
        await watch.played_out(player)
        counts = player.playout
        assert counts.underruns == 0 and counts.starts == 1 and counts.latency_step == 0
        assert counts.device_latency_ms == pytest.approx(20.0, abs=1.0)
        assert 0.0 <= counts.arrival_jitter_ms < 20.0
        assert counts.jitter_target_ms == pytest.approx(
            max(20.0, 2 * counts.arrival_jitter_ms), abs=0.01
        )
        # PortAudio flags an underflow (simulated: the flag the callback counts).
        tap = player._outputs["call"].tap
        assert tap is not None
        tap.output_underflows += 1
        player.enqueue(tone(0.05), VOICE)
        await watch.played_out(player)
        await wait_until(lambda: player.playout.latency_step == 1 and player.is_open)
        assert player.playout.device_latency_ms == pytest.approx(30.0, abs=1.0)
    finally:
        await player.close()
