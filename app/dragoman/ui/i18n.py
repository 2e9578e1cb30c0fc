"""The desktop UI in the user's language: one complete catalogue, or none (English).

The catalogues are ``resources/i18n/dragoman_<code>.qm``, built from the ``.ts`` sources by
``pyside6-lrelease`` (packaging/i18n.sh, run by packaging/build.sh and tests/bootstrap.sh). Qt's own
catalogue for the same language (``qtbase_<code>.qm``: the standard buttons, a line edit's context
menu) is installed with it when Qt ships one. Only the desktop UI is translated: ``dragoman``'s
sub-commands speak English.
"""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import Mapping
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from dragoman.core.i18n import CATALOGUES, SOURCE_LANGUAGE, Text, choose_language, fill
from dragoman.resources import resource_path

log = logging.getLogger(__name__)

# Each language as it calls itself (the Settings picker shows these, untranslated).
LANGUAGE_NAMES = {"en": "English", "de": "Deutsch", "es": "Español", "fr": "Français"}


def catalogue_path(code: str) -> Path:
    """The built catalogue of ``code``; FileNotFoundError when it was not built."""
    return resource_path(f"i18n/dragoman_{code}.qm")


def translated(text: str) -> str:
    """``text`` in the UI's language: a core :class:`Text` is looked up in the catalogue and its
    arguments (translated in turn when they are Texts) fill %1, %2, …; any other string (a
    transcript, a device name, a sentence from a server) is shown as it is."""
    if not isinstance(text, Text):
        return text
    template = QCoreApplication.translate(text.context, text.source)
    return fill(template, (translated(value) for value in text.args))


class Installed:
    """The translators installed on the application (kept referenced: Qt does not own them)."""

    def __init__(
        self, language: str, translators: list[QTranslator], locale: QLocale | None = None
    ) -> None:
        self.language = language
        self.translators = translators
        self._previous_locale = locale  # the default locale before install() changed it

    def remove(self) -> None:
        """Back to what was before (tests switch languages within one process)."""
        for translator in self.translators:
            QCoreApplication.removeTranslator(translator)
        self.translators = []
        if self._previous_locale is not None:
            QLocale.setDefault(self._previous_locale)
            self._previous_locale = None


def install(setting: str, environ: Mapping[str, str] | None = None) -> Installed:
    """Chooses the UI language (:func:`dragoman.core.i18n.choose_language`) and installs its
    catalogue before any widget exists. A catalogue that is missing or unreadable leaves the UI
    in English, whole: never half translated. The locale used for sorting and numbers follows
    the chosen language."""
    language = choose_language(
        setting,
        os.environ if environ is None else environ,
        QLocale.system().uiLanguages(),
        CATALOGUES,
    )
    app = QCoreApplication.instance()
    own = QTranslator(app)
    if language == SOURCE_LANGUAGE:
        # English is the source: its catalogue holds only the plural forms ("%n minute(s)").
        with contextlib.suppress(FileNotFoundError):
            if own.load(str(catalogue_path(SOURCE_LANGUAGE))):
                QCoreApplication.installTranslator(own)
                return Installed(SOURCE_LANGUAGE, [own])
        return Installed(SOURCE_LANGUAGE, [])
    try:
        path = catalogue_path(language)
    except FileNotFoundError as error:
        log.warning("UI language %s: %s; the UI stays in English", language, error)
        return Installed(SOURCE_LANGUAGE, [])
    if not own.load(str(path)):
        log.warning("UI language %s: %s cannot be read; the UI stays in English", language, path)
        return Installed(SOURCE_LANGUAGE, [])
    translators = [own]
    qt = QTranslator(app)
    if qt.load(f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        translators.append(qt)
    for translator in translators:
        QCoreApplication.installTranslator(translator)
    previous = QLocale()
    QLocale.setDefault(QLocale(language))
    log.info("UI language: %s (%s)", language, path)
    return Installed(language, translators, previous)
