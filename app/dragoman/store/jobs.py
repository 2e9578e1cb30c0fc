"""Dubbing jobs this user started, in a small JSON file beside the app's other data.

One file (``dubbing-jobs.json`` in the data directory, mode 0600: job ids and file names are
nobody else's business) shared by the command line and the desktop app, which may both run: every
write re-reads the file under a lock and replaces only its own record, then swaps the file in
atomically, so neither loses the other's jobs and a crash never leaves half a file.

Every call blocks on the disk: the desktop app reaches it only through ``run_blocking``.
"""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path
from typing import Final

from dragoman.core.dubbing import DubbingJob, dump_job_file, find_job, parse_job_file, upsert
from dragoman.store.files import locked, write_atomically

FILE_NAME: Final = "dubbing-jobs.json"
DATA_DIR_ENV: Final = "DRAGOMAN_DATA_DIR"


def data_dir() -> Path:
    """Where Dragoman keeps data (not settings, not logs): ``$DRAGOMAN_DATA_DIR``, else the
    platform's user data folder (the history database's folder too)."""
    explicit = os.environ.get(DATA_DIR_ENV, "").strip()
    if explicit:
        return Path(explicit)
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
        return Path(base) / "Dragoman"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support" / "Dragoman"
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "dragoman"


class JobStore:
    """The jobs file: :meth:`load` them all, :meth:`put` one (insert or replace by key)."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path if path is not None else data_dir() / FILE_NAME

    def __repr__(self) -> str:
        return f"JobStore({str(self.path)!r})"

    def load(self) -> list[DubbingJob]:
        """Every job in the file, oldest first; a missing or unreadable file holds none."""
        try:
            text = self.path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return []
        return parse_job_file(text)

    def get(self, wanted: str) -> DubbingJob | None:
        """A job by the server's job id or our local key."""
        return find_job(self.load(), wanted)

    def put(self, job: DubbingJob) -> None:
        """Insert or replace ``job``; the others' records (another process's too) are kept."""
        self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        with self._locked():
            jobs = upsert(self.load(), job)
            self._write(dump_job_file(jobs))

    def _write(self, text: str) -> None:
        write_atomically(self.path, text)

    def _locked(self) -> contextlib.AbstractContextManager[None]:
        return locked(self.path)
