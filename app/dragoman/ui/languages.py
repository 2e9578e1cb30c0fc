"""Searchable language pickers: English and native names, speech-output languages marked."""

from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QComboBox, QCompleter, QWidget

from dragoman.core.languages import Language
from dragoman.ui.icons import state_icon

CodeRole = Qt.ItemDataRole.UserRole + 1
SpeechRole = Qt.ItemDataRole.UserRole + 2


def label(language: Language) -> str:
    name = language.english
    if language.native and language.native != language.english:
        name += f" — {language.native}"
    return name


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
        model = QStandardItemModel(self)
        speech = state_icon("speech")  # marks languages the service can speak
        for language in languages:
            if target and language.source_only:
                continue
            item = QStandardItem(label(language))
            item.setData(language.code, CodeRole)
            item.setData(language.speech, SpeechRole)
            if language.speech:
                item.setIcon(speech)
            item.setToolTip(
                f"{language.code}: speech output available"
                if language.speech
                else f"{language.code}: translated text only (no speech output)"
            )
            model.appendRow(item)
        self.setModel(model)
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
