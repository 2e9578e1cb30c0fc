"""Result files of the command line (``dragoman.cli.files``): checked first, written atomically."""

from __future__ import annotations

import wave
from pathlib import Path

import numpy as np
import pytest

from dragoman.cli.files import AudioOutput, OutputError, OutputFile, check_distinct, shown
from dragoman.core.errors import UsageError


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_a_file_appears_whole_at_commit_and_not_before(tmp_path: Path) -> None:
    target = tmp_path / "t.txt"
    target.write_text("old")
    output = OutputFile(target, what="transcript")
    output.write(b"new ")
    output.write(b"text")
    assert target.read_text() == "old"
    output.commit()
    assert target.read_text() == "new text"
    assert leftovers(tmp_path) == ["t.txt"]


def test_a_discarded_file_leaves_the_old_one_and_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "t.txt"
    target.write_text("old")
    output = OutputFile(target, what="transcript")
    output.write(b"half")
    output.discard()
    output.discard()  # idempotent
    assert target.read_text() == "old" and leftovers(tmp_path) == ["t.txt"]


@pytest.mark.parametrize(
    ("make", "phrase"),
    [
        (lambda d: d / "missing" / "t.json", "does not exist"),
        (lambda d: d, "is a folder"),
    ],
)
def test_bad_targets_are_refused_when_made(tmp_path: Path, make: object, phrase: str) -> None:
    assert callable(make)
    with pytest.raises(UsageError, match=phrase):
        OutputFile(make(tmp_path), what="transcript")
    assert leftovers(tmp_path) == []


def test_a_write_error_is_reported_at_commit_and_the_target_kept(tmp_path: Path) -> None:
    target = tmp_path / "t.txt"
    target.write_text("old")
    output = OutputFile(target, what="transcript")
    output._error = OSError(28, "No space left on device")  # as a full disk leaves it
    output.write(b"lost")
    with pytest.raises(OutputError, match=r"Could not write .*t\.txt \(No space left on device\)"):
        output.commit()
    assert target.read_text() == "old" and leftovers(tmp_path) == ["t.txt"]


def test_a_device_is_written_in_place(tmp_path: Path) -> None:
    output = OutputFile(Path("/dev/null"), what="transcript")
    output.write(b"gone")
    output.commit()
    full = OutputFile(Path("/dev/full"), what="transcript")
    full.write(b"x" * 10)
    with pytest.raises(OutputError, match="/dev/full"):
        full.commit()


def test_translated_speech_streams_into_a_valid_wav(tmp_path: Path) -> None:
    target = tmp_path / "out.wav"
    audio = AudioOutput(target)
    chunks = [np.full(2400, 0.25, dtype=np.float32), np.full(1200, -0.5, dtype=np.float32)]
    for chunk in chunks:
        audio.write(chunk, 24_000)
    assert not target.exists()
    assert audio.commit()
    with wave.open(str(target), "rb") as reader:
        assert (reader.getframerate(), reader.getnchannels(), reader.getsampwidth()) == (
            24_000,
            1,
            2,
        )
        samples = np.frombuffer(reader.readframes(reader.getnframes()), dtype="<i2")
    np.testing.assert_array_equal(samples, [8192] * 2400 + [-16384] * 1200)


def test_no_speech_means_no_file(tmp_path: Path) -> None:
    audio = AudioOutput(tmp_path / "out.wav")
    assert not audio.commit()
    assert leftovers(tmp_path) == []


def test_outputs_must_differ_from_each_other_and_from_the_input(tmp_path: Path) -> None:
    recording = tmp_path / "in.wav"
    recording.write_bytes(b"RIFF")
    with pytest.raises(UsageError, match="recording being read"):
        check_distinct(tmp_path / "sub" / ".." / "in.wav", None, reading=recording)
    with pytest.raises(UsageError, match="two outputs"):
        check_distinct(tmp_path / "a.wav", tmp_path / "a.wav", reading=recording)
    check_distinct(Path("/dev/null"), Path("/dev/null"), reading=recording)
    check_distinct(tmp_path / "a.wav", tmp_path / "a.json", reading=recording)


@pytest.mark.parametrize(
    ("name", "printed"),
    [
        ("talk.wav", "talk.wav"),
        ("my talk é 中.wav", "my talk é 中.wav"),
        ("bad\nname.wav", "'bad\\nname.wav'"),
        ("esc\x1b[31m.wav", "'esc\\x1b[31m.wav'"),
        ("half\udcff.wav", "'half\\udcff.wav'"),
    ],
)
def test_file_names_are_quoted_when_they_would_not_print_plainly(name: str, printed: str) -> None:
    assert shown(Path(name)) == printed
