"""The history store on real SQLite files: migrations, permissions, concurrent reads while the
writer writes, full-text search, retention, translated speech and clearing."""

from __future__ import annotations

import sqlite3
import stat
import threading
import time
from pathlib import Path

import numpy as np
import pytest

from dragoman.core.history import DAY_S, HistoryUnavailable, Retention, SegmentRecord
from dragoman.store.history import (
    SCHEMA_VERSION,
    HistoryDatabase,
    HistoryWriter,
    decode_audio,
    encode_audio,
    read,
)

NOW = time.time()


def segment(i: int, conversation: str = "c1", **changes: object) -> SegmentRecord:
    values: dict[str, object] = {
        "uid": f"{conversation}-s{i}",
        "conversation_uid": conversation,
        "session_uid": None,
        "position": i,
        "original": f"original number {i}",
        "translated": f"traducción número {i}",
        "start_s": i * 2.0,
        "end_s": i * 2.0 + 1.5,
        "wall_start": NOW + i,
        "wall_end": NOW + i + 1,
        "correlation_id": f"cid-{i}",
    }
    values.update(changes)
    return SegmentRecord(**values)  # type: ignore[arg-type]


def fill(db: HistoryDatabase, n: int, conversation: str = "c1", started: float = NOW) -> None:
    db.begin_conversation(conversation, started)
    for i in range(1, n + 1):
        db.save_segment(segment(i, conversation))


def test_a_new_file_is_created_private_at_the_current_schema(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "history.sqlite3"
    db = HistoryDatabase(path)
    fill(db, 3)
    assert db.version() == SCHEMA_VERSION == 3
    for p in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        assert stat.S_IMODE(p.stat().st_mode) == 0o600, p
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert db.integrity_check() == "ok"
    db.close()


def test_an_existing_file_with_loose_permissions_is_tightened(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    HistoryDatabase(path).close()
    path.chmod(0o644)
    HistoryDatabase(path).close()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_an_older_file_is_migrated_and_its_rows_become_searchable(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    old = HistoryDatabase.__new__(HistoryDatabase)
    old.path = path
    old._db = sqlite3.connect(path, isolation_level=None)
    old.migrate(target=1)  # the first layout: no audio, no search index
    assert old.version() == 1
    fill(old, 2)
    old._db.close()
    db = HistoryDatabase(path)
    assert db.version() == 3
    assert [e.position for e in db.search("original number")] == [2, 1]
    assert db.counts() == {"conversations": 1, "exchanges": 2, "audio": 0}
    db.close()


def test_a_conversations_seconds_sent_are_kept_and_unknown_before_they_were_counted(
    tmp_path: Path,
) -> None:
    path = tmp_path / "history.sqlite3"
    old = HistoryDatabase.__new__(HistoryDatabase)
    old.path = path
    old._db = sqlite3.connect(path, isolation_level=None)
    old.migrate(target=2)  # before the audio sent was recorded
    fill(old, 1)
    old._db.close()
    db = HistoryDatabase(path)
    (before,) = db.conversations()
    assert before.seconds_sent is None  # unknown, not "nothing sent"
    fill(db, 2, conversation="c2")
    db.save_seconds_sent("c2", 42.5)
    db.save_seconds_sent("c2", 90.0)  # a total, not an increment
    db.save_seconds_sent("gone", 5.0)  # a conversation not (yet) written: nothing happens
    assert [c.seconds_sent for c in db.conversations()] == [90.0, None]
    latest = db.conversation("latest")
    assert latest is not None and latest.seconds_sent == 90.0
    db.close()


def test_a_file_from_a_newer_version_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    HistoryDatabase(path).close()
    with sqlite3.connect(path) as raw:
        raw.execute("UPDATE schema_version SET version = 99")
    raw.close()
    db = HistoryDatabase.__new__(HistoryDatabase)
    db.path = path
    db._db = sqlite3.connect(path, isolation_level=None)
    with pytest.raises(HistoryUnavailable, match="newer Dragoman"):
        db.migrate(target=100)
    db._db.close()


def test_a_damaged_file_is_our_error(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    path.write_bytes(b"this is not a database" * 100)
    with pytest.raises(HistoryUnavailable, match="cannot be opened"):
        HistoryDatabase(path)
    with pytest.raises(HistoryUnavailable, match="no history yet"):
        HistoryDatabase(tmp_path / "missing.sqlite3", create=False)


def test_search_covers_both_columns_prefixes_and_accents(tmp_path: Path) -> None:
    db = HistoryDatabase(tmp_path / "h.sqlite3")
    db.begin_conversation("c1", NOW)
    db.save_segment(segment(1, original="The weather is nice", translated="Hace buen tiempo"))
    db.save_segment(segment(2, original="See you tomorrow", translated="Hasta mañana"))
    assert [e.position for e in db.search("weath")] == [1]
    assert [e.position for e in db.search("manana")] == [2]  # accents folded
    assert [e.position for e in db.search("hasta TOMORROW")] == [2]  # words from both columns
    assert db.search("") == [] and db.search("nothing-like-it") == []
    db.save_segment(segment(2, original="See you later", translated="Hasta luego"))
    assert db.search("tomorrow") == [] and [e.position for e in db.search("luego")] == [2]
    db.delete_exchanges([db.search("luego")[0].id])
    assert db.search("luego") == []
    assert db.integrity_check() == "ok"
    db.close()


def test_finals_update_in_place_and_pages_come_in_order(tmp_path: Path) -> None:
    db = HistoryDatabase(tmp_path / "h.sqlite3")
    fill(db, 10)
    db.save_segment(segment(3, original="original number 3 and more", language="en"))
    db.save_times("c1-s3", 6.5, 8.0, (NOW + 3.5, NOW + 5))
    (conversation,) = db.conversations()
    assert conversation.exchanges == 10 and conversation.preview == "original number 1"
    assert conversation.ended_at == NOW + 11  # the latest exchange's end
    rows = db.exchanges(conversation.id)
    assert [r.position for r in rows] == list(range(1, 11))
    assert rows[2].original.endswith("and more") and rows[2].start_s == 6.5
    assert rows[2].language == "en"
    page = db.exchanges(conversation.id, before_position=8, limit=3)
    assert [r.position for r in page] == [5, 6, 7]
    assert db.conversation("latest") == conversation == db.conversation(conversation.id)
    assert db.conversation(999) is None
    assert [r.position for r in db.exchanges_by_id([rows[4].id, rows[1].id])] == [2, 5]
    db.close()


def test_retention_prunes_old_text_and_old_audio(tmp_path: Path) -> None:
    db = HistoryDatabase(tmp_path / "h.sqlite3")
    old = NOW - 40 * DAY_S
    db.begin_conversation("old", old)
    db.save_segment(segment(1, "old", wall_start=old, wall_end=old + 1))
    fill(db, 2, "new")
    speech = np.zeros(2400, dtype=np.float32)
    assert db.save_audio("new-s1", speech, 24_000, NOW - 10 * DAY_S)
    assert db.save_audio("new-s2", speech, 24_000, NOW)
    assert not db.save_audio("missing", speech, 24_000, NOW)
    assert db.prune(Retention(), NOW) == (0, 1)  # text forever; audio older than 7 days goes
    assert db.prune(Retention(text="days", text_days=30), NOW) == (1, 0)
    assert [c.id for c in db.conversations()] == [2]  # the emptied old conversation went too
    assert db.counts() == {"conversations": 1, "exchanges": 2, "audio": 1}
    assert db.prune(Retention(audio_days=0), NOW) == (0, 0)  # 0 writes none, deletes none
    db.close()


def test_deleting_a_conversation_takes_its_rows_audio_and_index(tmp_path: Path) -> None:
    db = HistoryDatabase(tmp_path / "h.sqlite3")
    fill(db, 3, "a")
    fill(db, 2, "b")
    db.save_audio("a-s1", np.zeros(240, dtype=np.float32), 24_000, NOW)
    a = db.conversation_id("a")
    assert a is not None and db.delete_conversation(a) == 1
    assert db.counts() == {"conversations": 1, "exchanges": 2, "audio": 0}
    assert {e.conversation_id for e in db.search("original")} == {db.conversation_id("b")}
    db.close()


def test_clear_leaves_no_text_in_the_file(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite3"
    db = HistoryDatabase(path)
    db.begin_conversation("c1", NOW)
    db.save_segment(segment(1, original="a very secret sentence xyzzy"))
    db.clear()
    assert db.counts() == {"conversations": 0, "exchanges": 0, "audio": 0}
    assert db.search("xyzzy") == []
    db.close()
    for p in path.parent.iterdir():
        assert b"xyzzy" not in p.read_bytes(), p


def test_translated_speech_round_trips_at_its_own_rate(tmp_path: Path) -> None:
    t = np.arange(24_000) / 24_000
    speech = (0.3 * np.sin(2 * np.pi * 220 * t)).astype(np.float32)
    codec, data = encode_audio(speech, 24_000)
    assert codec == "opus" and len(data) < len(speech) * 2 / 5  # far smaller than PCM16
    back, rate = decode_audio(codec, data)
    assert rate == 24_000 and len(back) == len(speech)
    assert float(np.sqrt(np.mean(back**2))) == pytest.approx(0.3 / np.sqrt(2), rel=0.1)
    codec, data = encode_audio(speech, 22_050)  # not an Opus rate: lossless instead
    back, rate = decode_audio(codec, data)
    assert codec == "flac" and rate == 22_050 and np.allclose(back, speech, atol=1e-4)
    with pytest.raises(HistoryUnavailable):
        decode_audio("mp3", b"")
    db = HistoryDatabase(tmp_path / "h.sqlite3")
    fill(db, 1)
    db.save_audio("c1-s1", speech, 24_000, NOW)
    (row,) = db.exchanges(db.conversation_id("c1") or 0)
    assert row.has_audio
    kept = db.audio(row.id)
    assert kept is not None and kept[1] == 24_000 and len(kept[0]) == 24_000
    assert db.audio(row.id + 1) is None
    db.close()


def test_readers_read_while_the_writer_writes(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite3"
    writer = HistoryWriter(path)
    writer.opened.result(10)
    writer.submit(lambda db: db.begin_conversation("c1", NOW))
    seen: list[list[int]] = [[], [], []]
    errors: list[BaseException] = []
    done = threading.Event()

    def reader(counts: list[int]) -> None:
        try:
            while not done.is_set():
                count = read(path, lambda db: db.counts()["exchanges"])
                hits = read(path, lambda db: len(db.search("original", limit=5)))
                assert hits <= 5
                counts.append(count)
        except BaseException as error:  # reported below
            errors.append(error)

    readers = [threading.Thread(target=reader, args=(counts,)) for counts in seen]
    for thread in readers:
        thread.start()
    futures = [writer.submit(lambda db, i=i: db.save_segment(segment(i))) for i in range(1, 801)]
    futures[-1].result(60)
    done.set()
    for thread in readers:
        thread.join(30)
    assert errors == []
    for counts in seen:  # each reader saw the rows arrive, never one go missing
        assert len(counts) > 3 and counts == sorted(counts), counts[:20]
    assert read(path, lambda db: db.counts()["exchanges"]) == 800
    assert writer.pending == 0
    writer.close()
    writer.close()  # idempotent
    assert "closed" in repr(writer)
    failed = writer.submit(lambda db: None)
    with pytest.raises(HistoryUnavailable):
        failed.result(1)
    assert read(path, lambda db: db.integrity_check()) == "ok"


def test_a_writer_that_cannot_open_its_file_fails_every_job(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    writer = HistoryWriter(blocker / "history.sqlite3")  # its folder is a file
    with pytest.raises(HistoryUnavailable, match="cannot be created"):
        writer.opened.result(10)
    job = writer.submit(lambda db: 1)
    with pytest.raises(HistoryUnavailable):
        job.result(10)
    assert writer.error is not None
    writer.close()


def test_sql_errors_in_jobs_become_ours(tmp_path: Path) -> None:
    writer = HistoryWriter(tmp_path / "h.sqlite3")
    job = writer.submit(lambda db: db.save_segment(segment(1, "no-such-conversation")))
    with pytest.raises(HistoryUnavailable, match="could not be written"):
        job.result(10)
    writer.close()
