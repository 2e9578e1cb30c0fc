"""The compact window: a small always-on-top window to keep beside (or over) a call window.

The language pair (with recent pairs on its menu) and a swap button, the last exchange (original
and translation, their newest lines, provisional text greyed), the talk button and the level
meter. It is a tool window that never takes the focus: shown, it does not activate, and pressing
its buttons leaves the keyboard with the call (so its controls take no focus; the global hotkey
is the keyboard's way to talk). Like the main window it talks only to the controller, and its
talk button goes through push-to-talk when the composition root routes it there
(:meth:`CompactWindow.route_talk_button`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

from PySide6.QtCore import QByteArray, QEvent, QPoint, QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QGuiApplication, QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QMenu,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from dragoman.controller import SessionController, State
from dragoman.core.languages import Language
from dragoman.core.settings import Settings
from dragoman.core.transcript import Segment
from dragoman.ui import theme
from dragoman.ui.languages import display_name
from dragoman.ui.meeting import state_text, state_tip
from dragoman.ui.meter import LevelMeter
from dragoman.ui.overlay import CaptionText
from dragoman.ui.placement import fit_to_screen, restore_on_screen
from dragoman.ui.ptt_button import PttButton

COMPACT_FLAGS: Final = (
    Qt.WindowType.Tool | Qt.WindowType.WindowStaysOnTopHint | Qt.WindowType.WindowDoesNotAcceptFocus
)
DEFAULT_SIZE: Final = QSize(340, 190)


class CompactWindow(QWidget):
    """See the module docstring. ``main_window_requested``: its "open the main window" button;
    ``closed``: the person closed it (the composition root turns the setting off)."""

    main_window_requested = Signal()
    closed = Signal()

    def __init__(
        self,
        controller: SessionController,
        languages: list[Language],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent, COMPACT_FLAGS)
        self.setObjectName("compact_window")
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        self.setAccessibleName(self.tr("Dragoman compact window"))
        self.controller = controller
        self.languages = languages
        self._settings = controller.settings
        self._segment: Segment | None = None
        self._placed = False
        self._refit = False  # restored from a saved geometry, not shown since
        self.resize(DEFAULT_SIZE)
        self.setMinimumSize(260, 150)

        self.pair = QToolButton(self)
        self.pair.setObjectName("compact_pair")
        self.pair.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.pair.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.pair.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.pair_menu = QMenu(self.pair)
        self.pair_menu.setObjectName("compact_pair_menu")
        self.pair.setMenu(self.pair_menu)
        self.pair.setToolTip(self.tr("The language pair; recent pairs on its menu"))
        self.swap = QToolButton(self)
        self.swap.setObjectName("compact_swap")
        self.swap.setText("⇄")
        self.swap.setToolTip(self.tr("Swap the two languages"))
        self.swap.setAccessibleName(self.tr("Swap languages"))
        self.swap.clicked.connect(self.on_swap_clicked)
        self.expand = QToolButton(self)
        self.expand.setObjectName("compact_open_main")
        self.expand.setText("⤢")
        self.expand.setToolTip(self.tr("Open the main window"))
        self.expand.setAccessibleName(self.tr("Open the main window"))
        self.expand.clicked.connect(self.main_window_requested)
        # Meeting mode: what the call hears now; pressing it is "Mute all" (and back).
        self.meeting = QToolButton(self)
        self.meeting.setObjectName("compact_meeting")
        self.meeting.setCheckable(True)
        self.meeting.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.meeting.setAccessibleName(self.tr("Call"))
        self.meeting.clicked.connect(self.controller.set_muted_all)
        self.meeting.hide()

        self.original = CaptionText(2, parent=self)
        self.original.setObjectName("compact_original")
        self.original.setAccessibleName(self.tr("Last original"))
        self.translation = CaptionText(2, parent=self)
        self.translation.setObjectName("compact_translation")
        self.translation.setAccessibleName(self.tr("Last translation"))
        bold = self.translation.font()
        bold.setBold(True)
        self.translation.setFont(bold)

        self.ptt = PttButton(self)
        self.ptt.setObjectName("compact_ptt")
        self.ptt.setMinimumHeight(36)
        self.meter = LevelMeter(self)
        self.meter.setObjectName("compact_meter")
        for widget in (self.pair, self.swap, self.expand, self.ptt, self.meeting):
            widget.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the call keeps the keyboard

        top = QHBoxLayout()
        top.setSpacing(4)
        top.addWidget(self.pair, 1)
        top.addWidget(self.meeting)
        top.addWidget(self.swap)
        top.addWidget(self.expand)
        root = QVBoxLayout(self)
        root.setContentsMargins(6, 6, 6, 6)
        root.setSpacing(4)
        root.addLayout(top)
        root.addWidget(self.original)
        root.addWidget(self.translation)
        root.addStretch(1)
        root.addWidget(self.ptt)
        root.addWidget(self.meter)

        self._paint_roles()
        self.show_settings(controller.settings)
        self.on_controller_state_changed(controller.state.value)
        self.on_controller_meeting_state_changed(controller.meeting.value)
        self._connect()

    def _connect(self) -> None:
        c = self.controller
        c.segment_changed.connect(self.on_controller_segment_changed)
        c.transcript_reset.connect(self.on_controller_transcript_reset)
        c.state_changed.connect(self.on_controller_state_changed)
        c.meeting_state_changed.connect(self.on_controller_meeting_state_changed)
        c.level_changed.connect(self.meter.set_level)
        c.talking_changed.connect(self.ptt.set_talking)
        c.settings_changed.connect(self.show_settings)
        self.ptt.held.connect(c.start_talking)
        self.ptt.let_go.connect(c.stop_talking)

    def route_talk_button(self, press: Callable[[], None], release: Callable[[], None]) -> None:
        """As :meth:`dragoman.ui.main_window.MainWindow.route_talk_button`: through
        push-to-talk (its modes and limits) instead of straight to the controller."""
        self.ptt.held.disconnect(self.controller.start_talking)
        self.ptt.let_go.disconnect(self.controller.stop_talking)
        self.ptt.held.connect(press)
        self.ptt.let_go.connect(release)

    # -- the controller's news --------------------------------------------------------------------

    def show_settings(self, settings: Settings) -> None:
        self._settings = settings
        source = display_name(settings.source_language, self.languages)
        target = display_name(settings.target_language, self.languages)
        self.pair.setText(f"{source} → {target}")
        self.pair.setAccessibleName(
            self.tr("Languages: %1 to %2").replace("%1", source).replace("%2", target)
        )
        self.ptt.set_hotkey(settings.hotkey)
        self.swap.setEnabled(settings.source_language != "auto")
        self.pair_menu.clear()
        for s, t in settings.recent_pairs:
            action = self.pair_menu.addAction(
                f"{display_name(s, self.languages)} → {display_name(t, self.languages)}"
            )
            action.triggered.connect(lambda _c=False, s=s, t=t: self.choose_pair(s, t))
        if not settings.recent_pairs:
            self.pair_menu.addAction(self.tr("No recent pairs yet")).setEnabled(False)

    def choose_pair(self, source: str, target: str) -> None:
        self.controller.apply_settings(self._settings.with_pair(source, target))

    def on_swap_clicked(self) -> None:
        self.controller.apply_settings(self._settings.swapped())

    def on_controller_state_changed(self, value: str) -> None:
        words = {
            State.IDLE: self.tr("idle"),
            State.CONNECTING: self.tr("connecting"),
            State.READY: self.tr("ready"),
            State.LISTENING: self.tr("listening"),
            State.FINISHING: self.tr("translating"),
            State.RECONNECTING: self.tr("reconnecting"),
            State.ERROR: self.tr("needs attention"),
        }
        self.setWindowTitle(self.tr("Dragoman — %1").replace("%1", words[State(value)]))

    def on_controller_meeting_state_changed(self, value: str) -> None:
        """Passing through / translating / muted; checked (pressed in) while muted."""
        text = state_text(value)
        self.meeting.setText(text)
        self.meeting.setChecked(value == "muted")
        tip = state_tip(value)
        if value == "muted":
            tip += " " + self.tr("Press to unmute.")
        else:
            tip += " " + self.tr("Press to mute everything going into the call.")
        self.meeting.setToolTip(tip)
        self.meeting.setAccessibleDescription(tip)
        self.meeting.setVisible(bool(text))

    def on_controller_segment_changed(self, segment: Segment) -> None:
        shown = self._segment
        if shown is None or segment.seq >= shown.seq or segment.key == shown.key:
            self._show(segment)

    def on_controller_transcript_reset(self, segments: list[Segment]) -> None:
        self._show(segments[-1] if segments else None)

    def _show(self, segment: Segment | None) -> None:
        self._segment = segment
        if segment is None:
            self.original.set_text("", "")
            self.translation.set_text("", "")
            return
        self.original.set_text(segment.original, segment.original_interim)
        self.translation.set_text(segment.translated, segment.translated_interim)

    @property
    def last_exchange(self) -> tuple[str, str]:
        """(original, translation) as shown, provisional parts included."""
        return self.original.text, self.translation.text

    # -- look and place ---------------------------------------------------------------------------

    def _paint_roles(self) -> None:
        palette = self.palette()
        text = palette.color(palette.ColorRole.WindowText)
        window = palette.color(palette.ColorRole.Window)
        interim = theme.ensure_contrast(theme.roles(palette).interim.foreground, window)
        for label in (self.original, self.translation):
            label.set_colors(text, interim)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            QTimer.singleShot(0, self, self._paint_roles)  # a theme switch

    def restore_geometry(self, data: QByteArray | bytes, available: QRect | None = None) -> bool:
        """Back where it was on these screens (never off screen); False leaves the default
        place (the top-right corner) for the first show."""
        restored = restore_on_screen(self, data, available)
        self._placed = self._placed or restored
        self._refit = self._refit or restored
        return restored

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._refit:  # restored before its frame was known: fitted again with the frame
            self._refit = False
            fit_to_screen(self)
        if not self._placed:  # the top-right corner of the screen, clear of the main window
            self._placed = True
            available = (self.screen() or QGuiApplication.primaryScreen()).availableGeometry()
            self.move(
                QPoint(
                    available.right() - self.width() - 24,
                    available.top() + 48,
                )
            )

    def closeEvent(self, event: QCloseEvent) -> None:
        """The person closed it (its title bar's button): the setting goes off. (At quit,
        :meth:`FloatingWindows.close` disconnects this first: Qt closes every window when the
        application quits, which must not change what comes back at the next start.)"""
        event.accept()
        self.closed.emit()
