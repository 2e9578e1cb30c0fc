"""End to end: the app starts in the user's language (LANGUAGE=de, or the ui_language setting),
read from outside through ``dragoman status --json``; the ``dragoman`` command line stays English.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QTranslator

from dragoman.controller import State
from dragoman.core.settings import Settings
from dragoman.ui.main_window import STATE_TEXT
from tests.e2e.desktop import App, Desktop, desktop, wait

pytestmark = pytest.mark.slow
CATALOGUES = Path(__file__).resolve().parents[2] / "resources" / "i18n"


def state_text_in(code: str, state: str) -> str:
    """What the status bar says for ``state`` in catalogue ``code`` (read from the .qm)."""
    translator = QTranslator()
    assert translator.load(str(CATALOGUES / f"dragoman_{code}.qm"))
    source = STATE_TEXT[State(state)]
    text = translator.translate("MainWindow", source.source)
    assert text and text != source.source
    return text


def started(d: Desktop, app: App) -> dict[str, Any]:
    status: dict[str, Any] = wait(app.status, "the app answering status")
    return status


def test_language_de_starts_the_window_in_german_and_the_cli_stays_english(
    tmp_path: Path, keyring_env: dict[str, str]
) -> None:
    with desktop(tmp_path, keyring_env) as d:
        d.env.update({"LANGUAGE": "de", "LANG": "C.UTF-8"})
        d.write_settings(Settings(first_run_done=True))
        with d.launch() as app:
            status = started(d, app)
            assert status["ui_language"] == "de"
            assert status["state_text"] == state_text_in("de", status["state"])
            assert status["talk_button"].startswith("F9 (oder diese Schaltfläche) halten")
            refused = app.cli("set", "ui_language", "klingon")
            assert refused.returncode != 0
            assert "is not a valid value for ui_language" in refused.stderr
            assert "one of system, en, de, es, fr" in refused.stderr
            usage = app.cli("--help")
            assert usage.returncode == 0 and "usage:" in usage.stdout


def test_the_setting_wins_over_the_environment(tmp_path: Path, keyring_env: dict[str, str]) -> None:
    with desktop(tmp_path, keyring_env) as d:
        d.env.update({"LANGUAGE": "de", "LANG": "de_DE.UTF-8"})
        d.write_settings(Settings(first_run_done=True, ui_language="fr"))
        with d.launch() as app:
            status = started(d, app)
            assert status["ui_language"] == "fr"
            assert status["state_text"] == state_text_in("fr", status["state"])
        d.write_settings(Settings(first_run_done=True, ui_language="en"))
        with d.launch(log_name="english.log") as app:
            status = started(d, app)
            assert status["ui_language"] == "en"
            assert status["state_text"] == STATE_TEXT[State(status["state"])]
