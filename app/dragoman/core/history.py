"""The history's records and rules, without any storage: what is kept, for how long, and how a
conversation is shown as text, subtitles, JSON or CSV.

Words used throughout:

* a **conversation** is a run of sessions, from a start of the app (or "New conversation", or one
  ``dragoman translate --history`` run) to its end;
* an **exchange** is one segment of it: the original and the translated final text (interims are
  never kept), with its times;
* times: ``start_s``/``end_s`` are on the conversation's audio clock, the seconds from the start
  of the conversation to when the speech was captured (for the command line, the position in the
  file); ``wall_start``/``wall_end`` are the same moments as epoch seconds.
"""

from __future__ import annotations

import csv
import io
import json
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Final

from dragoman.core.errors import DragomanError
from dragoman.core.transcript import cue_times, one_line, srt_timestamp

FORMATS: Final = ("txt", "srt", "vtt", "json", "csv")
TEXT_KEEP: Final = ("forever", "days", "off")
DAY_S: Final = 86_400.0


class HistoryUnavailable(DragomanError):
    """The history file cannot be opened or written (disk full, permissions, damaged)."""


@dataclass(frozen=True, slots=True)
class Conversation:
    id: int
    started_at: float  # epoch seconds
    ended_at: float | None
    exchanges: int
    preview: str = ""  # the first original, for lists
    source_language: str | None = None
    target_language: str | None = None
    engine: str | None = None
    seconds_sent: float | None = None  # audio it sent to the service; None: not recorded


@dataclass(frozen=True, slots=True)
class Exchange:
    """One kept segment, as the history, the exports and ``dragoman history`` see it."""

    id: int
    conversation_id: int
    position: int  # order within the conversation
    original: str
    translated: str
    start_s: float | None
    end_s: float | None
    wall_start: float
    wall_end: float
    correlation_id: str | None = None
    direction: str = "forward"
    language: str | None = None
    session_id: str | None = None  # the service's session id
    has_audio: bool = False


# -- what the writers hand the store ------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SessionRecord:
    uid: str
    conversation_uid: str
    engine: str
    started_at: float
    service_session_id: str | None = None
    source_language: str | None = None
    target_language: str | None = None
    voice: str | None = None
    mode: str | None = None  # "speech" or "text"
    two_way: bool = False


@dataclass(frozen=True, slots=True)
class SegmentRecord:
    uid: str
    conversation_uid: str
    session_uid: str | None
    position: int
    original: str
    translated: str
    start_s: float | None
    end_s: float | None
    wall_start: float
    wall_end: float
    correlation_id: str | None = None
    direction: str = "forward"
    language: str | None = None


# -- retention -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Retention:
    """How long text and translated speech are kept.

    ``text`` is "forever", "days" (``text_days``) or "off" (nothing is written; what was kept
    stays until it is cleared). ``audio_days`` 0 keeps no translated speech.
    """

    text: str = "forever"
    text_days: int = 90
    audio_days: int = 7

    @property
    def records(self) -> bool:
        return self.text != "off"

    @property
    def records_audio(self) -> bool:
        return self.records and self.audio_days > 0

    def text_cutoff(self, now: float) -> float | None:
        """Exchanges that ended before this epoch time go; None: keep them all."""
        return now - self.text_days * DAY_S if self.text == "days" else None

    def audio_cutoff(self, now: float) -> float | None:
        return now - self.audio_days * DAY_S if self.audio_days > 0 else None


# -- exports -------------------------------------------------------------------------------------


def render(
    exchanges: Sequence[Exchange], fmt: str, conversation: Conversation | None = None
) -> str:
    """A conversation (or a selection of it) as ``fmt``: txt, srt, vtt, json or csv."""
    writer = _RENDERERS.get(fmt.lower().lstrip("."))
    if writer is None:
        raise ValueError(f"unknown export format {fmt!r}; one of {', '.join(FORMATS)}")
    return writer(list(exchanges), conversation)


def _lines(exchange: Exchange) -> list[str]:
    return [one_line(t) for t in (exchange.original, exchange.translated) if t.strip()]


def _cues(exchanges: list[Exchange]) -> list[tuple[Exchange, float, float]]:
    kept = [e for e in exchanges if _lines(e)]
    times = cue_times([(e.start_s, e.end_s) for e in kept])
    return [(e, start, end) for e, (start, end) in zip(kept, times, strict=True)]


def to_text(exchanges: list[Exchange], conversation: Conversation | None = None) -> str:
    blocks = []
    if conversation is not None:
        blocks.append(f"Conversation {conversation.id}, {local_time(conversation.started_at)}\n\n")
    for e in exchanges:
        lines = [e.original] if e.original else []
        if e.translated:
            lines.append(f"→ {e.translated}")
        if lines:
            blocks.append("\n".join(lines) + "\n\n")
    return "".join(blocks)


def to_srt(exchanges: list[Exchange], conversation: Conversation | None = None) -> str:
    out = []
    for number, (e, start, end) in enumerate(_cues(exchanges), 1):
        out.append(f"{number}\n{srt_timestamp(start)} --> {srt_timestamp(end)}\n")
        out.append("\n".join(_lines(e)) + "\n\n")
    return "".join(out)


def to_vtt(exchanges: list[Exchange], conversation: Conversation | None = None) -> str:
    out = ["WEBVTT\n\n"]
    for number, (e, start, end) in enumerate(_cues(exchanges), 1):
        out.append(f"{number}\n{vtt_timestamp(start)} --> {vtt_timestamp(end)}\n")
        out.append("\n".join(_vtt_text(line) for line in _lines(e)) + "\n\n")
    return "".join(out)


def _vtt_text(line: str) -> str:
    # Cue text is markup: '&' and '<' are escaped, and '-->' may not appear at all.
    return line.replace("&", "&amp;").replace("<", "&lt;").replace("-->", "→")


def vtt_timestamp(seconds: float) -> str:
    """``HH:MM:SS.mmm``, rounded to the millisecond; negative times clamp to zero."""
    return srt_timestamp(seconds).replace(",", ".")


def to_json(exchanges: list[Exchange], conversation: Conversation | None = None) -> str:
    document = {
        "conversation": None if conversation is None else _conversation_json(conversation),
        "exchanges": [exchange_json(e) for e in exchanges],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def exchange_json(e: Exchange) -> dict[str, object]:
    data = asdict(e)
    data["wall_start"] = iso_time(e.wall_start)
    data["wall_end"] = iso_time(e.wall_end)
    return data


def _conversation_json(c: Conversation) -> dict[str, object]:
    data = asdict(c)
    data["started_at"] = iso_time(c.started_at)
    data["ended_at"] = None if c.ended_at is None else iso_time(c.ended_at)
    return data


CSV_COLUMNS: Final = (
    "conversation",
    "position",
    "start",
    "end",
    "wall_start",
    "direction",
    "language",
    "correlation_id",
    "original",
    "translated",
)


def to_csv(exchanges: list[Exchange], conversation: Conversation | None = None) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for e in exchanges:
        writer.writerow(
            (
                e.conversation_id,
                e.position,
                "" if e.start_s is None else f"{e.start_s:.3f}",
                "" if e.end_s is None else f"{e.end_s:.3f}",
                iso_time(e.wall_start),
                e.direction,
                e.language or "",
                e.correlation_id or "",
                e.original,
                e.translated,
            )
        )
    return buffer.getvalue()


_RENDERERS: Final = {
    "txt": to_text,
    "srt": to_srt,
    "vtt": to_vtt,
    "json": to_json,
    "csv": to_csv,
}


def iso_time(epoch: float) -> str:
    """Local time with its offset, to the millisecond (what a person and a parser both read)."""
    return datetime.fromtimestamp(epoch).astimezone().isoformat(timespec="milliseconds")


def local_time(epoch: float) -> str:
    return time.strftime("%Y-%m-%d %H:%M", time.localtime(epoch))


def fts_query(text: str) -> str | None:
    """A user's search words as an FTS5 query: every word, each as a prefix, in any column."""
    words = [w for w in text.split() if w.strip('"')]
    if not words:
        return None
    return " ".join('"' + w.replace('"', '""') + '"*' for w in words)
