"""The composition root: builds QApplication and the asyncio-on-Qt loop, and wires the real I/O.

Nothing else in the app constructs keyrings, sockets, audio streams or hotkey hooks: they are
built here and handed to their owners, so tests can wire emulators and fakes the same way.
"""

from __future__ import annotations

import asyncio
import atexit
import contextlib
import dataclasses
import logging
import logging.handlers
import os
import sys
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from dragoman import __version__, instrument
from dragoman.blocking import shutdown_pool
from dragoman.core import counters
from dragoman.core.banners import Banner, Level, for_error
from dragoman.core.errors import (
    AudioDeviceError,
    DragomanError,
    NoRunningInstance,
    SecretStoreUnavailable,
)
from dragoman.core.settings import Settings
from dragoman.resources import load_languages

if TYPE_CHECKING:
    from dragoman.controller import SessionController

log = logging.getLogger("dragoman")


def log_dir() -> Path:
    base = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(base) / "dragoman"


def configure_logging(verbosity: int) -> Path:
    """Log INFO to a rotating file, and to stderr only with -v; chatter that may carry tokens
    stays out.

    A stderr handler already on the root logger (``logging.basicConfig`` before us) is removed:
    the root level becomes INFO here, so it would print every INFO line without -v.
    """
    folder = log_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "dragoman.log"
    formatter = logging.Formatter("%(asctime)s %(name)s %(levelname)s: %(message)s")
    handler = logging.handlers.RotatingFileHandler(path, maxBytes=1_000_000, backupCount=3)
    handler.setFormatter(formatter)
    root = logging.getLogger()
    for old in list(root.handlers):
        if type(old) is logging.StreamHandler and old.stream in (sys.stderr, sys.__stderr__):
            root.removeHandler(old)
    root.addHandler(handler)
    if verbosity > 0:
        stderr = logging.StreamHandler(sys.stderr)
        stderr.setFormatter(formatter)
        root.addHandler(stderr)
    root.setLevel(logging.DEBUG if verbosity > 1 else logging.INFO)
    for noisy in ("websockets", "httpx", "httpcore", "hpack", "asyncio", "qasync"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    return path


class VisibilityWatch(QObject):
    """Calls ``changed()`` whenever ``widget`` is shown or hidden (to the tray, minimised)."""

    def __init__(self, widget: QWidget, changed: Callable[[], None]) -> None:
        super().__init__(widget)
        self._changed = changed
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # Qt names it
        if event.type() in (QEvent.Type.Show, QEvent.Type.Hide, QEvent.Type.WindowStateChange):
            self._changed()
        return False


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
    # What "nothing runs at rest" is measured with (dragoman status --json → "counters").
    instrument.count_loop_timers(loop, on_activity=collector.poke)
    instrument.QtTimerCounter(app)
    instrument.count_child_processes()
    desktop = DesktopApp(app, hidden=hidden)
    # The last resort if the loop dies under us: no virtual microphone outlives the process.
    atexit.register(desktop.last_resort)
    try:
        with loop:
            code: int = loop.run_until_complete(desktop.run())
    finally:
        collector.stop()
        desktop.last_resort()
        atexit.unregister(desktop.last_resort)
        shutdown_pool()
    return code


class DesktopApp:
    """Builds the long-lived objects of the GUI process and connects them.

    It only wires: each live resource has its own owner with an idempotent ``aclose()`` (the
    controller for holds and sessions, the audio rig for devices and the virtual microphone, the
    push-to-talk object for hotkeys), and :meth:`run` closes them on every way out: Quit, SIGTERM,
    SIGINT, SIGHUP, a failed start or an exception.
    """

    def __init__(self, app: QApplication, *, hidden: bool) -> None:
        self.app = app
        self.hidden = hidden
        self.quitting = asyncio.Event()
        self.tasks: set[asyncio.Task[Any]] = set()
        self.rig: Any = None
        self.ptt: Any = None
        self.server: Any = None
        self.session_watch: Any = None
        self.signals: Any = None
        self.http: Any = None
        self.controller: SessionController | None = None
        self.history: Any = None  # the recorder of the conversation (history)
        self.history_browser: Any = None
        self.window: Any = None
        self.tray: Any = None
        self.floating: Any = None  # the compact window and the caption overlay (ui.floating)
        self.engines: Any = None
        self.services: Any = None
        self.dubbing: Any = None  # the dubbing queue (built on first need), and its window
        self.dubbing_window: Any = None
        self._dialogs: set[Any] = set()
        self.ui_language: Any = None  # the installed catalogue (ui.i18n.Installed)
        self._shut_down = False

    async def run(self) -> int:
        try:
            await self.start()
            await self.quitting.wait()
        finally:
            await self.shutdown()
        return 0

    # ------------------------------------------------------------------------------------------

    async def start(self) -> None:
        """The window first (what the user waits for), then everything that talks to the world.

        Only what the first window needs is imported before it shows; the network clients, the
        keyring, the audio devices and the hotkey back end follow once it is on screen.
        """
        from dragoman.controller import SessionController, SettingsModel
        from dragoman.core import pinch, pulse
        from dragoman.hotkeys.backends import choose_backend, make_backend
        from dragoman.hotkeys.channel import ChannelInUse, CommandServer
        from dragoman.hotkeys.pushtotalk import PushToTalk
        from dragoman.lifecycle import SignalWatch, install_exception_handler
        from dragoman.store.settings import SettingsStore
        from dragoman.ui.floating import FloatingWindows
        from dragoman.ui.icons import app_icon
        from dragoman.ui.main_window import MainWindow
        from dragoman.ui.placement import screen_configuration
        from dragoman.ui.tray import Tray

        self.signals = SignalWatch(lambda _signum: self.quit())
        install_exception_handler(asyncio.get_running_loop(), self.on_internal_error)
        self.app.setWindowIcon(app_icon())
        self.store = SettingsStore()
        loaded = self.store.load()
        settings: Settings = loaded.settings
        from dragoman.ui import i18n, theme

        # Before any widget: one catalogue (or none) for the whole run; a change applies at
        # the next start.
        self.ui_language = i18n.install(settings.ui_language)

        theme.apply(self.app, settings.theme)
        self.model = SettingsModel(settings)
        from dragoman.controller.usage import UsageTracker
        from dragoman.store.usage import UsageStore

        usage_store = UsageStore()  # a small JSON file: the minutes sent per day
        usage = UsageTracker.for_settings(settings, usage_store.load(), persist=usage_store.add)
        controller = SessionController(
            settings=self.model,
            engine_factory=self.engine_for,
            capture=None,
            player=None,
            key_probe=self.key_fingerprint,
            usage=usage,
        )
        self.controller = controller
        controller.audio_starting()  # a key-down before the devices are up waits for them

        tray_available = Tray.available()
        capabilities = {"pinch": pinch.CAPABILITIES, "pulse": pulse.CAPABILITIES}
        self.window = MainWindow(
            controller, load_languages(), capabilities, tray_available=tray_available
        )
        self.window.settings_requested.connect(self.open_settings)
        self.start_history(controller)
        self.window.quit_requested.connect(self.quit)
        self.window.dubbing_requested.connect(self.open_dubbing)
        self.window.first_run_requested.connect(self.open_first_run)
        self.window.about_requested.connect(self.open_about)
        self.window.restore_geometry(self.store.window_geometry(screen_configuration()))
        # Push-to-talk exists before anything can press it (the command channel, the window);
        # its back end (the global hotkey) comes later and presses made meanwhile still count.
        window = self.window

        def backend_factory(name: str, events: Any, why: str) -> Any:
            return make_backend(name, events, why=why, window=window)

        self.ptt = PushToTalk(
            choose_backend(os.environ, settings.hotkey_backend), factory=backend_factory
        )
        self.ptt.configure(settings.ptt_mode, settings.max_utterance_s)
        self.ptt.talk_started.connect(controller.start_talking)
        self.ptt.talk_ended_at.connect(controller.stop_talking)  # the tail counts from key-up
        self.ptt.talk_cancelled.connect(lambda _reason: controller.cancel_talking())
        self.ptt.backend_changed.connect(self.on_ptt_backend_changed)
        self.ptt.action_triggered.connect(self.on_ptt_action_triggered)  # say again, mute all
        # The window's button is one more key: the same modes and limits apply to it.
        self.window.route_talk_button(self.ptt.press, self.ptt.release)
        # The compact window and the caption overlay: built when first shown; on/off are
        # settings (compact_window, caption_overlay), toggled from the tray and the Dragoman menu.
        self.floating = FloatingWindows(controller, self.window.languages)
        self.floating.restore_compact_geometry(
            self.store.window_geometry(screen_configuration(), window="compact")
        )
        self.floating.route_talk_button(self.ptt.press, self.ptt.release)
        self.floating.main_window_requested.connect(self.show_window)
        self.floating.compact_visibility_changed.connect(lambda _shown: self.update_metering())
        self.window.compact_toggled.connect(self.floating.set_compact_shown)
        self.window.overlay_toggled.connect(self.floating.set_overlay_shown)
        self.window.overlay_move_requested.connect(self.floating.move_overlay)
        self.model.changed.connect(self.on_model_changed)
        controller.banner_raised.connect(self.on_controller_banner_raised)
        controller.say_again_refused.connect(self.on_controller_say_again_refused)
        # The level meter runs only while someone looks: the window, a dialog or a hold.
        controller.talking_changed.connect(lambda _talking: self.update_metering())
        self.visibility = VisibilityWatch(self.window, self.update_metering)
        if tray_available:
            self.tray = Tray(controller)
            self.tray.show_hide_requested.connect(self.toggle_window)
            self.tray.settings_requested.connect(lambda: self.open_settings("keys"))
            self.tray.quit_requested.connect(self.quit)
            self.tray.dubbing_requested.connect(self.open_dubbing)
            self.tray.first_run_requested.connect(self.open_first_run)
            self.tray.pair_chosen.connect(self.window.choose_pair)
            self.tray.muted_toggled.connect(controller.set_playback_muted)
            self.tray.mute_all_toggled.connect(controller.set_muted_all)
            self.tray.say_again_requested.connect(controller.say_again)
            self.tray.compact_toggled.connect(self.floating.set_compact_shown)
            self.tray.overlay_toggled.connect(self.floating.set_overlay_shown)
            self.tray.overlay_move_requested.connect(self.floating.move_overlay)
            self.window.hidden_to_tray.connect(self.on_window_hidden_to_tray)
            self.tray.show()

        self.server = CommandServer()
        self.server.command_received.connect(self.on_server_command_received)
        self.server.query_handler = self.answer_query
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
        log.info("window ready")
        self.floating.show_settings(settings)  # what was on at the last quit comes back
        await asyncio.sleep(0)  # let it paint before the heavier imports below

        await self.start_services(settings)

    async def start_services(self, settings: Settings) -> None:
        """Network, keyring, audio devices, the global hotkey, the session watch, warm-up."""
        self.ensure_engines()
        from dragoman.audio.rig import AudioRig

        controller = self.controller
        assert controller is not None
        self.rig = AudioRig(
            on_level=controller.report_level,
            on_playing=controller.report_playing,
            on_first_played=controller.report_first_played,
            on_error=self.on_audio_error,
            on_attached=self.on_rig_attached,
            on_notice=self.on_rig_notice,
        )
        self.rig.set_metering(self.someone_looks())
        await self.rig.reconfigure(settings)
        controller.attach_passthrough(self.rig.set_passthrough_muted)  # meeting mode
        self.start_hotkeys(settings)
        from dragoman.hotkeys.session_watch import SessionWatcher

        # Screen lock, user switch or sleep ends an utterance (a stuck key must not talk on).
        self.session_watch = SessionWatcher.from_environment()
        self.session_watch.session_inactive.connect(self.on_session_watch_session_inactive)
        self.session_watch.start()
        if await self.has_key(settings.engine):
            controller.warm_up()
        if not settings.first_run_done:
            self.open_first_run()
        await self.resume_dubbing()

    def ensure_engines(self) -> Any:
        """The engine factory with its HTTP client and key stores, built on first need."""
        if self.engines is None:
            import httpx

            from dragoman.engines import EngineFactory
            from dragoman.providers.net import tls_context
            from dragoman.store.secrets import KeyringStore, SessionOnlyStore

            self.http = httpx.AsyncClient(timeout=15, verify=tls_context())
            self.secrets = KeyringStore()
            self.session_only = SessionOnlyStore()
            self.engines = EngineFactory(
                http=self.http, secrets=self.secrets, session_only=self.session_only
            )
        return self.engines

    async def engine_for(self, settings: Settings) -> Any:
        engine = await self.ensure_engines().engine_for(settings)
        # The history sees the audio pushed into each session: segment times come from it.
        return engine if self.history is None else self.history.tap(engine)

    # -- the history ------------------------------------------------------------------------------

    def start_history(self, controller: SessionController) -> None:
        """The recorder (every final of the conversation, into the history file's writer thread)
        and the browser (the History panel's requests); the window's live view pages from it."""
        from dragoman.controller.history import HistoryBrowser, HistoryRecorder
        from dragoman.store.history import HistoryService
        from dragoman.store.usage import UsageStore

        store = HistoryService()
        self.history = HistoryRecorder(controller=controller, store=store)
        self.history_browser = HistoryBrowser(
            controller=controller,
            store=store,
            recorder=self.history,
            usage=UsageStore().read,  # the minutes sent per day, read on the blocking pool
        )
        self.window.attach_history(self.history, self.history_browser)
        self.history.start()

    def history_status(self) -> dict[str, Any] | None:
        if self.history is None:
            return None
        store = self.history.store
        return {
            "recording": self.history.recording,
            "path": str(store.path),
            "pending": store.pending,
            "failures": store.failures,
            "conversation": self.history.conversation_uid,
        }

    def settings_services(self) -> Any:
        """What the Settings dialog and the wizard use, built when one first opens."""
        if self.services is None:
            from dragoman.audio.route_test import check_route_async
            from dragoman.engines import DISPLAY_NAMES
            from dragoman.store.autostart import Autostart
            from dragoman.ui.settings_dialog import SettingsServices

            engines = self.ensure_engines()
            controller = self.controller
            assert controller is not None
            self.services = SettingsServices(
                secrets=self.secrets,
                session_only=self.session_only,
                engines=dict(DISPLAY_NAMES),
                list_inputs=lambda: self.rig.device_choices("input") if self.rig else [],
                list_outputs=lambda: self.rig.device_choices("output") if self.rig else [],
                test_key=lambda engine, key: engines.test_key(engine, key, controller.settings),
                autostart=Autostart(),
                on_key_changed=controller.key_changed,
                create_virtual_mic=self.create_virtual_mic_now,
                test_route=check_route_async,
            )
        return self.services

    async def key_fingerprint(self, engine: str) -> str | None:
        """Which key is stored now (a hash, never the key): a refused key replaced from outside
        the app (``dragoman auth set``) is noticed at the next hold."""
        import hashlib

        engines = self.ensure_engines()
        engines.forget(engine)  # the keyring is the truth, not what was cached
        try:
            key = await engines.resolve_key(engine)
        except DragomanError:
            return None
        return hashlib.sha256(key.encode()).hexdigest()[:16]

    async def has_key(self, engine: str) -> bool:
        try:
            await self.ensure_engines().resolve_key(engine)
        except SecretStoreUnavailable as error:
            self.show_banner(for_error(error))  # locked or refusing: not the same as "no key"
            return False
        except DragomanError:
            return False
        return True

    # -- settings: one route for every change ------------------------------------------------------

    def on_model_changed(self, old: Settings, new: Settings) -> None:
        """Saved, and applied by whoever it concerns (the controller subscribes on its own)."""
        self.store.save(new)
        if (new.hotkey, new.reverse_hotkey, new.hotkey_backend) != (
            old.hotkey,
            old.reverse_hotkey,
            old.hotkey_backend,
        ) or action_hotkeys(new) != action_hotkeys(old):
            self.start_hotkeys(new)
        if (new.ptt_mode, new.max_utterance_s) != (old.ptt_mode, old.max_utterance_s):
            self.ptt.configure(new.ptt_mode, new.max_utterance_s)
        if any(getattr(new, f) != getattr(old, f) for f in AUDIO_FIELDS) and self.rig is not None:
            self.spawn(self.rig.reconfigure(new))
        if new.theme != old.theme:
            from dragoman.ui import theme

            theme.apply(self.app, new.theme)

    def answer_query(self, command: str) -> str:
        """The command channel's questions: ``status``, ``set NAME=VALUE``, and the meeting
        commands, whose reply says what happened (``say-again``, ``mute-all on|off|toggle``)."""
        verb, _, argument = command.partition(" ")
        if verb in ("say-again", "mute-all"):
            return self.answer_meeting_command(verb, argument)
        if verb == "profile":
            from dragoman.controller.profile_commands import answer_profile_command

            assert self.controller is not None
            return answer_profile_command(self.controller, argument)
        if verb == "set":
            from dragoman.core.settings import with_value

            name, _, value = argument.partition("=")
            self.model.update(with_value(self.model.value, name, value))
            return f"{name} = {getattr(self.model.value, name)!r}"
        return self.status_json()

    def answer_meeting_command(self, verb: str, argument: str) -> str:
        from dragoman.core.errors import UsageError
        from dragoman.ui import meeting

        controller = self.controller
        assert controller is not None
        if verb == "mute-all":
            on = not controller.muted_all if argument == "toggle" else argument == "on"
            controller.set_muted_all(on)
            return "muted" if controller.muted_all else "unmuted"
        refusal = controller.say_again_refusal()
        if refusal is not None or not controller.say_again():
            raise UsageError(meeting.say_again_refusal(refusal or "nothing"))
        return "said again"

    def on_ptt_action_triggered(self, action: str) -> None:
        from dragoman.hotkeys.events import (
            MUTE_ALL,
            NEXT_PROFILE,
            SAY_AGAIN,
            TOGGLE_COMPACT,
            TOGGLE_OVERLAY,
        )

        controller = self.controller
        assert controller is not None
        if action == SAY_AGAIN:
            controller.say_again()
        elif action == MUTE_ALL:
            controller.toggle_muted_all()
        elif action == NEXT_PROFILE:
            controller.next_profile()  # during a hold: from the next one
        elif action == TOGGLE_COMPACT and self.floating is not None:
            self.floating.set_compact_shown(not controller.settings.compact_window)
        elif action == TOGGLE_OVERLAY and self.floating is not None:
            self.floating.set_overlay_shown(not controller.settings.caption_overlay)

    def on_controller_say_again_refused(self, reason: str) -> None:
        """The window's status bar says why; while it is hidden, a notification does."""
        if self.tray is not None and not self.window.isVisible():
            from dragoman.ui import meeting

            self.tray.notify("Dragoman", meeting.say_again_refusal(reason))

    # -- audio ----------------------------------------------------------------------------------

    def on_rig_attached(self, capture: Any, player: Any, monitor_is_speakers: bool) -> None:
        if self.controller is not None:
            self.controller.attach_audio(capture, player, monitor_is_speakers=monitor_is_speakers)

    def someone_looks(self) -> bool:
        """Whether a level meter may be on screen or a hold runs (the meter's only uses)."""
        controller = self.controller
        return bool(
            (self.window is not None and self.window.isVisible())
            or (self.floating is not None and self.floating.compact_shown)
            or self._dialogs
            or (controller is not None and controller.talking)
        )

    def update_metering(self) -> None:
        if self.rig is not None:
            self.rig.set_metering(self.someone_looks())

    def on_rig_notice(self, key: str, sentence: str) -> None:
        self.show_banner(Banner(key, Level.INFO, sentence))

    def on_audio_error(self, error: AudioDeviceError) -> None:
        self.show_banner(for_error(error))

    async def create_virtual_mic_now(self) -> str:
        """The Settings button: create "Dragoman Microphone" (off the Qt thread), and keep it."""
        sentence: str = await self.rig.ensure_virtual_mic()
        self.model.update(replace(self.model.value, create_virtual_mic=True))
        return sentence

    # -- hotkeys and the command channel ----------------------------------------------------------

    def start_hotkeys(self, settings: Settings) -> None:
        from dragoman.hotkeys.backends import choose_backend

        self.ptt.choice = choose_backend(os.environ, settings.hotkey_backend)
        actions = action_hotkeys(settings)
        try:
            self.ptt.start(settings.hotkey, settings.reverse_hotkey or None, actions=actions)
        except DragomanError as error:
            if not actions:
                self.show_banner(Banner("hotkey", Level.WARNING, str(error)))
                return
            # A bad or clashing one-shot key (say it again, mute all …) must not take the talk
            # key with it: talk keys alone, and say which setting to fix.
            try:
                self.ptt.start(settings.hotkey, settings.reverse_hotkey or None)
            except DragomanError as again:
                self.show_banner(Banner("hotkey", Level.WARNING, str(again)))
                return
            sentence = QCoreApplication.translate(
                "DesktopApp",
                "%1 The talk keys work; the other hotkeys (%2) are off until that is fixed in "
                "Settings → Push-to-talk.",
            )
            sentence = sentence.replace("%1", str(error)).replace("%2", ", ".join(actions))
            self.show_banner(Banner("hotkey", Level.WARNING, sentence))

    def on_session_watch_session_inactive(self, reason: str) -> None:
        log.info("session inactive (%s): ending any utterance", reason)
        self.ptt.session_inactive()

    def on_settings_hotkey_recording_changed(self, recording: bool) -> None:
        """Recording the current hotkey in Settings must not start talking."""
        if self.ptt.backend_name == "portal":
            return  # the compositor owns portal shortcuts; restarting would ask the user again
        if recording:
            self.ptt.stop()
        else:
            self.start_hotkeys(self.model.value)

    def on_ptt_backend_changed(self, name: str, why: str) -> None:
        log.info("push-to-talk back end: %s (%s)", name, why)
        if name in ("none", "window"):
            self.show_banner(
                Banner(
                    "hotkey",
                    Level.WARNING,
                    QCoreApplication.translate(
                        "DesktopApp",
                        "The hotkey works only while Dragoman's window has focus: %1. Bind "
                        "`dragoman ptt press` / `dragoman ptt release` in your desktop's "
                        "keyboard settings for a global key.",
                    ).replace("%1", why),
                )
            )
        else:
            self.window.banners.clear("hotkey")

    def on_server_command_received(self, command: str) -> None:
        if command == "show":
            self.show_window()
        elif command == "hide":
            self.window.hide()  # to the tray, as its close button does
        elif command == "quit":
            self.quit()
        else:
            self.ptt.run_command(command)

    def status_json(self) -> str:
        """What the window shows, read back from its widgets and models (``dragoman status``)."""
        import json

        from dragoman.ui.transcript import ProvisionalRole, SaidAgainRole

        assert self.controller is not None
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
                    "said_again": int(translation.data(SaidAgainRole) or 0),
                }
            )
        rig = self.rig
        return json.dumps(
            {
                "state": self.controller.state.value,
                "ui_language": self.ui_language.language,
                "state_text": self.window.state_label.text(),
                "talk_button": self.window.ptt.text(),
                "compact_window": self.floating is not None and self.floating.compact_shown,
                "caption_overlay": self.floating is not None and self.floating.overlay_shown,
                "session_id": self.window.session_button.text(),
                "sessions_opened": self.controller.sessions_opened,
                "latency": self.window.latency_label.text(),
                "tray": None if self.tray is None else self.tray.state.value,
                "tray_tooltip": None if self.tray is None else self.tray.tooltip,
                "notifications": [] if self.tray is None else list(self.tray.notifications),
                "window_visible": self.window.isVisible(),
                "window_geometry": self.window.placement(),
                "hotkey_backend": self.ptt.backend_name,
                "ptt_mode": self.ptt.machine.mode.value,
                "max_utterance_s": self.ptt.machine.timings.max_utterance,
                "banners": [b.text for b in self.window.banners.banners()],
                "dialogs_open": len(self._dialogs),
                "virtual_mic": bool(rig is not None and rig.virtual_mic is not None),
                "passthrough": bool(rig is not None and rig.passthrough is not None),
                "meeting": self.controller.meeting.value,
                "meeting_text": self.window.meeting_label.text(),
                "muted_all": self.controller.muted_all,
                "profile": self.controller.active_profile,
                "profile_pending": self.controller.pending_profile,
                "said_again": self.window.transcript_model.said_again_count,
                "device_watchers": int(rig is not None and rig.watcher is not None),
                "metering": bool(rig is not None and rig.metering),
                "mic_open": bool(rig is not None and rig.capture and rig.capture.is_open),
                "playout": (
                    None
                    if rig is None or rig.player is None
                    else dataclasses.asdict(rig.player.playout)
                ),
                "counters": counters.snapshot(),
                "usage": (
                    None
                    if (reading := self.controller.usage_reading) is None
                    else reading.status_text()
                ),
                "rows": rows,
                "history": self.history_status(),
            },
            ensure_ascii=False,
        )

    # -- windows ----------------------------------------------------------------------------------

    def show_banner(self, banner: Banner) -> None:
        self.window.banners.show_banner(banner)
        self.on_controller_banner_raised(banner)

    def on_controller_banner_raised(self, banner: Banner) -> None:
        """While the window is hidden, an error becomes a desktop notification (once per cause)."""
        if banner.level is Level.ERROR and self.tray is not None and not self.window.isVisible():
            self.tray.notify_error(banner)

    def on_internal_error(self, sentence: str) -> None:
        if self.window is not None:
            self.show_banner(Banner("internal", Level.ERROR, sentence))

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
        settings = self.model.value
        if self.tray is not None and self.tray.notify_hidden(settings.close_notice_shown):
            self.model.update(replace(settings, close_notice_shown=True))

    def keep_dialog(self, dialog: Any) -> None:
        """Dialogs are deleted when closed; until then this keeps them (and nothing after)."""
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        self._dialogs.add(dialog)
        dialog.destroyed.connect(lambda _obj=None, d=dialog: self.forget_dialog(d))
        dialog.finished.connect(lambda _result, d=dialog: self.forget_dialog(d))
        self.update_metering()

    def forget_dialog(self, dialog: Any) -> None:
        self._dialogs.discard(dialog)
        self.update_metering()

    def open_settings(self, page: str) -> None:
        from dragoman.ui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.model.value, self.settings_services(), self.window)
        self.keep_dialog(dialog)
        dialog.show_page(page)
        if self.history_browser is not None:
            dialog.history_page.set_clear(self.history_browser.clear)
        dialog.settings_accepted.connect(self.model.update)
        dialog.hotkey_recording_changed.connect(self.on_settings_hotkey_recording_changed)
        dialog.open()

    def open_about(self) -> None:
        from dragoman.core.i18n import QT_TRANSLATE_NOOP
        from dragoman.store.history import default_path as history_path
        from dragoman.ui.about import AboutDialog, AboutInfo
        from dragoman.versions import component_versions

        history = self.history.store.path if self.history is not None else history_path()
        info = AboutInfo(
            component_versions(),  # PortAudio is loaded by now: its version is a quick call
            [  # English names (a bug report's lines), shown translated
                (QT_TRANSLATE_NOOP("AboutDialog", "Log file"), log_dir() / "dragoman.log"),
                (QT_TRANSLATE_NOOP("AboutDialog", "Settings file"), self.store.path),
                (QT_TRANSLATE_NOOP("AboutDialog", "History"), history),
            ],
        )
        dialog = AboutDialog(info, self.window)
        self.keep_dialog(dialog)
        dialog.open()

    def open_first_run(self) -> None:
        from dragoman.ui.first_run import FirstRunWizard

        assert self.controller is not None
        settings = self.model.value
        wizard = FirstRunWizard(
            self.controller,
            self.settings_services(),
            hotkey=settings.hotkey,
            backend_note=f"hotkey method: {self.ptt.backend_name}",
            parent=self.window,
        )
        self.keep_dialog(wizard)  # the talk key reaches it as controller.hotkey_checked
        wizard.finished_setup.connect(
            lambda: self.model.update(replace(self.model.value, first_run_done=True))
        )
        wizard.open()

    # -- dubbing ----------------------------------------------------------------------------------

    def ensure_dubbing(self) -> Any:
        """The dubbing queue and its (hidden) window, built when first needed: the menu, or a
        job that was under way when the app last quit (its waiting resumes)."""
        if self.dubbing is None:
            from dragoman.controller.dubbing import DubbingQueue
            from dragoman.store.jobs import JobStore
            from dragoman.ui.dubbing import DubbingWindow

            self.dubbing = DubbingQueue(store=JobStore(), runner_factory=self.dubbing_runner)
            self.dubbing_window = DubbingWindow(
                self.dubbing, load_languages(), notify=self.notify_dubbing
            )
            self.spawn(self.dubbing.start())
        return self.dubbing

    async def dubbing_runner(self) -> Any:
        """A job runner with the Pinch key as it is now (read off the Qt thread)."""
        from PySide6.QtCore import QStandardPaths

        from dragoman.core.dubbing import POLL_INTERVAL_S
        from dragoman.providers.dubbing import (
            DubbingClient,
            DubbingConfig,
            JobRunner,
            dubbing_base_url,
        )

        key = await self.ensure_engines().resolve_key("pinch")
        client = DubbingClient(
            api_key=key, http=self.http, config=DubbingConfig(base_url=dubbing_base_url())
        )
        downloads = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DownloadLocation
        )
        return JobRunner(
            client, poll_s=POLL_INTERVAL_S, url_output_dir=Path(downloads or Path.home())
        )

    async def resume_dubbing(self) -> None:
        """Jobs the app was following when it quit: waiting for them resumes now."""
        from dragoman.blocking import run_blocking
        from dragoman.store.jobs import JobStore

        jobs = await run_blocking(JobStore().load)
        if any(job.origin == "app" and job.phase.active for job in jobs):
            self.ensure_dubbing()

    def open_dubbing(self) -> None:
        self.ensure_dubbing()
        self.dubbing_window.show()
        self.dubbing_window.raise_()
        self.dubbing_window.activateWindow()

    def notify_dubbing(self, title: str, text: str) -> None:
        """A job completed or failed while the Dubbing window was hidden: the tray says so."""
        if self.tray is not None:
            self.tray.notify(title, text)

    # -- life cycle --------------------------------------------------------------------------------

    def spawn(self, coro: Any) -> asyncio.Task[Any]:
        task: asyncio.Task[Any] = asyncio.ensure_future(coro)
        self.tasks.add(task)
        task.add_done_callback(self.on_task_done)
        return task

    def on_task_done(self, task: asyncio.Task[Any]) -> None:
        self.tasks.discard(task)
        if not task.cancelled() and (error := task.exception()) is not None:
            log.error("task %s failed", task.get_name(), exc_info=error)
            self.on_internal_error(
                str(error)
                if isinstance(error, DragomanError)
                else f"{type(error).__name__}: {error}"
            )

    def quit(self) -> None:
        self.quitting.set()

    def last_resort(self) -> None:
        """Synchronous clean-up when the loop is gone: remove the virtual microphone."""
        if self.rig is not None:
            self.rig.close_virtual_mic_now()

    def save_geometries(self) -> None:
        """The main and the compact window's places, kept for this set of screens."""
        from dragoman.ui.placement import screen_configuration

        screens = screen_configuration()
        compact = self.floating.compact_geometry() if self.floating is not None else None
        with contextlib.suppress(OSError):
            if self.window is not None:
                data = bytes(self.window.saved_geometry().data())
                self.store.save_window_geometry(data, screens)
            if compact is not None:
                self.store.save_window_geometry(compact, screens, window="compact")

    async def shutdown(self) -> None:
        """Every owner closed, each whatever the others did (idempotent)."""
        if self._shut_down:
            return
        self._shut_down = True
        started = time.monotonic()
        self.save_geometries()
        steps: list[tuple[str, Any]] = [
            ("hotkeys", self._stop_hotkeys),
            ("controller", self.controller.shutdown if self.controller else None),
            ("history browser", self.history_browser.aclose if self.history_browser else None),
            ("history", self.history.aclose if self.history else None),
            ("dubbing", self.dubbing.aclose if self.dubbing else None),
            ("tasks", self._cancel_tasks),
            ("audio", self.rig.aclose if self.rig else None),
            ("network", self.http.aclose if self.http else None),
        ]
        for name, step in steps:
            if step is None:
                continue
            try:
                result = step()
                if asyncio.iscoroutine(result):
                    await result
            except Exception:
                log.exception("shutting down %s failed", name)
        if self.controller is not None:
            self.store.save(self.model.value)
        if self.tray is not None:
            self.tray.hide()
        if self.window is not None:
            self.window.hide()
        if self.floating is not None:
            self.floating.close()
        if self.dubbing_window is not None:
            self.dubbing_window.hide()
        if self.signals is not None:
            self.signals.close()
        log.info("shut down in %.0f ms", (time.monotonic() - started) * 1000)
        QTimer.singleShot(0, self.app.quit)

    async def _stop_hotkeys(self) -> None:
        if self.session_watch is not None:
            self.session_watch.stop()
        if self.server is not None:
            self.server.close()
        if self.ptt is not None:
            self.ptt.stop()

    async def _cancel_tasks(self) -> None:
        for task in list(self.tasks):
            task.cancel()
        for task in list(self.tasks):
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task


def action_hotkeys(settings: Settings) -> dict[str, str]:
    """The one-shot actions' keys that are set (hotkeys.events.ACTIONS → chord)."""
    keys = {
        "say_again": settings.say_again_hotkey,
        "mute_all": settings.mute_all_hotkey,
        "next_profile": settings.profile_hotkey,
        "toggle_compact": settings.compact_hotkey,
        "toggle_overlay": settings.overlay_hotkey,
    }
    return {action: chord for action, chord in keys.items() if chord}


AUDIO_FIELDS = (
    "input_device",
    "call_output",
    "monitor_output",
    "call_volume",
    "monitor_volume",
    "preroll_ms",
    "tail_ms",
    "keep_mic_open",
    "create_virtual_mic",
    "mic_policy",
    "mic_release_minutes",
    "meeting_mode",
)
