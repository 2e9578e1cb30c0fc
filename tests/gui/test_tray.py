"""The tray menu: the setup assistant again, recent pairs by name, the application's own icon."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QIcon
from pytestqt.qtbot import QtBot

from dragoman.controller import SessionController, State
from dragoman.core.errors import AuthError
from dragoman.core.settings import Settings
from dragoman.ui import tray as tray_module
from dragoman.ui.tray import ICON_FOR_STATE, Tray


def no_key(_settings: Settings) -> object:
    raise AuthError("no key")


def make_tray() -> Tray:
    controller = SessionController(
        settings=Settings(recent_pairs=(("en", "sw"), ("cy", "de"))),
        engine_factory=no_key,
        capture=None,
        player=None,
    )
    return Tray(controller)


def test_the_tray_offers_the_setup_assistant(qtbot: QtBot) -> None:
    tray = make_tray()
    assert tray.setup_action in tray.menu.actions()
    with qtbot.waitSignal(tray.first_run_requested):
        tray.setup_action.trigger()


def test_recent_pairs_are_named(qtbot: QtBot) -> None:
    tray = make_tray()
    texts = [action.text() for action in tray.recent_menu.actions()]
    assert texts == ["English → Swahili", "Welsh → German"]


def test_at_rest_the_tray_shows_the_application_icon(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The window's icon (ui.icons.app_icon) is dragoman.svg: the tray's at rest too."""
    for state in (State.IDLE, State.CONNECTING, State.READY):
        assert ICON_FOR_STATE[state] == "dragoman"
    shown: list[str] = []
    real = tray_module.state_icon

    def spy(name: str) -> QIcon:
        shown.append(name)
        return real(name)

    monkeypatch.setattr(tray_module, "state_icon", spy)
    tray = make_tray()
    tray.on_controller_state_changed(State.READY.value)
    tray.on_controller_state_changed(State.LISTENING.value)
    assert shown == ["dragoman", "dragoman", "listening"]
    assert not tray.icon.icon().isNull()
