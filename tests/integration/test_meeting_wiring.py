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


async def translate_once(rig: Rig) -> None:
    """One hold, spoken and released, until its translation is in (the player got it)."""
    c = rig.controller
    rig.capture.say(np.concatenate([silence(0.2), sentence(0.8, 7)]))
    c.start_talking()
    utterance = rig.capture.utterances[-1]
    await until(lambda: utterance.delivered >= len(utterance._frames) - rig.capture.tail)
    c.stop_talking()
    await until(lambda: not c.busy, limit=15)
    assert rig.player.chunks and c.last_translation_key is not None


def test_say_it_again_plays_the_same_samples_into_the_call_and_marks_the_row(run: Any) -> None:
    async def body(emu: PinchEmulator) -> None:
        rig, mutes, _states = meeting_rig(emu, "after_translation")
        c = rig.controller
        c.apply_settings(Settings(meeting_mode=True, call_output="pulse:dragoman_mic_sink"))
        said: list[tuple[str, float]] = []
        refused: list[str] = []
        c.said_again.connect(lambda key, at: said.append((key, at)))
        c.say_again_refused.connect(refused.append)
        assert not c.say_again() and refused == ["nothing"]  # nothing translated yet
        await translate_once(rig)
        first = [samples for samples, _rate in rig.player.chunks]
        rate = rig.player.chunks[0][1]
        played = len(rig.player.chunks)
        ended = rig.player.ended
        assert c.say_again_refusal() is None
        assert c.say_again()
        again = rig.player.chunks[played:]
        assert len(again) == 1 and rig.player.outputs[played:] == [("call", "monitor")]
        # The very samples that played the first time, at their rate, in one piece.
        assert again[0][1] == rate
        np.testing.assert_array_equal(again[0][0], np.concatenate(first))
        assert rig.player.ended == ended + 1  # played out at once, not held for more
        assert [key for key, _at in said] == [c.last_translation_key]
        # The pass-through is muted from the moment the replay is queued, until it has played.
        assert mutes[-1] is True and c.meeting is MeetingState.TRANSLATING
        c.report_playing(True)
        c.report_playing(False)
        assert mutes[-1] is False and c.meeting is MeetingState.PASSING
        # A row chosen by key: its speech, marked with its key. A player that never says it
        # sounds (its output failed) does not keep the pass-through muted past the replay.
        key = c.last_translation_key
        assert key is not None and c.say_again(key) and said[-1][0] == key
        assert mutes[-1] is True
        c._say_again_timer.timeout.emit()  # the replay's length and a grace period later
        assert mutes[-1] is False and c.meeting is MeetingState.PASSING
        # Refusals, each with its reason; nothing is played for them.
        played = len(rig.player.chunks)
        c.set_muted_all(True)
        assert not c.say_again() and refused[-1] == "muted_all"
        c.set_muted_all(False)
        c.set_playback_muted(True)
        assert not c.say_again() and refused[-1] == "playback_muted"
        c.apply_settings(Settings(meeting_mode=True, call_output=""))
        assert not c.say_again() and refused[-1] == "no_call_output"
        assert len(rig.player.chunks) == played and len(said) == 2

    run(body)


def test_mute_all_keeps_translations_out_of_the_call_on_every_player(run: Any) -> None:
    async def body(emu: PinchEmulator) -> None:
        rig, mutes, states = meeting_rig(emu, "after_translation")
        c = rig.controller
        c.set_muted_all(True)
        assert rig.player.call_muted and mutes[-1] is True and c.meeting is MeetingState.MUTED
        assert c.muted_all and states[-1] == "muted"
        await translate_once(rig)
        # The translation reached the monitor only, and the pass-through stayed muted all along.
        assert rig.player.outputs and set(rig.player.outputs) == {("monitor",)}
        assert all(mutes[1:]) and c.meeting is MeetingState.MUTED
        # A player built while muted (devices changed) is muted too; unmuting reaches it.
        from tests.fakes import FakePlayer

        replacement = FakePlayer()
        c.attach_audio(rig.capture, replacement)
        assert replacement.call_muted
        c.toggle_muted_all()
        assert not replacement.call_muted and not c.muted_all
        assert mutes[-1] is False and c.meeting is MeetingState.PASSING
        # Without meeting mode, "mute all" still shows: it keeps translations out of the call.
        c.apply_settings(Settings(meeting_mode=False))
        assert c.meeting is MeetingState.OFF
        c.set_muted_all(True)
        assert c.meeting is MeetingState.MUTED and replacement.call_muted

    run(body)
