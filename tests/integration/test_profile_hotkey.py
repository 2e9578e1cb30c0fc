"""The profile hotkey and ``dragoman profile`` change what the next hold sends (issue 17).

The real pieces from the key to the wire: a hotkey back end's key-down goes through PushToTalk
(``action_triggered``) to the app's own handler (``DesktopApp.on_ptt_action_triggered``), and a
``profile`` line through the command channel to ``DesktopApp.answer_query``; the controller
talks to the Pinch emulator, which translates into the language it was told
(``[de] …``), so each hold shows which profile it went out with.
"""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Any

import numpy as np
import pytest
from PySide6.QtWidgets import QApplication

from dragoman.core import profiles
from dragoman.core.errors import UsageError
from dragoman.core.settings import Settings
from dragoman.hotkeys.channel import parse_command
from dragoman.hotkeys.events import NEXT_PROFILE
from dragoman.main import DesktopApp, action_hotkeys
from tests.emulator.pinch import PinchEmulator
from tests.integration.channel import channel_to
from tests.integration.test_controller import Rig, run, segments
from tests.integration.test_pushtotalk import Factory, make_ptt
from tests.qtloop import until
from tests.signals import sentence, silence

__all__ = ["run"]  # the fixture, shared with test_controller

SPANISH = Settings(target_language="es", profile_hotkey="F8")
START = replace(
    SPANISH,
    profiles=(
        profiles.snapshot(SPANISH, "Spanish"),
        profiles.snapshot(replace(SPANISH, target_language="de"), "German call"),
    ),
    active_profile="Spanish",
)


def speech(n: int) -> Any:
    return np.concatenate([sentence(0.6, n), silence(0.3)])


def test_the_profile_key_switches_the_language_of_the_next_hold(
    run: Any, qapp: QApplication
) -> None:
    async def body(emu: PinchEmulator) -> None:
        rig = Rig(emu, START)
        desktop = DesktopApp(qapp, hidden=True)
        desktop.controller = rig.controller
        factory = Factory()
        ptt = make_ptt(factory)
        ptt.action_triggered.connect(desktop.on_ptt_action_triggered)
        ptt.start(START.hotkey, None, actions=action_hotkeys(START))
        backend = factory.built["a"]
        assert str(backend.bindings[NEXT_PROFILE]) == "F8"
        try:
            await rig.hold(speech(1))
            backend.key("F8", True)
            backend.key("F8", False)
            await until(lambda: rig.controller.settings.active_profile == "German call")
            await rig.hold(speech(2))
            # During a hold the key waits for the hold: this one still goes out in German.
            rig.capture.say(speech(3))
            rig.controller.start_talking()
            backend.key("F8", True)
            backend.key("F8", False)
            await until(lambda: rig.controller.pending_profile == "Spanish")
            utterance = rig.capture.utterances[-1]
            frames = len(utterance._frames)
            await until(lambda: utterance.delivered >= frames - rig.capture.tail)
            rig.controller.stop_talking()
            await until(lambda: not rig.controller.busy, limit=15)
            await rig.hold(speech(4))
            languages = [s.translated[:4] for s in segments(rig)]
            assert languages == ["[es]", "[de]", "[de]", "[es]"]
        finally:
            ptt.stop()
        await rig.close()

    run(body)


def test_profile_commands_through_the_channel(run: Any, qapp: QApplication) -> None:
    async def body(emu: PinchEmulator) -> None:
        rig = Rig(emu, START)
        with channel_to(qapp, rig.controller) as send:
            listed = json.loads(await send("profile list"))
            assert [p["name"] for p in listed["profiles"]] == ["Spanish", "German call"]
            assert listed["active"] == "Spanish" and listed["pending"] is None
            assert await send("profile use german   call") == "German call"
            await rig.hold(speech(1))
            assert await send("profile next") == "Spanish"
            await rig.hold(speech(2))
            # Saved from the command line: the current settings under a new name.
            rig.controller.apply_settings(replace(rig.controller.settings, voice="female"))
            assert await send("profile save Female Spanish") == "saved Female Spanish"
            saved = profiles.find(rig.controller.settings.profiles, "Female Spanish")
            assert saved is not None and saved.voice == "female"
            assert await send("profile delete Female Spanish") == "deleted Female Spanish"
            with pytest.raises(UsageError, match="no profile called 'Nope'"):
                await send("profile use Nope")
            # Chosen during a hold: the reply says when it applies.
            rig.capture.say(speech(3))
            rig.controller.start_talking()
            assert (await send("profile use German call")).endswith(
                "(from the next hold: a hold is under way)"
            )
            rig.controller.stop_talking()
            await until(lambda: not rig.controller.busy, limit=15)
            await rig.hold(speech(4))
            languages = [s.translated[:4] for s in segments(rig)]
            assert languages == ["[de]", "[es]", "[es]", "[de]"]
        await rig.close()

    run(body)


@pytest.mark.parametrize(
    ("line", "canonical"),
    [
        ("profile list", "profile list"),
        ("profile next", "profile next"),
        ("profile use  Team   call ", "profile use Team call"),
        ("profile save Équipe", "profile save Équipe"),
    ],
)
def test_profile_lines_are_parsed(line: str, canonical: str) -> None:
    assert parse_command(line) == canonical


@pytest.mark.parametrize("line", ["profile", "profile use", "profile list all", "profile swap x"])
def test_bad_profile_lines_are_refused(line: str) -> None:
    with pytest.raises(UsageError, match="profile takes"):
        parse_command(line)
