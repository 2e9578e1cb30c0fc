"""Retry schedules as data: generators of delays, so tests run them without sleeping."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterator

DelayFactory = Callable[[], Iterator[float]]


def exponential(
    first: float = 1.0, factor: float = 2.0, cap: float = 30.0, attempts: int | None = None
) -> Iterator[float]:
    """1, 2, 4 ... seconds, capped; ``attempts`` delays in all (None: forever)."""
    delay = first
    count = 0
    while attempts is None or count < attempts:
        yield min(delay, cap)
        delay *= factor
        count += 1


def allocation_delays() -> Iterator[float]:
    """Pinch allocation retries on 503/429: 1 s, then 2 s, then (decided) 4 s; then give up."""
    return exponential(1.0, 2.0, 4.0, attempts=3)


def reconnect_delays() -> Iterator[float]:
    """Between reconnection attempts after an unexpected close: 1, 2, 4 … s capped at 30 s."""
    return exponential(1.0, 2.0, 30.0, attempts=None)


def rate_limit_delays() -> Iterator[float]:
    """After HTTP 429 (Pulse): 0.5 s doubling to 30 s; the caller bounds the attempts."""
    return exponential(0.5, 2.0, 30.0, attempts=None)


def honour_retry_after(delay: float, retry_after: float | None, cap: float = 60.0) -> float:
    """Our delay, or the server's Retry-After when longer, never more than ``cap`` seconds.

    A server may ask for a longer pause than our schedule but never makes us hammer it sooner;
    the cap keeps a hostile or broken header from parking the session for hours.
    """
    if retry_after is None:
        return delay
    return min(max(delay, retry_after), cap)


class RetryBudget:
    """Reconnection attempts shared by every socket behind one logical session.

    Counting per socket is not enough: a server that accepts each new session and loses it at
    once would look like a string of successes, and the client would reconnect (replaying the
    whole utterance each time) forever.  So an attempt gives the whole budget back only when it
    was *healthy*: its socket stayed up ``stable_after_s`` after it became ready **and** made
    progress meanwhile (what progress is, the owner says: a final that covered audio, or no
    speech waiting for one).  Every other attempt -- refused, never ready, lost within
    ``stable_after_s``, or lost with speech no final covered -- spends one try.  Once more than
    ``attempts`` failed in a row the budget is ``exhausted``: time to give up.
    """

    def __init__(
        self,
        *,
        attempts: int,
        delays: DelayFactory,
        stable_after_s: float,
        remember: int = 3,
    ) -> None:
        self._attempts = attempts
        self._delay_factory = delays
        self._delays = delays()
        self._stable_after_s = stable_after_s
        self.failures = 0  # failed attempts in a row
        self.failing_since: float | None = None  # when the first of them ended
        self.lost_any = False  # any attempt lost at all: the next ready is a reconnection
        self._tried: deque[str] = deque(maxlen=remember)  # ids of the last failed attempts
        self._quick = 0  # failed attempts in a row lost within stable_after_s of ready
        self._stuck = 0  # failed attempts in a row that lived longer but covered nothing
        # (the others in a row never got ready at all)

    def __repr__(self) -> str:
        return (
            f"RetryBudget(failures={self.failures}/{self._attempts}, "
            f"stable_after_s={self._stable_after_s:g}, tried={list(self._tried)!r})"
        )

    def lost(
        self,
        *,
        ready_at: float | None,
        now: float,
        progressed: bool,
        label: str | None = None,
        began_at: float | None = None,
    ) -> bool:
        """One attempt is over (``ready_at`` None: it never got ready). True if it was healthy.

        ``label`` (the attempt's session id, when there is one) is remembered for ``tried``;
        ``began_at`` (when the attempt started) dates the row of failures for ``failing_for``.
        """
        self.lost_any = True
        lived = None if ready_at is None else now - ready_at
        healthy = lived is not None and lived >= self._stable_after_s and progressed
        if healthy:
            self.failures, self._quick, self._stuck = 0, 0, 0
            self._delays = self._delay_factory()
            self._tried.clear()
        if self.failures == 0:
            self.failing_since = now if began_at is None or healthy else began_at
        self.failures += 1
        if lived is not None and lived < self._stable_after_s:
            self._quick += 1
        elif lived is not None and not healthy:
            self._stuck += 1
        if label:
            self._tried.append(label)
        return healthy

    @property
    def exhausted(self) -> bool:
        return self.failures > self._attempts

    def next_delay(self, *, immediate: bool = False) -> float:
        """The pause before the next attempt, from the ladder (1, 2, 4 ... s).

        ``immediate``: the loss asks for a new session at once (an expired link, a session the
        server ended).  Granted to the first failure in a row only; later ones climb the ladder.
        """
        if immediate and self.failures == 1:
            return 0.0
        return next(self._delays, 30.0)

    @property
    def attempts(self) -> int:
        return self._attempts

    def failing_for(self, now: float) -> float:
        """Seconds since the first failed attempt in the current row began (0: none failed)."""
        return 0.0 if self.failing_since is None or not self.failures else now - self.failing_since

    @property
    def tried(self) -> list[str]:
        """Ids of the last few failed attempts in a row (at most ``remember``), oldest first."""
        return list(self._tried)

    def pattern(self) -> str:
        """What kept happening to the failed attempts in a row, as a clause ('' if not one thing).

        Attempts that never got ready say nothing here: the loss's own reason tells why.
        """
        if not self.failures:
            return ""
        if self._quick == self.failures:
            return f"every new session was lost within {self._stable_after_s:g} s of starting"
        if self._stuck == self.failures:
            return "every new session was lost before a final covered the speech sent to it"
        if self._quick + self._stuck == self.failures:
            return "every new session was lost soon after it got ready"
        return ""

    def sessions_clause(self) -> str:
        """'sessions a, b, c' (the last few tried), or '' when none had an id."""
        if not self._tried:
            return ""
        noun = "session" if len(self._tried) == 1 else "sessions"
        return f"{noun} {', '.join(self._tried)}"


# Decided: a server may ask for a pause (Retry-After) up to this long; a longer one is not
# waited out in silence: the attempt gives up at once and the sentence says what was asked.
MAX_RETRY_AFTER_S = 60.0


def asks_too_long(retry_after: float | None, cap: float = MAX_RETRY_AFTER_S) -> bool:
    """Whether the server asked for a longer pause than we are willing to wait."""
    return retry_after is not None and retry_after > cap


def asked_to_wait(retry_after: float) -> str:
    """'the service asked to wait 30 s' (rounded up to whole seconds, or coarser units)."""
    return f"the service asked to wait {duration(retry_after, up=True)}"


def duration(seconds: float, *, up: bool = False) -> str:
    """A span of time for a sentence: '7 s', '3 min', '5 h', '12 days'."""
    seconds = max(0.0, seconds)
    for unit, size, limit in (("s", 1, 120), ("min", 60, 120 * 60), ("h", 3600, 48 * 3600)):
        if seconds < limit:
            count = -(-seconds // size) if up else round(seconds / size)
            return f"{count:.0f} {unit}"
    days = -(-seconds // 86400) if up else round(seconds / 86400)
    return f"{days:.0f} days"
