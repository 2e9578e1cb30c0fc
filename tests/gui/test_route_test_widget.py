"""The "Test the route" widget: runs the check it is given with the call output shown, one at a
time, and shows the sentence that came back (OK with the delay, or the fault and the fix)."""

from __future__ import annotations

import asyncio

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from dragoman.core.errors import AudioDeviceError
from dragoman.core.route import RouteResult, call_output_off
from dragoman.ui.route_test import TESTING, UNAVAILABLE, RouteTestWidget
from tests.qtloop import run_on_qt, until

OK = RouteResult(True, "Route OK: the tone reached “Dragoman Microphone” after 31 ms.", None, 31.0)


def test_the_result_is_shown_and_one_test_runs_at_a_time(qtbot: QtBot, qapp: QApplication) -> None:
    asked: list[str] = []
    release = asyncio.Event()

    async def check(call_output: str) -> RouteResult:
        asked.append(call_output)
        await release.wait()
        return OK

    widget = RouteTestWidget(check, lambda: "pulse:dragoman_mic_sink")
    qtbot.addWidget(widget)
    results: list[object] = []
    widget.route_tested.connect(results.append)

    async def body() -> None:
        widget.button.click()
        await until(lambda: bool(asked))
        assert widget.status.text() == TESTING and not widget.button.isEnabled()
        widget.on_button_clicked()  # a second press while it runs starts nothing
        release.set()
        await until(lambda: widget.button.isEnabled())

    run_on_qt(qapp, body())
    assert asked == ["pulse:dragoman_mic_sink"]
    assert widget.status.text() == OK.sentence and results == [OK] and widget.last is OK


def test_a_fault_and_an_error_are_shown_as_sentences(qtbot: QtBot, qapp: QApplication) -> None:
    outcomes: list[RouteResult | AudioDeviceError] = [
        call_output_off("Dragoman Microphone"),
        AudioDeviceError("No audio output was found: the route cannot be tested."),
    ]

    async def check(call_output: str) -> RouteResult:
        await asyncio.sleep(0)
        outcome = outcomes.pop(0)
        if isinstance(outcome, AudioDeviceError):
            raise outcome
        return outcome

    widget = RouteTestWidget(check, lambda: "")
    qtbot.addWidget(widget)

    async def body() -> None:
        widget.button.click()
        await until(lambda: widget.button.isEnabled())
        assert "call output is off" in widget.status.text()
        widget.button.click()
        await until(lambda: widget.button.isEnabled())

    run_on_qt(qapp, body())
    assert widget.status.text() == "No audio output was found: the route cannot be tested."


def test_without_a_check_the_button_is_disabled_and_says_why(qtbot: QtBot) -> None:
    widget = RouteTestWidget(None, lambda: "")
    qtbot.addWidget(widget)
    assert not widget.button.isEnabled() and widget.button.toolTip() == UNAVAILABLE


def test_cancel_drops_a_test_under_way(qtbot: QtBot, qapp: QApplication) -> None:
    never = asyncio.Event()

    async def check(call_output: str) -> RouteResult:
        await never.wait()
        return OK

    widget = RouteTestWidget(check, lambda: "")
    qtbot.addWidget(widget)

    async def body() -> None:
        widget.button.click()
        await until(lambda: widget.running)
        widget.cancel()
        await asyncio.sleep(0)

    run_on_qt(qapp, body())
    assert not widget.running and widget.button.isEnabled() and widget.status.text() == ""
