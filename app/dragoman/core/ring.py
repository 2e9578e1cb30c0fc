"""Lock-free single-producer/single-consumer sample ring, and a log of callback timestamps.

The PortAudio callback runs on its own thread and must not allocate, lock, log or signal
(CONVENTIONS #5). :class:`SampleRing` is the one crossing between that thread and the asyncio side:
one thread only ever writes, the other only ever reads, and each publishes its progress with a
single attribute store *after* touching the samples. The regions the two sides touch are therefore
always disjoint, so no lock is needed (under CPython a plain attribute store is atomic).

Decided: a full ring refuses the newest samples (counted in :attr:`SampleRing.dropped`) rather than
overwriting the oldest: overwriting would race with a reader copying those very samples, and the
reader would then hand on torn audio without knowing it. Losing the newest block is a plain gap the
counters report.

The exception is a *parked* ring (:meth:`SampleRing.park`, by the consumer): nobody reads it for a
while (the microphone is kept warm at rest, the pump asleep), yet the newest audio must be there
when a key goes down. The producer then overwrites the oldest frames. The first read after parking
never trusts what may be mid-overwrite: it leaves out the oldest ``margin`` frames (far more than
one callback block) and, after copying, drops whatever the producer has published over meanwhile;
what is left out is counted in :attr:`SampleRing.skipped`, and :meth:`SampleRing.read_block` gives
the true position of the first frame, so the gap is visible rather than torn. Once that read is
done after :meth:`SampleRing.unpark`, every unread frame lies beyond the reach of a parked write
still in flight, and the ring is back to refusing the newest.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float32]


class SampleRing:
    """A preallocated ``(capacity, channels)`` float32 ring with absolute frame positions.

    Positions count frames since the ring was made and never wrap: :attr:`written` is the position
    after the newest frame, :attr:`read_total` the position of the oldest unread one.
    """

    __slots__ = (
        "_buf",
        "_dropped",
        "_guard",
        "_parked",
        "_read",
        "_skipped",
        "_written",
        "capacity",
        "channels",
        "margin",
    )

    def __init__(self, capacity: int, channels: int = 1) -> None:
        if capacity <= 0:
            raise ValueError(f"capacity must be positive, got {capacity}")
        if channels <= 0:
            raise ValueError(f"channels must be positive, got {channels}")
        self.capacity = capacity
        self.channels = channels
        self._buf: FloatArray = np.zeros((capacity, channels), dtype=np.float32)
        self._written = 0  # only the producer stores this
        self._dropped = 0  # only the producer stores this
        self._read = 0  # only the consumer stores this
        self._skipped = 0  # only the consumer stores this
        self.margin = max(1, capacity // 4)
        """Frames the read after parking leaves out at the old end (a write may be landing)."""
        self._parked = False  # only the consumer stores this; the producer reads it
        self._guard = False  # consumer only: reads must skip what may have been overwritten

    # -- shared read-only views -------------------------------------------------------------
    @property
    def written(self) -> int:
        """Frames accepted so far (the absolute position after the newest frame)."""
        return self._written

    @property
    def read_total(self) -> int:
        """Frames consumed so far (the absolute position of the oldest unread frame)."""
        return self._read

    @property
    def dropped(self) -> int:
        """Frames the producer offered while the ring was full, and so lost."""
        return self._dropped

    @property
    def parked(self) -> bool:
        return self._parked

    @property
    def skipped(self) -> int:
        """Frames overwritten before they were read (only ever while parked)."""
        return self._skipped

    @property
    def available(self) -> int:
        """Frames waiting to be read (a snapshot: the producer may add more at any moment)."""
        return self._written - self._read

    # -- producer side ------------------------------------------------------------------------
    def write(self, block: FloatArray) -> int:
        """Copy as many frames of ``block`` (``(n, channels)`` or ``(n,)``) as fit; return them.

        Allocation-free apart from the slice views: safe inside an audio callback.
        """
        n = len(block)
        w = self._written
        if self._parked:
            if n > self.capacity:  # only the newest fit
                block = block[n - self.capacity :]
                w += n - self.capacity
                n = self.capacity
        else:
            free = self.capacity - (w - self._read)
            if n > free:
                self._dropped += n - free
                n = free
        if n <= 0:
            return 0
        start = w % self.capacity
        first = min(n, self.capacity - start)
        if block.ndim == 1:
            self._buf[start : start + first, 0] = block[:first]
            if first < n:
                self._buf[: n - first, 0] = block[first:n]
        else:
            self._buf[start : start + first] = block[:first]
            if first < n:
                self._buf[: n - first] = block[first:n]
        self._written = w + n  # publish only after the samples are in place
        return n

    # -- consumer side ------------------------------------------------------------------------
    def park(self) -> None:
        """Nobody will read for a while: let the producer overwrite the oldest frames."""
        self._guard = True
        self._parked = True

    def unpark(self) -> None:
        """Reading again: from the next read on, a full ring refuses the newest frames again."""
        self._parked = False

    def read(self, max_frames: int | None = None) -> FloatArray:
        """Up to ``max_frames`` (default: all available) frames as a new ``(n, channels)`` array."""
        return self.read_block(max_frames)[1]

    def read_block(self, max_frames: int | None = None) -> tuple[int, FloatArray]:
        """``(position, frames)``: up to ``max_frames`` frames as a new array, and the absolute
        position of the first one. Safe whether or not the ring is parked (see the module
        docstring): frames that were (or may be being) overwritten are skipped, never returned.
        """
        r = self._read
        w = self._written
        guard = self._guard
        start = max(r, w - self.capacity + self.margin) if guard else r
        n = w - start
        if max_frames is not None:
            n = min(n, max_frames)
        out = np.empty((max(n, 0), self.channels), dtype=np.float32)
        if n > 0:
            self._copy_out(start, n, out)
            if guard:
                # What the producer published meanwhile may have overwritten the oldest copies.
                valid_from = self._written - self.capacity + self.margin
                if valid_from > start:
                    cut = min(n, valid_from - start)
                    out = out[cut:]
                    start += cut
                    n -= cut
            self._skipped += start - r
            self._read = start + n  # release the slots only after copying them
        if guard and not self._parked and self._read >= w:
            # Everything up to what was published when this read began is consumed: a parked
            # write still in flight can only land on slots already read.
            self._guard = False
        return (start if n > 0 else r), out

    def read_into(self, out: FloatArray) -> int:
        """Fill ``out`` (``(m, channels)``) from the front with up to ``m`` frames; return how many.

        Allocation-free apart from the slice views: safe inside an output callback.
        """
        r = self._read
        n = min(self._written - r, len(out))
        if n > 0:
            self._copy_out(r, n, out)
            self._read = r + n
        return n

    def discard(self) -> int:
        """Drop every unread frame (consumer side); return how many were dropped."""
        r = self._read
        w = self._written
        self._read = w
        return w - r

    def _copy_out(self, r: int, n: int, out: FloatArray) -> None:
        start = r % self.capacity
        first = min(n, self.capacity - start)
        out[:first] = self._buf[start : start + first]
        if first < n:
            out[first:n] = self._buf[: n - first]

    def __repr__(self) -> str:
        return (
            f"SampleRing(capacity={self.capacity}, channels={self.channels}, "
            f"available={self.available}, written={self._written}, dropped={self._dropped})"
        )


class StampLog:
    """When each callback ran, written by the callback and read by the asyncio side.

    The callback records ``(position, time)``: the ring position after the block it handled and a
    monotonic timestamp. The reader maps a sample position back to the time its block was handled,
    which gives latencies without the callback ever calling out. Preallocated; the reader ignores
    the slot the writer will overwrite next, so it never sees a half-written pair.
    """

    __slots__ = ("_count", "_pos", "_time", "size")

    def __init__(self, size: int = 256) -> None:
        if size < 2:
            raise ValueError(f"size must be at least 2, got {size}")
        self.size = size
        self._pos = np.zeros(size, dtype=np.int64)
        self._time = np.zeros(size, dtype=np.float64)
        self._count = 0

    @property
    def count(self) -> int:
        """Stamps recorded so far (callbacks seen)."""
        return self._count

    def record(self, position: int, when: float) -> None:
        """Producer side: the block ending at ``position`` was handled at ``when``."""
        c = self._count
        i = c % self.size
        self._pos[i] = position
        self._time[i] = when
        self._count = c + 1

    def last(self) -> tuple[int, float] | None:
        """The newest ``(position, time)``, or None before the first callback."""
        c = self._count
        if c == 0:
            return None
        i = (c - 1) % self.size
        return int(self._pos[i]), float(self._time[i])

    def first_time(self) -> float | None:
        """Time of the very first callback, while it is still in the log."""
        c = self._count
        if c == 0 or c > self.size - 1:
            return None
        return float(self._time[0])

    def time_of(self, position: int) -> float | None:
        """Time of the first logged callback whose block reached past ``position``.

        None when that callback has not happened yet, or is too old to still be in the log.
        A binary search over the logged stamps (their positions only grow): a few steps, not a
        walk through the whole log, since it runs for every frame.
        """
        c = self._count
        if c == 0:
            return None
        oldest = max(0, c - (self.size - 1))
        size, pos = self.size, self._pos
        lo, hi = oldest, c
        while lo < hi:  # the first stamp k with pos[k] > position
            mid = (lo + hi) // 2
            if pos[mid % size] > position:
                hi = mid
            else:
                lo = mid + 1
        if lo == c:
            return None
        if lo == oldest and oldest > 0:
            return None  # an older, overwritten stamp might be the right one
        return float(self._time[lo % size])

    def __repr__(self) -> str:
        return f"StampLog(size={self.size}, count={self._count})"
