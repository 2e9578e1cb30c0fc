"""Meeting mode: when the microphone passes through to the call, and what the user is shown.

Two pure functions of facts the controller already keeps (whether a key is held, whether the
turn it started is still open, whether the player is sounding) and two settings, so the
pass-through's mute and the visible state (window, tray, overlay, ``dragoman status``) cannot
disagree or go stale: whenever one of the facts changes, the controller recomputes both.

* Holding a translation key mutes the pass-through: the call hears none of the original.
* After the key-up, ``passthrough_return`` decides: "at_once" unmutes at the key-up (the
  translation then plays over the live microphone); "after_translation" (the default) waits until
  the turn has finished (its last translation has arrived) *and* the player is silent, so the
  call hears the translation alone, then the speaker again.
* "Mute all" silences the pass-through whatever else holds (and the controller keeps the
  translations out of the call output too); it shows as "muted" with meeting mode on or off.
"""

from __future__ import annotations

from enum import Enum
from typing import Final

AFTER_TRANSLATION: Final = "after_translation"
AT_ONCE: Final = "at_once"


class MeetingState(Enum):
    OFF = "off"  # meeting mode off: nothing passes through
    PASSING = "passing through"  # the call hears the microphone
    TRANSLATING = "translating"  # a key is held, or its translation is still coming or playing
    MUTED = "muted"  # "mute all": the call hears nothing from Dragoman's microphone path


LABELS: Final = {
    MeetingState.OFF: "",
    MeetingState.PASSING: "Passing through",
    MeetingState.TRANSLATING: "Translating",
    MeetingState.MUTED: "Muted",
}
"""What the window, tray tooltip and overlay show (empty: say nothing)."""


def passthrough_muted(
    *,
    meeting_mode: bool,
    talking: bool,
    turn_open: bool,
    playing: bool,
    passthrough_return: str = AFTER_TRANSLATION,
    muted_all: bool = False,
) -> bool:
    """Whether the pass-through must be muted now (see the module docstring). With meeting mode
    off it is "muted" too: nothing may pass through (nothing is open then anyway)."""
    if not meeting_mode or muted_all or talking:
        return True
    if passthrough_return == AT_ONCE:
        return False
    return turn_open or playing


def meeting_state(
    meeting_mode: bool,
    talking: bool,
    playing: bool,
    muted_all: bool,
    *,
    turn_open: bool = False,
) -> MeetingState:
    """The visible meeting state. ``turn_open`` (optional) keeps "translating" between the key-up
    and the translation's arrival, so the state does not flicker back to "passing through".
    "Mute all" shows even with meeting mode off: it keeps the translations out of the call."""
    if muted_all:
        return MeetingState.MUTED
    if not meeting_mode:
        return MeetingState.OFF
    if talking or playing or turn_open:
        return MeetingState.TRANSLATING
    return MeetingState.PASSING
