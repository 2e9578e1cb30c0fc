"""The typed settings model, and its lenient conversion from stored text.

Settings are persisted as flat ``group/key`` strings (QSettings, in the store layer); this module
owns their types, defaults and validation. A stored value that cannot be read falls back to its
default and is reported, so a damaged settings file never stops the app from starting.
API keys are never settings: they live in the OS keyring.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field, fields, replace
from typing import Any, Final

from dragoman.core.engine import EngineSettings
from dragoman.core.errors import UsageError
from dragoman.core.pinch import MAX_CONTEXT_CHARS
from dragoman.core.profiles import (
    MAX_PROFILES,
    PROFILE_FIELDS,
    Profile,
    clean_name,
    find,
    read_json,
    to_json,
)
from dragoman.core.urls import MAX_URL_CHARS, redact_url, service_url

PTT_MODES: Final = ("hold", "toggle", "hybrid")
ECHO_GUARD: Final = ("auto", "on", "off")
MIC_POLICIES: Final = ("always", "minutes", "talking")
ENGINES: Final = ("pinch", "pulse")
THEMES: Final = ("system", "light", "dark")  # dragoman.ui.theme.apply
# The desktop UI's language (dragoman.ui.i18n): "system" follows LANGUAGE / LC_ALL / LC_MESSAGES /
# LANG and the desktop's UI languages; otherwise one of the shipped catalogues ("en": none).
UI_LANGUAGES: Final = ("system", "en", "de", "es", "fr")
PASSTHROUGH_RETURNS: Final = ("after_translation", "at_once")  # dragoman.core.meeting
MAX_RECENT_PAIRS: Final = 8


@dataclass(frozen=True, slots=True)
class Settings:
    # What to translate
    engine: str = "pinch"
    source_language: str = "en"
    target_language: str = "es"
    voice: str = "male"
    speech_output: bool = True
    finalize_mode: str = "stable"
    two_way: bool = False
    context: str = ""
    recent_pairs: tuple[tuple[str, str], ...] = ()
    # Push-to-talk
    hotkey: str = "F9"
    reverse_hotkey: str = ""
    say_again_hotkey: str = ""  # meeting mode: the last translation into the call again; "": none
    mute_all_hotkey: str = ""  # meeting mode: nothing into the call until pressed again; "": none
    ptt_mode: str = "hold"
    hotkey_backend: str = "auto"
    max_utterance_s: int = 120
    # Audio
    input_device: str = ""  # empty: follow the system default
    call_output: str = ""  # empty: off
    monitor_output: str = "default"  # "default": the system default output; empty: off
    call_volume: float = 1.0
    monitor_volume: float = 1.0
    keep_mic_open: bool = True  # False (older versions' opt-out): as mic_policy "talking"
    mic_policy: str = "minutes"  # microphone open: always / N minutes after a hold / while talking
    mic_release_minutes: int = 5  # N, for "minutes"
    preroll_ms: int = 300
    tail_ms: int = 200
    echo_guard: str = "auto"  # barge-in: a key-down pauses the translation on speakers (auto),
    # always (on) or never (off); the microphone is never gated (see dragoman.controller)
    drop_silent_holds: bool = True
    create_virtual_mic: bool = False
    # Meeting mode (dragoman.core.meeting): the microphone passes through to the call output
    # while no translation key is held; muted while one is, and until the translation has played
    # ("after_translation") or from the key-up on ("at_once").
    meeting_mode: bool = False
    passthrough_return: str = "after_translation"
    # Session
    warm_session: bool = True
    warm_idle_minutes: int = 10
    pinch_url: str = ""  # empty: DRAGOMAN_PINCH_URL or the default
    pulse_url: str = ""
    # Desktop
    start_at_login: bool = False
    start_hidden: bool = False
    first_run_done: bool = False
    close_notice_shown: bool = False
    playback_muted: bool = False
    theme: str = "system"  # the desktop's palette, or our light or dark one (THEMES)
    ui_language: str = "system"  # UI_LANGUAGES; applied at the next start
    compact_window: bool = False  # the small always-on-top window is shown (ui.compact)
    caption_overlay: bool = False  # the click-through caption strip is shown (ui.overlay)
    overlay_font_pt: int = 20  # the strip's translation; the original is three quarters of it
    overlay_opacity: int = 85  # % of the strip's dark background; the text itself stays opaque
    overlay_position: str = ""  # "x,y,width" in screen pixels (parse_position); empty: default
    compact_hotkey: str = ""  # a global key that shows or hides the compact window; "": none
    overlay_hotkey: str = ""  # a global key that shows or hides the caption overlay; "": none
    # History (see dragoman.core.history.Retention)
    history_text: str = "forever"  # "forever", "days" (history_text_days) or "off"
    history_text_days: int = 90
    history_audio_days: int = 7  # translated speech kept this long; 0: not kept
    replay_to_call: bool = False  # a replay plays to the monitor output only unless this is on
    # Usage (dragoman.core.cost). The price is the user's own: Pinch publishes none in its specs,
    # so nothing is assumed and no money is shown while it is unset.
    price_per_minute: float | None = None  # per minute of audio sent; None: unset
    daily_cap_minutes: int | None = None  # None: no cap; warns at 80 %, stops new holds at 100 %
    # Per-call profiles (dragoman.core.profiles): stored as one JSON text; the one applied last,
    # and the key that moves on to the next one ("": none).
    profiles: tuple[Profile, ...] = ()
    active_profile: str = ""
    profile_hotkey: str = ""

    def engine_settings(self) -> EngineSettings:
        return EngineSettings(
            source_language=self.source_language,
            target_language=self.target_language,
            voice=self.voice,
            speech_output=self.speech_output,
            finalize_mode=self.finalize_mode,
            two_way=self.two_way,
            context=self.context or None,
        )

    def with_pair(self, source: str, target: str) -> Settings:
        """Choose a language pair and remember it first among the recent pairs."""
        pairs = [(source, target), *(p for p in self.recent_pairs if p != (source, target))]
        return replace(
            self,
            source_language=source,
            target_language=target,
            recent_pairs=tuple(pairs[:MAX_RECENT_PAIRS]),
        )

    def swapped(self) -> Settings:
        """Source and target exchanged ('auto' cannot be a target: then nothing changes)."""
        if self.source_language == "auto":
            return self
        return self.with_pair(self.target_language, self.source_language)


def mic_policy_in_effect(settings: Settings) -> str:
    """ "always", "minutes" or "talking". ``keep_mic_open=False`` (the opt-out of versions before
    the policy existed, or ``dragoman set keep_mic_open false``) still means "talking", so nobody
    who chose privacy gets a microphone kept open by the upgrade; a Settings dialog that shows the
    policy saves it with ``keep_mic_open=True``."""
    return "talking" if not settings.keep_mic_open else settings.mic_policy


# Ranges and choices: a stored value outside them falls back to the default.
_RANGES: Final[dict[str, tuple[float, float]]] = {
    "max_utterance_s": (5, 3600),
    "call_volume": (0.0, 2.0),
    "monitor_volume": (0.0, 2.0),
    "preroll_ms": (0, 2000),
    "tail_ms": (0, 2000),
    "warm_idle_minutes": (1, 240),
    "mic_release_minutes": (1, 240),
    "history_text_days": (1, 3650),
    "history_audio_days": (0, 365),
    "price_per_minute": (0.0, 1000.0),
    "daily_cap_minutes": (1, 1440),
    "overlay_font_pt": (10, 72),
    "overlay_opacity": (20, 100),
}
# Numbers that may be unset (None, stored as ""): the type a set value has.
_OPTIONAL_NUMBERS: Final[dict[str, type[int] | type[float]]] = {
    "price_per_minute": float,
    "daily_cap_minutes": int,
}
_CHOICES: Final[dict[str, tuple[str, ...]]] = {
    "engine": ENGINES,
    "voice": ("male", "female"),
    "finalize_mode": ("stable", "sentence"),
    "ptt_mode": PTT_MODES,
    "echo_guard": ECHO_GUARD,
    "mic_policy": MIC_POLICIES,
    "hotkey_backend": ("auto", "pynput", "portal", "window"),
    "history_text": ("forever", "days", "off"),
    "theme": THEMES,
    "ui_language": UI_LANGUAGES,
    "passthrough_return": PASSTHROUGH_RETURNS,
}
DEFAULTS: Final = Settings()

# Size limits for text: a longer value is damage, not a choice (a 200 KB context would only fail
# later, as a request the service refuses).  Characters; the default applies to every other text.
MAX_TEXT_CHARS: Final = 200
_TEXT_LIMITS: Final[dict[str, int]] = {
    "context": MAX_CONTEXT_CHARS,
    "input_device": 1000,
    "call_output": 1000,
    "monitor_output": 1000,
    "pinch_url": MAX_URL_CHARS,
    "pulse_url": MAX_URL_CHARS,
}
_MULTILINE: Final = frozenset({"context"})  # may hold newlines and tabs
_URLS: Final = frozenset({"pinch_url", "pulse_url"})  # empty, or a usable service URL
_LANGUAGES: Final = frozenset({"source_language", "target_language"})
_LANGUAGE: Final = re.compile(r"[A-Za-z][A-Za-z0-9_-]{0,31}")
_POSITIONS: Final = frozenset({"overlay_position"})  # empty, or "x,y,width"
_POSITION: Final = re.compile(r"(-?\d{1,6}),(-?\d{1,6}),(\d{1,6})")
_MAX_NUMBER_CHARS: Final = 40
_MAX_PAIRS_CHARS: Final = 4096


class _Refused(ValueError):
    """A stored or typed value that cannot be used; ``str()`` may say why (or be empty)."""


@dataclass(frozen=True, slots=True)
class LoadResult:
    settings: Settings
    problems: tuple[str, ...] = field(default=())


def to_strings(settings: Settings) -> dict[str, str]:
    """Every setting as text, for the store."""
    out: dict[str, str] = {}
    for f in fields(settings):
        value = getattr(settings, f.name)
        if value is None:  # an unset optional number
            out[f.name] = ""
        elif f.name == "profiles":
            out[f.name] = to_json(value)
        elif isinstance(value, bool):
            out[f.name] = "true" if value else "false"
        elif isinstance(value, tuple):
            out[f.name] = json.dumps([list(p) for p in value])
        else:
            out[f.name] = str(value)
    return out


def from_strings(raw: dict[str, str]) -> LoadResult:
    """Settings from stored text: unknown keys ignored, bad values defaulted and reported."""
    values: dict[str, Any] = {}
    problems: list[str] = []
    for f in fields(Settings):
        if f.name not in raw:
            continue
        text = raw[f.name]
        default = getattr(DEFAULTS, f.name)
        if f.name == "profiles" and isinstance(text, str):
            # Leniently: a damaged profile is left out and reported, the others are kept.
            try:
                values[f.name], damaged = parse_profiles(text)
            except ValueError:
                problems.append(f"{f.name}={_shown(f.name, text)}")
            else:
                problems.extend(damaged)
            continue
        try:
            value = _parse(f.name, text, default)
        except ValueError:
            problems.append(f"{f.name}={_shown(f.name, text)}")
            continue
        values[f.name] = value
    return LoadResult(replace(DEFAULTS, **values), tuple(problems))


def _shown(name: str, text: object) -> str:
    """A refused value for a notice: short, printable, and a URL redacted."""
    if not isinstance(text, str):
        return f"<{type(text).__name__}>"
    shown = redact_url(text) if name in _URLS else text
    return repr(shown[:40]) + ("…" if len(shown) > 40 else "")


def _parse(name: str, text: object, default: object) -> object:
    """``text`` as the value of setting ``name`` (type, range, size checked); only ValueError
    (``_Refused``) otherwise, whatever ``text`` holds."""
    if not isinstance(text, str):
        raise _Refused("it is not text")
    if name in _OPTIONAL_NUMBERS:
        if text.strip().lower() in ("", "none"):
            return None
        default = _OPTIONAL_NUMBERS[name](0)
    if isinstance(default, bool):
        lowered = text.strip().lower()
        if lowered in ("true", "1", "yes", "on"):
            return True
        if lowered in ("false", "0", "no", "off"):
            return False
        raise _Refused()
    if isinstance(default, int | float):
        if len(text) > _MAX_NUMBER_CHARS:
            raise _Refused()
        number = int(text) if isinstance(default, int) else float(text)
        low, high = _RANGES.get(name, (float("-inf"), float("inf")))
        if not math.isfinite(number) or not low <= number <= high:
            raise _Refused()
        return number
    if name == "profiles":
        profiles, damaged = parse_profiles(text)
        if damaged:
            raise _Refused("; ".join(damaged))
        return profiles
    if isinstance(default, tuple):
        return _pairs(text)
    _check_text(name, text)
    if name in _CHOICES and text not in _CHOICES[name]:
        raise _Refused()
    if name in _LANGUAGES and not _LANGUAGE.fullmatch(text):
        raise _Refused("it is not a language code")
    if name in _POSITIONS and text and parse_position(text) is None:
        raise _Refused("it is not x,y,width in pixels")
    if name in _URLS and text:
        try:
            service_url(text)
        except UsageError as error:
            raise _Refused(str(error)) from None
    return text


def parse_position(text: str) -> tuple[int, int, int] | None:
    """ "x,y,width" (a saved caption strip: its top-left corner and width, in screen pixels) as
    numbers; None for an empty or unreadable value (the strip then takes its default place)."""
    match = _POSITION.fullmatch(text.strip())
    if match is None:
        return None
    x, y, width = (int(group) for group in match.groups())
    return (x, y, width) if width > 0 else None


def _pairs(text: str) -> tuple[tuple[str, str], ...]:
    """Recent language pairs from JSON: a short list of [source, target] language codes."""
    if len(text) > _MAX_PAIRS_CHARS:
        raise _Refused("it is too long")
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):  # RecursionError: nested too deep to read
        raise _Refused("it is not a JSON list") from None
    if not isinstance(data, list):
        raise _Refused("it is not a JSON list")
    pairs = []
    for item in data:
        if not (
            isinstance(item, list)
            and len(item) == 2
            and all(isinstance(x, str) and _LANGUAGE.fullmatch(x) for x in item)
        ):
            raise _Refused("each pair must be two language codes")
        pairs.append((item[0], item[1]))
    return tuple(pairs[:MAX_RECENT_PAIRS])


def parse_profiles(text: str) -> tuple[tuple[Profile, ...], tuple[str, ...]]:
    """Stored profiles, and what was wrong with the ones left out (a value out of range, a
    duplicate name …); ValueError when ``text`` is not a list of profiles at all."""
    kept: list[Profile] = []
    damaged: list[str] = []
    items = read_json(text)
    for index, item in enumerate(items):
        label = repr(item.get("name"))[:40] if isinstance(item.get("name"), str) else f"#{index}"
        if len(kept) >= MAX_PROFILES:
            damaged.append(f"profile {label} (more than {MAX_PROFILES} profiles)")
            continue
        try:
            kept.append(_profile(item, kept))
        except ValueError as error:  # _Refused, or UsageError's name checks
            damaged.append(f"profile {label} ({error})")
    return tuple(kept), tuple(damaged)


def _profile(item: dict[str, object], kept: list[Profile]) -> Profile:
    name = item.get("name")
    if not isinstance(name, str):
        raise _Refused("it has no name")
    try:
        name = clean_name(name)
    except UsageError as error:
        raise _Refused(str(error).rstrip(".")) from None
    if find(tuple(kept), name) is not None:
        raise _Refused("a profile of that name comes before it")
    values: dict[str, Any] = {}
    for key in PROFILE_FIELDS:
        if key not in item:
            continue
        raw, default = item[key], getattr(DEFAULTS, key)
        if isinstance(default, bool):
            if not isinstance(raw, bool):
                raise _Refused(f"{key} is not true or false")
            text = "true" if raw else "false"
        elif isinstance(default, float):
            if isinstance(raw, bool) or not isinstance(raw, int | float):
                raise _Refused(f"{key} is not a number")
            text = repr(float(raw))
        elif isinstance(raw, str):
            text = raw
        else:
            raise _Refused(f"{key} is not text")
        try:
            values[key] = _parse(key, text, default)
        except ValueError:
            raise _Refused(f"{key}={_shown(key, text)} cannot be used") from None
    return Profile(name=name, **values)


def _check_text(name: str, text: str) -> None:
    limit = _TEXT_LIMITS.get(name, MAX_TEXT_CHARS)
    if len(text) > limit:
        raise _Refused(f"it is too long ({len(text):,} characters; at most {limit:,})")
    allowed = "\n\t" if name in _MULTILINE else ""
    if any(
        (c < " " and c not in allowed) or c == "\x7f" or "\ud800" <= c <= "\udfff" for c in text
    ):
        raise _Refused("it holds control characters or broken text")


def with_value(settings: Settings, name: str, text: str) -> Settings:
    """``settings`` with one field set from text (``dragoman set``); UsageError if refused."""
    known = {f.name for f in fields(Settings)}
    if name not in known:
        raise UsageError(f"There is no setting called {name!r}.")
    try:
        value = _parse(name, text, getattr(DEFAULTS, name))
    except ValueError as error:
        low_high = _RANGES.get(name)
        allowed = (
            f" (one of {', '.join(_CHOICES[name])})"
            if name in _CHOICES
            else f" (from {low_high[0]:g} to {low_high[1]:g}"
            + (", or empty for none)" if name in _OPTIONAL_NUMBERS else ")")
            if low_high
            else ""
        )
        reason = str(error).rstrip(".") if isinstance(error, _Refused) else ""
        raise UsageError(
            f"{_shown(name, text)} is not a valid value for {name}{allowed}"
            + (f": {reason}." if reason else ".")
        ) from None
    values: dict[str, Any] = {name: value}
    return replace(settings, **values)
