"""Screenshots for the README: each page of the setup assistant, the main window (light, dark,
at 480 x 360 and at scale 2), the compact window, the caption overlay over a call window, and
for "In a call": Settings → Audio with meeting mode, Settings → Profiles and the tray's Profile
menu.

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m tests.screenshots resources/screenshots

Rendered offscreen (no window manager frame) with the real widgets, wired to a controller with
fake audio and sample transcript rows (a two-way exchange), so the pictures show what a person
sees without a service, a sound server or a keyring. tests/gui/test_screenshots.py runs this
into a temporary folder, so it keeps working as the widgets change.

The scale-2 picture needs its own process (Qt reads ``QT_SCALE_FACTOR`` at start-up): this
module runs itself with ``--scale-2`` on a 1920 x 1080 offscreen screen. The "call" under the
caption overlay is a plain painted mock, not a real application.
"""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
import tempfile
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPen
from PySide6.QtWidgets import QApplication, QWidget

from dragoman.controller import Latency, SessionController
from dragoman.core import profiles
from dragoman.core.engine import Engine
from dragoman.core.errors import AuthError
from dragoman.core.events import Transcript
from dragoman.core.pinch import CAPABILITIES as PINCH
from dragoman.core.pulse import CAPABILITIES as PULSE
from dragoman.core.settings import Settings
from dragoman.resources import load_languages
from dragoman.store.autostart import Autostart
from dragoman.store.keys import SessionOnlyStore
from dragoman.ui import theme
from dragoman.ui.compact import CompactWindow
from dragoman.ui.first_run import FirstRunWizard
from dragoman.ui.icons import app_icon
from dragoman.ui.main_window import MainWindow
from dragoman.ui.overlay import CaptionOverlay
from dragoman.ui.services import SettingsServices
from dragoman.ui.settings_dialog import SettingsDialog
from dragoman.ui.tray import Tray
from tests.fakes import FakeCapture, FakePlayer
from tests.qtloop import run_on_qt, until

WIZARD_PAGES = ("welcome", "key", "microphone", "hotkey", "calls", "done")
# The main window and the reach pictures (issue 11), in the order capture() writes them.
REACH = (
    "main-window.png",
    "main-window-dark.png",
    "main-window-480x360.png",
    "main-window-scale-2.png",
    "compact-window.png",
    "caption-overlay.png",
)
# "In a call" (issue 17), in the order capture() writes them.
CALL = ("settings-audio-meeting.png", "settings-profiles.png", "tray-profile-menu.png")
ROOT = Path(__file__).resolve().parents[1]
WIDE = QSize(960, 640)
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


def _settings() -> Settings:
    return Settings(
        source_language="en",
        target_language="es",
        two_way=True,
        context="Acme, Q3 budget",
        recent_pairs=(("en", "es"), ("en", "de")),
    )


def _controller(settings: Settings) -> SessionController:
    return SessionController(
        settings=settings, engine_factory=_no_engine, capture=FakeCapture(), player=FakePlayer()
    )


def _exchange(controller: SessionController) -> None:
    """The sample rows; the last translation is still provisional (an interim)."""
    for role, text, cid in EXCHANGE:
        final = cid != "c3" or role == "source"
        event = Transcript(role, text, final, cid)  # type: ignore[arg-type]
        controller.segment_changed.emit(controller.builder.add(event))


def _main_window(path: Path, size: QSize | None = WIDE) -> Path:
    controller = _controller(_settings())
    window = MainWindow(
        controller,
        load_languages(),
        {"pinch": PINCH, "pulse": PULSE},
        tray_available=True,
    )
    if size is not None:
        window.resize(size)
    window.show()
    _exchange(controller)
    controller.session_id_changed.emit("ss_8f2c41d9")
    controller.latency_measured.emit(Latency(18.0, 412.0, 930.0))
    controller.state_changed.emit("ready")
    QApplication.processEvents()
    _save(window, path)
    window.hide()
    window.deleteLater()
    return path


def _compact_window(path: Path) -> Path:
    controller = _controller(_settings())
    window = CompactWindow(controller, load_languages())
    window.show()
    _exchange(controller)
    controller.state_changed.emit("ready")
    controller.level_changed.emit(-62.0, -62.0)
    QApplication.processEvents()
    _save(window, path)
    window.hide()
    window.deleteLater()
    return path


def _mock_call(size: QSize) -> QImage:
    """A plain stand-in for a video call window: two participant tiles and a toolbar."""
    image = QImage(size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(QColor("#202124"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    bar = 64
    gap = 16
    tile_w = (size.width() - 3 * gap) // 2
    tile_h = size.height() - bar - 2 * gap
    name_font = QFont(painter.font())
    name_font.setPointSize(11)
    for i, (name, colour) in enumerate((("Lucía Fernández", "#3c4a5c"), ("You", "#4a3c5c"))):
        tile = QRect(gap + i * (tile_w + gap), gap, tile_w, tile_h)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(colour))
        painter.drawRoundedRect(tile, 10, 10)
        painter.setBrush(QColor(colour).lighter(160))
        radius = min(tile_w, tile_h) // 5
        painter.drawEllipse(tile.center(), radius, radius)
        painter.setPen(QColor("#ffffff"))
        painter.setFont(name_font)
        painter.drawText(tile.adjusted(12, 10, 0, 0), Qt.AlignmentFlag.AlignTop, name)
    toolbar = QRect(0, size.height() - bar, size.width(), bar)
    painter.fillRect(toolbar, QColor("#17181b"))
    for i, (label, colour) in enumerate(
        (("Mute", "#3c4043"), ("Camera", "#3c4043"), ("Leave", "#d93025"))
    ):
        button = QRect(size.width() // 2 - 170 + i * 120, toolbar.top() + 12, 100, 40)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(colour))
        painter.drawRoundedRect(button, 20, 20)
        painter.setPen(QPen(QColor("#ffffff")))
        painter.drawText(button, Qt.AlignmentFlag.AlignCenter, label)
    painter.end()
    return image


def _caption_overlay(path: Path) -> Path:
    """The strip as it sits over a call (composited: offscreen has no desktop to grab)."""
    call_size = QSize(960, 600)
    controller = _controller(_settings())
    strip = CaptionOverlay(controller)
    strip.resize(720, strip.height())
    strip.show()
    _exchange(controller)
    QApplication.processEvents()
    caption = strip.grab().toImage()
    strip.hide()
    strip.deleteLater()
    image = _mock_call(call_size)
    painter = QPainter(image)
    at = QPoint((call_size.width() - caption.width()) // 2, call_size.height() - 64 - 24)
    painter.drawImage(at - QPoint(0, caption.height()), caption)
    painter.end()
    if not image.save(str(path)):
        raise OSError(f"could not write {path}")
    return path


def _call_settings() -> Settings:
    """Meeting mode on, the virtual microphone as the call output, and three profiles."""
    base = replace(
        _settings(),
        two_way=False,
        call_output="dragoman_sink",
        monitor_output="usb_out",
        monitor_volume=0.8,
        meeting_mode=True,
    )
    team = profiles.snapshot(base, "Team call (EN → ES)")
    supplier = profiles.snapshot(
        replace(base, target_language="de", voice="female"), "Supplier call (EN → DE)"
    )
    practice = profiles.snapshot(
        replace(base, call_output="", meeting_mode=False, ptt_mode="toggle"), "Practice alone"
    )
    return replace(
        base,
        profiles=(team, supplier, practice),
        active_profile=team.name,
        profile_hotkey="Ctrl+Alt+P",
    )


CALL_OUTPUTS = [
    ("Dragoman Microphone (Dragoman plays here) (virtual mic)", "dragoman_sink"),
    ("USB Headset", "usb_out"),
    ("Built-in Speakers", "speakers"),
]


async def _settings_page(page: str, path: Path, home: Path) -> Path:
    dialog = SettingsDialog(_call_settings(), _services(list(CALL_OUTPUTS), home))
    dialog.resize(760, 640)
    dialog.show_page(page)
    if page == "profiles":
        dialog.profiles_page.list.setCurrentRow(0)
    dialog.show()
    await asyncio.sleep(0.05)
    QApplication.processEvents()
    _save(dialog, path)
    dialog.done(0)
    dialog.deleteLater()
    return path


def _tray_profile_menu(path: Path) -> Path:
    """The tray menu with its Profile submenu open beside it (composited: offscreen has no
    desktop to grab), the active profile checked."""
    tray = Tray(_controller(_call_settings()))
    menu, submenu = tray.menu, tray.profile_menu
    menu.popup(QPoint(0, 0))
    menu.setActiveAction(submenu.menuAction())
    submenu.popup(QPoint(menu.sizeHint().width(), 0))
    QApplication.processEvents()
    left, right = menu.grab().toImage(), submenu.grab().toImage()
    top = menu.actionGeometry(submenu.menuAction()).top()
    image = QImage(
        QSize(left.width() + right.width() + 24, max(left.height(), top + right.height()) + 24),
        QImage.Format.Format_ARGB32_Premultiplied,
    )
    image.fill(QColor("#3b4252"))  # a desktop behind the menus
    painter = QPainter(image)
    painter.drawImage(QPoint(12, 12), left)
    painter.drawImage(QPoint(12 + left.width() - 4, 12 + top), right)
    painter.end()
    submenu.hide()
    menu.hide()
    tray.hide()
    tray.deleteLater()
    if not image.save(str(path)):
        raise OSError(f"could not write {path}")
    return path


async def _in_a_call(out: Path, home: Path) -> list[Path]:
    return [
        await _settings_page("audio", out / "settings-audio-meeting.png", home),
        await _settings_page("profiles", out / "settings-profiles.png", home),
        _tray_profile_menu(out / "tray-profile-menu.png"),
    ]


def _screen_config(folder: Path) -> Path:
    """An offscreen platform configuration with one 1920 x 1080 screen."""
    config = folder / "screen.json"
    screen = {"name": "fhd", "x": 0, "y": 0, "width": 1920, "height": 1080, "dpr": 1}
    config.write_text(json.dumps({"screens": [screen]}), encoding="utf-8")
    return config


def _scale_2(out: Path) -> Path:
    """The main window at QT_SCALE_FACTOR=2 on a 1920 x 1080 screen, in a child process."""
    path = out / "main-window-scale-2.png"
    with tempfile.TemporaryDirectory() as tmp:
        config = _screen_config(Path(tmp))
        env = {
            **os.environ,
            "QT_SCALE_FACTOR": "2",
            "QT_QPA_PLATFORM": f"offscreen:configfile={config}",
            "PYTHONPATH": os.pathsep.join([str(ROOT / "app"), str(ROOT)]),
        }
        subprocess.run(
            [sys.executable, "-m", "tests.screenshots", "--scale-2", str(out)],
            env=env,
            cwd=ROOT,
            check=True,
            timeout=120,
        )
    return path


def _reach(app: QApplication, out: Path) -> list[Path]:
    written = []
    try:
        theme.apply(app, "light")
        written.append(_main_window(out / "main-window.png"))
        theme.apply(app, "dark")
        written.append(_main_window(out / "main-window-dark.png"))
        theme.apply(app, "light")
        written.append(_main_window(out / "main-window-480x360.png", QSize(480, 360)))
        written.append(_scale_2(out))
        written.append(_compact_window(out / "compact-window.png"))
        written.append(_caption_overlay(out / "caption-overlay.png"))
    finally:
        theme.apply(app, "system")
    return written


def _app() -> QApplication:
    app = QApplication.instance() or QApplication(["dragoman-screenshots"])
    assert isinstance(app, QApplication)
    app.setWindowIcon(app_icon())
    app.setQuitOnLastWindowClosed(False)
    return app


def capture(out: Path) -> list[Path]:
    """Render every screenshot into ``out``; returns the files written."""
    out.mkdir(parents=True, exist_ok=True)
    app = _app()
    with tempfile.TemporaryDirectory() as home:
        written = run_on_qt(app, _wizard_pages(app, out, Path(home)))
        written += _reach(app, out)
        theme.apply(app, "light")
        try:
            written += run_on_qt(app, _in_a_call(out, Path(home)))
        finally:
            theme.apply(app, "system")
    return written


def capture_scale_2(out: Path) -> Path:
    """In the child process: the window opens as it would, fitted to the (scaled) screen."""
    app = _app()
    theme.apply(app, "light")
    return _main_window(out / "main-window-scale-2.png", size=None)


if __name__ == "__main__":
    arguments = sys.argv[1:]
    if arguments[:1] == ["--scale-2"]:
        capture_scale_2(Path(arguments[1]))
    else:
        with tempfile.TemporaryDirectory() as folder:
            # A full HD screen, so the wide window is not fitted to offscreen's small default.
            os.environ.setdefault(
                "QT_QPA_PLATFORM", f"offscreen:configfile={_screen_config(Path(folder))}"
            )
            for path in capture(Path(arguments[0] if arguments else "resources/screenshots")):
                print(path)
