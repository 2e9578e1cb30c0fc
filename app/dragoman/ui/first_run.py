"""The setup assistant: welcome → API key → microphone → push-to-talk key → calls → done.

It sets the app up rather than describing it: the key is saved on Next, the microphone is
chosen and heard through the exact capture and playback path, a new talk key is recorded on its
page, and the virtual microphone for calls is created there. It can be run again from the
window's Help menu and from the tray.

Like every view it speaks to the controller only through slots and signals: ``set_mic_check``
on the microphone page (holds play back locally, nothing is sent) and ``set_hotkey_check``
everywhere else (a talk key pressed while the assistant is open is reported as
``hotkey_checked`` and never starts a translation behind it). Settings it changes go through
``controller.apply_settings``, so they are saved and applied like any other change.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine
from dataclasses import replace
from typing import Any, Final

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from dragoman.controller import Latency, SessionController
from dragoman.core.chord import InvalidChord
from dragoman.core.errors import DragomanError
from dragoman.core.i18n import QT_TRANSLATE_NOOP
from dragoman.core.settings import Settings
from dragoman.resources import privacy_notes
from dragoman.ui.hotkey_recorder import HotkeyRecorder
from dragoman.ui.i18n import translated
from dragoman.ui.key_row import PORTAL_URL, KeyRow, UnsavedKeyQuestion
from dragoman.ui.meter import FLOOR_DB, LevelMeter
from dragoman.ui.ptt_button import PttButton
from dragoman.ui.services import SettingsServices
from dragoman.ui.settings_dialog import virtual_mic_output

log = logging.getLogger(__name__)

PRIVACY_LINK: Final = "dragoman:privacy"
# Below this peak during a "hear yourself" hold, the microphone delivered silence.
SILENT_PEAK_DB: Final = -55.0
# English source texts (dragoman.core.i18n.Text), shown through ``translated``.
HEADPHONES: Final = QT_TRANSLATE_NOOP(
    "FirstRunWizard",
    "Wear headphones for this check and for talking: on speakers the microphone hears the "
    "playback, so you get an echo here and Dragoman may hear its own translation later.",
)
# The hotkey back ends in plain words (the names are what push-to-talk reports).
BACKEND_WORDS: Final = {
    "pynput": QT_TRANSLATE_NOOP(
        "FirstRunWizard",
        "Dragoman watches the keyboard itself, so the key works whatever window is in front.",
    ),
    "portal": QT_TRANSLATE_NOOP(
        "FirstRunWizard",
        "Your desktop passes the key to Dragoman (its global-shortcuts service); the desktop "
        "may ask you once to allow it.",
    ),
    "window": QT_TRANSLATE_NOOP(
        "FirstRunWizard",
        "The key works only while Dragoman's window is in front. To talk from any window, bind "
        "the commands `dragoman ptt press` and `dragoman ptt release` to a key in your "
        "desktop's keyboard settings.",
    ),
}
NO_BACKEND_WORDS: Final = QT_TRANSLATE_NOOP(
    "FirstRunWizard",
    "The key is not connected to your desktop yet; if “Got it” never appears, the key works "
    "only while Dragoman's window is in front (see the README: Hotkeys on each desktop).",
)
CALL_APPS: Final = QT_TRANSLATE_NOOP(
    "FirstRunWizard",
    "<ul>"
    "<li><b>Zoom</b>: Settings → Audio → Microphone → <i>Dragoman Microphone</i>.</li>"
    "<li><b>Google Meet</b>: ⋮ More options → Settings → Audio → Microphone → "
    "<i>Dragoman Microphone</i>.</li>"
    "<li><b>Discord</b>: User Settings → Voice &amp; Video → Input Device → "
    "<i>Dragoman Microphone</i>.</li>"
    "</ul>"
    "Keep your headphones as Dragoman's monitor output (Settings → Audio) to hear the "
    "translation yourself.",
)


def backend_words(note: str) -> str:
    """``note`` names the push-to-talk back end (``pynput``, or "hotkey method: pynput"):
    what it means for the person, without the jargon (in the UI's language)."""
    name = note.rpartition(":")[2].strip().lower()
    return translated(BACKEND_WORDS.get(name, NO_BACKEND_WORDS))


def _text(text: str, parent: QWidget, name: str = "") -> QLabel:
    label = QLabel(text, parent)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText)
    if name:
        label.setObjectName(name)
    return label


def _page(title: str, subtitle: str, name: str) -> tuple[QWizardPage, QVBoxLayout]:
    page = QWizardPage()
    page.setObjectName(name)
    page.setTitle(title)
    page.setSubTitle(subtitle)
    return page, QVBoxLayout(page)


class KeyPage(QWizardPage):
    """The key is saved on Next (after a shape check); Next waits for the keyring."""

    def __init__(self, row_factory: Callable[[QWidget], KeyRow]) -> None:
        super().__init__()
        self.setObjectName("page_key")
        self.setTitle(self.tr("Your Pinch API key"))
        self.setSubTitle(self.tr("Dragoman needs a key to use Pinch's translation service."))
        layout = QVBoxLayout(self)
        self.get_key = _text(
            self.tr(
                'No key yet? <a href="%1">Get a key</a> on the Pinch developer portal '
                "(sign in, create a key, copy it), then paste it here."
            ).replace("%1", PORTAL_URL),
            self,
            "get_key_link",
        )
        self.get_key.setOpenExternalLinks(True)
        layout.addWidget(self.get_key)
        self.row = row_factory(self)
        layout.addWidget(self.row)
        layout.addWidget(
            _text(
                self.tr(
                    "Next saves the key in your OS keyring (never in a file); Test opens a real "
                    "session with it first. You can also skip this and add a key later in "
                    "Settings → API keys."
                ),
                self,
            )
        )
        layout.addStretch(1)
        self._tasks: set[asyncio.Task[None]] = set()
        self._advance = False

    def initializePage(self) -> None:  # Qt override: camelCase
        self.row.edit.setFocus()  # paste straight away; Enter then saves and goes on

    def validatePage(self) -> bool:  # Qt override: camelCase
        if self._advance:
            self._advance = False
            return True
        if not (self.row.has_unsaved() or self.row.saving()):
            return True
        task = asyncio.ensure_future(self._save_then_next())
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return False

    async def _save_then_next(self) -> None:
        if not await self.row.commit():
            return  # not a key: the row says why, and the page stays
        wizard = self.wizard()
        if wizard is not None and wizard.currentPage() is self:
            self._advance = True
            wizard.next()

    def cancel_tasks(self) -> None:
        for task in list(self._tasks):
            task.cancel()
        self.row.cancel_tasks()


class FirstRunWizard(QWizard):
    finished_setup = Signal()

    def __init__(
        self,
        controller: SessionController,
        services: SettingsServices,
        *,
        hotkey: str,
        backend_note: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("first_run")
        self.setWindowTitle(self.tr("Set up Dragoman"))
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setMinimumSize(640, 480)
        self.controller = controller
        self.services = services
        self._tasks: set[asyncio.Task[None]] = set()
        self._question: UnsavedKeyQuestion | None = None
        self._holding = False
        self._hold_peak = FLOOR_DB

        self.welcome_page = self._welcome()
        self.key_page = KeyPage(lambda parent: KeyRow("pinch", "Pinch", services, parent))
        self.key_row = self.key_page.row
        self.mic_page = self._microphone()
        self.hotkey_page = self._hotkey(hotkey, backend_note)
        self.calls_page = self._calls()
        self.done_page = self._done()
        for page in (
            self.welcome_page,
            self.key_page,
            self.mic_page,
            self.hotkey_page,
            self.calls_page,
            self.done_page,
        ):
            self.addPage(page)

        controller.level_changed.connect(self.on_controller_level_changed)
        controller.mic_check_measured.connect(self.on_controller_mic_check_measured)
        controller.talking_changed.connect(self.on_controller_talking_changed)
        controller.hotkey_checked.connect(self.on_controller_hotkey_checked)
        controller.settings_changed.connect(self.on_controller_settings_changed)
        self.hear.held.connect(controller.start_talking)
        self.hear.let_go.connect(controller.stop_talking)
        self.currentIdChanged.connect(self.on_current_id_changed)
        self.finished.connect(self.on_finished)

    # -- pages -------------------------------------------------------------------------------------

    def _welcome(self) -> QWizardPage:
        page, layout = _page(
            self.tr("Welcome to Dragoman"),
            self.tr("A push-to-talk interpreter for your desktop."),
            "page_welcome",
        )
        layout.addWidget(
            _text(
                self.tr(
                    "Hold a key anywhere on your desktop and speak: Dragoman translates what you "
                    "say, plays the translation in your headphones or into a call, and shows both "
                    "texts side by side."
                ),
                page,
            )
        )
        self.cloud_note = _text(
            self.tr(
                "<b>Your speech goes to Pinch's cloud service.</b> While you hold the key, your "
                "microphone is streamed to Pinch's real-time translation service, which sends "
                "back the text and the translated speech. Nothing is sent between holds, and "
                "your API key stays in your OS keyring. "
                'Read the <a href="%1">privacy notes</a> (also in the README), or '
                'visit the <a href="%2">Pinch developer portal</a>.'
            )
            .replace("%1", PRIVACY_LINK)
            .replace("%2", PORTAL_URL),
            page,
            "cloud_note",
        )
        self.cloud_note.linkActivated.connect(self.on_link_activated)
        layout.addWidget(self.cloud_note)
        layout.addWidget(
            _text(
                self.tr(
                    "The next pages take a minute: your key, your microphone, your push-to-talk "
                    "key and, if you want, a microphone for calls."
                ),
                page,
            )
        )
        layout.addStretch(1)
        return page

    def _microphone(self) -> QWizardPage:
        page, layout = _page(
            self.tr("Microphone"),
            self.tr("Choose your microphone and speak: the bar should move."),
            "page_microphone",
        )
        form = QFormLayout()
        self.input = QComboBox(page)
        self.input.setObjectName("wizard_input_device")
        self.input.setToolTip(self.tr("The microphone Dragoman listens to while you hold the key"))
        form.addRow(self.tr("Microphone"), self.input)
        self.meter = LevelMeter(page)
        form.addRow(self.tr("Level"), self.meter)
        layout.addLayout(form)
        self.hear = PttButton(page)
        self.hear.setObjectName("hear_yourself")
        self.hear.setText(self.tr("Hold to hear yourself"))
        self.hear.setAutoDefault(False)  # Enter means Next, never a hold
        self.hear.setToolTip(
            self.tr(
                "While you hold it, your voice plays back through the same path your translations "
                "take. Nothing is sent to the service."
            )
        )
        self.mic_result = _text("", page, "mic_result")
        layout.addWidget(self.hear)
        layout.addWidget(self.mic_result)
        self.headphones = _text(translated(HEADPHONES), page, "headphones_advice")
        layout.addWidget(self.headphones)
        layout.addStretch(1)
        self.input.activated.connect(self.on_input_activated)
        return page

    def _hotkey(self, hotkey: str, backend_note: str) -> QWizardPage:
        page, layout = _page(
            self.tr("Your push-to-talk key"),
            self.tr("Hold it to talk, release it to hear the translation."),
            "page_hotkey",
        )
        self.hotkey_intro = _text("", page, "hotkey_intro")
        layout.addWidget(self.hotkey_intro)
        self.hotkey_result = _text(self.tr("Waiting for the key…"), page, "hotkey_result")
        font = self.hotkey_result.font()
        font.setBold(True)
        self.hotkey_result.setFont(font)
        layout.addWidget(self.hotkey_result)
        layout.addWidget(
            _text(
                self.tr(
                    "Another key? Click the field and press the key or combination you want "
                    "(Right Ctrl alone, Ctrl+Shift+Space, a mouse side button…)."
                ),
                page,
            )
        )
        self.recorder = HotkeyRecorder(page)
        self.recorder.setObjectName("wizard_hotkey")
        layout.addWidget(self.recorder)
        self.backend = _text(backend_words(backend_note), page, "hotkey_backend")
        layout.addWidget(self.backend)
        layout.addStretch(1)
        self._show_hotkey(hotkey)
        self.recorder.chord_changed.connect(self.on_recorder_chord_changed)
        return page

    def _calls(self) -> QWizardPage:
        page, layout = _page(
            self.tr("Translated voice in calls (optional)"),
            self.tr("Let the other side of a Zoom, Meet or Discord call hear the translation."),
            "page_calls",
        )
        layout.addWidget(
            _text(
                self.tr(
                    "Dragoman can create a virtual microphone, <i>Dragoman Microphone</i>, and "
                    "play the translation into it. In your call app, choose it as the microphone:"
                ),
                page,
            )
        )
        layout.addWidget(_text(translated(CALL_APPS), page, "call_apps"))
        self.virtual_mic = QPushButton(self.tr("Create virtual microphone"), page)
        self.virtual_mic.setObjectName("wizard_create_virtual_mic")
        self.virtual_mic.setAutoDefault(False)  # optional: Enter means Next, not "create"
        self.virtual_mic_status = _text("", page, "wizard_virtual_mic_status")
        if self.services.create_virtual_mic is None:
            self.virtual_mic.setEnabled(False)
            self.virtual_mic.setToolTip(
                self.tr(
                    "Not available here: on Windows install VB-CABLE, on macOS BlackHole, then "
                    "choose it as the call output in Settings → Audio."
                )
            )
            self.virtual_mic_status.setText(self.virtual_mic.toolTip())
        layout.addWidget(self.virtual_mic)
        layout.addWidget(self.virtual_mic_status)
        layout.addWidget(
            _text(self.tr("Skip this page if you only need the translation yourself."), page)
        )
        layout.addStretch(1)
        self.virtual_mic.clicked.connect(self.on_virtual_mic_clicked)
        return page

    def _done(self) -> QWizardPage:
        page, layout = _page(self.tr("Ready"), self.tr("Dragoman is set up."), "page_done")
        self.summary = _text("", page, "summary")
        layout.addWidget(self.summary)
        layout.addWidget(
            _text(
                self.tr(
                    "Dragoman lives in the tray: closing the window keeps push-to-talk working. "
                    "Run this assistant again from Help → Setup assistant or the tray menu."
                ),
                page,
            )
        )
        layout.addStretch(1)
        return page

    # -- page changes ------------------------------------------------------------------------------

    def on_current_id_changed(self, _page_id: int) -> None:
        # None when the wizard is cleared or restarted (the stubs say never).
        page: QWizardPage | None = self.currentPage()
        if page is None:
            return
        ids = self.pageIds()
        step = ids.index(self.currentId()) + 1 if self.currentId() in ids else 0
        self.setWindowTitle(
            self.tr("Set up Dragoman (%1 of %2): %3")
            .replace("%1", str(step))
            .replace("%2", str(len(ids)))
            .replace("%3", page.title())
        )
        on_mic = page is self.mic_page
        self.controller.set_mic_check(on_mic)
        # Everywhere else a talk key is captured: never a translation behind the assistant.
        self.controller.set_hotkey_check(not on_mic)
        if on_mic:
            self._fill_inputs()
        elif page is self.hotkey_page:
            self.hotkey_result.setText(self.tr("Waiting for the key…"))
        elif page is self.done_page:
            self._summarise()

    def _fill_inputs(self) -> None:
        current = self.controller.settings.input_device
        self.input.clear()
        self.input.addItem(self.tr("System default"), "")
        for label, value in self.services.list_inputs():
            self.input.addItem(label, value)
        index = self.input.findData(current)
        if index < 0 and current:
            self.input.addItem(self.tr("%1 (not connected)").replace("%1", current), current)
            index = self.input.count() - 1
        self.input.setCurrentIndex(max(0, index))

    def _summarise(self) -> None:
        settings = self.controller.settings
        lines = [
            self.tr("Talk: hold <b>%1</b> (or the big button in the window).").replace(
                "%1", settings.hotkey
            ),
            self.tr("API key: %1").replace("%1", self.key_row.status.text()),
        ]
        if settings.call_output:
            names = dict((value, label) for label, value in self.services.list_outputs())
            lines.append(
                self.tr("Call output: %1.").replace(
                    "%1", names.get(settings.call_output, settings.call_output)
                )
            )
        self.summary.setText("<br>".join(lines))

    # -- slots -------------------------------------------------------------------------------------

    def on_link_activated(self, link: str) -> None:
        if link == PRIVACY_LINK:
            box = QMessageBox(
                QMessageBox.Icon.Information,
                self.tr("Privacy"),
                privacy_notes(),
                QMessageBox.StandardButton.Close,
                self,
            )
            box.setObjectName("privacy_notes")
            box.setTextFormat(Qt.TextFormat.MarkdownText)
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
            box.open()

    def on_input_activated(self, _index: int) -> None:
        value = str(self.input.currentData() or "")
        settings = self.controller.settings
        if value != settings.input_device:
            self.controller.apply_settings(replace(settings, input_device=value))

    def on_controller_level_changed(self, rms_db: float, peak_db: float) -> None:
        self.meter.set_level(rms_db, peak_db)
        if self._holding:
            self._hold_peak = max(self._hold_peak, peak_db)

    def on_controller_talking_changed(self, talking: bool) -> None:
        if self.currentPage() is not self.mic_page:
            return
        self.hear.set_talking(talking)
        self.hear.setText(
            self.tr("Listening… release to stop") if talking else self.tr("Hold to hear yourself")
        )
        if talking:
            self._holding = True
            self._hold_peak = FLOOR_DB
            self.mic_result.setText(self.tr("Speak now: you should hear yourself."))
        else:
            self._holding = False

    def on_controller_mic_check_measured(self, latency: Latency) -> None:
        if self.currentPage() is not self.mic_page:
            return
        if latency.first_audio_ms is None:
            self.mic_result.setText(
                self.tr(
                    "Nothing was played back: check the monitor output in Settings → Audio "
                    "(your headphones), then try again."
                )
            )
        elif self._hold_peak <= SILENT_PEAK_DB:
            self.mic_result.setText(
                self.tr(
                    "The microphone gave only silence: choose another microphone above, or check "
                    "that it is not muted."
                )
            )
        else:
            self.mic_result.setText(
                self.tr(
                    "You heard yourself %1 ms after pressing. "
                    "That is the delay your own voice has through Dragoman."
                ).replace("%1", f"{latency.first_audio_ms:.0f}")
            )

    def on_controller_hotkey_checked(self, direction: str = "forward") -> None:
        self.on_hotkey_pressed(direction)

    def on_hotkey_pressed(self, direction: str = "forward") -> None:
        if self.currentPage() is not self.hotkey_page:
            return
        self.hotkey_result.setText(
            self.tr("Got it: your reverse-direction key works.")
            if direction == "reverse"
            else self.tr("Got it: your key works.")
        )

    def on_recorder_chord_changed(self, chord: str) -> None:
        settings = self.controller.settings
        if chord and chord != settings.hotkey:
            self.controller.apply_settings(replace(settings, hotkey=chord))
            self.hotkey_result.setText(
                self.tr("Saved. Now press %1 to try it.").replace("%1", chord)
            )

    def on_controller_settings_changed(self, settings: Settings) -> None:
        self._show_hotkey(settings.hotkey)

    def _show_hotkey(self, hotkey: str) -> None:
        self.hotkey_intro.setText(
            self.tr(
                "Your push-to-talk key is <b>%1</b>. Press it now, with any window in front: "
                "this page says “Got it”. Nothing is translated while this assistant is open."
            ).replace("%1", hotkey)
        )
        if not self.recorder.is_recording() and self.recorder.chord() != hotkey:
            try:
                self.recorder.set_chord(hotkey)
            except InvalidChord as error:
                self.recorder.note(
                    self.tr("The saved key '%1' cannot be used: %2")
                    .replace("%1", hotkey)
                    .replace("%2", str(error))
                )

    def on_virtual_mic_clicked(self) -> None:
        create = self.services.create_virtual_mic
        if create is None:
            return
        self.virtual_mic.setEnabled(False)
        self.virtual_mic_status.setText(self.tr("Creating the virtual microphone…"))
        self._spawn(self._create_virtual_mic())

    async def _create_virtual_mic(self) -> None:
        create = self.services.create_virtual_mic
        assert create is not None
        before = {value for _label, value in self.services.list_outputs()}
        try:
            sentence = await create()
        except DragomanError as error:
            self.virtual_mic_status.setText(str(error))
            self.virtual_mic.setEnabled(True)
            return
        value = virtual_mic_output(self.services.list_outputs(), before)
        if value is not None:
            settings = self.controller.settings
            self.controller.apply_settings(replace(settings, call_output=value))
            sentence = self.tr(
                "“Dragoman Microphone” is ready and is now Dragoman's call output: choose it "
                "as the microphone in your call app."
            )
        self.virtual_mic_status.setText(sentence)
        self.virtual_mic.setText(self.tr("Virtual microphone created"))

    # -- leaving -----------------------------------------------------------------------------------

    def reject(self) -> None:
        """Cancel, Escape or closing: a pasted, unsaved key is asked about once."""
        if self._question is not None:
            return
        if not self.key_row.has_unsaved():
            super().reject()
            return
        question = UnsavedKeyQuestion(["Pinch"], self)
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
            self.key_row.discard()
            super().reject()

    async def _reject_after_saving(self) -> None:
        if await self.key_row.commit():
            super().reject()

    def on_finished(self, _result: int) -> None:
        self.key_page.cancel_tasks()
        for task in list(self._tasks):
            task.cancel()
        self.controller.set_mic_check(False)
        self.controller.set_hotkey_check(False)
        self.finished_setup.emit()

    def _spawn(self, coro: Coroutine[Any, Any, None]) -> None:
        task = asyncio.ensure_future(coro)
        self._tasks.add(task)
        task.add_done_callback(self._on_task_done)

    def _on_task_done(self, task: asyncio.Task[None]) -> None:
        self._tasks.discard(task)
        if not task.cancelled() and task.exception() is not None:
            log.error("setup assistant task failed", exc_info=task.exception())
