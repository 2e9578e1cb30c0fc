"""Pair recognised and translated text into segments, and write them out as text, SRT or JSON.

The service reports an original and its translation as separate events that share a
``correlation_id``; translations may come before or after their original, segments interleave,
interims replace each other and (with ``finalizeMode=stable``) one segment yields several finals
that must be appended. The UI, the history and the CLI all need the same paired view, so it is built
once here, from events only (no clocks: media time is passed in).

Events without a ``correlation_id`` cannot be paired for certain; the rules below keep the common
in-order stream right and contain the damage when the stream is not in order:

* An anonymous **original** continues the latest anonymous segment while that segment has no final
  original yet (its interims and its final belong together) and came from the current session;
  otherwise it opens a new anonymous segment.
* An anonymous **translation** goes, in this order of preference, to

  1. the segment the previous anonymous translation went to, if that one still shows an interim
     translation (the final closes what the interim started);
  2. the same segment, if it is still the newest segment (stable mode: more finals of the same
     translation, with no newer original they could belong to);
  3. the newest segment that has no final translation yet: pairing with the *latest* rather than
     the oldest untranslated original means one translation the service never sent shifts nothing
     after it, whereas a first-in-first-out pairing would stay off by one for the rest of the
     session;
  4. a new anonymous segment of its own, so a translation is never lost.
"""

from __future__ import annotations

import itertools
import json
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Final

from dragoman.core.errors import UsageError
from dragoman.core.events import Role, Transcript, TranslatedAudio

# SRT timing when media time is unknown or a segment was seen at a single instant.
UNTIMED_SLOT_S: Final = 2.0
MIN_CUE_S: Final = 1.0

# Lone surrogates (legal in JSON as "\ud83d", not encodable as UTF-8) and control characters
# (C0 but tab and line breaks, DEL, C1: ESC sequences would drive the terminal).
_LONE_SURROGATE: Final = re.compile("[\ud800-\udfff]")
_BREAKS: Final = re.compile("[\t\n\r\v\f\x85\u2028\u2029]+")
_CONTROL: Final = re.compile("[\x00-\x1f\x7f-\x9f]")


def clean_text(text: str) -> str:
    """Text from a server made safe to keep, write and show, whatever it held.

    A lone surrogate becomes U+FFFD (the replacement character; two that form a pair join into
    their character), line breaks and tabs a space, and other control characters (ESC, BEL, ...)
    are removed, so a transcript always encodes as UTF-8 and printing it cannot drive the
    terminal.
    """
    if _LONE_SURROGATE.search(text):
        # Surrogates that do form a pair join into their character; the rest become U+FFFD.
        text = text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
    return _CONTROL.sub("", _BREAKS.sub(" ", text))


@dataclass(slots=True)
class Segment:
    """One utterance: final text of each side plus what is still provisional.

    ``id`` is the service's ``correlation_id``, ``None`` for a segment built from events that had
    none. ``first_seen``/``last_seen`` are media time in seconds, when the caller supplied it.
    ``seq`` numbers segments in the order their builder opened them (1, 2, …), so a row has a
    key even without a correlation id, and the history keeps the builder's order.
    """

    id: str | None
    original: str = ""
    translated: str = ""
    original_interim: str = ""
    translated_interim: str = ""
    session_id: str | None = None
    first_seen: float | None = None
    last_seen: float | None = None
    seq: int = 0
    language: str | None = None  # as the service detected it (a final original says)

    @property
    def key(self) -> str:
        """The correlation id, or ``#seq`` for a segment that had none (replay looks rows up by
        this)."""
        return self.id if self.id is not None else f"#{self.seq}"

    @property
    def has_final(self) -> bool:
        return bool(self.original or self.translated)

    @property
    def is_empty(self) -> bool:
        return not (
            self.original or self.translated or self.original_interim or self.translated_interim
        )


class TranscriptBuilder:
    """The one place originals meet translations, so the UI, the history and the CLI agree.

    ``keep`` bounds memory for a long-running app: beyond it the oldest segments are forgotten
    (the history keeps them). A late result for a forgotten correlation id opens a new segment.
    """

    def __init__(self, keep: int | None = None) -> None:
        self._keep = keep
        self._seq = itertools.count(1)
        self._next_seq = 1
        self._segments: list[Segment] = []
        self._by_id: dict[str, Segment] = {}
        self._sessions: list[str] = []
        self._current_session: str | None = None
        self._last_anonymous: Segment | None = None
        self._anonymous_translation: Segment | None = None

    @property
    def segments(self) -> list[Segment]:
        return list(self._segments)

    @property
    def sessions(self) -> list[str]:
        return list(self._sessions)

    @property
    def current_session(self) -> str | None:
        return self._current_session

    @property
    def next_seq(self) -> int:
        """The ``seq`` the next segment will get (segments before it are already open)."""
        return self._next_seq

    @property
    def newest(self) -> Segment | None:
        return self._segments[-1] if self._segments else None

    def add_session(self, session_id: str) -> None:
        """Segments opened from now on belong to ``session_id`` (support asks for these ids).

        An empty id (an engine that names its sessions only in its results) changes nothing.
        """
        if not session_id:
            return
        if session_id not in self._sessions:
            self._sessions.append(session_id)
        self._current_session = session_id

    def add(self, event: Transcript, at: float | None = None) -> Segment:
        """Apply one event; returns the segment it changed so a view can update just that row.

        ``at`` is the media time of the event in seconds (for SRT timings), if known.  An event
        naming a server session (``session_id``) starts that session first.
        """
        if event.session_id and event.session_id != self._current_session:
            self.add_session(event.session_id)
        segment = self._target(event)
        _apply(segment, event.role, event.text, event.is_final)
        if event.language and event.role == "source":
            segment.language = event.language
        if at is not None and math.isfinite(at):
            segment.first_seen = at if segment.first_seen is None else min(segment.first_seen, at)
            segment.last_seen = at if segment.last_seen is None else max(segment.last_seen, at)
        return segment

    def drop_interims(self) -> None:
        """Forget provisional text after a session was lost.

        The replacement session re-recognises the audio that was never finalised, so keeping the
        old partials would show that speech twice. Segments left with no text at all disappear.
        """
        for segment in self._segments:
            segment.original_interim = ""
            segment.translated_interim = ""
        kept = [s for s in self._segments if not s.is_empty]
        if len(kept) != len(self._segments):
            self._segments = kept
            self._by_id = {s.id: s for s in kept if s.id is not None}
            if self._last_anonymous is not None and self._last_anonymous.is_empty:
                self._last_anonymous = None
            if self._anonymous_translation is not None and self._anonymous_translation.is_empty:
                self._anonymous_translation = None

    def promote_interims(self) -> int:
        """The session closed normally: text still provisional counts as its segment's last.

        A server that never sent a final for a segment (or sent one we could not read) still
        said something; once it has closed, its last interim is the best text there will be.
        Returns how many segments had text promoted.
        """
        promoted = 0
        for segment in self._segments:
            if segment.original_interim or segment.translated_interim:
                promoted += 1
            if segment.original_interim:
                segment.original = join_finals(segment.original, segment.original_interim)
                segment.original_interim = ""
            if segment.translated_interim:
                segment.translated = join_finals(segment.translated, segment.translated_interim)
                segment.translated_interim = ""
        return promoted

    def _target(self, event: Transcript) -> Segment:
        if event.correlation_id is not None:
            segment = self._by_id.get(event.correlation_id)
            if segment is None:
                segment = self._open(event.correlation_id)
                self._by_id[event.correlation_id] = segment
            return segment
        if event.role == "source":
            return self._anonymous_source_target()
        return self._anonymous_translation_target()

    def _anonymous_source_target(self) -> Segment:
        last = self._last_anonymous
        if last is not None and not last.original and last.session_id == self.current_session:
            return last
        return self._open_anonymous()

    def _anonymous_translation_target(self) -> Segment:
        previous = self._anonymous_translation
        newest = self._segments[-1] if self._segments else None
        if previous is not None and (previous.translated_interim or previous is newest):
            return previous
        target = next((s for s in reversed(self._segments) if not s.translated), None)
        if target is None:
            target = self._open_anonymous()
        self._anonymous_translation = target
        return target

    def _open_anonymous(self) -> Segment:
        segment = self._open(None)
        self._last_anonymous = segment
        return segment

    def _open(self, correlation_id: str | None) -> Segment:
        seq = next(self._seq)
        self._next_seq = seq + 1
        segment = Segment(id=correlation_id, session_id=self.current_session, seq=seq)
        self._segments.append(segment)
        if self._keep is not None and len(self._segments) > self._keep + max(1, self._keep // 4):
            self._forget(len(self._segments) - self._keep)
        return segment

    def _forget(self, count: int) -> None:
        gone, self._segments = self._segments[:count], self._segments[count:]
        for segment in gone:
            if segment.id is not None and self._by_id.get(segment.id) is segment:
                del self._by_id[segment.id]
            if self._last_anonymous is segment:
                self._last_anonymous = None
            if self._anonymous_translation is segment:
                self._anonymous_translation = None

    def __len__(self) -> int:
        return len(self._segments)

    def __repr__(self) -> str:
        return f"TranscriptBuilder(segments={len(self._segments)}, sessions={self._sessions!r})"


class AudioBinder:
    """Which segment translated speech belongs to: the service's audio frames carry no id.

    The service speaks a segment after it has heard it out (or locked a span of it in) and
    translated it, one segment after another. So audio belongs to the newest segment that has a
    translation (interim or final) or a final original; a newer segment that is still only being
    heard (interim original) does not take it. Audio that comes before any segment qualifies (its
    text is late) waits, up to ``max_pending_s``, and goes to the first segment that does. The
    old rule, "the newest row with translated text", gave audio that came before its translation
    to the row before.
    """

    def __init__(self, max_pending_s: float = 30.0) -> None:
        self._max_pending_s = max_pending_s
        self._target: Segment | None = None
        self._pending: list[TranslatedAudio] = []

    def __repr__(self) -> str:
        target = None if self._target is None else self._target.key
        return f"AudioBinder(target={target!r}, pending={len(self._pending)})"

    def on_segment(self, segment: Segment) -> list[TranslatedAudio]:
        """After a result changed ``segment``: audio that was waiting and now belongs to it."""
        if not (segment.translated or segment.translated_interim or segment.original):
            return []
        target = self._target
        if target is None or target.is_empty or segment.seq >= target.seq:
            self._target = segment
        if self._pending and self._target is segment:
            waiting, self._pending = self._pending, []
            return waiting
        return []

    def on_audio(self, audio: TranslatedAudio) -> Segment | None:
        """The segment ``audio`` belongs to, or None while it waits for its text."""
        target = self._target
        if target is not None and not target.is_empty:
            return target
        self._pending.append(audio)
        total = sum(len(a.samples) / a.rate for a in self._pending)
        while len(self._pending) > 1 and total > self._max_pending_s:
            dropped = self._pending.pop(0)
            total -= len(dropped.samples) / dropped.rate
        return None


def _apply(segment: Segment, role: Role, text: str, is_final: bool) -> None:
    """An interim replaces the interim; a final is appended and ends the interim.

    An *empty* final after an interim keeps the interim's text: the server closed the segment
    without repeating it (its own final was lost or unreadable), and what it showed is the best
    text there is (decided; the same rule as ``promote_interims``).
    """
    if role == "source":
        if is_final:
            final = text if text.strip() else segment.original_interim
            segment.original = join_finals(segment.original, final)
            segment.original_interim = ""
        else:
            segment.original_interim = text.strip()
    elif is_final:
        final = text if text.strip() else segment.translated_interim
        segment.translated = join_finals(segment.translated, final)
        segment.translated_interim = ""
    else:
        segment.translated_interim = text.strip()


def join_finals(before: str, after: str) -> str:
    """Append a stable-mode final: one space between finals, none where the script uses none.

    Chinese and Japanese are written without spaces, so finals in those scripts are joined directly
    (a space between them would show up in the transcript and in subtitles).
    """
    after = after.strip()
    if not before:
        return after
    if not after:
        return before
    if _spaceless(before[-1]) or _spaceless(after[0]):
        return before + after
    return before + " " + after


def _spaceless(char: str) -> bool:
    code = ord(char)
    return (
        0x3000 <= code <= 0x30FF  # CJK punctuation, hiragana, katakana
        or 0x3400 <= code <= 0x4DBF  # CJK extension A
        or 0x4E00 <= code <= 0x9FFF  # CJK unified ideographs
        or 0xF900 <= code <= 0xFAFF  # CJK compatibility ideographs
        or 0xFF00 <= code <= 0xFFEF  # full-width forms and punctuation
        or 0x20000 <= code <= 0x3FFFF  # CJK extensions B onwards
    )


def _finished(builder: TranscriptBuilder) -> list[Segment]:
    return [s for s in builder.segments if s.has_final]


def to_json(builder: TranscriptBuilder) -> str:
    """Final text only; ``id`` is ``null`` for segments that had no correlation id."""
    document = {
        "segments": [
            {"id": s.id, "original": s.original, "translated": s.translated}
            for s in _finished(builder)
        ],
        "sessions": builder.sessions,
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def to_text(builder: TranscriptBuilder) -> str:
    blocks = []
    for segment in _finished(builder):
        lines = [segment.original] if segment.original else []
        if segment.translated:
            lines.append(f"→ {segment.translated}")
        blocks.append("\n".join(lines) + "\n\n")
    return "".join(blocks)


def to_srt(builder: TranscriptBuilder) -> str:
    """One cue per segment: the original line, then the translation.

    Segments with media times use them (at least :data:`MIN_CUE_S` long, never running into the
    next cue); segments without follow the previous cue in :data:`UNTIMED_SLOT_S` slots. Cues
    never overlap and their starts strictly increase, which some players require.
    """
    segments = _finished(builder)
    times = _cue_times(segments)
    cues = []
    for number, (segment, (start, end)) in enumerate(zip(segments, times, strict=True), 1):
        lines = [one_line(t) for t in (segment.original, segment.translated) if t]
        cues.append(f"{number}\n{srt_timestamp(start)} --> {srt_timestamp(end)}\n")
        cues.append("\n".join(lines) + "\n\n")
    return "".join(cues)


def _cue_times(segments: list[Segment]) -> list[tuple[float, float]]:
    return cue_times([(s.first_seen, s.last_seen) for s in segments])


def cue_times(spans: list[tuple[float | None, float | None]]) -> list[tuple[float, float]]:
    """Subtitle cue (start, end) for each (start, end) of media time in seconds, in order.

    A known span keeps its start and end (at least :data:`MIN_CUE_S` long, never running into the
    next cue); an unknown one follows the previous cue in :data:`UNTIMED_SLOT_S` slots. Cues never
    overlap and their starts strictly increase, which some players require. SRT, WebVTT and the
    history's exports all use this.
    """
    # Whole milliseconds, the resolution of SRT, so that what is checked here is what is written.
    out: list[list[int]] = []
    cursor = 0
    previous_start = -1
    for first, last_seen in spans:
        if first is not None:
            start = max(_ms(first), previous_start + 1)
            last = _ms(last_seen) if last_seen is not None else start
            end = max(last, start + _ms(MIN_CUE_S))
        else:
            start = max(cursor, previous_start + 1)
            end = start + _ms(UNTIMED_SLOT_S)
        out.append([start, end])
        cursor = end
        previous_start = start
    # Starts strictly increase, so ending each cue where the next begins keeps every cue non-empty
    # and no two on screen at once.
    for span, following in itertools.pairwise(out):
        span[1] = min(span[1], following[0])
    return [(start / 1000, end / 1000) for start, end in out]


def _ms(seconds: float) -> int:
    ms = seconds * 1000
    return max(0, round(ms)) if math.isfinite(ms) else 0  # NaN or overflow: unknown, so 0


def one_line(text: str) -> str:
    # A blank line ends an SRT cue, so text must not carry line breaks of its own.
    return " ".join(text.split())


def srt_timestamp(seconds: float) -> str:
    """``HH:MM:SS,mmm``, rounded to the millisecond; negative times clamp to zero."""
    total_ms = _ms(seconds)
    hours, rest = divmod(total_ms, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    secs, millis = divmod(rest, 1000)
    return f"{hours:02d}:{minutes:02d}:{secs:02d},{millis:03d}"


_WRITERS: Final[dict[str, Callable[[TranscriptBuilder], str]]] = {
    ".txt": to_text,
    ".srt": to_srt,
    ".json": to_json,
}


def write_transcript(builder: TranscriptBuilder, path_suffix: str) -> str:
    """Render for a file name's suffix (``Path(name).suffix``: ".srt"; case and dot optional)."""
    suffix = path_suffix.lower()
    if not suffix.startswith("."):
        suffix = "." + suffix
    writer = _WRITERS.get(suffix)
    if writer is None:
        if suffix == ".":
            raise UsageError(
                "A transcript file name needs an ending that names its format: choose one "
                "ending in .txt, .srt or .json."
            )
        raise UsageError(
            f"A transcript can be saved as .txt, .srt or .json, not as {suffix!r}: choose a "
            "file name with one of those endings."
        )
    # Text reaches the builder cleaned at the boundary; this keeps the result encodable as UTF-8
    # even for a builder fed directly.
    return _LONE_SURROGATE.sub("\ufffd", writer(builder))
