"""The ``dragoman`` command: sub-commands for headless work.

Every failure ends with one sentence on stderr and an exit code (never a traceback):
0 ok; 2 usage or unreadable input; 3 auth (401); 4 not entitled (403); 5 unavailable after
retries; 6 protocol error or unsupported language; 7 a result file could not be written (the
others were); 1 anything else.  What is printed is cleaned first (``clean_text``): text a server
put into an error cannot drive the terminal or fail to encode.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence
from typing import Any, NoReturn

from dragoman.cli.helptext import HelpFormatter, examples
from dragoman.cli.version import VersionAction
from dragoman.core.errors import DragomanError

EXIT_OK = 0
EXIT_UNEXPECTED = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130

log = logging.getLogger("dragoman")


class _ArgumentError(DragomanError):
    exit_code = EXIT_USAGE


class _Parser(argparse.ArgumentParser):
    """argparse that reports usage errors with exit code 2 and one sentence, like our errors,
    and whose ``--help`` shows defaults and examples (``cli.helptext``)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", HelpFormatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        raise _ArgumentError(f"{message[0].upper()}{message[1:]}.")


def build_parser() -> argparse.ArgumentParser:
    from dragoman.cli import audio, auth, dub, hotkeys, info
    from dragoman.cli import history as history_command
    from dragoman.cli import profile as profile_command
    from dragoman.cli import route as route_command
    from dragoman.cli import transcribe as transcribe_command
    from dragoman.cli import translate as translate_command

    parser = _Parser(
        prog="dragoman",
        description=(
            "Push-to-talk speech translation. Without a command, the desktop app starts; "
            "the commands are for headless use and diagnostics. `dragoman COMMAND --help` "
            "shows each command's options, defaults and examples."
        ),
        epilog=examples(
            "dragoman                              # the desktop app",
            "dragoman translate talk.wav --to de --out talk.de.wav",
            "dragoman devices",
        ),
    )
    parser.add_argument("--version", action=VersionAction)
    parser.add_argument(
        "-v", "--verbose", action="count", default=0, help="log progress (-vv: debug)"
    )
    parser.add_argument(
        "--hidden", action="store_true", help="start the desktop app in the tray, window hidden"
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    translate_command.register(commands)
    transcribe_command.register(commands)
    info.register(commands)
    auth.register(commands)
    hotkeys.register(commands)
    audio.register(commands)
    route_command.register(commands)
    history_command.register(commands)
    dub.register(commands)
    profile_command.register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
        if args.command is None:
            from dragoman.main import run_gui

            # The app logs to its own file, and to stderr only with -v (main.configure_logging).
            return run_gui(hidden=args.hidden, verbosity=args.verbose)
        _configure_logging(args.verbose)
        code: int = args.run(args)
        return code
    except DragomanError as error:
        print(f"dragoman: {_clean(str(error))}", file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        print("dragoman: interrupted.", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # The reader went away (`dragoman languages | head`): stop quietly, as shell tools do.
        # Point stdout at /dev/null so the interpreter's final flush cannot fail again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except Exception as error:  # the last line of defence: one sentence, details in the log
        log.debug("unexpected error", exc_info=True)
        print(
            _clean(
                f"dragoman: unexpected error ({type(error).__name__}: {error}). "
                "Run again with -vv for details, and report it if it persists."
            ),
            file=sys.stderr,
        )
        return EXIT_UNEXPECTED


def _clean(sentence: str) -> str:
    from dragoman.core.transcript import clean_text  # here: not on the desktop app's start path

    return clean_text(sentence)


def _configure_logging(verbosity: int) -> None:
    level = logging.ERROR if verbosity == 0 else logging.INFO if verbosity == 1 else logging.DEBUG
    logging.basicConfig(level=level, format="%(asctime)s %(name)s %(levelname)s: %(message)s")
    # Library chatter (frames, headers) stays out even at -vv: it could carry tokens.
    for noisy in ("websockets", "httpx", "httpcore", "hpack"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
