"""The History panel: saved conversations by date, full-text search, open, replay, copy, delete
and export (TXT, SRT, WebVTT, JSON, CSV) of a conversation or of selected rows.

Above the list, the minutes of audio sent today and in the last 30 days; on each date's heading,
that day's minutes (from the usage file, which counts every hold, kept in the history or not); on
each conversation, its own minutes where the history recorded them; each with its cost only when
the user set a price per minute.

A view only: it asks the :class:`~dragoman.controller.history.HistoryBrowser` and shows what
comes back through its signals; it never touches the file.
"""

from __future__ import annotations

import functools
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QPoint, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from dragoman.controller.history import HistoryBrowser
from dragoman.core.cost import UsageHistory, sent_text
from dragoman.core.history import FORMATS, Conversation, Exchange, local_time
from dragoman.core.i18n import QT_TRANSLATE_NOOP
from dragoman.ui.i18n import translated

FORMAT_NAMES = {  # English source texts (dragoman.core.i18n.Text), shown through ``translated``
    "txt": QT_TRANSLATE_NOOP("HistoryPanel", "Text (*.txt)"),
    "srt": QT_TRANSLATE_NOOP("HistoryPanel", "SubRip subtitles (*.srt)"),
    "vtt": QT_TRANSLATE_NOOP("HistoryPanel", "WebVTT subtitles (*.vtt)"),
    "json": "JSON (*.json)",
    "csv": "CSV (*.csv)",
}
SEARCH_DELAY_MS = 250


class HistoryPanel(QDockWidget):
    """A dock beside the live transcript (see the module docstring)."""

    def __init__(self, browser: HistoryBrowser, parent: QWidget | None = None) -> None:
        super().__init__(QCoreApplication.translate("HistoryPanel", "History"), parent)
        self.setObjectName("history_panel")
        self.browser = browser
        self.conversation: Conversation | None = None  # the one shown (None: search results)
        self.rows: list[Exchange] = []
        self.usage: UsageHistory | None = None  # minutes sent per day (None: not known yet)
        self._listed: list[Conversation] = []
        body = QWidget(self)
        layout = QVBoxLayout(body)
        self.usage_summary = QLabel(body)
        self.usage_summary.setObjectName("history_usage")
        self.usage_summary.setWordWrap(True)
        self.usage_summary.setToolTip(
            self.tr(
                "Audio sent to the translation service, counted by Dragoman at the end of each "
                "hold (the same count as the status bar). A cost is shown only once you set "
                "your price per minute in Settings → Session."
            )
        )
        self.usage_summary.hide()  # until the usage file has been read
        layout.addWidget(self.usage_summary)
        self.search = QLineEdit(body)
        self.search.setObjectName("history_search")
        self.search.setPlaceholderText(self.tr("Search both columns…"))
        self.search.setClearButtonEnabled(True)
        layout.addWidget(self.search)
        split = QSplitter(Qt.Orientation.Vertical, body)
        self.conversations = QListWidget(split)
        self.conversations.setObjectName("history_conversations")
        self.table = QTableWidget(0, 3, split)
        self.table.setObjectName("history_rows")
        self.table.setHorizontalHeaderLabels(
            [self.tr("When"), self.tr("Original"), self.tr("Translation")]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(True)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._on_table_context_menu)
        layout.addWidget(split, 1)
        buttons = QHBoxLayout()
        self.delete_button = QPushButton(self.tr("Delete conversation"), body)
        self.delete_button.setObjectName("history_delete")
        self.export_button = QPushButton(self.tr("Export…"), body)
        self.export_button.setObjectName("history_export")
        export_menu = QMenu(self.export_button)
        for fmt in FORMATS:
            export_menu.addAction(FORMAT_NAMES[fmt], functools.partial(self.ask_export_path, fmt))
        self.export_button.setMenu(export_menu)
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        buttons.addWidget(self.export_button)
        layout.addLayout(buttons)
        self.status = QLabel(body)
        self.status.setObjectName("history_status")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        self.setWidget(body)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.timeout.connect(self.run_search)
        self.search.textChanged.connect(lambda _t: self._search_timer.start(SEARCH_DELAY_MS))
        self.search.returnPressed.connect(self.run_search)
        self.conversations.currentItemChanged.connect(self._on_conversation_chosen)
        self.delete_button.clicked.connect(self.delete_conversation)
        browser.conversations_listed.connect(self.show_conversations)
        browser.exchanges_listed.connect(self.show_exchanges)
        browser.changed.connect(self.refresh)
        browser.notice.connect(self.status.setText)
        browser.failed.connect(self.status.setText)
        browser.usage_listed.connect(self.show_usage)
        self._update_buttons()

    def refresh(self) -> None:
        self.browser.refresh()
        if self.conversation is not None:
            self.browser.open_conversation(self.conversation.id)
        elif self.search.text().strip():
            self.browser.search(self.search.text())

    def run_search(self) -> None:
        self._search_timer.stop()
        text = self.search.text().strip()
        if text:
            self.browser.search(text)
        elif self.conversation is None:
            self.show_exchanges(None, [])

    # -- what comes back ---------------------------------------------------------------------------

    def show_usage(self, usage: UsageHistory) -> None:
        """The minutes sent per day: the summary line, and each date's heading again."""
        self.usage = usage
        self.usage_summary.setText(translated(usage.summary_text()))
        self.usage_summary.show()
        self.show_conversations(self._listed)

    def _heading(self, day: str) -> QListWidgetItem:
        sent = self.usage.day_text(day) if self.usage is not None else None
        heading = QListWidgetItem(day if sent is None else f"{day} · {translated(sent)}")
        heading.setFlags(Qt.ItemFlag.NoItemFlags)
        if sent is not None:
            heading.setToolTip(
                self.tr("Audio sent to the service on this day, priced at your price per minute.")
                if self.usage is not None and self.usage.price_per_minute is not None
                else self.tr(
                    "Audio sent to the service on this day. Set your price per minute in "
                    "Settings → Session to see what it cost."
                )
            )
        return heading

    def show_conversations(self, conversations: list[Conversation]) -> None:
        self._listed = list(conversations)
        chosen = self.conversation.id if self.conversation else None
        price = self.browser.controller.settings.price_per_minute
        self.conversations.blockSignals(True)
        self.conversations.clear()
        day = ""
        for c in conversations:
            when = local_time(c.started_at)
            if when[:10] != day:  # a heading per date
                day = when[:10]
                self.conversations.addItem(self._heading(day))
            pair = f" · {c.source_language}→{c.target_language}" if c.source_language else ""
            preview = c.preview if len(c.preview) <= 40 else c.preview[:39] + "…"
            sent = (
                "" if not c.seconds_sent else f" · {translated(sent_text(c.seconds_sent, price))}"
            )
            item = QListWidgetItem(f"{when[11:]} · {c.exchanges} exchanges{pair}{sent} · {preview}")
            item.setData(Qt.ItemDataRole.UserRole, c.id)
            self.conversations.addItem(item)
            if c.id == chosen:
                self.conversations.setCurrentItem(item)
        self.conversations.blockSignals(False)

    def show_exchanges(self, conversation: Conversation | None, rows: list[Exchange]) -> None:
        self.conversation = conversation
        self.rows = rows
        self.table.setRowCount(len(rows))
        for r, e in enumerate(rows):
            when = local_time(e.wall_start)[11:]
            where = "" if conversation is not None else f"#{e.conversation_id} "
            for column, text in enumerate((where + when, e.original, e.translated)):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, e.id)
                self.table.setItem(r, column, item)
        if conversation is None and self.search.text().strip():
            self.status.setText(f"{len(rows)} matching rows.")
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.delete_button.setEnabled(self.conversation is not None)
        self.export_button.setEnabled(bool(self.rows))

    # -- actions -----------------------------------------------------------------------------------

    def _on_conversation_chosen(self, item: QListWidgetItem | None, _old: object = None) -> None:
        if item is None:
            return
        cid = item.data(Qt.ItemDataRole.UserRole)
        if isinstance(cid, int):
            self.search.blockSignals(True)
            self.search.clear()
            self.search.blockSignals(False)
            self.browser.open_conversation(cid)

    def selected(self) -> list[Exchange]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [self.rows[r] for r in rows if r < len(self.rows)]

    def delete_conversation(self) -> None:
        if self.conversation is not None:
            self.browser.delete_conversation(self.conversation.id)
            self.conversation = None
            self.show_exchanges(None, [])

    def copy(self, rows: list[Exchange]) -> None:
        text = "\n\n".join(
            f"{e.original}\n→ {e.translated}" if e.translated else e.original for e in rows
        )
        QGuiApplication.clipboard().setText(text)

    def ask_export_path(self, fmt: str) -> None:
        """A save dialog (non-blocking); the chosen file gets the conversation or selection."""
        dialog = QFileDialog(
            self,
            self.tr("Export conversation"),
            self.tr("conversation") + f".{fmt}",
            translated(FORMAT_NAMES[fmt]),
        )
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setDefaultSuffix(fmt)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        dialog.fileSelected.connect(lambda path: self.export_to(Path(path), fmt))
        dialog.open()

    def export_to(self, path: Path, fmt: str) -> None:
        chosen = self.selected()
        ids = [e.id for e in chosen] if chosen and len(chosen) < len(self.rows) else None
        if ids is None and self.conversation is None:
            ids = [e.id for e in self.rows]  # search results: what is listed
        cid = self.conversation.id if self.conversation is not None else None
        self.browser.export(path, fmt, cid, ids)

    def _on_table_context_menu(self, pos: QPoint) -> None:
        index = self.table.indexAt(pos)
        chosen = self.selected()
        if index.isValid() and index.row() < len(self.rows):
            if self.rows[index.row()] not in chosen:
                chosen = [self.rows[index.row()]]
        if not chosen:
            return
        menu = QMenu(self)
        menu.addAction(
            self.tr("Copy row") if len(chosen) == 1 else self.tr("Copy rows"),
            lambda: self.copy(chosen),
        )
        if len(chosen) == 1:
            replay = menu.addAction(
                self.tr("Replay translation"), lambda: self.browser.replay(chosen[0].id)
            )
            replay.setEnabled(chosen[0].has_audio)
        menu.addAction(
            self.tr("Delete row") if len(chosen) == 1 else self.tr("Delete rows"),
            lambda: self.browser.delete_exchanges([e.id for e in chosen]),
        )
        menu.popup(self.table.viewport().mapToGlobal(pos))
