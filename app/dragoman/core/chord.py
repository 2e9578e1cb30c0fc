"""Hotkey chords as portable strings, a matcher that turns key events into chord edges, and the
shortcuts a chord would clash with.

The stored form is one string, the same on every platform: modifiers first, in the order Ctrl,
Alt, Shift, Meta, then at most one key, joined by ``+``::

    F9    Ctrl+Shift+Space    RightCtrl    RightAlt    Ctrl+Alt    Mouse8    Ctrl+Mouse9

* Modifiers are ``Ctrl``, ``Alt``, ``Shift``, ``Meta`` (the Windows / Super key; Command on a
  Mac) or a sided form (``LeftCtrl`` … ``RightMeta``). A chord of modifiers only is allowed,
  including a single sided modifier: ``RightCtrl`` is a popular push-to-talk key.
* Keys: ``A`` to ``Z``, ``0`` to ``9``, ``F1`` to ``F24``, named keys (``Space``, ``Enter``,
  ``Escape``, ``PageUp`` …) and the mouse side buttons ``Mouse8`` to ``Mouse20`` (X11 numbering:
  8 is "back", 9 "forward"; the main buttons and the wheel are refused: every click would talk).
* Parsing is case-insensitive and takes common aliases (``Control``, ``Win``, ``Super``, ``Cmd``,
  ``Option``, ``AltGr``, ``Esc``, ``Return``, ``PgDn`` …); :func:`format_chord` gives the
  canonical form back.

A chord is *held* when its key and exactly its modifiers are down (an unsided modifier is
satisfied by either side). Once held it stays held until one of its parts goes up; modifiers
pressed meanwhile do not end it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final

from dragoman.core.errors import UsageError
from dragoman.core.i18n import QT_TRANSLATE_NOOP

__all__ = [
    "CANCEL_KEY",
    "DEFAULT_CHORD",
    "MODIFIER_KINDS",
    "Chord",
    "ChordEdge",
    "ChordMatcher",
    "InvalidChord",
    "clashes",
    "format_chord",
    "parse_chord",
    "xdg_trigger",
]

DEFAULT_CHORD: Final = "F9"
CANCEL_KEY: Final = "Escape"

MODIFIER_KINDS: Final = ("Ctrl", "Alt", "Shift", "Meta")
_SIDED: Final = {f"{side}{kind}": kind for kind in MODIFIER_KINDS for side in ("Left", "Right")}
_MODIFIERS: Final = frozenset(MODIFIER_KINDS) | frozenset(_SIDED)
_MODIFIER_ORDER: Final = {
    name: index
    for index, name in enumerate(
        name for kind in MODIFIER_KINDS for name in (kind, f"Left{kind}", f"Right{kind}")
    )
}

_NAMED_KEYS: Final = (
    "Space", "Enter", "Tab", "Escape", "Backspace", "Insert", "Delete", "Home", "End", "PageUp",
    "PageDown", "Up", "Down", "Left", "Right", "CapsLock", "NumLock", "ScrollLock", "Pause",
    "PrintScreen", "Menu", "MediaPlayPause", "MediaNext", "MediaPrevious", "MediaStop",
    "VolumeUp", "VolumeDown", "VolumeMute",
)  # fmt: skip
MOUSE_BUTTONS: Final = tuple(f"Mouse{n}" for n in range(8, 21))
KEYS: Final = frozenset(
    (
        *(chr(c) for c in range(ord("A"), ord("Z") + 1)),
        *(str(d) for d in range(10)),
        *(f"F{n}" for n in range(1, 25)),
        *_NAMED_KEYS,
        *MOUSE_BUTTONS,
    )
)
_TYPING_KEYS: Final = frozenset(
    (*(chr(c) for c in range(ord("A"), ord("Z") + 1)), *(str(d) for d in range(10)))
) | {"Space", "Enter", "Tab", "Backspace", "Delete", "Up", "Down", "Left", "Right"}

_ALIASES: Final = {
    "control": "Ctrl",
    "ctl": "Ctrl",
    "option": "Alt",
    "opt": "Alt",
    "win": "Meta",
    "windows": "Meta",
    "super": "Meta",
    "cmd": "Meta",
    "command": "Meta",
    "logo": "Meta",
    "altgr": "RightAlt",
    "esc": "Escape",
    "return": "Enter",
    "pgup": "PageUp",
    "pgdn": "PageDown",
    "pgdown": "PageDown",
    "del": "Delete",
    "ins": "Insert",
    "print": "PrintScreen",
    "prtsc": "PrintScreen",
    "caps": "CapsLock",
    "apps": "Menu",
    "xbutton1": "Mouse8",
    "xbutton2": "Mouse9",
    "mouseback": "Mouse8",
    "mouseforward": "Mouse9",
}
_CANONICAL: Final = {name.lower(): name for name in (*_MODIFIERS, *KEYS)}
_SIDE_BEFORE: Final = re.compile(r"^(left|right|l|r)[-_]?(.+)$")
_SIDE_AFTER: Final = re.compile(r"^(.+)[-_](left|right|l|r)$")
_EXAMPLES: Final = "for example F9, Ctrl+Shift+Space, RightCtrl or Mouse8"


class InvalidChord(UsageError):
    """A hotkey string that does not describe a chord; the message says how to write one."""


@dataclass(frozen=True, slots=True)
class Chord:
    """Modifiers (sided or not) and at most one key; ``str()`` is the portable form."""

    modifiers: frozenset[str] = frozenset()
    key: str | None = None

    def __post_init__(self) -> None:
        if not self.modifiers and self.key is None:
            raise InvalidChord(f"A hotkey needs at least one key ({_EXAMPLES}).")
        unknown = sorted(m for m in self.modifiers if m not in _MODIFIERS)
        if unknown or (self.key is not None and self.key not in KEYS):
            bad = unknown[0] if unknown else self.key
            raise InvalidChord(f"'{bad}' is not a key Dragoman knows ({_EXAMPLES}).")
        for kind in MODIFIER_KINDS:
            if kind in self.modifiers and any(
                _kind(m) == kind and m != kind for m in self.modifiers
            ):
                raise InvalidChord(f"{kind} already means either side of the keyboard.")

    @classmethod
    def parse(cls, text: str) -> Chord:
        return parse_chord(text)

    @property
    def is_mouse(self) -> bool:
        return self.key is not None and self.key.startswith("Mouse")

    @property
    def parts(self) -> frozenset[str]:
        return self.modifiers | ({self.key} if self.key is not None else set())

    def __str__(self) -> str:
        return format_chord(self)


def _kind(modifier: str) -> str:
    return _SIDED.get(modifier, modifier)


def _canonical_token(token: str) -> str:
    lowered = token.strip().lower().replace(" ", "")
    if lowered in _CANONICAL:
        return _CANONICAL[lowered]
    if lowered in _ALIASES:
        return _ALIASES[lowered]
    mouse = re.fullmatch(r"mouse(\d+)", lowered)
    if mouse and int(mouse.group(1)) < 8:
        raise InvalidChord(
            f"'{token.strip()}' is a main mouse button or the wheel: every click would talk. "
            "Use a side button (Mouse8, Mouse9)."
        )
    # Left/Right before (RightCtrl, r-ctrl) or after (Control_R, the X11 keysym names).
    for pattern, side_group, base_group in ((_SIDE_BEFORE, 1, 2), (_SIDE_AFTER, 2, 1)):
        sided = pattern.match(lowered)
        if sided:
            side = "Left" if sided.group(side_group).startswith("l") else "Right"
            name = sided.group(base_group)
            base = _ALIASES.get(name, _CANONICAL.get(name, ""))
            if base in MODIFIER_KINDS:
                return f"{side}{base}"
    raise InvalidChord(f"'{token.strip()}' is not a key Dragoman knows ({_EXAMPLES}).")


def parse_chord(text: str) -> Chord:
    """Parse a chord string; raises :class:`InvalidChord` with a sentence that says why."""
    tokens = text.split("+")
    if not text.strip() or any(not token.strip() for token in tokens):
        raise InvalidChord(
            f"'{text}' is not a hotkey: write keys joined by '+' ({_EXAMPLES}); "
            "the plus key itself is not supported."
        )
    names = [_canonical_token(token) for token in tokens]
    modifiers = [name for name in names if name in _MODIFIERS]
    keys = [name for name in names if name not in _MODIFIERS]
    if len(keys) > 1:
        raise InvalidChord(
            f"'{text}' has more than one key besides modifiers ({' and '.join(keys)}): "
            "a hotkey has modifiers and at most one other key."
        )
    if len(set(modifiers)) != len(modifiers):
        raise InvalidChord(f"'{text}' names a modifier twice.")
    key = keys[0] if keys else None
    return Chord(frozenset(modifiers), key)


def format_chord(chord: Chord) -> str:
    names = sorted(chord.modifiers, key=_MODIFIER_ORDER.__getitem__)
    if chord.key is not None:
        names.append(chord.key)
    return "+".join(names)


def _satisfied(modifier: str, down: frozenset[str] | set[str]) -> bool:
    if modifier in _SIDED:
        return modifier in down
    return f"Left{modifier}" in down or f"Right{modifier}" in down


def is_modifier(name: str) -> bool:
    return name in _MODIFIERS


# --- matching -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ChordEdge:
    """A binding's chord became held (``pressed``) or stopped being held."""

    binding: str
    pressed: bool


class ChordMatcher:
    """Key events in, chord edges out, for several named bindings at once.

    Key names are the canonical ones with sided modifiers (``LeftCtrl``, never ``Ctrl``): the
    back ends translate their events into those. Auto-repeat (a key going down while down)
    produces nothing. Not thread-safe: the owner serialises calls.
    """

    def __init__(self, bindings: Mapping[str, Chord]) -> None:
        self.bindings = dict(bindings)
        self._down: set[str] = set()
        self._held: set[str] = set()

    def __repr__(self) -> str:
        return f"<ChordMatcher down={sorted(self._down)} held={sorted(self._held)}>"

    @property
    def held(self) -> frozenset[str]:
        return frozenset(self._held)

    def key_down(self, name: str) -> list[ChordEdge]:
        if name in self._down:
            return []
        self._down.add(name)
        edges = []
        for binding, chord in self.bindings.items():
            if binding not in self._held and self._completes(chord, name):
                self._held.add(binding)
                edges.append(ChordEdge(binding, pressed=True))
        return edges

    def key_up(self, name: str) -> list[ChordEdge]:
        if name not in self._down:
            return []
        self._down.discard(name)
        edges = []
        for binding in sorted(self._held):
            if not self._still_held(self.bindings[binding]):
                self._held.discard(binding)
                edges.append(ChordEdge(binding, pressed=False))
        return edges

    def reset(self) -> list[ChordEdge]:
        """Forget every key (the back end restarted); releases whatever was held."""
        edges = [ChordEdge(binding, pressed=False) for binding in sorted(self._held)]
        self._down.clear()
        self._held.clear()
        return edges

    def _completes(self, chord: Chord, name: str) -> bool:
        """``name`` just went down and now the chord is held, with no extra modifiers."""
        if name != chord.key and not any(name == m or _kind(name) == m for m in chord.modifiers):
            return False
        if not self._still_held(chord):
            return False
        extra = {m for m in self._down if m in _MODIFIERS}
        for modifier in chord.modifiers:
            extra -= {modifier, f"Left{modifier}", f"Right{modifier}"}
        return not extra

    def _still_held(self, chord: Chord) -> bool:
        if chord.key is not None and chord.key not in self._down:
            return False
        return all(_satisfied(m, self._down) for m in chord.modifiers)


# --- clashes --------------------------------------------------------------------------------

# (chord, what it does). A clash is a warning, never a refusal: the user may know better.
_CLASHES: Final[tuple[tuple[str, str], ...]] = (
    ("Alt+Tab", QT_TRANSLATE_NOOP("chord", "switches windows")),
    ("Alt+Shift+Tab", QT_TRANSLATE_NOOP("chord", "switches windows")),
    ("Alt+F4", QT_TRANSLATE_NOOP("chord", "closes the window")),
    ("Alt+Space", QT_TRANSLATE_NOOP("chord", "opens the window menu")),
    ("Ctrl+Alt+Delete", QT_TRANSLATE_NOOP("chord", "opens the system's security screen")),
    ("Ctrl+Alt+T", QT_TRANSLATE_NOOP("chord", "opens a terminal on Ubuntu")),
    ("Ctrl+Alt+L", QT_TRANSLATE_NOOP("chord", "locks the screen on some Linux desktops")),
    ("Ctrl+Alt+Left", QT_TRANSLATE_NOOP("chord", "switches workspaces")),
    ("Ctrl+Alt+Right", QT_TRANSLATE_NOOP("chord", "switches workspaces")),
    ("Ctrl+Escape", QT_TRANSLATE_NOOP("chord", "opens the Start menu on Windows")),
    ("Ctrl+Shift+Escape", QT_TRANSLATE_NOOP("chord", "opens the Task Manager on Windows")),
    ("Ctrl+Space", QT_TRANSLATE_NOOP("chord", "switches the input method on many systems")),
    ("Ctrl+Shift", QT_TRANSLATE_NOOP("chord", "switches the keyboard layout on Windows")),
    ("Alt+Shift", QT_TRANSLATE_NOOP("chord", "switches the keyboard layout on Windows and KDE")),
    ("Meta", QT_TRANSLATE_NOOP("chord", "opens the Start menu / Activities overview")),
    (
        "Meta+Space",
        QT_TRANSLATE_NOOP("chord", "switches the input source (GNOME) or opens Spotlight (macOS)"),
    ),
    (
        "Meta+Tab",
        QT_TRANSLATE_NOOP("chord", "switches windows (macOS) or opens Task View (Windows)"),
    ),
    ("Meta+L", QT_TRANSLATE_NOOP("chord", "locks the screen on Windows and GNOME")),
    ("Meta+D", QT_TRANSLATE_NOOP("chord", "shows the desktop")),
    ("Meta+E", QT_TRANSLATE_NOOP("chord", "opens the file manager on Windows")),
    ("Meta+Q", QT_TRANSLATE_NOOP("chord", "quits the application on macOS")),
    ("Meta+W", QT_TRANSLATE_NOOP("chord", "closes the window on macOS")),
    ("Meta+H", QT_TRANSLATE_NOOP("chord", "hides the application on macOS")),
    ("Meta+M", QT_TRANSLATE_NOOP("chord", "minimises the window on macOS")),
    ("Shift+Meta+3", QT_TRANSLATE_NOOP("chord", "takes a screenshot on macOS")),
    ("Shift+Meta+4", QT_TRANSLATE_NOOP("chord", "takes a screenshot on macOS")),
    ("Shift+Meta+5", QT_TRANSLATE_NOOP("chord", "opens the screenshot tool on macOS")),
    ("Ctrl+C", QT_TRANSLATE_NOOP("chord", "copies")),
    ("Ctrl+V", QT_TRANSLATE_NOOP("chord", "pastes")),
    ("Ctrl+X", QT_TRANSLATE_NOOP("chord", "cuts")),
    ("Ctrl+Z", QT_TRANSLATE_NOOP("chord", "undoes")),
    ("Ctrl+A", QT_TRANSLATE_NOOP("chord", "selects everything")),
    ("Ctrl+S", QT_TRANSLATE_NOOP("chord", "saves")),
    ("Ctrl+W", QT_TRANSLATE_NOOP("chord", "closes the tab or window")),
    ("PrintScreen", QT_TRANSLATE_NOOP("chord", "takes a screenshot")),
    ("F1", QT_TRANSLATE_NOOP("chord", "opens help in most applications")),
    ("F5", QT_TRANSLATE_NOOP("chord", "reloads the page in browsers")),
    ("F11", QT_TRANSLATE_NOOP("chord", "toggles full screen")),
    ("Escape", QT_TRANSLATE_NOOP("chord", "closes dialogs and menus everywhere")),
)


def _overlaps(a: Chord, b: Chord) -> bool:
    """Could one physical key combination hold both chords?"""
    if a.key != b.key:
        return False
    for kind in MODIFIER_KINDS:
        sides_a = _sides(a, kind)
        sides_b = _sides(b, kind)
        if not sides_a & sides_b and (sides_a or sides_b):
            return False
    return True


def _sides(chord: Chord, kind: str) -> set[str]:
    if kind in chord.modifiers:
        return {"Left", "Right"}
    return {side for side in ("Left", "Right") if f"{side}{kind}" in chord.modifiers}


def clashes(chord: Chord, *, cancel_key: str | None = CANCEL_KEY) -> list[str]:
    """Sentences warning about what else this chord does; empty when nothing is known (English
    messages with arguments: the UI shows them translated, dragoman.core.i18n)."""
    warnings: list[str] = []
    for other, what in _CLASHES:
        if _overlaps(chord, parse_chord(other)):
            if str(chord) == other:
                warnings.append(
                    QT_TRANSLATE_NOOP("chord", "%1 is a common shortcut: it %2.").arg(chord, what)
                )
            else:
                warnings.append(
                    QT_TRANSLATE_NOOP("chord", "%1 overlaps %2, which %3.").arg(chord, other, what)
                )
    if chord.key in _TYPING_KEYS and not {"Ctrl", "Alt", "Meta"} & {
        _kind(m) for m in chord.modifiers
    }:
        warnings.append(
            QT_TRANSLATE_NOOP(
                "chord", "%1 is pressed while typing: every time would start talking."
            ).arg(chord)
        )
    if chord.key is None and len(chord.modifiers) == 1:
        (only,) = chord.modifiers
        if only in ("RightAlt", "Alt"):
            warnings.append(
                QT_TRANSLATE_NOOP(
                    "chord",
                    "%1 is AltGr on many keyboard layouts (it types @, € and others): "
                    "typing those would start talking.",
                ).arg(chord)
            )
        elif not only.startswith("Right"):
            warnings.append(
                QT_TRANSLATE_NOOP(
                    "chord",
                    "%1 alone starts talking at every shortcut that uses it (%2+C and the like); "
                    "a right-hand modifier such as Right%2 is pressed less often.",
                ).arg(chord, _kind(only))
            )
    if cancel_key is not None and _overlaps(chord, parse_chord(cancel_key)):
        warnings.append(
            QT_TRANSLATE_NOOP(
                "chord", "%1 is also the cancel key: pressing it would start and cancel."
            ).arg(chord)
        )
    return warnings


# --- the XDG desktop portal's trigger format -------------------------------------------------

_XDG_MODIFIERS: Final = {"Ctrl": "CTRL", "Alt": "ALT", "Shift": "SHIFT", "Meta": "LOGO"}
_XDG_SIDED_KEYSYMS: Final = {
    "LeftCtrl": "Control_L",
    "RightCtrl": "Control_R",
    "LeftAlt": "Alt_L",
    "RightAlt": "ISO_Level3_Shift",
    "LeftShift": "Shift_L",
    "RightShift": "Shift_R",
    "LeftMeta": "Super_L",
    "RightMeta": "Super_R",
}
_XDG_KEYSYMS: Final = {
    "Space": "space",
    "Enter": "Return",
    "Tab": "Tab",
    "Escape": "Escape",
    "Backspace": "BackSpace",
    "Insert": "Insert",
    "Delete": "Delete",
    "Home": "Home",
    "End": "End",
    "PageUp": "Page_Up",
    "PageDown": "Page_Down",
    "Up": "Up",
    "Down": "Down",
    "Left": "Left",
    "Right": "Right",
    "CapsLock": "Caps_Lock",
    "NumLock": "Num_Lock",
    "ScrollLock": "Scroll_Lock",
    "Pause": "Pause",
    "PrintScreen": "Print",
    "Menu": "Menu",
    "MediaPlayPause": "XF86AudioPlay",
    "MediaNext": "XF86AudioNext",
    "MediaPrevious": "XF86AudioPrev",
    "MediaStop": "XF86AudioStop",
    "VolumeUp": "XF86AudioRaiseVolume",
    "VolumeDown": "XF86AudioLowerVolume",
    "VolumeMute": "XF86AudioMute",
}


def xdg_trigger(chord: Chord) -> str:
    """The chord in the XDG shortcuts format (``CTRL+SHIFT+space``, ``LOGO+F9``) that the
    GlobalShortcuts portal takes as ``preferred_trigger``.

    That format has no sides for modifiers, so a sided modifier becomes plain when combined with
    a key, and its keysym (``Control_R``) when it is the whole chord. Mouse buttons cannot be
    expressed: :class:`InvalidChord`.
    """
    if chord.is_mouse:
        raise InvalidChord(
            f"The desktop portal cannot bind mouse buttons ({chord}): choose a keyboard key."
        )
    if chord.key is None and len(chord.modifiers) == 1:
        (only,) = chord.modifiers
        if only in _XDG_SIDED_KEYSYMS:
            return _XDG_SIDED_KEYSYMS[only]
    kinds = sorted({_kind(m) for m in chord.modifiers}, key=MODIFIER_KINDS.index)
    parts = [_XDG_MODIFIERS[kind] for kind in kinds]
    if chord.key is not None:
        key = chord.key
        parts.append(_XDG_KEYSYMS.get(key, key.lower() if len(key) == 1 else key))
    return "+".join(parts)
