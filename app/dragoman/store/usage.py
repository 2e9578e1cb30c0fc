"""Per-day totals of audio sent (:mod:`dragoman.core.cost`), in a small JSON file.

``usage.json`` in the data directory (beside the history and the dubbing jobs; mode 0600). The
desktop app adds each hold's seconds as it ends: the file is re-read under a lock, the seconds
added, and the file swapped in atomically, so a second process (another Dragoman, a future
command-line count) never loses a hold, and a crash never leaves half a file. A missing or
damaged file reads as no usage yet.

Every call blocks on the disk: the app reaches it only through ``run_blocking``.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Final

from dragoman.core.cost import added, dump_usage_file, parse_usage_file
from dragoman.store.jobs import data_dir

FILE_NAME: Final = "usage.json"


class UsageStore:
    def __init__(self, path: Path | None = None) -> None:
        self.path = path if path is not None else data_dir() / FILE_NAME

    def __repr__(self) -> str:
        return f"UsageStore({str(self.path)!r})"

    def load(self) -> dict[str, float]:
        """Per-day totals (ISO date → seconds); none when the file is missing or unreadable."""
        try:
            text = self.path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return {}
        return parse_usage_file(text)

    def add(self, day: date, seconds: float) -> dict[str, float]:
        """Add ``seconds`` to ``day`` in the file; the totals it holds afterwards."""
        self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        with self._locked():
            days = added(self.load(), day, seconds)
            self._write(dump_usage_file(days))
        return days

    def _write(self, text: str) -> None:
        temporary = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(text)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(temporary, self.path)
        except BaseException:
            with contextlib.suppress(OSError):
                temporary.unlink()
            raise

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        """An exclusive lock on a sidecar file (POSIX); elsewhere the atomic swap must do."""
        try:
            import fcntl
        except ImportError:  # pragma: no cover - Windows
            yield
            return
        lock = self.path.with_name(f".{self.path.name}.lock")
        fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            yield
        finally:
            os.close(fd)
