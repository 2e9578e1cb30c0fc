"""The Dubbing window: whole recordings and videos, translated by Pinch's dubbing jobs.

Files dropped here (or links pasted) join a queue; each row shows the job's state, progress,
duration and cost as the queue owner (``dragoman.controller.dubbing.DubbingQueue``) reports them.
The window never talks to the network: it calls the queue's slots and listens to its signals.
When a job completes or fails while the window is hidden, ``notify`` (the tray) says so.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, Final

from PySide6.QtCore import (
    QAbstractTableModel,
    QItemSelection,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QUrl,
)
from PySide6.QtGui import QDesktopServices, QDragEnterEvent, QDropEvent, QGuiApplication, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionProgressBar,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from dragoman.controller.dubbing import DubbingQueue
from dragoman.core.dubbing import (
    AUDIO_TYPES,
    LANGUAGES,
    VIDEO_TYPES,
    DubbingJob,
    Phase,
    describe,
    format_cost,
    format_duration,
    is_url,
    percent,
)
from dragoman.core.errors import DragomanError
from dragoman.core.i18n import QT_TRANSLATE_NOOP
from dragoman.core.languages import AUTO, Language
from dragoman.ui.i18n import translated
from dragoman.ui.languages import LanguagePicker, display_name

COLUMNS: Final = (  # English source texts (dragoman.core.i18n.Text), shown through translated()
    QT_TRANSLATE_NOOP("JobsModel", "File"),
    QT_TRANSLATE_NOOP("JobsModel", "Languages"),
    QT_TRANSLATE_NOOP("JobsModel", "State"),
    QT_TRANSLATE_NOOP("JobsModel", "Progress"),
    QT_TRANSLATE_NOOP("JobsModel", "Duration"),
    QT_TRANSLATE_NOOP("JobsModel", "Cost"),
    QT_TRANSLATE_NOOP("JobsModel", "Job id"),
)
FILE, LANGS, STATE, PROGRESS, DURATION, COST, JOB_ID = range(len(COLUMNS))
KeyRole: Final = Qt.ItemDataRole.UserRole + 1
PercentRole: Final = Qt.ItemDataRole.UserRole + 2  # a number, or -1.0 for "busy, unknown"
MEDIA_FILTER: Final = "Media ({})".format(" ".join(f"*{e}" for e in (*VIDEO_TYPES, *AUDIO_TYPES)))

Notify = Callable[[str, str], None]
OpenUrl = Callable[[QUrl], Any]


class JobsModel(QAbstractTableModel):
    """The queue as rows, in the order jobs were added; refreshed from the queue's signals."""

    def __init__(self, queue: DubbingQueue, languages: list[Language], parent: QWidget) -> None:
        super().__init__(parent)
        self.queue = queue
        self.languages = languages
        self.keys: list[str] = [job.key for job in queue.jobs()]
        self.hints: dict[str, str] = {}
        queue.job_added.connect(self.on_queue_job_added)
        queue.job_changed.connect(self.on_queue_job_changed)
        queue.hint_raised.connect(self.on_queue_hint_raised)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else len(self.keys)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return translated(COLUMNS[section])
        return None

    def job_at(self, row: int) -> DubbingJob | None:
        return self.queue.job(self.keys[row]) if 0 <= row < len(self.keys) else None

    def row_of(self, key: str) -> int:
        return self.keys.index(key) if key in self.keys else -1

    def data(
        self,
        index: QModelIndex | QPersistentModelIndex,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        job = self.job_at(index.row()) if index.isValid() else None
        if job is None:
            return None
        column = index.column()
        if role == KeyRole:
            return job.key
        if role == PercentRole:
            shown = percent(job)
            return -1.0 if shown is None and job.phase.active else shown
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(job, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(job, column)
        return None

    def _text(self, job: DubbingJob, column: int) -> str:
        if column == FILE:
            return job.name
        if column == LANGS:
            source = (
                self.tr("Detect")
                if job.source_lang == AUTO
                else display_name(job.source_lang, self.languages)
            )
            target = display_name(job.target_lang, self.languages)
            return f"{source} → {target}"
        if column == STATE:
            return translated(describe(job))
        if column == PROGRESS:
            shown = percent(job)
            return "" if shown is None else f"{shown:.0f} %"
        if column == DURATION:
            return format_duration(job.duration_s)
        if column == COST:
            return format_cost(job.cost_usd)
        return job.job_id

    def _tooltip(self, job: DubbingJob, column: int) -> str:
        if column == FILE:
            return job.source
        if column == STATE and job.error:
            return job.error
        if column == STATE and job.key in self.hints:
            return self.hints[job.key]
        if column == JOB_ID and job.job_id:
            return self.tr("Support asks for the job id: select the row and press Copy job id.")
        if job.output_path:
            return job.output_path
        return ""

    def on_queue_job_added(self, key: str) -> None:
        if key in self.keys:
            return
        self.beginInsertRows(QModelIndex(), len(self.keys), len(self.keys))
        self.keys.append(key)
        self.endInsertRows()

    def on_queue_job_changed(self, key: str) -> None:
        row = self.row_of(key)
        if row >= 0:
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))

    def on_queue_hint_raised(self, key: str, text: str) -> None:
        self.hints[key] = text
        self.on_queue_job_changed(key)


class ProgressDelegate(QStyledItemDelegate):
    """A progress bar in the Progress column (a moving "busy" bar while the share is unknown)."""

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        value = index.data(PercentRole)
        if value is None:
            super().paint(painter, option, index)
            return
        bar = QStyleOptionProgressBar()
        bar.rect = option.rect.adjusted(2, 3, -2, -3)
        bar.minimum, bar.maximum = 0, 100 if value >= 0 else 0
        bar.progress = round(value) if value >= 0 else 0
        bar.text = f"{value:.0f} %" if value >= 0 else ""
        bar.textVisible = value >= 0
        style = QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ProgressBar, bar, painter)


class DubbingWindow(QWidget):
    """Drop files or paste a link, choose the languages, and follow the queue."""

    def __init__(
        self,
        queue: DubbingQueue,
        languages: list[Language],
        *,
        notify: Notify | None = None,
        open_url: OpenUrl = QDesktopServices.openUrl,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("dubbing_window")
        self.setWindowTitle(self.tr("Dubbing — Dragoman"))
        self.resize(900, 520)
        self.setAcceptDrops(True)
        self.queue = queue
        self.notify = notify
        self.open_url = open_url
        self.notifications: list[str] = []  # what was notified, newest last (for tests, status)
        dubbing = [lang for lang in languages if lang.code in LANGUAGES or lang.code == AUTO]
        root = QVBoxLayout(self)

        intro = QLabel(
            self.tr(
                "Translate a whole recording or video: Pinch returns the same media spoken in "
                "another language, with subtitles. Results are saved beside each file."
            ),
            self,
        )
        intro.setWordWrap(True)
        root.addWidget(intro)

        self.drop_zone = QFrame(self)
        self.drop_zone.setObjectName("drop_zone")
        self.drop_zone.setFrameShape(QFrame.Shape.StyledPanel)
        self.drop_zone.setStyleSheet("#drop_zone { border: 2px dashed palette(mid); }")
        zone = QHBoxLayout(self.drop_zone)
        hint = QLabel(
            self.tr("Drop recordings or videos here (mp4, mov, mkv, webm, wav, mp3, …)"), self
        )
        hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.add_files_button = QPushButton(self.tr("Add files…"), self)
        self.add_files_button.setObjectName("add_files")
        zone.addWidget(hint, 1)
        zone.addWidget(self.add_files_button)
        root.addWidget(self.drop_zone)

        link = QHBoxLayout()
        self.url_edit = QLineEdit(self)
        self.url_edit.setObjectName("source_url")
        self.url_edit.setPlaceholderText(
            self.tr("…or paste a direct link to a media file (https://…/talk.mp4)")
        )
        self.add_url_button = QPushButton(self.tr("Add link"), self)
        self.add_url_button.setObjectName("add_url")
        link.addWidget(self.url_edit, 1)
        link.addWidget(self.add_url_button)
        root.addLayout(link)

        options = QHBoxLayout()
        self.source = LanguagePicker(dubbing, target=False, parent=self)
        self.source.setObjectName("dubbing_source_language")
        self.source.set_code(AUTO)
        self.target = LanguagePicker(
            [lang for lang in dubbing if lang.code != AUTO], target=True, parent=self
        )
        self.target.setObjectName("dubbing_target_language")
        self.target.set_code("es")
        self.reduce_accent = QCheckBox(self.tr("Reduce accent"), self)
        self.reduce_accent.setObjectName("reduce_accent")
        self.reduce_accent.setToolTip(
            self.tr("Ask for a more native-sounding voice in the new language.")
        )
        options.addWidget(QLabel(self.tr("From"), self))
        options.addWidget(self.source, 1)
        options.addWidget(QLabel(self.tr("to"), self))
        options.addWidget(self.target, 1)
        options.addWidget(self.reduce_accent)
        root.addLayout(options)

        self.model = JobsModel(queue, languages, self)
        self.table = QTableView(self)
        self.table.setObjectName("jobs")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setItemDelegateForColumn(PROGRESS, ProgressDelegate(self.table))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(FILE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(STATE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(PROGRESS, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(PROGRESS, 120)
        root.addWidget(self.table, 1)

        actions = QHBoxLayout()
        self.open_button = QPushButton(self.tr("Open result"), self)
        self.open_button.setObjectName("open_result")
        self.folder_button = QPushButton(self.tr("Show in folder"), self)
        self.folder_button.setObjectName("open_folder")
        self.copy_button = QPushButton(self.tr("Copy job id"), self)
        self.copy_button.setObjectName("copy_job_id")
        self.stop_button = QPushButton(self.tr("Stop waiting"), self)
        self.stop_button.setObjectName("stop_waiting")
        self.stop_button.setToolTip(
            self.tr(
                "Stop following this job here (at Pinch it may go on; Resume picks it up again)."
            )
        )
        self.resume_button = QPushButton(self.tr("Resume"), self)
        self.resume_button.setObjectName("resume_waiting")
        for button in (
            self.open_button,
            self.folder_button,
            self.copy_button,
            self.stop_button,
            self.resume_button,
        ):
            actions.addWidget(button)
        actions.addStretch(1)
        root.addLayout(actions)

        self.status = QLabel("", self)
        self.status.setObjectName("dubbing_status")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        root.addWidget(self.status)

        self.add_files_button.clicked.connect(self.on_add_files_clicked)
        self.add_url_button.clicked.connect(self.on_add_url_clicked)
        self.url_edit.returnPressed.connect(self.on_add_url_clicked)
        self.open_button.clicked.connect(self.on_open_clicked)
        self.folder_button.clicked.connect(self.on_folder_clicked)
        self.copy_button.clicked.connect(self.on_copy_clicked)
        self.stop_button.clicked.connect(self.on_stop_clicked)
        self.resume_button.clicked.connect(self.on_resume_clicked)
        self.table.selectionModel().selectionChanged.connect(self.on_table_selection_changed)
        queue.job_changed.connect(self.on_queue_job_changed)
        queue.job_finished.connect(self.on_queue_job_finished)
        queue.hint_raised.connect(self.on_queue_hint_raised)
        self.update_actions()

    # -- adding ----------------------------------------------------------------------------------

    def add_sources(self, sources: list[str]) -> list[str]:
        """Queue each file or link with the chosen languages; the keys of those queued."""
        keys = []
        for source in sources:
            try:
                keys.append(
                    self.queue.add(
                        source,
                        self.target.code(),
                        source_lang=self.source.code() or AUTO,
                        reduce_accent=self.reduce_accent.isChecked(),
                    )
                )
            except DragomanError as error:
                self.status.setText(str(error))
        if keys:
            self.select(keys[-1])
            self.status.setText(
                self.tr(
                    "Added %n job(s): uploading, then Pinch takes a few minutes per hour of media.",
                    "",
                    len(keys),
                )
            )
        return keys

    def on_add_files_clicked(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(
            self, self.tr("Dub recordings or videos"), str(Path.home()), MEDIA_FILTER
        )
        self.add_sources(paths)

    def on_add_url_clicked(self) -> None:
        text = self.url_edit.text().strip()
        if not text:
            return
        if self.add_sources([text]):
            self.url_edit.clear()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls() or event.mimeData().hasText():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        mime = event.mimeData()
        sources = []
        for url in mime.urls():
            if url.isLocalFile():
                sources.append(url.toLocalFile())
            elif url.scheme() in ("http", "https"):
                sources.append(url.toString())
        if not sources and mime.hasText() and is_url(mime.text().strip()):
            sources.append(mime.text().strip())
        if sources:
            self.add_sources(sources)
            event.acceptProposedAction()

    # -- the selected row ------------------------------------------------------------------------

    def select(self, key: str) -> None:
        row = self.model.row_of(key)
        if row >= 0:
            self.table.selectRow(row)

    def selected(self) -> DubbingJob | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.job_at(rows[0].row()) if rows else None

    def update_actions(self) -> None:
        job = self.selected()
        done = job is not None and job.phase is Phase.DONE and bool(job.output_path)
        running = job is not None and self.queue.running(job.key)
        self.open_button.setEnabled(done)
        self.folder_button.setEnabled(done or (job is not None and not job.is_url))
        self.copy_button.setEnabled(job is not None and bool(job.job_id))
        self.stop_button.setEnabled(running)
        self.resume_button.setEnabled(
            job is not None and not running and job.phase in (Phase.STOPPED, Phase.ERROR)
        )

    def on_table_selection_changed(self, _selected: QItemSelection, _old: QItemSelection) -> None:
        self.update_actions()
        job = self.selected()
        if job is not None and job.error:
            self.status.setText(f"{job.name}: {job.error}")

    def on_open_clicked(self) -> None:
        job = self.selected()
        if job is not None and job.output_path:
            self.open_url(QUrl.fromLocalFile(job.output_path))

    def on_folder_clicked(self) -> None:
        job = self.selected()
        if job is None:
            return
        path = job.output_path or ("" if job.is_url else job.source)
        if path:
            self.open_url(QUrl.fromLocalFile(str(Path(path).parent)))

    def on_copy_clicked(self) -> None:
        job = self.selected()
        if job is not None and job.job_id:
            QGuiApplication.clipboard().setText(job.job_id)
            self.status.setText(
                self.tr("Copied the job id %1 (support asks for it).").replace("%1", job.job_id)
            )

    def on_stop_clicked(self) -> None:
        job = self.selected()
        if job is not None:
            self.queue.stop(job.key)

    def on_resume_clicked(self) -> None:
        job = self.selected()
        if job is not None:
            self.queue.resume(job.key)
            self.update_actions()

    # -- what the queue says ---------------------------------------------------------------------

    def on_queue_job_changed(self, key: str) -> None:
        job = self.selected()
        if job is not None and job.key == key:
            self.update_actions()

    def on_queue_hint_raised(self, key: str, text: str) -> None:
        self.status.setText(text)

    def on_queue_job_finished(self, key: str) -> None:
        job = self.queue.job(key)
        if job is None:
            return
        self.update_actions()
        if job.phase is Phase.DONE:
            title = self.tr("Dubbing done")
            text = (
                self.tr("%1 in %2: saved as %3.")
                .replace("%1", job.name)
                .replace("%2", display_name(job.target_lang, self.model.languages))
                .replace("%3", Path(job.output_path).name)
            )
        else:
            title = (
                self.tr("Dubbing failed")
                if job.phase is Phase.FAILED
                else self.tr("Dubbing needs attention")
            )
            text = f"{job.name}: {job.error}"
        self.status.setText(text)
        if not self.isVisible() and self.notify is not None:
            self.notifications.append(text)
            self.notify(title, text)
