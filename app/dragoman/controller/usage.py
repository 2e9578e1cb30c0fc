"""The controller's one door to the minutes meter (:mod:`dragoman.core.cost`).

The controller tells it what each hold sent (:meth:`UsageTracker.sent`, with the seconds of audio
that went to the service) and asks it before a new hold (:meth:`UsageTracker.refusal`); it gets
back the banner to show, if any. The day is the local calendar day read from ``now`` (a Unix-time
clock, injected), and each hold's seconds are added to the file on the blocking pool (the writer
is injected too: :meth:`dragoman.store.usage.UsageStore.add` in the app, nothing in tests that do
not care). Writes are owned tasks, awaited by :meth:`aclose`.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from datetime import date

from dragoman.blocking import run_blocking
from dragoman.core.banners import Banner
from dragoman.core.cost import UsageMeter, UsageReading, local_day
from dragoman.core.settings import Settings

log = logging.getLogger(__name__)

Persist = Callable[[date, float], object]


class UsageTracker:
    def __init__(
        self,
        meter: UsageMeter,
        *,
        persist: Persist | None = None,
        now: Callable[[], float] = time.time,
    ) -> None:
        self.meter = meter
        self._persist = persist
        self._now = now
        self._writes: set[asyncio.Task[None]] = set()

    @classmethod
    def for_settings(
        cls,
        settings: Settings,
        days: dict[str, float] | None = None,
        *,
        persist: Persist | None = None,
        now: Callable[[], float] = time.time,
    ) -> UsageTracker:
        meter = UsageMeter(
            days,
            price_per_minute=settings.price_per_minute,
            daily_cap_minutes=settings.daily_cap_minutes,
        )
        return cls(meter, persist=persist, now=now)

    def today(self) -> date:
        return local_day(self._now())

    def configure(self, settings: Settings) -> None:
        """The price or the cap changed (the controller's settings subscription)."""
        self.meter.configure(
            price_per_minute=settings.price_per_minute,
            daily_cap_minutes=settings.daily_cap_minutes,
        )

    def refusal(self) -> Banner | None:
        """None when a new hold may start; else the banner that says why it may not."""
        day = self.today()
        return None if self.meter.may_start(day) else self.meter.banner(day)

    def sent(self, seconds: float) -> Banner | None:
        """A hold sent ``seconds`` of audio: counted, saved, and the banner to raise when this
        crossed 80 % or 100 % of the daily cap."""
        day = self.today()
        banner = self.meter.add(seconds, day)
        if self._persist is not None and seconds > 0:
            task = asyncio.get_running_loop().create_task(
                self._save(day, seconds), name="usage-save"
            )
            self._writes.add(task)
            task.add_done_callback(self._writes.discard)
        return banner

    async def _save(self, day: date, seconds: float) -> None:
        assert self._persist is not None
        try:
            await run_blocking(self._persist, day, seconds)
        except OSError as error:  # counted in memory still; only this hold is missing on disk
            log.warning("usage not saved: %s", error)

    def reading(self) -> UsageReading:
        return self.meter.reading(self.today())

    async def aclose(self) -> None:
        """Wait for the writes under way (each is a few milliseconds of disk)."""
        if self._writes:
            await asyncio.gather(*self._writes, return_exceptions=True)

    def __repr__(self) -> str:
        return f"UsageTracker({self.meter!r}, writes={len(self._writes)})"
