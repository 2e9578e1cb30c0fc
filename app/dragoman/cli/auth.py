"""``dragoman auth set|clear|status``: API keys in the OS keyring, for headless use.

``set`` reads the key without echo on a terminal, or from standard input, so it never appears in
argv (visible to every process), the shell history or a file.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from typing import Any, Final

from dragoman.cli.arguments import keyring_usable, without_keyring
from dragoman.cli.helptext import examples
from dragoman.core.errors import SecretStoreUnavailable, UsageError
from dragoman.store.secrets import ENGINES, ENV_VARS, KeyringStore, clean_key, resolve_key

_EXAMPLES: Final = {
    "set": (
        "dragoman auth set                      # paste the Pinch key (hidden), press Enter",
        "dragoman auth set --engine pulse < key.txt",
    ),
    "clear": ("dragoman auth clear", "dragoman auth clear --engine pulse"),
    "status": ("dragoman auth status", "dragoman auth status --engine pulse"),
}


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "auth",
        help="store, remove or check API keys in the OS keyring",
        description="API keys in the OS keyring (Secret Service, KWallet, Keychain). Without a "
        f"keyring, give the key in {ENV_VARS['pinch']} / {ENV_VARS['pulse']} or with "
        "--api-key-file FILE instead.",
        epilog=examples(
            "dragoman auth set",
            "dragoman auth status",
            "PINCH_API_KEY=pk_... dragoman translate talk.wav --to de   # no keyring",
        ),
    )
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    for name, help_text, run in (
        ("set", "store a key (typed without echo, or piped on stdin)", run_set),
        ("clear", "remove a stored key", run_clear),
        ("status", "say where each engine's key comes from", run_status),
    ):
        sub = actions.add_parser(
            name, help=help_text, description=f"{help_text[0].upper()}{help_text[1:]}."
        )
        sub.add_argument(
            "--engine",
            choices=ENGINES,
            default="pinch",
            help="pinch: translation and dubbing; pulse: Smallest AI transcription",
        )
        sub.epilog = examples(*_EXAMPLES[name])
        sub.set_defaults(run=run)


def run_set(args: argparse.Namespace) -> int:
    store = KeyringStore()
    if not keyring_usable(store, args.engine):  # before asking for a key that cannot be kept
        raise SecretStoreUnavailable(f"Nothing stored: {without_keyring(args.engine)}")
    if sys.stdin.isatty():
        raw = getpass.getpass(f"{args.engine.capitalize()} API key (input hidden): ")
    else:
        raw = sys.stdin.readline()
    if not raw.strip():
        raise UsageError("No key was given: nothing stored.")
    store.set(args.engine, clean_key(raw))
    print(f"Stored the {args.engine} key in the OS keyring.")
    return 0


def run_clear(args: argparse.Namespace) -> int:
    try:
        removed = KeyringStore().delete(args.engine)
    except SecretStoreUnavailable as error:
        raise SecretStoreUnavailable(
            f"{error} (A key given in {ENV_VARS[args.engine]} is not stored anywhere: unset "
            "the variable.)"
        ) from None
    print(f"Removed the {args.engine} key." if removed else f"No {args.engine} key was stored.")
    return 0


def run_status(args: argparse.Namespace) -> int:
    store = KeyringStore()
    found = resolve_key(args.engine, store)
    if found is not None:
        print(f"{args.engine}: key set, from {found[1]}.")
        return 0
    if keyring_usable(store, args.engine):
        print(
            f"{args.engine}: no key (keyring: {store.describe()}). "
            f"Run `dragoman auth set --engine {args.engine}` or set {ENV_VARS[args.engine]}."
        )
    else:
        print(f"{args.engine}: no key, and {without_keyring(args.engine)}")
    return 3
