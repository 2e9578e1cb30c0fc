"""What a screen reader gets from the main window, read through Qt's accessibility interface
(``QAccessible.queryAccessibleInterface``): a name and a role for every control, the talk
button's state and the meter's level, banners as alerts, and final rows announced politely
(once, when they settle; never for interims)."""

from __future__ import annotations

import sys
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QObject
from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent, QAccessibleEvent
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from dragoman.core.banners import Action, Banner, Level
from dragoman.core.events import Transcript
from dragoman.ui import transcript as transcript_module
from dragoman.ui.main_window import MainWindow
from tests.gui.windows import main_window

R = QAccessible.Role
T = QAccessible.Text


@pytest.fixture
def window(qtbot: QtBot) -> MainWindow:
    return main_window(qtbot)


def read(widget: QObject) -> tuple[str, QAccessible.Role, str]:
    interface = QAccessible.queryAccessibleInterface(widget)
    assert interface is not None and interface.isValid(), widget
    return interface.text(T.Name), interface.role(), interface.text(T.Description)


def test_every_control_has_a_name_a_role_and_a_description(window: MainWindow) -> None:
    window.controller.session_id_changed.emit("ss_abc123")
    expected: dict[QWidget, tuple[str, tuple[QAccessible.Role, ...]]] = {
        window.source: ("From language", (R.ComboBox,)),
        window.target: ("To language", (R.ComboBox,)),
        window.swap: ("Swap languages", (R.Button, R.PushButton)),
        window.recent: ("Recent language pairs", (R.Button, R.PushButton, R.ButtonMenu)),
        window.engine: ("Service", (R.ComboBox,)),
        window.mode: ("Output", (R.ComboBox,)),
        window.voice: ("Voice", (R.ComboBox,)),
        window.finalize: ("Results", (R.ComboBox,)),
        window.context: ("Context", (R.EditableText,)),
        window.two_way: ("Two-way conversation", (R.CheckBox,)),
        window.transcript.table: ("Transcript", (R.Table,)),
        window.meter: ("Microphone level", (R.ProgressBar,)),
        window.state_label: ("State", (R.StaticText,)),
        window.session_button: ("Session id ss_abc123", (R.Button, R.PushButton)),
        window.transcript.find_field: ("Find in the transcript", (R.EditableText,)),
        window.more: ("More options", (R.CheckBox, R.Button)),  # a toggle
    }
    labels = {
        window.source: "From",
        window.target: "To",
        **{w: label.text().replace("&", "") for w, label in window.option_labels.items()},
    }
    for widget, (name, roles) in expected.items():
        got_name, role, description = read(widget)
        assert widget.accessibleName() == name, widget.objectName()
        if role == R.ComboBox and sys.platform.startswith("linux"):
            # AT-SPI names a combo box by its value and finds its caption by relation.
            assert got_name == widget.currentText(), widget.objectName()  # type: ignore[attr-defined]
        else:
            assert got_name == name, widget.objectName()
        assert role in roles, (widget.objectName(), role)
        assert len(description) > 3, widget.objectName()
        if widget in labels:  # its caption is its label for assistive technology too
            interface = QAccessible.queryAccessibleInterface(widget)
            related = interface.relations(QAccessible.RelationFlag.Label)
            caption = [other.text(T.Name) for other, _flag in related]
            assert labels[widget] in caption, (widget.objectName(), caption)
    name, role, description = read(window.ptt)
    assert name.startswith("Push to talk") and role in (R.Button, R.PushButton)
    assert "F9" in description


def test_the_talk_button_says_its_state(window: MainWindow) -> None:
    assert read(window.ptt)[0] == "Push to talk, not listening"
    window.ptt.set_talking(True)
    name, _role, description = read(window.ptt)
    assert name == "Push to talk, listening"
    assert description == "Listening… release to translate"


def test_the_meter_says_its_level_in_steps(window: MainWindow) -> None:
    interface = QAccessible.queryAccessibleInterface(window.meter)
    values = interface.valueInterface()
    assert values is not None
    window.meter.set_level(-23.4, -12.0)
    assert values.currentValue() == -24  # 6 dB steps: not thirty changes a second
    assert read(window.meter)[2] == "speaking"
    window.meter.set_level(-22.0, -11.0)
    assert values.currentValue() == -24
    window.meter.set_level(-8.0, -1.0)
    assert read(window.meter)[2] == "too loud"
    window.meter.set_level(-70.0, -70.0)
    assert values.currentValue() == -60 and read(window.meter)[2] == "silent"


def test_banners_are_alerts_with_their_text(window: MainWindow) -> None:
    window.banners.show_banner(
        Banner("s", Level.ERROR, "The key was refused.", Action.OPEN_KEY_SETTINGS, "Set key")
    )
    window.banners.show_banner(Banner("w", Level.WARNING, "The microphone is busy."))
    error, warning = window.banners.widgets()
    assert read(error)[:2] == ("Error: The key was refused.", R.AlertMessage)
    assert read(warning)[:2] == ("Warning: The microphone is busy.", R.AlertMessage)
    assert error.button is not None
    name, role, description = read(error.button)
    assert name == "Set key" and role in (R.Button, R.PushButton)
    assert "The key was refused." in description
    name, role, _ = read(error.close_button)
    assert name == "Dismiss error" and role in (R.Button, R.PushButton)


class Events:
    """What the window posted to assistive technology (Qt's own calls go on unchanged)."""

    def __init__(self) -> None:
        self.announcements: list[tuple[str, QAccessible.AnnouncementPoliteness]] = []
        self.types: list[QAccessible.Event] = []


@pytest.fixture
def events(monkeypatch: pytest.MonkeyPatch) -> Iterator[Events]:
    seen = Events()
    original = QAccessible.updateAccessibility

    def record(event: QAccessibleEvent) -> None:
        seen.types.append(event.type())
        if isinstance(event, QAccessibleAnnouncementEvent):
            seen.announcements.append((event.message(), event.politeness()))
        original(event)

    monkeypatch.setattr(transcript_module.QAccessible, "updateAccessibility", record)
    yield seen


def test_final_rows_are_announced_politely_and_interims_are_not(
    window: MainWindow, events: Events, qtbot: QtBot
) -> None:
    c = window.controller
    said: list[str] = []
    window.transcript.announced.connect(said.append)

    def feed(role: str, text: str, final: bool, cid: str) -> None:
        c.segment_changed.emit(c.builder.add(Transcript(role, text, final, cid)))  # type: ignore[arg-type]

    feed("source", "hel", False, "a")
    feed("source", "hello there", True, "a")
    feed("translation", "ho", False, "a")
    feed("translation", "hola", False, "a")
    assert events.announcements == []  # originals are the speaker's own; interims wait
    feed("translation", "hola ahí", True, "a")
    feed("translation", "¿qué tal?", True, "a")  # stable mode: a second final, appended
    feed("source", "bye", True, "b")
    polite = QAccessible.AnnouncementPoliteness.Polite
    assert events.announcements == [("hola ahí", polite), ("¿qué tal?", polite)]
    assert said == ["hola ahí", "¿qué tal?"]


def test_a_transcribing_engine_announces_the_transcript(window: MainWindow, events: Events) -> None:
    window.transcript_model.set_layout(translates=False)
    c = window.controller
    c.segment_changed.emit(c.builder.add(Transcript("source", "hel", False, "a")))
    c.segment_changed.emit(c.builder.add(Transcript("source", "hello", True, "a")))
    assert [text for text, _ in events.announcements] == ["hello"]


def test_a_new_banner_raises_an_alert_event(window: MainWindow, events: Events) -> None:
    window.banners.show_banner(Banner("w", Level.WARNING, "The microphone is busy."))
    assert QAccessible.Event.Alert in events.types


def test_the_no_speech_hint_is_announced(window: MainWindow, events: Events) -> None:
    window.controller.no_speech_detected.emit()
    assert [text for text, _ in events.announcements] == [window.hint.text()]


def test_status_messages_are_announced(window: MainWindow, events: Events) -> None:
    window.controller.session_id_changed.emit("ss_abc123")
    window.session_button.click()
    window.controller.talk_cancelled.emit()
    said = [text for text, _ in events.announcements]
    assert said == ["Session id copied", "Cancelled: nothing more was sent"]
