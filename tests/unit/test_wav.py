"""WAV reading/writing: every supported layout, the tolerated damage, and clear refusals."""

from __future__ import annotations

import io
import struct
import wave

import numpy as np
import numpy.typing as npt
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from dragoman.core.errors import UsageError
from dragoman.core.wav import (
    WAVE_FORMAT_EXTENSIBLE,
    WAVE_FORMAT_IEEE_FLOAT,
    WAVE_FORMAT_PCM,
    float_to_pcm16,
    pcm16_to_float,
    read_wav,
    read_wav_blocks,
    read_wav_info,
    to_mono,
    write_wav_float32,
    write_wav_pcm16,
)

PCM_GUID_TAIL = bytes.fromhex("000010008000 00aa00389b71")


def chunk(chunk_id: bytes, body: bytes, size: int | None = None) -> bytes:
    declared = len(body) if size is None else size
    return chunk_id + struct.pack("<I", declared) + body + (b"\x00" if len(body) % 2 else b"")


def fmt_body(
    tag: int,
    channels: int,
    rate: int,
    bits: int,
    *,
    block_align: int | None = None,
    sub_tag: int | None = None,
    guid_tail: bytes = PCM_GUID_TAIL,
) -> bytes:
    align = channels * bits // 8 if block_align is None else block_align
    body = struct.pack("<HHIIHH", tag, channels, rate, rate * align, align, bits)
    if tag == WAVE_FORMAT_EXTENSIBLE:
        assert sub_tag is not None
        body += struct.pack("<HHI", 22, bits, 0) + struct.pack("<I", sub_tag) + guid_tail
    return body


def riff(*chunks: bytes, riff_size: int | None = None) -> bytes:
    body = b"WAVE" + b"".join(chunks)
    return b"RIFF" + struct.pack("<I", len(body) if riff_size is None else riff_size) + body


def with_fmt(body: bytes, samples: bytes = b"") -> bytes:
    return riff(chunk(b"fmt ", body), chunk(b"data", samples))


def encode_ints(values: npt.NDArray[np.int64], bits: int) -> bytes:
    if bits == 8:
        return (values + 128).astype(np.uint8).tobytes()
    width = bits // 8
    return b"".join(int(v).to_bytes(width, "little", signed=True) for v in values.ravel())


def random_ints(bits: int, shape: tuple[int, int], seed: int = 0) -> npt.NDArray[np.int64]:
    rng = np.random.default_rng(seed)
    low, high = -(1 << (bits - 1)), 1 << (bits - 1)
    values = rng.integers(low, high, size=shape, dtype=np.int64)
    values.ravel()[:2] = [low, high - 1]  # always include both extremes
    return values


def stdlib_wav(raw: bytes, channels: int, width: int, rate: int) -> bytes:
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as writer:
        writer.setnchannels(channels)
        writer.setsampwidth(width)
        writer.setframerate(rate)
        writer.writeframes(raw)
    return buffer.getvalue()


# --- supported layouts -------------------------------------------------------------------------


@pytest.mark.parametrize("bits", [8, 16, 24, 32])
@pytest.mark.parametrize("channels", [1, 2, 3])
def test_stdlib_wave_files_decode_to_the_exact_scaled_integers(bits: int, channels: int) -> None:
    ints = random_ints(bits, (101, channels), seed=bits * 10 + channels)
    data = stdlib_wav(encode_ints(ints, bits), channels, bits // 8, 22_050)
    audio = read_wav(data)
    assert (audio.rate, audio.channels, audio.bits) == (22_050, channels, bits)
    assert audio.samples.dtype == np.float32
    assert audio.samples.shape == (101, channels)
    expected = (ints / float(1 << (bits - 1))).astype(np.float32)
    if bits == 32:
        expected = np.minimum(expected, np.float32(1 - 2**-24))
    np.testing.assert_array_equal(audio.samples, expected)
    assert audio.samples.min() >= -1.0
    assert audio.samples.max() < 1.0


@pytest.mark.parametrize("bits", [8, 16, 24, 32])
def test_own_pcm_chunks_match_stdlib_reading(bits: int) -> None:
    ints = random_ints(bits, (64, 2), seed=bits)
    raw = encode_ints(ints, bits)
    ours = riff(chunk(b"fmt ", fmt_body(WAVE_FORMAT_PCM, 2, 48_000, bits)), chunk(b"data", raw))
    with wave.open(io.BytesIO(ours), "rb") as reader:
        assert reader.readframes(64) == raw
        assert reader.getsampwidth() == bits // 8
    np.testing.assert_array_equal(
        read_wav(ours).samples, read_wav(stdlib_wav(raw, 2, bits // 8, 48_000)).samples
    )


def test_eight_bit_is_unsigned_with_128_as_silence() -> None:
    data = riff(
        chunk(b"fmt ", fmt_body(WAVE_FORMAT_PCM, 1, 8000, 8)), chunk(b"data", bytes([0, 128, 255]))
    )
    np.testing.assert_array_equal(read_wav(data).samples[:, 0], [-1.0, 0.0, 127 / 128])


def test_twenty_four_bit_sign_extension() -> None:
    raw = bytes.fromhex("000080ffffff010000ffff7f")
    data = riff(chunk(b"fmt ", fmt_body(WAVE_FORMAT_PCM, 1, 8000, 24)), chunk(b"data", raw))
    expected = np.array([-(2**23), -1, 1, 2**23 - 1]) / 2**23
    np.testing.assert_array_equal(read_wav(data).samples[:, 0], expected.astype(np.float32))


@pytest.mark.parametrize(("bits", "dtype"), [(32, "<f4"), (64, "<f8")])
def test_ieee_float(bits: int, dtype: str) -> None:
    values = np.array([[0.0, -0.5], [0.25, 0.999], [-1.0, 1.0]])
    data = riff(
        chunk(b"fmt ", fmt_body(WAVE_FORMAT_IEEE_FLOAT, 2, 44_100, bits) + b"\x00\x00"),
        chunk(b"fact", struct.pack("<I", 3)),
        chunk(b"data", values.astype(dtype).tobytes()),
    )
    audio = read_wav(data)
    assert (audio.bits, audio.channels, audio.rate) == (bits, 2, 44_100)
    np.testing.assert_allclose(audio.samples, values.astype(np.float32), rtol=0, atol=0)


def test_float_out_of_range_and_non_finite_values_are_made_safe() -> None:
    values = np.array([2.0, -3.0, np.nan, np.inf, -np.inf, 0.5], dtype="<f4")
    data = riff(
        chunk(b"fmt ", fmt_body(WAVE_FORMAT_IEEE_FLOAT, 1, 16_000, 32)),
        chunk(b"data", values.tobytes()),
    )
    np.testing.assert_array_equal(read_wav(data).samples[:, 0], [1.0, -1.0, 0.0, 1.0, -1.0, 0.5])


@pytest.mark.parametrize(
    ("sub_tag", "bits", "encode"),
    [
        (WAVE_FORMAT_PCM, 16, lambda v: (v * 32768).astype("<i2").tobytes()),
        (WAVE_FORMAT_PCM, 24, lambda v: encode_ints((v * 2**23).astype(np.int64), 24)),
        (WAVE_FORMAT_PCM, 32, lambda v: (v * 2**31).astype("<i4").tobytes()),
        (WAVE_FORMAT_IEEE_FLOAT, 32, lambda v: v.astype("<f4").tobytes()),
        (WAVE_FORMAT_IEEE_FLOAT, 64, lambda v: v.astype("<f8").tobytes()),
    ],
)
def test_extensible_with_pcm_or_float_subformat(sub_tag: int, bits: int, encode: object) -> None:
    values = np.array([[0.5, -0.5], [0.25, -1.0], [0.0, 0.125]])
    assert callable(encode)
    data = riff(
        chunk(b"fmt ", fmt_body(WAVE_FORMAT_EXTENSIBLE, 2, 96_000, bits, sub_tag=sub_tag)),
        chunk(b"data", encode(values)),
    )
    audio = read_wav(data)
    assert (audio.bits, audio.channels, audio.rate) == (bits, 2, 96_000)
    np.testing.assert_array_equal(audio.samples, values.astype(np.float32))


def test_unknown_chunks_are_skipped_including_odd_sizes_and_padding() -> None:
    samples = np.array([1000, -2000, 3000], dtype="<i2")
    data = riff(
        chunk(b"JUNK", b"\x01\x02\x03"),  # odd size: followed by a pad byte
        chunk(b"fmt ", fmt_body(WAVE_FORMAT_PCM, 1, 16_000, 16)),
        chunk(b"LIST", b"INFOISFT\x05\x00\x00\x00Lavf\x00"),  # odd size again
        chunk(b"fact", struct.pack("<I", 3)),
        chunk(b"data", samples.tobytes()),
        chunk(b"id3 ", b"trailing metadata"),
    )
    np.testing.assert_array_equal(read_wav(data).samples[:, 0], samples / 32768)


def test_format_chunk_after_data_is_found() -> None:
    samples = np.array([5, -5], dtype="<i2")
    data = riff(
        chunk(b"data", samples.tobytes()),
        chunk(b"fmt ", fmt_body(WAVE_FORMAT_PCM, 1, 16_000, 16)),
    )
    np.testing.assert_array_equal(read_wav(data).samples[:, 0], samples / 32768)


def test_odd_sized_eight_bit_data_chunk_ignores_its_pad_byte() -> None:
    data = riff(
        chunk(b"fmt ", fmt_body(WAVE_FORMAT_PCM, 1, 8000, 8)),
        chunk(b"data", bytes([128, 192, 64])),
        chunk(b"LIST", b"abcd"),
    )
    assert read_wav(data).frames == 3


def test_empty_data_chunk_gives_no_frames() -> None:
    data = riff(chunk(b"fmt ", fmt_body(WAVE_FORMAT_PCM, 2, 8000, 16)), chunk(b"data", b""))
    audio = read_wav(data)
    assert audio.samples.shape == (0, 2)
    assert audio.duration == 0.0


# --- tolerated damage --------------------------------------------------------------------------


def test_data_size_larger_than_file_uses_whole_frames_present() -> None:
    frames = np.arange(-50, 50, dtype="<i2").reshape(-1, 2)  # 50 stereo frames
    raw = frames.tobytes()[:-3]  # cut mid-frame: 49 whole frames and one torn
    data = riff(
        chunk(b"fmt ", fmt_body(WAVE_FORMAT_PCM, 2, 16_000, 16)),
        b"data" + struct.pack("<I", 1_000_000) + raw,
        riff_size=1_000_036,
    )
    audio = read_wav(data)
    assert audio.frames == 49
    np.testing.assert_array_equal(audio.samples, frames[:49] / 32768)


@pytest.mark.parametrize("declared", [0, 0xFFFFFFFF])
@pytest.mark.parametrize("riff_size", [0, 0xFFFFFFFF])
def test_streaming_sizes_read_to_the_end(declared: int, riff_size: int) -> None:
    samples = np.array([1, 2, 3, 4, 5], dtype="<i2")
    data = riff(
        chunk(b"fmt ", fmt_body(WAVE_FORMAT_PCM, 1, 16_000, 16)),
        b"data" + struct.pack("<I", declared) + samples.tobytes(),
        riff_size=riff_size,
    )
    np.testing.assert_array_equal(read_wav(data).samples[:, 0], samples / 32768)


def test_zero_data_size_in_a_finalised_file_means_empty() -> None:
    data = riff(
        chunk(b"fmt ", fmt_body(WAVE_FORMAT_PCM, 1, 16_000, 16)),
        chunk(b"data", b""),
        chunk(b"LIST", b"not audio at all"),
    )
    assert read_wav(data).frames == 0


def test_cut_inside_a_chunk_header_after_data_is_fine() -> None:
    good = write_wav_pcm16(np.array([0.5, -0.5], dtype=np.float32), 16_000)
    assert read_wav(good + b"LI").frames == 2


# --- refusals ----------------------------------------------------------------------------------


def refusal(data: bytes, name: str = "in.wav") -> str:
    with pytest.raises(UsageError) as caught:
        read_wav(data, name=name)
    message = str(caught.value)
    assert message.startswith(f"{name} ")
    assert message.endswith(".")
    assert ": " in message  # what is wrong, then what to do
    return message


@pytest.mark.parametrize(
    ("data", "phrase"),
    [
        (b"", "does not start with a RIFF/WAVE header"),
        (b"RIFF", "ends before its RIFF/WAVE header is complete"),
        (b"RIFF\x04\x00\x00\x00WAV", "ends before its RIFF/WAVE header is complete"),
        (b"RI", "ends before its RIFF/WAVE header is complete"),
        (b"hello world, this is text", "does not start with a RIFF/WAVE header"),
        (b"RIFF\x04\x00\x00\x00AVI LIST", "it is a RIFF 'AVI ' file, not RIFF WAVE"),
        (b"RIFX\x04\x00\x00\x00WAVE", "big-endian"),
        (b"RF64\xff\xff\xff\xffWAVEds64", "RF64"),
        (b"fLaC\x00\x00\x00\x22" + bytes(40), "FLAC"),
        (b"ID3\x04\x00" + bytes(40), "MP3"),
        (b"OggS" + bytes(40), "Ogg"),
    ],
)
def test_not_a_wav_file(data: bytes, phrase: str) -> None:
    message = refusal(data)
    assert "is not a WAV file" in message
    assert phrase in message
    assert "sox" in message


@pytest.mark.parametrize(
    ("tag", "name"),
    [(0x0006, "A-law"), (0x0007, "mu-law"), (0x0002, "Microsoft ADPCM"), (0x0011, "IMA ADPCM"),
     (0x0055, "MP3"), (0x1234, "format 0x1234")],
)  # fmt: skip
def test_compressed_formats_are_refused_by_name(tag: int, name: str) -> None:
    data = riff(chunk(b"fmt ", fmt_body(tag, 1, 8000, 8)), chunk(b"data", bytes(10)))
    message = refusal(data)
    assert f"is not a PCM WAV file (it is compressed with {name}" in message
    assert f"0x{tag:04X}" in message
    assert "sox in.wav -e signed -b 16 out.wav" in message


def test_the_example_sentence_reads_well() -> None:
    data = riff(chunk(b"fmt ", fmt_body(0x0011, 1, 8000, 4)), chunk(b"data", bytes(10)))
    assert refusal(data, name="INPUT") == (
        "INPUT is not a PCM WAV file (it is compressed with IMA ADPCM, format 0x0011): convert "
        "it to PCM WAV first, e.g. with `sox in.wav -e signed -b 16 out.wav`."
    )


def test_default_name_makes_a_sentence_on_its_own() -> None:
    with pytest.raises(UsageError, match=r"^The input is not a WAV file"):
        read_wav(b"nope")


def test_extensible_with_unknown_subformat_guid() -> None:
    body = fmt_body(WAVE_FORMAT_EXTENSIBLE, 4, 48_000, 32, sub_tag=1, guid_tail=bytes(range(12)))
    data = riff(chunk(b"fmt ", body), chunk(b"data", bytes(32)))
    assert "sub-format" in refusal(data)


def test_extensible_with_compressed_subformat() -> None:
    body = fmt_body(WAVE_FORMAT_EXTENSIBLE, 1, 8000, 8, sub_tag=0x0007)
    assert "mu-law" in refusal(riff(chunk(b"fmt ", body), chunk(b"data", bytes(4))))


def test_short_extensible_header() -> None:
    body = fmt_body(WAVE_FORMAT_PCM, 1, 8000, 16)
    body = struct.pack("<H", WAVE_FORMAT_EXTENSIBLE) + body[2:] + b"\x00\x00"
    assert "extensible format header" in refusal(riff(chunk(b"fmt ", body), chunk(b"data", b"")))


@pytest.mark.parametrize(
    ("build", "phrase"),
    [
        (lambda: riff(chunk(b"data", bytes(8))), "no format header"),
        (lambda: riff(chunk(b"fmt ", fmt_body(1, 1, 8000, 16))), "the 'data' chunk is missing"),
        (lambda: riff(), "no format header"),
        (lambda: riff(chunk(b"fmt ", bytes(10)), chunk(b"data", b"")), "only 10 bytes long"),
        (lambda: riff(chunk(b"fmt ", fmt_body(1, 0, 8000, 16)), chunk(b"data", b"")), "0 channels"),
        (lambda: riff(chunk(b"fmt ", fmt_body(1, 1, 0, 16)), chunk(b"data", b"")), "0 Hz"),
        (lambda: with_fmt(fmt_body(1, 2, 8000, 16, block_align=2)),
         "block size of 2 bytes does not match 2 channel(s) of 16-bit"),
        (lambda: with_fmt(fmt_body(1, 1, 8000, 12)), "12-bit PCM"),
        (lambda: with_fmt(fmt_body(3, 1, 8000, 16)), "16-bit float"),
        (lambda: riff(b"fmt " + struct.pack("<I", 16) + bytes(6)), "cut short inside its format"),
    ],
)  # fmt: skip
def test_broken_files_are_refused_with_a_reason(build: object, phrase: str) -> None:
    assert callable(build)
    assert phrase in refusal(build())


@settings(max_examples=300)
@given(st.binary(max_size=200))
def test_garbage_never_escapes_as_anything_but_usage_error(blob: bytes) -> None:
    for data in (blob, b"RIFF" + blob[:4] + b"WAVE" + blob[4:]):
        try:
            read_wav(data)
        except UsageError:
            pass


@given(st.data())
def test_any_truncation_of_a_valid_file_reads_a_prefix_or_is_refused(data: st.DataObject) -> None:
    bits = data.draw(st.sampled_from([8, 16, 24, 32]))
    channels = data.draw(st.integers(1, 3))
    ints = random_ints(bits, (20, channels), seed=bits + channels)
    whole = stdlib_wav(encode_ints(ints, bits), channels, bits // 8, 8000)
    cut = data.draw(st.integers(0, len(whole)))
    try:
        audio = read_wav(whole[:cut])
    except UsageError:
        assert cut < 44  # only a cut inside the headers may be refused
        return
    full = read_wav(whole).samples
    np.testing.assert_array_equal(audio.samples, full[: audio.frames])
    assert audio.frames == max(0, cut - 44) // (channels * bits // 8)


# --- header sanity and reading in blocks (issue 15, item 12) -----------------------------------


@pytest.mark.parametrize(
    ("channels", "rate", "phrase"),
    [
        (1, 1, "says its sample rate is 1 Hz, outside the 8,000 to 384,000 Hz"),
        (1, 7_999, "7,999 Hz"),
        (2, 384_001, "384,001 Hz"),
        (33, 16_000, "33 channels, more than the 32"),
    ],
)
def test_headers_outside_what_is_read_are_refused(channels: int, rate: int, phrase: str) -> None:
    body = fmt_body(WAVE_FORMAT_PCM, channels, rate, 16)
    message = refusal(riff(chunk(b"fmt ", body), chunk(b"data", bytes(40_000 * channels))))
    assert phrase in message and "sox" in message


@pytest.mark.parametrize(("channels", "rate"), [(1, 8_000), (32, 16_000), (1, 384_000)])
def test_the_limits_themselves_are_read(channels: int, rate: int) -> None:
    data = riff(
        chunk(b"fmt ", fmt_body(WAVE_FORMAT_PCM, channels, rate, 16)),
        chunk(b"data", bytes(4 * channels)),
    )
    assert read_wav(data).samples.shape == (2, channels)


def test_a_finalised_file_whose_data_size_overruns_it_is_refused() -> None:
    """A header that was finalised but lies about its audio is broken, not cut short."""
    raw = bytes(100)
    body = b"WAVE" + chunk(b"fmt ", fmt_body(WAVE_FORMAT_PCM, 1, 16_000, 16))
    body += b"data" + struct.pack("<I", 50_000_000) + raw
    data = b"RIFF" + struct.pack("<I", len(body)) + body
    assert "says the audio is 50,000,000 bytes long" in refusal(data)


class CountingReader(io.BytesIO):
    """A file that remembers the largest single read, to prove reading is done in blocks."""

    largest = 0

    def read(self, size: int | None = -1, /) -> bytes:
        data = super().read(size)
        self.largest = max(self.largest, len(data))
        return data


@pytest.mark.parametrize("bits", [8, 16, 24, 32])
def test_blocks_hold_the_same_samples_as_reading_whole(bits: int) -> None:
    ints = random_ints(bits, (5_000, 3), seed=bits)
    data = stdlib_wav(encode_ints(ints, bits), 3, bits // 8, 44_100)
    source = CountingReader(data)
    info = read_wav_info(source, name="in.wav")
    assert (info.rate, info.channels, info.bits, info.frames) == (44_100, 3, bits, 5_000)
    blocks = list(read_wav_blocks(source, info, block_bytes=1_000))
    assert all(len(b) <= 1_000 // (3 * bits // 8) for b in blocks)
    np.testing.assert_array_equal(np.concatenate(blocks), read_wav(data).samples)
    assert source.largest <= 1_000


def test_header_reading_never_reads_the_samples() -> None:
    data = write_wav_pcm16(np.zeros(500_000, dtype=np.float32), 16_000)
    source = CountingReader(data)
    info = read_wav_info(source)
    assert info.frames == 500_000 and source.largest <= 64


def test_a_file_shorter_than_its_header_says_ends_the_blocks_early() -> None:
    frames = np.arange(-50, 50, dtype="<i2").reshape(-1, 2)
    data = riff(
        chunk(b"fmt ", fmt_body(WAVE_FORMAT_PCM, 2, 16_000, 16)),
        b"data" + struct.pack("<I", 1_000_000) + frames.tobytes()[:-3],
        riff_size=1_000_036,
    )
    source = io.BytesIO(data)
    info = read_wav_info(source)
    assert info.frames == 49
    np.testing.assert_array_equal(
        np.concatenate(list(read_wav_blocks(source, info))), frames[:49] / 32768
    )
    short = io.BytesIO(data[:-100])  # the file shrank after its header was read
    assert sum(len(b) for b in read_wav_blocks(short, info)) == (197 - 100) // 4


# --- writers and conversions -------------------------------------------------------------------

finite_samples = hnp.arrays(
    np.float32,
    hnp.array_shapes(min_dims=1, max_dims=1, min_side=0, max_side=300),
    elements=st.floats(-1.0, 1.0, width=32),
)


@given(finite_samples, st.sampled_from([8000, 16_000, 24_000, 44_100, 48_000]))
def test_pcm16_write_read_round_trip(x: npt.NDArray[np.float32], rate: int) -> None:
    audio = read_wav(write_wav_pcm16(x, rate))
    assert (audio.rate, audio.channels, audio.bits) == (rate, 1, 16)
    assert audio.samples.shape == (x.shape[0], 1)
    steps = np.clip(np.rint(x.astype(np.float64) * 32768), -32768, 32767)
    np.testing.assert_array_equal(audio.samples[:, 0], (steps / 32768).astype(np.float32))
    # Round to nearest: half a step at most, except where the top step clips.
    unclipped = x < 32767.5 / 32768
    assert np.all(np.abs(audio.samples[unclipped, 0] - x[unclipped]) <= 0.5 / 32768)


@given(finite_samples, st.sampled_from([16_000, 24_000]))
def test_float32_write_read_round_trip_is_exact(x: npt.NDArray[np.float32], rate: int) -> None:
    audio = read_wav(write_wav_float32(x, rate))
    assert (audio.rate, audio.channels, audio.bits) == (rate, 1, 32)
    np.testing.assert_array_equal(audio.samples[:, 0], x)


def test_written_files_are_readable_by_the_stdlib() -> None:
    x = np.array([0.0, 0.5, -0.5, 1.0, -1.0, 0.25, 0.125], dtype=np.float32)
    data = write_wav_pcm16(x, 16_000)
    assert data[:4] == b"RIFF" and len(data) == 44 + 14
    with wave.open(io.BytesIO(data), "rb") as reader:
        assert (reader.getnchannels(), reader.getsampwidth(), reader.getframerate()) == (
            1,
            2,
            16_000,
        )
        frames = np.frombuffer(reader.readframes(7), dtype="<i2")
    np.testing.assert_array_equal(frames, [0, 16384, -16384, 32767, -32768, 8192, 4096])


def test_float32_file_has_cbsize_and_fact_chunk() -> None:
    data = write_wav_float32(np.zeros(5, dtype=np.float32), 24_000)
    assert data[12:16] == b"fmt " and struct.unpack_from("<I", data, 16)[0] == 18
    assert struct.unpack_from("<H", data, 20)[0] == WAVE_FORMAT_IEEE_FLOAT
    assert data[38:42] == b"fact" and struct.unpack_from("<I", data, 46)[0] == 5
    assert struct.unpack_from("<I", data, 4)[0] == len(data) - 8


def test_writers_refuse_non_mono_and_bad_rates() -> None:
    with pytest.raises(ValueError, match="1-D"):
        write_wav_pcm16(np.zeros((4, 2), dtype=np.float32), 16_000)
    with pytest.raises(ValueError, match="positive"):
        write_wav_float32(np.zeros(4, dtype=np.float32), 0)


def test_float_to_pcm16_clips_rounds_and_silences_nan() -> None:
    x = np.array([2.0, -2.0, 1.0, -1.0, np.nan, np.inf, -np.inf, 0.5 / 32768, 1.5 / 32768])
    assert np.frombuffer(float_to_pcm16(x), dtype="<i2").tolist() == [
        32767, -32768, 32767, -32768, 0, 32767, -32768, 0, 2,
    ]  # fmt: skip


@given(st.binary(max_size=101))
def test_pcm16_to_float_to_pcm16_is_lossless(blob: bytes) -> None:
    x = pcm16_to_float(blob)
    assert x.dtype == np.float32
    assert x.shape == (len(blob) // 2,)
    assert np.all((x >= -1.0) & (x < 1.0))
    assert float_to_pcm16(x) == blob[: len(blob) // 2 * 2]


def test_to_mono_averages_channels() -> None:
    stereo = np.array([[1.0, 0.0], [0.5, -0.5], [-1.0, -1.0]], dtype=np.float32)
    mono = to_mono(stereo)
    assert mono.dtype == np.float32 and mono.ndim == 1
    np.testing.assert_array_equal(mono, [0.5, 0.0, -1.0])
    single = np.array([[0.25], [0.5]], dtype=np.float32)
    np.testing.assert_array_equal(to_mono(single), [0.25, 0.5])
    np.testing.assert_array_equal(to_mono(np.array([0.1, 0.2])), np.array([0.1, 0.2], np.float32))
    assert to_mono(np.zeros((0, 2), dtype=np.float32)).shape == (0,)
    with pytest.raises(ValueError, match="frames, channels"):
        to_mono(np.zeros((3, 0), dtype=np.float32))


def test_to_mono_never_aliases_its_input() -> None:
    samples = np.zeros((3, 1), dtype=np.float32)
    mono = to_mono(samples)
    mono[0] = 1.0
    assert samples[0, 0] == 0.0
