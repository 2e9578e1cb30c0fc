"""``--help`` of every command shows its defaults and a few real invocations to copy."""

from __future__ import annotations

import argparse
import subprocess
import sys
from collections.abc import Iterator

import pytest

from dragoman.cli import build_parser
from dragoman.cli.helptext import HelpFormatter


def commands(
    parser: argparse.ArgumentParser, prefix: str = "dragoman"
) -> Iterator[tuple[str, argparse.ArgumentParser]]:
    """Every (sub-)command's parser, named as it is typed ("dragoman auth set")."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield f"{prefix} {name}", sub
                yield from commands(sub, f"{prefix} {name}")


def leaves() -> list[tuple[str, argparse.ArgumentParser]]:
    """The commands that run something (``auth`` itself only chooses one of its actions)."""
    found = list(commands(build_parser()))
    parents = {name.rsplit(" ", 1)[0] for name, _ in found}
    return [(name, sub) for name, sub in found if name not in parents or name == "dragoman history"]


LEAVES = leaves()


def test_every_command_is_covered() -> None:
    names = {name for name, _ in LEAVES}
    assert {"dragoman translate", "dragoman devices", "dragoman auth set", "dragoman dub"} <= names
    assert len(names) >= 17


@pytest.mark.parametrize(("name", "parser"), LEAVES, ids=[name for name, _ in LEAVES])
def test_help_ends_with_examples_of_that_command(
    name: str, parser: argparse.ArgumentParser
) -> None:
    text = parser.format_help()
    assert "\nExamples:\n" in text, text
    examples = text.split("\nExamples:\n", 1)[1].split("\n\n", 1)[0].splitlines()
    invocations = [line.strip() for line in examples if line.strip()]
    assert 2 <= len(invocations) <= 4, examples
    command = name.removeprefix("dragoman ").split(" ")[0]
    assert invocations[0].startswith(f"dragoman {command}"), invocations
    assert all("dragoman " in line for line in invocations), invocations
    # Kept as written (one invocation per line), not re-wrapped into a paragraph.
    assert all(line.startswith("  ") for line in examples if line.strip())


@pytest.mark.parametrize(("name", "parser"), LEAVES, ids=[name for name, _ in LEAVES])
def test_every_default_is_shown(name: str, parser: argparse.ArgumentParser) -> None:
    text = " ".join(parser.format_help().split())
    for action in parser._actions:
        default = action.default
        if (
            not action.option_strings
            or default in (None, argparse.SUPPRESS)
            or isinstance(default, bool)
            or action.dest == "help"
        ):
            continue
        shown = f"(default: {default})"
        assert action.help, f"{name} {action.option_strings[0]} has a default but no help"
        assert shown in text or "default" in action.help, (action.option_strings, text)


def test_the_formatter_leaves_switches_and_unset_options_alone() -> None:
    parser = argparse.ArgumentParser(prog="x", formatter_class=HelpFormatter)
    parser.add_argument("--fast", action="store_true", help="go fast")
    parser.add_argument("--out", help="where")
    parser.add_argument("--rate", type=int, default=16_000, help="sample rate")
    parser.add_argument("--poll", type=float, default=12.0, help="seconds (default 12)")
    text = " ".join(parser.format_help().split())
    assert "go fast (default" not in text and "where (default" not in text
    assert "sample rate (default: 16000)" in text
    assert "(default 12) (default" not in text


def test_translate_help_as_a_person_runs_it() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "dragoman", "translate", "--help"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    flat = " ".join(done.stdout.split())
    assert "(default: en)" in flat and "(default: es)" in flat and "(default: male)" in flat
    assert "Examples:\n  dragoman translate " in done.stdout
