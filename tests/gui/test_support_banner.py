"""403: the banner names support@startpinch.com and what to quote; "Copy details" copies a
ready-made request with the time the banner was raised."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from dragoman.controller import SessionController
from dragoman.core.banners import SUPPORT_EMAIL, Action, Level, details_at, for_error
from dragoman.core.errors import AuthError, NotEntitled
from dragoman.core.pinch import CAPABILITIES as PINCH
from dragoman.core.settings import Settings
from dragoman.resources import load_languages
from dragoman.ui.main_window import MainWindow

PINCH_403 = NotEntitled(
    "This Pinch API key is not entitled to real-time translation: ask Pinch support "
    "to enable it for your account, quoting your key's name."
)


@pytest.mark.parametrize("session_id", [None, "ss_4c1d"])
def test_the_banner_says_whom_to_write_to_and_what_to_quote(session_id: str | None) -> None:
    banner = for_error(PINCH_403, session_id)
    assert banner.level is Level.ERROR and banner.action is Action.COPY_DETAILS
    assert SUPPORT_EMAIL in banner.text and "key's name" in banner.text
    assert "the time" in banner.text
    assert (f"session {session_id}" in banner.text) == (session_id is not None)
    lines = banner.details.splitlines()
    assert lines[0] == f"To: {SUPPORT_EMAIL}"
    assert any(line.startswith("Key name:") for line in lines)
    expected = f"Session: {session_id}" if session_id else "Session: none"
    assert expected in banner.details
    assert str(PINCH_403) in banner.details


def test_copy_details_fills_in_the_time() -> None:
    banner = for_error(PINCH_403, "ss_4c1d")
    details = details_at(banner, datetime(2025, 3, 4, 5, 6, 7, tzinfo=UTC))
    assert "Time: 2025-03-04 05:06:07 UTC" in details.splitlines()
    assert "(when this happened)" not in details


def test_another_services_refusal_keeps_its_own_advice() -> None:
    error = NotEntitled("This Smallest AI key may not use Pulse: check the key's plan.")
    banner = for_error(error)
    assert banner.text == str(error) and SUPPORT_EMAIL not in banner.text


def test_the_window_copies_the_details_with_the_time(qtbot: QtBot) -> None:
    def refused(_settings: Settings) -> object:
        raise AuthError("unused")

    controller = SessionController(
        settings=Settings(), engine_factory=refused, capture=None, player=None
    )
    window = MainWindow(controller, load_languages(), {"pinch": PINCH})
    qtbot.addWidget(window)
    before = datetime.now(UTC).replace(microsecond=0)
    controller.banner_raised.emit(for_error(PINCH_403, "ss_4c1d"))
    widget = window.banners._widgets["session"]
    assert widget.button is not None and widget.button.text() == "Copy details"
    widget.button.click()
    copied = QGuiApplication.clipboard().text()
    assert copied.startswith(f"To: {SUPPORT_EMAIL}") and "Session: ss_4c1d" in copied
    (time_line,) = [line for line in copied.splitlines() if line.startswith("Time: ")]
    stamped = datetime.strptime(time_line, "Time: %Y-%m-%d %H:%M:%S UTC").replace(tzinfo=UTC)
    assert before <= stamped <= datetime.now(UTC)
