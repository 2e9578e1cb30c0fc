"""Per-day totals of audio sent (:mod:`dragoman.core.cost`), in a small JSON file.

``usage.json`` in the data directory (beside the history and the dubbing jobs; mode 0600). The
desktop app adds each hold's seconds as it ends: the file is re-read under a lock, the seconds
added, and the file swapped in atomically, so a second process (another Dragoman, a future
command-line count) never loses a hold, and a crash never leaves half a file. A missing or
damaged file reads as no usage yet; the next
hold sets it aside (``usage.json.bad-<time>``) rather than writing over it.

Every call blocks on the disk: the app reaches it only through ``run_blocking``.
"""

from __future__ import annotations

import contextlib
import logging
import os
from datetime import date, datetime
from pathlib import Path
from typing import Final

from dragoman.core.cost import (
    UsageUnreadable,
    added,
    dump_usage_file,
    parse_usage_file,
    read_usage_file,
)
from dragoman.store.files import locked, write_atomically
from dragoman.store.jobs import data_dir

log = logging.getLogger(__name__)

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

    def read(self) -> dict[str, float]:
        """Per-day totals for the history and ``dragoman history``: none when the file does not
        exist yet; :class:`UsageUnreadable` (a sentence) when it exists but cannot be read."""
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return {}
        except (OSError, UnicodeDecodeError) as error:
            log.warning("usage file %s unreadable: %s", self.path, error)
            raise UsageUnreadable(str(self.path)) from error
        try:
            return read_usage_file(text)
        except ValueError as error:
            log.warning("usage file %s damaged: %s", self.path, error)
            raise UsageUnreadable(str(self.path)) from error

    def add(self, day: date, seconds: float) -> dict[str, float]:
        """Add ``seconds`` to ``day`` in the file; the totals it holds afterwards."""
        self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        with self._locked():
            try:
                before = self.read()
            except UsageUnreadable:
                before = {}
                self._set_aside()
            days = added(before, day, seconds)
            self._write(dump_usage_file(days))
        return days

    def _set_aside(self) -> None:
        """Keep a damaged file beside the new count instead of writing over it (its totals may
        still be recovered by hand); the log says where it went."""
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        kept = self.path.with_name(f"{self.path.name}.bad-{stamp}")
        try:
            os.replace(self.path, kept)
        except OSError as error:
            log.warning("usage file %s damaged and could not be set aside: %s", self.path, error)
            return
        log.warning("usage file %s was damaged: kept as %s, a new count starts", self.path, kept)

    def _write(self, text: str) -> None:
        write_atomically(self.path, text)

    def _locked(self) -> contextlib.AbstractContextManager[None]:
        return locked(self.path)
