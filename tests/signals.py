"""Synthetic speech-like signals: syllables of voiced tone with short gaps, unique per seed."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

RATE = 16_000
FRAME = 320


def sentence(seconds: float, seed: int, rate: int = RATE) -> npt.NDArray[np.int16]:
    """Syllables of 100-200 ms with 40 ms gaps: speech to any energy VAD, never a pause."""
    rng = np.random.default_rng(seed)
    out: list[npt.NDArray[np.float64]] = []
    total = int(seconds * rate)
    while sum(len(x) for x in out) < total:
        n = int(rng.uniform(0.10, 0.20) * rate)
        t = np.arange(n) / rate
        f0 = rng.uniform(110, 220)
        voiced = sum(np.sin(2 * np.pi * f0 * k * t) / k for k in range(1, 6))
        envelope = np.sin(np.pi * np.arange(n) / n) ** 0.5
        out.append(0.25 * voiced * envelope + 0.01 * rng.standard_normal(n))
        out.append(np.zeros(int(0.04 * rate)))
    signal = np.concatenate(out)[:total]
    return (np.clip(signal, -1, 1) * 32767).astype(np.int16)


def silence(seconds: float, rate: int = RATE) -> npt.NDArray[np.int16]:
    return np.zeros(int(seconds * rate), dtype=np.int16)


def frames_of(pcm: npt.NDArray[np.int16]) -> list[bytes]:
    """20 ms PCM16 frames (the last one zero-padded)."""
    pad = (-len(pcm)) % FRAME
    data = np.concatenate([pcm, np.zeros(pad, dtype=np.int16)]).astype("<i2").tobytes()
    return [data[i : i + FRAME * 2] for i in range(0, len(data), FRAME * 2)]


def correlation(a: npt.ArrayLike, b: npt.ArrayLike) -> float:
    """Normalised correlation of two equally long signals (1.0 = identical shape)."""
    x = np.asarray(a, dtype=np.float64)
    y = np.asarray(b, dtype=np.float64)
    n = min(len(x), len(y))
    x, y = x[:n] - x[:n].mean(), y[:n] - y[:n].mean()
    denominator = float(np.sqrt(np.dot(x, x) * np.dot(y, y)))
    return float(np.dot(x, y) / denominator) if denominator else 0.0
