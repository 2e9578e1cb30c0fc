"""Input level (RMS and peak dBFS) for the meter, and a speech-present detector.

The meter answers "is the microphone picking anything up?" about 30 times a second; the detector
answers "did this hold contain speech?", so the app can say "no speech detected — check the
microphone" or drop a near-silent hold instead of sending it.

Decided: the detector is energy-based with an adaptive noise floor, on 20 ms frames. A frame counts
as voiced when it is above an absolute level *and* well above the floor; the floor falls at once to
quieter frames and rises slowly, so steady noise (a fan, hum, a constant tone) is learnt as floor
rather than taken for speech, while syllables, which come and go, stay above it. It is a warning
aid, not a voice-activity detector for cutting audio: nothing is ever removed because of it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Final

import numpy as np
import numpy.typing as npt

SILENCE_DBFS: Final = -100.0
"""What silence reads as, instead of minus infinity, so meters and logs stay finite."""


def dbfs(amplitude: float) -> float:
    """Amplitude relative to full scale (1.0) in dB, floored at :data:`SILENCE_DBFS`."""
    if not amplitude > 0.0:  # also NaN
        return SILENCE_DBFS
    return max(SILENCE_DBFS, 20.0 * math.log10(amplitude))


def block_levels(samples: npt.ArrayLike) -> tuple[float, float]:
    """``(rms_dbfs, peak_dbfs)`` of a block of float samples (any shape); silence for empty."""
    x = np.asarray(samples, dtype=np.float64).reshape(-1)
    if x.size == 0:
        return SILENCE_DBFS, SILENCE_DBFS
    rms = math.sqrt(float(np.dot(x, x)) / x.size)
    peak = max(float(x.max()), -float(x.min()))
    return dbfs(rms), dbfs(peak)


class LevelMeter:
    """Cuts a sample stream into fixed windows (~1/30 s) and reports each window's levels.

    Windows are counted in samples, not wall time, so the readings do not depend on how the
    audio happened to be chunked on its way here.
    """

    __slots__ = ("_count", "_peak", "_sum_sq", "rate", "window")

    def __init__(self, rate: int, interval: float = 1 / 30) -> None:
        if rate <= 0:
            raise ValueError(f"rate must be positive, got {rate}")
        if not interval > 0:
            raise ValueError(f"interval must be positive, got {interval}")
        self.rate = rate
        self.window = max(1, round(rate * interval))
        self._sum_sq = 0.0
        self._peak = 0.0
        self._count = 0

    def push(self, samples: npt.ArrayLike) -> list[tuple[float, float]]:
        """Levels of every window completed by ``samples`` (mono), oldest first."""
        x = np.asarray(samples, dtype=np.float64).reshape(-1)
        out: list[tuple[float, float]] = []
        pos = 0
        while pos < x.size:
            take = min(self.window - self._count, x.size - pos)
            part = x[pos : pos + take]
            self._sum_sq += float(np.dot(part, part))
            self._peak = max(self._peak, float(part.max()), -float(part.min()))
            self._count += take
            pos += take
            if self._count == self.window:
                out.append((dbfs(math.sqrt(self._sum_sq / self.window)), dbfs(self._peak)))
                self._sum_sq, self._peak, self._count = 0.0, 0.0, 0
        return out

    def reset(self) -> None:
        self._sum_sq, self._peak, self._count = 0.0, 0.0, 0

    def __repr__(self) -> str:
        return f"LevelMeter(rate={self.rate}, window={self.window}, pending={self._count})"


@dataclass(frozen=True, slots=True)
class SpeechDetectorConfig:
    """Thresholds of :class:`SpeechDetector` (dB relative to full scale / to the noise floor)."""

    threshold_dbfs: float = -50.0
    """Frames quieter than this are never speech, however quiet the room."""
    snr_db: float = 10.0
    """How far above the noise floor a frame must be to count as voiced."""
    min_speech_ms: float = 120.0
    """Voiced time in a hold before it counts as containing speech (a syllable or two)."""
    floor_rise_db_per_s: float = 3.0
    """How fast the floor follows louder sound: slow, so speech does not become floor."""


class SpeechDetector:
    """Speech-present detection over 20 ms frames of one utterance (see the module docstring)."""

    __slots__ = ("_floor", "_frames", "_voiced", "config", "frame_ms")

    def __init__(
        self,
        config: SpeechDetectorConfig | None = None,
        frame_ms: float = 20.0,
        floor_dbfs: float | None = None,
    ) -> None:
        """``floor_dbfs``: a noise floor learnt earlier in the same room, if any."""
        if not frame_ms > 0:
            raise ValueError(f"frame_ms must be positive, got {frame_ms}")
        self.config = config or SpeechDetectorConfig()
        self.frame_ms = frame_ms
        self._floor: float | None = floor_dbfs
        self._voiced = 0
        self._frames = 0

    @property
    def noise_floor_dbfs(self) -> float | None:
        return self._floor

    @property
    def voiced_ms(self) -> float:
        return self._voiced * self.frame_ms

    @property
    def heard_ms(self) -> float:
        return self._frames * self.frame_ms

    @property
    def speech_detected(self) -> bool:
        return self.voiced_ms >= self.config.min_speech_ms

    def push_frame(self, frame: npt.ArrayLike) -> bool:
        """Feed one frame of samples; True if it counted as voiced."""
        level, _peak = block_levels(frame)
        return self.push_level(level)

    def push_level(self, level_dbfs: float) -> bool:
        """Feed one frame's RMS level (dBFS); True if it counted as voiced."""
        cfg = self.config
        self._frames += 1
        if self._floor is None or level_dbfs < self._floor:
            self._floor = level_dbfs
            floor_before = level_dbfs
        else:
            floor_before = self._floor
            rise = cfg.floor_rise_db_per_s * self.frame_ms / 1000.0
            self._floor = min(level_dbfs, self._floor + rise)
        voiced = level_dbfs >= cfg.threshold_dbfs and level_dbfs >= floor_before + cfg.snr_db
        if voiced:
            self._voiced += 1
        return voiced

    def reset(self) -> None:
        """Start a new utterance; the learnt floor is kept (the room has not changed)."""
        self._voiced = 0
        self._frames = 0

    def __repr__(self) -> str:
        floor = "unknown" if self._floor is None else f"{self._floor:.1f} dBFS"
        return (
            f"SpeechDetector(voiced={self.voiced_ms:.0f}/{self.heard_ms:.0f} ms, floor={floor}, "
            f"speech={self.speech_detected})"
        )
