"""``dragoman profile``: list, choose, save and delete per-call profiles in the running Dragoman.

A profile (issue 17) holds the language pair, the voice, speech or text, the push-to-talk mode,
the outputs with their volumes and meeting mode. Choosing one during a hold never cuts it: the
profile applies once that hold is over (the reply says so).
"""

from __future__ import annotations

import argparse
import json
from typing import Any

from dragoman.cli.helptext import examples
from dragoman.core.errors import UsageError


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "profile",
        help="list, choose, save or delete per-call profiles in the running Dragoman",
        description="Per-call profiles of the running Dragoman: named presets of the language "
        "pair, voice, speech or text, push-to-talk mode, outputs and meeting mode. `use` and "
        "`next` choose one (during a hold, from the next hold); `save` keeps the current "
        "settings under a name.",
        epilog=examples(
            "dragoman profile list",
            'dragoman profile save "Team call"',
            'dragoman profile use "Team call"',
            "dragoman profile next                  # bind this to a key",
        ),
    )
    parser.add_argument("action", choices=("list", "next", "use", "save", "delete"))
    parser.add_argument("name", nargs="*", help="the profile's name (use, save, delete)")
    parser.set_defaults(run=run_profile)


def run_profile(args: argparse.Namespace) -> int:
    from dragoman.hotkeys.channel import send_command

    name = " ".join(args.name).strip()
    if args.action in ("use", "save", "delete") and not name:
        raise UsageError(f"profile {args.action} needs the profile's name.")
    if args.action in ("list", "next") and name:
        raise UsageError(f"profile {args.action} takes no name.")
    reply = send_command(f"profile {args.action} {name}".rstrip(), timeout=5.0)
    answer = reply.removeprefix("ok").strip()
    if args.action != "list":
        print(answer)
        return 0
    data = json.loads(answer or "{}")
    if not data.get("profiles"):
        print("No profiles yet: `dragoman profile save NAME` keeps the current settings as one.")
        return 0
    for profile in data["profiles"]:
        mark = "*" if profile["name"] == data.get("active") else " "
        if profile["name"] == data.get("pending"):
            mark = ">"
        print(f"{mark} {profile['name']}: {describe(profile)}")
    return 0


def describe(profile: dict[str, Any]) -> str:
    parts = [
        f"{profile['source_language']} → {profile['target_language']}",
        f"{profile['voice']} voice" if profile["speech_output"] else "text only",
        str(profile["ptt_mode"]),
        f"call {profile['call_output'] or 'off'}",
        f"monitor {profile['monitor_output'] or 'off'}",
        "meeting mode" if profile["meeting_mode"] else "no meeting mode",
    ]
    return ", ".join(parts)
