from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from dragoman.controller import Latency, SessionController
from dragoman.core.engine import Engine
from dragoman.core.errors import AuthError
from dragoman.core.settings import Settings
from dragoman.store.secrets import KeyringStore
from dragoman.ui.first_run import FirstRunWizard
from dragoman.ui.settings_dialog import CHECKING
from tests.fakes import FakeCapture, FakePlayer
from tests.gui.test_settings_dialog import services
from tests.inprocess_keyring import KEYRING_LEAKS_SOCKETS, KeyringCalls, keyring_in_this_process
from tests.qtloop import run_on_qt, until


def no_key(_settings: Settings) -> Engine:
    raise AuthError("no key")


def controller() -> SessionController:
    return SessionController(
        settings=Settings(), engine_factory=no_key, capture=FakeCapture(), player=FakePlayer()
    )


def test_the_wizard_walks_through_mic_check_and_hotkey(
    qtbot: QtBot, qapp: QApplication, tmp_path: Path
) -> None:
    ctl = controller()
    finished: list[bool] = []
    wizard = FirstRunWizard(ctl, services(tmp_path), hotkey="F9", backend_note="X11")
    wizard.finished_setup.connect(lambda: finished.append(True))
    qtbot.addWidget(wizard)

    async def body() -> None:
        wizard.show()
        wizard.next()  # key page (skippable): its key state loads off the Qt thread
        await until(lambda: CHECKING not in wizard.key_row.status.text())
        wizard.next()  # mic page

    run_on_qt(qapp, body())
    assert wizard.currentPage() is wizard.mic_page and ctl._mic_check
    ctl.level_changed.emit(-20.0, -6.0)
    assert wizard.meter.rms_db == -20.0
    ctl.mic_check_measured.emit(Latency(first_audio_ms=48.0))
    assert "48 ms" in wizard.mic_result.text()
    wizard.next()  # hotkey page
    assert not ctl._mic_check
    wizard.on_hotkey_pressed()
    assert "works" in wizard.hotkey_result.text()
    wizard.next()
    wizard.accept()
    assert finished == [True] and not ctl._mic_check


@pytest.fixture
def keyring_here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, str]]:
    with keyring_in_this_process(tmp_path, monkeypatch) as env:
        yield env


@KEYRING_LEAKS_SOCKETS
def test_the_key_page_reads_the_real_keyring_off_the_qt_thread(
    qtbot: QtBot,
    qapp: QApplication,
    tmp_path: Path,
    keyring_here: dict[str, str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    KeyringStore().set("pinch", "pk_stored")
    calls = KeyringCalls(monkeypatch)
    wizard = FirstRunWizard(
        controller(), services(tmp_path, KeyringStore()), hotkey="F9", backend_note="X11"
    )
    qtbot.addWidget(wizard)
    assert calls.calls == []
    assert CHECKING in wizard.key_row.status.text()

    async def body() -> None:
        wizard.show()
        wizard.next()
        await until(lambda: CHECKING not in wizard.key_row.status.text())

    run_on_qt(qapp, body())
    assert wizard.key_row.status.text() == "A key is stored in the OS keyring."
    assert calls.named("get") and calls.on_main_thread() == []
