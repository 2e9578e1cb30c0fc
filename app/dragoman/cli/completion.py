"""When a streamed recording is finished: the completion rule of ``translate`` and ``transcribe``.

A file is streamed like a microphone, then the job waits for the last results.  Quiet on the wire
does not mean the server is done: a server may hear the audio at real-time pace however fast it
was sent (``--fast``), and says nothing while it hears a pause.  The rule (sans-I/O: time is
passed in, the session's answers are passed in):

* nothing is decided while audio is still going out or a lost session is being replaced (the
  session's own bounded retries decide);
* *quiet* counts from the end of sending or from the server's last message, whichever is later;
* done when no segment has an interim still waiting for its final and the quiet has lasted
  ``settle_s`` plus the longest pause in the input that speech follows, or ``settle_s`` past the
  moment a server hearing at real-time pace would have heard everything (``heard_by``);
* a server that sent nothing at all for a recording that holds speech is *silent*: an error once
  the quiet reaches ``wait_s`` plus that longest pause, or ``wait_s`` past ``heard_by``;
* the same limits end the wait for an interim that never gets its final (*unfinished*: its text
  counts once the session closes normally), and for a server that keeps talking without ever
  finishing (the overall deadline, derived from the audio's duration through ``heard_by``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final, Literal

import numpy as np

FRAME_S: Final = 0.02
# Decided, as the engines' audio ledger does: a 20 ms frame louder than this (RMS, full scale 1)
# is speech. A little noise counted as speech only shortens the pauses allowed for.
SPEECH_RMS: Final = 0.01
MIN_SPEECH_FRAMES: Final = 3  # 60 ms: a click is not speech

State = Literal["waiting", "done", "unfinished", "silent"]


class InputShape:
    """What the sender knows of its own audio: length, speech or not, the longest pause."""

    __slots__ = ("_silence_run", "frames", "longest_pause_frames", "speech_frames")

    def __init__(self) -> None:
        self.frames = 0
        self.speech_frames = 0
        self.longest_pause_frames = 0  # silence that speech follows (leading or between)
        self._silence_run = 0

    def push(self, frame: bytes) -> None:
        """One frame of PCM16 mono, as sent."""
        samples = np.frombuffer(frame, dtype="<i2", count=len(frame) // 2)
        level = float(np.sqrt(np.mean(np.square(samples / 32768.0)))) if samples.size else 0.0
        self.frames += 1
        if level > SPEECH_RMS:
            self.speech_frames += 1
            self.longest_pause_frames = max(self.longest_pause_frames, self._silence_run)
            self._silence_run = 0
        else:
            self._silence_run += 1

    @property
    def has_speech(self) -> bool:
        return self.speech_frames >= MIN_SPEECH_FRAMES

    @property
    def longest_pause_s(self) -> float:
        return self.longest_pause_frames * FRAME_S

    def __repr__(self) -> str:
        return (
            f"InputShape(frames={self.frames}, speech_frames={self.speech_frames}, "
            f"longest_pause_s={self.longest_pause_s:.2f})"
        )


@dataclass
class Completion:
    """The rule above for one job; feed it the session's events and ask it where things stand."""

    audio_s: float  # the whole recording
    settle_s: float
    wait_s: float
    heard_by: float | None = None  # when a real-time server has heard everything sent so far
    sent_at: float | None = None  # when everything had gone out (None while sending)
    answered: bool = False  # any result at all from the server

    def on_ready(
        self, now: float, *, replayed_s: float = 0.0, unsent_s: float | None = None
    ) -> None:
        """A session became ready at ``now`` and is sent ``replayed_s`` again, then the rest."""
        rest = self.audio_s if unsent_s is None else max(0.0, unsent_s)
        heard_by = now + replayed_s + rest
        self.heard_by = heard_by if self.heard_by is None else max(self.heard_by, heard_by)

    def on_result(self) -> None:
        self.answered = True

    def state(
        self,
        now: float,
        *,
        all_sent: bool,
        idle_s: float,
        open_interims: bool,
        shape: InputShape,
    ) -> State:
        if not all_sent:
            self.sent_at = None
            return "waiting"
        if self.sent_at is None:
            self.sent_at = now
        quiet = min(idle_s, now - self.sent_at)
        heard_by = self.heard_by if self.heard_by is not None else self.sent_at
        overtime = now - max(heard_by, self.sent_at)
        pause = shape.longest_pause_s
        expected = self.answered or not shape.has_speech
        if (
            expected
            and not open_interims
            and quiet >= self.settle_s
            and (quiet >= self.settle_s + pause or overtime >= self.settle_s)
        ):
            return "done"
        if quiet >= self.wait_s + pause or overtime >= self.wait_s:
            if not expected:
                return "silent"
            return "unfinished" if open_interims else "done"
        return "waiting"

    def quiet_limit_s(self, shape: InputShape) -> float:
        """How long a server may stay silent before it counts as gone (for the message)."""
        return self.wait_s + shape.longest_pause_s


def wait_for(audio_s: float, *, least: float, most: float) -> float:
    """How long to wait for a late answer: as long again as the audio, within bounds."""
    return min(most, max(least, audio_s))
