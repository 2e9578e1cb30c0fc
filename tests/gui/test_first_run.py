"""The setup assistant offscreen: each page, the key saved on every confirming action (against
the real gnome-keyring test bed), the microphone check's honesty, a talk key that never
translates while the assistant is open, a new chord recorded on its page, the call microphone.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox
from pytestqt.qtbot import QtBot

from dragoman.controller import Latency, SessionController
from dragoman.core.engine import Engine
from dragoman.core.errors import AuthError
from dragoman.core.settings import Settings
from dragoman.hotkeys.backends import BackendChoice
from dragoman.hotkeys.pushtotalk import PushToTalk
from dragoman.resources import privacy_notes
from dragoman.store.secrets import KeyringStore
from dragoman.ui.first_run import PRIVACY_LINK, FirstRunWizard, backend_words
from dragoman.ui.key_row import PORTAL_URL, UnsavedKeyQuestion
from dragoman.ui.services import SettingsServices
from dragoman.ui.settings_dialog import CHECKING
from tests.fakes import FakeCapture, FakePlayer
from tests.gui.test_settings_dialog import services
from tests.inprocess_keyring import KEYRING_LEAKS_SOCKETS, KeyringCalls, keyring_in_this_process
from tests.qtloop import run_on_qt, until

PAGES = ["page_welcome", "page_key", "page_microphone", "page_hotkey", "page_calls", "page_done"]


def no_key(_settings: Settings) -> Engine:
    raise AuthError("no key")


def controller(settings: Settings | None = None) -> SessionController:
    return SessionController(
        settings=settings or Settings(),
        engine_factory=no_key,
        capture=FakeCapture(),
        player=FakePlayer(),
    )


def wizard_for(
    qtbot: QtBot, ctl: SessionController, svc: SettingsServices, note: str = "pynput"
) -> FirstRunWizard:
    wizard = FirstRunWizard(ctl, svc, hotkey=ctl.settings.hotkey, backend_note=note)
    qtbot.addWidget(wizard)
    return wizard


def page_text(wizard: FirstRunWizard) -> str:
    page = wizard.currentPage()
    labels = " ".join(label.text() for label in page.findChildren(QLabel))
    return f"{page.title()} {page.subTitle()} {labels}"


async def to_page(wizard: FirstRunWizard, name: str) -> None:
    """Show the wizard and press Next (waiting for the key page's keyring read) up to ``name``."""
    if not wizard.isVisible():
        wizard.show()
    while wizard.currentPage().objectName() != name:
        if wizard.currentPage() is wizard.key_page:
            await until(lambda: CHECKING not in wizard.key_row.status.text())
        before = wizard.currentPage()
        wizard.next()
        await until(lambda b=before: wizard.currentPage() is not b)  # type: ignore[misc]


@pytest.fixture
def keyring_here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, str]]:
    with keyring_in_this_process(tmp_path, monkeypatch) as env:
        yield env


def stored(engine: str = "pinch") -> str | None:
    import keyring  # what the keyring holds, read as another program would

    return keyring.get_password("dragoman", engine)


# -- the pages ------------------------------------------------------------------------------------


def test_the_pages_and_what_they_say(qtbot: QtBot, qapp: QApplication, tmp_path: Path) -> None:
    ctl = controller()
    wizard = wizard_for(qtbot, ctl, services(tmp_path), note="hotkey method: pynput")
    finished: list[bool] = []
    wizard.finished_setup.connect(lambda: finished.append(True))
    seen: dict[str, str] = {}

    titles: list[str] = []

    async def body() -> None:
        for name in PAGES:
            await to_page(wizard, name)
            seen[name] = page_text(wizard)
            titles.append(wizard.windowTitle())

    run_on_qt(qapp, body())
    assert list(seen) == PAGES
    assert titles[2] == "Set up Dragoman (3 of 6): Microphone"
    assert wizard.hear.autoDefault() is False and wizard.virtual_mic.autoDefault() is False
    assert "Pinch's cloud service" in seen["page_welcome"]
    assert PORTAL_URL in wizard.cloud_note.text() and PRIVACY_LINK in wizard.cloud_note.text()
    assert f'href="{PORTAL_URL}"' in wizard.key_page.get_key.text()
    assert "Get a key" in wizard.key_page.get_key.text()
    assert "headphones" in seen["page_microphone"]
    assert "F9" in seen["page_hotkey"] and "Got it" in seen["page_hotkey"]
    assert "pynput" not in seen["page_hotkey"] and "hotkey method" not in seen["page_hotkey"]
    assert "whatever window is in front" in seen["page_hotkey"]
    for app in ("Zoom", "Google Meet", "Discord"):
        assert app in seen["page_calls"]
    assert "Help → Setup assistant" in seen["page_done"]
    assert "hold <b>F9</b>" in wizard.summary.text()
    wizard.accept()
    assert finished == [True] and not ctl._mic_check and not ctl._hotkey_check


def test_the_privacy_link_shows_the_notes(qtbot: QtBot, tmp_path: Path) -> None:
    wizard = wizard_for(qtbot, controller(), services(tmp_path))
    wizard.on_link_activated(PRIVACY_LINK)
    box = wizard.findChild(QMessageBox, "privacy_notes")
    assert box is not None and box.text() == privacy_notes()
    assert "While you hold the talk key" in box.text()
    box.close()


@pytest.mark.parametrize(
    ("note", "words"),
    [
        ("hotkey method: pynput", "whatever window is in front"),
        ("portal", "Your desktop passes the key"),
        ("hotkey method: window", "only while Dragoman's window is in front"),
        ("hotkey method: none", "not connected to your desktop yet"),
    ],
)
def test_the_hotkey_back_end_in_plain_words(note: str, words: str) -> None:
    text = backend_words(note)
    assert words in text
    assert "pynput" not in text and "portal" not in text.lower().replace("passes", "")


# -- the key is saved on every confirming action (the real keyring) -------------------------------


@KEYRING_LEAKS_SOCKETS
def test_next_saves_the_pasted_key_then_moves_on(
    qtbot: QtBot,
    qapp: QApplication,
    tmp_path: Path,
    keyring_here: dict[str, str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls = KeyringCalls(monkeypatch)
    svc = services(tmp_path, KeyringStore())
    told: list[str] = []
    svc.on_key_changed = told.append
    wizard = wizard_for(qtbot, controller(), svc)

    async def body() -> None:
        await to_page(wizard, "page_key")
        await until(lambda: CHECKING not in wizard.key_row.status.text())
        wizard.key_row.edit.setText("pk_live_wizard_next_01")
        wizard.next()
        assert wizard.currentPage() is wizard.key_page  # waits for the keyring first
        await until(lambda: wizard.currentPage() is wizard.mic_page)

    run_on_qt(qapp, body())
    assert stored() == "pk_live_wizard_next_01" and told == ["pinch"]
    assert calls.named("set") and calls.on_main_thread() == []
    assert "Saved in the OS keyring." in wizard.key_row.status.text()


@KEYRING_LEAKS_SOCKETS
def test_enter_in_the_key_field_saves_and_moves_on(
    qtbot: QtBot, qapp: QApplication, tmp_path: Path, keyring_here: dict[str, str]
) -> None:
    wizard = wizard_for(qtbot, controller(), services(tmp_path, KeyringStore()))

    async def body() -> None:
        await to_page(wizard, "page_key")
        await until(lambda: CHECKING not in wizard.key_row.status.text())
        wizard.key_row.edit.setText("pk_live_wizard_enter_02")
        qtbot.keyClick(wizard.key_row.edit, Qt.Key.Key_Return)
        await until(lambda: stored() == "pk_live_wizard_enter_02")
        await until(lambda: wizard.currentPage() is wizard.mic_page)

    run_on_qt(qapp, body())


@KEYRING_LEAKS_SOCKETS
def test_a_successful_test_saves_the_key_on_the_key_page(
    qtbot: QtBot, qapp: QApplication, tmp_path: Path, keyring_here: dict[str, str]
) -> None:
    wizard = wizard_for(qtbot, controller(), services(tmp_path, KeyringStore()))

    async def body() -> None:
        await to_page(wizard, "page_key")
        await until(lambda: CHECKING not in wizard.key_row.status.text())
        wizard.key_row.edit.setText("pk_live_wizard_test_03")
        wizard.key_row.test.click()
        await until(lambda: "Saved in the OS keyring." in wizard.key_row.status.text())
        wizard.next()  # nothing unsaved: straight on
        assert wizard.currentPage() is wizard.mic_page

    run_on_qt(qapp, body())
    assert stored() == "pk_live_wizard_test_03"
    assert "The key works" in wizard.key_row.status.text()


def test_next_refuses_what_is_not_a_key(qtbot: QtBot, qapp: QApplication, tmp_path: Path) -> None:
    svc = services(tmp_path)
    wizard = wizard_for(qtbot, controller(), svc)

    async def body() -> None:
        await to_page(wizard, "page_key")
        await until(lambda: CHECKING not in wizard.key_row.status.text())
        wizard.key_row.edit.setText("https://portal.startpinch.com/dashboard/developers")
        wizard.next()
        await asyncio.sleep(0.05)

    run_on_qt(qapp, body())
    assert wizard.currentPage() is wizard.key_page
    assert "web address" in wizard.key_row.status.text()
    assert svc.secrets.get("pinch") is None


def test_an_empty_key_page_can_be_skipped(qtbot: QtBot, qapp: QApplication, tmp_path: Path) -> None:
    wizard = wizard_for(qtbot, controller(), services(tmp_path))
    run_on_qt(qapp, to_page(wizard, "page_microphone"))


@KEYRING_LEAKS_SOCKETS
@pytest.mark.parametrize(
    ("answer", "kept", "closed"),
    [
        (QMessageBox.StandardButton.Save, "pk_live_wizard_ask_04", True),
        (QMessageBox.StandardButton.Discard, None, True),
        (QMessageBox.StandardButton.Cancel, None, False),
    ],
)
def test_leaving_with_an_unsaved_key_asks_once(
    qtbot: QtBot,
    qapp: QApplication,
    tmp_path: Path,
    keyring_here: dict[str, str],
    answer: QMessageBox.StandardButton,
    kept: str | None,
    closed: bool,
) -> None:
    wizard = wizard_for(qtbot, controller(), services(tmp_path, KeyringStore()))
    finished: list[bool] = []
    wizard.finished_setup.connect(lambda: finished.append(True))

    async def body() -> None:
        await to_page(wizard, "page_key")
        await until(lambda: CHECKING not in wizard.key_row.status.text())
        wizard.key_row.edit.setText("pk_live_wizard_ask_04")
        wizard.reject()
        wizard.reject()  # Escape again while the question is up: still one question
        questions = wizard.findChildren(UnsavedKeyQuestion)
        assert len(questions) == 1 and questions[0].isVisible()
        questions[0].button(answer).click()
        await until(lambda: wizard.isVisible() != closed)

    run_on_qt(qapp, body())
    assert stored() == kept
    assert finished == ([True] if closed else [])


# -- the microphone -------------------------------------------------------------------------------


def test_the_microphone_page_picks_a_device_and_checks_through_the_real_path(
    qtbot: QtBot, qapp: QApplication, tmp_path: Path
) -> None:
    ctl = controller(Settings(input_device="Laptop mic"))
    capture: FakeCapture = ctl._capture  # type: ignore[assignment]
    wizard = wizard_for(qtbot, ctl, services(tmp_path))

    async def body() -> None:
        await to_page(wizard, "page_microphone")
        assert ctl._mic_check and not ctl._hotkey_check
        assert [wizard.input.itemText(i) for i in range(wizard.input.count())] == [
            "System default",
            "USB Headset",
            "Laptop mic",
        ]
        assert wizard.input.currentText() == "Laptop mic"
        wizard.input.setCurrentIndex(wizard.input.findData("USB Headset"))
        wizard.input.activated.emit(wizard.input.currentIndex())
        assert ctl.settings.input_device == "USB Headset"
        ctl.level_changed.emit(-20.0, -6.0)
        assert wizard.meter.rms_db == -20.0
        # Holding the button runs the controller's mic check: capture → playback, no session.
        wizard.hear.pressed.emit()
        await until(lambda: bool(capture.utterances))
        assert "Listening" in wizard.hear.text()
        wizard.hear.released.emit()
        await until(lambda: not ctl.busy)

    run_on_qt(qapp, body())
    assert ctl.sessions_opened == 0 and "Hold to hear yourself" in wizard.hear.text()


@pytest.mark.parametrize(
    ("peak_db", "latency", "said"),
    [
        (-6.0, Latency(first_audio_ms=48.0), "You heard yourself 48 ms after pressing."),
        (-6.0, Latency(first_audio_ms=None), "Nothing was played back"),
        (-90.0, Latency(first_audio_ms=46.0), "gave only silence"),  # a gated microphone
    ],
)
def test_the_latency_is_shown_only_when_audio_actually_played(
    qtbot: QtBot,
    qapp: QApplication,
    tmp_path: Path,
    peak_db: float,
    latency: Latency,
    said: str,
) -> None:
    ctl = controller()
    wizard = wizard_for(qtbot, ctl, services(tmp_path))
    run_on_qt(qapp, to_page(wizard, "page_microphone"))
    ctl.talking_changed.emit(True)
    ctl.level_changed.emit(peak_db - 10, peak_db)
    ctl.talking_changed.emit(False)
    ctl.mic_check_measured.emit(latency)
    assert said in wizard.mic_result.text()
    assert ("ms after" in wizard.mic_result.text()) == (said.startswith("You heard"))


# -- the push-to-talk key -------------------------------------------------------------------------


def test_the_talk_key_never_translates_while_the_assistant_is_open(
    qtbot: QtBot, qapp: QApplication, tmp_path: Path
) -> None:
    """Wired as dragoman.main wires it: push-to-talk → controller.start_talking."""
    ctl = controller()
    capture: FakeCapture = ctl._capture  # type: ignore[assignment]
    ptt = PushToTalk(BackendChoice((), "none in this test"))
    ptt.configure("hold", 120)
    ptt.talk_started.connect(ctl.start_talking)
    ptt.talk_ended_at.connect(ctl.stop_talking)
    wizard = wizard_for(qtbot, ctl, services(tmp_path))
    ptt.talk_started.connect(wizard.on_hotkey_pressed)
    talking: list[bool] = []
    ctl.talking_changed.connect(talking.append)

    async def body() -> None:
        wizard.show()
        ptt.press()  # on the welcome page: captured, nothing happens
        ptt.release()
        await until(lambda: not ptt.machine.talking)  # the release is confirmed (debounce)
        await to_page(wizard, "page_hotkey")
        assert wizard.hotkey_result.text() == "Waiting for the key…"
        ptt.press()
        await until(lambda: ptt.machine.talking)
        ptt.release()
        await until(lambda: not ptt.machine.talking)

    run_on_qt(qapp, body())
    assert wizard.hotkey_result.text() == "Got it: your key works."
    assert talking == [] and capture.utterances == [] and ctl.sessions_opened == 0
    assert ctl.error is None and not ctl.busy
    wizard.reject()
    assert not ctl._hotkey_check  # closed: the key talks again


@pytest.mark.qt_log_ignore("This plugin does not support grabbing")
def test_a_new_talk_key_is_recorded_on_its_page(
    qtbot: QtBot, qapp: QApplication, tmp_path: Path
) -> None:
    ctl = controller()
    wizard = wizard_for(qtbot, ctl, services(tmp_path))

    async def body() -> None:
        await to_page(wizard, "page_hotkey")
        wizard.recorder.start_recording()
        qtbot.keyClick(wizard.recorder.field, Qt.Key.Key_F10)

    run_on_qt(qapp, body())
    assert ctl.settings.hotkey == "F10"
    assert wizard.recorder.chord() == "F10" and not wizard.recorder.is_recording()
    assert "<b>F10</b>" in wizard.hotkey_intro.text()
    assert "press F10" in wizard.hotkey_result.text()
    ctl.hotkey_checked.emit("forward")
    assert wizard.hotkey_result.text() == "Got it: your key works."


# -- calls ----------------------------------------------------------------------------------------


def test_the_calls_page_creates_the_virtual_microphone_and_makes_it_the_call_output(
    qtbot: QtBot, qapp: QApplication, tmp_path: Path
) -> None:
    svc = services(tmp_path)
    outputs: list[tuple[str, str]] = svc.outputs  # type: ignore[attr-defined]
    outputs[:] = [("Speakers", "Speakers")]

    async def create() -> str:
        await asyncio.sleep(0.01)
        outputs.append(("Dragoman Microphone (Dragoman plays here) (virtual mic)", "dragoman_sink"))
        return "ready"

    svc.create_virtual_mic = create
    ctl = controller()
    wizard = wizard_for(qtbot, ctl, svc)

    async def body() -> None:
        await to_page(wizard, "page_calls")
        wizard.virtual_mic.click()
        await until(lambda: ctl.settings.call_output == "dragoman_sink")

    run_on_qt(qapp, body())
    assert "now Dragoman's call output" in wizard.virtual_mic_status.text()
    run_on_qt(qapp, to_page(wizard, "page_done"))
    assert "Call output: Dragoman Microphone (Dragoman plays here)" in wizard.summary.text()


def test_without_a_virtual_microphone_service_the_page_says_what_to_install(
    qtbot: QtBot, tmp_path: Path
) -> None:
    svc = services(tmp_path)
    svc.create_virtual_mic = None
    wizard = wizard_for(qtbot, controller(), svc)
    assert not wizard.virtual_mic.isEnabled()
    assert "VB-CABLE" in wizard.virtual_mic_status.text()


# -- the keyring is never read on the Qt thread ---------------------------------------------------


@KEYRING_LEAKS_SOCKETS
def test_the_key_page_reads_the_real_keyring_off_the_qt_thread(
    qtbot: QtBot,
    qapp: QApplication,
    tmp_path: Path,
    keyring_here: dict[str, str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    KeyringStore().set("pinch", "pk_stored_key_4321")
    calls = KeyringCalls(monkeypatch)
    wizard = wizard_for(qtbot, controller(), services(tmp_path, KeyringStore()))
    assert calls.calls == []
    assert CHECKING in wizard.key_row.status.text()

    async def body() -> None:
        wizard.show()
        wizard.next()
        await until(lambda: CHECKING not in wizard.key_row.status.text())

    run_on_qt(qapp, body())
    assert wizard.key_row.status.text() == "A key ending in 4321 is stored in the OS keyring."
    assert wizard.key_row.edit.placeholderText().startswith("••••••••4321")
    assert calls.named("get") and calls.on_main_thread() == []
