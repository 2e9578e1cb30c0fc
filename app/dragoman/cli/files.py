"""The command line's result files: checked before connecting, written atomically.

Every output is checked when the command starts, before the service is used: a missing or
read-only folder, a directory where a file should be, a full disk are refused with a sentence
while nothing was spent yet.  Each is then written to a temporary file beside it and renamed over
the target only when complete, so a crash, a full disk or Ctrl-C never leaves half a file in its
place.  A target that is not a regular file (``/dev/stdout``, a FIFO) or is a symbolic link
cannot be renamed over: it is written in one go at the end, through its name.  When one output
cannot be written the others still are, and the sentence says which failed.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
import struct
import tempfile
from pathlib import Path
from typing import IO, Final

import numpy as np
import numpy.typing as npt

from dragoman.core.errors import DragomanError, UsageError
from dragoman.core.wav import float_to_pcm16, write_wav_pcm16

EXIT_OUTPUT: Final = 7


class OutputError(DragomanError):
    """A result came back but a file could not be written (the others were)."""

    exit_code = EXIT_OUTPUT


def shown(path: Path | str) -> str:
    """A file name as printed: quoted and escaped when it holds line breaks, ESC or the like."""
    name = str(path)
    return name if name.isprintable() else repr(name)


def _reason(exc: OSError) -> str:
    return exc.strerror or type(exc).__name__


class OutputFile:
    """One result file, from the check at start to the rename at the end; ``discard`` on failure.

    Made before connecting: the temporary file is created at once beside the target, which is
    the honest test that the folder exists and can be written.  ``write`` appends; an error while
    writing is kept and reported by ``commit``, so streaming goes on and the other outputs are
    still written.
    """

    def __init__(self, path: Path, *, what: str) -> None:
        self.path = path
        self.what = what
        self.name = shown(path)
        self._error: OSError | None = None
        self._special = False
        target: os.stat_result | None
        try:
            target = path.stat()
        except FileNotFoundError:
            target = None
        except OSError as exc:
            raise UsageError(f"Cannot write {self.name} ({_reason(exc)}).") from exc
        if target is not None and stat.S_ISDIR(target.st_mode):
            raise UsageError(f"{self.name} is a folder: give a file name for the {what}.")
        folder = path.parent
        if not folder.is_dir():
            raise UsageError(
                f"Cannot write {self.name}: the folder {shown(folder)} does not exist."
            )
        if target is not None and (path.is_symlink() or not stat.S_ISREG(target.st_mode)):
            # A device, a FIFO or a link (``/dev/stdout``, a link kept as a link): written in
            # one go at the end, through the name given, from a temporary file elsewhere.
            if not os.access(path, os.W_OK):
                raise UsageError(f"Cannot write {self.name} (permission denied).")
            self._special = True
            folder = Path(tempfile.gettempdir())
        elif target is not None and not os.access(path, os.W_OK):
            raise UsageError(f"Cannot write {self.name}: it is read-only.")
        try:
            handle, temp = tempfile.mkstemp(
                dir=folder, prefix=f".{path.name[:80]}.", suffix=".part"
            )
        except OSError as exc:
            raise UsageError(f"Cannot write {self.name} ({_reason(exc)}).") from exc
        self._temp = Path(temp)
        self._file: IO[bytes] | None = os.fdopen(handle, "w+b")
        if not self._special and _disk_full(folder):
            self.discard()
            raise UsageError(f"Cannot write {self.name}: the disk it goes on is full.")

    def __repr__(self) -> str:
        state = "open" if self._file is not None else "closed"
        return f"OutputFile({self.name}, {state}, error={self._error!r})"

    @property
    def failed(self) -> bool:
        return self._error is not None

    def write(self, data: bytes) -> None:
        if self._file is None or self._error is not None:
            return
        try:
            self._file.write(data)
        except OSError as exc:
            self._error = exc

    def rewrite_start(self, data: bytes) -> None:
        """Overwrite the first bytes (a header whose sizes are known only at the end)."""
        if self._file is None or self._error is not None:
            return
        try:
            self._file.seek(0)
            self._file.write(data)
            self._file.seek(0, os.SEEK_END)
        except OSError as exc:
            self._error = exc

    def commit(self) -> None:
        """Put the finished file in place; OutputError says why not (the target is untouched)."""
        file, self._file = self._file, None
        if file is None:
            raise OutputError(f"Could not write {self.name}.")
        try:
            try:
                if self._error is None:
                    file.flush()
                    os.fsync(file.fileno())
            finally:
                file.close()
            if self._error is not None:
                raise self._error
            if self._special:
                with self._temp.open("rb") as source, self.path.open("wb") as target:
                    shutil.copyfileobj(source, target)
            else:
                os.replace(self._temp, self.path)
        except OSError as exc:
            raise OutputError(f"Could not write {self.name} ({_reason(exc)})") from exc
        finally:
            with contextlib.suppress(FileNotFoundError):
                self._temp.unlink()

    def discard(self) -> None:
        """Forget it: the temporary file goes, the target is untouched (idempotent)."""
        file, self._file = self._file, None
        if file is not None:
            with contextlib.suppress(OSError):
                file.close()
        with contextlib.suppress(OSError):
            self._temp.unlink()


def _disk_full(folder: Path) -> bool:
    try:
        return os.statvfs(folder).f_bavail == 0
    except (OSError, AttributeError):  # statvfs is POSIX only
        return False


class AudioOutput:
    """Translated speech streamed to disk as it arrives (PCM16 WAV), so memory stays flat."""

    def __init__(self, path: Path) -> None:
        self.file = OutputFile(path, what="translated speech")
        self.rate: int | None = None
        self.samples = 0
        self.file.write(write_wav_pcm16(np.zeros(0, dtype=np.float32), 24_000))  # placeholder

    def __repr__(self) -> str:
        return f"AudioOutput({self.file!r}, rate={self.rate}, samples={self.samples})"

    def write(self, samples: npt.NDArray[np.float32], rate: int) -> None:
        if self.rate is None:
            self.rate = rate
        # The service speaks at one rate (24 kHz); a change mid-run would be a protocol error
        # the engine already reports, so samples are kept at the first rate rather than lost.
        self.file.write(float_to_pcm16(samples))
        self.samples += len(samples)

    def commit(self) -> bool:
        """Finish the WAV header and put the file in place; False if no speech came at all."""
        if self.samples == 0:
            self.file.discard()
            return False
        header = write_wav_pcm16(np.zeros(0, dtype=np.float32), self.rate or 24_000)
        data_bytes = 2 * self.samples
        # RIFF size and data size; a WAV cannot describe more than 4 GiB (about 12 h at 24 kHz).
        riff = struct.pack("<I", min(0xFFFFFFFF, 36 + data_bytes))
        data = struct.pack("<I", min(0xFFFFFFFF, data_bytes))
        self.file.rewrite_start(header[:4] + riff + header[8:40] + data)
        self.file.commit()
        return True

    def discard(self) -> None:
        self.file.discard()


def check_distinct(*paths: Path | None, reading: Path) -> None:
    """Refuse outputs that name the same file, or the recording being read.

    Devices (``/dev/null``, ``/dev/stdout``) may be named more than once.
    """
    seen: list[Path] = []
    for path in paths:
        if path is None or _special(path):
            continue
        if _same(path, reading):
            raise UsageError(
                f"{shown(path)} is the recording being read: choose another name for the output."
            )
        for other in seen:
            if _same(path, other):
                raise UsageError(f"{shown(path)} is given for two outputs: give each its own name.")
        seen.append(path)


def _special(path: Path) -> bool:
    try:
        return not stat.S_ISREG(path.stat().st_mode)
    except OSError:
        return False


def _same(a: Path, b: Path) -> bool:
    if os.path.abspath(a) == os.path.abspath(b):
        return True
    try:
        return a.samefile(b)
    except OSError:
        return False
