"""The tray icon: state at a glance, and the few things people do without opening the window.

At rest it shows the application's own icon (the window's and the menu entry's), so the three
look alike; listening, translating and errors have their own variants of it.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QSystemTrayIcon

from dragoman.controller import SessionController, State
from dragoman.core.banners import Banner, Level
from dragoman.core.i18n import QT_TRANSLATE_NOOP
from dragoman.core.settings import Settings
from dragoman.resources import load_languages
from dragoman.ui.i18n import translated
from dragoman.ui.icons import state_icon
from dragoman.ui.languages import display_name
from dragoman.ui.meeting import state_text
from dragoman.ui.profiles import ProfileMenu

ICON_FOR_STATE = {
    State.IDLE: "dragoman",
    State.CONNECTING: "dragoman",
    State.READY: "dragoman",
    State.LISTENING: "listening",
    State.FINISHING: "translating",
    State.RECONNECTING: "translating",
    State.ERROR: "error",
}
TOOLTIP_FOR_STATE = {
    State.IDLE: QT_TRANSLATE_NOOP("Tray", "Dragoman — idle"),
    State.CONNECTING: QT_TRANSLATE_NOOP("Tray", "Dragoman — connecting"),
    State.READY: QT_TRANSLATE_NOOP("Tray", "Dragoman — ready"),
    State.LISTENING: QT_TRANSLATE_NOOP("Tray", "Dragoman — listening"),
    State.FINISHING: QT_TRANSLATE_NOOP("Tray", "Dragoman — translating"),
    State.RECONNECTING: QT_TRANSLATE_NOOP("Tray", "Dragoman — reconnecting"),
    State.ERROR: QT_TRANSLATE_NOOP("Tray", "Dragoman — needs attention (open the window)"),
}


class Tray(QObject):
    show_hide_requested = Signal()
    settings_requested = Signal()
    quit_requested = Signal()
    pair_chosen = Signal(str, str)
    muted_toggled = Signal(bool)
    mute_all_toggled = Signal(bool)  # "Mute all": nothing into the call until unchecked
    say_again_requested = Signal()  # "Say it again": the last translation into the call again
    first_run_requested = Signal()  # "Setup assistant…": run the first-run wizard again
    dubbing_requested = Signal()  # "Dubbing…": open the Dubbing window
    compact_toggled = Signal(bool)  # "Compact window": show or hide it (ui.floating)
    overlay_toggled = Signal(bool)  # "Caption overlay": show or hide it
    overlay_move_requested = Signal()  # "Move captions…": the strip takes the mouse until Done

    def __init__(self, controller: SessionController, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.languages = load_languages()  # read once per process, shared with the window
        self.icon = QSystemTrayIcon(state_icon(ICON_FOR_STATE[State.IDLE]), self)
        self.icon.setToolTip(translated(TOOLTIP_FOR_STATE[State.IDLE]))
        self.state = State.IDLE
        self._notice_shown = False
        self._told: dict[str, str] = {}  # banner key -> the text already notified
        self.notifications: list[str] = []  # what was notified, newest last (for `status`)
        self._error_text = ""
        menu = QMenu()
        self.menu = menu
        self.show_action = menu.addAction(self.tr("Show / hide window"))
        self.show_action.triggered.connect(self.show_hide_requested)
        self.talk_action = menu.addAction(self.tr("Start talking"))
        self.talk_action.triggered.connect(controller.toggle_talking)
        self.recent_menu = menu.addMenu(self.tr("Recent language pairs"))
        self.mute_action = QAction(self.tr("Mute translated speech"), menu)
        self.mute_action.setCheckable(True)
        self.mute_action.toggled.connect(self.muted_toggled)
        menu.addAction(self.mute_action)
        self.say_again_action = QAction(self.tr("Say it again"), menu)
        self.say_again_action.setObjectName("tray_say_again")
        self.say_again_action.setStatusTip(self.tr("The last translation into the call again"))
        self.say_again_action.triggered.connect(self.say_again_requested)
        menu.addAction(self.say_again_action)
        self.mute_all_action = QAction(self.tr("Mute all (nothing into the call)"), menu)
        self.mute_all_action.setObjectName("tray_mute_all")
        self.mute_all_action.setCheckable(True)
        self.mute_all_action.toggled.connect(self.mute_all_toggled)
        menu.addAction(self.mute_all_action)
        menu.addAction(self.tr("Dubbing…")).triggered.connect(self.dubbing_requested)
        menu.addSeparator()
        self.compact_action = QAction(self.tr("Compact window"), menu)
        self.compact_action.setObjectName("tray_compact")
        self.compact_action.setCheckable(True)
        self.compact_action.toggled.connect(self.compact_toggled)
        menu.addAction(self.compact_action)
        self.overlay_action = QAction(self.tr("Caption overlay"), menu)
        self.overlay_action.setObjectName("tray_overlay")
        self.overlay_action.setCheckable(True)
        self.overlay_action.toggled.connect(self.overlay_toggled)
        menu.addAction(self.overlay_action)
        self.overlay_move_action = QAction(self.tr("Move captions…"), menu)
        self.overlay_move_action.setObjectName("tray_overlay_move")
        self.overlay_move_action.setStatusTip(
            self.tr("The caption strip takes the mouse: drag it, drag a side to resize, then Done")
        )
        self.overlay_move_action.triggered.connect(self.overlay_move_requested)
        menu.addAction(self.overlay_move_action)
        menu.addSeparator()
        menu.addAction(self.tr("Settings…")).triggered.connect(self.settings_requested)
        self.setup_action = menu.addAction(self.tr("Setup assistant…"))
        self.setup_action.triggered.connect(self.first_run_requested)
        menu.addAction(self.tr("Quit Dragoman")).triggered.connect(self.quit_requested)
        self.icon.setContextMenu(menu)
        self.icon.activated.connect(self.on_icon_activated)
        controller.state_changed.connect(self.on_controller_state_changed)
        controller.banner_raised.connect(self.on_controller_banner_raised)
        controller.banner_cleared.connect(self.on_controller_banner_cleared)
        controller.talking_changed.connect(self.on_controller_talking_changed)
        controller.meeting_state_changed.connect(self.on_controller_meeting_state_changed)
        self.meeting = controller.meeting.value
        controller.settings_changed.connect(self.show_settings)
        self.show_settings(controller.settings)
        # Per-call profiles (issue 17), after the recent pairs: the active one checked.
        self.profile_menu = ProfileMenu(controller, menu)
        menu.insertMenu(self.mute_action, self.profile_menu)

    @staticmethod
    def available() -> bool:
        return QSystemTrayIcon.isSystemTrayAvailable()

    def show(self) -> None:
        self.icon.show()

    def hide(self) -> None:
        self.icon.hide()

    def show_settings(self, settings: Settings) -> None:
        self.recent_menu.clear()
        for source, target in settings.recent_pairs:
            action = self.recent_menu.addAction(
                f"{display_name(source, self.languages)} → {display_name(target, self.languages)}"
            )
            action.triggered.connect(
                lambda _c=False, s=source, t=target: self.pair_chosen.emit(s, t)
            )
        self.recent_menu.setEnabled(bool(settings.recent_pairs))
        for action, checked in (
            (self.mute_action, settings.playback_muted),
            (self.compact_action, settings.compact_window),
            (self.overlay_action, settings.caption_overlay),
        ):
            action.blockSignals(True)
            action.setChecked(checked)
            action.blockSignals(False)

    def notify_hidden(self, already_told: bool) -> bool:
        """The one-time notice that closing the window keeps Dragoman running in the tray."""
        if already_told or self._notice_shown:
            return False
        self._notice_shown = True
        self.icon.showMessage(
            self.tr("Dragoman is still running"),
            self.tr("Push-to-talk keeps working. Use the tray icon to open the window or quit."),
            QSystemTrayIcon.MessageIcon.Information,
            6000,
        )
        return True

    def notify(self, title: str, text: str) -> None:
        """A desktop notification that is news, not trouble (a dubbing job done or failed)."""
        self.notifications.append(text)
        del self.notifications[:-20]
        self.icon.showMessage(title, text, QSystemTrayIcon.MessageIcon.Information, 8000)

    def notify_error(self, banner: Banner) -> bool:
        """A desktop notification for an error while the window is hidden, once per cause."""
        if self._told.get(banner.key) == banner.text:
            return False
        self._told[banner.key] = banner.text
        self.notifications.append(banner.text)
        del self.notifications[:-20]
        self.icon.showMessage(
            self.tr("Dragoman needs attention"),
            translated(banner.text),
            QSystemTrayIcon.MessageIcon.Warning,
            10_000,
        )
        return True

    def on_controller_banner_raised(self, banner: Banner) -> None:
        if banner.level is Level.ERROR:
            self._error_text = banner.text
            self._show_state()

    def on_controller_banner_cleared(self, key: str) -> None:
        self._told.pop(key, None)  # the cause is gone: if it comes back, say so again

    def on_icon_activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason in (
            QSystemTrayIcon.ActivationReason.Trigger,
            QSystemTrayIcon.ActivationReason.DoubleClick,
        ):
            self.show_hide_requested.emit()

    def on_controller_state_changed(self, value: str) -> None:
        self.state = State(value)
        self._show_state()

    def _show_state(self) -> None:
        self.icon.setIcon(state_icon(ICON_FOR_STATE[self.state]))
        tooltip = translated(TOOLTIP_FOR_STATE[self.state])
        if self.state is State.ERROR and self._error_text:
            tooltip = self.tr("Dragoman — %1").replace("%1", translated(self._error_text))
        if call := state_text(self.meeting):
            tooltip += "\n" + self.tr("Call: %1").replace("%1", call)
        self.icon.setToolTip(tooltip)

    def on_controller_meeting_state_changed(self, value: str) -> None:
        """Meeting mode's state in the tooltip, and "Mute all" checked while it is on."""
        self.meeting = value
        self.mute_all_action.blockSignals(True)
        self.mute_all_action.setChecked(value == "muted")
        self.mute_all_action.blockSignals(False)
        self._show_state()

    @property
    def tooltip(self) -> str:
        return self.icon.toolTip()

    def on_controller_talking_changed(self, talking: bool) -> None:
        self.talk_action.setText(self.tr("Stop talking") if talking else self.tr("Start talking"))
