"""The tray icon: state at a glance, and the few things people do without opening the window."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QSystemTrayIcon

from dragoman.controller import SessionController, State
from dragoman.core.settings import Settings
from dragoman.ui.icons import state_icon

ICON_FOR_STATE = {
    State.IDLE: "idle",
    State.CONNECTING: "idle",
    State.READY: "idle",
    State.LISTENING: "listening",
    State.FINISHING: "translating",
    State.RECONNECTING: "translating",
    State.ERROR: "error",
}
TOOLTIP_FOR_STATE = {
    State.IDLE: "Dragoman — idle",
    State.CONNECTING: "Dragoman — connecting",
    State.READY: "Dragoman — ready",
    State.LISTENING: "Dragoman — listening",
    State.FINISHING: "Dragoman — translating",
    State.RECONNECTING: "Dragoman — reconnecting",
    State.ERROR: "Dragoman — needs attention (open the window)",
}


class Tray(QObject):
    show_hide_requested = Signal()
    settings_requested = Signal()
    quit_requested = Signal()
    pair_chosen = Signal(str, str)
    muted_toggled = Signal(bool)

    def __init__(self, controller: SessionController, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.icon = QSystemTrayIcon(state_icon("idle"), self)
        self.icon.setToolTip(TOOLTIP_FOR_STATE[State.IDLE])
        self.state = State.IDLE
        self._notice_shown = False
        menu = QMenu()
        self.menu = menu
        self.show_action = menu.addAction("Show / hide window")
        self.show_action.triggered.connect(self.show_hide_requested)
        self.talk_action = menu.addAction("Start talking")
        self.talk_action.triggered.connect(controller.toggle_talking)
        self.recent_menu = menu.addMenu("Recent language pairs")
        self.mute_action = QAction("Mute translated speech", menu)
        self.mute_action.setCheckable(True)
        self.mute_action.toggled.connect(self.muted_toggled)
        menu.addAction(self.mute_action)
        menu.addSeparator()
        menu.addAction("Settings…").triggered.connect(self.settings_requested)
        menu.addAction("Quit Dragoman").triggered.connect(self.quit_requested)
        self.icon.setContextMenu(menu)
        self.icon.activated.connect(self.on_icon_activated)
        controller.state_changed.connect(self.on_controller_state_changed)
        controller.talking_changed.connect(self.on_controller_talking_changed)
        controller.settings_changed.connect(self.show_settings)
        self.show_settings(controller.settings)

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
            action = self.recent_menu.addAction(f"{source} → {target}")
            action.triggered.connect(
                lambda _c=False, s=source, t=target: self.pair_chosen.emit(s, t)
            )
        self.recent_menu.setEnabled(bool(settings.recent_pairs))
        self.mute_action.blockSignals(True)
        self.mute_action.setChecked(settings.playback_muted)
        self.mute_action.blockSignals(False)

    def notify_hidden(self, already_told: bool) -> bool:
        """The one-time notice that closing the window keeps Dragoman running in the tray."""
        if already_told or self._notice_shown:
            return False
        self._notice_shown = True
        self.icon.showMessage(
            "Dragoman is still running",
            "Push-to-talk keeps working. Use the tray icon to open the window or quit.",
            QSystemTrayIcon.MessageIcon.Information,
            6000,
        )
        return True

    def on_icon_activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason in (
            QSystemTrayIcon.ActivationReason.Trigger,
            QSystemTrayIcon.ActivationReason.DoubleClick,
        ):
            self.show_hide_requested.emit()

    def on_controller_state_changed(self, value: str) -> None:
        self.state = State(value)
        self.icon.setIcon(state_icon(ICON_FOR_STATE[self.state]))
        self.icon.setToolTip(TOOLTIP_FOR_STATE[self.state])

    def on_controller_talking_changed(self, talking: bool) -> None:
        self.talk_action.setText("Stop talking" if talking else "Start talking")
