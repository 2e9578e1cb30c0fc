"""``dragoman languages``: the language table as the app sees it."""

from __future__ import annotations

import argparse
from typing import Any

from dragoman.cli.helptext import examples


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "languages",
        help="list languages and which can be spoken",
        description="The language codes --from / --to take, their names, and whether Pinch can "
        "speak the translation (the others are translated to text only).",
        epilog=examples(
            "dragoman languages",
            "dragoman languages --speech            # targets with speech output",
            "dragoman languages | grep -i portug",
        ),
    )
    parser.add_argument("--speech", action="store_true", help="only speech-output targets")
    parser.set_defaults(run=run_languages)


def run_languages(args: argparse.Namespace) -> int:
    from dragoman.resources import load_languages

    languages = load_languages()
    rows = [lang for lang in languages if lang.speech or not args.speech]
    width = max(len(lang.code) for lang in rows)
    name_width = max(len(lang.english) for lang in rows)
    print(f"{'code':<{width}}  {'language':<{name_width}}  speech  native name")
    for lang in rows:
        speech = "yes" if lang.speech else "no"
        print(f"{lang.code:<{width}}  {lang.english:<{name_width}}  {speech:<6}  {lang.native}")
    return 0
