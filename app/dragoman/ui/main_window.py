"""The main window: what to translate, the paired transcript, the talk button and the status.

It never touches the engine or audio: it calls the controller's slots and listens to its
signals. Engine differences come in as EngineCapabilities (data), never as engine-specific code.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
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
from dragoman.core.banners import Action, Banner
from dragoman.core.engine import EngineCapabilities
from dragoman.core.languages import Language
from dragoman.core.settings import Settings
from dragoman.core.transcript import Segment
from dragoman.ui.banner import BannerArea
from dragoman.ui.languages import LanguagePicker
from dragoman.ui.meter import LevelMeter
from dragoman.ui.ptt_button import PttButton
from dragoman.ui.transcript import TranscriptModel, TranscriptView

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
        self.source = LanguagePicker(languages, target=False, parent=central)
        self.source.setObjectName("source_language")
        self.target = LanguagePicker(languages, target=True, parent=central)
        self.target.setObjectName("target_language")
        self.swap = QToolButton(central)
        self.swap.setObjectName("swap_languages")
        self.swap.setText("⇄")
        self.swap.setToolTip("Swap languages")
        self.recent = QToolButton(central)
        self.recent.setObjectName("recent_pairs")
        self.recent.setText("Recent")
        self.recent.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.recent.setMenu(QMenu(self.recent))
        pair = QHBoxLayout()
        pair.addWidget(QLabel("From", central))
        pair.addWidget(self.source, 1)
        pair.addWidget(self.swap)
        pair.addWidget(QLabel("to", central))
        pair.addWidget(self.target, 1)
        pair.addWidget(self.recent)
        root.addLayout(pair)

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
        self.mode = QComboBox(central)
        self.mode.setObjectName("output_mode")
        self.mode.addItem("Speech and text", True)
        self.mode.addItem("Text only", False)
        self.two_way = QCheckBox("Two-way conversation", central)
        self.two_way.setObjectName("two_way")
        self.finalize = QComboBox(central)
        self.finalize.setObjectName("finalize_mode")
        self.finalize.addItem("Fast (stable spans)", "stable")
        self.finalize.addItem("Whole sentences", "sentence")
        self.engine = QComboBox(central)
        self.engine.setObjectName("engine")
        for name, caps in capabilities.items():
            self.engine.addItem(caps.display_name, name)
        self.context = QLineEdit(central)
        self.context.setObjectName("context")
        self.context.setPlaceholderText("Names and jargon, e.g. “Dragoman, Qt, Zoë Ng”")
        options = QHBoxLayout()
        for widget in (self.voice, self.mode, self.finalize, self.two_way):
            options.addWidget(widget)
        options.addStretch(1)
        root.addLayout(options)
        form = QFormLayout()
        form.addRow("Engine", self.engine)
        form.addRow("Context", self.context)
        root.addLayout(form)

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
        menu.addSeparator()
        quit_action = QAction("&Quit", self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.quit_requested)
        menu.addAction(quit_action)

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
        c.no_speech_detected.connect(self.on_controller_no_speech_detected)
        c.settings_changed.connect(self.show_settings)
        self.ptt.held.connect(c.start_talking)
        self.ptt.let_go.connect(c.stop_talking)
        self.banners.action_triggered.connect(self.on_banners_action_triggered)
        self.transcript.replay_requested.connect(c.replay)
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
            self._apply_capabilities(self.capabilities[settings.engine])
            self._fill_recent(settings)
        finally:
            self._updating = False

    def _apply_capabilities(self, caps: EngineCapabilities) -> None:
        for widget in (self.target, self.swap, self.two_way, self.finalize):
            widget.setEnabled(caps.translates)
        self.voice.setEnabled(caps.speaks)
        self.mode.setEnabled(caps.speaks)
        self.two_way.setEnabled(caps.translates and caps.two_way)

    def _fill_recent(self, settings: Settings) -> None:
        menu = self.recent.menu()
        menu.clear()
        for source, target in settings.recent_pairs:
            action = menu.addAction(f"{source} → {target}")
            action.triggered.connect(lambda _c=False, s=source, t=target: self.choose_pair(s, t))
        self.recent.setEnabled(bool(settings.recent_pairs))

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
            QGuiApplication.clipboard().setText(banner.details)
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
