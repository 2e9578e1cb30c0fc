"""The history's pure parts: audio-to-row binding, bounded builder, retention and the exports,
each export read back by an independent parser (srt, webvtt-py, json, csv)."""

from __future__ import annotations

import csv
import io
import itertools
import json
from datetime import datetime

import numpy as np
import pytest
import srt
import webvtt

from dragoman.core.events import Transcript, TranslatedAudio
from dragoman.core.history import (
    DAY_S,
    Exchange,
    Retention,
    fts_query,
    render,
)
from dragoman.core.transcript import AudioBinder, TranscriptBuilder


def src(text: str, cid: str | None, final: bool = True) -> Transcript:
    return Transcript(role="source", text=text, is_final=final, correlation_id=cid)


def tr(text: str, cid: str | None, final: bool = True) -> Transcript:
    return Transcript(role="translation", text=text, is_final=final, correlation_id=cid)


def audio(n: int = 240, rate: int = 24_000) -> TranslatedAudio:
    return TranslatedAudio(samples=np.zeros(n, dtype=np.float32), rate=rate)


# -- AudioBinder ------------------------------------------------------------------------------


class Bound:
    def __init__(self) -> None:
        self.builder = TranscriptBuilder()
        self.binder = AudioBinder()
        self.rows: dict[str, int] = {}

    def event(self, event: Transcript) -> None:
        segment = self.builder.add(event)
        for chunk in self.binder.on_segment(segment):
            self.rows[segment.key] = self.rows.get(segment.key, 0) + len(chunk.samples)

    def audio(self, n: int) -> None:
        segment = self.binder.on_audio(audio(n))
        if segment is not None:
            self.rows[segment.key] = self.rows.get(segment.key, 0) + n


def test_audio_before_its_translation_goes_to_its_own_row() -> None:
    b = Bound()
    b.event(src("one", "a"))
    b.event(tr("uno", "a"))
    b.audio(100)
    b.event(src("two", "b"))
    b.event(tr("dos", "b", final=False))
    b.audio(200)  # before the final translation of "two": the old rule gave it to "one"
    b.event(tr("dos", "b"))
    assert b.rows == {"a": 100, "b": 200}


def test_audio_before_any_text_waits_for_the_first_row_it_can_belong_to() -> None:
    b = Bound()
    b.audio(50)
    b.audio(70)
    b.event(src("one", "a", final=False))  # still being heard: not yet
    assert b.rows == {}
    b.event(src("one", "a"))
    assert b.rows == {"a": 120}
    assert "AudioBinder(target='a'" in repr(b.binder)


def test_a_newer_segment_still_being_heard_does_not_take_the_older_ones_audio() -> None:
    b = Bound()
    b.event(src("one", "a"))
    b.event(tr("uno", "a"))
    b.event(src("tw", "b", final=False))
    b.audio(300)
    assert b.rows == {"a": 300}


def test_late_text_for_an_older_row_does_not_pull_the_audio_back() -> None:
    b = Bound()
    b.event(src("one", "a"))
    b.event(src("two", "b"))
    b.event(tr("uno", "a"))  # a late translation of the older row
    b.audio(10)
    assert b.rows == {"b": 10}


def test_audio_waiting_too_long_is_dropped_oldest_first() -> None:
    binder = AudioBinder(max_pending_s=1.0)
    for _ in range(5):
        binder.on_audio(audio(12_000))  # 0.5 s each
    assert sum(len(a.samples) for a in binder._pending) == 24_000


def test_anonymous_rows_have_keys() -> None:
    b = Bound()
    b.event(src("one", None))
    b.audio(5)
    assert b.rows == {"#1": 5}


# -- the bounded builder -----------------------------------------------------------------------


def test_a_bounded_builder_forgets_the_oldest_segments() -> None:
    builder = TranscriptBuilder(keep=100)
    for i in range(1000):
        builder.add(src(f"s{i}", f"c{i}"))
    assert 100 <= len(builder) <= 125
    assert builder.segments[-1].seq == 1000 and builder.next_seq == 1001
    assert builder.newest is builder.segments[-1]
    # A late final for a forgotten id opens a new row instead of reaching the forgotten one.
    late = builder.add(tr("late", "c0"))
    assert late.seq == 1001 and late.translated == "late" and not late.original


# -- retention ---------------------------------------------------------------------------------


def test_retention_cutoffs() -> None:
    now = 1_000 * DAY_S
    assert Retention().text_cutoff(now) is None  # forever
    assert Retention(text="days", text_days=30).text_cutoff(now) == now - 30 * DAY_S
    assert Retention(audio_days=7).audio_cutoff(now) == now - 7 * DAY_S
    assert Retention(audio_days=0).audio_cutoff(now) is None
    assert not Retention(text="off").records and not Retention(text="off").records_audio
    assert Retention().records_audio and not Retention(audio_days=0).records_audio


def test_search_words_become_prefix_queries() -> None:
    assert fts_query("  ") is None
    assert fts_query('hola "mundo') == '"hola"* """mundo"*'


# -- exports -----------------------------------------------------------------------------------

WALL = 1_700_000_000.0


def exchanges() -> list[Exchange]:
    rows = [
        ("Hello there", "Hola", 0.01, 1.61),
        ("How are you? <fine> & well --> ok", "¿Cómo estás?", 1.65, 5.17),
        ("Untimed", "", None, None),
        ("", "", 9.0, 10.0),  # nothing to show: skipped by subtitles
        ("Line\nbreak", "Salto\n\nde línea", 12.0, 12.2),  # shorter than a readable cue
    ]
    return [
        Exchange(
            id=i + 1,
            conversation_id=3,
            position=i + 1,
            original=o,
            translated=t,
            start_s=s,
            end_s=e,
            wall_start=WALL + i,
            wall_end=WALL + i + 1,
            correlation_id=f"c{i}",
            language="en",
        )
        for i, (o, t, s, e) in enumerate(rows)
    ]


def test_srt_parses_and_keeps_the_segment_times() -> None:
    cues = list(srt.parse(render(exchanges(), "srt")))
    assert [c.index for c in cues] == [1, 2, 3, 4]
    assert cues[0].start.total_seconds() == pytest.approx(0.01)
    assert cues[0].end.total_seconds() == pytest.approx(1.61)
    assert cues[1].start.total_seconds() == pytest.approx(1.65)
    assert cues[1].end.total_seconds() == pytest.approx(5.17)
    assert cues[0].content == "Hello there\nHola"
    assert cues[3].content == "Line break\nSalto de línea"
    assert all(a.end <= b.start for a, b in itertools.pairwise(cues))


def test_webvtt_parses_with_escaped_markup() -> None:
    text = render(exchanges(), "vtt")
    assert text.startswith("WEBVTT\n\n")
    captions = webvtt.from_buffer(io.StringIO(text)).captions
    assert len(captions) == 4
    assert captions[1].start == "00:00:01.650" and captions[1].end == "00:00:05.170"
    assert "&lt;fine&gt;" not in captions[1].raw_text  # only & and < need escaping
    assert "&lt;fine> &amp; well → ok" in captions[1].raw_text


def test_json_and_csv_parse_back_to_the_rows() -> None:
    rows = exchanges()
    document = json.loads(render(rows, "json"))
    assert document["conversation"] is None
    assert [e["original"] for e in document["exchanges"]] == [r.original for r in rows]
    assert datetime.fromisoformat(document["exchanges"][0]["wall_start"]).timestamp() == WALL
    table = list(csv.DictReader(io.StringIO(render(rows, "csv"), newline="")))
    assert [r["translated"] for r in table] == [r.translated for r in rows]
    assert table[1]["start"] == "1.650" and table[2]["start"] == ""
    assert table[4]["original"] == "Line\nbreak"


def test_text_export_and_unknown_formats() -> None:
    assert render(exchanges()[:1], "TXT") == "Hello there\n→ Hola\n\n"
    with pytest.raises(ValueError, match="unknown export format"):
        render([], "docx")
