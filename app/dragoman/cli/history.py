"""``dragoman history`` and ``dragoman export``: the saved conversations, from the shell.

They read the history file directly (the desktop app may be running: the file is in WAL mode, so
reading never waits for it), and never create it.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from dragoman.cli.helptext import examples
from dragoman.core.errors import DragomanError, UsageError
from dragoman.core.history import (
    FORMATS,
    Conversation,
    Exchange,
    exchange_json,
    iso_time,
    local_time,
    render,
)


def register(commands: Any) -> None:
    history = commands.add_parser(
        "history",
        help="list saved conversations, or search them",
        description="List the saved conversations (newest first) or, with --search, the "
        "exchanges whose original or translation contains every word given.",
        epilog=examples(
            "dragoman history",
            "dragoman history --search 'quarterly report' --limit 5",
            "dragoman history clear --yes",
        ),
    )
    history.add_argument("--json", action="store_true", help="machine-readable, with the rows")
    history.add_argument("--search", metavar="TEXT", help="words to find (prefixes match)")
    history.add_argument("--limit", type=_positive, default=20, metavar="N", help="at most N")
    history.set_defaults(run=run_history)
    actions = history.add_subparsers(dest="history_action", metavar="ACTION")
    clear = actions.add_parser(
        "clear",
        help="delete the whole history",
        description="Delete every saved conversation (asks first, unless --yes).",
        epilog=examples("dragoman history clear", "dragoman history clear --yes"),
    )
    clear.add_argument("--yes", action="store_true", help="do not ask")
    clear.set_defaults(run=run_clear)

    export = commands.add_parser(
        "export",
        help="write a saved conversation as text, subtitles, JSON or CSV",
        description="Write a saved conversation (its id from `dragoman history`, or 'latest').",
        epilog=examples(
            "dragoman export latest --format srt --out talk.srt",
            "dragoman export 12 --format json > conversation.json",
        ),
    )
    export.add_argument("conversation", metavar="CONVERSATION_ID|latest")
    export.add_argument("--format", choices=FORMATS, required=True)
    export.add_argument("--out", type=Path, metavar="FILE", help="write here instead of stdout")
    export.set_defaults(run=run_export)


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError("it must be 1 or more")
    return value


def _path() -> Path:
    from dragoman.store.history import default_path

    return default_path()


def run_history(args: argparse.Namespace) -> int:
    from dragoman.store.history import read

    path = _path()
    if not path.exists():
        print(json.dumps({"conversations": []}) if args.json else "No history yet.")
        return 0
    if args.search:
        hits = read(path, lambda db: db.search(args.search, args.limit))
        if args.json:
            print(_dumps({"matches": [exchange_json(e) for e in hits]}))
        else:
            for e in hits:
                print(f"#{e.conversation_id}  {local_time(e.wall_start)}  {_pair(e)}")
            if not hits:
                print("Nothing matches.")
        return 0

    def listing(db: Any) -> list[tuple[Conversation, list[Exchange]]]:
        return [(c, db.exchanges(c.id) if args.json else []) for c in db.conversations(args.limit)]

    found = read(path, listing)
    if args.json:
        print(
            _dumps(
                {
                    "conversations": [
                        {
                            **_conversation_json(c),
                            "exchanges": [exchange_json(e) for e in rows],
                        }
                        for c, rows in found
                    ]
                }
            )
        )
        return 0
    for c, _rows in found:
        pair = f"{c.source_language}→{c.target_language}  " if c.source_language else ""
        preview = c.preview if len(c.preview) <= 50 else c.preview[:49] + "…"
        print(f"{c.id:>5}  {local_time(c.started_at)}  {c.exchanges:>4} exchanges  {pair}{preview}")
    if not found:
        print("No history yet.")
    return 0


def run_clear(args: argparse.Namespace) -> int:
    from dragoman.store.history import HistoryDatabase

    path = _path()
    if not path.exists():
        print("No history to clear.")
        return 0
    if not args.yes:
        if not sys.stdin.isatty():
            raise UsageError("Clearing the history needs --yes when nobody can be asked.")
        answer = input("Delete every saved conversation? [y/N] ")
        if answer.strip().lower() not in ("y", "yes"):
            print("Nothing deleted.")
            return 0
    db = HistoryDatabase(path)
    try:
        db.clear()
    finally:
        db.close()
    print("History cleared.")
    return 0


def run_export(args: argparse.Namespace) -> int:
    from dragoman.store.history import read

    which: int | str = args.conversation
    if which != "latest":
        try:
            which = int(args.conversation)
        except ValueError:
            raise UsageError(
                f"{args.conversation!r} is not a conversation id: use a number from "
                "`dragoman history`, or 'latest'."
            ) from None
    path = _path()
    if not path.exists():
        raise DragomanError("There is no history yet: nothing to export.")

    def load(db: Any) -> tuple[Conversation | None, list[Exchange]]:
        conversation = db.conversation(which)
        return conversation, db.exchanges(conversation.id) if conversation else []

    conversation, rows = read(path, load)
    if conversation is None:
        raise DragomanError(f"There is no conversation {which} in the history.")
    text = render(rows, args.format, conversation)
    if args.out is None:
        sys.stdout.write(text)
        return 0
    try:
        args.out.write_text(text, encoding="utf-8", newline="")
    except OSError as error:
        raise UsageError(f"Cannot write {args.out}: {error.strerror}.") from error
    print(f"Wrote {len(rows)} exchanges to {args.out}.", file=sys.stderr)
    return 0


def _pair(e: Exchange) -> str:
    return f"{e.original} → {e.translated}" if e.translated else e.original


def _conversation_json(c: Conversation) -> dict[str, object]:
    return {
        "id": c.id,
        "started_at": iso_time(c.started_at),
        "ended_at": None if c.ended_at is None else iso_time(c.ended_at),
        "exchange_count": c.exchanges,
        "source_language": c.source_language,
        "target_language": c.target_language,
        "engine": c.engine,
    }


def _dumps(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)
