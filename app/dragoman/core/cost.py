"""Minutes of audio sent, what they cost at the user's own price, and an optional daily cap.

People who translate in calls want to know what a session costs before the bill comes. Dragoman
counts the seconds of microphone audio it actually sends to the service: per session (this run
of the app) and per local calendar day (the day the person lives in, so "today" restarts at
their midnight). The per-day totals are kept on disk (:mod:`dragoman.store.usage`), so a restart
keeps today's minutes.

* **Price**: the user sets a price per minute in their own currency. Pinch's price is not in its
  specs, so nothing is ever assumed: with no price set, no money is shown anywhere.
* **Cap**: an optional number of minutes per day. At 80 % a warning banner; at 100 % new holds
  are refused with a banner (a hold under way finishes: a sentence is never cut in the middle).
  Each banner is raised once per level and day; lowering or raising the cap re-arms it.

Pure: days come in as :class:`datetime.date` values and seconds as numbers; the caller owns the
clock (:func:`local_day` turns a Unix time into the local day) and the file.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import Enum
from typing import Final

from dragoman.core import banners
from dragoman.core.banners import Banner
from dragoman.core.errors import DragomanError
from dragoman.core.i18n import QT_TRANSLATE_NOOP, Text

SECONDS_PER_MINUTE: Final = 60.0
WARN_FRACTION: Final = 0.8
KEEP_DAYS: Final = 400
RECENT_DAYS: Final = 30
"""The History panel's "last 30 days" figure (today and the 29 days before it)."""
"""Per-day totals older than this are dropped from the file (a year of history, and some)."""
FILE_VERSION: Final = 1


class CapLevel(Enum):
    NO_CAP = "no_cap"
    OK = "ok"
    WARN = "warn"
    STOP = "stop"


_RANK: Final = {CapLevel.NO_CAP: 0, CapLevel.OK: 0, CapLevel.WARN: 1, CapLevel.STOP: 2}


def local_day(unix_time: float) -> date:
    """The local calendar day of a Unix time (the machine's time zone)."""
    return datetime.fromtimestamp(unix_time).date()


def cap_level(seconds: float, cap_minutes: int | None) -> CapLevel:
    """Where ``seconds`` sent today stand against a cap of ``cap_minutes`` (None: no cap)."""
    if cap_minutes is None:
        return CapLevel.NO_CAP
    cap = cap_minutes * SECONDS_PER_MINUTE
    if seconds >= cap:
        return CapLevel.STOP
    if seconds >= WARN_FRACTION * cap:
        return CapLevel.WARN
    return CapLevel.OK


def cost(seconds: float, price_per_minute: float | None) -> float | None:
    """What ``seconds`` cost at the user's price; None when no price is set."""
    if price_per_minute is None:
        return None
    return seconds / SECONDS_PER_MINUTE * price_per_minute


def minutes_text(seconds: float) -> Text:
    """ "42 s" under a minute, else minutes with one decimal ("12.5 min")."""
    if seconds < SECONDS_PER_MINUTE:
        return QT_TRANSLATE_NOOP("usage", "%1 s").arg(f"{seconds:.0f}")
    return QT_TRANSLATE_NOOP("usage", "%1 min").arg(f"{seconds / SECONDS_PER_MINUTE:.1f}")


def money_text(amount: float) -> str:
    """An amount in the user's own currency (which we do not know: no symbol)."""
    return f"{amount:.2f}"


def sent_text(seconds: float, price_per_minute: float | None) -> Text:
    """ "12.5 min sent", or with a price "12.5 min sent · cost 1.25" (never a cost without one)."""
    spent = cost(seconds, price_per_minute)
    if spent is None:
        return QT_TRANSLATE_NOOP("usage", "%1 sent").arg(minutes_text(seconds))
    return QT_TRANSLATE_NOOP("usage", "%1 sent · cost %2").arg(
        minutes_text(seconds), money_text(spent)
    )


class UsageUnreadable(DragomanError):
    """The usage file exists but cannot be read (damaged, or not ours to read)."""

    def __init__(self, path: str) -> None:
        self.text = QT_TRANSLATE_NOOP(
            "usage",
            "The usage file %1 cannot be read, so the minutes of audio sent per day are unknown. "
            "Restore it from a backup, or delete it to start a new count.",
        ).arg(path)
        super().__init__(str(self.text))


@dataclass(frozen=True, slots=True)
class UsageHistory:
    """The minutes sent per day as the history shows them (the usage file's totals), priced at
    the user's price when one is set; or, when the file cannot be read, the sentence saying so."""

    days: Mapping[str, float]
    today: date
    price_per_minute: float | None = None
    problem: Text | None = None

    def seconds_on(self, day: date | str) -> float:
        key = day if isinstance(day, str) else day.isoformat()
        return self.days.get(key, 0.0)

    def recent_seconds(self, count: int = RECENT_DAYS) -> float:
        """Seconds sent today and on the ``count - 1`` days before it."""
        oldest = (self.today - timedelta(days=count - 1)).isoformat()
        newest = self.today.isoformat()
        return sum(v for k, v in self.days.items() if oldest <= k <= newest)

    def recent_days(self, count: int) -> list[tuple[str, float]]:
        """(ISO day, seconds) of the days with audio sent among the last ``count``, newest first."""
        oldest = (self.today - timedelta(days=count - 1)).isoformat()
        newest = self.today.isoformat()
        return sorted(
            ((k, v) for k, v in self.days.items() if oldest <= k <= newest and v > 0),
            reverse=True,
        )

    def cost_on(self, day: date | str) -> float | None:
        return cost(self.seconds_on(day), self.price_per_minute)

    def day_text(self, day: date | str) -> Text | None:
        """What a day's heading adds ("12.5 min sent · cost 1.25"); None when nothing was sent."""
        seconds = self.seconds_on(day)
        return sent_text(seconds, self.price_per_minute) if seconds > 0 else None

    def summary_text(self) -> Text:
        """E.g. "Today: 12.5 min sent · cost 1.25 — last 30 days: 40.0 min sent · cost 4.00", or
        the sentence saying why the file could not be read."""
        if self.problem is not None:
            return self.problem
        return QT_TRANSLATE_NOOP("usage", "Today: %1 — last %2 days: %3").arg(
            sent_text(self.seconds_on(self.today), self.price_per_minute),
            RECENT_DAYS,
            sent_text(self.recent_seconds(), self.price_per_minute),
        )


@dataclass(frozen=True, slots=True)
class UsageReading:
    """What the status bar and the history show."""

    session_seconds: float
    today_seconds: float
    level: CapLevel
    cap_minutes: int | None = None
    price_per_minute: float | None = None

    @property
    def session_cost(self) -> float | None:
        return cost(self.session_seconds, self.price_per_minute)

    @property
    def today_cost(self) -> float | None:
        return cost(self.today_seconds, self.price_per_minute)

    def status_text(self) -> Text:
        """E.g. "Audio sent: 3.2 min this session · 12.5 of 60 min today · cost today 1.25"
        (English; the desktop UI shows it translated, see dragoman.core.i18n)."""
        today = minutes_text(self.today_seconds)
        if self.cap_minutes is not None:
            today = QT_TRANSLATE_NOOP("usage", "%1 of %2 min").arg(
                f"{self.today_seconds / SECONDS_PER_MINUTE:.1f}", self.cap_minutes
            )
        session = minutes_text(self.session_seconds)
        today_cost = self.today_cost
        if today_cost is None:
            return QT_TRANSLATE_NOOP("usage", "Audio sent: %1 this session · %2 today").arg(
                session, today
            )
        return QT_TRANSLATE_NOOP(
            "usage", "Audio sent: %1 this session · %2 today · cost today %3"
        ).arg(session, today, money_text(today_cost))


class UsageMeter:
    """Counts seconds sent (session and per day), prices them, and applies the daily cap."""

    def __init__(
        self,
        days: Mapping[str, float] | None = None,
        *,
        price_per_minute: float | None = None,
        daily_cap_minutes: int | None = None,
    ) -> None:
        """``days``: per-day totals already kept (ISO date → seconds), e.g. from the file."""
        self._days: dict[str, float] = {
            k: float(v) for k, v in (days or {}).items() if _valid_day(k) and _valid_seconds(v)
        }
        self.price_per_minute = price_per_minute
        self.daily_cap_minutes = daily_cap_minutes
        self.session_seconds = 0.0
        self._announced: tuple[str, CapLevel] | None = None

    def configure(self, *, price_per_minute: float | None, daily_cap_minutes: int | None) -> None:
        """New settings; the next crossing of a threshold of the new cap is announced again."""
        self.price_per_minute = price_per_minute
        if daily_cap_minutes != self.daily_cap_minutes:
            self.daily_cap_minutes = daily_cap_minutes
            self._announced = None

    def new_session(self) -> None:
        self.session_seconds = 0.0

    def seconds_on(self, day: date) -> float:
        return self._days.get(day.isoformat(), 0.0)

    def level(self, day: date) -> CapLevel:
        return cap_level(self.seconds_on(day), self.daily_cap_minutes)

    def may_start(self, day: date) -> bool:
        """Whether a new hold may start on ``day`` (False once today's cap is reached)."""
        return self.level(day) is not CapLevel.STOP

    def add(self, seconds: float, day: date) -> Banner | None:
        """Count ``seconds`` sent on ``day``. Returns the banner to raise when this crosses 80 %
        or 100 % of the cap (once per level and day), else None."""
        if not _valid_seconds(seconds) or seconds == 0:
            return None
        key = day.isoformat()
        self.session_seconds += seconds
        self._days[key] = self._days.get(key, 0.0) + seconds
        self._prune(day)
        level = self.level(day)
        before = (
            self._announced[1]
            if self._announced is not None and self._announced[0] == key
            else CapLevel.OK
        )
        self._announced = (key, level)
        if _RANK[level] > _RANK[before]:
            return self.banner(day)
        return None

    def banner(self, day: date) -> Banner | None:
        """The banner for where ``day`` stands now: the warning, the stop, or None."""
        level = self.level(day)
        cap = self.daily_cap_minutes
        if cap is None or level in (CapLevel.OK, CapLevel.NO_CAP):
            return None
        spent = cost(self.seconds_on(day), self.price_per_minute)
        if level is CapLevel.WARN:
            return banners.usage_cap_warning(self.seconds_on(day), cap, spent)
        return banners.usage_cap_reached(cap, spent)

    def reading(self, day: date) -> UsageReading:
        return UsageReading(
            session_seconds=self.session_seconds,
            today_seconds=self.seconds_on(day),
            level=self.level(day),
            cap_minutes=self.daily_cap_minutes,
            price_per_minute=self.price_per_minute,
        )

    def days(self) -> dict[str, float]:
        """Per-day totals (ISO date → seconds), for the file and the history."""
        return dict(self._days)

    def _prune(self, today: date) -> None:
        oldest = (today - timedelta(days=KEEP_DAYS)).isoformat()
        for key in [k for k in self._days if k < oldest]:
            del self._days[key]

    def __repr__(self) -> str:
        return (
            f"UsageMeter(session={self.session_seconds:.1f} s, days={len(self._days)}, "
            f"cap={self.daily_cap_minutes}, price={self.price_per_minute})"
        )


def _valid_day(text: object) -> bool:
    if not isinstance(text, str):
        return False
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return len(text) == 10


def _valid_seconds(value: object) -> bool:
    return (
        isinstance(value, int | float)
        and not isinstance(value, bool)
        and math.isfinite(value)
        and value >= 0
    )


# -- the file ------------------------------------------------------------------------------------
def parse_usage_file(text: str) -> dict[str, float]:
    """Per-day totals from the file's JSON; anything unreadable is dropped, never raised."""
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):
        return {}
    days = data.get("days") if isinstance(data, dict) else None
    if not isinstance(days, dict):
        return {}
    return {k: float(v) for k, v in days.items() if _valid_day(k) and _valid_seconds(v)}


def read_usage_file(text: str) -> dict[str, float]:
    """Per-day totals from the file's JSON, strictly: ValueError when it is not a usage file
    (what the history shows must not pass a damaged file off as "nothing sent")."""
    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as error:
        raise ValueError(f"not JSON ({error})") from None
    days = data.get("days") if isinstance(data, dict) else None
    if not isinstance(days, dict):
        raise ValueError("no per-day totals in it")
    bad = [k for k, v in days.items() if not (_valid_day(k) and _valid_seconds(v))]
    if bad:
        raise ValueError(f"unreadable entries: {', '.join(map(str, bad[:3]))}")
    return {k: float(v) for k, v in days.items()}


def dump_usage_file(days: Mapping[str, float]) -> str:
    return json.dumps(
        {"version": FILE_VERSION, "days": {k: round(v, 3) for k, v in sorted(days.items())}},
        indent=1,
    )


def added(days: Mapping[str, float], day: date, seconds: float) -> dict[str, float]:
    """``days`` with ``seconds`` added to ``day`` and totals older than ``KEEP_DAYS`` dropped
    (what the file holds after one hold; re-read first, so two processes never lose a hold)."""
    out = dict(days)
    if _valid_seconds(seconds):
        key = day.isoformat()
        out[key] = out.get(key, 0.0) + seconds
    oldest = (day - timedelta(days=KEEP_DAYS)).isoformat()
    return {k: v for k, v in out.items() if k >= oldest}
