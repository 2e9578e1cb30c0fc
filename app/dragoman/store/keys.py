"""API keys without the keyring: the SecretStore interface, the session-only store, key rules.

The OS keyring itself is :class:`dragoman.store.secrets.KeyringStore`, which the composition
root builds and injects. The UI depends only on this module: an import-linter contract keeps
``keyring`` (and the module that wraps it) out of the UI's and the controller's imports, so a
keyring call, which may block on an unlock prompt, cannot slip onto the Qt thread from there.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Final, Protocol

from dragoman.core.errors import SecretStoreUnavailable, UsageError

__all__ = [
    "ENGINES",
    "ENV_VARS",
    "SecretStore",
    "SessionOnlyStore",
    "clean_key",
    "key_from_environment",
    "resolve_key",
]

ENGINES: Final = ("pinch", "pulse")
ENV_VARS: Final = {"pinch": "PINCH_API_KEY", "pulse": "SMALLEST_API_KEY"}


class SecretStore(Protocol):
    """Where API keys are kept.

    ``get``, ``set`` and ``delete`` may block (a keyring unlock prompt stays open as long as the
    person leaves it): on the Qt thread, call them only through ``await run_blocking(...)``.
    They raise :class:`SecretStoreUnavailable` when the store is missing, locked or refuses.
    ``generation`` changes after every ``set`` or ``delete``, so a key read before is known
    to be stale.
    """

    @property
    def generation(self) -> int: ...

    def get(self, engine: str) -> str | None: ...
    def set(self, engine: str, key: str) -> None: ...
    def delete(self, engine: str) -> bool: ...
    def describe(self) -> str: ...


class SessionOnlyStore:
    """Keys kept in memory for this run only, for systems without a usable keyring."""

    def __init__(self) -> None:
        self._keys: dict[str, str] = {}
        self.generation = 0

    def __repr__(self) -> str:
        return f"SessionOnlyStore(engines={sorted(self._keys)})"

    def describe(self) -> str:
        return "this session only (not saved)"

    def get(self, engine: str) -> str | None:
        return self._keys.get(engine)

    def set(self, engine: str, key: str) -> None:
        self._keys[engine] = key
        self.generation += 1

    def delete(self, engine: str) -> bool:
        self.generation += 1
        return self._keys.pop(engine, None) is not None


def clean_key(raw: str) -> str:
    """A key as typed or pasted: surrounding whitespace and a ``Bearer`` prefix removed."""
    key = raw.strip()
    if key.lower().startswith("bearer "):
        key = key[7:].strip()
    if not key or any(c.isspace() for c in key) or not key.isprintable():
        raise UsageError("That does not look like an API key (empty, or contains spaces).")
    return key


def key_from_environment(engine: str, environ: dict[str, str] | None = None) -> str | None:
    """The key ``PINCH_API_KEY`` / ``SMALLEST_API_KEY`` gives, cleaned; None when unset."""
    env = os.environ if environ is None else environ
    raw = env.get(ENV_VARS[engine], "")
    return clean_key(raw) if raw.strip() else None


def resolve_key(
    engine: str,
    store: SecretStore,
    *,
    key_file: Path | None = None,
    environ: dict[str, str] | None = None,
) -> tuple[str, str] | None:
    """The key for ``engine`` and where it came from: key file, environment, then keyring.

    Returns None when no source has one, including when the keyring cannot be used (the CLI
    then says which keyring it tried). A key file that cannot be read is a usage error, not a
    silent fall-through to another key. Blocking: for the CLI, not the Qt thread.
    """
    if key_file is not None:
        try:
            text = key_file.read_text(encoding="utf-8")
        except OSError as exc:
            raise UsageError(f"Cannot read the key file {key_file}: {exc.strerror}.") from exc
        return clean_key(text), f"file {key_file}"
    from_env = key_from_environment(engine, environ)
    if from_env is not None:
        return from_env, f"environment variable {ENV_VARS[engine]}"
    try:
        stored = store.get(engine)
    except SecretStoreUnavailable:
        return None
    if stored:
        return stored, f"keyring ({store.describe()})"
    return None
