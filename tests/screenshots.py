"""Screenshots for the README: each page of the setup assistant and the main window.

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m tests.screenshots resources/screenshots

Rendered offscreen (no window manager frame) with the real widgets, wired to a controller with
fake audio and sample transcript rows (a two-way exchange), so the pictures show what a person
sees without a service, a sound server or a keyring. tests/gui/test_screenshots.py runs this
into a temporary folder, so it keeps working as the widgets change.
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
from pathlib import Path

from PySide6.QtWidgets import QApplication, QWidget

from dragoman.controller import Latency, SessionController
from dragoman.core.engine import Engine
from dragoman.core.errors import AuthError
from dragoman.core.events import Transcript
from dragoman.core.pinch import CAPABILITIES as PINCH
from dragoman.core.pulse import CAPABILITIES as PULSE
from dragoman.core.settings import Settings
from dragoman.resources import load_languages
from dragoman.store.autostart import Autostart
from dragoman.store.keys import SessionOnlyStore
from dragoman.ui.first_run import FirstRunWizard
from dragoman.ui.icons import app_icon
from dragoman.ui.main_window import MainWindow
from dragoman.ui.services import SettingsServices
from tests.fakes import FakeCapture, FakePlayer
from tests.qtloop import run_on_qt, until

WIZARD_PAGES = ("welcome", "key", "microphone", "hotkey", "calls", "done")
EXCHANGE = (  # (role, text, correlation id): one two-way exchange, English ⇄ Spanish
    ("source", "Good morning! Did you find the office without trouble?", "c1"),
    ("translation", "¡Buenos días! ¿Encontró la oficina sin problemas?", "c1"),
    ("source", "Sí, gracias. El tráfico estaba tranquilo esta mañana.", "c2"),
    ("translation", "Yes, thank you. The traffic was light this morning.", "c2"),
    ("source", "Great. Shall we start with the budget for next quarter?", "c3"),
    ("translation", "Perfecto. ¿Empezamos con el presupuesto del próximo", "c3"),
)


def _no_engine(_settings: Settings) -> Engine:
    raise AuthError("screenshots open no session")


def _services(outputs: list[tuple[str, str]], home: Path) -> SettingsServices:
    secrets = SessionOnlyStore()
    secrets.set("pinch", "pk_live_7Qe2mVx1Rz9f3c")

    async def test_key(_engine: str, _key: str) -> str:
        return "The key works: a session was allocated."

    async def create_virtual_mic() -> str:
        outputs.append(("Dragoman Microphone (Dragoman plays here) (virtual mic)", "dragoman_sink"))
        return "ready"

    return SettingsServices(
        secrets=secrets,
        session_only=SessionOnlyStore(),
        engines={"pinch": "Pinch", "pulse": "Smallest Pulse"},
        list_inputs=lambda: [("USB Headset Microphone", "usb"), ("Built-in Microphone", "int")],
        list_outputs=lambda: list(outputs),
        test_key=test_key,
        autostart=Autostart(home / "autostart"),
        create_virtual_mic=create_virtual_mic,
    )


def _save(widget: QWidget, path: Path) -> None:
    if not widget.grab().save(str(path)):
        raise OSError(f"could not write {path}")


async def _wizard_pages(app: QApplication, out: Path, home: Path) -> list[Path]:
    controller = SessionController(
        settings=Settings(input_device="usb"),
        engine_factory=_no_engine,
        capture=FakeCapture(),
        player=FakePlayer(),
    )
    outputs = [("USB Headset", "usb_out"), ("Built-in Speakers", "speakers")]
    wizard = FirstRunWizard(
        controller, _services(outputs, home), hotkey="F9", backend_note="hotkey method: pynput"
    )
    wizard.resize(760, 560)
    wizard.show()
    written = []
    for number, name in enumerate(WIZARD_PAGES, 1):
        page = wizard.currentPage()
        if page is wizard.key_page:
            await until(lambda: "stored" in wizard.key_row.status.text())
        elif page is wizard.mic_page:
            controller.talking_changed.emit(True)
            controller.level_changed.emit(-19.0, -7.0)
            controller.talking_changed.emit(False)
            controller.mic_check_measured.emit(Latency(first_audio_ms=52.0))
            controller.level_changed.emit(-24.0, -11.0)
        elif page is wizard.hotkey_page:
            controller.hotkey_checked.emit("forward")
        elif page is wizard.calls_page:
            wizard.virtual_mic.click()
            await until(lambda: controller.settings.call_output == "dragoman_sink")
        await asyncio.sleep(0.05)
        app.processEvents()
        path = out / f"wizard-{number}-{name}.png"
        _save(wizard, path)
        written.append(path)
        if page is not wizard.done_page:
            wizard.next()
    wizard.accept()
    return written


def _main_window(out: Path) -> Path:
    settings = Settings(
        source_language="en",
        target_language="es",
        two_way=True,
        context="Acme, Q3 budget",
        recent_pairs=(("en", "es"), ("en", "de")),
    )
    controller = SessionController(
        settings=settings, engine_factory=_no_engine, capture=FakeCapture(), player=FakePlayer()
    )
    window = MainWindow(
        controller,
        load_languages(),
        {"pinch": PINCH, "pulse": PULSE},
        tray_available=True,
    )
    window.resize(960, 640)
    window.show()
    for role, text, cid in EXCHANGE:
        final = cid != "c3" or role == "source"
        event = Transcript(role, text, final, cid)  # type: ignore[arg-type]
        controller.segment_changed.emit(controller.builder.add(event))
    controller.session_id_changed.emit("ss_8f2c41d9")
    controller.latency_measured.emit(Latency(18.0, 412.0, 930.0))
    controller.state_changed.emit("ready")
    QApplication.processEvents()
    path = out / "main-window.png"
    _save(window, path)
    window.hide()
    return path


def capture(out: Path) -> list[Path]:
    """Render every screenshot into ``out``; returns the files written."""
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(["dragoman-screenshots"])
    assert isinstance(app, QApplication)
    app.setWindowIcon(app_icon())
    app.setQuitOnLastWindowClosed(False)
    with tempfile.TemporaryDirectory() as home:
        written = run_on_qt(app, _wizard_pages(app, out, Path(home)))
    written.append(_main_window(out))
    return written


if __name__ == "__main__":
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    for path in capture(Path(sys.argv[1] if len(sys.argv) > 1 else "resources/screenshots")):
        print(path)
