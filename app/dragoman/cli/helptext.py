"""How ``--help`` reads: every option's default after its help, and an "Examples:" epilog.

argparse's own ``ArgumentDefaultsHelpFormatter`` prints "(default: None)" and "(default: False)"
for every flag and switch; this one names a default only when there is one worth reading, and
leaves alone a help text that already says what its default is.
"""

from __future__ import annotations

import argparse
from typing import Final

EXAMPLES: Final = "Examples:"


class HelpFormatter(argparse.HelpFormatter):
    """Defaults after each option's help; the examples epilog kept line by line as written."""

    def _get_help_string(self, action: argparse.Action) -> str | None:
        text = action.help or ""
        default = action.default
        if (
            "default" in text
            or default is None
            or isinstance(default, bool)
            or default == argparse.SUPPRESS
            or not (action.option_strings or action.nargs in (argparse.OPTIONAL, "*"))
        ):
            return text
        return f"{text} (default: %(default)s)" if text else "(default: %(default)s)"

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        if text.startswith(EXAMPLES):
            return "\n".join(f"{indent}{line}" for line in text.splitlines())
        return super()._fill_text(text, width, indent)


def examples(*lines: str) -> str:
    """The epilog: ``lines`` are whole invocations (a ``  # comment`` may follow one)."""
    return "\n".join([EXAMPLES, *(f"  {line}" for line in lines)])
