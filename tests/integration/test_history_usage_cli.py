"""``dragoman history`` shows the minutes of audio sent per day (the usage file the desktop app
keeps), priced only at a price the user set in the app's Settings; a damaged usage file is one
sentence on stderr and the history is still listed. ``dragoman`` runs as a subprocess against a
private data and configuration folder."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

import pytest

from dragoman.core.history import SegmentRecord
from dragoman.core.settings import Settings
from dragoman.store.history import HistoryDatabase
from dragoman.store.settings import SettingsStore

pytestmark = pytest.mark.slow


@pytest.fixture
def home(tmp_path: Path) -> Path:
    (tmp_path / "data" / "dragoman").mkdir(parents=True)
    (tmp_path / "config").mkdir()
    return tmp_path


def dragoman(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DRAGOMAN_DATA_DIR", "DISPLAY")}
    env.update(
        XDG_DATA_HOME=str(home / "data"),
        XDG_CONFIG_HOME=str(home / "config"),
        DBUS_SESSION_BUS_ADDRESS="disabled:",
    )
    return subprocess.run(
        [sys.executable, "-m", "dragoman", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def write_usage(home: Path, days: dict[str, float]) -> Path:
    path = home / "data" / "dragoman" / "usage.json"
    path.write_text(json.dumps({"version": 1, "days": days}), encoding="utf-8")
    return path


def set_price(home: Path, price: float) -> None:
    SettingsStore(home / "config" / "Dragoman" / "dragoman.conf").save(
        Settings(price_per_minute=price)
    )


# The child and this process share the machine's clock and time zone; a run across midnight is
# the only way "today" could differ, so the days are taken just before each run.
def days_back(n: int) -> str:
    return (date.today() - timedelta(days=n)).isoformat()


def test_minutes_per_day_without_a_price_show_no_cost(home: Path) -> None:
    write_usage(home, {days_back(0): 750.0, days_back(1): 42.0, days_back(40): 600.0})
    done = dragoman(home, "history")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "No history yet."
    at = lines.index(
        "Audio sent to the service, last 7 days (no cost shown: set a price per minute in "
        "the app's Settings → Session):"
    )
    assert [line.split() for line in lines[at + 1 :]] == [
        [days_back(0), "12.5", "min"],
        [days_back(1), "42", "s"],
        ["total", "13.2", "min"],
    ]  # 40 days ago is outside the 7 shown
    assert "cost" not in "".join(lines[at + 1 :])

    listed = json.loads(dragoman(home, "history", "--json", "--days", "60").stdout)
    assert listed["conversations"] == []
    usage = listed["usage"]
    assert usage["price_per_minute"] is None and usage["error"] is None
    assert usage["days_shown"] == 60 and usage["total_cost"] is None
    assert usage["days"] == [
        {"day": days_back(0), "seconds_sent": 750.0, "minutes_sent": 12.5, "cost": None},
        {"day": days_back(1), "seconds_sent": 42.0, "minutes_sent": 0.7, "cost": None},
        {"day": days_back(40), "seconds_sent": 600.0, "minutes_sent": 10.0, "cost": None},
    ]
    assert usage["total_seconds_sent"] == 1392.0


def test_with_a_price_set_each_day_and_the_total_are_priced(home: Path) -> None:
    write_usage(home, {days_back(0): 750.0, days_back(2): 90.0})
    set_price(home, 0.1)
    done = dragoman(home, "history", "--days", "3")
    assert done.returncode == 0, done.stderr
    assert "Audio sent to the service, last 3 days (cost at your price of 0.1 per minute):" in (
        done.stdout
    )
    assert f"{days_back(0)}    12.5 min  cost 1.25" in done.stdout
    assert f"{days_back(2)}     1.5 min  cost 0.15" in done.stdout
    assert "total         14.0 min  cost 1.40" in done.stdout

    usage = json.loads(dragoman(home, "history", "--json").stdout)["usage"]
    assert usage["price_per_minute"] == 0.1
    assert [(d["day"], d["cost"]) for d in usage["days"]] == [
        (days_back(0), 1.25),
        (days_back(2), 0.15),
    ]
    assert usage["total_cost"] == 1.4


def test_no_usage_file_adds_nothing_to_the_text_and_an_empty_usage_to_json(home: Path) -> None:
    assert dragoman(home, "history").stdout.strip() == "No history yet."
    usage = json.loads(dragoman(home, "history", "--json").stdout)["usage"]
    assert usage["days"] == [] and usage["error"] is None and usage["total_seconds_sent"] == 0


def test_a_damaged_usage_file_is_one_sentence_and_the_history_still_lists(home: Path) -> None:
    path = home / "data" / "dragoman" / "usage.json"
    path.write_text('{"version": 1, "days": {"2026-12-0', encoding="utf-8")
    done = dragoman(home, "history")
    assert done.returncode == 0
    assert done.stdout.strip() == "No history yet."
    assert "Traceback" not in done.stderr
    (line,) = done.stderr.strip().splitlines()
    assert line == (
        f"dragoman: The usage file {path} cannot be read, so the minutes of audio sent per day "
        "are unknown. Restore it from a backup, or delete it to start a new count."
    )
    listed = json.loads(dragoman(home, "history", "--json").stdout)
    assert listed["usage"]["days"] == [] and "cannot be read" in listed["usage"]["error"]
    assert path.read_text(encoding="utf-8").startswith('{"version": 1, "days": {"2026')  # untouched


def test_each_conversation_shows_what_it_sent_where_the_history_recorded_it(home: Path) -> None:
    db = HistoryDatabase(home / "data" / "dragoman" / "history.sqlite3")
    now = time.time()
    for uid, text in (("old", "before the count"), ("new", "with the count")):
        db.begin_conversation(uid, now)
        db.save_segment(SegmentRecord(f"{uid}-1", uid, None, 1, text, "", 0.0, 1.0, now, now))
    db.save_seconds_sent("new", 90.0)
    db.close()
    set_price(home, 0.1)

    lines = dragoman(home, "history").stdout.splitlines()
    assert "1.5 min sent · cost 0.15  with the count" in lines[0]
    assert "sent" not in lines[1] and "before the count" in lines[1]

    newer, older = json.loads(dragoman(home, "history", "--json").stdout)["conversations"]
    assert (newer["seconds_sent"], newer["cost"]) == (90.0, 0.15)
    assert (older["seconds_sent"], older["cost"]) == (None, None)  # unknown, never 0
