"""Say it again and Mute all from outside the window (issue 17): their hotkeys through the real
PushToTalk into the app's own handler (``DesktopApp.on_ptt_action_triggered``), the command
channel's ``say-again`` / ``mute-all`` through ``DesktopApp.answer_query`` (what ``dragoman
say-again`` and ``dragoman mute-all`` send), and a bad action key never costing the talk key.
The controller talks to the Pinch emulator; the player records what it was given."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from PySide6.QtWidgets import QApplication

from dragoman.core.banners import Banner
from dragoman.core.errors import UsageError
from dragoman.core.settings import Settings
from dragoman.main import DesktopApp, action_hotkeys
from tests.emulator.pinch import PinchEmulator
from tests.integration.channel import channel_to
from tests.integration.test_controller import Rig, run
from tests.integration.test_pushtotalk import Factory, make_ptt
from tests.qtloop import until
from tests.signals import sentence, silence

__all__ = ["run"]  # the fixture, shared with test_controller

MEETING = Settings(
    meeting_mode=True,
    call_output="pulse:dragoman_mic_sink",
    say_again_hotkey="F11",
    mute_all_hotkey="Ctrl+F12",
)


def speech() -> Any:
    return np.concatenate([sentence(0.6, 5), silence(0.3)])


def test_the_hotkeys_say_it_again_and_mute_all(run: Any, qapp: QApplication) -> None:
    async def body(emu: PinchEmulator) -> None:
        rig = Rig(emu, MEETING)
        desktop = DesktopApp(qapp, hidden=True)
        desktop.controller = rig.controller
        factory = Factory()
        ptt = make_ptt(factory)
        ptt.action_triggered.connect(desktop.on_ptt_action_triggered)
        ptt.start(MEETING.hotkey, None, actions=action_hotkeys(MEETING))
        backend = factory.built["a"]
        said: list[str] = []
        rig.controller.said_again.connect(lambda key, _at: said.append(key))
        try:
            await rig.hold(speech())
            played = len(rig.player.chunks)
            backend.key("F11", True)
            backend.key("F11", False)
            await until(lambda: len(said) == 1)
            assert rig.player.outputs[played:] == [("call", "monitor")]
            backend.key("LeftCtrl", True)
            backend.key("F12", True)
            await until(lambda: rig.controller.muted_all)
            assert rig.player.call_muted and rig.controller.meeting.value == "muted"
            backend.key("F12", False)
            backend.key("F12", True)  # pressed again: unmuted
            await until(lambda: not rig.controller.muted_all)
            assert not rig.player.call_muted
        finally:
            ptt.stop()
        await rig.close()

    run(body)


def test_say_again_and_mute_all_through_the_channel(run: Any, qapp: QApplication) -> None:
    async def body(emu: PinchEmulator) -> None:
        rig = Rig(emu, MEETING)
        try:
            with channel_to(qapp, rig.controller) as send:
                with pytest.raises(UsageError, match="Nothing to say again yet"):
                    await send("say-again")
                await rig.hold(speech())
                played = len(rig.player.chunks)
                assert await send("say-again") == "said again"
                assert len(rig.player.chunks) == played + 1
                assert rig.controller.meeting.value == "translating"  # the call hears the replay
                rig.controller.report_playing(True)  # the player (a fake here) sounds, then ends
                rig.controller.report_playing(False)
                assert await send("mute-all") == "muted"  # toggles
                assert await send("mute-all on") == "muted"
                with pytest.raises(UsageError, match="Mute all is on"):
                    await send("say-again")
                assert len(rig.player.chunks) == played + 1  # refused: nothing played
                assert await send("mute-all off") == "unmuted"
                assert rig.controller.meeting.value == "passing through"
        finally:
            await rig.close()

    run(body)


@pytest.mark.parametrize("say_again", ["F9", "Ctrl+Nonsense"])
def test_a_bad_action_key_keeps_the_talk_key(qapp: QApplication, say_again: str) -> None:
    """The same key as the talk key, or one that cannot be read: the talk keys start alone and
    a banner says which setting to fix."""
    desktop = DesktopApp(qapp, hidden=True)
    factory = Factory()
    desktop.ptt = make_ptt(factory)
    shown: list[Banner] = []
    desktop.show_banner = shown.append  # type: ignore[method-assign]  # no window here
    try:
        desktop.start_hotkeys(Settings(hotkey="F9", say_again_hotkey=say_again))
        # (start_hotkeys chooses the back ends from the environment; the fake plays them all)
        backend = factory.built[desktop.ptt.backend_name]
        assert set(backend.bindings) == {"forward", "cancel"}
        (banner,) = shown
        assert banner.key == "hotkey" and "The talk keys work" in banner.text
        assert "say_again" in banner.text
    finally:
        desktop.ptt.stop()
