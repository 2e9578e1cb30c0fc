"""The language table: the shipped file, the parser's refusals, lookups and resource location."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from dragoman.core.languages import (
    AUTO,
    Language,
    find,
    parse_language_table,
    primary_subtag,
    speech_output,
    targets,
)
from dragoman.resources import LANGUAGES_FILE, load_languages, resource_path

REPO = Path(__file__).resolve().parents[2]
SPEECH = {"en", "es", "fr", "de", "it", "pt", "ru", "ja", "ko", "zh"}
HEADER = "code\tenglish\tnative\tspeech\tsource_only\n"


# --- the shipped table -------------------------------------------------------------------------


def test_shipped_table_loads_with_unique_codes() -> None:
    languages = load_languages()
    codes = [lang.code for lang in languages]
    assert len(codes) >= 60
    assert len({c.lower() for c in codes}) == len(codes)
    assert languages is not load_languages()  # callers may sort their copy


def test_shipped_table_is_utf8_tab_separated_with_a_header() -> None:
    raw = (REPO / "resources" / LANGUAGES_FILE).read_bytes()
    text = raw.decode("utf-8")
    assert text.splitlines()[0] == HEADER.rstrip("\n")
    assert all(len(line.split("\t")) == 5 for line in text.splitlines())
    assert "Deutsch" in text and "日本語" in text


def test_speech_output_is_exactly_the_dubbing_set() -> None:
    for lang in load_languages():
        assert lang.speech == (lang.primary in SPEECH), lang.code
    assert {lang.primary for lang in load_languages() if lang.speech} == SPEECH


def test_auto_is_first_and_source_only() -> None:
    languages = load_languages()
    auto = languages[0]
    assert (auto.code, auto.english, auto.speech, auto.source_only) == (
        AUTO, "Detect automatically", False, True,
    )  # fmt: skip
    assert [lang.code for lang in languages if lang.source_only] == [AUTO]
    assert AUTO not in [lang.code for lang in targets(languages)]


@pytest.mark.parametrize("code", ["en", "en-US", "es", "fr", "de", "pt-BR", "zh-TW", "ja", "ko",
                                  "ar", "hi", "uk", "pl", "tr", "vi", "he", "sv"])  # fmt: skip
def test_common_languages_are_present(code: str) -> None:
    assert any(lang.code == code for lang in load_languages())


# --- lookups -----------------------------------------------------------------------------------


def test_find_exact_then_primary_subtag() -> None:
    languages = load_languages()
    assert find("pt-BR", languages) == next(x for x in languages if x.code == "pt-BR")
    assert find("PT-br", languages) == find("pt-BR", languages)
    assert find("pt_AO", languages) == next(x for x in languages if x.code == "pt")
    assert find("zh-Hant-HK", languages) == next(x for x in languages if x.code == "zh")
    assert find("xx", languages) is None
    assert find("auto", languages) == languages[0]


@pytest.mark.parametrize(
    ("code", "spoken"),
    [("en", True), ("en-US", True), ("en-NZ", True), ("pt_AO", True), ("ZH-tw", True),
     ("ja", True), ("nl", False), ("ar", False), ("auto", False), ("xx", False), ("", False)],
)  # fmt: skip
def test_speech_output_by_primary_subtag(code: str, spoken: bool) -> None:
    assert speech_output(code, load_languages()) is spoken


def test_primary_subtag_and_label() -> None:
    assert primary_subtag(" pt_BR ") == "pt"
    assert Language("de", "German", "Deutsch", True).label == "German (Deutsch)"
    assert Language("af", "Afrikaans", "Afrikaans", False).label == "Afrikaans"


# --- parser ------------------------------------------------------------------------------------


def test_parse_minimal_four_column_table() -> None:
    text = (
        "code\tenglish\tnative\tspeech\n# a comment\n\n"
        "de\tGerman\tDeutsch\tyes\r\nnl\tDutch\tNederlands\tno\n"
    )
    assert parse_language_table(text) == [
        Language("de", "German", "Deutsch", True, False),
        Language("nl", "Dutch", "Nederlands", False, False),
    ]


def test_parse_five_columns_where_the_last_is_optional_per_row() -> None:
    text = (
        HEADER
        + "auto\tDetect automatically\tDetect automatically\tno\tyes\nde\tGerman\tDeutsch\tyes\n"
    )
    auto, german = parse_language_table(text)
    assert auto.source_only and not german.source_only


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty"),
        ("# only a comment\n", "empty"),
        ("code,english,native,speech\n", "line 1: the header must be"),
        ("english\tcode\tnative\tspeech\n", "line 1: the header must be"),
        (HEADER + "de\tGerman\tDeutsch\n", "line 2: expected 4 to 5 tab-separated columns, found"),
        (HEADER + "de\tGerman\tDeutsch\tyes\tno\textra\n", "line 2: expected 4 to 5"),
        ("code\tenglish\tnative\tspeech\nde\tGerman\tDeutsch\tyes\tno\n", "expected 4 to 4"),
        (HEADER + "de\tGerman\tDeutsch\tmaybe\n", "line 2: speech must be 'yes' or 'no'"),
        (HEADER + "de\tGerman\tDeutsch\tyes\tsometimes\n", "source_only must be 'yes' or 'no'"),
        (HEADER + "German\tGerman\tDeutsch\tyes\n", "'German' is not a language code"),
        (HEADER + "de_DE\tGerman\tDeutsch\tyes\n", "'de_DE' is not a language code"),
        (HEADER + "de\t\tDeutsch\tyes\n", "line 2: the English and native names"),
        (HEADER + "pt-BR\tPortuguese\tPortuguês\tyes\n\npt-br\tPortuguese\tPortuguês\tyes\n",
         "line 4: language code 'pt-br' already appears on line 2"),
    ],
)  # fmt: skip
def test_parse_refuses_malformed_tables_naming_the_line(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=r"^langs\.tsv\b") as caught:
        parse_language_table(text, source="langs.tsv")
    assert message in str(caught.value)


# --- resource location -------------------------------------------------------------------------


def test_resource_path_in_the_source_tree() -> None:
    assert resource_path(LANGUAGES_FILE) == REPO / "resources" / LANGUAGES_FILE


def test_resource_path_prefers_the_wheel_layout(tmp_path: Path) -> None:
    package = tmp_path / "site" / "dragoman"
    (package / "resources").mkdir(parents=True)
    (package / "resources" / "x.txt").write_text("wheel")
    assert resource_path("x.txt", package_dir=package) == package / "resources" / "x.txt"


def test_resource_path_falls_back_to_the_checkout_layout(tmp_path: Path) -> None:
    package = tmp_path / "app" / "dragoman"
    package.mkdir(parents=True)
    (tmp_path / "resources").mkdir()
    (tmp_path / "resources" / "x.txt").write_text("checkout")
    assert resource_path("x.txt", package_dir=package) == tmp_path / "resources" / "x.txt"


def test_missing_resource_says_where_it_looked(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match=r"'nope\.txt' is missing") as caught:
        resource_path("nope.txt", package_dir=tmp_path / "a" / "dragoman")
    assert str(tmp_path / "a" / "dragoman" / "resources") in str(caught.value)


def test_installed_wheel_layout_imports_the_module_not_the_data_directory(tmp_path: Path) -> None:
    """A wheel holds both ``dragoman/resources.py`` and ``dragoman/resources/``: the module wins."""
    site = tmp_path / "site"
    shutil.copytree(REPO / "app" / "dragoman", site / "dragoman",
                    ignore=shutil.ignore_patterns("__pycache__"))  # fmt: skip
    shutil.copytree(REPO / "resources", site / "dragoman" / "resources")
    script = (
        "import dragoman.resources as r; "
        "print(r.__file__); print(r.resource_path('languages.tsv')); print(len(r.load_languages()))"
    )
    env = {**os.environ, "PYTHONPATH": str(site)}
    result = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True,
        cwd=tmp_path, timeout=60,
    )  # fmt: skip
    module_file, path, count = result.stdout.splitlines()
    assert module_file == str(site / "dragoman" / "resources.py")
    assert path == str(site / "dragoman" / "resources" / "languages.tsv")
    assert int(count) == len(load_languages())
