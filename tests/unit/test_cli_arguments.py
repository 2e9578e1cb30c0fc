"""Unknown language codes: a usage error naming the nearest languages; ``nearest`` itself."""

from __future__ import annotations

import pytest

from dragoman.cli.arguments import check_language
from dragoman.core.errors import UsageError
from dragoman.core.languages import nearest
from dragoman.resources import load_languages

TABLE = load_languages()


def codes(wanted: str) -> list[str]:
    return [lang.code for lang in nearest(wanted, TABLE)]


@pytest.mark.parametrize(
    ("wanted", "first"),
    [
        ("dee", "de"),  # a typo in the code
        ("German", "de"),  # the English name
        ("deutsch", "de"),  # the native name
        ("Germn", "de"),
        ("portug", "pt"),  # the start of a name
        ("español", "es"),
        ("frnch", "fr"),
        ("Japanse", "ja"),
    ],
)
def test_nearest_finds_what_was_meant_first(wanted: str, first: str) -> None:
    assert codes(wanted)[0] == first


def test_nearest_offers_a_language_once_not_each_of_its_regions() -> None:
    assert codes("German").count("de") == 1
    assert not {"de-AT", "de-CH", "de-DE"} & set(codes("German"))
    assert len(codes("dee")) <= 3


def test_nearest_never_offers_auto_and_may_offer_nothing() -> None:
    assert "auto" not in codes("aut")
    assert codes("qqqqqq") == []


@pytest.mark.parametrize("code", ["de", "pt-BR", "pt-AO", "en_NZ", "sw", "zh-TW"])
def test_known_codes_pass_unchanged(code: str) -> None:
    assert check_language(code, "--to") == code


def test_auto_only_where_it_is_allowed() -> None:
    assert check_language("auto", "--from", auto=True) == "auto"
    with pytest.raises(UsageError, match=r"--to cannot be 'auto'"):
        check_language("auto", "--to")


def test_an_unknown_code_is_a_usage_error_with_the_nearest_matches() -> None:
    with pytest.raises(UsageError) as caught:
        check_language("German", "--to")
    sentence = str(caught.value)
    assert sentence.startswith("Unknown language 'German' for --to: did you mean de (German)")
    assert "`dragoman languages`" in sentence
    assert caught.value.exit_code == 2


def test_an_unknown_code_without_near_matches_says_what_a_code_looks_like() -> None:
    with pytest.raises(UsageError, match=r"Unknown language 'qqqqqq' for --from: give a code "):
        check_language("qqqqqq", "--from", auto=True)
