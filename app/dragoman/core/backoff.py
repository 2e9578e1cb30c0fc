"""Retry schedules as data: generators of delays, so tests run them without sleeping."""

from __future__ import annotations

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
