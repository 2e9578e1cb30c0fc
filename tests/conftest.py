"""Fixtures shared across the test tree."""

from __future__ import annotations

import contextlib
import gc
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from dragoman.core.i18n import choose_language
from tests.testbed.keyring import TestbedError, secret_service

# In-process Qt never needs a screen: widget tests run offscreen. Tests on a real X server start
# their own Xvfb and run the app as a subprocess with its own QT_QPA_PLATFORM.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# QtDBus must never autolaunch a session bus that outlives the tests.
os.environ.setdefault("DBUS_SESSION_BUS_ADDRESS", "disabled:")


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


# As in the app (dragoman.ui.gc_guard): cyclic garbage is collected on the main thread only, so a
# Qt object in a cycle left by one test is never destroyed by the collector running in another
# test's hotkey-listener or executor thread (Qt: "Timers cannot be stopped from another thread").
gc.disable()


@pytest.fixture(autouse=True)
def _collect_garbage_on_the_main_thread() -> Iterator[None]:
    yield
    gc.collect()


# The desktop UI follows LANGUAGE / LC_ALL / LC_MESSAGES / LANG (dragoman.ui.i18n): tests and the
# app processes they start are in English unless a test asks for another language. Only set when
# the environment would choose another language: LANGUAGE also changes Qt's default locale (and
# so collation), which tests written under LANG=C.UTF-8 expect as it is.
if choose_language("system", os.environ) != "en":
    os.environ["LANGUAGE"] = "en"


# Parallel runs (the README's test command: pytest-xdist with `-n 2`). Each file's tests stay on
# one worker (their module fixtures are set up once); the files that play or capture audio in real
# time, drive an X server, or load the machine heavily form one unit, so they run one after another
# on one worker while the other worker takes the rest. (A scheduler of our own rather than
# xdist_group marks: --dist loadgroup reads a node id suffix that pytest 9 no longer lets a plugin
# set, so it silently spreads a group over both workers.)
_SERIAL_FILES = frozenset(
    {
        "tests/gui/test_floating_x11.py",
        "tests/integration/test_audio_capture.py",
        "tests/integration/test_audio_devices.py",
        "tests/integration/test_audio_playback.py",
        "tests/integration/test_audio_rates.py",
        "tests/integration/test_audio_rig.py",
        "tests/integration/test_audio_routing.py",
        "tests/integration/test_cli_devices.py",
        "tests/integration/test_history_replay.py",
        "tests/integration/test_hotkeys_x11.py",
        "tests/integration/test_packaging.py",
        "tests/integration/test_passthrough.py",
        "tests/integration/test_pushtotalk.py",
        "tests/integration/test_route_test.py",
        "tests/integration/test_wheel.py",
        "tests/unit/test_fuzz_parsers.py",
    }
)


def _serial(path: str) -> bool:
    return path.startswith("tests/e2e/") or path in _SERIAL_FILES


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config: pytest.Config, log: Any) -> Any:
    from xdist.scheduler import LoadScopeScheduling

    class SerialAndFiles(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            path = nodeid.split("::", 1)[0]
            return "serial" if _serial(path) else path

    return SerialAndFiles(config, log)
