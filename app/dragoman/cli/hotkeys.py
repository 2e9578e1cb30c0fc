"""``dragoman hotkey-test`` (watch the hotkey from outside) and ``dragoman ptt`` (command channel).

``hotkey-test`` prints one line per event on stdout, wherever focus is::

    press 12345.678901 forward pynput
    release 12345.901234 forward pynput
    cancel 12346.000001 - pynput
    press 12346.500000 forward channel      (from `dragoman ptt press`)

(kind, ``time.monotonic()`` when the back end saw it, direction, source), and what it listens with,
and why, on stderr. It exits after ``--count`` events, or with 0 on Ctrl-C; 1 when no back end
works. It also hosts the command channel, so ``dragoman ptt …`` can be tried against it.
"""

from __future__ import annotations

import argparse
import os
import signal
import socket
import sys
import time
from typing import Any

from dragoman.cli import EXIT_OK, EXIT_UNEXPECTED
from dragoman.cli.helptext import examples
from dragoman.core.chord import CANCEL_KEY, DEFAULT_CHORD, clashes, parse_chord
from dragoman.core.errors import HotkeyUnavailable, UsageError


def register(commands: Any) -> None:
    test = commands.add_parser(
        "hotkey-test",
        help="print hotkey press/release events, whatever window has focus",
        description="Print one line per hotkey event (press, release, cancel) with a monotonic "
        "timestamp and the back end that saw it. The first thing to run when the hotkey does "
        "nothing.",
        epilog=examples(
            "dragoman hotkey-test",
            "dragoman hotkey-test --chord ctrl+alt+space --count 4",
            "dragoman hotkey-test --backend portal     # the desktop portal (Wayland)",
        ),
    )
    test.add_argument("--chord", default=DEFAULT_CHORD, help="hotkey")
    test.add_argument("--reverse", metavar="CHORD", help="second hotkey: the other direction")
    test.add_argument("--cancel", metavar="CHORD", default=CANCEL_KEY, help="cancel key")
    test.add_argument("--count", type=int, metavar="N", help="exit after N events")
    test.add_argument(
        "--backend",
        choices=("auto", "pynput", "portal"),
        default="auto",
        help="back end (auto: the portal on Wayland, pynput on X11)",
    )
    test.set_defaults(run=run_hotkey_test)

    ptt = commands.add_parser(
        "ptt",
        help="press/release/toggle push-to-talk in the running Dragoman",
        description="Send push-to-talk to the running Dragoman (or dragoman hotkey-test): bind "
        "these to keys in your desktop's settings when global hotkeys are not available.",
        epilog=examples(
            "dragoman ptt press; sleep 3; dragoman ptt release",
            "dragoman ptt toggle                    # bind this to a key in the desktop settings",
            "dragoman ptt toggle --reverse          # the other direction (two-way)",
        ),
    )
    ptt.add_argument("action", choices=("press", "release", "toggle", "cancel", "show"))
    ptt.add_argument("--reverse", action="store_true", help="the other direction")
    ptt.set_defaults(run=run_ptt)

    setting = commands.add_parser(
        "set",
        help="change a setting of the running Dragoman",
        description="Change one setting of the running Dragoman, as the Settings dialog would "
        "(it is saved, and applied at once).",
        epilog=examples(
            "dragoman set ptt_mode toggle",
            "dragoman set target_language de",
        ),
    )
    setting.add_argument("name", help="the setting's name, as in dragoman.conf")
    setting.add_argument("value", help="its new value")
    setting.set_defaults(run=run_set)

    again = commands.add_parser(
        "say-again",
        help="play the last translation into the call again (the running Dragoman)",
        description="Play the last translation into the call output (the virtual microphone) "
        "again, and the monitor: for when the other side missed it. The row is marked in the "
        "transcript. Bind it to a key in your desktop's settings, or set a hotkey in Settings.",
        epilog=examples("dragoman say-again", "dragoman status --json | jq .said_again"),
    )
    again.set_defaults(run=run_say_again)

    mute = commands.add_parser(
        "mute-all",
        help="mute everything going into the call, or unmute it (the running Dragoman)",
        description="Mute everything Dragoman sends into the call output: your voice passed "
        "through in meeting mode, and translations (the monitor still plays them), until "
        "unmuted. Prints the new state.",
        epilog=examples(
            "dragoman mute-all            # toggles",
            "dragoman mute-all on",
            "dragoman mute-all off",
        ),
    )
    mute.add_argument(
        "action", nargs="?", choices=("toggle", "on", "off"), default="toggle", help="what to do"
    )
    mute.set_defaults(run=run_mute_all)

    status = commands.add_parser(
        "status",
        help="show the running Dragoman's state, session and transcript",
        description="Ask the running Dragoman what its window shows: state, session id, the "
        "last latencies and the paired transcript (JSON with --json).",
        epilog=examples("dragoman status", "dragoman status --json | jq .state"),
    )
    status.add_argument("--json", action="store_true", help="machine-readable output")
    status.set_defaults(run=run_status)


def run_ptt(args: argparse.Namespace) -> int:
    from dragoman.hotkeys.channel import send_command

    command = args.action
    if args.reverse:
        if command not in ("press", "release", "toggle"):
            raise UsageError(f"--reverse goes with press, release or toggle, not {command}.")
        command += " reverse"
    send_command(command)
    return EXIT_OK


def run_say_again(args: argparse.Namespace) -> int:
    from dragoman.hotkeys.channel import send_command

    send_command("say-again", timeout=5.0)  # a refusal comes back as a UsageError
    return EXIT_OK


def run_mute_all(args: argparse.Namespace) -> int:
    from dragoman.hotkeys.channel import send_command

    reply = send_command(f"mute-all {args.action}", timeout=5.0)
    print(reply.removeprefix("ok").strip())
    return EXIT_OK


def run_set(args: argparse.Namespace) -> int:
    from dragoman.hotkeys.channel import send_command

    reply = send_command(f"set {args.name}={args.value}", timeout=5.0)
    if reply.startswith("error"):
        raise UsageError(reply.removeprefix("error").strip())
    return 0


def run_hotkey_test(args: argparse.Namespace) -> int:
    chord = parse_chord(args.chord)  # usage errors before any Qt
    reverse = parse_chord(args.reverse) if args.reverse else None
    cancel = parse_chord(args.cancel) if args.cancel else None
    if args.count is not None and args.count < 1:
        raise UsageError("--count must be 1 or more.")
    for warning in clashes(chord, cancel_key=str(cancel) if cancel else None):
        print(f"dragoman: note: {warning}", file=sys.stderr)

    from PySide6.QtCore import QCoreApplication, QSocketNotifier

    from dragoman.hotkeys.backends import BackendChoice, choose_backend
    from dragoman.hotkeys.channel import ChannelInUse, CommandServer
    from dragoman.hotkeys.pushtotalk import NO_BACKEND, PushToTalk

    app = QCoreApplication.instance() or QCoreApplication([sys.argv[0]])
    choice = choose_backend(os.environ, args.backend)
    global_only = tuple(name for name in choice.order if name != "window")  # no window here
    if not global_only:
        raise HotkeyUnavailable(
            f"Nothing can watch the keyboard here: {choice.why}. Run it in your desktop session."
        )
    ptt = PushToTalk(BackendChoice(global_only, choice.why))
    state = {"events": 0, "code": EXIT_OK}

    def emit(kind: str, t: float, direction: str, source: str) -> None:
        print(f"{kind} {t:.6f} {direction} {source}", flush=True)
        state["events"] += 1
        if args.count is not None and state["events"] >= args.count:
            app.quit()

    ptt.events.pressed.connect(lambda d, t: emit("press", t, d, ptt.backend_name))
    ptt.events.released.connect(lambda d, t: emit("release", t, d, ptt.backend_name))
    ptt.events.cancelled.connect(lambda t: emit("cancel", t, "-", ptt.backend_name))
    ptt.events.backend_ready.connect(
        lambda sentence: print(
            f"dragoman: listening: {sentence}. Press Ctrl-C to stop.", file=sys.stderr, flush=True
        )
    )

    def on_backend_changed(name: str, why: str) -> None:
        if name == NO_BACKEND:
            print(f"dragoman: {why}", file=sys.stderr, flush=True)
            state["code"] = EXIT_UNEXPECTED
            app.quit()
        else:
            print(f"dragoman: using {name}: {why}.", file=sys.stderr, flush=True)

    ptt.backend_changed.connect(on_backend_changed)

    server = CommandServer()
    server.command_received.connect(lambda command: _on_command(command, emit, ptt.backend_name))
    try:
        server.listen()
    except ChannelInUse as error:
        print(f"dragoman: note: {error} `dragoman ptt` reaches that one.", file=sys.stderr)

    # Ctrl-C / SIGTERM: the handler only sets a flag; the wake-up socket gets Qt to run it.
    reader, writer = socket.socketpair()
    reader.setblocking(False)
    writer.setblocking(False)
    previous_fd = signal.set_wakeup_fd(writer.fileno())
    stop = {"requested": False}

    def on_signal(signum: int, frame: object) -> None:
        stop["requested"] = True

    handlers = {s: signal.signal(s, on_signal) for s in (signal.SIGINT, signal.SIGTERM)}
    notifier = QSocketNotifier(reader.fileno(), QSocketNotifier.Type.Read)

    def on_wakeup() -> None:
        try:
            reader.recv(64)
        except BlockingIOError:
            pass
        if stop["requested"]:
            app.quit()

    notifier.activated.connect(on_wakeup)
    try:
        ptt.start(chord, reverse, cancel)
        if state["code"] == EXIT_OK:
            app.exec()
    finally:
        notifier.setEnabled(False)
        ptt.stop()
        server.close()
        signal.set_wakeup_fd(previous_fd)
        for signum, handler in handlers.items():
            signal.signal(signum, handler)
        reader.close()
        writer.close()
    return state["code"]


def _on_command(command: str, emit: Any, backend: str) -> None:
    verb, _, direction = command.partition(" ")
    kinds = {"press": "press", "release": "release", "toggle": "toggle", "cancel": "cancel"}
    if verb in kinds:
        emit(kinds[verb], time.monotonic(), direction or "-", "channel")


def run_status(args: argparse.Namespace) -> int:
    import json

    from dragoman.hotkeys.channel import send_command

    reply = send_command("status", timeout=5.0)
    data = json.loads(reply.removeprefix("ok").strip() or "{}")
    if args.json:
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return 0
    print(f"state: {data.get('state', '?')}")
    if data.get("meeting") not in (None, "off"):  # meeting mode, or "mute all"
        print(f"call: {data['meeting']}")
    if data.get("session_id"):
        print(f"session: {data['session_id']}")
    if data.get("latency"):
        print(f"last utterance: {data['latency']}")
    for row in data.get("rows", []):
        mark = " (provisional)" if row.get("provisional") else ""
        print(f"- {row.get('original', '')}{mark}")
        if row.get("translation"):
            print(f"  → {row['translation']}")
    return 0
