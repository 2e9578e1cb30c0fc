"""WAV files in and out, and the PCM16 <-> float conversions the wire format needs.

We parse RIFF ourselves instead of using :mod:`wave` because ``wave`` rejects float and
WAVE_FORMAT_EXTENSIBLE files (what most DAWs and ``sox`` write) and cannot read the truncated,
never-finalised files a crashed or still-running recorder leaves behind, and because every rejection
has to become a :class:`UsageError` sentence that tells the person how to convert the file.

Decided: PCM decodes exactly into ``[-1, 1)`` (divide by full scale, so PCM16 survives a round trip
bit for bit); float files are clipped into ``[-1, 1]`` with NaN read as silence, because everything
downstream (resampling, PCM16 encoding for the wire) assumes full scale.
"""

from __future__ import annotations

import io
import struct
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Final, Protocol

import numpy as np
import numpy.typing as npt

from dragoman.core.errors import UsageError

FloatArray = npt.NDArray[np.float32]

WAVE_FORMAT_PCM: Final = 0x0001
WAVE_FORMAT_IEEE_FLOAT: Final = 0x0003
WAVE_FORMAT_EXTENSIBLE: Final = 0xFFFE

# Every KSDATAFORMAT_SUBTYPE_* GUID that wraps a classic format tag ends in these 12 bytes; the
# first four bytes (little-endian) are the tag itself.
_GUID_TAIL: Final = bytes.fromhex("0000 1000 8000 00aa00389b71")

# Writers that cannot seek back (pipes, crashed recorders) leave one of these as the data size.
_STREAMING_SIZES: Final = (0, 0xFFFFFFFF)

_CONVERT_HINT: Final = (
    "convert it to PCM WAV first, e.g. with `sox in.wav -e signed -b 16 out.wav`."
)

_REEXPORT_HINT: Final = (
    "export or convert it again, e.g. with `sox in.wav -e signed -b 16 out.wav`."
)

# Names for the compressed tags people actually meet, so the sentence says what the file is.
_COMPRESSED_NAMES: Final = {
    0x0002: "Microsoft ADPCM",
    0x0006: "A-law",
    0x0007: "mu-law",
    0x0011: "IMA ADPCM",
    0x0031: "GSM 6.10",
    0x0050: "MPEG audio",
    0x0055: "MP3",
    0x00FF: "AAC",
    0x0161: "Windows Media Audio",
    0x1610: "AAC",
    0xF1AC: "FLAC",
}

# Other containers people rename to .wav or pick by mistake.
_OTHER_CONTAINERS: Final = (
    (b"fLaC", "FLAC"),
    (b"OggS", "Ogg"),
    (b"ID3", "MP3"),
    (b"\xff\xfb", "MP3"),
    (b"\xff\xf3", "MP3"),
    (b"\xff\xf2", "MP3"),
    (b"FORM", "AIFF"),
    (b"caff", "Core Audio (CAF)"),
    (b"\x1aE\xdf\xa3", "Matroska/WebM"),
)

# float32 just below 1.0: int32 full scale would otherwise round up to exactly 1.0.
_BELOW_ONE: Final = np.float32(1.0 - 2.0**-24)


@dataclass(frozen=True, slots=True, eq=False)
class WavAudio:
    """Decoded audio; ``samples`` is float32 shaped ``(frames, channels)``.

    ``bits`` is the container size per sample as stored in the file (8/16/24/32/64), so a caller can
    say "24-bit" back to the person; the samples are always float32 whatever it is.
    """

    samples: FloatArray
    rate: int
    channels: int
    bits: int

    @property
    def frames(self) -> int:
        return int(self.samples.shape[0])

    @property
    def duration(self) -> float:
        return self.frames / self.rate

    def __repr__(self) -> str:
        return (
            f"WavAudio(frames={self.frames}, rate={self.rate}, channels={self.channels}, "
            f"bits={self.bits})"
        )


@dataclass(frozen=True, slots=True)
class _Format:
    tag: int
    channels: int
    rate: int
    block_align: int
    bits: int


# What Dragoman reads (decided): every real recording rate and layout, and nothing that would make
# resampling or mixing down explode (a header claiming 1 Hz would ask for 16,000 output samples
# per input sample).
MIN_RATE: Final = 8_000
MAX_RATE: Final = 384_000
MAX_CHANNELS: Final = 32

# Reading in blocks of about this many bytes keeps memory flat whatever the file's length.
BLOCK_BYTES: Final = 1 << 20


class Source(Protocol):
    """What a WAV is read from: a file opened ``"rb"`` or an ``io.BytesIO``."""

    def seek(self, offset: int, whence: int = ..., /) -> int: ...
    def read(self, size: int = ..., /) -> bytes: ...


@dataclass(frozen=True, slots=True)
class WavInfo:
    """A WAV file's format and where its samples are; ``frames`` counts whole frames present.

    The count comes from the bytes actually in the file, never from the header alone, so a
    header that lies about its size cannot make a reader allocate for audio that is not there.
    """

    rate: int
    channels: int
    bits: int
    tag: int
    block_align: int
    data_start: int
    frames: int

    @property
    def duration(self) -> float:
        return self.frames / self.rate


def read_wav(data: bytes, *, name: str = "The input") -> WavAudio:
    """Decode a WAV file, or raise :class:`UsageError` saying what is wrong and what to do.

    ``name`` starts each error sentence ("rec.wav is not a WAV file ..."), so a caller that knows
    the file name passes it and the message needs no further wrapping.
    """
    source = io.BytesIO(data)
    info = read_wav_info(source, name=name)
    source.seek(info.data_start)
    flat = _decode(source.read(info.frames * info.block_align), info.tag, info.bits)
    samples = flat.reshape(info.frames, info.channels)
    return WavAudio(samples=samples, rate=info.rate, channels=info.channels, bits=info.bits)


def read_wav_info(source: Source, *, name: str = "The input") -> WavInfo:
    """Parse the headers of a WAV file without reading its samples (see :func:`read_wav`)."""
    size = source.seek(0, io.SEEK_END)

    def read_at(offset: int, count: int) -> bytes:
        source.seek(offset)
        return source.read(count)

    fmt, data_start, data_bytes = _chunks(read_at, size, name)
    if fmt.channels == 0:
        raise UsageError(
            f"{name} is a broken WAV file (it says it has 0 channels): {_REEXPORT_HINT}"
        )
    if fmt.rate == 0:
        raise UsageError(
            f"{name} is a broken WAV file (it says its sample rate is 0 Hz): {_REEXPORT_HINT}"
        )
    if fmt.channels > MAX_CHANNELS:
        raise UsageError(
            f"{name} says it has {fmt.channels} channels, more than the {MAX_CHANNELS} Dragoman "
            "reads: mix it down first, e.g. with `sox in.wav -c 1 -e signed -b 16 out.wav`."
        )
    if not MIN_RATE <= fmt.rate <= MAX_RATE:
        raise UsageError(
            f"{name} says its sample rate is {fmt.rate:,} Hz, outside the {MIN_RATE:,} to "
            f"{MAX_RATE:,} Hz Dragoman reads: resample it first, e.g. with "
            "`sox in.wav -r 16000 -e signed -b 16 out.wav`."
        )
    bytes_per_sample = fmt.bits // 8
    if fmt.block_align != fmt.channels * bytes_per_sample:
        raise UsageError(
            f"{name} is a broken WAV file (its block size of {fmt.block_align} bytes does not "
            f"match {fmt.channels} channel(s) of {fmt.bits}-bit samples): {_REEXPORT_HINT}"
        )
    return WavInfo(
        rate=fmt.rate,
        channels=fmt.channels,
        bits=fmt.bits,
        tag=fmt.tag,
        block_align=fmt.block_align,
        data_start=data_start,
        frames=data_bytes // fmt.block_align,
    )


def read_wav_blocks(
    source: Source, info: WavInfo, *, block_bytes: int = BLOCK_BYTES
) -> Iterator[FloatArray]:
    """The samples of ``info``'s file, shaped ``(frames, channels)``, a block at a time.

    Blocks hold whole frames, about ``block_bytes`` of the file each; the file may be read
    elsewhere between blocks (each block seeks to where it starts).  A file that ends sooner than
    its header said (it is still being written, or was cut) ends the blocks early.
    """
    per_block = max(1, block_bytes // info.block_align)
    done = 0
    while done < info.frames:
        count = min(per_block, info.frames - done)
        source.seek(info.data_start + done * info.block_align)
        raw = source.read(count * info.block_align)
        whole = len(raw) // info.block_align
        if whole == 0:
            return
        flat = _decode(raw[: whole * info.block_align], info.tag, info.bits)
        yield flat.reshape(whole, info.channels)
        done += whole


def _chunks(read_at: Callable[[int, int], bytes], size: int, name: str) -> tuple[_Format, int, int]:
    """Walk the RIFF chunks; return the format and where the (possibly cut-short) samples are."""
    head = read_at(0, 16)
    if len(head) < 12 or head[:4] != b"RIFF" or head[8:12] != b"WAVE":
        raise UsageError(_not_wav(head, name))
    riff_size = struct.unpack_from("<I", head, 4)[0]
    finalised = riff_size == size - 8
    fmt: _Format | None = None
    payload: tuple[int, int] | None = None
    pos = 12
    while pos + 8 <= size:
        header = read_at(pos, 8)
        if len(header) < 8:
            break
        chunk_id = header[:4]
        chunk_size = struct.unpack_from("<I", header, 4)[0]
        body_start = pos + 8
        if chunk_id == b"data" and payload is None:
            beyond = body_start + chunk_size > size
            if beyond and finalised and chunk_size not in _STREAMING_SIZES:
                raise UsageError(
                    f"{name} is a broken WAV file (its header says the audio is {chunk_size:,} "
                    f"bytes long, but the file ends {size - body_start:,} bytes after it "
                    f"starts): {_REEXPORT_HINT}"
                )
            to_end = beyond or (chunk_size in _STREAMING_SIZES and not finalised)
            if to_end:
                # A recorder that never finalised the header: everything that follows is audio.
                payload = (body_start, size - body_start)
                break
            payload = (body_start, chunk_size)
        elif chunk_id == b"fmt ":
            if body_start + chunk_size > size:
                raise UsageError(
                    f"{name} is cut short inside its format header, so it cannot be read: "
                    f"{_REEXPORT_HINT}"
                )
            fmt = _parse_fmt(read_at(body_start, min(chunk_size, 64)), chunk_size, name)
        if fmt is not None and payload is not None:
            break
        # Chunks are word-aligned: an odd-sized chunk is followed by one pad byte.
        pos = body_start + chunk_size + (chunk_size & 1)
    if fmt is None:
        raise UsageError(
            f"{name} is not a usable WAV file (it has no format header, the 'fmt ' chunk): "
            f"{_REEXPORT_HINT}"
        )
    if payload is None:
        raise UsageError(
            f"{name} is not a usable WAV file (it has no audio, the 'data' chunk is missing): "
            f"{_REEXPORT_HINT}"
        )
    return fmt, payload[0], payload[1]


def _not_wav(data: bytes, name: str) -> str:
    if data[:4] == b"RIFX":
        what = "it is a big-endian RIFX file"
    elif data[:4] == b"RF64":
        what = "it is an RF64 file, the 64-bit WAV variant"
    elif data[:4] == b"RIFF" and len(data) >= 12:
        what = f"it is a RIFF '{data[8:12].decode('latin-1')}' file, not RIFF WAVE"
    elif b"RIFF".startswith(data[:4]) and data:
        what = "it ends before its RIFF/WAVE header is complete"
    else:
        what = next(
            (
                f"it looks like {kind} audio"
                for magic, kind in _OTHER_CONTAINERS
                if data.startswith(magic)
            ),
            "it does not start with a RIFF/WAVE header",
        )
    return f"{name} is not a WAV file ({what}): {_CONVERT_HINT}"


def _parse_fmt(body: bytes, size: int, name: str) -> _Format:
    """``body``: the first bytes of the 'fmt ' chunk (all that matters), ``size`` its length."""
    if size < 16:
        raise UsageError(
            f"{name} is a broken WAV file (its format header is only {size} bytes long): "
            f"{_REEXPORT_HINT}"
        )
    tag, channels, rate, _byte_rate, block_align, bits = struct.unpack_from("<HHIIHH", body)
    if tag == WAVE_FORMAT_EXTENSIBLE:
        if size < 40:
            raise UsageError(
                f"{name} is a broken WAV file (its extensible format header is only "
                f"{size} bytes long): {_REEXPORT_HINT}"
            )
        guid = body[24:40]
        if guid[4:] != _GUID_TAIL:
            raise UsageError(
                f"{name} is not a PCM WAV file (its extensible sub-format {guid.hex()} is not PCM "
                f"or float): {_CONVERT_HINT}"
            )
        tag = struct.unpack_from("<I", guid)[0]
        # Valid bits (body[18:20]) may be fewer than the container (20-bit in 24); the samples
        # are left-justified, so dividing by the container's full scale is still right.
    if tag == WAVE_FORMAT_PCM:
        if bits not in (8, 16, 24, 32):
            raise UsageError(
                f"{name} uses {bits}-bit PCM samples, which Dragoman cannot read: convert it to "
                f"16-bit PCM WAV first, e.g. with `sox in.wav -e signed -b 16 out.wav`."
            )
    elif tag == WAVE_FORMAT_IEEE_FLOAT:
        if bits not in (32, 64):
            raise UsageError(
                f"{name} uses {bits}-bit float samples, which Dragoman cannot read: {_CONVERT_HINT}"
            )
    else:
        kind = _COMPRESSED_NAMES.get(tag)
        described = f"{kind}, format 0x{tag:04X}" if kind else f"format 0x{tag:04X}"
        raise UsageError(
            f"{name} is not a PCM WAV file (it is compressed with {described}): {_CONVERT_HINT}"
        )
    return _Format(tag=tag, channels=channels, rate=rate, block_align=block_align, bits=bits)


def _decode(raw: bytes, tag: int, bits: int) -> FloatArray:
    if tag == WAVE_FORMAT_IEEE_FLOAT:
        values = np.frombuffer(raw, dtype="<f4" if bits == 32 else "<f8").astype(np.float32)
        np.nan_to_num(values, copy=False, nan=0.0, posinf=1.0, neginf=-1.0)
        np.clip(values, -1.0, 1.0, out=values)
        return values
    if bits == 8:
        u8 = np.frombuffer(raw, dtype=np.uint8).astype(np.float32)
        return (u8 - np.float32(128.0)) * np.float32(1.0 / 128.0)
    if bits == 16:
        return np.frombuffer(raw, dtype="<i2").astype(np.float32) * np.float32(2.0**-15)
    if bits == 24:
        b = np.frombuffer(raw, dtype=np.uint8).reshape(-1, 3).astype(np.int32)
        # Put the three bytes in the top of an int32 so the sign comes for free, then shift down.
        i32 = (b[:, 0] << 8) | (b[:, 1] << 16) | (b[:, 2] << 24)
        return (i32 >> 8).astype(np.float32) * np.float32(2.0**-23)
    scaled = np.frombuffer(raw, dtype="<i4").astype(np.float64) * 2.0**-31
    return np.minimum(scaled.astype(np.float32), _BELOW_ONE)


def to_mono(samples: npt.ArrayLike) -> FloatArray:
    """Average the channels: the service takes mono, and a plain mean never clips."""
    arr = np.asarray(samples, dtype=np.float32)
    if arr.ndim == 1:
        return arr.copy()
    if arr.ndim != 2 or arr.shape[1] == 0:
        raise ValueError(f"expected samples shaped (frames, channels), got {arr.shape}")
    if arr.shape[1] == 1:
        return arr[:, 0].copy()
    mono: FloatArray = arr.mean(axis=1, dtype=np.float32)
    return mono


def float_to_pcm16(x: npt.ArrayLike) -> bytes:
    """Little-endian PCM16, clipped and rounded to nearest.

    Scaling by 32768 (not 32767) makes :func:`pcm16_to_float` and this an exact round trip; +1.0
    clips to 32767. NaN becomes silence rather than numpy's undefined cast.
    """
    y = np.clip(np.asarray(x, dtype=np.float32), -1.0, 1.0)
    y *= np.float32(32768.0)
    np.rint(y, out=y)
    np.clip(y, -32768.0, 32767.0, out=y)
    np.nan_to_num(y, copy=False, nan=0.0)
    return y.astype("<i2").tobytes()


def pcm16_to_float(b: bytes) -> FloatArray:
    """Float32 in ``[-1, 1)``; an odd trailing byte (a torn frame) is ignored, not an error."""
    count = len(b) // 2
    return np.frombuffer(b, dtype="<i2", count=count).astype(np.float32) * np.float32(2.0**-15)


def write_wav_pcm16(samples: npt.ArrayLike, rate: int) -> bytes:
    """A canonical 44-byte-header mono PCM16 WAV, the format every tool reads."""
    pcm = float_to_pcm16(_mono_1d(samples))
    return _riff(_fmt_body(WAVE_FORMAT_PCM, rate, 16), b"", pcm)


def write_wav_float32(samples: npt.ArrayLike, rate: int) -> bytes:
    """A mono float32 WAV, for keeping the service's 24 kHz float output without requantising.

    Non-PCM formats carry ``cbSize`` and a ``fact`` chunk (frame count) per the RIFF spec; some
    players refuse float WAVs without them.
    """
    x = _mono_1d(samples)
    data = x.astype("<f4").tobytes()
    fmt = _fmt_body(WAVE_FORMAT_IEEE_FLOAT, rate, 32) + struct.pack("<H", 0)
    fact = b"fact" + struct.pack("<II", 4, x.shape[0])
    return _riff(fmt, fact, data)


def _mono_1d(samples: npt.ArrayLike) -> FloatArray:
    x = np.asarray(samples, dtype=np.float32)
    if x.ndim != 1:
        raise ValueError(f"expected 1-D mono samples, got shape {x.shape}")
    return x


def _fmt_body(tag: int, rate: int, bits: int) -> bytes:
    if rate <= 0:
        raise ValueError(f"sample rate must be positive, got {rate}")
    block_align = bits // 8
    return struct.pack("<HHIIHH", tag, 1, rate, rate * block_align, block_align, bits)


def _riff(fmt: bytes, extra: bytes, data: bytes) -> bytes:
    pad = b"\x00" if len(data) % 2 else b""
    body = (
        b"WAVE"
        + b"fmt "
        + struct.pack("<I", len(fmt))
        + fmt
        + extra
        + b"data"
        + struct.pack("<I", len(data))
        + data
        + pad
    )
    return b"RIFF" + struct.pack("<I", len(body)) + body
