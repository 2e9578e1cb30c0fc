"""GUI tests run the Qt application as Dragoman does: closing a dialog never quits it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication


@pytest.fixture(autouse=True)
def _closing_the_last_window_does_not_quit(qapp: QApplication) -> Iterator[None]:
    """As in dragoman.main (``setQuitOnLastWindowClosed(False)``): otherwise a test that closes
    its only dialog while asyncio runs on Qt would stop the loop under its own feet."""
    before = qapp.quitOnLastWindowClosed()
    qapp.setQuitOnLastWindowClosed(False)
    yield
    qapp.setQuitOnLastWindowClosed(before)
