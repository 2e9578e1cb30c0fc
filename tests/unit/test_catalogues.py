"""The translation catalogues (resources/i18n/*.ts) are complete, current and well formed.

A catalogue with an unfinished, obsolete or empty entry, a translation whose %1/%n placeholders
differ from its source, or a menu text that lost (or doubled) its mnemonic fails here; so does
a string marked in the code that a catalogue lacks (run ``python packaging/i18n.py``, then
translate what it added). Strings no longer in the code are dropped by that same run.
"""

from __future__ import annotations

import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

import pytest

from dragoman.core.i18n import CATALOGUES

ROOT = Path(__file__).resolve().parents[2]
I18N = ROOT / "resources" / "i18n"
PLACEHOLDER = re.compile(r"%(?:\d|n|v)")
sys.path.insert(0, str(ROOT / "packaging"))
import i18n as build  # noqa: E402 - packaging/i18n.py, the script that makes the catalogues

# Plural forms per catalogue (Qt's rules for the language): German, Spanish, French have two.
NUMERUS_FORMS = {"de": 2, "es": 2, "fr": 2, "en": 2}


@dataclass(frozen=True)
class Entry:
    context: str
    source: str
    kind: str  # "" (finished), "unfinished", "obsolete", "vanished"
    forms: tuple[str, ...]  # one translation, or the plural forms
    numerus: bool


def entries(path: Path) -> list[Entry]:
    found = []
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None
            numerus = message.get("numerus") == "yes"
            forms = (
                tuple(form.text or "" for form in translation.iter("numerusform"))
                if numerus
                else (translation.text or "",)
            )
            found.append(
                Entry(
                    name,
                    message.findtext("source") or "",
                    translation.get("type", ""),
                    forms,
                    numerus,
                )
            )
    return found


def mnemonics(text: str) -> int:
    return len(re.findall(r"&(?!&|amp;)", text.replace("&&", "")))


@pytest.mark.parametrize("code", CATALOGUES)
def test_every_entry_is_finished_with_the_same_placeholders_and_one_mnemonic(code: str) -> None:
    problems = []
    found = entries(I18N / f"dragoman_{code}.ts")
    assert len(found) > 300, "the catalogue is nearly empty"
    for entry in found:
        where = f"{entry.context}: {entry.source!r}"
        if entry.kind:
            problems.append(f"{entry.kind}: {where}")
            continue
        if not all(form.strip() for form in entry.forms):
            problems.append(f"empty: {where}")
            continue
        if entry.numerus and len(entry.forms) != NUMERUS_FORMS[code]:
            problems.append(f"{len(entry.forms)} plural forms: {where}")
        wanted = sorted(set(PLACEHOLDER.findall(entry.source)))
        for form in entry.forms:
            if sorted(set(PLACEHOLDER.findall(form))) != wanted:
                problems.append(f"placeholders {wanted} differ in {form!r}: {where}")
            if mnemonics(form) != mnemonics(entry.source):
                problems.append(f"mnemonic lost or doubled in {form!r}: {where}")
    assert not problems, "\n".join(problems)


def test_the_english_catalogue_has_the_plural_forms_only() -> None:
    found = entries(I18N / "dragoman_en.ts")
    assert found and all(entry.numerus for entry in found)
    for entry in found:
        assert not entry.kind and all(entry.forms), entry
        assert "(s)" in entry.source and not any("(s)" in form for form in entry.forms)


def test_the_checks_catch_a_broken_catalogue(tmp_path: Path) -> None:
    """The checks above can fail: an unfinished entry, a lost %1, a lost mnemonic."""
    broken = tmp_path / "broken.ts"
    broken.write_text(
        """<?xml version="1.0" encoding="utf-8"?><!DOCTYPE TS><TS version="2.1" language="de">
<context><name>X</name>
<message><source>&amp;Quit %1</source><translation>Beenden</translation></message>
<message><source>Ready</source><translation type="unfinished"></translation></message>
</context></TS>""",
        encoding="utf-8",
    )
    found = {entry.source: entry for entry in entries(broken)}
    assert found["Ready"].kind == "unfinished"
    quit_entry = found["&Quit %1"]
    assert mnemonics(quit_entry.source) == 1 and mnemonics(quit_entry.forms[0]) == 0
    assert PLACEHOLDER.findall(quit_entry.forms[0]) == []


def test_the_language_names_module_matches_the_language_table() -> None:
    assert build.NAMES_MODULE.read_text(encoding="utf-8") == build.language_names_module(), (
        "resources/languages.tsv changed: run python packaging/i18n.py"
    )


def test_every_string_marked_in_the_code_is_in_the_catalogues(tmp_path: Path) -> None:
    """lupdate over the code, into a scratch catalogue: nothing it finds may be missing from
    the shipped ones (a new self.tr string fails here until it is translated)."""
    scratch = tmp_path / "scratch.ts"
    subprocess.run(
        [
            build.tool("pyside6-lupdate"),
            "-locations",
            "none",
            *build.sources(),
            "-ts",
            str(scratch),
        ],
        check=True,
        cwd=ROOT,
        capture_output=True,
    )
    marked = entries(scratch)
    in_code = {(e.context, e.source) for e in marked}
    plurals = {(e.context, e.source) for e in marked if e.numerus}
    assert len(in_code) > 300 and plurals
    for code in (*CATALOGUES, "en"):
        have = {(e.context, e.source) for e in entries(I18N / f"dragoman_{code}.ts")}
        wanted = in_code if code != "en" else plurals
        missing = sorted(wanted - have)
        assert not missing, f"dragoman_{code}.ts lacks: {missing[:10]}"
