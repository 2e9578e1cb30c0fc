"""The SessionController on asyncio-on-Qt, with the real Pinch client against the emulator."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import replace
from typing import Any

import httpx
import numpy as np
import pytest
from PySide6.QtWidgets import QApplication

from dragoman.controller import Latency, SessionController, State, pauses_playback
from dragoman.controller.usage import UsageTracker
from dragoman.core.banners import USAGE_KEY, Action, Banner, Level
from dragoman.core.cost import CapLevel, UsageReading, local_day
from dragoman.core.engine import Engine
from dragoman.core.errors import AuthError
from dragoman.core.settings import Settings
from dragoman.core.transcript import Segment
from dragoman.providers.pinch import PinchConfig, PinchEngine
from tests.emulator.pinch import PinchEmulator
from tests.fakes import FakeCapture, FakePlayer
from tests.qtloop import run_on_qt, until
from tests.signals import sentence, silence

RIGS: list[Rig] = []


class Rig:
    """A controller wired to the emulator, recording every signal it emits."""

    def __init__(
        self,
        emu: PinchEmulator,
        settings: Settings,
        key: str = "pk_test_good",
        *,
        usage: UsageTracker | None = None,
    ) -> None:
        RIGS.append(self)
        self.emu = emu
        self.capture = FakeCapture()
        self.player = FakePlayer()
        self.http = httpx.AsyncClient(timeout=5)
        self.key = key
        self.controller = SessionController(
            settings=settings,
            engine_factory=self.make_engine,
            capture=self.capture,
            player=self.player,
            usage=usage,
        )
        self.player.on_played = self.controller.report_first_played
        self.states: list[str] = []
        self.banners: list[Banner] = []
        self.cleared: list[str] = []
        self.latencies: list[Latency] = []
        self.no_speech = 0
        c = self.controller
        c.state_changed.connect(self.states.append)
        c.banner_raised.connect(self.banners.append)
        c.banner_cleared.connect(self.cleared.append)
        c.latency_measured.connect(self.latencies.append)
        c.no_speech_detected.connect(self._on_no_speech)

    def _on_no_speech(self) -> None:
        self.no_speech += 1

    def make_engine(self, settings: Settings) -> Engine:
        if not self.key:
            raise AuthError("No Pinch API key: set one in Settings.")
        config = PinchConfig(base_url=self.emu.base_url, max_reconnects=3)
        return PinchEngine(api_key=self.key, config=config, http=self.http)

    async def hold(self, pcm: np.ndarray, *, release_after: float | None = None) -> None:  # type: ignore[type-arg]
        """Hold the key while the capture delivers ``pcm``, then release and wait for idle."""
        self.capture.say(pcm)
        self.controller.start_talking()
        utterance = self.capture.utterances[-1]
        frames = len(utterance._frames)
        await until(lambda: utterance.delivered >= frames - self.capture.tail)
        self.controller.stop_talking()
        await until(lambda: not self.controller.busy, limit=15)

    async def close(self) -> None:
        if self in RIGS:
            RIGS.remove(self)
        await self.controller.shutdown()
        await self.http.aclose()


def segments(rig: Rig) -> list[Segment]:
    return [s for s in rig.controller.builder.segments if s.original]


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


def test_hold_speak_release_gives_a_paired_transcript_and_latencies(run: Any) -> None:
    async def body(emu: PinchEmulator) -> None:
        rig = Rig(emu, Settings(warm_session=True))
        rig.controller.warm_up()
        await until(lambda: rig.controller.state is State.READY)
        # Speech up to the release: the last final can only come after it (from the padding).
        await rig.hold(np.concatenate([silence(0.2), sentence(0.8, 1)]))
        (seg,) = segments(rig)
        assert seg.original.startswith("speech 1") and seg.translated.startswith("[es] speech 1")
        assert rig.player.chunks and all(rate == 24_000 for _, rate in rig.player.chunks)
        (latency,) = rig.latencies
        assert latency.first_frame_sent_ms is not None and latency.last_final_ms is not None
        assert latency.first_audio_ms is not None
        assert rig.states == ["connecting", "ready", "listening", "finishing", "ready"]
        (rec,) = emu.sessions
        assert rec.audio_before_ready == 0 and bytes(rec.audio[-9600:]) == bytes(9600)
        await rig.close()
        assert rec.close_code == 1000

    run(body)


def test_key_down_before_the_session_is_ready_loses_nothing(run: Any) -> None:
    async def body(emu: PinchEmulator) -> None:
        emu.faults.ready_delay = 0.4
        rig = Rig(emu, Settings(warm_session=False))
        pcm = np.concatenate([sentence(0.6, 2), silence(0.3)])
        await rig.hold(pcm)
        (rec,) = emu.sessions
        assert rec.audio_before_ready == 0
        sent = b"".join(rig.capture.utterances[0]._frames[: rig.capture.utterances[0].delivered])
        assert bytes(rec.audio).startswith(sent)
        assert len(segments(rig)) == 1
        await rig.close()

    run(body)


def test_a_final_before_the_release_gives_no_release_to_final_figure(run: Any) -> None:
    async def body(emu: PinchEmulator) -> None:
        rig = Rig(emu, Settings())
        rig.controller.warm_up()
        await until(lambda: rig.controller.state is State.READY)
        rig.capture.say(np.concatenate([sentence(0.6, 13), silence(0.5)]))
        rig.controller.start_talking()
        await until(lambda: segments(rig) and segments(rig)[0].translated)  # a pause finalised it
        rig.controller.stop_talking()
        await until(lambda: rig.latencies)
        (latency,) = rig.latencies
        assert latency.last_final_ms is None and "final" not in latency.summary()
        assert latency.first_frame_sent_ms is not None
        await rig.close()

    run(body)


def test_missing_key_raises_the_set_your_key_banner(run: Any) -> None:
    async def body(emu: PinchEmulator) -> None:
        rig = Rig(emu, Settings(), key="")
        rig.controller.start_talking()
        await until(lambda: rig.controller.state is State.ERROR)
        assert not rig.controller.busy and rig.states[-1] == "error"
        (banner,) = rig.banners
        assert (
            banner.action is Action.OPEN_KEY_SETTINGS and banner.action_label == "Set your API key"
        )
        await rig.close()

    run(body)


def test_rejected_key_from_the_server_raises_the_banner(run: Any) -> None:
    async def body(emu: PinchEmulator) -> None:
        rig = Rig(emu, Settings(), key="pk_wrong")
        rig.controller.warm_up()
        await until(lambda: rig.controller.state is State.ERROR)
        assert rig.banners[-1].action is Action.OPEN_KEY_SETTINGS
        await rig.close()

    run(body)


def test_unsupported_target_offers_text_only_and_switches_without_reconnecting(run: Any) -> None:
    async def body(emu: PinchEmulator) -> None:
        rig = Rig(emu, Settings(target_language="sw"))
        changed: list[Settings] = []
        rig.controller.settings_changed.connect(changed.append)
        rig.controller.warm_up()
        await until(lambda: any(b.key == "language" for b in rig.banners))
        banner = next(b for b in rig.banners if b.key == "language")
        assert banner.action is Action.SWITCH_TO_TEXT_ONLY
        rig.controller.switch_to_text_only()
        await until(lambda: emu.sessions[0].updates)
        assert emu.sessions[0].updates == [{"type": "update_metadata", "audioOutputEnabled": False}]
        assert changed[-1].speech_output is False and "language" in rig.cleared
        await rig.hold(np.concatenate([sentence(0.6, 3), silence(0.3)]))
        assert segments(rig)[0].translated.startswith("[sw]")
        assert len(emu.sessions) == 1
        await rig.close()

    run(body)


def test_settings_change_mid_session_uses_update_metadata(run: Any) -> None:
    async def body(emu: PinchEmulator) -> None:
        rig = Rig(emu, Settings())
        rig.controller.warm_up()
        await until(lambda: rig.controller.state is State.READY)
        rig.controller.apply_settings(replace(Settings(), target_language="de", voice="female"))
        await until(lambda: emu.sessions[0].updates)
        assert emu.sessions[0].updates[0] == {
            "type": "update_metadata",
            "targetLanguage": "de",
            "voiceType": "female",
        }
        await rig.hold(np.concatenate([sentence(0.6, 4), silence(0.3)]))
        assert segments(rig)[0].translated.startswith("[de]") and len(emu.sessions) == 1
        await rig.close()

    run(body)


def test_a_silent_hold_is_dropped_with_a_hint(run: Any) -> None:
    async def body(emu: PinchEmulator) -> None:
        rig = Rig(emu, Settings(drop_silent_holds=True))
        rig.controller.warm_up()
        await until(lambda: rig.controller.state is State.READY)
        await rig.hold(silence(0.8))
        assert rig.no_speech == 1 and rig.latencies == []
        await asyncio.sleep(0.1)
        assert emu.sessions[0].audio == b""
        await rig.close()

    run(body)


def test_reconnecting_banner_comes_and_goes_and_the_sentence_survives(run: Any) -> None:
    async def body(emu: PinchEmulator) -> None:
        emu.faults.drop_after_speech_ms = 600
        emu.faults.drop_kind = "tcp"
        rig = Rig(emu, Settings())
        rig.controller.warm_up()
        await until(lambda: rig.controller.state is State.READY)
        await rig.hold(np.concatenate([silence(0.2), sentence(1.4, 5), silence(0.3)]))
        await until(lambda: segments(rig) and segments(rig)[0].translated)
        assert any(b.key == "network" for b in rig.banners) and "network" in rig.cleared
        assert "reconnecting" in rig.states
        assert len(segments(rig)) == 1 and len(emu.sessions) == 2
        await rig.close()

    run(body)


def test_cancel_sends_nothing_more(run: Any) -> None:
    async def body(emu: PinchEmulator) -> None:
        rig = Rig(emu, Settings(drop_silent_holds=False))
        rig.capture.pace_s = 0.005
        rig.controller.warm_up()
        await until(lambda: rig.controller.state is State.READY)
        rig.capture.say(np.concatenate([sentence(2.0, 6)]))
        rig.controller.start_talking()
        utterance = rig.capture.utterances[-1]
        await until(lambda: utterance.delivered >= 20)
        delivered = utterance.delivered  # what the controller had when the user cancelled
        rig.controller.cancel_talking()
        await until(lambda: not rig.controller.busy)
        await until(lambda: len(emu.sessions[0].audio) >= delivered * 640 + 9600)
        assert len(emu.sessions[0].audio) == delivered * 640 + 9600  # the close-out zeros only
        assert rig.latencies == []
        await rig.close()

    run(body)


@pytest.mark.parametrize(
    ("echo_guard", "speakers", "pauses"),
    [
        ("auto", True, True),
        ("auto", False, False),
        ("on", True, True),
        ("on", False, True),
        ("off", True, False),
        ("off", False, False),
    ],
)
def test_the_barge_in_rule(echo_guard: str, speakers: bool, pauses: bool) -> None:
    assert pauses_playback(echo_guard, speakers) is pauses


def test_a_hold_on_speakers_pauses_the_playback_and_is_sent_whole(run: Any) -> None:
    """Barge-in: the key-down pauses the translation on speakers; the microphone is never gated
    (the whole hold reaches the service), and the row keeps the whole translated speech."""

    async def body(emu: PinchEmulator) -> None:
        rig = Rig(emu, Settings(echo_guard="auto"))
        c, player = rig.controller, rig.player
        c.attach_audio(rig.capture, player, monitor_is_speakers=True)
        await rig.hold(np.concatenate([silence(0.2), sentence(0.8, 11)]))
        await until(lambda: any(s.translated for s in segments(rig)))
        (first,) = segments(rig)
        first_reply = emu.sessions[0].sent_audio  # its translated speech (float32)
        await until(lambda: sum(x.size for x, _ in player.chunks) * 4 == len(first_reply))
        reply = len(first_reply) // 4
        # Every hold on speakers pauses the player, even with nothing playing (a reply that
        # arrives during the hold must not play into the microphone either).
        assert player.pauses == 1 and not player.paused and player.chunks
        assert rig.banners == []  # nothing was cut: nothing to say
        # A translation plays; the person presses the key and speaks over it.
        player.sounding = True
        c.report_playing(True)
        pcm = np.concatenate([sentence(1.0, 12), silence(0.2)])
        rig.capture.say(pcm)
        c.start_talking()
        assert player.paused and player.pauses == 2  # at key-down, before any await
        c.report_playing(True)  # the player's news changes nothing during the hold
        player.enqueue(np.zeros(480, np.float32), 24_000)  # a late chunk of the old reply
        assert player.dropped == 1
        utterance = rig.capture.utterances[-1]
        await until(lambda: utterance.delivered >= len(utterance._frames) - rig.capture.tail)
        c.stop_talking()
        assert not player.paused  # the next translation plays
        await until(lambda: not c.busy, limit=15)
        (rec,) = emu.sessions
        sent = b"".join(utterance._frames[: utterance.delivered])
        assert sent in bytes(rec.audio)  # every frame of the hold, none zeroed
        assert [b.key for b in rig.banners].count("echo") == 1
        # The row kept the whole first reply, the part the barge-in cut included.
        assert c.replay(first.key) and player.outputs[-1] == ("monitor",)
        assert player.chunks[-1][0].size == reply
        # A second barge-in is not announced again.
        rig.capture.say(sentence(0.3, 13))
        c.start_talking()
        c.cancel_talking()
        assert player.pauses == 3 and not player.paused
        assert [b.key for b in rig.banners].count("echo") == 1

    run(body)


@pytest.mark.parametrize("echo_guard", ["auto", "on", "off"])
def test_with_headphones_only_on_pauses(run: Any, echo_guard: str) -> None:
    async def body(emu: PinchEmulator) -> None:
        rig = Rig(emu, Settings(echo_guard=echo_guard))
        rig.controller.attach_audio(rig.capture, rig.player, monitor_is_speakers=False)
        rig.player.sounding = True
        rig.capture.say(sentence(0.3, 14))
        rig.controller.start_talking()
        assert rig.player.paused is (echo_guard == "on")
        rig.controller.stop_talking()
        assert not rig.player.paused
        await until(lambda: not rig.controller.busy, limit=15)

    run(body)


def test_a_player_attached_during_a_hold_on_speakers_starts_paused(run: Any) -> None:
    async def body(emu: PinchEmulator) -> None:
        rig = Rig(emu, Settings(echo_guard="auto"))
        c = rig.controller
        c.attach_audio(rig.capture, None, monitor_is_speakers=False)  # outputs being rebuilt
        rig.capture.say(sentence(0.3, 16))
        c.start_talking()
        c.attach_audio(rig.capture, rig.player, monitor_is_speakers=True)
        assert rig.player.paused
        c.stop_talking()
        assert not rig.player.paused
        await until(lambda: not c.busy, limit=15)

    run(body)


def test_the_mic_check_always_plays_even_on_speakers(run: Any) -> None:
    async def body(emu: PinchEmulator) -> None:
        rig = Rig(emu, Settings(echo_guard="on"), key="")
        rig.controller.attach_audio(rig.capture, rig.player, monitor_is_speakers=True)
        rig.controller.set_mic_check(True)
        await rig.hold(np.concatenate([sentence(0.5, 15), silence(0.1)]))
        assert rig.player.pauses == 0 and rig.player.chunks and rig.player.dropped == 0

    run(body)


def test_mic_check_plays_the_capture_back_without_any_service(run: Any) -> None:
    async def body(emu: PinchEmulator) -> None:
        rig = Rig(emu, Settings(), key="")  # no key needed: nothing goes to a service
        checks: list[Latency] = []
        rig.controller.mic_check_measured.connect(checks.append)
        rig.controller.set_mic_check(True)
        pcm = np.concatenate([sentence(0.5, 9), silence(0.1)])
        await rig.hold(pcm)
        played = np.concatenate([chunk for chunk, _ in rig.player.chunks])
        assert {rate for _, rate in rig.player.chunks} == {16_000}
        delivered = rig.capture.utterances[0].delivered
        expected = np.frombuffer(b"".join(rig.capture.utterances[0]._frames[:delivered]), "<i2")
        np.testing.assert_array_equal(played, expected.astype(np.float32) / 32768)
        assert checks[-1].first_audio_ms is not None
        # The mic check is not a translation: no latency for the status bar, and the state the
        # user sees goes back to where it was (it once stayed on "Translating…").
        assert rig.latencies == [] and rig.controller.state is State.IDLE
        assert rig.states == ["listening", "finishing", "idle"]
        assert emu.allocations == [] and rig.banners == []

    run(body)


# -- usage: minutes sent and the daily cap ------------------------------------------------------

NOON = 1_780_000_000.0  # a fixed Unix time: no test crosses a midnight
TODAY = local_day(NOON).isoformat()
SPEECH = (0.6, 0.3)  # seconds of speech then silence in each hold below (45 wire frames)


def speech(seed: int) -> np.ndarray:  # type: ignore[type-arg]
    return np.concatenate([sentence(SPEECH[0], seed), silence(SPEECH[1])])


def tracker(settings: Settings, today: float = 0.0, saved: list[Any] | None = None) -> UsageTracker:
    return UsageTracker.for_settings(
        settings,
        {TODAY: today} if today else None,
        persist=None if saved is None else lambda day, seconds: saved.append((day, seconds)),
        now=lambda: NOON,
    )


def usage_banners(rig: Rig) -> list[Banner]:
    return [b for b in rig.banners if b.key == USAGE_KEY]


def test_a_hold_adds_the_seconds_it_sent_and_saves_them(run: Any) -> None:
    async def body(emu: PinchEmulator) -> None:
        saved: list[Any] = []
        settings = Settings(price_per_minute=0.5)
        rig = Rig(emu, settings, usage=tracker(settings, today=30.0, saved=saved))
        readings: list[UsageReading] = []
        rig.controller.usage_changed.connect(readings.append)
        start = rig.controller.usage_reading
        assert start is not None and (start.session_seconds, start.today_seconds) == (0.0, 30.0)
        await rig.hold(speech(21))
        await until(lambda: readings and saved)
        sent = rig.capture.utterances[0].delivered * 0.02  # every frame of a hold with speech
        assert sent == pytest.approx(sum(SPEECH), abs=0.05)
        (reading,) = readings
        assert reading.session_seconds == pytest.approx(sent)
        assert reading.today_seconds == pytest.approx(30.0 + sent)
        assert reading.today_cost == pytest.approx((30.0 + sent) / 60 * 0.5)
        assert "this session" in reading.status_text() and "cost today" in reading.status_text()
        ((day, seconds),) = saved
        assert day.isoformat() == TODAY and seconds == pytest.approx(sent)
        assert usage_banners(rig) == []  # no cap: never a cap banner
        await rig.close()

    run(body)


def test_the_mic_check_and_a_silent_hold_count_nothing(run: Any) -> None:
    async def body(emu: PinchEmulator) -> None:
        rig = Rig(emu, Settings(), usage=tracker(Settings()))
        readings: list[UsageReading] = []
        rig.controller.usage_changed.connect(readings.append)
        rig.controller.warm_up()
        await until(lambda: rig.controller.state is State.READY)
        await rig.hold(silence(0.6))  # dropped: nothing reached the service
        rig.controller.set_mic_check(True)
        await rig.hold(speech(22))
        await asyncio.sleep(0.05)
        assert readings == [] and rig.controller.usage_reading == UsageReading(
            0.0, 0.0, CapLevel.NO_CAP
        )
        await rig.close()

    run(body)


def test_at_the_cap_a_new_hold_is_refused_with_the_banner(run: Any) -> None:
    async def body(emu: PinchEmulator) -> None:
        settings = Settings(daily_cap_minutes=1)
        rig = Rig(emu, settings, usage=tracker(settings, today=60.0))
        talking: list[bool] = []
        rig.controller.talking_changed.connect(talking.append)
        rig.capture.say(speech(23))
        rig.controller.start_talking()
        (banner,) = usage_banners(rig)
        assert banner.level is Level.ERROR and "cap of 1 minutes" in banner.text
        assert not rig.controller.busy and talking == [] and rig.capture.utterances == []
        rig.controller.stop_talking()  # the key-up of the refused hold: nothing to end
        await asyncio.sleep(0.05)
        assert emu.allocations == [] and rig.controller.state is State.IDLE
        # Raising the cap lets the next hold through, and the window hears the new reading.
        readings: list[UsageReading] = []
        rig.controller.usage_changed.connect(readings.append)
        rig.controller.apply_settings(replace(settings, daily_cap_minutes=5))
        assert readings[-1].cap_minutes == 5 and readings[-1].level is CapLevel.OK
        await rig.hold(speech(24))
        await until(lambda: len(readings) == 2)
        assert len(segments(rig)) == 1 and len(usage_banners(rig)) == 1
        await rig.close()

    run(body)


def test_eighty_percent_warns_once_and_the_hold_that_reaches_the_cap_finishes(run: Any) -> None:
    async def body(emu: PinchEmulator) -> None:
        settings = Settings(daily_cap_minutes=1)
        rig = Rig(emu, settings, usage=tracker(settings, today=47.5))  # 0.5 s under 80 %
        readings: list[UsageReading] = []
        rig.controller.usage_changed.connect(readings.append)
        rig.controller.warm_up()
        await until(lambda: rig.controller.state is State.READY)
        await rig.hold(speech(25))
        await until(lambda: len(readings) == 1)
        (warning,) = usage_banners(rig)
        assert warning.level is Level.WARNING and "of today's 1 minutes" in warning.text
        assert readings[-1].level is CapLevel.WARN
        await rig.hold(speech(26))  # still between 80 % and 100 %: no second warning
        await until(lambda: len(readings) == 2)
        assert usage_banners(rig) == [warning]
        # The next hold starts under the cap and crosses it: it is sent whole, then stops.
        pcm = np.concatenate([sentence(11.0, 27), silence(0.3)])  # 49.3 s + 11.3 s
        await rig.hold(pcm)
        await until(lambda: len(readings) == 3)
        assert readings[-1].level is CapLevel.STOP
        assert readings[-1].session_seconds == pytest.approx(sum(SPEECH) * 2 + 11.3, abs=0.1)
        assert [b.level for b in usage_banners(rig)] == [Level.WARNING, Level.ERROR]
        rig.controller.start_talking()
        assert [b.level for b in usage_banners(rig)] == [Level.WARNING, Level.ERROR, Level.ERROR]
        assert not rig.controller.busy
        await rig.close()

    run(body)
