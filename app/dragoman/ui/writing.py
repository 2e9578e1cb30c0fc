"""Whether this computer has a font for a piece of text's writing system.

The language pickers show each language's native name beside its English one. On a system with
few fonts (a container, a minimal install) the Devanagari, Tamil, Khmer ... names could only be
drawn as empty boxes, and laying each one out makes Qt look for a font that can shape the script
and warn, once per font it tries ("qt.text.font.db: OpenType support missing for ..., script
11"): some 170 lines at every start. Asking the font database which writing systems its fonts
cover costs nothing and lays nothing out, so text in a script no font covers is simply not shown.
"""

from __future__ import annotations

import functools
import unicodedata
from typing import Final

from PySide6.QtGui import QFontDatabase, QGuiApplication

_WS = QFontDatabase.WritingSystem
# The first word of a letter's Unicode name → the writing systems (any one will do) that draw it.
_SCRIPTS: Final[dict[str, tuple[QFontDatabase.WritingSystem, ...]]] = {
    "GREEK": (_WS.Greek,),
    "CYRILLIC": (_WS.Cyrillic,),
    "ARMENIAN": (_WS.Armenian,),
    "HEBREW": (_WS.Hebrew,),
    "ARABIC": (_WS.Arabic,),
    "SYRIAC": (_WS.Syriac,),
    "THAANA": (_WS.Thaana,),
    "DEVANAGARI": (_WS.Devanagari,),
    "BENGALI": (_WS.Bengali,),
    "GURMUKHI": (_WS.Gurmukhi,),
    "GUJARATI": (_WS.Gujarati,),
    "ORIYA": (_WS.Oriya,),
    "TAMIL": (_WS.Tamil,),
    "TELUGU": (_WS.Telugu,),
    "KANNADA": (_WS.Kannada,),
    "MALAYALAM": (_WS.Malayalam,),
    "SINHALA": (_WS.Sinhala,),
    "THAI": (_WS.Thai,),
    "LAO": (_WS.Lao,),
    "TIBETAN": (_WS.Tibetan,),
    "MYANMAR": (_WS.Myanmar,),
    "GEORGIAN": (_WS.Georgian,),
    "KHMER": (_WS.Khmer,),
    "HANGUL": (_WS.Korean,),
    "HIRAGANA": (_WS.Japanese,),
    "KATAKANA": (_WS.Japanese,),
    "CJK": (_WS.SimplifiedChinese, _WS.TraditionalChinese, _WS.Japanese),
}


@functools.cache
def available() -> frozenset[QFontDatabase.WritingSystem]:
    """The writing systems some installed font covers (read once: fonts rarely come mid-run)."""
    return frozenset(QFontDatabase.writingSystems())


def writing_systems(text: str) -> set[tuple[QFontDatabase.WritingSystem, ...]]:
    """For each script in ``text`` that needs more than Latin: the writing systems that draw it.

    Scripts without a writing system of their own in Qt (Ethiopic, say) are left out: nothing
    here can tell whether they will draw, so they are not refused.
    """
    needed: set[tuple[QFontDatabase.WritingSystem, ...]] = set()
    for char in text:
        if ord(char) < 0x250 or not unicodedata.category(char).startswith("L"):
            continue  # Latin letters, digits, punctuation, spaces
        script = unicodedata.name(char, "").split(" ", 1)[0]
        if script in _SCRIPTS:
            needed.add(_SCRIPTS[script])
    return needed


def drawable(text: str) -> bool:
    """Whether the fonts here cover every script of ``text`` (True before a QGuiApplication
    exists: there is no font database to ask yet, and nothing is drawn either)."""
    needed = writing_systems(text)
    if not needed or QGuiApplication.instance() is None:
        return True
    have = available()
    return all(any(system in have for system in choices) for choices in needed)
