"""Who owns a hold, a session and the visible state: the defects of issue 9, on the emulator.

Each test drives the SessionController on asyncio-on-Qt against the Pinch emulator over TCP, with
the fake capture delivering known frames, and checks what reached the server byte for byte.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pytest
from PySide6.QtWidgets import QApplication

from dragoman.controller import State
from dragoman.core.banners import Action
from dragoman.core.settings import Settings
from tests.emulator.pinch import PinchEmulator
from tests.integration.test_controller import RIGS, Rig, segments
from tests.qtloop import run_on_qt, until
from tests.signals import sentence, silence

PADDING = bytes(9600)  # 300 ms of zeros at 16 kHz PCM16


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


async def ready_rig(emu: PinchEmulator, **settings: Any) -> Rig:
    rig = Rig(emu, Settings(drop_silent_holds=False, **settings))
    rig.capture.pace_s = 0.004  # the tail takes ~40 ms of real time: room to press inside it
    rig.controller.warm_up()
    await until(lambda: rig.controller.state is State.READY)
    return rig


async def press_inside_the_tail(rig: Rig, direction: str) -> tuple[bytes, bytes]:
    """Hold 1, release, press again (``direction``) before hold 1's tail has been read."""
    c = rig.controller
    rig.capture.say(np.concatenate([sentence(0.6, 21), silence(0.4)]))
    rig.capture.say(np.concatenate([sentence(0.6, 22), silence(0.4)]))
    c.start_talking()
    first = rig.capture.utterances[-1]
    await until(lambda: first.delivered >= 30)
    c.stop_talking()
    at_release = first.delivered
    await until(lambda: first.delivered >= at_release + 2)  # two frames into its ten-frame tail
    c.start_talking(direction)
    second = rig.capture.utterances[-1]
    await until(lambda: second.delivered >= 30)
    c.stop_talking()
    await until(lambda: not c.busy, limit=20)
    sent_1 = b"".join(first._frames[: first.delivered])
    sent_2 = b"".join(second._frames[: second.delivered])
    assert first.delivered == at_release + 10  # the whole ten-frame tail was read
    return sent_1, sent_2


def test_a_second_press_inside_the_tail_keeps_the_tail_and_the_padding(run: Any) -> None:
    async def body(emu: PinchEmulator) -> None:
        rig = await ready_rig(emu)
        sent_1, sent_2 = await press_inside_the_tail(rig, "forward")
        (rec,) = emu.sessions
        await until(lambda: len(rec.audio) >= len(sent_1) + len(sent_2) + 2 * len(PADDING))
        assert bytes(rec.audio) == sent_1 + PADDING + sent_2 + PADDING
        assert len(rig.latencies) == 2  # the superseded hold reported its figures too
        assert rig.latencies[0].first_frame_sent_ms is not None
        assert rig.controller.state is State.READY

    run(body)


def test_a_reverse_press_inside_the_tail_swaps_after_the_padding(run: Any) -> None:
    async def body(emu: PinchEmulator) -> None:
        rig = await ready_rig(emu)
        sent_1, sent_2 = await press_inside_the_tail(rig, "reverse")
        (rec,) = emu.sessions
        await until(lambda: len(rec.audio) >= len(sent_1) + len(sent_2) + 2 * len(PADDING))
        assert bytes(rec.audio) == sent_1 + PADDING + sent_2 + PADDING
        await until(lambda: rec.updates)
        assert rec.updates[0]["sourceLanguage"] == "es"
        assert rec.updates[0]["targetLanguage"] == "en"
        # The swap went out after the first hold's padding, before the second hold's audio.
        swap_at = next(i for i, t in enumerate(rec.text_frames) if "update_metadata" in t)
        assert swap_at >= 0
        assert len(rig.latencies) == 2

    run(body)


def test_a_key_down_during_a_close_gets_the_new_session_and_its_consumer(run: Any) -> None:
    async def body(emu: PinchEmulator) -> None:
        rig = await ready_rig(emu)
        c = rig.controller
        c.key_changed("pinch")  # closes the warm session in the background ...
        rig.capture.say(np.concatenate([sentence(0.8, 23), silence(0.4)]))
        c.start_talking()  # ... and the key goes down while it closes
        await until(lambda: rig.capture.utterances[-1].delivered >= 55)
        c.stop_talking()
        await until(lambda: not c.busy, limit=20)
        await until(lambda: segments(rig) and segments(rig)[-1].translated)
        assert len(emu.sessions) == 2 and emu.sessions[0].close_code == 1000
        sent = b"".join(rig.capture.utterances[-1]._frames[: rig.capture.utterances[-1].delivered])
        assert bytes(emu.sessions[1].audio) == sent + PADDING
        assert c.state is State.READY

    run(body)


def test_a_rejected_key_then_a_saved_good_key(run: Any) -> None:
    async def body(emu: PinchEmulator) -> None:
        rig = Rig(emu, Settings(drop_silent_holds=False), key="pk_wrong")
        c = rig.controller
        c.warm_up()
        await until(lambda: c.state is State.ERROR)
        assert rig.banners[-1].action is Action.OPEN_KEY_SETTINGS
        # A hold with the refused key: the banner again, never "listening".
        talking: list[bool] = []
        c.talking_changed.connect(talking.append)
        rig.capture.say(sentence(0.4, 24))
        c.start_talking()
        assert c.state is State.ERROR and not c.talking and talking == []
        assert rig.banners[-1].action is Action.OPEN_KEY_SETTINGS
        # The user saves a good key: the error goes, the next hold works.
        rig.key = "pk_test_good"
        c.key_changed("pinch")
        assert "session" in rig.cleared and c.state is not State.ERROR
        await until(lambda: c.state is State.READY)
        await rig.hold(np.concatenate([sentence(0.6, 25), silence(0.4)]))
        await until(lambda: segments(rig) and segments(rig)[-1].translated)
        assert c.state is State.READY and c.error is None

    run(body)


def test_a_forbidden_key_banner_goes_when_the_next_attempt_starts(run: Any) -> None:
    async def body(emu: PinchEmulator) -> None:
        rig = Rig(emu, Settings(), key="pk_test_forbidden")
        c = rig.controller
        c.warm_up()
        await until(lambda: c.state is State.ERROR)
        assert rig.banners[-1].action is Action.COPY_DETAILS
        rig.key = "pk_test_good"
        emu.faults.fail_503 = 1  # the next attempt is "busy" first: no stale 403 meanwhile
        rig.capture.say(np.concatenate([sentence(0.6, 26), silence(0.4)]))
        c.start_talking()
        await until(lambda: "session" in rig.cleared)  # the new attempt began: the 403 is old news
        assert c.state is State.LISTENING
        await until(lambda: any(b.key == "network" for b in rig.banners))
        c.stop_talking()
        await until(lambda: not c.busy, limit=20)
        assert c.state is State.READY

    run(body)


def test_every_session_dying_after_ready_ends_in_error_and_retry_keeps_the_audio(
    run: Any,
) -> None:
    async def body(emu: PinchEmulator) -> None:
        emu.faults.kill_after_ready = 1000
        emu.faults.kill_kind = "1011"
        rig = Rig(emu, Settings(drop_silent_holds=False))
        c = rig.controller
        rig.capture.say(np.concatenate([sentence(0.6, 27), silence(0.4)]))
        c.start_talking()
        await until(lambda: rig.capture.utterances[-1].delivered >= 45)
        c.stop_talking()
        await until(lambda: c.state is State.ERROR, limit=30)
        banner = rig.banners[-1]
        assert banner.action is Action.RETRY and len(emu.sessions) <= 4  # max_reconnects=3, +1
        sent = b"".join(rig.capture.utterances[-1]._frames[: rig.capture.utterances[-1].delivered])
        # The server recovers; "Try again" sends what no final covered, in a new session.
        emu.faults.kill_after_ready = 0
        c.retry()
        await until(lambda: segments(rig) and segments(rig)[-1].translated, limit=20)
        await until(lambda: not c.busy, limit=20)
        assert bytes(emu.sessions[-1].audio).startswith(sent)
        assert c.state is State.READY and c.error is None

    run(body)


def test_the_release_time_given_is_where_the_tail_starts(run: Any) -> None:
    async def body(emu: PinchEmulator) -> None:
        rig = await ready_rig(emu)
        c = rig.controller
        rig.capture.say(np.concatenate([sentence(0.6, 28), silence(0.4)]))
        c.start_talking()
        utterance = rig.capture.utterances[-1]
        await until(lambda: utterance.delivered >= 20)
        key_up = c._clock() - 0.03  # the key went up 30 ms ago; its release is confirmed now
        c.stop_talking(key_up)
        assert utterance.released_at == key_up
        await until(lambda: not c.busy, limit=20)
        assert rig.latencies[-1].first_frame_sent_ms is not None

    run(body)
