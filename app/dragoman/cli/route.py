"""``dragoman route-test``: does the call app hear Dragoman? (the Settings button's twin)

Plays a short chirp into the call output and records the virtual microphone's source, as a call
app would (see :mod:`dragoman.audio.route_test`). Exit codes: 0 the chirp arrived (the delay is
printed); 1 the route is broken (one sentence saying what and the next step); 2 a device named
with ``--output`` / ``--input`` does not exist.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from dragoman.cli.helptext import examples

EXIT_ROUTE_BROKEN = 1


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "route-test",
        help="check that a call app hears Dragoman: a test tone through the virtual microphone",
        description=(
            "Play a 300 ms test tone into Dragoman's call output and record the virtual "
            "microphone (“Dragoman Microphone”) as a call app would; print the delay, or what is "
            "wrong and what to do. Without options the call output saved in Settings is tested "
            "(the virtual microphone when it is off)."
        ),
        epilog=examples(
            "dragoman route-test                   # the call output saved in Settings",
            "dragoman route-test --output 'Dragoman Microphone'",
            "dragoman route-test --output pulse:my_sink --input pulse:my_sink.monitor",
        )
        + "\n\nExit codes: 0 the tone arrived; 1 the route is broken (the sentence says why);\n"
        "2 no such device.",
    )
    parser.add_argument(
        "--output",
        metavar="DEVICE",
        help="output to play into (name or id; default: the call output)",
    )
    parser.add_argument(
        "--input",
        metavar="DEVICE",
        help="input to record (name or id; default: the virtual microphone's source)",
    )
    parser.set_defaults(run=run_route_test)


def _saved_call_output() -> str:
    """The call output in the app's settings ("" when off or unreadable)."""
    try:
        from dragoman.store.settings import SettingsStore
    except ImportError:  # no Qt: nothing saved can be read, test the virtual microphone
        return ""
    return SettingsStore().load().settings.call_output


def run_route_test(args: argparse.Namespace) -> int:
    from dragoman.audio.route_test import check_route

    call_output = "" if args.output else _saved_call_output()
    result = check_route(call_output, output=args.output, input_device=args.input, if_off="virtual")
    if result.ok:
        print(result.sentence)
        return 0
    print(f"dragoman: {result.sentence}", file=sys.stderr)
    return EXIT_ROUTE_BROKEN
