"""What the window's banner says for each failure, and the one next step it offers.

Pure: maps our errors and session events onto ``Banner`` values. The UI shows them without a
modal dialog (never in the middle of speaking) and runs the action through the controller.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import Enum
from typing import Final

from dragoman.core.errors import (
    AudioDeviceError,
    AuthError,
    BadRequest,
    NotEntitled,
    SecretStoreUnavailable,
    ServiceBusy,
    ServiceUnavailable,
    SessionLost,
)
from dragoman.core.events import ErrorKind, Reconnecting, ServerError
from dragoman.core.i18n import QT_TRANSLATE_NOOP, Text

# Pinch's troubleshooting page: keys come from the developer portal; entitlement, persistent
# 503s and anything else go to this address, quoting the session id and a short description.
SUPPORT_EMAIL: Final = "support@startpinch.com"
SUPPORT_CONTACT: Final = f"Pinch support ({SUPPORT_EMAIL})"
PORTAL_URL: Final = "https://portal.startpinch.com/dashboard/developers"
# "Copy details" fills this line with the time the banner was raised (the UI knows the clock).
TIME_UNKNOWN: Final = "Time: (when this happened)"


class Action(Enum):
    NONE = "none"
    OPEN_KEY_SETTINGS = "open_key_settings"
    OPEN_DEVICE_SETTINGS = "open_device_settings"
    SWITCH_TO_TEXT_ONLY = "switch_to_text_only"
    USE_MALE_VOICE = "use_male_voice"
    COPY_DETAILS = "copy_details"
    RETRY = "retry"
    USE_KEY_FOR_SESSION = "use_key_for_session"
    OPEN_SESSION_SETTINGS = "open_session_settings"


class Level(Enum):
    INFO = "info"
    WARNING = "warning"
    ERROR = "error"


@dataclass(frozen=True, slots=True)
class Banner:
    """``key`` groups banners: a new banner replaces the shown one with the same key."""

    key: str
    level: Level
    text: str
    action: Action = Action.NONE
    action_label: str = ""
    details: str = ""  # what "Copy details" puts on the clipboard


def sentence(error: BaseException) -> str:
    """``str(error)``, or the translatable :class:`Text` it was raised with (``str()`` of an
    exception makes a plain copy, which the UI could not translate)."""
    first = error.args[0] if len(error.args) == 1 else None
    return first if isinstance(first, Text) else str(error)


def for_error(error: BaseException, session_id: str | None = None) -> Banner:
    text = sentence(error)
    if isinstance(error, AuthError):
        return Banner(
            "session",
            Level.ERROR,
            text,
            Action.OPEN_KEY_SETTINGS,
            QT_TRANSLATE_NOOP("banners", "Set your API key"),
        )
    if isinstance(error, NotEntitled):
        return not_entitled(error, session_id)
    if isinstance(error, ServiceBusy):
        return Banner(
            "session", Level.ERROR, text, Action.RETRY, QT_TRANSLATE_NOOP("banners", "Try again")
        )
    if isinstance(error, SessionLost | ServiceUnavailable):
        return Banner(
            "session", Level.ERROR, text, Action.RETRY, QT_TRANSLATE_NOOP("banners", "Reconnect")
        )
    if isinstance(error, BadRequest):
        return Banner("session", Level.ERROR, text)
    if isinstance(error, AudioDeviceError):
        return Banner(
            "audio",
            Level.ERROR,
            text,
            Action.OPEN_DEVICE_SETTINGS,
            QT_TRANSLATE_NOOP("banners", "Open device settings"),
        )
    if isinstance(error, SecretStoreUnavailable):
        return Banner(
            "keyring",
            Level.WARNING,
            text,
            Action.USE_KEY_FOR_SESSION,
            QT_TRANSLATE_NOOP("banners", "Use a key for this session only"),
        )
    return Banner("session", Level.ERROR, text or type(error).__name__)


def not_entitled(error: NotEntitled, session_id: str | None = None) -> Banner:
    """403: the key works but may not use the service. For Pinch, who to write to and what to
    quote (the key's name, the time, the session id when there is one); "Copy details" puts a
    ready-made request on the clipboard (:func:`details_at` adds the time)."""
    if "Pinch" not in str(error):  # another service's refusal (Smallest AI): its own advice
        return Banner("session", Level.ERROR, str(error))
    text = (
        QT_TRANSLATE_NOOP(
            "banners",
            "This Pinch API key is not entitled to real-time translation. Ask Pinch support to "
            "enable it: write to %1 quoting your key's name (as on the developer portal), the "
            "time and session %2. “Copy details” copies them.",
        ).arg(SUPPORT_EMAIL, session_id)
        if session_id
        else QT_TRANSLATE_NOOP(
            "banners",
            "This Pinch API key is not entitled to real-time translation. Ask Pinch support to "
            "enable it: write to %1 quoting your key's name (as on the developer portal) and "
            "the time. “Copy details” copies them.",
        ).arg(SUPPORT_EMAIL)
    )
    details = "\n".join(
        (
            f"To: {SUPPORT_EMAIL}",
            "Subject: Real-time translation is not enabled for my API key",
            "Key name: (the name of your key on the Pinch developer portal)",
            TIME_UNKNOWN,
            f"Session: {session_id}"
            if session_id
            else "Session: none (the service refused before a session opened)",
            f"What Dragoman was told: {error}",
        )
    )
    return Banner(
        "session",
        Level.ERROR,
        text,
        Action.COPY_DETAILS,
        QT_TRANSLATE_NOOP("banners", "Copy details"),
        details,
    )


def details_at(banner: Banner, at: datetime) -> str:
    """``banner.details`` with the time it was raised (shown in UTC, as support reads it)."""
    stamp = at.strftime("%Y-%m-%d %H:%M:%S %Z").strip() if at.tzinfo else at.isoformat(" ")
    return banner.details.replace(TIME_UNKNOWN, f"Time: {stamp}")


def for_server_error(event: ServerError) -> Banner:
    if event.kind is ErrorKind.UNSUPPORTED_TARGET_LANGUAGE:
        return Banner(
            "language",
            Level.WARNING,
            event.sentence,
            Action.SWITCH_TO_TEXT_ONLY,
            QT_TRANSLATE_NOOP("banners", "Switch to text only"),
        )
    if event.kind is ErrorKind.CLONE_NOT_SUPPORTED:
        return Banner(
            "language",
            Level.WARNING,
            event.sentence,
            Action.USE_MALE_VOICE,
            QT_TRANSLATE_NOOP("banners", "Use the male voice"),
        )
    return Banner("server", Level.WARNING, event.sentence)


def for_reconnecting(event: Reconnecting) -> Banner:
    """Allocation retries (attempt 0) say the service is busy; lost sockets say reconnecting."""
    delay = f"{event.delay:.0f}"
    if event.attempt == 0:
        busy = (
            QT_TRANSLATE_NOOP("banners", "Service busy, retrying in %1 s. (%2)").arg(
                delay, event.reason
            )
            if event.delay >= 1
            else QT_TRANSLATE_NOOP("banners", "Service busy, retrying. (%1)").arg(event.reason)
        )
        return Banner("network", Level.WARNING, busy)
    again = (
        QT_TRANSLATE_NOOP("banners", "Reconnecting in %1 s… %2").arg(delay, event.reason)
        if event.delay >= 1
        else QT_TRANSLATE_NOOP("banners", "Reconnecting… %1").arg(event.reason)
    )
    return Banner("network", Level.INFO, again)


def no_microphone() -> Banner:
    return for_error(
        AudioDeviceError(
            QT_TRANSLATE_NOOP(
                "banners", "No microphone was found: plug one in or choose another input."
            )
        )
    )


def barge_in_paused() -> Banner:
    """Said once per run, the first time a key-down cut a translation short on speakers."""
    return Banner(
        "echo",
        Level.INFO,
        QT_TRANSLATE_NOOP(
            "banners",
            "Paused the translation so the microphone hears only you. To hear the rest, "
            "right-click its row and choose Replay translation. With headphones it can play on "
            "(Settings).",
        ),
        Action.OPEN_SESSION_SETTINGS,
        QT_TRANSLATE_NOOP("banners", "Settings"),
    )


USAGE_KEY: Final = "usage"


def usage_cap_warning(today_seconds: float, cap_minutes: int, spent: float | None) -> Banner:
    """80 % of the daily cap (:mod:`dragoman.core.cost`); ``spent``: today's cost at the user's
    own price, None when no price is set (then no money is mentioned)."""
    used = f"{today_seconds / 60.0:.0f}"
    text = (
        QT_TRANSLATE_NOOP(
            "banners",
            "%1 of today's %2 minutes of audio used. At %2 minutes new holds stop until "
            "midnight; change the daily cap in Settings.",
        ).arg(used, cap_minutes)
        if spent is None
        else QT_TRANSLATE_NOOP(
            "banners",
            "%1 of today's %2 minutes of audio used (cost today: %3 at your price). At %2 "
            "minutes new holds stop until midnight; change the daily cap in Settings.",
        ).arg(used, cap_minutes, f"{spent:.2f}")
    )
    return Banner(USAGE_KEY, Level.WARNING, text)


def usage_cap_reached(cap_minutes: int, spent: float | None) -> Banner:
    """100 % of the daily cap: new holds are refused until the local midnight."""
    text = (
        QT_TRANSLATE_NOOP(
            "banners",
            "Today's cap of %1 minutes of audio is reached: new holds are stopped until "
            "midnight. Raise or remove the daily cap in Settings to go on.",
        ).arg(cap_minutes)
        if spent is None
        else QT_TRANSLATE_NOOP(
            "banners",
            "Today's cap of %1 minutes of audio is reached (cost today: %2 at your price): new "
            "holds are stopped until midnight. Raise or remove the daily cap in Settings to go "
            "on.",
        ).arg(cap_minutes, f"{spent:.2f}")
    )
    return Banner(USAGE_KEY, Level.ERROR, text)
