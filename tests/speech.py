"""Real speech fixtures from espeak-ng (installed by .ci/run and the README's test command)."""

from __future__ import annotations

import shutil
import subprocess
import wave
from pathlib import Path

import numpy as np
import numpy.typing as npt


def espeak(text: str, path: Path, *, voice: str = "en") -> tuple[npt.NDArray[np.float64], int]:
    """Speak ``text`` into ``path`` (mono PCM16 at espeak's 22050 Hz); return samples and rate."""
    binary = shutil.which("espeak-ng")
    if binary is None:
        raise RuntimeError("espeak-ng is missing: apt-get install espeak-ng (see .ci/run)")
    subprocess.run([binary, "-v", voice, "-w", str(path), text], check=True, timeout=30)
    return read_pcm16(path)


def read_pcm16(path: Path) -> tuple[npt.NDArray[np.float64], int]:
    """Read a PCM16 WAV with the standard library (independent of the app's reader)."""
    with wave.open(str(path), "rb") as w:
        assert w.getsampwidth() == 2
        data = np.frombuffer(w.readframes(w.getnframes()), dtype="<i2").astype(np.float64)
        channels, rate = w.getnchannels(), w.getframerate()
    return data.reshape(-1, channels).mean(axis=1) / 32768.0, rate


def write_pcm16(path: Path, samples: npt.NDArray[np.float64], rate: int, channels: int) -> None:
    """Write ``samples`` (mono) duplicated onto ``channels``, with the standard library."""
    pcm = (np.clip(samples, -1, 1) * 32767).astype("<i2")
    with wave.open(str(path), "wb") as w:
        w.setnchannels(channels)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(np.repeat(pcm[:, None], channels, axis=1).tobytes())


def interp_resample(x: npt.NDArray[np.float64], src: int, dst: int) -> npt.NDArray[np.float64]:
    """Plain linear resampling: a reference deliberately unlike the app's soxr path."""
    n = int(len(x) * dst / src)
    return np.interp(np.arange(n) * src / dst, np.arange(len(x)), x)
