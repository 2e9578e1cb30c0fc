"""First run: welcome → API key (skippable) → microphone check → press your hotkey → done."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget, QWizard, QWizardPage

from dragoman.controller import Latency, SessionController
from dragoman.ui.meter import LevelMeter
from dragoman.ui.ptt_button import PttButton
from dragoman.ui.settings_dialog import KeyRow, SettingsServices


def _page(title: str, text: str) -> tuple[QWizardPage, QVBoxLayout]:
    page = QWizardPage()
    page.setTitle(title)
    layout = QVBoxLayout(page)
    label = QLabel(text, page)
    label.setWordWrap(True)
    layout.addWidget(label)
    return page, layout


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
        self.setWindowTitle("Welcome to Dragoman")
        self.controller = controller

        page, _ = _page(
            "Welcome",
            "Hold a hotkey anywhere on your desktop and speak: Dragoman translates your voice, "
            "plays the translation in your headphones or into a call, and shows both texts side "
            "by side. This takes a minute.",
        )
        self.addPage(page)

        page, layout = _page(
            "Your API key",
            "Paste your Pinch API key (from the Pinch developer portal). It is stored in your "
            "OS keyring only. You can skip this and add it later in Settings.",
        )
        self.key_row = KeyRow("pinch", "Pinch", services, page)
        layout.addWidget(self.key_row)
        self.addPage(page)

        page, layout = _page(
            "Microphone check",
            "Speak: the bar should move. Hold the button (or your hotkey) to hear yourself "
            "through the exact path your translations will take.",
        )
        self.meter = LevelMeter(page)
        self.hear = PttButton(page)
        self.hear.setText("Hold to hear yourself")
        self.mic_result = QLabel(page)
        layout.addWidget(self.meter)
        layout.addWidget(self.hear)
        layout.addWidget(self.mic_result)
        self.mic_page = page
        self.addPage(page)

        page, layout = _page(
            "Your push-to-talk key",
            f"Press and release {hotkey} now, with any window in front. ({backend_note})",
        )
        self.hotkey_result = QLabel("Waiting for the key…", page)
        self.hotkey_result.setObjectName("hotkey_result")
        layout.addWidget(self.hotkey_result)
        self.addPage(page)

        page, _ = _page(
            "Ready",
            "That's it. Dragoman lives in the tray; closing the window keeps push-to-talk working.",
        )
        self.addPage(page)

        controller.level_changed.connect(self.meter.set_level)
        controller.mic_check_measured.connect(self.on_controller_mic_check_measured)
        self.hear.held.connect(controller.start_talking)
        self.hear.let_go.connect(controller.stop_talking)
        self.currentIdChanged.connect(self.on_current_id_changed)
        self.finished.connect(self.on_finished)

    def on_current_id_changed(self, _page_id: int) -> None:
        self.controller.set_mic_check(self.currentPage() is self.mic_page)

    def on_controller_mic_check_measured(self, latency: Latency) -> None:
        if self.currentPage() is self.mic_page and latency.first_audio_ms is not None:
            self.mic_result.setText(
                f"You heard yourself {latency.first_audio_ms:.0f} ms after pressing."
            )

    def on_hotkey_pressed(self, _direction: str = "forward") -> None:
        self.hotkey_result.setText("Got it: the hotkey works.")

    def on_finished(self, _result: int) -> None:
        self.key_row.cancel_tasks()
        self.controller.set_mic_check(False)
        self.finished_setup.emit()
