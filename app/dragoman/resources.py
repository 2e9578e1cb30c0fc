"""Locate the files under ``resources/`` whether Dragoman runs from a wheel or a source tree.

A wheel ships them inside the package as ``dragoman/resources/`` (hatch ``force-include``); a
checkout or an editable install keeps them at the repository root, two levels above the package.
Looking in both places, in that order, means no code path needs to know how it was installed.
(The directory ``dragoman/resources/`` has no ``__init__.py``, so the import system still resolves
``dragoman.resources`` to this module.)
"""

from __future__ import annotations

import functools
from pathlib import Path

from dragoman.core.languages import Language, parse_language_table

_PACKAGE_DIR = Path(__file__).resolve().parent

LANGUAGES_FILE = "languages.tsv"
PRIVACY_FILE = "privacy.md"


def _candidates(name: str, package_dir: Path) -> list[Path]:
    return [package_dir / "resources" / name, package_dir.parent.parent / "resources" / name]


def resource_path(name: str, *, package_dir: Path | None = None) -> Path:
    """The path of resource ``name``; ``FileNotFoundError`` lists every place looked in.

    ``package_dir`` exists for tests that lay out a wheel or a checkout in a temporary directory.
    """
    places = _candidates(name, package_dir or _PACKAGE_DIR)
    for place in places:
        if place.is_file():
            return place
    looked = ", ".join(str(p) for p in places)
    raise FileNotFoundError(f"Dragoman's resource file {name!r} is missing (looked in {looked})")


@functools.cache
def _languages() -> tuple[Language, ...]:
    path = resource_path(LANGUAGES_FILE)
    return tuple(parse_language_table(path.read_text(encoding="utf-8"), source=str(path)))


def load_languages() -> list[Language]:
    """The shipped language table, read once; a fresh list each call so callers may sort it."""
    return list(_languages())


def privacy_notes() -> str:
    """What is sent where (Markdown): the README's "Privacy" section and the setup wizard's
    "privacy notes" show this same text (a test keeps the two equal)."""
    return resource_path(PRIVACY_FILE).read_text(encoding="utf-8")
