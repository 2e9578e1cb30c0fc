"""Settings ▸ History: how long text and translated speech are kept, replay to the call, and
"Clear history" (which acts at once, after a question, not on OK)."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import replace

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QWidget,
)

from dragoman.core.errors import DragomanError
from dragoman.core.settings import Settings


class HistorySettingsPage(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("history_settings")
        self._clear: Callable[[], Awaitable[str]] | None = None
        self._tasks: set[asyncio.Task[None]] = set()
        form = QFormLayout(self)
        self.text = QComboBox(self)
        self.text.setObjectName("history_text")
        for label, value in (
            (self.tr("Keep everything"), "forever"),
            (self.tr("Keep for a number of days"), "days"),
            (self.tr("Off: keep nothing new"), "off"),
        ):
            self.text.addItem(label, value)
        self.text_days = QSpinBox(self)
        self.text_days.setObjectName("history_text_days")
        self.text_days.setRange(1, 3650)
        self.text_days.setSuffix(self.tr(" days"))
        self.audio_days = QSpinBox(self)
        self.audio_days.setObjectName("history_audio_days")
        self.audio_days.setRange(0, 365)
        self.audio_days.setSuffix(self.tr(" days"))
        self.audio_days.setSpecialValueText(self.tr("Not kept"))
        self.replay_to_call = QCheckBox(self.tr("Replays also go to the call output"), self)
        self.replay_to_call.setObjectName("replay_to_call")
        self.clear_button = QPushButton(self.tr("Clear history…"), self)
        self.clear_button.setObjectName("clear_history")
        self.clear_button.setEnabled(False)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        form.addRow(self.tr("Transcripts"), self.text)
        form.addRow(self.tr("Keep transcripts for"), self.text_days)
        form.addRow(self.tr("Keep translated speech for"), self.audio_days)
        form.addRow(self.replay_to_call)
        form.addRow(
            QLabel(
                self.tr(
                    "The history stays on this computer, readable only by you. With history off "
                    "nothing is written; what was kept stays until you clear it."
                ),
                self,
            )
        )
        form.addRow(self.clear_button, self.status)
        self.text.currentIndexChanged.connect(self._on_text_changed)
        self.clear_button.clicked.connect(self.ask_clear)
        self._on_text_changed()

    def set_clear(self, clear: Callable[[], Awaitable[str]] | None) -> None:
        self._clear = clear
        self.clear_button.setEnabled(clear is not None)

    def load(self, s: Settings) -> None:
        self.text.setCurrentIndex(max(0, self.text.findData(s.history_text)))
        self.text_days.setValue(s.history_text_days)
        self.audio_days.setValue(s.history_audio_days)
        self.replay_to_call.setChecked(s.replay_to_call)
        self._on_text_changed()

    def apply(self, s: Settings) -> Settings:
        return replace(
            s,
            history_text=str(self.text.currentData()),
            history_text_days=self.text_days.value(),
            history_audio_days=self.audio_days.value(),
            replay_to_call=self.replay_to_call.isChecked(),
        )

    def _on_text_changed(self, _index: int = 0) -> None:
        mode = self.text.currentData()
        self.text_days.setEnabled(mode == "days")
        self.audio_days.setEnabled(mode != "off")

    def ask_clear(self) -> QMessageBox:
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("Clear history"),
            self.tr(
                "Delete every saved conversation, its text and its translated speech? "
                "This cannot be undone."
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setObjectName("clear_history_question")
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.finished.connect(
            lambda result: self._start_clear() if result == QMessageBox.StandardButton.Yes else None
        )
        box.open()
        return box

    def _start_clear(self) -> None:
        if self._clear is None:
            return
        task = asyncio.ensure_future(self._run_clear(self._clear))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _run_clear(self, clear: Callable[[], Awaitable[str]]) -> None:
        self.clear_button.setEnabled(False)
        try:
            self.status.setText(await clear())
        except DragomanError as error:
            self.status.setText(str(error))
        finally:
            self.clear_button.setEnabled(True)

    def cancel_tasks(self) -> None:
        for task in list(self._tasks):
            task.cancel()
