"""The settings dialog: keys, audio devices, push-to-talk, session and advanced options.

Everything that touches the system comes in through ``SettingsServices`` (keyring, device lists,
a key test that allocates a session, the virtual microphone, autostart), so the dialog stays a
view: it edits a copy of the Settings and hands it back on OK. API keys never enter Settings.

The keyring is never called on the Qt thread (which also pumps audio and the socket): a locked
keyring's unlock prompt may stay open for minutes. Key rows load their state after they first
show, through ``run_blocking``, and save and remove keys the same way.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Coroutine
from dataclasses import dataclass, replace
from typing import Any, Final

from PySide6.QtCore import Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from dragoman.blocking import run_blocking
from dragoman.core.chord import InvalidChord
from dragoman.core.errors import DragomanError, SecretStoreUnavailable
from dragoman.core.settings import Settings
from dragoman.store.autostart import Autostart
from dragoman.store.keys import SecretStore, clean_key
from dragoman.ui.hotkey_recorder import HotkeyRecorder

log = logging.getLogger(__name__)

DeviceChoices = list[tuple[str, str]]  # (label, stored value); value "" = default / off
CHECKING: Final = "Checking the keyring…"


@dataclass
class SettingsServices:
    secrets: SecretStore
    session_only: SecretStore
    engines: dict[str, str]  # engine name -> display name
    list_inputs: Callable[[], DeviceChoices]
    list_outputs: Callable[[], DeviceChoices]
    test_key: Callable[[str, str], Awaitable[str]]  # (engine, key) -> sentence; raises ours
    autostart: Autostart
    # Returns a sentence; raises ours. Awaited: it runs pactl, never on the Qt thread.
    # Told after a key was saved or removed (engine name): the next hold must use the new key.
    on_key_changed: Callable[[str], None] | None = None
    create_virtual_mic: Callable[[], Awaitable[str]] | None = None


class KeyRow(QWidget):
    """One engine's key: masked entry, save to the keyring, test, clear.

    Nothing here reads the keyring before the row shows, nor on the Qt thread: the state loads
    after the first show (``CHECKING`` meanwhile, Save and Remove waiting for it).
    """

    def __init__(
        self, engine: str, label: str, services: SettingsServices, parent: QWidget
    ) -> None:
        super().__init__(parent)
        self.engine = engine
        self.services = services
        self.edit = QLineEdit(self)
        self.edit.setObjectName(f"key_{engine}")
        self.edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.edit.setPlaceholderText(f"Paste your {label} API key")
        self.save = QPushButton("Save", self)
        self.test = QPushButton("Test", self)
        self.clear = QPushButton("Remove", self)
        self.status = QLabel(CHECKING, self)
        self.status.setObjectName(f"key_status_{engine}")
        self.status.setWordWrap(True)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        for widget in (self.edit, self.save, self.test, self.clear):
            row.addWidget(widget)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.status)
        self.save.clicked.connect(self.on_save_clicked)
        self.test.clicked.connect(self.on_test_clicked)
        self.clear.clicked.connect(self.on_clear_clicked)
        self.session_only = False
        self._loaded = False
        self._tasks: set[asyncio.Task[None]] = set()
        self._set_busy(True)

    def showEvent(self, event: QShowEvent) -> None:  # Qt override: camelCase
        super().showEvent(event)
        if not self._loaded:
            self._loaded = True
            self.refresh()

    def refresh(self) -> None:
        """Ask the keyring, off the Qt thread, whether a key is stored; show the answer."""
        self._spawn(self._refresh())

    def cancel_tasks(self) -> None:
        """The dialog closed: stop waiting for the keyring (a write under way still completes)."""
        for task in list(self._tasks):
            task.cancel()

    def _spawn(self, coro: Coroutine[Any, Any, None]) -> None:
        task = asyncio.ensure_future(coro)
        self._tasks.add(task)
        task.add_done_callback(self._on_task_done)

    def _on_task_done(self, task: asyncio.Task[None]) -> None:
        self._tasks.discard(task)
        if not task.cancelled() and task.exception() is not None:
            log.error("key row task failed", exc_info=task.exception())

    def _set_busy(self, busy: bool) -> None:
        self.save.setEnabled(not busy)
        self.clear.setEnabled(not busy)

    async def _refresh(self) -> None:
        self.status.setText(CHECKING)
        self._set_busy(True)
        try:
            stored = await run_blocking(self.services.secrets.get, self.engine)
        except SecretStoreUnavailable as error:
            self.session_only = True
            in_session = self.services.session_only.get(self.engine)
            self.status.setText(
                f"{error} Keys saved here are kept for this session only."
                + (" A key is set for this session." if in_session else "")
            )
        else:
            self.session_only = False
            self.status.setText(
                "A key is stored in the OS keyring." if stored else "No key stored yet."
            )
        finally:
            self._set_busy(False)

    def _key(self) -> str | None:
        try:
            return clean_key(self.edit.text())
        except DragomanError as error:
            self.status.setText(str(error))
            return None

    def on_save_clicked(self) -> None:
        key = self._key()
        if key is None:
            return
        self.edit.clear()
        self._spawn(self._save(key))

    async def _save(self, key: str) -> None:
        self._set_busy(True)
        self.status.setText("Saving…")
        try:
            if self.session_only:
                self.services.session_only.set(self.engine, key)
            else:
                await run_blocking(self.services.secrets.set, self.engine, key)
        except SecretStoreUnavailable as error:
            self.session_only = True
            self.services.session_only.set(self.engine, key)
            self.status.setText(f"{error} The key is kept for this session only.")
        else:
            where = "for this session only" if self.session_only else "in the OS keyring"
            self.status.setText(f"Saved {where}.")
        finally:
            self._set_busy(False)
        self._tell_key_changed()

    def _tell_key_changed(self) -> None:
        if self.services.on_key_changed is not None:
            self.services.on_key_changed(self.engine)

    def on_test_clicked(self) -> None:
        typed = bool(self.edit.text().strip())
        key = self._key() if typed else None
        if typed and key is None:
            return  # _key said what is wrong with it
        self.status.setText("Testing…")
        self.test.setEnabled(False)
        self._spawn(self._test(key))

    async def _stored(self) -> str | None:
        try:
            stored = await run_blocking(self.services.secrets.get, self.engine)
        except SecretStoreUnavailable:
            stored = None
        return stored or self.services.session_only.get(self.engine)

    async def _test(self, key: str | None) -> None:
        try:
            key = key if key is not None else await self._stored()
            if key is None:
                self.status.setText("Paste a key first, or save one.")
                return
            self.status.setText(await self.services.test_key(self.engine, key))
        except DragomanError as error:
            self.status.setText(str(error))
        finally:
            self.test.setEnabled(True)

    def on_clear_clicked(self) -> None:
        self._spawn(self._clear())

    async def _clear(self) -> None:
        self._set_busy(True)
        self.status.setText("Removing…")
        self.services.session_only.delete(self.engine)
        try:
            await run_blocking(self.services.secrets.delete, self.engine)
        except SecretStoreUnavailable:
            pass  # _refresh says what the keyring's state is
        self._tell_key_changed()
        await self._refresh()


class SettingsDialog(QDialog):
    settings_accepted = Signal(object)  # Settings
    # True while a hotkey field records: the global back end sees those keys too.
    hotkey_recording_changed = Signal(bool)
    PAGES = ("keys", "audio", "talk", "session", "advanced")

    def __init__(
        self, settings: Settings, services: SettingsServices, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("settings_dialog")
        self.setWindowTitle("Dragoman settings")
        self.services = services
        self.original = settings
        self._tasks: set[asyncio.Task[None]] = set()
        self.tabs = QTabWidget(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

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
            QLabel("Keys are stored only in your OS keyring, never in a settings file.", keys)
        )
        self.tabs.addTab(keys, "API keys")

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
        self.virtual_mic = QPushButton("Create virtual microphone", audio)
        self.virtual_mic.setObjectName("create_virtual_mic")
        self.virtual_mic.setEnabled(services.create_virtual_mic is not None)
        self.virtual_mic_status = QLabel(audio)
        self.virtual_mic_status.setWordWrap(True)
        self.refresh_devices = QPushButton("Refresh devices", audio)
        form.addRow("Microphone", self.input)
        form.addRow("Call output (virtual microphone)", self.call_output)
        form.addRow("Call volume", self.call_volume)
        form.addRow("Monitor output (your headphones)", self.monitor_output)
        form.addRow("Monitor volume", self.monitor_volume)
        form.addRow(self.virtual_mic, self.virtual_mic_status)
        form.addRow(self.refresh_devices)
        self.virtual_mic.clicked.connect(self.on_virtual_mic_clicked)
        self.refresh_devices.clicked.connect(self.fill_devices)
        self.tabs.addTab(audio, "Audio")

        # Push-to-talk
        talk = QWidget()
        form = QFormLayout(talk)
        self.hotkey = HotkeyRecorder(talk)
        self.hotkey.setObjectName("hotkey")
        self.reverse_hotkey = HotkeyRecorder(talk, allow_empty=True)
        self.reverse_hotkey.setObjectName("reverse_hotkey")
        self.reverse_hotkey.field.setToolTip(
            "Click, then press the keys that translate the other way (target to source). "
            "Backspace clears it."
        )
        for recorder in (self.hotkey, self.reverse_hotkey):
            recorder.chord_changed.connect(self.on_hotkeys_chord_changed)
            recorder.recording_changed.connect(self.hotkey_recording_changed)
        self.ptt_mode = QComboBox(talk)
        for label, value in (
            ("Hold to talk", "hold"),
            ("Tap to start, tap to stop", "toggle"),
            ("Hybrid: tap latches, hold talks", "hybrid"),
        ):
            self.ptt_mode.addItem(label, value)
        self.backend = QComboBox(talk)
        for label, value in (
            ("Automatic", "auto"),
            ("X11 / Windows / macOS keyboard hook", "pynput"),
            ("Desktop portal (Wayland)", "portal"),
            ("Only while the window has focus", "window"),
        ):
            self.backend.addItem(label, value)
        self.max_utterance = _spin(talk, 5, 3600, " s")
        form.addRow("Talk hotkey", self.hotkey)
        form.addRow("Reverse-direction hotkey", self.reverse_hotkey)
        form.addRow("Mode", self.ptt_mode)
        form.addRow("Hotkey method", self.backend)
        form.addRow("Longest utterance", self.max_utterance)
        self.tabs.addTab(talk, "Push-to-talk")

        # Session and capture
        session = QWidget()
        form = QFormLayout(session)
        self.keep_mic_open = QCheckBox(
            "Keep the microphone ready (no first syllable lost)", session
        )
        self.preroll = _spin(session, 0, 2000, " ms")
        self.tail = _spin(session, 0, 2000, " ms")
        self.warm_session = QCheckBox("Keep a session warm (no wait on key-down)", session)
        self.warm_idle = _spin(session, 1, 240, " min")
        self.echo_guard = QComboBox(session)
        for label, value in (
            ("Automatic (on with built-in speakers)", "auto"),
            ("Always on", "on"),
            ("Off", "off"),
        ):
            self.echo_guard.addItem(label, value)
        self.drop_silent = QCheckBox("Don't send holds with no speech in them", session)
        self.start_at_login = QCheckBox("Start Dragoman when I log in", session)
        self.start_at_login.setObjectName("start_at_login")
        form.addRow(self.keep_mic_open)
        form.addRow("Audio kept from before the key press", self.preroll)
        form.addRow("Audio kept after the key release", self.tail)
        form.addRow(self.warm_session)
        form.addRow("Close a warm session after", self.warm_idle)
        form.addRow("Echo guard (mute the mic while the translation plays)", self.echo_guard)
        form.addRow(self.drop_silent)
        form.addRow(self.start_at_login)
        self.tabs.addTab(session, "Session")

        # Advanced
        advanced = QWidget()
        form = QFormLayout(advanced)
        self.pinch_url = QLineEdit(advanced)
        self.pinch_url.setPlaceholderText("https://ws.startpinch.com")
        self.pulse_url = QLineEdit(advanced)
        self.pulse_url.setPlaceholderText("wss://api.smallest.ai")
        form.addRow("Pinch service URL", self.pinch_url)
        form.addRow("Smallest Pulse URL", self.pulse_url)
        self.tabs.addTab(advanced, "Advanced")

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
        _fill(self.input, [("System default", ""), *self.services.list_inputs()])
        outputs = self.services.list_outputs()
        _fill(self.call_output, [("Off", ""), *outputs])
        _fill(self.monitor_output, [("Off", ""), ("System default", "default"), *outputs])
        for combo, value in zip(
            (self.input, self.call_output, self.monitor_output), current, strict=True
        ):
            if value is not None:
                _select(combo, str(value))

    def _load(self, s: Settings) -> None:
        _select(self.input, s.input_device)
        _select(self.call_output, s.call_output)
        _select(self.monitor_output, s.monitor_output)
        self.call_volume.setValue(s.call_volume * 100)
        self.monitor_volume.setValue(s.monitor_volume * 100)
        _set_chord(self.hotkey, s.hotkey)
        _set_chord(self.reverse_hotkey, s.reverse_hotkey)
        _select(self.ptt_mode, s.ptt_mode)
        _select(self.backend, s.hotkey_backend)
        self.max_utterance.setValue(s.max_utterance_s)
        self.keep_mic_open.setChecked(s.keep_mic_open)
        self.preroll.setValue(s.preroll_ms)
        self.tail.setValue(s.tail_ms)
        self.warm_session.setChecked(s.warm_session)
        self.warm_idle.setValue(s.warm_idle_minutes)
        _select(self.echo_guard, s.echo_guard)
        self.drop_silent.setChecked(s.drop_silent_holds)
        self.start_at_login.setChecked(self.services.autostart.enabled())
        self.pinch_url.setText(s.pinch_url)
        self.pulse_url.setText(s.pulse_url)

    def edited(self) -> Settings:
        return replace(
            self.original,
            input_device=str(self.input.currentData() or ""),
            call_output=str(self.call_output.currentData() or ""),
            monitor_output=str(self.monitor_output.currentData() or ""),
            call_volume=self.call_volume.value() / 100,
            monitor_volume=self.monitor_volume.value() / 100,
            hotkey=self.hotkey.chord() or self.original.hotkey,
            reverse_hotkey=self.reverse_hotkey.chord(),
            ptt_mode=str(self.ptt_mode.currentData()),
            hotkey_backend=str(self.backend.currentData()),
            max_utterance_s=self.max_utterance.value(),
            keep_mic_open=self.keep_mic_open.isChecked(),
            preroll_ms=self.preroll.value(),
            tail_ms=self.tail.value(),
            warm_session=self.warm_session.isChecked(),
            warm_idle_minutes=self.warm_idle.value(),
            echo_guard=str(self.echo_guard.currentData()),
            drop_silent_holds=self.drop_silent.isChecked(),
            start_at_login=self.start_at_login.isChecked(),
            pinch_url=self.pinch_url.text().strip(),
            pulse_url=self.pulse_url.text().strip(),
        )

    def done(self, result: int) -> None:
        """Closed either way: nothing waits for the keyring on behalf of a closed dialog."""
        for row in self.key_rows.values():
            row.cancel_tasks()
        for task in list(self._tasks):
            task.cancel()
        super().done(result)

    def accept(self) -> None:
        settings = self.edited()
        if settings.start_at_login != self.services.autostart.enabled():
            self.services.autostart.set_enabled(settings.start_at_login)
        self.settings_accepted.emit(settings)
        super().accept()

    def on_hotkeys_chord_changed(self, _chord: str = "") -> None:
        self.hotkey.set_taken({"reverse-direction hotkey": self.reverse_hotkey.chord()})
        self.reverse_hotkey.set_taken({"talk hotkey": self.hotkey.chord()})

    def on_virtual_mic_clicked(self) -> None:
        create = self.services.create_virtual_mic
        if create is None:
            return
        self.virtual_mic.setEnabled(False)
        self.virtual_mic_status.setText("Creating the virtual microphone…")
        task = asyncio.ensure_future(self._create_virtual_mic(create))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _create_virtual_mic(self, create: Callable[[], Awaitable[str]]) -> None:
        try:
            self.virtual_mic_status.setText(await create())
        except DragomanError as error:
            self.virtual_mic_status.setText(str(error))
        finally:
            self.virtual_mic.setEnabled(True)
        self.fill_devices()


def _set_chord(recorder: HotkeyRecorder, stored: str) -> None:
    """A stored chord that no longer parses (edited by hand) is shown as a warning instead."""
    try:
        recorder.set_chord(stored)
    except InvalidChord as error:
        recorder.note(f"The saved hotkey '{stored}' cannot be used: {error} Press a new one.")


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
        combo.addItem(f"{value} (not connected)", value)
        index = combo.count() - 1
    combo.setCurrentIndex(max(0, index))
