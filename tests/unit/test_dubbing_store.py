"""The local job store: one 0600 JSON file shared by the CLI and the app."""

from __future__ import annotations

import stat
import threading
from dataclasses import replace
from pathlib import Path

import pytest

from dragoman.core.dubbing import Phase, new_job
from dragoman.store.jobs import FILE_NAME, JobStore, data_dir


def test_put_load_get_and_permissions(tmp_path: Path) -> None:
    store = JobStore(tmp_path / "data" / FILE_NAME)
    assert store.load() == [] and store.get("x") is None
    first = new_job("k1", "/a.mp4", "es", now=1.0)
    store.put(first)
    store.put(replace(first, job_id="dub_1", phase=Phase.WAITING))
    store.put(new_job("k2", "/b.mp4", "de", now=2.0))
    jobs = store.load()
    assert [(j.key, j.job_id) for j in jobs] == [("k1", "dub_1"), ("k2", "")]
    assert store.get("dub_1") == jobs[0] and store.get("k2") == jobs[1]
    assert stat.S_IMODE(store.path.stat().st_mode) == 0o600
    assert stat.S_IMODE(store.path.parent.stat().st_mode) == 0o700
    assert [p.name for p in store.path.parent.iterdir() if p.name.endswith(".tmp")] == []
    assert "FileStore" not in repr(store) and FILE_NAME in repr(store)


def test_two_writers_keep_each_others_jobs(tmp_path: Path) -> None:
    path = tmp_path / FILE_NAME

    def write(prefix: str) -> None:
        store = JobStore(path)  # as another process would: its own object
        for n in range(20):
            store.put(new_job(f"{prefix}{n}", "/a.mp4", "es", now=float(n)))

    threads = [threading.Thread(target=write, args=(p,)) for p in "ab"]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(JobStore(path).load()) == 40


def test_an_unreadable_file_holds_nothing(tmp_path: Path) -> None:
    path = tmp_path / FILE_NAME
    path.write_bytes(b"\xff\xfe not json")
    assert JobStore(path).load() == []


def test_data_dir(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("DRAGOMAN_DATA_DIR", str(tmp_path / "x"))
    assert data_dir() == tmp_path / "x"
    assert JobStore().path == tmp_path / "x" / FILE_NAME
    monkeypatch.delenv("DRAGOMAN_DATA_DIR")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "share"))
    assert data_dir() == tmp_path / "share" / "dragoman"
