"""The settings dialog: keys, audio devices, push-to-talk, session and advanced options.

Everything that touches the system comes in through ``SettingsServices`` (keyring, device lists,
a key test that allocates a session, the virtual microphone, autostart), so the dialog stays a
view: it edits a copy of the Settings and hands it back on OK. API keys never enter Settings.

The keyring is never called on the Qt thread (which also pumps audio and the socket): a locked
keyring's unlock prompt may stay open for minutes. Key rows load their state after they first
show, through ``run_blocking``, and save and remove keys the same way. OK saves a pasted key
before the dialog closes; Cancel with a pasted, unsaved key asks once.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Coroutine
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from dragoman.core.chord import InvalidChord
from dragoman.core.errors import DragomanError
from dragoman.core.i18n import QT_TRANSLATE_NOOP
from dragoman.core.settings import Settings, mic_policy_in_effect
from dragoman.ui import theme
from dragoman.ui.history_settings import HistorySettingsPage
from dragoman.ui.hotkey_recorder import HotkeyRecorder
from dragoman.ui.i18n import LANGUAGE_NAMES, translated
from dragoman.ui.key_row import CHECKING, KeyRow, UnsavedKeyQuestion
from dragoman.ui.profiles import ProfilesPage
from dragoman.ui.route_test import RouteTestWidget
from dragoman.ui.services import DeviceChoices, SettingsServices

__all__ = ["CHECKING", "DeviceChoices", "KeyRow", "SettingsDialog", "SettingsServices"]

log = logging.getLogger(__name__)
VIRTUAL_MIC_NAME = "Dragoman Microphone"

# The microphone policy (issue 14): label, value, and what the choice costs ({preroll} ms and
# {minutes} are filled in from the fields beside it).
# English source texts (dragoman.core.i18n.Text), shown through ``translated``.
MIC_POLICIES = (
    (QT_TRANSLATE_NOOP("SettingsDialog", "Always open"), "always"),
    (QT_TRANSLATE_NOOP("SettingsDialog", "Open for a while after each hold"), "minutes"),
    (QT_TRANSLATE_NOOP("SettingsDialog", "Open only while I hold the key"), "talking"),
)
# %1: the milliseconds kept before the key; %2: "N minutes" (a plural, translated apart).
MIC_POLICY_COSTS = {
    "always": QT_TRANSLATE_NOOP(
        "SettingsDialog",
        "Every hold starts at once and the %1 ms before the key are kept, so no first "
        "syllable is lost. The cost: the microphone stays open and its indicator stays on "
        "while Dragoman runs.",
    ),
    "minutes": QT_TRANSLATE_NOOP(
        "SettingsDialog",
        "For %2 after a hold, the next one starts at once with the %1 ms before "
        "the key kept. Then the microphone closes and its indicator goes off; the next hold "
        "opens it again and starts at the key press.",
    ),
    "talking": QT_TRANSLATE_NOOP(
        "SettingsDialog",
        "The microphone is open only while you hold the key, so its indicator is off the rest "
        "of the time and nothing is heard between holds. The cost: nothing from before the key "
        "is kept, and opening the microphone can clip your first syllable.",
    ),
}
# Barge-in (issue 10): what the talk key does to a translation that is playing.
BARGE_IN_CHOICES = (
    (QT_TRANSLATE_NOOP("SettingsDialog", "Pause it when it plays on built-in speakers"), "auto"),
    (QT_TRANSLATE_NOOP("SettingsDialog", "Always pause it"), "on"),
    (QT_TRANSLATE_NOOP("SettingsDialog", "Never pause it (I use headphones)"), "off"),
)
PRICE_NOTE = QT_TRANSLATE_NOOP(
    "SettingsDialog", "Pinch's price is not built in: enter yours to see the cost."
)
PRICE_TIP = QT_TRANSLATE_NOOP(
    "SettingsDialog",
    "What one minute of audio sent costs you, in your own currency. The status bar shows the "
    "cost of this session and of today; with no price, no money is shown anywhere.",
)
CAP_TIP = QT_TRANSLATE_NOOP(
    "SettingsDialog",
    "The most minutes of audio to send in a day. At 80 % a warning; at the cap new holds stop "
    "until midnight (a hold under way finishes).",
)
BARGE_IN_TIP = QT_TRANSLATE_NOOP(
    "SettingsDialog",
    "On speakers the microphone hears the translation and would send it back to be translated "
    "again. Pausing stops the playback the moment you press the talk key; the microphone always "
    "records your whole hold either way. The part not played can be replayed from its row "
    "(right-click, Replay translation). Built-in speakers are recognised from what the sound "
    'system says about the output; choose "Always pause it" if yours are not, or "Never" '
    "with headphones.",
)


class SettingsDialog(QDialog):
    settings_accepted = Signal(object)  # Settings
    # True while a hotkey field records: the global back end sees those keys too.
    hotkey_recording_changed = Signal(bool)
    PAGES = ("keys", "audio", "talk", "session", "advanced", "history", "profiles")

    @staticmethod
    def _optional_key(parent: QWidget, name: str, tip: str) -> HotkeyRecorder:
        """A hotkey recorder that may be left empty (Backspace clears it)."""
        recorder = HotkeyRecorder(parent, allow_empty=True)
        recorder.setObjectName(name)
        recorder.field.setToolTip(tip)
        return recorder

    def __init__(
        self, settings: Settings, services: SettingsServices, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("settings_dialog")
        self.setWindowTitle(self.tr("Dragoman settings"))
        self.services = services
        self.original = settings
        self._tasks: set[asyncio.Task[None]] = set()
        self._question: UnsavedKeyQuestion | None = None
        self.tabs = QTabWidget(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

        # Keys
        keys = QWidget()
        form = QFormLayout(keys)
        self.key_rows = {
            engine: KeyRow(engine, label, services, keys)
            for engine, label in services.engines.items()
        }
        for engine, row in self.key_rows.items():
            form.addRow(services.engines[engine], row)
        form.addRow(
            QLabel(
                self.tr(
                    "Keys are stored only in your OS keyring, never in a settings file. "
                    "A pasted key is saved by Save, Enter, a successful Test or OK."
                ),
                keys,
            )
        )
        self.tabs.addTab(keys, self.tr("API keys"))

        # Audio
        audio = QWidget()
        form = QFormLayout(audio)
        self.input = QComboBox(audio)
        self.input.setObjectName("input_device")
        self.call_output = QComboBox(audio)
        self.call_output.setObjectName("call_output")
        self.monitor_output = QComboBox(audio)
        self.monitor_output.setObjectName("monitor_output")
        self.call_volume = _volume(audio)
        self.monitor_volume = _volume(audio)
        self.virtual_mic = QPushButton(self.tr("Create virtual microphone"), audio)
        self.virtual_mic.setObjectName("create_virtual_mic")
        self.virtual_mic.setEnabled(services.create_virtual_mic is not None)
        self.virtual_mic_status = QLabel(audio)
        self.virtual_mic_status.setWordWrap(True)
        self.refresh_devices = QPushButton(self.tr("Refresh devices"), audio)
        form.addRow(self.tr("Microphone"), self.input)
        form.addRow(self.tr("Call output (virtual microphone)"), self.call_output)
        form.addRow(self.tr("Call volume"), self.call_volume)
        form.addRow(self.tr("Monitor output (your headphones)"), self.monitor_output)
        form.addRow(self.tr("Monitor volume"), self.monitor_volume)
        form.addRow(self.virtual_mic, self.virtual_mic_status)
        self.route_test = RouteTestWidget(
            services.test_route, lambda: str(self.call_output.currentData() or ""), audio
        )
        form.addRow(self.tr("Route into calls"), self.route_test)
        self.meeting_mode = QCheckBox(
            self.tr("Meeting mode: my voice goes to the call while no key is held"), audio
        )
        self.meeting_mode.setObjectName("meeting_mode")
        self.meeting_mode.setToolTip(
            self.tr(
                "Your microphone plays into the call output (the virtual microphone) unchanged; "
                "holding the talk key mutes it and the translation plays there instead."
            )
        )
        self.passthrough_return = QComboBox(audio)
        self.passthrough_return.setObjectName("passthrough_return")
        for label, value in (
            (self.tr("After the translation has played"), "after_translation"),
            (self.tr("As soon as I release the key"), "at_once"),
        ):
            self.passthrough_return.addItem(label, value)
        form.addRow(self.meeting_mode)
        form.addRow(self.tr("Back to my voice"), self.passthrough_return)
        self.meeting_mode.toggled.connect(self.passthrough_return.setEnabled)
        form.addRow(self.refresh_devices)
        self.virtual_mic.clicked.connect(self.on_virtual_mic_clicked)
        self.refresh_devices.clicked.connect(self.fill_devices)
        self.tabs.addTab(audio, self.tr("Audio"))

        # Push-to-talk
        talk = QWidget()
        form = QFormLayout(talk)
        self.hotkey = HotkeyRecorder(talk)
        self.hotkey.setObjectName("hotkey")
        self.reverse_hotkey = self._optional_key(
            talk,
            "reverse_hotkey",
            self.tr(
                "Click, then press the keys that translate the other way (target to source). "
                "Backspace clears it."
            ),
        )
        # Meeting mode's one-shot keys: "Say it again" and "Mute all" (both optional).
        self.say_again_hotkey = self._optional_key(
            talk,
            "say_again_hotkey",
            self.tr(
                "Click, then press the keys that play the last translation into the call again. "
                "Backspace clears it."
            ),
        )
        self.mute_all_hotkey = self._optional_key(
            talk,
            "mute_all_hotkey",
            self.tr(
                "Click, then press the keys that mute everything going into the call (your "
                "voice and translations) until pressed again. Backspace clears it."
            ),
        )
        # Keys that show or hide the compact window and the caption overlay (both optional).
        self.compact_hotkey = self._optional_key(
            talk,
            "compact_hotkey",
            self.tr(
                "Click, then press the keys that show or hide the compact window, whatever "
                "window has the focus. Backspace clears it."
            ),
        )
        self.overlay_hotkey = self._optional_key(
            talk,
            "overlay_hotkey",
            self.tr(
                "Click, then press the keys that show or hide the caption overlay, whatever "
                "window has the focus. Backspace clears it."
            ),
        )
        for recorder in (
            self.hotkey,
            self.reverse_hotkey,
            self.say_again_hotkey,
            self.mute_all_hotkey,
            self.compact_hotkey,
            self.overlay_hotkey,
        ):
            recorder.chord_changed.connect(self.on_hotkeys_chord_changed)
            recorder.recording_changed.connect(self.hotkey_recording_changed)
        self.ptt_mode = QComboBox(talk)
        for label, value in (
            (self.tr("Hold to talk"), "hold"),
            (self.tr("Tap to start, tap to stop"), "toggle"),
            (self.tr("Hybrid: tap latches, hold talks"), "hybrid"),
        ):
            self.ptt_mode.addItem(label, value)
        self.backend = QComboBox(talk)
        for label, value in (
            (self.tr("Automatic"), "auto"),
            (self.tr("X11 / Windows / macOS keyboard hook"), "pynput"),
            (self.tr("Desktop portal (Wayland)"), "portal"),
            (self.tr("Only while the window has focus"), "window"),
        ):
            self.backend.addItem(label, value)
        self.max_utterance = _spin(talk, 5, 3600, " s")
        form.addRow(self.tr("Talk hotkey"), self.hotkey)
        form.addRow(self.tr("Reverse-direction hotkey"), self.reverse_hotkey)
        form.addRow(self.tr("Mode"), self.ptt_mode)
        form.addRow(self.tr("Hotkey method"), self.backend)
        form.addRow(self.tr("Longest utterance"), self.max_utterance)
        self.tabs.addTab(talk, self.tr("Push-to-talk"))

        form.insertRow(2, self.tr("Say it again hotkey"), self.say_again_hotkey)
        form.insertRow(3, self.tr("Mute all hotkey"), self.mute_all_hotkey)
        form.insertRow(4, self.tr("Compact window hotkey"), self.compact_hotkey)
        form.insertRow(5, self.tr("Caption overlay hotkey"), self.overlay_hotkey)

        # Session and capture
        session = QWidget()
        form = QFormLayout(session)
        self.mic_policy = QComboBox(session)
        self.mic_policy.setObjectName("mic_policy")
        for label, value in MIC_POLICIES:
            self.mic_policy.addItem(translated(label), value)
        self.mic_policy.setToolTip(
            self.tr(
                "When the microphone is open. An open microphone keeps the moment before the key "
                "press; a closed one keeps the microphone indicator off."
            )
        )
        self.mic_minutes = _spin(session, 1, 240, " min")
        self.mic_minutes.setObjectName("mic_release_minutes")
        self.mic_minutes.setToolTip(
            self.tr("How long the microphone stays open after a hold ends.")
        )
        self.mic_cost = QLabel(session)
        self.mic_cost.setObjectName("mic_policy_cost")
        self.mic_cost.setWordWrap(True)
        self.preroll = _spin(session, 0, 2000, " ms")
        self.tail = _spin(session, 0, 2000, " ms")
        self.warm_session = QCheckBox(self.tr("Keep a session warm (no wait on key-down)"), session)
        self.warm_idle = _spin(session, 1, 240, " min")
        self.echo_guard = QComboBox(session)
        self.echo_guard.setObjectName("echo_guard")
        for label, value in BARGE_IN_CHOICES:
            self.echo_guard.addItem(translated(label), value)
        self.echo_guard.setToolTip(translated(BARGE_IN_TIP))
        self.drop_silent = QCheckBox(self.tr("Don't send holds with no speech in them"), session)
        self.start_at_login = QCheckBox(self.tr("Start Dragoman when I log in"), session)
        self.start_at_login.setObjectName("start_at_login")
        self.theme = QComboBox(session)
        self.theme.setObjectName("theme")
        for label, value in theme.theme_choices():
            self.theme.addItem(label, value)
        self.ui_language = QComboBox(session)
        self.ui_language.setObjectName("ui_language")
        self.ui_language.addItem(self.tr("Same as the desktop"), "system")
        for code, name in LANGUAGE_NAMES.items():  # each in its own language
            self.ui_language.addItem(name, code)
        self.ui_language.setToolTip(
            self.tr("The language of Dragoman's windows. It applies the next time Dragoman starts.")
        )
        self.ui_language_note = QLabel(session)
        self.ui_language_note.setObjectName("ui_language_note")
        self.ui_language_note.setWordWrap(True)
        self.ui_language.currentIndexChanged.connect(self.on_ui_language_changed)
        self.overlay_font = _spin(session, 10, 72, " pt")
        self.overlay_font.setObjectName("overlay_font_pt")
        self.overlay_font.setToolTip(
            self.tr(
                "The caption overlay's translation; the original above it is three quarters of it"
            )
        )
        self.overlay_opacity = _spin(session, 20, 100, " %")
        self.overlay_opacity.setObjectName("overlay_opacity")
        self.overlay_opacity.setToolTip(
            self.tr(
                "How much the caption strip's dark background hides what is under it; the text "
                "itself stays opaque, with a dark outline"
            )
        )
        self.price = QDoubleSpinBox(session)
        self.price.setObjectName("price_per_minute")
        self.price.setRange(0.0, 1000.0)
        self.price.setDecimals(4)
        self.price.setSingleStep(0.01)
        self.price.setSpecialValueText(self.tr("Not set"))  # 0: no price, so no money is shown
        self.price.setSuffix(self.tr(" per minute"))
        self.price.setToolTip(translated(PRICE_TIP))
        self.price_note = QLabel(translated(PRICE_NOTE), session)
        self.price_note.setObjectName("price_note")
        self.price_note.setWordWrap(True)
        self.daily_cap = _spin(session, 0, 1440, " min")
        self.daily_cap.setObjectName("daily_cap_minutes")
        self.daily_cap.setSpecialValueText(self.tr("No cap"))  # 0: no cap
        self.daily_cap.setToolTip(translated(CAP_TIP))
        form.addRow(self.tr("Microphone"), self.mic_policy)
        form.addRow(self.tr("Close the microphone after"), self.mic_minutes)
        form.addRow(self.mic_cost)
        form.addRow(self.tr("Audio kept from before the key press"), self.preroll)
        form.addRow(self.tr("Audio kept after the key release"), self.tail)
        form.addRow(self.warm_session)
        form.addRow(self.tr("Close a warm session after"), self.warm_idle)
        form.addRow(self.tr("Talk key while a translation plays"), self.echo_guard)
        form.addRow(self.drop_silent)
        form.addRow(self.start_at_login)
        form.addRow(self.tr("&Theme"), self.theme)
        form.addRow(self.tr("&Language of the windows"), self.ui_language)
        form.addRow(self.ui_language_note)
        form.addRow(self.tr("Caption overlay text size"), self.overlay_font)
        form.addRow(self.tr("Caption overlay background"), self.overlay_opacity)
        form.addRow(self.tr("&Price of audio sent"), self.price)
        form.addRow(self.price_note)
        form.addRow(self.tr("Daily &cap on audio sent"), self.daily_cap)
        self.tabs.addTab(session, self.tr("Session"))
        self.mic_policy.currentIndexChanged.connect(self.on_mic_policy_changed)
        self.mic_minutes.valueChanged.connect(self.on_mic_policy_changed)
        self.preroll.valueChanged.connect(self.on_mic_policy_changed)

        # Advanced
        advanced = QWidget()
        form = QFormLayout(advanced)
        self.pinch_url = QLineEdit(advanced)
        self.pinch_url.setPlaceholderText("https://ws.startpinch.com")
        self.pulse_url = QLineEdit(advanced)
        self.pulse_url.setPlaceholderText("wss://api.smallest.ai")
        form.addRow(self.tr("Pinch service URL"), self.pinch_url)
        form.addRow(self.tr("Smallest Pulse URL"), self.pulse_url)
        self.tabs.addTab(advanced, self.tr("Advanced"))

        # History (its page owns its rows; "Clear history" is set by the composition root)
        self.history_page = HistorySettingsPage(self)
        self.tabs.addTab(self.history_page, self.tr("History"))

        # Profiles (issue 17): named presets of the pair, voice, outputs and meeting mode
        self.profiles_page = ProfilesPage(
            self.edited, self._load, self, outputs=services.list_outputs
        )
        self.profiles_page.hotkey.recording_changed.connect(self.hotkey_recording_changed)
        self.profiles_page.hotkey.chord_changed.connect(self.on_hotkeys_chord_changed)
        self.tabs.addTab(self.profiles_page, self.tr("Profiles"))

        self.fill_devices()
        self._load(settings)

    def show_page(self, page: str) -> None:
        if page in self.PAGES:
            self.tabs.setCurrentIndex(self.PAGES.index(page))

    def fill_devices(self) -> None:
        current = (
            self.input.currentData(),
            self.call_output.currentData(),
            self.monitor_output.currentData(),
        )
        default, off = self.tr("System default"), self.tr("Off")
        _fill(self.input, [(default, ""), *self.services.list_inputs()])
        outputs = self.services.list_outputs()
        _fill(self.call_output, [(off, ""), *outputs])
        _fill(self.monitor_output, [(off, ""), (default, "default"), *outputs])
        for combo, value in zip(
            (self.input, self.call_output, self.monitor_output), current, strict=True
        ):
            if value is not None:
                _select(combo, str(value))

    def _load(self, s: Settings) -> None:
        self.history_page.load(s)
        self.profiles_page.load(s)
        self.meeting_mode.setChecked(s.meeting_mode)
        self.passthrough_return.setEnabled(s.meeting_mode)
        _select(self.passthrough_return, s.passthrough_return)
        _select(self.input, s.input_device)
        _select(self.call_output, s.call_output)
        _select(self.monitor_output, s.monitor_output)
        self.call_volume.setValue(s.call_volume * 100)
        self.monitor_volume.setValue(s.monitor_volume * 100)
        _set_chord(self.hotkey, s.hotkey)
        _set_chord(self.reverse_hotkey, s.reverse_hotkey)
        _set_chord(self.say_again_hotkey, s.say_again_hotkey)
        _set_chord(self.mute_all_hotkey, s.mute_all_hotkey)
        _set_chord(self.compact_hotkey, s.compact_hotkey)
        _set_chord(self.overlay_hotkey, s.overlay_hotkey)
        _select(self.ptt_mode, s.ptt_mode)
        _select(self.backend, s.hotkey_backend)
        self.max_utterance.setValue(s.max_utterance_s)
        _select(self.mic_policy, mic_policy_in_effect(s))
        self.mic_minutes.setValue(s.mic_release_minutes)
        self.preroll.setValue(s.preroll_ms)
        self.tail.setValue(s.tail_ms)
        self.warm_session.setChecked(s.warm_session)
        self.warm_idle.setValue(s.warm_idle_minutes)
        _select(self.echo_guard, s.echo_guard)
        self.drop_silent.setChecked(s.drop_silent_holds)
        self.start_at_login.setChecked(self.services.autostart.enabled())
        _select(self.theme, s.theme)
        _select(self.ui_language, s.ui_language)
        self.on_ui_language_changed()
        self.overlay_font.setValue(s.overlay_font_pt)
        self.overlay_opacity.setValue(s.overlay_opacity)
        self.price.setValue(s.price_per_minute or 0.0)
        self.daily_cap.setValue(s.daily_cap_minutes or 0)
        self.pinch_url.setText(s.pinch_url)
        self.pulse_url.setText(s.pulse_url)
        self.on_mic_policy_changed()

    def edited(self) -> Settings:
        return self.profiles_page.apply(self.history_page.apply(self._edited()))

    def _edited(self) -> Settings:
        return replace(
            self.original,
            input_device=str(self.input.currentData() or ""),
            call_output=str(self.call_output.currentData() or ""),
            monitor_output=str(self.monitor_output.currentData() or ""),
            call_volume=self.call_volume.value() / 100,
            monitor_volume=self.monitor_volume.value() / 100,
            hotkey=self.hotkey.chord() or self.original.hotkey,
            reverse_hotkey=self.reverse_hotkey.chord(),
            say_again_hotkey=self.say_again_hotkey.chord(),
            mute_all_hotkey=self.mute_all_hotkey.chord(),
            compact_hotkey=self.compact_hotkey.chord(),
            overlay_hotkey=self.overlay_hotkey.chord(),
            ptt_mode=str(self.ptt_mode.currentData()),
            hotkey_backend=str(self.backend.currentData()),
            max_utterance_s=self.max_utterance.value(),
            # The policy shown is the one in effect: saved as it is, the old opt-out retired.
            keep_mic_open=True,
            mic_policy=str(self.mic_policy.currentData()),
            mic_release_minutes=self.mic_minutes.value(),
            preroll_ms=self.preroll.value(),
            tail_ms=self.tail.value(),
            warm_session=self.warm_session.isChecked(),
            warm_idle_minutes=self.warm_idle.value(),
            echo_guard=str(self.echo_guard.currentData()),
            drop_silent_holds=self.drop_silent.isChecked(),
            start_at_login=self.start_at_login.isChecked(),
            theme=str(self.theme.currentData()),
            ui_language=str(self.ui_language.currentData()),
            meeting_mode=self.meeting_mode.isChecked(),
            passthrough_return=str(self.passthrough_return.currentData()),
            overlay_font_pt=self.overlay_font.value(),
            overlay_opacity=self.overlay_opacity.value(),
            price_per_minute=self.price.value() or None,
            daily_cap_minutes=self.daily_cap.value() or None,
            pinch_url=self.pinch_url.text().strip(),
            pulse_url=self.pulse_url.text().strip(),
        )

    def done(self, result: int) -> None:
        """Closed either way: nothing waits for the keyring on behalf of a closed dialog."""
        for row in self.key_rows.values():
            row.cancel_tasks()
        for task in list(self._tasks):
            task.cancel()
        self.route_test.cancel()
        super().done(result)

    def accept(self) -> None:
        """OK: a pasted key is saved first (the keyring off the Qt thread), then the settings."""
        rows = self.key_rows.values()
        if any(row.has_unsaved() or row.saving() for row in rows):
            self._spawn(self._accept_after_saving())
            return
        self._accept_now()

    async def _accept_after_saving(self) -> None:
        self.buttons.setEnabled(False)
        try:
            saved = [await row.commit() for row in self.key_rows.values()]
        finally:
            self.buttons.setEnabled(True)
        if not all(saved):
            self.show_page("keys")  # the row says what is wrong with the pasted text
            return
        self._accept_now()

    def _accept_now(self) -> None:
        settings = self.edited()
        if settings.start_at_login != self.services.autostart.enabled():
            self.services.autostart.set_enabled(settings.start_at_login)
        self.settings_accepted.emit(settings)
        super().accept()

    def reject(self) -> None:
        """Cancel, Escape or closing: a pasted key that was never saved is asked about, once."""
        if self._question is not None:
            return  # already asking
        unsaved = [row for row in self.key_rows.values() if row.has_unsaved()]
        if not unsaved:
            super().reject()
            return
        self.show_page("keys")
        question = UnsavedKeyQuestion([row.label for row in unsaved], self)
        self._question = question
        question.finished.connect(lambda _result: self._on_question_answered(question))
        question.open()

    def _on_question_answered(self, question: UnsavedKeyQuestion) -> None:
        self._question = None
        answer = question.answer()
        question.deleteLater()
        if answer == QMessageBox.StandardButton.Save:
            self._spawn(self._reject_after_saving())
        elif answer == QMessageBox.StandardButton.Discard:
            for row in self.key_rows.values():
                row.discard()
            super().reject()
        # Cancel: stay, with the key still in its field

    async def _reject_after_saving(self) -> None:
        if all([await row.commit() for row in self.key_rows.values()]):
            super().reject()

    def _spawn(self, coro: Coroutine[Any, Any, None]) -> None:
        task = asyncio.ensure_future(coro)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    def on_mic_policy_changed(self, _value: int = 0) -> None:
        """The minutes apply to "minutes" only; the sentence under the choice says its cost."""
        policy = str(self.mic_policy.currentData())
        self.mic_minutes.setEnabled(policy == "minutes")
        minutes = self.mic_minutes.value()
        self.mic_cost.setText(
            translated(
                MIC_POLICY_COSTS[policy].arg(
                    self.preroll.value(),
                    self.tr("%n minute(s)", "", minutes),
                )
            )
        )

    def on_ui_language_changed(self, _index: int = 0) -> None:
        """A different language applies at the next start (every window is built in one)."""
        changed = str(self.ui_language.currentData()) != self.original.ui_language
        self.ui_language_note.setText(
            self.tr("The new language applies when Dragoman is started again.") if changed else ""
        )
        self.ui_language_note.setVisible(changed)

    def on_hotkeys_chord_changed(self, _chord: str = "") -> None:
        """Each hotkey field warns of a chord another one already has."""
        recorders = {
            self.tr("talk hotkey"): self.hotkey,
            self.tr("reverse-direction hotkey"): self.reverse_hotkey,
            self.tr("say it again hotkey"): self.say_again_hotkey,
            self.tr("mute all hotkey"): self.mute_all_hotkey,
            self.tr("compact window hotkey"): self.compact_hotkey,
            self.tr("caption overlay hotkey"): self.overlay_hotkey,
            self.tr("next profile hotkey"): self.profiles_page.hotkey,
        }
        for recorder in recorders.values():
            recorder.set_taken(
                {name: other.chord() for name, other in recorders.items() if other is not recorder}
            )

    def on_virtual_mic_clicked(self) -> None:
        create = self.services.create_virtual_mic
        if create is None:
            return
        self.virtual_mic.setEnabled(False)
        self.virtual_mic_status.setText(self.tr("Creating the virtual microphone…"))
        self._spawn(self._create_virtual_mic(create))

    async def _create_virtual_mic(self, create: Callable[[], Awaitable[str]]) -> None:
        before = {value for _label, value in self.services.list_outputs()}
        try:
            sentence = await create()
        except DragomanError as error:
            self.virtual_mic_status.setText(str(error))
            return
        finally:
            self.virtual_mic.setEnabled(True)
        self.fill_devices()  # the new device is in the lists at once
        value = virtual_mic_output(self.services.list_outputs(), before)
        if value is not None:
            _select(self.call_output, value)
            sentence += " " + self.tr("It is now the call output (press OK to keep it).")
        self.virtual_mic_status.setText(sentence)


def virtual_mic_output(outputs: DeviceChoices, before: set[str]) -> str | None:
    """The output Dragoman plays into for the virtual microphone: the one that just appeared
    and is named for it, else any named for it (it existed already), else the one new output."""
    named = [value for label, value in outputs if label.startswith(VIRTUAL_MIC_NAME)]
    new = [value for _label, value in outputs if value not in before]
    for value in named:
        if value in new:
            return value
    if named:
        return named[0]
    return new[0] if len(new) == 1 else None


def _set_chord(recorder: HotkeyRecorder, stored: str) -> None:
    """A stored chord that no longer parses (edited by hand) is shown as a warning instead."""
    try:
        recorder.set_chord(stored)
    except InvalidChord as error:
        recorder.note(
            QCoreApplication.translate(
                "SettingsDialog", "The saved hotkey '%1' cannot be used: %2 Press a new one."
            )
            .replace("%1", stored)
            .replace("%2", str(error))
        )


def _volume(parent: QWidget) -> QDoubleSpinBox:
    box = QDoubleSpinBox(parent)
    box.setRange(0, 200)
    box.setSuffix(" %")
    box.setDecimals(0)
    return box


def _spin(parent: QWidget, low: int, high: int, suffix: str) -> QSpinBox:
    box = QSpinBox(parent)
    box.setRange(low, high)
    box.setSuffix(suffix)
    return box


def _fill(combo: QComboBox, choices: DeviceChoices) -> None:
    combo.clear()
    for label, value in choices:
        combo.addItem(label, value)


def _select(combo: QComboBox, value: str) -> None:
    index = combo.findData(value)
    if index < 0 and value:
        combo.addItem(
            QCoreApplication.translate("SettingsDialog", "%1 (not connected)").replace("%1", value),
            value,
        )
        index = combo.count() - 1
    combo.setCurrentIndex(max(0, index))
