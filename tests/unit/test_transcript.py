"""TranscriptBuilder pairing and the .txt / .srt / .json writers."""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dragoman.core.errors import UsageError
from dragoman.core.events import Role, Transcript
from dragoman.core.transcript import (
    Segment,
    TranscriptBuilder,
    clean_text,
    join_finals,
    srt_timestamp,
    to_json,
    to_srt,
    to_text,
    write_transcript,
)


def src(text: str, cid: str | None = None, final: bool = True) -> Transcript:
    return Transcript(role="source", text=text, is_final=final, correlation_id=cid)


def tr(text: str, cid: str | None = None, final: bool = True) -> Transcript:
    return Transcript(role="translation", text=text, is_final=final, correlation_id=cid)


def build(*events: Transcript) -> TranscriptBuilder:
    builder = TranscriptBuilder()
    for event in events:
        builder.add(event)
    return builder


def pairs(builder: TranscriptBuilder) -> list[tuple[str | None, str, str]]:
    return [(s.id, s.original, s.translated) for s in builder.segments]


# --- pairing by correlation id -----------------------------------------------------------------


def test_original_then_translation() -> None:
    builder = build(src("Hello", "c1"), tr("Hola", "c1"))
    assert pairs(builder) == [("c1", "Hello", "Hola")]


def test_translation_before_its_original() -> None:
    builder = build(tr("Hola", "c1"), src("Hello", "c1"))
    assert pairs(builder) == [("c1", "Hello", "Hola")]


def test_interleaved_segments_keep_first_seen_order() -> None:
    builder = build(
        src("one", "a"), src("two", "b"), tr("dos", "b"), tr("uno", "a"), tr("tres", "c"),
        src("three", "c"),
    )  # fmt: skip
    assert pairs(builder) == [("a", "one", "uno"), ("b", "two", "dos"), ("c", "three", "tres")]


def test_stable_mode_finals_are_appended_with_one_space() -> None:
    builder = build(
        src("Good", "c1", final=False),
        src("Good morning,", "c1"),
        tr("Buenos días,", "c1"),
        src("  how are you? ", "c1"),
        tr("¿cómo estás?", "c1"),
        src("", "c1"),
    )
    assert pairs(builder) == [("c1", "Good morning, how are you?", "Buenos días, ¿cómo estás?")]


def test_interims_replace_each_other_and_a_final_clears_its_side() -> None:
    builder = TranscriptBuilder()
    segment = builder.add(src("Hel", "c1", final=False))
    builder.add(src("Hello wor", "c1", final=False))
    builder.add(tr("Hola", "c1", final=False))
    assert (segment.original_interim, segment.translated_interim) == ("Hello wor", "Hola")
    assert segment.original == ""
    builder.add(src("Hello world", "c1"))
    assert (segment.original, segment.original_interim) == ("Hello world", "")
    assert segment.translated_interim == "Hola"  # the other side is untouched
    builder.add(tr("Hola mundo", "c1"))
    assert (segment.translated, segment.translated_interim) == ("Hola mundo", "")
    builder.add(src("and", "c1", final=False))
    assert segment.original == "Hello world" and segment.original_interim == "and"


def test_add_returns_the_segment_it_changed() -> None:
    builder = TranscriptBuilder()
    first = builder.add(src("a", "x"))
    assert builder.add(tr("b", "x")) is first
    assert builder.add(src("c", "y")) is not first
    assert len(builder) == 2


@pytest.mark.parametrize(
    ("before", "after", "joined"),
    [
        ("", "Hello", "Hello"),
        ("Hello", "", "Hello"),
        ("Hello,", "world", "Hello, world"),
        ("你好\uff0c", "世界", "你好\uff0c世界"),  # full-width comma
        ("こんにちは。", "元気ですか", "こんにちは。元気ですか"),
        ("안녕하세요.", "잘 지내요?", "안녕하세요. 잘 지내요?"),
        ("Bonjour", "  le monde ", "Bonjour le monde"),
    ],
)
def test_join_finals(before: str, after: str, joined: str) -> None:
    assert join_finals(before, after) == joined


@given(
    st.lists(
        st.tuples(
            st.sampled_from(["a", "b", "c", "d"]), st.sampled_from(["source", "translation"])
        ),
        max_size=40,
    ),
    st.randoms(use_true_random=False),
)
def test_any_interleaving_pairs_and_appends_correctly(
    script: list[tuple[str, Role]], rnd: object
) -> None:
    """However the segments' events interleave, each side gets its own finals in its own order."""
    events = []
    expected: dict[str, dict[Role, list[str]]] = {}
    for index, (cid, role) in enumerate(script):
        text = f"{role[0]}{cid}{index}"
        events.append(Transcript(role=role, text=text + "~", is_final=False, correlation_id=cid))
        events.append(Transcript(role=role, text=text, is_final=True, correlation_id=cid))
        expected.setdefault(cid, {"source": [], "translation": []})[role].append(text)
    builder = build(*events)
    assert [s.id for s in builder.segments] == list(expected)
    for segment in builder.segments:
        assert segment.id is not None
        assert segment.original == " ".join(expected[segment.id]["source"])
        assert segment.translated == " ".join(expected[segment.id]["translation"])
        assert segment.original_interim == segment.translated_interim == ""


# --- events without a correlation id -----------------------------------------------------------


def test_anonymous_in_order_stream() -> None:
    builder = build(
        src("Hel", final=False), src("Hello"), tr("Hola", final=False), tr("Hola"),
        src("Bye", final=False), tr("Adi", final=False), src("Bye"), tr("Adiós"),
    )  # fmt: skip
    assert pairs(builder) == [(None, "Hello", "Hola"), (None, "Bye", "Adiós")]


def test_anonymous_source_final_closes_the_segment() -> None:
    builder = build(src("One"), src("Two"), src("Th", final=False), src("Three"))
    assert pairs(builder) == [(None, "One", ""), (None, "Two", ""), (None, "Three", "")]


def test_anonymous_translation_with_several_finals_stays_on_the_newest_segment() -> None:
    builder = build(src("Old"), tr("Viejo"), src("Good morning, how are you?"),
                    tr("Buenos días,"), tr("¿cómo estás?"))  # fmt: skip
    assert pairs(builder) == [
        (None, "Old", "Viejo"),
        (None, "Good morning, how are you?", "Buenos días, ¿cómo estás?"),
    ]


def test_anonymous_translation_final_follows_its_interim_across_a_new_original() -> None:
    builder = build(src("One"), tr("Un", final=False), src("Two"), tr("Uno"), tr("Dos"))
    assert pairs(builder) == [(None, "One", "Uno"), (None, "Two", "Dos")]


def test_anonymous_translation_goes_to_the_latest_untranslated_segment() -> None:
    # The translation of "One" never came: "Dos" must still land on "Two".
    builder = build(src("One"), src("Two"), tr("Dos"))
    assert pairs(builder) == [(None, "One", ""), (None, "Two", "Dos")]


def test_anonymous_translation_with_nothing_to_attach_to_opens_a_segment() -> None:
    builder = build(tr("Hola"))
    assert pairs(builder) == [(None, "", "Hola")]


def test_anonymous_translation_may_attach_to_a_keyed_segment() -> None:
    builder = build(src("Hello", "c1"), tr("Hola"))
    assert pairs(builder) == [("c1", "Hello", "Hola")]


def test_anonymous_source_does_not_continue_a_segment_from_an_earlier_session() -> None:
    builder = TranscriptBuilder()
    builder.add_session("ss_1")
    builder.add(src("Hel", final=False))
    builder.add_session("ss_2")
    builder.add(src("Hello"))
    assert [(s.session_id, s.original, s.original_interim) for s in builder.segments] == [
        ("ss_1", "", "Hel"),
        ("ss_2", "Hello", ""),
    ]


# --- sessions, interims after a lost session, times --------------------------------------------


def test_sessions_are_recorded_in_order_and_segments_remember_theirs() -> None:
    builder = TranscriptBuilder()
    assert builder.current_session is None
    builder.add(src("before any session", "c0"))
    builder.add_session("ss_a")
    builder.add(src("one", "c1"))
    builder.add_session("ss_b")
    builder.add(tr("uno", "c1"))  # an old segment keeps its session
    builder.add(src("two", "c2"))
    builder.add_session("ss_b")
    assert builder.sessions == ["ss_a", "ss_b"]
    assert [s.session_id for s in builder.segments] == [None, "ss_a", "ss_b"]
    assert "ss_a" in repr(builder)


def test_drop_interims_clears_partials_and_removes_segments_left_empty() -> None:
    builder = build(
        src("Hello", "c1"), tr("Hol", "c1", final=False), src("Wor", "c2", final=False),
        src("An", final=False),
    )  # fmt: skip
    builder.drop_interims()
    assert [(s.id, s.original, s.translated_interim) for s in builder.segments] == [
        ("c1", "Hello", "")
    ]
    # The replacement session may reuse ids or send the re-recognised text anonymously.
    builder.add(src("World", "c2"))
    builder.add(src("And then"))
    builder.add(tr("Y luego"))
    assert pairs(builder) == [
        ("c1", "Hello", ""),
        ("c2", "World", ""),
        (None, "And then", "Y luego"),
    ]


def test_times_track_first_and_last_seen() -> None:
    builder = TranscriptBuilder()
    builder.add(src("a", "c1", final=False), at=1.5)
    builder.add(src("a b", "c1"), at=2.5)
    builder.add(tr("x", "c1"), at=2.0)
    segment = builder.add(src("c", "c1"))
    assert (segment.first_seen, segment.last_seen) == (1.5, 2.5)
    late = builder.add(tr("y", "c2"), at=9.0)
    builder.add(src("z", "c2"), at=8.0)
    assert (late.first_seen, late.last_seen) == (8.0, 9.0)


# --- writers -----------------------------------------------------------------------------------


def sample() -> TranscriptBuilder:
    builder = TranscriptBuilder()
    builder.add_session("ss_1")
    builder.add(src("Hello", "c1"))
    builder.add(tr("Hola", "c1"))
    builder.add(src("only an interim", "c2", final=False))
    builder.add_session("ss_2")
    builder.add(src("Übergrößenträger", "c3"))
    builder.add(tr("Translation only", "c4"))
    builder.add(src("Anonymous"))
    return builder


def test_json_shape_is_exact() -> None:
    assert json.loads(to_json(sample())) == {
        "segments": [
            {"id": "c1", "original": "Hello", "translated": "Hola"},
            {"id": "c3", "original": "Übergrößenträger", "translated": ""},
            {"id": "c4", "original": "", "translated": "Translation only"},
            {"id": None, "original": "Anonymous", "translated": ""},
        ],
        "sessions": ["ss_1", "ss_2"],
    }
    text = to_json(sample())
    assert "Übergrößenträger" in text  # readable UTF-8, not \\u escapes
    assert json.loads(to_json(TranscriptBuilder())) == {"segments": [], "sessions": []}


def test_text_blocks() -> None:
    assert to_text(sample()) == (
        "Hello\n→ Hola\n\nÜbergrößenträger\n\n→ Translation only\n\nAnonymous\n\n"
    )
    assert to_text(TranscriptBuilder()) == ""


SRT_CUE = re.compile(
    r"(\d+)\n(\d{2,}):([0-5]\d):([0-5]\d),(\d{3}) --> (\d{2,}):([0-5]\d):([0-5]\d),(\d{3})\n"
    r"((?:[^\n]+\n)+)\n"
)


def parse_srt(text: str) -> list[tuple[int, float, float, list[str]]]:
    cues = []
    position = 0
    while position < len(text):
        match = SRT_CUE.match(text, position)
        assert match, f"invalid SRT at {text[position : position + 60]!r}"
        g = match.groups()
        start = int(g[1]) * 3600 + int(g[2]) * 60 + int(g[3]) + int(g[4]) / 1000
        end = int(g[5]) * 3600 + int(g[6]) * 60 + int(g[7]) + int(g[8]) / 1000
        cues.append((int(g[0]), start, end, g[9].splitlines()))
        position = match.end()
    return cues


def assert_valid_srt(text: str) -> list[tuple[int, float, float, list[str]]]:
    cues = parse_srt(text)
    assert [c[0] for c in cues] == list(range(1, len(cues) + 1))
    for _, start, end, _ in cues:
        assert end > start >= 0
    starts = [c[1] for c in cues]
    assert starts == sorted(starts)
    return cues


def test_srt_without_times_uses_consecutive_two_second_slots() -> None:
    cues = assert_valid_srt(to_srt(sample()))
    assert [(c[1], c[2]) for c in cues] == [(0, 2), (2, 4), (4, 6), (6, 8)]
    assert cues[0][3] == ["Hello", "Hola"]
    assert cues[2][3] == ["Translation only"]
    assert to_srt(sample()).startswith("1\n00:00:00,000 --> 00:00:02,000\nHello\nHola\n\n")


def test_srt_with_media_times() -> None:
    builder = TranscriptBuilder()
    builder.add(src("first", "a"), at=1.0)
    builder.add(tr("primero", "a"), at=3.25)
    builder.add(src("second\n\nwith a blank line", "b"), at=3.0)  # overlaps: first cue is cut
    builder.add(src("third", "c"), at=10.0)  # a single instant: stretched to a minimum length
    builder.add(src("untimed", "d"))  # follows in a slot
    cues = assert_valid_srt(to_srt(builder))
    assert [(c[1], c[2]) for c in cues] == [(1.0, 3.0), (3.0, 4.0), (10.0, 11.0), (11.0, 13.0)]
    assert cues[1][3] == ["second with a blank line"]


def test_srt_timestamps() -> None:
    assert srt_timestamp(0) == "00:00:00,000"
    assert srt_timestamp(3661.0015) == "01:01:01,002"
    assert srt_timestamp(59.9996) == "00:01:00,000"
    assert srt_timestamp(-3) == "00:00:00,000"
    assert srt_timestamp(100 * 3600) == "100:00:00,000"


@given(
    st.lists(
        st.tuples(
            st.sampled_from(["source", "translation"]),
            st.text(min_size=1, max_size=20),
            st.one_of(st.none(), st.floats(0, 10_000, allow_nan=False)),
        ),
        max_size=20,
    )
)
def test_srt_is_always_valid(events: list[tuple[Role, str, float | None]]) -> None:
    builder = TranscriptBuilder()
    for index, (role, text, at) in enumerate(events):
        builder.add(
            Transcript(role=role, text=text, is_final=True, correlation_id=str(index % 5)), at=at
        )
    cues = assert_valid_srt(to_srt(builder))
    assert len(cues) == sum(1 for s in builder.segments if s.has_final)


@pytest.mark.parametrize(
    ("suffix", "writer"),
    [(".txt", to_text), (".srt", to_srt), (".json", to_json), (".SRT", to_srt), ("json", to_json)],
)
def test_write_transcript_chooses_by_suffix(suffix: str, writer: object) -> None:
    assert callable(writer)
    assert write_transcript(sample(), suffix) == writer(sample())


@pytest.mark.parametrize("suffix", [".docx", ".wav", ".", ""])
def test_write_transcript_refuses_other_suffixes(suffix: str) -> None:
    with pytest.raises(UsageError, match=r"\.txt, \.srt or \.json") as caught:
        write_transcript(sample(), suffix)
    assert str(caught.value).endswith(".")


def test_segment_helpers() -> None:
    assert Segment(id=None).is_empty and not Segment(id=None).has_final
    assert not Segment(id="x", original_interim="a").is_empty
    assert Segment(id="x", translated="a").has_final


# --- session ids named by the results (Pulse) ------------------------------------------------


def test_results_that_name_their_session_start_it() -> None:
    builder = TranscriptBuilder()
    builder.add_session("")  # an engine whose ready names no session: nothing recorded
    builder.add(Transcript(role="source", text="one", is_final=False, session_id="s1"))
    builder.add(Transcript(role="source", text="One.", is_final=True, session_id="s1"))
    builder.add(Transcript(role="source", text="Two.", is_final=True, session_id="s2"))
    assert builder.sessions == ["s1", "s2"]
    assert [(s.original, s.session_id) for s in builder.segments] == [
        ("One.", "s1"),
        ("Two.", "s2"),
    ]


# --- hostile text from a server (issue 15, items 3 and 9) --------------------------------------


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("hello", "hello"),
        ("smile \ud83d", "smile \ufffd"),
        ("pair \ud83d\ude00 joined", "pair \U0001f600 joined"),
        ("red \x1b[31mtext\x1b[0m", "red [31mtext[0m"),
        ("two\nlines\r\n\tand a tab", "two lines and a tab"),
        ("bell\x07 nul\x00 del\x7f c1\x9b", "bell nul del c1"),
        ("中文 é", "中文 é"),
    ],
)
def test_clean_text(raw: str, clean: str) -> None:
    assert clean_text(raw) == clean


@given(st.text(alphabet=st.characters(codec=None, exclude_categories=())))
def test_clean_text_always_encodes_and_never_controls_a_terminal(raw: str) -> None:
    text = clean_text(raw)
    text.encode("utf-8")
    assert not any(ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F for c in text)


events_strategy = st.lists(
    st.tuples(
        st.sampled_from(["source", "translation"]),
        st.text(max_size=12),
        st.booleans(),
        st.one_of(st.none(), st.text(max_size=3)),
        st.one_of(st.none(), st.floats(allow_nan=True, allow_infinity=True)),
    ),
    max_size=25,
)


@given(events_strategy, st.sampled_from([".txt", ".srt", ".json"]))
def test_writers_take_anything_and_always_give_utf8(
    events: list[tuple[Role, str, bool, str | None, float | None]], suffix: str
) -> None:
    """Fuzzed text (lone surrogates, controls) and times (NaN, infinities): no foreign error."""
    builder = TranscriptBuilder()
    for role, text, final, cid, at in events:
        builder.add(Transcript(role=role, text=text, is_final=final, correlation_id=cid), at=at)
    builder.promote_interims()
    write_transcript(builder, suffix).encode("utf-8")


def test_promote_interims_keeps_what_was_shown_last() -> None:
    builder = build(
        src("one", "a"),
        src("two so", "a", final=False),
        tr("uno", "a"),
        tr("dos así", "a", final=False),
        src("three", "b", final=False),
    )
    assert builder.promote_interims() == 2
    assert pairs(builder) == [("a", "one two so", "uno dos así"), ("b", "three", "")]
    assert builder.promote_interims() == 0


def test_an_empty_final_after_an_interim_keeps_the_interims_text() -> None:
    """A server that closes a segment without repeating its text (its final was lost)."""
    builder = build(src("hello wor", final=False), src(""), src("next"))
    assert pairs(builder) == [(None, "hello wor", ""), (None, "next", "")]
    assert pairs(build(src(""))) == [(None, "", "")]
