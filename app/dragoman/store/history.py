"""The history on disk: one SQLite file (stdlib ``sqlite3``), written by one thread.

Layout and guarantees:

* **WAL**, ``synchronous=NORMAL``: each final is its own transaction, committed as it arrives, so a
  crash or a SIGKILL of the app loses at most the segment in flight (a committed WAL frame
  survives the process; only a power cut can take the last few). Readers (the History panel, the
  command line, a second process) read while the writer writes.
* **One writer**: :class:`HistoryWriter` is a thread that owns the write connection and runs jobs
  in the order they were submitted; the Qt thread only queues (never waits on disk or on the
  audio encoder). Reads use their own short-lived connections (:func:`read`), on the blocking pool.
* **Migrations** with a version table (``schema_version``): each step runs once, inside one
  ``BEGIN IMMEDIATE`` transaction, so two processes opening an old file at once migrate it once.
* **Privacy**: the file is created user-only (0600, in a 0700 folder; SQLite gives its -wal and
  -shm files the same mode); ``secure_delete`` overwrites what is deleted, and "Clear history"
  checkpoints the WAL and vacuums, so cleared text is not left in free pages. Nothing is created
  or written while history is off: the app then never opens this module's writer.
* **Search**: an FTS5 index (external content, kept by triggers) over both columns.

**Translated speech** is kept per exchange as **Ogg Opus** (through ``soundfile``, i.e.
libsndfile 1.2, which its wheels bundle), measured on 84 s of synthetic speech at Pinch's 24 kHz:

=========== ========== ============================ ==========================
format      size       encode (share of one core)   note
=========== ========== ============================ ==========================
PCM16       48.0 kB/s  none                         11x Opus
FLAC        25.1 kB/s  0.06 % of real time          lossless, 5.7x Opus
Ogg Opus    4.4 kB/s   5.8 % of real time           ~35 kbit/s VBR
=========== ========== ============================ ==========================

Size decides: an hour of translated speech is 16 MB as Opus against 90 MB as FLAC and 173 MB as
PCM16, and the speech is itself synthetic, so a lossy speech codec loses nothing anyone replays it
for. The CPU is spent on the writer thread, never on the Qt thread, and 6 % of a core while speech
arrives is affordable; decoding for a replay costs 0.7 %. The audio sits in the same file as its
text (a BLOB), so a delete or a retention prune removes both in one transaction and no stray
files are left. Where libsndfile has no Opus encoder, or the rate is not one Opus takes, FLAC is
used instead; each row names its codec.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import io
import logging
import os
import queue
import sqlite3
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, TypeVar

from dragoman.core.history import (
    Conversation,
    Exchange,
    HistoryUnavailable,
    Retention,
    SegmentRecord,
    SessionRecord,
    fts_query,
)

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

log = logging.getLogger(__name__)

T = TypeVar("T")

FILE_NAME: Final = "history.sqlite3"
OPUS_RATES: Final = frozenset({8_000, 12_000, 16_000, 24_000, 48_000})
BUSY_TIMEOUT_MS: Final = 5_000

# Each step is the SQL that takes the file from version N to N + 1. Never edit a released step:
# add one. Version 1 is the first layout; 2 added the translated speech and the search index; 3
# the seconds of audio each conversation sent (NULL for conversations recorded before it).
MIGRATIONS: Final[tuple[str, ...]] = (
    """
    CREATE TABLE conversations (
        id INTEGER PRIMARY KEY,
        uid TEXT NOT NULL UNIQUE,
        started_at REAL NOT NULL,
        ended_at REAL
    );
    CREATE TABLE sessions (
        id INTEGER PRIMARY KEY,
        uid TEXT NOT NULL UNIQUE,
        conversation_id INTEGER NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
        engine TEXT NOT NULL,
        service_session_id TEXT,
        source_language TEXT,
        target_language TEXT,
        voice TEXT,
        mode TEXT,
        two_way INTEGER NOT NULL DEFAULT 0,
        started_at REAL NOT NULL
    );
    CREATE INDEX sessions_conversation ON sessions(conversation_id);
    CREATE TABLE segments (
        id INTEGER PRIMARY KEY,
        uid TEXT NOT NULL UNIQUE,
        conversation_id INTEGER NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
        session_id INTEGER REFERENCES sessions(id) ON DELETE SET NULL,
        position INTEGER NOT NULL,
        correlation_id TEXT,
        direction TEXT NOT NULL DEFAULT 'forward',
        language TEXT,
        original TEXT NOT NULL DEFAULT '',
        translated TEXT NOT NULL DEFAULT '',
        start_s REAL,
        end_s REAL,
        wall_start REAL NOT NULL,
        wall_end REAL NOT NULL
    );
    CREATE INDEX segments_conversation ON segments(conversation_id, position);
    CREATE INDEX segments_wall_end ON segments(wall_end);
    """,
    """
    CREATE TABLE audio (
        segment_id INTEGER PRIMARY KEY REFERENCES segments(id) ON DELETE CASCADE,
        codec TEXT NOT NULL,
        rate INTEGER NOT NULL,
        samples INTEGER NOT NULL,
        data BLOB NOT NULL,
        saved_at REAL NOT NULL
    );
    CREATE INDEX audio_saved_at ON audio(saved_at);
    CREATE VIRTUAL TABLE segments_fts USING fts5(
        original, translated, content='segments', content_rowid='id',
        tokenize='unicode61 remove_diacritics 2'
    );
    CREATE TRIGGER segments_fts_insert AFTER INSERT ON segments BEGIN
        INSERT INTO segments_fts(rowid, original, translated)
        VALUES (new.id, new.original, new.translated);
    END;
    CREATE TRIGGER segments_fts_delete AFTER DELETE ON segments BEGIN
        INSERT INTO segments_fts(segments_fts, rowid, original, translated)
        VALUES ('delete', old.id, old.original, old.translated);
    END;
    CREATE TRIGGER segments_fts_update AFTER UPDATE OF original, translated ON segments BEGIN
        INSERT INTO segments_fts(segments_fts, rowid, original, translated)
        VALUES ('delete', old.id, old.original, old.translated);
        INSERT INTO segments_fts(rowid, original, translated)
        VALUES (new.id, new.original, new.translated);
    END;
    INSERT INTO segments_fts(segments_fts) VALUES ('rebuild');
    """,
    """
    ALTER TABLE conversations ADD COLUMN seconds_sent REAL;
    """,
)
SCHEMA_VERSION: Final = len(MIGRATIONS)


def default_path() -> Path:
    """Where the history lives: the platform's per-user data folder."""
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
        return base / "Dragoman" / FILE_NAME
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support" / "Dragoman" / FILE_NAME
    base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "dragoman" / FILE_NAME


class HistoryDatabase:
    """One connection to the history file; every SQL statement of the app lives here.

    A connection belongs to the thread that opened it (sqlite3's own rule, kept on purpose): the
    writer thread has one, and each read opens its own.
    """

    def __init__(self, path: Path, *, create: bool = True) -> None:
        self.path = path
        if create:
            _create_private(path)
        elif not path.exists():
            raise HistoryUnavailable(f"There is no history yet ({path} does not exist).")
        try:
            self._db = sqlite3.connect(
                path, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=True
            )
            self._db.execute("PRAGMA foreign_keys = ON")
            self._db.execute("PRAGMA secure_delete = ON")
            self._db.execute("PRAGMA synchronous = NORMAL")
            if self._db.execute("PRAGMA journal_mode = WAL").fetchone()[0] != "wal":
                raise HistoryUnavailable(f"The history file {path} cannot use a write-ahead log.")
            self.migrate()
        except sqlite3.Error as error:
            raise HistoryUnavailable(
                f"The history file {path} cannot be opened ({error}). Move it aside to start a "
                "new history, or turn history off in Settings."
            ) from error

    def __repr__(self) -> str:
        return f"HistoryDatabase({str(self.path)!r})"

    def close(self) -> None:
        self._db.close()

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield self._db
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    # -- schema ----------------------------------------------------------------------------------

    def version(self) -> int:
        exists = self._db.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'"
        ).fetchone()
        if not exists:
            return 0
        row = self._db.execute("SELECT version FROM schema_version").fetchone()
        return int(row[0]) if row else 0

    def migrate(self, target: int = SCHEMA_VERSION) -> None:
        """Bring the file to ``target`` (tests stop early to make an older file)."""
        if self.version() >= target:
            return
        with self.transaction() as db:
            db.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
            current = self.version()  # again, under the lock: another process may have migrated
            if current > SCHEMA_VERSION:
                raise HistoryUnavailable(
                    f"The history file {self.path} was written by a newer Dragoman "
                    f"(schema {current}); update Dragoman to read it."
                )
            for step in range(current, target):
                for statement in _statements(MIGRATIONS[step]):
                    db.execute(statement)
                log.info("history schema %d -> %d", step, step + 1)
            db.execute("DELETE FROM schema_version")
            db.execute("INSERT INTO schema_version (version) VALUES (?)", (max(current, target),))

    def integrity_check(self) -> str:
        return str(self._db.execute("PRAGMA integrity_check").fetchone()[0])

    # -- writes ----------------------------------------------------------------------------------

    def begin_conversation(self, uid: str, started_at: float) -> int:
        with self.transaction() as db:
            db.execute(
                "INSERT OR IGNORE INTO conversations (uid, started_at) VALUES (?, ?)",
                (uid, started_at),
            )
            row = db.execute("SELECT id FROM conversations WHERE uid = ?", (uid,)).fetchone()
            return int(row[0])

    def save_session(self, record: SessionRecord) -> None:
        with self.transaction() as db:
            db.execute(
                """
                INSERT INTO sessions (uid, conversation_id, engine, service_session_id,
                    source_language, target_language, voice, mode, two_way, started_at)
                VALUES (?, (SELECT id FROM conversations WHERE uid = ?), ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (uid) DO UPDATE SET
                    service_session_id = coalesce(excluded.service_session_id, service_session_id)
                """,
                (
                    record.uid,
                    record.conversation_uid,
                    record.engine,
                    record.service_session_id,
                    record.source_language,
                    record.target_language,
                    record.voice,
                    record.mode,
                    int(record.two_way),
                    record.started_at,
                ),
            )

    def save_segment(self, r: SegmentRecord) -> None:
        """Insert or update one exchange (its final text so far, its times): one transaction."""
        with self.transaction() as db:
            db.execute(
                """
                INSERT INTO segments (uid, conversation_id, session_id, position, correlation_id,
                    direction, language, original, translated, start_s, end_s, wall_start,
                    wall_end)
                VALUES (?, (SELECT id FROM conversations WHERE uid = ?),
                    (SELECT id FROM sessions WHERE uid = ?), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (uid) DO UPDATE SET
                    original = excluded.original,
                    translated = excluded.translated,
                    language = coalesce(excluded.language, language),
                    session_id = coalesce(session_id, excluded.session_id),
                    start_s = excluded.start_s,
                    end_s = excluded.end_s,
                    wall_start = excluded.wall_start,
                    wall_end = excluded.wall_end
                """,
                (
                    r.uid,
                    r.conversation_uid,
                    r.session_uid,
                    r.position,
                    r.correlation_id,
                    r.direction,
                    r.language,
                    r.original,
                    r.translated,
                    r.start_s,
                    r.end_s,
                    r.wall_start,
                    r.wall_end,
                ),
            )
            db.execute(
                "UPDATE conversations SET ended_at = max(coalesce(ended_at, 0), ?) WHERE uid = ?",
                (r.wall_end, r.conversation_uid),
            )

    def save_seconds_sent(self, conversation_uid: str, seconds: float) -> None:
        """The seconds of audio the conversation has sent so far (its total, not an increment,
        so a write repeated or reordered never counts a hold twice)."""
        with self.transaction() as db:
            db.execute(
                "UPDATE conversations SET seconds_sent = ? WHERE uid = ?",
                (seconds, conversation_uid),
            )

    def save_times(
        self, uid: str, start_s: float | None, end_s: float | None, wall: tuple[float, float]
    ) -> None:
        """New times for an exchange whose end moved (the next one took back a stretch)."""
        with self.transaction() as db:
            db.execute(
                "UPDATE segments SET start_s = ?, end_s = ?, wall_start = ?, wall_end = ? "
                "WHERE uid = ?",
                (start_s, end_s, wall[0], wall[1], uid),
            )

    def save_audio(
        self, segment_uid: str, samples: npt.NDArray[np.float32], rate: int, now: float
    ) -> bool:
        """Encode and keep an exchange's translated speech (replacing what it had)."""
        codec, data = encode_audio(samples, rate)
        return self.save_encoded_audio(segment_uid, codec, data, rate, len(samples), now)

    def save_encoded_audio(
        self, segment_uid: str, codec: str, data: bytes, rate: int, samples: int, now: float
    ) -> bool:
        with self.transaction() as db:
            row = db.execute("SELECT id FROM segments WHERE uid = ?", (segment_uid,)).fetchone()
            if row is None:
                return False  # deleted meanwhile, or its text never came
            db.execute(
                "INSERT OR REPLACE INTO audio (segment_id, codec, rate, samples, data, saved_at) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (row[0], codec, rate, samples, data, now),
            )
        return True

    def delete_conversation(self, conversation_id: int) -> int:
        with self.transaction() as db:
            return db.execute("DELETE FROM conversations WHERE id = ?", (conversation_id,)).rowcount

    def delete_exchanges(self, ids: list[int]) -> int:
        with self.transaction() as db:
            return sum(db.execute("DELETE FROM segments WHERE id = ?", (i,)).rowcount for i in ids)

    def clear(self) -> None:
        """Everything goes, and leaves no trace in the file's free pages or its WAL."""
        with self.transaction() as db:
            db.execute("DELETE FROM conversations")
            db.execute("INSERT INTO segments_fts(segments_fts) VALUES ('rebuild')")
        self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        self._db.execute("VACUUM")

    def prune(self, retention: Retention, now: float) -> tuple[int, int]:
        """Apply the retention periods: (exchanges, audio clips) deleted."""
        text_cutoff = retention.text_cutoff(now)
        audio_cutoff = retention.audio_cutoff(now)
        with self.transaction() as db:
            exchanges = clips = 0
            if text_cutoff is not None:
                exchanges = db.execute(
                    "DELETE FROM segments WHERE wall_end < ?", (text_cutoff,)
                ).rowcount
                db.execute(
                    "DELETE FROM conversations WHERE coalesce(ended_at, started_at) < ? AND "
                    "NOT EXISTS (SELECT 1 FROM segments WHERE conversation_id = conversations.id)",
                    (text_cutoff,),
                )
            if audio_cutoff is not None:
                clips = db.execute("DELETE FROM audio WHERE saved_at < ?", (audio_cutoff,)).rowcount
        return exchanges, clips

    # -- reads -----------------------------------------------------------------------------------

    def conversations(self, limit: int = 50, offset: int = 0) -> list[Conversation]:
        rows = self._db.execute(
            _CONVERSATIONS + " ORDER BY c.id DESC LIMIT ? OFFSET ?", (limit, offset)
        ).fetchall()
        return [_conversation(row) for row in rows]

    def conversation(self, which: int | str) -> Conversation | None:
        """A conversation by id, or ``"latest"``."""
        if which == "latest":
            row = self._db.execute(_CONVERSATIONS + " ORDER BY c.id DESC LIMIT 1").fetchone()
        else:
            row = self._db.execute(_CONVERSATIONS + " WHERE c.id = ?", (int(which),)).fetchone()
        return None if row is None else _conversation(row)

    def conversation_id(self, uid: str) -> int | None:
        row = self._db.execute("SELECT id FROM conversations WHERE uid = ?", (uid,)).fetchone()
        return None if row is None else int(row[0])

    def exchanges(
        self,
        conversation_id: int,
        *,
        before_position: int | None = None,
        limit: int | None = None,
    ) -> list[Exchange]:
        """A conversation's exchanges in order; with ``before_position``/``limit``, the page of
        the ``limit`` exchanges just before that position (the live view pages upwards)."""
        where = "s.conversation_id = ?"
        params: list[Any] = [conversation_id]
        if before_position is not None:
            where += " AND s.position < ?"
            params.append(before_position)
        if limit is None:
            sql = f"{_EXCHANGES} WHERE {where} ORDER BY s.position"
            rows = self._db.execute(sql, params).fetchall()
        else:
            sql = f"{_EXCHANGES} WHERE {where} ORDER BY s.position DESC LIMIT ?"
            rows = self._db.execute(sql, [*params, limit]).fetchall()[::-1]
        return [_exchange(row) for row in rows]

    def exchanges_by_id(self, ids: list[int]) -> list[Exchange]:
        marks = ",".join("?" * len(ids))
        sql = f"{_EXCHANGES} WHERE s.id IN ({marks}) ORDER BY s.conversation_id, s.position"
        return [_exchange(row) for row in self._db.execute(sql, ids).fetchall()]

    def search(self, text: str, limit: int = 50) -> list[Exchange]:
        """Exchanges whose original or translation has every word (as a prefix), newest first."""
        query = fts_query(text)
        if query is None:
            return []
        sql = (
            f"{_EXCHANGES} JOIN segments_fts f ON f.rowid = s.id "
            "WHERE segments_fts MATCH ? ORDER BY f.rowid DESC LIMIT ?"
        )
        return [_exchange(row) for row in self._db.execute(sql, (query, limit)).fetchall()]

    def audio(self, exchange_id: int) -> tuple[npt.NDArray[np.float32], int] | None:
        row = self._db.execute(
            "SELECT codec, data FROM audio WHERE segment_id = ?", (exchange_id,)
        ).fetchone()
        return None if row is None else decode_audio(row[0], row[1])

    def counts(self) -> dict[str, int]:
        one = self._db.execute
        return {
            "conversations": int(one("SELECT count(*) FROM conversations").fetchone()[0]),
            "exchanges": int(one("SELECT count(*) FROM segments").fetchone()[0]),
            "audio": int(one("SELECT count(*) FROM audio").fetchone()[0]),
        }


_CONVERSATIONS: Final = """
    SELECT c.id, c.started_at, c.ended_at,
        (SELECT count(*) FROM segments s WHERE s.conversation_id = c.id),
        (SELECT s.original FROM segments s WHERE s.conversation_id = c.id
            ORDER BY s.position LIMIT 1),
        x.source_language, x.target_language, x.engine, c.seconds_sent
    FROM conversations c
    LEFT JOIN sessions x ON x.id = (
        SELECT min(id) FROM sessions WHERE conversation_id = c.id)
"""
_EXCHANGES: Final = """
    SELECT s.id, s.conversation_id, s.position, s.original, s.translated, s.start_s, s.end_s,
        s.wall_start, s.wall_end, s.correlation_id, s.direction, s.language,
        x.service_session_id, EXISTS (SELECT 1 FROM audio a WHERE a.segment_id = s.id)
    FROM segments s LEFT JOIN sessions x ON x.id = s.session_id
"""


def _conversation(row: tuple[Any, ...]) -> Conversation:
    return Conversation(
        id=row[0],
        started_at=row[1],
        ended_at=row[2],
        exchanges=row[3],
        preview=row[4] or "",
        source_language=row[5],
        target_language=row[6],
        engine=row[7],
        seconds_sent=row[8],
    )


def _exchange(row: tuple[Any, ...]) -> Exchange:
    return Exchange(
        id=row[0],
        conversation_id=row[1],
        position=row[2],
        original=row[3],
        translated=row[4],
        start_s=row[5],
        end_s=row[6],
        wall_start=row[7],
        wall_end=row[8],
        correlation_id=row[9],
        direction=row[10],
        language=row[11],
        session_id=row[12],
        has_audio=bool(row[13]),
    )


def _statements(script: str) -> list[str]:
    """A migration script as single statements (triggers hold semicolons of their own)."""
    out: list[str] = []
    current = ""
    for line in script.splitlines(keepends=True):
        current += line
        if sqlite3.complete_statement(current):
            if current.strip():
                out.append(current.strip())
            current = ""
    if current.strip():
        out.append(current.strip())
    return out


def _create_private(path: Path) -> None:
    """The folder 0700 and the file 0600 before SQLite first opens it (its -wal and -shm files
    then get the same mode); a file made by an older version is tightened."""
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd = os.open(path, os.O_CREAT | os.O_RDWR, 0o600)
        os.close(fd)
        os.chmod(path, 0o600)
    except OSError as error:
        raise HistoryUnavailable(
            f"The history file {path} cannot be created: {error.strerror}."
        ) from error


# -- translated speech ---------------------------------------------------------------------------


def encode_audio(samples: npt.NDArray[np.float32], rate: int) -> tuple[str, bytes]:
    """Ogg Opus where libsndfile can and the rate allows it, else FLAC (see the module doc)."""
    import numpy as np
    import soundfile

    x = np.clip(np.asarray(samples, dtype=np.float32).reshape(-1), -1.0, 1.0)
    buffer = io.BytesIO()
    if rate in OPUS_RATES and "OPUS" in soundfile.available_subtypes("OGG"):
        soundfile.write(buffer, x, rate, format="OGG", subtype="OPUS")
        return "opus", buffer.getvalue()
    soundfile.write(buffer, x, rate, format="FLAC", subtype="PCM_16")
    return "flac", buffer.getvalue()


def decode_audio(codec: str, data: bytes) -> tuple[npt.NDArray[np.float32], int]:
    import soundfile

    if codec not in ("opus", "flac"):
        raise HistoryUnavailable(f"Translated speech stored as {codec!r} cannot be played.")
    samples, rate = soundfile.read(io.BytesIO(data), dtype="float32", always_2d=False)
    return samples, int(rate)


# -- the writer thread ---------------------------------------------------------------------------


class HistoryWriter:
    """The one writer: a thread owning the write connection; jobs run in submission order.

    ``submit`` never blocks (the queue is unbounded: a final is a few hundred bytes and the disk
    keeps up); ``close`` finishes the queued jobs, then closes the connection. If the file cannot
    be opened, every job fails with :class:`HistoryUnavailable` and ``error`` says why.
    """

    def __init__(self, path: Path, *, name: str = "dragoman-history") -> None:
        self.path = path
        self.error: HistoryUnavailable | None = None
        self._jobs: queue.SimpleQueue[
            tuple[Callable[[HistoryDatabase], Any], concurrent.futures.Future[Any]] | None
        ] = queue.SimpleQueue()
        self._opened = concurrent.futures.Future[None]()
        self._closed = False
        self._pending = 0
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)
        self._thread.start()

    def __repr__(self) -> str:
        state = "closed" if self._closed else "failed" if self.error else "open"
        return f"HistoryWriter({str(self.path)!r}, {state}, pending={self._pending})"

    @property
    def pending(self) -> int:
        """Jobs queued or running (0: everything submitted is on disk)."""
        return self._pending

    @property
    def opened(self) -> concurrent.futures.Future[None]:
        return self._opened

    def submit(self, job: Callable[[HistoryDatabase], T]) -> concurrent.futures.Future[T]:
        future: concurrent.futures.Future[T] = concurrent.futures.Future()
        if self._closed:
            future.set_exception(HistoryUnavailable("The history is closed."))
            return future
        with self._lock:
            self._pending += 1
        self._jobs.put((job, future))
        return future

    def close(self, timeout: float | None = 10.0) -> None:
        """Finish what was queued, then close (idempotent; blocks: call it off the Qt thread)."""
        if not self._closed:
            self._closed = True
            self._jobs.put(None)
        self._thread.join(timeout)

    def _run(self) -> None:
        db: HistoryDatabase | None = None
        try:
            db = HistoryDatabase(self.path)
        except HistoryUnavailable as error:
            log.warning("%s", error)
            self.error = error
            self._opened.set_exception(error)
        else:
            self._opened.set_result(None)
        try:
            while True:
                item = self._jobs.get()
                if item is None:
                    return
                job, future = item
                try:
                    if db is None:
                        assert self.error is not None
                        raise self.error
                    if future.set_running_or_notify_cancel():
                        future.set_result(job(db))
                except BaseException as error:
                    if not future.done():
                        future.set_exception(_ours(error, self.path))
                finally:
                    with self._lock:
                        self._pending -= 1
        finally:
            if db is not None:
                db.close()


def _ours(error: BaseException, path: Path) -> BaseException:
    if isinstance(error, sqlite3.Error):
        return HistoryUnavailable(f"The history file {path} could not be written ({error}).")
    return error


def read(path: Path, job: Callable[[HistoryDatabase], T]) -> T:
    """Run a read on its own connection (WAL: it never waits for the writer); blocking."""
    db = HistoryDatabase(path, create=False)
    try:
        return job(db)
    finally:
        db.close()


# -- what the app uses ---------------------------------------------------------------------------


class HistoryService:
    """The history as the app uses it, from the Qt/asyncio thread without ever blocking it.

    Recording calls (``begin_conversation``, ``save_*``) queue a job for the writer thread and
    return at once; translated speech is encoded on a thread of its own first, so a final never
    waits behind an encoder (a crash right after a final must not lose it). User actions
    (delete, clear) await their jobs; reads run on their own connection on the blocking pool
    (:func:`dragoman.blocking.run_blocking`). The writer thread starts with the first write, so
    a history that is never written is never created.
    """

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or default_path()
        self._writer: HistoryWriter | None = None
        self._encoder: concurrent.futures.ThreadPoolExecutor | None = None
        self._encoding: set[concurrent.futures.Future[tuple[str, bytes]]] = set()
        self._failures = 0

    def __repr__(self) -> str:
        return f"HistoryService({self._writer or str(self.path)!r})"

    @property
    def pending(self) -> int:
        return len(self._encoding) + (0 if self._writer is None else self._writer.pending)

    @property
    def writing(self) -> bool:
        return self._writer is not None

    def exists(self) -> bool:
        return self.path.exists()

    def _queue(self, job: Callable[[HistoryDatabase], T]) -> concurrent.futures.Future[T]:
        if self._writer is None:
            self._writer = HistoryWriter(self.path)
        future = self._writer.submit(job)
        future.add_done_callback(self._note_failure)
        return future

    def _note_failure(self, future: concurrent.futures.Future[Any]) -> None:
        # On the writer thread: only count and log (the recorder reads ``failures``).
        if not future.cancelled() and future.exception() is not None:
            self._failures += 1
            log.warning("history write failed: %s", future.exception())

    @property
    def failures(self) -> int:
        return self._failures

    # Recording: queued, never awaited.
    def begin_conversation(self, uid: str, started_at: float) -> None:
        self._queue(lambda db: db.begin_conversation(uid, started_at))

    def save_session(self, record: SessionRecord) -> None:
        self._queue(lambda db: db.save_session(record))

    def save_segment(self, record: SegmentRecord) -> None:
        self._queue(lambda db: db.save_segment(record))

    def save_seconds_sent(self, conversation_uid: str, seconds: float) -> None:
        self._queue(lambda db: db.save_seconds_sent(conversation_uid, seconds))

    def save_times(
        self, uid: str, start_s: float | None, end_s: float | None, wall: tuple[float, float]
    ) -> None:
        self._queue(lambda db: db.save_times(uid, start_s, end_s, wall))

    def save_audio(self, uid: str, samples: npt.NDArray[np.float32], rate: int) -> None:
        saved_at = time.time()
        if self._writer is None:
            self._writer = HistoryWriter(self.path)
        if self._encoder is None:
            self._encoder = concurrent.futures.ThreadPoolExecutor(
                max_workers=1, thread_name_prefix="dragoman-history-encode"
            )
        encoding = self._encoder.submit(encode_audio, samples, rate)
        self._encoding.add(encoding)

        def encoded(future: concurrent.futures.Future[tuple[str, bytes]]) -> None:
            # On the encoder thread: hand the bytes to the writer (thread-safe), count failures.
            try:
                codec, data = future.result()
            except Exception as error:
                self._failures += 1
                log.warning("translated speech could not be encoded: %s", error)
            else:
                self._queue(
                    lambda db: db.save_encoded_audio(uid, codec, data, rate, len(samples), saved_at)
                )
            finally:
                self._encoding.discard(future)

        encoding.add_done_callback(encoded)

    # User actions and upkeep: awaited.
    async def _write(self, job: Callable[[HistoryDatabase], T]) -> T:
        import asyncio

        return await asyncio.wrap_future(self._queue(job))

    async def prune(self, retention: Retention) -> tuple[int, int]:
        if not self.exists():
            return 0, 0
        cutoff_now = time.time()
        return await self._write(lambda db: db.prune(retention, cutoff_now))

    async def delete_conversation(self, conversation_id: int) -> int:
        if not self.exists():
            return 0
        return await self._write(lambda db: db.delete_conversation(conversation_id))

    async def delete_exchanges(self, ids: list[int]) -> int:
        if not self.exists():
            return 0
        return await self._write(lambda db: db.delete_exchanges(ids))

    async def clear(self) -> None:
        if self.exists():
            await self._write(lambda db: db.clear())

    async def flush(self) -> None:
        """Everything queued so far is on disk (speech being encoded included)."""
        import asyncio

        for encoding in list(self._encoding):
            with contextlib.suppress(Exception):
                await asyncio.wrap_future(encoding)
        if self._writer is not None:
            await self._write(lambda db: None)

    # Reads: their own connection, on the blocking pool.
    async def _read(self, job: Callable[[HistoryDatabase], T], empty: T) -> T:
        from dragoman.blocking import run_blocking

        if not self.exists():
            return empty
        return await run_blocking(read, self.path, job)

    async def conversations(self, limit: int = 200) -> list[Conversation]:
        return await self._read(lambda db: db.conversations(limit), [])

    async def conversation(self, which: int | str) -> Conversation | None:
        return await self._read(lambda db: db.conversation(which), None)

    async def conversation_id(self, uid: str) -> int | None:
        return await self._read(lambda db: db.conversation_id(uid), None)

    async def exchanges(
        self, conversation_id: int, *, before_position: int | None = None, limit: int | None = None
    ) -> list[Exchange]:
        return await self._read(
            lambda db: db.exchanges(conversation_id, before_position=before_position, limit=limit),
            [],
        )

    async def exchanges_by_id(self, ids: list[int]) -> list[Exchange]:
        return await self._read(lambda db: db.exchanges_by_id(ids), [])

    async def search(self, text: str, limit: int = 200) -> list[Exchange]:
        return await self._read(lambda db: db.search(text, limit), [])

    async def audio(self, exchange_id: int) -> tuple[npt.NDArray[np.float32], int] | None:
        return await self._read(lambda db: db.audio(exchange_id), None)

    async def counts(self) -> dict[str, int]:
        return await self._read(lambda db: db.counts(), {})

    async def aclose(self) -> None:
        """Finish the queued writes and close the file (idempotent)."""
        from dragoman.blocking import run_blocking

        encoder, self._encoder = self._encoder, None
        if encoder is not None:
            await run_blocking(encoder.shutdown, wait=True)  # its bytes reach the writer first
        writer, self._writer = self._writer, None
        if writer is not None:
            await run_blocking(writer.close)
