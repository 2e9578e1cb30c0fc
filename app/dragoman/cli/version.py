"""``dragoman --version``: the version and those of Python, Qt/PySide6 and PortAudio."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import Any, NoReturn


class VersionAction(argparse.Action):
    """Like argparse's ``version`` action, but the text is gathered only when asked for."""

    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: Any) -> None:
        kwargs.setdefault("help", "print the versions of Dragoman, Python, Qt and PortAudio")
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, **kwargs)

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: str | Sequence[Any] | None,
        option_string: str | None = None,
    ) -> NoReturn:
        from dragoman.versions import version_text

        print(version_text())
        parser.exit()
