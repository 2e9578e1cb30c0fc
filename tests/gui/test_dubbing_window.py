"""The Dubbing window offscreen, its queue owner and the real client, on the dubbing emulator.

asyncio runs on Qt (qasync) as in the app; the emulator serves from its own thread over TCP.
Polls are 0.05 s (loopback only); nothing sleeps to wait: conditions are polled on the loop.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent, QGuiApplication
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from dragoman.controller.dubbing import DubbingQueue
from dragoman.core.dubbing import Phase
from dragoman.providers.dubbing import DubbingClient, DubbingConfig, JobRunner
from dragoman.resources import load_languages
from dragoman.store.jobs import JobStore
from dragoman.ui.dubbing import COLUMNS, PROGRESS, STATE, DubbingWindow, PercentRole
from tests.emulator.dubbing import DubbingEmulator, Pace, running_emulator
from tests.qtloop import run_on_qt, until


@pytest.fixture
def emu() -> Iterator[DubbingEmulator]:
    with running_emulator(pace=Pace(processing_polls=4)) as emulator:
        yield emulator


class App:
    """The window, its queue and what the window asked the desktop to do."""

    def __init__(
        self, emu: DubbingEmulator, store: JobStore, qtbot: QtBot, links_dir: Path
    ) -> None:
        self.emu = emu
        self.links_dir = links_dir  # where results of links go
        self.http: httpx.AsyncClient | None = None
        self.opened: list[str] = []
        self.notified: list[tuple[str, str]] = []
        self.queue = DubbingQueue(store=store, runner_factory=self.runner)
        self.window = DubbingWindow(
            self.queue,
            load_languages(),
            notify=lambda title, text: self.notified.append((title, text)),
            open_url=lambda url: self.opened.append(url.toLocalFile()),
        )
        qtbot.addWidget(self.window)
        self.states: list[str] = []  # every State cell shown, in order
        self.queue.job_changed.connect(self.on_changed)

    def on_changed(self, key: str) -> None:
        row = self.window.model.row_of(key)
        self.states.append(self.cell(row, STATE))

    async def runner(self) -> JobRunner:
        if self.http is None:
            self.http = httpx.AsyncClient(timeout=10)
        client = DubbingClient(
            api_key="pk_test_good",
            http=self.http,
            config=DubbingConfig(base_url=self.emu.base_url, chunk_size=8192),
        )
        return JobRunner(client, poll_s=0.05, url_output_dir=self.links_dir)

    def cell(self, row: int, column: int, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        model = self.window.model
        return model.data(model.index(row, column), role)

    def row(self, row: int = 0) -> dict[str, Any]:
        return {name: self.cell(row, i) for i, name in enumerate(COLUMNS)}

    async def close(self) -> None:
        await self.queue.aclose()
        if self.http is not None:
            await self.http.aclose()


@pytest.fixture
def store(tmp_path: Path) -> JobStore:
    return JobStore(tmp_path / "data" / "dubbing-jobs.json")


def media(folder: Path, name: str = "talk.mp4", size: int = 30_000) -> Path:
    path = folder / name
    path.write_bytes(bytes(range(256)) * (size // 256))
    return path


def test_a_file_through_the_queue(
    qapp: QApplication, qtbot: QtBot, emu: DubbingEmulator, store: JobStore, tmp_path: Path
) -> None:
    app = App(emu, store, qtbot, tmp_path)
    app.window.show()
    source = media(tmp_path)
    app.window.target.set_code("de")

    async def scenario() -> None:
        (key,) = app.window.add_sources([str(source)])
        assert app.window.model.rowCount() == 1 and app.window.selected() is not None
        await until(lambda: not app.queue.running(key))
        await app.close()

    run_on_qt(qapp, scenario())
    (job_id,) = emu.jobs
    row = app.row()
    assert row["File"] == "talk.mp4" and row["Languages"] == "Detect → German"
    assert row["State"] == "done" and row["Progress"] == "100 %" and row["Job id"] == job_id
    assert row["Duration"] and row["Cost"].startswith("$")
    assert app.cell(0, PROGRESS, PercentRole) == 100.0
    # What the row showed on the way: uploading, the server's states with progress, download.
    assert any(s.startswith("uploading") for s in app.states)
    assert any(s.startswith("processing · ") and s.endswith("%") for s in app.states)
    assert "uploading" in app.states and "downloading the result" in app.states
    output = tmp_path / "talk.de.mp4"
    assert (
        hashlib.sha256(output.read_bytes()).digest()
        == hashlib.sha256(emu.output_of(job_id)).digest()
    )

    window = app.window
    assert window.open_button.isEnabled() and window.copy_button.isEnabled()
    assert not window.stop_button.isEnabled() and not window.resume_button.isEnabled()
    window.open_button.click()
    window.folder_button.click()
    assert app.opened == [str(output), str(tmp_path)]
    window.copy_button.click()
    assert QGuiApplication.clipboard().text() == job_id
    assert job_id in window.status.text()
    assert app.notified == []  # the window was on screen
    assert store.get(job_id) is not None and store.get(job_id).phase is Phase.DONE  # type: ignore[union-attr]


def test_a_failed_job_notifies_while_hidden(
    qapp: QApplication, qtbot: QtBot, emu: DubbingEmulator, store: JobStore, tmp_path: Path
) -> None:
    emu.faults.fail_jobs = 1
    app = App(emu, store, qtbot, tmp_path)  # never shown: as when the window is closed to the tray

    async def scenario() -> None:
        (key,) = app.window.add_sources([str(media(tmp_path))])
        await until(lambda: not app.queue.running(key))
        await app.close()

    run_on_qt(qapp, scenario())
    row = app.row()
    assert row["State"] == "failed"
    tooltip = app.cell(0, STATE, Qt.ItemDataRole.ToolTipRole)
    assert "source_unreachable: Could not fetch it" in tooltip
    ((title, text),) = app.notified
    assert title == "Dubbing failed" and text.startswith("talk.mp4: Pinch could not dub job")
    app.window.status.clear()
    app.window.table.clearSelection()
    app.window.table.selectRow(0)
    assert app.window.status.text() == text  # the reason, when the row is chosen


def test_the_readme_screenshot_renders(qapp: QApplication, tmp_path: Path) -> None:
    from PySide6.QtGui import QImage

    from tests.dubbing_screenshot import render

    image = QImage(str(render(qapp, tmp_path)))
    assert image.width() >= 900 and image.height() >= 400


def test_completion_notifies_while_hidden(
    qapp: QApplication, qtbot: QtBot, emu: DubbingEmulator, store: JobStore, tmp_path: Path
) -> None:
    app = App(emu, store, qtbot, tmp_path / "links")
    app.window.show()

    async def scenario() -> None:
        app.window.url_edit.setText("https://cdn.example/keynote.mp3")
        app.window.add_url_button.click()
        assert app.window.url_edit.text() == ""
        app.window.hide()
        await until(lambda: bool(app.notified))
        await app.close()

    run_on_qt(qapp, scenario())
    assert app.notified == [("Dubbing done", "keynote.mp3 in Spanish: saved as keynote.es.mp3.")]
    assert (tmp_path / "links" / "keynote.es.mp3").exists()


def test_restart_with_a_job_in_flight(
    qapp: QApplication, qtbot: QtBot, emu: DubbingEmulator, store: JobStore, tmp_path: Path
) -> None:
    emu.faults.stuck = True
    first = App(emu, store, qtbot, tmp_path)

    async def before_quit() -> None:
        first.window.add_sources([str(media(tmp_path))])
        await until(lambda: bool(emu.jobs) and next(iter(emu.jobs.values())).polls >= 3)
        await first.close()  # quit: the task is cancelled, the record kept as waiting

    run_on_qt(qapp, before_quit())
    (job_id,) = emu.jobs
    saved = store.get(job_id)
    assert saved is not None and saved.phase is Phase.WAITING
    polls_then = emu.jobs[job_id].polls

    second = App(emu, store, qtbot, tmp_path)

    async def after_start() -> None:
        await second.queue.start()
        assert second.window.model.rowCount() == 1 and second.row()["Job id"] == job_id
        await until(lambda: emu.jobs[job_id].polls > polls_then + 2)  # waiting again
        emu.faults.stuck = False
        await until(lambda: second.queue.job(saved.key).phase is Phase.DONE)  # type: ignore[union-attr]
        await second.close()

    run_on_qt(qapp, after_start())
    assert (tmp_path / "talk.es.mp4").read_bytes() == emu.output_of(job_id)
    assert len(emu.uploads) == 1  # not uploaded again


def test_stop_waiting_then_resume(
    qapp: QApplication, qtbot: QtBot, emu: DubbingEmulator, store: JobStore, tmp_path: Path
) -> None:
    emu.faults.stuck = True
    app = App(emu, store, qtbot, tmp_path)
    window = app.window
    window.show()

    async def scenario() -> None:
        (key,) = window.add_sources([str(media(tmp_path))])
        await until(lambda: bool(emu.jobs) and window.copy_button.isEnabled())
        assert window.stop_button.isEnabled() and not window.resume_button.isEnabled()
        window.stop_button.click()
        await until(lambda: app.queue.job(key).phase is Phase.STOPPED)  # type: ignore[union-attr]
        await until(lambda: not app.queue.running(key))
        assert "not waiting" in app.row()["State"]
        assert window.resume_button.isEnabled() and not window.stop_button.isEnabled()
        emu.faults.stuck = False
        window.resume_button.click()
        await until(lambda: app.queue.job(key).phase is Phase.DONE)  # type: ignore[union-attr]
        await app.close()

    run_on_qt(qapp, scenario())
    assert len(emu.jobs) == 1


def test_refused_sources_say_why_and_drops_are_queued(
    qapp: QApplication, qtbot: QtBot, emu: DubbingEmulator, store: JobStore, tmp_path: Path
) -> None:
    app = App(emu, store, qtbot, tmp_path)
    window = app.window
    window.show()

    async def scenario() -> None:
        assert window.add_sources([str(tmp_path / "notes.txt")]) == []
        assert "Pinch dubs video" in window.status.text()
        mime = QMimeData()
        mime.setUrls([QUrl.fromLocalFile(str(media(tmp_path, "clip.wav")))])
        drop = QDropEvent(
            QPointF(10, 10),
            Qt.DropAction.CopyAction,
            mime,
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier,
        )
        window.dropEvent(drop)
        assert window.model.rowCount() == 1 and app.row()["File"] == "clip.wav"
        await until(lambda: not any(app.queue.running(j.key) for j in app.queue.jobs()))
        await app.close()

    run_on_qt(qapp, scenario())
    assert app.row()["State"] == "done" and (tmp_path / "clip.es.wav").exists()


def test_no_key_marks_the_job_and_says_what_to_do(
    qapp: QApplication, qtbot: QtBot, store: JobStore, tmp_path: Path
) -> None:
    from dragoman.core.errors import AuthError

    async def no_runner() -> JobRunner:
        raise AuthError("No Pinch API key: set one in Settings → Keys.")

    notified: list[tuple[str, str]] = []
    queue = DubbingQueue(store=store, runner_factory=no_runner)
    window = DubbingWindow(queue, load_languages(), notify=lambda t, x: notified.append((t, x)))
    qtbot.addWidget(window)

    async def scenario() -> None:
        (key,) = window.add_sources([str(media(tmp_path))])
        await until(lambda: not queue.running(key))
        await queue.aclose()
        await queue.aclose()  # idempotent
        assert repr(queue).startswith("DubbingQueue(jobs=1")

    run_on_qt(qapp, scenario())
    job = queue.jobs()[0]
    assert job.phase is Phase.ERROR and window.status.text() == (
        "talk.mp4: No Pinch API key: set one in Settings → Keys."
    )
    assert notified == [("Dubbing needs attention", window.status.text())]
    window.table.selectRow(0)
    assert window.resume_button.isEnabled() and not window.copy_button.isEnabled()


def test_the_menus_open_dubbing(qtbot: QtBot) -> None:
    from dragoman.controller import SessionController
    from dragoman.core.pinch import CAPABILITIES
    from dragoman.core.settings import Settings
    from dragoman.ui.main_window import MainWindow
    from dragoman.ui.tray import Tray
    from tests.fakes import FakeCapture, FakePlayer

    def no_engine(_settings: Settings) -> Any:
        raise AssertionError("not used")

    controller = SessionController(
        settings=Settings(), engine_factory=no_engine, capture=FakeCapture(), player=FakePlayer()
    )
    window = MainWindow(controller, load_languages(), {"pinch": CAPABILITIES})
    qtbot.addWidget(window)
    tray = Tray(controller)
    action = next(
        a for a in window.menuBar().actions()[0].menu().actions() if a.text() == "D&ubbing…"
    )  # type: ignore[union-attr]
    with qtbot.waitSignal(window.dubbing_requested):
        action.trigger()
    entry = next(a for a in tray.menu.actions() if a.text() == "Dubbing…")
    with qtbot.waitSignal(tray.dubbing_requested):
        entry.trigger()
    tray.notify("Dubbing done", "talk.mp4 in Spanish: saved as talk.es.mp4.")
    assert tray.notifications[-1] == "talk.mp4 in Spanish: saved as talk.es.mp4."


@pytest.mark.qt_log_ignore("This plugin does not support raise")  # offscreen: no stacking
def test_the_desktop_app_resumes_dubbing_at_start_and_closes_it(
    qapp: QApplication,
    emu: DubbingEmulator,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from dataclasses import replace

    from dragoman.core.dubbing import new_job
    from dragoman.main import DesktopApp

    monkeypatch.setenv("DRAGOMAN_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("DRAGOMAN_DUBBING_URL", emu.base_url)
    monkeypatch.setenv("PINCH_API_KEY", "pk_test_good")
    emu.faults.stuck = True
    store = JobStore()
    # A job the app was following when it quit, created at Pinch through the emulator.
    created = httpx.post(
        f"{emu.base_url}/api/dubbing/jobs",
        json={"source_url": "https://cdn.example/a.mp4", "target_lang": "es"},
        headers={"Authorization": "Bearer pk_test_good"},
    ).json()
    waiting = replace(
        new_job("k1", "https://cdn.example/a.mp4", "es", now=1.0, origin="app"),
        job_id=created["job_id"],
        phase=Phase.WAITING,
    )
    store.put(waiting)

    class QuietApp:
        def quit(self) -> None:
            pass

    desktop = DesktopApp(QuietApp(), hidden=True)  # type: ignore[arg-type]  # only quit() is used

    async def scenario() -> None:
        assert desktop.dubbing is None
        await desktop.resume_dubbing()
        assert desktop.dubbing is not None and not desktop.dubbing_window.isVisible()
        await until(lambda: emu.jobs[created["job_id"]].polls >= 1)  # waiting resumed
        await until(lambda: desktop.dubbing.running("k1"))
        desktop.open_dubbing()
        assert desktop.dubbing_window.isVisible()
        assert desktop.dubbing_window.model.rowCount() == 1
        await desktop.shutdown()
        assert not desktop.dubbing.running("k1") and not desktop.dubbing_window.isVisible()

    run_on_qt(qapp, scenario())
    stored = store.get("k1")
    assert stored is not None and stored.phase is Phase.WAITING  # resumes again next start
    desktop.dubbing_window.deleteLater()
