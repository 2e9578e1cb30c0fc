"""Signal checks for the real-audio tests, independent of the app's soxr path.

Reference signals are band-limited below 7 kHz and resampled in the frequency domain, so the same
signal exists exactly at every rate the tests use (16 k, 22.05 k, 24 k, 44.1 k, 48 k) and any
correct resampler must reproduce it.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

from tests.testbed.pulse import PulseTestbed

Array = npt.NDArray[np.float64]
BAND_HZ = 7_000.0


def band_limit(x: npt.ArrayLike, rate: int, cutoff: float = BAND_HZ) -> Array:
    """``x`` with everything above ``cutoff`` removed (a brick wall in the frequency domain)."""
    arr = np.asarray(x, dtype=np.float64)
    spectrum = np.fft.rfft(arr)
    freqs = np.fft.rfftfreq(len(arr), 1 / rate)
    spectrum[freqs > cutoff] = 0
    return np.fft.irfft(spectrum, len(arr))


def fft_resample(x: npt.ArrayLike, src: int, dst: int) -> Array:
    """Resample a band-limited signal exactly (up to its length) in the frequency domain."""
    arr = np.asarray(x, dtype=np.float64)
    n = len(arr)
    m = round(n * dst / src)
    spectrum = np.fft.rfft(arr)
    out = np.zeros(m // 2 + 1, dtype=complex)
    k = min(len(spectrum), len(out))
    out[:k] = spectrum[:k]
    return np.fft.irfft(out, m) * (m / n)


@dataclass(frozen=True)
class Alignment:
    correlation: float
    """Normalised correlation of ``captured`` with ``reference`` where they overlap."""
    offset: int
    """``captured[i]`` lines up with ``reference[i + offset]``."""
    overlap: int


def align(captured: npt.ArrayLike, reference: npt.ArrayLike) -> Alignment:
    """Best alignment of ``captured`` against ``reference`` by cross-correlation."""
    a = np.asarray(captured, dtype=np.float64)
    b = np.asarray(reference, dtype=np.float64)
    n = len(a) + len(b)
    size = 1 << (n - 1).bit_length()
    xc = np.fft.irfft(np.fft.rfft(b, size) * np.conj(np.fft.rfft(a, size)), size)
    # xc[k] = sum_i a[i] * b[i + k]; negative k wrap to the end.
    lags = np.concatenate([np.arange(0, len(b)), np.arange(-len(a) + 1, 0)])
    values = np.concatenate([xc[: len(b)], xc[size - len(a) + 1 :]])
    offset = int(lags[int(np.argmax(values))])
    lo_a = max(0, -offset)
    hi_a = min(len(a), len(b) - offset)
    seg_a = a[lo_a:hi_a]
    seg_b = b[lo_a + offset : hi_a + offset]
    return Alignment(best_fractional(seg_a, seg_b), offset, len(seg_a))


def align_pieces(
    captured: npt.ArrayLike, reference: npt.ArrayLike, piece: int, max_pause: int
) -> list[Alignment]:
    """Each voiced ``piece``-long stretch of ``reference`` found within ``captured``, in order.

    Playback that paused for an underrun (a loaded machine) carries the same audio with short
    silences inserted: a single rigid alignment judges it distorted, this finds every piece where
    it really is. The whole reference anchors the first piece; each next one is looked for from
    where the last clear match puts it to ``max_pause`` samples later (pauses only ever delay),
    by normalised correlation, so a louder stretch elsewhere cannot win. Each result's ``offset`` is
    where that piece starts in ``captured``, negated like :func:`align`.
    """
    a = np.asarray(captured, dtype=np.float64)
    b = np.asarray(reference, dtype=np.float64)
    loudest = max(
        (float(np.sqrt(np.mean(b[i : i + piece] ** 2))) for i in range(0, len(b), piece)),
        default=0.0,
    )
    slack = piece // 8
    anchor = (0, -align(a, b).offset)  # (reference index, captured index), near enough
    found: list[Alignment] = []
    for i in range(0, len(b) - piece + 1, piece):
        chunk = b[i : i + piece]
        if float(np.sqrt(np.mean(chunk**2))) < 0.1 * loudest:
            continue  # a pause in the speech: nothing to recognise
        expected_at = anchor[1] + i - anchor[0]
        back = max_pause if not found else slack  # the anchor's first guess may be late
        lo = max(0, expected_at - back)
        hi = min(len(a), expected_at + max_pause + piece + slack)
        if hi - lo < piece:
            found.append(Alignment(0.0, -expected_at, 0))
            continue
        window = a[lo:hi]
        dots = np.correlate(window, chunk, mode="valid")
        power = np.convolve(window**2, np.ones(piece), mode="valid")
        # Near-silence is no match for a voiced piece (and would divide by almost nothing).
        norms = np.sqrt(power.clip(0.0)).clip(0.05 * float(np.linalg.norm(chunk)))
        at = lo + int(np.argmax(dots / norms))
        fit = Alignment(best_fractional(a[at : at + piece], chunk), -at, piece)
        if fit.correlation >= 0.9:
            anchor = (i, at)  # only a clear match moves the anchor
        found.append(fit)
    return found


def best_fractional(a: Array, b: Array) -> float:
    """Correlation of ``a`` with ``b`` delayed by the best fraction of a sample.

    A device at 48 kHz or 44.1 kHz starts a capture at any of its own samples, which is generally
    *between* two 16 kHz samples of the reference: at 7 kHz a third of a sample is already a
    large phase error, so an integer alignment alone would judge correct audio as distorted.
    """
    if len(a) == 0:
        return 0.0
    size = 1 << (len(b) + 64).bit_length()  # zero-padded to a fast FFT length
    spectrum = np.fft.rfft(b, size)
    freqs = np.fft.rfftfreq(size)
    best = -1.0
    for delay in np.linspace(-0.5, 0.5, 21):
        shifted = np.fft.irfft(spectrum * np.exp(-2j * np.pi * freqs * delay), size)
        best = max(best, normalised_correlation(a, shifted[: len(b)]))
    return best


def normalised_correlation(a: npt.ArrayLike, b: npt.ArrayLike) -> float:
    x = np.asarray(a, dtype=np.float64)
    y = np.asarray(b, dtype=np.float64)
    denominator = float(np.sqrt(np.dot(x, x) * np.dot(y, y)))
    return float(np.dot(x, y) / denominator) if denominator else 0.0


def onset(x: npt.ArrayLike, threshold: float = 0.02) -> int:
    """Index of the first sample whose magnitude reaches ``threshold``."""
    hits = np.flatnonzero(np.abs(np.asarray(x)) >= threshold)
    if hits.size == 0:
        raise AssertionError("the signal never reaches the onset threshold")
    return int(hits[0])


def pcm16(data: bytes) -> Array:
    return np.frombuffer(data, dtype="<i2").astype(np.float64) / 32768.0


@contextlib.contextmanager
def in_process(bed: PulseTestbed) -> Iterator[PulseTestbed]:
    """Point this process's PortAudio at ``bed`` (re-initialised, so it reads the test bed's ALSA
    configuration).

    PortAudio is re-initialised once more *before* the environment is restored: initialising
    probes the sound server, and with the real environment back libpulse could autospawn a user
    daemon that nobody would stop.
    """
    from dragoman.audio import devices

    with bed.activated():
        if not devices.refresh():
            raise AssertionError("an audio stream was left open by an earlier test")
        try:
            yield bed
        finally:
            devices.refresh()


def child_processes() -> list[str]:
    """Command lines of this process's live (not zombie) children, read from /proc: how a test
    sees from outside which helper processes the app keeps running."""
    me = str(os.getpid())
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        with contextlib.suppress(OSError):
            state, parent = (entry / "stat").read_text().rsplit(")", 1)[1].split()[:2]
            if parent == me and state != "Z":
                cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ")
                found.append(cmdline.decode().strip())
    return found


def pactl_children() -> list[str]:
    return [c for c in child_processes() if "pactl" in c]
