"""The input level meter: cheap to paint (it repaints ~30 times a second while listening).

It is a progress bar to assistive technology (role, value in dBFS), but its value moves in
6 dB steps only, so a screen reader hears a change now and then, not thirty times a second.
Its colours come from the palette's role colours (:func:`dragoman.ui.theme.roles`).
"""

from __future__ import annotations

from typing import Final

from PySide6.QtCore import QRectF, QSize
from PySide6.QtGui import QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QProgressBar, QSizePolicy, QWidget

from dragoman.ui import theme

FLOOR_DB = -60.0
STEP_DB: Final = 6  # what assistive technology is told moves in steps of this
LOUD_DB: Final = -3.0  # peaks above this show in the "loud" colour


def level_fraction(dbfs: float) -> float:
    """-60 dBFS (or quieter) → 0, 0 dBFS → 1, linear in dB between."""
    if dbfs != dbfs:  # NaN
        return 0.0
    return min(1.0, max(0.0, (dbfs - FLOOR_DB) / -FLOOR_DB))


class LevelMeter(QProgressBar):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("level_meter")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setRange(round(FLOOR_DB), 0)
        self.setTextVisible(False)
        self.setFormat(self.tr("%v dBFS"))
        self.rms_db = FLOOR_DB
        self.peak_db = FLOOR_DB
        self.setValue(round(FLOOR_DB))
        self.setToolTip(self.tr("Microphone level"))
        self.setAccessibleName(self.tr("Microphone level"))
        self._words = ""
        self._describe()

    def sizeHint(self) -> QSize:
        return QSize(200, 10)

    def minimumSizeHint(self) -> QSize:
        return QSize(40, 10)

    def set_level(self, rms_db: float, peak_db: float) -> None:
        if (rms_db, peak_db) != (self.rms_db, self.peak_db):
            self.rms_db, self.peak_db = rms_db, peak_db
            stepped = round(max(FLOOR_DB, min(0.0, rms_db if rms_db == rms_db else FLOOR_DB)))
            stepped -= stepped % STEP_DB  # down to a step: -23 → -24
            if stepped != self.value():
                self.setValue(stepped)
            self._describe()
            self.update()

    def _describe(self) -> None:
        if self.peak_db >= LOUD_DB:
            words = self.tr("too loud")
        elif self.rms_db < -50 or self.rms_db != self.rms_db:
            words = self.tr("silent")
        elif self.rms_db < -35:
            words = self.tr("quiet")
        else:
            words = self.tr("speaking")
        if words != self._words:
            self._words = words
            self.setAccessibleDescription(words)

    def paintEvent(self, event: QPaintEvent) -> None:
        roles = theme.roles(self.palette())
        painter = QPainter(self)
        rect = QRectF(self.rect())
        painter.fillRect(rect, self.palette().color(QPalette.ColorRole.Base))
        rms = level_fraction(self.rms_db)
        swatch = roles.meter_loud if self.peak_db >= LOUD_DB else roles.meter_level
        color = swatch.foreground
        painter.fillRect(QRectF(0, 0, rect.width() * rms, rect.height()), color)
        peak_x = rect.width() * level_fraction(self.peak_db)
        painter.fillRect(QRectF(max(0.0, peak_x - 2), 0, 2, rect.height()), color.darker(140))
        painter.end()
