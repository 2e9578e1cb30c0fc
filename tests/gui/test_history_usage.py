"""The History panel's minutes: audio sent today, in the last 30 days and on each date's heading,
read from the usage file off the Qt thread; a cost only once a price per minute is set; a damaged
file said in a sentence."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import timedelta
from pathlib import Path
from types import SimpleNamespace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from dragoman.controller import SessionController
from dragoman.controller.history import HistoryBrowser, HistoryRecorder
from dragoman.controller.usage import UsageTracker
from dragoman.core.cost import local_day
from dragoman.core.engine import Engine
from dragoman.core.errors import AuthError
from dragoman.core.pinch import CAPABILITIES as PINCH
from dragoman.core.settings import Settings
from dragoman.resources import load_languages
from dragoman.store.history import HistoryService
from dragoman.store.usage import UsageStore
from dragoman.ui import i18n
from dragoman.ui.history import HistoryPanel
from dragoman.ui.main_window import MainWindow
from tests.fakes import FakeCapture, FakePlayer
from tests.gui.history_rig import HistoryRig
from tests.qtloop import run_on_qt, until

NOON = 1_780_000_000.0  # every clock of the rig: the history's, the browser's, the meter's
TODAY = local_day(NOON)
YESTERDAY = (TODAY - timedelta(days=1)).isoformat()
LONG_AGO = (TODAY - timedelta(days=45)).isoformat()


def no_key(_settings: Settings) -> Engine:
    raise AuthError("No Pinch API key: set one in Settings.")


class Rig(HistoryRig):
    def __init__(self, tmp_path: Path, settings: Settings, counted_today: float = 0.0) -> None:
        usage = UsageTracker.for_settings(
            settings,
            {TODAY.isoformat(): counted_today} if counted_today else None,
            now=lambda: NOON,
        )
        self.controller = SessionController(
            settings=settings,
            engine_factory=no_key,
            capture=FakeCapture(),
            player=FakePlayer(),
            usage=usage,
        )
        self.usage_file = UsageStore(tmp_path / "data" / "usage.json")
        self.store = HistoryService(tmp_path / "data" / "history.sqlite3")
        self.recorder = HistoryRecorder(
            controller=self.controller, store=self.store, wall=lambda: NOON
        )
        self.browser = HistoryBrowser(
            controller=self.controller,
            store=self.store,
            recorder=self.recorder,
            usage=self.usage_file.read,
            wall=lambda: NOON,
        )
        self.window = MainWindow(self.controller, load_languages(), {"pinch": PINCH})
        self.window.attach_history(self.recorder, self.browser)
        self.window.show()

    def write_usage(self, days: dict[str, float]) -> None:
        self.usage_file.path.parent.mkdir(parents=True, exist_ok=True)
        self.usage_file.path.write_text(json.dumps({"version": 1, "days": days}), "utf-8")


def heading(panel: HistoryPanel) -> str:
    item = panel.conversations.item(0)
    assert not item.flags() & Qt.ItemFlag.ItemIsSelectable  # the date's heading, not a row
    return str(item.text())


def test_the_panel_shows_minutes_per_day_and_a_cost_only_once_a_price_is_set(
    qapp: QApplication, tmp_path: Path
) -> None:
    async def body() -> None:
        rig = Rig(tmp_path, Settings())
        rig.write_usage({TODAY.isoformat(): 750.0, YESTERDAY: 42.0, LONG_AGO: 6000.0})
        try:
            rig.say(1)
            panel = rig.window.show_history()
            await until(lambda: panel.usage_summary.isVisible())
            await until(lambda: panel.conversations.count() == 2)  # a date heading + one
            # No price: minutes only, today and the last 30 days (45 days ago is not in them).
            assert panel.usage_summary.text() == (
                "Today: 12.5 min sent — last 30 days: 13.2 min sent"
            )
            assert heading(panel) == f"{TODAY.isoformat()} · 12.5 min sent"
            assert "cost" not in panel.usage_summary.text() + heading(panel)
            assert "price per minute" in panel.conversations.item(0).toolTip()

            # The user sets a price: the panel prices the same minutes at it.
            rig.controller.model.update(replace(rig.controller.settings, price_per_minute=0.1))
            await until(lambda: "cost" in panel.usage_summary.text())
            assert panel.usage_summary.text() == (
                "Today: 12.5 min sent · cost 1.25 — last 30 days: 13.2 min sent · cost 1.32"
            )
            assert heading(panel) == f"{TODAY.isoformat()} · 12.5 min sent · cost 1.25"

            # Another Dragoman sent more today: the file is what the panel shows.
            rig.write_usage({TODAY.isoformat(): 900.0})
            panel.refresh()
            await until(lambda: panel.usage_summary.text().startswith("Today: 15.0 min"))
            assert heading(panel) == f"{TODAY.isoformat()} · 15.0 min sent · cost 1.50"
        finally:
            await rig.close()

    run_on_qt(qapp, body())


def test_this_runs_count_covers_a_hold_not_yet_in_the_file(
    qapp: QApplication, tmp_path: Path
) -> None:
    async def body() -> None:
        rig = Rig(tmp_path, Settings(), counted_today=810.0)  # the meter already counted more
        rig.write_usage({TODAY.isoformat(): 750.0})
        try:
            panel = rig.window.show_history()
            await until(lambda: panel.usage_summary.isVisible())
            assert panel.usage_summary.text().startswith("Today: 13.5 min sent — ")
        finally:
            await rig.close()

    run_on_qt(qapp, body())


def test_a_damaged_usage_file_is_said_and_no_minutes_are_made_up(
    qapp: QApplication, tmp_path: Path
) -> None:
    async def body() -> None:
        rig = Rig(tmp_path, Settings(price_per_minute=0.1))
        rig.usage_file.path.parent.mkdir(parents=True)
        rig.usage_file.path.write_text('{"days": {"2026-13-45": "lots"', "utf-8")
        try:
            rig.say(1)
            panel = rig.window.show_history()
            await until(lambda: panel.usage_summary.isVisible())
            await until(lambda: panel.conversations.count() == 2)
            text = panel.usage_summary.text()
            assert str(rig.usage_file.path) in text and "cannot be read" in text
            assert "delete it to start a new count" in text
            assert heading(panel) == TODAY.isoformat()  # no minutes, no cost
        finally:
            await rig.close()

    run_on_qt(qapp, body())


def test_without_a_usage_reader_the_panel_shows_no_minutes(
    qapp: QApplication, tmp_path: Path
) -> None:
    async def body() -> None:
        rig = Rig(tmp_path, Settings())
        rig.browser = HistoryBrowser(controller=rig.controller, store=rig.store)
        panel = HistoryPanel(rig.browser)
        try:
            rig.say(1)
            panel.refresh()
            await until(lambda: panel.conversations.count() == 2)
            assert not panel.usage_summary.isVisibleTo(panel) and panel.usage is None
        finally:
            panel.close()
            await rig.close()

    run_on_qt(qapp, body())


def hold_sent(rig: Rig, seconds: float) -> None:
    """A hold ends having sent ``seconds`` of audio (its 20 ms wire frames), as the controller
    counts it: the meter, then usage_changed."""
    turn = SimpleNamespace(sent_frames=round(seconds * 50))
    rig.controller._count_sent(turn)  # type: ignore[arg-type]  # only sent_frames is read


def conversation_rows(panel: HistoryPanel) -> list[str]:
    items = [panel.conversations.item(i) for i in range(panel.conversations.count())]
    return [str(i.text()) for i in items if i.flags() & Qt.ItemFlag.ItemIsSelectable]


def test_each_conversation_shows_the_minutes_its_holds_sent(
    qapp: QApplication, tmp_path: Path
) -> None:
    async def body() -> None:
        rig = Rig(tmp_path, Settings())
        try:
            rig.say(1)
            hold_sent(rig, 90.0)
            rig.recorder.new_conversation()
            hold_sent(rig, 30.0)  # before the new conversation's first final: kept for it
            rig.say(2)
            panel = rig.window.show_history()
            await until(lambda: len(conversation_rows(panel)) == 2)
            newer, older = conversation_rows(panel)
            assert "· 30 s sent ·" in newer and "cost" not in newer
            assert "· 1.5 min sent ·" in older
            # The day's total (this run's count: the meter writes no file here) covers both.
            await until(lambda: panel.usage_summary.text().startswith("Today: 2.0 min sent"))

            rig.controller.model.update(replace(rig.controller.settings, price_per_minute=0.5))
            hold_sent(rig, 60.0)
            await rig.store.flush()
            panel.refresh()
            await until(lambda: "· 1.5 min sent · cost 0.75 ·" in conversation_rows(panel)[0])
            assert "· 1.5 min sent · cost 0.75 ·" in conversation_rows(panel)[1]
        finally:
            await rig.close()

    run_on_qt(qapp, body())


def test_with_history_off_no_conversation_minutes_are_written(
    qapp: QApplication, tmp_path: Path
) -> None:
    async def body() -> None:
        rig = Rig(tmp_path, Settings(history_text="off"))
        try:
            rig.say(1)
            hold_sent(rig, 90.0)
            assert rig.controller.usage_reading is not None
            assert rig.controller.usage_reading.session_seconds == 90.0  # still counted
            assert rig.store.pending == 0 and not rig.store.exists()
        finally:
            await rig.close()

    run_on_qt(qapp, body())


def test_the_minutes_are_shown_in_the_ui_language(qapp: QApplication, tmp_path: Path) -> None:
    async def body() -> None:
        rig = Rig(tmp_path, Settings(price_per_minute=0.1))
        rig.write_usage({TODAY.isoformat(): 750.0})
        try:
            rig.say(1)
            panel = rig.window.show_history()
            await until(lambda: panel.usage_summary.isVisible())
            await until(lambda: panel.conversations.count() == 2)
            assert panel.usage_summary.text() == (
                "Heute: 12.5 min gesendet · Kosten 1.25 — letzte 30 Tage: 12.5 min gesendet · "
                "Kosten 1.25"
            )
            assert heading(panel) == f"{TODAY.isoformat()} · 12.5 min gesendet · Kosten 1.25"
            assert "Preis pro Minute" in panel.conversations.item(0).toolTip()
        finally:
            await rig.close()

    installed = i18n.install("de")
    assert installed.language == "de", "resources/i18n/dragoman_de.qm: run packaging/i18n.py"
    try:
        run_on_qt(qapp, body())
    finally:
        installed.remove()
