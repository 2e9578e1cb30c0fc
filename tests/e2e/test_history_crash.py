"""End to end, the app as a subprocess: the history survives a SIGKILL.

Two utterances, then the app is killed (SIGKILL, no chance to clean up) in the middle of the
third, right after a final of it reached the window. After a restart, ``dragoman history --json``
shows both finished exchanges and every final of the third that had reached the app, and the
file passes ``PRAGMA integrity_check``.
"""

from __future__ import annotations

import json
import re
import sqlite3
import stat
import time
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.desktop import GOOD_KEY, HOTKEY, App, desktop, wait
from tests.e2e.test_desktop_ownership import BASE, hold, ready_app, tone
from tests.testbed.xserver import foreign_window

pytestmark = pytest.mark.slow


def finished_rows(app: App) -> list[dict[str, Any]]:
    status = app.status()
    if status is None:
        return []
    return [r for r in status["rows"] if r["translation"] and not r["provisional"]]


def test_a_killed_app_keeps_every_final_that_reached_it(
    tmp_path: Path, keyring_env: dict[str, str]
) -> None:
    with desktop(tmp_path, keyring_env) as d:
        d.store_key(GOOD_KEY)
        d.write_settings(BASE)
        with d.launch() as app, foreign_window(d.x):
            ready_app(d, app)
            status = app.status()
            assert status is not None and status["history"]["recording"]
            feeder = d.bed.feed("vmic_in", tone(60.0), 48_000, 1)
            time.sleep(0.5)  # the tone has reached the microphone's history
            for n in (1, 2):
                hold(d, HOTKEY, 1.6)
                wait(lambda n=n: len(finished_rows(app)) >= n, f"exchange {n}", 30)
                app.wait_state("ready", 30)
            d.x.xdotool("keydown", HOTKEY)  # the third: killed while it is being spoken
            seen = wait(
                lambda: [
                    r
                    for r in (app.status() or {"rows": []})["rows"]
                    if "speech 3.1 1.00s" in r["original"] and "[es] speech 3.1" in r["translation"]
                ],
                "a final of the third utterance",
                30,
            )
            app.proc.kill()  # SIGKILL
            app.proc.wait(10)
            d.x.xdotool("keyup", HOTKEY)
            feeder.kill()
        assert app.proc.returncode == -9

        path = Path(d.env["XDG_DATA_HOME"]) / "dragoman" / "history.sqlite3"
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        with d.launch(log_name="app2.log") as again:
            ready_app(d, again)
            listed = again.cli("history", "--json")
            assert listed.returncode == 0, listed.stderr
            conversations = json.loads(listed.stdout)["conversations"]
            status = again.status()
            assert status is not None and status["rows"] == []  # a new conversation
        (conversation,) = conversations
        rows = conversation["exchanges"]
        assert len(rows) == 3, rows
        for n, row in enumerate(rows[:2], 1):  # both finished exchanges, whole
            assert row["original"].startswith(f"speech {n}.1 1.00s speech {n}.2 "), row
            assert row["translated"].startswith(f"[es] speech {n}.1 1.00s [es] speech {n}.2 ")
            assert row["has_audio"], row  # and the speech that came with them
            assert row["start_s"] is not None and row["end_s"] > row["start_s"]
        third = rows[2]
        assert third["original"].startswith("speech 3.1 1.00s"), third
        assert third["translated"].startswith("[es] speech 3.1 1.00s"), third
        # Every final of the third that the window had shown is there (a locked 1 s span is
        # final; what follows it in the row was still provisional).
        (last_seen,) = seen
        finals = re.findall(r"speech 3\.\d+ 1\.00s", last_seen["original"])
        assert finals and all(f in third["original"] for f in finals), (finals, third)
        assert rows[0]["start_s"] < rows[1]["start_s"] < third["start_s"]
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
            assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        db.close()
        assert "Traceback" not in d.log() and "Traceback" not in d.log("app2.log")
