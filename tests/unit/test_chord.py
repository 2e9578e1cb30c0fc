"""Chord strings, the matcher that turns key events into chord edges, clashes, portal triggers."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dragoman.core.chord import (
    KEYS,
    MODIFIER_KINDS,
    Chord,
    ChordEdge,
    ChordMatcher,
    InvalidChord,
    clashes,
    format_chord,
    parse_chord,
    xdg_trigger,
)
from dragoman.core.errors import UsageError


@pytest.mark.parametrize(
    ("text", "canonical"),
    [
        ("F9", "F9"),
        ("f9", "F9"),
        ("Ctrl+Shift+Space", "Ctrl+Shift+Space"),
        ("shift + control + space", "Ctrl+Shift+Space"),
        ("RightCtrl", "RightCtrl"),
        ("r-ctrl", "RightCtrl"),
        ("Right Control", "RightCtrl"),
        ("AltGr", "RightAlt"),
        ("LeftAlt+Option+Z", None),  # Option is Alt: either side and the left side clash
        ("Mouse8", "Mouse8"),
        ("XButton2", "Mouse9"),
        ("Ctrl+Mouse9", "Ctrl+Mouse9"),
        ("Win+L", "Meta+L"),
        ("Cmd+Space", "Meta+Space"),
        ("Super_L", "LeftMeta"),
        ("Control_R", "RightCtrl"),
        ("Esc", "Escape"),
        ("return", "Enter"),
        ("PgDn", "PageDown"),
        ("Ctrl+Alt", "Ctrl+Alt"),
        ("Alt+Ctrl+RightShift+a", "Ctrl+Alt+RightShift+A"),
        ("7", "7"),
        ("F24", "F24"),
    ],
)
def test_parse_and_format(text: str, canonical: str | None) -> None:
    if canonical is None:
        with pytest.raises(InvalidChord, match="either side"):
            parse_chord(text)
        return
    chord = parse_chord(text)
    assert str(chord) == format_chord(chord) == canonical
    assert parse_chord(canonical) == chord == Chord.parse(text)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "not a hotkey"),
        ("Ctrl+", "not a hotkey"),
        ("Ctrl++", "plus key"),
        ("F9+F10", "more than one key"),
        ("Ctrl+Ctrl", "twice"),
        ("Ctrl+RightCtrl", "either side"),
        ("Hyper", "not a key Dragoman knows"),
        ("F25", "not a key Dragoman knows"),
        ("Mouse1", "every click would talk"),
        ("Mouse4", "every click would talk"),
    ],
)
def test_invalid_chords_say_why(text: str, message: str) -> None:
    with pytest.raises(InvalidChord, match=message) as caught:
        parse_chord(text)
    assert isinstance(caught.value, UsageError)  # the CLI exits 2 with the sentence
    assert str(caught.value).endswith(".")


def test_a_chord_needs_a_key() -> None:
    with pytest.raises(InvalidChord):
        Chord()
    with pytest.raises(InvalidChord):
        Chord(frozenset({"Ctrl", "LeftCtrl"}))
    with pytest.raises(InvalidChord):
        Chord(key="NotAKey")


modifier_sets = st.sets(
    st.sampled_from([*MODIFIER_KINDS, *(f"{s}{k}" for k in MODIFIER_KINDS for s in "LR")])
)


@given(
    modifiers=st.sets(st.sampled_from(MODIFIER_KINDS)),
    sides=st.lists(st.sampled_from(["", "Left", "Right"]), min_size=4, max_size=4),
    key=st.one_of(st.none(), st.sampled_from(sorted(KEYS))),
)
def test_format_parse_round_trip(modifiers: set[str], sides: list[str], key: str | None) -> None:
    names = frozenset(f"{side}{kind}" for side, kind in zip(sides, sorted(modifiers), strict=False))
    if not names and key is None:
        return
    chord = Chord(names, key)
    assert parse_chord(str(chord)) == chord
    assert parse_chord(str(chord).lower()) == chord


# --- the matcher ---------------------------------------------------------------------------------


def matcher(**bindings: str) -> ChordMatcher:
    return ChordMatcher({name: parse_chord(text) for name, text in bindings.items()})


def press(name: str) -> ChordEdge:
    return ChordEdge(name, pressed=True)


def release(name: str) -> ChordEdge:
    return ChordEdge(name, pressed=False)


def test_single_key_and_auto_repeat() -> None:
    m = matcher(forward="F9")
    assert m.key_down("F9") == [press("forward")]
    assert m.key_down("F9") == []  # auto-repeat
    assert m.key_down("F9") == []
    assert m.key_up("F9") == [release("forward")]
    assert m.key_up("F9") == []


def test_chord_with_modifiers_fires_on_the_last_part_in_any_order() -> None:
    m = matcher(forward="Ctrl+Shift+F9")
    assert m.key_down("LeftShift") == []
    assert m.key_down("F9") == []  # Ctrl missing
    assert m.key_down("RightCtrl") == [press("forward")]  # either Ctrl will do
    assert m.key_down("LeftAlt") == []  # an extra modifier once held does not end it
    assert m.key_up("LeftShift") == [release("forward")]  # any part going up ends it
    assert m.key_up("F9") + m.key_up("RightCtrl") + m.key_up("LeftAlt") == []


def test_exact_modifiers_to_start() -> None:
    m = matcher(forward="F9", reverse="Ctrl+F9")
    assert m.key_down("LeftCtrl") == []
    assert m.key_down("F9") == [press("reverse")]  # Ctrl+F9 is not F9
    assert m.key_up("LeftCtrl") == [release("reverse")]
    assert m.key_up("F9") == []
    assert m.key_down("F9") == [press("forward")]


def test_sided_modifier_alone() -> None:
    m = matcher(forward="RightCtrl")
    assert m.key_down("LeftCtrl") == []
    assert m.key_up("LeftCtrl") == []
    assert m.key_down("RightCtrl") == [press("forward")]
    assert m.key_down("C") == []  # Right Ctrl + C: still talking
    assert m.key_up("RightCtrl") == [release("forward")]


def test_unsided_modifier_releases_when_the_last_side_goes_up() -> None:
    m = matcher(forward="Ctrl+Alt")
    m.key_down("LeftCtrl")
    assert m.key_down("LeftAlt") == [press("forward")]
    m.key_down("RightCtrl")
    assert m.key_up("LeftCtrl") == []  # the right Ctrl still holds it
    assert m.key_up("RightCtrl") == [release("forward")]


def test_extra_modifier_down_before_prevents_a_bare_modifier_chord() -> None:
    m = matcher(forward="RightAlt")
    m.key_down("LeftShift")
    assert m.key_down("RightAlt") == []


def test_mouse_buttons_and_reset() -> None:
    m = matcher(forward="Mouse8", cancel="Escape")
    assert m.key_down("Mouse8") == [press("forward")]
    assert m.key_down("Escape") == [press("cancel")]
    assert m.held == {"forward", "cancel"}
    assert m.reset() == [release("cancel"), release("forward")]
    assert m.key_up("Mouse8") == []  # forgotten
    assert "down=[]" in repr(m)


# --- clashes -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("Alt+Tab", "switches windows"),
        ("LeftAlt+Tab", "overlaps Alt+Tab"),
        ("Meta+L", "Meta+L is a common shortcut: it locks the screen"),
        ("RightMeta", "Start menu"),
        ("Ctrl+C", "copies"),
        ("Escape", "cancel key"),
        ("A", "while typing"),
        ("Space", "while typing"),
        ("Shift+A", "while typing"),
        ("RightAlt", "AltGr"),
        ("LeftCtrl", "RightCtrl"),
        ("Ctrl", "Ctrl+C and the like"),
    ],
)
def test_clashes_warn(text: str, fragment: str) -> None:
    warnings = clashes(parse_chord(text))
    assert any(fragment in w for w in warnings), warnings


@pytest.mark.parametrize("text", ["F9", "RightCtrl", "Ctrl+Shift+Space", "Mouse8", "Ctrl+A+Alt"])
def test_good_push_to_talk_keys_do_not_warn(text: str) -> None:
    assert clashes(parse_chord(text)) == []


def test_the_cancel_key_clash_follows_the_cancel_key() -> None:
    assert not any("cancel key" in w for w in clashes(parse_chord("Escape"), cancel_key=None))
    assert clashes(parse_chord("F8"), cancel_key="F8") == [
        "F8 is also the cancel key: pressing it would start and cancel."
    ]


# --- the portal's trigger format -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        ("F9", "F9"),
        ("Ctrl+Shift+Space", "CTRL+SHIFT+space"),
        ("Meta+A", "LOGO+a"),
        ("RightCtrl+F9", "CTRL+F9"),  # the format has no sides when combined with a key
        ("RightCtrl", "Control_R"),
        ("RightAlt", "ISO_Level3_Shift"),
        ("Ctrl+Alt", "CTRL+ALT"),
        ("Enter", "Return"),
        ("PageDown", "Page_Down"),
    ],
)
def test_xdg_trigger(text: str, trigger: str) -> None:
    assert xdg_trigger(parse_chord(text)) == trigger


def test_xdg_trigger_refuses_mouse_buttons() -> None:
    with pytest.raises(InvalidChord, match="mouse"):
        xdg_trigger(parse_chord("Mouse8"))
