"""Per-call profiles through the SessionController, against the Pinch emulator (issue 17): a
profile chosen during a hold changes nothing the hold sends; the next hold has it."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import numpy as np
import pytest

from dragoman.controller import State
from dragoman.core import profiles
from dragoman.core.errors import UsageError
from dragoman.core.settings import Settings
from tests.emulator.pinch import PinchEmulator
from tests.integration.test_controller import Rig, run, segments
from tests.qtloop import until
from tests.signals import sentence, silence

__all__ = ["run"]  # the fixture, shared with test_controller

SPANISH = Settings(warm_session=True, target_language="es")
# Two profiles: "Spanish" is the settings as they are, "German call" another pair and voice.
GERMAN = profiles.snapshot(replace(SPANISH, target_language="de", voice="female"), "German call")
START = replace(
    profiles.saved_as(SPANISH, "Spanish"), profiles=(GERMAN, profiles.snapshot(SPANISH, "Spanish"))
)


def test_a_profile_chosen_during_a_hold_applies_to_the_next_hold_only(run: Any) -> None:
    async def body(emu: PinchEmulator) -> None:
        rig = Rig(emu, START)
        pending: list[str] = []
        rig.controller.profile_pending.connect(pending.append)
        rig.controller.warm_up()
        await until(lambda: rig.controller.state is State.READY)
        # Hold 1: the profile is chosen with the key down.
        rig.capture.say(np.concatenate([sentence(0.6, 1), silence(0.3)]))
        rig.controller.start_talking()
        utterance = rig.capture.utterances[-1]
        rig.controller.use_profile("german CALL")
        assert rig.controller.pending_profile == "German call" and pending == ["German call"]
        assert rig.controller.settings.target_language == "es"  # not yet
        frames = len(utterance._frames)
        await until(lambda: utterance.delivered >= frames - rig.capture.tail)
        rig.controller.stop_talking()
        await until(lambda: not rig.controller.busy, limit=15)
        (first,) = segments(rig)
        assert first.translated.startswith("[es]")  # the hold went out as it began
        # Over: the profile is in, and the session was told before the next hold.
        assert rig.controller.pending_profile is None and pending == ["German call", ""]
        s = rig.controller.settings
        assert (s.target_language, s.voice, s.active_profile) == ("de", "female", "German call")
        await until(lambda: emu.sessions[0].updates)
        assert emu.sessions[0].updates[0]["targetLanguage"] == "de"
        # Hold 2 has it.
        await rig.hold(np.concatenate([sentence(0.6, 2), silence(0.3)]))
        assert segments(rig)[1].translated.startswith("[de]")
        assert len(emu.sessions) == 1  # switched in the same session
        await rig.close()

    run(body)


def test_between_holds_a_profile_applies_at_once_and_the_hotkey_cycles(run: Any) -> None:
    async def body(emu: PinchEmulator) -> None:
        rig = Rig(emu, START)
        assert rig.controller.next_profile() == "German call"  # the one after "Spanish"
        assert rig.controller.settings.target_language == "de"
        await rig.hold(np.concatenate([sentence(0.6, 3), silence(0.3)]))
        assert segments(rig)[0].translated.startswith("[de]")
        assert rig.controller.next_profile() == "Spanish"  # after the last: the first
        assert rig.controller.settings.target_language == "es"
        await rig.hold(np.concatenate([sentence(0.6, 4), silence(0.3)]))
        assert segments(rig)[1].translated.startswith("[es]")
        with pytest.raises(UsageError, match="no profile called"):
            rig.controller.use_profile("Nope")
        await rig.close()

    run(body)


def test_without_profiles_the_hotkey_does_nothing(run: Any) -> None:
    async def body(emu: PinchEmulator) -> None:
        rig = Rig(emu, replace(SPANISH, active_profile="Deleted since"))
        assert rig.controller.next_profile() is None
        assert rig.controller.active_profile is None  # named, but no such profile
        assert rig.controller.settings == replace(SPANISH, active_profile="Deleted since")
        await rig.close()

    run(body)
