"""The session slot: an engine session and the task that consumes its events, as one unit.

Opening builds the engine (its key read off the Qt thread when the factory is asynchronous), starts
the session and its consumer together; closing closes *that* unit, whatever the slot holds by then.
So a close can never take a newer session's consumer, and a key-down that arrives while an old
session closes gets a new session at once (its audio waits in the new session's ledger meanwhile).

Events from a unit that is closing still reach the owner, flagged as no longer current: the last
finals of a session being replaced are real results; its Ready, Reconnecting or Closed are not news.
"""

from __future__ import annotations

import asyncio
import contextlib
import inspect
import logging
from collections.abc import Awaitable, Callable

from dragoman.core.engine import Engine, EngineSession
from dragoman.core.events import Closed, Failed, SessionEvent
from dragoman.core.settings import Settings

log = logging.getLogger(__name__)

EngineFactory = Callable[[Settings], Engine | Awaitable[Engine]]
EventSink = Callable[[EngineSession, SessionEvent, bool], None]  # session, event, is_current


class _Unit:
    """One session and its consumer; ``ended`` once the session said Closed or Failed."""

    def __init__(self, session: EngineSession) -> None:
        self.session = session
        self.consumer: asyncio.Task[None] | None = None
        self.ended = False
        self.closing = False

    def __repr__(self) -> str:
        state = "ended" if self.ended else "closing" if self.closing else "live"
        return f"_Unit({state}, session_id={self.session.session_id!r})"


class SessionSlot:
    """Holds at most one live unit; see the module doc."""

    def __init__(self, *, factory: EngineFactory, on_event: EventSink) -> None:
        self._factory = factory
        self._on_event = on_event
        self._unit: _Unit | None = None
        self._lock = asyncio.Lock()
        self._closings: set[asyncio.Task[None]] = set()
        self.opened = 0

    def __repr__(self) -> str:
        return f"SessionSlot({self._unit!r}, closing={len(self._closings)})"

    @property
    def session(self) -> EngineSession | None:
        """The live session, if any (not one that ended or is closing)."""
        unit = self._unit
        return unit.session if unit is not None and not unit.ended else None

    def is_current(self, session: EngineSession) -> bool:
        unit = self._unit
        return unit is not None and unit.session is session and not unit.closing

    async def acquire(self, settings: Settings) -> EngineSession:
        """The live session, opening one with ``settings`` if there is none.

        Raises our DragomanError when the engine cannot be built (no key, a locked keyring).
        Concurrent callers share one open.
        """
        async with self._lock:
            unit = self._unit
            if unit is not None and not unit.ended and not unit.closing:
                return unit.session
            made = self._factory(settings)
            engine: Engine = await made if inspect.isawaitable(made) else made
            session = engine.open_session(settings.engine_settings())
            unit = _Unit(session)
            self._unit = unit
            self.opened += 1
            session.start()
            unit.consumer = asyncio.get_running_loop().create_task(
                self._consume(unit), name="session-consumer"
            )
            log.info("session opened (%d so far)", self.opened)
            return session

    def close_soon(self) -> None:
        """Detach the live unit and close it in the background (owned here until it ends)."""
        unit, self._unit = self._unit, None
        if unit is None:
            return
        unit.closing = True
        task = asyncio.get_running_loop().create_task(self._close(unit), name="session-close")
        self._closings.add(task)
        task.add_done_callback(self._closings.discard)

    async def aclose(self) -> None:
        """Close the live unit and wait for every close under way (idempotent)."""
        async with self._lock:
            self.close_soon()
        while self._closings:
            await asyncio.gather(*self._closings, return_exceptions=True)

    async def _close(self, unit: _Unit) -> None:
        try:
            await unit.session.close()
        except Exception:
            log.exception("closing a session failed")
        consumer = unit.consumer
        if consumer is not None:
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(asyncio.shield(consumer), 5.0)
            if not consumer.done():
                consumer.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await consumer

    async def _consume(self, unit: _Unit) -> None:
        async for event in unit.session.events():
            if isinstance(event, Closed | Failed):
                unit.ended = True
            try:
                self._on_event(unit.session, event, self._unit is unit and not unit.closing)
            except Exception:  # a bug in one handler must not stop the session's events
                log.exception("handling %s failed", type(event).__name__)
        unit.ended = True
