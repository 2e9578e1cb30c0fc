"""The typed settings model, and its lenient conversion from stored text.

Settings are persisted as flat ``group/key`` strings (QSettings, in the store layer); this module
owns their types, defaults and validation. A stored value that cannot be read falls back to its
default and is reported, so a damaged settings file never stops the app from starting.
API keys are never settings: they live in the OS keyring.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, fields, replace
from typing import Any, Final

from dragoman.core.engine import EngineSettings
from dragoman.core.errors import UsageError

PTT_MODES: Final = ("hold", "toggle", "hybrid")
ECHO_GUARD: Final = ("auto", "on", "off")
ENGINES: Final = ("pinch", "pulse")
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
    ptt_mode: str = "hold"
    hotkey_backend: str = "auto"
    max_utterance_s: int = 120
    # Audio
    input_device: str = ""  # empty: follow the system default
    call_output: str = ""  # empty: off
    monitor_output: str = "default"  # "default": the system default output; empty: off
    call_volume: float = 1.0
    monitor_volume: float = 1.0
    keep_mic_open: bool = True
    preroll_ms: int = 300
    tail_ms: int = 200
    echo_guard: str = "auto"
    drop_silent_holds: bool = True
    create_virtual_mic: bool = False
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
    # History (see dragoman.core.history.Retention)
    history_text: str = "forever"  # "forever", "days" (history_text_days) or "off"
    history_text_days: int = 90
    history_audio_days: int = 7  # translated speech kept this long; 0: not kept
    replay_to_call: bool = False  # a replay plays to the monitor output only unless this is on

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


# Ranges and choices: a stored value outside them falls back to the default.
_RANGES: Final[dict[str, tuple[float, float]]] = {
    "max_utterance_s": (5, 3600),
    "call_volume": (0.0, 2.0),
    "monitor_volume": (0.0, 2.0),
    "preroll_ms": (0, 2000),
    "tail_ms": (0, 2000),
    "warm_idle_minutes": (1, 240),
    "history_text_days": (1, 3650),
    "history_audio_days": (0, 365),
}
_CHOICES: Final[dict[str, tuple[str, ...]]] = {
    "engine": ENGINES,
    "voice": ("male", "female"),
    "finalize_mode": ("stable", "sentence"),
    "ptt_mode": PTT_MODES,
    "echo_guard": ECHO_GUARD,
    "hotkey_backend": ("auto", "pynput", "portal", "window"),
    "history_text": ("forever", "days", "off"),
}
DEFAULTS: Final = Settings()


@dataclass(frozen=True, slots=True)
class LoadResult:
    settings: Settings
    problems: tuple[str, ...] = field(default=())


def to_strings(settings: Settings) -> dict[str, str]:
    """Every setting as text, for the store."""
    out: dict[str, str] = {}
    for f in fields(settings):
        value = getattr(settings, f.name)
        if isinstance(value, bool):
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
        try:
            value = _parse(f.name, text, default)
        except ValueError:
            problems.append(f"{f.name}={text[:40]!r}")
            continue
        values[f.name] = value
    return LoadResult(replace(DEFAULTS, **values), tuple(problems))


def _parse(name: str, text: str, default: object) -> object:
    if isinstance(default, bool):
        lowered = text.strip().lower()
        if lowered in ("true", "1", "yes", "on"):
            return True
        if lowered in ("false", "0", "no", "off"):
            return False
        raise ValueError(name)
    if isinstance(default, int | float):
        number = int(text) if isinstance(default, int) else float(text)
        low, high = _RANGES.get(name, (float("-inf"), float("inf")))
        if not low <= number <= high:
            raise ValueError(name)
        return number
    if isinstance(default, tuple):
        data = json.loads(text)
        if not isinstance(data, list):
            raise ValueError(name)
        pairs = []
        for item in data:
            if not (
                isinstance(item, list) and len(item) == 2 and all(isinstance(x, str) for x in item)
            ):
                raise ValueError(name)
            pairs.append((item[0], item[1]))
        return tuple(pairs[:MAX_RECENT_PAIRS])
    if name in _CHOICES and text not in _CHOICES[name]:
        raise ValueError(name)
    return text


def with_value(settings: Settings, name: str, text: str) -> Settings:
    """``settings`` with one field set from text (``dragoman set``); UsageError if refused."""
    known = {f.name for f in fields(Settings)}
    if name not in known:
        raise UsageError(f"There is no setting called {name!r}.")
    try:
        value = _parse(name, text, getattr(DEFAULTS, name))
    except (ValueError, json.JSONDecodeError):
        low_high = _RANGES.get(name)
        allowed = (
            f" (one of {', '.join(_CHOICES[name])})"
            if name in _CHOICES
            else f" (from {low_high[0]:g} to {low_high[1]:g})"
            if low_high
            else ""
        )
        raise UsageError(f"{text!r} is not a valid value for {name}{allowed}.") from None
    values: dict[str, Any] = {name: value}
    return replace(settings, **values)
