"""The window and the history: a bounded live view that pages older rows back from the file, the
History panel (list, search, open, delete, export, replay), Settings ▸ History and its Clear."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from dragoman.controller import SessionController
from dragoman.controller.history import HistoryBrowser, HistoryRecorder
from dragoman.core.engine import Engine
from dragoman.core.errors import AuthError
from dragoman.core.events import TranslatedAudio
from dragoman.core.pinch import CAPABILITIES as PINCH
from dragoman.core.settings import Settings
from dragoman.resources import load_languages
from dragoman.store.history import HistoryService
from dragoman.ui.history_settings import HistorySettingsPage
from dragoman.ui.main_window import MainWindow
from dragoman.ui.transcript import TranscriptModel
from tests.fakes import FakeCapture, FakePlayer
from tests.gui.history_rig import HistoryRig
from tests.qtloop import run_on_qt, until


def no_key(_settings: Settings) -> Engine:
    raise AuthError("No Pinch API key: set one in Settings.")


class Rig(HistoryRig):
    def __init__(self, tmp_path: Path, settings: Settings, limit: int = 20) -> None:
        self.player = FakePlayer()
        self.controller = SessionController(
            settings=settings, engine_factory=no_key, capture=FakeCapture(), player=self.player
        )
        self.store = HistoryService(tmp_path / "data" / "history.sqlite3")
        self.recorder = HistoryRecorder(controller=self.controller, store=self.store)
        self.browser = HistoryBrowser(
            controller=self.controller, store=self.store, recorder=self.recorder
        )
        self.window = MainWindow(self.controller, load_languages(), {"pinch": PINCH})
        self.window.transcript_model.limit = limit
        self.recorder.page = limit // 2
        self.window.attach_history(self.recorder, self.browser)
        self.window.resize(700, 420)
        self.window.show()


def texts(model: TranscriptModel) -> list[str]:
    return [model.index(r, 0).data() for r in range(model.rowCount())]


def test_the_live_view_keeps_a_bounded_window_and_pages_older_rows_back(
    qapp: QApplication, qtbot: QtBot, tmp_path: Path
) -> None:
    async def body() -> None:
        rig = Rig(tmp_path, Settings())
        try:
            for i in range(1, 101):
                rig.say(i)
            model, view = rig.window.transcript_model, rig.window.transcript
            assert model.rowCount() <= 22 and texts(model)[-1] == "original 100"
            assert model.has_earlier and model.dropped == 0
            await rig.store.flush()
            bar = view.table.verticalScrollBar()
            await until(lambda: bar.maximum() > 0)
            bar.setValue(bar.minimum())  # the user scrolls to the top: a page comes back
            await until(lambda: model.rowCount() > 22)
            rows = texts(model)
            assert rows[0] == f"original {101 - len(rows)}" and rows[-1] == "original 100"
            assert rows == [f"original {i}" for i in range(101 - len(rows), 101)]
            for _ in range(10):  # further back: the window lets the newest rows go
                bar.setValue(bar.minimum())
                await until(lambda: not model.loading)
                if model.detached:
                    break
            assert model.detached and model.rowCount() <= 2 * model.limit
            assert texts(model)[0] == "original 1" or model.has_earlier
            rig.say(101)  # live rows wait while the user reads far back
            assert "original 101" not in texts(model)
            view.scroll_to_latest()
            assert texts(model)[-1] == "original 101" and not model.detached
            assert model.rowCount() <= model.limit
        finally:
            await rig.close()

    run_on_qt(qapp, body())


def test_with_history_off_nothing_is_written_and_dropped_rows_are_said(
    qapp: QApplication, tmp_path: Path
) -> None:
    async def body() -> None:
        rig = Rig(tmp_path, Settings(history_text="off"))
        try:
            for i in range(1, 41):
                rig.say(i)
            model, view = rig.window.transcript_model, rig.window.transcript
            assert not model.has_earlier and model.dropped > 0
            assert view.earlier.isVisibleTo(view) and "history off" in view.earlier.text()
            assert not rig.recorder.recording
        finally:
            await rig.close()
        assert not (tmp_path / "data").exists()  # nothing written, not even a folder

    run_on_qt(qapp, body())


def test_a_new_conversation_starts_an_empty_view_and_its_own_rows(
    qapp: QApplication, tmp_path: Path
) -> None:
    async def body() -> None:
        rig = Rig(tmp_path, Settings())
        try:
            rig.say(1)
            rig.say(2)
            rig.recorder.new_conversation()
            assert rig.window.transcript_model.rowCount() == 0
            rig.say(3)
            assert texts(rig.window.transcript_model) == ["original 3"]
            await rig.store.flush()
            conversations = await rig.store.conversations()
            assert [c.exchanges for c in conversations] == [1, 2]
        finally:
            await rig.close()

    run_on_qt(qapp, body())


def test_the_history_panel_lists_searches_opens_exports_replays_and_deletes(
    qapp: QApplication, tmp_path: Path
) -> None:
    async def body() -> None:
        rig = Rig(tmp_path, Settings())
        c = rig.controller
        try:
            for i in range(1, 4):
                rig.say(i)
            speech = TranslatedAudio(np.full(2400, 0.25, dtype=np.float32), 24_000)
            seg = c.builder.segments[-1]
            c.translation_audio_bound.emit(seg, speech)
            rig.recorder.new_conversation()  # the speech of the last row is written now
            rig.say(4)
            panel = rig.window.show_history()
            await until(lambda: panel.conversations.count() == 3)  # a date heading + two
            panel.conversations.setCurrentRow(2)  # the older conversation
            await until(lambda: len(panel.rows) == 3)
            assert [panel.table.item(r, 1).text() for r in range(3)] == [
                "original 1",
                "original 2",
                "original 3",
            ]
            assert panel.delete_button.isEnabled() and panel.export_button.isEnabled()
            assert [e.has_audio for e in panel.rows] == [False, False, True]
            # Replay from the file: its own rate, the monitor output only.
            rig.browser.replay(panel.rows[2].id)
            await until(lambda: len(rig.player.chunks) == 1)
            samples, rate = rig.player.chunks[0]
            assert rate == 24_000 and len(samples) == 2400 and rig.player.outputs == [("monitor",)]
            c.set_playback_muted(True)
            rig.browser.replay(panel.rows[2].id)
            await until(lambda: "muted" in panel.status.text())
            assert len(rig.player.chunks) == 1
            # Export the conversation, then a selection of it.
            out = tmp_path / "all.json"
            panel.export_to(out, "json")
            await until(lambda: out.exists())
            document = json.loads(out.read_text(encoding="utf-8"))
            assert [e["original"] for e in document["exchanges"]] == [
                "original 1",
                "original 2",
                "original 3",
            ]
            panel.table.selectRow(1)
            some = tmp_path / "one.txt"
            panel.export_to(some, "txt")
            await until(lambda: some.exists())
            assert "original 2\n→ traducido 2" in some.read_text(encoding="utf-8")
            assert "original 1" not in some.read_text(encoding="utf-8")
            panel.copy(panel.selected())
            assert QApplication.clipboard().text() == "original 2\n→ traducido 2"
            # Search both columns, across conversations.
            panel.search.setText("traducido 4")
            panel.run_search()
            await until(lambda: panel.conversation is None and len(panel.rows) == 1)
            assert panel.table.item(0, 2).text() == "traducido 4"
            assert panel.table.item(0, 0).text().startswith("#2 ")
            # Delete a row, then a conversation.
            rig.browser.delete_exchanges([panel.rows[0].id])
            await until(lambda: len(panel.rows) == 0)  # the search ran again: nothing left
            panel.conversations.setCurrentRow(2)
            await until(lambda: panel.conversation is not None and len(panel.rows) == 3)
            panel.delete_conversation()
            await until(lambda: "Conversation deleted" in panel.status.text())
            await until(lambda: panel.conversations.count() == 2)  # a heading and the newer one
            assert await rig.store.counts() == {"conversations": 1, "exchanges": 0, "audio": 0}
        finally:
            await rig.close()

    run_on_qt(qapp, body())


def test_the_live_view_replays_rows_the_controller_no_longer_holds(
    qapp: QApplication, tmp_path: Path
) -> None:
    async def body() -> None:
        rig = Rig(tmp_path, Settings())
        c = rig.controller
        try:
            rig.say(1)
            seg = c.builder.segments[-1]
            c.translation_audio_bound.emit(seg, TranslatedAudio(np.zeros(480, np.float32), 16_000))
            rig.say(2)
            await until(lambda: not rig.recorder._audio)  # no more came: written
            c._audio_by_segment.clear()  # long gone from memory (older than 50 rows)
            rig.window.on_transcript_replay_requested(seg.key, seg.seq)
            await until(lambda: len(rig.player.chunks) == 1)
            assert rig.player.chunks[0][1] == 16_000 and rig.player.outputs == [("monitor",)]
        finally:
            await rig.close()

    run_on_qt(qapp, body())


def test_settings_history_page_edits_retention_and_clears_after_asking(
    qapp: QApplication, qtbot: QtBot
) -> None:
    page = HistorySettingsPage()
    qtbot.addWidget(page)
    page.load(Settings(history_text="days", history_text_days=30, history_audio_days=0))
    assert page.text_days.isEnabled() and page.audio_days.text() == "Not kept"
    assert not page.clear_button.isEnabled()  # until the composition root gives it Clear
    page.text.setCurrentIndex(page.text.findData("off"))
    assert not page.audio_days.isEnabled() and not page.text_days.isEnabled()
    page.replay_to_call.setChecked(True)
    edited = page.apply(Settings())
    assert (edited.history_text, edited.history_text_days, edited.history_audio_days) == (
        "off",
        30,
        0,
    )
    assert edited.replay_to_call
    cleared: list[bool] = []

    async def clear() -> str:
        cleared.append(True)
        return "History cleared."

    async def body() -> None:
        page.set_clear(clear)
        box = page.ask_clear()
        box.button(QMessageBox.StandardButton.Cancel).click()
        await until(lambda: not box.isVisible())
        assert cleared == []
        box = page.ask_clear()
        box.button(QMessageBox.StandardButton.Yes).click()
        await until(lambda: page.status.text() == "History cleared.")
        assert cleared == [True]

    run_on_qt(qapp, body())


def test_the_settings_dialog_has_a_history_page(qapp: QApplication, tmp_path: Path) -> None:
    from dragoman.ui.settings_dialog import SettingsDialog
    from tests.gui.test_settings_dialog import services

    dialog = SettingsDialog(Settings(history_audio_days=3), services(tmp_path))
    dialog.show_page("history")
    assert dialog.tabs.currentWidget() is dialog.history_page
    assert dialog.history_page.audio_days.value() == 3
    dialog.history_page.audio_days.setValue(14)
    assert dialog.edited() == replace(Settings(history_audio_days=14), start_at_login=False)
    dialog.reject()


@pytest.fixture(autouse=True)
def _isolated_clipboard(qapp: QApplication) -> None:
    QApplication.clipboard().clear()
