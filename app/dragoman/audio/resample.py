"""Sample-rate conversion with soxr, for mono float32 audio.

Devices capture at 44.1/48 kHz and the service plays 24 kHz, while the wire takes 16 kHz: every path
through the app resamples. Streaming and one-shot use the same soxr engine and quality so that a
file sent in chunks produces exactly the samples it would have produced in one piece.
"""

from __future__ import annotations

from typing import Final, Literal

import numpy as np
import numpy.typing as npt
import soxr

FloatArray = npt.NDArray[np.float32]
Quality = Literal["QQ", "LQ", "MQ", "HQ", "VHQ"]
QUALITIES: Final = ("QQ", "LQ", "MQ", "HQ", "VHQ")


def _mono(x: npt.ArrayLike) -> FloatArray:
    arr = np.ascontiguousarray(x, dtype=np.float32)
    if arr.ndim != 1:
        raise ValueError(f"expected 1-D mono samples, got shape {arr.shape}")
    return arr


def _check(in_rate: int, out_rate: int, quality: str) -> None:
    if in_rate <= 0 or out_rate <= 0:
        raise ValueError(f"sample rates must be positive, got {in_rate} -> {out_rate}")
    if quality not in QUALITIES:
        raise ValueError(f"quality must be one of {', '.join(QUALITIES)}, got {quality!r}")


class StreamResampler:
    """Resamples a signal delivered in chunks of any size, keeping filter state between them.

    soxr holds back a filter's worth of samples, so the output lags the input until ``last=True``
    drains it. After the final chunk the resampler is ready for a new, unrelated signal (the next
    utterance) without being rebuilt.
    """

    def __init__(self, in_rate: int, out_rate: int, quality: Quality = "HQ") -> None:
        _check(in_rate, out_rate, quality)
        self.in_rate = in_rate
        self.out_rate = out_rate
        self.quality: Quality = quality
        self._stream: soxr.ResampleStream | None = None
        if in_rate != out_rate:
            self._stream = soxr.ResampleStream(
                in_rate, out_rate, 1, dtype="float32", quality=quality
            )

    @property
    def is_identity(self) -> bool:
        return self._stream is None

    def process(self, chunk: npt.ArrayLike, last: bool = False) -> FloatArray:
        """Output made available by ``chunk``; ``last=True`` also flushes the held-back tail.

        The result is always a fresh array, never a view of ``chunk``: callers pass views of ring
        buffers that are overwritten as soon as this returns.
        """
        x = _mono(chunk)
        if self._stream is None:
            return x.copy()
        y: FloatArray = np.asarray(self._stream.resample_chunk(x, last=last), dtype=np.float32)
        if last:
            # soxr refuses input after the last chunk; clearing starts the next signal afresh.
            self._stream.clear()
        return y

    def reset(self) -> None:
        """Drop held-back samples (an abandoned signal) so the next chunk starts a new one."""
        if self._stream is not None:
            self._stream.clear()

    def __repr__(self) -> str:
        return f"StreamResampler({self.in_rate} -> {self.out_rate} Hz, quality={self.quality})"


def resample(x: npt.ArrayLike, in_rate: int, out_rate: int, quality: Quality = "HQ") -> FloatArray:
    """Whole-signal resampling (files); equal to :class:`StreamResampler` over any chunking."""
    _check(in_rate, out_rate, quality)
    arr = _mono(x)
    if in_rate == out_rate:
        return arr.copy()
    return np.asarray(soxr.resample(arr, in_rate, out_rate, quality=quality), dtype=np.float32)
