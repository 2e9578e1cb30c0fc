"""The compact window and the caption overlay (issue 11): on top, never taking the focus, showing
the last exchange and the live captions; the overlay click-through, styled and placed from the
settings and kept on screen; toggled from the tray, shown as the settings say."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from dragoman.controller import SessionController
from dragoman.core.engine import Engine
from dragoman.core.errors import AuthError
from dragoman.core.events import Transcript
from dragoman.core.settings import Settings, from_strings, parse_position, to_strings
from dragoman.resources import load_languages
from dragoman.ui.compact import CompactWindow
from dragoman.ui.floating import FloatingWindows
from dragoman.ui.overlay import CaptionOverlay, clamp_strip
from dragoman.ui.tray import Tray
from tests.fakes import FakeCapture, FakePlayer

# Qt raises a stay-on-top window when it is shown; the offscreen platform says it cannot.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support raise")


def no_key(_settings: Settings) -> Engine:
    raise AuthError("No Pinch API key: set one in Settings.")


def make_controller(**settings: object) -> SessionController:
    base = Settings(source_language="en", target_language="es", recent_pairs=(("en", "de"),))
    return SessionController(
        settings=replace(base, **settings),  # type: ignore[arg-type]  # test keywords
        engine_factory=no_key,
        capture=FakeCapture(),
        player=FakePlayer(),
    )


def say(c: SessionController, role: str, text: str, final: bool, cid: str = "c1") -> None:
    event = Transcript(role, text, final, cid)  # type: ignore[arg-type]  # role is a Literal
    c.segment_changed.emit(c.builder.add(event))


def available() -> QRect:
    return QGuiApplication.primaryScreen().availableGeometry()


# -- the compact window ---------------------------------------------------------------------------


def compact(qtbot: QtBot, controller: SessionController | None = None) -> CompactWindow:
    window = CompactWindow(controller or make_controller(), load_languages())
    qtbot.addWidget(window)
    return window


def test_compact_window_is_on_top_and_never_takes_the_focus(qtbot: QtBot) -> None:
    window = compact(qtbot)
    flags = window.windowFlags()
    assert flags & Qt.WindowType.WindowStaysOnTopHint
    assert flags & Qt.WindowType.Tool == Qt.WindowType.Tool
    assert flags & Qt.WindowType.WindowDoesNotAcceptFocus
    assert window.testAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
    for widget in (window.ptt, window.pair, window.swap, window.expand):
        assert widget.focusPolicy() is Qt.FocusPolicy.NoFocus
    window.show()
    qtbot.waitExposed(window)
    assert QApplication.activeWindow() is not window
    assert window.frameGeometry().intersects(available())


def test_compact_window_shows_the_last_exchange(qtbot: QtBot) -> None:
    c = make_controller()
    window = compact(qtbot, c)
    say(c, "source", "Good morning", True, "c1")
    say(c, "translation", "Buenos días", True, "c1")
    assert window.last_exchange == ("Good morning", "Buenos días")
    say(c, "source", "How are", False, "c2")  # a newer segment, still provisional
    assert window.last_exchange == ("How are", "")
    assert window.original.interim == "How are" and not window.original.final
    say(c, "translation", "Buenos días, señora", True, "c1")  # a late final of the older one
    assert window.last_exchange == ("How are", "")
    c.transcript_reset.emit(c.builder.segments[:1])
    assert window.last_exchange == ("Good morning", "Buenos días Buenos días, señora")


def test_compact_window_shows_the_pair_and_swaps_it(qtbot: QtBot) -> None:
    c = make_controller()
    window = compact(qtbot, c)
    assert window.pair.text() == "English → Spanish"
    window.swap.click()
    assert (c.settings.source_language, c.settings.target_language) == ("es", "en")
    assert window.pair.text() == "Spanish → English"
    [recent] = [a for a in window.pair_menu.actions() if a.text() == "English → German"]
    recent.trigger()
    assert c.settings.target_language == "de"


def test_compact_talk_button_goes_through_the_routed_callables(qtbot: QtBot) -> None:
    c = make_controller()
    window = compact(qtbot, c)
    calls: list[str] = []
    window.route_talk_button(lambda: calls.append("press"), lambda: calls.append("release"))
    window.show()
    qtbot.waitExposed(window)
    qtbot.mousePress(window.ptt, Qt.MouseButton.LeftButton)
    qtbot.mouseRelease(window.ptt, Qt.MouseButton.LeftButton)
    assert calls == ["press", "release"]
    assert not c.talking  # not straight to the controller any more
    c.talking_changed.emit(True)
    assert window.ptt.talking
    c.level_changed.emit(-20.0, -8.0)
    assert window.meter.rms_db == -20.0


# -- the caption overlay -----------------------------------------------------------------------


def overlay(qtbot: QtBot, controller: SessionController | None = None) -> CaptionOverlay:
    strip = CaptionOverlay(controller or make_controller())
    qtbot.addWidget(strip)
    return strip


def test_overlay_is_click_through_on_top_and_never_takes_the_focus(qtbot: QtBot) -> None:
    strip = overlay(qtbot)
    flags = strip.windowFlags()
    for flag in (
        Qt.WindowType.WindowTransparentForInput,
        Qt.WindowType.FramelessWindowHint,
        Qt.WindowType.WindowStaysOnTopHint,
        Qt.WindowType.WindowDoesNotAcceptFocus,
    ):
        assert flags & flag, flag
    assert flags & Qt.WindowType.Tool == Qt.WindowType.Tool
    assert strip.testAttribute(Qt.WidgetAttribute.WA_TranslucentBackground)
    assert strip.testAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
    strip.show()
    qtbot.waitExposed(strip)
    assert QApplication.activeWindow() is not strip


def test_overlay_shows_interim_then_final_text(qtbot: QtBot) -> None:
    c = make_controller()
    strip = overlay(qtbot, c)
    say(c, "source", "Shall we", False)
    assert (strip.original.final, strip.original.interim) == ("", "Shall we")
    say(c, "translation", "¿Empezamos", False)
    assert strip.translation.interim == "¿Empezamos"
    say(c, "source", "Shall we start?", True)
    say(c, "translation", "¿Empezamos?", True)
    assert (strip.original.final, strip.original.interim) == ("Shall we start?", "")
    assert (strip.translation.final, strip.translation.interim) == ("¿Empezamos?", "")
    assert strip.translation.visible_lines() == ["¿Empezamos?"]


def test_overlay_shows_only_the_newest_lines(qtbot: QtBot) -> None:
    c = make_controller()
    strip = overlay(qtbot, c)
    strip.show()
    words = " ".join(f"word{i}" for i in range(200))
    say(c, "translation", words, True)
    lines = strip.translation.visible_lines()
    assert len(lines) == 2 and lines[-1].endswith("word199")


def test_overlay_font_and_opacity_come_from_the_settings(qtbot: QtBot) -> None:
    c = make_controller(overlay_font_pt=30, overlay_opacity=40)
    strip = overlay(qtbot, c)
    assert strip.translation.font().pointSizeF() == 30
    assert strip.original.font().pointSizeF() == 22.5
    assert strip.background_alpha == round(255 * 0.4)
    small = strip.height()
    c.apply_settings(replace(c.settings, overlay_font_pt=12, overlay_opacity=100))
    assert strip.translation.font().pointSizeF() == 12
    assert strip.background_alpha == 255
    assert strip.height() < small  # the strip fits its two rows at the new size


def test_overlay_paints_its_background_at_the_chosen_opacity(qtbot: QtBot) -> None:
    c = make_controller(overlay_opacity=50)
    strip = overlay(qtbot, c)
    strip.show()
    qtbot.waitExposed(strip)
    image = strip.grab().toImage()
    assert image.pixelColor(image.width() // 2, 3).alpha() == 0  # nothing to say yet
    say(c, "source", "Hello", True)
    image = strip.grab().toImage()
    pixel = image.pixelColor(image.width() // 2, 3)  # above the text
    assert abs(pixel.alpha() - 128) <= 2


def test_overlay_is_restored_from_and_clamped_to_the_screen(qtbot: QtBot) -> None:
    screen = available()
    strip = overlay(
        qtbot, make_controller(overlay_position=f"{screen.x() + 30},{screen.y() + 40},500")
    )
    strip.show()
    assert (strip.x(), strip.y(), strip.width()) == (screen.x() + 30, screen.y() + 40, 500)
    c = strip.controller
    c.apply_settings(replace(c.settings, overlay_position="99999,-5000,99999"))
    rect = strip.geometry()
    assert screen.contains(rect), (rect, screen)
    assert rect.width() == screen.width()
    c.apply_settings(replace(c.settings, overlay_position=""))  # the default: low, centred
    rect = strip.geometry()
    assert screen.contains(rect) and rect.center().y() > screen.center().y()
    assert abs(rect.center().x() - screen.center().x()) <= 1


def test_clamp_strip_keeps_a_usable_width() -> None:
    screen = QRect(0, 0, 1000, 700)
    assert clamp_strip(-50, 650, 30, 100, screen) == QRect(0, 600, 240, 100)
    assert clamp_strip(900, 10, 400, 100, screen) == QRect(600, 10, 400, 100)


def test_move_mode_takes_the_mouse_and_saves_the_place(qtbot: QtBot) -> None:
    screen = available()
    c = make_controller(overlay_position=f"{screen.x() + 10},{screen.y() + 10},400")
    strip = overlay(qtbot, c)
    strip.show()
    qtbot.waitExposed(strip)
    with qtbot.waitSignal(strip.move_mode_changed) as started:
        strip.start_move()
    assert started.args == [True]
    assert not strip.windowFlags() & Qt.WindowType.WindowTransparentForInput
    assert strip.isVisible() and strip.done.isVisible()
    start = QPoint(strip.width() // 3, strip.height() // 2)
    qtbot.mousePress(strip, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(strip, start + QPoint(50, 60))
    qtbot.mouseRelease(strip, Qt.MouseButton.LeftButton, pos=start + QPoint(50, 60))
    moved = strip.geometry()
    assert moved.topLeft() != QPoint(screen.x() + 10, screen.y() + 10)
    strip.done.click()
    assert strip.windowFlags() & Qt.WindowType.WindowTransparentForInput
    assert not strip.done.isVisible()
    assert parse_position(c.settings.overlay_position) == (moved.x(), moved.y(), moved.width())


def test_escape_puts_the_strip_back(qtbot: QtBot) -> None:
    screen = available()
    c = make_controller(overlay_position=f"{screen.x() + 10},{screen.y() + 10},400")
    strip = overlay(qtbot, c)
    strip.show()
    before = strip.geometry()
    strip.start_move()
    strip.move(before.topLeft() + QPoint(40, 40))
    qtbot.keyClick(strip, Qt.Key.Key_Escape)
    assert not strip.moving and strip.geometry() == before
    assert c.settings.overlay_position == f"{screen.x() + 10},{screen.y() + 10},400"


# -- settings, tray, and the owner that shows them ---------------------------------------------


@pytest.mark.parametrize(
    ("name", "text", "ok"),
    [
        ("overlay_font_pt", "72", True),
        ("overlay_font_pt", "9", False),
        ("overlay_opacity", "20", True),
        ("overlay_opacity", "101", False),
        ("overlay_position", "-1920,40,800", True),
        ("overlay_position", "", True),
        ("overlay_position", "10,20", False),
        ("overlay_position", "10,20,0", False),
        ("caption_overlay", "true", True),
    ],
)
def test_overlay_settings_are_validated(name: str, text: str, ok: bool) -> None:
    result = from_strings({name: text})
    assert (not result.problems) is ok
    if ok:
        assert to_strings(result.settings)[name] == text


def test_tray_toggles_emit_their_signals_and_follow_the_settings(qtbot: QtBot) -> None:
    c = make_controller()
    tray = Tray(c)
    with qtbot.waitSignal(tray.compact_toggled) as shown:
        tray.compact_action.trigger()
    assert shown.args == [True]
    with qtbot.waitSignal(tray.overlay_toggled) as shown:
        tray.overlay_action.trigger()
    assert shown.args == [True]
    with qtbot.waitSignal(tray.overlay_move_requested):
        tray.overlay_move_action.trigger()
    c.apply_settings(replace(c.settings, compact_window=False, caption_overlay=True))
    assert not tray.compact_action.isChecked() and tray.overlay_action.isChecked()
    c.apply_settings(replace(c.settings, caption_overlay=False))
    assert not tray.overlay_action.isChecked()


def test_floating_windows_are_built_and_shown_as_the_settings_say(qtbot: QtBot) -> None:
    c = make_controller()
    floating = FloatingWindows(c, load_languages())
    calls: list[str] = []
    floating.route_talk_button(lambda: calls.append("press"), lambda: calls.append("release"))
    assert floating.compact is None and floating.overlay is None  # nothing built at start
    tray = Tray(c)
    tray.compact_toggled.connect(floating.set_compact_shown)
    tray.overlay_toggled.connect(floating.set_overlay_shown)
    tray.overlay_move_requested.connect(floating.move_overlay)
    seen: list[bool] = []
    floating.compact_visibility_changed.connect(seen.append)
    tray.compact_action.trigger()
    assert c.settings.compact_window and floating.compact is not None
    assert seen == [True] and floating.compact_shown
    qtbot.addWidget(floating.compact)
    assert floating.compact.isVisible()
    floating.compact.ptt.pressed.emit()
    assert calls == ["press"]  # routed although built after the routing
    floating.compact.close()  # its title bar's close button turns the setting off
    assert not c.settings.compact_window and not tray.compact_action.isChecked()
    assert seen == [True, False]
    tray.overlay_move_action.trigger()  # shows the strip and lets it take the mouse
    assert c.settings.caption_overlay and floating.overlay is not None
    qtbot.addWidget(floating.overlay)
    assert floating.overlay.isVisible() and floating.overlay.moving
    tray.overlay_action.trigger()  # off: the move ends without saving
    assert not floating.overlay.isVisible() and not floating.overlay.moving
    tray.compact_action.trigger()
    compact = floating.compact
    floating.close()  # at quit: Qt then closes every window, which changes no setting
    compact.close()
    assert c.settings.compact_window
