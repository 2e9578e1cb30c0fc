"""The paired transcript: a table model over segments, and a view that follows the newest row.

Rows are segments keyed by correlation_id (original | translation). Interim text is shown
provisional (italic, muted) and replaced in place; finals are appended to the row's text. The
view scrolls with new rows only while the user is at the bottom; otherwise "Jump to latest"
appears.

The live view is bounded: it holds at most ``limit`` rows (twice that while the user pages back),
so a day-long conversation costs the same memory as a short one. Older rows of the current
conversation come back a page at a time from the history when the user scrolls to the top
(``earlier_requested``); with history off they are gone, and the view says so.

The engine decides the columns (:meth:`TranscriptModel.set_layout`): an engine that only
transcribes gets one "Transcript" column; in two-way mode the headers name both languages and a
row shows the language it was detected in, when the segment carries one.

For the keyboard, the table is one stop in the Tab chain (Tab leaves it; arrow keys move between
rows), Ctrl+C copies the selected rows and Ctrl+F opens a find field. For screen readers, text
that became final (the translation, or the transcript when the engine does not translate) is
announced politely once it has settled, never interims.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QAccessible,
    QAccessibleAnnouncementEvent,
    QAction,
    QFont,
    QGuiApplication,
    QKeyEvent,
    QKeySequence,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from dragoman.core.transcript import Segment
from dragoman.ui import theme
from dragoman.ui.meeting import said_again_text

LIVE_ROWS = 300  # rows the live view keeps while it follows the conversation
ANNOUNCED_KEPT = 64  # segments whose announced text is remembered (the newest ones)
ORIGINAL, TRANSLATION = 0, 1
SegmentIdRole = Qt.ItemDataRole.UserRole + 1
ProvisionalRole = Qt.ItemDataRole.UserRole + 2
SaidAgainRole = Qt.ItemDataRole.UserRole + 3  # times the row was said into the call again
_Index = QModelIndex | QPersistentModelIndex


def _row_text(final: str, interim: str) -> str:
    return f"{final} {interim}".strip() if interim else final


def announce(target: QObject, message: str) -> None:
    """Ask assistive technology to read ``message`` when it is done speaking (polite)."""
    event = QAccessibleAnnouncementEvent(target, message)
    event.setPoliteness(QAccessible.AnnouncementPoliteness.Polite)
    QAccessible.updateAccessibility(event)


class TranscriptModel(QAbstractTableModel):
    """Segments as rows; ``upsert`` inserts a new segment or refreshes an existing row."""

    final_text_added = Signal(str)  # text of a row became final (the part not said before)

    def __init__(self, parent: QObject | None = None, *, limit: int = LIVE_ROWS) -> None:
        super().__init__(parent)
        self._segments: list[Segment] = []
        self._rows: dict[int, int] = {}  # id(segment) -> row
        self.limit = limit
        self.pageable = False  # older rows can be read back from the history
        self.has_earlier = False  # rows above the first one exist (in the history, if kept)
        self.dropped = 0  # rows let go from the top while the history was off
        self.detached = False  # paged back so far that the newest rows were let go
        self.loading = False  # a page was asked for and has not come yet
        self._floor = 0  # segments before this seq belong to an earlier conversation
        self._headers: tuple[str, ...] = (self.tr("Original"), self.tr("Translation"))
        self._language_name: Callable[[str], str] | None = None  # set in two-way mode
        self._translates = True
        self._announced: dict[tuple[int, int], int] = {}  # (id, seq) -> characters announced
        self._said_again: dict[str, tuple[int, float]] = {}  # segment key -> (times, last at)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._segments)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self._headers)
        ):
            return self._headers[section]
        return None

    def set_layout(
        self,
        *,
        translates: bool,
        two_way: bool = False,
        pair: tuple[str, str] = ("", ""),
        language_name: Callable[[str], str] | None = None,
    ) -> None:
        """The columns for what the engine does: "Transcript" alone for an engine that does
        not translate; in two-way mode headers naming both languages (``pair``, display names)
        and rows labelled with ``language_name(code)`` of the language they were detected in."""
        if not translates:
            headers: tuple[str, ...] = (self.tr("Transcript"),)
        elif two_way:
            headers = (
                self.tr("Said (in %1 or %2)").replace("%1", pair[0]).replace("%2", pair[1]),
                self.tr("Translated into the other"),
            )
        else:
            headers = (self.tr("Original"), self.tr("Translation"))
        language_name = language_name if translates and two_way else None
        self._translates = translates
        if len(headers) != len(self._headers):
            self.beginResetModel()
            self._headers, self._language_name = headers, language_name
            self.endResetModel()
            return
        changed = language_name is not self._language_name
        self._headers, self._language_name = headers, language_name
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(headers) - 1)
        if changed and self._segments:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._segments) - 1, 0))

    def _detected(self, segment: Segment) -> str:
        """ "[German] " before an original in two-way mode, when the segment says which.

        Segments carry no detected language yet (the engines' Transcript events do, as
        ``language``, but core.transcript.Segment drops it): this lights up once it is kept.
        """
        if self._language_name is None:
            return ""
        code = getattr(segment, "language", None)
        return f"[{self._language_name(code)}] " if isinstance(code, str) and code else ""

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        segment = self._segments[index.row()]
        final, interim = (
            (segment.original, segment.original_interim)
            if index.column() == ORIGINAL
            else (segment.translated, segment.translated_interim)
        )
        if self._said_again and (index.column() == TRANSLATION or not self._translates):
            said = self._said_again.get(getattr(segment, "key", ""))
            if said is not None:
                mark = self._said_again_data(said, role, _row_text(final, interim))
                if mark is not None:
                    return mark
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            text = _row_text(final, interim)
            if index.column() == ORIGINAL and text:
                return self._detected(segment) + text
            return text
        if role == ProvisionalRole:
            return bool(interim)
        if role == SegmentIdRole:
            return segment.id
        if role == Qt.ItemDataRole.FontRole and interim and not final:
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and interim:
            return theme.roles().interim.foreground  # muted, and still 4.5:1 on the base
        return None

    def _said_again_data(self, said: tuple[int, float], role: int, text: str) -> object:
        """The "said again" mark: an icon, the time in the tooltip and for screen readers."""
        times, at = said
        if role == SaidAgainRole:
            return times
        when = said_again_text(datetime.fromtimestamp(at).strftime("%H:%M:%S"))
        if times > 1:
            when += f" (x{times})"
        if role == Qt.ItemDataRole.DecorationRole:
            return QApplication.style().standardIcon(QStyle.StandardPixmap.SP_BrowserReload)
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{text}\n{when}" if text else when
        if role == Qt.ItemDataRole.AccessibleDescriptionRole:
            return when
        return None

    def mark_said_again(self, segment_key: str, at: float) -> None:
        """Row ``segment_key``'s translation went into the call again at ``at`` (epoch)."""
        times = self._said_again.get(segment_key, (0, 0.0))[0] + 1
        self._said_again[segment_key] = (times, at)
        for row, segment in enumerate(self._segments):
            if getattr(segment, "key", None) == segment_key:
                column = TRANSLATION if self._translates else ORIGINAL
                self.dataChanged.emit(self.index(row, column), self.index(row, column))

    @property
    def said_again_count(self) -> int:
        """Times any row was said again in this view's life (``dragoman status``)."""
        return sum(times for times, _at in self._said_again.values())

    def upsert(self, segment: Segment) -> int:
        """Show ``segment`` (new or changed); returns its row (-1: not in the view)."""
        key = id(segment)
        row = self._rows.get(key)
        if row is None:
            seq = getattr(segment, "seq", 0)  # 0: a row from outside a builder (tests)
            if seq and seq < self._floor:
                return -1  # a late result for a conversation that is over
            if self.detached:
                return -1  # paged back: the newest rows come back with "Jump to latest"
            row = len(self._segments)
            self.beginInsertRows(QModelIndex(), row, row)
            self._segments.append(segment)
            self._rows[key] = row
            self.endInsertRows()
            if len(self._segments) > self.limit + max(1, self.limit // 10):
                self._drop_top(len(self._segments) - self.limit)
                row = len(self._segments) - 1
        else:
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(self._headers) - 1))
        self._announce(segment)
        return row

    def _announce(self, segment: Segment) -> None:
        """Final text not announced yet, once the row's interim has settled: the translation,
        or the original when the engine does not translate."""
        if self._translates:
            final, interim = segment.translated, segment.translated_interim
        else:
            final, interim = segment.original, segment.original_interim
        if interim:
            return
        key = (id(segment), getattr(segment, "seq", 0))
        said = self._announced.get(key, 0)
        if said > len(final):
            said = 0  # the text was replaced, not extended
        news = final[said:].strip()
        if not news:
            return
        self._announced.pop(key, None)
        self._announced[key] = len(final)
        while len(self._announced) > ANNOUNCED_KEPT:
            del self._announced[next(iter(self._announced))]
        self.final_text_added.emit(news)

    def _drop_top(self, count: int) -> None:
        self.beginRemoveRows(QModelIndex(), 0, count - 1)
        del self._segments[:count]
        self._rows = {id(s): row for row, s in enumerate(self._segments)}
        self.endRemoveRows()
        self.has_earlier = self.has_earlier or self.pageable
        if not self.pageable:
            self.dropped += count

    def prepend(self, segments: list[Segment], more: bool) -> None:
        """A page of older rows from the history (oldest first), above the first one shown."""
        self.loading = False
        first = self.first_seq()
        page = [s for s in segments if first is None or s.seq < first]
        self.has_earlier = more and bool(page)
        if not page:
            return
        self.beginInsertRows(QModelIndex(), 0, len(page) - 1)
        self._segments[:0] = page
        self._rows = {id(s): row for row, s in enumerate(self._segments)}
        self.endInsertRows()
        excess = len(self._segments) - 2 * self.limit
        if excess > 0:  # too far back: the newest rows go, and live rows wait for "latest"
            start = len(self._segments) - excess
            self.beginRemoveRows(QModelIndex(), start, len(self._segments) - 1)
            del self._segments[start:]
            self._rows = {id(s): row for row, s in enumerate(self._segments)}
            self.endRemoveRows()
            self.detached = True

    def first_seq(self) -> int | None:
        return self._segments[0].seq if self._segments else None

    def start_conversation(self, first_seq: int, segments: list[Segment] | None = None) -> None:
        """Show a new conversation from ``first_seq`` on (``segments``: its rows so far)."""
        self.beginResetModel()
        self._floor = first_seq
        kept = [s for s in segments or [] if not s.is_empty and s.seq >= first_seq]
        self._segments = kept[-self.limit :]
        self._rows = {id(s): row for row, s in enumerate(self._segments)}
        self.has_earlier = self.pageable and len(kept) > len(self._segments)
        self.dropped = 0 if self.pageable else len(kept) - len(self._segments)
        self.detached = self.loading = False
        self.endResetModel()

    def reattach(self, segments: list[Segment]) -> None:
        """Back to the newest rows (``segments``: the live ones) after paging far back."""
        dropped = self.dropped
        self.start_conversation(self._floor, segments)
        self.has_earlier = self.has_earlier or self.pageable
        self.dropped = dropped

    def reset(self, segments: list[Segment]) -> None:
        """Interims were dropped on a lost session: rows left with no text go."""
        self.beginResetModel()
        self._segments = [s for s in self._segments if not s.is_empty]
        self._rows = {id(s): row for row, s in enumerate(self._segments)}
        self.endResetModel()

    def segment(self, row: int) -> Segment:
        return self._segments[row]

    def row_text(self, row: int) -> str:
        return self.as_text([row])

    def as_text(self, rows: list[int] | None = None) -> str:
        chosen = range(len(self._segments)) if rows is None else rows
        blocks = []
        for row in chosen:
            s = self._segments[row]
            original = _row_text(s.original, s.original_interim)
            translated = _row_text(s.translated, s.translated_interim)
            blocks.append(f"{original}\n→ {translated}" if translated else original)
        return "\n\n".join(blocks)


class TranscriptView(QWidget):
    """The table plus "Jump to latest"; copying and replay through a context menu."""

    replay_requested = Signal(str, int)  # the row's key (correlation id or #seq) and seq
    say_again_requested = Signal(str, int)  # "Say it again" into the call: the row's key, seq
    earlier_requested = Signal(int)  # scrolled to the top: the page before this seq, please
    latest_requested = Signal()  # "Jump to latest" after paging so far back that rows went
    announced = Signal(str)  # final text was announced to assistive technology

    def __init__(self, model: TranscriptModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.table = QTableView(self)
        self.table.setModel(model)
        self.table.setObjectName("transcript")
        self.table.setAccessibleName(self.tr("Transcript"))
        self.table.setAccessibleDescription(
            self.tr(
                "What was said and its translation, one utterance a row. Arrow keys move "
                "between rows; Ctrl+C copies the selected rows; Ctrl+F finds."
            )
        )
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move between rows
        self.table.setWordWrap(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._on_table_context_menu)
        self.jump = QPushButton(self.tr("Jump to latest ↓"), self)
        self.jump.setObjectName("jump_to_latest")
        self.jump.setAccessibleName(self.tr("Jump to latest"))
        self.jump.setAccessibleDescription(self.tr("Scroll to the newest row and follow it"))
        self.jump.hide()
        self.jump.clicked.connect(self.scroll_to_latest)
        self.earlier = QLabel(self)
        self.earlier.setObjectName("earlier_rows")
        self.earlier.setWordWrap(True)
        self.earlier.hide()
        self.find_bar = QWidget(self)
        self.find_bar.setObjectName("find_bar")
        self.find_field = QLineEdit(self.find_bar)
        self.find_field.setObjectName("find_field")
        self.find_field.setClearButtonEnabled(True)
        self.find_field.setPlaceholderText(self.tr("Find in the transcript"))
        self.find_field.setAccessibleName(self.tr("Find in the transcript"))
        self.find_field.setAccessibleDescription(
            self.tr("Enter: next match; Shift+Enter: previous; Escape: close")
        )
        self.find_field.textEdited.connect(lambda text: self.find_row(text, from_current=True))
        self.find_field.installEventFilter(self)
        self.find_status = QLabel(self.find_bar)
        self.find_status.setObjectName("find_status")
        find_row = QHBoxLayout(self.find_bar)
        find_row.setContentsMargins(0, 0, 0, 0)
        find_row.addWidget(self.find_field, 1)
        find_row.addWidget(self.find_status)
        self.find_bar.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.earlier)
        layout.addWidget(self.find_bar)
        layout.addWidget(self.table)
        layout.addWidget(self.jump, alignment=Qt.AlignmentFlag.AlignRight)
        self._follow = True
        bar = self.table.verticalScrollBar()
        bar.valueChanged.connect(self._on_scrolled)
        bar.rangeChanged.connect(self._on_range_changed)
        model.rowsInserted.connect(self._on_rows_inserted)
        model.dataChanged.connect(self._on_rows_changed)
        model.rowsRemoved.connect(self._show_earlier)
        model.modelReset.connect(self._show_earlier)
        model.final_text_added.connect(self._on_model_final_text_added)
        self.copy_all_action = QAction(self.tr("Copy &everything"), self)
        self.copy_all_action.setObjectName("copy_everything")
        self.copy_all_action.setShortcut("Ctrl+Shift+C")
        self.copy_all_action.triggered.connect(self.copy_all)
        self.addAction(self.copy_all_action)
        # Ctrl+C on the table only: elsewhere it copies what the focused field holds.
        self.copy_rows_action = QAction(self.tr("&Copy row"), self.table)
        self.copy_rows_action.setObjectName("copy_row")
        self.copy_rows_action.setShortcut(QKeySequence.StandardKey.Copy)
        self.copy_rows_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.copy_rows_action.triggered.connect(self.copy_selected)
        self.table.addAction(self.copy_rows_action)
        # "Say it again" for the selected row (the context menu has it too).
        self.say_again_action = QAction(self.tr("Say it &again"), self.table)
        self.say_again_action.setObjectName("say_again")
        self.say_again_action.setShortcut(QKeySequence("Ctrl+Shift+A"))
        self.say_again_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.say_again_action.setStatusTip(
            self.tr("Play the selected row's translation (or the last one) into the call again")
        )
        self.say_again_action.triggered.connect(self.say_again_selected)
        self.table.addAction(self.say_again_action)
        self.find_action = QAction(self.tr("&Find…"), self)
        self.find_action.setObjectName("find")
        self.find_action.setShortcut(QKeySequence.StandardKey.Find)
        self.find_action.triggered.connect(self.open_find)
        self.addAction(self.find_action)

    @property
    def following(self) -> bool:
        return self._follow

    def scroll_to_latest(self) -> None:
        self._follow = True
        self.jump.hide()
        if self.model.detached:
            self.latest_requested.emit()
        self.table.scrollToBottom()

    def _show_earlier(self, *_args: object) -> None:
        dropped = self.model.dropped
        self.earlier.setText(
            self.tr(
                "%n earlier row(s) not shown: with history off, only the latest rows are kept.",
                "",
                dropped,
            )
        )
        self.earlier.setVisible(bool(dropped))

    def _on_rows_inserted(self, _parent: QModelIndex, first: int, last: int) -> None:
        if first == 0 and self.model.rowCount() > last + 1 and not self._follow:
            # A page came in above: keep the row the user was looking at where it was.
            self.table.scrollTo(
                self.model.index(last + 1, 0), QAbstractItemView.ScrollHint.PositionAtTop
            )
            return
        self._on_rows_changed()

    def copy_rows(self, rows: list[int]) -> None:
        QGuiApplication.clipboard().setText(self.model.as_text(sorted(rows)))

    def copy_all(self) -> None:
        QGuiApplication.clipboard().setText(self.model.as_text())

    def selected_rows(self) -> list[int]:
        """The selected rows, or the current one when none is selected."""
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        current = self.table.currentIndex()
        if not rows and current.isValid():
            rows = [current.row()]
        return rows

    def copy_selected(self) -> None:
        rows = self.selected_rows()
        if rows:
            self.copy_rows(rows)

    # -- find ---------------------------------------------------------------------------------

    def say_again_selected(self) -> None:
        """The selected row's translation; with no one row selected, the last translation
        (``say_again_requested("", -1)``)."""
        rows = self.selected_rows()
        if len(rows) == 1:
            segment = self.model.segment(rows[0])
            if segment.translated:
                self.say_again_requested.emit(segment.key, segment.seq)
                return
        self.say_again_requested.emit("", -1)

    def open_find(self) -> None:
        self.find_bar.show()
        self.find_field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.find_field.selectAll()

    def close_find(self) -> None:
        self.find_bar.hide()
        self.find_status.clear()
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def find_row(self, text: str, *, backwards: bool = False, from_current: bool = False) -> int:
        """Select the next row (or previous: ``backwards``) holding ``text``, any case, after
        the current row (or at it: ``from_current``, as typing refines the search); -1 if no
        row of the live view holds it."""
        needle = text.casefold().strip()
        count = self.model.rowCount()
        if not needle or not count:
            self.find_status.clear()
            return -1
        current = self.table.currentIndex()
        step = -1 if backwards else 1
        if current.isValid():
            start = current.row() if from_current else current.row() + step
        else:
            start = count - 1 if backwards else 0
        for offset in range(count):
            row = (start + step * offset) % count
            if needle in self.model.row_text(row).casefold():
                index = self.model.index(row, 0)
                self.table.setCurrentIndex(index)
                self.table.selectRow(row)
                self.table.scrollTo(index)
                self.find_status.clear()
                return row
        self.find_status.setText(self.tr("No match"))
        return -1

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.find_field and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key = event.key()
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                backwards = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
                self.find_row(self.find_field.text(), backwards=backwards)
                return True
            if key == Qt.Key.Key_Escape:
                self.close_find()
                return True
        return super().eventFilter(watched, event)

    # -- screen readers -----------------------------------------------------------------------

    def _on_model_final_text_added(self, text: str) -> None:
        announce(self.table, text)
        self.announced.emit(text)

    def _at_bottom(self) -> bool:
        bar = self.table.verticalScrollBar()
        return bar.value() >= bar.maximum() - 4

    def _on_scrolled(self, value: int) -> None:
        self._follow = self._at_bottom() and not self.model.detached
        if self._follow:
            self.jump.hide()
        model = self.model
        bar = self.table.verticalScrollBar()
        if value <= bar.minimum() and bar.maximum() > bar.minimum() and model.has_earlier:
            first = model.first_seq()
            if first is not None and not model.loading:
                model.loading = True
                self.earlier_requested.emit(first)

    def _on_range_changed(self, _minimum: int, _maximum: int) -> None:
        if self._follow:
            self.table.scrollToBottom()

    def _on_rows_changed(self, *_args: object) -> None:
        if self._follow:
            self.table.scrollToBottom()
        elif self.model.rowCount():
            self.jump.show()

    def _on_table_context_menu(self, pos: QPoint) -> None:
        # A scroll area reports context-menu positions in its viewport's coordinates.
        index = self.table.indexAt(pos)
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        if index.isValid() and index.row() not in rows:
            rows = [index.row()]
        menu = QMenu(self)
        if rows:
            menu.addAction(
                self.tr("Copy row") if len(rows) == 1 else self.tr("Copy rows"),
                lambda: self.copy_rows(rows),
            )
        menu.addAction(self.tr("Copy everything"), self.copy_all)
        if len(rows) == 1:
            segment = self.model.segment(rows[0])
            replay = menu.addAction(self.tr("Replay translation"))
            replay.setEnabled(bool(segment.translated))
            replay.triggered.connect(lambda: self.replay_requested.emit(segment.key, segment.seq))
            again = menu.addAction(self.tr("Say it again"))
            again.setObjectName("say_again_row")
            again.setStatusTip(self.tr("Play this translation into the call again"))
            again.setEnabled(bool(segment.translated))
            again.triggered.connect(lambda: self.say_again_requested.emit(segment.key, segment.seq))
        menu.popup(self.table.viewport().mapToGlobal(pos))
