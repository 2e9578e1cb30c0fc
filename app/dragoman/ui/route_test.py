"""The "Test the route" button of Settings → Audio, with the sentence it produced.

The test itself (a tone into the call output, recorded back from the virtual microphone: about
two seconds of blocking audio work) comes in as a callable from the composition root
(``SettingsServices.test_route``, :func:`dragoman.audio.route_test.check_route_async`); this
widget only starts it, with the call output the dialog shows now (saved or not), and shows what
came back. While it runs the button is disabled, so one test runs at a time.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import Final

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from dragoman.core.banners import sentence
from dragoman.core.errors import DragomanError
from dragoman.core.i18n import QT_TRANSLATE_NOOP
from dragoman.core.route import RouteResult
from dragoman.ui.i18n import translated

log = logging.getLogger(__name__)

RouteCheck = Callable[[str], Awaitable[RouteResult]]
"""Call output setting value ("" off, "default", or a device id) → the result."""

# English source texts (dragoman.core.i18n.Text), shown through ``translated``.
TESTING: Final = QT_TRANSLATE_NOOP("RouteTestWidget", "Playing a test tone into the call output…")
UNAVAILABLE: Final = QT_TRANSLATE_NOOP(
    "RouteTestWidget", "The route test is not available in this build."
)


class RouteTestWidget(QWidget):
    """A "Test the route" button and the result beside it."""

    route_tested = Signal(object)  # RouteResult

    def __init__(
        self,
        check: RouteCheck | None,
        call_output: Callable[[], str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._check = check
        self._call_output = call_output
        self._task: asyncio.Task[None] | None = None
        self.last: RouteResult | None = None
        self.button = QPushButton(self.tr("Test the route"), self)
        self.button.setObjectName("test_route")
        self.button.setAutoDefault(False)  # Enter in the dialog means OK, not "play a tone"
        self.button.setToolTip(
            self.tr(
                "Plays a short tone into the call output and checks that it comes out of "
                "“Dragoman Microphone”, the microphone the call app records."
            )
        )
        self.status = QLabel(self)
        self.status.setObjectName("route_test_status")
        self.status.setWordWrap(True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.button)
        layout.addWidget(self.status, 1)
        if check is None:
            self.button.setEnabled(False)
            self.button.setToolTip(translated(UNAVAILABLE))
        self.button.clicked.connect(self.on_button_clicked)

    @property
    def running(self) -> bool:
        return self._task is not None and not self._task.done()

    def on_button_clicked(self) -> None:
        if self._check is None or self.running:
            return
        self.button.setEnabled(False)
        self.status.setText(translated(TESTING))
        self._task = asyncio.ensure_future(self._run(self._check, self._call_output()))

    async def _run(self, check: RouteCheck, call_output: str) -> None:
        try:
            result: RouteResult | DragomanError = await check(call_output)
        except DragomanError as error:
            result = error
        try:
            self.button.setEnabled(True)
            if isinstance(result, DragomanError):
                self.status.setText(translated(sentence(result)))
                return
            self.last = result
            self.status.setText(translated(result.sentence))
            self.route_tested.emit(result)
        except RuntimeError:  # the dialog (and this widget with it) was deleted meanwhile
            log.info("route test finished after its widget was gone: %r", result)

    def cancel(self) -> None:
        """Stop waiting for a test under way (call it when the dialog closes); the result is
        dropped. The tone itself finishes on its worker thread (about two seconds)."""
        task, self._task = self._task, None
        if task is not None and not task.done():
            task.cancel()
            self.button.setEnabled(self._check is not None)
            self.status.clear()
