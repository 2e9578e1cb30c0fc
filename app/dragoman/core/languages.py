"""The language table: which codes to offer, what to call them, which can be spoken back.

The table is data (``resources/languages.tsv``) rather than code because the service does not
publish its speech-output set: when it changes, the file changes, not the program. The server's
"not supported" error stays the authority; ``speech`` only decides what the UI offers up front.
This module parses text; :mod:`dragoman.resources` finds and reads the file.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final

AUTO: Final = "auto"
REQUIRED_COLUMNS: Final = ("code", "english", "native", "speech")
OPTIONAL_COLUMNS: Final = ("source_only",)
_FLAGS: Final = {"yes": True, "no": False}
# BCP-47 shaped enough for our table: a 2-3 letter primary subtag and optional subtags.
_CODE: Final = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")


@dataclass(frozen=True, slots=True)
class Language:
    """One row of the table; ``source_only`` marks entries (``auto``) that cannot be a target."""

    code: str
    english: str
    native: str
    speech: bool
    source_only: bool = False

    @property
    def primary(self) -> str:
        """The primary subtag ("pt" for "pt-BR"), which decides speech output."""
        return primary_subtag(self.code)

    @property
    def label(self) -> str:
        """ "German (Deutsch)"; just the English name when the two are the same."""
        if self.native == self.english:
            return self.english
        return f"{self.english} ({self.native})"


def primary_subtag(code: str) -> str:
    return code.strip().replace("_", "-").split("-", 1)[0].lower()


def parse_language_table(text: str, *, source: str = "languages.tsv") -> list[Language]:
    """Rows in file order; raises ``ValueError`` naming ``source`` and the line for bad input.

    A broken table is a packaging bug, not something a user can fix, hence ``ValueError`` rather
    than ``UsageError``. Blank lines and lines starting with ``#`` are skipped.
    """
    languages: list[Language] = []
    seen: dict[str, int] = {}
    header: tuple[str, ...] | None = None
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.rstrip("\r")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cells = tuple(cell.strip() for cell in line.split("\t"))
        where = f"{source} line {number}"
        if header is None:
            header = _check_header(cells, where)
            continue
        if not len(REQUIRED_COLUMNS) <= len(cells) <= len(header):
            raise ValueError(
                f"{where}: expected {len(REQUIRED_COLUMNS)} to {len(header)} tab-separated "
                f"columns, found {len(cells)}"
            )
        language = _row(cells, where)
        key = language.code.lower()
        if key in seen:
            raise ValueError(
                f"{where}: language code {language.code!r} already appears on line {seen[key]}"
            )
        seen[key] = number
        languages.append(language)
    if header is None:
        raise ValueError(f"{source}: the table is empty (no header line)")
    return languages


def _check_header(cells: tuple[str, ...], where: str) -> tuple[str, ...]:
    expected_full = REQUIRED_COLUMNS + OPTIONAL_COLUMNS
    if cells not in (REQUIRED_COLUMNS, expected_full):
        raise ValueError(
            f"{where}: the header must be {' / '.join(REQUIRED_COLUMNS)} (optionally followed by "
            f"{' / '.join(OPTIONAL_COLUMNS)}), found {' / '.join(cells)}"
        )
    return cells


def _row(cells: tuple[str, ...], where: str) -> Language:
    code, english, native, speech = cells[:4]
    source_only = cells[4] if len(cells) > 4 else "no"
    if code != AUTO and not _CODE.match(code):
        raise ValueError(f"{where}: {code!r} is not a language code like 'de' or 'pt-BR'")
    if not english or not native:
        raise ValueError(f"{where}: the English and native names must not be empty")
    for column, value in (("speech", speech), ("source_only", source_only)):
        if value not in _FLAGS:
            raise ValueError(f"{where}: {column} must be 'yes' or 'no', found {value!r}")
    return Language(
        code=code,
        english=english,
        native=native,
        speech=_FLAGS[speech],
        source_only=_FLAGS[source_only],
    )


def find(code: str, languages: Iterable[Language]) -> Language | None:
    """The entry for ``code``; failing an exact match, the entry for its primary subtag.

    The fallback lets a regional code the table does not list ("pt-AO", "en_NZ" from a locale)
    still resolve to its language, so a setting or a detected language is never just dropped.
    """
    wanted = code.strip().replace("_", "-").lower()
    table = list(languages)
    for language in table:
        if language.code.lower() == wanted:
            return language
    primary = primary_subtag(wanted)
    for language in table:
        if language.code.lower() == primary:
            return language
    return None


def speech_output(code: str, languages: Iterable[Language]) -> bool:
    """Whether the service is expected to speak ``code``, judged by its primary subtag.

    Speech output is a property of the language, not the region: "pt-AO" speaks if "pt" does.
    """
    primary = primary_subtag(code)
    return any(lang.speech for lang in languages if lang.code.lower() == primary)


def targets(languages: Iterable[Language]) -> list[Language]:
    """Entries that can be a translation target (everything except source-only ones)."""
    return [lang for lang in languages if not lang.source_only]


def nearest(wanted: str, languages: Iterable[Language], *, most: int = 3) -> list[Language]:
    """The entries ``wanted`` most likely meant, best first, for an "unknown language" message.

    Each entry scores its best likeness (``difflib``) to the code, the English name or the native
    name ("dee" → de, "Germn" → German, "deutsch" → de); a name typed in part ("portug") counts
    as a near-perfect match.  Ties go to the shorter code, and a region of a language already
    offered is left out, so "German" gives de rather than de, de-AT and de-CH.
    """
    text = wanted.strip().replace("_", "-").lower()
    scored: list[tuple[float, int, str, Language]] = []
    for lang in languages:
        if lang.code == AUTO:
            continue
        names = (lang.code.lower(), lang.english.lower(), lang.native.lower())
        score = max(difflib.SequenceMatcher(None, text, name).ratio() for name in names)
        if len(text) >= 3 and any(name.startswith(text) for name in names[1:]):
            score = max(score, 0.95)
        if score >= (0.5 if len(text) <= 3 else 0.6):  # two letters share at most one
            scored.append((-score, len(lang.code), lang.code, lang))
    scored.sort(key=lambda row: row[:3])
    found: list[Language] = []
    for *_, lang in scored:
        if lang.primary not in {f.primary for f in found}:
            found.append(lang)
    return found[:most]
