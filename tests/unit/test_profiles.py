"""Per-call profiles (issue 17): saved, loaded back, switched, and a damaged store handled."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from dragoman.core import profiles
from dragoman.core.errors import UsageError
from dragoman.core.profiles import Profile
from dragoman.core.settings import DEFAULTS, from_strings, to_strings, with_value
from dragoman.store.settings import SettingsStore

CALL = replace(
    DEFAULTS,
    source_language="en",
    target_language="de",
    voice="female",
    ptt_mode="toggle",
    call_output="Dragoman Microphone",
    monitor_output="",
    call_volume=0.8,
    meeting_mode=True,
)


def test_save_current_as_takes_every_profile_setting_and_makes_it_active() -> None:
    saved = profiles.saved_as(CALL, "  Team   call ")
    (profile,) = saved.profiles
    assert profile == Profile(
        name="Team call",
        source_language="en",
        target_language="de",
        voice="female",
        speech_output=True,
        ptt_mode="toggle",
        call_output="Dragoman Microphone",
        monitor_output="",
        call_volume=0.8,
        monitor_volume=1.0,
        meeting_mode=True,
    )
    assert saved.active_profile == "Team call"
    # Saving again under the same name (any case) replaces it, it does not add one.
    again = profiles.saved_as(replace(saved, voice="male"), "team CALL")
    assert [p.name for p in again.profiles] == ["team CALL"] and again.profiles[0].voice == "male"


def test_applying_a_profile_sets_its_values_and_leaves_the_rest() -> None:
    two = profiles.saved_as(profiles.saved_as(CALL, "German call"), "Solo")
    solo = replace(profiles.find(two.profiles, "Solo") or Profile("x"), target_language="fr")
    two = replace(two, profiles=(two.profiles[0], solo), hotkey="F7", context="medical")
    back = profiles.applied(two, two.profiles[0])
    assert back.active_profile == "German call" and back.target_language == "de"
    assert back.meeting_mode and back.call_output == "Dragoman Microphone"
    assert back.hotkey == "F7" and back.context == "medical"  # not a profile's business
    assert back.recent_pairs[0] == ("en", "de")
    french = profiles.applied(back, solo)
    assert (french.target_language, french.active_profile) == ("fr", "Solo")
    assert profiles.differs(french, solo) == ()
    assert profiles.differs(replace(french, voice="male"), solo) == ("voice",)


def test_next_profile_cycles_and_starts_at_the_first() -> None:
    s = DEFAULTS
    for name in ("A", "B", "C"):
        s = profiles.saved_as(s, name)
    names = [p.name for p in s.profiles]
    assert [getattr(profiles.following(s.profiles, n), "name", None) for n in names] == [
        "B",
        "C",
        "A",
    ]
    assert getattr(profiles.following(s.profiles, ""), "name", None) == "A"
    assert profiles.following((), "A") is None


def test_rename_and_delete_follow_the_active_profile() -> None:
    s = profiles.saved_as(profiles.saved_as(CALL, "A"), "B")
    renamed = profiles.renamed(s, "b", "Board meeting")
    assert [p.name for p in renamed.profiles] == ["A", "Board meeting"]
    assert renamed.active_profile == "Board meeting"
    with pytest.raises(UsageError, match="already a profile called 'A'"):
        profiles.renamed(renamed, "Board meeting", "a")
    gone = profiles.deleted(renamed, "Board meeting")
    assert [p.name for p in gone.profiles] == ["A"] and gone.active_profile == ""
    with pytest.raises(UsageError, match="no profile called 'Z'"):
        profiles.deleted(gone, "Z")


@pytest.mark.parametrize("name", ["", "   ", "x" * 41, "bell\x07here"])
def test_a_name_that_cannot_be_one_is_refused(name: str) -> None:
    with pytest.raises(UsageError):
        profiles.saved_as(DEFAULTS, name)


def test_there_is_a_limit_on_how_many() -> None:
    s = DEFAULTS
    for i in range(profiles.MAX_PROFILES):
        s = profiles.saved_as(s, f"P{i}")
    with pytest.raises(UsageError, match="at most"):
        profiles.saved_as(s, "one more")
    assert len(profiles.saved_as(s, "P3").profiles) == profiles.MAX_PROFILES  # a replace is fine


def test_profiles_round_trip_through_text_and_the_store(tmp_path: Path) -> None:
    s = profiles.saved_as(profiles.saved_as(CALL, 'Équipe "Paris", lundi'), "Solo = text")
    s = replace(s, profile_hotkey="ctrl+alt+p")
    assert from_strings(to_strings(s)).settings == s
    store = SettingsStore(tmp_path / "dragoman.conf")
    store.save(s)
    loaded = store.load()
    assert loaded.notice is None and loaded.settings == s


def test_a_damaged_profile_is_left_out_with_a_notice_and_the_file_kept(tmp_path: Path) -> None:
    s = profiles.saved_as(profiles.saved_as(CALL, "Good"), "Bad")
    raw = to_strings(s)
    stored = json.loads(raw["profiles"])
    stored[1]["call_volume"] = 9  # out of range
    stored.append({"name": "Good", "voice": "male"})  # a second profile of the same name
    stored.append({"voice": "female"})  # no name
    raw["profiles"] = json.dumps(stored)
    result = from_strings(raw)
    assert [p.name for p in result.settings.profiles] == ["Good"]
    assert result.settings.profiles[0] == s.profiles[0]
    assert len(result.problems) == 3
    assert "'Bad'" in result.problems[0] and "call_volume" in result.problems[0]

    # Through the store: the good profile survives, the notice says what and where the old file is.
    path = tmp_path / "dragoman.conf"
    store = SettingsStore(path)
    store.save(s)
    text = path.read_text(encoding="utf-8")
    bad = text.replace('\\"call_volume\\":0.8', '\\"call_volume\\":9', 2)
    assert bad != text
    path.write_text(bad, encoding="utf-8")
    loaded = store.load()
    assert loaded.notice is not None and "profile" in loaded.notice and "kept as" in loaded.notice
    kept = next(tmp_path.glob("dragoman.conf.bad-*"))
    assert kept.read_text(encoding="utf-8") == bad  # nothing lost: the damaged file is kept
    assert loaded.settings.profiles == ()  # both had the damaged volume
    assert store.load().notice is None  # the cleaned settings were saved


def test_a_profiles_value_that_is_not_a_list_falls_back_to_none_with_a_notice() -> None:
    s = profiles.saved_as(CALL, "Good")
    for damage in ("{", '{"name": "x"}', "[1, 2]", "[" * 5000):
        raw = {**to_strings(s), "profiles": damage}
        result = from_strings(raw)
        assert result.settings.profiles == ()
        assert result.settings.target_language == "de"  # the other settings are kept
        assert len(result.problems) == 1 and result.problems[0].startswith("profiles=")


def test_set_from_the_command_line_is_strict() -> None:
    good = json.dumps([{"name": "Call", "target_language": "fr"}])
    s = with_value(DEFAULTS, "profiles", good)
    assert s.profiles == (Profile("Call", target_language="fr"),)
    with pytest.raises(UsageError, match="monitor_volume"):
        with_value(DEFAULTS, "profiles", json.dumps([{"name": "C", "monitor_volume": "loud"}]))
