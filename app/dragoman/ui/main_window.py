"""The main window: what to translate, the paired transcript, the talk button and the status.

It never touches the engine or audio: it calls the controller's slots and listens to its
signals. Engine differences come in as EngineCapabilities (data), never as engine-specific code.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QGuiApplication, QKeySequence
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
    QStatusBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from dragoman.controller import Latency, SessionController, State
from dragoman.core.banners import Action, Banner, details_at
from dragoman.core.engine import EngineCapabilities
from dragoman.core.languages import Language
from dragoman.core.settings import Settings
from dragoman.core.transcript import Segment
from dragoman.ui.banner import BannerArea
from dragoman.ui.languages import LanguagePicker, display_name, speech_legend
from dragoman.ui.meter import LevelMeter
from dragoman.ui.ptt_button import PttButton
from dragoman.ui.transcript import TranscriptModel, TranscriptView

if TYPE_CHECKING:
    from dragoman.controller.history import HistoryBrowser, HistoryRecorder
    from dragoman.ui.history import HistoryPanel

STATE_TEXT = {
    State.IDLE: "Idle",
    State.CONNECTING: "Connecting…",
    State.READY: "Ready",
    State.LISTENING: "Listening",
    State.FINISHING: "Translating…",
    State.RECONNECTING: "Reconnecting…",
    State.ERROR: "Needs attention",
}
NO_SPEECH_HINT = "No speech detected — check the microphone (Settings → Audio)."


class MainWindow(QMainWindow):
    settings_edited = Signal(object)  # Settings the user changed here (to persist)
    settings_requested = Signal(str)  # open the settings dialog at a page ("keys", "audio", …)
    quit_requested = Signal()
    first_run_requested = Signal()  # Help → Setup assistant: run the first-run wizard again
    dubbing_requested = Signal()  # Dragoman → Dubbing…: open the Dubbing window
    hidden_to_tray = Signal()  # the window was closed while a tray icon keeps the app running

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
        self.resize(900, 620)
        self.controller = controller
        self.capabilities = capabilities
        self.tray_available = tray_available
        self._settings = controller.settings
        self._updating = False

        central = QWidget(self)
        self.setCentralWidget(central)
        root = QVBoxLayout(central)

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
        self.recent.setText("Recent ▾")
        self.recent_menu = QMenu(self.recent)
        self.recent_menu.setObjectName("recent_menu")
        self.recent.clicked.connect(self.show_recent_menu)
        self.legend = speech_legend(central)
        languages_box = QGroupBox("Languages", central)
        languages_box.setObjectName("languages_group")
        pair = QGridLayout(languages_box)
        pair.addWidget(QLabel("From", languages_box), 0, 0)
        pair.addWidget(self.source, 0, 1)
        pair.addWidget(self.swap, 0, 2)
        pair.addWidget(QLabel("To", languages_box), 0, 3)
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
            self.engine.addItem(caps.display_name, name)
        self.mode = QComboBox(central)
        self.mode.setObjectName("output_mode")
        self.mode.addItem("Speech and text", True)
        self.mode.addItem("Text only", False)
        self.voice = QComboBox(central)
        self.voice.setObjectName("voice")
        for label, value in (
            ("Male voice", "male"),
            ("Female voice", "female"),
            ("Cloned voice", "clone"),
        ):
            self.voice.addItem(label, value)
        clone = self.voice.model().item(2)  # type: ignore[attr-defined]  # QStandardItemModel
        clone.setEnabled(False)
        clone.setToolTip("A cloned voice is not available for real-time translation yet.")
        self.finalize = QComboBox(central)
        self.finalize.setObjectName("finalize_mode")
        self.finalize.addItem("Fast (stable spans)", "stable")
        self.finalize.addItem("Whole sentences", "sentence")
        self.two_way = QCheckBox("Two-way conversation", central)
        self.two_way.setObjectName("two_way")
        self.context = QLineEdit(central)
        self.context.setObjectName("context")
        self.context.setPlaceholderText("Names and jargon, e.g. “Dragoman, Qt, Zoë Ng”")
        options_box = QGroupBox("Options", central)
        options_box.setObjectName("options_group")
        options = QGridLayout(options_box)
        self.option_labels: dict[QWidget, QLabel] = {}
        captioned: tuple[tuple[int, int, str, QWidget], ...] = (
            (0, 0, "Service", self.engine),
            (0, 2, "Output", self.mode),
            (0, 4, "Voice", self.voice),
            (1, 0, "Results", self.finalize),
            (1, 2, "Context", self.context),
        )
        for row, column, text, widget in captioned:
            caption = QLabel(text, options_box)
            caption.setBuddy(widget)
            self.option_labels[widget] = caption
            options.addWidget(caption, row, column)
            options.addWidget(widget, row, column + 1, 1, 2 if widget is self.context else 1)
        options.addWidget(self.two_way, 1, 5)
        for column in (1, 3, 5):
            options.setColumnStretch(column, 1)
        root.addWidget(options_box)
        self._tips: dict[QWidget, str] = {}
        tips: tuple[tuple[QWidget, str], ...] = (
            (self.source, "The language you speak (“Detect automatically” lets the service tell)"),
            (
                self.target,
                "The language to translate into. Languages marked with the speaker can be "
                "spoken back; the others come as text only.",
            ),
            (self.swap, "Swap the two languages (translate the other way)"),
            (self.recent, "Language pairs you used recently"),
            (
                self.engine,
                "Which service listens: Pinch translates (speech or text); Smallest Pulse writes "
                "down what you say in your own language, without translating.",
            ),
            (
                self.mode,
                "Speech and text: you hear the translation and read it. Text only: the "
                "translation is shown, not spoken.",
            ),
            (self.voice, "The voice that speaks the translation"),
            (
                self.finalize,
                "Fast: text appears in pieces as soon as each part is certain. Whole sentences: "
                "each sentence appears once it is complete (a little later, reads better).",
            ),
            (
                self.two_way,
                "For a conversation between two people: Dragoman tells which of the two "
                "languages each utterance is in and translates it into the other.",
            ),
            (
                self.context,
                "Names and special words to expect (people, products, jargon): they are "
                "recognised and spelled better. Sent with each session.",
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
        self.hint = QLabel(NO_SPEECH_HINT, central)
        self.hint.setObjectName("no_speech_hint")
        self.hint.hide()
        self._hint_timer = QTimer(self)
        self._hint_timer.setSingleShot(True)
        self._hint_timer.timeout.connect(self.hint.hide)
        root.addWidget(self.ptt)
        root.addWidget(self.meter)
        root.addWidget(self.hint)

        # Status bar: state · session id (click to copy) · latencies
        status = QStatusBar(self)
        self.setStatusBar(status)
        self.state_label = QLabel(STATE_TEXT[State.IDLE], status)
        self.state_label.setObjectName("state")
        self.session_button = QPushButton("", status)
        self.session_button.setObjectName("session_id")
        self.session_button.setFlat(True)
        self.session_button.setToolTip("Session id (click to copy: support asks for it)")
        self.session_button.hide()
        self.latency_label = QLabel("", status)
        self.latency_label.setObjectName("latency")
        self.latency_label.setToolTip(
            "Last utterance: key-down → first audio sent · release → last final · "
            "key-down → first translated speech"
        )
        status.addWidget(self.state_label)
        status.addWidget(self.session_button)
        status.addPermanentWidget(self.latency_label)

        self.history_recorder: HistoryRecorder | None = None
        self.history_browser: HistoryBrowser | None = None
        self.history_panel: HistoryPanel | None = None
        self._build_menu()
        self.show_settings(self._settings)
        self._connect()

    # ------------------------------------------------------------------------------------------

    def _build_menu(self) -> None:
        menu = self.menuBar().addMenu("&Dragoman")
        settings = QAction("&Settings…", self)
        settings.setShortcut(QKeySequence.StandardKey.Preferences)
        settings.triggered.connect(lambda: self.settings_requested.emit("keys"))
        menu.addAction(settings)
        copy_all = QAction("&Copy transcript", self)
        copy_all.triggered.connect(self.transcript.copy_all)
        menu.addAction(copy_all)
        dubbing = QAction("D&ubbing…", self)
        dubbing.setObjectName("open_dubbing")
        dubbing.setStatusTip("Translate whole recordings and videos (Pinch dubbing)")
        dubbing.triggered.connect(self.dubbing_requested)
        menu.addAction(dubbing)
        menu.addSeparator()
        quit_action = QAction("&Quit", self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.quit_requested)
        menu.addAction(quit_action)
        help_menu = self.menuBar().addMenu("&Help")
        self.setup_action = QAction("&Setup assistant…", self)
        self.setup_action.setObjectName("setup_assistant")
        self.setup_action.setStatusTip(
            "Key, microphone, push-to-talk key and call microphone, step by step"
        )
        self.setup_action.triggered.connect(self.first_run_requested)
        help_menu.addAction(self.setup_action)

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
        menu = self.menuBar().addMenu("Hi&story")
        show = QAction("&Show history…", self)
        show.setShortcut("Ctrl+H")
        show.triggered.connect(self.show_history)
        menu.addAction(show)
        new = QAction("&New conversation", self)
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
            self.statusBar().showMessage("This row's translated speech is no longer kept.", 5000)

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
        self.ptt.held.connect(c.start_talking)
        self.ptt.let_go.connect(c.stop_talking)
        self.banners.action_triggered.connect(self.on_banners_action_triggered)
        self.transcript.replay_requested.connect(self.on_transcript_replay_requested)
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
            self._apply_capabilities(self.capabilities[settings.engine], settings)
            self._fill_recent(settings)
        finally:
            self._updating = False

    def _apply_capabilities(self, caps: EngineCapabilities, settings: Settings) -> None:
        """Controls that do not apply are disabled, and their tooltip says why."""
        name = caps.display_name
        no_translation = (
            None
            if caps.translates
            else f"{name} writes down what you say in your own language; it does not translate."
        )
        for widget in (self.target, self.swap, self.finalize):
            self._explain(widget, no_translation)
        self._explain(
            self.two_way,
            no_translation
            or (None if caps.two_way else f"{name} cannot tell two languages apart in one talk."),
        )
        no_speech = None if caps.speaks else f"{name} gives text only: nothing is spoken."
        self._explain(self.mode, no_speech)
        self._explain(
            self.voice,
            no_speech
            or (
                None
                if settings.speech_output
                else "“Text only” is chosen, so no voice speaks: choose “Speech and text” "
                "to pick one."
            ),
        )
        self.legend.setVisible(caps.speaks and settings.speech_output)
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
        self._explain(self.recent, None if settings.recent_pairs else "No recent pairs yet.")

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
        self.state_label.setText(STATE_TEXT[State(value)])

    def on_controller_segment_changed(self, segment: Segment) -> None:
        self.transcript_model.upsert(segment)

    def on_controller_session_id_changed(self, session_id: str) -> None:
        self.session_button.setText(session_id)
        self.session_button.setVisible(bool(session_id))

    def on_controller_latency_measured(self, latency: Latency) -> None:
        self.latency_label.setText(latency.summary())

    def on_controller_talk_cancelled(self) -> None:
        self.statusBar().showMessage("Cancelled: nothing more was sent", 4000)

    def on_controller_no_speech_detected(self) -> None:
        self.hint.show()
        self._hint_timer.start(8000)

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
            self.statusBar().showMessage("Details copied: paste them into your email", 4000)
        elif banner.action is Action.RETRY:
            c.retry()
        elif banner.action is Action.USE_KEY_FOR_SESSION:
            self.settings_requested.emit("keys")

    def copy_session_id(self) -> None:
        QGuiApplication.clipboard().setText(self.session_button.text())
        self.statusBar().showMessage("Session id copied", 2000)

    # ------------------------------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        """Closing hides to the tray when there is one; without a tray host it quits."""
        if self.tray_available:
            event.ignore()
            self.hide()
            self.hidden_to_tray.emit()
            return
        event.accept()
        self.quit_requested.emit()
