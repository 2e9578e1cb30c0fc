"""The audio ledger: every captured frame in order, what was sent, and what a final has covered.

One structure answers three needs of a streaming session, so they can never disagree:

* frames pushed before the server is ready wait here and go out after ``ready``, in order;
* after a lost session the frames no final has covered yet are replayed *whole* to the next one,
  before any newer audio (a session that ends mid-sentence never finalises that sentence, so
  resuming where the socket stopped would lose the sentence's beginning);
* memory is bounded: beyond ``capacity_ms`` the oldest unfinalised audio is dropped and counted.

Frames are PCM16 mono at ``rate``; sizes may vary (the end-of-utterance padding included).
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True, slots=True)
class LedgerStats:
    pending_ms: int
    replayable_ms: int
    dropped_ms: int


class AudioLedger:
    """Frames since the last final; ``sent`` marks how far the current session got.

    ``on_final`` moves the replay boundary up to the audio the server has seen, less what may
    belong to a sentence still open: when the newest audio is speech (the next sentence began
    while the final was on its way), the boundary steps back to that speech's onset, at most
    ``lookback_ms``; then ``margin_ms`` of context is kept before it.
    """

    def __init__(
        self,
        *,
        rate: int = 16_000,
        capacity_ms: int = 120_000,
        margin_ms: int = 200,
        lookback_ms: int = 1_000,
        speech_rms: float = 0.01,
    ) -> None:
        self._bytes_per_ms = rate * 2 // 1000
        self._capacity = capacity_ms * self._bytes_per_ms
        self._margin = margin_ms * self._bytes_per_ms
        self._lookback = lookback_ms * self._bytes_per_ms
        self._speech_rms = speech_rms
        self._frames: deque[tuple[bytes, bool]] = deque()
        self._bytes = 0
        self._sent = 0  # count of frames (from the left) already handed to the current session
        self._dropped = 0

    def __repr__(self) -> str:
        s = self.stats()
        return (
            f"AudioLedger(frames={len(self._frames)}, sent={self._sent}, "
            f"pending_ms={s.pending_ms}, replayable_ms={s.replayable_ms}, "
            f"dropped_ms={s.dropped_ms})"
        )

    def append(self, frame: bytes) -> None:
        if not frame:
            return
        self._frames.append((frame, self._is_speech(frame)))
        self._bytes += len(frame)
        while self._bytes > self._capacity and len(self._frames) > 1:
            old, _ = self._frames.popleft()
            self._bytes -= len(old)
            self._dropped += len(old)
            self._sent = max(0, self._sent - 1)

    def take(self) -> bytes | None:
        """The next frame to send to the current session, or None when all were sent."""
        if self._sent >= len(self._frames):
            return None
        frame = self._frames[self._sent][0]
        self._sent += 1
        return frame

    def has_unsent(self) -> bool:
        return self._sent < len(self._frames)

    def rewind(self) -> int:
        """Start a new session: everything kept is unsent again. Returns the replay length (ms)."""
        replay = sum(len(f) for f, _ in list(self._frames)[: self._sent])
        self._sent = 0
        return replay // self._bytes_per_ms

    def on_final(self) -> None:
        """A final transcript arrived: forget the audio it covers (see the class docstring)."""
        cut = self._sent
        walked = 0
        while cut > 0 and self._frames[cut - 1][1] and walked < self._lookback:
            cut -= 1
            walked += len(self._frames[cut][0])
        kept = 0
        while cut > 0 and kept < self._margin:
            cut -= 1
            kept += len(self._frames[cut][0])
        for _ in range(cut):
            old, _speech = self._frames.popleft()
            self._bytes -= len(old)
        self._sent -= cut

    def stats(self) -> LedgerStats:
        sent_bytes = sum(len(f) for f, _ in list(self._frames)[: self._sent])
        return LedgerStats(
            pending_ms=(self._bytes - sent_bytes) // self._bytes_per_ms,
            replayable_ms=sent_bytes // self._bytes_per_ms,
            dropped_ms=self._dropped // self._bytes_per_ms,
        )

    def _is_speech(self, frame: bytes) -> bool:
        samples = np.frombuffer(frame, dtype="<i2", count=len(frame) // 2)
        if samples.size == 0:
            return False
        rms = float(np.sqrt(np.mean(np.square(samples.astype(np.float32) / 32768.0))))
        return rms > self._speech_rms
