"""The big push-to-talk button: hold it with the mouse like the hotkey; it shows the hotkey.

Space held on the focused button holds it too (a press on key-down, a release on key-up). While
it listens it takes the "talking" role colours of :func:`dragoman.ui.theme.roles`, and assistive
technology hears its state in its name.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QTimer, Signal
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QPushButton, QSizePolicy, QWidget

from dragoman.ui import theme


class PttButton(QPushButton):
    held = Signal()
    let_go = Signal()
    _painting = True  # until __init__ is done, palette changes repaint nothing
    _talking = False

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ptt_button")
        self.setMinimumHeight(64)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.setFont(font)
        self._hotkey = ""
        self._talking = False
        self.pressed.connect(self.held)
        self.released.connect(self.let_go)
        self._painting = False
        self._refresh()

    @property
    def talking(self) -> bool:
        return self._talking

    def set_hotkey(self, hotkey: str) -> None:
        self._hotkey = hotkey
        self._refresh()

    def set_talking(self, talking: bool) -> None:
        self._talking = talking
        self._refresh()

    def setText(self, text: str) -> None:
        """The visible text is also what assistive technology reads as the description."""
        super().setText(text)
        self.setAccessibleDescription(text.lstrip("● "))

    def _refresh(self) -> None:
        if self._talking:
            self.setText(self.tr("● Listening… release to translate"))
        elif self._hotkey:
            self.setText(self.tr("Hold %1 (or this button) to talk").replace("%1", self._hotkey))
        else:
            self.setText(self.tr("Hold this button to talk"))
        state = self.tr("listening") if self._talking else self.tr("not listening")
        self.setAccessibleName(self.tr("Push to talk, %1").replace("%1", state))
        self._paint_state()

    def _paint_state(self) -> None:
        if self._painting:
            return
        self._painting = True
        try:
            if self._talking:
                swatch = theme.roles().talking  # the application's palette (see banner.py)
                palette = QPalette(self.palette())
                palette.setColor(QPalette.ColorRole.Button, swatch.background)
                palette.setColor(QPalette.ColorRole.ButtonText, swatch.foreground)
                self.setPalette(palette)
            else:
                self.setPalette(QPalette())  # back to the inherited palette
        finally:
            self._painting = False

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if (
            self._talking
            and not self._painting
            and event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange)
        ):
            # Once the new palette has reached every widget (the parent may not have it yet).
            QTimer.singleShot(0, self, self._paint_state)
