"""Where each segment's speech lies on the audio clock, found from the audio we sent.

The services' results carry no audio times (Pinch sends an epoch ``timestamp`` on finals at
most), and their arrival time is late by the service's end-of-speech wait and the network, so
subtitles timed by arrival run behind and overlap. The audio itself is the clock: this module runs
a small energy detector over the frames pushed into the session and places each segment on the
speech it found.

* **Utterance clock**: samples of audio pushed, counted from the first frame (for the command line
  this is the position in the file). A frame is speech when its RMS exceeds ``threshold`` (-40
  dBFS); a span of speech ends after ``hangover_s`` without speech; spans shorter than
  ``min_speech_s`` of speech are noise. These are the usual server-side VAD figures, so a span
  matches what the service heard as one stretch of speech.
* **Placing a segment**: when its first result arrives at position P, a segment starts at the
  latest span that began at or before P and after the previous segment's first span (a result
  arrives while its speech is still going on, or just after). It ends at the end of the last span
  it owns: the spans from its first up to the next segment's first that began no later than its
  own latest result. A sentence with pauses in it spans several stretches; the next segment never
  takes them back. When audio is pushed faster than real time (``dragoman translate --fast``)
  the results lag the pushes by an unknown amount, so the latest span says nothing: segments
  then take the spans in order (the earliest after the previous segment's first).
* **Capture time**: each push is stamped with the monotonic time it was made (the app passes it;
  the command line, which reads a file, does not). Audio pushed in a burst (the pre-roll at
  key-down) was captured before it was pushed, never after, so the capture time of sample ``p``
  is the earliest of ``t_i - (end_i - p) / rate`` over the pushes that end at or after ``p``.

Pure: frames and times in, times out. All figures are bounded (spans, segments, stamps).
"""

from __future__ import annotations

import bisect
import math
from collections import OrderedDict, deque
from dataclasses import dataclass
from typing import Final

RATE: Final = 16_000
THRESHOLD: Final = 0.01  # frame RMS (full scale 1.0) above which a frame is speech: -40 dBFS
HANGOVER_S: Final = 0.2
MIN_SPEECH_S: Final = 0.06
KEEP_SPANS: Final = 512
KEEP_SEGMENTS: Final = 512
KEEP_STAMPS: Final = 3000  # one per pushed frame: a minute of 20 ms frames
STAMP_WINDOW_S: Final = 5.0  # pushes this long after a sample can still date it
AHEAD_S: Final = 1.0  # pushes this far ahead of real time: results lag, take spans in order


@dataclass(slots=True)
class _Span:
    number: int
    start: int  # samples
    end: int
    voiced: int = 0


@dataclass(slots=True)
class _Placed:
    first: int | None  # span number, None when no speech was found for it
    seen_at: int  # position of its first result
    last_at: int  # position of its latest result


class SpeechTimeline:
    """See the module docstring. ``key`` is any int naming a segment (its ``seq``)."""

    def __init__(
        self,
        *,
        rate: int = RATE,
        threshold: float = THRESHOLD,
        hangover_s: float = HANGOVER_S,
        min_speech_s: float = MIN_SPEECH_S,
    ) -> None:
        self.rate = rate
        self._threshold_sq = threshold * threshold
        self._hangover = round(hangover_s * rate)
        self._min_speech = round(min_speech_s * rate)
        self._position = 0
        self._spans: deque[_Span] = deque(maxlen=KEEP_SPANS)  # confirmed spans, in order
        self._open: _Span | None = None  # the span being heard (confirmed or not yet)
        self._silence = 0
        self._numbers = 0
        self._placed: OrderedDict[int, _Placed] = OrderedDict()
        self._stamp_ends: list[int] = []
        self._stamp_times: list[float] = []
        self._first_stamp: float | None = None

    def __repr__(self) -> str:
        return (
            f"SpeechTimeline(at={self.position:.2f}s, spans={len(self._spans)}, "
            f"segments={len(self._placed)})"
        )

    @property
    def position(self) -> float:
        """Seconds of audio pushed so far."""
        return self._position / self.rate

    # -- audio ------------------------------------------------------------------------------------

    def push(self, frame: bytes, now: float | None = None) -> None:
        """One frame of PCM16 mono (any length; 20 ms in practice), pushed at monotonic ``now``."""
        n = len(frame) // 2
        if n == 0:
            return
        start = self._position
        self._position += n
        if now is not None:
            self._stamp(self._position, now)
        if _mean_square(frame, n) > self._threshold_sq:
            span = self._open
            if span is None:
                span = self._open = _Span(number=-1, start=start, end=start + n)
            span.end = start + n
            span.voiced += n
            self._silence = 0
            if span.number < 0 and span.voiced >= self._min_speech:
                self._numbers += 1
                span.number = self._numbers
                self._spans.append(span)
        elif self._open is not None:
            self._silence += n
            if self._silence >= self._hangover:
                self._open = None  # a span that never reached min_speech is forgotten: noise

    def end_utterance(self) -> None:
        """The hold ended (the session pads it with silence the tape does not have): the span
        being heard ends here, so the next hold's speech is a span of its own."""
        self._open = None
        self._silence = 0

    def _stamp(self, end: int, now: float) -> None:
        if self._first_stamp is None:
            self._first_stamp = now - end / self.rate
        self._stamp_ends.append(end)
        self._stamp_times.append(now)
        if len(self._stamp_ends) > KEEP_STAMPS * 2:
            del self._stamp_ends[:KEEP_STAMPS]
            del self._stamp_times[:KEEP_STAMPS]

    def capture_time(self, seconds: float) -> float | None:
        """When the sample at ``seconds`` on the utterance clock was captured (monotonic), if the
        pushes were stamped and are still remembered."""
        p = round(seconds * self.rate)
        ends = self._stamp_ends
        i = bisect.bisect_left(ends, p)
        if i == len(ends):
            if not ends:
                return None
            i = len(ends) - 1  # later than anything pushed: date it from the last push
        limit = p + round(STAMP_WINDOW_S * self.rate)
        best = math.inf
        while i < len(ends) and ends[i] <= limit:
            best = min(best, self._stamp_times[i] - (ends[i] - p) / self.rate)
            i += 1
        return None if best == math.inf else best

    # -- segments ---------------------------------------------------------------------------------

    def place(self, key: int) -> tuple[float, float]:
        """A result for segment ``key`` arrived now: its (start, end) in seconds, as known now."""
        at = self._position
        placed = self._placed.get(key)
        if placed is None:
            previous = next(reversed(self._placed.values()), None) if self._placed else None
            after = previous.first if previous is not None and previous.first else 0
            first = None
            if self._ahead():
                first = next(
                    (s.number for s in self._spans if s.number > after and s.start <= at), None
                )
            else:
                for span in reversed(self._spans):
                    if span.number <= after:
                        break
                    if span.start <= at:
                        first = span.number
                        break
            placed = self._placed[key] = _Placed(first=first, seen_at=at, last_at=at)
            while len(self._placed) > KEEP_SEGMENTS:
                self._placed.popitem(last=False)
        else:
            placed.last_at = at
        times = self.times(key)
        assert times is not None
        return times

    def _ahead(self) -> bool:
        """Audio was pushed faster than real time (stamps tell; unstamped pushes never are)."""
        if self._first_stamp is None:
            return False
        return self.position - (self._stamp_times[-1] - self._first_stamp) > AHEAD_S

    def times(self, key: int) -> tuple[float, float] | None:
        """(start, end) of segment ``key`` on the utterance clock, in seconds; None if unknown."""
        placed = self._placed.get(key)
        if placed is None:
            return None
        if placed.first is None or not self._spans or placed.first < self._spans[0].number:
            return placed.seen_at / self.rate, max(placed.seen_at, placed.last_at) / self.rate
        following = self._next_first(key)
        start = end = None
        for span in self._spans:
            if span.number < placed.first:
                continue
            if following is not None and span.number >= following:
                break
            if start is None:
                start = span.start
            if span.start <= placed.last_at:
                end = span.end
        assert start is not None and end is not None
        return start / self.rate, end / self.rate

    def _next_first(self, key: int) -> int | None:
        if next(reversed(self._placed)) == key:
            return None  # the newest segment: nothing follows it yet
        found = False
        for other, placed in self._placed.items():
            if found and placed.first is not None:
                return placed.first
            found = found or other == key
        return None

    def previous_key(self, key: int) -> int | None:
        """The segment placed just before ``key`` (its end may have moved when ``key`` came)."""
        previous = None
        for other in self._placed:
            if other == key:
                return previous
            previous = other
        return None


def _mean_square(frame: bytes, n: int) -> float:
    import numpy as np  # here, not at import: the window opens before any audio flows

    x = np.frombuffer(frame, dtype="<i2", count=n).astype(np.float32) / 32768.0
    return float(np.dot(x, x)) / n
