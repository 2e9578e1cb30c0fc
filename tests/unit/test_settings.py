"""The settings model and its store: round trips, lenient loading, damaged files."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dragoman.core.settings import DEFAULTS, MAX_RECENT_PAIRS, Settings, from_strings, to_strings
from dragoman.store.settings import SettingsStore


def test_defaults_round_trip_through_text() -> None:
    assert from_strings(to_strings(DEFAULTS)).settings == DEFAULTS


@given(
    preroll=st.integers(0, 2000),
    volume=st.floats(0, 2, allow_nan=False),
    hotkey=st.text(min_size=1, max_size=20),
    flag=st.booleans(),
    pairs=st.lists(st.tuples(st.text(max_size=5), st.text(max_size=5)), max_size=MAX_RECENT_PAIRS),
)
def test_any_valid_settings_round_trip(
    preroll: int, volume: float, hotkey: str, flag: bool, pairs: list[tuple[str, str]]
) -> None:
    settings = replace(
        DEFAULTS,
        preroll_ms=preroll,
        call_volume=volume,
        hotkey=hotkey,
        two_way=flag,
        recent_pairs=tuple(pairs),
    )
    result = from_strings(to_strings(settings))
    assert result.settings == settings and result.problems == ()


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("preroll_ms", "abc"),
        ("preroll_ms", "99999"),
        ("call_volume", "nan"),
        ("two_way", "maybe"),
        ("voice", "clone"),
        ("engine", "other"),
        ("recent_pairs", "{"),
        ("recent_pairs", '{"a": 1}'),
        ("recent_pairs", '[["en"]]'),
    ],
)
def test_bad_values_fall_back_to_defaults_and_are_reported(key: str, value: str) -> None:
    result = from_strings({key: value, "hotkey": "F10"})
    assert getattr(result.settings, key) == getattr(DEFAULTS, key)
    assert result.settings.hotkey == "F10"
    assert len(result.problems) == 1 and result.problems[0].startswith(key)


def test_recent_pairs_and_swap() -> None:
    s = DEFAULTS.with_pair("en", "de").with_pair("fr", "en").with_pair("en", "de")
    assert s.recent_pairs == (("en", "de"), ("fr", "en"))
    assert (s.source_language, s.target_language) == ("en", "de")
    swapped = s.swapped()
    assert (swapped.source_language, swapped.target_language) == ("de", "en")
    assert Settings(source_language="auto").swapped().source_language == "auto"
    many = DEFAULTS
    for i in range(20):
        many = many.with_pair("en", f"x{i}")
    assert len(many.recent_pairs) == MAX_RECENT_PAIRS


def test_engine_settings_mapping() -> None:
    engine = Settings(voice="female", speech_output=False, context="").engine_settings()
    assert engine.voice == "female" and not engine.speech_output and engine.context is None


def test_store_round_trip(tmp_path: Path) -> None:
    store = SettingsStore(tmp_path / "dragoman.conf")
    assert store.load().settings == DEFAULTS
    changed = replace(DEFAULTS.with_pair("en", "ja"), preroll_ms=450, hotkey="Ctrl+Shift+Space")
    store.save(changed)
    loaded = SettingsStore(tmp_path / "dragoman.conf").load()
    assert loaded.settings == changed and loaded.notice is None


def test_unparseable_file_gives_defaults_a_backup_and_a_notice(tmp_path: Path) -> None:
    path = tmp_path / "dragoman.conf"
    path.write_bytes(b"\x00\xff garbage [[[\n=\n[General\nkey")
    loaded = SettingsStore(path).load()
    assert loaded.settings == DEFAULTS
    assert loaded.notice is not None and "could not be read" in loaded.notice
    (backup,) = tmp_path.glob("dragoman.conf.bad-*")
    assert backup.read_bytes().startswith(b"\x00\xff garbage")
    assert str(backup) in loaded.notice
    SettingsStore(path).save(DEFAULTS)  # and the app can write a fresh file
    assert SettingsStore(path).load().notice is None


def test_bad_values_are_reset_with_a_notice_and_a_copy(tmp_path: Path) -> None:
    path = tmp_path / "dragoman.conf"
    path.write_text("[dragoman]\npreroll_ms=lots\nhotkey=F8\n")
    loaded = SettingsStore(path).load()
    assert loaded.settings.preroll_ms == 300 and loaded.settings.hotkey == "F8"
    assert loaded.notice is not None and "preroll_ms" in loaded.notice
    assert len(list(tmp_path.glob("dragoman.conf.bad-*"))) == 1


def test_with_value_sets_one_field_from_text() -> None:
    from dragoman.core.errors import UsageError
    from dragoman.core.settings import with_value

    s = with_value(Settings(), "ptt_mode", "toggle")
    assert s.ptt_mode == "toggle" and with_value(s, "call_volume", "0.5").call_volume == 0.5
    assert with_value(s, "create_virtual_mic", "true").create_virtual_mic is True
    with pytest.raises(UsageError, match="one of hold, toggle, hybrid"):
        with_value(s, "ptt_mode", "sometimes")
    with pytest.raises(UsageError, match="from 5 to 3600"):
        with_value(s, "max_utterance_s", "2")
    with pytest.raises(UsageError, match="no setting called"):
        with_value(s, "api_key", "x")
