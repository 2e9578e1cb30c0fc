"""Pinch path figures: protocol-core costs per frame and loopback latencies against the emulator.

    .venv/bin/python -m bench.pinch [--utterances 20]

Prints measured figures (never pass/fail): parse and decode cost per frame, ledger cost per 20 ms
frame, and over real TCP on 127.0.0.1 with the emulator: allocate → ready, release → last final,
release → first translated audio, with p50/p95 over several utterances.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import time

import httpx
import numpy as np
from tests.emulator.pinch import PinchEmulator
from tests.signals import frames_of, sentence, silence

from dragoman.core.engine import EngineSettings
from dragoman.core.events import Ready, Transcript, TranslatedAudio
from dragoman.core.ledger import AudioLedger
from dragoman.core.pinch import decode_audio, parse_text_frame
from dragoman.providers.pinch import PinchConfig, PinchSession


def per_call_us(fn: object, n: int) -> float:
    call = fn  # type: ignore[assignment]
    start = time.perf_counter()
    for _ in range(n):
        call()  # type: ignore[operator]
    return (time.perf_counter() - start) / n * 1e6


def core_figures() -> None:
    frame = json.dumps(
        {
            "type": "translated_transcript",
            "text": "Buenos días, la reunión empieza a las diez.",
            "is_final": True,
            "correlation_id": "ss_1-4",
            "timestamp": 1.7e9,
        }
    )
    audio = np.random.default_rng(0).standard_normal(2400).astype("<f4").tobytes()  # 100 ms
    print(
        f"parse transcript frame      {per_call_us(lambda: parse_text_frame(frame), 20000):7.1f} µs"
    )
    print(f"decode 100 ms audio frame   {per_call_us(lambda: decode_audio(audio), 20000):7.1f} µs")
    pcm = frames_of(sentence(2.0, 1))
    ledger = AudioLedger()

    def ledger_step() -> None:
        for f in pcm:
            ledger.append(f)
            ledger.take()
        ledger.on_final()

    print(f"ledger append+take (20 ms)  {per_call_us(ledger_step, 200) / len(pcm):7.1f} µs")


def pct(values: list[float], q: float) -> float:
    return float(np.percentile(values, q)) * 1000


async def latency_figures(utterances: int) -> None:
    async with PinchEmulator() as emu, httpx.AsyncClient() as http:
        ready, final, audio = [], [], []
        for i in range(utterances):
            t0 = time.perf_counter()
            session = PinchSession(
                api_key="pk_test_good",
                settings=EngineSettings(finalize_mode="sentence"),
                config=PinchConfig(base_url=emu.base_url),
                http=http,
            )
            session.start()
            events = session.events()
            first = await anext(events)
            assert isinstance(first, Ready)
            ready.append(time.perf_counter() - t0)
            start = time.perf_counter()
            frames = frames_of(np.concatenate([silence(0.1), sentence(0.8, i)]))
            for n, frame in enumerate(frames):  # real-time pace, as a microphone would
                await asyncio.sleep(max(0.0, start + n * 0.02 - time.perf_counter()))
                session.push_audio(frame)
            await session.wait_sent()
            released = time.perf_counter()
            session.end_utterance()
            got_final = got_audio = None
            async for event in events:
                now = time.perf_counter() - released
                if isinstance(event, Transcript) and event.is_final and event.role == "translation":
                    got_final = got_final or now
                if isinstance(event, TranslatedAudio):
                    got_audio = got_audio or now
                if got_final and got_audio:
                    break
            final.append(got_final or 0.0)
            audio.append(got_audio or 0.0)
            await session.close()
        for name, values in (
            ("allocate → ready", ready),
            ("release → last final", final),
            ("release → first audio", audio),
        ):
            print(
                f"{name:<24} p50 {pct(values, 50):6.1f} ms   p95 {pct(values, 95):6.1f} ms"
                f"   (n={len(values)}, mean {statistics.mean(values) * 1000:.1f} ms)"
            )
        print("(the emulator finalises after 200 ms of silence; the padding is 300 ms)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--utterances", type=int, default=20)
    args = parser.parse_args()
    core_figures()
    asyncio.run(latency_figures(args.utterances))


if __name__ == "__main__":
    main()
