"""``dragoman history`` and ``dragoman export``: the saved conversations, from the shell.

They read the history file directly (the desktop app may be running: the file is in WAL mode, so
reading never waits for it), and never create it. ``dragoman history`` also shows the minutes of
audio sent per day (the usage file, which counts every hold, kept in the history or not), with
their cost only when a price per minute is set in the app's settings.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

from dragoman.cli.helptext import examples
from dragoman.core.cost import (
    UsageHistory,
    UsageUnreadable,
    cost,
    local_day,
    minutes_text,
    sent_text,
)
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
        description="List the saved conversations (newest first) and the minutes of audio "
        "sent per day (with their cost when a price per minute is set in the app's Settings), "
        "or, with --search, the exchanges whose original or translation contains every word "
        "given.",
        epilog=examples(
            "dragoman history",
            "dragoman history --days 30 --json | jq .usage",
            "dragoman history --search 'quarterly report' --limit 5",
            "dragoman history clear --yes",
        ),
    )
    history.add_argument("--json", action="store_true", help="machine-readable, with the rows")
    history.add_argument("--search", metavar="TEXT", help="words to find (prefixes match)")
    history.add_argument("--limit", type=_positive, default=20, metavar="N", help="at most N")
    history.add_argument(
        "--days",
        type=_positive,
        default=7,
        metavar="N",
        help="show the minutes sent on the last N days (today included)",
    )
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
    if args.search:
        if not path.exists():
            print(json.dumps({"matches": []}) if args.json else "No history yet.")
            return 0
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

    found = read(path, listing) if path.exists() else []
    usage = _usage()
    price = usage.price_per_minute
    if args.json:
        print(
            _dumps(
                {
                    "conversations": [
                        {
                            **_conversation_json(c, price),
                            "exchanges": [exchange_json(e) for e in rows],
                        }
                        for c, rows in found
                    ],
                    "usage": _usage_json(usage, args.days),
                }
            )
        )
        return 0
    for c, _rows in found:
        pair = f"{c.source_language}→{c.target_language}  " if c.source_language else ""
        preview = c.preview if len(c.preview) <= 50 else c.preview[:49] + "…"
        sent = f"{sent_text(c.seconds_sent, price)}  " if c.seconds_sent else ""
        print(
            f"{c.id:>5}  {local_time(c.started_at)}  {c.exchanges:>4} exchanges  "
            f"{pair}{sent}{preview}"
        )
    if not found:
        print("No history yet.")
    _print_usage(usage, args.days)
    return 0


def _usage() -> UsageHistory:
    """The usage file's per-day totals, priced at the app's saved price (if any)."""
    from dragoman.store.usage import UsageStore

    today = local_day(time.time())
    price = _saved_price()
    try:
        return UsageHistory(UsageStore().read(), today, price)
    except UsageUnreadable as error:
        return UsageHistory({}, today, price, problem=error.text)


def _saved_price() -> float | None:
    """The price per minute set in the app's Settings (None when unset or unreadable)."""
    try:
        from dragoman.store.settings import SettingsStore
    except ImportError:  # no Qt: no saved settings can be read, so no price
        return None
    return SettingsStore().load().settings.price_per_minute


def _print_usage(usage: UsageHistory, days: int) -> None:
    """The minutes sent per day after the list; nothing when no audio was ever counted."""
    if usage.problem is not None:
        print(f"dragoman: {usage.problem}", file=sys.stderr)
        return
    if not usage.days:
        return
    print()
    price = usage.price_per_minute
    priced = (
        f"cost at your price of {price:g} per minute"
        if price is not None
        else "no cost shown: set a price per minute in the app's Settings → Session"
    )
    print(f"Audio sent to the service, last {days} days ({priced}):")
    recent = usage.recent_days(days)
    for day, seconds in recent:
        spent = usage.cost_on(day)
        money = "" if spent is None else f"  cost {spent:.2f}"
        print(f"  {day}  {minutes_text(seconds):>10}{money}")
    if not recent:
        print("  none")
        return
    total = sum(seconds for _day, seconds in recent)
    spent = cost(total, price)
    money = "" if spent is None else f"  cost {spent:.2f}"
    print(f"  {'total':<10}  {minutes_text(total):>10}{money}")


def _usage_json(usage: UsageHistory, days: int) -> dict[str, object]:
    """Per day: the seconds and minutes sent, and the cost (null without a price)."""
    recent = usage.recent_days(days)
    total = sum(seconds for _day, seconds in recent)
    spent = cost(total, usage.price_per_minute)
    return {
        "price_per_minute": usage.price_per_minute,
        "days_shown": days,
        "error": None if usage.problem is None else str(usage.problem),
        "total_seconds_sent": round(total, 3),
        "total_cost": None if spent is None else round(spent, 4),
        "days": [
            {
                "day": day,
                "seconds_sent": round(seconds, 3),
                "minutes_sent": round(seconds / 60, 3),
                "cost": None if (spent := usage.cost_on(day)) is None else round(spent, 4),
            }
            for day, seconds in recent
        ],
    }


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


def _conversation_json(c: Conversation, price: float | None) -> dict[str, object]:
    """``seconds_sent`` and ``cost`` are null where the history did not record the audio sent
    (conversations from before Dragoman counted it, and ``dragoman translate --history``)."""
    spent = None if c.seconds_sent is None else cost(c.seconds_sent, price)
    return {
        "id": c.id,
        "started_at": iso_time(c.started_at),
        "ended_at": None if c.ended_at is None else iso_time(c.ended_at),
        "exchange_count": c.exchanges,
        "source_language": c.source_language,
        "target_language": c.target_language,
        "engine": c.engine,
        "seconds_sent": None if c.seconds_sent is None else round(c.seconds_sent, 3),
        "cost": None if spent is None else round(spent, 4),
    }


def _dumps(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)
