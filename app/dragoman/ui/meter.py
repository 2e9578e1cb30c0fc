"""The input level meter: cheap to paint (it repaints ~30 times a second while listening)."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget

FLOOR_DB = -60.0


def level_fraction(dbfs: float) -> float:
    """-60 dBFS (or quieter) → 0, 0 dBFS → 1, linear in dB between."""
    if dbfs != dbfs:  # NaN
        return 0.0
    return min(1.0, max(0.0, (dbfs - FLOOR_DB) / -FLOOR_DB))


class LevelMeter(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("level_meter")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.rms_db = FLOOR_DB
        self.peak_db = FLOOR_DB
        self.setToolTip("Microphone level")

    def sizeHint(self) -> QSize:
        return QSize(200, 10)

    def set_level(self, rms_db: float, peak_db: float) -> None:
        if (rms_db, peak_db) != (self.rms_db, self.peak_db):
            self.rms_db, self.peak_db = rms_db, peak_db
            self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        rect = QRectF(self.rect())
        painter.fillRect(rect, self.palette().color(QPalette.ColorRole.Base))
        rms = level_fraction(self.rms_db)
        color = QColor("#2e9e4f") if self.peak_db < -3 else QColor("#d9822b")
        painter.fillRect(QRectF(0, 0, rect.width() * rms, rect.height()), color)
        peak_x = rect.width() * level_fraction(self.peak_db)
        painter.fillRect(QRectF(max(0.0, peak_x - 2), 0, 2, rect.height()), color.darker(140))
        painter.end()
