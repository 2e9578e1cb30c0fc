"""Per-call profiles: named presets of the settings a call changes (issue 17).

A profile holds the language pair, the voice, speech or text output, the push-to-talk mode, the
two outputs with their volumes and meeting mode. Profiles are settings like any other (the
``profiles`` setting, stored as one JSON text, see :mod:`dragoman.core.settings`), so they travel
through the one settings model; ``active_profile`` names the one applied last.

Choosing a profile never cuts a hold: the controller applies it once the hold under way is over
(see :meth:`dragoman.controller.SessionController.use_profile`). This module is pure: it only
builds, checks and applies values.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields, replace
from typing import TYPE_CHECKING, Any, Final

from dragoman.core.errors import UsageError

if TYPE_CHECKING:
    from dragoman.core.settings import Settings

MAX_PROFILES: Final = 20
MAX_NAME_CHARS: Final = 40
MAX_PROFILES_CHARS: Final = 64 * 1024  # 20 profiles with long device names fit well within


@dataclass(frozen=True, slots=True)
class Profile:
    """One preset. Every field but ``name`` is a setting of the same name."""

    name: str
    source_language: str = "en"
    target_language: str = "es"
    voice: str = "male"
    speech_output: bool = True
    ptt_mode: str = "hold"
    call_output: str = ""
    monitor_output: str = "default"
    call_volume: float = 1.0
    monitor_volume: float = 1.0
    meeting_mode: bool = False


# The settings a profile sets, in the order they are shown.
PROFILE_FIELDS: Final = tuple(f.name for f in fields(Profile) if f.name != "name")


def clean_name(name: str) -> str:
    """A profile name as typed, trimmed; UsageError when it cannot be one."""
    cleaned = " ".join(name.split())
    if not cleaned:
        raise UsageError("A profile needs a name.")
    if len(cleaned) > MAX_NAME_CHARS:
        raise UsageError(f"A profile name has at most {MAX_NAME_CHARS} characters.")
    if any(c < " " or c == "\x7f" or "\ud800" <= c <= "\udfff" for c in cleaned):
        raise UsageError("A profile name cannot hold control characters.")
    return cleaned


def find(profiles: tuple[Profile, ...], name: str) -> Profile | None:
    """The profile called ``name`` (case and spacing as typed do not matter)."""
    key = " ".join(name.split()).casefold()
    return next((p for p in profiles if p.name.casefold() == key), None)


def snapshot(settings: Settings, name: str) -> Profile:
    """The current settings as a profile called ``name``."""
    values: dict[str, Any] = {f: getattr(settings, f) for f in PROFILE_FIELDS}
    return Profile(name=clean_name(name), **values)


def applied(settings: Settings, profile: Profile) -> Settings:
    """``settings`` with the profile's values, the profile active; the pair becomes the most
    recent one, as if chosen in the window."""
    values: dict[str, Any] = {f: getattr(profile, f) for f in PROFILE_FIELDS}
    chosen = settings.with_pair(profile.source_language, profile.target_language)
    return replace(chosen, **values, active_profile=profile.name)


def differs(settings: Settings, profile: Profile) -> tuple[str, ...]:
    """The settings that no longer hold the profile's values (changed since it was chosen)."""
    return tuple(f for f in PROFILE_FIELDS if getattr(settings, f) != getattr(profile, f))


def saved_as(settings: Settings, name: str) -> Settings:
    """Save the current settings as profile ``name`` (replacing one of that name) and make it
    the active one."""
    profile = snapshot(settings, name)
    existing = find(settings.profiles, profile.name)
    if existing is None and len(settings.profiles) >= MAX_PROFILES:
        raise UsageError(f"There can be at most {MAX_PROFILES} profiles: delete one first.")
    kept = tuple(profile if p is existing else p for p in settings.profiles)
    if existing is None:
        kept = (*kept, profile)
    return replace(settings, profiles=kept, active_profile=profile.name)


def renamed(settings: Settings, old: str, new: str) -> Settings:
    profile = _known(settings, old)
    name = clean_name(new)
    other = find(settings.profiles, name)
    if other is not None and other is not profile:
        raise UsageError(f"There is already a profile called {other.name!r}.")
    kept = tuple(replace(p, name=name) if p is profile else p for p in settings.profiles)
    active = name if settings.active_profile == profile.name else settings.active_profile
    return replace(settings, profiles=kept, active_profile=active)


def deleted(settings: Settings, name: str) -> Settings:
    profile = _known(settings, name)
    kept = tuple(p for p in settings.profiles if p is not profile)
    active = "" if settings.active_profile == profile.name else settings.active_profile
    return replace(settings, profiles=kept, active_profile=active)


def following(profiles: tuple[Profile, ...], current: str) -> Profile | None:
    """The profile after ``current`` in the list, the first one after the last (or when
    ``current`` is none of them); None when there are no profiles."""
    if not profiles:
        return None
    names = [p.name for p in profiles]
    index = names.index(current) + 1 if current in names else 0
    return profiles[index % len(profiles)]


def _known(settings: Settings, name: str) -> Profile:
    profile = find(settings.profiles, name)
    if profile is None:
        raise UsageError(f"There is no profile called {name!r}.")
    return profile


# -- stored form ------------------------------------------------------------------------------


def to_json(profiles: tuple[Profile, ...]) -> str:
    """Profiles as one JSON text (a list of objects), for the settings store."""
    return json.dumps([asdict(p) for p in profiles], ensure_ascii=False, separators=(",", ":"))


def read_json(text: str) -> list[dict[str, object]]:
    """The stored list of profile objects; ValueError when the text is not one."""
    if len(text) > MAX_PROFILES_CHARS:
        raise ValueError("it is too long")
    try:
        data = json.loads(text) if text.strip() else []
    except (ValueError, RecursionError):
        raise ValueError("it is not a JSON list") from None
    if not isinstance(data, list) or not all(isinstance(item, dict) for item in data):
        raise ValueError("it is not a JSON list of profiles")
    return data
