"""``dragoman auth set|clear|status``: API keys in the OS keyring, for headless use.

``set`` reads the key without echo on a terminal, or from standard input, so it never appears in
argv (visible to every process), the shell history or a file.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from typing import Any

from dragoman.core.errors import UsageError
from dragoman.store.secrets import ENGINES, ENV_VARS, KeyringStore, clean_key, resolve_key


def register(commands: Any) -> None:
    parser = commands.add_parser("auth", help="store, remove or check API keys in the OS keyring")
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    for name, help_text, run in (
        ("set", "store a key (typed without echo, or piped on stdin)", run_set),
        ("clear", "remove a stored key", run_clear),
        ("status", "say where each engine's key comes from", run_status),
    ):
        sub = actions.add_parser(name, help=help_text)
        sub.add_argument("--engine", choices=ENGINES, default="pinch")
        sub.set_defaults(run=run)


def run_set(args: argparse.Namespace) -> int:
    if sys.stdin.isatty():
        raw = getpass.getpass(f"{args.engine.capitalize()} API key (input hidden): ")
    else:
        raw = sys.stdin.readline()
    if not raw.strip():
        raise UsageError("No key was given: nothing stored.")
    KeyringStore().set(args.engine, clean_key(raw))
    print(f"Stored the {args.engine} key in the OS keyring.")
    return 0


def run_clear(args: argparse.Namespace) -> int:
    removed = KeyringStore().delete(args.engine)
    print(f"Removed the {args.engine} key." if removed else f"No {args.engine} key was stored.")
    return 0


def run_status(args: argparse.Namespace) -> int:
    store = KeyringStore()
    found = resolve_key(args.engine, store)
    if found is None:
        print(
            f"{args.engine}: no key (keyring: {store.describe()}). "
            f"Run `dragoman auth set --engine {args.engine}` or set {ENV_VARS[args.engine]}."
        )
        return 3
    print(f"{args.engine}: key set, from {found[1]}.")
    return 0
