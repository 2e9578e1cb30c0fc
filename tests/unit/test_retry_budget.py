"""The retry budget shared by the sockets behind one logical session (core.backoff)."""

from __future__ import annotations

from dragoman.core.backoff import RetryBudget, reconnect_delays


def budget(attempts: int = 5, stable_after_s: float = 5.0) -> RetryBudget:
    return RetryBudget(attempts=attempts, delays=reconnect_delays, stable_after_s=stable_after_s)


def lose_quickly(b: RetryBudget, label: str | None = None) -> bool:
    """A socket that got ready at t=100 and was lost one second later, having finalised audio."""
    return b.lost(ready_at=100.0, now=101.0, progressed=True, label=label)


def test_sockets_lost_soon_after_ready_spend_the_budget_on_the_ladder() -> None:
    b = budget()
    delays = []
    for n in range(5):
        assert lose_quickly(b, f"s{n}") is False
        assert not b.exhausted
        delays.append(b.next_delay())
    assert delays == [1.0, 2.0, 4.0, 8.0, 16.0]
    lose_quickly(b, "s5")
    assert b.exhausted and b.failures == 6 and b.attempts == 5
    assert b.tried == ["s3", "s4", "s5"] and b.sessions_clause() == "sessions s3, s4, s5"
    assert b.pattern() == "every new session was lost within 5 s of starting"
    assert "failures=6/5" in repr(b) and "s5" in repr(b)


def test_only_a_long_and_productive_socket_renews_the_budget() -> None:
    b = budget()
    lose_quickly(b, "a")
    b.next_delay()
    lose_quickly(b, "b")
    assert b.next_delay() == 2.0
    # Up long enough but nothing covered: still a failure ...
    assert b.lost(ready_at=0.0, now=60.0, progressed=False, label="c") is False
    assert b.failures == 3 and b.next_delay() == 4.0
    # ... up long enough and progressed: the whole budget and a fresh ladder again.
    assert b.lost(ready_at=0.0, now=60.0, progressed=True, label="d") is True
    assert b.failures == 1 and b.tried == ["d"] and b.next_delay() == 1.0
    assert b.sessions_clause() == "session d"


def test_an_immediate_retry_is_granted_to_the_first_failure_in_a_row_only() -> None:
    b = budget()
    assert b.lost(ready_at=None, now=0.0, progressed=True) is False  # never got ready
    assert b.next_delay(immediate=True) == 0.0
    lose_quickly(b)
    assert b.next_delay(immediate=True) == 1.0  # the ladder was not consumed by the first
    b.lost(ready_at=0.0, now=60.0, progressed=True)  # healthy: the next loss may be at once
    assert b.next_delay(immediate=True) == 0.0
    assert b.lost_any


def test_the_pattern_says_what_kept_happening() -> None:
    b = budget()
    assert b.pattern() == "" and b.sessions_clause() == "" and not b.lost_any
    b.lost(ready_at=0.0, now=60.0, progressed=False)
    assert b.pattern() == "every new session was lost before a final covered the speech sent to it"
    lose_quickly(b)
    assert b.pattern() == "every new session was lost soon after it got ready"
    b.lost(ready_at=None, now=0.0, progressed=False)  # refused: the loss's reason says why
    assert b.pattern() == "" and b.sessions_clause() == ""


def test_without_a_stable_time_progress_alone_decides() -> None:
    b = budget(stable_after_s=0.0)
    assert b.lost(ready_at=1.0, now=1.0, progressed=True) is True
    assert b.lost(ready_at=1.0, now=1.0, progressed=False) is False


def test_a_schedule_that_runs_out_waits_30_seconds() -> None:
    b = RetryBudget(attempts=3, delays=lambda: iter([0.01]), stable_after_s=5.0)
    lose_quickly(b)
    assert b.next_delay() == 0.01
    lose_quickly(b)
    assert b.next_delay() == 30.0


def test_the_time_spent_failing_counts_from_the_first_failure_in_a_row() -> None:
    b = budget()
    assert b.failing_for(50.0) == 0.0
    b.lost(ready_at=None, now=10.0, progressed=False)
    b.lost(ready_at=None, now=13.0, progressed=False)
    assert b.failing_for(17.0) == 7.0
    assert b.lost(ready_at=20.0, now=90.0, progressed=True) is True  # a healthy one: a new row
    assert b.failing_for(95.0) == 5.0
    fresh = budget()
    fresh.lost(ready_at=None, now=10.0, progressed=False, began_at=4.0)  # the attempt took 6 s
    assert fresh.failing_for(12.0) == 8.0


def test_retry_after_is_capped_and_said_in_words() -> None:
    from dragoman.core.backoff import MAX_RETRY_AFTER_S, asked_to_wait, asks_too_long, duration

    assert not asks_too_long(None) and not asks_too_long(MAX_RETRY_AFTER_S)
    assert asks_too_long(MAX_RETRY_AFTER_S + 0.5)
    assert asked_to_wait(29.2) == "the service asked to wait 30 s"
    assert asked_to_wait(999_999) == "the service asked to wait 12 days"
    assert [duration(s) for s in (-1, 0.4, 7.2, 119, 121, 7199, 7200, 200_000)] == [
        "0 s", "0 s", "7 s", "119 s", "2 min", "120 min", "2 h", "2 days",
    ]  # fmt: skip
