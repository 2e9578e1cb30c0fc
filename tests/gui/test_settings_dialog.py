"""The settings dialog offscreen: persistence of edits, keys in the keyring only, key test."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from dragoman.core.errors import AuthError, SecretStoreUnavailable
from dragoman.core.settings import Settings
from dragoman.store.autostart import Autostart
from dragoman.store.secrets import SessionOnlyStore
from dragoman.ui.settings_dialog import SettingsDialog, SettingsServices
from tests.qtloop import run_on_qt, until


class NoKeyring(SessionOnlyStore):
    """Behaves like keyring without a Secret Service: every call refuses."""

    def get(self, engine: str) -> str | None:
        raise SecretStoreUnavailable("No secure keyring is available on this system.")

    def set(self, engine: str, key: str) -> None:
        raise SecretStoreUnavailable("No secure keyring is available on this system.")

    def delete(self, engine: str) -> bool:
        raise SecretStoreUnavailable("No secure keyring is available on this system.")


def services(tmp_path: Path, secrets: SessionOnlyStore | None = None) -> SettingsServices:
    tested: list[tuple[str, str]] = []

    async def test_key(engine: str, key: str) -> str:
        tested.append((engine, key))
        if key == "bad":
            raise AuthError("Pinch did not accept the API key.")
        return "The key works: a session was allocated."

    result = SettingsServices(
        secrets=secrets if secrets is not None else SessionOnlyStore(),
        session_only=SessionOnlyStore(),
        engines={"pinch": "Pinch", "pulse": "Smallest Pulse"},
        list_inputs=lambda: [("USB Headset", "USB Headset"), ("Laptop mic", "Laptop mic")],
        list_outputs=lambda: [
            ("Dragoman Microphone", "Dragoman Microphone"),
            ("Speakers", "Speakers"),
        ],
        test_key=test_key,
        autostart=Autostart(tmp_path / "autostart"),
    )
    result.tested = tested  # type: ignore[attr-defined]
    return result


def test_edits_come_back_as_settings_and_autostart_is_written(qtbot: QtBot, tmp_path: Path) -> None:
    original = Settings(input_device="USB Headset", call_output="Dragoman Microphone")
    dialog = SettingsDialog(original, services(tmp_path))
    qtbot.addWidget(dialog)
    assert dialog.input.currentText() == "USB Headset"
    assert dialog.call_output.currentText() == "Dragoman Microphone"
    dialog.preroll.setValue(450)
    dialog.ptt_mode.setCurrentIndex(dialog.ptt_mode.findData("hybrid"))
    dialog.monitor_output.setCurrentIndex(dialog.monitor_output.findData(""))
    dialog.start_at_login.setChecked(True)
    dialog.call_volume.setValue(80)
    with qtbot.waitSignal(dialog.settings_accepted) as accepted:
        dialog.accept()
    settings: Settings = accepted.args[0]
    assert settings == replace(
        original,
        preroll_ms=450,
        ptt_mode="hybrid",
        monitor_output="",
        start_at_login=True,
        call_volume=0.8,
    )
    assert (tmp_path / "autostart" / "dragoman.desktop").exists()


def test_a_pinned_device_that_is_gone_stays_visible(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = SettingsDialog(Settings(input_device="Old Mic"), services(tmp_path))
    qtbot.addWidget(dialog)
    assert dialog.input.currentText() == "Old Mic (not connected)"
    assert dialog.edited().input_device == "Old Mic"


def test_keys_go_to_the_keyring_only(qtbot: QtBot, tmp_path: Path) -> None:
    secrets = SessionOnlyStore()
    dialog = SettingsDialog(Settings(), services(tmp_path, secrets))
    qtbot.addWidget(dialog)
    row = dialog.key_rows["pinch"]
    row.edit.setText("  Bearer pk_live_123  ")
    row.save.click()
    assert secrets.get("pinch") == "pk_live_123" and row.edit.text() == ""
    assert "OS keyring" in row.status.text()
    assert "pk_live_123" not in repr(dialog.edited())
    row.clear.click()
    assert secrets.get("pinch") is None and "No key stored" in row.status.text()


def test_without_a_keyring_keys_are_kept_for_the_session(qtbot: QtBot, tmp_path: Path) -> None:
    svc = services(tmp_path, NoKeyring())
    dialog = SettingsDialog(Settings(), svc)
    qtbot.addWidget(dialog)
    row = dialog.key_rows["pinch"]
    assert "No secure keyring" in row.status.text() and "this session only" in row.status.text()
    row.edit.setText("pk_session")
    row.save.click()
    assert svc.session_only.get("pinch") == "pk_session"
    assert "for this session only" in row.status.text()


@pytest.mark.parametrize(
    ("key", "expected"), [("good", "The key works"), ("bad", "did not accept")]
)
def test_the_test_button_reports_in_a_sentence(
    qtbot: QtBot, qapp: QApplication, tmp_path: Path, key: str, expected: str
) -> None:
    svc = services(tmp_path)
    dialog = SettingsDialog(Settings(), svc)
    qtbot.addWidget(dialog)
    row = dialog.key_rows["pulse"]

    async def body() -> None:
        row.edit.setText(key)
        row.test.click()
        await until(lambda: row.test.isEnabled())
        await asyncio.sleep(0)

    run_on_qt(qapp, body())
    assert expected in row.status.text()
    assert svc.tested == [("pulse", key)]  # type: ignore[attr-defined]


def test_pages(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = SettingsDialog(Settings(), services(tmp_path))
    qtbot.addWidget(dialog)
    dialog.show_page("audio")
    assert dialog.tabs.tabText(dialog.tabs.currentIndex()) == "Audio"
