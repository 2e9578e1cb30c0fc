"""Cyclic garbage collection on the Qt main thread only.

CPython runs the cyclic collector in whichever thread happens to allocate: here that can be the
hotkey listener's thread or an executor thread. A Qt object caught in a reference cycle (a dialog
whose signal is connected to a lambda holding it, say) would then be destroyed on the wrong thread:
Qt warns "Timers cannot be stopped from another thread", and at worst the process crashes. So
automatic collection is switched off and the main thread runs it instead, after work (see
:class:`MainThreadGarbageCollector`), with CPython's own thresholds deciding which generation.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer


class MainThreadGarbageCollector(QObject):
    """Runs CPython's collection decision on the main thread, after work rather than on a clock.

    :meth:`poke` (called by the composition root for every callback the asyncio loop schedules:
    :func:`dragoman.instrument.count_loop_timers`) posts one check to the Qt thread, unless one is
    already pending; the check collects the oldest generation whose count passed its threshold,
    as automatic collection would have. At rest nothing is scheduled, nothing allocates, and
    nothing wakes the process for garbage.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        gc.disable()
        self.thresholds = gc.get_threshold()
        self._pending = False
        self._stopped = False
        self.checks = 0

    @property
    def pending(self) -> bool:
        return self._pending

    def poke(self) -> None:
        """Something ran: a collection check follows on the Qt thread (cheap; call it freely)."""
        if self._pending or self._stopped:
            return
        self._pending = True
        QTimer.singleShot(0, self, self.check)  # a posted call, not a timer that ticks

    def check(self) -> None:
        self._pending = False
        if self._stopped:
            return
        self.checks += 1
        counts = gc.get_count()
        generation = -1
        for level, (count, threshold) in enumerate(zip(counts, self.thresholds, strict=True)):
            if count > threshold:
                generation = level
        if generation >= 0:
            gc.collect(generation)

    def stop(self) -> None:
        self._stopped = True
        gc.enable()
