"""Native language names only where a font can draw them: no font-database warnings at start.

On a system with few fonts, laying out "हिन्दी" or "ខ្មែរ" made Qt warn once per font it tried
("qt.text.font.db: OpenType support missing for ..."): about 170 lines at every launch, from the
language pickers. The names are left out where no installed font covers their script.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from PySide6.QtGui import QFontDatabase
from pytestqt.qtbot import QtBot

from dragoman.core.languages import Language, find
from dragoman.resources import load_languages
from dragoman.ui import writing
from dragoman.ui.languages import label

WS = QFontDatabase.WritingSystem


@pytest.fixture
def fonts(monkeypatch: pytest.MonkeyPatch) -> set[QFontDatabase.WritingSystem]:
    """The writing systems the fonts "installed" for the test cover: Latin only to start."""
    have = {WS.Latin}
    monkeypatch.setattr(writing, "available", lambda: frozenset(have))
    return have


def language(code: str) -> Language:
    found = find(code, load_languages())
    assert found is not None
    return found


def test_a_native_name_no_font_can_draw_is_left_out(
    qtbot: QtBot, fonts: set[QFontDatabase.WritingSystem]
) -> None:
    assert label(language("hi")) == "Hindi"
    assert label(language("ja")) == "Japanese"
    assert label(language("de")) == "German — Deutsch"  # Latin: always drawable
    fonts.update({WS.Devanagari, WS.Japanese})
    assert label(language("hi")) == "Hindi — हिन्दी"
    assert label(language("ja")).startswith("Japanese — ")


def test_scripts_are_read_from_the_letters() -> None:
    assert writing.writing_systems("Deutsch, Français, Tiếng Việt") == set()
    assert writing.writing_systems("Русский") == {(WS.Cyrillic,)}
    assert writing.writing_systems("ខ្មែរ") == {(WS.Khmer,)}
    assert (WS.SimplifiedChinese, WS.TraditionalChinese, WS.Japanese) in writing.writing_systems(
        "中文"
    )
    assert writing.writing_systems("አማርኛ") == set()  # Ethiopic: Qt has no writing system


# The pickers in a process of their own: Qt's font-database warnings go to that process's
# stderr, while in the test process they are neither on fd 2 nor in pytest-qt's records.
_PICKERS = """
import sys
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv[:1])
from dragoman.resources import load_languages
from dragoman.ui import languages
if sys.argv[1:] == ["--every-name"]:  # the labels as they were: a native name whatever the fonts
    languages.drawable = lambda text: True
for target in (False, True):
    picker = languages.LanguagePicker(load_languages(), target=target)
    picker.show()
    metrics = QFontMetrics(picker.font())
    for i in range(picker.count()):
        assert metrics.horizontalAdvance(picker.itemText(i)) > 0
    picker.showPopup()
    app.processEvents()
    picker.hidePopup()
print("\\n".join(picker.itemText(i) for i in range(picker.count())))
"""


def pickers(*args: str) -> tuple[list[str], str]:
    """The "to" picker's labels, and what the process wrote on stderr."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", _PICKERS, *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return done.stdout.splitlines(), done.stderr


def test_the_pickers_lay_out_every_name_without_font_warnings() -> None:
    """With the real font database: every label measured and both pickers' lists shown."""
    labels, err = pickers()
    assert "qt.text.font.db" not in err, err
    assert "German — Deutsch" in labels and "Russian — Русский" in labels
    if "Hindi" in labels:  # no Devanagari font here (Indic scripts need OpenType shaping) ...
        _, before = pickers("--every-name")
        assert "qt.text.font.db" in before  # ... so the native names made Qt warn
    else:
        assert "Hindi — हिन्दी" in labels
