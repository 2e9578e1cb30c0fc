"""One engine's API key: paste, save, test, remove, with the keyring never on the Qt thread.

A pasted key is never silently dropped: every confirming action saves it (the Save button,
Enter in the field, a successful Test, and the dialog's OK or the wizard's Next through
:meth:`KeyRow.commit`), and leaving with a key typed but unsaved asks once
(:class:`UnsavedKeyQuestion`). A stored key is shown masked, with its last four characters, so
the person can tell which key is in use without it ever being on screen.

The keyring is read after the row first shows and written through ``run_blocking``: a locked
keyring's unlock prompt may stay open for minutes, and the Qt thread also pumps audio and the
socket.
"""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Coroutine
from typing import Any, Final

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from dragoman.blocking import run_blocking
from dragoman.core.banners import sentence as error_sentence
from dragoman.core.errors import DragomanError, SecretStoreUnavailable, UsageError
from dragoman.core.i18n import QT_TRANSLATE_NOOP
from dragoman.store.keys import clean_key
from dragoman.ui.i18n import translated
from dragoman.ui.services import SettingsServices

log = logging.getLogger(__name__)

CHECKING: Final = QT_TRANSLATE_NOOP("KeyRow", "Checking the keyring…")  # shown translated
PORTAL_URL: Final = "https://portal.startpinch.com/dashboard/developers"
MASK: Final = "•"
MIN_KEY_CHARS: Final = 8
MAX_KEY_CHARS: Final = 512
# What a provider's keys are documented to start with (Smallest AI: "sk_").
KEY_PREFIXES: Final = {"pulse": "sk_"}
_ASSIGNMENT: Final = re.compile(r"^(export\s+)?[A-Za-z_][A-Za-z0-9_]*\s*=")


def check_key(engine: str, raw: str, label: str = "") -> str:
    """The key in ``raw`` (as pasted), or UsageError saying what is wrong with its shape.

    Checked before anything is saved: a key with the wrong shape would only come back as a
    refusal from the service at the first hold, far from where it was pasted.
    """
    text = raw.strip()
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "\"'":
        text = text[1:-1]  # pasted with the quotes around it
    if _ASSIGNMENT.match(text):
        raise UsageError(
            QT_TRANSLATE_NOOP(
                "KeyRow", "Paste only the key itself, without the variable name and “=”."
            )
        )
    key = clean_key(text)
    if MASK in key:
        raise UsageError(
            QT_TRANSLATE_NOOP(
                "KeyRow", "That is the masked key Dragoman shows, not a key: paste the key itself."
            )
        )
    if "://" in key:
        raise UsageError(
            QT_TRANSLATE_NOOP(
                "KeyRow", "That is a web address, not an API key: copy the key itself."
            )
        )
    if not key.isascii():
        raise UsageError(
            QT_TRANSLATE_NOOP(
                "KeyRow",
                "That does not look like an API key: it contains characters keys never have "
                "(curly quotes, accents or symbols).",
            )
        )
    if len(key) < MIN_KEY_CHARS:
        raise UsageError(
            QT_TRANSLATE_NOOP(
                "KeyRow", "That is too short for an API key (%1 characters): copy the whole key."
            ).arg(len(key))
        )
    if len(key) > MAX_KEY_CHARS:
        raise UsageError(
            QT_TRANSLATE_NOOP(
                "KeyRow", "That is too long for an API key (%1 characters): copy only the key."
            ).arg(f"{len(key):,}")
        )
    prefix = KEY_PREFIXES.get(engine)
    if prefix is not None and not key.startswith(prefix):
        name = label or engine
        raise UsageError(
            QT_TRANSLATE_NOOP("KeyRow", "%1 API keys start with “%2”: is this the right key?").arg(
                name, prefix
            )
        )
    return key


def masked(key: str) -> str:
    """``••••••••abcd``: enough to tell keys apart, never enough to use one."""
    tail = key[-4:] if len(key) >= 2 * MIN_KEY_CHARS else ""
    return MASK * 8 + tail


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
        self.label = label
        self.services = services
        self.edit = QLineEdit(self)
        self.edit.setObjectName(f"key_{engine}")
        self.edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.edit.setToolTip(
            self.tr(
                "Paste the key and press Enter (or Save, Test, OK, Next): it goes to the OS "
                "keyring."
            )
        )
        self.save = QPushButton(self.tr("Save"), self)
        self.save.setToolTip(self.tr("Store the pasted key in the OS keyring"))
        self.test = QPushButton(self.tr("Test"), self)
        self.test.setToolTip(
            self.tr(
                "Open a real session with the pasted key (or the stored one); a key that works "
                "is saved"
            )
        )
        self.clear = QPushButton(self.tr("Remove"), self)
        self.clear.setToolTip(self.tr("Delete the stored key from the OS keyring"))
        for button in (self.save, self.test, self.clear):
            button.setAutoDefault(False)  # Enter in the field saves, then confirms the dialog
        self.status = QLabel(translated(CHECKING), self)
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
        self.edit.returnPressed.connect(self.on_edit_return_pressed)
        self.save.clicked.connect(self.on_save_clicked)
        self.test.clicked.connect(self.on_test_clicked)
        self.clear.clicked.connect(self.on_clear_clicked)
        self.session_only = False
        self._loaded = False
        self._tasks: set[asyncio.Task[None]] = set()
        self._saves: set[asyncio.Task[None]] = set()
        self._show_stored(None)
        self._set_busy(True)

    def __repr__(self) -> str:
        return (
            f"KeyRow({self.engine}, unsaved={self.has_unsaved()}, saving={self.saving()}, "
            f"session_only={self.session_only})"
        )

    def showEvent(self, event: QShowEvent) -> None:  # Qt override: camelCase
        super().showEvent(event)
        if not self._loaded:
            self._loaded = True
            self.refresh()

    # -- what the dialogs ask -------------------------------------------------------------------

    def has_unsaved(self) -> bool:
        """Something is typed in the field that is not saved yet."""
        return bool(self.edit.text().strip())

    def saving(self) -> bool:
        return any(not task.done() for task in self._saves)

    async def commit(self) -> bool:
        """Save what is typed (after checking its shape) and wait for every save under way.

        False when the typed text is not a key (the row says why); the dialog then stays.
        """
        if self.has_unsaved() and not self.save_typed():
            return False
        pending = [task for task in self._saves if not task.done()]
        if pending:
            await asyncio.wait(pending)
        return True

    def discard(self) -> None:
        """The person chose not to keep what they typed."""
        self.edit.clear()

    def refresh(self) -> None:
        """Ask the keyring, off the Qt thread, whether a key is stored; show the answer."""
        self._spawn(self._refresh())

    def cancel_tasks(self) -> None:
        """The dialog closed: stop waiting for the keyring (a write under way still completes)."""
        for task in list(self._tasks):
            task.cancel()

    # -- slots ------------------------------------------------------------------------------------

    def on_edit_return_pressed(self) -> None:
        self.save_typed()

    def on_save_clicked(self) -> None:
        self.save_typed()

    def save_typed(self) -> bool:
        """Start saving the typed key; False (with the reason shown) when it is not a key."""
        key = self._key()
        if key is None:
            return False
        self.edit.clear()
        self._saves.add(self._spawn(self._save(key)))
        return True

    def on_test_clicked(self) -> None:
        typed = self.has_unsaved()
        key = self._key() if typed else None
        if typed and key is None:
            return  # _key said what is wrong with it
        self.status.setText(self.tr("Testing…"))
        self.test.setEnabled(False)
        self._spawn(self._test(key))

    def on_clear_clicked(self) -> None:
        self._spawn(self._clear())

    # -- internals --------------------------------------------------------------------------------

    def _spawn(self, coro: Coroutine[Any, Any, None]) -> asyncio.Task[None]:
        task = asyncio.ensure_future(coro)
        self._tasks.add(task)
        task.add_done_callback(self._on_task_done)
        return task

    def _on_task_done(self, task: asyncio.Task[None]) -> None:
        self._tasks.discard(task)
        self._saves.discard(task)
        if not task.cancelled() and task.exception() is not None:
            log.error("key row task failed", exc_info=task.exception())

    def _set_busy(self, busy: bool) -> None:
        self.save.setEnabled(not busy)
        self.clear.setEnabled(not busy)

    def _show_stored(self, key: str | None) -> None:
        """The field's placeholder shows the stored key masked, or invites a paste."""
        if key:
            self.edit.setPlaceholderText(
                self.tr("%1 (stored; paste a new key to replace it)").replace("%1", masked(key))
            )
        else:
            self.edit.setPlaceholderText(self.tr("Paste your %1 API key").replace("%1", self.label))

    async def _refresh(self) -> None:
        self.status.setText(translated(CHECKING))
        self._set_busy(True)
        try:
            stored = await run_blocking(self.services.secrets.get, self.engine)
        except SecretStoreUnavailable as error:
            self.session_only = True
            in_session = self.services.session_only.get(self.engine)
            self._show_stored(in_session)
            self.status.setText(
                " ".join(
                    part
                    for part in (
                        translated(error_sentence(error)),
                        self.tr("Keys saved here are kept for this session only."),
                        self.tr("A key is set for this session.") if in_session else "",
                    )
                    if part
                )
            )
        else:
            self.session_only = False
            self._show_stored(stored)
            self.status.setText(
                self.tr("A key ending in %1 is stored in the OS keyring.").replace(
                    "%1", stored[-4:]
                )
                if stored and len(stored) >= 2 * MIN_KEY_CHARS
                else self.tr("A key is stored in the OS keyring.")
                if stored
                else self.tr("No key stored yet.")
            )
        finally:
            self._set_busy(False)

    def _key(self) -> str | None:
        try:
            return check_key(self.engine, self.edit.text(), self.label)
        except DragomanError as error:
            self.status.setText(translated(error_sentence(error)))
            return None

    async def _save(self, key: str, said: str = "") -> None:
        self._set_busy(True)
        self.status.setText(f"{said} {self.tr('Saving…')}".strip())
        try:
            if self.session_only:
                self.services.session_only.set(self.engine, key)
            else:
                await run_blocking(self.services.secrets.set, self.engine, key)
        except SecretStoreUnavailable as error:
            self.session_only = True
            self.services.session_only.set(self.engine, key)
            kept = self.tr("The key is kept for this session only.")
            self.status.setText(f"{said} {translated(error_sentence(error))} {kept}".strip())
        else:
            saved = (
                self.tr("Saved for this session only.")
                if self.session_only
                else self.tr("Saved in the OS keyring.")
            )
            self.status.setText(f"{said} {saved}".strip())
        finally:
            self._set_busy(False)
        self._show_stored(key)
        self._tell_key_changed()

    def _tell_key_changed(self) -> None:
        if self.services.on_key_changed is not None:
            self.services.on_key_changed(self.engine)

    async def _stored(self) -> str | None:
        try:
            stored = await run_blocking(self.services.secrets.get, self.engine)
        except SecretStoreUnavailable:
            stored = None
        return stored or self.services.session_only.get(self.engine)

    async def _test(self, typed: str | None) -> None:
        try:
            key = typed if typed is not None else await self._stored()
            if key is None:
                self.status.setText(self.tr("Paste a key first, or save one."))
                return
            sentence = await self.services.test_key(self.engine, key)
        except DragomanError as error:
            self.status.setText(translated(error_sentence(error)))
            return
        finally:
            self.test.setEnabled(True)
        # A key that works is the one the person wants: keep it, unless the field changed
        # meanwhile (another key typed, or this one saved already by OK or Enter).
        if typed is None or not self._still_typed(typed):
            self.status.setText(sentence)
            return
        self.edit.clear()
        task = asyncio.current_task()
        if task is not None:
            self._saves.add(task)
        await self._save(typed, said=sentence)

    def _still_typed(self, key: str) -> bool:
        try:
            return check_key(self.engine, self.edit.text(), self.label) == key
        except DragomanError:
            return False

    async def _clear(self) -> None:
        self._set_busy(True)
        self.status.setText(self.tr("Removing…"))
        self.services.session_only.delete(self.engine)
        try:
            await run_blocking(self.services.secrets.delete, self.engine)
        except SecretStoreUnavailable:
            pass  # _refresh says what the keyring's state is
        self._show_stored(None)
        self._tell_key_changed()
        await self._refresh()


class UnsavedKeyQuestion(QMessageBox):
    """Asked once when a dialog or wizard with a pasted but unsaved key is left.

    Window-modal and opened with ``open()`` (no nested event loop): the answer comes through
    ``answered`` handlers the caller connects to ``finished``.
    """

    def __init__(self, names: list[str], parent: QWidget) -> None:
        which = QCoreApplication.translate("UnsavedKeyQuestion", " and ").join(names)
        super().__init__(
            QMessageBox.Icon.Question,
            QCoreApplication.translate("UnsavedKeyQuestion", "Save the API key?"),
            QCoreApplication.translate(
                "UnsavedKeyQuestion",
                "You pasted a %1 API key but did not save it. Save it in the OS keyring?",
            ).replace("%1", which),
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
            parent,
        )
        self.setObjectName("unsaved_key_question")
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setDefaultButton(QMessageBox.StandardButton.Save)
        self.setEscapeButton(QMessageBox.StandardButton.Cancel)

    def answer(self) -> QMessageBox.StandardButton:
        # clickedButton() is None when the box was closed without a button (stubs say never).
        button: QAbstractButton | None = self.clickedButton()
        if button is None:
            return QMessageBox.StandardButton.Cancel
        return self.standardButton(button)
