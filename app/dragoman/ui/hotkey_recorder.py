"""A field that records a hotkey chord by having the user press it.

Click the field (or press Enter / Space on it), then press the chord:

* a key with any modifiers (``F9``, ``Ctrl+Shift+Space``) is recorded when the key goes down;
* modifiers alone (``RightCtrl``, ``Ctrl+Alt``) are recorded when the first of them goes up with
  no other key pressed meanwhile;
* a mouse side button (``Mouse8`` "back", ``Mouse9`` "forward", ``Mouse10`` …), with any
  modifiers held, is recorded when it goes down; any other click ends recording unchanged;
* Escape alone cancels (the old chord stays), Backspace / Delete alone clears the field when it
  may be empty (the optional reverse-direction hotkey) and is an ordinary key otherwise.

While recording, the field grabs the keyboard and the mouse and takes every shortcut for itself,
so Alt does not open a menu and Enter does not press the dialog's OK button.

Sides of modifiers. A chord with a key is stored without sides (``Ctrl+Space``: either Ctrl), as
people expect of a shortcut. A chord of modifiers only keeps the side the user pressed
(``RightCtrl``), which is the point of such a chord. Qt reports a modifier's kind, not its side;
the side comes from the native key codes where the platform gives them: on X11 and Wayland the
keysym (``nativeVirtualKey``: Control_L / Control_R …) or else the key code (``nativeScanCode``:
37 / 105 Ctrl, 64 / 108 Alt, 50 / 62 Shift, 133 / 134 Meta); on Windows the scan code with its
extended bit; on macOS the virtual key code. When the side is unknown (another platform, the
offscreen one, a remapped key), the modifier is recorded unsided (``Ctrl``), which matches either
side: a wider chord, never a wrong one.

Chords that clash with common system shortcuts (:func:`dragoman.core.chord.clashes`) are warned
about under the field, never refused: the user may know better.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Final

from PySide6.QtCore import QEvent, QObject, Qt, Signal, Slot
from PySide6.QtGui import QGuiApplication, QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from dragoman.core.chord import (
    CANCEL_KEY,
    MODIFIER_KINDS,
    Chord,
    InvalidChord,
    clashes,
    is_modifier,
    parse_chord,
)
from dragoman.core.i18n import QT_TRANSLATE_NOOP
from dragoman.hotkeys.backends import qt_key_name
from dragoman.ui.i18n import translated

__all__ = ["HotkeyRecorder", "modifier_side", "mouse_button_name"]

_K = Qt.Key
_M = Qt.KeyboardModifier
LEFT: Final = "Left"
RIGHT: Final = "Right"

# X11 keysyms (Qt's nativeVirtualKey on xcb and Wayland).
_XKB_LEFT: Final = frozenset(
    {0xFFE3, 0xFFE1, 0xFFE9, 0xFFEB, 0xFFE7}
)  # Control/Shift/Alt/Super/Meta_L
_XKB_RIGHT: Final = frozenset({0xFFE4, 0xFFE2, 0xFFEA, 0xFFEC, 0xFFE8, 0xFE03})  # …_R, AltGr
# X11 / evdev+8 key codes (Qt's nativeScanCode on xcb and Wayland): Ctrl, Shift, Alt, Meta.
_X11_CODE_LEFT: Final = frozenset({37, 50, 64, 133})
_X11_CODE_RIGHT: Final = frozenset({105, 62, 108, 134})
# Windows scan codes (0x100 = the extended bit): Ctrl, Shift, Alt, Win.
_WIN_LEFT: Final = frozenset({0x1D, 0x2A, 0x38, 0x15B})
_WIN_RIGHT: Final = frozenset({0x11D, 0x36, 0x138, 0x15C})
# macOS virtual key codes: Command, Shift, Option, Control.
_MAC_LEFT: Final = frozenset({0x37, 0x38, 0x3A, 0x3B})
_MAC_RIGHT: Final = frozenset({0x36, 0x3C, 0x3D, 0x3E})
# Keys that name their side whatever the platform.
_SIDED_KEYS: Final = {
    _K.Key_Super_L.value: LEFT,
    _K.Key_Super_R.value: RIGHT,
    _K.Key_AltGr.value: RIGHT,
}

_START_KEYS: Final = frozenset({_K.Key_Return.value, _K.Key_Enter.value, _K.Key_Space.value})
_CLEAR_KEYS: Final = frozenset({"Backspace", "Delete"})
# Qt's side buttons: BackButton is ExtraButton1 (X11 button 8), ForwardButton ExtraButton2 (9) …
_MOUSE_BUTTONS: Final = {
    getattr(Qt.MouseButton, f"ExtraButton{n}"): f"Mouse{n + 7}" for n in range(1, 14)
}
# English source texts (dragoman.core.i18n.Text), shown through ``translated``.
_MOUSE_NOTE: Final = QT_TRANSLATE_NOOP(
    "HotkeyRecorder",
    "Mouse buttons work with the X11 / Windows / macOS keyboard hook and the in-window key, "
    "not with the Wayland desktop portal.",
)
_PROMPT: Final = QT_TRANSLATE_NOOP("HotkeyRecorder", "Press the hotkey… (Esc cancels)")
_NOT_A_KEY: Final = QT_TRANSLATE_NOOP(
    "HotkeyRecorder",
    "That key cannot be part of a hotkey: use F1 to F24, a letter, a digit, a named key such as "
    "Space or Pause, a modifier, or a mouse side button.",
)


def modifier_side(event: QKeyEvent, platform_name: str) -> str | None:
    """``"Left"`` / ``"Right"`` for a modifier key event, or None when the platform does not say."""
    by_key = _SIDED_KEYS.get(event.key())
    if by_key is not None:
        return by_key
    if platform_name == "xcb" or platform_name.startswith("wayland"):
        keysym, code = event.nativeVirtualKey(), event.nativeScanCode()
        if keysym in _XKB_LEFT or (keysym not in _XKB_RIGHT and code in _X11_CODE_LEFT):
            return LEFT
        if keysym in _XKB_RIGHT or code in _X11_CODE_RIGHT:
            return RIGHT
        return None
    tables = {
        "windows": (event.nativeScanCode(), _WIN_LEFT, _WIN_RIGHT),
        "cocoa": (event.nativeVirtualKey(), _MAC_LEFT, _MAC_RIGHT),
    }
    if platform_name not in tables:
        return None
    native, left, right = tables[platform_name]
    return LEFT if native in left else RIGHT if native in right else None


def mouse_button_name(button: Qt.MouseButton) -> str | None:
    """A side button as its chord name (``Mouse8`` …); None for the main buttons and the rest."""
    return _MOUSE_BUTTONS.get(button)


def _kind(name: str) -> str:
    return name.removeprefix(LEFT).removeprefix(RIGHT)


def _modifier_kinds(modifiers: Qt.KeyboardModifier, *, mac: bool) -> set[str]:
    flags = {
        "Ctrl": _M.ControlModifier,
        "Alt": _M.AltModifier,
        "Shift": _M.ShiftModifier,
        "Meta": _M.MetaModifier,
    }
    if mac:  # Qt on macOS reports Command as Control and Control as Meta
        flags["Ctrl"], flags["Meta"] = flags["Meta"], flags["Ctrl"]
    return {kind for kind, flag in flags.items() if modifiers & flag}


def _modifier_chord(names: Iterable[str]) -> Chord:
    """Modifiers only, sided where known; a kind seen once without its side is unsided."""
    names = set(names)
    unsided = {name for name in names if name in MODIFIER_KINDS}
    kept = {name for name in names if name in unsided or _kind(name) not in unsided}
    return Chord(frozenset(kept))


class _Field(QPushButton):
    """The button-like face of the recorder; the recorder filters its events."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setAutoDefault(False)  # Enter on it records; it must not become the dialog's default
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)


class HotkeyRecorder(QWidget):
    """A chord field with its warnings underneath; see the module doc.

    ``chord()`` is the canonical portable string (``""`` when empty, only if ``allow_empty``).
    ``chord_changed`` is emitted whenever that string changes, by recording or ``set_chord``.
    ``recording_changed(True)`` / ``(False)`` bracket a recording: while it runs the global
    hotkey back end still sees the keys, so the owner may pause push-to-talk meanwhile.
    """

    chord_changed = Signal(str)
    recording_changed = Signal(bool)

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        allow_empty: bool = False,
        cancel_key: str | None = CANCEL_KEY,
        platform_name: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.allow_empty = allow_empty
        self.cancel_key = cancel_key
        self.platform_name = (
            platform_name if platform_name is not None else QGuiApplication.platformName()
        )
        self._mac = self.platform_name == "cocoa"
        self._chord = ""
        self._taken: dict[str, str] = {}
        self._note = ""
        self._recording = False
        self._down: set[str] = set()  # modifiers down since recording started (sided if known)
        self._pressed: set[str] = set()  # every modifier pressed during this recording
        self._spoiled = False  # a key we cannot record went down with the modifiers

        self.field = _Field(self)
        self.field.setObjectName("hotkey_field")
        self.field.setToolTip(self.tr("Click, then press the keys you want to hold to talk."))
        self.warnings_label = QLabel(self)
        self.warnings_label.setObjectName("hotkey_warnings")
        self.warnings_label.setWordWrap(True)
        self.warnings_label.setTextFormat(Qt.TextFormat.PlainText)
        self.warnings_label.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.field)
        layout.addWidget(self.warnings_label)
        self.setFocusProxy(self.field)
        self.field.clicked.connect(self.on_field_clicked)
        self.field.installEventFilter(self)
        self._show()

    def __repr__(self) -> str:
        state = "recording" if self._recording else "idle"
        return f"<HotkeyRecorder {state} chord={self._chord!r} down={sorted(self._down)}>"

    # --- public API -------------------------------------------------------------------------

    def chord(self) -> str:
        return self._chord

    def set_chord(self, text: str) -> None:
        """Show ``text`` (any spelling :func:`parse_chord` takes); raises InvalidChord."""
        self.cancel_recording()
        if not text.strip():
            if not self.allow_empty:
                raise InvalidChord(self.tr("The talk hotkey cannot be empty."))
            self._commit("")
            return
        self._commit(str(parse_chord(text)))

    def is_recording(self) -> bool:
        return self._recording

    def warnings(self) -> list[str]:
        """What is wrong with, or worth knowing about, the current chord (one sentence each)."""
        if not self._chord:
            return []
        chord = parse_chord(self._chord)
        found = clashes(chord, cancel_key=self.cancel_key)
        for what, other in self._taken.items():
            if other == self._chord:
                found.append(
                    self.tr("%1 is also the %2: the two must differ.")
                    .replace("%1", self._chord)
                    .replace("%2", what)
                )
        if chord.is_mouse:
            found.append(_MOUSE_NOTE)
        return [translated(line) for line in found]

    def set_taken(self, taken: Mapping[str, str]) -> None:
        """Other hotkeys (what → chord) that this one must differ from, to warn when it does not."""
        self._taken = {what: chord for what, chord in taken.items()}
        self._show()

    def note(self, text: str) -> None:
        """Show a sentence under the field until the chord changes or recording starts."""
        self._note = text
        self._show()

    @Slot()
    def start_recording(self) -> None:
        if self._recording:
            return
        self._recording = True
        self._down.clear()
        self._pressed.clear()
        self._spoiled = False
        self._note = ""
        self.field.setDown(False)
        self.field.setFocus(Qt.FocusReason.OtherFocusReason)
        if self.field.isVisible():
            self.field.grabKeyboard()
            self.field.grabMouse()
        self._show()
        self.recording_changed.emit(True)

    @Slot()
    def cancel_recording(self) -> None:
        """Stop recording and keep the chord as it was."""
        self._stop_recording()
        self._show()

    # --- events -----------------------------------------------------------------------------

    @Slot()
    def on_field_clicked(self) -> None:
        self.start_recording()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # Qt override: camelCase
        if watched is not self.field:
            return False
        kind = event.type()
        if not self._recording:
            if kind == QEvent.Type.KeyPress:
                assert isinstance(event, QKeyEvent)
                if event.key() in _START_KEYS and not event.isAutoRepeat():
                    self.start_recording()
                    return True
            return False
        if kind == QEvent.Type.ShortcutOverride:
            event.accept()  # every key is ours while recording: no menus, mnemonics, OK button
            return True
        if kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            assert isinstance(event, QKeyEvent)
            if not event.isAutoRepeat():
                if kind == QEvent.Type.KeyPress:
                    self._on_key_press(event)
                else:
                    self._on_key_release(event)
            return True
        if kind in (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick):
            assert isinstance(event, QMouseEvent)
            self._on_mouse_press(event)
            return True
        if kind in (QEvent.Type.MouseButtonRelease, QEvent.Type.Wheel):
            return True
        if kind in (QEvent.Type.Hide, QEvent.Type.WindowDeactivate):
            self.cancel_recording()  # the keys now go elsewhere: their releases would be lost
        return False

    def _on_key_press(self, event: QKeyEvent) -> None:
        name = self._key_name(event)
        if name is None:
            self._spoiled = bool(self._down)  # so releasing the modifiers records nothing
            self._note = translated(_NOT_A_KEY)
            self._show()
            return
        if is_modifier(name):
            self._down.add(name)
            self._pressed.add(name)
            self._note = ""
            self._show()
            return
        kinds = _modifier_kinds(event.modifiers(), mac=self._mac) | {_kind(n) for n in self._down}
        if not kinds and name == "Escape":
            self.cancel_recording()
            return
        if not kinds and name in _CLEAR_KEYS and self.allow_empty:
            self._finish("")
            return
        self._finish(str(Chord(frozenset(kinds), name)))

    def _on_key_release(self, event: QKeyEvent) -> None:
        name = self._key_name(event)
        if name is not None and name not in self._down:
            # The press may have come with native codes and the release without (or the other
            # way round): a modifier of the same kind that is down is the one going up.
            name = next((n for n in self._down if _kind(n) == _kind(name)), None)
        if name is None:
            return  # a key that went down before recording (the Space that started it)
        if not self._spoiled:
            self._finish(str(_modifier_chord(self._pressed)))
            return
        self._down.discard(name)
        if not self._down:  # all up after an unrecordable combination: start afresh
            self._pressed.clear()
            self._spoiled = False
        self._show()

    def _on_mouse_press(self, event: QMouseEvent) -> None:
        name = mouse_button_name(event.button())
        if name is None:
            self.cancel_recording()  # a click anywhere else: never mind
            return
        kinds = _modifier_kinds(event.modifiers(), mac=self._mac) | {_kind(n) for n in self._down}
        self._finish(str(Chord(frozenset(kinds), name)))

    def _key_name(self, event: QKeyEvent) -> str | None:
        name = qt_key_name(event, self.platform_name, mac=self._mac)
        if name is None or not is_modifier(name):
            return name
        side = modifier_side(event, self.platform_name)
        return f"{side}{_kind(name)}" if side is not None else _kind(name)

    # --- internals --------------------------------------------------------------------------

    def _finish(self, chord: str) -> None:
        self._stop_recording()
        self._commit(chord, force_show=True)

    def _stop_recording(self) -> None:
        if not self._recording:
            return
        self._recording = False
        self._down.clear()
        self._pressed.clear()
        if QWidget.keyboardGrabber() is self.field:
            self.field.releaseKeyboard()
        if QWidget.mouseGrabber() is self.field:
            self.field.releaseMouse()
        self.recording_changed.emit(False)

    def _commit(self, chord: str, *, force_show: bool = False) -> None:
        changed = chord != self._chord
        self._chord = chord
        if changed or force_show:
            self._note = ""
        self._show()
        if changed:
            self.chord_changed.emit(chord)

    def _show(self) -> None:
        if self._recording:
            held = f"{_modifier_chord(self._down)}+…" if self._down else translated(_PROMPT)
            self.field.setText(held)
        else:
            self.field.setText(self._chord or self.tr("None"))
        lines = [self._note] if self._note else []
        if not self._recording:
            lines += self.warnings()
        self.warnings_label.setText("\n".join(lines))
        self.warnings_label.setVisible(bool(lines))
