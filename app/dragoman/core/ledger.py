"""The audio ledger: every captured frame in order, what was sent, and what a final has covered.

One structure answers three needs of a streaming session, so they can never disagree:

* frames pushed before the server is ready wait here and go out after ``ready``, in order;
* after a lost session the frames no final has covered yet are replayed *whole* to the next one,
  before any newer audio (a session that ends mid-sentence never finalises that sentence, so
  resuming where the socket stopped would lose the sentence's beginning);
* memory is bounded: beyond ``capacity_ms`` the oldest unfinalised audio is dropped and counted.

Which audio a final covers is not on the wire, so the ledger segments the audio itself: a
*complete segment* is a run of speech followed by at least ``gap_ms`` of sent silence.  Each
source final retires the oldest complete segment (keeping ``margin_ms`` of silence before the next
onset).  The local gap is shorter than any server's end-of-sentence pause, so local segments are
never coarser than the server's: a mismatch means replaying a little too much after a rare drop,
never losing speech.  Segments sent more than ``stale_s`` before a final are retired too, so a
drift between the two segmentations cannot grow.  Frames are PCM16 mono at ``rate``; sizes vary.

When the wire *does* say what a final covers (Pulse answers a ``finalize`` with one final for
everything sent before it), the caller notes ``sent_position`` when it sends the request and
calls ``retire_before`` with it when the answer comes: positions count frames since the ledger
was made, so they stay valid while older frames are retired or dropped.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from itertools import islice

import numpy as np


@dataclass(frozen=True, slots=True)
class LedgerStats:
    pending_ms: int
    replayable_ms: int
    dropped_ms: int


@dataclass(slots=True)
class _Frame:
    data: bytes
    speech: bool
    sent_at: float | None = None


class AudioLedger:
    """Frames since the last final; ``take`` marks how far the current session got."""

    def __init__(
        self,
        *,
        rate: int = 16_000,
        capacity_ms: int = 120_000,
        gap_ms: int = 120,
        margin_ms: int = 200,
        stale_s: float = 10.0,
        speech_rms: float = 0.01,
    ) -> None:
        self._bytes_per_ms = rate * 2 // 1000
        self._capacity = capacity_ms * self._bytes_per_ms
        self._gap = gap_ms * self._bytes_per_ms
        self._margin = margin_ms * self._bytes_per_ms
        self._stale_s = stale_s
        self._speech_rms = speech_rms
        self._frames: deque[_Frame] = deque()
        self._bytes = 0
        self._sent = 0  # frames (from the left) already handed to the current session
        self._dropped = 0
        self._base = 0  # position of the leftmost kept frame (frames ever removed from the left)
        self._confirmed = 0  # frames retired because a final covered them (not capacity drops)

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
        self._frames.append(_Frame(frame, self._is_speech(frame)))
        self._bytes += len(frame)
        while self._bytes > self._capacity and len(self._frames) > 1:
            self._dropped += len(self._frames[0].data)
            self._pop_left()

    def take(self, now: float = 0.0) -> bytes | None:
        """The next frame for the current session (sent at ``now``), or None when all were."""
        if self._sent >= len(self._frames):
            return None
        frame = self._frames[self._sent]
        frame.sent_at = now
        self._sent += 1
        return frame.data

    def has_unsent(self) -> bool:
        return self._sent < len(self._frames)

    @property
    def appended(self) -> int:
        """Position just past the newest frame: frames ever appended."""
        return self._base + len(self._frames)

    @property
    def sent_position(self) -> int:
        """Position of the next frame ``take`` hands out."""
        return self._base + self._sent

    @property
    def first_position(self) -> int:
        """Position of the oldest kept frame (frames before it were confirmed or dropped)."""
        return self._base

    @property
    def confirmed(self) -> int:
        """Frames ever retired because a final covered them: grows when a session progresses."""
        return self._confirmed

    def awaiting_final(self) -> bool:
        """Whether speech was sent to the current session that no final has covered yet."""
        return any(frame.speech for frame in islice(self._frames, self._sent))

    def unconfirmed(self) -> list[tuple[int, bytes]]:
        """(position, frame) of every kept frame no final covered, sent or not, oldest first.

        Frames dropped for capacity (beyond ``capacity_ms``) are not among them.
        """
        return [(self._base + index, frame.data) for index, frame in enumerate(self._frames)]

    def retire_before(self, position: int) -> None:
        """The server confirmed everything sent before ``position``: never replay it.

        Frames not yet sent in the current session are kept whatever ``position`` says, so a
        confirmation can never cost audio the server has not had.
        """
        while self._sent > 0 and self._base < position:
            self._pop_left()
            self._confirmed += 1

    def rewind(self) -> int:
        """Start a new session: everything kept is unsent again. Returns the replay length (ms)."""
        replay = 0
        for frame in list(self._frames)[: self._sent]:
            replay += len(frame.data)
            frame.sent_at = None
        self._sent = 0
        return replay // self._bytes_per_ms

    def on_final(self, now: float = 0.0) -> None:
        """A source final arrived: retire the audio it covers (see the module docstring)."""
        cut = self._complete_segment_end()
        if cut is None:
            return
        self._retire(cut)
        while (cut := self._complete_segment_end()) is not None:
            last_sent = self._frames[cut - 1].sent_at
            if last_sent is None or now - last_sent < self._stale_s:
                return
            self._retire(cut)

    def stats(self) -> LedgerStats:
        sent_bytes = sum(len(f.data) for f in list(self._frames)[: self._sent])
        return LedgerStats(
            pending_ms=(self._bytes - sent_bytes) // self._bytes_per_ms,
            replayable_ms=sent_bytes // self._bytes_per_ms,
            dropped_ms=self._dropped // self._bytes_per_ms,
        )

    def _complete_segment_end(self) -> int | None:
        """Index just past the oldest complete segment's speech, or None if none is complete.

        A segment runs across pauses shorter than the gap (between words and syllables).
        """
        index = 0
        while index < self._sent and not self._frames[index].speech:
            index += 1
        if index == self._sent:
            return None
        while True:
            while index < self._sent and self._frames[index].speech:
                index += 1
            end, silence = index, 0
            while index < self._sent and not self._frames[index].speech and silence < self._gap:
                silence += len(self._frames[index].data)
                index += 1
            if silence >= self._gap:
                return end
            if index == self._sent:
                return None

    def _retire(self, end: int) -> None:
        """Drop frames before ``end`` and the silence after it, but ``margin`` before new speech."""
        onset = end
        while onset < self._sent and not self._frames[onset].speech:
            onset += 1
        cut, kept = onset, 0
        while cut > end and kept < self._margin:
            cut -= 1
            kept += len(self._frames[cut].data)
        for _ in range(cut):
            self._pop_left()
        self._confirmed += cut

    def _pop_left(self) -> None:
        old = self._frames.popleft()
        self._base += 1
        self._bytes -= len(old.data)
        self._sent = max(0, self._sent - 1)

    def _is_speech(self, frame: bytes) -> bool:
        samples = np.frombuffer(frame, dtype="<i2", count=len(frame) // 2)
        if samples.size == 0:
            return False
        rms = float(np.sqrt(np.mean(np.square(samples.astype(np.float32) / 32768.0))))
        return rms > self._speech_rms
