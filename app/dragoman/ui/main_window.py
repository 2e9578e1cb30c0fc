"""The main window: what to translate, the paired transcript, the talk button and the status.

It never touches the engine or audio: it calls the controller's slots and listens to its
signals. Engine differences come in as EngineCapabilities (data), never as engine-specific code.

Reach: every control has a mnemonic or a place in a Tab order that follows the screen (From →
Swap → To → … → banners → transcript → talk button → session id), an accessible name and
description, and a focus ring (:class:`dragoman.ui.theme.FocusRing`). Narrow or short, the
window goes compact (the options become one row of pickers, the rest behind "More"), so it fits
beside a call window at 480 x 360; it always opens within the available screen geometry.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Final

from PySide6.QtCore import QByteArray, QEvent, QPoint, QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QGuiApplication,
    QKeySequence,
    QPalette,
    QResizeEvent,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QPushButton,
    QSizePolicy,
    QStatusBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from dragoman.controller import Latency, SessionController, State
from dragoman.core.banners import Action, Banner, details_at
from dragoman.core.cost import CapLevel, UsageReading
from dragoman.core.engine import EngineCapabilities
from dragoman.core.i18n import QT_TRANSLATE_NOOP
from dragoman.core.languages import Language
from dragoman.core.settings import Settings
from dragoman.core.transcript import Segment
from dragoman.ui import meeting, theme
from dragoman.ui.banner import BannerArea
from dragoman.ui.i18n import translated
from dragoman.ui.languages import LanguagePicker, display_name, speech_legend
from dragoman.ui.meter import LevelMeter
from dragoman.ui.placement import fit_to_screen, restore_on_screen
from dragoman.ui.profiles import ProfileLabel
from dragoman.ui.ptt_button import PttButton
from dragoman.ui.transcript import TranscriptModel, TranscriptView, announce

if TYPE_CHECKING:
    from dragoman.controller.history import HistoryBrowser, HistoryRecorder
    from dragoman.ui.history import HistoryPanel

# English source texts (dragoman.core.i18n.Text): shown through ``translated``.
STATE_TEXT = {
    State.IDLE: QT_TRANSLATE_NOOP("MainWindow", "Idle"),
    State.CONNECTING: QT_TRANSLATE_NOOP("MainWindow", "Connecting…"),
    State.READY: QT_TRANSLATE_NOOP("MainWindow", "Ready"),
    State.LISTENING: QT_TRANSLATE_NOOP("MainWindow", "Listening"),
    State.FINISHING: QT_TRANSLATE_NOOP("MainWindow", "Translating…"),
    State.RECONNECTING: QT_TRANSLATE_NOOP("MainWindow", "Reconnecting…"),
    State.ERROR: QT_TRANSLATE_NOOP("MainWindow", "Needs attention"),
}
USAGE_TIP = QT_TRANSLATE_NOOP(
    "MainWindow",
    "Audio sent to the service, counted per hold: this session and today (since your "
    "midnight). Your price per minute and a daily cap are set in Settings → Session.",
)
USAGE_LEVEL_TIP = {
    CapLevel.WARN: QT_TRANSLATE_NOOP("MainWindow", "Over 80 % of today's cap."),
    CapLevel.STOP: QT_TRANSLATE_NOOP(
        "MainWindow", "Today's cap is reached: new holds wait until midnight."
    ),
}
NO_SPEECH_HINT = QT_TRANSLATE_NOOP(
    "MainWindow", "No speech detected — check the microphone (Settings → Audio)."
)
MINIMUM_SIZE: Final = QSize(480, 360)  # fits beside a call window
COMPACT_BELOW: Final = QSize(720, 540)  # narrower or shorter than this: the compact layout
DEFAULT_SIZE: Final = QSize(900, 620)


def settings_shortcuts() -> list[QKeySequence]:
    """The platform's Preferences key, and Ctrl+, where the platform has none (Linux)."""
    keys = [k for k in QKeySequence.keyBindings(QKeySequence.StandardKey.Preferences) if k]
    comma = QKeySequence("Ctrl+,")
    if all(k != comma for k in keys):
        keys.append(comma)
    return keys


class MainWindow(QMainWindow):
    settings_edited = Signal(object)  # Settings the user changed here (to persist)
    settings_requested = Signal(str)  # open the settings dialog at a page ("keys", "audio", …)
    quit_requested = Signal()
    first_run_requested = Signal()  # Help → Setup assistant: run the first-run wizard again
    about_requested = Signal()  # Help → About Dragoman
    dubbing_requested = Signal()  # Dragoman → Dubbing…: open the Dubbing window
    hidden_to_tray = Signal()  # the window was closed while a tray icon keeps the app running
    compact_toggled = Signal(bool)  # Dragoman → Compact window (ui.floating shows it)
    overlay_toggled = Signal(bool)  # Dragoman → Caption overlay
    overlay_move_requested = Signal()  # Dragoman → Move captions…

    def __init__(
        self,
        controller: SessionController,
        languages: list[Language],
        capabilities: dict[str, EngineCapabilities],
        *,
        tray_available: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("main_window")
        self.setWindowTitle("Dragoman")
        self.resize(DEFAULT_SIZE)
        self.setMinimumSize(MINIMUM_SIZE)
        self._placed = False  # fitted to the screen on the first show
        self._state = State.IDLE
        self._legend_wanted = False  # the speech legend, when speech output applies
        self._compact: bool | None = None
        self.controller = controller
        self.capabilities = capabilities
        self.tray_available = tray_available
        self._settings = controller.settings
        self._updating = False

        central = QWidget(self)
        self.setCentralWidget(central)
        root = QVBoxLayout(central)
        self._root = root

        # What to translate
        self.languages = languages
        self.source = LanguagePicker(languages, target=False, parent=central)
        self.source.setObjectName("source_language")
        self.target = LanguagePicker(languages, target=True, parent=central)
        self.target.setObjectName("target_language")
        self.swap = QToolButton(central)
        self.swap.setObjectName("swap_languages")
        self.swap.setText("⇄")
        self.recent = QToolButton(central)
        self.recent.setObjectName("recent_pairs")
        self.recent.setText(self.tr("Rece&nt ▾"))
        self.recent_menu = QMenu(self.recent)
        self.recent_menu.setObjectName("recent_menu")
        self.recent.clicked.connect(self.show_recent_menu)
        self.legend = speech_legend(central)
        languages_box = QGroupBox(self.tr("Languages"), central)
        languages_box.setObjectName("languages_group")
        self.languages_box = languages_box
        pair = QGridLayout(languages_box)
        self._pair_grid = pair
        self.source_label = QLabel(self.tr("&From"), languages_box)
        self.source_label.setBuddy(self.source)
        self.target_label = QLabel(self.tr("&To"), languages_box)
        self.target_label.setBuddy(self.target)
        for caption in (self.source_label, self.target_label):  # never squeezed by the pickers
            caption.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Preferred)
            caption.setMinimumWidth(caption.sizeHint().width())
        pair.addWidget(self.source_label, 0, 0)
        pair.addWidget(self.source, 0, 1)
        pair.addWidget(self.swap, 0, 2)
        pair.addWidget(self.target_label, 0, 3)
        pair.addWidget(self.target, 0, 4)
        pair.addWidget(self.recent, 0, 5)
        pair.addWidget(self.legend, 1, 4)
        pair.setColumnStretch(1, 1)
        pair.setColumnStretch(4, 1)
        root.addWidget(languages_box)

        # How to translate
        self.engine = QComboBox(central)
        self.engine.setObjectName("engine")
        for name, caps in capabilities.items():
            self.engine.addItem(translated(caps.display_name), name)
        self.mode = QComboBox(central)
        self.mode.setObjectName("output_mode")
        self.mode.addItem(self.tr("Speech and text"), True)
        self.mode.addItem(self.tr("Text only"), False)
        self.voice = QComboBox(central)
        self.voice.setObjectName("voice")
        for label, value in (
            (self.tr("Male voice"), "male"),
            (self.tr("Female voice"), "female"),
            (self.tr("Cloned voice"), "clone"),
        ):
            self.voice.addItem(label, value)
        clone = self.voice.model().item(2)  # type: ignore[attr-defined]  # QStandardItemModel
        clone.setEnabled(False)
        clone.setToolTip(self.tr("A cloned voice is not available for real-time translation yet."))
        self.finalize = QComboBox(central)
        self.finalize.setObjectName("finalize_mode")
        self.finalize.addItem(self.tr("Fast (stable spans)"), "stable")
        self.finalize.addItem(self.tr("Whole sentences"), "sentence")
        self.two_way = QCheckBox(self.tr("T&wo-way conversation"), central)
        self.two_way.setObjectName("two_way")
        self.context = QLineEdit(central)
        self.context.setObjectName("context")
        self.context.setPlaceholderText(self.tr("Names and jargon, e.g. “Dragoman, Qt, Zoë Ng”"))
        options_box = QGroupBox(self.tr("Options"), central)
        options_box.setObjectName("options_group")
        self.options_box = options_box
        self._options_grid = QGridLayout(options_box)
        self.option_labels: dict[QWidget, QLabel] = {}
        for text, field in (
            (self.tr("Serv&ice"), self.engine),
            (self.tr("&Output"), self.mode),
            (self.tr("&Voice"), self.voice),
            (self.tr("&Results"), self.finalize),
            (self.tr("Conte&xt"), self.context),
        ):
            caption = QLabel(text, options_box)
            caption.setBuddy(field)
            self.option_labels[field] = caption
        self.more = QToolButton(options_box)  # compact layout: shows context and two-way
        self.more.setObjectName("more_options")
        self.more.setText(self.tr("&More ▾"))
        self.more.setCheckable(True)
        self.more.setToolTip(self.tr("Show the context field and two-way conversation"))
        self.more.toggled.connect(lambda _on: self._arrange_options())
        for combo in (self.source, self.target, self.engine, self.mode, self.voice, self.finalize):
            # Let them shrink with the window (the open list still shows whole names).
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(6 if combo in (self.source, self.target) else 4)
        self.context.setMinimumWidth(80)
        root.addWidget(options_box)
        self._box_titles = {languages_box: languages_box.title(), options_box: options_box.title()}
        self._tips: dict[QWidget, str] = {}
        tips: tuple[tuple[QWidget, str], ...] = (
            (
                self.source,
                self.tr("The language you speak (“Detect automatically” lets the service tell)"),
            ),
            (
                self.target,
                self.tr(
                    "The language to translate into. Languages marked with the speaker can be "
                    "spoken back; the others come as text only."
                ),
            ),
            (self.swap, self.tr("Swap the two languages (translate the other way)")),
            (self.recent, self.tr("Language pairs you used recently")),
            (
                self.engine,
                self.tr(
                    "Which service listens: Pinch translates (speech or text); Smallest Pulse "
                    "writes down what you say in your own language, without translating."
                ),
            ),
            (
                self.mode,
                self.tr(
                    "Speech and text: you hear the translation and read it. Text only: the "
                    "translation is shown, not spoken."
                ),
            ),
            (self.voice, self.tr("The voice that speaks the translation")),
            (
                self.finalize,
                self.tr(
                    "Fast: text appears in pieces as soon as each part is certain. Whole "
                    "sentences: each sentence appears once it is complete (a little later, "
                    "reads better)."
                ),
            ),
            (
                self.two_way,
                self.tr(
                    "For a conversation between two people: Dragoman tells which of the two "
                    "languages each utterance is in and translates it into the other."
                ),
            ),
            (
                self.context,
                self.tr(
                    "Names and special words to expect (people, products, jargon): they are "
                    "recognised and spelled better. Sent with each session."
                ),
            ),
        )
        for widget, tip in tips:
            self._tips[widget] = tip
            widget.setToolTip(tip)
        for widget, caption in self.option_labels.items():
            caption.setToolTip(self._tips[widget])

        # Banners and the transcript
        self.banners = BannerArea(central)
        self.banners.setObjectName("banners")
        root.addWidget(self.banners)
        self.transcript_model = TranscriptModel(self)
        self.transcript = TranscriptView(self.transcript_model, central)
        root.addWidget(self.transcript, 1)

        # Talking
        self.ptt = PttButton(central)
        self.ptt.set_hotkey(self._settings.hotkey)
        self.meter = LevelMeter(central)
        self.hint = QLabel(translated(NO_SPEECH_HINT), central)
        self.hint.setObjectName("no_speech_hint")
        self.hint.setWordWrap(True)
        self.hint.hide()
        self._hint_timer = QTimer(self)
        self._hint_timer.setSingleShot(True)
        self._hint_timer.timeout.connect(self.hint.hide)
        root.addWidget(self.ptt)
        root.addWidget(self.meter)
        root.addWidget(self.hint)

        # Status bar: state · session id (click to copy) · latencies · audio sent
        status = QStatusBar(self)
        self.setStatusBar(status)
        self.state_label = QLabel(translated(STATE_TEXT[State.IDLE]), status)
        self.state_label.setObjectName("state")
        self.session_button = QPushButton("", status)
        self.session_button.setObjectName("session_id")
        self.session_button.setFlat(True)
        self.session_button.setToolTip(self.tr("Session id (click to copy: support asks for it)"))
        self.session_button.hide()
        self.latency_label = QLabel("", status)
        self.latency_label.setObjectName("latency")
        # Clipped rather than widening the window when it is narrow (the tooltip explains it).
        self.latency_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.latency_label.setMinimumWidth(0)
        self.latency_label.setToolTip(
            self.tr(
                "Last utterance: key-down → first audio sent · release → last final · "
                "key-down → first translated speech"
            )
        )
        # Passing messages ("Session id copied", "Cancelled: …") are read out too.
        status.messageChanged.connect(self.on_status_message_changed)
        status.addWidget(self.state_label)
        # Meeting mode: passing through / translating / muted (hidden while it has nothing to say)
        self.meeting_label = QLabel("", status)
        self.meeting_label.setObjectName("meeting_state")
        self.meeting_label.setAccessibleName(self.tr("Call"))
        self.meeting_label.hide()
        status.addWidget(self.meeting_label)
        status.addWidget(self.session_button)
        status.addPermanentWidget(self.latency_label)
        self.usage_label = QLabel("", status)
        self.usage_label.setObjectName("usage")
        self.usage_label.setToolTip(translated(USAGE_TIP))
        # Its natural width when there is room, clipped (never widening the window) when not.
        self.usage_label.setMinimumWidth(1)
        self._usage: UsageReading | None = None
        status.addPermanentWidget(self.usage_label)
        self.show_usage(controller.usage_reading)
        # The active per-call profile (hidden while none is); "(changed)", "(from the next hold)"
        self.profile_label = ProfileLabel(controller, status)
        status.addPermanentWidget(self.profile_label)

        self.history_recorder: HistoryRecorder | None = None
        self.history_browser: HistoryBrowser | None = None
        self.history_panel: HistoryPanel | None = None
        self._build_menu()
        self._describe_controls()
        self.focus_ring = theme.FocusRing(self)
        self._arrange(compact=False)
        self.show_settings(self._settings)
        self._connect()
        self._thread_tab_order()

    # ------------------------------------------------------------------------------------------

    def _build_menu(self) -> None:
        menu = self.menuBar().addMenu(self.tr("&Dragoman"))
        settings = QAction(self.tr("&Settings…"), self)
        settings.setObjectName("open_settings")
        settings.setShortcuts(settings_shortcuts())
        settings.triggered.connect(lambda: self.settings_requested.emit("keys"))
        self.settings_action = settings
        menu.addAction(settings)
        dubbing = QAction(self.tr("D&ubbing…"), self)
        dubbing.setObjectName("open_dubbing")
        dubbing.setStatusTip(self.tr("Translate whole recordings and videos (Pinch dubbing)"))
        dubbing.triggered.connect(self.dubbing_requested)
        menu.addAction(dubbing)
        menu.addSeparator()  # the windows that float over a call (ui.floating)
        self.compact_action = QAction(self.tr("&Compact window"), self)
        self.compact_action.setObjectName("toggle_compact_window")
        self.compact_action.setCheckable(True)
        self.compact_action.setShortcut(QKeySequence("Ctrl+Shift+M"))
        self.compact_action.setStatusTip(
            self.tr("A small window on top of the others: the pair, the last exchange, talk")
        )
        self.compact_action.toggled.connect(self.compact_toggled)
        menu.addAction(self.compact_action)
        self.overlay_action = QAction(self.tr("Caption &overlay"), self)
        self.overlay_action.setObjectName("toggle_caption_overlay")
        self.overlay_action.setCheckable(True)
        self.overlay_action.setShortcut(QKeySequence("Ctrl+Shift+O"))
        self.overlay_action.setStatusTip(
            self.tr("Live captions in a strip over any application (clicks go through it)")
        )
        self.overlay_action.toggled.connect(self.overlay_toggled)
        menu.addAction(self.overlay_action)
        self.overlay_move_action = QAction(self.tr("&Move captions…"), self)
        self.overlay_move_action.setObjectName("move_caption_overlay")
        self.overlay_move_action.setStatusTip(
            self.tr("Drag the caption strip, or a side of it to resize; then Done")
        )
        self.overlay_move_action.triggered.connect(self.overlay_move_requested)
        menu.addAction(self.overlay_move_action)
        menu.addSeparator()
        quit_action = QAction(self.tr("&Quit"), self)
        quit_action.setObjectName("quit")
        quit_action.setShortcuts(
            QKeySequence.keyBindings(QKeySequence.StandardKey.Quit)
            or [QKeySequence("Ctrl+Q")]  # Windows has no standard Quit key; Ctrl+Q is the habit
        )
        quit_action.triggered.connect(self.quit_requested)
        self.quit_action = quit_action
        menu.addAction(quit_action)
        edit = self.menuBar().addMenu(self.tr("&Edit"))
        edit.addAction(self.transcript.copy_rows_action)
        edit.addAction(self.transcript.copy_all_action)
        edit.addSeparator()
        edit.addAction(self.transcript.find_action)
        edit.addSeparator()
        edit.addAction(self.transcript.say_again_action)  # the selected row's, or the last one
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        self.setup_action = QAction(self.tr("&Setup assistant…"), self)
        self.setup_action.setObjectName("setup_assistant")
        self.setup_action.setStatusTip(
            self.tr("Key, microphone, push-to-talk key and call microphone, step by step")
        )
        self.setup_action.triggered.connect(self.first_run_requested)
        help_menu.addAction(self.setup_action)
        about = QAction(self.tr("&About Dragoman"), self)
        about.setObjectName("about")
        about.setMenuRole(QAction.MenuRole.AboutRole)
        about.setStatusTip(self.tr("Versions, and where the log, settings and history are kept"))
        about.triggered.connect(self.about_requested)
        self.about_action = about
        help_menu.addAction(about)

    def _describe_controls(self) -> None:
        """Accessible names (what a screen reader calls a control) and descriptions (its
        tooltip, shorter where the tooltip is long)."""
        names: tuple[tuple[QWidget, str], ...] = (
            (self.source, self.tr("From language")),
            (self.target, self.tr("To language")),
            (self.swap, self.tr("Swap languages")),
            (self.recent, self.tr("Recent language pairs")),
            (self.engine, self.tr("Service")),
            (self.mode, self.tr("Output")),
            (self.voice, self.tr("Voice")),
            (self.finalize, self.tr("Results")),
            (self.context, self.tr("Context")),
            (self.two_way, self.tr("Two-way conversation")),
            (self.more, self.tr("More options")),
            (self.banners, self.tr("Messages")),
            (self.state_label, self.tr("State")),
            (self.session_button, self.tr("Session id")),
            (self.latency_label, self.tr("Latency")),
            (self.usage_label, self.tr("Audio sent")),
            (self.hint, self.tr("Hint")),
        )
        for widget, name in names:
            widget.setAccessibleName(name)
            widget.setAccessibleDescription(self._tips.get(widget, widget.toolTip()))
        self.legend.setAccessibleName(self.tr("Speech output legend"))
        self.legend.setAccessibleDescription(self.legend.toolTip())
        self.state_label.setAccessibleDescription(self.tr("What Dragoman is doing"))
        self.session_button.setAccessibleDescription(
            self.tr("Press to copy the session id (support asks for it)")
        )
        self.banners.setAccessibleDescription(
            self.tr("Errors and notices, each with its next step")
        )

    # -- layout: wide or compact, and the screen ------------------------------------------------

    @property
    def compact(self) -> bool:
        return bool(self._compact)

    def _arrange(self, *, compact: bool) -> None:
        """The wide layout (captioned options in two rows) or the compact one (one row of
        pickers, context and two-way behind "More"), tighter margins and a lower talk button."""
        if compact == self._compact:
            return
        self._compact = compact
        gap = 4 if compact else 9
        self._root.setContentsMargins(gap, gap, gap, gap)
        self._root.setSpacing(4 if compact else 6)
        for box, title in self._box_titles.items():
            box.setTitle("" if compact else title)  # a title line costs a transcript row
            box.setAccessibleName(title)
            box.setFlat(compact)
            margin = 2 if compact else 9
            layout = box.layout()
            assert layout is not None
            layout.setContentsMargins(margin, margin, margin, margin)
        self.ptt.setMinimumHeight(40 if compact else 64)
        self.transcript.table.horizontalHeader().setMinimumSectionSize(40)
        self._show_legend()
        self._arrange_options()

    def _arrange_options(self) -> None:
        grid = self._options_grid
        compact = self.compact
        widgets: list[QWidget] = [
            *self.option_labels.values(),
            *self.option_labels,
            self.two_way,
            self.more,
        ]
        for widget in widgets:
            grid.removeWidget(widget)
        for column in range(8):
            grid.setColumnStretch(column, 0)
        if compact:
            for caption in self.option_labels.values():
                caption.hide()
            for column, widget in enumerate((self.engine, self.mode, self.voice, self.finalize)):
                grid.addWidget(widget, 0, column)
                grid.setColumnStretch(column, 1)
            grid.addWidget(self.more, 0, 4)
            grid.addWidget(self.context, 1, 0, 1, 3)
            grid.addWidget(self.two_way, 1, 3, 1, 2)
            self.more.show()
            for widget in (self.context, self.two_way):
                widget.setVisible(self.more.isChecked())
        else:
            placed: tuple[tuple[int, int, QWidget], ...] = (
                (0, 0, self.engine),
                (0, 2, self.mode),
                (0, 4, self.voice),
                (1, 0, self.finalize),
                (1, 2, self.context),
            )
            for row, column, widget in placed:
                grid.addWidget(self.option_labels[widget], row, column)
                grid.addWidget(widget, row, column + 1, 1, 2 if widget is self.context else 1)
            grid.addWidget(self.two_way, 1, 5)
            for column in (1, 3, 5):
                grid.setColumnStretch(column, 1)
            self.more.hide()
            for widget in (*self.option_labels.values(), self.context, self.two_way):
                widget.show()
        for widget in widgets:
            widget.updateGeometry()
        self._thread_tab_order()

    def _show_legend(self) -> None:
        self.legend.setVisible(self._legend_wanted and not self.compact)

    def _thread_tab_order(self) -> None:
        """The Tab order follows the screen: the pair (From → Swap → To → Recent), the
        options, the banners' buttons, the transcript, the talk button, the session id."""
        chain: list[QWidget] = [
            self.source,
            self.swap,
            self.target,
            self.recent,
            self.engine,
            self.mode,
            self.voice,
            self.finalize,
            self.more,
            self.context,
            self.two_way,
        ]
        for banner in self.banners.widgets():
            if banner.button is not None:
                chain.append(banner.button)
            chain.append(banner.close_button)
        chain += [
            self.transcript.find_field,
            self.transcript.table,
            self.transcript.jump,
            self.ptt,
            self.session_button,
        ]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        size = event.size()
        self._arrange(
            compact=size.width() < COMPACT_BELOW.width() or size.height() < COMPACT_BELOW.height()
        )

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._placed:
            self._placed = True
            self.fit_to_screen()

    def fit_to_screen(self, available: QRect | None = None) -> None:
        """Keep the whole window, frame included, within ``available`` (the available geometry
        of the screen it is on, by default): at ``QT_SCALE_FACTOR=2`` a 900 x 620 window would
        not fit a 1920 x 1080 screen."""
        fit_to_screen(self, available)

    def placement(self) -> dict[str, object]:
        """Where the window is, in Qt's (device-independent) pixels: its frame, the available
        geometry of its screen and that screen's scale (``dragoman status --json``)."""
        frame, screen = self.frameGeometry(), self.screen()
        available = screen.availableGeometry()
        return {
            "frame": [frame.x(), frame.y(), frame.width(), frame.height()],
            "screen": screen.name(),
            "available": [available.x(), available.y(), available.width(), available.height()],
            "device_pixel_ratio": self.devicePixelRatioF(),
        }

    def saved_geometry(self) -> QByteArray:
        """For the composition root to keep (``restore_geometry`` takes it back)."""
        return self.saveGeometry()

    def restore_geometry(self, data: QByteArray | bytes, available: QRect | None = None) -> bool:
        """Put the window back where it was, then make sure it is on a screen (the screen it
        was on may be gone, smaller or scaled differently)."""
        return restore_on_screen(self, data, available)

    # -- the history (attached by the composition root when it is built) ----------------------

    def attach_history(self, recorder: HistoryRecorder, browser: HistoryBrowser) -> None:
        """The live transcript becomes a view of the recorder's conversation: older rows page
        in from the history; replay falls back to the history; the History panel opens."""
        self.history_recorder, self.history_browser = recorder, browser
        model, view = self.transcript_model, self.transcript
        model.pageable = recorder.recording
        view.earlier_requested.connect(recorder.request_earlier)
        recorder.earlier_loaded.connect(model.prepend)
        recorder.conversation_started.connect(
            lambda first: model.start_conversation(first, self.controller.builder.segments)
        )
        view.latest_requested.connect(lambda: model.reattach(self.controller.builder.segments))
        self.controller.settings_changed.connect(
            lambda settings: setattr(model, "pageable", recorder.recording)
        )
        browser.notice.connect(lambda text: self.statusBar().showMessage(text, 5000))
        recorder.failed.connect(lambda text: self.statusBar().showMessage(text, 8000))
        menu = self.menuBar().addMenu(self.tr("Hi&story"))
        show = QAction(self.tr("&Show history…"), self)
        show.setShortcut("Ctrl+H")
        show.triggered.connect(self.show_history)
        menu.addAction(show)
        new = QAction(self.tr("&New conversation"), self)
        new.triggered.connect(recorder.new_conversation)
        menu.addAction(new)

    def show_history(self) -> HistoryPanel:
        from dragoman.ui.history import HistoryPanel  # built on first use, not at start-up

        panel = self.history_panel
        if panel is None:
            assert self.history_browser is not None
            panel = self.history_panel = HistoryPanel(self.history_browser, self)
            self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, panel)
        panel.show()
        panel.raise_()
        panel.refresh()
        return panel

    def on_transcript_replay_requested(self, key: str, seq: int) -> None:
        if self.history_browser is not None:
            self.history_browser.replay_live(key, seq)
        elif not self.controller.replay(key):
            self.statusBar().showMessage(
                self.tr("This row's translated speech is no longer kept."), 5000
            )

    def on_transcript_say_again_requested(self, key: str, seq: int) -> None:
        if not key:
            self.controller.say_again()  # the last translation
        elif self.history_browser is not None:
            self.history_browser.say_again_live(key, seq)  # from the history if not in memory
        else:
            self.controller.say_again(key)

    def on_controller_say_again_refused(self, reason: str) -> None:
        self.statusBar().showMessage(meeting.say_again_refusal(reason), 6000)

    def on_controller_meeting_state_changed(self, value: str) -> None:
        """Passing through / translating / muted, live; nothing with meeting mode off."""
        label = self.meeting_label
        label.setText(meeting.state_text(value))
        label.setToolTip(meeting.state_tip(value))
        label.setAccessibleDescription(label.toolTip())
        palette = QPalette()  # "Muted" in the error colour: the call hears nothing
        if value == "muted":
            palette = QPalette(label.palette())
            palette.setColor(QPalette.ColorRole.WindowText, theme.roles().status_error.foreground)
        label.setPalette(palette)
        label.setVisible(bool(label.text()))

    def _connect(self) -> None:
        c = self.controller
        c.state_changed.connect(self.on_controller_state_changed)
        c.segment_changed.connect(self.on_controller_segment_changed)
        c.transcript_reset.connect(self.transcript_model.reset)
        c.level_changed.connect(self.meter.set_level)
        c.banner_raised.connect(self.banners.show_banner)
        c.banner_cleared.connect(self.banners.clear)
        c.session_id_changed.connect(self.on_controller_session_id_changed)
        c.latency_measured.connect(self.on_controller_latency_measured)
        c.talking_changed.connect(self.ptt.set_talking)
        c.talk_cancelled.connect(self.on_controller_talk_cancelled)
        c.no_speech_detected.connect(self.on_controller_no_speech_detected)
        c.settings_changed.connect(self.show_settings)
        c.usage_changed.connect(self.show_usage)
        self.ptt.held.connect(c.start_talking)
        self.ptt.let_go.connect(c.stop_talking)
        self.banners.action_triggered.connect(self.on_banners_action_triggered)
        self.banners.changed.connect(self._thread_tab_order)
        self.transcript.replay_requested.connect(self.on_transcript_replay_requested)
        self.transcript.say_again_requested.connect(self.on_transcript_say_again_requested)
        c.meeting_state_changed.connect(self.on_controller_meeting_state_changed)
        self.on_controller_meeting_state_changed(c.meeting.value)
        c.said_again.connect(self.transcript_model.mark_said_again)
        c.say_again_refused.connect(self.on_controller_say_again_refused)
        self.session_button.clicked.connect(self.copy_session_id)
        self.source.language_chosen.connect(lambda _code: self._edited())
        self.target.language_chosen.connect(lambda _code: self._edited())
        self.swap.clicked.connect(self.on_swap_clicked)
        for combo in (self.voice, self.mode, self.finalize, self.engine):
            combo.currentIndexChanged.connect(lambda _i: self._edited())
        self.two_way.toggled.connect(lambda _on: self._edited())
        self.context.editingFinished.connect(self._edited)

    def route_talk_button(self, press: Callable[[], None], release: Callable[[], None]) -> None:
        """Send the talk button through push-to-talk (its modes and limits) instead of
        straight to the controller."""
        self.ptt.held.disconnect(self.controller.start_talking)
        self.ptt.let_go.disconnect(self.controller.stop_talking)
        self.ptt.held.connect(press)
        self.ptt.let_go.connect(release)

    def show_settings(self, settings: Settings) -> None:
        """Show ``settings`` in the controls without treating it as a user edit."""
        self._updating = True
        try:
            self._settings = settings
            self.source.set_code(settings.source_language)
            self.target.set_code(settings.target_language)
            self.voice.setCurrentIndex(max(0, self.voice.findData(settings.voice)))
            self.mode.setCurrentIndex(0 if settings.speech_output else 1)
            self.finalize.setCurrentIndex(max(0, self.finalize.findData(settings.finalize_mode)))
            self.two_way.setChecked(settings.two_way)
            self.engine.setCurrentIndex(max(0, self.engine.findData(settings.engine)))
            self.context.setText(settings.context)
            self.ptt.set_hotkey(settings.hotkey)
            for action, shown in (
                (self.compact_action, settings.compact_window),
                (self.overlay_action, settings.caption_overlay),
            ):
                action.blockSignals(True)  # showing, not toggling
                action.setChecked(shown)
                action.blockSignals(False)
            self._apply_capabilities(self.capabilities[settings.engine], settings)
            self._fill_recent(settings)
        finally:
            self._updating = False

    def _apply_capabilities(self, caps: EngineCapabilities, settings: Settings) -> None:
        """Controls that do not apply are disabled, and their tooltip says why."""
        name = translated(caps.display_name)
        no_translation = (
            None
            if caps.translates
            else self.tr(
                "%1 writes down what you say in your own language; it does not translate."
            ).replace("%1", name)
        )
        for widget in (self.target, self.swap, self.finalize):
            self._explain(widget, no_translation)
        self._explain(
            self.two_way,
            no_translation
            or (
                None
                if caps.two_way
                else self.tr("%1 cannot tell two languages apart in one talk.").replace("%1", name)
            ),
        )
        no_speech = (
            None
            if caps.speaks
            else self.tr("%1 gives text only: nothing is spoken.").replace("%1", name)
        )
        self._explain(self.mode, no_speech)
        self._explain(
            self.voice,
            no_speech
            or (
                None
                if settings.speech_output
                else self.tr(
                    "“Text only” is chosen, so no voice speaks: choose “Speech and text” "
                    "to pick one."
                )
            ),
        )
        self._legend_wanted = caps.speaks and settings.speech_output
        self._show_legend()
        self.transcript_model.set_layout(
            translates=caps.translates,
            two_way=caps.translates and caps.two_way and settings.two_way,
            pair=(
                display_name(settings.source_language, self.languages),
                display_name(settings.target_language, self.languages),
            ),
            language_name=lambda code: display_name(code, self.languages),
        )

    def _explain(self, widget: QWidget, why_not: str | None) -> None:
        widget.setEnabled(why_not is None)
        tip = self._tips.get(widget, "")
        widget.setToolTip(tip if why_not is None else f"{why_not}\n\n{tip}".strip())
        caption = self.option_labels.get(widget)
        if caption is not None:
            caption.setEnabled(why_not is None)
            caption.setToolTip(widget.toolTip())

    def _fill_recent(self, settings: Settings) -> None:
        menu = self.recent_menu
        menu.clear()
        for source, target in settings.recent_pairs:
            text = (
                f"{display_name(source, self.languages)} → {display_name(target, self.languages)}"
            )
            action = menu.addAction(text)
            action.setToolTip(f"{source} → {target}")
            action.triggered.connect(lambda _c=False, s=source, t=target: self.choose_pair(s, t))
        self._explain(
            self.recent, None if settings.recent_pairs else self.tr("No recent pairs yet.")
        )

    def show_recent_menu(self) -> None:
        """Under the button, right-aligned with it, and kept on the screen (the window's right
        edge is where the button sits, so a menu opening rightwards would overflow it)."""
        menu = self.recent_menu
        size = menu.sizeHint()
        button = self.recent
        below = button.mapToGlobal(QPoint(button.width() - size.width(), button.height()))
        screen = button.screen().availableGeometry()
        x = max(screen.left(), min(below.x(), screen.right() + 1 - size.width()))
        y = below.y()
        if y + size.height() > screen.bottom() + 1:
            y = max(screen.top(), button.mapToGlobal(QPoint(0, 0)).y() - size.height())
        menu.popup(QPoint(x, y))

    def _edited(self) -> None:
        if self._updating:
            return
        old = self._settings
        settings = replace(
            old,
            voice=str(self.voice.currentData()),
            speech_output=bool(self.mode.currentData()),
            finalize_mode=str(self.finalize.currentData()),
            two_way=self.two_way.isChecked(),
            engine=str(self.engine.currentData()),
            context=self.context.text().strip(),
        )
        source, target = (
            self.source.code() or old.source_language,
            self.target.code() or old.target_language,
        )
        if (source, target) != (old.source_language, old.target_language):
            settings = settings.with_pair(source, target)
        if settings != old:
            self._commit(settings)

    def _commit(self, settings: Settings) -> None:
        self.show_settings(settings)
        self.controller.apply_settings(settings)
        self.settings_edited.emit(settings)

    def choose_pair(self, source: str, target: str) -> None:
        self._commit(self._settings.with_pair(source, target))

    def on_swap_clicked(self) -> None:
        self._commit(self._settings.swapped())

    # ------------------------------------------------------------------------------------------
    # Controller signals

    def on_controller_state_changed(self, value: str) -> None:
        self._state = State(value)
        self.state_label.setText(translated(STATE_TEXT[self._state]))
        self._paint_state_label()
        if self._usage is not None:  # "today" restarts at midnight, with or without a hold
            self.show_usage(self.controller.usage_reading)

    def show_usage(self, reading: UsageReading | None) -> None:
        """Audio sent this session and today, and its cost at the user's price. Hidden until
        there is something to say: nothing sent today, and no price or cap set."""
        self._usage = reading
        label = self.usage_label
        if reading is None or not (
            reading.session_seconds
            or reading.today_seconds
            or reading.cap_minutes is not None
            or reading.price_per_minute is not None
        ):
            label.hide()
            return
        text = translated(reading.status_text())
        label.setText(text)
        level_tip = USAGE_LEVEL_TIP.get(reading.level)
        notes = [translated(USAGE_TIP), translated(level_tip) if level_tip else ""]
        tip = "\n\n".join(note for note in (text, *notes) if note)
        label.setToolTip(tip)  # the whole sentence, for when the window clips it
        label.setAccessibleDescription(tip)
        self._paint_usage_label()
        label.show()

    def _paint_usage_label(self) -> None:
        palette = QPalette()  # inherited colours; at the cap, the error colour
        if self._usage is not None and self._usage.level is CapLevel.STOP:
            palette = QPalette(self.usage_label.palette())
            palette.setColor(QPalette.ColorRole.WindowText, theme.roles().status_error.foreground)
        self.usage_label.setPalette(palette)

    def _paint_state_label(self) -> None:
        palette = QPalette()  # inherited colours, but "Needs attention" in the error colour
        if self._state is State.ERROR:
            palette = QPalette(self.state_label.palette())
            palette.setColor(QPalette.ColorRole.WindowText, theme.roles().status_error.foreground)
        self.state_label.setPalette(palette)

    def on_controller_segment_changed(self, segment: Segment) -> None:
        self.transcript_model.upsert(segment)

    def on_controller_session_id_changed(self, session_id: str) -> None:
        self.session_button.setText(session_id)
        self.session_button.setAccessibleName(self.tr("Session id %1").replace("%1", session_id))
        self.session_button.setVisible(bool(session_id))

    def on_controller_latency_measured(self, latency: Latency) -> None:
        self.latency_label.setText(translated(latency.summary()))

    def on_controller_talk_cancelled(self) -> None:
        self.statusBar().showMessage(self.tr("Cancelled: nothing more was sent"), 4000)

    def on_controller_no_speech_detected(self) -> None:
        self.hint.show()
        self._hint_timer.start(8000)
        announce(self.hint, self.hint.text())

    def on_banners_action_triggered(self, banner: Banner) -> None:
        c = self.controller
        if banner.action is Action.OPEN_KEY_SETTINGS:
            self.settings_requested.emit("keys")
        elif banner.action is Action.OPEN_DEVICE_SETTINGS:
            self.settings_requested.emit("audio")
        elif banner.action is Action.OPEN_SESSION_SETTINGS:
            self.settings_requested.emit("session")
        elif banner.action is Action.SWITCH_TO_TEXT_ONLY:
            c.switch_to_text_only()
        elif banner.action is Action.USE_MALE_VOICE:
            c.use_male_voice()
        elif banner.action is Action.COPY_DETAILS:
            at = self.banners.shown_at(banner.key) or datetime.now(UTC)
            QGuiApplication.clipboard().setText(details_at(banner, at))
            self.statusBar().showMessage(
                self.tr("Details copied: paste them into your email"), 4000
            )
        elif banner.action is Action.RETRY:
            c.retry()
        elif banner.action is Action.USE_KEY_FOR_SESSION:
            self.settings_requested.emit("keys")

    def on_status_message_changed(self, text: str) -> None:
        if text:
            announce(self.statusBar(), text)

    def copy_session_id(self) -> None:
        QGuiApplication.clipboard().setText(self.session_button.text())
        self.statusBar().showMessage(self.tr("Session id copied"), 2000)

    # ------------------------------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            QTimer.singleShot(0, self, self._paint_state_label)  # a theme switch
            QTimer.singleShot(0, self, self._paint_usage_label)

    def closeEvent(self, event: QCloseEvent) -> None:
        """Closing hides to the tray when there is one; without a tray host it quits."""
        if self.tray_available:
            event.ignore()
            self.hide()
            self.hidden_to_tray.emit()
            return
        event.accept()
        self.quit_requested.emit()
