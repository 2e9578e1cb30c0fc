"""What the History tests' rigs share: a final exchange said, and everything closed in order."""

from __future__ import annotations

from dragoman.controller import SessionController
from dragoman.controller.history import HistoryBrowser, HistoryRecorder
from dragoman.core.events import Transcript
from dragoman.ui.main_window import MainWindow


class HistoryRig:
    controller: SessionController
    recorder: HistoryRecorder
    browser: HistoryBrowser
    window: MainWindow

    def say(self, i: int) -> None:
        """Exchange ``i``: a final original and its final translation, as the engine sends them."""
        c = self.controller
        for event in (
            Transcript("source", f"original {i}", True, f"c{i}"),
            Transcript("translation", f"traducido {i}", True, f"c{i}"),
        ):
            c.segment_changed.emit(c.builder.add(event))

    async def close(self) -> None:
        await self.browser.aclose()
        await self.recorder.aclose()
        await self.controller.shutdown()
        self.window.close()
