"""The SessionController: maps push-to-talk, engine events and audio onto Qt signals.

It is deliberately thin. The live resources each have one owner with a visible lifetime:

* a hold is a :class:`~dragoman.controller.turn.Turn` (it owns its task, finishes its tail and
  padding before the next hold sends, and reports its own latencies);
* the engine session and its event consumer are one unit in a
  :class:`~dragoman.controller.slot.SessionSlot` (a close can never race an open);
* the settings live in a :class:`~dragoman.controller.settings_model.SettingsModel` that says
  (old, new) to every subscriber, this controller among them.

The state the user sees is derived from three facts by :func:`dragoman.core.status.visible_state`
(the session phase, the talk phase, an outstanding error), so it cannot go stale.

Barge-in (the echo guard of earlier versions, issue 10): a key-down while a translation plays on
speakers pauses that playback at once (:meth:`Player.pause`), so the microphone hears only the
person; the microphone itself is never gated, and every hold is sent whole. Whether the monitor
output counts as speakers comes from the sound server's port and form-factor properties (see
:mod:`dragoman.audio.devices`); the ``echo_guard`` setting is the rule (:func:`pauses_playback`).
The rest of the interrupted translation is not played later: its row keeps the whole translated
speech for "Replay translation", and so does the history.

Meeting mode (issue 17): "Say it again" (:meth:`SessionController.say_again`) plays the last
translation, or a chosen row's, into the call output again (and the monitor), from the same kept
speech as "Replay translation"; the row is marked (``said_again``). "Mute all"
(:meth:`SessionController.set_muted_all`) keeps everything out of the call: the pass-through is
muted and the player's call output drops translations (:meth:`Player.set_call_muted`), also on a
player built later; the monitor plays on.

Threads: everything here runs on the Qt main thread, with asyncio on the same loop (qasync).
The audio threads reach us only through the capture's ring buffer and its callbacks.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Coroutine
from dataclasses import replace
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QObject, QTimer, Signal

from dragoman.controller.settings_model import SettingsModel
from dragoman.controller.slot import EngineFactory, SessionSlot
from dragoman.controller.turn import (
    FINISH_LIMIT_S,
    SETTLE_S,
    Latency,
    RecordedUtterance,
    Turn,
    Utterance,
)
from dragoman.controller.usage import UsageTracker
from dragoman.core import banners, profiles
from dragoman.core.banners import Banner
from dragoman.core.cost import UsageReading
from dragoman.core.engine import EngineSession
from dragoman.core.errors import AudioDeviceError, DragomanError, UsageError
from dragoman.core.events import (
    Closed,
    ErrorKind,
    Failed,
    Ready,
    Reconnected,
    Reconnecting,
    ServerError,
    SessionEvent,
    Transcript,
    TranslatedAudio,
)
from dragoman.core.meeting import MeetingState, meeting_state, passthrough_muted
from dragoman.core.pinch import FRAME_MS
from dragoman.core.settings import Settings
from dragoman.core.status import Facts, SessionPhase, State, TalkPhase, visible_state
from dragoman.core.transcript import AudioBinder, Segment, TranscriptBuilder

if TYPE_CHECKING:  # numpy is imported when audio first flows, not before the window shows
    import numpy as np
    import numpy.typing as npt

__all__ = [
    "FINISH_LIMIT_S",
    "SETTLE_S",
    "Capture",
    "Latency",
    "Player",
    "SessionController",
    "SettingsModel",
    "State",
    "Utterance",
]

log = logging.getLogger(__name__)

REPLAY_SEGMENTS = 50  # translated audio kept per row for "Replay translation"
# Why "Say it again" did nothing: no translated speech kept; the translated speech is muted;
# "mute all" is on; no call output is set.
SAY_AGAIN_REFUSALS = ("nothing", "playback_muted", "muted_all", "no_call_output")
SAY_AGAIN_GRACE_MS = 3000  # past a replay's length: its player must have said it sounds by then
LIVE_SEGMENTS = 500  # segments the builder keeps (older ones live in the history)
AUDIO_WAIT_S = 15.0  # a key-down while the audio devices start waits this long for them


# engine name -> a fingerprint of its current key (None: no key); never the key itself.
KeyProbe = Callable[[str], Awaitable[str | None]]


class Capture(Protocol):
    def begin_utterance(self, now: float) -> Utterance: ...


class Player(Protocol):
    def enqueue(
        self,
        samples: npt.NDArray[np.float32],
        rate: int,
        *,
        outputs: tuple[str, ...] | None = None,
    ) -> None: ...
    def end_stream(self) -> None: ...
    def flush(self) -> None: ...
    def pause(self) -> bool: ...
    def resume(self) -> None: ...
    def set_call_muted(self, muted: bool) -> None: ...


def pauses_playback(echo_guard: str, monitor_is_speakers: bool) -> bool:
    """The barge-in rule: does a key-down pause the translation that is playing?

    "auto" only when the monitor output is speakers (the microphone would hear the translation
    and send it back); "on" always (speakers the sound server does not describe as such);
    "off" never (headphones, or a person who prefers to talk over it)."""
    if echo_guard == "auto":
        return monitor_is_speakers
    return echo_guard == "on"


class SessionController(QObject):
    state_changed = Signal(str)
    segment_changed = Signal(object)  # a transcript Segment, new or updated
    # (Segment, TranslatedAudio): translated speech, once it is known which row it belongs to
    translation_audio_bound = Signal(object, object)
    transcript_reset = Signal(list)  # all segments, after interims were dropped
    level_changed = Signal(float, float)  # rms dBFS, peak dBFS
    banner_raised = Signal(object)  # banners.Banner
    banner_cleared = Signal(str)  # banner key
    session_id_changed = Signal(str)
    latency_measured = Signal(object)  # Latency of a translated utterance
    mic_check_measured = Signal(object)  # Latency of a mic-check hold (the wizard shows it)
    talking_changed = Signal(bool)
    meeting_state_changed = Signal(str)  # core.meeting.MeetingState value (LABELS has the words)
    talk_cancelled = Signal()  # a hold was discarded (Escape): the window says "Cancelled"
    # A profile chosen while a hold was under way: its name (applied once the hold is over),
    # then "" when it was applied (settings_changed carries it) or dropped.
    profile_pending = Signal(str)
    hotkey_checked = Signal(str)  # direction: a talk key pressed while the wizard captures it
    no_speech_detected = Signal()
    settings_changed = Signal(object)  # the new Settings, whoever changed them
    # core.cost.UsageReading: after each hold that sent audio, and when the price or cap changed
    usage_changed = Signal(object)
    # "Say it again": (segment key, wall-clock time) a row's translation went into the call again
    said_again = Signal(str, float)
    # ... or why it could not: one of SAY_AGAIN_REFUSALS (the window words it)
    say_again_refused = Signal(str)

    def __init__(
        self,
        *,
        settings: Settings | SettingsModel,
        engine_factory: EngineFactory,
        capture: Capture | None,
        player: Player | None,
        key_probe: KeyProbe | None = None,
        usage: UsageTracker | None = None,
        clock: Callable[[], float] = time.monotonic,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        # Meeting mode (core.meeting): first, _refresh_state reads these.
        self._set_passthrough_muted: Callable[[bool], None] | None = None  # the AudioRig's
        self._passthrough_muted: bool | None = None  # as last told to the rig
        self._muted_all = False  # "mute all": nothing passes through, whatever the key does
        self._saying_again = False  # a replay into the call is queued: as if it sounded already
        self._meeting = MeetingState.OFF
        self._usage = usage  # minutes sent and the daily cap; None: not counted
        self._key_probe = key_probe
        self._refused_key: str | None = None  # fingerprint of the key the service refused
        self._held_while_checking = False  # a hold waits for the refused key to be re-read
        self.model = settings if isinstance(settings, SettingsModel) else SettingsModel(settings)
        self.model.changed.connect(self.on_model_changed)
        self._capture = capture
        self._player = player
        self._audio_pending = False
        self._audio_attached: asyncio.Event | None = None  # created on the loop when needed
        self._clock = clock
        self._slot = SessionSlot(factory=engine_factory, on_event=self._on_session_event)
        self._tasks: set[asyncio.Task[Any]] = set()
        self._turn: Turn | None = None
        self._turns: set[Turn] = set()
        self._turn_count = 0
        self._direction = "forward"  # the direction the live session was set up for
        self._session_phase = SessionPhase.NONE
        self._error: Banner | None = None
        self._retry_audio: list[bytes] = []
        self._state = State.IDLE
        self._playing = False
        self._mic_check = False
        self._hotkey_check = False
        self._monitor_is_speakers = False
        self._barged_in = False  # this hold paused the playback (resumed when it ends)
        self._barge_in_told = False  # the one-time notice was shown
        self._shut_down = False
        self.builder = TranscriptBuilder(keep=LIVE_SEGMENTS)
        self._binder = AudioBinder()
        # segment key -> (rate, chunks): the last REPLAY_SEGMENTS rows' translated speech
        self._audio_by_segment: OrderedDict[str, tuple[int, list[npt.NDArray[np.float32]]]] = (
            OrderedDict()
        )
        self._idle_timer = QTimer(self)
        self._idle_timer.setSingleShot(True)
        self._idle_timer.timeout.connect(self._on_idle_timer_timeout)
        # Clears "saying again" should the player never say it sounds (an output that failed).
        self._say_again_timer = QTimer(self)
        self._say_again_timer.setSingleShot(True)
        self._say_again_timer.timeout.connect(self._on_say_again_timer_timeout)
        self.last_latency: Latency | None = None
        self._pending_profile: str | None = None  # chosen during a hold (use_profile)

    def __repr__(self) -> str:
        return (
            f"SessionController(state={self._state.value}, {self._slot!r}, turn={self._turn!r}, "
            f"error={self._error.text if self._error else None!r})"
        )

    # ------------------------------------------------------------------------------------------
    # Read side

    @property
    def state(self) -> State:
        return self._state

    @property
    def settings(self) -> Settings:
        return self.model.value

    @property
    def session_id(self) -> str | None:
        session = self._slot.session
        return None if session is None else session.session_id

    @property
    def talking(self) -> bool:
        return self._turn is not None and self._turn.held

    @property
    def meeting(self) -> MeetingState:
        return self._meeting

    def attach_passthrough(self, set_muted: Callable[[bool], None] | None) -> None:
        """Meeting mode's pass-through mute (``AudioRig.set_passthrough_muted``); told the mute
        the facts call for at once."""
        self._set_passthrough_muted = set_muted
        self._passthrough_muted = None
        self._refresh_meeting()

    @property
    def muted_all(self) -> bool:
        return self._muted_all

    def set_muted_all(self, on: bool) -> None:
        """ "Mute all" (its hotkey, the tray, ``dragoman mute-all``): nothing goes into the call,
        neither the pass-through nor translations, until it is off again."""
        if on != self._muted_all:
            log.info("mute all %s", "on" if on else "off")
        self._muted_all = on
        if self._player is not None:
            self._player.set_call_muted(on)
        self._refresh_meeting()

    def toggle_muted_all(self) -> None:
        self.set_muted_all(not self._muted_all)

    @property
    def busy(self) -> bool:
        """A hold is being captured, finished or waited on (its latencies are not in yet)."""
        return self._turn is not None

    @property
    def sessions_opened(self) -> int:
        return self._slot.opened

    @property
    def error(self) -> Banner | None:
        return self._error

    @property
    def usage_reading(self) -> UsageReading | None:
        """Audio sent this session and today (None when usage is not counted)."""
        return self._usage.reading() if self._usage is not None else None

    # ------------------------------------------------------------------------------------------
    # Slots for the UI, the hotkeys and the command channel

    def warm_up(self) -> None:
        """Open a session ahead of the first key-down, if the settings ask for a warm session."""
        if self.settings.warm_session and self._slot.session is None and not self._blocked():
            self._spawn(self._warm())

    def set_mic_check(self, on: bool) -> None:
        """Mic check: holds play back through the exact capture and playback path, no service."""
        self._mic_check = on

    def set_hotkey_check(self, on: bool) -> None:
        """The setup wizard captures the talk key: a press is reported (``hotkey_checked``),
        never turned into a translation behind the wizard."""
        self._hotkey_check = on

    def start_talking(self, direction: str = "forward") -> None:
        if self._shut_down:
            return
        if self._hotkey_check:
            self.hotkey_checked.emit(direction)
            return
        if self._turn is not None and self._turn.held:
            return  # already talking: a second start is impossible, not an error
        if self._capture is None and not self._audio_pending:
            self._raise_banner(banners.no_microphone())
            return
        if self._mic_check:
            self._start_mic_check()
            return
        # Today's cap is reached: no new hold until midnight (one under way finishes).
        refused = self._usage.refusal() if self._usage is not None else None
        if refused is not None:
            self.banner_raised.emit(refused)
            return
        now = self._clock()
        blocked = self._blocked()
        if blocked is not None:
            # The key is known to be refused: say so again instead of pretending to listen,
            # unless the key has changed since (saved from the command line, say).
            if self._key_probe is None:
                self.banner_raised.emit(blocked)
            else:
                self._held_while_checking = True
                self._spawn(self._recheck_key(blocked, direction, now))
            return
        self._start_turn(direction, now)

    def _start_turn(self, direction: str, now: float) -> None:
        self._barge_in()  # first: the playback stops within a device block of the key-down
        self._idle_timer.stop()
        previous = self._turn
        if previous is not None and not previous.done.is_set():
            previous.supersede()  # it finishes its tail and padding, then hands over
        self._turn_count += 1
        capture = self._capture
        turn = Turn(
            direction=direction,
            down_at=now,
            # The pre-roll is taken at key-down; without audio yet, the turn waits for it.
            begin=capture.begin_utterance(now) if capture is not None else self._begin_utterance,
            host=self,
            previous=previous,
            drop_silent=self.settings.drop_silent_holds,
            clock=self._clock,
            name=f"turn-{self._turn_count}",
        )
        self._adopt(turn)
        self.talking_changed.emit(True)

    async def _recheck_key(self, blocked: Banner, direction: str, now: float) -> None:
        assert self._key_probe is not None
        try:
            current = await self._key_probe(self.settings.engine)
        except DragomanError:
            current = None
        if current is None or current == self._refused_key or self._error is not blocked:
            self.banner_raised.emit(blocked)
            return
        log.info("the key changed since it was refused: trying it")
        self._slot.close_soon()
        self._set_session_phase(SessionPhase.NONE)
        self._clear_error()
        if self._held_while_checking and (self._turn is None or not self._turn.held):
            self._start_turn(direction, now)

    def stop_talking(self, at: float | None = None) -> None:
        """The end of a hold; ``at`` is the key-up's own time when known (the tail counts from
        there, not from when the release was confirmed)."""
        self._held_while_checking = False
        turn = self._turn
        if turn is None or not turn.held:
            return
        now = self._clock()
        turn.release(now if at is None or at > now else max(at, turn.down_at))
        self._end_barge_in()
        self.talking_changed.emit(False)
        self._refresh_state()

    def cancel_talking(self) -> None:
        """Discard the utterance: nothing more is sent; what was sent is closed out."""
        self._held_while_checking = False
        turn = self._turn
        if turn is None or turn.done.is_set() or turn.cancelled:
            return
        was_held = turn.held
        turn.cancel(self._clock())
        if was_held:
            self._end_barge_in()
            self.talking_changed.emit(False)
        self.talk_cancelled.emit()
        self._refresh_state()

    def toggle_talking(self) -> None:
        if self.talking:
            self.stop_talking()
        else:
            self.start_talking()

    def apply_settings(self, settings: Settings) -> None:
        """Change the settings (through the model, so every subscriber hears of it)."""
        self.model.update(settings)

    # -- per-call profiles (core.profiles) --------------------------------------------------------

    @property
    def pending_profile(self) -> str | None:
        """A profile chosen during a hold, not applied yet."""
        return self._pending_profile

    @property
    def active_profile(self) -> str | None:
        """The profile applied last, while it exists (``active_profile`` may name one deleted
        or unreadable)."""
        found = profiles.find(self.settings.profiles, self.settings.active_profile)
        return None if found is None else found.name

    def use_profile(self, name: str) -> None:
        """Choose a profile (the tray, Settings, its hotkey, ``dragoman profile use``).

        It never cuts a hold: chosen while one is under way (the key held, its translation
        still coming or playing), it waits until that hold is over, so the hold sends and plays
        as it began and the next one has the profile. UsageError for an unknown name."""
        profile = profiles.find(self.settings.profiles, name)
        if profile is None:
            raise UsageError(f"There is no profile called {name!r}.")
        if self._turn is not None or self._playing:
            log.info("profile %r chosen during a hold: applied once it is over", profile.name)
            self._pending_profile = profile.name
            self.profile_pending.emit(profile.name)
            return
        was_pending, self._pending_profile = self._pending_profile, None
        log.info("profile %r applied", profile.name)
        self.apply_settings(profiles.applied(self.settings, profile))
        if was_pending is not None:
            self.profile_pending.emit("")

    def next_profile(self) -> str | None:
        """The profile hotkey: the profile after the active (or the pending) one, first after
        last; its name, or None when there are no profiles."""
        current = self._pending_profile or self.settings.active_profile
        profile = profiles.following(self.settings.profiles, current)
        if profile is None:
            return None
        self.use_profile(profile.name)
        return profile.name

    def _apply_pending_profile(self) -> None:
        """The hold is over (no turn, nothing playing): a profile chosen during it applies."""
        name = self._pending_profile
        if name is None or self._turn is not None or self._playing or self._shut_down:
            return
        if profiles.find(self.settings.profiles, name) is None:  # deleted meanwhile
            self._pending_profile = None
            self.profile_pending.emit("")
            return
        self.use_profile(name)

    def key_changed(self, engine: str) -> None:
        """A key was saved or deleted: the next hold uses it, never the old one."""
        if engine != self.settings.engine:
            return
        log.info("the %s key changed: the next hold opens a new session", engine)
        self._slot.close_soon()
        self._set_session_phase(SessionPhase.NONE)
        self._clear_error()
        self.warm_up()

    def switch_to_text_only(self) -> None:
        self.banner_cleared.emit("language")
        self.apply_settings(replace(self.settings, speech_output=False))

    def use_male_voice(self) -> None:
        self.banner_cleared.emit("language")
        self.apply_settings(replace(self.settings, voice="male"))

    def retry(self) -> None:
        """ "Try again": a new session; audio a failed session had not finished is sent again."""
        self._clear_error()
        frames, self._retry_audio = self._retry_audio, []
        self._slot.close_soon()
        self._set_session_phase(SessionPhase.NONE)
        if not frames:
            self._spawn(self._warm())
            return
        log.info("retrying with %d kept frames", len(frames))
        self._turn_count += 1
        turn = Turn(
            direction=self._direction,
            down_at=self._clock(),
            begin=RecordedUtterance(frames),
            host=self,
            previous=self._turn,
            drop_silent=False,
            clock=self._clock,
            name=f"turn-{self._turn_count}-retry",
        )
        turn.released_at = turn.down_at
        self._adopt(turn)

    def replay(self, segment_key: str) -> bool:
        """Play a row's translated speech again (see :meth:`play_translation`); False when this
        controller no longer has it (the history may)."""
        kept = self.kept_translation(segment_key)
        if kept is None:
            return False
        self.play_translation(*kept)
        return True

    def play_translation(
        self, samples: npt.NDArray[np.float32], rate: int, *, to_call: bool = False
    ) -> bool:
        """A replay: at the audio's own rate, never while muted, and to the monitor output only
        unless the user chose the call output too (the other side heard it the first time), or
        ``to_call`` ("Say it again": the other side missed it)."""
        if self._player is None or self.settings.playback_muted:
            return False
        to_call = to_call or self.settings.replay_to_call
        outputs = ("call", "monitor") if to_call else ("monitor",)
        self._player.enqueue(samples, rate, outputs=outputs)
        if self._turn is None:
            self._player.end_stream()  # nothing else is coming: play it all now
        return True

    @property
    def last_translation_key(self) -> str | None:
        """The row whose translated speech came last (what "Say it again" plays by default)."""
        return next(reversed(self._audio_by_segment), None)

    def kept_translation(self, segment_key: str) -> tuple[npt.NDArray[np.float32], int] | None:
        """A row's translated speech as kept here (None: not kept, the history may have it)."""
        kept = self._audio_by_segment.get(segment_key)
        if not kept:
            return None
        import numpy as np

        rate, chunks = kept
        return np.concatenate(chunks), rate

    def say_again(self, segment_key: str | None = None) -> bool:
        """ "Say it again": the last translation (or row ``segment_key``'s) into the call output
        again, and the monitor. False when it could not (``say_again_refused`` says why)."""
        key = segment_key if segment_key is not None else self.last_translation_key
        kept = None if key is None else self.kept_translation(key)
        if key is None or kept is None:
            self.say_again_refused.emit("nothing")
            return False
        return self.say_again_samples(key, *kept)

    def say_again_samples(
        self, segment_key: str, samples: npt.NDArray[np.float32], rate: int
    ) -> bool:
        """ "Say it again" with speech found elsewhere (the history): played and marked as
        :meth:`say_again` does."""
        reason = self._say_again_refusal()
        if reason is not None:
            log.info("say it again refused: %s", reason)
            self.say_again_refused.emit(reason)
            return False
        self.play_translation(samples, rate, to_call=True)
        log.info("said again: %s (%.2f s)", segment_key, len(samples) / rate)
        # The call hears the translation alone from its first sample ("after_translation"):
        # the pass-through is muted now, not once the player reports sounding.
        self._saying_again = True
        self._say_again_timer.start(round(1000 * len(samples) / rate) + SAY_AGAIN_GRACE_MS)
        self._refresh_meeting()
        self.said_again.emit(segment_key, time.time())
        return True

    def _on_say_again_timer_timeout(self) -> None:
        if self._saying_again:
            log.info("say it again: the player never reported sounding; the pass-through returns")
            self._saying_again = False
            self._refresh_meeting()

    def say_again_refusal(self, segment_key: str | None = None) -> str | None:
        """Why :meth:`say_again` would play nothing now (SAY_AGAIN_REFUSALS), or None."""
        key = segment_key if segment_key is not None else self.last_translation_key
        if key is None or key not in self._audio_by_segment:
            return "nothing"
        return self._say_again_refusal()

    def _say_again_refusal(self) -> str | None:
        if self._muted_all:
            return "muted_all"
        if self.settings.playback_muted:
            return "playback_muted"
        if not self.settings.call_output or self._player is None:
            return "no_call_output"
        return None

    def set_playback_muted(self, muted: bool) -> None:
        self.apply_settings(replace(self.settings, playback_muted=muted))
        if muted and self._player is not None:
            self._player.flush()

    # Callbacks wired by the composition root (audio side, on the Qt thread)

    def audio_starting(self) -> None:
        """The audio devices are being (re)built: a key-down now waits for them."""
        self._audio_pending = True

    def attach_audio(
        self, capture: Capture | None, player: Player | None, *, monitor_is_speakers: bool = False
    ) -> None:
        """Audio comes and goes with devices and settings; the session stays."""
        old_player = self._player
        self._capture = capture
        self._player = player
        self._monitor_is_speakers = monitor_is_speakers
        self._audio_pending = False
        if player is not old_player:
            self._barged_in = False  # that pause belonged to the old player
            if player is not None and self._muted_all:
                player.set_call_muted(True)  # "mute all" holds for the new call output too
            if self.talking and not self._mic_check:
                self._barge_in()  # a new player mid-hold: the microphone must not hear it either
        if self._audio_attached is not None:
            self._audio_attached.set()

    def report_level(self, rms_db: float, peak_db: float) -> None:
        self.level_changed.emit(rms_db, peak_db)

    def report_playing(self, playing: bool) -> None:
        """The player started or stopped sounding. Nothing is gated on it: see barge-in in the
        module docstring."""
        self._playing = playing
        self._saying_again = False  # the player speaks for the replay now (or it has ended)
        self._refresh_meeting()  # "after_translation": the pass-through returns when it ends
        self._apply_pending_profile()

    def report_first_played(self, when: float) -> None:
        turn = self._turn
        if turn is not None and turn.first_audio_at is None and when >= turn.down_at:
            turn.first_audio_at = when

    async def shutdown(self) -> None:
        """Cancel the holds, await every task, close the session with 1000 (idempotent)."""
        self._shut_down = True
        self._idle_timer.stop()
        self._say_again_timer.stop()
        self._end_barge_in()
        for turn in list(self._turns):
            turn.cancel(self._clock())
        tasks = [t for t in self._tasks if not t.done()]
        for task in tasks:
            task.cancel()
        for task in tasks:
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task
        await self._slot.aclose()
        if self._usage is not None:
            await self._usage.aclose()

    # ------------------------------------------------------------------------------------------
    # Settings

    def on_model_changed(self, old: Settings, new: Settings) -> None:
        self.settings_changed.emit(new)
        self._refresh_meeting()
        if self._usage is not None and (new.price_per_minute, new.daily_cap_minutes) != (
            old.price_per_minute,
            old.daily_cap_minutes,
        ):
            self._usage.configure(new)
            self.usage_changed.emit(self._usage.reading())
        if new.engine != old.engine or _endpoint_changed(old, new):
            # Another service: the next hold opens a session there (a known-bad key no longer is).
            was_open = self._slot.session is not None
            self._slot.close_soon()
            self._set_session_phase(SessionPhase.NONE)
            self._clear_error()
            if was_open:
                self.warm_up()
            return
        session = self._slot.session
        if session is not None and new.engine_settings() != old.engine_settings():
            self._direction = "forward"
            self._spawn(session.update(new.engine_settings()))
        if not new.warm_session:
            self._idle_timer.stop()

    # ------------------------------------------------------------------------------------------
    # TurnHost: what turns ask of us

    async def acquire_session(self) -> EngineSession:
        existing = self._slot.session
        if existing is None:
            self._clear_error()
            self._set_session_phase(SessionPhase.CONNECTING)
        try:
            session = await self._slot.acquire(self.settings)
        except DragomanError:
            self._set_session_phase(SessionPhase.NONE)
            raise
        if session is not existing:
            self._direction = "forward"
        return session

    async def prepare_direction(self, session: EngineSession, direction: str) -> None:
        """The reverse hotkey swaps the languages, after the previous hold's padding went out."""
        if direction == self._direction:
            return
        self._direction = direction
        settings = self.settings if direction == "forward" else self.settings.swapped()
        await session.wait_sent()
        await session.update(settings.engine_settings())

    def turn_changed(self, turn: Turn) -> None:
        self._refresh_state()

    def turn_failed(self, turn: Turn, error: DragomanError) -> None:
        log.warning("%r failed: %s", turn, error)
        if isinstance(error, AudioDeviceError):
            self._raise_banner(banners.for_error(error))
        else:
            self._set_error(banners.for_error(error, self.session_id))

    def turn_settled(self, turn: Turn) -> None:
        if self._player is not None and turn is self._turn:
            self._player.end_stream()  # the turn's last audio plays now, not after the target

    def turn_finished(self, turn: Turn, latency: Latency | None, *, no_speech: bool) -> None:
        if no_speech:
            self.no_speech_detected.emit()
        if turn is self._turn:
            if turn.held:  # ended by itself (the device went away): the key is no longer live
                self._end_barge_in()
                self.talking_changed.emit(False)
            self._turn = None
            self._restart_idle_timer()
        if latency is not None:
            self.last_latency = latency
            self.latency_measured.emit(latency)
        self._refresh_state()
        self._apply_pending_profile()

    # ------------------------------------------------------------------------------------------
    # Internals

    def _adopt(self, turn: Turn) -> None:
        self._turn = turn
        self._turns.add(turn)
        task = turn.start()
        self._own(task)
        task.add_done_callback(lambda _t: self._turns.discard(turn))
        task.add_done_callback(lambda _t: self._count_sent(turn))
        self._refresh_state()

    def _count_sent(self, turn: Turn) -> None:
        """A hold is over (finished, cancelled or failed): what it sent counts, whatever became
        of it (the service heard it)."""
        if self._usage is None or turn.sent_frames == 0:
            return
        banner = self._usage.sent(turn.sent_frames * FRAME_MS / 1000)  # 20 ms wire frames
        if banner is not None:
            self.banner_raised.emit(banner)
        self.usage_changed.emit(self._usage.reading())

    async def _begin_utterance(self) -> Utterance:
        if self._capture is None and self._audio_pending:
            if self._audio_attached is None:
                self._audio_attached = asyncio.Event()
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(AUDIO_WAIT_S):
                    while self._capture is None and self._audio_pending:
                        self._audio_attached.clear()
                        await self._audio_attached.wait()
        if self._capture is None:
            raise AudioDeviceError("No microphone was found: plug one in or choose another input.")
        # No history from before the devices were up: the utterance starts from here.
        return self._capture.begin_utterance(self._clock())

    def _start_mic_check(self) -> None:
        capture = self._capture
        if capture is None:
            self._raise_banner(banners.no_microphone())
            return
        now = self._clock()
        self._turn_count += 1
        turn = Turn(
            direction="forward",
            down_at=now,
            begin=capture.begin_utterance(now),
            host=self,
            previous=None,
            drop_silent=False,
            clock=self._clock,
            name=f"mic-check-{self._turn_count}",
        )
        self._turn = turn
        self._turns.add(turn)
        task = self._spawn(self._run_mic_check(turn))
        task.add_done_callback(lambda _t: self._turns.discard(turn))
        self.talking_changed.emit(True)
        self._refresh_state()

    async def _run_mic_check(self, turn: Turn) -> None:
        import numpy as np

        try:
            utterance = await turn.begin()
            if turn.released_at is not None:
                utterance.release()
            async for frame in utterance.frames():
                if turn.cancelled:
                    break
                if self._player is not None:
                    samples = np.frombuffer(frame, dtype="<i2").astype(np.float32) / 32768.0
                    self._player.enqueue(samples, 16_000)
        except AudioDeviceError as error:
            self._raise_banner(banners.for_error(error))
        finally:
            turn.done.set()
            if self._turn is turn:
                self._turn = None
            self._refresh_state()
            self._apply_pending_profile()
        if not turn.cancelled:
            self.mic_check_measured.emit(Latency(first_audio_ms=turn.latency().first_audio_ms))

    async def _warm(self) -> None:
        try:
            await self.acquire_session()
        except DragomanError as error:
            self._set_error(banners.for_error(error))
            return
        self._restart_idle_timer()

    def _blocked(self) -> Banner | None:
        """An error that a new attempt cannot fix (the key was refused): until its cause changes."""
        error = self._error
        return (
            error
            if error is not None and error.action is banners.Action.OPEN_KEY_SETTINGS
            else None
        )

    def _barge_in(self) -> None:
        """A hold starts: pause the playback the microphone would hear (see the module
        docstring). Said once per run when it cut a translation short."""
        player = self._player
        if player is None or self._barged_in:
            return
        if not pauses_playback(self.settings.echo_guard, self._monitor_is_speakers):
            return
        self._barged_in = True
        cut = player.pause()
        log.info("barge-in: playback paused for the hold%s", ", a translation cut" if cut else "")
        if cut and not self._barge_in_told:
            self._barge_in_told = True
            self.banner_raised.emit(banners.barge_in_paused())

    def _end_barge_in(self) -> None:
        if not self._barged_in:
            return
        self._barged_in = False
        if self._player is not None:
            self._player.resume()

    def _spawn(self, coro: Coroutine[Any, Any, Any]) -> asyncio.Task[Any]:
        return self._own(asyncio.ensure_future(coro))

    def _own(self, task: asyncio.Task[Any]) -> asyncio.Task[Any]:
        self._tasks.add(task)
        task.add_done_callback(self._on_task_done)
        return task

    def _on_task_done(self, task: asyncio.Task[Any]) -> None:
        self._tasks.discard(task)
        if task.cancelled():
            return
        error = task.exception()
        if error is None:
            return
        log.error("controller task %s failed", task.get_name(), exc_info=error)
        if isinstance(error, DragomanError):
            self._set_error(banners.for_error(error, self.session_id))
        else:
            self._raise_banner(
                Banner(
                    "internal",
                    banners.Level.ERROR,
                    f"Something went wrong inside Dragoman ({type(error).__name__}: {error}). "
                    "Try again; if it keeps happening, the log file has the details.",
                )
            )

    # -- the visible state ----------------------------------------------------------------------

    def _talk_phase(self) -> TalkPhase:
        turn = self._turn
        if turn is None or turn.done.is_set():
            return TalkPhase.NONE
        if turn.held:
            return TalkPhase.LISTENING
        if turn.cancelled:
            return TalkPhase.NONE
        return TalkPhase.FINISHING

    def _refresh_state(self) -> None:
        facts = Facts(self._session_phase, self._talk_phase(), self._error is not None)
        state = visible_state(facts)
        if state is not self._state:
            log.info("state %s -> %s (%s)", self._state.value, state.value, facts)
            self._state = state
            self.state_changed.emit(state.value)
        self._refresh_meeting()

    def _refresh_meeting(self) -> None:
        """The pass-through's mute and the visible meeting state, from the same facts as the
        visible state (a key held, its turn still open, the player sounding)."""
        s = self.settings
        turn = self._turn
        talking = turn is not None and turn.held
        turn_open = turn is not None and not turn.cancelled
        muted = passthrough_muted(
            meeting_mode=s.meeting_mode,
            talking=talking,
            turn_open=turn_open,
            playing=self._playing or self._saying_again,
            passthrough_return=s.passthrough_return,
            muted_all=self._muted_all,
        )
        if muted != self._passthrough_muted and self._set_passthrough_muted is not None:
            self._passthrough_muted = muted
            self._set_passthrough_muted(muted)
        state = meeting_state(
            s.meeting_mode,
            talking,
            self._playing or self._saying_again,
            self._muted_all,
            turn_open=turn_open and muted,
        )
        if state is not self._meeting:
            log.info("meeting %s -> %s", self._meeting.value, state.value)
            self._meeting = state
            self.meeting_state_changed.emit(state.value)

    def _set_session_phase(self, phase: SessionPhase) -> None:
        self._session_phase = phase
        self._refresh_state()

    def _set_error(self, banner: Banner) -> None:
        self._error = banner
        self.banner_raised.emit(banner)
        self._refresh_state()
        if banner.action is banners.Action.OPEN_KEY_SETTINGS and self._key_probe is not None:
            self._spawn(self._note_refused_key())

    async def _note_refused_key(self) -> None:
        assert self._key_probe is not None
        self._refused_key = await self._key_probe(self.settings.engine)

    def _clear_error(self) -> None:
        if self._error is not None:
            self.banner_cleared.emit(self._error.key)
            self._error = None
            self._refresh_state()

    def _raise_banner(self, banner: Banner) -> None:
        self.banner_raised.emit(banner)

    # -- the session ----------------------------------------------------------------------------

    def _restart_idle_timer(self) -> None:
        if self.settings.warm_session and not self._shut_down:
            self._idle_timer.start(self.settings.warm_idle_minutes * 60_000)

    def _on_idle_timer_timeout(self) -> None:
        if self._turn is None:
            log.info(
                "closing the warm session after %d idle minutes", self.settings.warm_idle_minutes
            )
            self._slot.close_soon()
            self._set_session_phase(SessionPhase.NONE)

    def _on_session_event(self, session: EngineSession, event: SessionEvent, current: bool) -> None:
        if isinstance(event, Transcript):
            segment = self.builder.add(event)
            self.segment_changed.emit(segment)
            for audio in self._binder.on_segment(segment):  # audio that came before its text
                self._keep_audio(segment, audio)
            if event.is_final and self._turn is not None:
                self._turn.last_final_at = self._clock()
            return
        if isinstance(event, TranslatedAudio):
            self._on_audio(event)
            return
        if not current:
            return  # a session being replaced: its state no longer matters
        if isinstance(event, Ready | Reconnected):
            self.builder.add_session(event.session_id)
            self.session_id_changed.emit(event.session_id)
            self.banner_cleared.emit("network")
            self._clear_error()
            self._retry_audio = []
            self._set_session_phase(SessionPhase.READY)
        elif isinstance(event, Reconnecting):
            self.builder.drop_interims()
            self.transcript_reset.emit(list(self.builder.segments))
            self.banner_raised.emit(banners.for_reconnecting(event))
            self._set_session_phase(
                SessionPhase.RECONNECTING if event.attempt else SessionPhase.CONNECTING
            )
        elif isinstance(event, ServerError):
            self.banner_raised.emit(banners.for_server_error(event))
            if event.kind is ErrorKind.OTHER:
                log.warning("server error: %s", event.message)
        elif isinstance(event, Failed):
            self.banner_cleared.emit("network")
            kept = _unfinished_audio(session)
            if kept:
                self._retry_audio = kept
            self._set_session_phase(SessionPhase.NONE)
            self._set_error(banners.for_error(event.error, session.session_id))
        elif isinstance(event, Closed):
            self.banner_cleared.emit("network")
            self._set_session_phase(SessionPhase.NONE)

    def _on_audio(self, event: TranslatedAudio) -> None:
        turn = self._turn
        if turn is not None and turn.first_audio_at is None and self._player is None:
            turn.first_audio_at = self._clock()
        segment = self._binder.on_audio(event)
        if segment is not None:
            self._keep_audio(segment, event)
        if self._player is not None and not self.settings.playback_muted:
            self._player.enqueue(event.samples, event.rate)

    def _keep_audio(self, segment: Segment, audio: TranslatedAudio) -> None:
        """Translated speech bound to its row: kept for replay, and told to the history."""
        key = segment.key
        kept = self._audio_by_segment.get(key)
        if kept is None or kept[0] != audio.rate:
            kept = self._audio_by_segment[key] = (audio.rate, [])
        kept[1].append(audio.samples)
        self._audio_by_segment.move_to_end(key)
        while len(self._audio_by_segment) > REPLAY_SEGMENTS:
            self._audio_by_segment.popitem(last=False)
        self.translation_audio_bound.emit(segment, audio)


def _unfinished_audio(session: EngineSession) -> list[bytes]:
    """What a failed session had not finished, for "Try again" (engines that can tell)."""
    take = getattr(session, "unfinished_audio", None)
    if take is None:
        return []
    frames: list[bytes] = take()
    return frames


def _endpoint_changed(old: Settings, new: Settings) -> bool:
    return (old.pinch_url, old.pulse_url) != (new.pinch_url, new.pulse_url)
