"""Searchable language pickers: sorted by name, native name beside it, speakable targets marked.

Entries are sorted by their display name (locale-aware), so Welsh sits between Vietnamese and
Xhosa rather than between Czech and Danish where its code would put it; "Detect automatically"
stays first. Only the "to" list marks the languages Pinch can speak (the speaker icon means
"speech output available"; a legend beside the picker says so), and every row of that list
carries an icon (a blank one where there is no speech) so all rows are the same height.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final

from PySide6.QtCore import (
    QCollator,
    QCoreApplication,
    QLocale,
    QSize,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QIcon, QPixmap, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QComboBox, QCompleter, QHBoxLayout, QLabel, QWidget

from dragoman.core.i18n import QT_TRANSLATE_NOOP
from dragoman.core.languages import AUTO, Language, find
from dragoman.ui.i18n import translated
from dragoman.ui.icons import themed_icon
from dragoman.ui.writing import drawable

CodeRole = Qt.ItemDataRole.UserRole + 1
SpeechRole = Qt.ItemDataRole.UserRole + 2
ICON_SIZE: Final = QSize(16, 16)
SPEECH_LEGEND: Final = QT_TRANSLATE_NOOP("LanguagePicker", "speech output available")


def name_of(language: Language) -> str:
    """The language's name in the UI's language ("German", "Deutsch", "alemán"): the table's
    English names are in the catalogues (``dragoman.ui.language_names``, made from the table)."""
    return QCoreApplication.translate("languages", language.english)


def label(language: Language) -> str:
    """ "Welsh — Cymraeg"; just the name when the two are the same, or when no font here can
    draw the native one (it would be boxes, and laying it out makes Qt warn: ``ui.writing``)."""
    name = name_of(language)
    if language.native and language.native != name and drawable(language.native):
        name += f" — {language.native}"
    return name


def display_name(code: str, languages: Iterable[Language]) -> str:
    """The name shown for ``code`` ("German"); the code itself when the table lacks it."""
    language = find(code, languages)
    return name_of(language) if language is not None else code


def sorted_by_name(languages: Iterable[Language]) -> list[Language]:
    """By display name in the user's locale ("Detect automatically" first)."""
    collator = QCollator(QLocale())
    collator.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    table = list(languages)
    auto = [lang for lang in table if lang.code == AUTO]
    rest = sorted(
        (lang for lang in table if lang.code != AUTO),
        key=lambda lang: collator.sortKey(label(lang)),
    )
    return auto + rest


def _blank_icon() -> QIcon:
    pixmap = QPixmap(ICON_SIZE)
    pixmap.fill(QColor(0, 0, 0, 0))
    return QIcon(pixmap)


class LanguagePicker(QComboBox):
    """Type to filter by English or native name or code; ``language_chosen`` carries the code."""

    language_chosen = Signal(str)

    def __init__(
        self, languages: list[Language], *, target: bool, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setMaxVisibleItems(20)
        self.setIconSize(ICON_SIZE)
        model = QStandardItemModel(self)
        speech, blank = themed_icon("speech"), _blank_icon()
        for language in sorted_by_name(languages):
            if target and language.source_only:
                continue
            item = QStandardItem(label(language))
            item.setData(language.code, CodeRole)
            item.setData(language.speech, SpeechRole)
            if target:
                item.setIcon(speech if language.speech else blank)
                item.setToolTip(
                    self.tr("%1 (%2): %3")
                    .replace("%1", name_of(language))
                    .replace("%2", language.code)
                    .replace("%3", translated(SPEECH_LEGEND))
                    if language.speech
                    else self.tr("%1 (%2): translated text only, no speech output")
                    .replace("%1", name_of(language))
                    .replace("%2", language.code)
                )
            else:
                item.setToolTip(f"{name_of(language)} ({language.code})")
            model.appendRow(item)
        self.setModel(model)
        self.view().setUniformItemSizes(True)  # type: ignore[attr-defined]  # a QListView
        search = QSortFilterProxyModel(self)
        search.setSourceModel(model)
        search.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer = QCompleter(search, self)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setCompleter(completer)
        self.activated.connect(self._on_activated)
        completer.activated[str].connect(self._on_completed)  # type: ignore[index]  # overloaded signal
        self._current = ""

    def codes(self) -> list[str]:
        return [str(self.itemData(i, CodeRole)) for i in range(self.count())]

    def code(self) -> str:
        return self._current

    def set_code(self, code: str) -> None:
        index = self.findData(code, CodeRole)
        if index < 0:
            primary = code.split("-")[0]
            index = self.findData(primary, CodeRole)
        if index >= 0:
            self.setCurrentIndex(index)
            self._current = str(self.itemData(index, CodeRole))
            self._show_start()

    def _show_start(self) -> None:
        """A narrow picker shows the start of the name ("Spanish — Esp…"), not its end."""
        line = self.lineEdit()
        if line is not None:
            line.setCursorPosition(0)

    def _on_activated(self, index: int) -> None:
        self._choose(str(self.itemData(index, CodeRole)))

    def _on_completed(self, text: str) -> None:
        index = self.findText(text)
        if index >= 0:
            self.setCurrentIndex(index)
            self._choose(str(self.itemData(index, CodeRole)))

    def _choose(self, code: str) -> None:
        if code != self._current:
            self._current = code
            self.language_chosen.emit(code)


def speech_legend(parent: QWidget) -> QWidget:
    """The speaker icon and what it means, for beside the "to" picker."""
    legend = QWidget(parent)
    legend.setObjectName("speech_legend")
    layout = QHBoxLayout(legend)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(4)
    icon = QLabel(legend)
    icon.setPixmap(themed_icon("speech").pixmap(ICON_SIZE))
    text = QLabel(f"= {translated(SPEECH_LEGEND)}", legend)
    layout.addWidget(icon)
    layout.addWidget(text)
    layout.addStretch(1)
    legend.setToolTip(
        QCoreApplication.translate(
            "LanguagePicker",
            "Languages marked with the speaker can be spoken back; the others are translated to "
            "text only.",
        )
    )
    return legend
