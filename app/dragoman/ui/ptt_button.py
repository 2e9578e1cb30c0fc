"""The big push-to-talk button: hold it with the mouse like the hotkey; it shows the hotkey."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QPushButton, QSizePolicy, QWidget


class PttButton(QPushButton):
    held = Signal()
    let_go = Signal()

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
        self._refresh()

    def set_hotkey(self, hotkey: str) -> None:
        self._hotkey = hotkey
        self._refresh()

    def set_talking(self, talking: bool) -> None:
        self._talking = talking
        self._refresh()

    def _refresh(self) -> None:
        if self._talking:
            self.setText("● Listening… release to translate")
        elif self._hotkey:
            self.setText(f"Hold {self._hotkey} (or this button) to talk")
        else:
            self.setText("Hold this button to talk")
