"""A foreign application for the X test bed: one small window; prints its X id once drawn.

    python -m tests.testbed.window TITLE      (QT_QPA_PLATFORM=xcb, DISPLAY set)

Exits when stdin closes or on SIGTERM.
"""

from __future__ import annotations

import signal
import sys

from PySide6.QtCore import QSocketNotifier
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget


class Window(QWidget):
    def __init__(self, title: str) -> None:
        super().__init__()
        self.setWindowTitle(title)
        self.resize(320, 120)
        self.edit = QLineEdit(self)  # something that takes the keys we type at it
        self._announced = False

    def paintEvent(self, event: QPaintEvent) -> None:  # Qt override: camelCase
        super().paintEvent(event)
        if not self._announced:  # drawn, so mapped: it can take the focus now
            self._announced = True
            print(int(self.winId()), flush=True)


def main() -> None:
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    app = QApplication(sys.argv[:1])
    window = Window(sys.argv[1] if len(sys.argv) > 1 else "foreign window")
    window.show()
    stdin = QSocketNotifier(sys.stdin.fileno(), QSocketNotifier.Type.Read)
    stdin.activated.connect(lambda: sys.stdin.buffer.read1(4096) or app.quit())
    app.exec()


if __name__ == "__main__":
    main()
