"""Which UI language is chosen, and the core's translatable texts (dragoman.core.i18n)."""

from __future__ import annotations

import pickle

import pytest

from dragoman.core.banners import for_error, for_reconnecting, sentence
from dragoman.core.errors import AudioDeviceError, AuthError
from dragoman.core.events import Reconnecting
from dragoman.core.i18n import QT_TRANSLATE_NOOP, Text, choose_language, fill, joined
from dragoman.core.pinch import close_decision
from dragoman.core.settings import DEFAULTS, from_strings, with_value


@pytest.mark.parametrize(
    ("setting", "environ", "ui_languages", "chosen"),
    [
        ("de", {"LANGUAGE": "fr", "LANG": "es_ES.UTF-8"}, [], "de"),  # the setting wins
        ("en", {"LANGUAGE": "de"}, [], "en"),
        ("system", {"LANGUAGE": "de"}, [], "de"),
        ("system", {"LANGUAGE": "de", "LANG": "C.UTF-8"}, [], "de"),  # containers: LANG=C
        ("system", {"LANGUAGE": "pt_BR:fr:de"}, [], "fr"),  # the first we have
        ("system", {"LANGUAGE": "pt_BR:en:de"}, [], "en"),  # English named before German
        ("system", {"LANGUAGE": "pt_BR", "LANG": "es_MX.UTF-8"}, [], "es"),
        ("system", {"LC_ALL": "fr_CA.UTF-8", "LANG": "de_DE.UTF-8"}, [], "fr"),
        ("system", {"LC_MESSAGES": "de_AT@euro", "LANG": "fr_FR"}, [], "de"),
        ("system", {"LANG": "C.UTF-8"}, ["de-DE"], "en"),  # C: no translation, not the desktop's
        ("system", {"LANG": "POSIX"}, [], "en"),
        ("system", {"LANG": "ja_JP.UTF-8"}, [], "en"),  # no catalogue: English, whole
        ("system", {}, ["es-419", "en-US"], "es"),  # no variables: the desktop's list
        ("system", {}, ["ja-JP", "fr-FR"], "fr"),
        ("system", {}, [], "en"),
    ],
)
def test_choose_language(
    setting: str, environ: dict[str, str], ui_languages: list[str], chosen: str
) -> None:
    assert choose_language(setting, environ, ui_languages) == chosen


def test_ui_language_is_a_lenient_setting() -> None:
    assert DEFAULTS.ui_language == "system"
    assert from_strings({"ui_language": "fr"}).settings.ui_language == "fr"
    damaged = from_strings({"ui_language": "klingon"})
    assert damaged.settings.ui_language == "system" and damaged.problems
    assert with_value(DEFAULTS, "ui_language", "de").ui_language == "de"


def test_a_text_is_its_english_sentence_and_keeps_its_message() -> None:
    text = QT_TRANSLATE_NOOP("banners", "Reconnecting in %1 s… %2").arg(3, "lost")
    assert text == "Reconnecting in 3 s… lost" and isinstance(text, str)
    assert (text.context, text.source, text.args) == (
        "banners",
        "Reconnecting in %1 s… %2",
        ("3", "lost"),
    )
    assert pickle.loads(pickle.dumps(text)) == text
    assert pickle.loads(pickle.dumps(text)).args == ("3", "lost")


def test_fill_replaces_each_placeholder_once_in_any_order() -> None:
    assert fill("%2 then %1, %2 again", ["a", "b"]) == "b then a, b again"
    assert fill("%1 and %2", ["%2", "x"]) == "%2 and x"  # a value is never filled again
    assert fill("%1 and %3", ["a"]) == "a and %3"


def test_joined_parts_stay_translatable() -> None:
    parts = [Text("Latency", "send %1 ms", ("12",)), Text("Latency", "voice %1 ms", ("80",))]
    together = joined(" · ", parts)
    assert together == "send 12 ms · voice 80 ms"
    assert together.args == tuple(parts) and all(isinstance(a, Text) for a in together.args)


def test_banners_keep_the_message_of_a_text_error() -> None:
    error = AudioDeviceError(QT_TRANSLATE_NOOP("banners", "No microphone was found."))
    assert isinstance(sentence(error), Text)
    assert isinstance(for_error(error).text, Text)
    assert isinstance(for_error(error).action_label, Text)
    plain = AuthError("No key.")
    assert sentence(plain) == "No key." and not isinstance(sentence(plain), Text)
    banner = for_reconnecting(Reconnecting(attempt=2, delay=4.0, reason="socket closed"))
    assert banner.text == "Reconnecting in 4 s… socket closed"
    assert isinstance(banner.text, Text) and banner.text.source == "Reconnecting in %1 s… %2"


def test_the_reconnecting_banner_keeps_the_close_reason_translatable() -> None:
    reason = close_decision(1006).sentence
    assert isinstance(reason, Text) and reason == "The connection dropped; reconnecting."
    banner = for_reconnecting(Reconnecting(reason=reason, attempt=1, delay=2.0))
    assert isinstance(banner.text, Text) and banner.text.args[1] is reason
    assert close_decision(4000, "maintenance").sentence == (
        "The server closed the connection (code 4000: maintenance); reconnecting."
    )
