"""Meeting mode in words: the state shown in the window, the tray, the compact window and the
caption overlay (passing through / translating / muted), and why "Say it again" did nothing.

One place for these sentences, so the four views say the same thing in every UI language. The
state itself comes from the controller (``meeting_state_changed``, :mod:`dragoman.core.meeting`).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from dragoman.core.meeting import MeetingState

# The context is written out in each call: pyside6-lupdate reads only literal contexts.


def state_text(state: MeetingState | str) -> str:
    """A short label: "Passing through", "Translating", "Muted" (empty with meeting mode off)."""
    value = MeetingState(state)
    if value is MeetingState.PASSING:
        return QCoreApplication.translate("Meeting", "Passing through")
    if value is MeetingState.TRANSLATING:
        return QCoreApplication.translate("Meeting", "Translating")
    if value is MeetingState.MUTED:
        return QCoreApplication.translate("Meeting", "Muted")
    return ""


def state_tip(state: MeetingState | str) -> str:
    """What the state means for the call, one sentence (a tooltip, an accessible description)."""
    value = MeetingState(state)
    if value is MeetingState.PASSING:
        return QCoreApplication.translate(
            "Meeting",
            "Meeting mode: the call hears your own voice. Hold the talk key to translate.",
        )
    if value is MeetingState.TRANSLATING:
        return QCoreApplication.translate(
            "Meeting", "Meeting mode: the call hears the translation, not your own voice."
        )
    if value is MeetingState.MUTED:
        return QCoreApplication.translate(
            "Meeting",
            "Mute all: the call hears nothing from Dragoman (neither your voice nor "
            "translations) until you unmute.",
        )
    return ""


def say_again_refusal(reason: str) -> str:
    """Why "Say it again" played nothing (``SessionController.say_again_refused``)."""
    if reason == "muted_all":
        return QCoreApplication.translate(
            "Meeting", "Mute all is on: unmute to say it again into the call."
        )
    if reason == "playback_muted":
        return QCoreApplication.translate(
            "Meeting", "Translated speech is muted: unmute it to say it again."
        )
    if reason == "no_call_output":
        return QCoreApplication.translate(
            "Meeting",
            "No call output is set: choose the virtual microphone as the call output in "
            "Settings → Audio.",
        )
    return QCoreApplication.translate(
        "Meeting", "Nothing to say again yet: no translated speech is kept."
    )


def said_again_text(time_text: str) -> str:
    """The mark on a row said again (``time_text``: when, as the locale writes a time)."""
    return QCoreApplication.translate("Meeting", "Said again at %1").replace("%1", time_text)
