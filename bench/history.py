"""History figures (printed, never pass/fail): search over 100,000 exchanges, the cost of a final's
commit, the file's size, and memory after 2,000 exchanges against 100 in one conversation.

    python -m bench.history [--segments 100000] [--exchanges 2000] [--audio-s 0.25]

Memory drives the real recorder, store, controller and window (offscreen Qt) with results and
translated speech as a session would deliver them; RSS is read from /proc.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

WORDS = (
    "the meeting starts at ten please bring the quarterly report and the budget figures for "
    "next year we will talk about hiring travel customers support release dates and the new "
    "office"
).split()


def rss_mb() -> float:
    with open("/proc/self/statm") as f:
        pages = int(f.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 1e6


def bench_search(folder: Path, segments: int) -> None:
    from dragoman.core.history import SegmentRecord
    from dragoman.store.history import HistoryDatabase

    path = folder / "search.sqlite3"
    db = HistoryDatabase(path)
    rng = np.random.default_rng(7)
    now = time.time()
    started = time.perf_counter()
    per_conversation = 500
    for i in range(segments):
        if i % per_conversation == 0:
            conversation = f"c{i // per_conversation}"
            db.begin_conversation(conversation, now + i)
        words = [WORDS[k] for k in rng.integers(0, len(WORDS), 12)]
        if i % 10_000 == 5_000:
            words.append("xylophone")  # a rare word: 10 rows in 100,000
        db.save_segment(
            SegmentRecord(
                uid=f"s{i}",
                conversation_uid=conversation,
                session_uid=None,
                position=i,
                original=" ".join(words),
                translated="[es] " + " ".join(reversed(words)),
                start_s=i * 3.0,
                end_s=i * 3.0 + 2.0,
                wall_start=now + i,
                wall_end=now + i + 2,
            )
        )
    took = time.perf_counter() - started
    each = took / segments * 1e6
    print(f"{segments:,} finals, one transaction each: {took:.1f} s ({each:.0f} µs a final)")
    size = sum(p.stat().st_size for p in folder.glob("search.sqlite3*"))
    print(f"file size: {size / 1e6:.1f} MB ({size / segments:.0f} bytes an exchange)")
    for query in ("xylophone", "quarterly budget", "hir", "the"):
        times = []
        for _ in range(20):
            t = time.perf_counter()
            hits = db.search(query, limit=50)
            times.append((time.perf_counter() - t) * 1000)
        median = statistics.median(times)
        print(
            f"search {query!r:20} {len(hits):>3} rows shown: median {median:6.2f} ms, "
            f"max {max(times):6.2f} ms"
        )
    db.close()


class _Session:
    session_id = "ss_bench"


async def bench_memory(folder: Path, exchanges: int, audio_s: float) -> None:
    from dragoman.controller import SessionController
    from dragoman.controller.history import HistoryBrowser, HistoryRecorder
    from dragoman.core.events import Ready, Transcript, TranslatedAudio
    from dragoman.core.pinch import CAPABILITIES
    from dragoman.core.settings import Settings
    from dragoman.resources import load_languages
    from dragoman.store.history import HistoryService
    from dragoman.ui.main_window import MainWindow

    def no_engine(_settings: Settings) -> Any:
        raise RuntimeError("no engine in the bench")

    controller = SessionController(
        settings=Settings(), engine_factory=no_engine, capture=None, player=None
    )
    store = HistoryService(folder / "memory.sqlite3")
    recorder = HistoryRecorder(controller=controller, store=store)
    browser = HistoryBrowser(controller=controller, store=store, recorder=recorder)
    window = MainWindow(controller, load_languages(), {"pinch": CAPABILITIES})
    window.attach_history(recorder, browser)
    window.show()
    session: Any = _Session()
    controller._on_session_event(session, Ready("ss_bench"), True)
    speech = np.zeros(320, dtype="<i2").tobytes(), (np.full(320, 3000, dtype="<i2")).tobytes()
    chunk = np.zeros(int(24_000 * audio_s), dtype=np.float32)
    marks: dict[int, float] = {}
    for n in range(1, exchanges + 1):
        for frame in [speech[1]] * 50 + [speech[0]] * 15:  # 1 s of speech, 0.3 s of pause
            recorder._on_frame(frame)
        cid = f"ss_bench-{n}"
        text = f"exchange {n} " + " ".join(WORDS[(n + k) % len(WORDS)] for k in range(10))
        for event in (
            Transcript("source", text[:20], False, cid),
            Transcript("source", text, True, cid),
            Transcript("translation", "[es] " + text, False, cid),
            Transcript("translation", "[es] " + text, True, cid),
        ):
            controller._on_session_event(session, event, True)
        controller._on_session_event(session, TranslatedAudio(chunk, 24_000), True)
        if n % 50 == 0:
            await store.flush()
            await asyncio.sleep(0)
        if n in (100, exchanges):
            await store.flush()
            import gc

            gc.collect()
            marks[n] = rss_mb()
    await browser.aclose()
    await recorder.aclose()
    await controller.shutdown()
    window.close()
    rows = window.transcript_model.rowCount()
    growth = marks[exchanges] - marks[100]
    print(f"RSS after 100 exchanges: {marks[100]:.1f} MB")
    print(f"RSS after {exchanges:,} exchanges: {marks[exchanges]:.1f} MB (growth {growth:+.1f} MB)")
    print(f"live view rows: {rows}; builder segments: {len(controller.builder)}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.history", description=__doc__)
    parser.add_argument("--segments", type=int, default=100_000)
    parser.add_argument("--exchanges", type=int, default=2_000)
    parser.add_argument("--audio-s", type=float, default=0.25, help="translated speech a row")
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("QT_LOGGING_RULES", "qt.text.font.db=false")
    with tempfile.TemporaryDirectory(prefix="dragoman-bench-") as tmp:
        folder = Path(tmp)
        bench_search(folder, args.segments)
        import qasync
        from PySide6.QtWidgets import QApplication

        app = QApplication.instance() or QApplication(sys.argv[:1])
        loop = qasync.QEventLoop(app)
        asyncio.set_event_loop(loop)
        with loop:
            loop.run_until_complete(bench_memory(folder, args.exchanges, args.audio_s))
        from dragoman.blocking import shutdown_pool

        shutdown_pool()
    return 0


if __name__ == "__main__":
    sys.exit(main())
