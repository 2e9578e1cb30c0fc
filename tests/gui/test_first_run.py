from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from dragoman.controller import Latency, SessionController
from dragoman.core.engine import Engine
from dragoman.core.errors import AuthError
from dragoman.core.settings import Settings
from dragoman.ui.first_run import FirstRunWizard
from tests.fakes import FakeCapture, FakePlayer
from tests.gui.test_settings_dialog import services


def no_key(_settings: Settings) -> Engine:
    raise AuthError("no key")


def test_the_wizard_walks_through_mic_check_and_hotkey(qtbot: QtBot, tmp_path: Path) -> None:
    controller = SessionController(
        settings=Settings(), engine_factory=no_key, capture=FakeCapture(), player=FakePlayer()
    )
    finished: list[bool] = []
    wizard = FirstRunWizard(controller, services(tmp_path), hotkey="F9", backend_note="X11")
    wizard.finished_setup.connect(lambda: finished.append(True))
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.next()  # key page (skippable)
    wizard.next()  # mic page
    assert wizard.currentPage() is wizard.mic_page and controller._mic_check
    controller.level_changed.emit(-20.0, -6.0)
    assert wizard.meter.rms_db == -20.0
    controller.mic_check_measured.emit(Latency(first_audio_ms=48.0))
    assert "48 ms" in wizard.mic_result.text()
    wizard.next()  # hotkey page
    assert not controller._mic_check
    wizard.on_hotkey_pressed()
    assert "works" in wizard.hotkey_result.text()
    wizard.next()
    wizard.accept()
    assert finished == [True] and not controller._mic_check
