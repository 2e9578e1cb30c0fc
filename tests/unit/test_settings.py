"""The settings model and its store: round trips, lenient loading, damaged files."""

from __future__ import annotations

from dataclasses import fields, replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dragoman.core.settings import DEFAULTS, MAX_RECENT_PAIRS, Settings, from_strings, to_strings
from dragoman.store.settings import SettingsStore

LANGUAGE_CODES = st.from_regex(
    r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})?|auto|multi-south-indic", fullmatch=True
)


def test_defaults_round_trip_through_text() -> None:
    assert from_strings(to_strings(DEFAULTS)).settings == DEFAULTS


@given(
    preroll=st.integers(0, 2000),
    volume=st.floats(0, 2, allow_nan=False),
    hotkey=st.text(st.characters(blacklist_categories=("Cc", "Cs")), min_size=1, max_size=20),
    flag=st.booleans(),
    pairs=st.lists(st.tuples(LANGUAGE_CODES, LANGUAGE_CODES), max_size=MAX_RECENT_PAIRS),
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


# --- settings that would stop the app from starting (issue 15, item 11) --------------------------


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("recent_pairs", "[" * 100_000),
        ("recent_pairs", "[" * 3000 + "]" * 3000),
        ("recent_pairs", '[["en", "de\\u0000"]]'),
        ("pinch_url", "http://[::1"),
        ("pulse_url", "wss://api.smallest.ai:99999"),
        ("pinch_url", "http://example.com"),
        ("context", "x" * 200_000),
        ("hotkey", "F9\x00"),
        ("input_device", "\ud83d"),
        ("source_language", "en\nde"),
        ("preroll_ms", "9" * 5000),
        ("call_volume", "inf"),
    ],
)
def test_values_that_would_stop_the_app_are_defaulted_and_reported(key: str, value: str) -> None:
    result = from_strings({key: value, "hotkey" if key != "hotkey" else "tail_ms": "F10"})
    assert getattr(result.settings, key) == getattr(DEFAULTS, key)
    assert len(result.problems) >= 1 and result.problems[0].startswith(key)
    assert len(result.problems[0]) < 80


def test_a_refused_url_setting_is_reported_redacted() -> None:
    result = from_strings({"pinch_url": "http://[::1/?token=SECRET"})
    assert result.problems == ("pinch_url='http://[::1/?token=***'",)


@pytest.mark.parametrize(
    ("key", "value", "match"),
    [
        ("pinch_url", "http://[::1", "no valid host"),
        ("pinch_url", "https://h:99999", "no valid port"),
        ("pulse_url", "http://example.com", "unencrypted"),
        ("recent_pairs", "[" * 100_000, "too long"),
        ("recent_pairs", "[" * 2000, "not a JSON list"),
        ("context", "x" * 70_000, "too long"),
        ("source_language", "e n", "not a language code"),
    ],
)
def test_dragoman_set_refuses_them_with_a_reason(key: str, value: str, match: str) -> None:
    from dragoman.core.errors import UsageError
    from dragoman.core.settings import with_value

    with pytest.raises(UsageError, match=match) as raised:
        with_value(Settings(), key, value)
    assert len(str(raised.value)) < 300


def test_urls_and_language_codes_that_work_are_kept() -> None:
    raw = {
        "pinch_url": "https://pinch.example.com/base",
        "pulse_url": "ws://127.0.0.1:8765/waves/v1/pulse/get_text",
        "source_language": "auto",
        "target_language": "zh-Hant",
        "recent_pairs": '[["multi-south-indic", "en"], ["pt-BR", "es"]]',
        "context": "Zoë, ACME\nβ-test\tQ3",
    }
    result = from_strings(raw)
    assert result.problems == ()
    assert result.settings.pulse_url == raw["pulse_url"]
    assert result.settings.recent_pairs == (("multi-south-indic", "en"), ("pt-BR", "es"))


@pytest.mark.parametrize(
    "content",
    [
        "[dragoman]\nrecent_pairs=" + "[" * 50_000 + "\nhotkey=F8\n",
        "[dragoman]\npinch_url=http://[::1\nhotkey=F8\n",
        "[dragoman]\ncontext=" + "x" * 200_000 + "\nhotkey=F8\n",
    ],
    ids=["nested-pairs", "broken-url", "huge-context"],
)
def test_a_file_with_such_values_loads_with_a_notice_and_is_repaired(
    tmp_path: Path, content: str
) -> None:
    path = tmp_path / "dragoman.conf"
    path.write_text(content)
    loaded = SettingsStore(path).load()
    assert loaded.settings.hotkey == "F8"
    assert loaded.notice is not None and "reset to their defaults" in loaded.notice
    (backup,) = tmp_path.glob("dragoman.conf.bad-*")
    assert backup.read_text() == content and str(backup) in loaded.notice
    again = SettingsStore(path).load()  # the defaults were written back: no notice every start
    assert again.notice is None and again.settings == loaded.settings


@pytest.mark.parametrize(
    "content",
    [
        bytes(range(256)) * 16,
        b"\x89PNG\r\n\x1a\n" + bytes(200),
        "[dragoman]\nhotkey=F8\n".encode("utf-16"),
        b"hello world\nthis is not a settings file\n",
        b"[dragoman]\nhotkey=F8\n" + b"x" * (2 * 1024 * 1024),
    ],
    ids=["random", "png", "utf-16", "prose", "huge"],
)
def test_a_file_of_garbage_is_set_aside_with_the_promised_notice(
    tmp_path: Path, content: bytes
) -> None:
    path = tmp_path / "dragoman.conf"
    path.write_bytes(content)
    loaded = SettingsStore(path).load()
    assert loaded.settings == DEFAULTS
    assert loaded.notice is not None and "could not be read" in loaded.notice
    (backup,) = tmp_path.glob("dragoman.conf.bad-*")
    assert backup.read_bytes() == content and str(backup) in loaded.notice
    assert not path.exists()
    SettingsStore(path).save(DEFAULTS)
    assert SettingsStore(path).load().notice is None


def test_a_file_that_cannot_be_set_aside_still_loads_with_a_notice(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    path = folder / "dragoman.conf"
    path.write_bytes(b"\x00\x01\x02 binary")
    folder.chmod(0o500)
    try:
        loaded = SettingsStore(path).load()
    finally:
        folder.chmod(0o700)
    assert loaded.settings == DEFAULTS and loaded.notice is not None
    assert "could not be kept aside" in loaded.notice or "kept as" in loaded.notice


def test_a_hand_written_list_value_is_read_as_text(tmp_path: Path) -> None:
    path = tmp_path / "dragoman.conf"
    path.write_text("[dragoman]\ncontext=Alice, Bob\n")
    assert SettingsStore(path).load().settings.context == "Alice, Bob"


@settings(max_examples=300)
@given(
    st.dictionaries(
        st.sampled_from([f.name for f in fields(Settings)]),
        st.one_of(
            st.text(max_size=60),
            st.sampled_from(["[" * 5000, "x" * 300_000, "http://[::1", "1e999", "nan", "-0"]),
        ),
    )
)
def test_fuzz_loading_never_raises_and_editing_raises_only_usage_error(raw: dict[str, str]) -> None:
    from dragoman.core.errors import UsageError
    from dragoman.core.settings import with_value

    result = from_strings(raw)
    assert from_strings(to_strings(result.settings)).problems == ()
    for name, text in raw.items():
        try:
            with_value(result.settings, name, text)
        except UsageError:
            pass
