"""The main window driven by the keyboard only (QTest key clicks): every control is reached by
Tab in the order of the screen, focus is never trapped (the transcript lets Tab leave), every
action fires from its shortcut and every caption's mnemonic reaches its control."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QGuiApplication, QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from dragoman.core.banners import Action, Banner, Level
from dragoman.ui.main_window import MainWindow, settings_shortcuts
from tests.gui.windows import add_rows, focused, main_window

KEY = Qt.Key
MOD = Qt.KeyboardModifier


@pytest.fixture
def window(qtbot: QtBot) -> MainWindow:
    window = main_window(qtbot)
    add_rows(window, 12)
    window.controller.session_id_changed.emit("ss_abc123")
    window.banners.show_banner(Banner("e", Level.ERROR, "Broken.", Action.RETRY, "Try again"))
    window.banners.show_banner(Banner("i", Level.INFO, "By the way."))
    return window


def press(qapp: QApplication, key: Qt.Key, modifier: Qt.KeyboardModifier = MOD.NoModifier) -> None:
    target = qapp.focusWidget()
    assert target is not None, "nothing has the focus"
    QTest.keyClick(target, key, modifier)


def walk(qapp: QApplication, key: Qt.Key, modifier: Qt.KeyboardModifier, limit: int = 60) -> list:
    """Press ``key`` until the focus comes back where it started: the widgets on the way."""
    start = focused(qapp)
    seen: list[QWidget | None] = []
    for _ in range(limit):
        press(qapp, key, modifier)
        now = focused(qapp)
        if now is start:
            return seen
        assert now not in seen, f"focus trapped: {now} again after {len(seen)} presses"
        seen.append(now)
    raise AssertionError(f"focus never came back in {limit} presses: {seen}")


def expected_chain(window: MainWindow) -> list[QWidget]:
    banners = window.banners.widgets()
    error, info = banners
    assert error.button is not None
    return [
        window.source,
        window.swap,
        window.target,
        window.recent,
        window.engine,
        window.mode,
        window.voice,
        window.finalize,
        window.context,
        window.two_way,
        error.button,
        error.close_button,
        info.close_button,
        window.transcript.table,
        window.ptt,
        window.session_button,
    ]


def test_tab_reaches_every_control_in_screen_order_and_comes_back(
    window: MainWindow, qapp: QApplication
) -> None:
    window.source.setFocus(Qt.FocusReason.TabFocusReason)
    chain = [window.source, *walk(qapp, KEY.Key_Tab, MOD.NoModifier)]
    assert chain == expected_chain(window)
    backwards = [window.source, *reversed(walk(qapp, KEY.Key_Backtab, MOD.ShiftModifier))]
    assert backwards == chain


def test_tab_leaves_the_transcript_and_arrows_move_between_rows(
    window: MainWindow, qapp: QApplication
) -> None:
    table = window.transcript.table
    assert not table.tabKeyNavigation()
    window.two_way.setFocus(Qt.FocusReason.TabFocusReason)
    while focused(qapp) is not table:
        press(qapp, KEY.Key_Tab)
    press(qapp, KEY.Key_Down)
    press(qapp, KEY.Key_Down)
    row = table.currentIndex().row()
    press(qapp, KEY.Key_Up)
    assert table.currentIndex().row() == row - 1
    press(qapp, KEY.Key_Tab)
    assert focused(qapp) is window.ptt
    press(qapp, KEY.Key_Backtab, MOD.ShiftModifier)
    assert focused(qapp) is table
    press(qapp, KEY.Key_Backtab, MOD.ShiftModifier)
    assert focused(qapp) is window.banners.widgets()[-1].close_button


def test_space_on_the_talk_button_holds_it(window: MainWindow, qapp: QApplication) -> None:
    presses: list[str] = []
    window.route_talk_button(lambda: presses.append("down"), lambda: presses.append("up"))
    window.ptt.setFocus(Qt.FocusReason.TabFocusReason)
    QTest.keyPress(window.ptt, KEY.Key_Space)
    assert presses == ["down"]
    QTest.keyRelease(window.ptt, KEY.Key_Space)
    assert presses == ["down", "up"]


def test_banner_buttons_work_from_the_keyboard(
    window: MainWindow, qapp: QApplication, qtbot: QtBot
) -> None:
    error = window.banners.widgets()[0]
    error.close_button.setFocus(Qt.FocusReason.TabFocusReason)
    press(qapp, KEY.Key_Space)
    qtbot.waitUntil(lambda: [b.key for b in window.banners.banners()] == ["i"])
    # The Tab order is threaded again without the banner that went.
    window.two_way.setFocus(Qt.FocusReason.TabFocusReason)
    press(qapp, KEY.Key_Tab)
    assert focused(qapp) is window.banners.widgets()[0].close_button


def test_settings_opens_with_ctrl_comma_and_the_platform_key(
    window: MainWindow, qapp: QApplication, qtbot: QtBot
) -> None:
    assert QKeySequence("Ctrl+,") in settings_shortcuts()
    assert set(window.settings_action.shortcuts()) == set(settings_shortcuts())
    window.context.setFocus()
    with qtbot.waitSignal(window.settings_requested) as opened:
        press(qapp, KEY.Key_Comma, MOD.ControlModifier)
    assert opened.args == ["keys"]


def test_quit_has_the_platform_shortcut(
    window: MainWindow, qapp: QApplication, qtbot: QtBot
) -> None:
    (quit_key,) = window.quit_action.shortcuts()[:1]
    if sys.platform.startswith("linux"):
        assert quit_key == QKeySequence("Ctrl+Q")
    window.transcript.table.setFocus()
    with qtbot.waitSignal(window.quit_requested):
        QTest.keySequence(window.transcript.table, quit_key)


def test_ctrl_c_copies_the_selected_rows_and_ctrl_shift_c_everything(
    window: MainWindow, qapp: QApplication
) -> None:
    table = window.transcript.table
    table.setFocus(Qt.FocusReason.TabFocusReason)
    press(qapp, KEY.Key_Home, MOD.ControlModifier)
    press(qapp, KEY.Key_Down, MOD.ShiftModifier)
    press(qapp, KEY.Key_C, MOD.ControlModifier)
    assert QGuiApplication.clipboard().text() == "line 0\n→ línea 0\n\nline 1\n→ línea 1"
    press(qapp, KEY.Key_C, MOD.ControlModifier | MOD.ShiftModifier)
    assert QGuiApplication.clipboard().text() == window.transcript_model.as_text()
    # Elsewhere Ctrl+C is the field's own copy.
    window.context.setText("Zoë")
    window.context.setFocus()
    window.context.selectAll()
    press(qapp, KEY.Key_C, MOD.ControlModifier)
    assert QGuiApplication.clipboard().text() == "Zoë"


def test_ctrl_f_finds_rows_and_escape_returns_to_the_transcript(
    window: MainWindow, qapp: QApplication
) -> None:
    transcript = window.transcript
    window.ptt.setFocus()
    press(qapp, KEY.Key_F, MOD.ControlModifier)
    assert transcript.find_bar.isVisible() and focused(qapp) is transcript.find_field
    QTest.keyClicks(transcript.find_field, "LÍNEA 1")
    assert transcript.table.currentIndex().row() == 1
    press(qapp, KEY.Key_Return)
    assert transcript.table.currentIndex().row() == 10  # "línea 10"
    press(qapp, KEY.Key_Return, MOD.ShiftModifier)
    assert transcript.table.currentIndex().row() == 1
    QTest.keyClicks(transcript.find_field, "zzz")
    assert transcript.find_status.text() == "No match"
    press(qapp, KEY.Key_Escape)
    assert not transcript.find_bar.isVisible() and focused(qapp) is transcript.table


@pytest.mark.parametrize(
    ("letter", "control"),
    [
        (KEY.Key_F, "source"),
        (KEY.Key_T, "target"),
        (KEY.Key_I, "engine"),
        (KEY.Key_O, "mode"),
        (KEY.Key_V, "voice"),
        (KEY.Key_R, "finalize"),
        (KEY.Key_X, "context"),
    ],
)
def test_captions_have_mnemonics(
    letter: Qt.Key, control: str, window: MainWindow, qapp: QApplication
) -> None:
    window.transcript.table.setFocus()
    press(qapp, letter, MOD.AltModifier)
    assert focused(qapp) is getattr(window, control)


def test_two_way_and_recent_have_mnemonics(
    window: MainWindow, qapp: QApplication, qtbot: QtBot
) -> None:
    window.transcript.table.setFocus()
    press(qapp, KEY.Key_W, MOD.AltModifier)
    qtbot.waitUntil(lambda: window.two_way.isChecked())
    assert "&" in window.recent.text()


def test_no_mnemonic_is_used_twice(window: MainWindow) -> None:
    """Menus and captions share the Alt+letter space."""
    texts = [a.text() for a in window.menuBar().actions() if a.text()]
    texts += [label.text() for label in window.option_labels.values()]
    texts += [window.source_label.text(), window.target_label.text()]
    texts += [window.two_way.text(), window.recent.text(), window.more.text()]
    letters = [t[t.index("&") + 1].lower() for t in texts if "&" in t]
    assert len(letters) == len(texts), [t for t in texts if "&" not in t]
    assert len(set(letters)) == len(letters), sorted(letters)


def test_the_compact_layout_keeps_everything_in_reach(qapp: QApplication, qtbot: QtBot) -> None:
    window = main_window(qtbot, QSize(480, 360))
    add_rows(window, 12)
    qtbot.waitUntil(lambda: window.compact)
    window.source.setFocus(Qt.FocusReason.TabFocusReason)
    chain = [window.source, *walk(qapp, KEY.Key_Tab, MOD.NoModifier)]
    assert chain == [
        window.source,
        window.swap,
        window.target,
        window.recent,
        window.engine,
        window.mode,
        window.voice,
        window.finalize,
        window.more,
        window.transcript.table,
        window.ptt,
    ]
    press(qapp, KEY.Key_M, MOD.AltModifier)  # "More": the context field and two-way
    qtbot.waitUntil(window.context.isVisible)
    window.more.setFocus(Qt.FocusReason.TabFocusReason)
    press(qapp, KEY.Key_Tab)
    assert focused(qapp) is window.context
    press(qapp, KEY.Key_Tab)
    assert focused(qapp) is window.two_way
