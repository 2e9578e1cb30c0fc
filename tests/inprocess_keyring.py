"""The real gnome-keyring test bed, seen from this process (for the app's async key paths).

:func:`tests.testbed.keyring.secret_service` gives an environment for child processes. The GUI
and the engine factory read keys in-process, on the thread ``run_blocking`` picks, so these tests
point this process's ``keyring`` at the private bus instead (and back afterwards, through
``monkeypatch``). ``lock_keyring`` locks the login collection over D-Bus, as a screen lock or
``seahorse`` would: every read then needs an unlock prompt, which cannot open here, so keyring
raises ``KeyringLocked`` exactly as when a person dismisses the prompt.
"""

from __future__ import annotations

import contextlib
import subprocess
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from dragoman.store.secrets import KeyringStore
from tests.testbed.keyring import TestbedError, secret_service

# keyring's SecretService backend opens a D-Bus connection for every call and never closes it;
# the sockets are collected later, with a ResourceWarning that is keyring's, not ours.
KEYRING_LEAKS_SOCKETS = pytest.mark.filterwarnings("ignore:unclosed <socket:ResourceWarning")

_DEFAULT_COLLECTION = "/org/freedesktop/secrets/aliases/default"


def use_keyring_of(env: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> None:
    """From now on (until monkeypatch undoes it), ``keyring`` in this process uses ``env``'s bus.

    With an ``env`` from :func:`tests.testbed.keyring.isolated_env` alone (bus ``disabled:``),
    that is a machine with no keyring at all.
    """
    import keyring.backend
    import keyring.core

    for name in ("DBUS_SESSION_BUS_ADDRESS", "XDG_CONFIG_HOME", "XDG_DATA_HOME"):
        monkeypatch.setenv(name, env[name])
    for name in ("PYTHON_KEYRING_BACKEND", "PINCH_API_KEY", "SMALLEST_API_KEY"):
        monkeypatch.delenv(name, raising=False)
    # keyring chooses its backend once per process, from a list of viable ones it also probes
    # once: both again, for this bus (monkeypatch puts the process's own choice back).
    monkeypatch.setattr(keyring.core, "_keyring_backend", None)
    unprobed = keyring.backend.get_all_keyring.__wrapped__
    monkeypatch.setattr(keyring.backend, "get_all_keyring", unprobed)


@contextlib.contextmanager
def keyring_in_this_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[dict[str, str]]:
    """An unlocked gnome-keyring on a private bus, used by this process's ``keyring``.

    A missing daemon fails the test instead of skipping it, as in the ``keyring_env`` fixture.
    """
    with contextlib.ExitStack() as stack:
        try:
            env = stack.enter_context(secret_service(tmp_path))
        except TestbedError as error:
            problem = str(error)
        else:
            use_keyring_of(env, monkeypatch)
            yield env
            return
    pytest.fail(problem, pytrace=False)


def lock_keyring(env: dict[str, str]) -> None:
    """Lock the default collection, as the desktop does on screen lock or on request."""
    subprocess.run(
        [
            "dbus-send",
            f"--bus={env['DBUS_SESSION_BUS_ADDRESS']}",
            "--print-reply",
            "--dest=org.freedesktop.secrets",
            "/org/freedesktop/secrets",
            "org.freedesktop.Secret.Service.Lock",
            f"array:objpath:{_DEFAULT_COLLECTION}",
        ],
        env=env,
        capture_output=True,
        timeout=10,
        check=True,
    )


class KeyringCalls:
    """Every KeyringStore call, with the thread it ran on (spied, still doing the real work)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.calls: list[tuple[str, str]] = []  # (method, thread name)
        self._lock = threading.Lock()
        for method in ("get", "set", "delete"):
            monkeypatch.setattr(
                KeyringStore, method, self._spy(method, getattr(KeyringStore, method))
            )

    def _spy(self, method: str, real: Callable[..., Any]) -> Callable[..., Any]:
        def spy(store: KeyringStore, *args: Any) -> Any:
            with self._lock:
                self.calls.append((method, threading.current_thread().name))
            return real(store, *args)

        return spy

    def named(self, method: str) -> list[str]:
        with self._lock:
            return [thread for name, thread in self.calls if name == method]

    def on_main_thread(self) -> list[str]:
        main = threading.main_thread().name
        with self._lock:
            return [name for name, thread in self.calls if thread == main]
