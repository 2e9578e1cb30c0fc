"""Pulse path figures: protocol-core costs and loopback latencies against the emulator.

    .venv/bin/python -m bench.pulse [--utterances 20]

Prints measured figures (never pass/fail): message parse cost, and over real TCP on 127.0.0.1
with the emulator: open → ready, release (finalize) → final, close (close_stream) → is_last →
Closed, and drop → reconnected with the turn replayed, with p50/p95 over several utterances.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import statistics
import time
from collections.abc import Callable

import numpy as np
from tests.emulator.pulse import Faults, PulseEmulator
from tests.signals import frames_of, sentence, silence

from dragoman.core.engine import EngineSettings
from dragoman.core.events import Ready, Transcript
from dragoman.core.pulse import PulseParams, parse_message
from dragoman.providers.pulse import PulseConfig, PulseSession


def per_call_us(fn: Callable[[], object], n: int) -> float:
    start = time.perf_counter()
    for _ in range(n):
        fn()
    return (time.perf_counter() - start) / n * 1e6


def core_figures() -> None:
    final = json.dumps(
        {
            "type": "transcription",
            "session_id": "sess_0123456789ab",
            "transcript": "Good morning, the meeting starts at ten.",
            "is_final": True,
            "is_last": False,
            "from_finalize": True,
            "language": "en",
            "languages": ["en"],
            "words": [
                {"word": w, "start": i * 0.3, "end": i * 0.3 + 0.25, "confidence": 0.9}
                for i, w in enumerate("Good morning, the meeting starts at ten.".split())
            ],
        }
    )
    interim = '{"type":"transcription","session_id":"s","transcript":"good mor","is_final":false}'
    print(
        f"parse interim message       {per_call_us(lambda: parse_message(interim), 20000):7.1f} µs"
    )
    print(f"parse final with 7 words    {per_call_us(lambda: parse_message(final), 20000):7.1f} µs")


def pct(values: list[float], q: float) -> float:
    return float(np.percentile(values, q)) * 1000


def report(name: str, values: list[float]) -> None:
    print(
        f"{name:<34} p50 {pct(values, 50):6.1f} ms   p95 {pct(values, 95):6.1f} ms"
        f"   (n={len(values)}, mean {statistics.mean(values) * 1000:.1f} ms)"
    )


async def latency_figures(utterances: int) -> None:
    async with PulseEmulator() as emu:
        config = PulseConfig(
            base_url=emu.base_url,
            us_base_url=emu.base_url,
            params=PulseParams(endpointing=False),  # every final answers our finalize
        )
        ready, final, last = [], [], []
        for i in range(utterances):
            t0 = time.perf_counter()
            session = PulseSession(api_key="sk_test_good", settings=EngineSettings(), config=config)
            session.start()
            events = session.events()
            assert isinstance(await anext(events), Ready)
            ready.append(time.perf_counter() - t0)
            start = time.perf_counter()
            frames = frames_of(np.concatenate([silence(0.1), sentence(0.8, i)]))
            for n, frame in enumerate(frames):  # real-time pace, as a microphone would
                await asyncio.sleep(max(0.0, start + n * 0.02 - time.perf_counter()))
                session.push_audio(frame)
            await session.wait_sent()
            released = time.perf_counter()
            session.end_utterance()
            async for event in events:
                if isinstance(event, Transcript) and event.is_final:
                    final.append(time.perf_counter() - released)
                    break
            closing = time.perf_counter()
            await session.close()
            last.append(time.perf_counter() - closing)
        report("open → ready", ready)
        report("release (finalize) → final", final)
        report("close (close_stream) → Closed", last)

        replay = []
        for i in range(max(3, utterances // 4)):
            emu.faults = Faults(drop_after_speech_ms=500, drop_kind="tcp")

            async def no_wait(delay: float) -> None:
                await asyncio.sleep(0)

            session = PulseSession(
                api_key="sk_test_good", settings=EngineSettings(), config=config, sleep=no_wait
            )
            session.start()
            await session.wait_ready()
            for frame in frames_of(sentence(1.0, 100 + i)):
                session.push_audio(frame)
            session.end_utterance()
            async for event in session.events():
                if isinstance(event, Transcript) and event.is_final:
                    heard_at = time.monotonic()
                    break
            lost = emu.sessions[-2]  # the server side of the dropped socket
            assert lost.ended_by == "tcp" and lost.closed_at is not None
            replay.append(heard_at - lost.closed_at)
            await session.close()
        report("drop → replayed turn's final", replay)
        print("(reconnect delays skipped; the real first delay is 1 s. Loopback, no model time.)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--utterances", type=int, default=20)
    args = parser.parse_args()
    logging.basicConfig(level=logging.ERROR)  # the reconnections below are expected
    core_figures()
    asyncio.run(latency_figures(args.utterances))


if __name__ == "__main__":
    main()
