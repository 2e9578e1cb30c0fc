"""The controller's two small hooks for the UI: the wizard's hotkey capture and "Cancelled"."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from dragoman.controller import SessionController, State
from dragoman.core.errors import AuthError
from dragoman.core.settings import Settings
from tests.fakes import FakeCapture, FakePlayer
from tests.qtloop import run_on_qt, until


def opened_engine(_settings: Settings) -> object:
    raise AuthError("no key (and no session may open while the wizard captures the hotkey)")


def test_a_captured_hotkey_is_reported_and_never_talks(qtbot: QtBot, qapp: QApplication) -> None:
    capture = FakeCapture()
    ctl = SessionController(
        settings=Settings(), engine_factory=opened_engine, capture=capture, player=FakePlayer()
    )
    checked: list[str] = []
    talking: list[bool] = []
    ctl.hotkey_checked.connect(checked.append)
    ctl.talking_changed.connect(talking.append)
    ctl.set_hotkey_check(True)
    ctl.start_talking()
    ctl.start_talking("reverse")
    ctl.stop_talking()
    assert checked == ["forward", "reverse"]
    assert talking == [] and capture.utterances == [] and ctl.sessions_opened == 0
    assert ctl.state is State.IDLE and not ctl.busy

    async def afterwards() -> None:
        ctl.set_hotkey_check(False)
        ctl.start_talking()  # talks again
        assert talking == [True] and checked == ["forward", "reverse"]
        ctl.cancel_talking()
        await ctl.shutdown()

    run_on_qt(qapp, afterwards())


def test_escape_says_the_hold_was_cancelled(qtbot: QtBot, qapp: QApplication) -> None:
    ctl = SessionController(
        settings=Settings(), engine_factory=opened_engine, capture=None, player=None
    )
    ctl.audio_starting()  # a hold waits for the devices: it stays held until cancelled
    cancelled: list[bool] = []
    ctl.talk_cancelled.connect(lambda: cancelled.append(True))

    async def body() -> None:
        ctl.start_talking()
        await until(lambda: ctl.talking)
        ctl.cancel_talking()
        ctl.cancel_talking()  # nothing left to cancel: said once
        await ctl.shutdown()

    run_on_qt(qapp, body())
    assert cancelled == [True]
