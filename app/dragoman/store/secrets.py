"""API keys live only in the OS keyring, behind a small interface.

There is deliberately no file fallback: when no keyring backend works, callers say so and may use
``SessionOnlyStore``, which forgets the key when the process ends.  Plain-text keyring backends
(keyrings.alt and friends) are refused even when installed, because they would silently write the
key to disk.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Final, Protocol

from dragoman.core.errors import SecretStoreUnavailable, UsageError

SERVICE: Final = "dragoman"
ENGINES: Final = ("pinch", "pulse")
ENV_VARS: Final = {"pinch": "PINCH_API_KEY", "pulse": "SMALLEST_API_KEY"}
_INSECURE_BACKENDS: Final = ("keyrings.alt", "keyring.backends.fail", "keyring.backends.null")


class SecretStore(Protocol):
    def get(self, engine: str) -> str | None: ...
    def set(self, engine: str, key: str) -> None: ...
    def delete(self, engine: str) -> bool: ...
    def describe(self) -> str: ...


class KeyringStore:
    """The OS keyring (Secret Service, macOS Keychain, Windows Credential Locker)."""

    def __init__(self, service: str = SERVICE) -> None:
        self._service = service

    def __repr__(self) -> str:
        return f"KeyringStore(service={self._service!r})"

    def _backend(self) -> object:
        import keyring  # imported on use: it probes D-Bus at import time

        backend = keyring.get_keyring()
        module = type(backend).__module__
        if module.startswith(_INSECURE_BACKENDS) or _is_chainer_without_secure(backend):
            raise SecretStoreUnavailable(
                "No secure keyring is available on this system (no Secret Service / KWallet "
                "running): start your desktop's keyring, or use the key for this session only."
            )
        return backend

    def describe(self) -> str:
        try:
            backend = self._backend()
        except SecretStoreUnavailable:
            return "no secure keyring"
        return f"{type(backend).__module__}.{type(backend).__name__}"

    def get(self, engine: str) -> str | None:
        backend = self._backend()
        try:
            value = backend.get_password(self._service, engine)  # type: ignore[attr-defined]  # backend typed as object to keep keyring imports local
        except Exception as exc:
            raise _unavailable(exc) from exc
        return value if isinstance(value, str) and value else None

    def set(self, engine: str, key: str) -> None:
        backend = self._backend()
        try:
            backend.set_password(self._service, engine, key)  # type: ignore[attr-defined]  # as above
        except Exception as exc:
            raise _unavailable(exc) from exc

    def delete(self, engine: str) -> bool:
        import keyring.errors  # imported on use, as in _backend

        backend = self._backend()
        try:
            backend.delete_password(self._service, engine)  # type: ignore[attr-defined]  # as above
        except keyring.errors.PasswordDeleteError:
            return False
        except Exception as exc:
            raise _unavailable(exc) from exc
        return True


def _is_chainer_without_secure(backend: object) -> bool:
    backends = getattr(backend, "backends", None)
    if backends is None:
        return False
    secure = [b for b in backends if not type(b).__module__.startswith(_INSECURE_BACKENDS)]
    return not secure


def _unavailable(exc: Exception) -> SecretStoreUnavailable:
    detail = str(exc).strip() or type(exc).__name__
    return SecretStoreUnavailable(
        f"The OS keyring refused the request ({detail}): unlock your keyring and try again, "
        "or use the key for this session only."
    )


class SessionOnlyStore:
    """Keys kept in memory for this run only, for systems without a keyring."""

    def __init__(self) -> None:
        self._keys: dict[str, str] = {}

    def __repr__(self) -> str:
        return f"SessionOnlyStore(engines={sorted(self._keys)})"

    def describe(self) -> str:
        return "this session only (not saved)"

    def get(self, engine: str) -> str | None:
        return self._keys.get(engine)

    def set(self, engine: str, key: str) -> None:
        self._keys[engine] = key

    def delete(self, engine: str) -> bool:
        return self._keys.pop(engine, None) is not None


def clean_key(raw: str) -> str:
    """A key as typed or pasted: surrounding whitespace and a ``Bearer`` prefix removed."""
    key = raw.strip()
    if key.lower().startswith("bearer "):
        key = key[7:].strip()
    if not key or any(c.isspace() for c in key) or not key.isprintable():
        raise UsageError("That does not look like an API key (empty, or contains spaces).")
    return key


def resolve_key(
    engine: str,
    store: SecretStore,
    *,
    key_file: Path | None = None,
    environ: dict[str, str] | None = None,
) -> tuple[str, str] | None:
    """The key for ``engine`` and where it came from: key file, environment, then keyring.

    Returns None when no source has one. A key file that cannot be read is a usage error, not a
    silent fall-through to another key.
    """
    if key_file is not None:
        try:
            text = key_file.read_text(encoding="utf-8")
        except OSError as exc:
            raise UsageError(f"Cannot read the key file {key_file}: {exc.strerror}.") from exc
        return clean_key(text), f"file {key_file}"
    env = os.environ if environ is None else environ
    name = ENV_VARS[engine]
    if env.get(name, "").strip():
        return clean_key(env[name]), f"environment variable {name}"
    try:
        stored = store.get(engine)
    except SecretStoreUnavailable:
        return None
    if stored:
        return stored, f"keyring ({store.describe()})"
    return None
