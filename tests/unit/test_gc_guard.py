from __future__ import annotations

import gc

from pytestqt.qtbot import QtBot

from dragoman.ui.gc_guard import MainThreadGarbageCollector


class Cycle:
    def __init__(self) -> None:
        self.me = self


def test_collection_runs_after_a_poke_on_the_main_thread_not_on_allocation(qtbot: QtBot) -> None:
    was_enabled = gc.isenabled()
    collector = MainThreadGarbageCollector()
    try:
        assert not gc.isenabled()
        gc.collect()
        for _ in range(gc.get_threshold()[0] + 10):
            Cycle()
        assert gc.get_count()[0] > gc.get_threshold()[0]  # nothing collected on allocation
        qtbot.wait(50)
        assert gc.get_count()[0] > gc.get_threshold()[0]  # nor on a clock: nothing woke it
        assert collector.checks == 0
        collector.poke()
        collector.poke()  # coalesced: one check pending at a time
        assert collector.pending
        qtbot.waitUntil(lambda: gc.get_count()[0] < gc.get_threshold()[0], timeout=2000)
        assert collector.checks == 1 and not collector.pending
    finally:
        collector.stop()
        if not was_enabled:
            gc.disable()
