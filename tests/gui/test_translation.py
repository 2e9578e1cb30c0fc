"""The desktop UI in German: no English string left in the main window, Settings or the wizard.

Each window is built twice, in English and in German (the shipped catalogue, installed as the
app installs it), and the two widget trees are walked side by side: every text a person can see
or hear (labels, buttons, titles, tooltips, status tips, placeholders, accessible names and
descriptions, combo items, tab titles, group titles, spin-box texts, table headers, menus and
their actions, the wizard's pages and buttons). A text that is the same in both runs was not
translated, unless German writes it the same way: the catalogue says so (its translation equals
the source, e.g. "Audio") or it is on the short list below (names, data, keys).
"""

from __future__ import annotations

import asyncio
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QSpinBox,
    QTableView,
    QTabWidget,
    QWidget,
    QWizard,
    QWizardPage,
)
from pytestqt.qtbot import QtBot

from dragoman.controller import Latency
from dragoman.core.banners import for_error
from dragoman.core.cost import CapLevel, UsageReading
from dragoman.core.errors import AuthError
from dragoman.core.i18n import QT_TRANSLATE_NOOP
from dragoman.core.settings import Settings
from dragoman.resources import load_languages
from dragoman.ui import i18n
from dragoman.ui.banner import BannerWidget
from dragoman.ui.compact import CompactWindow
from dragoman.ui.first_run import FirstRunWizard
from dragoman.ui.i18n import translated
from dragoman.ui.settings_dialog import SettingsDialog
from dragoman.ui.tray import Tray
from tests.gui.test_first_run import PAGES, controller, to_page
from tests.gui.test_settings_dialog import services
from tests.gui.windows import bare_main_window
from tests.qtloop import run_on_qt

CATALOGUE = Path(__file__).resolve().parents[2] / "resources" / "i18n" / "dragoman_de.ts"
# Written the same in German: names, the test's own data (devices, keys), symbols and units.
SAME_IN_GERMAN = {
    "Dragoman",
    "&Dragoman",
    "OK",
    "Pinch",
    "Smallest Pulse",
    "F9",
    "USB Headset",
    "Laptop mic",
    "Dragoman Microphone",
    "Speakers",
    "https://ws.startpinch.com",
    "wss://api.smallest.ai",
    "en → fr",  # a recent pair's codes
    # Units, written the same in German.
    "s",
    "ms",
    "min",
    "pt",
    # The UI-language picker names each language in that language.
    *i18n.LANGUAGE_NAMES.values(),
}
Texts = dict[tuple[str, ...], str]


def same_in_german() -> set[str]:
    """Finished translations that equal their source (the translator's word: "Audio"), and
    each language's own name (the pickers show "Welsh — Cymraeg" as "Walisisch — Cymraeg")."""
    same = set(SAME_IN_GERMAN) | {language.native for language in load_languages()}
    for message in ET.parse(CATALOGUE).getroot().iter("message"):
        translation = message.find("translation")
        source = message.findtext("source") or ""
        if translation is not None and (translation.text or "") == source:
            same.add(source)
    return same


def _key(obj: QObject) -> str:
    parent = obj.parent()
    siblings = [c for c in parent.children() if type(c) is type(obj)] if parent else [obj]
    index = next(i for i, c in enumerate(siblings) if c is obj)
    return f"{type(obj).__name__}:{obj.objectName()}:{index}"


def _path(obj: QObject, root: QObject) -> tuple[str, ...]:
    parts = []
    current: QObject | None = obj
    while current is not None and current is not root:
        parts.append(_key(current))
        current = current.parent()
    return tuple(reversed(parts))


def texts_of(root: QWidget) -> Texts:
    """Every user-visible text under ``root``, keyed by where it is."""
    found: Texts = {}

    def put(obj: QObject, what: str, text: str) -> None:
        if text:
            found[(*_path(obj, root), what)] = text

    widgets: list[QWidget] = [root, *root.findChildren(QWidget)]
    for widget in widgets:
        if widget.isWindow():
            put(widget, "windowTitle", widget.windowTitle())
        for what in ("toolTip", "statusTip", "whatsThis", "accessibleName"):
            put(widget, what, str(widget.property(what) or ""))
        put(widget, "accessibleDescription", widget.accessibleDescription())
        if isinstance(widget, QLabel):
            put(widget, "text", widget.text())
        if isinstance(widget, QAbstractButton):
            put(widget, "text", widget.text())
        if isinstance(widget, QLineEdit):
            put(widget, "placeholderText", widget.placeholderText())
        if isinstance(widget, QGroupBox):
            put(widget, "title", widget.title())
        if isinstance(widget, QAbstractSpinBox):
            put(widget, "specialValueText", widget.specialValueText())
            if isinstance(widget, QSpinBox):
                put(widget, "suffix", widget.suffix().strip())
        if isinstance(widget, QComboBox) and not widget.isEditable():
            for i in range(widget.count()):
                put(widget, f"item {i}", widget.itemText(i))
                tip = widget.itemData(i, Qt.ItemDataRole.ToolTipRole)
                put(widget, f"item {i} tip", "" if tip is None else str(tip))
        if isinstance(widget, QComboBox) and widget.isEditable():  # the language pickers
            for i in range(widget.count()):
                put(widget, f"item {i}", widget.itemText(i))
        if isinstance(widget, QTabWidget):
            for i in range(widget.count()):
                put(widget, f"tab {i}", widget.tabText(i))
                put(widget, f"tab {i} tip", widget.tabToolTip(i))
        if isinstance(widget, QTableView):
            model = widget.model()
            for column in range(model.columnCount()):
                put(
                    widget,
                    f"header {column}",
                    str(model.headerData(column, Qt.Orientation.Horizontal)),
                )
        if isinstance(widget, QMenu):
            put(widget, "title", widget.title())
        if isinstance(widget, QWizardPage):
            put(widget, "title", widget.title())
            put(widget, "subTitle", widget.subTitle())
        if isinstance(widget, QWizard):
            for button in (
                QWizard.WizardButton.BackButton,
                QWizard.WizardButton.NextButton,
                QWizard.WizardButton.FinishButton,
                QWizard.WizardButton.CancelButton,
            ):
                put(widget, f"button {button.name}", widget.buttonText(button))
    for action in root.findChildren(QAction):
        for what in ("text", "toolTip", "statusTip", "iconText"):
            put(action, what, str(action.property(what) or ""))
    return found


def left_in_english(english: Texts, german: Texts) -> list[str]:
    """What reads the same in both runs and is not German too."""
    allowed = same_in_german()
    assert english.keys() == german.keys(), "the two runs built different widget trees"
    return sorted(
        f"{'/'.join(key)}: {text!r}"
        for key, text in english.items()
        if german[key] == text
        and any(c.isalpha() for c in text)
        and not all(part.replace("&", "") in allowed for part in text.split(" — "))
    )


@pytest.fixture
def german() -> Callable[[], i18n.Installed]:
    """Installs the German catalogue (and Qt's own) as the app does at start."""
    installed: list[i18n.Installed] = []

    def install() -> i18n.Installed:
        done = i18n.install("de")
        assert done.language == "de", "resources/i18n/dragoman_de.qm: run packaging/i18n.py"
        installed.append(done)
        return done

    yield install  # type: ignore[misc]  # a generator fixture
    for done in installed:
        done.remove()


def both(build: Callable[[], Texts], german: Callable[[], i18n.Installed]) -> Iterator[Texts]:
    yield build()
    german()
    yield build()


def test_the_main_window_has_no_english_left_in_german(
    qtbot: QtBot, german: Callable[[], i18n.Installed]
) -> None:
    def build() -> Texts:
        window = bare_main_window()
        qtbot.addWidget(window)
        window.resize(1000, 700)  # the wide layout: every caption shown
        texts = texts_of(window)
        window.resize(480, 360)  # and the compact one
        texts.update({("compact", *k): v for k, v in texts_of(window).items()})
        return texts

    english, in_german = both(build, german)
    assert ("QStatusBar::0", "QLabel:state:0", "text") in in_german
    assert in_german[("QStatusBar::0", "QLabel:state:0", "text")] == "Inaktiv"
    left = left_in_english(english, in_german)
    assert not left, "\n".join(left)


def test_settings_have_no_english_left_in_german(
    qtbot: QtBot, tmp_path: Path, german: Callable[[], i18n.Installed]
) -> None:
    def build() -> Texts:
        dialog = SettingsDialog(Settings(ui_language="de"), services(tmp_path))
        qtbot.addWidget(dialog)
        texts = texts_of(dialog)
        dialog.ui_language.setCurrentIndex(dialog.ui_language.findData("fr"))  # the restart note
        texts.update({("changed", *k): v for k, v in texts_of(dialog).items()})
        return texts

    english, in_german = both(build, german)
    assert in_german[("QTabWidget::0", "tab 0")] == "API-Schlüssel"
    left = left_in_english(english, in_german)
    assert not left, "\n".join(left)


def test_the_setup_assistant_has_no_english_left_in_german(
    qtbot: QtBot, qapp: QApplication, tmp_path: Path, german: Callable[[], i18n.Installed]
) -> None:
    def build() -> Texts:
        ctl = controller()
        wizard = FirstRunWizard(ctl, services(tmp_path), hotkey="F9", backend_note="pynput")
        qtbot.addWidget(wizard)
        texts: Texts = {}

        async def visit() -> None:
            for name in PAGES:  # each page as it shows (some texts are set on the way)
                await to_page(wizard, name)
                texts.update({(name, *k): v for k, v in texts_of(wizard).items()})
            wizard.done(0)  # its tasks are cancelled, and finish on this loop
            await asyncio.sleep(0.05)

        run_on_qt(qapp, visit())
        return texts

    english, in_german = both(build, german)
    left = left_in_english(english, in_german)
    assert not left, "\n".join(left)


def test_the_walk_finds_an_untranslated_string(
    qtbot: QtBot, german: Callable[[], i18n.Installed]
) -> None:
    """The check above can fail: a label set without tr() reads the same in both runs."""

    def build() -> Texts:
        window = bare_main_window()
        qtbot.addWidget(window)
        window.hint.setText("No speech detected")  # not through the catalogue
        return texts_of(window)

    english, in_german = both(build, german)
    assert any("No speech detected" in line for line in left_in_english(english, in_german))


def test_core_messages_are_shown_in_german(
    qtbot: QtBot, german: Callable[[], i18n.Installed]
) -> None:
    """Banners, usage and latency are built in the core in English, as messages with arguments;
    the window shows them in the UI's language, the arguments in their place."""
    german()
    error = AuthError(
        QT_TRANSLATE_NOOP(
            "errors", "No %1 API key yet: add it in Settings → API keys (or set %2)."
        ).arg("Pinch", "PINCH_API_KEY")
    )
    banner = BannerWidget(for_error(error))
    qtbot.addWidget(banner)
    assert banner.label.text() == (
        "Noch kein API-Schlüssel für Pinch: Fügen Sie ihn unter Einstellungen → API-Schlüssel "
        "hinzu (oder setzen Sie PINCH_API_KEY)."
    )
    assert banner.button is not None and banner.button.text() == "API-Schlüssel festlegen"
    reading = UsageReading(90.0, 600.0, CapLevel.OK, cap_minutes=60)
    assert translated(reading.status_text()) == (
        "Gesendetes Audio: 1.5 min diese Sitzung · 10.0 von 60 min heute"
    )
    assert reading.status_text() == "Audio sent: 1.5 min this session · 10.0 of 60 min today"
    assert (
        translated(Latency(120, 640, 900).summary())
        == "Senden 120 ms · Final 640 ms · Stimme 900 ms"
    )


def test_the_ui_language_setting_round_trips_and_says_when_it_applies(
    qtbot: QtBot, tmp_path: Path
) -> None:
    dialog = SettingsDialog(Settings(), services(tmp_path))
    qtbot.addWidget(dialog)
    picker = dialog.ui_language
    assert picker.currentData() == "system"
    assert [picker.itemData(i) for i in range(picker.count())] == [
        "system",
        "en",
        "de",
        "es",
        "fr",
    ]
    assert dialog.ui_language_note.isHidden()
    picker.setCurrentIndex(picker.findData("de"))
    assert not dialog.ui_language_note.isHidden()
    assert "started again" in dialog.ui_language_note.text()
    assert dialog.edited().ui_language == "de"
    picker.setCurrentIndex(picker.findData("system"))
    assert dialog.ui_language_note.isHidden()
    again = SettingsDialog(Settings(ui_language="fr"), services(tmp_path))
    qtbot.addWidget(again)
    assert again.ui_language.currentData() == "fr" and again.ui_language_note.isHidden()


def test_the_compact_window_and_the_tray_menu_have_no_english_left_in_german(
    qtbot: QtBot, german: Callable[[], i18n.Installed]
) -> None:
    def build() -> Texts:
        window = bare_main_window()
        qtbot.addWidget(window)
        compact = CompactWindow(window.controller, load_languages())
        qtbot.addWidget(compact)
        tray = Tray(window.controller)
        texts = {("compact", *k): v for k, v in texts_of(compact).items()}
        texts.update({("tray", *k): v for k, v in texts_of(tray.menu).items()})
        texts[("tray", "tooltip")] = tray.icon.toolTip()
        return texts

    english, in_german = both(build, german)
    assert in_german[("tray", "tooltip")].endswith(" inaktiv")
    left = left_in_english(english, in_german)
    assert not left, "\n".join(left)
