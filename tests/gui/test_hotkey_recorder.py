"""The hotkey recorder offscreen: key and mouse events as Qt delivers them, native codes included.

Events go to the recorder's field the way QApplication delivers them (QTest for plain keys, a
``QKeyEvent`` with X11 native codes where the side of a modifier matters). The recorder is told
it runs on ``xcb`` so that it reads those codes; offscreen, Qt would give none.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from dragoman.core.chord import InvalidChord
from dragoman.core.settings import Settings
from dragoman.ui.hotkey_recorder import HotkeyRecorder, modifier_side
from dragoman.ui.settings_dialog import SettingsDialog
from tests.gui.test_settings_dialog import services

K = Qt.Key
M = Qt.KeyboardModifier
PRESS = QEvent.Type.KeyPress
RELEASE = QEvent.Type.KeyRelease
# (Qt key, modifier flag, X11 key code, keysym) of the physical modifier keys.
LEFT_CTRL = (K.Key_Control, M.ControlModifier, 37, 0xFFE3)
RIGHT_CTRL = (K.Key_Control, M.ControlModifier, 105, 0xFFE4)
LEFT_SHIFT = (K.Key_Shift, M.ShiftModifier, 50, 0xFFE1)
RIGHT_ALT = (K.Key_Alt, M.AltModifier, 108, 0xFFEA)

Make = Callable[..., HotkeyRecorder]

# The offscreen platform cannot grab the system's keyboard or mouse and says so; Qt's own grab
# (the widget that gets every key and click of the application) works all the same.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support grabbing")


@pytest.fixture
def make(qtbot: QtBot) -> Iterator[Make]:
    made: list[HotkeyRecorder] = []

    def factory(**options: object) -> HotkeyRecorder:
        # allow_empty / cancel_key, as each test passes them
        recorder = HotkeyRecorder(platform_name="xcb", **options)  # type: ignore[arg-type]
        qtbot.addWidget(recorder)
        recorder.show()
        qtbot.waitExposed(recorder)
        made.append(recorder)
        return recorder

    yield factory
    for recorder in made:  # a test that fails mid-recording must not leave a grab behind
        recorder.cancel_recording()
    assert QWidget.keyboardGrabber() is None and QWidget.mouseGrabber() is None


def native(
    recorder: HotkeyRecorder,
    kind: QEvent.Type,
    key: tuple[Qt.Key, Qt.KeyboardModifier, int, int],
    held: Qt.KeyboardModifier = M.NoModifier,
) -> None:
    """A modifier key event as xcb makes it: Qt key, modifiers, X11 key code and keysym."""
    qt_key, flag, code, keysym = key
    modifiers = held | flag if kind == PRESS else held
    event = QKeyEvent(kind, qt_key, modifiers, code, keysym, 0, "")
    QApplication.sendEvent(recorder.field, event)


def click(recorder: HotkeyRecorder, button: Qt.MouseButton = Qt.MouseButton.LeftButton) -> None:
    center = QPointF(recorder.field.rect().center())
    global_pos = QPointF(recorder.field.mapToGlobal(center.toPoint()))
    for kind in (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease):
        buttons = button if kind == QEvent.Type.MouseButtonPress else Qt.MouseButton.NoButton
        event = QMouseEvent(kind, center, global_pos, button, buttons, M.NoModifier)
        QApplication.sendEvent(recorder.field, event)


def start(qtbot: QtBot, recorder: HotkeyRecorder) -> None:
    with qtbot.waitSignal(recorder.recording_changed) as changed:
        qtbot.mouseClick(recorder.field, Qt.MouseButton.LeftButton)
    assert changed.args == [True] and recorder.is_recording()
    assert QWidget.keyboardGrabber() is recorder.field
    assert QWidget.mouseGrabber() is recorder.field
    assert "Press the hotkey" in recorder.field.text()


def stopped(recorder: HotkeyRecorder) -> bool:
    return (
        not recorder.is_recording()
        and QWidget.keyboardGrabber() is None
        and QWidget.mouseGrabber() is None
    )


def test_a_function_key(qtbot: QtBot, make: Make) -> None:
    recorder = make()
    recorder.set_chord("Ctrl+Alt")
    start(qtbot, recorder)
    with qtbot.waitSignal(recorder.chord_changed) as changed:
        qtbot.keyPress(recorder.field, K.Key_F9)
    assert changed.args == ["F9"] and recorder.chord() == "F9"
    assert stopped(recorder) and recorder.field.text() == "F9"
    assert recorder.warnings() == [] and recorder.warnings_label.isHidden()
    qtbot.keyRelease(recorder.field, K.Key_F9)  # after recording: changes nothing
    assert recorder.chord() == "F9" and not recorder.is_recording()


def test_ctrl_shift_space_is_stored_without_sides(qtbot: QtBot, make: Make) -> None:
    recorder = make()
    start(qtbot, recorder)
    native(recorder, PRESS, LEFT_CTRL)
    assert recorder.field.text() == "LeftCtrl+…"  # what is held so far, as it is held
    native(recorder, PRESS, LEFT_SHIFT, M.ControlModifier)
    assert recorder.is_recording()
    with qtbot.waitSignal(recorder.chord_changed) as changed:
        qtbot.keyPress(recorder.field, K.Key_Space, M.ControlModifier | M.ShiftModifier)
    assert changed.args == ["Ctrl+Shift+Space"]
    assert stopped(recorder)


def test_right_ctrl_alone_keeps_its_side(qtbot: QtBot, make: Make) -> None:
    recorder = make()
    start(qtbot, recorder)
    native(recorder, PRESS, RIGHT_CTRL)
    assert recorder.is_recording()  # a modifier alone is recorded when it goes up
    with qtbot.waitSignal(recorder.chord_changed) as changed:
        native(recorder, RELEASE, RIGHT_CTRL)
    assert changed.args == ["RightCtrl"] and stopped(recorder)
    assert recorder.warnings_label.isHidden()


def test_right_alt_warns_about_altgr(qtbot: QtBot, make: Make) -> None:
    recorder = make()
    start(qtbot, recorder)
    native(recorder, PRESS, RIGHT_ALT)
    native(recorder, RELEASE, RIGHT_ALT)
    assert recorder.chord() == "RightAlt"
    assert "AltGr" in recorder.warnings_label.text() and recorder.warnings_label.isVisible()


def test_modifiers_only_chord_records_every_modifier_pressed(qtbot: QtBot, make: Make) -> None:
    recorder = make()
    start(qtbot, recorder)
    native(recorder, PRESS, RIGHT_CTRL)
    native(recorder, PRESS, LEFT_SHIFT, M.ControlModifier)
    native(recorder, RELEASE, RIGHT_CTRL, M.ShiftModifier)
    assert recorder.chord() == "RightCtrl+LeftShift" and stopped(recorder)


def test_an_unknown_side_is_recorded_unsided(qtbot: QtBot, make: Make) -> None:
    recorder = make()
    start(qtbot, recorder)
    qtbot.keyPress(recorder.field, K.Key_Control, M.ControlModifier)  # no native codes
    qtbot.keyRelease(recorder.field, K.Key_Control)
    assert recorder.chord() == "Ctrl"
    assert "RightCtrl is pressed less often" in recorder.warnings_label.text()


def test_escape_cancels_and_keeps_the_old_chord(qtbot: QtBot, make: Make) -> None:
    recorder = make()
    recorder.set_chord("f9")
    assert recorder.chord() == "F9"
    start(qtbot, recorder)
    with qtbot.waitSignal(recorder.recording_changed) as changed:
        qtbot.keyPress(recorder.field, K.Key_Escape)
    assert changed.args == [False] and stopped(recorder)
    assert recorder.chord() == "F9" and recorder.field.text() == "F9"


def test_ctrl_escape_is_a_chord_not_a_cancel(qtbot: QtBot, make: Make) -> None:
    recorder = make()
    start(qtbot, recorder)
    native(recorder, PRESS, LEFT_CTRL)
    qtbot.keyPress(recorder.field, K.Key_Escape, M.ControlModifier)
    assert recorder.chord() == "Ctrl+Escape"
    assert "Start menu" in recorder.warnings_label.text()


@pytest.mark.parametrize(
    ("button", "expected"),
    [
        (Qt.MouseButton.BackButton, "Mouse8"),
        (Qt.MouseButton.ForwardButton, "Mouse9"),
        (Qt.MouseButton.ExtraButton3, "Mouse10"),
    ],
)
def test_mouse_side_buttons(
    qtbot: QtBot, make: Make, button: Qt.MouseButton, expected: str
) -> None:
    recorder = make()
    start(qtbot, recorder)
    with qtbot.waitSignal(recorder.chord_changed) as changed:
        click(recorder, button)
    assert changed.args == [expected] and stopped(recorder)
    assert "not with the Wayland desktop portal" in recorder.warnings_label.text()


def test_a_main_button_click_cancels(qtbot: QtBot, make: Make) -> None:
    recorder = make()
    recorder.set_chord("F9")
    start(qtbot, recorder)
    click(recorder, Qt.MouseButton.RightButton)
    assert stopped(recorder) and recorder.chord() == "F9"


@pytest.mark.parametrize(
    ("keys", "warning"),
    [
        ((K.Key_F4, M.AltModifier), "Alt+F4 is a common shortcut: it closes the window."),
        ((K.Key_C, M.ControlModifier), "Ctrl+C is a common shortcut: it copies."),
    ],
)
def test_clashes_are_warned_not_refused(
    qtbot: QtBot,
    make: Make,
    keys: tuple[Qt.Key, Qt.KeyboardModifier],
    warning: str,
) -> None:
    recorder = make()
    start(qtbot, recorder)
    qtbot.keyPress(recorder.field, *keys)
    assert recorder.chord() == warning.split(" ")[0]  # stored all the same
    assert recorder.warnings_label.isVisible()
    assert warning in recorder.warnings_label.text().splitlines()


def test_enter_or_space_starts_recording_and_shortcuts_are_taken(qtbot: QtBot, make: Make) -> None:
    recorder = make()
    recorder.field.setFocus()
    with qtbot.waitSignal(recorder.recording_changed):
        qtbot.keyPress(recorder.field, K.Key_Space)
    qtbot.keyRelease(recorder.field, K.Key_Space)  # the release of the key that started it
    assert recorder.is_recording()
    override = QKeyEvent(QEvent.Type.ShortcutOverride, K.Key_F, M.AltModifier, "f")
    override.ignore()
    QApplication.sendEvent(recorder.field, override)
    assert override.isAccepted()  # Alt+F opens no menu while recording
    qtbot.keyPress(recorder.field, K.Key_Tab)  # Tab is a key here, not the next field
    assert recorder.chord() == "Tab" and stopped(recorder)
    assert "pressed while typing" in recorder.warnings_label.text()
    with qtbot.waitSignal(recorder.recording_changed):
        qtbot.keyPress(recorder.field, K.Key_Return)
    qtbot.keyPress(recorder.field, K.Key_Escape)
    assert recorder.chord() == "Tab"


def test_backspace_clears_only_an_optional_hotkey(qtbot: QtBot, make: Make) -> None:
    optional = make(allow_empty=True)
    optional.set_chord("F10")
    start(qtbot, optional)
    with qtbot.waitSignal(optional.chord_changed) as changed:
        qtbot.keyPress(optional.field, K.Key_Backspace)
    assert changed.args == [""] and optional.field.text() == "None" and stopped(optional)
    required = make()
    with pytest.raises(InvalidChord):
        required.set_chord("")
    start(qtbot, required)
    qtbot.keyPress(required.field, K.Key_Delete)
    assert required.chord() == "Delete"  # a key like any other, with its warning


def test_a_key_that_cannot_be_bound_is_explained(qtbot: QtBot, make: Make) -> None:
    recorder = make()
    recorder.set_chord("F9")
    start(qtbot, recorder)
    native(recorder, PRESS, LEFT_CTRL)
    # Sent as is: QTest would add a Ctrl press of its own, without native codes.
    QApplication.sendEvent(recorder.field, QKeyEvent(PRESS, K.Key_Eacute, M.ControlModifier, "é"))
    assert "cannot be part of a hotkey" in recorder.warnings_label.text()
    native(recorder, RELEASE, LEFT_CTRL)  # not "LeftCtrl": another key was pressed with it
    assert recorder.is_recording() and recorder.chord() == "F9"
    qtbot.keyPress(recorder.field, K.Key_F8)
    assert recorder.chord() == "F8" and recorder.warnings_label.isHidden()


def test_hiding_the_field_ends_recording(qtbot: QtBot, make: Make) -> None:
    recorder = make()
    start(qtbot, recorder)
    with qtbot.waitSignal(recorder.recording_changed) as changed:
        recorder.hide()
    assert changed.args == [False] and stopped(recorder)


def test_the_settings_dialog_records_both_hotkeys(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = SettingsDialog(Settings(hotkey="ctrl+space", reverse_hotkey="F10"), services(tmp_path))
    qtbot.addWidget(dialog)
    dialog.show_page("talk")
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.hotkey.chord() == "Ctrl+Space"  # the canonical form of the stored string
    assert "switches the input method" in dialog.hotkey.warnings_label.text()
    recording: list[bool] = []
    dialog.hotkey_recording_changed.connect(recording.append)
    qtbot.mouseClick(dialog.hotkey.field, Qt.MouseButton.LeftButton)
    qtbot.keyPress(dialog.hotkey.field, K.Key_F10)
    assert recording == [True, False] and dialog.isVisible()
    assert "also the reverse-direction hotkey" in dialog.hotkey.warnings_label.text()
    assert "also the talk hotkey" in dialog.reverse_hotkey.warnings_label.text()
    qtbot.mouseClick(dialog.reverse_hotkey.field, Qt.MouseButton.LeftButton)
    qtbot.keyPress(dialog.reverse_hotkey.field, K.Key_Backspace)
    assert dialog.reverse_hotkey.warnings_label.isHidden()
    assert dialog.edited().hotkey == "F10" and dialog.edited().reverse_hotkey == ""


def test_a_broken_saved_hotkey_is_explained(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = SettingsDialog(Settings(hotkey="Ctrl+Hyper"), services(tmp_path))
    qtbot.addWidget(dialog)
    assert "The saved hotkey 'Ctrl+Hyper' cannot be used" in dialog.hotkey.warnings_label.text()
    assert dialog.edited().hotkey == "Ctrl+Hyper"  # kept until the user records a new one


@pytest.mark.parametrize(
    ("platform", "key", "scan_code", "virtual_key", "side"),
    [
        ("xcb", K.Key_Control, 105, 0, "Right"),  # the key code alone (no keysym)
        ("xcb", K.Key_Control, 37, 0, "Left"),
        ("xcb", K.Key_Alt, 108, 0, "Right"),
        ("xcb", K.Key_Shift, 62, 0, "Right"),
        ("xcb", K.Key_Meta, 134, 0, "Right"),
        ("xcb", K.Key_Meta, 133, 0, "Left"),
        ("xcb", K.Key_Control, 66, 0xFFE3, "Left"),  # Caps Lock made a Control_L: the keysym wins
        ("wayland", K.Key_Shift, 50, 0xFFE1, "Left"),
        ("xcb", K.Key_Control, 0, 0, None),  # no native codes: unsided
        ("xcb", K.Key_AltGr, 0, 0, "Right"),  # the key says which
        ("windows", K.Key_Control, 0x11D, 0x11, "Right"),
        ("windows", K.Key_Control, 0x1D, 0x11, "Left"),
        ("cocoa", K.Key_Control, 0, 0x36, "Right"),  # Right Command
        ("offscreen", K.Key_Control, 105, 0xFFE4, None),  # codes of an unknown platform: unused
    ],
)
def test_modifier_sides_from_native_codes(
    platform: str, key: Qt.Key, scan_code: int, virtual_key: int, side: str | None
) -> None:
    event = QKeyEvent(PRESS, key, M.NoModifier, scan_code, virtual_key, 0, "")
    assert modifier_side(event, platform) == side
