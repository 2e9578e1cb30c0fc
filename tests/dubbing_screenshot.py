"""The README's screenshot of the Dubbing window, rendered offscreen with the real widgets.

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m tests.dubbing_screenshot resources/screenshots

The queue holds sample jobs in the states a person meets (done, processing with a stage,
uploading, failed); jobs under way are "run" by a runner that never finishes, so the picture
needs no service.  tests/gui/test_dubbing_window.py renders it into a temporary folder.
"""

from __future__ import annotations

import asyncio
import os
import sys
from dataclasses import replace
from pathlib import Path

from PySide6.QtWidgets import QApplication

from dragoman.controller.dubbing import DubbingQueue
from dragoman.core.dubbing import (
    DubbingJob,
    JobCallbacks,
    JobError,
    JobState,
    Phase,
    Progress,
    failure_sentence,
    new_job,
)
from dragoman.resources import load_languages
from dragoman.ui.dubbing import DubbingWindow
from dragoman.ui.icons import app_icon
from tests.qtloop import run_on_qt

FILE_NAME = "dubbing-window.png"


def sample_jobs(folder: str = "/home/alex/Videos") -> list[DubbingJob]:
    def job(key: str, name: str, target: str, source: str = "en", **changes: object) -> DubbingJob:
        base = new_job(key, f"{folder}/{name}", target, now=0.0, source_lang=source, origin="app")
        return replace(base, **changes)  # type: ignore[arg-type]

    done = job(
        "a",
        "keynote-2025.mp4",
        "es",
        job_id="dub_7f3a91c2e4b0",
        phase=Phase.DONE,
        state=JobState.COMPLETED,
        progress=Progress(percent=100),
        duration_s=2530,
        cost_usd=4.22,
        output_path=f"{folder}/keynote-2025.es.mp4",
    )
    processing = job(
        "b",
        "product-demo.mov",
        "de",
        "auto",
        job_id="dub_2c8e05d1a9f7",
        phase=Phase.WAITING,
        state=JobState.PROCESSING,
        status="processing",
        progress=Progress(stage=4, stage_name="Lip sync", percent=64),
        duration_s=312,
        cost_usd=0.52,
    )
    uploading = job("c", "lecture-week3.m4a", "fr", phase=Phase.UPLOADING, uploaded=0.37)
    failed = job(
        "d",
        "interview-raw.mp4",
        "ja",
        job_id="dub_91d4b7e0c3aa",
        phase=Phase.FAILED,
        state=JobState.FAILED,
        duration_s=1804,
        error=failure_sentence(
            "dub_91d4b7e0c3aa", JobError("no_speech", "No speech found in the audio track.")
        ),
    )
    return [done, processing, uploading, failed]


class _Store:
    def __init__(self, jobs: list[DubbingJob]) -> None:
        self.jobs = jobs

    def load(self) -> list[DubbingJob]:
        return list(self.jobs)

    def put(self, job: DubbingJob) -> None:
        pass


class _Paused:
    """A runner that never finishes: jobs under way keep the state they were shown in."""

    async def run(self, job: DubbingJob, events: JobCallbacks) -> DubbingJob:
        await asyncio.Event().wait()
        return job


async def _paused() -> _Paused:
    return _Paused()


def render(app: QApplication, folder: Path) -> Path:
    queue = DubbingQueue(store=_Store(sample_jobs()), runner_factory=_paused)
    window = DubbingWindow(queue, load_languages())
    window.setWindowIcon(app_icon())
    window.resize(980, 470)
    path = folder / FILE_NAME
    folder.mkdir(parents=True, exist_ok=True)

    async def shoot() -> None:
        await queue.start()
        window.show()
        window.target.set_code("es")
        window.select("b")
        window.status.setText(
            "Added 1 job: uploading, then Pinch takes a few minutes per hour of media."
        )
        await asyncio.sleep(0.1)  # Qt paints meanwhile (asyncio runs on Qt's loop)
        if not window.grab().save(str(path)):
            raise OSError(f"could not write {path}")
        await queue.aclose()
        window.close()
        window.deleteLater()

    run_on_qt(app, shoot())
    return path


def main(argv: list[str]) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    folder = Path(argv[0] if argv else "resources/screenshots")
    print(render(app, folder))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
