"""``dragoman --version`` and Help → About show what a bug report needs: the versions of Dragoman,
Python, Qt/PySide6 and PortAudio, and (About) where the log and the settings are."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from unittest import mock

import pytest
from PySide6.QtWidgets import QApplication, QLabel, QPushButton
from pytestqt.qtbot import QtBot

from dragoman import __version__
from dragoman.cli import main
from dragoman.ui.about import AboutDialog, AboutInfo
from dragoman.versions import component_versions, version_text


def test_version_prints_dragoman_python_qt_pyside_and_portaudio(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit) as done:
        main(["--version"])
    assert done.value.code == 0
    out, err = capsys.readouterr()
    assert err == ""
    lines = out.splitlines()
    assert lines[0] == f"dragoman {__version__}"  # what scripts (and test_wheel) read
    fields = {k: v.strip() for k, v in (line.split(":", 1) for line in lines[1:])}
    assert list(fields) == ["Python", "Qt", "PySide6", "PortAudio", "Platform"]
    assert fields["Python"].startswith(f"{sys.version_info.major}.{sys.version_info.minor}.")
    assert re.fullmatch(r"6\.\d+\.\d+", fields["Qt"])
    assert re.fullmatch(r"6\.\d+\.\d+", fields["PySide6"])
    assert re.match(r"19\.\d+\.\d+ \(PortAudio V19", fields["PortAudio"])


def test_version_works_as_a_command_without_a_display_or_sound_card() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "dragoman", "--version"],
        env={"PATH": "/usr/bin:/bin", "HOME": "/nonexistent"},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"dragoman {__version__}\nPython:")


def test_a_missing_portaudio_is_a_row_not_a_traceback() -> None:
    with mock.patch.dict(sys.modules, {"sounddevice": None}):  # None: "import" raises
        rows = dict(component_versions())
    assert rows["PortAudio"].startswith("not found (ModuleNotFoundError: ")
    assert rows["Dragoman"] == __version__


def test_version_text_aligns_the_values() -> None:
    text = version_text([("Dragoman", "1.2.3"), ("Python", "3.11.7"), ("PortAudio", "19.7.0")])
    assert text == "dragoman 1.2.3\nPython:    3.11.7\nPortAudio: 19.7.0"


def test_the_about_dialog_shows_the_versions_and_where_the_files_are(
    qtbot: QtBot, tmp_path: Path
) -> None:
    log = tmp_path / "state" / "dragoman" / "dragoman.log"  # not written yet
    settings = tmp_path / "config" / "Dragoman" / "dragoman.conf"
    settings.parent.mkdir(parents=True)
    info = AboutInfo(component_versions(), [("Log file", log), ("Settings file", settings)])
    dialog = AboutDialog(info)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "About Dragoman"
    shown = {name: label.text() for name, label in dialog.value_labels.items()}
    assert shown["Log file"] == str(log) and shown["Settings file"] == str(settings)
    assert re.match(r"19\.", shown["PortAudio"]) and re.match(r"6\.", shown["Qt"])
    assert f"Dragoman {__version__}" in dialog.findChild(QLabel, "about_title").text()

    dialog.findChild(QPushButton, "copy_versions").click()
    copied = QApplication.clipboard().text()
    assert copied.splitlines()[0] == f"Dragoman: {__version__}"
    assert f"Log file: {log}" in copied and "PortAudio: 19." in copied

    opened: list[str] = []
    with mock.patch(
        "dragoman.ui.about.QDesktopServices.openUrl",
        side_effect=lambda url: opened.append(url.toLocalFile()) or True,
    ):
        dialog.findChild(QPushButton, "open_log_file").click()
        dialog.findChild(QPushButton, "open_settings_file").click()
    # The log folder does not exist yet: the nearest folder that does is opened instead.
    assert opened == [str(tmp_path), str(settings.parent)]
