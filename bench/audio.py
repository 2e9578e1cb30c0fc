"""Audio path figures on the virtual devices of a private PulseAudio daemon.

    .venv/bin/python -m bench.audio [--rate 48000] [--repeats 10] [--seconds 5]

Prints measured figures (never pass/fail): key-down → first 16 kHz frame ready with the stream
kept open (pre-roll, the default) and opened on key-down; PortAudio callback → 16 kHz frame
latency; playback enqueue → device latency for 20 ms chunks of translated voice arriving in real
time; underruns and overflows; and the CPU used by the process while capture and playback stream
together, next to the same process idling. Needs the test bed's system packages (pulseaudio,
pulseaudio-utils, libportaudio2, libasound2-plugins).
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
from pathlib import Path

import numpy as np
from tests.audio_checks import in_process
from tests.signals import sentence
from tests.testbed.pulse import PulseTestbed, pulse_daemon

from dragoman.audio.capture import Capture, Utterance
from dragoman.audio.devices import DeviceInfo, find_device, list_devices
from dragoman.audio.playback import Player

VOICE = 24_000
CHUNK = 480  # 20 ms of 24 kHz translated voice


def ms(values: list[float], q: float) -> float:
    return float(np.percentile(values, q)) * 1000


def line(name: str, values: list[float]) -> None:
    if not values:
        print(f"{name:<38} (no samples)")
        return
    print(
        f"{name:<38} p50 {ms(values, 50):6.1f} ms   p95 {ms(values, 95):6.1f} ms"
        f"   (n={len(values)}, mean {statistics.mean(values) * 1000:.1f} ms)"
    )


def device(name: str, kind: str) -> DeviceInfo:
    found = find_device(name, kind, list_devices())  # type: ignore[arg-type]
    if found is None:
        raise SystemExit(f"{name} is missing from the test bed")
    return found


async def first_frame(utt: Utterance) -> None:
    async for _ in utt.frames():
        utt.cancel()
        break


async def key_down_figures(mic: DeviceInfo, repeats: int) -> None:
    for label, keep_open, preroll in (
        ("key-down → first frame (pre-roll 300)", True, 300.0),
        ("key-down → first frame (open, no pre)", True, 0.0),
        ("key-down → first frame (opens on key)", False, 300.0),
    ):
        cap = Capture(mic, keep_open=keep_open, preroll_ms=preroll)
        await cap.start()
        if keep_open:
            await asyncio.sleep(0.5)  # let the history fill, as it would while the app idles
        values, opens = [], []
        for _ in range(repeats):
            key = time.monotonic()
            utt = cap.begin_utterance(key)
            await first_frame(utt)
            assert utt.first_frame_at is not None
            values.append(utt.first_frame_at - key)
            if utt.first_sample_latency is not None:
                opens.append(utt.first_sample_latency)
            for _ in range(200 if not keep_open else 0):  # closed before the next key-down
                if not cap.is_open:
                    break
                await asyncio.sleep(0.01)
        await cap.stop()
        line(label, values)
        if opens:
            line("  of which key-down → first sample", opens)


async def streaming_figures(bed: PulseTestbed, mic: DeviceInfo, seconds: float) -> None:
    speaker = device("vspeaker", "output")
    feed = sentence(seconds + 1.0, seed=3).astype(np.float64) / 32768.0
    feeder = bed.feed("vmic_in", np.repeat(feed, bed.rate // 16_000 or 1), bed.rate, 2)
    cap = Capture(mic)
    played = asyncio.Event()
    player = Player(speaker, None, on_playing=lambda on: None if on else played.set())
    await cap.start()
    await player.start()
    await asyncio.sleep(0.3)

    # Idle baseline: the capture open and the player open, nothing being cut or played.
    cpu0, wall0 = time.process_time(), time.monotonic()
    await asyncio.sleep(seconds / 2)
    idle = (time.process_time() - cpu0) / (time.monotonic() - wall0)

    voice = (0.3 * np.sin(2 * np.pi * 330 * np.arange(round(seconds * VOICE)) / VOICE)).astype(
        np.float32
    )
    utt = cap.begin_utterance()
    frames = 0

    async def consume() -> None:
        nonlocal frames
        async for _ in utt.frames():
            frames += 1

    consumer = asyncio.get_running_loop().create_task(consume())
    cpu0, wall0 = time.process_time(), time.monotonic()
    for i, offset in enumerate(range(0, len(voice), CHUNK)):
        await asyncio.sleep(max(0.0, wall0 + i * CHUNK / VOICE - time.monotonic()))
        player.enqueue(voice[offset : offset + CHUNK], VOICE)
    player.end_stream()
    busy = (time.process_time() - cpu0) / (time.monotonic() - wall0)
    utt.release()
    await consumer
    played.clear()
    if player.is_playing:
        await asyncio.wait_for(played.wait(), 10)
    stats = player.stats["call"]
    capture_stats = cap.stats
    await player.close()
    await cap.stop()
    feeder.kill()
    feeder.wait()

    line("capture callback → 16 kHz frame", utt.frame_latencies)
    line("playback enqueue → device output", list(stats.latencies))
    print(
        f"{'underruns / overflows':<38} playback {stats.underruns} "
        f"(PortAudio output underflows {stats.output_underflows}), capture overflows "
        f"{capture_stats.overflows}, ring drops {capture_stats.dropped_frames}"
    )
    print(
        f"{'CPU of the process (1 core = 100 %)':<38} streaming {busy * 100:5.1f} %   "
        f"idle with both streams open {idle * 100:5.1f} %   "
        f"({frames} frames captured, {len(voice) // CHUNK} chunks played in {seconds:g} s)"
    )


async def run(bed: PulseTestbed, repeats: int, seconds: float) -> None:
    mic = device("vmic", "input")
    print(f"devices: {mic.name} and Test speaker at {bed.rate} Hz (private PulseAudio daemon)")
    await key_down_figures(mic, repeats)
    await streaming_figures(bed, mic, seconds)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rate", type=int, default=48_000)
    parser.add_argument("--repeats", type=int, default=10)
    parser.add_argument("--seconds", type=float, default=5.0)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-audio-") as tmp:
        with pulse_daemon(Path(tmp), rate=args.rate) as bed, in_process(bed):
            asyncio.run(run(bed, args.repeats, args.seconds))


if __name__ == "__main__":
    main()
