"""The route test's signal maths and sentences: is the call output reaching the call app?

"Test the route" (Settings → Audio, ``dragoman route-test``) plays a short chirp into the call
output (the virtual microphone's sink) while it records the virtual microphone's source, as a
call app would, and looks for the chirp in the recording. This module is the pure half: the chirp,
finding it (normalised cross-correlation, so a quieter route still matches and noise does not),
the delay from when it was handed to the output to when it could be read back, and what to tell
the person in each outcome, with the next step. The streams are opened by
:mod:`dragoman.audio.route_test`.

Decided: a linear chirp (800 → 3200 Hz, 300 ms, 10 ms fades) rather than a pure 1 kHz tone. A
sine correlates with itself shifted by any whole period (1 ms at 1 kHz), so its "delay" would be
ambiguous; a chirp has one sharp peak, and its band survives any resampling between 16 and 48 kHz.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import Enum
from typing import Final

import numpy as np
import numpy.typing as npt

from dragoman.core.i18n import QT_TRANSLATE_NOOP, joined
from dragoman.core.levels import dbfs

FloatArray = npt.NDArray[np.float32]

TONE_S: Final = 0.3
TONE_LOW_HZ: Final = 800.0
TONE_HIGH_HZ: Final = 3200.0
TONE_AMPLITUDE: Final = 0.5
FADE_S: Final = 0.01
MATCH_THRESHOLD: Final = 0.6
"""Normalised correlation at the peak that counts as "the chirp arrived" (bit-exact: 1.0)."""
QUIET_DB: Final = -20.0
"""Arrived this much quieter than it was played: said, as a volume turned down on the way."""

VIRTUAL_MIC_HINT: Final = QT_TRANSLATE_NOOP(
    "route",
    "create it in Settings → Audio → Create virtual microphone (Dragoman keeps it while it runs)",
)


def route_tone(rate: int, *, seconds: float = TONE_S) -> FloatArray:
    """The test chirp at ``rate``: mono float32, faded in and out (no click at either end)."""
    if rate <= 0 or not seconds > 0:
        raise ValueError(f"rate and seconds must be positive, got {rate}, {seconds}")
    n = max(1, round(rate * seconds))
    t = np.arange(n, dtype=np.float64) / rate
    sweep = (TONE_HIGH_HZ - TONE_LOW_HZ) / seconds
    phase = 2.0 * np.pi * (TONE_LOW_HZ * t + 0.5 * sweep * t * t)
    tone = TONE_AMPLITUDE * np.sin(phase)
    fade = min(n // 2, max(1, round(rate * FADE_S)))
    ramp = 0.5 - 0.5 * np.cos(np.pi * np.arange(fade) / fade)
    tone[:fade] *= ramp
    tone[n - fade :] *= ramp[::-1]
    return tone.astype(np.float32)


@dataclass(frozen=True, slots=True)
class Detection:
    """Where the chirp starts in a recording and how well it matches there."""

    found: bool
    position: int
    """Sample index of the chirp's first sample in the recording (meaningful when found)."""
    correlation: float
    """Normalised correlation at the best match: 1.0 identical up to a gain, ~0 unrelated."""
    level_db: float
    """The matched part's level relative to the chirp as played (0 dB: unchanged)."""


def detect_tone(
    recording: npt.ArrayLike, tone: npt.ArrayLike, *, threshold: float = MATCH_THRESHOLD
) -> Detection:
    """Find ``tone`` in ``recording`` (mono, same rate): the best normalised match."""
    x = np.asarray(recording, dtype=np.float64).reshape(-1)
    ref = np.asarray(tone, dtype=np.float64).reshape(-1)
    m = ref.size
    if m == 0 or x.size < m:
        return Detection(False, 0, 0.0, dbfs(0.0))
    size = 1 << math.ceil(math.log2(x.size + m))
    spectrum = np.fft.rfft(x, size) * np.conj(np.fft.rfft(ref, size))
    raw = np.fft.irfft(spectrum, size)[: x.size - m + 1]
    # Energy of every window of length m, from a running sum of squares.
    squares = np.concatenate(([0.0], np.cumsum(x * x)))
    energy = np.maximum(squares[m:] - squares[:-m], 0.0)
    ref_norm = math.sqrt(float(np.dot(ref, ref)))
    floor = 1e-12 * m  # an all-silent window matches nothing
    scores = np.where(energy > floor, raw / (np.sqrt(energy) * ref_norm + 1e-30), 0.0)
    best = int(np.argmax(scores))
    correlation = float(scores[best])
    window_rms = math.sqrt(float(energy[best]) / m)
    ref_rms = ref_norm / math.sqrt(m)
    level = dbfs(window_rms) - dbfs(ref_rms) if window_rms > 0 else dbfs(0.0)
    return Detection(correlation >= threshold, best, correlation, level)


@dataclass(frozen=True, slots=True)
class Stamp:
    """A callback's moment on the monotonic clock and the sample count it had reached."""

    position: int
    """Samples before this block (output) / samples up to the end of this block (input)."""
    at: float


def delay_ms(
    handed: Stamp, arrivals: list[Stamp], position: int, rate_in: int, rate_out: int
) -> float | None:
    """Milliseconds from the chirp's first sample being handed to the output to the moment the
    recording could read it back.

    ``handed``: the output callback that began the chirp (``at``) and the chirp's offset inside
    that block (``position``). ``arrivals``: the input callbacks, each with the samples recorded
    up to the end of its block. The onset, at recording sample ``position``, became readable with
    the first block that covers it, less the samples after it in that block (they came later).
    Both ends include their own buffering, as a call app's recording does. None when no block
    covers ``position``.
    """
    sent = handed.at + handed.position / rate_out
    for stamp in arrivals:
        if stamp.position > position:
            return max(0.0, (stamp.at - (stamp.position - 1 - position) / rate_in - sent) * 1000)
    return None


class RouteFault(Enum):
    NO_VIRTUAL_MIC = "no_virtual_mic"
    CALL_OUTPUT_OFF = "call_output_off"
    NOT_VIRTUAL_OUTPUT = "not_virtual_output"
    NOT_ARRIVING = "not_arriving"
    DEVICE_BUSY = "device_busy"


@dataclass(frozen=True, slots=True)
class RouteResult:
    """The outcome: ``ok`` with the delay, or the fault and a sentence with the next step."""

    ok: bool
    sentence: str
    fault: RouteFault | None = None
    delay_ms: float | None = None
    correlation: float | None = None
    output_name: str = ""
    input_name: str = ""

    def __repr__(self) -> str:
        what = "ok" if self.ok else f"fault={self.fault.value if self.fault else '?'}"
        delay = f", {self.delay_ms:.0f} ms" if self.delay_ms is not None else ""
        return f"RouteResult({what}{delay}, {self.output_name!r} → {self.input_name!r})"


def passed(
    input_name: str, delay: float | None, detection: Detection, *, output_name: str = ""
) -> RouteResult:
    # English messages with arguments (dragoman.core.i18n): translated where the UI shows them.
    sentence: str = (
        QT_TRANSLATE_NOOP("route", "Route OK: the tone reached “%1” after %2 ms.").arg(
            input_name, f"{delay:.0f}"
        )
        if delay is not None
        else QT_TRANSLATE_NOOP("route", "Route OK: the tone reached “%1”.").arg(input_name)
    )
    if detection.level_db < QUIET_DB:
        sentence = joined(
            " ",
            [
                sentence,
                QT_TRANSLATE_NOOP(
                    "route",
                    "It arrived %1 dB quieter than it was played: check the volume of the "
                    "virtual microphone and of Dragoman's call output.",
                ).arg(f"{-detection.level_db:.0f}"),
            ],
        )
    return RouteResult(
        True,
        sentence,
        delay_ms=delay,
        correlation=detection.correlation,
        output_name=output_name,
        input_name=input_name,
    )


def no_virtual_mic(missing: str = "") -> RouteResult:
    """The virtual microphone does not exist (``missing``: the half that is gone, if one is)."""
    what = (
        QT_TRANSLATE_NOOP("route", "The virtual microphone is incomplete (%1 is missing)").arg(
            missing
        )
        if missing
        else QT_TRANSLATE_NOOP("route", "There is no virtual microphone (“Dragoman Microphone”)")
    )
    return RouteResult(
        False,
        QT_TRANSLATE_NOOP(
            "route",
            "%1: %2, then choose it as the call output, and pick “Dragoman Microphone” as the "
            "microphone in the call app.",
        ).arg(what, VIRTUAL_MIC_HINT),
        RouteFault.NO_VIRTUAL_MIC,
    )


def call_output_off(virtual_mic: str) -> RouteResult:
    return RouteResult(
        False,
        QT_TRANSLATE_NOOP(
            "route",
            "Dragoman's call output is off, so nothing reaches a call: choose “%1” as the call "
            "output in Settings → Audio, and pick “%1” as the microphone in the call app.",
        ).arg(virtual_mic),
        RouteFault.CALL_OUTPUT_OFF,
    )


def not_virtual_output(output_name: str, virtual_mic: str) -> RouteResult:
    return RouteResult(
        False,
        QT_TRANSLATE_NOOP(
            "route",
            "Dragoman's call output is “%1”, not the virtual microphone, so a call app cannot "
            "hear the translation: choose “%2” as the call output in Settings → Audio, and pick "
            "“%2” as the microphone in the call app.",
        ).arg(output_name, virtual_mic),
        RouteFault.NOT_VIRTUAL_OUTPUT,
        output_name=output_name,
    )


def not_arriving(
    output_name: str, input_name: str, why: str | None, detection: Detection | None
) -> RouteResult:
    """The chirp was played but not heard; ``why``: what the sound server says is wrong (muted,
    suspended), when it says something."""
    sentence = (
        QT_TRANSLATE_NOOP("route", "The test tone played into “%1” did not reach “%2”: %3.").arg(
            output_name, input_name, why
        )
        if why
        else QT_TRANSLATE_NOOP(
            "route",
            "The test tone played into “%1” did not reach “%2”: check that neither is muted or "
            "suspended in the system's sound settings (pavucontrol: Output Devices and Input "
            "Devices), then try again.",
        ).arg(output_name, input_name)
    )
    return RouteResult(
        False,
        sentence,
        RouteFault.NOT_ARRIVING,
        correlation=None if detection is None else detection.correlation,
        output_name=output_name,
        input_name=input_name,
    )


def device_busy(error: str, output_name: str = "", input_name: str = "") -> RouteResult:
    return RouteResult(
        False,
        QT_TRANSLATE_NOOP("route", "The route could not be tested: %1").arg(error),
        RouteFault.DEVICE_BUSY,
        output_name=output_name,
        input_name=input_name,
    )
