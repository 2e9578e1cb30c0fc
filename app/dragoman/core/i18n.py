"""Texts the pure core hands to the desktop UI, kept translatable without Qt.

The core writes English source strings; the desktop UI shows them in the user's language through
Qt's catalogues (``dragoman.ui.i18n.translated``). A source string is marked with
:func:`QT_TRANSLATE_NOOP` (Qt's own name, so ``pyside6-lupdate`` extracts it into the ``.ts``
catalogues) and its runtime values are passed as arguments to :meth:`Text.arg`, never formatted
into it: the catalogue holds one message ("%1" where a value goes) and each language may put the
values where its grammar wants them.

A :class:`Text` *is* the English sentence (a ``str`` with the values filled in), so logs,
``dragoman status``, the CLI and every existing comparison keep working; the UI alone looks
inside it to translate. Which UI language to use is :func:`choose_language`'s decision.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from typing import Final

# The desktop UI's catalogues (resources/i18n/dragoman_<code>.qm); English is the source language.
CATALOGUES: Final = ("de", "es", "fr")
SOURCE_LANGUAGE: Final = "en"
_PLACEHOLDER: Final = re.compile(r"%(\d)")


class Text(str):
    """An English UI sentence that remembers its catalogue message and arguments.

    ``context`` and ``source`` name the message in the catalogue; ``args`` replace %1, %2, … in
    order (an argument may itself be a :class:`Text`, translated in turn).
    """

    __slots__ = ("args", "context", "source")
    context: str
    source: str
    args: tuple[str, ...]

    def __new__(cls, context: str, source: str, args: tuple[str, ...] = ()) -> Text:
        self = super().__new__(cls, fill(source, args))
        self.context = context
        self.source = source
        self.args = args
        return self

    def arg(self, *values: object) -> Text:
        """This message with ``values`` for %1, %2, … (``str()`` of each, unless a Text)."""
        return Text(
            self.context,
            self.source,
            self.args + tuple(v if isinstance(v, str) else str(v) for v in values),
        )

    def __repr__(self) -> str:
        return f"Text({self.context!r}, {self.source!r}, args={self.args!r})"

    def __reduce__(self) -> tuple[Callable[..., Text], tuple[str, str, tuple[str, ...]]]:
        return (Text, (self.context, self.source, self.args))


def QT_TRANSLATE_NOOP(context: str, source: str) -> Text:
    """Marks ``source`` for the catalogue under ``context`` (Qt's name, so lupdate finds it);
    translated only where it is shown."""
    return Text(context, source)


def fill(template: str, args: Iterable[str]) -> str:
    """``template`` with %1…%9 replaced by ``args`` in one pass (a value that contains "%2" is
    never replaced again, unlike chained ``str.replace``)."""
    values = tuple(args)

    def value(match: re.Match[str]) -> str:
        index = int(match.group(1)) - 1
        return values[index] if 0 <= index < len(values) else match.group(0)

    return _PLACEHOLDER.sub(value, template)


def _language_of(locale_name: str) -> str:
    """ "de_DE.UTF-8" / "de-AT" / "fr" → "de" / "de" / "fr"; "C", "POSIX", "" → ""."""
    name = locale_name.strip().split(".", 1)[0].split("@", 1)[0]
    if name in ("", "C", "POSIX"):
        return ""
    return name.replace("-", "_").split("_", 1)[0].lower()


def choose_language(
    setting: str,
    environ: Mapping[str, str],
    ui_languages: Iterable[str] = (),
    available: Iterable[str] = CATALOGUES,
) -> str:
    """The one UI language to use: a catalogue code from ``available``, or "en" (no catalogue).

    ``setting`` other than "system" wins. "system" follows the environment: the LANGUAGE list
    (first entry we have, or English when it names English first; unlike gettext, also under a
    "C" locale, as containers and CI often run with LANG=C.UTF-8), else the first of LC_ALL,
    LC_MESSAGES, LANG that is set ("C"/"POSIX" mean English); without any of them, the desktop's
    UI languages (``QLocale.system().uiLanguages()``, e.g. on macOS and Windows). A language we
    have no catalogue for is skipped; never a mix: one catalogue or none.
    """
    have = set(available)
    if setting != "system":
        return setting if setting in have else SOURCE_LANGUAGE
    locale_var = next(
        (environ[name] for name in ("LC_ALL", "LC_MESSAGES", "LANG") if environ.get(name)), None
    )
    candidates: list[str] = [part for part in environ.get("LANGUAGE", "").split(":") if part]
    if locale_var is not None:
        candidates.append(locale_var)
    else:
        candidates.extend(ui_languages)
    for candidate in candidates:
        code = _language_of(candidate)
        if code == SOURCE_LANGUAGE or code in have:
            return code
    return SOURCE_LANGUAGE


def joined(separator: str, parts: Iterable[str]) -> Text:
    """``parts`` joined by ``separator`` (at most nine), each still translated where shown: a
    message that is not in any catalogue, so only its parts change with the language."""
    values = tuple(parts)
    if len(values) > 9:
        raise ValueError("at most nine parts")
    template = separator.join(f"%{i}" for i in range(1, len(values) + 1))
    return Text("", template, values)
