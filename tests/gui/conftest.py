"""GUI tests run the Qt application as Dragoman does: closing a dialog never quits it."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from dragoman.ui import i18n

ROOT = Path(__file__).resolve().parents[2]


def built_catalogues() -> None:
    """The .qm files are build outputs (tests/bootstrap.sh and packaging/build.sh make them);
    a checkout that has not built them yet, or whose .ts changed since, gets them built here."""
    folder = ROOT / "resources" / "i18n"
    stale = [
        ts
        for ts in folder.glob("dragoman_*.ts")
        if not ts.with_suffix(".qm").exists()
        or ts.with_suffix(".qm").stat().st_mtime < ts.stat().st_mtime
    ]
    if stale:
        script = ROOT / "packaging" / "i18n.py"
        subprocess.run([sys.executable, str(script), "release"], check=True, cwd=ROOT)


@pytest.fixture(autouse=True)
def _closing_the_last_window_does_not_quit(qapp: QApplication) -> Iterator[None]:
    """As in dragoman.main (``setQuitOnLastWindowClosed(False)``): otherwise a test that closes
    its only dialog while asyncio runs on Qt would stop the loop under its own feet."""
    before = qapp.quitOnLastWindowClosed()
    qapp.setQuitOnLastWindowClosed(False)
    yield
    qapp.setQuitOnLastWindowClosed(before)


@pytest.fixture(autouse=True, scope="session")
def _english_ui(qapp: QApplication) -> Iterator[None]:
    """As dragoman.main at start: English has a catalogue too, of plural forms only ("%n
    minute(s)" → "1 minute", "5 minutes"). A test that needs another language installs its own."""
    built_catalogues()
    installed = i18n.install("en")
    yield
    installed.remove()
