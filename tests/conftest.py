"""Fixtures shared across the test tree."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.testbed.keyring import TestbedError, secret_service


@pytest.fixture
def keyring_env(tmp_path: Path) -> Iterator[dict[str, str]]:
    """Environment for child processes: a private bus with an unlocked gnome-keyring.

    A missing daemon fails the test instead of skipping it, because CI installs them.
    """
    with contextlib.ExitStack() as stack:
        try:
            env = stack.enter_context(secret_service(tmp_path))
        except TestbedError as error:
            problem = str(error)
        else:
            yield env
            return
    pytest.fail(problem, pytrace=False)  # outside `except`: one sentence, no chained traceback
