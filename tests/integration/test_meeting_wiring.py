"""Meeting mode in the SessionController: the pass-through mute and the visible meeting state
follow the key, the turn and the playback (the rig is a list of the mutes it was told)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pytest
from PySide6.QtWidgets import QApplication

from dragoman.core.meeting import MeetingState
from dragoman.core.settings import Settings
from tests.emulator.pinch import PinchEmulator
from tests.integration.test_controller import RIGS, Rig
from tests.qtloop import run_on_qt, until
from tests.signals import sentence, silence


@pytest.fixture
def run(qapp: QApplication) -> Callable[[Callable[[PinchEmulator], Any]], Any]:
    def runner(body: Callable[[PinchEmulator], Any]) -> Any:
        async def main() -> Any:
            async with PinchEmulator() as emu:
                try:
                    return await body(emu)
                finally:
                    while RIGS:
                        await RIGS.pop().close()

        return run_on_qt(qapp, main())

    return runner


def meeting_rig(emu: PinchEmulator, returns: str) -> tuple[Rig, list[bool], list[str]]:
    rig = Rig(emu, Settings(meeting_mode=True, passthrough_return=returns))
    mutes: list[bool] = []
    states: list[str] = []
    rig.controller.meeting_state_changed.connect(states.append)
    rig.controller.attach_passthrough(mutes.append)
    return rig, mutes, states


def test_after_translation_the_voice_returns_when_the_playback_ends(run: Any) -> None:
    async def body(emu: PinchEmulator) -> None:
        rig, mutes, states = meeting_rig(emu, "after_translation")
        c = rig.controller
        assert mutes == [False] and c.meeting is MeetingState.PASSING
        rig.capture.say(np.concatenate([silence(0.2), sentence(0.8, 1)]))
        c.start_talking()
        assert mutes == [False, True]  # at the key-down, in the same call
        c.report_playing(True)  # the translation starts while the key is still held
        utterance = rig.capture.utterances[-1]
        await until(lambda: utterance.delivered >= len(utterance._frames) - rig.capture.tail)
        c.stop_talking()
        assert mutes == [False, True]  # released: still muted, the translation is due
        await until(lambda: not c.busy, limit=15)
        assert mutes == [False, True] and c.meeting is MeetingState.TRANSLATING  # still playing
        c.report_playing(False)
        assert mutes == [False, True, False] and c.meeting is MeetingState.PASSING
        assert states == ["passing through", "translating", "passing through"]
        c.set_muted_all(True)
        assert mutes[-1] is True and c.meeting is MeetingState.MUTED
        c.set_muted_all(False)
        c.apply_settings(Settings(meeting_mode=False))
        assert mutes[-1] is True and c.meeting is MeetingState.OFF

    run(body)


def test_at_once_the_voice_returns_at_the_key_up(run: Any) -> None:
    async def body(emu: PinchEmulator) -> None:
        rig, mutes, _states = meeting_rig(emu, "at_once")
        c = rig.controller
        rig.capture.say(np.concatenate([silence(0.2), sentence(0.8, 1)]))
        c.start_talking()
        utterance = rig.capture.utterances[-1]
        await until(lambda: utterance.delivered >= len(utterance._frames) - rig.capture.tail)
        c.stop_talking()
        assert mutes == [False, True, False] and c.busy  # back while the turn still finishes
        c.start_talking()
        c.cancel_talking()
        assert mutes == [False, True, False, True, False]
        await until(lambda: not c.busy, limit=15)

    run(body)
