"""The main window offscreen: controls, transcript rows, banners, status, capabilities."""

from __future__ import annotations

from dataclasses import dataclass, replace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QGroupBox, QLabel
from pytestqt.qtbot import QtBot

from dragoman.controller import Latency, SessionController
from dragoman.controller.usage import UsageTracker
from dragoman.core.banners import Action
from dragoman.core.cost import CapLevel, UsageReading, local_day
from dragoman.core.engine import Engine, EngineCapabilities
from dragoman.core.errors import AuthError
from dragoman.core.events import Transcript
from dragoman.core.pinch import CAPABILITIES as PINCH
from dragoman.core.settings import Settings
from dragoman.resources import load_languages
from dragoman.ui import theme
from dragoman.ui.languages import CodeRole
from dragoman.ui.main_window import NO_SPEECH_HINT, USAGE_TIP, MainWindow
from dragoman.ui.transcript import ProvisionalRole
from tests.fakes import FakeCapture, FakePlayer
from tests.qtloop import run_on_qt, until

CAPTIONS = EngineCapabilities(
    name="captions", display_name="Captions only", translates=False, speaks=False
)


def no_key(_settings: Settings) -> Engine:
    raise AuthError("No Pinch API key: set one in Settings.")


@pytest.fixture
def window(qtbot: QtBot) -> MainWindow:
    controller = SessionController(
        settings=Settings(recent_pairs=(("en", "fr"),)),
        engine_factory=no_key,
        capture=FakeCapture(),
        player=FakePlayer(),
    )
    win = MainWindow(
        controller, load_languages(), {"pinch": PINCH, "captions": CAPTIONS}, tray_available=True
    )
    qtbot.addWidget(win)
    win.show()
    return win


def test_controls_show_the_settings(window: MainWindow) -> None:
    assert window.source.code() == "en" and window.target.code() == "es"
    assert window.voice.currentData() == "male"
    clone = window.voice.model().item(2)  # type: ignore[attr-defined]
    assert not clone.isEnabled() and "not available" in clone.toolTip()
    assert "F9" in window.ptt.text()
    assert "auto" not in window.target.codes() and "auto" in window.source.codes()


def test_changing_the_target_updates_the_controller_and_recent_pairs(
    window: MainWindow, qtbot: QtBot
) -> None:
    with qtbot.waitSignal(window.settings_edited) as edited:
        index = window.target.findData("de", Qt.ItemDataRole.UserRole + 1)
        window.target.activated.emit(index)
    settings: Settings = edited.args[0]
    assert settings.target_language == "de" and settings.recent_pairs[0] == ("en", "de")
    assert window.controller.settings == settings
    assert [a.text() for a in window.recent_menu.actions()] == [
        "English → German",
        "English → French",
    ]


def test_swap_and_recent_pair(window: MainWindow, qtbot: QtBot) -> None:
    window.swap.click()
    assert (window.source.code(), window.target.code()) == ("es", "en")
    window.recent_menu.actions()[-1].trigger()  # en → fr
    assert (window.controller.settings.source_language, window.target.code()) == ("en", "fr")


def test_text_only_and_options(window: MainWindow) -> None:
    window.mode.setCurrentIndex(1)
    window.two_way.setChecked(True)
    window.context.setText("Zoë Ng, ACME")
    window.context.editingFinished.emit()
    s = window.controller.settings
    assert not s.speech_output and s.two_way and s.context == "Zoë Ng, ACME"


def test_capabilities_are_data(window: MainWindow) -> None:
    window.engine.setCurrentIndex(window.engine.findData("captions"))
    assert window.controller.settings.engine == "captions"
    assert not window.target.isEnabled() and not window.voice.isEnabled()
    window.engine.setCurrentIndex(window.engine.findData("pinch"))
    assert window.target.isEnabled() and window.voice.isEnabled()


def test_controls_that_do_not_apply_are_disabled_and_say_why(window: MainWindow) -> None:
    voice_tip = window.voice.toolTip()
    window.mode.setCurrentIndex(window.mode.findData(False))  # text only
    assert not window.voice.isEnabled() and window.mode.isEnabled()
    assert window.voice.toolTip().startswith("“Text only” is chosen")
    assert not window.option_labels[window.voice].isEnabled()
    assert not window.legend.isVisible()
    window.mode.setCurrentIndex(window.mode.findData(True))
    assert window.voice.isEnabled() and window.voice.toolTip() == voice_tip
    assert window.legend.isVisible()

    window.engine.setCurrentIndex(window.engine.findData("captions"))
    for widget in (window.target, window.swap, window.finalize, window.two_way):
        assert not widget.isEnabled()
        assert widget.toolTip().startswith("Captions only writes down what you say"), widget
    for widget in (window.voice, window.mode):
        assert not widget.isEnabled()
        assert widget.toolTip().startswith("Captions only gives text only"), widget
    assert window.source.isEnabled() and window.context.isEnabled()


def test_every_option_is_labelled_and_explained(window: MainWindow) -> None:
    captions = {  # "&" marks the mnemonic (Alt+letter)
        w.objectName(): label.text().replace("&", "") for w, label in window.option_labels.items()
    }
    assert captions == {
        "engine": "Service",
        "output_mode": "Output",
        "voice": "Voice",
        "finalize_mode": "Results",
        "context": "Context",
    }
    for widget in (
        window.source,
        window.target,
        window.swap,
        window.recent,
        window.two_way,
        *window.option_labels,
    ):
        assert len(widget.toolTip()) > 20, widget.objectName()
    assert window.findChild(QGroupBox, "languages_group").title() == "Languages"
    assert window.findChild(QGroupBox, "options_group").title() == "Options"


def test_the_engine_decides_the_columns(window: MainWindow) -> None:
    model = window.transcript_model
    c = window.controller
    c.segment_changed.emit(c.builder.add(Transcript("source", "hello", True, "a")))
    assert model.columnCount() == 2
    assert model.headerData(1, Qt.Orientation.Horizontal) == "Translation"
    window.engine.setCurrentIndex(window.engine.findData("captions"))
    assert model.columnCount() == 1 and model.rowCount() == 1
    assert model.headerData(0, Qt.Orientation.Horizontal) == "Transcript"
    assert not window.transcript.table.isColumnHidden(0)
    c.segment_changed.emit(c.builder.add(Transcript("source", "more", True, "b")))
    assert [model.index(r, 0).data() for r in range(2)] == ["hello", "more"]
    window.engine.setCurrentIndex(window.engine.findData("pinch"))
    assert model.columnCount() == 2


def test_two_way_names_both_languages(window: MainWindow) -> None:
    model = window.transcript_model
    window.two_way.setChecked(True)
    assert model.headerData(0, Qt.Orientation.Horizontal) == "Said (in English or Spanish)"
    assert model.headerData(1, Qt.Orientation.Horizontal) == "Translated into the other"
    window.two_way.setChecked(False)
    assert model.headerData(0, Qt.Orientation.Horizontal) == "Original"


def test_a_row_shows_the_language_it_was_detected_in_when_the_segment_says(
    window: MainWindow,
) -> None:
    """Segments do not carry the detected language yet; the view is ready for it."""

    @dataclass
    class Detected:
        id: str | None
        original: str = "Guten Tag"
        translated: str = "Good day"
        original_interim: str = ""
        translated_interim: str = ""
        language: str = "de"

    window.two_way.setChecked(True)
    window.transcript_model.upsert(Detected("x"))  # type: ignore[arg-type]  # a future Segment
    assert window.transcript_model.index(0, 0).data() == "[German] Guten Tag"
    window.two_way.setChecked(False)
    assert window.transcript_model.index(0, 0).data() == "Guten Tag"


def test_language_pickers_are_sorted_by_name_with_uniform_rows(window: MainWindow) -> None:
    for picker in (window.source, window.target):
        names = [picker.itemText(i) for i in range(picker.count())]
        rest = names[1:] if picker is window.source else names
        assert rest == sorted(rest, key=str.casefold), picker.objectName()
        codes = picker.codes()
        assert codes.index("cy") > codes.index("vi")  # Welsh after Vietnamese, not after Czech
    assert window.source.codes()[0] == "auto"
    assert window.source.itemText(window.source.findData("cy", CodeRole)) == "Welsh — Cymraeg"
    # The speaker only in the "to" list, and there every row has an icon of the same size.
    assert all(window.source.itemIcon(i).isNull() for i in range(window.source.count()))
    ja = window.target.findData("ja", CodeRole)
    sw = window.target.findData("sw", CodeRole)
    assert not window.target.itemIcon(ja).isNull() and not window.target.itemIcon(sw).isNull()
    assert window.target.itemIcon(ja).cacheKey() != window.target.itemIcon(sw).cacheKey()
    assert "speech output available" in window.target.itemData(ja, Qt.ItemDataRole.ToolTipRole)
    assert "text only" in window.target.itemData(sw, Qt.ItemDataRole.ToolTipRole)
    view = window.target.view()
    heights = {view.sizeHintForIndex(window.target.model().index(i, 0)).height() for i in (ja, sw)}
    assert len(heights) == 1
    assert "speech output available" in window.legend.findChildren(QLabel)[1].text()


@pytest.mark.qt_log_ignore("This plugin does not support (raise|grabbing)")
def test_recent_pairs_show_names_and_the_menu_stays_on_screen(
    window: MainWindow, qtbot: QtBot
) -> None:
    assert [a.text() for a in window.recent_menu.actions()] == ["English → French"]
    window.move(0, 0)
    window.recent.click()
    qtbot.waitUntil(window.recent_menu.isVisible)
    menu = window.recent_menu.geometry()
    screen = window.recent.screen().availableGeometry()
    button_right = window.recent.mapToGlobal(window.recent.rect().bottomRight()).x()
    assert screen.contains(menu)
    assert menu.right() <= button_right + 1
    window.recent_menu.hide()


def test_escape_cancel_says_cancelled(window: MainWindow) -> None:
    window.controller.talk_cancelled.emit()
    assert window.statusBar().currentMessage().startswith("Cancelled")


def test_help_menu_runs_the_setup_assistant_again(window: MainWindow, qtbot: QtBot) -> None:
    with qtbot.waitSignal(window.first_run_requested):
        window.setup_action.trigger()


def test_help_menu_asks_for_the_about_box(window: MainWindow, qtbot: QtBot) -> None:
    about = window.about_action
    assert about.objectName() == "about" and about.text() == "&About Dragoman"
    assert about.menuRole() is about.MenuRole.AboutRole
    (help_menu,) = [a.menu() for a in window.menuBar().actions() if a.text() == "&Help"]
    assert help_menu is not None and about in help_menu.actions()
    with qtbot.waitSignal(window.about_requested):
        about.trigger()


def test_talking_without_a_key_shows_the_banner_with_the_next_step(
    window: MainWindow, qtbot: QtBot, qapp: QApplication
) -> None:
    async def press() -> None:
        qtbot.mouseClick(window.ptt, Qt.MouseButton.LeftButton)
        await until(lambda: window.banners.banners())

    run_on_qt(qapp, press())
    (banner,) = window.banners.banners()
    assert banner.action is Action.OPEN_KEY_SETTINGS
    assert window.state_label.text() == "Needs attention"
    assert "Listening" not in window.ptt.text()
    widget = window.banners.findChild(type(window.banners._widgets["session"]))
    with qtbot.waitSignal(window.settings_requested) as requested:
        assert widget is not None and widget.button is not None
        widget.button.click()
    assert requested.args == ["keys"]
    window.banners.clear("session")
    assert window.banners.banners() == []


def test_partials_are_provisional_and_replaced_in_place(window: MainWindow) -> None:
    c = window.controller
    model = window.transcript_model

    def feed(role: str, text: str, final: bool, cid: str) -> None:
        c.segment_changed.emit(c.builder.add(Transcript(role, text, final, cid)))  # type: ignore[arg-type]

    feed("source", "hel", False, "a")
    assert model.rowCount() == 1 and model.index(0, 0).data(ProvisionalRole)
    feed("source", "hello there", True, "a")
    feed("translation", "hola", True, "b")  # a translation arriving before its original
    feed("translation", "hola ahí", True, "a")
    feed("source", "bye", True, "b")
    assert model.rowCount() == 2
    assert [model.index(r, 0).data() for r in range(2)] == ["hello there", "bye"]
    assert [model.index(r, 1).data() for r in range(2)] == ["hola ahí", "hola"]
    assert not model.index(0, 0).data(ProvisionalRole)
    window.transcript.copy_all()
    assert QGuiApplication.clipboard().text() == "hello there\n→ hola ahí\n\nbye\n→ hola"


def test_auto_scroll_stops_when_the_user_scrolls_up(window: MainWindow, qtbot: QtBot) -> None:
    c = window.controller
    window.resize(700, 420)
    for i in range(40):
        c.segment_changed.emit(c.builder.add(Transcript("source", f"line {i}", True, str(i))))
    bar = window.transcript.table.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0 and bar.value() == bar.maximum())
    assert window.transcript.following and not window.transcript.jump.isVisible()
    bar.setValue(0)
    assert not window.transcript.following
    c.segment_changed.emit(c.builder.add(Transcript("source", "new", True, "new")))
    assert window.transcript.jump.isVisible() and bar.value() == 0
    window.transcript.jump.click()
    qtbot.waitUntil(lambda: bar.value() == bar.maximum())
    assert window.transcript.following and not window.transcript.jump.isVisible()


def test_status_shows_session_and_latency_and_copies_the_id(window: MainWindow) -> None:
    c = window.controller
    c.session_id_changed.emit("ss_abc123")
    c.latency_measured.emit(Latency(12.0, 340.0, 610.0))
    assert window.session_button.isVisible()
    window.session_button.click()
    assert QGuiApplication.clipboard().text() == "ss_abc123"
    assert window.latency_label.text() == "send 12 ms · final 340 ms · voice 610 ms"


def test_no_speech_hint(window: MainWindow) -> None:
    window.controller.no_speech_detected.emit()
    assert window.hint.isVisible() and window.hint.text() == NO_SPEECH_HINT


def test_close_hides_to_the_tray(window: MainWindow, qtbot: QtBot) -> None:
    with qtbot.waitSignal(window.hidden_to_tray):
        window.close()
    assert not window.isVisible()
    window.tray_available = False
    window.show()
    with qtbot.waitSignal(window.quit_requested):
        window.close()


def test_settings_reloaded_when_the_controller_changes_them(window: MainWindow) -> None:
    window.controller.switch_to_text_only()
    assert window.mode.currentIndex() == 1
    window.controller.settings_changed.emit(replace(window.controller.settings, voice="female"))
    assert window.voice.currentData() == "female"


def test_screenshot_renders(window: MainWindow, tmp_path: object) -> None:
    assert not window.grab().isNull()
    assert QApplication.instance() is not None


# -- audio sent, its cost and the daily cap ----------------------------------------------------

NOON = 1_780_000_000.0
TODAY = local_day(NOON).isoformat()


def usage_window(qtbot: QtBot, settings: Settings, today: float = 0.0) -> MainWindow:
    usage = UsageTracker.for_settings(settings, {TODAY: today} if today else None, now=lambda: NOON)
    controller = SessionController(
        settings=settings,
        engine_factory=no_key,
        capture=FakeCapture(),
        player=FakePlayer(),
        usage=usage,
    )
    win = MainWindow(controller, load_languages(), {"pinch": PINCH}, tray_available=True)
    qtbot.addWidget(win)
    win.show()
    return win


def test_the_usage_label_is_hidden_until_there_is_something_to_say(
    window: MainWindow, qtbot: QtBot
) -> None:
    assert window.controller.usage_reading is None and not window.usage_label.isVisible()
    quiet = usage_window(qtbot, Settings())  # counted, but nothing sent and no price or cap
    assert quiet.usage_label.objectName() == "usage" and not quiet.usage_label.isVisible()
    # A cap set in Settings shows it at once, through the controller.
    quiet.controller.apply_settings(replace(Settings(), daily_cap_minutes=60))
    assert quiet.usage_label.isVisible()
    assert quiet.usage_label.text() == "Audio sent: 0 s this session · 0.0 of 60 min today"
    quiet.controller.apply_settings(Settings())
    assert not quiet.usage_label.isVisible()


def test_the_usage_label_shows_today_and_the_cost_and_follows_the_controller(
    qtbot: QtBot,
) -> None:
    win = usage_window(qtbot, Settings(price_per_minute=0.1), today=90.0)
    label = win.usage_label
    assert label.isVisible() and label.accessibleName() == "Audio sent"
    assert label.text() == "Audio sent: 0 s this session · 1.5 min today · cost today 0.15"
    assert USAGE_TIP in label.toolTip() and label.accessibleDescription() == label.toolTip()
    normal = label.palette().color(label.foregroundRole())
    reading = UsageReading(120.0, 3600.0, CapLevel.STOP, cap_minutes=60, price_per_minute=0.1)
    win.controller.usage_changed.emit(reading)
    assert label.text() == reading.status_text()
    assert "of 60 min today" in label.text() and "cap is reached" in label.toolTip()
    error = theme.roles().status_error.foreground
    assert label.palette().color(label.foregroundRole()) == error != normal
    win.controller.usage_changed.emit(replace(reading, level=CapLevel.OK, today_seconds=60.0))
    assert label.palette().color(label.foregroundRole()) == normal


def test_a_long_usage_sentence_is_clipped_not_the_state(qtbot: QtBot) -> None:
    win = usage_window(qtbot, Settings(price_per_minute=0.125, daily_cap_minutes=600), 3000.0)
    win.resize(480, 360)
    win.on_controller_state_changed("reconnecting")
    win.controller.usage_changed.emit(
        UsageReading(3900.0, 35_000.0, CapLevel.STOP, cap_minutes=600, price_per_minute=1.125)
    )
    state, usage = win.state_label, win.usage_label
    # "Reconnecting…" whole; the usage sentence gives way.
    qtbot.waitUntil(lambda: state.width() >= state.sizeHint().width())
    assert usage.width() < usage.sizeHint().width() and usage.isVisible()
    assert win.width() == 480
    assert "cost today" in usage.toolTip()  # the whole sentence, for when it is clipped
