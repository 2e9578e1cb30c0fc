"""Cut 16 kHz float audio of any chunk size into the fixed PCM16 frames the service expects.

Audio arrives in whatever block size the device or the resampler produces; the wire wants 20 ms
frames (320 samples, 640 bytes). Keeping the remainder here, rather than in the sender, means no
sample is ever dropped or reordered at a chunk boundary, and the end of an utterance can be padded
to a whole frame in one place.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

DEFAULT_FRAME_SAMPLES = 320
_SCALE = np.float32(32768.0)


def to_pcm16(chunk: npt.ArrayLike) -> bytes:
    """Little-endian PCM16 of float samples: the same bytes as
    :func:`dragoman.core.wav.float_to_pcm16` (clipped, rounded to nearest, NaN as silence), in a
    handful of ufunc calls: it runs for every capture block."""
    y = np.multiply(np.asarray(chunk, dtype=np.float32).reshape(-1), _SCALE)
    np.rint(y, out=y)
    np.minimum(y, np.float32(32767.0), out=y)
    np.maximum(y, np.float32(-32768.0), out=y)
    np.copyto(y, np.float32(0.0), where=np.isnan(y))
    return y.astype("<i2").tobytes()


class PcmFramer:
    """Accumulates samples and hands out complete little-endian PCM16 frames, in order."""

    __slots__ = ("_frame_bytes", "_pending", "frame_samples")

    def __init__(self, frame_samples: int = DEFAULT_FRAME_SAMPLES) -> None:
        if frame_samples <= 0:
            raise ValueError(f"frame_samples must be positive, got {frame_samples}")
        self.frame_samples = frame_samples
        self._frame_bytes = 2 * frame_samples
        self._pending = b""

    @property
    def pending_samples(self) -> int:
        """Samples held back until a frame is complete (always fewer than ``frame_samples``)."""
        return len(self._pending) // 2

    def push(self, chunk: npt.ArrayLike) -> list[bytes]:
        """Every frame completed by ``chunk`` (possibly none); the remainder waits for the next."""
        buffered = self._pending + to_pcm16(chunk)
        whole = len(buffered) - len(buffered) % self._frame_bytes
        size = self._frame_bytes
        frames = [buffered[i : i + size] for i in range(0, whole, size)]
        self._pending = buffered[whole:]
        return frames

    def flush(self) -> list[bytes]:
        """The last partial frame padded with silence, or nothing if no samples are held back.

        A list (of zero or one frame) like :meth:`push`, so callers send both the same way.
        """
        if not self._pending:
            return []
        frame = self._pending + bytes(self._frame_bytes - len(self._pending))
        self._pending = b""
        return [frame]

    def reset(self) -> None:
        """Forget held-back samples (an utterance abandoned rather than finished)."""
        self._pending = b""

    def __repr__(self) -> str:
        return f"PcmFramer(frame_samples={self.frame_samples}, pending={self.pending_samples})"
