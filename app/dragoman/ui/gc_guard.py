"""Cyclic garbage collection on the Qt main thread only.

CPython runs the cyclic collector in whichever thread happens to allocate: here that can be the
hotkey listener's thread or an executor thread. A Qt object caught in a reference cycle (a dialog
whose signal is connected to a lambda holding it, say) would then be destroyed on the wrong thread:
Qt warns "Timers cannot be stopped from another thread", and at worst the process crashes. So
automatic collection is switched off and a main-thread timer runs it instead, with CPython's own
thresholds deciding which generation to collect.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer


class MainThreadGarbageCollector(QObject):
    def __init__(self, interval_ms: int = 1000, parent: QObject | None = None) -> None:
        super().__init__(parent)
        gc.disable()
        self.thresholds = gc.get_threshold()
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.on_timer_timeout)
        self.timer.start(interval_ms)

    def on_timer_timeout(self) -> None:
        counts = gc.get_count()
        generation = -1
        for level, (count, threshold) in enumerate(zip(counts, self.thresholds, strict=True)):
            if count > threshold:
                generation = level
        if generation >= 0:
            gc.collect(generation)

    def stop(self) -> None:
        self.timer.stop()
        gc.enable()
