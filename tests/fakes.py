"""Fakes for the controller's audio collaborators (the real ones need a sound server)."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Callable

import numpy as np
import numpy.typing as npt

from tests.signals import frames_of


class FakeUtterance:
    """Delivers prepared frames at a chosen pace; after release, only ``tail`` more frames.

    Like a real microphone it never ends by itself: when the prepared frames run out it waits
    for the release (or a cancel).
    """

    def __init__(self, frames: list[bytes], pace_s: float, tail: int) -> None:
        self._frames = frames
        self._pace = pace_s
        self._tail = tail
        self._released: int | None = None
        self.released_at: float | None = None  # the time the controller released it at
        self._cancelled = False
        self.delivered = 0
        self._speech = False
        self._ended = asyncio.Event()

    @property
    def speech_detected(self) -> bool:
        return self._speech

    async def frames(self) -> AsyncIterator[bytes]:
        for index, frame in enumerate(self._frames):
            if self._cancelled or (self._released is not None and index >= self._released):
                return
            if self._pace:
                await asyncio.sleep(self._pace)
            samples = np.frombuffer(frame, dtype="<i2").astype(np.float32) / 32768
            self._speech = self._speech or float(np.sqrt(np.mean(samples**2))) > 0.01
            self.delivered += 1
            yield frame
        await self._ended.wait()

    def release(self, now: float | None = None) -> None:
        self.released_at = now
        self._released = self.delivered + self._tail
        self._ended.set()

    def cancel(self) -> None:
        self._cancelled = True
        self._ended.set()


class FakeCapture:
    def __init__(self) -> None:
        self.queue: list[list[bytes]] = []
        self.pace_s = 0.0
        self.tail = 10
        self.utterances: list[FakeUtterance] = []

    def say(self, pcm: npt.NDArray[np.int16]) -> None:
        """Queue what the next hold will capture."""
        self.queue.append(frames_of(pcm))

    def begin_utterance(self, now: float) -> FakeUtterance:
        frames = self.queue.pop(0) if self.queue else []
        utterance = FakeUtterance(frames, self.pace_s, self.tail)
        self.utterances.append(utterance)
        return utterance


class FakePlayer:
    """Records what would be played; reports each chunk as playing at once."""

    def __init__(self, on_played: Callable[[float], None] | None = None) -> None:
        self.chunks: list[tuple[npt.NDArray[np.float32], int]] = []
        self.outputs: list[tuple[str, ...] | None] = []  # per chunk: None = every output
        self.flushed = 0
        self.ended = 0
        self.paused = False  # barge-in: chunks enqueued meanwhile are dropped
        self.pauses = 0
        self.dropped = 0
        self.sounding = False  # what pause() reports as cut
        self.call_muted = False  # "mute all": chunks for the call output are dropped
        self.on_played = on_played

    def enqueue(
        self,
        samples: npt.NDArray[np.float32],
        rate: int,
        *,
        outputs: tuple[str, ...] | None = None,
    ) -> None:
        if self.paused and (outputs is None or "monitor" in outputs):
            self.dropped += 1
            return
        if self.call_muted:
            outputs = ("monitor",)  # what the real player still plays
        self.chunks.append((samples, rate))
        self.outputs.append(outputs)
        if self.on_played is not None:
            self.on_played(time.monotonic())

    def end_stream(self) -> None:
        self.ended += 1

    def flush(self) -> None:
        self.flushed += 1

    def pause(self) -> bool:
        if self.paused:
            return False
        self.paused = True
        self.pauses += 1
        return self.sounding

    def resume(self) -> None:
        self.paused = False

    def set_call_muted(self, muted: bool) -> None:
        self.call_muted = muted
