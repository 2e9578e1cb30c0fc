"""The composition root: builds QApplication and the asyncio-on-Qt loop, and wires the real I/O.

Nothing else in the app constructs keyrings, sockets, audio streams or hotkey hooks: they are
built here and handed to their owners, so tests can wire emulators and fakes the same way.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import logging.handlers
import os
import sys
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from dragoman import __version__
from dragoman.controller import SessionController
from dragoman.core.banners import Banner, Level, for_error
from dragoman.core.errors import AudioDeviceError, DragomanError, NoRunningInstance
from dragoman.core.settings import Settings
from dragoman.resources import load_languages

log = logging.getLogger("dragoman")


def log_dir() -> Path:
    base = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(base) / "dragoman"


def configure_logging(verbosity: int) -> Path:
    """Log to a rotating file (and stderr with -v); chatter that may carry tokens stays out."""
    folder = log_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "dragoman.log"
    handler = logging.handlers.RotatingFileHandler(path, maxBytes=1_000_000, backupCount=3)
    handler.setFormatter(logging.Formatter("%(asctime)s %(name)s %(levelname)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    if verbosity > 0:
        root.addHandler(logging.StreamHandler())
    root.setLevel(logging.DEBUG if verbosity > 1 else logging.INFO)
    for noisy in ("websockets", "httpx", "httpcore", "hpack", "asyncio", "qasync"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    return path


def run_gui(*, hidden: bool = False, verbosity: int = 0) -> int:
    """``dragoman`` with no sub-command: the desktop app (one instance per user)."""
    from dragoman.hotkeys.channel import send_command

    with contextlib.suppress(NoRunningInstance, DragomanError):
        send_command("show")
        print("Dragoman is already running: its window was brought up.", file=sys.stderr)
        return 0
    log_path = configure_logging(verbosity)
    log.info("Dragoman %s starting (log: %s)", __version__, log_path)

    import qasync

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("Dragoman")
    app.setApplicationVersion(__version__)
    app.setOrganizationName("Dragoman")
    app.setDesktopFileName("dragoman")
    app.setQuitOnLastWindowClosed(False)
    from dragoman.ui.gc_guard import MainThreadGarbageCollector

    collector = MainThreadGarbageCollector(parent=app)
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    desktop = DesktopApp(app, hidden=hidden)
    with loop:
        code: int = loop.run_until_complete(desktop.run())
    collector.stop()
    return code


class DesktopApp:
    """Owns every long-lived object of the GUI process and their shutdown order."""

    def __init__(self, app: QApplication, *, hidden: bool) -> None:
        self.app = app
        self.hidden = hidden
        self.quitting = asyncio.Event()
        self.tasks: set[asyncio.Task[Any]] = set()
        self.capture: Any = None
        self.player: Any = None
        self.virtual_mic: Any = None
        self.watcher: Any = None
        self.devices: list[Any] = []
        self.monitor_is_speakers = False
        self.ptt: Any = None  # set by start_hotkeys; the channel may be asked before that

    async def run(self) -> int:
        await self.start()
        await self.quitting.wait()
        await self.shutdown()
        return 0

    # ------------------------------------------------------------------------------------------

    async def start(self) -> None:
        import httpx

        from dragoman.engines import CAPABILITIES, DISPLAY_NAMES, EngineFactory
        from dragoman.hotkeys.channel import ChannelInUse, CommandServer
        from dragoman.providers.net import tls_context
        from dragoman.store.autostart import Autostart
        from dragoman.store.secrets import KeyringStore, SessionOnlyStore
        from dragoman.store.settings import SettingsStore
        from dragoman.ui.icons import app_icon
        from dragoman.ui.main_window import MainWindow
        from dragoman.ui.settings_dialog import SettingsServices
        from dragoman.ui.tray import Tray

        self.app.setWindowIcon(app_icon())
        self.store = SettingsStore()
        loaded = self.store.load()
        settings: Settings = loaded.settings
        self.http = httpx.AsyncClient(timeout=15, verify=tls_context())
        self.secrets = KeyringStore()
        self.session_only = SessionOnlyStore()
        self.engines = EngineFactory(
            http=self.http, secrets=self.secrets, session_only=self.session_only
        )
        self.controller = SessionController(
            settings=settings, engine_factory=self.engines, capture=None, player=None
        )
        self.controller.settings_changed.connect(self.save_settings)

        tray_available = Tray.available()
        self.window = MainWindow(
            self.controller, load_languages(), CAPABILITIES, tray_available=tray_available
        )
        self.window.settings_edited.connect(self.save_settings)
        self.window.settings_requested.connect(self.open_settings)
        self.window.quit_requested.connect(self.quit)
        self.tray: Tray | None = None
        if tray_available:
            self.tray = Tray(self.controller)
            self.tray.show_hide_requested.connect(self.toggle_window)
            self.tray.settings_requested.connect(lambda: self.open_settings("keys"))
            self.tray.quit_requested.connect(self.quit)
            self.tray.pair_chosen.connect(self.window.choose_pair)
            self.tray.muted_toggled.connect(self.controller.set_playback_muted)
            self.window.hidden_to_tray.connect(self.on_window_hidden_to_tray)
            self.tray.show()

        self.services = SettingsServices(
            secrets=self.secrets,
            session_only=self.session_only,
            engines=dict(DISPLAY_NAMES),
            list_inputs=lambda: self.device_choices("input"),
            list_outputs=lambda: self.device_choices("output"),
            test_key=lambda engine, key: self.engines.test_key(
                engine, key, self.controller.settings
            ),
            autostart=Autostart(),
            create_virtual_mic=self.create_virtual_mic_now,
        )

        self.server = CommandServer()
        self.server.command_received.connect(self.on_server_command_received)
        self.server.query_handler = self.status_json
        try:
            self.server.listen()
        except ChannelInUse as error:
            log.warning("%s", error)
        except DragomanError as error:
            self.show_banner(Banner("channel", Level.WARNING, str(error)))

        if loaded.notice:
            self.show_banner(Banner("settings", Level.WARNING, loaded.notice))
        if not self.hidden or not tray_available:
            self.window.show()

        await self.start_audio(settings)
        self.start_hotkeys(settings)
        from dragoman.hotkeys.session_watch import SessionWatcher

        # Screen lock, user switch or sleep ends an utterance (a stuck key must not talk on).
        self.session_watch = SessionWatcher.from_environment()
        self.session_watch.session_inactive.connect(self.on_session_watch_session_inactive)
        self.session_watch.start()
        if self.has_key(settings.engine):
            self.controller.warm_up()
        if not settings.first_run_done:
            self.open_first_run()

    def has_key(self, engine: str) -> bool:
        try:
            self.engines.key_for(engine)
        except DragomanError:
            return False
        return True

    # -- audio ----------------------------------------------------------------------------------

    async def start_audio(self, settings: Settings) -> None:
        loop = asyncio.get_running_loop()
        try:
            from dragoman.audio import devices as audio_devices
            from dragoman.audio.capture import Capture
            from dragoman.audio.playback import Player

            if settings.create_virtual_mic:
                await self.create_virtual_mic(loop)
            self.devices = await loop.run_in_executor(None, audio_devices.list_devices)
            chosen = audio_devices.resolve_input(settings.input_device or None, self.devices)
            if chosen.reason:
                self.show_banner(Banner("audio-input", Level.INFO, chosen.reason))
            self.capture = Capture(
                chosen.device,
                preroll_ms=settings.preroll_ms,
                tail_ms=settings.tail_ms,
                keep_open=settings.keep_mic_open,
                on_level=self.controller.report_level,
                on_error=self.on_audio_error,
            )
            call = self.output_device(settings.call_output)
            monitor = self.output_device(settings.monitor_output)
            self.monitor_is_speakers = bool(monitor is not None and monitor.builtin_speakers)
            self.player = Player(
                call,
                monitor,
                call_volume=settings.call_volume,
                monitor_volume=settings.monitor_volume,
                on_playing=self.controller.report_playing,
                on_first_played=self.controller.report_first_played,
                on_error=self.on_audio_error,
            )
            await self.capture.start()
            await self.player.start()
        except AudioDeviceError as error:
            log.warning("audio unavailable: %s", error)
            self.show_banner(for_error(error))
        except OSError as error:  # PortAudio itself missing
            self.show_banner(for_error(AudioDeviceError(f"Audio is unavailable ({error}).")))
        self.controller.attach_audio(
            self.capture, self.player, monitor_is_speakers=self.monitor_is_speakers
        )
        self.watch_devices()

    def output_device(self, value: str) -> Any:
        if not value:
            return None
        from dragoman.audio import devices as audio_devices

        chosen = audio_devices.resolve_output(None if value == "default" else value, self.devices)
        if chosen.reason:
            self.show_banner(Banner("audio-output", Level.INFO, chosen.reason))
        return chosen.device

    def device_choices(self, kind: str) -> list[tuple[str, str]]:
        usable = [d for d in self.devices if (d.is_input if kind == "input" else d.is_output)]
        choices = []
        for device in usable:
            notes = [n.replace("_", " ") for n in device.flags]
            label = device.name + (f" ({', '.join(notes)})" if notes else "")
            choices.append((label, device.id))
        return choices

    def watch_devices(self) -> None:
        try:
            from dragoman.audio.devices import DeviceWatcher
        except OSError:
            return
        self.watcher = DeviceWatcher(self.on_devices_changed)
        self.spawn(self.watcher.start())

    def on_devices_changed(self, devices: list[Any]) -> None:
        self.devices = devices
        log.info("audio devices changed: %d devices", len(devices))

    def on_audio_error(self, error: AudioDeviceError) -> None:
        self.show_banner(for_error(error))

    async def create_virtual_mic(self, loop: asyncio.AbstractEventLoop) -> str:
        from dragoman.audio.virtual_mic import create_virtual_microphone

        self.virtual_mic = await loop.run_in_executor(None, create_virtual_microphone)
        return (
            "“Dragoman Microphone” is ready: choose it as the microphone in your call app, "
            "and as Dragoman's call output."
        )

    def create_virtual_mic_now(self) -> str:
        from dragoman.audio.virtual_mic import create_virtual_microphone

        if self.virtual_mic is None:
            self.virtual_mic = create_virtual_microphone()
        self.save_settings(replace(self.controller.settings, create_virtual_mic=True))
        return "“Dragoman Microphone” is ready: pick it in your call app and as the call output."

    # -- hotkeys and the command channel ----------------------------------------------------------

    def start_hotkeys(self, settings: Settings) -> None:
        from dragoman.hotkeys.backends import choose_backend, make_backend
        from dragoman.hotkeys.pushtotalk import PushToTalk

        window = self.window

        def factory(name: str, events: Any, why: str) -> Any:
            return make_backend(name, events, why=why, window=window)

        self.ptt = PushToTalk(choose_backend(os.environ, settings.hotkey_backend), factory=factory)
        self.ptt.talk_started.connect(self.controller.start_talking)
        self.ptt.talk_stopped.connect(lambda _reason: self.controller.stop_talking())
        self.ptt.talk_cancelled.connect(lambda _reason: self.controller.cancel_talking())
        self.ptt.backend_changed.connect(self.on_ptt_backend_changed)
        try:
            self.ptt.start(settings.hotkey, settings.reverse_hotkey or None)
        except DragomanError as error:
            self.show_banner(Banner("hotkey", Level.WARNING, str(error)))

    def on_session_watch_session_inactive(self, reason: str) -> None:
        log.info("session inactive (%s): ending any utterance", reason)
        if self.ptt is not None:
            self.ptt.session_inactive()

    def on_settings_hotkey_recording_changed(self, recording: bool) -> None:
        """Recording the current hotkey in Settings must not start talking."""
        if self.ptt is None or self.ptt.backend_name == "portal":
            return  # the compositor owns portal shortcuts; restarting would ask the user again
        if recording:
            self.ptt.stop()
        else:
            settings = self.controller.settings
            self.ptt.start(settings.hotkey, settings.reverse_hotkey or None)

    def on_ptt_backend_changed(self, name: str, why: str) -> None:
        log.info("push-to-talk back end: %s (%s)", name, why)
        if name in ("none", "window"):
            self.show_banner(
                Banner(
                    "hotkey",
                    Level.WARNING,
                    f"The hotkey works only while Dragoman's window has focus: {why}. "
                    "Bind `dragoman ptt press` / `dragoman ptt release` in your desktop's "
                    "keyboard settings for a global key.",
                )
            )

    def on_server_command_received(self, command: str) -> None:
        if command == "show":
            self.show_window()
        elif command == "quit":
            self.quit()
        elif self.ptt is not None:
            self.ptt.run_command(command)

    def status_json(self, _query: str) -> str:
        """What the window shows, read back from its widgets and models (``dragoman status``)."""
        import json

        from dragoman.ui.transcript import ProvisionalRole

        model = self.window.transcript_model
        rows = []
        for row in range(model.rowCount()):
            original, translation = model.index(row, 0), model.index(row, 1)
            rows.append(
                {
                    "original": original.data(),
                    "translation": translation.data(),
                    "provisional": bool(original.data(ProvisionalRole))
                    or bool(translation.data(ProvisionalRole)),
                }
            )
        return json.dumps(
            {
                "state": self.controller.state.value,
                "state_text": self.window.state_label.text(),
                "session_id": self.window.session_button.text(),
                "latency": self.window.latency_label.text(),
                "tray": None if self.tray is None else self.tray.state.value,
                "window_visible": self.window.isVisible(),
                "hotkey_backend": None if self.ptt is None else self.ptt.backend_name,
                "banners": [b.text for b in self.window.banners.banners()],
                "rows": rows,
            },
            ensure_ascii=False,
        )

    # -- windows ----------------------------------------------------------------------------------

    def show_banner(self, banner: Banner) -> None:
        self.window.banners.show_banner(banner)

    def show_window(self) -> None:
        self.window.show()
        self.window.raise_()
        self.window.activateWindow()

    def toggle_window(self) -> None:
        if self.window.isVisible():
            self.window.hide()
        else:
            self.show_window()

    def on_window_hidden_to_tray(self) -> None:
        settings = self.controller.settings
        if self.tray is not None and self.tray.notify_hidden(settings.close_notice_shown):
            self.save_settings(replace(settings, close_notice_shown=True))

    def open_settings(self, page: str) -> None:
        from dragoman.ui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.controller.settings, self.services, self.window)
        dialog.show_page(page)
        dialog.settings_accepted.connect(self.on_settings_accepted)
        dialog.hotkey_recording_changed.connect(self.on_settings_hotkey_recording_changed)
        dialog.open()

    def on_settings_accepted(self, settings: Settings) -> None:
        old = self.controller.settings
        self.controller.apply_settings(settings)
        self.window.show_settings(settings)
        self.save_settings(settings)
        if (settings.hotkey, settings.reverse_hotkey, settings.hotkey_backend) != (
            old.hotkey,
            old.reverse_hotkey,
            old.hotkey_backend,
        ):
            if self.ptt is not None:
                self.ptt.stop()
            self.start_hotkeys(settings)
        audio_fields = (
            "input_device",
            "call_output",
            "monitor_output",
            "call_volume",
            "monitor_volume",
            "preroll_ms",
            "tail_ms",
            "keep_mic_open",
        )
        if any(getattr(settings, f) != getattr(old, f) for f in audio_fields):
            self.spawn(self.restart_audio(settings))

    async def restart_audio(self, settings: Settings) -> None:
        await self.stop_audio()
        await self.start_audio(settings)

    def open_first_run(self) -> None:
        from dragoman.ui.first_run import FirstRunWizard

        settings = self.controller.settings
        wizard = FirstRunWizard(
            self.controller,
            self.services,
            hotkey=settings.hotkey,
            backend_note=f"hotkey method: {self.ptt.backend_name if self.ptt else 'none'}",
            parent=self.window,
        )
        if self.ptt is not None:
            self.ptt.talk_started.connect(wizard.on_hotkey_pressed)
        wizard.finished_setup.connect(
            lambda: self.save_settings(replace(self.controller.settings, first_run_done=True))
        )
        wizard.open()

    def save_settings(self, settings: Settings) -> None:
        if settings != self.controller.settings:
            self.controller.apply_settings(settings)
        self.store.save(settings)

    # -- life cycle --------------------------------------------------------------------------------

    def spawn(self, coro: Any) -> asyncio.Task[Any]:
        task: asyncio.Task[Any] = asyncio.ensure_future(coro)
        self.tasks.add(task)
        task.add_done_callback(self.tasks.discard)
        return task

    def quit(self) -> None:
        self.quitting.set()

    async def stop_audio(self) -> None:
        capture, self.capture = self.capture, None
        player, self.player = self.player, None
        self.controller.attach_audio(None, None)
        if capture is not None:
            await capture.stop()
        if player is not None:
            await player.close()

    async def shutdown(self) -> None:
        """Tasks cancelled and awaited, streams closed, virtual mic removed, session closed."""
        started = time.monotonic()
        if self.ptt is not None:
            self.ptt.stop()
        self.session_watch.stop()
        self.server.close()
        await self.controller.shutdown()
        for task in list(self.tasks):
            task.cancel()
        for task in list(self.tasks):
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task
        if self.watcher is not None:
            await self.watcher.stop()
        await self.stop_audio()
        if self.virtual_mic is not None:
            with contextlib.suppress(DragomanError):
                self.virtual_mic.remove()
        await self.http.aclose()
        self.store.save(self.controller.settings)
        if self.tray is not None:
            self.tray.hide()
        self.window.hide()
        log.info("shut down in %.0f ms", (time.monotonic() - started) * 1000)
        QTimer.singleShot(0, self.app.quit)
