"""The minutes meter and the daily cap: per session and per local day, persisted, priced only at
the user's own price, warning at 80 % and stopping new holds at 100 %."""

from __future__ import annotations

import asyncio
import json
import math
import os
import stat
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dragoman.controller.usage import UsageTracker
from dragoman.core.banners import USAGE_KEY, Level
from dragoman.core.cost import (
    KEEP_DAYS,
    CapLevel,
    UsageMeter,
    added,
    cap_level,
    cost,
    dump_usage_file,
    local_day,
    minutes_text,
    parse_usage_file,
)
from dragoman.core.errors import UsageError
from dragoman.core.settings import DEFAULTS, from_strings, to_strings, with_value
from dragoman.store.usage import UsageStore

MONDAY = date(2026, 12, 7)
TUESDAY = MONDAY + timedelta(days=1)


def test_thresholds_warn_at_80_and_stop_at_100_percent() -> None:
    assert cap_level(10_000, None) is CapLevel.NO_CAP
    assert cap_level(0, 10) is CapLevel.OK
    assert cap_level(479.9, 10) is CapLevel.OK
    assert cap_level(480, 10) is CapLevel.WARN
    assert cap_level(599.9, 10) is CapLevel.WARN
    assert cap_level(600, 10) is CapLevel.STOP


def test_each_banner_is_raised_once_and_the_cap_stops_new_holds() -> None:
    meter = UsageMeter(daily_cap_minutes=10)
    assert meter.add(300, MONDAY) is None and meter.may_start(MONDAY)
    warning = meter.add(200, MONDAY)  # 500 s: past 80 % of 600
    assert warning is not None and warning.key == USAGE_KEY and warning.level is Level.WARNING
    assert warning.text.startswith("8 of today's 10 minutes of audio used.")
    assert "cost" not in warning.text  # no price set: no money
    assert meter.add(50, MONDAY) is None  # still warning: said once
    assert meter.may_start(MONDAY)
    stop = meter.add(60, MONDAY)  # 610 s
    assert stop is not None and stop.level is Level.ERROR
    assert "cap of 10 minutes of audio is reached: new holds are stopped" in stop.text
    assert not meter.may_start(MONDAY)
    assert meter.banner(MONDAY) == stop  # what a refused key-down shows
    assert meter.add(5, MONDAY) is None  # a hold under way that ends after the cap: counted
    assert meter.seconds_on(MONDAY) == 615


def test_a_new_day_starts_from_zero_and_a_session_spans_midnight() -> None:
    meter = UsageMeter(daily_cap_minutes=1)
    assert meter.add(70, MONDAY) is not None and not meter.may_start(MONDAY)
    assert meter.may_start(TUESDAY) and meter.level(TUESDAY) is CapLevel.OK
    assert meter.add(50, TUESDAY) is not None  # Tuesday's own 80 % is announced again
    assert meter.session_seconds == 120
    assert meter.days() == {"2026-12-07": 70.0, "2026-12-08": 50.0}
    meter.new_session()
    assert meter.session_seconds == 0 and meter.seconds_on(TUESDAY) == 50


def test_changing_the_cap_rearms_its_banners() -> None:
    meter = UsageMeter(daily_cap_minutes=1)
    assert meter.add(55, MONDAY) is not None
    meter.configure(price_per_minute=None, daily_cap_minutes=2)
    assert meter.level(MONDAY) is CapLevel.OK and meter.add(1, MONDAY) is None
    assert meter.add(50, MONDAY) is not None  # 106 s of 120: 80 % of the new cap
    meter.configure(price_per_minute=None, daily_cap_minutes=None)
    assert meter.add(10_000, MONDAY) is None and meter.may_start(MONDAY)
    assert meter.banner(MONDAY) is None


def test_money_only_at_the_users_own_price() -> None:
    assert cost(90, None) is None
    assert cost(90, 0.2) == pytest.approx(0.3)
    meter = UsageMeter()
    meter.add(90, MONDAY)
    plain = meter.reading(MONDAY)
    assert plain.today_cost is None and plain.session_cost is None
    assert plain.status_text() == "Audio sent: 1.5 min this session · 1.5 min today"
    meter.configure(price_per_minute=0.2, daily_cap_minutes=60)
    priced = meter.reading(MONDAY)
    assert priced.today_cost == pytest.approx(0.3)
    assert priced.status_text() == (
        "Audio sent: 1.5 min this session · 1.5 of 60 min today · cost today 0.30"
    )
    capped = UsageMeter(price_per_minute=0.5, daily_cap_minutes=1)
    banner = capped.add(60, MONDAY)
    assert banner is not None and "(cost today: 0.50 at your price)" in banner.text
    assert minutes_text(42.4) == "42 s"


@pytest.mark.parametrize("bad", [-1.0, math.nan, math.inf, 0.0])
def test_nonsense_seconds_count_nothing(bad: float) -> None:
    meter = UsageMeter(daily_cap_minutes=1)
    assert meter.add(bad, MONDAY) is None
    assert meter.session_seconds == 0 and meter.days() == {}


def test_local_day_is_the_calendar_day_of_this_machine() -> None:
    noon = datetime(2026, 12, 7, 12, 0).timestamp()  # naive: local time
    assert local_day(noon) == MONDAY
    assert local_day(datetime(2026, 12, 7, 23, 59, 59).timestamp()) == MONDAY
    assert local_day(datetime(2026, 12, 8, 0, 0, 1).timestamp()) == TUESDAY


def test_the_file_format_round_trips_and_damage_reads_as_nothing() -> None:
    days = {"2026-12-07": 70.25, "2026-12-08": 5.0}
    assert parse_usage_file(dump_usage_file(days)) == days
    assert json.loads(dump_usage_file(days))["version"] == 1
    for damaged in ("", "[", "[1]", '{"days": 3}', "{" * 5000):
        assert parse_usage_file(damaged) == {}
    mixed = '{"days": {"2026-12-07": 3, "yesterday": 4, "2026-12-08": -1, "2026-12-09": true}}'
    assert parse_usage_file(mixed) == {"2026-12-07": 3.0}
    old = (MONDAY - timedelta(days=KEEP_DAYS + 1)).isoformat()
    assert added({old: 9.0}, MONDAY, 1.0) == {"2026-12-07": 1.0}


@given(st.text(max_size=200))
def test_fuzz_the_file_never_raises(text: str) -> None:
    assert isinstance(parse_usage_file(text), dict)


def test_the_store_keeps_todays_minutes_across_a_restart(tmp_path: Path) -> None:
    store = UsageStore(tmp_path / "data" / "usage.json")
    assert store.load() == {}
    store.add(MONDAY, 30.0)
    assert store.add(MONDAY, 12.5) == {"2026-12-07": 42.5}
    assert stat.S_IMODE(os.stat(store.path).st_mode) == 0o600
    restarted = UsageMeter(UsageStore(store.path).load(), daily_cap_minutes=1)
    assert restarted.seconds_on(MONDAY) == 42.5 and restarted.session_seconds == 0
    store.path.write_text("not json")
    assert store.load() == {}


def test_the_tracker_counts_saves_and_answers_before_a_hold(tmp_path: Path) -> None:
    store = UsageStore(tmp_path / "usage.json")
    settings = replace(DEFAULTS, daily_cap_minutes=1, price_per_minute=0.1)
    noon = datetime(2026, 12, 7, 12, 0).timestamp()
    tracker = UsageTracker.for_settings(settings, store.load(), persist=store.add, now=lambda: noon)

    async def body() -> None:
        assert tracker.refusal() is None
        assert tracker.sent(30) is None
        warning = tracker.sent(20)
        assert warning is not None and warning.level is Level.WARNING
        stop = tracker.sent(15)
        assert stop is not None and tracker.refusal() == stop
        tracker.configure(replace(settings, daily_cap_minutes=None))
        assert tracker.refusal() is None
        await tracker.aclose()

    asyncio.run(body())
    assert store.load() == {"2026-12-07": 65.0}
    assert tracker.reading().today_cost == pytest.approx(65 / 60 * 0.1)


def test_settings_fields_are_unset_by_default_and_validated() -> None:
    assert DEFAULTS.price_per_minute is None and DEFAULTS.daily_cap_minutes is None
    assert to_strings(DEFAULTS)["price_per_minute"] == ""
    assert from_strings(to_strings(DEFAULTS)).settings == DEFAULTS
    set_ = replace(DEFAULTS, price_per_minute=0.12, daily_cap_minutes=90)
    assert from_strings(to_strings(set_)).settings == set_
    assert with_value(DEFAULTS, "daily_cap_minutes", "45").daily_cap_minutes == 45
    assert with_value(set_, "daily_cap_minutes", "").daily_cap_minutes is None
    assert with_value(set_, "price_per_minute", "none").price_per_minute is None
    for name, text in [
        ("price_per_minute", "-1"),
        ("price_per_minute", "nan"),
        ("price_per_minute", "free"),
        ("daily_cap_minutes", "0"),
        ("daily_cap_minutes", "1.5"),
        ("daily_cap_minutes", "99999"),
    ]:
        result = from_strings({name: text})
        assert getattr(result.settings, name) is None and result.problems, (name, text)
        with pytest.raises(UsageError, match="or empty for none"):
            with_value(DEFAULTS, name, text)


# -- what the history shows ----------------------------------------------------------------------


def test_the_history_shows_minutes_per_day_and_a_cost_only_with_a_price() -> None:
    from dragoman.core.cost import UsageHistory, sent_text

    days = {TUESDAY.isoformat(): 750.0, MONDAY.isoformat(): 42.0, "2026-10-01": 600.0}
    unpriced = UsageHistory(days, TUESDAY)
    assert (
        sent_text(42.0, None) == "42 s sent" and sent_text(90.0, 0.5) == "1.5 min sent · cost 0.75"
    )
    assert unpriced.day_text(TUESDAY) == "12.5 min sent" and unpriced.cost_on(TUESDAY) is None
    assert unpriced.day_text("2026-12-01") is None  # nothing sent: nothing said
    assert unpriced.recent_seconds() == 792.0  # October is not in the last 30 days
    assert unpriced.recent_days(1) == [(TUESDAY.isoformat(), 750.0)]
    assert unpriced.recent_days(7) == [(TUESDAY.isoformat(), 750.0), (MONDAY.isoformat(), 42.0)]
    assert unpriced.summary_text() == "Today: 12.5 min sent — last 30 days: 13.2 min sent"
    assert "cost" not in unpriced.summary_text()
    priced = replace(unpriced, price_per_minute=0.1)
    assert priced.summary_text() == (
        "Today: 12.5 min sent · cost 1.25 — last 30 days: 13.2 min sent · cost 1.32"
    )
    assert priced.summary_text().source == "Today: %1 — last %2 days: %3"  # one catalogue message


def test_a_damaged_usage_file_is_refused_by_the_strict_reader_with_a_sentence(
    tmp_path: Path,
) -> None:
    from dragoman.core.cost import UsageUnreadable, read_usage_file

    assert read_usage_file(dump_usage_file({"2026-12-07": 30.0})) == {"2026-12-07": 30.0}
    for damaged in ("{", "[]", '{"days": 3}', '{"days": {"2026-12-07": -1}}', '{"days": {"x": 1}}'):
        with pytest.raises(ValueError):
            read_usage_file(damaged)
        assert parse_usage_file(damaged) == {}  # the meter still starts (from nothing)
    store = UsageStore(tmp_path / "usage.json")
    assert store.read() == {}  # no file yet: nothing sent, not an error
    store.path.write_bytes(b'{"version": 1, "days": {"2026-12-07": 1')
    with pytest.raises(UsageUnreadable) as caught:
        store.read()
    assert str(store.path) in str(caught.value) and "cannot be read" in str(caught.value)
    assert caught.value.text.context == "usage"  # translated where the panel shows it
    store.path.write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(UsageUnreadable):
        store.read()


def test_a_hold_never_writes_over_a_damaged_usage_file(tmp_path: Path) -> None:
    """The damaged file is set aside whole (its totals can still be recovered by hand) and the
    new count starts beside it; a readable file is added to as before."""
    store = UsageStore(tmp_path / "usage.json")
    damaged = b'{"version": 1, "days": {"2026-12-06": 600.0, "2026-12-07": 1'
    store.path.write_bytes(damaged)
    assert store.add(date(2026, 12, 7), 30.0) == {"2026-12-07": 30.0}
    (kept,) = tmp_path.glob("usage.json.bad-*")
    assert kept.read_bytes() == damaged
    assert store.read() == {"2026-12-07": 30.0}
    assert store.add(date(2026, 12, 7), 15.0) == {"2026-12-07": 45.0}
    assert list(tmp_path.glob("usage.json.bad-*")) == [kept]  # nothing more set aside
