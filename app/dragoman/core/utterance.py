"""Pre-roll, release tail and echo gate: bookkeeping in absolute sample positions.

The capture side numbers every (mono, device-rate) sample since the stream opened. Key-down turns
into "the utterance starts ``preroll`` samples before here", key-up into "it ends ``tail`` samples
after here", and the half-duplex gate into "these positions are muted". Keeping this as positions
rather than wall-clock times makes it exact and testable without a clock or a device.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float32]


class History:
    """The most recent ``capacity`` samples of a mono stream, addressed by absolute position.

    Single-threaded (the asyncio side); it is what makes the pre-roll possible: the samples from
    just before key-down are still here when the key goes down.
    """

    __slots__ = ("_buf", "_end", "capacity")

    def __init__(self, capacity: int) -> None:
        if capacity <= 0:
            raise ValueError(f"capacity must be positive, got {capacity}")
        self.capacity = capacity
        self._buf = np.zeros(capacity, dtype=np.float32)
        self._end = 0

    @property
    def end(self) -> int:
        """Position after the newest sample (the number of samples ever appended)."""
        return self._end

    @property
    def start(self) -> int:
        """Position of the oldest sample still held."""
        return max(0, self._end - self.capacity)

    def append(self, samples: npt.ArrayLike, position: int | None = None) -> None:
        """Add the samples that start at ``position`` (default: right after the newest).

        A position past the end is a gap in the stream (a parked ring skipped audio nobody
        needed): the gap is held as silence, so positions stay true.
        """
        x = np.asarray(samples, dtype=np.float32).reshape(-1)
        if position is not None and position != self._end:
            if position < self._end:
                raise ValueError(f"position {position} is before the end {self._end}")
            gap = position - self._end
            if gap >= self.capacity:
                self._buf[:] = 0.0
            else:
                start = self._end % self.capacity
                first = min(gap, self.capacity - start)
                self._buf[start : start + first] = 0.0
                self._buf[: gap - first] = 0.0
            self._end = position
        if x.size >= self.capacity:
            self._buf[:] = x[-self.capacity :]
            # Keep the ring aligned: sample at position p lives at p % capacity.
            self._buf = np.roll(self._buf, (self._end + x.size) % self.capacity)
            self._end += x.size
            return
        start = self._end % self.capacity
        first = min(x.size, self.capacity - start)
        self._buf[start : start + first] = x[:first]
        self._buf[: x.size - first] = x[first:]
        self._end += x.size

    def since(self, position: int) -> tuple[int, FloatArray]:
        """``(actual_start, samples)`` from ``position`` (clamped to what is held) to the end."""
        begin = min(max(position, self.start), self._end)
        n = self._end - begin
        out = np.empty(n, dtype=np.float32)
        start = begin % self.capacity
        first = min(n, self.capacity - start)
        out[:first] = self._buf[start : start + first]
        out[first:] = self._buf[: n - first]
        return begin, out

    def __repr__(self) -> str:
        return f"History(capacity={self.capacity}, start={self.start}, end={self._end})"


class UtteranceWindow:
    """Which absolute positions belong to one utterance: ``[start, release + tail)``.

    ``take`` is fed every block in stream order and returns only the part inside the window, so
    the utterance gets the pre-roll, the held audio and exactly ``tail`` samples after release.
    """

    __slots__ = ("_fed", "end", "release_at", "start", "tail")

    def __init__(self, start: int, tail: int) -> None:
        if start < 0 or tail < 0:
            raise ValueError(f"start and tail must not be negative, got {start}, {tail}")
        self.start = start
        self.tail = tail
        self.release_at: int | None = None
        self.end: int | None = None
        self._fed = start  # next position expected

    @property
    def fed(self) -> int:
        """Position after the last sample handed to the utterance."""
        return self._fed

    @property
    def done(self) -> bool:
        """Released and every tail sample delivered."""
        return self.end is not None and self._fed >= self.end

    def release(self, position: int) -> None:
        """Key-up at ``position``: the window closes ``tail`` samples later (only the first call
        counts; releasing before anything was fed still keeps the tail).

        A key-up stamped so far back that its tail ends before what was already handed on (the
        release reached us late, and a short tail) closes the window right there: what went out
        cannot be taken back, and nothing more is added.
        """
        if self.release_at is None:
            self.release_at = max(position, self.start)
            self.end = max(self.release_at + self.tail, self._fed)

    def take(self, block_start: int, block: FloatArray) -> FloatArray:
        """The part of ``block`` (starting at ``block_start``) that belongs to the utterance.

        Blocks must arrive in order without overlap; a block that skips ahead (a gap in the
        stream) is accepted, the gap simply is not in the utterance.
        """
        block_end = block_start + block.shape[0]
        lo = max(block_start, self._fed)
        hi = block_end if self.end is None else min(block_end, self.end)
        if hi <= lo:
            if block_end > self._fed:
                self._fed = min(block_end, self.end) if self.end is not None else block_end
            return block[:0]
        self._fed = hi
        return block[lo - block_start : hi - block_start]

    def __repr__(self) -> str:
        return (
            f"UtteranceWindow(start={self.start}, fed={self._fed}, release_at={self.release_at}, "
            f"end={self.end})"
        )


class EchoGate:
    """Half-duplex gate: mutes positions while translated audio plays, plus a hangover.

    The hangover covers what is still on its way from the speaker into the microphone (device
    latency, room echo) after playback itself has stopped.
    """

    __slots__ = ("_closed", "_open_from", "hangover")

    def __init__(self, hangover: int) -> None:
        if hangover < 0:
            raise ValueError(f"hangover must not be negative, got {hangover}")
        self.hangover = hangover
        self._closed = False
        self._open_from = 0  # positions before this are muted (after the gate reopened)

    @property
    def closed(self) -> bool:
        return self._closed

    def set_closed(self, closed: bool, position: int) -> None:
        """Close or open the gate at ``position`` (the newest position the caller has seen)."""
        if closed == self._closed:
            return
        self._closed = closed
        if not closed:
            self._open_from = position + self.hangover

    def muted_until(self) -> int | None:
        """None while closed (muted indefinitely), else the first position no longer muted."""
        return None if self._closed else self._open_from

    def apply(self, block_start: int, block: FloatArray) -> FloatArray:
        """``block`` with muted positions zeroed (a copy only when something is muted)."""
        n = block.shape[0]
        if self._closed:
            return np.zeros_like(block)
        muted = min(n, self._open_from - block_start)
        if muted <= 0:
            return block
        out = block.copy()
        out[:muted] = 0.0
        return out

    def __repr__(self) -> str:
        return f"EchoGate(closed={self._closed}, open_from={self._open_from})"
